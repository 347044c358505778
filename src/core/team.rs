//! Combining several people's answers: the team's answer per action, and
//! where people disagree.
//!
//! An action counts as In place for the team when a majority of those who
//! answered it say In place (a tie is not a majority); likewise Not
//! applicable. Otherwise the team answer is In progress when anyone said In
//! place or In progress, else Not yet. People who did not answer an action
//! are left out of its count.

use crate::core::answers::{Answer, Assessment};
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
}
