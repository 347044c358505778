//! Withdrawn assessments: one taken by mistake (the wrong person, a test run) is withdrawn, never
//! deleted. A dated record of it (whose, when taken, when withdrawn) stays in the file, so no copy
//! of the file merged in later brings it back, and its answers stay in the file too. A withdrawn
//! assessment counts nowhere: not in rounds, a person's journey, the walk's "last time" or the
//! team. [`withdrawn`] is the one place the rest of the code asks.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::History;

/// The record that an assessment was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// Whose it was (as the assessment names them; matched through the roster).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// When the assessment was taken: with whose, which assessment it was.
    pub taken_at: Timestamp,
    /// When it was withdrawn.
    pub at: Timestamp,
}

/// Which assessments of a file are withdrawn, by their place in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withdrawn(Vec<bool>);

impl Withdrawn {
    /// Whether the assessment at file index `i` is withdrawn.
    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }

    /// Whether the assessment at file index `i` counts (is not withdrawn).
    pub fn is_live(&self, i: usize) -> bool {
        !self.contains(i)
    }

    /// How many are withdrawn.
    pub fn count(&self) -> usize {
        self.0.iter().filter(|w| **w).count()
    }
}

/// Which assessments of `history` are withdrawn: those whose person (told apart by `key`, the
/// roster's) and time a withdrawal names. Every assessment of that person at that time is
/// withdrawn.
pub fn withdrawn(history: &History, key: impl Fn(Option<&str>) -> Option<String>) -> Withdrawn {
    if history.withdrawn.is_empty() {
        return Withdrawn::default();
    }
    let gone: std::collections::HashSet<(Option<String>, Timestamp)> = history
        .withdrawn
        .iter()
        .map(|w| (key(w.respondent.as_deref()), w.taken_at))
        .collect();
    Withdrawn(
        history
            .assessments
            .iter()
            .map(|a| gone.contains(&(key(a.respondent.as_deref()), a.taken_at)))
            .collect(),
    )
}

/// As [`list`], only `person`'s (by `key`) when one is given.
pub fn list_of(
    history: &History,
    key: impl Fn(Option<&str>) -> Option<String>,
    person: Option<&str>,
) -> Vec<(usize, Timestamp)> {
    let whose = person.map(|p| key(Some(p)));
    let all = list(history, &key);
    let theirs = |i: usize| {
        whose
            .as_ref()
            .is_none_or(|w| key(history.assessments[i].respondent.as_deref()) == *w)
    };
    all.into_iter().filter(|&(i, _)| theirs(i)).collect()
}

/// Each withdrawn assessment of `history` (by file index, in file order) with when it was
/// withdrawn (the first record of it).
pub fn list(
    history: &History,
    key: impl Fn(Option<&str>) -> Option<String>,
) -> Vec<(usize, Timestamp)> {
    let mut when: std::collections::HashMap<(Option<String>, Timestamp), Timestamp> =
        Default::default();
    for w in &history.withdrawn {
        let at = when
            .entry((key(w.respondent.as_deref()), w.taken_at))
            .or_insert(w.at);
        *at = (*at).min(w.at);
    }
    if when.is_empty() {
        return Vec::new();
    }
    history
        .assessments
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            when.get(&(key(a.respondent.as_deref()), a.taken_at))
                .map(|at| (i, *at))
        })
        .collect()
}

/// The number `history` lists each assessment by (its place among all by date, 1 = oldest; ties in
/// file order), by file index.
pub fn numbers(history: &History) -> Vec<usize> {
    let mut order: Vec<usize> = (0..history.assessments.len()).collect();
    order.sort_by_key(|&i| history.assessments[i].taken_at);
    let mut numbers = vec![0; order.len()];
    for (place, i) in order.into_iter().enumerate() {
        numbers[i] = place + 1;
    }
    numbers
}

/// Why an assessment cannot be withdrawn; the shell words each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotWithdraw {
    /// No assessment has that number (among `count`, or that person's).
    NoSuch {
        /// The number asked for.
        number: i64,
        /// How many there are to choose from.
        count: usize,
    },
    /// The number is someone else's assessment.
    NotTheirs {
        /// The number asked for.
        number: usize,
        /// Whose it is.
        whose: Option<String>,
    },
    /// It is withdrawn already.
    Already {
        /// Its number.
        number: usize,
        /// When it was withdrawn.
        at: Timestamp,
    },
}

/// The assessment withdraw `number` means: the one `history` lists by that number (1 = oldest),
/// or, negative, counted back from the latest not yet withdrawn (-1 = the latest); only `whose`
/// (told apart by `key`), when given.
pub fn select(
    history: &History,
    number: i64,
    whose: Option<Option<&str>>,
    key: impl Fn(Option<&str>) -> Option<String>,
) -> Result<usize, CannotWithdraw> {
    let numbers = numbers(history);
    let gone = withdrawn(history, &key);
    let wanted = whose.map(&key);
    let theirs = |i: usize| {
        wanted
            .as_ref()
            .is_none_or(|w| key(history.assessments[i].respondent.as_deref()) == *w)
    };
    let mut order: Vec<usize> = (0..numbers.len()).filter(|&i| theirs(i)).collect();
    order.sort_by_key(|&i| numbers[i]);
    let no_such = || CannotWithdraw::NoSuch {
        number,
        count: order.len(),
    };
    let i = if number > 0 {
        let i = (0..numbers.len())
            .find(|&i| numbers[i] as i64 == number)
            .ok_or_else(no_such)?;
        if !theirs(i) {
            return Err(CannotWithdraw::NotTheirs {
                number: numbers[i],
                whose: history.assessments[i].respondent.clone(),
            });
        }
        i
    } else {
        let live: Vec<usize> = order.into_iter().filter(|&i| gone.is_live(i)).collect();
        let back = usize::try_from(number.unsigned_abs()).unwrap_or(usize::MAX);
        *live
            .len()
            .checked_sub(back)
            .filter(|_| number < 0)
            .and_then(|n| live.get(n))
            .ok_or(CannotWithdraw::NoSuch {
                number,
                count: live.len(),
            })?
    };
    if gone.contains(i) {
        let at = list(history, &key)
            .into_iter()
            .find(|(j, _)| *j == i)
            .map_or(history.assessments[i].taken_at, |(_, at)| at);
        return Err(CannotWithdraw::Already {
            number: numbers[i],
            at,
        });
    }
    Ok(i)
}

/// Withdraws the assessment at file index `i` as of `now`: its record is kept beside it.
pub fn withdraw(history: &mut History, i: usize, now: Timestamp) {
    let a = &history.assessments[i];
    history.withdrawn.push(Withdrawal {
        respondent: a.respondent.clone(),
        taken_at: a.taken_at,
        at: now,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;
    use crate::tests::grid;

    fn at(day: u32) -> Timestamp {
        format!("2026-12-{day:02}T10:00:00Z").parse().unwrap()
    }

    /// Assessments `(day, respondent)`, in this file order.
    fn history(rows: &[(u32, &str)]) -> History {
        let f = grid(1, 1);
        let mut h = History::default();
        for (day, who) in rows {
            let mut a = Assessment::new(&f, at(*day));
            a.respondent = Some(who.to_string());
            h.assessments.push(a);
        }
        h
    }

    fn fold(n: Option<&str>) -> Option<String> {
        n.map(|n| n.trim().to_lowercase())
    }

    #[test]
    fn numbers_are_places_by_date_whatever_the_file_order() {
        let h = history(&[(5, "Sam"), (1, "Priya"), (3, "Sam")]);
        assert_eq!(numbers(&h), [3, 1, 2]);
    }

    #[test]
    fn a_withdrawal_names_one_person_at_one_time_whatever_the_spelling() {
        let mut h = history(&[(1, "Sam"), (2, "Sam"), (2, "Priya")]);
        withdraw(&mut h, 1, at(9));
        h.withdrawn[0].respondent = Some("SAM ".into());
        let w = withdrawn(&h, fold);
        assert_eq!(
            (0..3).map(|i| w.contains(i)).collect::<Vec<_>>(),
            [false, true, false]
        );
        assert_eq!(w.count(), 1);
        assert!(
            w.is_live(0) && w.is_live(7),
            "past the end: nothing withdrawn"
        );
    }

    #[test]
    fn withdraw_picks_by_history_number_or_back_from_the_latest_still_counting() {
        let mut h = history(&[(1, "Sam"), (2, "Priya"), (3, "Sam")]);
        type Case<'a> = (i64, Option<Option<&'a str>>, Result<usize, CannotWithdraw>);
        let table: [Case; 7] = [
            (2, None, Ok(1)),
            (-1, None, Ok(2)),
            (-1, Some(Some("priya")), Ok(1)),
            (1, Some(Some("sam")), Ok(0)),
            (
                2,
                Some(Some("Sam")),
                Err(CannotWithdraw::NotTheirs {
                    number: 2,
                    whose: Some("Priya".into()),
                }),
            ),
            (
                4,
                None,
                Err(CannotWithdraw::NoSuch {
                    number: 4,
                    count: 3,
                }),
            ),
            (
                0,
                None,
                Err(CannotWithdraw::NoSuch {
                    number: 0,
                    count: 3,
                }),
            ),
        ];
        for (number, whose, want) in table {
            assert_eq!(select(&h, number, whose, fold), want, "{number} {whose:?}");
        }
        withdraw(&mut h, 2, at(9));
        assert_eq!(
            select(&h, 3, None, fold),
            Err(CannotWithdraw::Already {
                number: 3,
                at: at(9)
            })
        );
        assert_eq!(
            select(&h, -1, Some(Some("Sam")), fold),
            Ok(0),
            "the latest still counting"
        );
    }

    #[test]
    fn the_withdrawn_are_listed_for_one_person_or_for_everyone() {
        let f = crate::tests::grid(1, 1);
        let mut h = History::default();
        for (s, who) in [(0, "Ann"), (60, "Bob"), (120, "ann")] {
            let mut a =
                crate::core::answers::Assessment::new(&f, Timestamp::from_second(s).unwrap());
            a.respondent = Some(who.into());
            h.assessments.push(a);
        }
        for i in [0, 1, 2] {
            withdraw(&mut h, i, Timestamp::from_second(600).unwrap());
        }
        let key = |n: Option<&str>| n.map(crate::core::names::fold);
        let listed = |person| -> Vec<usize> {
            list_of(&h, key, person)
                .into_iter()
                .map(|(i, _)| i)
                .collect()
        };
        assert_eq!(listed(Some("ANN")), [0, 2]);
        assert_eq!(listed(None), [0, 1, 2]);
        assert!(listed(Some("Cat")).is_empty());
    }
}
