//! `plan`: the team's plan between reviews: for each domain the stage it is
//! working in and its target, the steps still to put in place (stage by
//! stage up to the target, In progress first) with owners and due dates,
//! steps past their date, planned steps now done, and the next review.

use jiff::Timestamp;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::{COMPLETE_ID, Framework, Link};
use crate::core::planning::{NotInFramework, Progress};
use crate::core::stage::Position;
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::refs::{EvidenceEntry, FrameworkInfo, StageRef};
use crate::present::view::subject::{SubjectInfo, UnderKey};
use crate::present::view::team_answer::{PendingStep, pending_line, pending_steps};
use crate::present::words::AnswerWords;
use crate::present::words::{count, date_of};

/// The plan for every domain not yet complete.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// The assessment (`assessment`) or the team's round (`round`) planned from.
    #[serde(flatten)]
    pub subject: UnderKey<SubjectInfo>,
    /// Domains still working through a stage (or short of their target), in framework order.
    pub domains: Vec<DomainPlan>,
    /// Domains with every stage met, with the planned steps done in them.
    pub complete_domains: Vec<CompleteDomain>,
    /// When the team reviews next, if set.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub next_review: Option<Date>,
    /// True when that date has passed.
    pub review_overdue: bool,
    /// Plan entries for actions or domains this framework does not have (kept in the file).
    pub not_in_framework: Vec<String>,
    /// Steps done since the round planned from: the plan counts them (today's answers), the round
    /// does not yet.
    pub pending_steps: Vec<PendingStep>,
    /// The stages a target can name, `(id, name)`, complete last.
    #[serde(skip)]
    pub stages: Vec<(String, String)>,
}

/// A domain's next steps.
#[derive(Debug, Clone, Serialize, JsonSchema)]
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
    /// The stage the team means to have met, if set.
    pub target: Option<TargetInfo>,
    /// By when.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub target_date: Option<Date>,
    /// What is left, stage by stage up to the target, In progress first.
    pub steps: Vec<NextStep>,
    /// Planned steps now in place.
    pub done: Vec<DoneStep>,
}

/// A target: the stage to have met by a date, and whether it is met.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TargetInfo {
    /// The stage's id.
    pub id: String,
    /// The stage's name.
    pub name: String,
    /// True when the domain has met it.
    pub met: bool,
}

impl TargetInfo {
    /// "; target: Developmental met by 2027-09-30", or that it is met.
    pub fn words(&self) -> String {
        if self.met {
            format!("; target: {}, met already", self.name)
        } else {
            format!("; target: {} met", self.name)
        }
    }
}

/// One action still to put in place.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NextStep {
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub action: String,
    /// The id of the action's stage.
    pub stage_id: String,
    /// The name of the action's stage.
    pub stage_name: String,
    /// Its answer (`null`: not answered).
    pub answer: Option<Answer>,
    /// Who owns it, if anyone.
    pub owner: Option<String>,
    /// When it should be in place.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub due: Option<Date>,
    /// True when its date has passed and it is not in place.
    pub overdue: bool,
    /// What the action means, where the framework says.
    pub explain: Option<String>,
    /// Where to read more.
    pub links: Vec<Link>,
}

/// A planned step now in place.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DoneStep {
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub action: String,
    /// Who owned it.
    pub owner: Option<String>,
    /// When it was due.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub due: Option<Date>,
    /// When it was first seen in place (a step done between reviews: the day it was done).
    #[schemars(with = "Option<crate::core::json_schema::DateTime>")]
    pub in_place_since: Option<Timestamp>,
    /// Done between reviews (`plan done`): it counts from the next round.
    pub pending: bool,
    /// What shows it is in place.
    pub evidence: Vec<EvidenceEntry>,
}

/// A domain with every stage met.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CompleteDomain {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// Planned steps (or steps done between reviews) now in place in it.
    pub done: Vec<DoneStep>,
}

/// The plan from the snapshot's point (the team's today, with steps done since its latest round,
/// when that is shown by default), for the domains with ids in `only` (empty: all): the core's
/// overview ([`planning::overview`]) laid out.
pub fn build(framework: &Framework, s: &Snapshot, only: &[String]) -> PlanView {
    let overview = s.plan_overview(framework, only);
    let mut domains = Vec::new();
    let mut complete = Vec::new();
    for d in &overview.domains {
        let domain = &framework.domains[d.domain];
        let done = d
            .done
            .iter()
            .map(|step| {
                let a = &domain.actions[step.action];
                DoneStep {
                    action_id: a.id.clone(),
                    action: a.text.clone(),
                    owner: step.step.and_then(|p| p.owner.clone()),
                    due: step.step.and_then(|p| p.due),
                    in_place_since: step.since,
                    pending: step.pending,
                    evidence: step.evidence.iter().map(|e| (*e).into()).collect(),
                }
            })
            .collect();
        let Position::Working(working) = d.status.position else {
            complete.push(CompleteDomain {
                id: domain.id.clone(),
                name: domain.name.clone(),
                done,
            });
            continue;
        };
        let steps = d
            .open
            .iter()
            .map(|open| {
                let a = &domain.actions[open.action];
                NextStep {
                    action_id: a.id.clone(),
                    action: a.text.clone(),
                    stage_id: framework.stages[a.stage_index].id.clone(),
                    stage_name: framework.stages[a.stage_index].name.clone(),
                    answer: open.answer,
                    owner: open.step.and_then(|p| p.owner.clone()),
                    due: open.step.and_then(|p| p.due),
                    overdue: open.overdue,
                    explain: a.explain.clone(),
                    links: a.links.clone(),
                }
            })
            .collect();
        domains.push(DomainPlan {
            id: domain.id.clone(),
            name: domain.name.clone(),
            stage: StageRef::new(framework, d.status.position),
            in_place: d.status.stages[working].in_place,
            applicable: d.status.stages[working].applicable,
            target: d.target.map(|t| TargetInfo {
                id: framework.stages[t.stage].id.clone(),
                name: framework.stages[t.stage].name.clone(),
                met: t.met,
            }),
            target_date: d.target.and_then(|t| t.by),
            steps,
            done,
        });
    }
    let not_in_framework = overview
        .not_in_framework
        .iter()
        .map(|entry| match entry {
            NotInFramework::Action(id) => format!("action {id}"),
            NotInFramework::Target { domain, stage } => {
                format!("target {stage} for domain {domain}")
            }
        })
        .collect();
    PlanView {
        framework: framework.into(),
        subject: SubjectInfo::of(s, s.now).keyed(),
        domains,
        complete_domains: complete,
        next_review: s.next_review,
        review_overdue: s.review_overdue,
        not_in_framework,
        pending_steps: pending_steps(framework, s),
        stages: framework
            .stages
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .chain([(COMPLETE_ID.to_string(), framework.completion_label.clone())])
            .collect(),
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
                        Cell::Text(step_text(s, true)),
                    ]
                })
            })
            .collect();
        if items.is_empty() {
            let completion = self.stages.last().map_or("", |(_, name)| name.as_str());
            doc.push(Block::Text(format!("Every domain is {completion}.")));
        } else {
            doc.push(Block::List(items));
            doc.push(Block::Note(
                "`mbct-sustain plan` lists every next step.".into(),
            ));
        }
        doc
    }

    /// "Next review: 2027-03-01", with "past due" when it is.
    pub fn review_line(&self) -> Option<String> {
        self.next_review.map(|d| {
            if self.review_overdue {
                format!("Next review: {d} (past due: time to answer again).")
            } else {
                format!("Next review: {d}.")
            }
        })
    }
}

/// How the plan moved between two sets of answers, for `compare`, the
/// meeting page and the walk's closing screen.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanMoves {
    /// Planned actions in place now that were not before.
    pub now_in_place: Vec<PlannedAction>,
    /// How many actions the plan gives an owner or a date.
    pub planned: usize,
    /// When the plan was set (its earliest step), where the file says.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub set_on: Option<Date>,
    /// True when it was set after these answers: nothing can have moved yet.
    pub fresh: bool,
    /// Planned actions past their date and not in place.
    pub overdue_steps: Vec<OverdueStep>,
}

/// A planned action, by id and wording.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannedAction {
    /// The action's id.
    pub action_id: String,
    /// The action's text (its id when the framework does not have it).
    pub action: String,
}

/// A planned action past its date.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OverdueStep {
    /// The action's id.
    pub action_id: String,
    /// The action's text (its id when the framework does not have it).
    pub action: String,
    /// Who owns it.
    pub owner: Option<String>,
    /// When it was due.
    #[schemars(with = "crate::core::json_schema::Day")]
    pub due: Date,
}

impl PlanMoves {
    /// How the snapshot's plan moved from `before` to `after` (answers standing at `after_at`);
    /// `None` when nothing is planned.
    pub fn new(
        framework: &Framework,
        s: &Snapshot,
        before: Option<&Assessment>,
        after: (&Assessment, Timestamp),
    ) -> Option<PlanMoves> {
        Some(PlanMoves::of(
            framework,
            s.plan_progress(before, after)?,
            s.today,
        ))
    }

    /// The core's progress of the plan, laid out (`today`: the date an overdue step without one
    /// is shown with).
    fn of(framework: &Framework, p: Progress, today: Date) -> PlanMoves {
        let text = |id: &str| framework.action_text(id).to_string();
        PlanMoves {
            now_in_place: (p.moves.now_in_place.iter())
                .map(|id| PlannedAction {
                    action_id: id.to_string(),
                    action: text(id),
                })
                .collect(),
            set_on: p.set_on.map(crate::core::time::day_of),
            fresh: p.fresh,
            planned: p.moves.planned,
            overdue_steps: p
                .moves
                .overdue
                .iter()
                .map(|(id, step)| OverdueStep {
                    action_id: id.to_string(),
                    action: text(id),
                    owner: step.owner.clone(),
                    due: step.due.unwrap_or(today),
                })
                .collect(),
        }
    }

    /// How the plan stands today, as every screen says it: from the team's record (steps done
    /// between reviews counted), against the answers when it was set.
    pub fn today(framework: &Framework, s: &Snapshot) -> Option<PlanMoves> {
        let progress = s.plan_overview(framework, &[]).progress?;
        Some(PlanMoves::of(framework, progress, s.today))
    }

    /// The plan in one line, for the walk's closing screen: "The plan: 2 of 11 planned actions in
    /// place since the plan was set on 2026-09-15; 1 overdue."
    pub fn summary(&self) -> String {
        let (n, of) = (self.now_in_place.len(), self.planned);
        let head = match (self.set_on, self.fresh) {
            (Some(on), true) => format!(
                "The plan, set on {on}, gives {} an owner or a date",
                count(of, "action")
            ),
            (Some(on), false) => {
                format!("The plan: {n} of {of} planned actions in place since it was set on {on}")
            }
            (None, _) => format!("The plan: {n} of {of} planned actions newly in place"),
        };
        match self.overdue_steps.len() {
            0 => format!("{head}."),
            k => format!("{head}; {k} overdue."),
        }
    }

    /// "The plan: 2 of 5 planned actions newly in place." and the overdue ones.
    pub fn lines(&self) -> Vec<String> {
        let moved = if self.now_in_place.is_empty() {
            String::new()
        } else {
            let each: Vec<&str> = self
                .now_in_place
                .iter()
                .map(|a| a.action.as_str())
                .collect();
            format!(": {}", each.join("; "))
        };
        let (n, of) = (self.now_in_place.len(), self.planned);
        let mut out = vec![match (self.set_on, self.fresh) {
            (Some(on), true) => format!(
                "The plan, set on {on}, gives {} an owner or a date.",
                count(of, "action")
            ),
            (Some(on), false) => {
                format!(
                    "The plan: {n} of {of} planned actions in place since the plan was set on \
                        {on}{moved}."
                )
            }
            (None, _) => format!("The plan: {n} of {of} planned actions newly in place{moved}."),
        }];
        if !self.overdue_steps.is_empty() {
            let items: Vec<String> = self
                .overdue_steps
                .iter()
                .map(|o| {
                    let owner = o
                        .owner
                        .as_deref()
                        .map(|w| format!("{w}, "))
                        .unwrap_or_default();
                    format!("{} ({owner}due {})", o.action, o.due)
                })
                .collect();
            out.push(format!("Overdue: {}.", items.join("; ")));
        }
        out
    }
}

/// A step as a line: its text, how far it is, who and by when; with `reading`, what it means and
/// where to read more.
pub fn step_text(s: &NextStep, reading: bool) -> String {
    let mut out = s.action.clone();
    match s.answer {
        Some(Answer::InProgress) => out += " (in progress)",
        Some(Answer::DontKnow) => out += " (not known: find out)",
        _ => {}
    }
    let mut who = Vec::new();
    if let Some(o) = &s.owner {
        who.push(format!("owner {o}"));
    }
    if let Some(d) = s.due {
        who.push(format!("due {d}"));
    }
    if !who.is_empty() {
        out += &format!(" — {}", who.join(", "));
    }
    if s.overdue {
        out += " — OVERDUE";
    }
    if !reading {
        return out;
    }
    if let Some(explain) = &s.explain {
        out += &format!(" ({explain})");
    }
    for link in &s.links {
        out += &format!(" — see {}: {}", link.title, link.url);
    }
    out
}

/// A done step as a line: its text, since when, and whose it was.
pub fn done_text(s: &DoneStep) -> String {
    let mut out = s.action.clone();
    if let Some(since) = s.in_place_since {
        out += &format!(" — in place since {}", date_of(since));
    }
    if s.pending {
        out += " (done between reviews: it counts from the next round)";
    }
    if let Some(o) = &s.owner {
        out += &format!(" (owner {o})");
    }
    if !s.evidence.is_empty() {
        let texts: Vec<&str> = s.evidence.iter().map(|e| e.text.as_str()).collect();
        out += &format!(" — evidence: {}", texts.join("; "));
    }
    out
}

impl DomainPlan {
    /// "Evaluation — working in Developmental (1/3 in place); target Sustainable by 2027-06-30".
    pub fn heading(&self) -> String {
        let target = self.target.as_ref().map_or(String::new(), |t| {
            let by = self
                .target_date
                .filter(|_| !t.met)
                .map(|by| format!(" by {by}"))
                .unwrap_or_default();
            format!("{}{by}", t.words())
        });
        format!(
            "{} — working in {} ({}/{} in place){target}",
            self.name, self.stage.name, self.in_place, self.applicable
        )
    }

    /// The steps as list items, each with its stage when they span several; with `reading`,
    /// each step's explanation and links too (the page, read on paper, leaves them out).
    pub fn items(&self, reading: bool) -> Vec<Vec<Cell>> {
        let spans_stages = self.steps.iter().any(|s| s.stage_name != self.stage.name);
        self.steps
            .iter()
            .map(|s| {
                let text = step_text(s, reading);
                vec![Cell::Text(if spans_stages {
                    format!("{}: {text}", s.stage_name)
                } else {
                    text
                })]
            })
            .collect()
    }
}

impl View for PlanView {
    fn sheet(&self) -> Table {
        self.data()
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        // Steps done since the round count in the plan (today's answers): the heading says so.
        let since = if self.pending_steps.is_empty() {
            ""
        } else {
            " and the steps done since it"
        };
        doc.push(Block::Heading(format!(
            "Next steps from {}{since}",
            self.subject.value.title()
        )));
        for line in self.subject.value.who() {
            doc.push(Block::Text(line));
        }
        let number = self.subject.value.number();
        doc.blocks
            .extend(pending_line(&self.pending_steps, number).map(Block::Text));
        if let Some(line) = self.review_line() {
            doc.push(Block::Text(line));
        }
        for d in &self.domains {
            doc.push(Block::Heading(d.heading()));
            doc.push(Block::List(d.items(true)));
            if !d.done.is_empty() {
                doc.push(Block::Text("Done:".into()));
                doc.push(Block::List(
                    d.done
                        .iter()
                        .map(|s| vec![Cell::Text(done_text(s))])
                        .collect(),
                ));
            }
        }
        let completion = self.stages.last().map_or("", |(_, name)| name.as_str());
        if !self.complete_domains.is_empty() {
            let names: Vec<&str> = self
                .complete_domains
                .iter()
                .map(|d| d.name.as_str())
                .collect();
            doc.push(Block::Text(format!("{completion}: {}.", names.join("; "))));
            for d in self.complete_domains.iter().filter(|d| !d.done.is_empty()) {
                doc.push(Block::Text(format!("Done in {}:", d.name)));
                let done = d.done.iter().map(|s| vec![Cell::Text(done_text(s))]);
                doc.push(Block::List(done.collect()));
            }
        } else if self.domains.is_empty() {
            doc.push(Block::Text("No domain to plan for.".into()));
        }
        if !self.not_in_framework.is_empty() {
            doc.push(Block::Note(format!(
                "Kept in the plan, though this framework does not have them: {}.",
                self.not_in_framework.join("; ")
            )));
        }
        doc
    }
}

impl PlanView {
    /// One row per step, open or done, with ids, owners, dates and targets: what a spreadsheet
    /// gets.
    fn data(&self) -> Table {
        let text = |t: Option<String>| Cell::Text(t.unwrap_or_default());
        let review = text(self.next_review.map(|t| t.to_string()));
        let mut rows = Vec::new();
        for d in &self.domains {
            let domain = [
                Cell::Text(d.id.clone()),
                Cell::Text(d.name.clone()),
                Cell::Text(d.stage.name.clone()),
                text(d.target.as_ref().map(|t| t.name.clone())),
                text(d.target_date.map(|t| t.to_string())),
            ];
            let open = d.steps.iter().map(|s| {
                let status = if s.overdue { "overdue" } else { "open" };
                let answer = s.answer.unwrap_or(Answer::NotYet).label();
                (
                    &s.action_id,
                    &s.action,
                    s.stage_name.clone(),
                    answer,
                    &s.owner,
                    s.due,
                    status,
                )
            });
            let done = d.done.iter().map(|s| {
                let answer = Answer::InPlace.label();
                (
                    &s.action_id,
                    &s.action,
                    String::new(),
                    answer,
                    &s.owner,
                    s.due,
                    "done",
                )
            });
            for (id, action, stage, answer, owner, due, status) in open.chain(done) {
                let mut row = domain.to_vec();
                row.extend([
                    Cell::Text(id.clone()),
                    Cell::Text(action.clone()),
                    Cell::Text(stage),
                    Cell::Text(answer.to_string()),
                    text(owner.clone()),
                    text(due.map(|t| t.to_string())),
                    Cell::Text(status.into()),
                    review.clone(),
                ]);
                rows.push(row);
            }
        }
        let completion = self.stages.last().map_or("", |(_, name)| name.as_str());
        for d in &self.complete_domains {
            for s in &d.done {
                rows.push(vec![
                    Cell::Text(d.id.clone()),
                    Cell::Text(d.name.clone()),
                    Cell::Text(completion.to_string()),
                    text(None),
                    text(None),
                    Cell::Text(s.action_id.clone()),
                    Cell::Text(s.action.clone()),
                    text(None),
                    Cell::Text(Answer::InPlace.label().to_string()),
                    text(s.owner.clone()),
                    text(s.due.map(|t| t.to_string())),
                    Cell::Text("done".into()),
                    review.clone(),
                ]);
            }
        }
        Table {
            header: [
                "domain_id",
                "domain",
                "stage",
                "target",
                "target_date",
                "action_id",
                "action",
                "action_stage",
                "answer",
                "owner",
                "due",
                "status",
                "next_review",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::History;
    use crate::core::answers::plan::{Plan, Target};
    use crate::tests::{grid, latest};

    const YAML: &str = "id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n  - \
        {id: s0, name: First}\n  - {id: s1, name: Second}\ndomains:\n  - id: d\n    name: D\n    \
        actions:\n      - {id: a, stage: s0, text: A}\n      - {id: b, stage: s0, text: B}\n      \
        - {id: c, stage: s0, text: C}\n      - {id: x, stage: s0, text: X}\n      - \
        {id: z, stage: s1, text: Z}\n  - id: e\n    name: E\n    actions:\n      - \
        {id: e1, stage: s0, text: E1}\n";

    /// The plan of one assessment with `answers`, and `plan`.
    fn plan_of(answers: &[(&str, Answer)], plan: &Plan, only: &[&str]) -> PlanView {
        let f = crate::core::framework::from_yaml(YAML).unwrap();
        let mut a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        for (id, ans) in answers {
            a.answers.insert(id.to_string(), *ans);
        }
        let mut h = History::default();
        h.assessments.push(a);
        h.plan = plan.clone();
        let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
        build(&f, &latest(&f, &h), &only)
    }

    fn plan(answers: &[(&str, Answer)], only: &[&str]) -> PlanView {
        plan_of(answers, &Plan::default(), only)
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
        let ids: Vec<&str> = p.domains[0]
            .steps
            .iter()
            .map(|s| s.action_id.as_str())
            .collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!((p.domains[0].in_place, p.domains[0].applicable), (1, 3));
        assert_eq!(
            p.complete_domains.len(),
            1,
            "a domain with every stage met is listed as complete"
        );
        assert_eq!(p.complete_domains[0].id, "e");
    }

    #[test]
    fn only_the_current_stage_is_planned() {
        use Answer::*;
        let p = plan(
            &[
                ("a", InPlace),
                ("b", InPlace),
                ("c", InPlace),
                ("x", InPlace),
            ],
            &["d"],
        );
        assert_eq!(p.domains[0].stage.name, "Second");
        let ids: Vec<&str> = p.domains[0]
            .steps
            .iter()
            .map(|s| s.action_id.as_str())
            .collect();
        assert_eq!(ids, ["z"], "unanswered actions are next steps too");
        assert!(
            p.complete_domains.is_empty(),
            "--domain leaves other domains out"
        );
    }

    #[test]
    fn owners_due_dates_and_overdue_steps_are_shown() {
        let mut plan = Plan::default();
        let step = |plan: &mut Plan, id, owner: &str, due| {
            plan.set_step(id, Some(owner.into()), Some(due), Timestamp::UNIX_EPOCH)
        };
        step(&mut plan, "a", "Priya", jiff::civil::date(2027, 1, 9));
        step(&mut plan, "b", "Sam", jiff::civil::date(2027, 1, 10));
        let p = plan_of(&[], &plan, &["d"]);
        let a = p.domains[0]
            .steps
            .iter()
            .find(|s| s.action_id == "a")
            .unwrap();
        assert_eq!(a.owner.as_deref(), Some("Priya"));
        assert!(a.overdue, "due yesterday and not in place");
        let b = p.domains[0]
            .steps
            .iter()
            .find(|s| s.action_id == "b")
            .unwrap();
        assert!(!b.overdue, "due today is not overdue yet");
        let text = crate::tests::rendered(
            &p,
            crate::present::render::Format::Markdown,
            Default::default(),
        );
        assert!(
            text.contains("A — owner Priya, due 2027-01-09 — OVERDUE"),
            "{text}"
        );
    }

    #[test]
    fn a_target_lists_every_open_action_up_to_it_and_a_done_step_its_date() {
        use Answer::*;
        let mut plan = Plan::default();
        plan.targets.insert(
            "d".into(),
            Target {
                stage: Some("s1".into()),
                by: Some(jiff::civil::date(2027, 6, 30)),
                set_at: None,
            },
        );
        plan.set_step("c", Some("Jo".into()), None, jiff::Timestamp::UNIX_EPOCH);
        let p = plan_of(&[("a", InPlace), ("c", InPlace)], &plan, &["d"]);
        let ids: Vec<&str> = p.domains[0]
            .steps
            .iter()
            .map(|s| s.action_id.as_str())
            .collect();
        assert_eq!(ids, ["b", "x", "z"], "stage by stage up to the target");
        assert_eq!(p.domains[0].target.as_ref().unwrap().name, "Second");
        assert_eq!(p.domains[0].done[0].action_id, "c");
        assert_eq!(
            p.domains[0].done[0].in_place_since,
            Some(Timestamp::UNIX_EPOCH)
        );
    }

    #[test]
    fn an_owned_step_beyond_the_working_stage_is_listed_not_hidden() {
        let mut plan = Plan::default();
        plan.set_step(
            "z",
            Some("Sam".into()),
            Some(jiff::civil::date(2026, 9, 1)),
            jiff::Timestamp::UNIX_EPOCH,
        );
        let p = plan_of(&[], &plan, &["d"]);
        let z = p.domains[0]
            .steps
            .iter()
            .find(|s| s.action_id == "z")
            .expect("listed");
        assert!(z.overdue && z.owner.as_deref() == Some("Sam"));
    }

    #[test]
    fn plan_entries_for_ids_the_framework_lacks_are_kept_and_named() {
        let mut plan = Plan::default();
        plan.set_step(
            "gone.action",
            Some("Jo".into()),
            None,
            jiff::Timestamp::UNIX_EPOCH,
        );
        let p = plan_of(&[], &plan, &[]);
        assert_eq!(p.not_in_framework, ["action gone.action"]);
    }

    #[test]
    fn a_past_review_is_overdue() {
        let mut plan = Plan::default();
        plan.review = Some(crate::core::answers::plan::Review::On(jiff::civil::date(
            2027, 1, 1,
        )));
        let p = plan_of(&[], &plan, &[]);
        assert!(p.review_overdue);
        assert!(p.review_line().unwrap().contains("past due"));
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
        let mut h = History::default();
        h.assessments
            .push(Assessment::new(&f, Timestamp::UNIX_EPOCH));
        let v = build(&f, &latest(&f, &h), &[]);
        assert_eq!(v.sheet().rows.len(), 3);
    }
}
