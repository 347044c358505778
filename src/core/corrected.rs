//! Which closed rounds a change to the file corrected. A round's picture stays as it stood, except
//! where something that belongs to it arrives late: an agreement of its meeting recorded before
//! the next round began but merged in from a copy afterwards, an answer merged in, a withdrawal.
//! Such a change is told apart from the rest of a merge so the shell can name it as a correction.

use jiff::Timestamp;

use crate::core::answers::{Answer, History, roster};
use crate::core::framework::Framework;
use crate::core::names::Names;
use crate::core::record::Record;
use crate::core::rounds::rounds;

/// A closed round whose team answers differ after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectedRound {
    /// The round's number (1 is the first).
    pub number: usize,
    /// Each action whose team answer moved: its id, the answer before and after.
    pub moved: Vec<(String, Option<Answer>, Option<Answer>)>,
}

/// A round's first moment, with the team's answer to each action (in framework order).
type RoundAnswers = (Timestamp, Vec<(String, Option<Answer>)>);

/// The team's answer to each action in every round of `history` as of `now`, keyed by the
/// round's first moment (so a round is found again when a merge adds one before it).
fn answers_by_round(framework: &Framework, history: &History, now: Timestamp) -> Vec<RoundAnswers> {
    let team = roster::members(history);
    let names = Names::new(&team);
    let rounds = rounds(history, &team, None, now);
    let record = Record::new(history, &rounds, &names, now);
    rounds
        .iter()
        .enumerate()
        .map(|(r, round)| {
            let answers = record.round(framework, r, &round.members, false);
            let each = framework.actions().map(|(_, action)| {
                let answer = answers.actions.get(&action.id).and_then(|t| t.answer);
                (action.id.clone(), answer)
            });
            (history.assessments[round.all[0]].taken_at, each.collect())
        })
        .collect()
}

/// The rounds closed in `after` (every one but its latest) that were in `before` too and whose
/// team answers differ between the two, oldest first.
pub fn corrected_rounds(
    framework: &Framework,
    before: &History,
    after: &History,
    now: Timestamp,
) -> Vec<CorrectedRound> {
    let earlier = answers_by_round(framework, before, now);
    let later = answers_by_round(framework, after, now);
    let closed = later.len().saturating_sub(1);
    later
        .iter()
        .take(closed)
        .enumerate()
        .filter_map(|(r, (start, answers))| {
            let (_, was) = earlier.iter().find(|(s, _)| s == start)?;
            let moved: Vec<_> = was
                .iter()
                .zip(answers)
                .filter(|((_, a), (_, b))| a != b)
                .map(|((id, a), (_, b))| (id.clone(), *a, *b))
                .collect();
            (!moved.is_empty()).then_some(CorrectedRound {
                number: r + 1,
                moved,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;
    use crate::core::answers::agreed::Agreement;
    use crate::tests::grid;
    use Answer::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// Two people answering the one action in two rounds, a quarter apart.
    fn two_rounds(first: Answer, second: Answer) -> History {
        let f = grid(1, 1);
        let mut h = History::default();
        for (day, answer) in [("2026-09-01", first), ("2026-12-01", second)] {
            for (p, name) in ["Sam", "Priya"].into_iter().enumerate() {
                let mut a = Assessment::new(&f, at(&format!("{day}T1{p}:00:00Z")));
                a.respondent = Some(name.into());
                a.answers.insert("d0.a0".into(), answer);
                h.assessments.push(a);
            }
        }
        h
    }

    fn agreement(round: &str, answer: Answer, when: &str) -> Agreement {
        Agreement {
            round: Some(round.parse().unwrap()),
            action: "d0.a0".into(),
            answer: Some(answer),
            comment: None,
            present: vec![],
            at: at(when),
            since: None,
        }
    }

    const NOW: &str = "2026-12-07T00:00:00Z";

    #[test]
    fn an_earlier_rounds_agreement_recorded_in_time_but_merged_later_corrects_that_round() {
        let before = two_rounds(NotYet, NotYet);
        let mut after = before.clone();
        let made = agreement("2026-09-01", InProgress, "2026-09-15T10:00:00Z");
        after.agreements.push(made);
        let corrected = corrected_rounds(&grid(1, 1), &before, &after, at(NOW));
        assert_eq!(
            corrected,
            [CorrectedRound {
                number: 1,
                moved: vec![("d0.a0".into(), Some(NotYet), Some(InProgress))],
            }]
        );
    }

    #[test]
    fn an_agreement_of_the_latest_round_corrects_nothing_closed() {
        let before = two_rounds(NotYet, NotYet);
        let mut after = before.clone();
        let made = agreement("2026-12-01", InPlace, "2026-12-02T10:00:00Z");
        after.agreements.push(made);
        assert_eq!(corrected_rounds(&grid(1, 1), &before, &after, at(NOW)), []);
    }

    #[test]
    fn an_agreement_recorded_after_the_next_round_began_corrects_nothing() {
        let before = two_rounds(NotYet, NotYet);
        let mut after = before.clone();
        let late = agreement("2026-09-01", InPlace, "2026-12-03T10:00:00Z");
        after.agreements.push(late);
        assert_eq!(corrected_rounds(&grid(1, 1), &before, &after, at(NOW)), []);
    }

    #[test]
    fn a_round_the_change_added_is_new_not_corrected() {
        let mut before = two_rounds(NotYet, NotYet);
        let after = before.clone();
        before.assessments.drain(..2);
        assert_eq!(corrected_rounds(&grid(1, 1), &before, &after, at(NOW)), []);
    }
}
