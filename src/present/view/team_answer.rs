//! The team's answer to each action as views give it: the answer, where it came from (the rule,
//! an agreement, a standing decision or a step done), how people split, and the steps done since
//! the latest round.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::Answer;
use crate::core::framework::Framework;
use crate::core::record::{self, Source, Vote};
use crate::core::subject::Snapshot;
use crate::core::tally::Tally;
use crate::present::words::{AnswerWords, count, date_of, person};

/// The team's answer to one action, where it came from and how people split.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ActionAnswer {
    /// The action's id.
    pub action_id: String,
    /// The team's answer.
    pub team: TeamAnswer,
}

/// The team's answer: one of the five, or `no-agreement`, and why.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TeamAnswer {
    /// The answer.
    pub answer: Answer,
    /// `rule` (the majority rule), `agreed` (this round's meeting), `standing` (an earlier
    /// meeting's agreement still in force) or `done` (a step done between reviews).
    pub source: Source,
    /// When the decision was recorded (null for the rule).
    #[schemars(with = "Option<crate::core::json_schema::DateTime>")]
    pub agreed_at: Option<Timestamp>,
    /// The number of the round whose meeting agreed it (null for the rule and a done step).
    pub agreed_round: Option<usize>,
    /// A done step: the day it is in place from.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub since: Option<Date>,
    /// The meeting's (or the done step's) comment.
    pub comment: Option<String>,
    /// Whether a decision settles the point (agreed, done, or left to the rule), so the meeting
    /// does not ask it again.
    pub settled: bool,
    /// An agreed answer: `override` when it differs from its round's majority, else `matches`.
    pub vote: Option<Vote>,
    /// A step done since the round shown: it counts from the next round.
    pub pending: bool,
    /// How many gave each answer (answers nobody gave left out).
    pub split: indexmap::IndexMap<&'static str, usize>,
    /// Who now answers differently from both the decided answer and their own answer when it was
    /// decided: the point is to confirm (empty otherwise).
    pub to_confirm: Vec<String>,
}

impl TeamAnswer {
    /// The core's answer and why, `name_of` naming the people it points at (by assessment).
    pub fn new(t: &record::TeamAnswer, name_of: &dyn Fn(usize) -> String) -> Option<TeamAnswer> {
        let decision = t.decision.as_ref().filter(|d| d.answer.is_some());
        Some(TeamAnswer {
            answer: t.answer?,
            source: t.source,
            agreed_at: decision.map(|d| d.at),
            agreed_round: decision.and_then(|d| d.round()).map(|r| r + 1),
            since: decision.and_then(|d| d.since()),
            comment: decision.and_then(|d| d.comment.clone()),
            settled: t.settled(),
            vote: t.vote,
            pending: t.pending,
            split: split(&t.tally),
            to_confirm: t.to_confirm.iter().map(|&i| name_of(i)).collect(),
        })
    }
}

/// How many gave each answer, by answer key (answers nobody gave left out).
pub fn split(t: &Tally) -> indexmap::IndexMap<&'static str, usize> {
    Answer::ALL
        .iter()
        .map(|x| (x.key(), t.count(*x)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Each action of `domain` with the team's answer in the point shown (none for one person),
/// `name_of` naming people by assessment.
pub fn team_actions(
    s: &Snapshot,
    domain: &crate::core::framework::Domain,
    name_of: &dyn Fn(usize) -> String,
) -> Vec<ActionAnswer> {
    let Some(record) = &s.point().record else {
        return Vec::new();
    };
    domain
        .actions
        .iter()
        .filter_map(|a| {
            Some(ActionAnswer {
                action_id: a.id.clone(),
                team: TeamAnswer::new(record.actions.get(&a.id)?, name_of)?,
            })
        })
        .collect()
}

/// A person's name by their assessment in the snapshot, as views show it.
pub fn name_in<'a>(s: &'a Snapshot) -> impl Fn(usize) -> String + 'a {
    move |i| person(s.assessment(i).respondent.as_deref())
}

/// A step done since the latest round: it counts from the next round.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PendingStep {
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub action: String,
    /// The day it is in place from.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub since: Option<Date>,
    /// The comment recorded with it.
    pub comment: Option<String>,
}

/// The steps done since the latest round, when it is shown by default (a chosen round shows as
/// it stood, alone).
pub fn pending_steps(framework: &Framework, s: &Snapshot) -> Vec<PendingStep> {
    let text = |id: &str| framework.action_text(id).to_string();
    s.pending()
        .into_iter()
        .map(|(id, t)| PendingStep {
            action_id: id.to_string(),
            action: text(id),
            since: t.decision.as_ref().and_then(|d| d.since()),
            comment: t.decision.as_ref().and_then(|d| d.comment.clone()),
        })
        .collect()
}

/// "No agreement: 1 In place, 1 Don't know", "In place (agreed 2026-12-04)", "In progress
/// (agreed in round 1, 2026-09-15)", "In place (done 2026-10-28)", or the answer.
pub fn team_words(t: &TeamAnswer) -> String {
    let when = t.agreed_at.map(date_of).unwrap_or_default();
    match (t.source, t.answer) {
        (Source::Agreed, a) => format!("{} (agreed {when})", a.label()),
        (Source::Standing, a) => match t.agreed_round {
            Some(round) => format!("{} (agreed in round {round}, {when})", a.label()),
            None => format!("{} (agreed {when})", a.label()),
        },
        (Source::Done, a) => {
            let since = t.since.map_or(when, |d| d.to_string());
            format!("{} (done {since})", a.label())
        }
        (Source::Rule, Answer::NoAgreement) => no_agreement(&t.split),
        (Source::Rule, a) => a.label().to_string(),
    }
}

/// "No agreement: 2 In progress, 2 Not yet, 1 Don't know": a split with no majority.
pub fn no_agreement(split: &indexmap::IndexMap<&'static str, usize>) -> String {
    let label = |k: &str| {
        Answer::ALL
            .iter()
            .find(|a| a.key() == k)
            .map_or("", |a| a.label())
    };
    let each: Vec<String> = split
        .iter()
        .map(|(k, n)| format!("{n} {}", label(k)))
        .collect();
    format!("No agreement: {}", each.join(", "))
}

/// "Since round 2: 1 step done (Develop local networks, 2026-10-28); it counts from the next
/// round.", for the round `number` the steps were done since.
pub fn pending_line(steps: &[PendingStep], number: usize) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let each: Vec<String> = steps
        .iter()
        .map(|p| {
            let since = p.since.map(|d| format!(", {d}")).unwrap_or_default();
            format!("{}{since}", p.action)
        })
        .collect();
    let it = if steps.len() == 1 {
        "it counts"
    } else {
        "they count"
    };
    Some(format!(
        "Since round {number}: {} done ({}); {it} from the next round.",
        count(steps.len(), "step"),
        each.join("; ")
    ))
}
