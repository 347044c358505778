//! Words the shell says in more than one place: a typed day that is not one, a path or text on one
//! line, a name or path quoted for a shell. Every failure is worded in `error.rs`, beside its hint;
//! the notes every command may print are in `notices.rs`; the views' words are `present::words`.

use std::path::Path;

use crate::core::time::{DayProblem, YEARS};
use crate::present::safe::one_line;

/// A name or a path as it is typed in a command shown to a person: on one line with controls
/// shown, and quoted for a POSIX shell where it needs it (`'Priya K'`, `'my folder/x.yaml'`); text
/// a shell cannot carry (a NUL byte) is left as it is, since the command is only shown. The one
/// quoter of every command the tool suggests.
pub fn quoted(text: &str) -> String {
    let text = one_line(text);
    shlex::try_quote(&text).map_or_else(|_| text.to_string(), |q| q.into_owned())
}

/// A path, [`quoted`].
pub fn quoted_path(path: &Path) -> String {
    quoted(&path.display().to_string())
}

/// Why `typed` is not a day the tool works with: the one message for a date on the command line
/// (`--due`, `--since`, `--on`), in a question (`plan edit`, `meeting`) or as a selector.
pub fn day_problem(typed: &str, problem: DayProblem) -> String {
    let t = typed.trim();
    match problem {
        DayProblem::NotInCalendar => {
            format!("`{t}` is not a day of the calendar; check the month and the day")
        }
        DayProblem::NotADate => {
            format!("`{t}` is not a date; write it as year-month-day, like 2026-09-03")
        }
        DayProblem::OutOfRange => format!(
            "`{t}` is not a date mbct-sustain works with; give a date between the years {} \
             and {}",
            YEARS.start(),
            YEARS.end()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_or_path_is_quoted_only_where_a_shell_needs_it_with_controls_shown() {
        for (text, said) in [
            ("Priya", "Priya"),
            ("Priya K", "'Priya K'"),
            ("O'Brien", "\"O'Brien\""),
            ("$(rm -rf ~)", "'$(rm -rf ~)'"),
            ("a\u{1b}[31m", "\"a\\\\u{1b}[31m\""),
        ] {
            assert_eq!(quoted(text), said, "{text:?}");
        }
        assert_eq!(
            quoted_path(Path::new("my folder/x.yaml")),
            "'my folder/x.yaml'"
        );
    }
}
