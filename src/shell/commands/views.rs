//! `report`, `compare`, `history` and `plan`: one person's view, or, when the
//! answers file holds several people's and nobody is named, the team's.

use crate::core::answers::History;
use crate::core::choose::{self, Timeline};
use crate::core::framework::Framework;
use crate::core::rounds::{self, Round};
use crate::present::view;
use crate::present::view::meeting::MeetingPage;
use crate::shell::cli::{CompareArgs, HistoryArgs, PlanArgs, ReportArgs};
use crate::shell::context::{Context, emit, today};
use crate::shell::error::Error;

/// Shows the stage table (as HTML: the meeting page).
pub fn report(ctx: &Context, args: &ReportArgs) -> Result<(), Error> {
    let history = ctx.history()?;
    if args.output.format == crate::shell::cli::Format::Html {
        let page = meeting_page(ctx, &history, args)?;
        return emit(ctx, &page, &args.output);
    }
    if let Some(rounds) = team_rounds(ctx, &history, args.rounds.since)? {
        let r = ctx.pick_round(&history, &rounds, args.at.as_deref())?;
        let mut report = view::report::build_team(&ctx.framework, &history, &rounds, r);
        report.next_review = next_review(&history);
        return emit(ctx, &report, &args.output);
    }
    let timeline = Timeline::new(&history);
    let index = ctx.pick(&timeline, args.at.as_deref())?;
    let mut report = view::report::build(&ctx.framework, &history, index, timeline.previous(index));
    report.next_review = next_review(&history);
    emit(ctx, &report, &args.output)
}

/// The meeting page: the stage table, the change since last time, the
/// journey over time, the team and the plan, for the team's round (or
/// --at) or one person's assessment.
fn meeting_page(ctx: &Context, history: &History, args: &ReportArgs) -> Result<MeetingPage, Error> {
    let f = &ctx.framework;
    let plan_args = PlanArgs {
        domains: Vec::new(),
        at: args.at.clone(),
        rounds: args.rounds.clone(),
        output: args.output.clone(),
    };
    let plan = plan_view(ctx, history, &plan_args)?;
    if let Some(rounds) = team_rounds(ctx, history, args.rounds.since)? {
        let r = ctx.pick_round(history, &rounds, args.at.as_deref())?;
        let mut report = view::report::build_team(f, history, &rounds, r);
        report.next_review = next_review(history);
        let compare = r
            .checked_sub(1)
            .map(|p| view::compare::build_team(f, history, &rounds, p, r, today()));
        let shown = &rounds[..=r];
        let over_time = view::history::build_team(f, history, shown);
        let files = vec![ctx.file.display().to_string(); history.assessments.len()];
        let team = view::team::build(f, history, &files, &rounds, r, false, None);
        return Ok(MeetingPage::new(f, report, compare, Some(over_time), Some(team), plan));
    }
    let timeline = Timeline::new(history);
    let index = ctx.pick(&timeline, args.at.as_deref())?;
    let previous = timeline.previous(index);
    let mut report = view::report::build(f, history, index, previous);
    report.next_review = next_review(history);
    let compare = previous.map(|p| view::compare::build(f, history, p, index, today()));
    let who = history.assessments[index].respondent.as_deref();
    let taken = history.assessments[index].taken_at;
    let journey: Vec<usize> = timeline
        .of(None)
        .into_iter()
        .filter(|&i| {
            let a = &history.assessments[i];
            crate::core::answers::same_person(a.respondent.as_deref(), who) && a.taken_at <= taken
        })
        .collect();
    let over_time = view::history::build(f, history, &journey);
    Ok(MeetingPage::new(f, report, compare, Some(over_time), None, plan))
}

/// Shows what changed between two assessments or rounds.
pub fn compare(ctx: &Context, args: &CompareArgs) -> Result<(), Error> {
    let history = ctx.history()?;
    let (a, b) = (args.a.as_deref(), args.b.as_deref());
    if let Some(rounds) = team_rounds(ctx, &history, args.rounds.since)? {
        let (a, b) = ctx.pick_round_pair(&history, &rounds, a, b)?;
        let view = view::compare::build_team(&ctx.framework, &history, &rounds, a, b, today());
        return emit(ctx, &view, &args.output);
    }
    let (a, b) = ctx.pick_pair(&Timeline::new(&history), a, b)?;
    emit(
        ctx,
        &view::compare::build(&ctx.framework, &history, a, b, today()),
        &args.output,
    )
}

/// Lists every assessment, or every round of the team's.
pub fn history(ctx: &Context, args: &HistoryArgs) -> Result<(), Error> {
    let history = ctx.history()?;
    if let Some(rounds) = team_rounds(ctx, &history, args.rounds.since)? {
        return emit(
            ctx,
            &view::history::build_team(&ctx.framework, &history, &rounds),
            &args.output,
        );
    }
    let indices = Timeline::new(&history).of(ctx.respondent.as_deref());
    if indices.is_empty() {
        return Err(Error::NoAssessments {
            path: ctx.file.clone(),
            respondent: ctx.respondent.clone(),
        });
    }
    emit(
        ctx,
        &view::history::build(&ctx.framework, &history, &indices),
        &args.output,
    )
}

/// Lists the next steps.
pub fn plan(ctx: &Context, args: &PlanArgs) -> Result<(), Error> {
    check_domains(&ctx.framework, &args.domains)?;
    let history = ctx.history()?;
    let plan = plan_view(ctx, &history, args)?;
    emit(ctx, &plan, &args.output)
}

/// The plan as `plan` shows it: the team's (latest round, or --at), or one person's.
pub fn plan_view(ctx: &Context, history: &History, args: &PlanArgs) -> Result<view::plan::PlanView, Error> {
    let at = args.at.as_deref();
    if let Some(rounds) = team_rounds(ctx, history, args.rounds.since)? {
        let r = ctx.pick_round(history, &rounds, at)?;
        return Ok(view::plan::for_round(
            &ctx.framework,
            history,
            &rounds,
            r,
            today(),
            &args.domains,
        ));
    }
    let index = ctx.pick(&Timeline::new(history), at)?;
    Ok(view::plan::for_assessment(
        &ctx.framework,
        history,
        index,
        today(),
        &args.domains,
    ))
}

/// When the team reviews next, by the plan.
fn next_review(history: &History) -> Option<jiff::civil::Date> {
    crate::core::plan::next_review(&history.plan, history.assessments.iter().map(|a| a.taken_at).max())
}

/// The team's rounds, when the team is the subject: the file holds more than
/// one person's assessments and nobody was named. `None` for one person.
fn team_rounds(
    ctx: &Context,
    history: &History,
    since: Option<jiff::civil::Date>,
) -> Result<Option<Vec<Round>>, Error> {
    if ctx.respondent.is_some() || !choose::several_people(history) {
        if since.is_some() {
            ctx.note("note: --since picks the team's rounds; one person's view shows all their assessments.");
        }
        return Ok(None);
    }
    let rounds = rounds::rounds(history, since);
    match (rounds.is_empty(), since) {
        (true, Some(since)) => Err(Error::NothingSince {
            path: ctx.file.clone(),
            since,
        }),
        _ => Ok(Some(rounds)),
    }
}

fn check_domains(framework: &Framework, ids: &[String]) -> Result<(), Error> {
    for id in ids {
        if !framework.domains.iter().any(|d| &d.id == id) {
            let known: Vec<&str> = framework.domains.iter().map(|d| d.id.as_str()).collect();
            return Err(Error::UnknownDomain {
                id: id.clone(),
                known: known.join(", "),
            });
        }
    }
    Ok(())
}
