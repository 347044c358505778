//! The roster of two copies as one. A member's names only grow: entries of the two copies that
//! share a name or a spelling (as each copy resolves its names) are one member, through any number
//! of them. The member keeps the name that is a spelling in neither copy (of several, the one
//! given later, `named_at`; none, the latest given), every other name becomes a spelling, and the
//! account, joined and left come from the entry set latest (`set_at`; undated is the oldest; a tie
//! goes by content), or, with a base, from the side that changed them. So the result is the same
//! whichever copy is ours, and a rename or merge of names in one copy is never undone.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{Conflict, Entry, Report};
use crate::core::answers::roster::{Member, Roster};
use crate::core::names::{Names, fold};

/// One entry of one copy: its name, its member entry, and which copy (0 ours, 1 theirs).
struct Held<'r> {
    name: &'r str,
    member: &'r Member,
    side: usize,
    /// The names (folded) this copy resolves to it: its own and its spellings', unless another
    /// member of the copy has that as their own name or, earlier, as a spelling.
    keys: Vec<String>,
}

/// Account, joined and left: what "the latest entry's fields" means.
type Fields = (Option<String>, Option<Date>, Option<Date>);

fn fields(m: &Member) -> Fields {
    (m.account.clone(), m.joined, m.left)
}

/// Each entry of `roster` with the names the copy resolves to it.
fn held(roster: &Roster, side: usize) -> Vec<Held<'_>> {
    let names = Names::new(roster);
    roster
        .iter()
        .map(|(name, member)| {
            let keys = std::iter::once(name)
                .chain(&member.spellings)
                .filter(|n| names.member(n) == Some(name.as_str()))
                .map(|n| fold(n))
                .collect();
            Held {
                name,
                member,
                side,
                keys,
            }
        })
        .collect()
}

/// Groups entries that share a name (transitively): each group is one member.
fn groups(all: &[Held]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..all.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, h) in all.iter().enumerate() {
        for key in &h.keys {
            match first.get(key.as_str()) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    for i in 0..all.len() {
        let r = root(&mut parent, i);
        let g = *at.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// The name a group keeps: one that is a spelling in neither copy (of several, or of none, the
/// one given latest; a tie, the first in byte order).
fn chosen<'r>(group: &[&Held<'r>]) -> &'r str {
    let spelled: Vec<&String> = group
        .iter()
        .flat_map(|h| h.keys.iter().filter(move |k| **k != fold(h.name)))
        .collect();
    let unspelled: Vec<&&Held> = group
        .iter()
        .filter(|h| !spelled.contains(&&fold(h.name)))
        .collect();
    let pool: Vec<&&Held> = if unspelled.is_empty() {
        group.iter().collect()
    } else {
        unspelled
    };
    let best = pool.iter().max_by(|a, b| {
        (a.member.named_at, std::cmp::Reverse(a.name))
            .cmp(&(b.member.named_at, std::cmp::Reverse(b.name)))
    });
    best.map_or("", |h| h.name)
}

/// The latest-set entry of `side` in a group (undated is the oldest; a tie goes by content).
fn latest<'g, 'r>(group: &'g [&'g Held<'r>], side: usize) -> Option<&'g Held<'r>> {
    group
        .iter()
        .filter(|h| h.side == side)
        .max_by_key(|h| (h.member.set_at, fields(h.member)))
        .copied()
}

/// Merges the rosters `ours` and `theirs` (`base`: the roster both started from, if known).
pub fn roster(
    ours: &Roster,
    theirs: &Roster,
    base: Option<&Roster>,
    report: &mut Report,
) -> Roster {
    if ours == theirs {
        return ours.clone();
    }
    let mut all = held(ours, 0);
    all.extend(held(theirs, 1));
    let base_names = base.map(Names::new);
    let mut out = Roster::new();
    for group in groups(&all) {
        let group: Vec<&Held> = group.iter().map(|&i| &all[i]).collect();
        let (o, t) = (latest(&group, 0), latest(&group, 1));
        // The base's entry for this member: the one base member any of its names means.
        let was = || {
            let (base, names) = (base?, base_names.as_ref()?);
            let mut meant: Vec<&str> = group
                .iter()
                .flat_map(|h| h.keys.iter().filter_map(|k| names.member(k)))
                .collect();
            meant.sort_unstable();
            meant.dedup();
            match meant[..] {
                [one] => base.get_key_value(one),
                _ => None,
            }
        };
        let unchanged = |h: &Held| was().is_some_and(|(n, m)| n == h.name && m == h.member);
        // With a base: a member one side deleted by hand and the other left as it was stays out.
        if let [one] = group[..]
            && unchanged(one)
        {
            if one.side == 0 {
                report
                    .deleted
                    .push(Entry::Member(one.name.to_string(), one.member.clone()));
            }
            continue;
        }
        let name = chosen(&group);
        let mut member = Member {
            set_at: group.iter().filter_map(|h| h.member.set_at).max(),
            named_at: group.iter().filter_map(|h| h.member.named_at).max(),
            ..Member::default()
        };
        for n in group.iter().flat_map(|h| {
            std::iter::once(h.name).chain(h.member.spellings.iter().map(String::as_str))
        }) {
            if fold(n) != fold(name) && !member.spellings.iter().any(|s| fold(s) == fold(n)) {
                member.spellings.push(n.to_string());
            }
        }
        let won = match (o, t) {
            (Some(o), Some(t)) => pick(o, t, was().map(|(_, m)| fields(m)), report),
            (Some(only), None) | (None, Some(only)) => fields(only.member),
            (None, None) => Fields::default(),
        };
        (member.account, member.joined, member.left) = won;
        let ours_was = o.filter(|_| group.iter().filter(|h| h.side == 0).count() == 1);
        if ours_was.is_none_or(|o| o.name != name || !same_member(o.member, &member)) {
            report
                .changes
                .push(Entry::Member(name.to_string(), member.clone()));
        }
        out.insert(name.to_string(), member);
    }
    out
}

/// The fields of a member both copies hold: equal is no conflict; with a base, the side that
/// changed them wins; else the later set (a tie: by content), reported as a conflict.
fn pick(o: &Held, t: &Held, base: Option<Fields>, report: &mut Report) -> Fields {
    let (fo, ft) = (fields(o.member), fields(t.member));
    if fo == ft {
        return fo;
    }
    if base.as_ref() == Some(&fo) {
        return ft;
    }
    if base.as_ref() == Some(&ft) {
        return fo;
    }
    let theirs_won = (t.member.set_at, &ft) > (o.member.set_at, &fo);
    let side = |h: &Held| {
        (
            Entry::Member(h.name.to_string(), h.member.clone()),
            h.member.set_at,
        )
    };
    report.conflicts.push(Conflict {
        ours: side(o),
        theirs: side(t),
        theirs_won,
    });
    if theirs_won { ft } else { fo }
}

/// Whether two entries of one member say the same, their dates aside.
fn same_member(a: &Member, b: &Member) -> bool {
    let names = |m: &Member| {
        let mut n: Vec<String> = m.spellings.iter().map(|s| fold(s)).collect();
        n.sort();
        n
    };
    fields(a) == fields(b) && names(a) == names(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> Option<jiff::Timestamp> {
        Some(format!("2026-12-{day:02}T10:00:00Z").parse().unwrap())
    }

    fn member(spellings: &[&str], named: Option<jiff::Timestamp>) -> Member {
        Member {
            spellings: spellings.iter().map(|s| s.to_string()).collect(),
            named_at: named,
            ..Member::default()
        }
    }

    fn team(entries: &[(&str, Member)]) -> Roster {
        entries
            .iter()
            .map(|(n, m)| (n.to_string(), m.clone()))
            .collect()
    }

    /// The roster merged both ways: the same members (names, spellings as a set, fields).
    fn both_ways(a: &Roster, b: &Roster) -> Vec<(String, Vec<String>, Fields)> {
        let each = |x: &Roster, y: &Roster| {
            let mut out: Vec<_> = roster(x, y, None, &mut Report::default())
                .into_iter()
                .map(|(n, m)| {
                    let mut s = m.spellings.clone();
                    s.sort();
                    (n, s, fields(&m))
                })
                .collect();
            out.sort();
            out
        };
        let ab = each(a, b);
        assert_eq!(ab, each(b, a), "whichever is ours");
        ab
    }

    #[test]
    fn a_name_merged_away_stays_a_spelling_and_the_member_keeps_the_other() {
        let before = team(&[("Priya", member(&[], None)), ("Pryia", member(&[], None))]);
        let after = team(&[("Priya", member(&["Pryia"], at(2)))]);
        assert_eq!(
            both_ways(&before, &after),
            [("Priya".into(), vec!["Pryia".into()], Fields::default())]
        );
    }

    #[test]
    fn two_renames_of_one_person_give_one_member_named_by_the_later() {
        let a = team(&[("Priya", member(&["Pryia"], at(2)))]);
        let b = team(&[("Priya K", member(&["Pryia"], at(3)))]);
        let want = vec!["Priya".to_string(), "Pryia".to_string()];
        assert_eq!(
            both_ways(&a, &b),
            [("Priya K".into(), want, Fields::default())]
        );
    }

    #[test]
    fn a_rename_back_to_an_old_name_wins_by_its_date() {
        let a = team(&[("Priya", member(&["Pryia"], at(2)))]);
        let b = team(&[("Pryia", member(&["Priya"], at(4)))]);
        assert_eq!(both_ways(&a, &b)[0].0, "Pryia");
    }

    #[test]
    fn fields_come_from_the_entry_set_latest_and_an_undated_one_is_the_oldest() {
        let mut old = member(&[], None);
        old.account = Some("sam1".into());
        let mut left = member(&[], None);
        left.left = Some(jiff::civil::date(2027, 1, 31));
        left.set_at = at(2);
        let got = both_ways(
            &team(&[("Sam", old.clone())]),
            &team(&[("Sam", left.clone())]),
        );
        assert_eq!(got[0].2, fields(&left));
        let mut r = Report::default();
        roster(
            &team(&[("Sam", old)]),
            &team(&[("Sam", left)]),
            None,
            &mut r,
        );
        assert_eq!(r.conflicts.len(), 1);
        assert!(r.conflicts[0].theirs_won);
    }

    #[test]
    fn two_members_of_one_copy_are_never_joined_by_merging_it_with_itself() {
        // Rob's spelling "bob" is Bob's own name in this copy: it does not make them one.
        let a = team(&[("Bob", member(&[], None)), ("Rob", member(&["bob"], None))]);
        let mut r = Report::default();
        assert_eq!(roster(&a, &a.clone(), None, &mut r), a);
        let b = team(&[("Rob", member(&["bob"], None)), ("Bob", member(&[], None))]);
        assert_eq!(both_ways(&a, &b).len(), 2);
    }
}
