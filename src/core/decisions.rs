//! The team's decisions as the file records them: an agreement of a round (the meeting's, or
//! `agree`'s), a step done between reviews (`plan done`), and when each may be recorded. A round's
//! picture stays as it stood once the next round has begun, so a decision for it is refused then.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::core::answers::Answer;
use crate::core::answers::agreed::Agreement;
use crate::core::subject::Snapshot;
use crate::core::time::{after_today, day_of};

/// Why a decision cannot be recorded; the shell words each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CannotRecord {
    /// Round `number`'s meeting is over: round `next` began on `began`.
    RoundClosed {
        /// The round asked for.
        number: usize,
        /// The round after it.
        next: usize,
        /// The day that round began.
        began: Date,
    },
    /// A step done on `on`, before round `number` began: that round's meeting decides it.
    DoneBeforeRound {
        /// The day given.
        on: Date,
        /// The latest round.
        number: usize,
        /// The day it began.
        began: Date,
    },
    /// A step said to be done on a day after today.
    DoneInFuture {
        /// The day given.
        on: Date,
        /// Today.
        today: Date,
    },
}

/// The first day of the round shown in `s` (the team's), which a decision is recorded for: only the
/// latest round takes one.
pub fn open_round(s: &Snapshot) -> Result<Date, CannotRecord> {
    match s.points.get(s.now + 1) {
        Some(next) => Err(CannotRecord::RoundClosed {
            number: s.point().number,
            next: next.number,
            began: day_of(next.from),
        }),
        None => Ok(day_of(s.point().from)),
    }
}

/// Whether a step can be done on `on` as of `today`: not after it.
pub fn done_by_today(on: Date, today: Date) -> Result<(), CannotRecord> {
    if after_today(on, today) {
        return Err(CannotRecord::DoneInFuture { on, today });
    }
    Ok(())
}

/// The first day of the latest round in `s` (the team's), which a step done on `on` follows: a day
/// before that round began is that round's meeting's decision, not a step done between reviews.
pub fn done_since_round(s: &Snapshot, on: Date) -> Result<Date, CannotRecord> {
    let latest = s.point();
    let began = day_of(latest.from);
    if on < began {
        return Err(CannotRecord::DoneBeforeRound {
            on,
            number: latest.number,
            began,
        });
    }
    Ok(began)
}

/// An agreement of the round that began on `round`, recorded `at` (with `since`: a step done
/// between reviews, in no round); a blank note is no comment.
pub fn agreement(
    action: &str,
    answer: Option<Answer>,
    note: Option<&str>,
    (round, since): (Date, Option<Date>),
    at: Timestamp,
) -> Agreement {
    let comment = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    Agreement {
        round: since.is_none().then_some(round),
        action: action.to_string(),
        answer,
        comment,
        present: Vec::new(),
        at,
        since,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Assessment, History};
    use crate::core::subject::{At, Requested};
    use jiff::civil::date;

    /// Two rounds of the team's (September and December).
    fn history() -> History {
        let f = crate::tests::grid(1, 1);
        let mut h = History::default();
        for (when, who) in [
            ("2026-09-01T10:00:00Z", "Ann"),
            ("2026-09-02T10:00:00Z", "Bob"),
            ("2026-12-01T10:00:00Z", "Ann"),
        ] {
            let mut a = Assessment::new(&f, when.parse().unwrap());
            a.respondent = Some(who.into());
            h.assessments.push(a);
        }
        h
    }

    #[test]
    fn only_the_latest_round_takes_a_decision() {
        let h = history();
        let f = crate::tests::grid(1, 1);
        let latest = crate::tests::snapshot(&f, &h, Requested::Team, At::One(None));
        assert_eq!(open_round(&latest), Ok(date(2026, 12, 1)));
        let first = crate::tests::snapshot(&f, &h, Requested::Team, At::One(Some("1")));
        assert_eq!(
            open_round(&first),
            Err(CannotRecord::RoundClosed {
                number: 1,
                next: 2,
                began: date(2026, 12, 1)
            })
        );
    }

    #[test]
    fn a_step_is_done_between_the_latest_rounds_start_and_today() {
        let h = history();
        let f = crate::tests::grid(1, 1);
        let s = crate::tests::snapshot(&f, &h, Requested::Team, At::One(None));
        let today = date(2026, 12, 7);
        assert_eq!(done_by_today(today, today), Ok(()));
        assert!(matches!(
            done_by_today(date(2026, 12, 8), today),
            Err(CannotRecord::DoneInFuture { .. })
        ));
        assert_eq!(
            done_since_round(&s, date(2026, 12, 1)),
            Ok(date(2026, 12, 1))
        );
        assert_eq!(
            done_since_round(&s, date(2026, 11, 30)),
            Err(CannotRecord::DoneBeforeRound {
                on: date(2026, 11, 30),
                number: 2,
                began: date(2026, 12, 1)
            })
        );
    }

    #[test]
    fn an_agreement_is_of_its_round_or_a_done_step_of_none_and_a_blank_note_is_no_comment() {
        let at = Timestamp::UNIX_EPOCH;
        let round = date(2026, 12, 1);
        let agreed = agreement("a", Some(Answer::InPlace), Some("  "), (round, None), at);
        assert_eq!(
            (agreed.round, agreed.since, agreed.comment),
            (Some(round), None, None)
        );
        let done = agreement("a", None, Some(" Running "), (round, Some(round)), at);
        assert_eq!(done.round, None);
        assert_eq!(done.comment.as_deref(), Some("Running"));
    }
}
