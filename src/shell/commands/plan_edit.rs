//! `plan edit`: the plan on a projector. Goes through the next steps one by
//! one (as `plan` lists them), asking each one's owner and due date; then
//! each domain's target stage and date; then the next review. Enter keeps a
//! value, `-` clears it, Esc goes back a question; each change is saved the
//! moment it is confirmed, so Ctrl-C never loses one, and the next `plan
//! edit` carries on from the question where it stopped.
//!
//! The questions and what answers mean are the core's
//! ([`crate::core::walk::plan`]); this file wires them to the terminal and
//! the answers file.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use crate::core::plan::Review;
use crate::core::walk::plan::{self, Agenda, Change, Domain, NextStep};
use crate::core::walk::{Prompter, Stop, WalkError};
use crate::present::view::plan::PlanView;
use crate::shell::cli::PlanArgs;
use crate::shell::commands::views;
use crate::shell::context::{Context, emit};
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
    let agenda = agenda(&views::plan_view(ctx, &history, show)?);
    let place = place_file(&ctx.file);
    let from = input::read_text(&place, 1024)
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
        "Going through the plan: {steps} next steps, then each domain's target, then the next review.\n{carry_on}Enter keeps what is there · `-` clears it · Esc goes back · Ctrl-C stops (every change you confirmed is saved).\n"
    ));
    let mut changes = 0;
    let result = plan::edit(
        &agenda,
        history.plan,
        from.unwrap_or(0),
        &mut prompter,
        |key| {
            // Only a convenience: without it the next session starts at question 1.
            let _ = store::write_atomic_in_place(&place, key.as_bytes());
            Ok(store::load_existing(&ctx.file)?.plan)
        },
        |prompter, change| {
            store::update_plan(&ctx.file, |plan, _| {
                change.apply(plan);
                Ok(())
            })?;
            prompter.settled(&summary(change, &agenda));
            changes += 1;
            Ok(())
        },
    );
    drop(prompter);
    match result {
        Ok(()) => {
            let _ = std::fs::remove_file(&place);
        }
        Err(WalkError::Save(e)) => return Err(e),
        Err(WalkError::Stopped(Stop::Io(e))) => return Err(Error::Terminal(e)),
        Err(WalkError::Stopped(_)) => {
            return Err(Error::PlanEditStopped {
                changes,
                path: ctx.file.clone(),
            });
        }
    }
    let history = store::load_existing(&ctx.file)?;
    emit(ctx, &views::plan_view(ctx, &history, show)?, &show.output)
}

/// What `plan edit` goes through, from the plan as `plan` shows it. The one
/// place that reads the view.
fn agenda(view: &PlanView) -> Agenda {
    let domains = view.domains.iter().map(|d| Domain {
        id: d.id.clone(),
        name: d.name.clone(),
        stage: d.stage.name.clone(),
        rank: d.stage.rank,
        steps: (d.steps.iter())
            .map(|s| NextStep {
                action: s.action_id.clone(),
                text: s.text.clone(),
                answer: s.answer,
            })
            .collect(),
    });
    Agenda {
        domains: domains.collect(),
        stages: view.stages.clone(),
    }
}

/// Where a stopped session's question is kept: `<answers file>.plan-edit`.
fn place_file(answers: &Path) -> PathBuf {
    let mut name = answers.as_os_str().to_owned();
    name.push(".plan-edit");
    name.into()
}

/// The line a saved change leaves on the screen.
fn summary(change: &Change, agenda: &Agenda) -> String {
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
