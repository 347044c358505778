//! Merging copies of the answers file (ours, theirs and, from git, the base both started from) so
//! that nothing either holds is lost, and so that the result is a function of what the copies
//! know, never of which one is "ours": merged either way round (or by git's driver) they give the
//! same roster, the same assessments and the same team answers; only the order entries are
//! written in may differ.
//!
//! - **People** ([`mod@people`]): a member's names only grow. Entries of the two copies that share
//!   a name or spelling are one member (through any number of them); the member keeps the name that
//!   is a spelling in neither copy (of two, the one given later), and takes the latest-set account,
//!   joined and left. So a rename or a `people merge` made in one copy is never undone by merging
//!   the other, and a name merged away stays a spelling of the member it went into.
//! - **Assessments** ([`mod@assessments`]) are a set: one person (through the roster) at one time
//!   with the same content is one assessment, whichever spelling it carries. A withdrawal is a
//!   record kept beside them, so no merge brings a withdrawn assessment back.
//! - **The plan, evidence, agreements and unknown fields** ([`mod@keyed`]) merge entry by entry:
//!   the same content on both sides (times aside) is no conflict; where both differ, the change
//!   made since the base wins, else the later change (an undated entry is the oldest; a tie goes
//!   by content), and the other is reported. A removal is a dated change like any other.
//! - **With a base** (git's %O), an entry one side deleted by hand and the other left as it was
//!   stays deleted.
//! - **Dates from a clock that ran ahead** count as now (`answers::clock`), on both sides alike.

use std::borrow::Cow;

use jiff::Timestamp;

use crate::core::answers::History;
use crate::core::answers::agreed::{Agreement, Evidence};
use crate::core::answers::clock::{self, Ahead};
use crate::core::answers::plan::{Plan, Review, Step, Target};
use crate::core::answers::roster::{self, Member};
use crate::core::answers::withdrawn::Withdrawal;
use crate::core::names::Names;

pub mod assessments;
pub mod copies;
pub mod kept;
pub mod keyed;
pub mod people;

pub use copies::{foreign_frameworks, is_conflict_copy, shares_an_assessment};
pub use kept::unkept;

/// One entry of the file, as a merge brought it in, found it on one side, or found it missing.
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
    /// The service's name.
    Service(crate::core::answers::Service),
    /// An assessment: whose, and when it was taken.
    Assessment(Option<String>, Timestamp),
    Withdrawal(Withdrawal),
    /// A wrong date and the date it counts as.
    Redating(clock::Redating),
}

/// One side of a conflict: its entry, and when it was set (if known).
pub type Side = (Entry, Option<Timestamp>);

/// An entry both sides changed differently: the later change is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Ours: the file merged into.
    pub ours: Side,
    /// Theirs: the file merged in.
    pub theirs: Side,
    /// Whether theirs was kept (set later; undated is oldest; a tie goes by content).
    pub theirs_won: bool,
}

/// What a merge brought in from theirs, as data for the shell to word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Assessments that came in: who (the member, where the roster knows them) and when.
    pub assessments: Vec<(Option<String>, Timestamp)>,
    /// One person at one time with different content on each side: both kept.
    pub clashes: Vec<(Option<String>, Timestamp)>,
    /// Entries that came in from theirs (or changed, as a rename from theirs does).
    pub changes: Vec<Entry>,
    /// Entries both sides changed differently.
    pub conflicts: Vec<Conflict>,
    /// Entries left out because one side deleted them and the other left them as they were (with
    /// a base only).
    pub deleted: Vec<Entry>,
    /// Names people answered under that an explicit roster did not have: now members.
    pub admitted: Vec<String>,
    /// Of those, each that looks like a member's name, with the members it looks like.
    pub lookalikes: Vec<(String, Vec<String>)>,
    /// Theirs' entries dated ahead of now (a wrong clock): they count as made now.
    pub redated: Vec<Ahead>,
}

impl Report {
    /// Whether the merge brought nothing and found no conflict.
    pub fn is_empty(&self) -> bool {
        *self == Report::default()
    }
}

/// Merges `theirs` into `ours` as of `now`; `base`, where known (git), is the file both changed
/// from, and tells a change (or a deletion) from a value the other side never had.
pub fn merge_histories(
    ours: &History,
    theirs: &History,
    base: Option<&History>,
    now: Timestamp,
) -> (History, Report) {
    let mut r = Report::default();
    let (o, t, b) = redated(ours, theirs, base, now, &mut r);
    let (o, t, b) = (&*o, &*t, b.as_deref());
    let team = people::roster(&o.team, &t.team, b.map(|b| &b.team), &mut r);
    let names = Names::new(&team);
    let assessments = assessments::assessments(o, t, b, &names, &mut r);
    let withdrawn = assessments::withdrawals(o, t, b, &names, &mut r);
    drop(names);
    let service = |h: &History| h.service.clone().into_iter().collect::<Vec<_>>();
    let base_service = b.map(service);
    let service = keyed::merge_section(&service(o), &service(t), base_service.as_deref(), &mut r);
    let mut h = History {
        format: o.format,
        extra: serde_yaml::Mapping::new(),
        service: service.into_iter().next(),
        team,
        plan: plan(&o.plan, &t.plan, b.map(|b| &b.plan), &mut r),
        evidence: keyed::merge_section(
            &o.evidence,
            &t.evidence,
            b.map(|b| &b.evidence[..]),
            &mut r,
        ),
        agreements: keyed::agreements(
            &o.agreements,
            &t.agreements,
            b.map(|b| &b.agreements[..]),
            &mut r,
        ),
        withdrawn,
        redated: o.redated.clone(),
        assessments,
    };
    let fields = |m: &serde_yaml::Mapping| -> Vec<(serde_yaml::Value, serde_yaml::Value)> {
        m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let base_fields = b.map(|b| fields(&b.extra));
    h.extra = keyed::merge_section(
        &fields(&o.extra),
        &fields(&t.extra),
        base_fields.as_deref(),
        &mut r,
    )
    .into_iter()
    .collect();
    admit(&mut h, &mut r);
    roster::order(&mut h);
    (h, r)
}

/// The three copies with their dates from a clock that ran ahead counted as now, by one table for
/// all three (a date first seen now is dated a moment before `now`), so both sides and the base
/// re-date alike; theirs' are reported. A copy that needs no change is not copied.
fn redated<'h>(
    ours: &'h History,
    theirs: &'h History,
    base: Option<&'h History>,
    now: Timestamp,
    report: &mut Report,
) -> (Cow<'h, History>, Cow<'h, History>, Option<Cow<'h, History>>) {
    let mut table = clock::union(&ours.redated, &theirs.redated);
    let theirs_ahead = clock::ahead(theirs, now);
    let froms: Vec<Timestamp> = [ours]
        .into_iter()
        .chain(base)
        .flat_map(|h| clock::ahead(h, now))
        .chain(theirs_ahead.iter().cloned())
        .map(|a| a.at)
        .collect();
    clock::extend(&mut table, froms, now);
    let fix = |h: &'h History| {
        if table.is_empty() {
            return Cow::Borrowed(h);
        }
        let mut h = h.clone();
        h.redated.clone_from(&table);
        clock::apply(&mut h);
        Cow::Owned(h)
    };
    report.redated = theirs_ahead;
    let base = base.map(&fix);
    (fix(ours), fix(theirs), base)
}

/// The plan, section by section.
fn plan(o: &Plan, t: &Plan, b: Option<&Plan>, r: &mut Report) -> Plan {
    fn pairs<T: Clone>(m: &indexmap::IndexMap<String, T>) -> Vec<(String, T)> {
        m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
    // A review never set is no entry at all.
    let review = |p: &Plan| {
        let set = p.review.is_some() || p.review_set_at.is_some();
        set.then_some((p.review, p.review_set_at))
            .into_iter()
            .collect::<Vec<_>>()
    };
    let base_steps = b.map(|b| pairs(&b.actions));
    let base_targets = b.map(|b| pairs(&b.targets));
    let base_review = b.map(review);
    let mut merged = Plan {
        actions: keyed::merge_section(
            &pairs(&o.actions),
            &pairs(&t.actions),
            base_steps.as_deref(),
            r,
        )
        .into_iter()
        .collect(),
        targets: keyed::merge_section(
            &pairs(&o.targets),
            &pairs(&t.targets),
            base_targets.as_deref(),
            r,
        )
        .into_iter()
        .collect(),
        ..Plan::default()
    };
    if let Some(&(review, at)) =
        keyed::merge_section(&review(o), &review(t), base_review.as_deref(), r).first()
    {
        (merged.review, merged.review_set_at) = (review, at);
    }
    merged
}

/// Puts everyone who answered under a name an explicit roster lacks onto it (dated when they
/// first answered, so either order of merging gives the same entry), naming those that look
/// like a member's name.
fn admit(h: &mut History, r: &mut Report) {
    for (name, first) in roster::newcomers(h) {
        let like: Vec<String> = roster::likely_meant(&h.team, &name)
            .into_iter()
            .map(str::to_string)
            .collect();
        if !like.is_empty() {
            r.lookalikes.push((name.clone(), like));
        }
        let member = Member {
            set_at: Some(first),
            ..Member::default()
        };
        h.team.insert(name.clone(), member);
        r.admitted.push(name);
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Assessment};
    use proptest::prelude::*;

    fn now() -> Timestamp {
        "2027-06-01T00:00:00Z".parse().unwrap()
    }

    fn at(s: &str) -> Timestamp {
        format!("2026-12-{s}Z").parse().unwrap()
    }

    #[test]
    fn the_services_name_merges_the_later_change_winning_whichever_side_holds_it() {
        let named = |name: &str, when: &str| History {
            service: Some(crate::core::answers::Service {
                name: name.into(),
                set_at: Some(at(when)),
            }),
            ..History::default()
        };
        let (old, new) = (
            named("North MBCT", "01T10:00:00"),
            named("Gwynedd MBCT", "02T10:00:00"),
        );
        for (h, _) in [
            merge_histories(&old, &new, None, now()),
            merge_histories(&new, &old, None, now()),
        ] {
            assert_eq!(h.service.map(|s| s.name).as_deref(), Some("Gwynedd MBCT"));
        }
        let (h, r) = merge_histories(&History::default(), &new, None, now());
        assert_eq!(h.service, new.service, "one side only: kept");
        assert_eq!(r.changes.len(), 1);
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
        let (h, r) = merge_histories(&ours, &theirs, None, now());
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
            merge_histories(&h, &theirs, None, now()).0,
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
        let (h, r) = merge_histories(&ours, &theirs, None, now());
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
        let (h, r) = merge_histories(&theirs, &ours, None, now());
        assert_eq!(
            owner(&h, "a"),
            Some("Priya".into()),
            "the later wins from either side"
        );
        assert!(!r.conflicts[0].theirs_won);
    }

    #[test]
    fn an_undated_entry_is_the_oldest_and_a_tie_goes_by_content_never_by_side() {
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
        ours.extra.insert("area".into(), "North".into());
        theirs.extra.insert("area".into(), "South".into());
        theirs.extra.insert("region".into(), "East".into());
        for (h, r) in [
            merge_histories(&ours, &theirs, None, now()),
            merge_histories(&theirs, &ours, None, now()),
        ] {
            assert_eq!(owner(&h, "a"), Some("Priya".into()), "dated beats undated");
            assert_eq!(r.conflicts.len(), 2, "{r:?}");
            assert_eq!(
                (h.extra["area"].as_str(), h.extra["region"].as_str()),
                (Some("South"), Some("East")),
                "the same whichever side"
            );
        }
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
        let (h, r) = merge_histories(&ours, &theirs, Some(&base), now());
        assert_eq!(
            (owner(&h, "a"), r.conflicts.len()),
            (Some("Priya".into()), 0),
            "theirs changed it, ours did not"
        );
        ours.plan
            .set_step("a", Some("Jo".into()), None, at("02T10:00:00"));
        let (h, r) = merge_histories(&ours, &theirs, Some(&base), now());
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
        for (h, _) in [
            merge_histories(&new, &old, None, now()),
            merge_histories(&old, &new, None, now()),
        ] {
            assert!(h.plan.step("a").is_none() && h.plan.target("d").is_none());
            assert_eq!(h.evidence[0].removed, Some(at("02T10:00:00")));
        }
        let (_, r) = merge_histories(&old, &new, None, now());
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
        let (h, r) = merge_histories(&renamed, &old, None, now());
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
        let (h, r) = merge_histories(&ours, &theirs, None, now());
        assert_eq!(h.agreements.len(), 3);
        assert!(r.conflicts[0].theirs_won && r.changes.is_empty());
        let only_theirs = History {
            agreements: vec![first],
            ..History::default()
        };
        let (_, r) = merge_histories(&only_theirs, &theirs, None, now());
        assert_eq!((r.changes.len(), r.conflicts.len()), (1, 0));
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
        fn merging_assessments_is_commutative_idempotent_and_loses_none(
            a in histories(),
            b in histories(),
        ) {
            let (ab, _) = merge_histories(&a, &b, None, now());
            let (ba, _) = merge_histories(&b, &a, None, now());
            prop_assert_eq!(set(&ab), set(&ba));
            prop_assert_eq!(&merge_histories(&a, &a, None, now()).0, &a);
            prop_assert_eq!(&merge_histories(&ab, &b, None, now()).0, &ab);
            prop_assert_eq!(&merge_histories(&ab, &a, None, now()).0, &ab);
            let all = set(&ab);
            prop_assert!(set(&a).iter().chain(&set(&b)).all(|x| all.contains(x)));
            let sorted = ab.assessments.windows(2).all(|w| w[0].taken_at <= w[1].taken_at);
            prop_assert!(sorted || ab == a);
        }
    }
}
