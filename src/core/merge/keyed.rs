//! Sections that merge entry by entry: plan steps and targets, the next review, evidence, unknown
//! fields (by key), and agreements (kept whole). Every choice is made the same way whichever side
//! is ours: equal content is no conflict, the change made since the base wins, a removal
//! supersedes, else the later change (an undated entry is the oldest; a tie goes by content).

use std::collections::HashMap;

use jiff::Timestamp;

use super::{Conflict, Entry, Report};
use crate::core::answers::agreed::{Agreement, Evidence};
use crate::core::answers::plan::{Review, Step, Target};

/// How entries of one section merge.
pub trait Keyed: Clone + PartialEq {
    /// What makes two entries the same entry (an action id, a domain id).
    fn key(&self) -> String;
    /// When it was set, if known.
    fn at(&self) -> Option<Timestamp>;
    /// Whether two entries say the same, whenever each was set.
    fn same(&self, other: &Self) -> bool;
    /// Its content as text, to break a tie of times the same way whichever side holds it.
    fn rank(&self) -> String;
    /// Whether it replaces `other` without a conflict (a removal of evidence).
    fn supersedes(&self, _other: &Self) -> bool {
        false
    }
    /// The entry, for the report.
    fn entry(&self) -> Entry;
}

impl Keyed for (String, Step) {
    fn key(&self) -> String {
        self.0.clone()
    }
    fn at(&self) -> Option<Timestamp> {
        self.1.set_at
    }
    fn same(&self, other: &Self) -> bool {
        (&self.1.owner, self.1.due) == (&other.1.owner, other.1.due)
    }
    fn rank(&self) -> String {
        format!("{:?}", (&self.1.owner, self.1.due))
    }
    fn entry(&self) -> Entry {
        Entry::Step(self.0.clone(), self.1.clone())
    }
}

impl Keyed for (String, Target) {
    fn key(&self) -> String {
        self.0.clone()
    }
    fn at(&self) -> Option<Timestamp> {
        self.1.set_at
    }
    fn same(&self, other: &Self) -> bool {
        (&self.1.stage, self.1.by) == (&other.1.stage, other.1.by)
    }
    fn rank(&self) -> String {
        format!("{:?}", (&self.1.stage, self.1.by))
    }
    fn entry(&self) -> Entry {
        Entry::Target(self.0.clone(), self.1.clone())
    }
}

/// The next review and when it was set.
impl Keyed for (Option<Review>, Option<Timestamp>) {
    fn key(&self) -> String {
        String::new()
    }
    fn at(&self) -> Option<Timestamp> {
        self.1
    }
    fn same(&self, other: &Self) -> bool {
        self.0 == other.0
    }
    fn rank(&self) -> String {
        format!("{:?}", self.0)
    }
    fn entry(&self) -> Entry {
        Entry::Review(self.0)
    }
}

/// The service's name: one entry, the later change winning.
impl Keyed for crate::core::answers::Service {
    fn key(&self) -> String {
        String::new()
    }
    fn at(&self) -> Option<Timestamp> {
        self.set_at
    }
    fn same(&self, other: &Self) -> bool {
        self.name == other.name
    }
    fn rank(&self) -> String {
        self.name.clone()
    }
    fn entry(&self) -> Entry {
        Entry::Service(self.clone())
    }
}

/// Evidence is one item per action, text and time; its removal supersedes it.
impl Keyed for Evidence {
    fn key(&self) -> String {
        format!("{}\n{}\n{}", self.action, self.text, self.at)
    }
    fn at(&self) -> Option<Timestamp> {
        Some(self.removed.unwrap_or(self.at))
    }
    fn same(&self, other: &Self) -> bool {
        (&self.link, &self.by, self.removed.is_some())
            == (&other.link, &other.by, other.removed.is_some())
    }
    fn rank(&self) -> String {
        format!("{:?}", (&self.link, &self.by, self.removed))
    }
    fn supersedes(&self, other: &Self) -> bool {
        self.removed.is_some() && other.removed.is_none()
    }
    fn entry(&self) -> Entry {
        Entry::Evidence(self.clone())
    }
}

/// Unknown fields carry no date: where both differ, a tie of content decides, and is reported.
impl Keyed for (serde_yaml::Value, serde_yaml::Value) {
    fn key(&self) -> String {
        format!("{:?}", self.0)
    }
    fn at(&self) -> Option<Timestamp> {
        None
    }
    fn same(&self, other: &Self) -> bool {
        self.1 == other.1
    }
    fn rank(&self) -> String {
        format!("{:?}", self.1)
    }
    fn entry(&self) -> Entry {
        Entry::Field(self.0.clone(), self.1.clone())
    }
}

/// Merges one section: each entry only one side has is kept (unless the base shows the other
/// side deleted it); where both have one, [`resolve`] picks. Ours' order, then theirs' new ones.
pub fn merge_section<T: Keyed>(
    ours: &[T],
    theirs: &[T],
    base: Option<&[T]>,
    report: &mut Report,
) -> Vec<T> {
    let index = |list: &[T]| -> HashMap<String, usize> {
        list.iter().enumerate().map(|(i, x)| (x.key(), i)).collect()
    };
    let (in_ours, in_theirs) = (index(ours), index(theirs));
    let in_base = base.map(index).unwrap_or_default();
    let was = |key: &str| base.and_then(|b| in_base.get(key).map(|&i| &b[i]));
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    for o in ours {
        match in_theirs.get(&o.key()) {
            Some(&t) => out.push(resolve(o, &theirs[t], was(&o.key()), report)),
            // Theirs deleted what ours left as it was.
            None if was(&o.key()) == Some(o) => report.deleted.push(o.entry()),
            None => out.push(o.clone()),
        }
    }
    for t in theirs.iter().filter(|t| !in_ours.contains_key(&t.key())) {
        if was(&t.key()) == Some(t) {
            continue; // ours deleted it
        }
        report.changes.push(t.entry());
        out.push(t.clone());
    }
    out
}

/// One entry both sides have: the same content (times aside) keeps the later; else the one
/// changed since the base; else the one that supersedes; else the later change (undated is the
/// oldest; a tie goes by content), reported as a conflict.
fn resolve<T: Keyed>(o: &T, t: &T, base: Option<&T>, report: &mut Report) -> T {
    if o == t {
        return o.clone();
    }
    if o.same(t) {
        return if t.at() > o.at() {
            t.clone()
        } else {
            o.clone()
        };
    }
    if base == Some(o) || (t.supersedes(o) && base != Some(t)) {
        report.changes.push(t.entry());
        return t.clone();
    }
    if base == Some(t) || o.supersedes(t) {
        return o.clone();
    }
    let theirs_won = (t.at(), t.rank()) > (o.at(), o.rank());
    report.conflicts.push(Conflict {
        ours: (o.entry(), o.at()),
        theirs: (t.entry(), t.at()),
        theirs_won,
    });
    if theirs_won { t.clone() } else { o.clone() }
}

/// Agreements are kept whole from both sides (for one round and action the latest counts), but
/// one the base shows deleted by one side and left as it was by the other stays deleted. Where
/// each side's latest for one round and action is one the other never had, with different
/// answers, both changed it: a conflict, which the later wins by that rule.
pub fn agreements(
    ours: &[Agreement],
    theirs: &[Agreement],
    base: Option<&[Agreement]>,
    report: &mut Report,
) -> Vec<Agreement> {
    let in_base = |a: &Agreement| base.is_some_and(|b| b.contains(a));
    let mut out: Vec<Agreement> = ours
        .iter()
        .filter(|o| {
            let deleted = !theirs.contains(o) && in_base(o);
            if deleted {
                report.deleted.push(Entry::Agreement((*o).clone()));
            }
            !deleted
        })
        .cloned()
        .collect();
    let key = |a: &Agreement| (a.round, a.since, a.action.clone());
    let latest = |list: &[Agreement], a: &Agreement| {
        list.iter()
            .filter(|b| key(b) == key(a))
            .max_by_key(|b| b.at)
            .cloned()
    };
    let known = |a: &Agreement| theirs.contains(a) || in_base(a);
    for t in theirs.iter().filter(|t| !ours.contains(t) && !in_base(t)) {
        out.push(t.clone());
        match latest(ours, t).filter(|o| !known(o)) {
            Some(o) if latest(theirs, t).as_ref() == Some(t) && o.answer != t.answer => {
                report.conflicts.push(Conflict {
                    theirs_won: t.at > o.at,
                    ours: (Entry::Agreement(o.clone()), Some(o.at)),
                    theirs: (Entry::Agreement(t.clone()), Some(t.at)),
                });
            }
            _ => report.changes.push(Entry::Agreement(t.clone())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(owner: Option<&str>, at: Option<&str>) -> (String, Step) {
        let step = Step {
            owner: owner.map(str::to_string),
            due: None,
            set_at: at.map(|a| format!("2026-12-{a}Z").parse().unwrap()),
        };
        ("a".into(), step)
    }

    /// Merges one entry each way, and says who won and whether it was a conflict.
    fn both_ways(
        o: (String, Step),
        t: (String, Step),
        base: Option<(String, Step)>,
    ) -> (Option<String>, usize) {
        let base = base.map(|b| vec![b]);
        let mut r = Report::default();
        let ab = merge_section(
            std::slice::from_ref(&o),
            std::slice::from_ref(&t),
            base.as_deref(),
            &mut r,
        );
        let mut r2 = Report::default();
        let ba = merge_section(&[t], &[o], base.as_deref(), &mut r2);
        assert_eq!(ab, ba, "whichever side is ours");
        assert_eq!(r.conflicts.len(), r2.conflicts.len());
        (
            ab.first().and_then(|s| s.1.owner.clone()),
            r.conflicts.len(),
        )
    }

    #[test]
    fn one_entry_on_both_sides_resolves_the_same_whichever_is_ours() {
        let sam = |at| step(Some("Sam"), at);
        let priya = |at| step(Some("Priya"), at);
        let gone = |at| step(None, at);
        let table = [
            // The same change on both sides, times aside, is no conflict.
            (
                gone(Some("01T10:00:00")),
                gone(Some("02T10:00:00")),
                None,
                (None, 0),
            ),
            (sam(Some("01T10:00:00")), sam(None), None, (Some("Sam"), 0)),
            // Both differ: the later wins; an undated entry is the oldest.
            (
                sam(Some("01T10:00:00")),
                priya(Some("02T10:00:00")),
                None,
                (Some("Priya"), 1),
            ),
            (
                sam(Some("01T10:00:00")),
                priya(None),
                None,
                (Some("Sam"), 1),
            ),
            // A tie of times goes by content, never by side.
            (sam(None), priya(None), None, (Some("Sam"), 1)),
            // With a base: the side that changed it wins, whenever.
            (
                sam(Some("03T10:00:00")),
                priya(Some("01T10:00:00")),
                Some(sam(Some("03T10:00:00"))),
                (Some("Priya"), 0),
            ),
        ];
        for (o, t, base, (owner, conflicts)) in table {
            assert_eq!(
                both_ways(o.clone(), t.clone(), base),
                (owner.map(str::to_string), conflicts),
                "{o:?} / {t:?}"
            );
        }
    }

    #[test]
    fn with_a_base_an_entry_one_side_deleted_and_the_other_kept_as_it_was_stays_deleted() {
        let base = [step(Some("Sam"), Some("01T10:00:00"))];
        let mut r = Report::default();
        assert!(merge_section(&base, &[], Some(&base), &mut r).is_empty());
        assert_eq!(r.deleted, [base[0].entry()]);
        assert!(merge_section(&[], &base, Some(&base), &mut Report::default()).is_empty());
        let changed = [step(Some("Priya"), Some("02T10:00:00"))];
        assert_eq!(
            merge_section(&[], &changed, Some(&base), &mut Report::default()),
            changed,
            "a change since the base outlives a deletion"
        );
        assert_eq!(
            merge_section(&base, &[], None, &mut Report::default()),
            base,
            "no base: kept"
        );
    }
}
