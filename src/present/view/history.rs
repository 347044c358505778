//! `history`: every assessment, and each domain's journey through the stages.

use serde::Serialize;

use crate::core::answers::History;
use crate::core::framework::Framework;
use crate::core::stage;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::{AssessmentInfo, FrameworkInfo, StageRef, date_of};

/// At most this many assessments are drawn in the journey view: more would
/// not fit a screen or a page.
const JOURNEY_COLUMNS: usize = 16;

/// Every assessment in the file (or by one respondent), oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// Each assessment with each domain's stage.
    pub assessments: Vec<HistoryEntry>,
    #[serde(skip)]
    stages: Vec<String>,
    #[serde(skip)]
    completion: String,
    #[serde(skip)]
    domains: Vec<String>,
}

/// One assessment in the history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Which assessment.
    #[serde(flatten)]
    pub info: AssessmentInfo,
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
    let assessments = indices
        .iter()
        .map(|&i| {
            let statuses = stage::assess(framework, &history.assessments[i]);
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
                info: AssessmentInfo::new(history, i),
                stage_counts,
                domains,
            }
        })
        .collect();
    HistoryView {
        framework: framework.into(),
        assessments,
        stages: framework.stages.iter().map(|s| s.name.clone()).collect(),
        completion: framework.completion_label.clone(),
        domains: framework.domains.iter().map(|d| d.name.clone()).collect(),
    }
}

impl HistoryView {
    /// One row per assessment: when, who, and how many domains at each stage.
    fn summary(&self) -> (Vec<String>, Vec<Vec<Cell>>) {
        let mut header: Vec<String> = ["#", "Date", "Label", "Respondent"].map(String::from).to_vec();
        header.extend(self.stages.iter().cloned());
        header.push(self.completion.clone());
        let rows = self
            .assessments
            .iter()
            .map(|e| {
                let mut row = vec![
                    Cell::Text(e.info.number.to_string()),
                    Cell::Text(date_of(e.info.taken_at)),
                    Cell::Text(e.info.label.clone().unwrap_or_default()),
                    Cell::Text(e.info.respondent.clone().unwrap_or_default()),
                ];
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
        doc.push(Block::Heading(format!(
            "{}: {}",
            self.framework.title,
            crate::present::view::count(self.assessments.len(), "assessment")
        )));
        let (header, rows) = self.summary();
        doc.push(Block::Table(Table { header, rows }));
        doc.push(Block::Note(format!(
            "The stage columns count how many of the {} domains were at each stage.",
            self.domains.len()
        )));
        doc.push(Block::Heading("Each domain over time".into()));
        let shown = &self.assessments[self.assessments.len().saturating_sub(JOURNEY_COLUMNS)..];
        if shown.len() < self.assessments.len() {
            doc.push(Block::Note(format!(
                "The latest {} of {} assessments; --format csv or json gives them all.",
                shown.len(),
                self.assessments.len()
            )));
        }
        let mut header = vec!["Domain".to_string()];
        header.extend(shown.iter().map(|e| format!("#{}", e.info.number)));
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
            .zip(&self.assessments)
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
        assert_eq!(v.assessments[0].stage_counts["s0"], 3);
        assert_eq!(v.assessments[1].stage_counts["complete"], 1);
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
