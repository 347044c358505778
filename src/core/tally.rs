//! The majority rule: how many gave each answer to one action, and the team's answer by it.
//!
//! The team's answer to an action is the one a majority of those who answered it gave (a tie is not
//! a majority); without a majority it is No agreement, which counts as not in place and is always a
//! point to discuss. Don't know counts among those who answered, so it can stop a majority; people
//! who did not answer an action are left out of its count. What the team decided wins over the rule
//! (see `core::record`).

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;

/// How many gave each answer to one action, in [`Answer::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally(pub [usize; Answer::ALL.len()]);

/// Each action's answers (in the framework's order of actions) from each of `members` (in their
/// order): what a round's counts are made of. Each assessment is read once, front to back, in the
/// order its answers are stored, which is nearly always the framework's: looking every action up
/// by its id, action by action, read a round of thousands from memory 41 times over.
pub fn by_action<'a>(
    framework: &Framework,
    members: impl IntoIterator<Item = &'a Assessment>,
) -> Vec<Vec<Option<Answer>>> {
    let ids: Vec<&str> = framework.actions().map(|(_, a)| a.id.as_str()).collect();
    let members = members.into_iter();
    let mut columns = vec![Vec::with_capacity(members.size_hint().0); ids.len()];
    let mut row = vec![None; ids.len()];
    for member in members {
        row.fill(None);
        // Each stored answer is first compared with the action after the last one found.
        let mut next = 0;
        for (id, answer) in &member.answers {
            let at = if ids.get(next) == Some(&id.as_str()) {
                Some(next)
            } else {
                ids.iter().position(|known| known == id)
            };
            if let Some(at) = at {
                row[at] = Some(*answer);
                next = at + 1;
            }
        }
        for (column, answer) in columns.iter_mut().zip(&row) {
            column.push(*answer);
        }
    }
    columns
}

impl Tally {
    /// Counts the answers given.
    pub fn of(answers: impl IntoIterator<Item = Option<Answer>>) -> Tally {
        let mut t = [0; Answer::ALL.len()];
        for i in answers
            .into_iter()
            .flatten()
            .filter_map(|a| Answer::ALL.iter().position(|x| *x == a))
        {
            t[i] += 1;
        }
        Tally(t)
    }

    /// How many gave `a`.
    pub fn count(&self, a: Answer) -> usize {
        Answer::ALL
            .iter()
            .position(|x| *x == a)
            .map_or(0, |i| self.0[i])
    }

    /// How many answered at all.
    pub fn answered(&self) -> usize {
        self.0.iter().sum()
    }

    /// The team's answer by the majority rule: the answer more than half of
    /// those who answered gave (a tie is no majority), else No agreement;
    /// `None` when nobody answered. Never an answer nobody gave.
    pub fn team_answer(&self) -> Option<Answer> {
        let n = self.answered();
        (n > 0).then(|| {
            Answer::ALL
                .into_iter()
                .find(|a| self.count(*a) * 2 > n)
                .unwrap_or(Answer::NoAgreement)
        })
    }

    /// The answer most people gave (a tie goes to the first in the usual
    /// order): where the meeting's cursor starts.
    pub fn most_given(&self) -> Option<Answer> {
        let top = *self.0.iter().max()?;
        (top > 0).then(|| Answer::ALL[self.0.iter().position(|c| *c == top).unwrap_or(0)])
    }

    /// True when not everyone who answered gave the same answer.
    pub fn is_divided(&self) -> bool {
        self.0.iter().filter(|c| **c > 0).count() > 1
    }

    /// How divided: people not giving the most common answer, then how many
    /// different answers. Larger is more divided.
    pub fn division(&self) -> (usize, usize) {
        let top = self.0.iter().max().copied().unwrap_or(0);
        (
            self.answered() - top,
            self.0.iter().filter(|c| **c > 0).count(),
        )
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn answers_by_action_are_each_actions_answer_whatever_order_they_are_stored_in() {
        let f = crate::tests::grid(2, 3);
        let ids: Vec<String> = f.actions().map(|(_, a)| a.id.clone()).collect();
        let member = |stored: &[(&str, Answer)]| {
            let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
            a.answers = stored.iter().map(|(id, x)| (id.to_string(), *x)).collect();
            a
        };
        use Answer::*;
        let members = [
            member(&[("d0.a0", InPlace), ("d0.a1", NotYet), ("d1.a2", DontKnow)]),
            member(&[("d1.a1", InProgress), ("d0.a0", NotYet), ("gone", InPlace)]),
            member(&[]),
            member(&[
                ("d0.a2", NotApplicable),
                ("d0.a1", InPlace),
                ("d1.a0", NotYet),
            ]),
        ];
        let columns = by_action(&f, &members);
        assert_eq!(columns.len(), ids.len());
        for (id, column) in ids.iter().zip(&columns) {
            let expected: Vec<_> = members.iter().map(|m| m.answer(id)).collect();
            assert_eq!(column, &expected, "{id}");
        }
    }

    use super::*;
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
        assert_eq!(
            tally(&[Some(InPlace), Some(NotYet)]).team_answer(),
            Some(NoAgreement)
        );
        assert_eq!(
            tally(&[Some(InPlace), Some(InPlace), Some(NotYet), Some(NotYet)]).team_answer(),
            Some(NoAgreement)
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
            Some(NoAgreement)
        );
    }

    #[test]
    fn missing_answers_are_left_out_of_the_count() {
        assert_eq!(
            tally(&[Some(InPlace), None, None]).team_answer(),
            Some(InPlace)
        );
        assert_eq!(tally(&[None, None]).team_answer(), None);
        assert_eq!(
            tally(&[Some(NotYet), Some(NotYet)]).team_answer(),
            Some(NotYet)
        );
    }

    #[test]
    fn dont_know_counts_among_those_who_answered_so_it_can_stop_a_majority() {
        use Answer::*;
        let t = |answers: &[Answer]| Tally::of(answers.iter().map(|a| Some(*a)));
        assert_eq!(
            t(&[InPlace, InPlace, DontKnow]).team_answer(),
            Some(InPlace),
            "2 of 3 is a majority"
        );
        assert_eq!(
            t(&[InPlace, DontKnow]).team_answer(),
            Some(NoAgreement),
            "1 of 2 is not"
        );
        assert_eq!(
            t(&[DontKnow, DontKnow, NotYet]).team_answer(),
            Some(DontKnow)
        );
        assert_eq!(t(&[DontKnow, NotYet]).team_answer(), Some(NoAgreement));
        assert_eq!(
            t(&[InPlace, DontKnow]).count(NoAgreement),
            0,
            "no agreement is never an answer given"
        );
    }
}
