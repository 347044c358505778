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

/// The years a typed day may fall in: a service plans within them, and a typo (`0226`, `20266`)
/// falls outside.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2999;

/// Whether a day is one mbct-sustain works with.
pub fn works_with(day: Date) -> bool {
    YEARS.contains(&day.year())
}

/// Whether `day` is after `today`: a form given, or a step done, cannot be dated so.
pub fn after_today(day: Date, today: Date) -> bool {
    day > today
}

/// Which way a day lies far from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Far {
    /// More than a year before today.
    Before,
    /// More than a year after today.
    After,
}

/// Whether `day` is more than a year (366 days) from `today`, and which way: worth a note where a
/// day is usually recent (the day someone left the team).
pub fn far_from(day: Date, today: Date) -> Option<Far> {
    match (day - today).get_days() {
        d if d > 366 => Some(Far::After),
        d if d < -366 => Some(Far::Before),
        _ => None,
    }
}

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

/// A line typed where a day was asked for that is not one, and why: a question asks it again, and
/// the shell says why in the words it uses for a date given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedDay {
    /// What was typed (trimmed).
    pub typed: String,
    /// Why it is not a day the tool works with.
    pub problem: DayProblem,
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
    if works_with(date) {
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

    #[test]
    fn today_is_not_after_today() {
        let today = jiff::civil::date(2026, 12, 7);
        assert!(!after_today(today, today));
        assert!(after_today(jiff::civil::date(2026, 12, 8), today));
    }

    #[test]
    fn a_day_more_than_a_year_away_is_far() {
        let today = jiff::civil::date(2026, 12, 7);
        for (day, far) in [
            (jiff::civil::date(1900, 1, 1), Some(Far::Before)),
            (jiff::civil::date(2099, 1, 1), Some(Far::After)),
            (jiff::civil::date(2025, 12, 1), Some(Far::Before)),
            (jiff::civil::date(2026, 1, 31), None),
            (jiff::civil::date(2027, 3, 1), None),
            (jiff::civil::date(2027, 12, 9), Some(Far::After)),
        ] {
            assert_eq!(far_from(day, today), far, "{day}");
        }
    }
}
