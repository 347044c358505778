//! References to the framework and the file as JSON names them: the framework, a stage, an
//! action with its domain and stage, evidence beside an action, a person's note; and an answer as
//! a cell.

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::Answer;
use crate::core::answers::agreed::Evidence;
use crate::core::evidence::in_place;
use crate::core::framework::Framework;
use crate::core::stage::Position;
use crate::core::subject::Snapshot;
use crate::present::doc::{Cell, Tone};
use crate::present::words::AnswerWords;
use crate::present::words::{date_of, person};

/// Evidence beside an action, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EvidenceInfo {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// Its number among the action's evidence, from 1, as `evidence remove` takes it.
    #[serde(skip)]
    pub number: usize,
    /// What shows it, where, who added it and when.
    #[serde(flatten)]
    pub evidence: EvidenceEntry,
}

/// One piece of evidence's own fields, as JSON gives them beside an action or a plan's step.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EvidenceEntry {
    /// What shows the action is in place (a document, a record, a minute).
    pub text: String,
    /// Where to find it: an http or https address.
    pub link: Option<String>,
    /// Who added it.
    pub by: Option<String>,
    /// When it was added (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub at: Timestamp,
}

impl From<&Evidence> for EvidenceEntry {
    fn from(e: &Evidence) -> EvidenceEntry {
        EvidenceEntry {
            text: e.text.clone(),
            link: e.link.clone(),
            by: e.by.clone(),
            at: e.at,
        }
    }
}

/// The evidence recorded for actions In place in the point shown, in framework order.
pub fn evidence_in_place(framework: &Framework, s: &Snapshot) -> Vec<EvidenceInfo> {
    let answers = &s.point().answers;
    in_place(framework, answers, &s.history.evidence, s.closed_at())
        .into_iter()
        .flat_map(|p| {
            p.evidence
                .into_iter()
                .enumerate()
                .map(move |(n, e)| EvidenceInfo {
                    at: ActionRef::new(framework, p.domain, p.action),
                    number: n + 1,
                    evidence: e.into(),
                })
        })
        .collect()
}

impl EvidenceInfo {
    /// "Action (Domain): text — Priya, 2026-12-04, https://…" (the domain left out unless
    /// `domain`).
    pub fn line(&self, domain: bool) -> String {
        let e = &self.evidence;
        let mut by: Vec<String> = e.by.iter().cloned().collect();
        by.push(date_of(e.at));
        by.extend(e.link.iter().cloned());
        let domain = if domain {
            format!(" ({})", self.at.domain)
        } else {
            String::new()
        };
        format!("{}{domain}: {} — {}", self.at.action, e.text, by.join(", "))
    }
}

/// One person's note for a domain.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PersonNote {
    /// Who wrote it.
    pub respondent: String,
    /// What they wrote.
    pub note: String,
}

/// Each member's note for a domain, by name, in the point shown.
pub fn notes_of(s: &Snapshot, domain_id: &str) -> Vec<PersonNote> {
    s.point()
        .members
        .iter()
        .map(|&i| s.assessment(i))
        .filter_map(|m| {
            m.note(domain_id).map(|n| PersonNote {
                respondent: person(m.respondent.as_deref()),
                note: n.to_string(),
            })
        })
        .collect()
}

/// The framework's identity, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
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
    pub fn cell(&self, stages: usize) -> Cell {
        Cell::Stage {
            name: self.name.clone(),
            rank: self.rank,
            of: stages,
        }
    }
}

/// An action with its domain and stage, as JSON names them.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
    pub stage_name: String,
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
            stage_name: stage.name.clone(),
        }
    }

    /// "Find a buddy (Networks, Developmental)".
    pub fn line(&self) -> String {
        format!("{} ({}, {})", self.action, self.domain, self.stage_name)
    }
}

/// An answer as a cell: its words and how good a sign it is; no answer is
/// "(not asked)" (another framework version).
pub fn answer_cell(a: Option<Answer>) -> Cell {
    let Some(a) = a else {
        return Cell::Text("(not asked)".into());
    };
    let tone = match a {
        Answer::InPlace => Tone::Good,
        Answer::InProgress => Tone::Middling,
        // Counts as not in place, as Not yet does.
        Answer::NotYet | Answer::DontKnow | Answer::NoAgreement => Tone::Poor,
        Answer::NotApplicable => Tone::Neutral,
    };
    Cell::Answer {
        text: a.label().to_string(),
        tone,
    }
}
