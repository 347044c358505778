//! Combining several people's answers: the team's answer per action, and
//! where people disagree.
//!
//! An action counts as In place for the team when a majority of those who
//! answered it say In place (a tie is not a majority); likewise Not
//! applicable. Otherwise the team answer is In progress when anyone said In
//! place or In progress, else Not yet. People who did not answer an action
//! are left out of its count.

use crate::core::answers::{Answer, Assessment, label_is, same_person};
use crate::core::framework::Framework;

/// How many gave each answer to one action, in [`Answer::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally(pub [usize; 4]);

impl Tally {
    /// Counts the answers given.
    pub fn of(answers: impl IntoIterator<Item = Option<Answer>>) -> Tally {
        let mut t = [0; 4];
        for a in answers.into_iter().flatten() {
            t[Answer::ALL.iter().position(|x| *x == a).unwrap_or(0)] += 1;
        }
        Tally(t)
    }

    /// How many gave `a`.
    pub fn count(&self, a: Answer) -> usize {
        self.0[Answer::ALL.iter().position(|x| *x == a).unwrap_or(0)]
    }

    /// How many answered at all.
    pub fn answered(&self) -> usize {
        self.0.iter().sum()
    }

    /// The team's answer by the majority rule; `None` when nobody answered.
    pub fn team_answer(&self) -> Option<Answer> {
        let n = self.answered();
        if n == 0 {
            return None;
        }
        Some(if self.count(Answer::InPlace) * 2 > n {
            Answer::InPlace
        } else if self.count(Answer::NotApplicable) * 2 > n {
            Answer::NotApplicable
        } else if self.count(Answer::InPlace) + self.count(Answer::InProgress) > 0 {
            Answer::InProgress
        } else {
            Answer::NotYet
        })
    }

    /// True when not everyone who answered gave the same answer.
    pub fn is_divided(&self) -> bool {
        self.0.iter().filter(|c| **c > 0).count() > 1
    }

    /// How divided: people not giving the most common answer, then how many
    /// different answers. Larger is more divided.
    pub fn division(&self) -> (usize, usize) {
        let top = self.0.iter().max().copied().unwrap_or(0);
        (self.answered() - top, self.0.iter().filter(|c| **c > 0).count())
    }
}

/// One action on which people disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// Index of the domain.
    pub domain: usize,
    /// Index of the action within the domain.
    pub action: usize,
    /// The answers, counted.
    pub tally: Tally,
}

/// The team's combined assessment under the majority rule.
pub fn combined(framework: &Framework, members: &[&Assessment], template: &Assessment) -> Assessment {
    let mut team = template.clone();
    team.answers.clear();
    team.notes.clear();
    for (_, action) in framework.actions() {
        let tally = Tally::of(members.iter().map(|m| m.answer(&action.id)));
        if let Some(a) = tally.team_answer() {
            team.answers.insert(action.id.clone(), a);
        }
    }
    team
}

/// The actions people disagree on, most divided first (framework order within a tie).
pub fn disagreements(framework: &Framework, members: &[&Assessment]) -> Vec<Disagreement> {
    let mut out: Vec<Disagreement> = framework
        .domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| {
            domain.actions.iter().enumerate().map(move |(i, a)| Disagreement {
                domain: d,
                action: i,
                tally: Tally::of(members.iter().map(|m| m.answer(&a.id))),
            })
        })
        .filter(|x| x.tally.is_divided())
        .collect();
    out.sort_by_key(|x| std::cmp::Reverse(x.tally.division()));
    out
}

/// One respondent's latest assessment, as `team` reads it.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name shown (the respondent, or a stand-in for an unnamed one).
    pub name: String,
    /// The file it came from.
    pub file: String,
    /// The assessment.
    pub assessment: Assessment,
}

/// Which assessments `team` combines: from each source, those taken on or
/// after `since` (a UTC date) and with `label`, if given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// Leave out assessments taken before this day.
    pub since: Option<jiff::civil::Date>,
    /// Keep only assessments with this label (ignoring case).
    pub label: Option<&'a str>,
}

/// Each person's latest assessment across `sources` (`(file shown, short
/// name, assessments)`), matching `filter`, sorted by name. An unnamed
/// respondent is named after their file, so two files' unnamed people stay
/// two people.
pub fn latest_per_person(sources: Vec<(String, String, Vec<Assessment>)>, filter: Filter) -> Vec<Member> {
    let mut members: Vec<Member> = Vec::new();
    for (shown, short, assessments) in sources {
        for a in assessments {
            if filter
                .since
                .is_some_and(|d| crate::core::choose::day_of(a.taken_at) < d)
                || filter.label.is_some_and(|l| !label_is(a.label.as_deref(), l))
            {
                continue;
            }
            let name = a.respondent.clone().unwrap_or_else(|| format!("(no name, {short})"));
            match members.iter_mut().find(|m| same_person(Some(&m.name), Some(&name))) {
                Some(m) if m.assessment.taken_at <= a.taken_at => {
                    m.assessment = a;
                    m.file = shown.clone();
                }
                Some(_) => {}
                None => members.push(Member {
                    name,
                    file: shown.clone(),
                    assessment: a,
                }),
            }
        }
    }
    members.sort_by_key(|m| m.name.to_lowercase());
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::grid;
    use Answer::*;

    fn tally(answers: &[Option<Answer>]) -> Tally {
        Tally::of(answers.iter().copied())
    }

    #[test]
    fn a_majority_in_place_makes_it_in_place_for_the_team() {
        assert_eq!(
            tally(&[Some(InPlace), Some(InPlace), Some(NotYet)]).team_answer(),
            Some(InPlace)
        );
    }

    #[test]
    fn a_tie_is_not_a_majority() {
        assert_eq!(tally(&[Some(InPlace), Some(NotYet)]).team_answer(), Some(InProgress));
        assert_eq!(
            tally(&[Some(InPlace), Some(InPlace), Some(NotYet), Some(NotYet)]).team_answer(),
            Some(InProgress)
        );
    }

    #[test]
    fn not_applicable_counts_as_an_answer_and_can_win() {
        assert_eq!(
            tally(&[Some(NotApplicable), Some(NotApplicable), Some(InPlace)]).team_answer(),
            Some(NotApplicable)
        );
        assert_eq!(
            tally(&[Some(NotApplicable), Some(InPlace), Some(NotYet)]).team_answer(),
            Some(InProgress)
        );
    }

    #[test]
    fn missing_answers_are_left_out_of_the_count() {
        assert_eq!(tally(&[Some(InPlace), None, None]).team_answer(), Some(InPlace));
        assert_eq!(tally(&[None, None]).team_answer(), None);
        assert_eq!(tally(&[Some(NotYet), Some(NotYet)]).team_answer(), Some(NotYet));
    }

    #[test]
    fn the_most_divided_actions_come_first() {
        let f = grid(3, 1);
        let mk = |answers: [Answer; 3]| {
            let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
            for (i, ans) in answers.into_iter().enumerate() {
                a.answers.insert(format!("d0.a{i}"), ans);
            }
            a
        };
        let x = mk([InPlace, InPlace, InPlace]);
        let y = mk([InPlace, NotYet, InProgress]);
        let z = mk([InPlace, InPlace, NotYet]);
        let d = disagreements(&f, &[&x, &y, &z]);
        let order: Vec<usize> = d.iter().map(|d| d.action).collect();
        assert_eq!(order, [2, 1], "a0 is agreed; a2 splits three ways, a1 two");
        let team = combined(&f, &[&x, &y, &z], &x);
        assert_eq!(team.answer("d0.a1"), Some(InPlace));
        assert_eq!(team.answer("d0.a2"), Some(InProgress));
    }

    fn taken(when: &str, who: Option<&str>, label: Option<&str>) -> Assessment {
        let mut a = Assessment::new(&grid(1, 1), when.parse().unwrap());
        a.respondent = who.map(str::to_string);
        a.label = label.map(str::to_string);
        a
    }

    #[test]
    fn each_person_counts_once_with_their_latest_by_date_not_file_order() {
        let sources = vec![
            (
                "a.yaml".to_string(),
                "a.yaml".to_string(),
                vec![
                    taken("2026-12-01T10:00:00Z", Some("Sam"), None),
                    taken("2026-06-01T10:00:00Z", Some("sam"), None),
                    taken("2026-06-02T10:00:00Z", None, None),
                ],
            ),
            (
                "b.yaml".to_string(),
                "b.yaml".to_string(),
                vec![taken("2026-06-03T10:00:00Z", None, None)],
            ),
        ];
        let m = latest_per_person(sources, Filter::default());
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["(no name, a.yaml)", "(no name, b.yaml)", "Sam"]);
        assert_eq!(m[2].assessment.taken_at.to_string(), "2026-12-01T10:00:00Z");
    }

    #[test]
    fn since_compares_days_and_label_ignores_case() {
        let sources = || {
            vec![(
                "a".to_string(),
                "a".to_string(),
                vec![
                    taken("2026-06-01T23:59:59Z", Some("Ann"), Some("June")),
                    taken("2026-12-01T00:00:00Z", Some("Bob"), Some("December")),
                ],
            )]
        };
        let since = Filter {
            since: Some(jiff::civil::date(2026, 6, 2)),
            label: None,
        };
        assert_eq!(latest_per_person(sources(), since).len(), 1);
        let june = Filter {
            since: None,
            label: Some("june"),
        };
        assert_eq!(latest_per_person(sources(), june)[0].name, "Ann");
    }
}
