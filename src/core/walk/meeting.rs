//! The meeting's questions on the walk's engine: for each point the meeting has open (those to
//! confirm first), what the team agrees (one of the five answers, or "leave it to the majority
//! rule"), then, for an answer agreed, a comment, and for one that leaves work to do, the step's
//! owner and due date. Each is handed to `save` the moment it is given, so a stop loses nothing;
//! Esc goes back to the previous question.

use jiff::Timestamp;
use jiff::civil::Date;

use super::{Prompter, Reply, WalkError, in_turn};
use crate::core::agenda::{self, Status};
use crate::core::answers::{Answer, History, roster};
use crate::core::decisions::agreement;
use crate::core::framework::Framework;
use crate::core::subject::Snapshot;
use crate::core::tally::Tally;
use crate::core::time::{RejectedDay, parse_day};

/// One person's answer to a point, and their note for its domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Who (`None`: answered without a name).
    pub name: Option<String>,
    /// Their answer (`None`: not answered).
    pub answer: Option<Answer>,
    /// Their note for the action's domain.
    pub note: Option<String>,
}

/// The decision a point to confirm has standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The answer decided.
    pub answer: Answer,
    /// When it was recorded.
    pub at: Timestamp,
    /// A step done between reviews: the day it is in place from.
    pub since: Option<Date>,
    /// Its comment.
    pub comment: Option<String>,
    /// Whose answers have changed since, by name.
    pub changed: Vec<Option<String>>,
}

/// A point the meeting asks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingPoint {
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub text: String,
    /// Its domain's name.
    pub domain: String,
    /// Its stage's name.
    pub stage: String,
    /// Its place on the agenda (1 = first).
    pub rank: usize,
    /// What each person said.
    pub said: Vec<Said>,
    /// The answers, counted.
    pub tally: Tally,
    /// For a point to confirm: the decision that stands.
    pub standing: Option<Standing>,
}

impl MeetingPoint {
    /// Where the cursor starts: the decision standing, else the answer a majority gave, else
    /// "leave it to the majority rule" (`None`), never the first answer of a tie.
    pub fn default_choice(&self) -> Option<Answer> {
        let majority = self
            .tally
            .team_answer()
            .filter(|a| *a != Answer::NoAgreement);
        self.standing.as_ref().map(|s| s.answer).or(majority)
    }
}

/// The points the meeting has open in the snapshot's round (to confirm, then not yet decided), in
/// the agenda's order; the round's agenda has `of` points in all.
pub fn open_points(framework: &Framework, s: &Snapshot) -> (Vec<MeetingPoint>, usize) {
    let point = s.point();
    let members: Vec<_> = point.members.iter().map(|&i| s.assessment(i)).collect();
    let record = point.record.as_ref();
    let agenda = agenda::agenda(framework, &members, &point.answers, record);
    let of = agenda.len();
    let name = |i: usize| s.assessment(i).respondent.clone();
    let open = agenda
        .into_iter()
        .enumerate()
        .filter(|(_, p)| p.status != Status::Settled);
    let points = open
        .map(|(rank, p)| {
            let domain = &framework.domains[p.domain];
            let action = &domain.actions[p.action];
            let decided = record.and_then(|r| r.actions.get(&action.id));
            let standing = decided.filter(|_| p.status == Status::ToConfirm);
            let standing = standing.and_then(|t| {
                let d = t.decision.as_ref()?;
                Some(Standing {
                    answer: d.answer?,
                    at: d.at,
                    since: d.since(),
                    comment: d.comment.clone(),
                    changed: t.to_confirm.iter().map(|&i| name(i)).collect(),
                })
            });
            MeetingPoint {
                action_id: action.id.clone(),
                text: action.text.clone(),
                domain: domain.name.clone(),
                stage: framework.stages[action.stage_index].name.clone(),
                rank: rank + 1,
                said: members
                    .iter()
                    .map(|m| Said {
                        name: m.respondent.clone(),
                        answer: m.answer(&action.id),
                        note: m.note(&domain.id).map(str::to_string),
                    })
                    .collect(),
                tally: p.tally,
                standing,
            }
        })
        .collect();
    (points, of)
}

/// "What does the team agree?" about one point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreeQuestion<'a> {
    /// The point.
    pub point: &'a MeetingPoint,
    /// Its number among the open points, and how many there are.
    pub number: (usize, usize),
    /// Where the cursor starts: an answer, or `None` for "leave it to the majority rule".
    pub default: Option<Answer>,
}

/// What a question after an agreement asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// A comment for the record.
    Comment,
    /// Who owns the step.
    Owner,
    /// By when (a date).
    Due,
}

/// A question after an agreement: a line of text (empty: skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpQuestion<'a> {
    /// The point.
    pub point: &'a MeetingPoint,
    /// Its number among the open points, and how many there are.
    pub number: (usize, usize),
    /// What is asked.
    pub ask: FollowUp,
    /// The answer agreed.
    pub agreed: Answer,
    /// What was typed last, when it was not a date (so it is asked again).
    pub rejected: Option<RejectedDay>,
}

/// What the meeting records, the moment it is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Minute {
    /// The team's answer to an action (`None`: left to the majority rule).
    Agreed {
        /// The action's id.
        action: String,
        /// The answer.
        answer: Option<Answer>,
    },
    /// A comment on an agreed answer.
    Comment {
        /// The action's id.
        action: String,
        /// The answer agreed.
        answer: Answer,
        /// The comment.
        text: String,
    },
    /// The step's owner, as typed.
    Owner {
        /// The action's id.
        action: String,
        /// The name typed.
        name: String,
    },
    /// The step's due date.
    Due {
        /// The action's id.
        action: String,
        /// The day.
        date: Date,
    },
}

impl Minute {
    /// Writes the minute into `history` as of `now`: an agreement of the round that began on
    /// `round`, a comment with its agreement, or the step's owner (as the plan writes owners) or
    /// due date in the plan.
    pub fn record(&self, history: &mut History, round: Date, now: Timestamp) {
        let agreed = |action, answer, note| agreement(action, answer, note, (round, None), now);
        match self {
            Minute::Agreed { action, answer } => {
                history.agreements.push(agreed(action, *answer, None));
            }
            Minute::Comment {
                action,
                answer,
                text,
            } => {
                let commented = agreed(action, Some(*answer), Some(text));
                // The agreement just saved for the point takes its comment: one entry, not two.
                match history.agreements.last_mut() {
                    Some(last)
                        if (&last.action, last.round, last.answer, last.since)
                            == (&commented.action, commented.round, commented.answer, None)
                            && last.comment.is_none() =>
                    {
                        *last = commented;
                    }
                    _ => history.agreements.push(commented),
                }
            }
            Minute::Owner { action, name } => {
                let step = history.plan.step(action).cloned().unwrap_or_default();
                let owner = roster::owner_named(history, name);
                history.plan.set_step(action, Some(owner), step.due, now);
            }
            Minute::Due { action, date } => {
                let step = history.plan.step(action).cloned().unwrap_or_default();
                history.plan.set_step(action, step.owner, Some(*date), now);
            }
        }
    }
}

/// One question of the meeting, about open point `.0`.
#[derive(Debug, Clone, Copy)]
enum Ask {
    Answer(usize),
    Then(usize, FollowUp),
}

/// Goes through `points` with `prompter`, handing each answer to `save` as it is given.
pub fn run<P: Prompter, E>(
    points: &[MeetingPoint],
    prompter: &mut P,
    mut save: impl FnMut(&mut P, &Minute) -> Result<(), E>,
) -> Result<(), WalkError<E>> {
    let steps: Vec<Ask> = (0..points.len())
        .flat_map(|i| {
            [
                Ask::Answer(i),
                Ask::Then(i, FollowUp::Comment),
                Ask::Then(i, FollowUp::Owner),
                Ask::Then(i, FollowUp::Due),
            ]
        })
        .collect();
    // The answer agreed for each point in this meeting (`Some(None)`: left to the rule).
    let mut agreed: Vec<Option<Option<Answer>>> = vec![None; points.len()];
    let applies = |agreed: &Vec<Option<Option<Answer>>>, ask: Ask| match ask {
        Ask::Answer(_) => true,
        Ask::Then(i, FollowUp::Comment) => matches!(agreed[i], Some(Some(_))),
        Ask::Then(i, _) => matches!(agreed[i], Some(Some(a)) if leaves_work(a)),
    };
    let count = points.len();
    in_turn(
        &steps,
        0,
        &mut agreed,
        prompter,
        applies,
        |agreed, p, ask| {
            let stopped = WalkError::Stopped;
            match ask {
                Ask::Answer(i) => {
                    let point = &points[i];
                    let number = (i + 1, count);
                    let q = AgreeQuestion {
                        point,
                        number,
                        default: point.default_choice(),
                    };
                    let Reply::Given(answer) = p.agree(&q).map_err(stopped)? else {
                        return Ok(Reply::Back);
                    };
                    let minute = Minute::Agreed {
                        action: point.action_id.clone(),
                        answer,
                    };
                    save(p, &minute).map_err(WalkError::Save)?;
                    agreed[i] = Some(answer);
                    Ok(Reply::Given(()))
                }
                Ask::Then(i, what) => {
                    let point = &points[i];
                    let Some(Some(answer)) = agreed[i] else {
                        return Ok(Reply::Given(()));
                    };
                    let mut q = FollowUpQuestion {
                        point,
                        number: (i + 1, count),
                        ask: what,
                        agreed: answer,
                        rejected: None,
                    };
                    let action = point.action_id.clone();
                    let minute = loop {
                        let Reply::Given(typed) = p.follow_up(&q).map_err(stopped)? else {
                            return Ok(Reply::Back);
                        };
                        let text = typed.trim().to_string();
                        if text.is_empty() {
                            break None;
                        }
                        match what {
                            FollowUp::Comment => {
                                break Some(Minute::Comment {
                                    action,
                                    answer,
                                    text,
                                });
                            }
                            FollowUp::Owner => break Some(Minute::Owner { action, name: text }),
                            FollowUp::Due => match parse_day(&text) {
                                Ok(date) => break Some(Minute::Due { action, date }),
                                Err(problem) => {
                                    q.rejected = Some(RejectedDay {
                                        typed: text,
                                        problem,
                                    })
                                }
                            },
                        }
                    };
                    if let Some(minute) = minute {
                        save(p, &minute).map_err(WalkError::Save)?;
                    }
                    Ok(Reply::Given(()))
                }
            }
        },
    )
}

/// Whether an agreed answer leaves a step to plan (not In place, not Not applicable).
fn leaves_work(a: Answer) -> bool {
    !matches!(a, Answer::InPlace | Answer::NotApplicable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{Scripted, ScriptedPrompter};
    use Answer::*;
    use Scripted::{Back, Pick, Rule, Type};

    fn point(id: &str, answers: &[Answer]) -> MeetingPoint {
        MeetingPoint {
            action_id: id.into(),
            text: format!("Do {id}"),
            domain: "D".into(),
            stage: "S".into(),
            rank: 1,
            said: Vec::new(),
            tally: Tally::of(answers.iter().map(|a| Some(*a))),
            standing: None,
        }
    }

    fn meet(points: &[MeetingPoint], script: Vec<Scripted>) -> (Vec<Minute>, ScriptedPrompter) {
        let mut p = ScriptedPrompter::new(script);
        let mut minutes = Vec::new();
        let _ = run(points, &mut p, |_, m| {
            minutes.push(m.clone());
            Ok::<(), ()>(())
        });
        (minutes, p)
    }

    #[test]
    fn an_agreed_answer_is_saved_with_its_comment_owner_and_due_date() {
        let points = [point("a", &[NotYet, InProgress])];
        let script = vec![
            Pick(InProgress),
            Type("Only one pathway so far".into()),
            Type("Priya".into()),
            Type("2027-01-31".into()),
        ];
        let (minutes, p) = meet(&points, script);
        assert_eq!(
            minutes,
            [
                Minute::Agreed {
                    action: "a".into(),
                    answer: Some(InProgress)
                },
                Minute::Comment {
                    action: "a".into(),
                    answer: InProgress,
                    text: "Only one pathway so far".into()
                },
                Minute::Owner {
                    action: "a".into(),
                    name: "Priya".into()
                },
                Minute::Due {
                    action: "a".into(),
                    date: jiff::civil::date(2027, 1, 31)
                },
            ]
        );
        assert_eq!(
            p.asked,
            ["agree 1/1 [rule]", "comment 1", "owner 1", "due 1"]
        );
    }

    #[test]
    fn a_comment_joins_the_agreement_just_saved_for_its_point_in_one_entry() {
        let mut h = History::default();
        let round = jiff::civil::date(2026, 9, 1);
        let now: Timestamp = "2026-09-15T10:00:00Z".parse().unwrap();
        let agreed = Minute::Agreed {
            action: "a".into(),
            answer: Some(InProgress),
        };
        let comment = |text: &str| Minute::Comment {
            action: "a".into(),
            answer: InProgress,
            text: text.into(),
        };
        agreed.record(&mut h, round, now);
        comment("Only one pathway so far").record(&mut h, round, now);
        assert_eq!(h.agreements.len(), 1, "{:?}", h.agreements);
        let a = &h.agreements[0];
        assert_eq!(
            (a.answer, a.comment.as_deref()),
            (Some(InProgress), Some("Only one pathway so far"))
        );
        // A second comment is kept beside the first, never over it.
        comment("And a buddy scheme").record(&mut h, round, now);
        assert_eq!(h.agreements.len(), 2);
        assert_eq!(
            h.agreements[0].comment.as_deref(),
            Some("Only one pathway so far")
        );
    }

    #[test]
    fn in_place_asks_only_for_a_comment_and_leaving_it_to_the_rule_asks_nothing_more() {
        let points = [
            point("a", &[InPlace, NotYet]),
            point("b", &[InPlace, NotYet]),
        ];
        let (minutes, p) = meet(&points, vec![Pick(InPlace), Type(String::new()), Rule]);
        assert_eq!(
            minutes,
            [
                Minute::Agreed {
                    action: "a".into(),
                    answer: Some(InPlace)
                },
                Minute::Agreed {
                    action: "b".into(),
                    answer: None
                },
            ]
        );
        assert_eq!(
            p.asked,
            ["agree 1/2 [rule]", "comment 1", "agree 2/2 [rule]"]
        );
    }

    #[test]
    fn the_cursor_starts_on_the_standing_decision_then_the_majority_never_on_a_tie() {
        let tie = point("a", &[InPlace, NotYet]);
        assert_eq!(tie.default_choice(), None, "a tie: leave it to the rule");
        let majority = point("b", &[InPlace, InPlace, NotYet]);
        assert_eq!(majority.default_choice(), Some(InPlace));
        let mut standing = point("c", &[InPlace, NotYet]);
        standing.standing = Some(Standing {
            answer: InProgress,
            at: Timestamp::UNIX_EPOCH,
            since: None,
            comment: None,
            changed: vec![],
        });
        assert_eq!(standing.default_choice(), Some(InProgress));
    }

    #[test]
    fn a_due_date_that_is_not_one_is_asked_again_with_the_same_rule_as_plan_assign() {
        let points = [point("a", &[NotYet, InProgress])];
        let script = vec![
            Pick(NotYet),
            Type(String::new()),
            Type(String::new()),
            Type("0001-01-01".into()),
            Type("2027-02-30".into()),
            Type("2027-03-01".into()),
        ];
        let (minutes, p) = meet(&points, script);
        assert_eq!(p.asked[3..], ["due 1", "due 1 again", "due 1 again"]);
        assert_eq!(
            minutes.last(),
            Some(&Minute::Due {
                action: "a".into(),
                date: jiff::civil::date(2027, 3, 1)
            })
        );
    }

    #[test]
    fn esc_goes_back_to_the_previous_question_and_a_stop_keeps_what_was_given() {
        let points = [
            point("a", &[NotYet, InProgress]),
            point("b", &[InPlace, NotYet]),
        ];
        let script = vec![Pick(InPlace), Back, Pick(NotYet), Type(String::new()), Back];
        let (minutes, p) = meet(&points, script);
        assert_eq!(
            p.asked,
            [
                "agree 1/2 [rule]",
                "comment 1",
                "agree 1/2 [rule]",
                "comment 1",
                "owner 1",
                "comment 1"
            ]
        );
        assert_eq!(
            minutes,
            [
                Minute::Agreed {
                    action: "a".into(),
                    answer: Some(InPlace)
                },
                Minute::Agreed {
                    action: "a".into(),
                    answer: Some(NotYet)
                },
            ],
            "each agreement saved as given; the script ran out (Ctrl-C) after that"
        );
    }
}
