//! The mbct-sustain binary: parse the command line, run it, report the outcome.

use std::process::ExitCode;

use mbct_sustain::{app, cli};

fn main() -> ExitCode {
    let cli = cli::parse();
    match app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            app::print_error(&e);
            ExitCode::from(i32::from(e.exit_code()) as u8)
        }
    }
}
