//! Rounds: the team's assessments, grouped into the occasions they were
//! taken on.
//!
//! A round is a run of assessments, in the order they were taken, with no
//! gap longer than [`ROUND_GAP`] (30 days) between one and the next. In a
//! round each respondent counts once, with their latest assessment in it.
//! Someone who answered before but not in a round is *left out* of it and
//! named, never silently mixed in with older answers.

use jiff::{SignedDuration, Timestamp};

use crate::core::answers::{History, label_is, same_person};
use crate::core::choose::{Miss, day_of};

/// The longest gap between two assessments of one round: 30 days.
pub const ROUND_GAP: SignedDuration = SignedDuration::from_hours(720);

/// One round of a team's assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// 1 = the oldest round.
    pub number: usize,
    /// Every assessment in the round, oldest first (indices into the file).
    pub all: Vec<usize>,
    /// Each respondent's latest assessment in the round, oldest first.
    pub members: Vec<usize>,
    /// When its first assessment was taken.
    pub from: Timestamp,
    /// When its last assessment was taken.
    pub to: Timestamp,
}

/// Someone who answered before a round but not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Their latest assessment before the round ended.
    pub latest: usize,
}

impl Round {
    /// The label every assessment of the round shares, if they share one.
    pub fn label<'h>(&self, history: &'h History) -> Option<&'h str> {
        let first = history.assessments[*self.all.first()?].label.as_deref()?;
        self.all
            .iter()
            .all(|&i| label_is(history.assessments[i].label.as_deref(), first))
            .then_some(first)
    }
}

/// The rounds of `history`, oldest first, counting only assessments taken on
/// or after `since` (a UTC date).
pub fn rounds(history: &History, since: Option<jiff::civil::Date>) -> Vec<Round> {
    let mut order: Vec<usize> = (0..history.assessments.len())
        .filter(|&i| since.is_none_or(|d| day_of(history.assessments[i].taken_at) >= d))
        .collect();
    order.sort_by_key(|&i| history.assessments[i].taken_at);
    let mut out: Vec<Round> = Vec::new();
    let mut last: Option<Timestamp> = None;
    for i in order {
        let t = history.assessments[i].taken_at;
        match out.last_mut() {
            Some(round) if last.is_some_and(|l| t.duration_since(l) <= ROUND_GAP) => {
                round.all.push(i);
                round.to = t;
            }
            _ => out.push(Round {
                number: out.len() + 1,
                all: vec![i],
                members: Vec::new(),
                from: t,
                to: t,
            }),
        }
        last = Some(t);
    }
    for round in &mut out {
        round.members = latest_each(history, &round.all);
    }
    out
}

/// Each respondent's latest among `indices` (oldest first in, oldest first out).
fn latest_each(history: &History, indices: &[usize]) -> Vec<usize> {
    let who = |i: usize| history.assessments[i].respondent.as_deref();
    let mut latest: Vec<usize> = Vec::new();
    for &i in indices {
        match latest.iter().position(|&j| same_person(who(j), who(i))) {
            Some(p) => {
                latest.remove(p);
                latest.push(i);
            }
            None => latest.push(i),
        }
    }
    latest.sort_by_key(|&i| history.assessments[i].taken_at);
    latest
}

/// The people who answered in an earlier round but not in round `r` (index
/// into `rounds`), each with their latest assessment before it.
pub fn left_out(history: &History, rounds: &[Round], r: usize) -> Vec<LeftOut> {
    let before: Vec<usize> = rounds[..r].iter().flat_map(|x| x.all.iter().copied()).collect();
    let who = |i: usize| history.assessments[i].respondent.as_deref();
    latest_each(history, &before)
        .into_iter()
        .filter(|&i| !rounds[r].members.iter().any(|&m| same_person(who(m), who(i))))
        .map(|latest| LeftOut { latest })
        .collect()
}

/// [`left_out`] for every round at once, in one pass: a team history of
/// many rounds costs what it is long, not its square.
pub fn left_out_each(history: &History, rounds: &[Round]) -> Vec<Vec<LeftOut>> {
    let who = |i: usize| history.assessments[i].respondent.as_deref();
    // Each person seen so far, with their latest assessment before the round.
    let mut seen: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rounds.len());
    for round in rounds {
        out.push(
            seen.iter()
                .filter(|&&i| !round.members.iter().any(|&m| same_person(who(m), who(i))))
                .map(|&latest| LeftOut { latest })
                .collect(),
        );
        for &m in &round.members {
            match seen.iter().position(|&i| same_person(who(i), who(m))) {
                Some(p) => seen[p] = m,
                None => seen.push(m),
            }
        }
    }
    out
}

/// The round `selector` names (as an index into `rounds`): a number as the
/// team's `history` lists them (1 = oldest, -1 = latest); a date, the round
/// that contains it, else the latest round before it; anything else a label,
/// the latest round in which some assessment has it.
pub fn select(history: &History, rounds: &[Round], selector: &str) -> Option<usize> {
    let s = selector.trim();
    if let Ok(n) = s.parse::<i64>() {
        return match n {
            1.. => usize::try_from(n - 1).ok().filter(|&i| i < rounds.len()),
            ..0 => rounds.len().checked_sub(usize::try_from(n.unsigned_abs()).ok()?),
            0 => None,
        };
    }
    if s.len() == 10
        && let Ok(date) = s.parse::<jiff::civil::Date>()
    {
        return rounds.iter().rposition(|r| day_of(r.from) <= date);
    }
    rounds.iter().rposition(|r| {
        r.all
            .iter()
            .any(|&i| label_is(history.assessments[i].label.as_deref(), s))
    })
}

/// The round a team view shows: the one `selector` names, else the latest.
pub fn pick(history: &History, rounds: &[Round], selector: Option<&str>) -> Result<usize, Miss> {
    match selector {
        Some(s) => select(history, rounds, s).ok_or_else(|| Miss::NoSuch {
            selector: s.to_string(),
            count: rounds.len(),
        }),
        None => rounds.len().checked_sub(1).ok_or(Miss::NoAssessments),
    }
}

/// The two rounds `compare` shows, earlier first: by default the latest and
/// the one before; with one named, that one and the latest.
pub fn pick_pair(
    history: &History,
    rounds: &[Round],
    a: Option<&str>,
    b: Option<&str>,
) -> Result<(usize, usize), Miss> {
    let (a_index, b_index) = match (a, b) {
        (None, _) => {
            let later = pick(history, rounds, b)?;
            let earlier = later.checked_sub(1).ok_or(Miss::NothingToCompare {
                count: rounds.len(),
                respondent: None,
            })?;
            (earlier, later)
        }
        (Some(a), None) => (pick(history, rounds, Some(a))?, pick(history, rounds, None)?),
        (Some(a), Some(b)) => (pick(history, rounds, Some(a))?, pick(history, rounds, Some(b))?),
    };
    if a_index == b_index {
        return Err(Miss::Same {
            number: a_index + 1,
            latest: b.is_none(),
        });
    }
    Ok((a_index, b_index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;
    use crate::testing::grid;

    /// Assessments `(days after 2026-01-01, respondent, label)`.
    fn history(rows: &[(i64, &str, Option<&str>)]) -> History {
        let f = grid(1, 1);
        let start: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
        let mut h = History::default();
        for (days, who, label) in rows {
            let mut a = Assessment::new(&f, start + SignedDuration::from_hours(24 * days));
            a.respondent = Some(who.to_string());
            a.label = label.map(str::to_string);
            h.assessments.push(a);
        }
        h
    }

    fn sizes(h: &History) -> Vec<usize> {
        rounds(h, None).iter().map(|r| r.all.len()).collect()
    }

    #[test]
    fn a_gap_of_30_days_stays_in_the_round_and_31_starts_another() {
        assert_eq!(sizes(&history(&[(0, "A", None), (29, "B", None)])), [2]);
        assert_eq!(sizes(&history(&[(0, "A", None), (30, "B", None)])), [2]);
        assert_eq!(sizes(&history(&[(0, "A", None), (31, "B", None)])), [1, 1]);
        assert_eq!(
            sizes(&history(&[(0, "A", None), (20, "B", None), (40, "C", None)])),
            [3],
            "the gap is between one assessment and the next, not from the first"
        );
    }

    #[test]
    fn rounds_follow_the_dates_not_the_file_order() {
        let h = history(&[(200, "A", None), (0, "A", None), (5, "B", None)]);
        let r = rounds(&h, None);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].all, [1, 2]);
        assert_eq!(r[1].all, [0]);
        assert_eq!(r[1].number, 2);
    }

    #[test]
    fn someone_who_answered_twice_in_a_round_counts_once_with_their_latest() {
        let h = history(&[(0, "Sam", None), (3, "Priya", None), (10, "sam", None)]);
        let r = rounds(&h, None);
        assert_eq!(r[0].members, [1, 2]);
    }

    #[test]
    fn someone_absent_from_a_round_is_left_out_with_their_latest_answers() {
        let h = history(&[(0, "Sam", None), (1, "Jo", None), (180, "Sam", None)]);
        let r = rounds(&h, None);
        assert_eq!(left_out(&h, &r, 1), [LeftOut { latest: 1 }]);
        assert!(left_out(&h, &r, 0).is_empty());
        assert_eq!(left_out_each(&h, &r), [vec![], vec![LeftOut { latest: 1 }]]);
    }

    #[test]
    fn since_leaves_out_earlier_assessments_before_rounds_are_formed() {
        let h = history(&[(0, "Sam", None), (20, "Jo", None)]);
        let since = jiff::civil::date(2026, 1, 10);
        let r = rounds(&h, Some(since));
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].all, [1]);
    }

    #[test]
    fn selectors_pick_rounds_by_number_date_and_label() {
        let h = history(&[
            (0, "A", Some("June")),
            (2, "B", Some("June")),
            (180, "A", Some("December")),
            (182, "B", None),
        ]);
        let r = rounds(&h, None);
        assert_eq!(select(&h, &r, "1"), Some(0));
        assert_eq!(select(&h, &r, "-1"), Some(1));
        assert_eq!(select(&h, &r, "3"), None);
        assert_eq!(select(&h, &r, "2026-01-02"), Some(0), "a date inside a round");
        assert_eq!(select(&h, &r, "2026-03-01"), Some(0), "else the latest round before it");
        assert_eq!(select(&h, &r, "2025-12-01"), None);
        assert_eq!(select(&h, &r, "june"), Some(0));
        assert_eq!(select(&h, &r, "December"), Some(1), "some assessment has the label");
        assert_eq!(r[0].label(&h), Some("June"));
        assert_eq!(r[1].label(&h), None, "not every assessment has it");
    }

    #[test]
    fn compare_takes_the_latest_round_and_the_one_before() {
        let h = history(&[(0, "A", None), (100, "A", None), (200, "A", None)]);
        let r = rounds(&h, None);
        assert_eq!(pick_pair(&h, &r, None, None), Ok((1, 2)));
        assert_eq!(pick_pair(&h, &r, Some("1"), None), Ok((0, 2)));
        assert_eq!(
            pick_pair(&h, &r, Some("-1"), None),
            Err(Miss::Same {
                number: 3,
                latest: true
            })
        );
        let one = history(&[(0, "A", None)]);
        assert!(matches!(
            pick_pair(&one, &rounds(&one, None), None, None),
            Err(Miss::NothingToCompare { count: 1, .. })
        ));
    }
}
