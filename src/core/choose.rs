//! Choosing what a command shows: which assessment a selector names, which
//! pair `compare` takes, whose name a new walk records, which draft to offer.
//!
//! Everything here is decided on plain data, so each rule is unit tested.
//! Assessments are taken in the order they were taken (`taken_at`), not the
//! order they sit in the file: a file merged by hand or by git stays right.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::core::answers::{Assessment, History, label_is, same_person};

/// The calendar day (UTC) an assessment was taken, for date selectors.
pub fn day_of(t: Timestamp) -> Date {
    TimeZone::UTC.to_datetime(t).date()
}

/// The number `history` shows for assessment `index` (1 = oldest): its place
/// by `taken_at`, ties in file order. Counts without sorting, for one-off use.
pub fn number_of(history: &History, index: usize) -> usize {
    let t = history.assessments[index].taken_at;
    1 + history
        .assessments
        .iter()
        .enumerate()
        .filter(|(j, a)| a.taken_at < t || (a.taken_at == t && *j < index))
        .count()
}

/// Why nothing (or nothing usable) was chosen; the shell words each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The file (or the respondent) has no assessment at all.
    NoAssessments,
    /// A selector matched nothing among `count` candidates.
    NoSuch {
        /// What was asked for.
        selector: String,
        /// How many assessments it was chosen among.
        count: usize,
    },
    /// `compare` needs two assessments by one person; there are `count`.
    NothingToCompare {
        /// How many assessments that person has.
        count: usize,
        /// Whose assessments were counted, where named.
        respondent: Option<String>,
    },
    /// Both sides of a comparison are assessment `number`; `latest` when
    /// the later side was the default (the person's latest).
    Same {
        /// The assessment's number, as `history` lists it.
        number: usize,
        /// Whether the later side was chosen by default.
        latest: bool,
    },
}

/// An answers file's assessments in the order they were taken.
pub struct Timeline<'a> {
    history: &'a History,
    /// Indices into `history.assessments`, oldest first; ties keep file order.
    order: Vec<usize>,
}

impl<'a> Timeline<'a> {
    /// Orders `history` by when each assessment was taken.
    pub fn new(history: &'a History) -> Timeline<'a> {
        let mut order: Vec<usize> = (0..history.assessments.len()).collect();
        order.sort_by_key(|&i| history.assessments[i].taken_at);
        Timeline { history, order }
    }

    /// The assessment at `index` in the file.
    pub fn get(&self, index: usize) -> &'a Assessment {
        &self.history.assessments[index]
    }

    /// The indices of `respondent`'s assessments (`None`: everyone's), oldest first.
    pub fn of(&self, respondent: Option<&str>) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&i| respondent.is_none_or(|r| same_person(self.get(i).respondent.as_deref(), Some(r))))
            .collect()
    }

    /// The number `history` shows for the assessment at `index` (1 = oldest).
    pub fn number(&self, index: usize) -> usize {
        self.order.iter().position(|&i| i == index).map_or(0, |p| p + 1)
    }

    /// The latest assessment by `respondent` (`None`: by anyone).
    pub fn latest(&self, respondent: Option<&str>) -> Option<usize> {
        self.of(respondent).last().copied()
    }

    /// The latest assessment whose respondent is exactly `respondent` (no
    /// name matches only no name), for pre-filling a rerun: a person never
    /// starts from someone else's answers.
    pub fn latest_of_exactly(&self, respondent: Option<&str>) -> Option<usize> {
        self.order
            .iter()
            .rev()
            .copied()
            .find(|&i| same_person(self.get(i).respondent.as_deref(), respondent))
    }

    /// The assessment taken before `index` by the same person, for "change since".
    pub fn previous(&self, index: usize) -> Option<usize> {
        let who = self.get(index).respondent.as_deref();
        let at = self.order.iter().position(|&i| i == index)?;
        self.order[..at]
            .iter()
            .rev()
            .copied()
            .find(|&i| same_person(self.get(i).respondent.as_deref(), who))
    }

    /// The assessment `selector` names among `respondent`'s (`None`: everyone's).
    /// A number is its place as `history` lists them (1 = oldest, -1 = latest
    /// of the candidates); a date (`2026-09-03`, UTC) the latest taken that
    /// day; anything else a label (the latest with it, ignoring case).
    pub fn select(&self, selector: &str, respondent: Option<&str>) -> Option<usize> {
        let candidates = self.of(respondent);
        let s = selector.trim();
        if let Ok(n) = s.parse::<i64>() {
            return match n {
                1.. => {
                    let i = *self.order.get(usize::try_from(n - 1).ok()?)?;
                    candidates.contains(&i).then_some(i)
                }
                ..0 => {
                    let back = usize::try_from(n.unsigned_abs()).ok()?;
                    candidates.len().checked_sub(back).map(|i| candidates[i])
                }
                0 => None,
            };
        }
        if let Some(date) = parse_date(s) {
            return candidates
                .iter()
                .rev()
                .copied()
                .find(|&i| day_of(self.get(i).taken_at) == date);
        }
        candidates
            .iter()
            .rev()
            .copied()
            .find(|&i| label_is(self.get(i).label.as_deref(), s))
    }

    /// The assessment a command shows: the one `selector` names, else the
    /// latest (by `respondent`, where named).
    pub fn pick(&self, selector: Option<&str>, respondent: Option<&str>) -> Result<usize, Miss> {
        match selector {
            Some(s) => self.select(s, respondent).ok_or_else(|| Miss::NoSuch {
                selector: s.to_string(),
                count: self.of(respondent).len(),
            }),
            None => self.latest(respondent).ok_or(Miss::NoAssessments),
        }
    }

    /// The two assessments `compare` shows, earlier side first. By default
    /// the latest and the same person's assessment before it; with only the
    /// first named, that one and its person's latest. Comparing two people is
    /// allowed when both are named.
    pub fn pick_pair(
        &self,
        a: Option<&str>,
        b: Option<&str>,
        respondent: Option<&str>,
    ) -> Result<(usize, usize), Miss> {
        let (a_index, b_index) = match (a, b) {
            (None, _) => {
                let later = self.pick(b, respondent)?;
                let who = self.get(later).respondent.as_deref().or(respondent);
                let earlier = self.previous(later).ok_or_else(|| Miss::NothingToCompare {
                    count: self.of(who).len(),
                    respondent: who.map(str::to_string),
                })?;
                (earlier, later)
            }
            (Some(a), None) => {
                let earlier = self.pick(Some(a), respondent)?;
                let later = match respondent {
                    Some(who) => self.latest(Some(who)),
                    None => self.latest_of_exactly(self.get(earlier).respondent.as_deref()),
                };
                (earlier, later.unwrap_or(earlier))
            }
            (Some(a), Some(b)) => (self.pick(Some(a), respondent)?, self.pick(Some(b), respondent)?),
        };
        if a_index == b_index {
            return Err(Miss::Same {
                number: self.number(a_index),
                latest: b.is_none(),
            });
        }
        Ok((a_index, b_index))
    }
}

/// Whether the file holds more than one person's assessments (no name counts
/// as one person).
pub fn several_people(history: &History) -> bool {
    let first = history.assessments.first().and_then(|a| a.respondent.as_deref());
    history
        .assessments
        .iter()
        .any(|a| !same_person(a.respondent.as_deref(), first))
}

/// The spelling already in the file for a typed name, so "sam" is the "Sam"
/// who answered before (the latest spelling wins); else the name as typed.
pub fn known_spelling(history: &History, typed: &str) -> String {
    history
        .assessments
        .iter()
        .rev()
        .filter_map(|a| a.respondent.as_deref())
        .find(|known| same_person(Some(known), Some(typed)))
        .unwrap_or(typed)
        .to_string()
}

/// Who answered last, counting unfinished walks (`(updated_at, respondent)`),
/// as the default for the name question.
pub fn usual_respondent(
    history: &History,
    drafts: impl IntoIterator<Item = (Timestamp, Option<String>)>,
) -> Option<String> {
    history
        .assessments
        .iter()
        .map(|a| (a.taken_at, a.respondent.clone()))
        .chain(drafts)
        .max_by_key(|(t, _)| *t)
        .and_then(|(_, r)| r)
}

/// Which of the unfinished walks (`(respondent, framework id, started_at)`)
/// belong to this person and framework, oldest first: the last is offered to
/// carry on with, and all are replaced once a new assessment is saved.
pub fn drafts_of<'d>(
    drafts: impl IntoIterator<Item = (usize, Option<&'d str>, &'d str, Timestamp)>,
    respondent: Option<&str>,
    framework_id: &str,
) -> Vec<usize> {
    let mut mine: Vec<(Timestamp, usize)> = drafts
        .into_iter()
        .filter(|(_, who, id, _)| same_person(*who, respondent) && *id == framework_id)
        .map(|(i, _, _, started)| (started, i))
        .collect();
    mine.sort();
    mine.into_iter().map(|(_, i)| i).collect()
}

fn parse_date(s: &str) -> Option<Date> {
    (s.len() == 10).then(|| s.parse::<Date>().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework::Framework;

    fn history_of(rows: &[(&str, Option<&str>, Option<&str>)]) -> History {
        let f = Framework::bundled();
        let mut h = History::default();
        for (when, label, who) in rows {
            let mut a = Assessment::new(&f, when.parse().unwrap());
            a.label = label.map(str::to_string);
            a.respondent = who.map(str::to_string);
            h.assessments.push(a);
        }
        h
    }

    fn history() -> History {
        history_of(&[
            ("2026-03-01T10:00:00Z", Some("Spring"), Some("Ann")),
            ("2026-09-03T09:00:00Z", None, Some("Bob")),
            ("2026-09-03T15:00:00Z", Some("Autumn review"), Some("Ann")),
        ])
    }

    #[test]
    fn numbers_count_from_the_oldest_and_negatives_from_the_latest() {
        let h = history();
        let t = Timeline::new(&h);
        assert_eq!(t.select("1", None), Some(0));
        assert_eq!(t.select("3", None), Some(2));
        assert_eq!(t.select("4", None), None);
        assert_eq!(t.select("0", None), None);
        assert_eq!(t.select("-1", None), Some(2));
        assert_eq!(t.select("-3", None), Some(0));
        assert_eq!(t.select("-4", None), None);
        assert_eq!(t.select("-9223372036854775808", None), None);
        assert_eq!(t.select("99999999999999999999", None), None);
    }

    #[test]
    fn dates_pick_the_latest_that_day_and_labels_ignore_case() {
        let h = history();
        let t = Timeline::new(&h);
        assert_eq!(t.select("2026-09-03", None), Some(2));
        assert_eq!(t.select("2026-01-01", None), None);
        assert_eq!(t.select("autumn REVIEW", None), Some(2));
        assert_eq!(t.select("Summer", None), None);
    }

    #[test]
    fn a_respondent_narrows_the_choice() {
        let h = history();
        let t = Timeline::new(&h);
        assert_eq!(t.select("-1", Some("Bob")), Some(1));
        assert_eq!(t.select("-2", Some("Ann")), Some(0));
        assert_eq!(t.select("2", Some("Ann")), None, "#2 is Bob's");
        assert_eq!(t.select("2026-09-03", Some("Bob")), Some(1));
    }

    #[test]
    fn assessments_are_ordered_by_when_they_were_taken_not_by_file_position() {
        let h = history_of(&[
            ("2026-09-03T15:00:00Z", Some("Autumn"), Some("Ann")),
            ("2026-03-01T10:00:00Z", Some("Spring"), Some("Ann")),
        ]);
        let t = Timeline::new(&h);
        assert_eq!(t.latest(None), Some(0));
        assert_eq!(
            t.select("1", None),
            Some(1),
            "#1 is the oldest, though second in the file"
        );
        assert_eq!(t.number(0), 2);
        assert_eq!(number_of(&h, 0), 2);
        assert_eq!(number_of(&h, 1), 1);
        assert_eq!(t.previous(0), Some(1));
        assert_eq!(t.previous(1), None);
        assert_eq!(t.latest_of_exactly(Some("Ann")), Some(0));
    }

    #[test]
    fn the_previous_assessment_is_the_same_respondents() {
        let h = history();
        let t = Timeline::new(&h);
        assert_eq!(t.previous(2), Some(0));
        assert_eq!(t.previous(1), None);
    }

    #[test]
    fn compare_takes_the_latest_and_that_persons_one_before_by_default() {
        let h = history();
        let t = Timeline::new(&h);
        assert_eq!(t.pick_pair(None, None, None), Ok((0, 2)));
        assert_eq!(
            t.pick_pair(None, None, Some("Bob")),
            Err(Miss::NothingToCompare {
                count: 1,
                respondent: Some("Bob".into())
            })
        );
        assert_eq!(
            t.pick_pair(Some("1"), None, None),
            Ok((0, 2)),
            "Ann's #1 and Ann's latest"
        );
        assert_eq!(
            t.pick_pair(Some("2"), None, None),
            Err(Miss::Same {
                number: 2,
                latest: true
            })
        );
        assert_eq!(
            t.pick_pair(Some("1"), Some("Spring"), None),
            Err(Miss::Same {
                number: 1,
                latest: false
            })
        );
        assert_eq!(t.pick_pair(Some("1"), Some("2"), None), Ok((0, 1)));
        assert_eq!(
            t.pick_pair(Some("Winter"), None, None),
            Err(Miss::NoSuch {
                selector: "Winter".into(),
                count: 3
            })
        );
    }

    #[test]
    fn an_empty_file_has_nothing_to_pick() {
        let h = History::default();
        assert_eq!(Timeline::new(&h).pick(None, None), Err(Miss::NoAssessments));
    }

    #[test]
    fn several_people_means_more_than_one_name_or_a_name_and_none() {
        let h = history_of(&[
            ("2026-03-01T10:00:00Z", None, Some("Ann")),
            ("2026-03-02T10:00:00Z", None, Some("Bob")),
            ("2026-03-03T10:00:00Z", None, Some("bob ")),
            ("2026-03-04T10:00:00Z", None, Some("Cat")),
        ]);
        assert!(several_people(&h));
        assert!(!several_people(&history_of(&[(
            "2026-03-01T10:00:00Z",
            None,
            Some("Ann")
        )])));
    }

    #[test]
    fn a_typed_name_takes_the_spelling_already_in_the_file() {
        let h = history();
        assert_eq!(known_spelling(&h, "ann"), "Ann");
        assert_eq!(known_spelling(&h, "Dee"), "Dee");
    }

    #[test]
    fn the_usual_respondent_is_whoever_answered_last_drafts_included() {
        let h = history();
        assert_eq!(usual_respondent(&h, []), Some("Ann".into()));
        let later: Timestamp = "2026-10-01T00:00:00Z".parse().unwrap();
        assert_eq!(usual_respondent(&h, [(later, Some("Bob".into()))]), Some("Bob".into()));
        assert_eq!(usual_respondent(&History::default(), []), None);
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
        assert_eq!(drafts_of(drafts, Some("Ann"), "aspire-mbct"), vec![2, 0]);
        assert_eq!(drafts_of(drafts, None, "aspire-mbct"), Vec::<usize>::new());
    }
}
