//! The mbct-sustain binary: parse the command line, run it, report the outcome.

use std::process::ExitCode;

use mbct_sustain::shell::{self, cli};

fn main() -> ExitCode {
    let cli = cli::parse();
    let color = cli
        .as_ref()
        .map_or(cli::ColorChoice::Auto, |cli| cli.global.color);
    match cli.and_then(shell::run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            shell::print_error(&e, color);
            ExitCode::from(u8::from(e.exit_code()))
        }
    }
}
