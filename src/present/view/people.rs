//! `people` and `status`: who is on the team, and where the round stands:
//! who has answered, who is part-way through a walk, who is awaited.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::core::answers::History;
use crate::core::answers::roster::{self, Roster};
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::{Subject, and_list, count, when};

/// The team's members.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleView {
    /// Each member, in the roster's order.
    pub members: Vec<MemberInfo>,
    /// True when the file has no roster and the team is everyone who answered.
    pub from_answers: bool,
}

/// One member.
#[derive(Debug, Clone, Serialize)]
pub struct MemberInfo {
    /// Their name.
    pub name: String,
    /// Other spellings that mean them.
    pub spellings: Vec<String>,
    /// The login account that runs the tool as them.
    pub account: Option<String>,
    /// When they joined, if recorded.
    pub joined: Option<Date>,
    /// When they left, if they did.
    pub left: Option<Date>,
    /// The numbers of the team's rounds they answered in.
    pub rounds: Vec<usize>,
}

/// The members of `history`, each with the rounds of `s` (the team's) they answered in.
pub fn people(history: &History, s: Option<&Snapshot>) -> PeopleView {
    let team = roster::members(history);
    let answered = |name: &str| -> Vec<usize> {
        let Some(s) = s else { return Vec::new() };
        s.points
            .iter()
            .filter(|p| {
                p.members.iter().any(|&i| {
                    roster::person_key(&team, s.assessment(i).respondent.as_deref())
                        == Some(roster::fold(name))
                })
            })
            .map(|p| p.number)
            .collect()
    };
    PeopleView {
        from_answers: history.team.is_empty(),
        members: team
            .iter()
            .map(|(name, m)| MemberInfo {
                name: name.clone(),
                spellings: m.spellings.clone(),
                account: m.account.clone(),
                joined: m.joined,
                left: m.left,
                rounds: answered(name),
            })
            .collect(),
    }
}

impl View for PeopleView {
    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "The team: {}",
            count(self.members.len(), "person")
        )));
        if self.from_answers {
            doc.push(Block::Note(
                "No roster in the answers file yet: the team is everyone who has answered. `people add`, `rename`, `merge` and `leave` start one."
                    .into(),
            ));
        }
        let text = |t: String| Cell::Text(t);
        let rows = self
            .members
            .iter()
            .map(|m| {
                let rounds: Vec<String> = m.rounds.iter().map(usize::to_string).collect();
                let mut on = Vec::new();
                on.extend(m.joined.map(|d| format!("joined {d}")));
                on.extend(m.left.map(|d| format!("left {d}")));
                vec![
                    Cell::Text(m.name.clone()),
                    text(m.spellings.join(", ")),
                    text(m.account.clone().unwrap_or_default()),
                    text(if rounds.is_empty() {
                        "none".into()
                    } else {
                        rounds.join(", ")
                    }),
                    text(on.join("; ")),
                ]
            })
            .collect();
        let header = [
            "Name",
            "Also written",
            "Account",
            "Rounds answered",
            "On the team",
        ];
        doc.push(Block::Table(Table {
            header: header.map(String::from).to_vec(),
            rows,
        }));
        doc
    }
}

/// A walk under way, from its draft.
#[derive(Debug, Clone, Serialize)]
pub struct Walking {
    /// Who is answering.
    pub name: String,
    /// How many actions they have answered.
    pub answered: usize,
    /// How many there are.
    pub of: usize,
    /// When they last answered.
    pub updated_at: Timestamp,
}

/// Where the team's round stands.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// The round being answered, if it has begun.
    pub round: Option<Subject>,
    /// True when a new round is being gathered (the review is due, or the
    /// latest round is over): nobody has answered it yet.
    pub gathering: bool,
    /// Who answered the round, and when.
    pub answered: Vec<Answered<Timestamp>>,
    /// Who is part-way through a walk.
    pub in_progress: Vec<Walking>,
    /// Who on the team has not answered yet.
    pub waiting: Vec<String>,
    /// Who has left the team, and when.
    pub left: Vec<Answered<Date>>,
    /// Files beside the answers file named like a sync service's conflict
    /// copy of it: each that holds what the file does not, cannot be read,
    /// or is another answers file, with what to do.
    pub conflict_copies: Vec<CopyNote>,
}

/// A file beside the answers file named like a conflict copy, and what it is.
#[derive(Debug, Clone, Serialize)]
pub struct CopyNote {
    /// Its name.
    pub file: String,
    /// What it holds (or why it cannot be read), and the command that merges it.
    pub note: String,
}

/// A person and a moment (when they answered; the day they left).
#[derive(Debug, Clone, Serialize)]
pub struct Answered<T> {
    /// Who.
    pub name: String,
    /// When.
    pub at: T,
}

/// The round `s` shows (the team's latest), or a new one being gathered,
/// with the walks under way (`walking`) and the roster of `history`.
pub fn status(
    history: &History,
    s: Option<&Snapshot>,
    gathering: bool,
    walking: Vec<Walking>,
    today: Date,
) -> StatusView {
    let team: Roster = roster::members(history);
    let walking: Vec<Walking> = walking
        .into_iter()
        .map(|w| Walking {
            name: roster::member_named(&team, &w.name).map_or(w.name.clone(), str::to_string),
            ..w
        })
        .collect();
    let is_walking = |name: &str| {
        walking
            .iter()
            .any(|w| roster::fold(&w.name) == roster::fold(name))
    };
    let (round, answered, awaited) = match s.filter(|_| !gathering) {
        Some(s) => {
            let p = s.point();
            let answered = p
                .members
                .iter()
                .map(|&i| Answered {
                    name: super::person(s.assessment(i).respondent.as_deref()),
                    at: s.assessment(i).taken_at,
                })
                .collect();
            (Some(Subject::of(s, s.now)), answered, p.awaited.clone())
        }
        None => {
            let on = team
                .iter()
                .filter(|(_, m)| roster::on_team(m, today))
                .map(|(n, _)| n.clone());
            (None, Vec::new(), on.collect())
        }
    };
    StatusView {
        round,
        gathering,
        answered,
        waiting: awaited.into_iter().filter(|n| !is_walking(n)).collect(),
        in_progress: walking,
        left: team
            .iter()
            .filter_map(|(n, m)| {
                m.left.filter(|l| *l <= today).map(|l| Answered {
                    name: n.clone(),
                    at: l,
                })
            })
            .collect(),
        conflict_copies: Vec::new(),
    }
}

impl View for StatusView {
    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(match &self.round {
            Some(r) => format!("Status of {}", r.title()),
            None => "Status: a new round is being gathered".into(),
        }));
        let mut items: Vec<Vec<Cell>> = self
            .answered
            .iter()
            .map(|a| vec![Cell::Text(format!("{}: answered {}", a.name, when(a.at)))])
            .collect();
        items.extend(self.in_progress.iter().map(|w| {
            vec![Cell::Text(format!(
                "{}: part-way through ({} of {} answered, last answer {})",
                w.name,
                w.answered,
                w.of,
                when(w.updated_at)
            ))]
        }));
        if !items.is_empty() {
            doc.push(Block::List(items));
        }
        let total = self.answered.len() + self.in_progress.len() + self.waiting.len();
        doc.push(Block::Text(if self.waiting.is_empty() {
            format!(
                "{} of {total} answered; nobody is awaited.",
                self.answered.len()
            )
        } else {
            format!(
                "{} of {total} answered; waiting for {}.",
                self.answered.len(),
                and_list(&self.waiting)
            )
        }));
        if !self.left.is_empty() {
            let left: Vec<String> = self
                .left
                .iter()
                .map(|l| format!("{} (left {})", l.name, l.at))
                .collect();
            doc.push(Block::Note(format!(
                "Not on the team now: {}.",
                left.join(", ")
            )));
        }
        if self.gathering {
            doc.push(Block::Note(
                "Each of you, run `mbct-sustain` to answer.".into(),
            ));
        }
        for copy in &self.conflict_copies {
            doc.push(Block::Note(copy.note.clone()));
        }
        doc
    }
}
