//! `team`: reads each respondent's latest assessment from one or more files.

use std::path::PathBuf;

use crate::core::answers::same_person;
use crate::present::view::team::{self, Member};
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
    let mut members: Vec<Member> = Vec::new();
    for file in &files {
        let history = store::load_existing(file)?;
        let shown = file.display().to_string();
        let short = file
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        for a in history.assessments {
            if args
                .since
                .is_some_and(|d| crate::present::view::date_of(a.taken_at) < d.to_string())
            {
                continue;
            }
            if args
                .label
                .as_deref()
                .is_some_and(|l| !crate::core::answers::label_is(a.label.as_deref(), l))
            {
                continue;
            }
            let name = a.respondent.clone().unwrap_or_else(|| format!("(no name, {short})"));
            match members.iter_mut().find(|m| same_person(Some(&m.name), Some(&name))) {
                Some(m) if m.assessment.taken_at <= a.taken_at => {
                    m.assessment = a;
                    m.file = shown.clone();
                }
                Some(_) => {}
                None => members.push(Member {
                    name,
                    file: shown.clone(),
                    assessment: a,
                }),
            }
        }
    }
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
    members.sort_by_key(|m| m.name.to_lowercase());
    let view = team::build(&ctx.framework, &members, args.anonymous);
    crate::shell::context::emit_reading(ctx, &view, &args.output, &files)
}
