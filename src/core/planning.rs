//! The team's plan between reviews: who owns each next step and by when,
//! where each domain should be by when, and when the team reviews next.
//!
//! The plan belongs to the service, not to one respondent, so it is one
//! section of the answers file (`plan:`, its data in `answers::plan`), kept
//! by every save. Entries for ids an adapted framework no longer has are
//! kept, never dropped. This module says what follows from the plan: the
//! [`overview`] that the plan view, `plan edit` and the meeting page read,
//! and the rules it is made of (overdue, a target met, how far the plan came).

use jiff::Timestamp;
use jiff::civil::Date;

use crate::core::answers::agreed::{Evidence, evidence_of};
use crate::core::answers::plan::{Plan, Review, Step, Target};
use crate::core::answers::{Answer, Assessment};
use crate::core::framework::{COMPLETE_ID, Framework};
use crate::core::names;
use crate::core::record::{RoundRecord, Source};
use crate::core::stage::{self, DomainStatus, Position};
use crate::core::time::day_of;
use crate::core::time::start_of;

/// The date of the next review, counting an interval from `latest`.
pub fn next_review(plan: &Plan, latest: Option<Timestamp>) -> Option<Date> {
    match plan.review? {
        Review::On(date) => Some(date),
        // A number of months too large for the calendar gives no date, never a panic.
        Review::EveryMonths(n) => {
            let span = jiff::Span::new().try_months(i64::from(n)).ok()?;
            latest.and_then(|t| day_of(t).checked_add(span).ok())
        }
    }
}

/// The review date, when it has passed with no assessment taken on or after
/// it: the team has not yet answered again.
pub fn review_overdue(plan: &Plan, latest: Option<Timestamp>, today: Date) -> Option<Date> {
    let due = next_review(plan, latest)?;
    let answered_since = latest.is_some_and(|t| day_of(t) >= due);
    (due < today && !answered_since).then_some(due)
}

/// The stage a target means to have met (its index): `complete`, as older
/// files write "every stage met", is the last stage.
pub fn target_stage(framework: &Framework, target: &Target) -> Option<usize> {
    match target.stage.as_deref()? {
        COMPLETE_ID => framework.stages.len().checked_sub(1),
        id => framework.stages.iter().position(|s| s.id == id),
    }
}

/// Whether a domain standing at `position` has met the target stage `stage`.
pub fn target_met(position: Position, stage: usize) -> bool {
    position > Position::Working(stage)
}

/// Whether domain `domain` (by id) has already met `target` in `answers`: a target set there
/// changes nothing until the domain slips. False for a domain or stage the framework lacks.
pub fn target_met_in(
    framework: &Framework,
    domain: &str,
    target: &Target,
    answers: &Assessment,
) -> bool {
    let Some(d) = framework.domains.iter().position(|d| d.id == domain) else {
        return false;
    };
    let position = stage::domain_status(framework, d, |id| answers.answer(id)).position;
    target_stage(framework, target).is_some_and(|goal| target_met(position, goal))
}

/// A stage as a person names it (its id or name, any case; the completion
/// label and `complete`, which mean the last stage met), as a target's stage id.
pub fn stage_named(framework: &Framework, name: &str) -> Option<String> {
    let wanted = name.trim().to_lowercase();
    if wanted == COMPLETE_ID || wanted == framework.completion_label.to_lowercase() {
        return framework.stages.last().map(|s| s.id.clone());
    }
    framework
        .stages
        .iter()
        .find(|s| s.id.to_lowercase() == wanted || s.name.to_lowercase() == wanted)
        .map(|s| s.id.clone())
}

/// The ids in `known` most like `wanted`, for "did you mean": the closest by the one rule for
/// names and ids ([`names::closest`]), else those sharing its first part (`networks.`).
pub fn similar_ids<'a>(known: impl IntoIterator<Item = &'a str>, wanted: &str) -> Vec<&'a str> {
    let known: Vec<&str> = known.into_iter().collect();
    let near = names::closest(known.iter().copied(), wanted);
    if !near.is_empty() {
        return near;
    }
    let prefix = wanted.split('.').next().unwrap_or(wanted);
    known
        .into_iter()
        .filter(|k| k.starts_with(&format!("{prefix}.")))
        .take(8)
        .collect()
}

/// The actions a domain's plan lists: stage by stage from the one it is
/// working in up to the later of that and the target stage `until` (to be
/// met, so its actions are listed too), In progress first within
/// a stage; then any other action the plan gives an owner or a date, so an
/// owned step is never hidden by the stage rule. Actions in place or not
/// applicable are not listed; a complete domain lists none.
pub fn listed_steps(
    framework: &Framework,
    domain: usize,
    answers: &Assessment,
    plan: &Plan,
    until: Option<usize>,
) -> Vec<usize> {
    let status = stage::domain_status(framework, domain, |id| answers.answer(id));
    let Position::Working(working) = status.position else {
        return Vec::new();
    };
    let last = until.unwrap_or(working).max(working);
    let actions = &framework.domains[domain].actions;
    let open = |i: &usize| {
        !matches!(
            answers.answer(&actions[*i].id),
            Some(Answer::InPlace | Answer::NotApplicable)
        )
    };
    let mut out = Vec::new();
    for s in working..=last {
        let mut in_stage: Vec<usize> = (0..actions.len())
            .filter(|&i| actions[i].stage_index == s)
            .filter(open)
            .collect();
        in_stage.sort_by_key(|&i| answers.answer(&actions[i].id) != Some(Answer::InProgress));
        out.extend(in_stage);
    }
    let owned: Vec<usize> = (0..actions.len())
        .filter(|i| plan.step(&actions[*i].id).is_some() && open(i) && !out.contains(i))
        .collect();
    out.extend(owned);
    out
}

/// Whether a due date has passed on `today` (a step due today is not late yet).
pub fn past_due(due: Date, today: Date) -> bool {
    due < today
}

/// Whether a step is overdue on `today`: its date has passed and its answer is neither In place
/// nor Not applicable.
pub fn overdue(due: Option<Date>, answer: Option<Answer>, today: Date) -> bool {
    let closed = matches!(answer, Some(Answer::InPlace | Answer::NotApplicable));
    due.is_some_and(|due| past_due(due, today)) && !closed
}

/// How the plan moved from `before` to `after`: what it plans, what became
/// in place, what is past its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moves<'p> {
    /// Planned actions in place now that were not before (ids).
    pub now_in_place: Vec<&'p str>,
    /// How many actions the plan gives an owner or a date.
    pub planned: usize,
    /// Planned actions past their date and neither in place nor not applicable.
    pub overdue: Vec<(&'p str, &'p Step)>,
}

/// How the plan moved from `before` to `after` as of `today`; `None` when
/// it gives nobody an action.
pub fn moves<'p>(
    plan: &'p Plan,
    before: Option<&Assessment>,
    after: &Assessment,
    today: Date,
) -> Option<Moves<'p>> {
    plan.steps().next()?;
    let in_place =
        |a: Option<&Assessment>, id: &str| a.is_some_and(|a| a.answer(id) == Some(Answer::InPlace));
    Some(Moves {
        now_in_place: plan
            .steps()
            .filter(|(id, _)| in_place(Some(after), id) && !in_place(before, id))
            .map(|(id, _)| id.as_str())
            .collect(),
        planned: plan.steps().count(),
        overdue: plan
            .steps()
            .filter(|(id, step)| overdue(step.due, after.answer(id), today))
            .map(|(id, step)| (id.as_str(), step))
            .collect(),
    })
}

/// When the plan's steps were set: the earliest of them (older files keep no date).
pub fn set_on(plan: &Plan) -> Option<Timestamp> {
    plan.steps().filter_map(|(_, s)| s.set_at).min()
}

/// How far the plan has come, as every screen says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress<'p> {
    /// What it plans, what became in place, what is past its date.
    pub moves: Moves<'p>,
    /// When the plan was set (its earliest step), where the file says.
    pub set_on: Option<Timestamp>,
    /// Set after the answers it is measured by: nothing can have moved yet.
    pub fresh: bool,
}

/// How far the plan has come by `now` (answers standing at `now_at`), as of `today`: planned
/// actions in place that were not when the plan was set (against the latest of `journey`, the
/// points' `(ended, answers)` oldest first, that ended before it was set; `before` for a plan with
/// no date), and planned actions past their date. `None` when it plans nothing.
pub fn progress<'p>(
    plan: &'p Plan,
    journey: &[(Timestamp, &Assessment)],
    before: Option<&Assessment>,
    (now, now_at): (&Assessment, Timestamp),
    today: Date,
) -> Option<Progress<'p>> {
    let set_on = set_on(plan);
    let at_setting = set_on.map(|on| {
        let earlier = journey.iter().rev().find(|(ended, _)| *ended < on);
        earlier.map(|(_, answers)| *answers)
    });
    let mut moves = moves(plan, at_setting.unwrap_or(before), now, today)?;
    let fresh = set_on.is_some_and(|on| on > now_at);
    if fresh {
        moves.now_in_place.clear();
    }
    Some(Progress {
        moves,
        set_on,
        fresh,
    })
}

/// When an action was first seen in place in the run of assessments (oldest
/// first) that ends with the latest: the earliest of the trailing ones in
/// which it is In place. `None` when it is not in place now.
pub fn in_place_since(
    action: &str,
    answers_over_time: &[(Timestamp, &Assessment)],
) -> Option<Timestamp> {
    let mut since = None;
    for (when, a) in answers_over_time.iter().rev() {
        if a.answer(action) == Some(Answer::InPlace) {
            since = Some(*when);
        } else {
            break;
        }
    }
    since
}

/// Where the plan stands from: the answers planned from and what the team decided about them
/// (borrowed for `'t`), and the evidence recorded in the file (for `'a`, as long as the overview).
#[derive(Debug, Clone, Copy)]
pub struct Basis<'a, 't> {
    /// The answers the plan works from (a person's, or the team's).
    pub answers: &'t Assessment,
    /// The team's record of those answers (none for one person): steps done between reviews.
    pub record: Option<&'t RoundRecord>,
    /// The answers over time up to them, oldest first, each with when its point ended.
    pub over_time: &'t [(Timestamp, &'t Assessment)],
    /// The evidence recorded in the file.
    pub evidence: &'a [Evidence],
    /// Today, for overdue steps.
    pub today: Date,
}

/// The plan, domain by domain: what the plan view, `plan edit` and the meeting page show.
#[derive(Debug, Clone)]
pub struct Overview<'a> {
    /// The domains asked for, in framework order.
    pub domains: Vec<DomainOverview<'a>>,
    /// Plan entries for actions, domains or stages this framework does not have (kept).
    pub not_in_framework: Vec<NotInFramework<'a>>,
    /// How the plan moved since it was set (none when it plans nothing; set by the caller that
    /// knows what the answers are compared with: `Snapshot::plan_overview`).
    pub progress: Option<Progress<'a>>,
}

/// One domain's part of the plan.
#[derive(Debug, Clone)]
pub struct DomainOverview<'a> {
    /// The domain (index into the framework's domains).
    pub domain: usize,
    /// Where it stands: each stage's progress, and the stage it works in (or complete).
    pub status: DomainStatus,
    /// Its target, where one is set for a stage the framework has.
    pub target: Option<TargetState>,
    /// What is left, stage by stage up to the target, In progress first (none when complete).
    pub open: Vec<OpenStep<'a>>,
    /// Planned steps (or steps done between reviews) now in place.
    pub done: Vec<StepDone<'a>>,
}

/// A domain's target and whether it is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetState {
    /// The stage to have met (index into the framework's stages).
    pub stage: usize,
    /// By when.
    pub by: Option<Date>,
    /// Whether the domain has met it.
    pub met: bool,
}

/// An action still to put in place.
#[derive(Debug, Clone, Copy)]
pub struct OpenStep<'a> {
    /// The action (index into its domain's actions).
    pub action: usize,
    /// Its answer (`None`: not answered).
    pub answer: Option<Answer>,
    /// Its owner and due date, where the plan gives them.
    pub step: Option<&'a Step>,
    /// Its date has passed and it is not in place.
    pub overdue: bool,
}

/// A planned step (or a step done between reviews) now in place.
#[derive(Debug, Clone)]
pub struct StepDone<'a> {
    /// The action (index into its domain's actions).
    pub action: usize,
    /// Its owner and due date, where the plan gave them.
    pub step: Option<&'a Step>,
    /// When it was first seen in place (a step done between reviews: the day it was done).
    pub since: Option<Timestamp>,
    /// Done between reviews (`plan done`): it counts from the next round.
    pub pending: bool,
    /// What shows it is in place.
    pub evidence: Vec<&'a Evidence>,
}

/// A plan entry for something this framework does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotInFramework<'a> {
    /// A step for an action id it lacks.
    Action(&'a str),
    /// A target for a domain it lacks, or for a stage it lacks.
    Target {
        /// The domain's id.
        domain: &'a str,
        /// The stage's id.
        stage: &'a str,
    },
}

/// The plan from `standing`, for the domains with ids in `only` (empty: all).
pub fn overview<'a>(
    framework: &Framework,
    plan: &'a Plan,
    standing: Basis<'a, '_>,
    only: &[String],
) -> Overview<'a> {
    let answers = standing.answers;
    let domains = framework
        .domains
        .iter()
        .enumerate()
        .filter(|(_, domain)| only.is_empty() || only.contains(&domain.id))
        .map(|(d, domain)| {
            let status = stage::domain_status(framework, d, |id| answers.answer(id));
            let done = (0..domain.actions.len())
                .filter_map(|i| step_done(&domain.actions[i].id, i, plan, &standing))
                .collect();
            let target = plan.target(&domain.id).and_then(|t| {
                let stage = target_stage(framework, t)?;
                let met = target_met(status.position, stage);
                Some(TargetState {
                    stage,
                    by: t.by,
                    met,
                })
            });
            let open = listed_steps(framework, d, answers, plan, target.map(|t| t.stage))
                .into_iter()
                .map(|i| {
                    let (id, step) = (&domain.actions[i].id, plan.step(&domain.actions[i].id));
                    OpenStep {
                        action: i,
                        answer: answers.answer(id),
                        step,
                        overdue: overdue(
                            step.and_then(|s| s.due),
                            answers.answer(id),
                            standing.today,
                        ),
                    }
                })
                .collect();
            DomainOverview {
                domain: d,
                status,
                target,
                open,
                done,
            }
        })
        .collect();
    Overview {
        domains,
        not_in_framework: not_in_framework(framework, plan),
        progress: None,
    }
}

/// Action `id` (index `i` in its domain) as a done step: In place, and planned or done between
/// reviews.
fn step_done<'a>(
    id: &str,
    i: usize,
    plan: &'a Plan,
    standing: &Basis<'a, '_>,
) -> Option<StepDone<'a>> {
    if standing.answers.answer(id) != Some(Answer::InPlace) {
        return None;
    }
    let decided = standing.record.and_then(|r| r.actions.get(id));
    let done = decided.filter(|t| t.source == Source::Done);
    let step = plan.step(id);
    if step.is_none() && done.is_none() {
        return None;
    }
    let day = done.and_then(|t| t.decision.as_ref()?.since());
    Some(StepDone {
        action: i,
        step,
        since: day.map_or_else(
            || in_place_since(id, standing.over_time),
            |day| Some(start_of(day)),
        ),
        pending: done.is_some_and(|t| t.pending),
        evidence: evidence_of(standing.evidence, id).collect(),
    })
}

/// The plan's entries for actions, domains or stages `framework` does not have.
fn not_in_framework<'a>(framework: &Framework, plan: &'a Plan) -> Vec<NotInFramework<'a>> {
    let actions = plan
        .steps()
        .filter(|(id, _)| !framework.has_action(id))
        .map(|(id, _)| NotInFramework::Action(id));
    let targets = plan.targets.iter().filter_map(|(id, t)| {
        let kept = plan.target(id).is_some()
            && (!framework.domains.iter().any(|d| &d.id == id)
                || target_stage(framework, t).is_none());
        kept.then(|| NotInFramework::Target {
            domain: id,
            stage: t.stage.as_deref().unwrap_or(""),
        })
    });
    actions.chain(targets).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::grid;

    #[test]
    fn the_plan_reads_and_writes_as_plain_yaml() {
        let text = concat!(
            "actions:\n  d0.a0:\n    owner: Priya\n    due: 2027-01-31\n",
            "targets:\n  d0:\n    stage: s1\n    by: 2027-06-30\n",
            "review:\n  every_months: 6\n"
        );
        let plan: Plan = serde_yaml::from_str(text).unwrap();
        assert_eq!(plan.actions["d0.a0"].owner.as_deref(), Some("Priya"));
        assert_eq!(plan.review, Some(Review::EveryMonths(6)));
        assert_eq!(serde_yaml::to_string(&plan).unwrap(), text);
        assert!(
            serde_yaml::from_str::<Plan>("actions:\n  x:\n    ownr: Sam\n").is_err(),
            "a typo is refused"
        );
        assert!(serde_yaml::from_str::<Plan>("actions:\n  x:\n    due: 2027-02-30\n").is_err());
    }

    #[test]
    fn the_next_review_is_a_date_or_months_after_the_latest() {
        let mut plan = Plan::default();
        assert_eq!(next_review(&plan, None), None);
        plan.review = Some(Review::EveryMonths(6));
        let latest: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
        assert_eq!(
            next_review(&plan, Some(latest)),
            Some(jiff::civil::date(2027, 6, 2))
        );
        plan.review = Some(Review::On(jiff::civil::date(2027, 1, 15)));
        assert_eq!(
            next_review(&plan, Some(latest)),
            Some(jiff::civil::date(2027, 1, 15))
        );
    }

    #[test]
    fn a_review_is_overdue_only_until_the_team_answers_again() {
        let plan = Plan {
            review: Some(Review::On(jiff::civil::date(2026, 11, 1))),
            ..Plan::default()
        };
        let today = jiff::civil::date(2026, 12, 2);
        let before: Timestamp = "2026-10-01T10:00:00Z".parse().unwrap();
        let after: Timestamp = "2026-11-28T10:00:00Z".parse().unwrap();
        assert_eq!(
            review_overdue(&plan, Some(before), today),
            Some(jiff::civil::date(2026, 11, 1))
        );
        assert_eq!(review_overdue(&plan, Some(after), today), None);
    }

    #[test]
    fn a_huge_interval_gives_no_date_and_no_panic() {
        let plan = Plan {
            review: Some(Review::EveryMonths(u32::MAX)),
            ..Plan::default()
        };
        assert_eq!(next_review(&plan, Some(Timestamp::UNIX_EPOCH)), None);
    }

    #[test]
    fn a_removed_step_is_kept_as_a_dated_removal() {
        let mut plan = Plan::default();
        plan.set_step("a", Some("Sam".into()), None, Timestamp::UNIX_EPOCH);
        assert!(plan.step("a").is_some());
        let later = Timestamp::from_second(60).unwrap();
        plan.set_step("a", None, None, later);
        assert!(plan.step("a").is_none() && plan.steps().next().is_none());
        assert_eq!(
            plan.actions["a"].set_at,
            Some(later),
            "kept, with its date, for merging"
        );
        plan.set_step("b", None, None, later);
        assert!(
            !plan.actions.contains_key("b"),
            "removing what was never there records nothing"
        );
    }

    #[test]
    fn stages_are_named_by_id_name_or_the_completion_label() {
        let f = grid(3, 1);
        assert_eq!(stage_named(&f, "s1").as_deref(), Some("s1"));
        assert_eq!(stage_named(&f, "stage 2").as_deref(), Some("s2"));
        assert_eq!(
            stage_named(&f, "done").as_deref(),
            Some("s2"),
            "the completion label is the last stage met"
        );
        assert_eq!(stage_named(&f, COMPLETE_ID).as_deref(), Some("s2"));
        assert_eq!(stage_named(&f, "nosuch"), None);
    }

    #[test]
    fn unknown_ids_are_met_with_the_closest_ones() {
        let known = ["networks.buddy", "networks.local-networks", "fit.pathways"];
        assert_eq!(similar_ids(known, "networks.budy"), ["networks.buddy"]);
        assert_eq!(
            similar_ids(known, "networks.x"),
            ["networks.buddy", "networks.local-networks"]
        );
        assert!(similar_ids(known, "zzz").is_empty());
    }

    #[test]
    fn a_target_above_the_working_stage_lists_every_open_action_up_to_it() {
        let f = grid(3, 1);
        let mut a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        a.answers.insert("d0.a0".into(), Answer::InPlace);
        a.answers.insert("d0.a2".into(), Answer::InProgress);
        let mut plan = Plan::default();
        assert_eq!(
            listed_steps(&f, 0, &a, &plan, None),
            [1],
            "working in stage 1"
        );
        assert_eq!(
            listed_steps(&f, 0, &a, &plan, Some(2)),
            [1, 2],
            "up to and including the target stage"
        );
        plan.set_step("d0.a2", Some("Sam".into()), None, Timestamp::UNIX_EPOCH);
        assert_eq!(
            listed_steps(&f, 0, &a, &plan, None),
            [1, 2],
            "an owned step is always listed"
        );
    }

    #[test]
    fn the_plan_moves_count_what_became_in_place_and_what_is_overdue() {
        let f = grid(2, 1);
        let mut plan = Plan::default();
        assert_eq!(
            moves(
                &plan,
                None,
                &Assessment::new(&f, Timestamp::UNIX_EPOCH),
                jiff::civil::date(2027, 1, 1)
            ),
            None
        );
        let due = Some(jiff::civil::date(2026, 12, 1));
        plan.set_step("d0.a0", None, due, Timestamp::UNIX_EPOCH);
        plan.set_step("d0.a1", Some("Jo".into()), due, Timestamp::UNIX_EPOCH);
        let before = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        let mut after = before.clone();
        after.answers.insert("d0.a0".into(), Answer::InPlace);
        let m = moves(&plan, Some(&before), &after, jiff::civil::date(2027, 1, 1)).unwrap();
        assert_eq!(m.now_in_place, ["d0.a0"]);
        assert_eq!(m.planned, 2);
        assert_eq!(
            m.overdue.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            ["d0.a1"]
        );
    }

    #[test]
    fn in_place_since_is_the_start_of_the_latest_run_in_place() {
        let f = grid(1, 1);
        let at = |s: i64| Timestamp::from_second(s).unwrap();
        let mut yes = Assessment::new(&f, at(0));
        yes.answers.insert("d0.a0".into(), Answer::InPlace);
        let no = Assessment::new(&f, at(0));
        let run = [(at(1), &yes), (at(2), &no), (at(3), &yes), (at(4), &yes)];
        assert_eq!(in_place_since("d0.a0", &run), Some(at(3)));
        assert_eq!(in_place_since("d0.a0", &run[..2]), None);
    }

    #[test]
    fn a_target_already_met_is_decided_here() {
        let f = grid(3, 1);
        let mut a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        a.answers.insert("d0.a0".into(), Answer::InPlace);
        let target = |stage: &str| Target {
            stage: Some(stage.into()),
            by: None,
            set_at: None,
        };
        let cases = [
            ("s0", true),
            ("s1", false),
            ("s2", false),
            ("nosuch", false),
        ];
        for (stage, met) in cases {
            assert_eq!(target_met_in(&f, "d0", &target(stage), &a), met, "{stage}");
        }
        assert!(!target_met_in(&f, "nosuch", &target("s0"), &a));
    }

    #[test]
    fn a_due_date_is_past_from_the_day_after() {
        let day = jiff::civil::date(2027, 1, 10);
        assert!(!past_due(day, day));
        assert!(past_due(day, jiff::civil::date(2027, 1, 11)));
    }

    /// The overview of one assessment with `answers` and `plan`, in two domains of two stages of
    /// one action each, as lines.
    fn overview_of(answers: &[(&str, Answer)], plan: &Plan, evidence: &[Evidence]) -> Vec<String> {
        let f = grid(2, 2);
        let mut a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        for (id, x) in answers {
            a.answers.insert(id.to_string(), *x);
        }
        let journey = [(Timestamp::UNIX_EPOCH, &a)];
        let standing = Basis {
            answers: &a,
            record: None,
            over_time: &journey,
            evidence,
            today: jiff::civil::date(2027, 1, 1),
        };
        let o = overview(&f, plan, standing, &[]);
        let mut out: Vec<String> = o
            .domains
            .iter()
            .map(|d| {
                let domain = &f.domains[d.domain];
                let id = |i: usize| domain.actions[i].id.clone();
                let open: Vec<String> = d
                    .open
                    .iter()
                    .map(|s| format!("{}{}", id(s.action), if s.overdue { "!" } else { "" }))
                    .collect();
                let done: Vec<String> = d
                    .done
                    .iter()
                    .map(|s| format!("{}+{}", id(s.action), s.evidence.len()))
                    .collect();
                let target = d
                    .target
                    .map(|t| format!("s{}{}", t.stage, if t.met { " met" } else { "" }));
                format!(
                    "{}: {:?} open [{}] done [{}] target {}",
                    domain.id,
                    d.status.position,
                    open.join(" "),
                    done.join(" "),
                    target.unwrap_or_default()
                )
            })
            .collect();
        out.extend(o.not_in_framework.iter().map(|n| format!("{n:?}")));
        out
    }

    #[test]
    fn the_overview_has_each_domains_steps_done_steps_target_and_what_the_framework_lacks() {
        use Answer::*;
        let mut plan = Plan::default();
        let due = Some(jiff::civil::date(2026, 12, 1));
        plan.set_step("d0.a1", Some("Jo".into()), due, Timestamp::UNIX_EPOCH);
        plan.set_step("d0.a0", Some("Sam".into()), None, Timestamp::UNIX_EPOCH);
        plan.set_step("gone", Some("Sam".into()), None, Timestamp::UNIX_EPOCH);
        plan.set_target("d1", Some("s0".into()), None, Timestamp::UNIX_EPOCH);
        plan.set_target("d0", Some("nosuch".into()), None, Timestamp::UNIX_EPOCH);
        let evidence = [Evidence {
            action: "d0.a0".into(),
            text: "Minutes".into(),
            link: None,
            by: None,
            at: Timestamp::UNIX_EPOCH,
            removed: None,
        }];
        let lines = overview_of(&[("d0.a0", InPlace), ("d1.a0", InPlace)], &plan, &evidence);
        assert_eq!(
            lines,
            [
                "d0: Working(1) open [d0.a1!] done [d0.a0+1] target ",
                "d1: Working(1) open [d1.a1] done [] target s0 met",
                "Action(\"gone\")",
                "Target { domain: \"d0\", stage: \"nosuch\" }",
            ]
        );
    }
}
