//! `plan` and the commands that change the plan: each checks what it is
//! given against the framework, then changes the answers file under its
//! lock (so a secretary and a colleague typing at once both count).

use crate::core::framework::Framework;
use crate::core::plan::{self, Review, Step, Target};
use crate::core::subject::At;
use crate::shell::cli::{PlanCommand, PlanCommandArgs};
use crate::shell::commands::{plan_edit, views};
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::store;

/// Shows the plan, or changes it.
pub fn run(ctx: &Context, args: &PlanCommandArgs) -> Result<(), Error> {
    let f = &ctx.framework;
    let Some(command) = &args.command else {
        return views::plan(ctx, &args.show);
    };
    match command {
        PlanCommand::Assign { action, owner, due } => {
            known_action(f, action)?;
            store::update_plan(&ctx.file, |plan, _| {
                let before = plan.actions.get(action).cloned().unwrap_or_default();
                plan.set_step(action, Some(Step { owner: Some(owner.clone()), due: due.or(before.due) }));
                Ok(())
            })?;
            let due = due.map(|d| format!(", due {d}")).unwrap_or_default();
            ctx.note(&format!("Planned: {action}, owner {owner}{due}."));
        }
        PlanCommand::Unassign { action } => {
            let history = store::update_plan(&ctx.file, |plan, _| {
                if !plan.actions.contains_key(action) {
                    known_action(f, action)?;
                }
                plan.set_step(action, None);
                Ok(())
            })?;
            let _ = history;
            ctx.note(&format!("{action} has no owner or due date in the plan now."));
        }
        PlanCommand::Target { domain, stage, by, clear } => {
            known_domain(f, domain)?;
            let target = match (clear, stage) {
                (true, _) | (false, None) => None,
                (false, Some(name)) => Some(Target {
                    stage: plan::stage_named(f, name)
                        .ok_or_else(|| Error::UnknownStage { name: name.clone(), known: stage_names(f) })?,
                    by: *by,
                }),
            };
            store::update_plan(&ctx.file, |plan, _| {
                match &target {
                    Some(t) => {
                        plan.targets.insert(domain.clone(), t.clone());
                    }
                    None => {
                        plan.targets.shift_remove(domain);
                    }
                }
                Ok(())
            })?;
            // A target the subject (the team, in a team file) has already
            // passed changes nothing until it slips.
            if let Some(t) = &target
                && let Ok(history) = store::load_existing(&ctx.file)
                && let Ok(s) = ctx.snapshot(&history, At::One(None), None)
                && let Some(d) = f.domains.iter().position(|d| &d.id == domain)
                && let Some(goal) = plan::target_position(f, t)
                && crate::core::stage::domain_status(f, d, |id| s.point().answers.answer(id)).position > goal
            {
                let whose = if s.is_team() { "the team's latest round" } else { "the latest assessment" };
                ctx.note(&format!(
                    "note: {domain} is already past that stage in {whose}; the target shows only if it slips."
                ));
            }
            ctx.note(&match &target {
                Some(t) => format!(
                    "Target for {domain}: {}{}.",
                    stage.as_deref().unwrap_or(&t.stage),
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
                plan.review = Some(review);
                Ok(())
            })?;
            let latest = history.assessments.iter().map(|a| a.taken_at).max();
            if let Some(next) = plan::next_review(&history.plan, latest) {
                ctx.note(&format!("Next review: {next}."));
            }
        }
        PlanCommand::Edit => return plan_edit::run(ctx, &args.show),
    }
    Ok(())
}

fn known_action(f: &Framework, id: &str) -> Result<(), Error> {
    if f.has_action(id) {
        return Ok(());
    }
    let ids = f.actions().map(|(_, a)| a.id.as_str());
    Err(Error::UnknownAction {
        id: id.to_string(),
        closest: plan::closest(ids, id).into_iter().map(str::to_string).collect(),
    })
}

fn known_domain(f: &Framework, id: &str) -> Result<(), Error> {
    if f.domains.iter().any(|d| d.id == id) {
        return Ok(());
    }
    Err(Error::UnknownDomain {
        id: id.to_string(),
        known: f.domains.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", "),
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
