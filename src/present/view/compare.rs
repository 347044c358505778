//! `compare`: each domain's stage at two points, and the answers that changed.

use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::Answer;
use crate::core::compare::Movement;
use crate::core::framework::Framework;
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::plan::PlanMoves;
use crate::present::view::refs::{ActionRef, FrameworkInfo, StageRef, answer_cell};
use crate::present::view::report::{Slip, slip_list, slips};
use crate::present::view::sheet::{action_cells, action_header};
use crate::present::view::subject::{ComparedOver, SubjectInfo};
use crate::present::view::team_answer::{PendingStep, pending_line, pending_steps};

/// Two assessments, or two rounds of the team's, side by side.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompareView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// The assessment or round compared from (`compare A B`: A, usually the earlier).
    pub earlier: SubjectInfo,
    /// The assessment or round compared with it (B, usually the later).
    pub later: SubjectInfo,
    /// Who two rounds were compared over.
    #[serde(flatten)]
    pub over: ComparedOver,
    /// True when no stage and no answer changed.
    pub unchanged: bool,
    /// Every domain, in framework order.
    pub domains: Vec<DomainMove>,
    /// The actions whose answer changed, in framework order.
    pub changes: Vec<AnswerChange>,
    /// Actions In place in the earlier and not in the later, in framework order.
    pub slipped: Vec<Slip>,
    /// How the team's plan moved (null when the plan gives nobody an action).
    pub plan: Option<PlanMoves>,
    /// Steps done since the later round, shown by default (they count from the next round).
    pub pending_steps: Vec<PendingStep>,
    #[serde(skip)]
    stage_count: usize,
}

/// One domain at both points.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DomainMove {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// Its stage at the earlier point (null when it had no answers then).
    pub stage_before: Option<StageRef>,
    /// Its stage at the later point.
    pub stage_after: StageRef,
    /// `up`, `down`, `same` or `new`.
    #[serde(rename = "direction")]
    pub movement: Movement,
    /// It moved only because of who answered (someone answered only one of the two rounds).
    pub by_who_answered: bool,
    /// How many of its actions slipped.
    #[serde(skip)]
    slipped: usize,
}

/// One action whose answer changed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AnswerChange {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// The earlier answer (`null`: not answered then).
    pub from: Option<Answer>,
    /// The later answer.
    pub to: Option<Answer>,
    /// The change comes only from who answered: over the people who answered both, the same.
    pub by_who_answered: bool,
}

/// Compares the snapshot's earlier point with its point shown; `None`
/// when there is nothing to compare with.
pub fn build(framework: &Framework, s: &Snapshot) -> Option<CompareView> {
    let (before, compared) = (s.before?, s.compared.as_ref()?);
    let c = s.comparison(framework)?;
    Some(CompareView {
        framework: framework.into(),
        earlier: SubjectInfo::of(s, before),
        later: SubjectInfo::of(s, s.now),
        over: ComparedOver::of(s),
        unchanged: c.is_unchanged(),
        domains: c
            .domains
            .iter()
            .map(|d| DomainMove {
                id: framework.domains[d.domain].id.clone(),
                name: framework.domains[d.domain].name.clone(),
                stage_before: d.before.map(|p| StageRef::new(framework, p)),
                stage_after: StageRef::new(framework, d.after),
                movement: d.movement,
                by_who_answered: d.by_who,
                slipped: d.slipped,
            })
            .collect(),
        changes: c
            .actions
            .iter()
            .map(|ch| AnswerChange {
                at: ActionRef::new(framework, ch.domain, ch.action),
                from: ch.before,
                to: ch.after,
                by_who_answered: ch.by_who,
            })
            .collect(),
        slipped: slips(framework, &c),
        pending_steps: pending_steps(framework, s),
        // The plan as it stands: for the latest round shown by default, today (steps done since
        // it count, and are never overdue), as every other screen says it.
        plan: PlanMoves::new(
            framework,
            s,
            Some(&compared.before),
            (s.plan_answers(), s.plan_time()),
        ),
        stage_count: framework.stages.len(),
    })
}

impl View for CompareView {
    fn sheet(&self) -> Table {
        compare_sheet(self)
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "{}: {} compared with {}",
            self.framework.title,
            self.later.title(),
            self.earlier.short()
        )));
        for line in self.later.who() {
            doc.push(Block::Text(line));
        }
        doc.blocks
            .extend(self.over.sentence.clone().map(Block::Text));
        let stage_cell = |s: &StageRef| s.cell(self.stage_count);
        doc.push(Block::Table(Table {
            header: vec![
                "Domain".into(),
                self.earlier.column(),
                self.later.column(),
                "Change".into(),
            ],
            rows: self
                .domains
                .iter()
                .map(|d| {
                    vec![
                        Cell::Text(d.name.clone()),
                        d.stage_before
                            .as_ref()
                            .map_or(Cell::Text("(no answers)".into()), stage_cell),
                        stage_cell(&d.stage_after),
                        // Both stages are in the row: the change needs no "from".
                        Cell::Change {
                            direction: d.movement.into(),
                            from: None,
                            progress: None,
                            slipped: d.slipped,
                            by_who: d.by_who_answered,
                        },
                    ]
                })
                .collect(),
        }));
        if self.unchanged {
            doc.push(Block::Text(
                "Nothing changed: every domain is at the same stage and every answer is the same."
                    .into(),
            ));
        } else if self.changes.is_empty() {
            doc.push(Block::Text("No answer changed.".into()));
        } else {
            doc.push(Block::Heading(format!(
                "Answers that changed ({})",
                self.changes.len()
            )));
            let mut current = "";
            let mut items = Vec::new();
            let (same_people, by_who): (Vec<&AnswerChange>, Vec<&AnswerChange>) =
                self.changes.iter().partition(|c| !c.by_who_answered);
            for c in same_people {
                if c.at.domain != current {
                    if !items.is_empty() {
                        doc.push(Block::List(std::mem::take(&mut items)));
                    }
                    doc.push(Block::Text(c.at.domain.clone()));
                    current = &c.at.domain;
                }
                items.push(vec![
                    Cell::Text(format!("{} ({}):", c.at.action, c.at.stage_name)),
                    answer_cell(c.from),
                    Cell::Becomes,
                    answer_cell(c.to),
                ]);
            }
            if !items.is_empty() {
                doc.push(Block::List(items));
            }
            if !by_who.is_empty() {
                doc.push(Block::Text(format!(
                    "Changed only because different people answered ({}; over those who answered \
                     both, the same):",
                    by_who.len()
                )));
                let items = by_who.iter().map(|c| {
                    vec![
                        Cell::Text(format!("{} ({}):", c.at.action, c.at.domain)),
                        answer_cell(c.from),
                        Cell::Becomes,
                        answer_cell(c.to),
                    ]
                });
                doc.push(Block::List(items.collect()));
            }
        }
        // Compared backwards in time, a slip is not "since last time".
        let heading = if self.earlier.number() < self.later.number() {
            "Slipped since last time"
        } else {
            "In place in the first, not in the second"
        };
        doc.blocks.extend(slip_list(&self.slipped, heading));
        doc.blocks
            .extend(pending_line(&self.pending_steps, self.later.number()).map(Block::Text));
        if let Some(plan) = &self.plan {
            doc.blocks.extend(plan.lines().into_iter().map(Block::Text));
        }
        doc
    }
}

/// `compare`: one row per action whose answer changed.
fn compare_sheet(c: &CompareView) -> Table {
    let rows = c
        .changes
        .iter()
        .map(|ch| {
            let mut row = action_cells(&ch.at);
            row.extend([answer_cell(ch.from), answer_cell(ch.to)]);
            row
        })
        .collect();
    Table {
        header: action_header(&["from", "to"]),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Assessment, History};
    use crate::tests::{grid, latest};

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
        let v = build(&f, &latest(&f, &h)).unwrap();
        assert_eq!(v.domains[0].movement.key(), "up");
        assert_eq!(v.domains[0].stage_before.as_ref().unwrap().name, "Stage 0");
        assert_eq!(v.domains[0].stage_after.name, "Stage 1");
        assert_eq!(v.changes.len(), 1);
        assert_eq!(v.changes[0].at.action_id, "d0.a0");
        assert_eq!(
            crate::present::render::View::sheet(&v).rows.len(),
            1,
            "CSV has one row per changed action"
        );
        assert!(v.doc().blocks.contains(&Block::Text("Domain 0".into())));
    }

    #[test]
    fn nothing_changed_is_said_plainly() {
        let f = grid(2, 1);
        let mut h = History::default();
        let a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        h.assessments = vec![a.clone(), a];
        let doc = build(&f, &latest(&f, &h)).unwrap().doc();
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Text(t) if t.starts_with("Nothing changed")))
        );
    }
}
