//! `history`: every assessment or round, and each domain's journey through the stages.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

use crate::core::framework::{COMPLETE_ID, Framework};
use crate::core::names::Names;
use crate::core::stage;
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::refs::{FrameworkInfo, StageRef};
use crate::present::view::sheet::{column, header, text};
use crate::present::view::subject::{SubjectInfo, UnderKey};
use crate::present::words::{count, date_of, dates};

/// At most this many points are drawn in the journey view: more would not fit a screen or a page.
pub const JOURNEY_COLUMNS: usize = 16;

/// Every assessment (by one person), or every round of the team's, oldest first, up to the point
/// shown.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistoryView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// Each assessment (`assessments`) or round (`rounds`) with each domain's stage.
    #[serde(flatten)]
    pub entries: UnderKey<Vec<HistoryEntry>>,
    /// The assessments withdrawn (`history --withdrawn`; else empty): they count nowhere.
    pub withdrawn: Vec<WithdrawnEntry>,
    /// Whether the entries are the team's rounds (else one person's assessments).
    #[serde(skip)]
    team: bool,
    /// Each stage's name, then the completion label.
    #[serde(skip)]
    stages: Vec<String>,
    #[serde(skip)]
    domains: Vec<String>,
}

/// `"assessments": […]` for one person, `"rounds": […]` for the team.
impl JsonSchema for UnderKey<Vec<HistoryEntry>> {
    fn schema_name() -> Cow<'static, str> {
        "AssessmentsOrRounds".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        UnderKey::schema([
            ("assessments", g.subschema_for::<Vec<HistoryEntry>>()),
            ("rounds", g.subschema_for::<Vec<HistoryEntry>>()),
        ])
    }
}

/// One assessment or round in the history.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistoryEntry {
    /// Which assessment or round.
    #[serde(flatten)]
    pub info: SubjectInfo,
    /// How many domains are at each stage, by stage id (and `complete`).
    pub stage_counts: indexmap::IndexMap<String, usize>,
    /// Each domain's stage, in framework order.
    pub domains: Vec<DomainStage>,
}

/// An assessment withdrawn: counted nowhere, kept in the file.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WithdrawnEntry {
    /// Its number, as `history --respondent` lists assessments.
    pub number: usize,
    /// When it was taken.
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub taken_at: jiff::Timestamp,
    /// Its label.
    pub label: Option<String>,
    /// Who answered.
    pub respondent: Option<String>,
    /// When it was withdrawn.
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub withdrawn_at: jiff::Timestamp,
}

/// The assessments of `history` that were withdrawn: `person`'s, or everyone's.
pub fn withdrawn(h: &crate::core::answers::History, person: Option<&str>) -> Vec<WithdrawnEntry> {
    use crate::core::answers::{roster, withdrawn};
    let team = roster::members(h);
    let names = Names::new(&team);
    let numbers = withdrawn::numbers(h);
    let mut out: Vec<WithdrawnEntry> = withdrawn::list_of(h, |n| names.key(n), person)
        .into_iter()
        .map(|(i, at)| WithdrawnEntry {
            number: numbers[i],
            taken_at: h.assessments[i].taken_at,
            label: h.assessments[i].label.clone(),
            respondent: h.assessments[i].respondent.clone(),
            withdrawn_at: at,
        })
        .collect();
    out.sort_by_key(|w| w.number);
    out
}

/// A domain's stage at one point.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DomainStage {
    /// The domain's id.
    pub id: String,
    /// Its stage.
    pub stage: StageRef,
}

/// The journey up to the snapshot's point.
pub fn build(framework: &Framework, s: &Snapshot) -> HistoryView {
    let entries = s.points[..=s.now]
        .iter()
        .enumerate()
        .map(|(p, point)| {
            let mut stage_counts: indexmap::IndexMap<String, usize> = framework
                .stages
                .iter()
                .map(|s| (s.id.clone(), 0))
                .chain([(COMPLETE_ID.to_string(), 0)])
                .collect();
            let domains = stage::assess(framework, &point.answers)
                .iter()
                .zip(&framework.domains)
                .map(|(status, d)| {
                    let stage = StageRef::new(framework, status.position);
                    *stage_counts.entry(stage.id.clone()).or_default() += 1;
                    DomainStage {
                        id: d.id.clone(),
                        stage,
                    }
                })
                .collect();
            HistoryEntry {
                info: SubjectInfo::of(s, p),
                stage_counts,
                domains,
            }
        })
        .collect();
    HistoryView {
        framework: framework.into(),
        entries: UnderKey {
            key: if s.is_team() { "rounds" } else { "assessments" },
            value: entries,
        },
        withdrawn: Vec::new(),
        team: s.is_team(),
        stages: framework
            .stages
            .iter()
            .map(|s| s.name.clone())
            .chain([framework.completion_label.clone()])
            .collect(),
        domains: framework.domains.iter().map(|d| d.name.clone()).collect(),
    }
}

impl HistoryView {
    /// One row per point: when, who, and how many domains at each stage.
    fn summary(&self) -> Table {
        let first = if self.team {
            ["Round", "Dates", "Label", "People"]
        } else {
            ["#", "Date", "Label", "Respondent"]
        };
        let header = first
            .iter()
            .map(|h| h.to_string())
            .chain(self.stages.iter().cloned())
            .collect();
        let rows = self
            .entries
            .value
            .iter()
            .map(|e| {
                let (number, when, label, who) = match &e.info {
                    SubjectInfo::Assessment(a) => (
                        a.number,
                        date_of(a.taken_at),
                        &a.label,
                        a.respondent.clone(),
                    ),
                    SubjectInfo::Round(r) => (
                        r.number,
                        dates(r.first_taken_at, r.last_taken_at),
                        &r.label,
                        Some(r.respondents.join(", ")),
                    ),
                };
                let row = [
                    number.to_string(),
                    when,
                    label.clone().unwrap_or_default(),
                    who.unwrap_or_default(),
                ];
                row.into_iter()
                    .chain(e.stage_counts.values().map(usize::to_string))
                    .map(Cell::Text)
                    .collect()
            })
            .collect();
        Table { header, rows }
    }

    /// Each domain's stage at the latest `columns` points, as shades.
    pub fn journey(&self, columns: usize) -> Table {
        let all = &self.entries.value;
        let shown = &all[all.len().saturating_sub(columns)..];
        let of = self.stages.len() - 1;
        let header = std::iter::once("Domain".to_string())
            .chain(shown.iter().map(|e| e.info.column()))
            .collect();
        let rows = self
            .domains
            .iter()
            .enumerate()
            .map(|(d, name)| {
                let stages = shown.iter().map(|e| &e.domains[d].stage);
                let shades = stages.map(|s| Cell::Shade {
                    name: s.name.clone(),
                    rank: s.rank,
                    of,
                });
                std::iter::once(Cell::Text(name.clone()))
                    .chain(shades)
                    .collect()
            })
            .collect();
        Table { header, rows }
    }

    /// The shades' legend: each stage's shade beside its name.
    pub fn legend(&self) -> Block {
        let of = self.stages.len() - 1;
        let shade = |(rank, name): (usize, &String)| Cell::Shade {
            name: name.clone(),
            rank,
            of,
        };
        Block::Key(self.stages.iter().enumerate().map(shade).collect())
    }
}

impl View for HistoryView {
    fn sheet(&self) -> Table {
        history_sheet(self)
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        let (all, domains) = (&self.entries.value, self.domains.len());
        let what = if self.team {
            format!("the team, {}", count(all.len(), "round"))
        } else {
            count(all.len(), "assessment")
        };
        doc.push(Block::Heading(format!("{}: {what}", self.framework.title)));
        if self.team {
            doc.push(Block::Text(
                "Each round is the team's answers: the majority rule, each person counted once \
                 with their latest answers in it, overridden by what the team agreed."
                    .into(),
            ));
        }
        doc.push(Block::Table(self.summary()));
        doc.push(Block::Note(format!(
            "The stage columns count how many of the {domains} domains were at each stage."
        )));
        doc.push(Block::Heading("Each domain over time".into()));
        if all.len() > JOURNEY_COLUMNS {
            let n = all.len();
            let points = if self.team { "rounds" } else { "assessments" };
            doc.push(Block::Note(format!(
                "The latest {JOURNEY_COLUMNS} of {n} {points}; --format csv or json gives them \
                 all."
            )));
        }
        doc.push(Block::Table(self.journey(JOURNEY_COLUMNS)));
        doc.push(self.legend());
        if !self.withdrawn.is_empty() {
            doc.push(Block::Heading("Withdrawn (counted nowhere)".into()));
            let rows = self
                .withdrawn
                .iter()
                .map(|w| {
                    [
                        format!("{} (withdrawn)", w.number),
                        date_of(w.taken_at),
                        w.label.clone().unwrap_or_default(),
                        w.respondent.clone().unwrap_or_default(),
                        date_of(w.withdrawn_at),
                    ]
                    .map(Cell::Text)
                    .to_vec()
                })
                .collect();
            let header = ["#", "Date", "Label", "Respondent", "Withdrawn on"];
            doc.push(Block::Table(Table {
                header: header.map(String::from).to_vec(),
                rows,
            }));
        }
        doc
    }
}

/// `history`: one row per assessment or round: when, who, how many domains are at each stage
/// (`starting_out_count`, …, `complete_count`) and each domain's stage (a column per domain id).
fn history_sheet(h: &HistoryView) -> Table {
    let all = &h.entries.value;
    let team = h.team;
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
                    text(date_of(r.first_taken_at)),
                    text(date_of(r.last_taken_at)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Assessment, History};
    use crate::tests::{grid, latest};

    #[test]
    fn each_assessment_counts_domains_per_stage_and_each_domain_has_a_row() {
        let f = grid(2, 3);
        let mut h = History::default();
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        h.assessments.push(a.clone());
        a.answers.insert("d0.a0".into(), Answer::InPlace);
        a.answers.insert("d0.a1".into(), Answer::InPlace);
        h.assessments.push(a);
        let v = build(&f, &latest(&f, &h));
        assert_eq!(v.entries.value[0].stage_counts["s0"], 3);
        assert_eq!(v.entries.value[1].stage_counts["complete"], 1);
        let doc = v.doc();
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Table(t) = b {
                    Some(t)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[1].rows.len(), 3);
        assert_eq!(
            tables[1].rows[0][2],
            Cell::Shade {
                name: "Done".into(),
                rank: 2,
                of: 2
            },
            "a complete domain is drawn at full rank, named by the completion label"
        );
    }

    #[test]
    fn the_journey_shows_the_latest_assessments_when_there_are_many() {
        let f = grid(2, 1);
        let h = History {
            assessments: vec![Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH); 40],
            ..History::default()
        };
        let v = build(&f, &latest(&f, &h));
        let doc = v.doc();
        let journey = doc
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Table(t) = b {
                    Some(t)
                } else {
                    None
                }
            })
            .nth(1)
            .unwrap();
        assert_eq!(journey.header.len(), 1 + JOURNEY_COLUMNS);
        assert_eq!(journey.header.last().unwrap(), "#40");
    }
    #[test]
    fn history_keeps_every_assessment_with_counts_and_each_domains_stage_by_id() {
        let f = crate::tests::grid(2, 1);
        let h = crate::core::answers::History {
            assessments: vec![
                crate::core::answers::Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
                40
            ],
            ..crate::core::answers::History::default()
        };
        let t = history_sheet(&build(&f, &crate::tests::latest(&f, &h)));
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
}
