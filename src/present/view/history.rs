//! `history`: every assessment, and each domain's journey through the stages.

use serde::Serialize;

use crate::core::answers::{Assessment, History};
use crate::core::framework::Framework;
use crate::core::rounds::Round;
use crate::core::stage;
use crate::core::team::round_answers;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::{AssessmentInfo, FrameworkInfo, Keyed, RoundInfo, StageRef, Subject, count, date_of};

/// At most this many assessments are drawn in the journey view: more would
/// not fit a screen or a page.
const JOURNEY_COLUMNS: usize = 16;

/// Every assessment in the file (or by one respondent), or every round of
/// the team's, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// Each assessment (`assessments`) or round (`rounds`) with each domain's stage.
    #[serde(flatten)]
    pub entries: Keyed<Vec<HistoryEntry>>,
    #[serde(skip)]
    stages: Vec<String>,
    #[serde(skip)]
    completion: String,
    #[serde(skip)]
    domains: Vec<String>,
}

/// One assessment or round in the history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Which assessment or round.
    #[serde(flatten)]
    pub info: Subject,
    /// How many domains are at each stage, by stage id (and `complete`).
    pub stage_counts: indexmap::IndexMap<String, usize>,
    /// Each domain's stage, in framework order.
    pub domains: Vec<DomainStage>,
}

/// A domain's stage in one assessment.
#[derive(Debug, Clone, Serialize)]
pub struct DomainStage {
    /// The domain's id.
    pub id: String,
    /// Its stage.
    pub stage: StageRef,
}

/// Builds the history of the assessments at `indices` (file positions).
pub fn build(framework: &Framework, history: &History, indices: &[usize]) -> HistoryView {
    let entries = indices
        .iter()
        .map(|&i| {
            entry(
                framework,
                Subject::Assessment(AssessmentInfo::new(history, i)),
                &history.assessments[i],
            )
        })
        .collect();
    view(framework, "assessments", entries)
}

/// Builds the history of the team's rounds: the team's stages in each.
pub fn build_team(framework: &Framework, history: &History, rounds: &[Round]) -> HistoryView {
    let entries = rounds
        .iter()
        .zip(crate::core::rounds::left_out_each(history, rounds))
        .map(|(round, left_out)| {
            let info = RoundInfo::with_left_out(history, round, left_out);
            entry(
                framework,
                Subject::Round(info),
                &round_answers(framework, history, round),
            )
        })
        .collect();
    view(framework, "rounds", entries)
}

fn view(framework: &Framework, key: &'static str, entries: Vec<HistoryEntry>) -> HistoryView {
    HistoryView {
        framework: framework.into(),
        entries: Keyed { key, value: entries },
        stages: framework.stages.iter().map(|s| s.name.clone()).collect(),
        completion: framework.completion_label.clone(),
        domains: framework.domains.iter().map(|d| d.name.clone()).collect(),
    }
}

fn entry(framework: &Framework, info: Subject, assessment: &Assessment) -> HistoryEntry {
    {
        {
            let statuses = stage::assess(framework, assessment);
            let mut stage_counts: indexmap::IndexMap<String, usize> = framework
                .stages
                .iter()
                .map(|s| (s.id.clone(), 0))
                .chain([("complete".to_string(), 0)])
                .collect();
            let domains = statuses
                .iter()
                .zip(&framework.domains)
                .map(|(s, d)| {
                    let stage = StageRef::new(framework, s.position);
                    *stage_counts.entry(stage.id.clone()).or_default() += 1;
                    DomainStage {
                        id: d.id.clone(),
                        stage,
                    }
                })
                .collect();
            HistoryEntry {
                info,
                stage_counts,
                domains,
            }
        }
    }
}

impl HistoryView {
    /// One row per assessment: when, who, and how many domains at each stage.
    fn summary(&self) -> (Vec<String>, Vec<Vec<Cell>>) {
        let rounds = self.entries.key == "rounds";
        let first = if rounds {
            ["Round", "Dates", "Label", "People"]
        } else {
            ["#", "Date", "Label", "Respondent"]
        };
        let mut header: Vec<String> = first.map(String::from).to_vec();
        header.extend(self.stages.iter().cloned());
        header.push(self.completion.clone());
        let rows = self
            .entries
            .value
            .iter()
            .map(|e| {
                let text = |t: Option<String>| Cell::Text(t.unwrap_or_default());
                let mut row = match &e.info {
                    Subject::Assessment(a) => vec![
                        text(Some(a.number.to_string())),
                        text(Some(date_of(a.taken_at))),
                        text(a.label.clone()),
                        text(a.respondent.clone()),
                    ],
                    Subject::Round(r) => vec![
                        text(Some(r.number.to_string())),
                        text(Some(r.dates())),
                        text(r.label.clone()),
                        text(Some(r.respondents.join(", "))),
                    ],
                };
                row.extend(e.stage_counts.values().map(|c| Cell::Text(c.to_string())));
                row
            })
            .collect::<Vec<_>>();
        (header, rows)
    }
}

impl View for HistoryView {
    fn doc(&self) -> Doc {
        let of = self.stages.len();
        let mut doc = Doc::default();
        let all = &self.entries.value;
        let what = if self.entries.key == "rounds" {
            format!("the team, {}", count(all.len(), "round"))
        } else {
            count(all.len(), "assessment")
        };
        doc.push(Block::Heading(format!("{}: {what}", self.framework.title)));
        if self.entries.key == "rounds" {
            doc.push(Block::Text(
                "Each round is the team's answers by the majority rule, each person counted once with their latest answers in it."
                    .into(),
            ));
        }
        let (header, rows) = self.summary();
        doc.push(Block::Table(Table { header, rows }));
        doc.push(Block::Note(format!(
            "The stage columns count how many of the {} domains were at each stage.",
            self.domains.len()
        )));
        doc.push(Block::Heading("Each domain over time".into()));
        let shown = &all[all.len().saturating_sub(JOURNEY_COLUMNS)..];
        if shown.len() < all.len() {
            doc.push(Block::Note(format!(
                "The latest {} of {} {}; --format csv or json gives them all.",
                shown.len(),
                all.len(),
                self.entries.key
            )));
        }
        let mut header = vec!["Domain".to_string()];
        header.extend(shown.iter().map(|e| e.info.column()));
        let rows = self
            .domains
            .iter()
            .enumerate()
            .map(|(d, name)| {
                let mut row = vec![Cell::Text(name.clone())];
                row.extend(shown.iter().map(|e| {
                    let s = &e.domains[d].stage;
                    Cell::Shade {
                        name: s.name.clone(),
                        rank: s.rank,
                        of,
                    }
                }));
                row
            })
            .collect();
        doc.push(Block::Table(Table { header, rows }));
        let legend: Vec<Cell> = self
            .stages
            .iter()
            .chain([&self.completion])
            .enumerate()
            .map(|(rank, name)| Cell::Shade {
                name: name.clone(),
                rank,
                of,
            })
            .collect();
        doc.push(Block::Key(legend));
        doc
    }

    /// The summary with each domain's stage, one column per domain.
    fn data(&self) -> Option<Table> {
        let (header, rows) = self.summary();
        // CSV also gives each domain's stage, one column per domain.
        let mut data_header = header.clone();
        data_header.extend(self.domains.iter().cloned());
        let data_rows = rows
            .iter()
            .zip(&self.entries.value)
            .map(|(row, e)| {
                let mut row = row.clone();
                row.extend(e.domains.iter().map(|d| Cell::Text(d.stage.name.clone())));
                row
            })
            .collect();
        Some(Table {
            header: data_header,
            rows: data_rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Assessment};
    use crate::testing::grid;

    #[test]
    fn each_assessment_counts_domains_per_stage_and_each_domain_has_a_row() {
        let f = grid(2, 3);
        let mut h = History::default();
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        h.assessments.push(a.clone());
        a.answers.insert("d0.a0".into(), Answer::InPlace);
        a.answers.insert("d0.a1".into(), Answer::InPlace);
        h.assessments.push(a);
        let v = build(&f, &h, &[0, 1]);
        assert_eq!(v.entries.value[0].stage_counts["s0"], 3);
        assert_eq!(v.entries.value[1].stage_counts["complete"], 1);
        let doc = v.doc();
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
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
        let indices: Vec<usize> = (0..40).collect();
        let v = build(&f, &h, &indices);
        let doc = v.doc();
        let journey = doc
            .blocks
            .iter()
            .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
            .nth(1)
            .unwrap();
        assert_eq!(journey.header.len(), 1 + JOURNEY_COLUMNS);
        assert_eq!(journey.header.last().unwrap(), "#40");
        let csv = v.data().unwrap();
        assert_eq!(csv.rows.len(), 40, "CSV keeps every assessment");
        assert_eq!(csv.header.last().unwrap(), "Domain 0", "and each domain's stage");
        assert_eq!(csv.rows[0].last().unwrap(), &Cell::Text("Stage 0".into()));
    }
}
