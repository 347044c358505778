//! `report`, `compare`, `history` and `plan`: each asks the core once for
//! its subject (one person's, or the team's when the answers file holds
//! several people's and nobody is named) and hands it to its view.

use crate::core::answers::History;
use crate::core::subject::{At, Miss, Missed};
use crate::present::render::Format;
use crate::present::view;
use crate::shell::cli::{CompareArgs, HistoryArgs, PlanArgs, ReportArgs};
use crate::shell::context::Context;
use crate::shell::error::Error;

/// Shows the stage table (as HTML: the meeting page).
pub fn report(ctx: &Context, args: &ReportArgs) -> Result<(), Error> {
    let history = ctx.history()?;
    let s = ctx.snapshot(&history, At::One(args.at.as_deref()), args.rounds.since)?;
    let f = &ctx.framework;
    if args.output.format == Format::Html {
        let files = vec![ctx.file.display().to_string(); history.assessments.len()];
        return ctx.emit(&view::page::build(f, &s, &files), &args.output, &[]);
    }
    ctx.emit(&view::report::build(f, &s), &args.output, &[])
}

/// Shows what changed between two assessments or rounds.
pub fn compare(ctx: &Context, args: &CompareArgs) -> Result<(), Error> {
    let history = ctx.history()?;
    let at = At::Pair(args.a.as_deref(), args.b.as_deref());
    let s = ctx.snapshot(&history, at, args.rounds.since)?;
    match view::compare::build(&ctx.framework, &s) {
        Some(view) => ctx.emit(&view, &args.output, &[]),
        None => Err(ctx.missed(Missed {
            subject: s.subject,
            miss: Miss::NothingToCompare {
                count: s.points.len(),
            },
        })),
    }
}

/// Lists every assessment, or every round of the team's.
pub fn history(ctx: &Context, args: &HistoryArgs) -> Result<(), Error> {
    let history = ctx.history()?;
    let s = ctx.snapshot(&history, At::One(None), args.rounds.since)?;
    let mut v = view::history::build(&ctx.framework, &s);
    let withdrawn = view::history::withdrawn(&history, ctx.respondent.as_deref());
    if args.withdrawn {
        v.withdrawn = withdrawn;
    } else if !withdrawn.is_empty() {
        ctx.note(&format!(
            "note: {} withdrawn, counted nowhere and not listed; `mbct-sustain history \
                --withdrawn` lists {}.",
            crate::present::words::count(withdrawn.len(), "assessment"),
            if withdrawn.len() == 1 { "it" } else { "them" }
        ));
    }
    ctx.emit(&v, &args.output, &[])
}

/// Lists the next steps.
pub fn plan(ctx: &Context, args: &PlanArgs) -> Result<(), Error> {
    let domains = &ctx.framework.domains;
    if let Some(id) = args
        .domains
        .iter()
        .find(|id| !domains.iter().any(|d| &d.id == *id))
    {
        let known: Vec<&str> = domains.iter().map(|d| d.id.as_str()).collect();
        return Err(Error::UnknownDomain {
            id: id.clone(),
            known: known.join(", "),
        });
    }
    let history = ctx.history()?;
    ctx.emit(&plan_view(ctx, &history, args)?, &args.output, &[])
}

/// The plan as `plan` shows it: the team's (latest round, or --at), or one person's.
pub fn plan_view(
    ctx: &Context,
    history: &History,
    args: &PlanArgs,
) -> Result<view::plan::PlanView, Error> {
    let s = ctx.snapshot(history, At::One(args.at.as_deref()), args.rounds.since)?;
    Ok(view::plan::build(&ctx.framework, &s, &args.domains))
}
