//! `plan edit`: the plan on a projector, asked question by question
//! ([`crate::core::walk::plan_edit`]). Each change is saved once confirmed, so Ctrl-C never loses
//! one, and where a session stopped is kept beside the answers file, so the next one carries on
//! there.

use std::io::{self, IsTerminal};

use crate::core::answers::History;
use crate::core::answers::plan::Review;
use crate::core::subject::At;
use crate::core::walk::plan_edit::{self, Change, PlanOutline};
use crate::core::walk::{Prompter, Stop, WalkError};
use crate::shell::cli::PlanArgs;
use crate::shell::commands::views;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::terminal::TerminalPrompter;
use crate::shell::{input, interrupt, store};

/// Runs the session, then shows the plan.
pub fn run(ctx: &Context, show: &PlanArgs) -> Result<(), Error> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::PlanEditNeedsTerminal);
    }
    interrupt::install();
    interrupt::on_stop(&format!(
        "Stopped; every change you confirmed is saved in {}.",
        ctx.file.display()
    ));
    let history = ctx.history()?;
    let agenda = outline(ctx, &history, show)?;
    let mut place = ctx.file.clone().into_os_string();
    place.push(".plan-edit");
    let from = input::read_text(place.as_ref(), 1024)
        .ok()
        .and_then(|key| agenda.position(key.trim()));
    let mut prompter = TerminalPrompter::new();
    let steps: usize = agenda.domains.iter().map(|d| d.steps.len()).sum();
    let carry_on = from.map_or(String::new(), |i| {
        format!(
            "Carrying on from question {}, where the last `plan edit` stopped.\n",
            i + 1
        )
    });
    prompter.tell(&format!(
        "Going through the plan: {steps} next steps, then each domain's target, then the next \
            review.\n{carry_on}Enter keeps what is there · `-` clears it · Esc goes back · Ctrl-C \
            stops (every change you confirmed is saved).\n"
    ));
    let mut changes = 0;
    let result = plan_edit::edit(
        &agenda,
        history.plan,
        from.unwrap_or(0),
        &mut prompter,
        |key| {
            // A convenience: without it the next session starts at question 1.
            let _ = store::write_atomic_in_place(place.as_ref(), key.as_bytes());
            Ok(store::load_existing(&ctx.file)?.plan)
        },
        |prompter, change| {
            store::update_plan(&ctx.file, |plan, _| {
                change.apply(plan, crate::shell::clock::now());
                Ok(())
            })?;
            prompter.settled(&summary(change, &agenda));
            changes += 1;
            Ok(())
        },
    );
    drop(prompter);
    match result {
        Ok(()) => {}
        Err(WalkError::Save(e)) => return Err(e),
        Err(WalkError::Stopped(Stop::Io(e))) => return Err(Error::Terminal { source: e }),
        Err(WalkError::Stopped(_)) => {
            return Err(Error::PlanEditStopped {
                changes,
                path: ctx.file.clone(),
            });
        }
    }
    let _ = std::fs::remove_file(&place);
    let history = store::load_existing(&ctx.file)?;
    ctx.emit(&views::plan_view(ctx, &history, show)?, &show.output, &[])
}

/// What `plan edit` goes through: the core's overview of the plan `plan` shows.
fn outline(ctx: &Context, history: &History, show: &PlanArgs) -> Result<PlanOutline, Error> {
    let s = ctx.snapshot(history, At::One(show.at.as_deref()), show.rounds.since)?;
    let overview = s.plan_overview(&ctx.framework, &show.domains);
    Ok(PlanOutline::new(&ctx.framework, &overview))
}

/// The line a saved change leaves on the screen.
fn summary(change: &Change, agenda: &PlanOutline) -> String {
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let date = |d: &Option<jiff::civil::Date>| or_none(d.map(|d| d.to_string()));
    match change {
        Change::Owner(id, o) => format!("Saved: {id} owner {}", or_none(o.clone())),
        Change::Due(id, d) => format!("Saved: {id} due {}", date(d)),
        Change::Target(domain, s) => {
            let name = s.as_deref().map(|s| agenda.stage_name(s).to_string());
            format!("Saved: {domain} target {}", or_none(name))
        }
        Change::TargetBy(domain, d) => format!("Saved: {domain} target date {}", date(d)),
        Change::Review(r) => format!(
            "Saved: next review {}",
            match r {
                Some(Review::On(d)) => d.to_string(),
                Some(Review::EveryMonths(n)) => format!("{n} months after the latest round"),
                None => "none".into(),
            }
        ),
    }
}
