//! How a walk starts, on plain data so each rule is unit tested: whose name a new walk records,
//! which assessment a rerun starts from, which unfinished walk to offer. Assessments are ordered by
//! when they were taken (`taken_at`), not where they sit in the file; people are told apart through
//! the roster ([`Names`]).

use jiff::Timestamp;

use super::Draft;
use crate::core::answers::History;
use crate::core::answers::roster::{self, Roster};
use crate::core::answers::withdrawn::withdrawn;
use crate::core::framework::Framework;
use crate::core::names::Names;

/// The latest assessment by `respondent` (no name matches only no name), to pre-fill a rerun:
/// a person never starts from someone else's answers (nor from one withdrawn). Ties go to the later
/// in the file.
pub fn latest_of(history: &History, respondent: Option<&str>) -> Option<usize> {
    let team = roster::members(history);
    let names = Names::new(&team);
    let gone = withdrawn(history, |n| names.key(n));
    (0..history.assessments.len())
        .filter(|&i| gone.is_live(i))
        .filter(|&i| names.same(history.assessments[i].respondent.as_deref(), respondent))
        .max_by_key(|&i| (history.assessments[i].taken_at, i))
}

/// Who a typed name means, by the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// Nothing typed: answering without a name.
    Blank,
    /// A member, by their name or one of their spellings, in any case.
    Member(String),
    /// Likely a typo of these members' names ("Pryia" for Priya).
    Typo(Vec<String>),
    /// Someone new to the team, named as typed.
    New(String),
}

/// Who `typed` means on `roster`: a member, a likely typo of one, or
/// someone new.
pub fn name_match(roster: &Roster, typed: &str) -> NameMatch {
    let typed = typed.trim();
    if typed.is_empty() {
        return NameMatch::Blank;
    }
    if let Some(member) = roster::member_named(roster, typed) {
        return NameMatch::Member(member.to_string());
    }
    let meant = roster::likely_meant(roster, typed);
    if meant.is_empty() {
        NameMatch::New(typed.to_string())
    } else {
        NameMatch::Typo(meant.into_iter().map(str::to_string).collect())
    }
}

/// Which unfinished walks (`(index, respondent, framework id, started_at)`) are this person's with
/// this framework, oldest first: the last is offered, and all are replaced once an assessment is
/// saved.
pub fn drafts_of<'d>(
    drafts: impl IntoIterator<Item = (usize, Option<&'d str>, &'d str, Timestamp)>,
    names: &Names,
    respondent: Option<&str>,
    framework_id: &str,
) -> Vec<usize> {
    let mine = drafts
        .into_iter()
        .filter(|(_, who, id, _)| names.same(*who, respondent) && *id == framework_id);
    let mut mine: Vec<(Timestamp, usize)> = mine.map(|(i, _, _, started)| (started, i)).collect();
    mine.sort();
    mine.into_iter().map(|(_, i)| i).collect()
}

/// Whether an unfinished walk is in fact saved: one killed between its save and its draft's removal
/// leaves a draft whose answers and notes are those of an assessment by the same person taken since
/// it began. Such a draft is removed, never offered: carrying on would save it twice.
pub fn already_saved(history: &History, draft: &Draft, framework: &Framework) -> bool {
    let team = roster::members(history);
    let names = Names::new(&team);
    let mut since = history.assessments.iter().filter(|a| {
        a.taken_at >= draft.started_at
            && names.same(a.respondent.as_deref(), draft.respondent.as_deref())
            && a.framework == draft.framework
    });
    draft.framework.id == framework.id
        && since.any(|a| {
            // Finished as its walk finished it, ids the framework lacks taken from `a`.
            let again = draft.finish(framework, a.taken_at, Some(a));
            again.answers == a.answers && again.notes == a.notes
        })
}

/// Whether an assessment was saved as this person while their walk was being answered, from the
/// time of the one now just before the walk's (`previous`) and the one the walk started from
/// (`based_on`): only a later one is. One dated ahead by a wrong clock sorts after the new
/// assessment, so the one before it is older than the walk's start: no save meanwhile.
pub fn saved_meanwhile(previous: Option<Timestamp>, based_on: Option<Timestamp>) -> bool {
    previous.is_some_and(|p| based_on.is_none_or(|b| p > b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Assessment};

    fn history_of(rows: &[(&str, Option<&str>)]) -> History {
        let f = Framework::bundled();
        let mut h = History::default();
        for (when, who) in rows {
            let mut a = Assessment::new(&f, when.parse().unwrap());
            a.respondent = who.map(str::to_string);
            h.assessments.push(a);
        }
        h
    }

    fn history() -> History {
        history_of(&[
            ("2026-03-01T10:00:00Z", Some("Ann")),
            ("2026-09-03T09:00:00Z", Some("Bob")),
            ("2026-09-03T15:00:00Z", Some("Ann")),
        ])
    }

    #[test]
    fn a_rerun_starts_from_that_persons_latest_by_date_and_no_name_only_from_no_name() {
        let h = history_of(&[
            ("2026-09-03T15:00:00Z", Some("Ann")),
            ("2026-03-01T10:00:00Z", Some("ann")),
            ("2026-03-02T10:00:00Z", None),
        ]);
        assert_eq!(latest_of(&h, Some("ANN")), Some(0));
        assert_eq!(latest_of(&h, None), Some(2));
        assert_eq!(latest_of(&h, Some("Bob")), None);
    }

    #[test]
    fn a_rerun_never_starts_from_a_withdrawn_assessment() {
        let mut h = history();
        crate::core::answers::withdrawn::withdraw(&mut h, 2, Timestamp::UNIX_EPOCH);
        assert_eq!(
            latest_of(&h, Some("Ann")),
            Some(0),
            "last time is the one still counting"
        );
    }

    #[test]
    fn a_typed_name_is_a_member_a_likely_typo_or_someone_new() {
        let team = roster::members(&history());
        assert_eq!(name_match(&team, " ann "), NameMatch::Member("Ann".into()));
        assert_eq!(
            name_match(&team, "Anne"),
            NameMatch::Typo(vec!["Ann".into()])
        );
        assert_eq!(name_match(&team, "Priya"), NameMatch::New("Priya".into()));
        assert_eq!(name_match(&team, ""), NameMatch::Blank);
        assert_eq!(
            name_match(&Roster::new(), "Ann"),
            NameMatch::New("Ann".into()),
            "nobody yet: new"
        );
    }

    #[test]
    fn only_this_persons_drafts_for_this_framework_are_offered_oldest_first() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let drafts = [
            (0, Some("Ann"), "aspire-mbct", t("2026-05-02T00:00:00Z")),
            (1, Some("Bob"), "aspire-mbct", t("2026-05-01T00:00:00Z")),
            (2, Some("ann"), "aspire-mbct", t("2026-05-01T00:00:00Z")),
            (3, Some("Ann"), "other", t("2026-05-03T00:00:00Z")),
        ];
        let mut team = Roster::new();
        team.insert("Ann".into(), Default::default());
        team["Ann"].spellings.push("Annie".into());
        let names = Names::new(&team);
        assert_eq!(
            drafts_of(drafts, &names, Some("Ann"), "aspire-mbct"),
            vec![2, 0]
        );
        assert_eq!(
            drafts_of(drafts, &names, Some("annie"), "aspire-mbct"),
            vec![2, 0]
        );
        assert_eq!(
            drafts_of(drafts, &names, None, "aspire-mbct"),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_draft_is_already_saved_only_when_its_walk_saved_it() {
        let f = crate::tests::grid(2, 2);
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let mut draft = Draft::new(&f, t("2026-09-03T10:00:00Z"));
        draft.respondent = Some("Sam".into());
        for (_, a) in f.actions() {
            draft.answers.insert(a.id.clone(), Answer::InPlace);
        }
        draft.notes.insert("d0".into(), " ".into());
        draft.notes.insert("d1".into(), "Going well".into());
        let mut saved = draft.finish(&f, t("2026-09-03T10:05:00Z"), None);
        saved.respondent = Some("sam".into());
        saved
            .answers
            .insert("retired.action".into(), Answer::NotYet);
        let with = |change: &dyn Fn(&mut Assessment, &mut Draft)| {
            let (mut a, mut d) = (saved.clone(), draft.clone());
            change(&mut a, &mut d);
            already_saved(
                &History {
                    assessments: vec![a],
                    ..History::default()
                },
                &d,
                &f,
            )
        };
        assert!(
            with(&|_, _| {}),
            "saved by its walk, a blank note and a retired id aside"
        );
        type Change<'c> = &'c dyn Fn(&mut Assessment, &mut Draft);
        let cases: [(&str, Change); 5] = [
            ("taken before the draft began", &|a, _| {
                a.taken_at = t("2026-09-03T09:00:00Z")
            }),
            ("by someone else", &|a, _| a.respondent = Some("Ann".into())),
            ("another answer", &|a, _| {
                a.answers.insert("d0.a0".into(), Answer::NotYet);
            }),
            ("an answer still to give", &|_, d| {
                d.answers.shift_remove("d1.a1");
            }),
            ("another note", &|_, d| {
                d.notes.insert("d1".into(), "Going better".into());
            }),
        ];
        for (why, change) in cases {
            assert!(!with(change), "{why}");
        }
    }

    #[test]
    fn only_a_later_assessment_than_the_walks_start_was_saved_meanwhile() {
        let t = |s: &str| Some(s.parse::<Timestamp>().unwrap());
        let base = t("2026-12-07T09:00:00Z");
        assert!(!saved_meanwhile(None, None), "a first walk");
        assert!(!saved_meanwhile(base, base), "the one it started from");
        assert!(
            saved_meanwhile(t("2026-12-07T09:30:00Z"), base),
            "another window saved"
        );
        assert!(
            saved_meanwhile(t("2026-12-07T09:30:00Z"), None),
            "a first walk, and one saved"
        );
        // The walk started from one dated 18:00 today (a clock ahead): it sorts after the new one.
        let ahead = t("2026-12-07T18:00:00Z");
        assert!(
            !saved_meanwhile(t("2026-12-01T09:00:00Z"), ahead),
            "a clock ahead"
        );
    }
}
