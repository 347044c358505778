//! Days and times as the answers file keeps them: every timestamp is UTC, and a day is the UTC
//! calendar day it falls on.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The calendar day (UTC) a timestamp falls on.
pub fn day_of(t: Timestamp) -> Date {
    TimeZone::UTC.to_datetime(t).date()
}

/// The first moment (UTC) of a day.
pub fn start_of(day: Date) -> Timestamp {
    TimeZone::UTC
        .to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
        .unwrap_or(Timestamp::MIN)
}

/// Noon (UTC) of a day: when an assessment given on paper that day is dated.
pub fn noon_of(day: Date) -> Timestamp {
    TimeZone::UTC
        .to_timestamp(day.to_datetime(jiff::civil::time(12, 0, 0, 0)))
        .unwrap_or(Timestamp::MIN)
}

/// The years a date the tool works with may fall in.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2999;

/// Why a typed day is not one the tool works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayProblem {
    /// Not written as year-month-day.
    NotADate,
    /// Written as one, but no such day (`2027-02-30`).
    NotInCalendar,
    /// A day outside [`YEARS`].
    OutOfRange,
}

/// A day as people type it (`2026-09-03`), within [`YEARS`].
pub fn parse_day(text: &str) -> Result<Date, DayProblem> {
    let t = text.trim();
    let shaped = t.len() == 10
        && t.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let date: Date = t.parse().map_err(|_| {
        if shaped {
            DayProblem::NotInCalendar
        } else {
            DayProblem::NotADate
        }
    })?;
    if !shaped {
        return Err(DayProblem::NotADate);
    }
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(DayProblem::OutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_its_utc_calendar_day_from_midnight() {
        let late: Timestamp = "2026-09-03T23:59:59Z".parse().unwrap();
        assert_eq!(day_of(late), jiff::civil::date(2026, 9, 3));
        let day = jiff::civil::date(2026, 9, 3);
        assert_eq!(start_of(day), "2026-09-03T00:00:00Z".parse().unwrap());
        assert_eq!(noon_of(day), "2026-09-03T12:00:00Z".parse().unwrap());
        assert_eq!(day_of(start_of(day)), day);
    }

    #[test]
    fn a_typed_day_is_a_day_of_the_calendar_in_the_years_the_tool_works_with() {
        let cases = [
            ("2026-09-03", Ok(jiff::civil::date(2026, 9, 3))),
            (" 2026-09-03 ", Ok(jiff::civil::date(2026, 9, 3))),
            ("2027-02-30", Err(DayProblem::NotInCalendar)),
            ("31/01/2027", Err(DayProblem::NotADate)),
            ("yesterday", Err(DayProblem::NotADate)),
            ("0001-01-01", Err(DayProblem::OutOfRange)),
            ("3000-01-01", Err(DayProblem::OutOfRange)),
            ("1900-01-01", Ok(jiff::civil::date(1900, 1, 1))),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_day(typed), want, "{typed}");
        }
    }
}
