//! The shell: turns a parsed command line into reads, prompts and writes.
//!
//! Each command loads what it needs, asks the core to decide and a view to
//! present, and writes the result out. The shell may import from `core` and
//! `present`; neither may import from here.

use std::path::PathBuf;

use crate::shell::cli::{Cli, ColorChoice, Command, FrameworkCommand};
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::screen::{no_color_env, write_stdout};

pub mod cli;
pub mod clock;
mod commands;
pub mod context;
pub mod error;
pub mod exit_code;
pub mod input;
pub mod interrupt;
pub mod line_edit;
pub mod notices;
pub mod output;
pub mod screen;
pub mod select;
pub mod sharing;
pub mod store;
pub mod terminal;
pub mod words;

pub use screen::print_error;

/// A write past the file-size limit (`ulimit -f`) would otherwise kill the
/// process silently mid-save; ignored, it fails as an error the save reports,
/// and the temporary file is removed.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to ignore, at start-up, before
    // any thread that could race it exists.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    ignore_file_size_signal();
    screen::set_quiet(cli.global.quiet);
    if cli.global.color == ColorChoice::Never
        || (cli.global.color == ColorChoice::Auto && no_color_env())
    {
        console::set_colors_enabled_stderr(false);
    }
    match cli.command {
        None => commands::assess::run(&Context::new(&cli.global)?, &cli.assess),
        Some(Command::Assess(args)) => commands::assess::run(&Context::new(&cli.global)?, &args),
        Some(Command::Report(args)) => commands::views::report(&Context::new(&cli.global)?, &args),
        Some(Command::Compare(args)) => {
            commands::views::compare(&Context::new(&cli.global)?, &args)
        }
        Some(Command::History(args)) => {
            commands::views::history(&Context::new(&cli.global)?, &args)
        }
        Some(Command::Plan(args)) => commands::plan::run(&Context::new(&cli.global)?, &args),
        Some(Command::Team(args)) => commands::team::run(&Context::new(&cli.global)?, &args),
        Some(Command::People(args)) => commands::people::run(&Context::new(&cli.global)?, &args),
        Some(Command::Agree {
            action,
            answer,
            note,
            at,
        }) => commands::agreed::agree(
            &Context::new(&cli.global)?,
            &action,
            answer.0,
            note.as_deref(),
            at.as_deref(),
        ),
        Some(Command::Evidence(args)) => {
            commands::agreed::evidence(&Context::new(&cli.global)?, &args)
        }
        Some(Command::Meeting) => commands::meeting::run(&Context::new(&cli.global)?),
        Some(Command::Service { name }) => {
            commands::agreed::service(&Context::new(&cli.global)?, name.as_deref())
        }
        Some(Command::Status(output)) => {
            commands::people::status(&Context::new(&cli.global)?, &output)
        }
        Some(Command::Withdraw { number }) => {
            commands::withdraw::run(&Context::new(&cli.global)?, number)
        }
        Some(Command::Merge(args)) => commands::share::run(&Context::new(&cli.global)?, &args),
        Some(Command::MergeDriver { base, ours, theirs }) => {
            commands::share::driver(&base, &ours, &theirs)
        }
        Some(Command::GitSetup) => commands::share::git_setup(&Context::new(&cli.global)?),
        Some(Command::Framework(cmd)) => match cmd {
            FrameworkCommand::Show { output } => {
                commands::framework::show(&Context::new(&cli.global)?, &output)
            }
            FrameworkCommand::Init { file, force } => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                let answers = store::locate(cli.global.file.as_deref(), &cwd);
                commands::framework::init(&file, force, &answers, cli.global.quiet)
            }
            FrameworkCommand::Check { file } => commands::framework::check(&file),
        },
        Some(Command::Completions { shell }) => {
            let script = commands::completions::script(shell, crate::shell::cli::command());
            write_stdout(script.as_bytes())
        }
        Some(Command::Man) => {
            let page = commands::man::page(crate::shell::cli::command()).map_err(|source| {
                Error::WriteFailed {
                    path: "standard output".into(),
                    source,
                }
            })?;
            write_stdout(page.as_bytes())
        }
    }
}
