//! The process exit codes, as the README documents them.

/// How mbct-sustain ends, each variant's value its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    /// Everything worked.
    Success = 0,
    /// A failure: bad file, bad framework, no terminal.
    Failure = 1,
    /// Wrong usage (clap reports these itself).
    Usage = 2,
    /// Stopped by Ctrl-C, after saving what was answered.
    Interrupted = 130,
}

impl From<ExitCode> for u8 {
    fn from(code: ExitCode) -> u8 {
        code as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_readme() {
        let codes: Vec<u8> = [
            ExitCode::Success,
            ExitCode::Failure,
            ExitCode::Usage,
            ExitCode::Interrupted,
        ]
        .into_iter()
        .map(u8::from)
        .collect();
        assert_eq!(codes, [0, 1, 2, 130]);
    }
}
