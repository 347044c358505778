//! What each command shows, as plain data: built by pure functions from the
//! framework and the answers, serialised as JSON, and turned into a [`Doc`]
//! for the other formats.
//!
//! [`Doc`]: crate::present::doc::Doc

pub mod compare;
pub mod history;
pub mod meeting;
pub mod plan;
pub mod report;
pub mod team;

use jiff::Timestamp;
use serde::Serialize;

use crate::core::answers::{Assessment, History};
use crate::core::framework::Framework;
use crate::core::rounds::{self, Round};
use crate::core::stage::Position;
use crate::core::team::round_answers;

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

/// A round of the team's, as JSON and headings name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundInfo {
    /// 1 = the oldest round (as the team's `history` numbers them).
    pub number: usize,
    /// When its first assessment was taken (UTC).
    pub from: Timestamp,
    /// When its last assessment was taken (UTC).
    pub to: Timestamp,
    /// The label all its assessments share, if they share one.
    pub label: Option<String>,
    /// Who is in it (each with their latest answers in it), by name.
    pub respondents: Vec<String>,
    /// Who answered before but not in this round.
    pub left_out: Vec<LeftOutInfo>,
}

/// Someone left out of a round: their answers are older than it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOutInfo {
    /// Their name.
    pub respondent: String,
    /// When they last answered (UTC).
    pub latest: Timestamp,
}

impl RoundInfo {
    /// Describes round `r` of `rounds`.
    pub fn new(history: &History, rounds: &[Round], r: usize) -> RoundInfo {
        RoundInfo::with_left_out(history, &rounds[r], rounds::left_out(history, rounds, r))
    }

    /// Describes `round`, whose left-out people are already known.
    pub fn with_left_out(history: &History, round: &Round, left_out: Vec<rounds::LeftOut>) -> RoundInfo {
        let name = |i: usize| person(history.assessments[i].respondent.as_deref());
        RoundInfo {
            number: round.number,
            from: round.from,
            to: round.to,
            label: round.label(history).map(str::to_string),
            respondents: round.members.iter().map(|&i| name(i)).collect(),
            left_out: left_out
                .into_iter()
                .map(|l| LeftOutInfo {
                    respondent: name(l.latest),
                    latest: history.assessments[l.latest].taken_at,
                })
                .collect(),
        }
    }

    /// `2026-06-01 to 2026-06-12`, or one date when the round took one day.
    pub fn dates(&self) -> String {
        let (from, to) = (date_of(self.from), date_of(self.to));
        if from == to { from } else { format!("{from} to {to}") }
    }

    /// "round 2, 2026-11-28 to 2026-12-02 (Autumn review)".
    pub fn title(&self) -> String {
        let label = self.label.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
        format!("round {}, {}{label}", self.number, self.dates())
    }

    /// "3 people: Alex, Priya, Sam".
    pub fn people(&self) -> String {
        format!("{}: {}", people(self.respondents.len()), self.respondents.join(", "))
    }

    /// "Jo is not in this round: latest answers 2026-06-03." for each left out.
    pub fn left_out_lines(&self) -> Vec<String> {
        self.left_out
            .iter()
            .map(|l| {
                format!(
                    "{}: latest answers {}, not in this round.",
                    l.respondent,
                    date_of(l.latest)
                )
            })
            .collect()
    }
}

/// "1 person", "3 people".
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

/// A person's name as views show it; an unnamed respondent is "(no name)".
pub fn person(respondent: Option<&str>) -> String {
    respondent.map_or_else(|| "(no name)".to_string(), str::to_string)
}

/// Whom a view is about: one person's assessment, or a round of the team's.
/// As JSON, its fields stand alone (`"from": {...}`); see [`Keyed`] for the
/// views that name it (`"assessment"` or `"round"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Subject {
    /// One assessment.
    Assessment(AssessmentInfo),
    /// A round of the team's.
    Round(RoundInfo),
}

impl Subject {
    /// How headings name it: "assessment #3, …" or "the team's round 2, …".
    pub fn title(&self) -> String {
        match self {
            Subject::Assessment(a) => format!("assessment {}", a.title()),
            Subject::Round(r) => format!("the team's {}", r.title()),
        }
    }

    /// As a second mention names it: "#3, 2026-09-03" or "round 2, …".
    pub fn short(&self) -> String {
        match self {
            Subject::Assessment(a) => a.title(),
            Subject::Round(r) => r.title(),
        }
    }

    /// Its number, as `history` lists them.
    pub fn number(&self) -> usize {
        match self {
            Subject::Assessment(a) => a.number,
            Subject::Round(r) => r.number,
        }
    }

    /// A short column heading: `#3`, or a round's first date.
    pub fn column(&self) -> String {
        match self {
            Subject::Assessment(a) => format!("#{}", a.number),
            Subject::Round(r) => date_of(r.from),
        }
    }

    /// The JSON key that names it in a view: `assessment` or `round`.
    pub fn key(&self) -> &'static str {
        match self {
            Subject::Assessment(_) => "assessment",
            Subject::Round(_) => "round",
        }
    }

    /// The lines every team view opens with: who is in the round, who is not.
    pub fn who(&self) -> Vec<String> {
        match self {
            Subject::Assessment(_) => Vec::new(),
            Subject::Round(r) => std::iter::once(format!("The team's answers, by the majority rule ({}).", r.people()))
                .chain(r.left_out_lines())
                .collect(),
        }
    }
}

/// A value serialised under a key chosen at run time, flattened into its
/// view: `{"assessment": …}` for one person, `{"round": …}` for the team.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    /// The key.
    pub key: &'static str,
    /// The value.
    pub value: T,
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(self.key, &self.value)?;
        map.end()
    }
}

/// A round of the team's, ready for a view: who and when, the team's answers
/// by the majority rule, and each member's own assessment (for notes).
#[derive(Debug, Clone)]
pub struct TeamRound<'h> {
    /// Who and when.
    pub info: RoundInfo,
    /// The team's answers.
    pub answers: Assessment,
    /// Each member's latest assessment in the round.
    pub members: Vec<&'h Assessment>,
}

impl<'h> TeamRound<'h> {
    /// Round `r` of `rounds`.
    pub fn new(framework: &Framework, history: &'h History, rounds: &[Round], r: usize) -> TeamRound<'h> {
        let members: Vec<&Assessment> = rounds[r].members.iter().map(|&i| &history.assessments[i]).collect();
        TeamRound {
            info: RoundInfo::new(history, rounds, r),
            answers: round_answers(framework, history, &rounds[r]),
            members,
        }
    }

    /// Each member's note for a domain, by name.
    pub fn notes(&self, domain_id: &str) -> Vec<PersonNote> {
        self.members
            .iter()
            .filter_map(|m| {
                m.note(domain_id).map(|n| PersonNote {
                    respondent: person(m.respondent.as_deref()),
                    note: n.to_string(),
                })
            })
            .collect()
    }
}

/// One person's note for a domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonNote {
    /// Who wrote it.
    pub respondent: String,
    /// What they wrote.
    pub note: String,
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
        "Working in = the first stage not yet met. A stage is met when all its actions are In place \
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
        // Counts as not in place, as Not yet does.
        Answer::NotYet | Answer::DontKnow => Tone::Poor,
        Answer::NotApplicable => Tone::Neutral,
    };
    Cell::Answer {
        text: a.label().to_string(),
        tone,
    }
}
