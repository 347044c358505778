//! The shell: turns a parsed command line into reads, prompts and writes.
//!
//! Each command loads what it needs, asks the core to decide and a view to
//! present, and writes the result out. The shell may import from `core` and
//! `present`; neither may import from here.

use std::path::PathBuf;

use crate::core::choose::{self, Timeline};
use crate::core::framework::Framework;
use crate::present::view;
use crate::shell::cli::{Cli, ColorChoice, Command, FrameworkCommand};
use crate::shell::context::{Context, emit, load_framework};
use crate::shell::error::Error;
use crate::shell::screen::{no_color_env, write_stdout};

pub mod cli;
mod commands;
pub mod context;
pub mod error;
pub mod exit_code;
pub mod input;
pub mod interrupt;
pub mod screen;
pub mod store;
pub mod terminal;

pub use screen::print_error;

/// Runs the command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    if cli.global.color == ColorChoice::Never || (cli.global.color == ColorChoice::Auto && no_color_env()) {
        console::set_colors_enabled_stderr(false);
    }
    match cli.command {
        None => commands::assess::run(&Context::new(&cli.global)?, &cli.assess),
        Some(Command::Assess(args)) => commands::assess::run(&Context::new(&cli.global)?, &args),
        Some(Command::Report(args)) => {
            let ctx = Context::new(&cli.global)?;
            let history = ctx.history()?;
            let timeline = Timeline::new(&history);
            let index = ctx.pick(&timeline, args.at.as_deref())?;
            ctx.note_whose(&history, index);
            let report = view::report::build(&ctx.framework, &history, index, timeline.previous(index));
            emit(&ctx, &report, &args.output)
        }
        Some(Command::Compare(args)) => {
            let ctx = Context::new(&cli.global)?;
            let history = ctx.history()?;
            let (a, b) = ctx.pick_pair(&Timeline::new(&history), args.a.as_deref(), args.b.as_deref())?;
            emit(
                &ctx,
                &view::compare::build(&ctx.framework, &history, a, b),
                &args.output,
            )
        }
        Some(Command::History(args)) => {
            let ctx = Context::new(&cli.global)?;
            let history = ctx.history()?;
            let indices = Timeline::new(&history).of(ctx.respondent.as_deref());
            if ctx.respondent.is_none() && choose::several_people(&history) {
                ctx.note("note: this file holds several people's assessments, shown together; --respondent NAME follows one person.");
            }
            if indices.is_empty() {
                return Err(Error::NoAssessments {
                    path: ctx.file.clone(),
                    respondent: ctx.respondent.clone(),
                });
            }
            emit(
                &ctx,
                &view::history::build(&ctx.framework, &history, &indices),
                &args.output,
            )
        }
        Some(Command::Plan(args)) => {
            let ctx = Context::new(&cli.global)?;
            check_domains(&ctx.framework, &args.domains)?;
            let history = ctx.history()?;
            let index = ctx.pick(&Timeline::new(&history), args.at.as_deref())?;
            ctx.note_whose(&history, index);
            let plan = view::plan::build(
                &ctx.framework,
                &history.assessments[index],
                view::AssessmentInfo::new(&history, index),
                &args.domains,
            );
            emit(&ctx, &plan, &args.output)
        }
        Some(Command::Team(args)) => commands::team::run(&Context::new(&cli.global)?, &args),
        Some(Command::Framework(cmd)) => match cmd {
            FrameworkCommand::Show { format } => {
                commands::framework::show(&load_framework(cli.global.framework.as_deref())?, format)
            }
            FrameworkCommand::Init { file, force } => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                let answers = store::locate(cli.global.file.as_deref(), &cwd);
                commands::framework::init(&file, force, &answers, cli.global.quiet)
            }
            FrameworkCommand::Check { file } => commands::framework::check(&file),
        },
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut crate::shell::cli::command(), "mbct-sustain", &mut out);
            let mut script = String::from_utf8_lossy(&out).into_owned();
            if shell == clap_complete::Shell::Bash {
                // clap_complete names a hyphenated binary's subcommands two ways
                // (clap-rs/clap#6421), so nothing past the first word completes.
                script = script.replace("mbct__subcmd__sustain", "mbct__sustain");
            }
            write_stdout(script.as_bytes())
        }
        Some(Command::Man) => {
            let page = commands::man::page(crate::shell::cli::command()).map_err(|source| Error::WriteFailed {
                path: "standard output".into(),
                source,
            })?;
            write_stdout(page.as_bytes())
        }
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
