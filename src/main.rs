//! The mbct-sustain binary: parse the command line, run it, report the outcome.

use std::process::ExitCode;

use mbct_sustain::{app, cli};

fn main() -> ExitCode {
    let cli = cli::parse();
    let color = cli.global.color;
    match app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            app::print_error(&e, color);
            ExitCode::from(i32::from(e.exit_code()) as u8)
        }
    }
}
