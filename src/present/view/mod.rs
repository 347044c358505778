//! What each command shows, as plain data: built by pure functions from the
//! framework and the answers, serialised as JSON, and turned into a [`Doc`]
//! for the other formats.
//!
//! [`Doc`]: crate::present::doc::Doc

pub mod compare;
pub mod history;
pub mod plan;
pub mod report;
pub mod team;

use jiff::Timestamp;
use serde::Serialize;

use crate::core::answers::{Assessment, History};
use crate::core::framework::Framework;
use crate::core::stage::Position;

/// Which assessment a view shows, as JSON and headings name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentInfo {
    /// Its place by date, 1 = oldest (as `history` numbers them).
    pub number: usize,
    /// When it was taken (UTC).
    pub taken_at: Timestamp,
    /// Its label, if any.
    pub label: Option<String>,
    /// Its respondent, if any.
    pub respondent: Option<String>,
    /// The framework id it was taken against.
    pub framework_id: String,
    /// The framework version it was taken against.
    pub framework_version: String,
}

impl AssessmentInfo {
    /// Describes assessment `index` of `history`.
    pub fn new(history: &History, index: usize) -> AssessmentInfo {
        let a: &Assessment = &history.assessments[index];
        AssessmentInfo {
            number: crate::core::choose::number_of(history, index),
            taken_at: a.taken_at,
            label: a.label.clone(),
            respondent: a.respondent.clone(),
            framework_id: a.framework.id.clone(),
            framework_version: a.framework.version.clone(),
        }
    }

    /// "#3, 2026-09-03 (Autumn review, Sam)".
    pub fn title(&self) -> String {
        let mut extras = Vec::new();
        extras.extend(self.label.as_deref());
        extras.extend(self.respondent.as_deref());
        let date = date_of(self.taken_at);
        if extras.is_empty() {
            format!("#{}, {date}", self.number)
        } else {
            format!("#{}, {date} ({})", self.number, extras.join(", "))
        }
    }
}

/// The framework's identity, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkInfo {
    /// The framework's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
}

impl From<&Framework> for FrameworkInfo {
    fn from(f: &Framework) -> Self {
        FrameworkInfo {
            id: f.id.clone(),
            title: f.title.clone(),
            version: f.version.clone(),
        }
    }
}

/// A domain's position, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageRef {
    /// The stage id, or `complete`.
    pub id: String,
    /// The stage name, or the completion label.
    pub name: String,
    /// 0 for the first stage; the number of stages when complete.
    pub rank: usize,
}

impl StageRef {
    /// Describes `position` in `framework`.
    pub fn new(framework: &Framework, position: Position) -> StageRef {
        StageRef {
            id: position.id(framework).to_string(),
            name: position.name(framework).to_string(),
            rank: position.rank(framework.stages.len()),
        }
    }

    /// A table cell that a terminal can colour, in a framework of `stages` stages.
    pub fn cell(&self, stages: usize) -> crate::present::doc::Cell {
        crate::present::doc::Cell::Stage {
            name: self.name.clone(),
            rank: self.rank,
            of: stages,
        }
    }
}

/// "1 stage", "3 stages": a count with its noun.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// An action with its domain and stage, as JSON names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRef {
    /// The domain's id.
    pub domain_id: String,
    /// The domain's name.
    pub domain: String,
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub action: String,
    /// The id of the action's stage.
    pub stage_id: String,
    /// The name of the action's stage.
    pub stage: String,
}

impl ActionRef {
    /// Describes action `action` of domain `domain`.
    pub fn new(framework: &Framework, domain: usize, action: usize) -> ActionRef {
        let d = &framework.domains[domain];
        let a = &d.actions[action];
        let stage = &framework.stages[a.stage_index];
        ActionRef {
            domain_id: d.id.clone(),
            domain: d.name.clone(),
            action_id: a.id.clone(),
            action: a.text.clone(),
            stage_id: stage.id.clone(),
            stage: stage.name.clone(),
        }
    }
}

/// The date part of a timestamp, in UTC: how people name an assessment.
pub fn date_of(t: Timestamp) -> String {
    crate::core::choose::day_of(t).to_string()
}

/// Date and time to the minute, in UTC.
pub fn when(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// The legend that states the stage rule under every stage table.
pub fn stage_legend(framework: &Framework) -> String {
    format!(
        "Stage = the first stage not yet met. A stage is met when all its actions are In place \
         (Not applicable ones are left out); a domain with every stage met is {}. \
         Counts are In place / applicable actions.",
        framework.completion_label
    )
}

/// The document's word for a domain's movement.
pub fn direction_of(m: crate::core::compare::Movement) -> crate::present::doc::Direction {
    use crate::core::compare::Movement;
    use crate::present::doc::Direction;
    match m {
        Movement::Up(_) => Direction::Up,
        Movement::Down(_) => Direction::Down,
        Movement::Same => Direction::Same,
        Movement::New => Direction::New,
    }
}

/// An answer as a cell: its words and how good a sign it is.
pub fn answer_cell(a: crate::core::answers::Answer) -> crate::present::doc::Cell {
    use crate::core::answers::Answer;
    use crate::present::doc::{Cell, Tone};
    let tone = match a {
        Answer::InPlace => Tone::Good,
        Answer::InProgress => Tone::Middling,
        Answer::NotYet => Tone::Poor,
        Answer::NotApplicable => Tone::Neutral,
    };
    Cell::Answer {
        text: a.label().to_string(),
        tone,
    }
}
