//! `team`: a round of the team's answers from one or more files: each
//! person's stage, the team's, and the meeting's agenda.

use std::path::PathBuf;

use crate::core::subject::{At, Requested};
use crate::core::team::combine_files;
use crate::present::render::Format;
use crate::present::view::team;
use crate::present::words;
use crate::shell::cli::TeamArgs;
use crate::shell::context::Context;
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
        ctx.note_copies(&history);
        let shown = file.display().to_string();
        let short = file
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        sources.push((shown, short, history));
    }
    let (history, from) = combine_files(sources, args.label.as_deref(), words::unnamed_in);
    let s = ctx
        .snapshot_of(
            &history,
            Requested::Team,
            At::One(args.at.as_deref()),
            args.since,
        )
        .map_err(|e| match e {
            Error::NoAssessments { .. } | Error::NothingSince { .. } => {
                let mut filter = Vec::new();
                filter.extend(args.since.map(|d| format!("taken on or after {d}")));
                filter.extend(args.label.as_ref().map(|l| format!("labelled \"{l}\"")));
                Error::NoTeamAssessments {
                    files: files
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    filter: (!filter.is_empty()).then(|| filter.join(" and ")),
                }
            }
            other => other,
        })?;
    let on_screen = args.output.format == Format::Table && !args.all;
    let view = team::build(
        &ctx.framework,
        &s,
        &from,
        args.anonymous,
        on_screen.then_some(AGENDA_ON_SCREEN),
    );
    ctx.emit(&view, &args.output, &files)
}
