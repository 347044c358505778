//! The mbct-sustain binary: parse the command line, run it, report the outcome.

use std::process::ExitCode;

use mbct_sustain::shell::{self, cli};

fn main() -> ExitCode {
    // Help that cannot be written fails before there are colour settings.
    let (color, outcome) = match cli::parse() {
        Ok(cli) => (cli.global.color, shell::run(cli)),
        Err(e) => (cli::ColorChoice::Auto, Err(e)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            shell::print_error(&e, color);
            ExitCode::from(u8::from(e.exit_code()))
        }
    }
}
