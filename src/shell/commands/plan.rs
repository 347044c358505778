//! `plan` and the commands that change the plan: each checks what it is
//! given against the framework, then changes the answers file under its
//! lock (so a secretary and a colleague typing at once both count).

use crate::core::answers::plan::{Review, Target};
use crate::core::answers::roster;
use crate::core::framework::Framework;
use crate::core::planning;
use crate::core::subject::At;
use crate::present::safe::one_line;
use crate::shell::cli::{PlanCommand, PlanCommandArgs};
use crate::shell::clock::today;
use crate::shell::commands::{plan_edit, views};
use crate::shell::context::{Context, known_action};
use crate::shell::error::Error;
use crate::shell::store;

/// Shows the plan, or changes it.
pub fn run(ctx: &Context, args: &PlanCommandArgs) -> Result<(), Error> {
    let f = &ctx.framework;
    let Some(command) = &args.command else {
        return views::plan(ctx, &args.show);
    };
    let now = crate::shell::clock::now();
    match command {
        PlanCommand::Assign { action, owner, due } => {
            known_action(f, action)?;
            let mut said = owner.clone();
            let saved = store::update_plan(&ctx.file, |plan, history| {
                said = roster::owner_named(history, owner);
                let before = plan.step(action).cloned().unwrap_or_default();
                plan.set_step(action, Some(said.clone()), due.or(before.due), now);
                Ok(())
            })?;
            // Overdue is one rule, on the answers the plan works from (a step done counts).
            let answer = ctx
                .snapshot(&saved, At::One(None), None)
                .ok()
                .and_then(|s| s.plan_answers().answer(action));
            let late = due.filter(|d| planning::overdue(Some(*d), answer, today()));
            if let Some(due) = late {
                ctx.note(&format!(
                    "note: {due} is already past: this step is overdue from today."
                ));
            }
            let due = due.map(|d| format!(", due {d}")).unwrap_or_default();
            ctx.note(&format!("Planned: {action}, owner {said}{due}."));
        }
        PlanCommand::Unassign { action } => {
            let history = store::update_plan(&ctx.file, |plan, _| {
                if plan.step(action).is_none() {
                    known_action(f, action)?;
                }
                plan.set_step(action, None, None, now);
                Ok(())
            })?;
            let _ = history;
            ctx.note(&format!(
                "{action} has no owner or due date in the plan now."
            ));
        }
        PlanCommand::Target {
            domain,
            stage,
            by,
            clear,
        } => {
            known_domain(f, domain)?;
            let target = match (clear, stage) {
                (true, _) | (false, None) => None,
                (false, Some(name)) => Some(Target {
                    stage: Some(planning::stage_named(f, name).ok_or_else(|| {
                        Error::UnknownStage {
                            name: name.clone(),
                            known: stage_names(f),
                        }
                    })?),
                    by: *by,
                    set_at: Some(now),
                }),
            };
            store::update_plan(&ctx.file, |plan, _| {
                let (stage, by) = target.clone().map_or((None, None), |t| (t.stage, t.by));
                plan.set_target(domain, stage, by, now);
                Ok(())
            })?;
            // A target the subject (the team, in a team file) has already passed changes nothing
            // until it slips.
            if let Some(t) = &target
                && let Ok(history) = store::load_existing(&ctx.file)
                && let Ok(s) = ctx.snapshot(&history, At::One(None), None)
                && planning::target_met_in(f, domain, t, &s.point().answers)
            {
                let whose = if s.is_team() {
                    "the team's latest round"
                } else {
                    "the latest assessment"
                };
                ctx.note(&format!(
                    "note: {domain} has already met that stage in {whose}; the plan shows the \
                     target as met."
                ));
            }
            // The stage by its name, as `plan` shows it, whichever way it was typed.
            let named = |t: &Target| {
                let id = t.stage.as_deref().unwrap_or_default();
                f.stages
                    .iter()
                    .find(|s| s.id == id)
                    .map_or(id.to_string(), |s| one_line(&s.name))
            };
            ctx.note(&match &target {
                Some(t) => format!(
                    "Target for {domain}: {} met{}.",
                    named(t),
                    t.by.map(|d| format!(" by {d}")).unwrap_or_default()
                ),
                None => format!("{domain} has no target now."),
            });
        }
        PlanCommand::Review { on, every } => {
            let review = match (on, every) {
                (Some(date), _) => Review::On(*date),
                (None, Some(n)) => Review::EveryMonths(*n),
                (None, None) => unreachable!("clap requires --on or --every"),
            };
            let history = store::update_plan(&ctx.file, |plan, _| {
                plan.set_review(Some(review), now);
                Ok(())
            })?;
            let latest = history.assessments.iter().map(|a| a.taken_at).max();
            if let Some(next) = planning::next_review(&history.plan, latest) {
                ctx.note(&format!("Next review: {next}."));
            }
        }
        PlanCommand::Edit => return plan_edit::run(ctx, &args.show),
        PlanCommand::Done {
            action,
            on,
            note,
            evidence,
        } => {
            return crate::shell::commands::agreed::done(
                ctx,
                action,
                *on,
                note.as_deref(),
                evidence.as_deref(),
            );
        }
    }
    Ok(())
}

fn known_domain(f: &Framework, id: &str) -> Result<(), Error> {
    if f.domains.iter().any(|d| d.id == id) {
        return Ok(());
    }
    Err(Error::UnknownDomain {
        id: id.to_string(),
        known: f
            .domains
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn stage_names(f: &Framework) -> String {
    f.stages
        .iter()
        .map(|s| format!("{} ({})", s.id, s.name))
        .chain([format!("{} (every stage met)", f.completion_label)])
        .collect::<Vec<_>>()
        .join(", ")
}
