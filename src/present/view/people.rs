//! `people` and `status`: who is on the team, and where the round stands:
//! who has answered, who is part-way through a walk, who is awaited.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::History;
use crate::core::answers::roster::{self, Roster};
use crate::core::names::Names;
use crate::core::standing::{self, OldBecause, WalkIs};
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::sheet::{header, text};
use crate::present::view::subject::SubjectInfo;
use crate::present::words::{and_list, count, date_of, when};

/// The team's members.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PeopleView {
    /// Each member, in the roster's order.
    pub members: Vec<MemberInfo>,
    /// True when the file has no roster and the team is everyone who answered.
    pub from_answers: bool,
}

/// One member.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MemberInfo {
    /// Their name.
    pub name: String,
    /// Other spellings that mean them.
    pub spellings: Vec<String>,
    /// The login account that runs the tool as them.
    pub account: Option<String>,
    /// When they joined, if recorded.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub joined: Option<Date>,
    /// When they left, if they did.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub left: Option<Date>,
    /// The numbers of the team's rounds they answered in.
    pub rounds_answered: Vec<usize>,
}

/// The members of `history`, each with the rounds of `s` (the team's) they answered in.
pub fn people(history: &History, s: Option<&Snapshot>) -> PeopleView {
    let team = roster::members(history);
    let names = Names::new(&team);
    let answered = |name: &str| s.map_or_else(Vec::new, |s| s.answered_by(&names, name));
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
                rounds_answered: answered(name),
            })
            .collect(),
    }
}

impl View for PeopleView {
    fn sheet(&self) -> Table {
        people_sheet(self)
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "The team: {}",
            count(self.members.len(), "person")
        )));
        if self.from_answers {
            doc.push(Block::Note(
                "No roster in the answers file yet: the team is everyone who has answered. `people \
                    add`, `rename`, `merge` and `leave` start one."
                    .into(),
            ));
        }
        let text = |t: String| Cell::Text(t);
        let rows = self
            .members
            .iter()
            .map(|m| {
                let rounds: Vec<String> = m.rounds_answered.iter().map(usize::to_string).collect();
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

/// An unfinished walk, as read from its draft.
#[derive(Debug, Clone)]
pub struct DraftRead {
    /// Who is answering, if they said.
    pub name: Option<String>,
    /// How many actions they have answered.
    pub answered: usize,
    /// How many there are.
    pub of: usize,
    /// When they last answered.
    pub updated_at: Timestamp,
}

/// A walk under way, from its draft.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Walking {
    /// Who is answering.
    pub name: String,
    /// How many actions they have answered.
    pub answered_count: usize,
    /// How many there are.
    pub of: usize,
    /// When they last answered.
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub updated_at: Timestamp,
}

/// A draft that is no walk of this round: listed apart, never counted as a person.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OldDraft {
    /// Whose, if it names anyone.
    pub name: Option<String>,
    /// How many actions it answers.
    pub answered_count: usize,
    /// How many there are.
    pub of: usize,
    /// When its last answer was given.
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub updated_at: Timestamp,
    /// Why it is old: `no-name`, `before-round` (last answered before the round began) or
    /// `earlier` (the same person has a later draft).
    pub why: &'static str,
}

/// Where the team's round stands.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusView {
    /// The round being answered, if it has begun.
    pub round: Option<SubjectInfo>,
    /// True when a new round is being gathered (the review is due, or the
    /// latest round is over): nobody has answered it yet.
    pub gathering: bool,
    /// Who answered the round, and when.
    pub answered: Vec<Answered>,
    /// Who is part-way through a walk and has not answered the round.
    pub in_progress: Vec<Walking>,
    /// Who answered the round and is answering again.
    pub reruns: Vec<Walking>,
    /// Who on the team has not answered yet.
    pub waiting: Vec<String>,
    /// Who has left the team, and the day they left.
    pub left_team: Vec<LeftTeam>,
    /// Drafts that are no walk of this round: no name, older than the round, or an earlier draft
    /// of someone walking again.
    pub old_drafts: Vec<OldDraft>,
    /// Files beside the answers file named like a sync service's conflict
    /// copy of it: each that holds what the file does not, cannot be read,
    /// or is another answers file, with what to do.
    pub conflict_copies: Vec<CopyNote>,
}

/// A file beside the answers file named like a conflict copy, and what it is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CopyNote {
    /// Its name.
    pub file: String,
    /// What it holds (or why it cannot be read), and the command that merges it.
    pub description: String,
}

/// Someone who answered the round, and when.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Answered {
    /// Who.
    pub name: String,
    /// When they answered (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub at: Timestamp,
}

/// Someone who has left the team.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LeftTeam {
    /// Who.
    pub name: String,
    /// The day they left.
    #[schemars(with = "crate::core::json_schema::Day")]
    pub left: Date,
}

/// The round `s` shows (the team's latest), or a new one being gathered,
/// with the unfinished walks (`drafts`) and the roster of `history`: each member is counted once.
pub fn status(
    history: &History,
    s: Option<&Snapshot>,
    gathering: bool,
    drafts: Vec<DraftRead>,
    today: Date,
) -> StatusView {
    let team: Roster = roster::members(history);
    let current = s.filter(|_| !gathering);
    let (round, answered, awaited) = match current {
        Some(s) => {
            let p = s.point();
            let answered: Vec<Answered> = p
                .members
                .iter()
                .map(|&i| Answered {
                    name: crate::present::words::person(s.assessment(i).respondent.as_deref()),
                    at: s.assessment(i).taken_at,
                })
                .collect();
            (Some(SubjectInfo::of(s, s.now)), answered, p.awaited.clone())
        }
        None => (None, Vec::new(), standing::on_the_team(&team, today)),
    };
    let since = standing::round_began(s, current);
    let names: Vec<&str> = answered.iter().map(|a| a.name.as_str()).collect();
    let seen: Vec<standing::Walk> = drafts
        .iter()
        .map(|d| standing::Walk {
            name: d.name.as_deref(),
            updated_at: d.updated_at,
        })
        .collect();
    let (mut in_progress, mut reruns, mut old_drafts) = (Vec::new(), Vec::new(), Vec::new());
    let walks = standing::walks(&team, &names, since, &seen);
    for (d, is) in drafts.iter().zip(walks.iter().cloned()) {
        let walking = |name: String| Walking {
            name,
            answered_count: d.answered,
            of: d.of,
            updated_at: d.updated_at,
        };
        let old = |why| OldDraft {
            name: d.name.clone().filter(|n| !n.trim().is_empty()),
            answered_count: d.answered,
            of: d.of,
            updated_at: d.updated_at,
            why,
        };
        match is {
            WalkIs::PartWay { person } => in_progress.push(walking(person)),
            WalkIs::Rerun { person } => reruns.push(walking(person)),
            WalkIs::Old(OldBecause::NoName) => old_drafts.push(old("no-name")),
            WalkIs::Old(OldBecause::BeforeRound) => old_drafts.push(old("before-round")),
            WalkIs::Old(OldBecause::Earlier) => old_drafts.push(old("earlier")),
        }
    }
    StatusView {
        round,
        gathering,
        answered,
        waiting: standing::waiting(awaited, &walks),
        in_progress,
        reruns,
        left_team: standing::left_by(&team, today)
            .into_iter()
            .map(|(name, left)| LeftTeam {
                name: name.to_string(),
                left,
            })
            .collect(),
        old_drafts,
        conflict_copies: Vec::new(),
    }
}

/// At most this many old drafts are named in the text; the rest are counted.
const OLD_DRAFTS_NAMED: usize = 3;

/// At most this many people are named in one line of text (JSON names them all).
const PEOPLE_NAMED: usize = 10;

/// "Sam, Priya and Alex", or the first [`PEOPLE_NAMED`] "and 1,490 more": a line a person can
/// read, however large the team.
fn some_of(names: &[String]) -> String {
    if names.len() <= PEOPLE_NAMED {
        return and_list(names);
    }
    let more = (names.len() - PEOPLE_NAMED).to_string();
    // Digits in threes, as people write large numbers: 1,490.
    let digits: Vec<char> = more.chars().collect();
    let grouped: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|c| c.iter().collect())
        .collect();
    format!(
        "{} and {} more",
        names[..PEOPLE_NAMED].join(", "),
        grouped.join(",")
    )
}

impl StatusView {
    /// "1 of 1 answered; nobody is awaited.": each member counted once.
    fn count_line(&self) -> String {
        let total = self.answered.len() + self.in_progress.len() + self.waiting.len();
        if self.waiting.is_empty() {
            format!(
                "{} of {total} answered; nobody is awaited.",
                self.answered.len()
            )
        } else {
            format!(
                "{} of {total} answered; waiting for {}.",
                self.answered.len(),
                some_of(&self.waiting)
            )
        }
    }

    /// "Old drafts, not counted: one with no name (last answer 2020-03-01), …".
    fn old_drafts_line(&self) -> Option<String> {
        if self.old_drafts.is_empty() {
            return None;
        }
        let mut each: Vec<String> = self
            .old_drafts
            .iter()
            .take(OLD_DRAFTS_NAMED)
            .map(|d| {
                let whose = d
                    .name
                    .as_deref()
                    .map_or("one with no name".to_string(), |n| format!("{n}'s"));
                let why = match d.why {
                    "before-round" => ", from before this round",
                    "earlier" => ", an earlier one",
                    _ => "",
                };
                format!(
                    "{whose} (last answer {}{why})",
                    crate::present::words::date_of(d.updated_at)
                )
            })
            .collect();
        let more = self.old_drafts.len().saturating_sub(OLD_DRAFTS_NAMED);
        if more > 0 {
            each.push(format!("{more} more"));
        }
        Some(format!(
            "{} not counted: {}.",
            if self.old_drafts.len() == 1 {
                "An old draft,"
            } else {
                "Old drafts,"
            },
            and_list(&each)
        ))
    }
}

impl View for StatusView {
    fn sheet(&self) -> Table {
        status_sheet(self)
    }

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
        let walk = |w: &Walking, what: &str| {
            vec![Cell::Text(format!(
                "{}: {what} ({} of {} answered, last answer {})",
                w.name,
                w.answered_count,
                w.of,
                when(w.updated_at)
            ))]
        };
        items.extend(self.in_progress.iter().map(|w| walk(w, "part-way through")));
        items.extend(self.reruns.iter().map(|w| walk(w, "a rerun in progress")));
        if !items.is_empty() {
            doc.push(Block::List(items));
        }
        doc.push(Block::Text(self.count_line()));
        if !self.left_team.is_empty() {
            let left: Vec<String> = self
                .left_team
                .iter()
                .map(|l| format!("{} (left {})", l.name, l.left))
                .collect();
            doc.push(Block::Note(format!(
                "Not on the team now: {}.",
                some_of(&left)
            )));
        }
        doc.blocks.extend(self.old_drafts_line().map(Block::Note));
        if self.gathering {
            doc.push(Block::Note(
                "Each of you, run `mbct-sustain` to answer.".into(),
            ));
        }
        for copy in &self.conflict_copies {
            doc.push(Block::Note(copy.description.clone()));
        }
        doc
    }
}

/// `people`: one row per member.
fn people_sheet(p: &PeopleView) -> Table {
    let head = [
        "name",
        "spellings",
        "account",
        "joined",
        "left",
        "rounds_answered",
    ];
    let rows = p
        .members
        .iter()
        .map(|m| {
            let rounds: Vec<String> = m.rounds_answered.iter().map(usize::to_string).collect();
            vec![
                text(&m.name),
                text(m.spellings.join("; ")),
                text(m.account.clone().unwrap_or_default()),
                text(m.joined.map(|d| d.to_string()).unwrap_or_default()),
                text(m.left.map(|d| d.to_string()).unwrap_or_default()),
                text(rounds.join("; ")),
            ]
        })
        .collect();
    Table {
        header: header(&head),
        rows,
    }
}

/// `status`: one row per person: `answered` (on `date`), `in_progress` (`answered_count` of `of`,
/// last answer on `date`), `waiting`, or `left` (on `date`).
fn status_sheet(s: &StatusView) -> Table {
    let head = ["name", "status", "date", "answered_count", "of"];
    let row = |name: &str, status: &str, date: String, answered: String, of: String| {
        vec![
            text(name),
            text(status),
            text(date),
            text(answered),
            text(of),
        ]
    };
    let none = String::new;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for a in &s.answered {
        rows.push(row(&a.name, "answered", date_of(a.at), none(), none()));
    }
    for w in &s.in_progress {
        let (answered, of) = (w.answered_count.to_string(), w.of.to_string());
        rows.push(row(
            &w.name,
            "in_progress",
            date_of(w.updated_at),
            answered,
            of,
        ));
    }
    for name in &s.waiting {
        rows.push(row(name, "waiting", none(), none(), none()));
    }
    for l in &s.left_team {
        rows.push(row(&l.name, "left", l.left.to_string(), none(), none()));
    }
    Table {
        header: header(&head),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_people_is_cut_to_a_readable_line() {
        let names = |n: usize| (1..=n).map(|i| format!("P{i}")).collect::<Vec<_>>();
        assert_eq!(some_of(&names(3)), "P1, P2 and P3");
        assert_eq!(some_of(&names(10)).matches('P').count(), 10);
        let many = some_of(&names(1_500));
        assert!(many.ends_with("P10 and 1,490 more"), "{many}");
        assert!(many.len() < 100, "{many}");
    }
}
