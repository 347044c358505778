//! Merging copies of the answers file (ours, theirs and, from git, the base
//! both started from) so that nothing either holds is lost: assessments are a
//! set; the plan, roster, agreements, evidence and unknown fields merge key by
//! key, the later change winning. A removal is a dated change like any other,
//! so a merge never brings back what was removed.

use std::collections::HashMap;

use indexmap::IndexMap;
use jiff::Timestamp;

use crate::core::answers::agreed::{Agreement, Evidence};
use crate::core::answers::plan::{Review, Step, Target};
use crate::core::answers::roster::{self, Member, fold};
use crate::core::answers::{Assessment, History};

/// One entry of the file, as a merge brought it in or found it on one side.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)] // each holds its key and value as the file has them
pub enum Entry {
    Step(String, Step),
    Target(String, Target),
    Review(Option<Review>),
    Member(String, Member),
    Agreement(Agreement),
    Evidence(Evidence),
    Field(serde_yaml::Value, serde_yaml::Value),
}

/// One side of a conflict: its entry, and when it was set (if known).
pub type Side = (Entry, Option<Timestamp>);

/// A key both sides changed differently: the later change is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Ours: the file merged into.
    pub ours: Side,
    /// Theirs: the file merged in.
    pub theirs: Side,
    /// Whether theirs was kept (set later); missing or equal times keep ours.
    pub theirs_won: bool,
}

/// What a merge brought in from theirs, as data for the shell to word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Assessments that came in: who (the member, where the roster knows them) and when.
    pub assessments: Vec<(Option<String>, Timestamp)>,
    /// One person at one time with different answers on each side: both kept.
    pub clashes: Vec<(Option<String>, Timestamp)>,
    /// Entries that came in from theirs.
    pub changes: Vec<Entry>,
    /// Keys both sides changed differently.
    pub conflicts: Vec<Conflict>,
}

/// Merges `theirs` into `ours`; `base`, where known (git), is the file both
/// changed from, and tells a change from a value the other side never had.
pub fn merge(ours: &History, theirs: &History, base: Option<&History>) -> (History, Report) {
    let mut r = Report::default();
    let mut h = ours.clone();
    let (o, t, b) = (&ours.plan, &theirs.plan, base.map(|b| &b.plan));
    h.plan.actions = map(&o.actions, &t.actions, b.map(|b| &b.actions), &mut r);
    h.plan.targets = map(&o.targets, &t.targets, b.map(|b| &b.targets), &mut r);
    let review = |p: &crate::core::answers::plan::Plan| [(p.review, p.review_set_at)];
    let base_review = b.map(review);
    (h.plan.review, h.plan.review_set_at) = keyed(
        &review(o),
        &review(t),
        base_review.as_ref().map(|r| &r[..]),
        &mut r,
    )[0];
    h.team = map(&ours.team, &theirs.team, base.map(|b| &b.team), &mut r);
    h.evidence = keyed(
        &ours.evidence,
        &theirs.evidence,
        base.map(|b| &b.evidence[..]),
        &mut r,
    );
    h.agreements = agreements(ours, theirs, base, &mut r);
    let fields = |m: &serde_yaml::Mapping| {
        m.iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    let extra = base.map(|b| fields(&b.extra));
    h.extra = keyed(
        &fields(&ours.extra),
        &fields(&theirs.extra),
        extra.as_deref(),
        &mut r,
    )
    .into_iter()
    .collect();
    assessments(&mut h, theirs, &mut r);
    (h, r)
}

/// How entries of one section merge: the names an entry goes by (two
/// sharing one are the same key), when it was set, the entry itself, and
/// whether one supersedes the other without a conflict.
trait Keyed: Clone + PartialEq {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry);
    fn supersedes(&self, _other: &Self) -> bool {
        false
    }
}

impl Keyed for (String, Step) {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry) {
        (
            vec![self.0.clone()],
            self.1.set_at,
            Entry::Step(self.0.clone(), self.1.clone()),
        )
    }
}

impl Keyed for (String, Target) {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry) {
        (
            vec![self.0.clone()],
            self.1.set_at,
            Entry::Target(self.0.clone(), self.1.clone()),
        )
    }
}

/// A member goes by their name and spellings, so a copy from before a
/// rename merges into the renamed member.
impl Keyed for (String, Member) {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry) {
        let names = std::iter::once(&self.0)
            .chain(&self.1.spellings)
            .map(|n| fold(n))
            .collect();
        (
            names,
            self.1.set_at,
            Entry::Member(self.0.clone(), self.1.clone()),
        )
    }
}

impl Keyed for (Option<Review>, Option<Timestamp>) {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry) {
        (vec![String::new()], self.1, Entry::Review(self.0))
    }
}

/// Evidence is one item per action, text and time; its removal supersedes it.
impl Keyed for Evidence {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry) {
        (
            vec![format!("{}\n{}\n{}", self.action, self.text, self.at)],
            Some(self.removed.unwrap_or(self.at)),
            Entry::Evidence(self.clone()),
        )
    }
    fn supersedes(&self, other: &Self) -> bool {
        self.removed.is_some() && other.removed.is_none()
    }
}

/// Unknown fields carry no date: where both differ, ours is kept.
impl Keyed for (serde_yaml::Value, serde_yaml::Value) {
    fn parts(&self) -> (Vec<String>, Option<Timestamp>, Entry) {
        (
            vec![format!("{:?}", self.0)],
            None,
            Entry::Field(self.0.clone(), self.1.clone()),
        )
    }
}

/// [`keyed`] over a map of the file, in ours' order.
fn map<T: Clone>(
    ours: &IndexMap<String, T>,
    theirs: &IndexMap<String, T>,
    base: Option<&IndexMap<String, T>>,
    report: &mut Report,
) -> IndexMap<String, T>
where
    (String, T): Keyed,
{
    let pairs = |m: &IndexMap<String, T>| {
        m.iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    keyed(
        &pairs(ours),
        &pairs(theirs),
        base.map(pairs).as_deref(),
        report,
    )
    .into_iter()
    .collect()
}

/// Merges one section: each of theirs is matched to ours; an entry only one
/// side has is kept; where both differ, the one that changed from `base`
/// wins, or the one that supersedes the other, or else the later (ties and
/// unknown times: ours), reported as a conflict.
fn keyed<T: Keyed>(ours: &[T], theirs: &[T], base: Option<&[T]>, report: &mut Report) -> Vec<T> {
    let same = |a: &T, b: &T| {
        let names = a.parts().0;
        b.parts().0.iter().any(|n| names.contains(n))
    };
    let mut out = ours.to_vec();
    for t in theirs {
        let (_, t_at, t_entry) = t.parts();
        let Some(i) = out.iter().position(|o| same(o, t)) else {
            out.push(t.clone());
            report.changes.push(t_entry);
            continue;
        };
        let o = &out[i];
        let was = base.map(|b| b.iter().find(|b| same(b, t)));
        if o == t || was == Some(Some(t)) || o.supersedes(t) {
            continue;
        }
        if was == Some(Some(o)) || t.supersedes(o) {
            report.changes.push(t_entry);
            out[i] = t.clone();
            continue;
        }
        let (_, o_at, o_entry) = o.parts();
        let theirs_won = matches!((o_at, t_at), (Some(a), Some(b)) if b > a);
        report.conflicts.push(Conflict {
            ours: (o_entry, o_at),
            theirs: (t_entry, t_at),
            theirs_won,
        });
        if theirs_won {
            out[i] = t.clone();
        }
    }
    out
}

/// Agreements are kept whole on both sides (for one round and action, the
/// latest counts); where each side's latest is one the other never saw, both
/// changed it: a conflict, which the later wins by that rule.
fn agreements(
    ours: &History,
    theirs: &History,
    base: Option<&History>,
    report: &mut Report,
) -> Vec<Agreement> {
    let key = |a: &Agreement| (a.round, a.action.clone());
    let latest = |list: &[Agreement], a: &Agreement| {
        list.iter()
            .filter(|b| key(b) == key(a))
            .max_by_key(|b| b.at)
            .cloned()
    };
    let known = |a: &Agreement| {
        theirs.agreements.contains(a) || base.is_some_and(|b| b.agreements.contains(a))
    };
    let mut out = ours.agreements.clone();
    for t in theirs
        .agreements
        .iter()
        .filter(|t| !ours.agreements.contains(t))
    {
        out.push(t.clone());
        report.changes.push(Entry::Agreement(t.clone()));
        if let Some(o) = latest(&ours.agreements, t).filter(|o| !known(o))
            && latest(&theirs.agreements, t).as_ref() == Some(t)
            && o.answer != t.answer
        {
            report.changes.pop();
            let theirs_won = t.at > o.at;
            let (ours, theirs) = (
                (Entry::Agreement(o.clone()), Some(o.at)),
                (Entry::Agreement(t.clone()), Some(t.at)),
            );
            report.conflicts.push(Conflict {
                ours,
                theirs,
                theirs_won,
            });
        }
    }
    out
}

/// Assessments are a set: one person (matched through the merged roster) at
/// one time with the same answers and notes is one; with different answers
/// both are kept. Incoming ones take the member's name; the result is sorted
/// by time (ties: ours first) when any came in.
fn assessments(h: &mut History, theirs: &History, report: &mut Report) {
    let names = roster::Names::new(&h.team);
    let key = |a: &Assessment| (names.key(a.respondent.as_deref()), a.taken_at);
    let mut all = std::mem::take(&mut h.assessments);
    let ours = all.len();
    let mut seen: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, a) in all.iter().enumerate() {
        seen.entry(key(a)).or_default().push(i);
    }
    for t in &theirs.assessments {
        let at_once = seen.entry(key(t)).or_default();
        if at_once
            .iter()
            .any(|&i| all[i].answers == t.answers && all[i].notes == t.notes)
        {
            continue;
        }
        let mut t = t.clone();
        t.respondent = t
            .respondent
            .map(|n| names.member(&n).map_or(n.clone(), str::to_string));
        if !at_once.is_empty() {
            report.clashes.push((t.respondent.clone(), t.taken_at));
        }
        report.assessments.push((t.respondent.clone(), t.taken_at));
        at_once.push(all.len());
        all.push(t);
    }
    if all.len() > ours {
        all.sort_by_key(|a| a.taken_at);
    }
    h.assessments = all;
}

/// Whether `name` is a sync service's conflict copy of the answers file
/// named `file`: OneDrive `STEM-COMPUTER.EXT`, Dropbox and Nextcloud
/// `STEM (… conflicted copy …).EXT`, Syncthing `STEM.sync-conflict-….EXT`,
/// Google Drive `STEM (1).EXT`.
pub fn is_conflict_copy(file: &str, name: &str) -> bool {
    let (stem, ext) = file
        .rsplit_once('.')
        .map_or((file, String::new()), |(s, e)| (s, format!(".{e}")));
    let Some(middle) = name
        .strip_prefix(stem)
        .and_then(|m| m.strip_suffix(ext.as_str()))
    else {
        return false;
    };
    let paren = middle
        .strip_prefix(" (")
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or_default();
    let computer = middle.strip_prefix('-').unwrap_or_default();
    paren.contains("conflicted copy")
        || (!paren.is_empty() && paren.bytes().all(|b| b.is_ascii_digit()))
        || middle.starts_with(".sync-conflict-")
        || (!computer.is_empty()
            && computer
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answer;
    use proptest::prelude::*;

    fn at(s: &str) -> Timestamp {
        format!("2026-12-{s}Z").parse().unwrap()
    }

    fn by(who: &str, when: &str, answer: Answer) -> Assessment {
        let mut a = Assessment::new(&crate::tests::grid(1, 1), at(when));
        a.respondent = Some(who.into());
        a.answers.insert("d0.a0".into(), answer);
        a
    }

    fn with(assessments: Vec<Assessment>) -> History {
        History {
            assessments,
            ..History::default()
        }
    }

    fn owner(h: &History, action: &str) -> Option<String> {
        h.plan.step(action).and_then(|s| s.owner.clone())
    }

    #[test]
    fn assessments_are_a_set_sorted_by_time_and_one_person_at_one_time_answering_twice_keeps_both()
    {
        let ours = with(vec![
            by("Sam", "01T10:00:00", Answer::NotYet),
            by("Priya", "03T10:00:00", Answer::InPlace),
        ]);
        let theirs = with(vec![
            by("sam", "01T10:00:00", Answer::NotYet),
            by("Alex", "02T10:00:00", Answer::InPlace),
            by("Priya", "03T10:00:00", Answer::NotYet),
        ]);
        let (h, r) = merge(&ours, &theirs, None);
        let who: Vec<_> = h
            .assessments
            .iter()
            .map(|a| (a.respondent.clone().unwrap(), a.answer("d0.a0")))
            .collect();
        let want = [
            ("Sam", Answer::NotYet),
            ("Alex", Answer::InPlace),
            ("Priya", Answer::InPlace),
            ("Priya", Answer::NotYet),
        ];
        assert_eq!(
            who,
            want.map(|(w, a)| (w.to_string(), Some(a))),
            "sorted, ties ours first"
        );
        assert_eq!(
            r.assessments,
            [
                (Some("Alex".into()), at("02T10:00:00")),
                (Some("Priya".into()), at("03T10:00:00"))
            ]
        );
        assert_eq!(r.clashes, [(Some("Priya".into()), at("03T10:00:00"))]);
        assert_eq!(
            merge(&h, &theirs, None).0,
            h,
            "merging again changes nothing"
        );
    }

    #[test]
    fn plan_entries_merge_per_key_and_the_later_change_wins_a_conflict() {
        let (mut ours, mut theirs) = (History::default(), History::default());
        ours.plan
            .set_step("a", Some("Sam".into()), None, at("01T10:00:00"));
        theirs
            .plan
            .set_step("a", Some("Priya".into()), None, at("03T10:00:00"));
        theirs
            .plan
            .set_step("b", Some("Jo".into()), None, at("02T10:00:00"));
        let (h, r) = merge(&ours, &theirs, None);
        assert_eq!(
            (owner(&h, "a"), owner(&h, "b")),
            (Some("Priya".into()), Some("Jo".into()))
        );
        assert_eq!(
            r.changes,
            [Entry::Step("b".into(), theirs.plan.actions["b"].clone())]
        );
        let c = &r.conflicts[0];
        assert!(
            c.theirs_won
                && c.ours.1 == Some(at("01T10:00:00"))
                && c.theirs.1 == Some(at("03T10:00:00"))
        );
        assert_eq!(
            c.ours.0,
            Entry::Step("a".into(), ours.plan.actions["a"].clone())
        );
        let (h, r) = merge(&theirs, &ours, None);
        assert_eq!(
            owner(&h, "a"),
            Some("Priya".into()),
            "the later wins from either side"
        );
        assert!(!r.conflicts[0].theirs_won);
    }

    #[test]
    fn without_times_or_with_equal_ones_ours_wins_and_the_difference_is_reported() {
        let (mut ours, mut theirs) = (History::default(), History::default());
        ours.plan.actions.insert(
            "a".into(),
            Step {
                owner: Some("Sam".into()),
                ..Step::default()
            },
        );
        theirs.plan.actions.insert(
            "a".into(),
            Step {
                owner: Some("Priya".into()),
                set_at: Some(at("03T10:00:00")),
                ..Step::default()
            },
        );
        ours.extra.insert("service".into(), "North".into());
        theirs.extra.insert("service".into(), "South".into());
        theirs.extra.insert("region".into(), "East".into());
        let (h, r) = merge(&ours, &theirs, None);
        assert_eq!(owner(&h, "a"), Some("Sam".into()));
        assert_eq!(r.conflicts.len(), 2, "{r:?}");
        assert!(r.conflicts.iter().all(|c| !c.theirs_won));
        assert_eq!(
            (h.extra["service"].as_str(), h.extra["region"].as_str()),
            (Some("North"), Some("East"))
        );
    }

    #[test]
    fn with_a_base_a_change_on_one_side_is_taken_and_only_both_changing_is_a_conflict() {
        let mut base = History::default();
        base.plan
            .set_step("a", Some("Sam".into()), None, at("03T10:00:00"));
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        theirs
            .plan
            .set_step("a", Some("Priya".into()), None, at("01T10:00:00"));
        let (h, r) = merge(&ours, &theirs, Some(&base));
        assert_eq!(
            (owner(&h, "a"), r.conflicts.len()),
            (Some("Priya".into()), 0),
            "theirs changed it, ours did not"
        );
        ours.plan
            .set_step("a", Some("Jo".into()), None, at("02T10:00:00"));
        let (h, r) = merge(&ours, &theirs, Some(&base));
        assert_eq!((owner(&h, "a"), r.conflicts.len()), (Some("Jo".into()), 1));
    }

    #[test]
    fn a_removal_is_a_dated_change_so_a_merge_never_brings_back_what_was_removed() {
        let mut old = History::default();
        old.plan
            .set_step("a", Some("Sam".into()), None, at("01T10:00:00"));
        old.plan
            .set_target("d", Some("s1".into()), None, at("01T10:00:00"));
        let evidence = Evidence {
            action: "a".into(),
            text: "Minutes".into(),
            link: None,
            by: None,
            at: at("01T10:00:00"),
            removed: None,
        };
        old.evidence.push(evidence.clone());
        let mut new = old.clone();
        new.plan.set_step("a", None, None, at("02T10:00:00"));
        new.plan.set_target("d", None, None, at("02T10:00:00"));
        new.evidence[0].removed = Some(at("02T10:00:00"));
        for (h, _) in [merge(&new, &old, None), merge(&old, &new, None)] {
            assert!(h.plan.step("a").is_none() && h.plan.target("d").is_none());
            assert_eq!(h.evidence[0].removed, Some(at("02T10:00:00")));
        }
        let (_, r) = merge(&old, &new, None);
        assert!(
            r.changes
                .contains(&Entry::Evidence(new.evidence[0].clone())),
            "a removal supersedes: {r:?}"
        );
        assert!(
            !r.conflicts
                .iter()
                .any(|c| matches!(c.ours.0, Entry::Evidence(_)))
        );
    }

    #[test]
    fn a_copy_from_before_a_rename_merges_into_the_renamed_member() {
        let mut old = with(vec![by("Pryia", "01T10:00:00", Answer::NotYet)]);
        crate::core::answers::roster::add(&mut old, "Sam", None, at("01T09:00:00")).unwrap();
        let mut renamed = old.clone();
        crate::core::answers::roster::rename(&mut renamed, "Pryia", "Priya", at("02T10:00:00"))
            .unwrap();
        old.assessments
            .push(by("Pryia", "03T10:00:00", Answer::InPlace));
        let (h, r) = merge(&renamed, &old, None);
        assert_eq!(h.team.keys().collect::<Vec<_>>(), ["Priya", "Sam"]);
        assert_eq!(
            h.assessments.len(),
            2,
            "the first is the same assessment under both names"
        );
        assert_eq!(r.assessments, [(Some("Priya".into()), at("03T10:00:00"))]);
    }

    #[test]
    fn agreements_are_kept_whole_and_both_sides_changing_one_is_a_conflict() {
        let agreed = |answer, day: &str| Agreement {
            round: Some(jiff::civil::date(2026, 12, 1)),
            action: "a".into(),
            answer,
            comment: None,
            present: vec![],
            at: at(day),
            since: None,
        };
        let first = agreed(Some(Answer::NotYet), "01T10:00:00");
        let ours = History {
            agreements: vec![first.clone(), agreed(Some(Answer::InPlace), "02T10:00:00")],
            ..History::default()
        };
        let theirs = History {
            agreements: vec![first.clone(), agreed(None, "03T10:00:00")],
            ..History::default()
        };
        let (h, r) = merge(&ours, &theirs, None);
        assert_eq!(h.agreements.len(), 3);
        assert!(r.conflicts[0].theirs_won && r.changes.is_empty());
        let only_theirs = History {
            agreements: vec![first],
            ..History::default()
        };
        let (_, r) = merge(&only_theirs, &theirs, None);
        assert_eq!((r.changes.len(), r.conflicts.len()), (1, 0));
    }

    #[test]
    fn sync_services_conflict_names_are_recognised_and_nothing_else() {
        let f = "mbct-sustain.yaml";
        for (name, copy) in [
            ("mbct-sustain-LAPTOP-7.yaml", true),
            (
                "mbct-sustain (Priya's conflicted copy 2026-12-03).yaml",
                true,
            ),
            (
                "mbct-sustain (Priya's conflicted copy 2026-12-03 (1)).yaml",
                true,
            ),
            (
                "mbct-sustain.sync-conflict-20261203-101500-ABCDEF7.yaml",
                true,
            ),
            (
                "mbct-sustain (conflicted copy 2026-12-03 101500).yaml",
                true,
            ),
            ("mbct-sustain (1).yaml", true),
            ("mbct-sustain.yaml", false),
            ("mbct-sustain.yaml.lock", false),
            ("mbct-sustain.yaml.draft-20261203-ab12", false),
            ("mbct-sustain (copy).yaml", false),
            ("mbct-sustain-.yaml", false),
            ("mbct-sustain-old.yml", false),
            ("mbct-sustain-my.notes.yaml", false),
            ("other (1).yaml", false),
        ] {
            assert_eq!(is_conflict_copy(f, name), copy, "{name}");
        }
        assert!(
            is_conflict_copy("team.yml", "team (2).yml"),
            "from the file's own stem and extension"
        );
        assert!(!is_conflict_copy("team.yml", "team (2).yaml"));
    }

    fn histories() -> impl Strategy<Value = History> {
        let one = (
            0..3usize,
            0..4i64,
            prop::sample::select(Answer::ALL.to_vec()),
            any::<bool>(),
        );
        prop::collection::vec(one, 0..6).prop_map(|list| {
            let names = ["Sam", "sam", "Priya"];
            let mut h = History::default();
            for (who, day, answer, note) in list {
                let mut a = by(names[who], &format!("0{}T10:00:00", day + 1), answer);
                if note {
                    a.notes.insert("d0".into(), "noted".into());
                }
                h.assessments.push(a);
            }
            h
        })
    }

    /// Each assessment as the merge tells them apart.
    fn set(h: &History) -> std::collections::BTreeSet<String> {
        let key = |a: &Assessment| roster::person_key(&h.team, a.respondent.as_deref());
        h.assessments
            .iter()
            .map(|a| format!("{:?} {} {:?} {:?}", key(a), a.taken_at, a.answers, a.notes))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn merging_assessments_is_commutative_idempotent_and_loses_none(a in histories(), b in histories()) {
            let (ab, _) = merge(&a, &b, None);
            let (ba, _) = merge(&b, &a, None);
            prop_assert_eq!(set(&ab), set(&ba));
            prop_assert_eq!(&merge(&a, &a, None).0, &a);
            prop_assert_eq!(&merge(&ab, &b, None).0, &ab);
            prop_assert_eq!(&merge(&ab, &a, None).0, &ab);
            let all = set(&ab);
            prop_assert!(set(&a).iter().chain(&set(&b)).all(|x| all.contains(x)));
            prop_assert!(ab.assessments.windows(2).all(|w| w[0].taken_at <= w[1].taken_at) || ab == a);
        }
    }
}
