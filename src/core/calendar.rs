//! Days people type: the years mbct-sustain works with, and a day so far from today that it is
//! more likely a slip of the keyboard than the day meant.

use jiff::civil::Date;

/// The years a typed day may fall in: a service plans within them, and a typo (`0226`, `20266`)
/// falls outside.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2999;

/// Whether a typed day is one mbct-sustain works with.
pub fn works_with(day: Date) -> bool {
    YEARS.contains(&day.year())
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_years_a_service_plans_in_are_worked_with() {
        assert!(works_with(date(1900, 1, 1)) && works_with(date(2999, 12, 31)));
        assert!(!works_with(date(1899, 12, 31)) && !works_with(date(3000, 1, 1)));
    }

    #[test]
    fn a_day_more_than_a_year_away_is_far() {
        let today = date(2026, 12, 7);
        for (day, far) in [
            (date(1900, 1, 1), Some(Far::Before)),
            (date(2099, 1, 1), Some(Far::After)),
            (date(2025, 12, 1), Some(Far::Before)),
            (date(2026, 1, 31), None),
            (date(2027, 3, 1), None),
            (date(2027, 12, 9), Some(Far::After)),
        ] {
            assert_eq!(far_from(day, today), far, "{day}");
        }
    }
}
