//! Rounds: the team's assessments, grouped into the occasions they were taken on. A round is a run
//! of assessments, in the order they were taken, with no gap longer than [`ROUND_GAP`] (30 days)
//! between one and the next. In a round each respondent counts once, with their latest assessment
//! in it. Someone who answered before but not in a round is *left out* of it and named, never
//! silently mixed in with older answers. A withdrawn assessment is in no round. People are told
//! apart through the roster (a spelling is its member), an
//! assessment dated in the future (a wrong clock) waits outside the rounds until its date, and
//! people are found by hash: a round costs what it is long.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};

use crate::core::answers::History;
use crate::core::answers::roster::Roster;
use crate::core::answers::withdrawn::withdrawn;
use crate::core::names::Names;
use crate::core::time::day_of;

/// The longest gap between two assessments of one round: 30 days.
pub const ROUND_GAP: SignedDuration = SignedDuration::from_hours(720);

/// One round of a team's assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Every assessment in the round, oldest first (indices into the file).
    pub all: Vec<usize>,
    /// Each respondent's latest assessment in the round, oldest first.
    pub members: Vec<usize>,
    /// Each person who answered in an earlier round but not in this one,
    /// with their latest assessment before it, oldest first.
    pub left_out: Vec<usize>,
}

/// How far ahead of now a date may be before it is taken for a wrong clock.
pub const CLOCK_SLACK: SignedDuration = crate::core::answers::clock::SLACK;

/// The assessments dated after `now` and a day: a computer's clock may be
/// wrong. They are left out of rounds until their date.
pub fn in_the_future(history: &History, now: Timestamp) -> Vec<usize> {
    (0..history.assessments.len())
        .filter(|&i| history.assessments[i].taken_at > now + CLOCK_SLACK)
        .collect()
}

/// The rounds of `history` as of `now`, oldest first, counting only
/// assessments taken on or after `since` (a UTC date), people told apart
/// through `roster`.
pub fn rounds(
    history: &History,
    roster: &Roster,
    since: Option<jiff::civil::Date>,
    now: Timestamp,
) -> Vec<Round> {
    let at = |i: usize| history.assessments[i].taken_at;
    let names = Names::new(roster);
    let gone = withdrawn(history, |n| names.key(n));
    let mut order: Vec<usize> = (0..history.assessments.len())
        .filter(|&i| since.is_none_or(|d| day_of(at(i)) >= d) && at(i) <= now + CLOCK_SLACK)
        .filter(|&i| gone.is_live(i))
        .collect();
    order.sort_by_key(|&i| at(i));
    let keys: Vec<Option<String>> = history
        .assessments
        .iter()
        .map(|a| names.key(a.respondent.as_deref()))
        .collect();
    // Each person seen so far, with their latest assessment before the round.
    let mut seen: HashMap<&Option<String>, usize> = HashMap::new();
    let mut seen_order: Vec<&Option<String>> = Vec::new();
    order
        .chunk_by(|&a, &b| at(b).duration_since(at(a)) <= ROUND_GAP)
        .map(|all| {
            let latest: HashMap<&Option<String>, usize> =
                all.iter().map(|&i| (&keys[i], i)).collect();
            let mut members: Vec<usize> = latest.values().copied().collect();
            members.sort_by_key(|&i| (at(i), i));
            let mut left_out: Vec<usize> = seen_order
                .iter()
                .filter(|k| !latest.contains_key(*k))
                .map(|k| seen[k])
                .collect();
            left_out.sort_by_key(|&i| (at(i), i));
            for &m in &members {
                if seen.insert(&keys[m], m).is_none() {
                    seen_order.push(&keys[m]);
                }
            }
            Round {
                all: all.to_vec(),
                members,
                left_out,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;
    use crate::tests::grid;
    use jiff::Timestamp;

    /// Assessments `(days after 2026-01-01, respondent)`.
    fn history(rows: &[(i64, &str)]) -> History {
        let f = grid(1, 1);
        let start: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
        let mut h = History::default();
        for (days, who) in rows {
            let mut a = Assessment::new(&f, start + SignedDuration::from_hours(24 * days));
            a.respondent = Some(who.to_string());
            h.assessments.push(a);
        }
        h
    }

    fn now() -> Timestamp {
        "2027-06-01T00:00:00Z".parse().unwrap()
    }

    fn rounds(h: &History, since: Option<jiff::civil::Date>) -> Vec<Round> {
        super::rounds(h, &crate::core::answers::roster::members(h), since, now())
    }

    fn sizes(h: &History) -> Vec<usize> {
        rounds(h, None).iter().map(|r| r.all.len()).collect()
    }

    #[test]
    fn a_gap_of_30_days_stays_in_the_round_and_31_starts_another() {
        assert_eq!(sizes(&history(&[(0, "A"), (29, "B")])), [2]);
        assert_eq!(sizes(&history(&[(0, "A"), (30, "B")])), [2]);
        assert_eq!(sizes(&history(&[(0, "A"), (31, "B")])), [1, 1]);
        assert_eq!(
            sizes(&history(&[(0, "A"), (20, "B"), (40, "C")])),
            [3],
            "the gap is between one assessment and the next, not from the first"
        );
    }

    #[test]
    fn rounds_follow_the_dates_not_the_file_order() {
        let h = history(&[(200, "A"), (0, "A"), (5, "B")]);
        let r = rounds(&h, None);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].all, [1, 2]);
        assert_eq!(r[1].all, [0]);
    }

    #[test]
    fn someone_who_answered_twice_in_a_round_counts_once_with_their_latest() {
        let h = history(&[(0, "Sam"), (3, "Priya"), (10, "sam")]);
        assert_eq!(rounds(&h, None)[0].members, [1, 2]);
    }

    #[test]
    fn someone_absent_from_a_round_is_left_out_with_their_latest_answers() {
        let h = history(&[(0, "Sam"), (1, "Jo"), (180, "Sam"), (400, "Sam")]);
        let r = rounds(&h, None);
        assert!(r[0].left_out.is_empty());
        assert_eq!(r[1].left_out, [1]);
        assert_eq!(
            r[2].left_out,
            [1],
            "still left out, with the same latest answers"
        );
    }

    #[test]
    fn a_spelling_on_the_roster_is_its_member_and_a_future_date_waits_outside() {
        let mut h = history(&[(0, "Priya"), (1, "Sam"), (2, "Pryia"), (1000, "Sam")]);
        let mut team = crate::core::answers::roster::members(&h);
        team.shift_remove("Pryia");
        team["Priya"].spellings.push("Pryia".into());
        let r = super::rounds(&h, &team, None, now());
        assert_eq!(r.len(), 1, "2028 is after now: {r:?}");
        assert_eq!(
            r[0].members,
            [1, 2],
            "Pryia is Priya, counted once with the later"
        );
        assert_eq!(in_the_future(&h, now()), [3]);
        h.assessments.truncate(3);
        assert!(in_the_future(&h, now()).is_empty());
    }

    #[test]
    fn a_withdrawn_assessment_is_in_no_round() {
        let mut h = history(&[(0, "Sam"), (1, "Priya"), (2, "sam")]);
        crate::core::answers::withdrawn::withdraw(&mut h, 2, now());
        let r = rounds(&h, None);
        assert_eq!(
            (r[0].all.clone(), r[0].members.clone()),
            (vec![0, 1], vec![0, 1])
        );
    }

    #[test]
    fn since_leaves_out_earlier_assessments_before_rounds_are_formed() {
        let h = history(&[(0, "Sam"), (20, "Jo")]);
        let r = rounds(&h, Some(jiff::civil::date(2026, 1, 10)));
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].all, [1]);
    }
}
