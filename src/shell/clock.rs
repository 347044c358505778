//! The one clock: now, to the millisecond, and today, the UTC day. Every change the tool writes
//! (an assessment, an agreement, a plan step, a draft) and every "now" it reads against (dates
//! ahead of the clock, the round being gathered) comes from here, with one rounding.

use jiff::{Timestamp, Unit};

/// Now, to the millisecond: fine enough to order two changes made in one second when copies are
/// merged, and the same rounding for everything the tool writes.
pub fn now() -> Timestamp {
    let t = Timestamp::now();
    t.round(Unit::Millisecond).unwrap_or(t)
}

/// Today, as the answers file names days: the UTC day (every date the tool writes and compares is
/// a UTC day), with no time-zone database to read at every start.
pub fn today() -> jiff::civil::Date {
    crate::core::time::day_of(now())
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_to_the_millisecond() {
        let t = super::now();
        assert_eq!(t.subsec_nanosecond() % 1_000_000, 0);
        assert_eq!(super::today(), crate::core::time::day_of(t));
    }
}
