//! `plan`: the next steps, the actions not yet in place in each domain's
//! current stage, In progress first. Ready for a meeting agenda.

use serde::Serialize;

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;
use crate::core::stage::{self, Position};
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::{FrameworkInfo, Keyed, StageRef, Subject};

/// The next steps for every domain not yet complete.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// The assessment (`assessment`) or the team's round (`round`) planned from.
    #[serde(flatten)]
    pub subject: Keyed<Subject>,
    /// Domains still working through a stage, in framework order.
    pub domains: Vec<DomainPlan>,
    /// Domains with every stage met.
    pub complete: Vec<DomainName>,
    #[serde(skip)]
    completion: String,
}

/// A domain's next steps.
#[derive(Debug, Clone, Serialize)]
pub struct DomainPlan {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// The stage it is working in.
    pub stage: StageRef,
    /// Actions of that stage In place.
    pub in_place: usize,
    /// Actions of that stage that apply.
    pub applicable: usize,
    /// What is left, In progress first, then Not yet, Don't know and unanswered.
    pub steps: Vec<NextStep>,
}

/// One action still to put in place.
#[derive(Debug, Clone, Serialize)]
pub struct NextStep {
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub text: String,
    /// Its answer (`null`: not answered).
    pub answer: Option<Answer>,
}

/// A domain's id and name.
#[derive(Debug, Clone, Serialize)]
pub struct DomainName {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
}

/// The next steps from `assessment`, for the domains with ids in `only`
/// (empty: all).
pub fn build(framework: &Framework, assessment: &Assessment, subject: Subject, only: &[String]) -> PlanView {
    let mut domains = Vec::new();
    let mut complete = Vec::new();
    for (d, domain) in framework.domains.iter().enumerate() {
        if !only.is_empty() && !only.contains(&domain.id) {
            continue;
        }
        let status = stage::domain_status(framework, d, |id| assessment.answer(id));
        let Position::Working(s) = status.position else {
            complete.push(DomainName {
                id: domain.id.clone(),
                name: domain.name.clone(),
            });
            continue;
        };
        let mut steps: Vec<NextStep> = domain
            .actions
            .iter()
            .filter(|a| a.stage_index == s)
            .filter_map(|a| {
                let answer = assessment.answer(&a.id);
                let open = matches!(
                    answer,
                    Some(Answer::InProgress | Answer::NotYet | Answer::DontKnow) | None
                );
                open.then(|| NextStep {
                    action_id: a.id.clone(),
                    text: a.text.clone(),
                    answer,
                })
            })
            .collect();
        steps.sort_by_key(|step| step.answer != Some(Answer::InProgress));
        domains.push(DomainPlan {
            id: domain.id.clone(),
            name: domain.name.clone(),
            stage: StageRef::new(framework, status.position),
            in_place: status.stages[s].in_place,
            applicable: status.stages[s].applicable,
            steps,
        });
    }
    PlanView {
        framework: framework.into(),
        subject: Keyed {
            key: subject.key(),
            value: subject,
        },
        domains,
        complete,
        completion: framework.completion_label.clone(),
    }
}

impl PlanView {
    /// At most one next step per domain, for the walk's closing screen.
    pub fn short(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading("Next steps".into()));
        let items: Vec<Vec<Cell>> = self
            .domains
            .iter()
            .filter_map(|d| {
                d.steps.first().map(|s| {
                    vec![
                        Cell::Text(format!("{} ({}):", d.name, d.stage.name)),
                        Cell::Text(step_text(s)),
                    ]
                })
            })
            .collect();
        if items.is_empty() {
            doc.push(Block::Text(format!("Every domain is {}.", self.completion)));
        } else {
            doc.push(Block::List(items));
            doc.push(Block::Note("`mbct-sustain plan` lists every next step.".into()));
        }
        doc
    }
}

fn step_text(s: &NextStep) -> String {
    match s.answer {
        Some(Answer::InProgress) => format!("{} (in progress)", s.text),
        Some(Answer::DontKnow) => format!("{} (not known: find out)", s.text),
        _ => s.text.clone(),
    }
}

impl View for PlanView {
    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "Next steps from {}",
            self.subject.value.title()
        )));
        for line in self.subject.value.who() {
            doc.push(Block::Text(line));
        }
        for d in &self.domains {
            doc.push(Block::Heading(format!(
                "{} — working in {} ({}/{} in place)",
                d.name, d.stage.name, d.in_place, d.applicable
            )));
            doc.push(Block::List(
                d.steps.iter().map(|s| vec![Cell::Text(step_text(s))]).collect(),
            ));
        }
        if !self.complete.is_empty() {
            let names: Vec<&str> = self.complete.iter().map(|d| d.name.as_str()).collect();
            doc.push(Block::Text(format!("{}: {}.", self.completion, names.join("; "))));
        } else if self.domains.is_empty() {
            doc.push(Block::Text("No domain to plan for.".into()));
        }
        doc
    }

    /// One row per next step, with ids, for a spreadsheet.
    fn data(&self) -> Option<Table> {
        let rows = self
            .domains
            .iter()
            .flat_map(|d| {
                d.steps.iter().map(move |s| {
                    vec![
                        Cell::Text(d.id.clone()),
                        Cell::Text(d.name.clone()),
                        Cell::Text(d.stage.name.clone()),
                        Cell::Text(s.action_id.clone()),
                        Cell::Text(s.text.clone()),
                        Cell::Text(s.answer.unwrap_or(Answer::NotYet).label().to_string()),
                    ]
                })
            })
            .collect();
        Some(Table {
            header: ["domain_id", "domain", "stage", "action_id", "action", "answer"]
                .map(String::from)
                .to_vec(),
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::grid;
    use jiff::Timestamp;

    fn plan(answers: &[(&str, Answer)], only: &[&str]) -> PlanView {
        let yaml = "id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n  - {id: s0, name: First}\n  - {id: s1, name: Second}\ndomains:\n  - id: d\n    name: D\n    actions:\n      - {id: a, stage: s0, text: A}\n      - {id: b, stage: s0, text: B}\n      - {id: c, stage: s0, text: C}\n      - {id: x, stage: s0, text: X}\n      - {id: z, stage: s1, text: Z}\n  - id: e\n    name: E\n    actions:\n      - {id: e1, stage: s0, text: E1}\n";
        let f = crate::core::framework::parse(yaml).unwrap();
        let mut a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        for (id, ans) in answers {
            a.answers.insert(id.to_string(), *ans);
        }
        let mut h = crate::core::answers::History::default();
        h.assessments.push(a.clone());
        let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
        build(
            &f,
            &a,
            Subject::Assessment(crate::present::view::AssessmentInfo::new(&h, 0)),
            &only,
        )
    }

    #[test]
    fn in_progress_comes_first_and_not_applicable_and_in_place_are_left_out() {
        use Answer::*;
        let p = plan(
            &[
                ("a", NotYet),
                ("b", InProgress),
                ("c", InPlace),
                ("x", NotApplicable),
                ("e1", InPlace),
            ],
            &[],
        );
        let ids: Vec<&str> = p.domains[0].steps.iter().map(|s| s.action_id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!((p.domains[0].in_place, p.domains[0].applicable), (1, 3));
        assert_eq!(
            p.complete.len(),
            1,
            "a domain with every stage met is listed as complete"
        );
        assert_eq!(p.complete[0].id, "e");
    }

    #[test]
    fn only_the_current_stage_is_planned() {
        use Answer::*;
        let p = plan(
            &[("a", InPlace), ("b", InPlace), ("c", InPlace), ("x", InPlace)],
            &["d"],
        );
        assert_eq!(p.domains[0].stage.name, "Second");
        let ids: Vec<&str> = p.domains[0].steps.iter().map(|s| s.action_id.as_str()).collect();
        assert_eq!(ids, ["z"], "unanswered actions are next steps too");
        assert!(p.complete.is_empty(), "--domain leaves other domains out");
    }

    #[test]
    fn the_short_plan_has_at_most_one_step_per_domain() {
        let p = plan(&[], &[]);
        let doc = p.short();
        let Block::List(items) = &doc.blocks[1] else {
            panic!("{doc:?}")
        };
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn csv_rows_are_one_per_action() {
        let f = grid(2, 3);
        let a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        let mut h = crate::core::answers::History::default();
        h.assessments.push(a.clone());
        let v = build(
            &f,
            &a,
            Subject::Assessment(crate::present::view::AssessmentInfo::new(&h, 0)),
            &[],
        );
        assert_eq!(v.data().unwrap().rows.len(), 3);
    }
}
