//! Where each person stands in the round being answered, as `status` counts them: each member
//! once (answered, part-way, awaited), however many unfinished walks (drafts) lie beside the
//! answers file. A draft is a person part-way only if it is the latest walk of someone named who
//! has not answered the round; the walk of someone who already answered is a rerun, and a draft
//! with no name, one last answered before the round began, or an earlier draft of someone walking
//! again is an old draft: listed apart, never counted as a member.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::core::answers::roster::{self, Roster};
use crate::core::names::{Names, fold};
use crate::core::subject::Snapshot;

/// What `status` knows of an unfinished walk: whose (if they said) and when its last answer was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk<'a> {
    /// Who is answering, as the draft names them.
    pub name: Option<&'a str>,
    /// When the last answer was given.
    pub updated_at: Timestamp,
}

/// What an unfinished walk is to the round.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum WalkIs {
    /// Someone who has not answered the round, part-way through: `person` as the roster names
    /// them (or as they typed it, if new).
    PartWay { person: String },
    /// Someone who answered the round, answering again.
    Rerun { person: String },
    /// Not a walk of this round.
    Old(OldBecause),
}

/// Why a draft is an old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldBecause {
    /// It names nobody.
    NoName,
    /// Its last answer was given before the round began.
    BeforeRound,
    /// The same person has a later draft.
    Earlier,
}

/// What each of `walks` is to the round: `answered` are the names of who answered it, and
/// `since` is when it began (for a round still being gathered, when the one before it ended);
/// `roster` tells which names are one person.
pub fn walks(
    roster: &Roster,
    answered: &[&str],
    since: Option<Timestamp>,
    walks: &[Walk],
) -> Vec<WalkIs> {
    let names = Names::new(roster);
    let answered: Vec<Option<String>> = answered.iter().map(|a| names.key(Some(a))).collect();
    let person = |name: &str| {
        names
            .member(name)
            .map_or_else(|| name.trim().to_string(), str::to_string)
    };
    fn named<'a>(w: &Walk<'a>) -> Option<&'a str> {
        w.name.filter(|n| !n.trim().is_empty())
    }
    walks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let Some(name) = named(w) else {
                return WalkIs::Old(OldBecause::NoName);
            };
            if since.is_some_and(|s| w.updated_at < s) {
                return WalkIs::Old(OldBecause::BeforeRound);
            }
            let key = names.key(Some(name));
            // Of two drafts last answered at one moment, the one found later counts.
            let later = walks.iter().enumerate().any(|(j, o)| {
                j != i
                    && named(o).is_some_and(|n| names.key(Some(n)) == key)
                    && since.is_none_or(|s| o.updated_at >= s)
                    && (o.updated_at, j) > (w.updated_at, i)
            });
            match (later, answered.contains(&key)) {
                (true, _) => WalkIs::Old(OldBecause::Earlier),
                (false, true) => WalkIs::Rerun {
                    person: person(name),
                },
                (false, false) => WalkIs::PartWay {
                    person: person(name),
                },
            }
        })
        .collect()
}

/// When the round `status` counts began: the round `s` shows (the team's latest) began with its
/// first answer; a round still being gathered (`current` is none), when the one before it ended.
pub fn round_began(s: Option<&Snapshot>, current: Option<&Snapshot>) -> Option<Timestamp> {
    match current {
        Some(c) => Some(c.point().from),
        None => s.and_then(|s| s.points.last()).map(|p| p.to),
    }
}

/// Who a round still being gathered waits for: everyone on the team `today`.
pub fn on_the_team(roster: &Roster, today: Date) -> Vec<String> {
    let on = roster.iter().filter(|(_, m)| roster::on_team(m, today));
    on.map(|(n, _)| n.clone()).collect()
}

/// Of those `awaited`, who the round still waits for: not those part-way through a walk.
pub fn waiting(awaited: Vec<String>, walks: &[WalkIs]) -> Vec<String> {
    let walking: Vec<String> = walks
        .iter()
        .filter_map(|w| match w {
            WalkIs::PartWay { person } => Some(fold(person)),
            _ => None,
        })
        .collect();
    awaited
        .into_iter()
        .filter(|n| !walking.contains(&fold(n)))
        .collect()
}

/// Who has left the team by `today`, with the day they left, in roster order.
pub fn left_by(roster: &Roster, today: Date) -> Vec<(&str, Date)> {
    let left = roster
        .iter()
        .filter_map(|(n, m)| Some((n.as_str(), m.left?)));
    left.filter(|(_, day)| *day <= today).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::roster::Member;

    fn at(t: &str) -> Timestamp {
        t.parse().unwrap()
    }

    fn team(names: &[&str]) -> Roster {
        names
            .iter()
            .map(|n| (n.to_string(), Member::default()))
            .collect()
    }

    #[test]
    fn a_rerun_and_a_nameless_draft_from_2020_are_no_more_people() {
        let round = Some(at("2026-12-01T00:00:00Z"));
        let drafts = [
            Walk {
                name: Some("sam"),
                updated_at: at("2026-12-05T10:00:00Z"),
            },
            Walk {
                name: None,
                updated_at: at("2020-03-01T10:00:00Z"),
            },
        ];
        assert_eq!(
            walks(&team(&["Sam"]), &["Sam"], round, &drafts),
            [
                WalkIs::Rerun {
                    person: "Sam".into()
                },
                WalkIs::Old(OldBecause::NoName)
            ]
        );
    }

    #[test]
    fn each_walk_is_told_apart_as_the_round_sees_it() {
        let round = Some(at("2026-12-01T00:00:00Z"));
        let walk = |name: Option<&'static str>, t: &str| Walk {
            name,
            updated_at: at(t),
        };
        let drafts = [
            walk(Some("Priya"), "2026-12-02T10:00:00Z"),
            walk(Some("priya "), "2026-12-03T10:00:00Z"),
            walk(Some("Alex"), "2026-11-02T10:00:00Z"),
            walk(Some("  "), "2026-12-03T10:00:00Z"),
            walk(Some("Jo"), "2026-12-04T10:00:00Z"),
        ];
        assert_eq!(
            walks(&team(&["Sam", "Priya", "Alex"]), &["Sam"], round, &drafts),
            [
                WalkIs::Old(OldBecause::Earlier),
                WalkIs::PartWay {
                    person: "Priya".into()
                },
                WalkIs::Old(OldBecause::BeforeRound),
                WalkIs::Old(OldBecause::NoName),
                WalkIs::PartWay {
                    person: "Jo".into()
                },
            ]
        );
    }

    #[test]
    fn two_drafts_of_one_person_at_one_moment_are_one_person() {
        let t = at("2026-12-02T10:00:00Z");
        let drafts = [
            Walk {
                name: Some("Priya"),
                updated_at: t,
            },
            Walk {
                name: Some("PRIYA"),
                updated_at: t,
            },
        ];
        let is = walks(&team(&["Priya"]), &[], None, &drafts);
        assert_eq!(is[0], WalkIs::Old(OldBecause::Earlier));
        assert!(matches!(is[1], WalkIs::PartWay { .. }));
    }

    #[test]
    fn an_old_draft_never_hides_a_current_one_of_the_same_person() {
        let drafts = [
            Walk {
                name: Some("Priya"),
                updated_at: at("2026-12-02T10:00:00Z"),
            },
            Walk {
                name: Some("Priya"),
                updated_at: at("2026-10-02T10:00:00Z"),
            },
        ];
        let round = Some(at("2026-12-01T00:00:00Z"));
        assert_eq!(
            walks(&team(&["Priya"]), &[], round, &drafts),
            [
                WalkIs::PartWay {
                    person: "Priya".into()
                },
                WalkIs::Old(OldBecause::BeforeRound)
            ]
        );
    }

    #[test]
    fn a_round_waits_for_who_is_on_the_team_and_not_part_way_and_names_who_left() {
        let mut r = team(&["Ann", "Bob", "Cat"]);
        r["Cat"].left = Some(jiff::civil::date(2026, 12, 1));
        r["Bob"].joined = Some(jiff::civil::date(2027, 1, 1));
        let today = jiff::civil::date(2026, 12, 7);
        assert_eq!(on_the_team(&r, today), ["Ann"]);
        assert_eq!(
            left_by(&r, today),
            [("Cat", jiff::civil::date(2026, 12, 1))]
        );
        assert!(
            left_by(&r, jiff::civil::date(2026, 11, 30)).is_empty(),
            "not yet left"
        );
        let walks = [
            WalkIs::PartWay {
                person: "ann".into(),
            },
            WalkIs::Rerun {
                person: "Bob".into(),
            },
        ];
        assert_eq!(
            waiting(vec!["Ann".into(), "Bob".into()], &walks),
            ["Bob"],
            "Ann is part-way"
        );
    }
}
