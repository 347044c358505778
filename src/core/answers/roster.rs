//! The team's roster: who is on the team, the other spellings that mean
//! them, the login account that runs the tool as them, and when they joined
//! or left. Every name in the file is matched through it, so a typo or a
//! second spelling never makes a new colleague, and an absence is known for
//! what it is. A file without a roster works as before: the team is
//! everyone who has answered.
//!
//! Members are always listed as they joined (or first answered), then by
//! name ([`order`]), never in the order the file's keys happen to be in: a
//! program that sorts the keys (PyYAML's `safe_dump`) changes nothing shown.
//! A member's spellings only grow, and a rename or a merge of two names is
//! dated (`named_at`), so copies of the file converge on one member
//! (`core::merge`).

use indexmap::IndexMap;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::History;
use crate::core::names::{self, Known, Names, Team, fold};
use crate::core::time::day_of;

/// One member of the team, under their name (the roster's key).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Other spellings that mean this person (an old name, a typo once made).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spellings: Vec<String>,
    /// The login account that runs mbct-sustain as this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// When they joined the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<Date>,
    /// When they left it: later rounds do not wait for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Date>,
    /// When the account, joined or left was last set (or the member added),
    /// so copies of the file merge right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_at: Option<Timestamp>,
    /// When they took this name (a rename, or another name merged into
    /// theirs): of two names copies give one person, the later is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named_at: Option<Timestamp>,
}

/// The roster section of the answers file: members by name, in order.
pub type Roster = IndexMap<String, Member>;

impl Team for Roster {
    fn known(&self) -> impl Iterator<Item = Known<'_>> {
        self.iter().map(|(name, m)| Known {
            name,
            spellings: &m.spellings,
            account: m.account.as_deref(),
        })
    }
}

/// The team's members: the roster, or, in a file without one, everyone who
/// has answered (each under the latest spelling they answered with; a
/// withdrawn assessment makes nobody a member), as they first answered.
pub fn members(history: &History) -> Roster {
    if !history.team.is_empty() {
        return history.team.clone();
    }
    let gone = super::withdrawn::withdrawn(history, |n| n.map(fold));
    let mut order: Vec<usize> = (0..history.assessments.len())
        .filter(|&i| gone.is_live(i))
        .collect();
    order.sort_by_key(|&i| history.assessments[i].taken_at);
    let mut seen: IndexMap<String, String> = IndexMap::new();
    for i in order {
        if let Some(name) = history.assessments[i]
            .respondent
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            seen.insert(fold(name), name.trim().to_string());
        }
    }
    seen.into_values()
        .map(|name| (name, Member::default()))
        .collect()
}

/// Puts the roster of `history` in the order members are shown: as they
/// joined (else as they first answered, in a withdrawn assessment or not),
/// then by name; members with neither come last, by name.
pub fn order(history: &mut History) {
    if history.team.len() < 2 {
        return;
    }
    let first = {
        let names = Names::new(&history.team);
        let mut first: std::collections::HashMap<&str, Timestamp> = Default::default();
        for a in &history.assessments {
            if let Some(m) = a.respondent.as_deref().and_then(|n| names.member(n)) {
                let at = first.entry(m).or_insert(a.taken_at);
                *at = (*at).min(a.taken_at);
            }
        }
        first
            .into_iter()
            .map(|(m, at)| (m.to_string(), day_of(at)))
            .collect::<std::collections::HashMap<String, Date>>()
    };
    let since = |name: &str, m: &Member| m.joined.or_else(|| first.get(name).copied());
    history.team.sort_by(|a, ma, b, mb| {
        let (sa, sb) = (since(a, ma), since(b, mb));
        (sa.is_none(), sa, fold(a), a).cmp(&(sb.is_none(), sb, fold(b), b))
    });
}

/// The member a name means: their name or one of their spellings, in any case.
pub fn member_named<'r>(roster: &'r Roster, name: &str) -> Option<&'r str> {
    Names::new(roster).member(name)
}

/// Members whose name a typed name is likely meant as ([`names::closest`]: "did you mean").
pub fn likely_meant<'r>(roster: &'r Roster, typed: &str) -> Vec<&'r str> {
    names::closest(roster.keys().map(String::as_str), typed)
}

/// The member whose account is `login`, for the name question's default.
pub fn member_of_account<'r>(roster: &'r Roster, login: &str) -> Option<&'r str> {
    names::account_holder(roster, login)
}

/// How people are told apart through the roster ([`Names::key`]).
pub fn person_key(roster: &Roster, name: Option<&str>) -> Option<String> {
    Names::new(roster).key(name)
}

/// The spelling in the file for a typed name that no member goes by ("sam" is the "Sam" who
/// answered; the latest wins), else the name as typed.
pub fn known_spelling(history: &History, typed: &str) -> String {
    let team = members(history);
    let names = Names::new(&team);
    let mut known = history
        .assessments
        .iter()
        .rev()
        .filter_map(|a| a.respondent.as_deref());
    known
        .find(|known| names.same(Some(known), Some(typed)))
        .unwrap_or(typed)
        .to_string()
}

/// Whether a member is on the team on `day`: joined by then, not yet left.
pub fn on_team(member: &Member, day: Date) -> bool {
    member.joined.is_none_or(|j| j <= day) && member.left.is_none_or(|l| l > day)
}

/// Why a change to the roster cannot be made; the shell words each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No member has this name or spelling; the closest names.
    Unknown {
        /// The name given.
        name: String,
        /// The members' names most like it.
        closest: Vec<String>,
    },
    /// The name is already a member's name or spelling.
    Taken {
        /// The name given.
        name: String,
        /// Whose it is.
        member: String,
    },
    /// Someone not on the roster has answered under this name: making it a
    /// member's would make two people's answers one (`people merge` does
    /// that on purpose).
    Answered {
        /// The name given.
        name: String,
    },
    /// Both names mean the same member.
    Same {
        /// The member.
        member: String,
    },
    /// A name with nothing in it.
    Blank,
}

/// What a change to the people of the file did, for its one line of report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The member the change ended with.
    pub member: String,
    /// Assessments whose respondent now reads as that member.
    pub assessments: usize,
    /// Plan steps whose owner now reads as that member.
    pub owners: usize,
}

/// Makes the roster explicit (from everyone who answered) before it is changed.
fn explicit(history: &mut History) {
    if history.team.is_empty() {
        history.team = members(history);
    }
}

/// The member `name` means, or why there is none.
fn known(roster: &Roster, name: &str) -> Result<String, Refusal> {
    member_named(roster, name)
        .map(str::to_string)
        .ok_or_else(|| Refusal::Unknown {
            name: name.to_string(),
            closest: likely_meant(roster, name)
                .into_iter()
                .map(str::to_string)
                .collect(),
        })
}

/// Adds a member named `name`, with a login account if given.
pub fn add(
    history: &mut History,
    name: &str,
    account: Option<&str>,
    now: Timestamp,
) -> Result<String, Refusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Refusal::Blank);
    }
    explicit(history);
    if let Some(member) = member_named(&history.team, name) {
        return Err(Refusal::Taken {
            name: name.to_string(),
            member: member.to_string(),
        });
    }
    unanswered(history, name, None)?;
    let member = Member {
        account: account.map(str::to_string),
        set_at: Some(now),
        ..Member::default()
    };
    history.team.insert(name.to_string(), member);
    order(history);
    Ok(name.to_string())
}

/// Refuses `name` when someone off the roster (not `member`) has answered
/// under it: giving it to a member would make their answers the member's.
fn unanswered(history: &History, name: &str, member: Option<&str>) -> Result<(), Refusal> {
    let names = Names::new(&history.team);
    let answered = history.assessments.iter().any(|a| {
        a.respondent.as_deref().is_some_and(|r| {
            fold(r) == fold(name) && names.member(r).is_none_or(|m| Some(m) != member)
        })
    });
    if answered {
        return Err(Refusal::Answered {
            name: name.trim().to_string(),
        });
    }
    Ok(())
}

/// An owner as the plan should write them: the member a name means (in
/// any case or spelling), else an owner the plan already has spelled so,
/// else the name as typed (someone outside the team).
pub fn owner_named(history: &History, typed: &str) -> String {
    let typed = typed.trim();
    let team = members(history);
    member_named(&team, typed)
        .map(str::to_string)
        .or_else(|| {
            history
                .plan
                .steps()
                .filter_map(|(_, s)| s.owner.clone())
                .find(|o| fold(o) == fold(typed))
        })
        .unwrap_or_else(|| typed.to_string())
}

/// Puts someone who answers onto an explicit roster, so the team stays
/// whole; a file without a roster keeps having none.
pub fn admit(history: &mut History, name: Option<&str>, now: Timestamp) {
    if let Some(name) =
        name.filter(|n| !history.team.is_empty() && member_named(&history.team, n).is_none())
    {
        let member = Member {
            set_at: Some(now),
            ..Member::default()
        };
        history.team.insert(name.trim().to_string(), member);
        order(history);
    }
}

/// Everyone who has answered (in an assessment not withdrawn) under a name
/// no member goes by, each once under the latest spelling they used, with
/// when they first answered: who an explicit roster must take in.
pub fn newcomers(history: &History) -> Vec<(String, Timestamp)> {
    if history.team.is_empty() {
        return Vec::new();
    }
    let names = Names::new(&history.team);
    let gone = super::withdrawn::withdrawn(history, |n| names.key(n));
    let mut order: Vec<usize> = (0..history.assessments.len())
        .filter(|&i| gone.is_live(i))
        .collect();
    // By time, then by spelling: the same set of assessments gives the same names.
    let a = |i: usize| &history.assessments[i];
    order.sort_by(|&i, &j| {
        (a(i).taken_at, &a(i).respondent).cmp(&(a(j).taken_at, &a(j).respondent))
    });
    let mut seen: IndexMap<String, (String, Timestamp)> = IndexMap::new();
    for i in order {
        let Some(name) = a(i).respondent.as_deref().filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        if names.member(name).is_none() {
            let first = seen.get(&fold(name)).map_or(a(i).taken_at, |(_, at)| *at);
            seen.insert(fold(name), (name.trim().to_string(), first));
        }
    }
    seen.into_values().collect()
}

/// Gives member `old` the name `new`: every assessment, note and plan owner
/// under any of their spellings follows, and the old name stays a spelling
/// of theirs, so a copy of the file from before still matches them.
pub fn rename(
    history: &mut History,
    old: &str,
    new: &str,
    now: Timestamp,
) -> Result<Changed, Refusal> {
    let new = new.trim();
    if new.is_empty() {
        return Err(Refusal::Blank);
    }
    explicit(history);
    let member = known(&history.team, old)?;
    match member_named(&history.team, new) {
        Some(other) if other != member => {
            return Err(Refusal::Taken {
                name: new.to_string(),
                member: other.to_string(),
            });
        }
        _ => {}
    }
    unanswered(history, new, Some(&member))?;
    let mut entry = history.team.shift_remove(&member).unwrap_or_default();
    entry.spellings.retain(|s| fold(s) != fold(new));
    if fold(&member) != fold(new) && !entry.spellings.iter().any(|s| fold(s) == fold(&member)) {
        entry.spellings.push(member.clone());
    }
    entry.named_at = Some(now);
    history.team.insert(new.to_string(), entry);
    let changed = follow(history, &member, new);
    order(history);
    Ok(changed)
}

/// Takes `spelling`'s member (or a name someone off the roster answered
/// under) into `into`'s: their assessments become `into`'s (where both
/// answered in one round, the later counts, as it does for anyone who
/// answers twice), and `spelling` means `into` from now on, in every copy
/// of the file it reaches.
pub fn merge_names(
    history: &mut History,
    spelling: &str,
    into: &str,
    now: Timestamp,
) -> Result<Changed, Refusal> {
    explicit(history);
    let from = match known(&history.team, spelling) {
        Err(_) if unanswered(history, spelling, None).is_err() => spelling.trim().to_string(),
        found => found?,
    };
    let into = known(&history.team, into)?;
    if from == into {
        return Err(Refusal::Same { member: into });
    }
    let gone = history.team.shift_remove(&from).unwrap_or_default();
    let target = history.team.entry(into.clone()).or_default();
    for s in std::iter::once(from.clone()).chain(gone.spellings) {
        if !target.spellings.iter().any(|t| fold(t) == fold(&s)) {
            target.spellings.push(s);
        }
    }
    target.account = target.account.take().or(gone.account);
    target.set_at = Some(now);
    target.named_at = Some(now);
    let changed = follow(history, &from, &into);
    order(history);
    Ok(changed)
}

/// Records that `name` left the team on `on`: later rounds do not wait for
/// them, and their earlier answers are kept.
pub fn leave(
    history: &mut History,
    name: &str,
    on: Date,
    now: Timestamp,
) -> Result<String, Refusal> {
    explicit(history);
    let member = known(&history.team, name)?;
    if let Some(m) = history.team.get_mut(&member) {
        m.left = Some(on);
        m.set_at = Some(now);
    }
    Ok(member)
}

/// Every respondent and plan owner written as any spelling of `from`
/// (before the change) now reads `to`.
fn follow(history: &mut History, from: &str, to: &str) -> Changed {
    let mut spellings: Vec<String> = history
        .team
        .get(to)
        .map(|m| m.spellings.iter().map(|s| fold(s)).collect())
        .unwrap_or_default();
    spellings.push(fold(from));
    let means = |name: &str| spellings.contains(&fold(name)) && name != to;
    let mut changed = Changed {
        member: to.to_string(),
        assessments: 0,
        owners: 0,
    };
    for a in &mut history.assessments {
        if a.respondent.as_deref().is_some_and(means) {
            a.respondent = Some(to.to_string());
            changed.assessments += 1;
        }
    }
    for step in history.plan.actions.values_mut() {
        if step.owner.as_deref().is_some_and(means) {
            step.owner = Some(to.to_string());
            changed.owners += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;
    use crate::tests::grid;

    fn history(names: &[&str]) -> History {
        let f = grid(1, 1);
        let mut h = History::default();
        for (i, name) in names.iter().enumerate() {
            let mut a = Assessment::new(&f, Timestamp::from_second(i as i64 * 60).unwrap());
            a.respondent = Some(name.to_string());
            h.assessments.push(a);
        }
        h
    }

    fn now() -> Timestamp {
        "2026-12-04T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn without_a_roster_the_team_is_everyone_who_answered_by_their_latest_spelling() {
        let h = history(&["sam", "Priya", "Sam "]);
        let m = members(&h);
        assert_eq!(m.keys().collect::<Vec<_>>(), ["Sam", "Priya"]);
    }

    #[test]
    fn a_likely_typo_is_of_a_members_name() {
        let h = history(&["Priya", "Alex", "Bartholomew"]);
        let m = members(&h);
        assert_eq!(likely_meant(&m, "Pryia"), ["Priya"]);
        assert!(likely_meant(&m, "Cleo").is_empty(), "not Alex");
    }

    #[test]
    fn a_typed_name_takes_the_spelling_already_in_the_file() {
        let h = history(&["Ann", "Bob", "ann "]);
        assert_eq!(known_spelling(&h, "ANN"), "ann ", "the latest");
        assert_eq!(known_spelling(&h, "Dee"), "Dee");
    }

    #[test]
    fn a_name_means_a_member_by_their_name_or_a_spelling_in_any_case() {
        let mut h = history(&["Priya"]);
        h.team = members(&h);
        h.team["Priya"].spellings.push("Pryia".into());
        h.team["Priya"].account = Some("pk".into());
        assert_eq!(member_named(&h.team, " pryia "), Some("Priya"));
        assert_eq!(member_named(&h.team, "Sam"), None);
        assert_eq!(member_of_account(&h.team, "PK"), Some("Priya"));
        assert_eq!(person_key(&h.team, Some("PRYIA")), Some("priya".into()));
    }

    #[test]
    fn renaming_carries_every_assessment_and_owner_and_keeps_the_old_name_as_a_spelling() {
        let mut h = history(&["Pryia", "Sam", "pryia"]);
        h.plan.set_step(
            "d0.a0",
            Some("PRYIA".into()),
            None,
            jiff::Timestamp::UNIX_EPOCH,
        );
        let c = rename(&mut h, "pryia", "Priya", now()).unwrap();
        assert_eq!((c.assessments, c.owners), (2, 1));
        assert_eq!(
            h.team.keys().collect::<Vec<_>>(),
            ["Priya", "Sam"],
            "in its place"
        );
        assert_eq!(
            h.team["Priya"].spellings,
            ["pryia"],
            "the latest spelling they answered with"
        );
        assert_eq!(h.plan.actions["d0.a0"].owner.as_deref(), Some("Priya"));
        assert_eq!(
            rename(&mut h, "Jo", "Joanne", now()),
            Err(Refusal::Unknown {
                name: "Jo".into(),
                closest: vec![]
            })
        );
        assert!(matches!(
            rename(&mut h, "Sam", "pryia", now()),
            Err(Refusal::Taken { .. })
        ));
    }

    #[test]
    fn merging_makes_two_names_one_person() {
        let mut h = history(&["Priya", "Pryia", "Sam"]);
        let c = merge_names(&mut h, "Pryia", "Priya", now()).unwrap();
        assert_eq!(c.assessments, 1);
        assert_eq!(h.team.keys().collect::<Vec<_>>(), ["Priya", "Sam"]);
        assert!(
            h.assessments
                .iter()
                .all(|a| a.respondent.as_deref() != Some("Pryia"))
        );
        assert_eq!(
            merge_names(&mut h, "pryia", "Priya", now()),
            Err(Refusal::Same {
                member: "Priya".into()
            })
        );
        let refused = merge_names(&mut h, "Pria", "Priya", now());
        assert!(
            matches!(&refused, Err(Refusal::Unknown { closest, .. }) if closest == &["Priya"]),
            "{refused:?}"
        );
    }

    #[test]
    fn a_members_own_name_wins_over_another_members_spelling() {
        let mut team = members(&history(&["Bob", "Rob"]));
        team["Rob"].spellings.push("bob".into());
        let names = Names::new(&team);
        assert_eq!(names.member("BOB"), Some("Bob"));
        assert_eq!(names.key(Some(" rob ")), Some("rob".into()));
        assert_eq!(
            names.key(Some("Cat")),
            Some("cat".into()),
            "someone not on the roster is themselves"
        );
    }

    #[test]
    fn members_are_in_the_order_they_joined_or_first_answered_then_by_name_whatever_the_file() {
        let mut h = history(&["Zoe", "Adam", "zoe"]);
        h.assessments[1].taken_at = "1970-01-02T10:00:00Z".parse().unwrap();
        h.team = ["Kim", "Bea", "Adam", "Zoe"]
            .into_iter()
            .map(|n| (n.to_string(), Member::default()))
            .collect();
        h.team["Kim"].joined = Some(jiff::civil::date(1969, 12, 1));
        order(&mut h);
        assert_eq!(
            h.team.keys().collect::<Vec<_>>(),
            ["Kim", "Zoe", "Adam", "Bea"]
        );
    }

    #[test]
    fn newcomers_are_who_answered_under_a_name_no_member_goes_by_once_each() {
        let mut h = history(&["Sam", "Kim", "kim", "Pryia"]);
        assert!(
            newcomers(&h).is_empty(),
            "no roster: everyone who answered is the team"
        );
        h.team = team(&["Sam"]);
        h.team["Sam"].spellings.push("Pryia".into());
        let names: Vec<String> = newcomers(&h).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["kim"], "the latest spelling");
        assert_eq!(
            newcomers(&h)[0].1,
            h.assessments[1].taken_at,
            "when they first answered"
        );
    }

    #[test]
    fn a_name_someone_off_the_roster_answered_under_is_refused_but_people_merge_takes_it() {
        let mut h = history(&["Sam", "Kim"]);
        h.team = team(&["Sam"]);
        let answered = Err(Refusal::Answered { name: "kim".into() });
        assert_eq!(
            rename(&mut h.clone(), "Sam", "kim", now()).map(|_| ()),
            answered
        );
        assert_eq!(
            add(&mut h.clone(), "kim", None, now()).map(|_| ()),
            answered
        );
        let c = merge_names(&mut h, "Kim", "Sam", now()).unwrap();
        assert_eq!((c.member.as_str(), c.assessments), ("Sam", 1));
        assert_eq!(h.team["Sam"].spellings, ["Kim"]);
        assert_eq!(
            h.team["Sam"].named_at,
            Some(now()),
            "dated, so copies keep it"
        );
    }

    #[test]
    fn a_rename_is_dated_by_its_name_and_leaves_the_other_fields_dates_alone() {
        let mut h = history(&["Pryia"]);
        leave(
            &mut h,
            "Pryia",
            jiff::civil::date(2027, 1, 31),
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        rename(&mut h, "Pryia", "Priya", now()).unwrap();
        let m = &h.team["Priya"];
        assert_eq!(
            (m.set_at, m.named_at),
            (Some(Timestamp::UNIX_EPOCH), Some(now()))
        );
        rename(&mut h, "Priya", "Pryia", now()).unwrap();
        assert_eq!(
            h.team["Pryia"].spellings,
            ["Priya"],
            "back: the other name is the spelling"
        );
    }

    fn team(names: &[&str]) -> Roster {
        names
            .iter()
            .map(|n| (n.to_string(), Member::default()))
            .collect()
    }

    #[test]
    fn someone_who_left_is_not_on_the_team_after_that_day() {
        let mut h = history(&["Alex"]);
        let day = jiff::civil::date(2027, 1, 31);
        leave(&mut h, "alex", day, now()).unwrap();
        let alex = &h.team["Alex"];
        assert!(on_team(alex, jiff::civil::date(2027, 1, 30)));
        assert!(!on_team(alex, day));
    }
}
