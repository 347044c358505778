//! `compare`: each domain's stage in two assessments, and the answers that changed.

use jiff::civil::Date;
use serde::Serialize;

use crate::core::answers::{Answer, Assessment, History};
use crate::core::compare::{self, Movement};
use crate::core::framework::Framework;
use crate::core::plan::Plan;
use crate::core::rounds::Round;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::plan::{PlanMoves, moves};
use crate::present::view::report::{Slip, slip_list, slips};
use crate::present::view::{
    ActionRef, AssessmentInfo, FrameworkInfo, StageRef, Subject, TeamRound, answer_cell, direction_of,
};

/// Two assessments, or two rounds of the team's, side by side.
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// The earlier assessment or round.
    pub from: Subject,
    /// The later assessment or round.
    pub to: Subject,
    /// True when no stage and no answer changed.
    pub unchanged: bool,
    /// Every domain, in framework order.
    pub domains: Vec<DomainMove>,
    /// The actions whose answer changed, in framework order.
    pub changes: Vec<AnswerChange>,
    /// Actions In place in the earlier and not in the later, in framework order.
    pub slipped: Vec<Slip>,
    /// How the team's plan moved, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanMoves>,
    #[serde(skip)]
    stage_count: usize,
}

/// One domain in both assessments.
#[derive(Debug, Clone, Serialize)]
pub struct DomainMove {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// Its stage in the earlier assessment (absent when it had no answers then).
    pub from: Option<StageRef>,
    /// Its stage in the later assessment.
    pub to: StageRef,
    /// `up`, `down`, `same` or `new`.
    pub direction: &'static str,
    #[serde(skip)]
    movement: Movement,
}

/// One action whose answer changed.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerChange {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// The earlier answer (`null`: not answered then).
    pub from: Option<Answer>,
    /// The later answer.
    pub to: Option<Answer>,
}

/// Compares assessment `a` with assessment `b` of `history`, and says how
/// the plan moved as of `today`.
pub fn build(framework: &Framework, history: &History, a: usize, b: usize, today: Date) -> CompareView {
    let subject = |i| Subject::Assessment(AssessmentInfo::new(history, i));
    build_from(
        framework,
        (subject(a), &history.assessments[a]),
        (subject(b), &history.assessments[b]),
        (&history.plan, today),
    )
}

/// Compares the team's round `a` with its round `b`, and says how the plan
/// moved as of `today`.
pub fn build_team(
    framework: &Framework,
    history: &History,
    rounds: &[Round],
    a: usize,
    b: usize,
    today: Date,
) -> CompareView {
    let (from, to) = (
        TeamRound::new(framework, history, rounds, a),
        TeamRound::new(framework, history, rounds, b),
    );
    build_from(
        framework,
        (Subject::Round(from.info.clone()), &from.answers),
        (Subject::Round(to.info.clone()), &to.answers),
        (&history.plan, today),
    )
}

fn build_from(
    framework: &Framework,
    from: (Subject, &Assessment),
    to: (Subject, &Assessment),
    (plan, today): (&Plan, Date),
) -> CompareView {
    let c = compare::compare(framework, from.1, to.1);
    let domains = c
        .domains
        .iter()
        .map(|d| DomainMove {
            id: framework.domains[d.domain].id.clone(),
            name: framework.domains[d.domain].name.clone(),
            from: d.before.map(|p| StageRef::new(framework, p)),
            to: StageRef::new(framework, d.after),
            direction: d.movement.key(),
            movement: d.movement,
        })
        .collect();
    let changes = c
        .actions
        .iter()
        .map(|ch| AnswerChange {
            at: ActionRef::new(framework, ch.domain, ch.action),
            from: ch.before,
            to: ch.after,
        })
        .collect();
    CompareView {
        framework: framework.into(),
        from: from.0,
        to: to.0,
        unchanged: c.is_unchanged(),
        domains,
        changes,
        slipped: slips(framework, from.1, to.1),
        plan: moves(framework, plan, Some(from.1), to.1, today),
        stage_count: framework.stages.len(),
    }
}

/// An answer, or that the action was not asked then (another framework version).
fn answer_or_not_asked(a: Option<Answer>) -> Cell {
    a.map_or(Cell::Text("(not asked)".into()), answer_cell)
}

impl View for CompareView {
    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "{}: {} compared with {}",
            self.framework.title,
            self.to.title(),
            self.from.short()
        )));
        for line in self.to.who() {
            doc.push(Block::Text(line));
        }
        let stage_cell = |s: &StageRef| s.cell(self.stage_count);
        doc.push(Block::Table(Table {
            header: vec!["Domain".into(), self.from.column(), self.to.column(), "Change".into()],
            rows: self
                .domains
                .iter()
                .map(|d| {
                    vec![
                        Cell::Text(d.name.clone()),
                        d.from.as_ref().map_or(Cell::Text("(no answers)".into()), stage_cell),
                        stage_cell(&d.to),
                        // Both stages are in the row: the change needs no "from".
                        Cell::Change {
                            direction: direction_of(d.movement),
                            from: None,
                            progress: None,
                            slipped: self.slipped.iter().filter(|s| s.at.domain_id == d.id).count(),
                        },
                    ]
                })
                .collect(),
        }));
        if self.unchanged {
            doc.push(Block::Text(
                "Nothing changed: every domain is at the same stage and every answer is the same.".into(),
            ));
        } else if self.changes.is_empty() {
            doc.push(Block::Text("No answer changed.".into()));
        } else {
            doc.push(Block::Heading(format!("Answers that changed ({})", self.changes.len())));
            let mut current = "";
            let mut items = Vec::new();
            for c in &self.changes {
                if c.at.domain != current {
                    if !items.is_empty() {
                        doc.push(Block::List(std::mem::take(&mut items)));
                    }
                    doc.push(Block::Text(c.at.domain.clone()));
                    current = &c.at.domain;
                }
                items.push(vec![
                    Cell::Text(format!("{} ({}):", c.at.action, c.at.stage)),
                    answer_or_not_asked(c.from),
                    Cell::Becomes,
                    answer_or_not_asked(c.to),
                ]);
            }
            doc.push(Block::List(items));
        }
        // Compared backwards in time, a slip is not "since last time".
        let heading = if self.from.number() < self.to.number() {
            "Slipped since last time"
        } else {
            "In place in the first, not in the second"
        };
        doc.blocks.extend(slip_list(&self.slipped, heading));
        if let Some(plan) = &self.plan {
            for line in plan.lines() {
                doc.push(Block::Text(line));
            }
        }
        doc
    }

    /// Every changed answer, one row each, for a spreadsheet.
    fn data(&self) -> Option<Table> {
        let header = vec![
            "Domain".into(),
            "Action".into(),
            "Stage".into(),
            "Before".into(),
            "Now".into(),
        ];
        let rows: Vec<Vec<Cell>> = self
            .changes
            .iter()
            .map(|c| {
                vec![
                    Cell::Text(c.at.domain.clone()),
                    Cell::Text(c.at.action.clone()),
                    Cell::Text(c.at.stage.clone()),
                    answer_or_not_asked(c.from),
                    answer_or_not_asked(c.to),
                ]
            })
            .collect();
        Some(Table { header, rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;
    use crate::testing::grid;

    #[test]
    fn changed_answers_are_listed_under_their_domain_with_old_and_new() {
        let f = grid(2, 2);
        let mut h = History::default();
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        a.answers.insert("d0.a0".into(), Answer::NotYet);
        a.answers.insert("d1.a0".into(), Answer::NotYet);
        let mut b = a.clone();
        b.answers.insert("d0.a0".into(), Answer::InPlace);
        h.assessments = vec![a, b];
        let v = build(&f, &h, 0, 1, jiff::civil::date(2027, 1, 1));
        assert_eq!(v.domains[0].direction, "up");
        assert_eq!(v.domains[0].from.as_ref().unwrap().name, "Stage 0");
        assert_eq!(v.domains[0].to.name, "Stage 1");
        assert_eq!(v.changes.len(), 1);
        assert_eq!(v.changes[0].at.action_id, "d0.a0");
        assert_eq!(v.data().unwrap().rows.len(), 1, "CSV has one row per changed action");
        assert!(v.doc().blocks.contains(&Block::Text("Domain 0".into())));
    }

    #[test]
    fn nothing_changed_is_said_plainly() {
        let f = grid(2, 1);
        let mut h = History::default();
        let a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        h.assessments = vec![a.clone(), a];
        let doc = build(&f, &h, 0, 1, jiff::civil::date(2027, 1, 1)).doc();
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Text(t) if t.starts_with("Nothing changed")))
        );
    }
}
