//! The process exit codes, as the README documents them.

/// How mbct-sustain ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything worked.
    Success,
    /// A failure: bad file, bad framework, no terminal.
    Failure,
    /// Wrong usage (clap reports these itself).
    Usage,
    /// Stopped by Ctrl-C, after saving what was answered.
    Interrupted,
}

impl From<ExitCode> for u8 {
    fn from(code: ExitCode) -> u8 {
        match code {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
            ExitCode::Interrupted => 130,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_readme() {
        let codes: Vec<u8> = [ExitCode::Success, ExitCode::Failure, ExitCode::Usage, ExitCode::Interrupted]
            .into_iter()
            .map(u8::from)
            .collect();
        assert_eq!(codes, [0, 1, 2, 130]);
    }
}
