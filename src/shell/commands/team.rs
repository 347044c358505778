//! `team`: reads each respondent's latest assessment from one or more files.

use std::path::PathBuf;

use crate::core::team::{Filter, latest_per_person};
use crate::present::view::team;
use crate::shell::Context;
use crate::shell::cli::TeamArgs;
use crate::shell::error::Error;
use crate::shell::store;

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
        let shown = file.display().to_string();
        let short = file
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        sources.push((shown, short, history.assessments));
    }
    let filter = Filter {
        since: args.since,
        label: args.label.as_deref(),
    };
    let members = latest_per_person(sources, filter);
    if members.is_empty() {
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
    let view = team::build(&ctx.framework, &members, args.anonymous);
    crate::shell::context::emit_reading(ctx, &view, &args.output, &files)
}
