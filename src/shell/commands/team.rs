//! `team`: a round of the team's answers from one or more files: each
//! person's stage, the team's, and the meeting's agenda.

use std::path::PathBuf;

use crate::core::rounds;
use crate::core::team::merge;
use crate::present::view::team;
use crate::shell::Context;
use crate::shell::cli::TeamArgs;
use crate::shell::error::Error;
use crate::shell::store;

/// How many agenda points a terminal shows without --all: about what a
/// one-hour meeting can discuss.
const AGENDA_ON_SCREEN: usize = 12;

/// Shows the team view.
pub fn run(ctx: &Context, args: &TeamArgs) -> Result<(), Error> {
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![ctx.file.clone()]
    } else {
        args.files.clone()
    };
    let mut sources = Vec::new();
    for file in &files {
        let history = store::load_existing(file)?;
        ctx.remind(&history);
        let shown = file.display().to_string();
        let short = file
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        sources.push((shown, short, history.assessments));
    }
    let (history, from) = merge(sources, args.label.as_deref());
    let rounds = rounds::rounds(&history, args.since);
    if rounds.is_empty() {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let mut filter = Vec::new();
        if let Some(d) = args.since {
            filter.push(format!("taken on or after {d}"));
        }
        if let Some(l) = &args.label {
            filter.push(format!("labelled \"{l}\""));
        }
        return Err(Error::NoTeamAssessments {
            files: names.join(", "),
            filter: (!filter.is_empty()).then(|| filter.join(" and ")),
        });
    }
    let r = ctx.pick_round(&history, &rounds, args.at.as_deref())?;
    let on_screen = args.output.format == crate::shell::cli::Format::Table && !args.all;
    let view = team::build(
        &ctx.framework,
        &history,
        &from,
        &rounds,
        r,
        args.anonymous,
        on_screen.then_some(AGENDA_ON_SCREEN),
    );
    crate::shell::context::emit_reading(ctx, &view, &args.output, &files)
}
