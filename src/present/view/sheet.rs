//! The table a spreadsheet gets (`--format csv`) for the views whose tables on screen are laid
//! out for reading rather than for sorting and filtering: ids beside names, one fact per column,
//! dates as days. (`plan` and `team` give their document a data table of their own.)
//!
//! Every CSV export names its columns the same way: snake_case field names (`domain_id`,
//! `domain`, `stage`, `action_id`, `action`, `action_stage`, …), `stage` always the domain's stage
//! and `action_stage` an action's; a column that stands for one stage or domain is named by its
//! id in snake_case ([`column()`]: `starting_out`, `buy_in`), one per person by the person's name.

use crate::present::doc::{Cell, Table};
use crate::present::render::Sheet;
use crate::present::view::compare::CompareView;
use crate::present::view::history::HistoryView;
use crate::present::view::page::MeetingPage;
use crate::present::view::people::{PeopleView, StatusView};
use crate::present::view::plan::PlanView;
use crate::present::view::refs::EvidenceInfo;
use crate::present::view::refs::answer_cell;
use crate::present::view::report::Report;
use crate::present::view::subject::SubjectInfo;
use crate::present::view::team::TeamView;
use crate::present::words::date_of;

impl Sheet for Report {
    fn sheet(&self) -> Option<Table> {
        Some(report(self))
    }
}

impl Sheet for CompareView {
    fn sheet(&self) -> Option<Table> {
        Some(compare(self))
    }
}

impl Sheet for HistoryView {
    fn sheet(&self) -> Option<Table> {
        Some(history(self))
    }
}

impl Sheet for PeopleView {
    fn sheet(&self) -> Option<Table> {
        Some(people(self))
    }
}

impl Sheet for StatusView {
    fn sheet(&self) -> Option<Table> {
        Some(status(self))
    }
}

/// The plan's and the team's documents carry their own data table.
impl Sheet for PlanView {}
impl Sheet for TeamView {}
/// The meeting page is only ever written as HTML.
impl Sheet for MeetingPage {}

/// A column name for an id from the framework: `-` and `.` become `_` (`buy-in`: `buy_in`).
pub fn column(id: &str) -> String {
    id.replace(['-', '.'], "_")
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}

/// `report`: one row per domain, its stage, its change and each stage's progress (`2 of 3`).
pub fn report(r: &Report) -> Table {
    let stages = r.domains.first().map_or(&[][..], |d| &d.stages[..]);
    let mut head = header(&["domain_id", "domain", "stage", "change"]);
    head.extend(stages.iter().map(|s| column(&s.id)));
    let rows = r
        .domains
        .iter()
        .map(|d| {
            let change = d
                .change
                .as_ref()
                .map_or(Cell::Text(String::new()), |c| c.cell());
            let mut row = vec![text(&d.id), text(&d.name), text(&d.stage.name), change];
            row.extend(
                d.stages
                    .iter()
                    .map(|s| Cell::progress(s.in_place, s.applicable)),
            );
            row
        })
        .collect();
    Table { header: head, rows }
}

/// `compare`: one row per action whose answer changed.
pub fn compare(c: &CompareView) -> Table {
    let head = [
        "domain_id",
        "domain",
        "action_id",
        "action",
        "action_stage",
        "from",
        "to",
    ];
    let rows = c
        .changes
        .iter()
        .map(|ch| {
            vec![
                text(&ch.at.domain_id),
                text(&ch.at.domain),
                text(&ch.at.action_id),
                text(&ch.at.action),
                text(&ch.at.stage),
                answer_cell(ch.from),
                answer_cell(ch.to),
            ]
        })
        .collect();
    Table {
        header: header(&head),
        rows,
    }
}

/// `history`: one row per assessment or round: when, who, how many domains are at each stage
/// (`starting_out_count`, …, `complete_count`) and each domain's stage (a column per domain id).
pub fn history(h: &HistoryView) -> Table {
    let all = &h.entries.value;
    let team = h.entries.key == "rounds";
    let mut head = if team {
        header(&["round", "from", "to", "label", "respondents"])
    } else {
        header(&["number", "date", "label", "respondent"])
    };
    if let Some(first) = all.first() {
        head.extend(
            first
                .stage_counts
                .keys()
                .map(|id| format!("{}_count", column(id))),
        );
        head.extend(first.domains.iter().map(|d| column(&d.id)));
    }
    let rows = all
        .iter()
        .map(|e| {
            let mut row = match &e.info {
                SubjectInfo::Assessment(a) => vec![
                    text(a.number.to_string()),
                    text(date_of(a.taken_at)),
                    text(a.label.clone().unwrap_or_default()),
                    text(a.respondent.clone().unwrap_or_default()),
                ],
                SubjectInfo::Round(r) => vec![
                    text(r.number.to_string()),
                    text(date_of(r.from)),
                    text(date_of(r.to)),
                    text(r.label.clone().unwrap_or_default()),
                    text(r.respondents.join("; ")),
                ],
            };
            row.extend(e.stage_counts.values().map(|n| text(n.to_string())));
            row.extend(e.domains.iter().map(|d| text(&d.stage.name)));
            row
        })
        .collect();
    Table { header: head, rows }
}

/// `people`: one row per member.
pub fn people(p: &PeopleView) -> Table {
    let head = ["name", "spellings", "account", "joined", "left", "rounds"];
    let rows = p
        .members
        .iter()
        .map(|m| {
            let rounds: Vec<String> = m.rounds.iter().map(usize::to_string).collect();
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

/// `status`: one row per person: `answered` (on `date`), `in_progress` (`answered` of `of`, last
/// answer on `date`), `waiting`, or `left` (on `date`).
pub fn status(s: &StatusView) -> Table {
    let head = ["name", "status", "date", "answered", "of"];
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
        let (answered, of) = (w.answered.to_string(), w.of.to_string());
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
    for l in &s.left {
        rows.push(row(&l.name, "left", l.at.to_string(), none(), none()));
    }
    Table {
        header: header(&head),
        rows,
    }
}

/// `evidence`: one row per item, numbered per action as `evidence remove` takes them.
pub fn evidence(items: &[EvidenceInfo]) -> Table {
    let head = [
        "domain_id",
        "domain",
        "action_id",
        "action",
        "action_stage",
        "number",
        "text",
        "link",
        "by",
        "added_on",
    ];
    let rows = items
        .iter()
        .map(|e| {
            let number = e.number;
            let ev = &e.evidence;
            vec![
                text(&e.at.domain_id),
                text(&e.at.domain),
                text(&e.at.action_id),
                text(&e.at.action),
                text(&e.at.stage),
                text(number.to_string()),
                text(&ev.text),
                text(ev.link.clone().unwrap_or_default()),
                text(ev.by.clone().unwrap_or_default()),
                text(date_of(ev.at)),
            ]
        })
        .collect();
    Table {
        header: header(&head),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Assessment, History};
    use crate::tests::{grid, latest};

    #[test]
    fn history_keeps_every_assessment_with_counts_and_each_domains_stage_by_id() {
        let f = grid(2, 1);
        let h = History {
            assessments: vec![Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH); 40],
            ..History::default()
        };
        let t = history(&crate::present::view::history::build(&f, &latest(&f, &h)));
        assert_eq!(t.rows.len(), 40, "every assessment, not only those drawn");
        let head: Vec<&str> = t.header.iter().map(String::as_str).collect();
        assert_eq!(
            head,
            [
                "number",
                "date",
                "label",
                "respondent",
                "s0_count",
                "s1_count",
                "complete_count",
                "d0"
            ]
        );
        assert_eq!(t.rows[0][4], Cell::Text("1".into()));
        assert_eq!(t.rows[0].last().unwrap(), &Cell::Text("Stage 0".into()));
    }

    #[test]
    fn a_column_for_an_id_is_snake_case() {
        assert_eq!(column("starting-out"), "starting_out");
        assert_eq!(column("buy-in"), "buy_in");
        assert_eq!(column("d0.a1"), "d0_a1");
        assert_eq!(column("complete"), "complete");
    }
}
