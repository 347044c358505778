//! Words the shell says in more than one place: a typed day that is not one, a path or text on one
//! line, a name or path quoted for a shell. Every failure is worded in `error.rs`, beside its hint;
//! the notes every command may print are in `notices.rs`; the views' words are `present::words`.

use crate::core::time::{DayProblem, YEARS};

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
