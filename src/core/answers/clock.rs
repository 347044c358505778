//! Clocks that run ahead. A laptop with a wrong clock dates its changes in the future (an agreement
//! "made" in 2099), and "the later change wins" would let them outrank every change made since.
//! Entries dated more than a day after now are named, and count as made now: whenever the file is
//! saved or a merge brings them in, [`redate`] dates them a moment before now (keeping their order
//! among themselves), so a change made after that wins. Each re-dating is kept in the file
//! (`redated:`, from the wrong date to the new one), so a stale copy merged again re-dates the same
//! entries the same way instead of making them new. Readers order by [`ordered`]. Assessments are
//! not re-dated: one dated ahead is named and waits outside the rounds until its date.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::History;

/// How far ahead of now a date may be before it is taken for a wrong clock: a day (time zones and
/// small drifts stay as they are).
pub const SLACK: SignedDuration = SignedDuration::from_hours(24);

/// One re-dating: entries dated `from` (a wrong clock's time) count as dated `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redating {
    /// The date a wrong clock gave.
    pub from: Timestamp,
    /// The date it counts as, a moment before it was first seen.
    pub to: Timestamp,
}

/// A dated entry of the file, by what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // each names its entry as the file does
pub enum Dated {
    Agreement {
        action: String,
        round: Option<Date>,
    },
    Step {
        action: String,
    },
    Target {
        domain: String,
    },
    Review,
    Evidence {
        action: String,
        text: String,
    },
    Member {
        name: String,
    },
    Withdrawal {
        respondent: Option<String>,
        taken_at: Timestamp,
    },
    Service,
}

/// An entry dated ahead of now: what, and the date it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ahead {
    /// The entry.
    pub what: Dated,
    /// Its date, after now and a day.
    pub at: Timestamp,
}

/// The time a reader orders an entry by: its date, or, for a wrong clock's (after now and a day),
/// a moment before now, as the next save dates it ([`redate`]): a change made now then wins.
pub fn ordered(at: Timestamp, now: Timestamp) -> Timestamp {
    if is_ahead(at, now) {
        now - jiff::SignedDuration::from_millis(1)
    } else {
        at
    }
}

/// Whether `at` is after `now` and a day: a wrong clock's.
pub fn is_ahead(at: Timestamp, now: Timestamp) -> bool {
    at > now + SLACK
}

/// Every date of every dated entry, with what it is about (assessments aside).
fn dates(h: &mut History, mut each: impl FnMut(&dyn Fn() -> Dated, &mut Timestamp)) {
    for a in &mut h.agreements {
        let what = Dated::Agreement {
            action: a.action.clone(),
            round: a.round,
        };
        each(&|| what.clone(), &mut a.at);
    }
    for (action, s) in &mut h.plan.actions {
        if let Some(at) = &mut s.set_at {
            each(
                &|| Dated::Step {
                    action: action.clone(),
                },
                at,
            );
        }
    }
    for (domain, t) in &mut h.plan.targets {
        if let Some(at) = &mut t.set_at {
            each(
                &|| Dated::Target {
                    domain: domain.clone(),
                },
                at,
            );
        }
    }
    if let Some(at) = &mut h.plan.review_set_at {
        each(&|| Dated::Review, at);
    }
    for e in &mut h.evidence {
        let what = Dated::Evidence {
            action: e.action.clone(),
            text: e.text.clone(),
        };
        each(&|| what.clone(), &mut e.at);
        if let Some(at) = &mut e.removed {
            each(&|| what.clone(), at);
        }
    }
    for (name, m) in &mut h.team {
        for at in [&mut m.set_at, &mut m.named_at].into_iter().flatten() {
            each(&|| Dated::Member { name: name.clone() }, at);
        }
    }
    for w in &mut h.withdrawn {
        let what = Dated::Withdrawal {
            respondent: w.respondent.clone(),
            taken_at: w.taken_at,
        };
        each(&|| what.clone(), &mut w.at);
    }
    if let Some(at) = h.service.as_mut().and_then(|s| s.set_at.as_mut()) {
        each(&|| Dated::Service, at);
    }
}

/// Whether any entry of `h` is dated ahead of `now` (cheap: most files have none).
fn any_ahead(h: &History, now: Timestamp) -> bool {
    let ahead = |at: &Timestamp| is_ahead(*at, now);
    let plan = &h.plan;
    h.agreements.iter().any(|a| ahead(&a.at))
        || plan
            .actions
            .values()
            .filter_map(|s| s.set_at.as_ref())
            .any(ahead)
        || plan
            .targets
            .values()
            .filter_map(|t| t.set_at.as_ref())
            .any(ahead)
        || plan.review_set_at.as_ref().is_some_and(ahead)
        || h.evidence
            .iter()
            .any(|e| ahead(&e.at) || e.removed.as_ref().is_some_and(ahead))
        || h.team
            .values()
            .any(|m| m.set_at.as_ref().is_some_and(ahead) || m.named_at.as_ref().is_some_and(ahead))
        || h.withdrawn.iter().any(|w| ahead(&w.at))
        || h.service
            .as_ref()
            .and_then(|s| s.set_at.as_ref())
            .is_some_and(ahead)
}

/// The entries of `h` dated ahead of `now`, in the file's order.
pub fn ahead(h: &History, now: Timestamp) -> Vec<Ahead> {
    if !any_ahead(h, now) {
        return Vec::new();
    }
    let mut out = Vec::new();
    dates(&mut h.clone(), |what, at| {
        if is_ahead(*at, now) {
            out.push(Ahead {
                what: what(),
                at: *at,
            });
        }
    });
    out
}

/// Dates each entry of `h` dated ahead of `now` as the file's re-datings say, or, for a date not
/// seen before, a moment before `now` (keeping their order among themselves), recording it.
/// Returns the entries re-dated, with the dates they carried.
pub fn redate(h: &mut History, now: Timestamp) -> Vec<Ahead> {
    let found = ahead(h, now);
    if found.is_empty() {
        return found;
    }
    let mut table = std::mem::take(&mut h.redated);
    extend(&mut table, found.iter().map(|a| a.at), now);
    h.redated = table;
    apply(h);
    found
}

/// Adds to `table` a re-dating for each of `froms` it lacks: a moment before `now`, in their order
/// (the latest 1 ms before now), so the entries keep their order among themselves.
pub fn extend(
    table: &mut Vec<Redating>,
    froms: impl IntoIterator<Item = Timestamp>,
    now: Timestamp,
) {
    let mut new: Vec<Timestamp> = froms
        .into_iter()
        .filter(|at| !table.iter().any(|r| r.from == *at))
        .collect();
    new.sort();
    new.dedup();
    let n = new.len() as i64;
    for (k, from) in new.into_iter().enumerate() {
        let to = now - SignedDuration::from_millis(n - k as i64);
        table.push(Redating { from, to });
    }
}

/// Both tables as one: one re-dating per wrong date, the earliest (the first time it was seen).
pub fn union(a: &[Redating], b: &[Redating]) -> Vec<Redating> {
    let mut out: Vec<Redating> = Vec::with_capacity(a.len() + b.len());
    for r in a.iter().chain(b) {
        match out.iter_mut().find(|o| o.from == r.from) {
            Some(o) => o.to = o.to.min(r.to),
            None => out.push(*r),
        }
    }
    out
}

/// Dates every entry of `h` that carries a wrong date of its table (`redated:`) as the table says.
pub fn apply(h: &mut History) {
    if h.redated.is_empty() {
        return;
    }
    let table: std::collections::HashMap<Timestamp, Timestamp> =
        h.redated.iter().map(|r| (r.from, r.to)).collect();
    dates(h, |_, at| {
        if let Some(to) = table.get(at) {
            *at = *to;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answer;
    use crate::core::answers::agreed::{Agreement, Evidence};

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn now() -> Timestamp {
        t("2026-12-05T10:00:00Z")
    }

    fn agreed(at: &str) -> Agreement {
        Agreement {
            round: None,
            action: "a".into(),
            answer: Some(Answer::InPlace),
            comment: None,
            present: vec![],
            at: t(at),
            since: None,
        }
    }

    #[test]
    fn a_date_more_than_a_day_ahead_is_a_wrong_clocks_and_counts_as_now() {
        for (at, wrong) in [
            ("2026-12-06T09:59:59Z", false),
            ("2026-12-06T10:00:01Z", true),
            ("2099-01-01T00:00:00Z", true),
        ] {
            assert_eq!(is_ahead(t(at), now()), wrong, "{at}");
        }
        let just_before = now() - jiff::SignedDuration::from_millis(1);
        assert_eq!(ordered(t("2099-01-01T00:00:00Z"), now()), just_before);
        assert_eq!(
            ordered(t("2026-01-01T00:00:00Z"), now()),
            t("2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn re_dating_puts_entries_ahead_just_before_now_in_their_order_and_remembers_it() {
        let mut h = History {
            agreements: vec![
                agreed("2099-01-02T00:00:00Z"),
                agreed("2026-12-01T00:00:00Z"),
            ],
            ..History::default()
        };
        h.plan
            .set_step("a", Some("Sam".into()), None, t("2099-01-01T00:00:00Z"));
        h.evidence.push(Evidence {
            action: "a".into(),
            text: "Minutes".into(),
            link: None,
            by: None,
            at: t("2099-01-01T00:00:00Z"),
            removed: None,
        });
        let found = redate(&mut h, now());
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].what,
            Dated::Agreement {
                action: "a".into(),
                round: None
            }
        );
        assert_eq!(
            h.plan.actions["a"].set_at,
            Some(now() - SignedDuration::from_millis(2))
        );
        assert_eq!(h.evidence[0].at, now() - SignedDuration::from_millis(2));
        assert_eq!(
            h.agreements[0].at,
            now() - SignedDuration::from_millis(1),
            "still the later"
        );
        assert_eq!(
            h.agreements[1].at,
            t("2026-12-01T00:00:00Z"),
            "left as it was"
        );
        assert_eq!(h.redated.len(), 2);
        assert!(ahead(&h, now()).is_empty());
        assert_eq!(union(&h.redated, &[]), h.redated);
        let earlier = Redating {
            from: h.redated[0].from,
            to: t("2026-12-01T00:00:00Z"),
        };
        assert_eq!(
            union(&h.redated, &[earlier])[0],
            earlier,
            "the first time it was seen"
        );

        // A stale copy merged in later is re-dated as the first time, not as new.
        let mut stale = History {
            redated: h.redated.clone(),
            agreements: vec![agreed("2099-01-02T00:00:00Z")],
            ..History::default()
        };
        redate(&mut stale, now() + SignedDuration::from_hours(100));
        assert_eq!(stale.agreements[0], h.agreements[0]);
    }
}
