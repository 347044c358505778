//! Assessments as a set, and their withdrawals. One person (told apart through the merged roster,
//! so any spelling either copy knows them by) at one time with the same answers, notes, label and
//! other fields is one assessment; with anything different both are kept and named. With a base,
//! one a side deleted by hand while the other left it as it was stays deleted. Withdrawals are
//! records of their own: the union of both sides', one per person and time.

use std::collections::HashMap;

use jiff::Timestamp;

use super::{Entry, Report};
use crate::core::answers::withdrawn::Withdrawal;
use crate::core::answers::{Assessment, History};
use crate::core::names::Names;

/// One person at one time.
type Key = (Option<String>, Timestamp);

/// Whether two assessments of one person at one time say the same (spelling aside).
fn same(a: &Assessment, b: &Assessment) -> bool {
    a.answers == b.answers && a.notes == b.notes && a.label == b.label && a.extra == b.extra
}

/// The spelling one assessment on both sides keeps, the same whichever side is ours: the
/// member's own name if either is, else the first in byte order.
fn spelling(a: &Option<String>, b: &Option<String>, names: &Names) -> Option<String> {
    let own = |n: &Option<String>| n.as_deref().is_some_and(|n| names.member(n) == Some(n));
    match (own(a), own(b)) {
        (true, _) => a.clone(),
        (false, true) => b.clone(),
        _ => a.clone().min(b.clone()),
    }
}

/// Every assessment of `list` by person and time.
fn by_key<'h>(list: &'h [Assessment], names: &Names) -> HashMap<Key, Vec<&'h Assessment>> {
    let mut map: HashMap<Key, Vec<&Assessment>> = HashMap::new();
    for a in list {
        map.entry((names.key(a.respondent.as_deref()), a.taken_at))
            .or_default()
            .push(a);
    }
    map
}

/// The assessments of ours and theirs as one set (`base`: both started from it, if known),
/// sorted by time when any came in or went.
pub fn assessments(
    ours: &History,
    theirs: &History,
    base: Option<&History>,
    names: &Names,
    report: &mut Report,
) -> Vec<Assessment> {
    let key = |a: &Assessment| (names.key(a.respondent.as_deref()), a.taken_at);
    let in_base = base
        .map(|b| by_key(&b.assessments, names))
        .unwrap_or_default();
    let in_theirs = by_key(&theirs.assessments, names);
    let was = |a: &Assessment| {
        in_base
            .get(&key(a))
            .is_some_and(|l| l.iter().any(|b| same(a, b)))
    };
    let has = |map: &HashMap<Key, Vec<&Assessment>>, a: &Assessment| {
        map.get(&key(a))
            .is_some_and(|l| l.iter().any(|b| same(a, b)))
    };
    let mut all: Vec<Assessment> = Vec::with_capacity(ours.assessments.len());
    let mut changed = false;
    for o in &ours.assessments {
        if was(o) && !has(&in_theirs, o) {
            // Theirs deleted what ours kept as it was.
            report
                .deleted
                .push(Entry::Assessment(o.respondent.clone(), o.taken_at));
            changed = true;
            continue;
        }
        all.push(o.clone());
    }
    let mut seen: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, a) in all.iter().enumerate() {
        seen.entry(key(a)).or_default().push(i);
    }
    let in_ours = by_key(&ours.assessments, names);
    for t in &theirs.assessments {
        let at_once = seen.entry(key(t)).or_default();
        // The one spelled alike first, so a file merged with itself is left as it is.
        let alike = |i: &&usize| same(&all[**i], t) && all[**i].respondent == t.respondent;
        let found = at_once
            .iter()
            .find(alike)
            .or_else(|| at_once.iter().find(|&&i| same(&all[i], t)));
        if let Some(&i) = found {
            let kept = spelling(&all[i].respondent, &t.respondent, names);
            changed |= kept != all[i].respondent;
            all[i].respondent = kept;
            continue;
        }
        if was(t) && !has(&in_ours, t) {
            continue; // ours deleted it
        }
        let mut t = t.clone();
        t.respondent = t
            .respondent
            .map(|n| names.member(&n).map_or(n.clone(), str::to_string));
        if !at_once.is_empty() {
            report.clashes.push((t.respondent.clone(), t.taken_at));
        }
        report.assessments.push((t.respondent.clone(), t.taken_at));
        at_once.push(all.len());
        all.push(t);
        changed = true;
    }
    if changed {
        all.sort_by_key(|a| a.taken_at);
    }
    all
}

/// Both sides' withdrawals, one per person and time (the earliest; with a base, one a side
/// deleted by hand while the other left it stays deleted).
pub fn withdrawals(
    ours: &History,
    theirs: &History,
    base: Option<&History>,
    names: &Names,
    report: &mut Report,
) -> Vec<Withdrawal> {
    let key = |w: &Withdrawal| (names.key(w.respondent.as_deref()), w.taken_at);
    let within = |list: &[Withdrawal], w: &Withdrawal| list.iter().any(|x| key(x) == key(w));
    let in_base = |w: &Withdrawal| base.is_some_and(|b| b.withdrawn.contains(w));
    let mut out: Vec<Withdrawal> = Vec::new();
    for (side, list, other) in [
        (0, &ours.withdrawn, &theirs.withdrawn),
        (1, &theirs.withdrawn, &ours.withdrawn),
    ] {
        for w in list {
            if in_base(w) && !within(other, w) {
                if side == 0 {
                    report.deleted.push(Entry::Withdrawal(w.clone()));
                }
                continue;
            }
            match out.iter_mut().find(|x| key(x) == key(w)) {
                Some(x) => {
                    if (w.at, &w.respondent) < (x.at, &x.respondent) {
                        *x = w.clone();
                    }
                }
                None => {
                    if side == 1 {
                        report.changes.push(Entry::Withdrawal(w.clone()));
                    }
                    out.push(w.clone());
                }
            }
        }
    }
    out
}
