//! Whether every value of a copy is in the saved file, before the copy is removed: its
//! assessments as they are (answers, notes, label, other fields), withdrawals, each member's names
//! and account and dates, plan entries, the review, evidence, agreements, unknown fields and
//! re-datings. A value that lost a conflict, or that the file changed since, is not in it: the
//! copy is then kept, and what it holds is named.

use std::collections::HashMap;

use super::{Entry, Report, people};
use crate::core::answers::agreed::Evidence;
use crate::core::answers::clock;
use crate::core::answers::roster;
use crate::core::answers::{Assessment, History};
use crate::core::names::Names;

/// What `copy` holds that `saved` does not (empty: the copy may go).
pub fn unkept(saved: &History, copy: &History) -> Vec<Entry> {
    // The copy's dates from a clock that ran ahead, as the file re-dated them.
    let mut out: Vec<Entry> = copy
        .redated
        .iter()
        .filter(|r| !saved.redated.iter().any(|s| s.from == r.from))
        .map(|r| Entry::Redating(*r))
        .collect();
    let mut copy = copy.clone();
    copy.redated = clock::union(&saved.redated, &copy.redated);
    clock::apply(&mut copy);
    let saved_team = roster::members(saved);
    let team = people::roster(
        &saved_team,
        &roster::members(&copy),
        None,
        &mut Report::default(),
    );
    let names = Names::new(&team);
    assessments(saved, &copy, &names, &mut out);
    for w in &copy.withdrawn {
        let key = |r: Option<&str>| (names.key(r), w.taken_at);
        if !saved.withdrawn.iter().any(|s| {
            (names.key(s.respondent.as_deref()), s.taken_at) == key(w.respondent.as_deref())
        }) {
            out.push(Entry::Withdrawal(w.clone()));
        }
    }
    members(&saved_team, &copy, &mut out);
    plan(saved, &copy, &mut out);
    for e in &copy.evidence {
        if !saved.evidence.iter().any(|s| holds(s, e)) {
            out.push(Entry::Evidence(e.clone()));
        }
    }
    for a in copy
        .agreements
        .iter()
        .filter(|a| !saved.agreements.contains(a))
    {
        out.push(Entry::Agreement(a.clone()));
    }
    if let Some(s) = copy.service.as_ref().filter(|s| {
        saved
            .service
            .as_ref()
            .is_none_or(|saved| saved.name != s.name)
    }) {
        out.push(Entry::Service(s.clone()));
    }
    for (k, v) in &copy.extra {
        if saved.extra.get(k) != Some(v) {
            out.push(Entry::Field(k.clone(), v.clone()));
        }
    }
    out
}

/// Each of the copy's assessments must be in the file as it is (spelling aside).
fn assessments(saved: &History, copy: &History, names: &Names, out: &mut Vec<Entry>) {
    let key = |a: &Assessment| (names.key(a.respondent.as_deref()), a.taken_at);
    let mut here: HashMap<_, Vec<&Assessment>> = HashMap::new();
    for a in &saved.assessments {
        here.entry(key(a)).or_default().push(a);
    }
    for a in &copy.assessments {
        let kept = here.get(&key(a)).is_some_and(|l| {
            l.iter().any(|s| {
                (&s.answers, &s.notes, &s.label, &s.extra)
                    == (&a.answers, &a.notes, &a.label, &a.extra)
            })
        });
        if !kept {
            out.push(Entry::Assessment(a.respondent.clone(), a.taken_at));
        }
    }
}

/// Each member of the copy: every name they go by means one member of the file, who has the
/// account and dates the copy gives them.
fn members(saved_team: &roster::Roster, copy: &History, out: &mut Vec<Entry>) {
    let here = Names::new(saved_team);
    for (name, m) in &copy.team {
        let mut meant = std::iter::once(name)
            .chain(&m.spellings)
            .map(|n| here.member(n));
        let Some(Some(member)) = meant.next() else {
            out.push(Entry::Member(name.clone(), m.clone()));
            continue;
        };
        let s = &saved_team[member];
        let fields_kept = m
            .account
            .as_ref()
            .is_none_or(|a| s.account.as_ref() == Some(a))
            && m.joined.is_none_or(|j| s.joined == Some(j))
            && m.left.is_none_or(|l| s.left == Some(l));
        if !meant.all(|n| n == Some(member)) || !fields_kept {
            out.push(Entry::Member(name.clone(), m.clone()));
        }
    }
}

/// Each plan entry of the copy: what it gives (an owner, a date, a stage, a removal) the file
/// gives too.
fn plan(saved: &History, copy: &History, out: &mut Vec<Entry>) {
    let (p, c) = (&saved.plan, &copy.plan);
    for (action, step) in &c.actions {
        let s = p.actions.get(action);
        let kept = if step.owner.is_none() && step.due.is_none() {
            p.step(action).is_none()
        } else {
            s.is_some_and(|s| {
                step.owner
                    .as_ref()
                    .is_none_or(|o| s.owner.as_ref() == Some(o))
                    && step.due.is_none_or(|d| s.due == Some(d))
            })
        };
        if !kept {
            out.push(Entry::Step(action.clone(), step.clone()));
        }
    }
    for (domain, target) in &c.targets {
        let kept = match &target.stage {
            None => p.target(domain).is_none(),
            Some(stage) => p.target(domain).is_some_and(|t| {
                t.stage.as_ref() == Some(stage) && target.by.is_none_or(|b| t.by == Some(b))
            }),
        };
        if !kept {
            out.push(Entry::Target(domain.clone(), target.clone()));
        }
    }
    if (c.review.is_some() || c.review_set_at.is_some()) && c.review != p.review {
        out.push(Entry::Review(c.review));
    }
}

/// Whether the file's evidence `s` holds the copy's `e`: the same item, and removed if it was.
fn holds(s: &Evidence, e: &Evidence) -> bool {
    (&s.action, &s.text, s.at, &s.link, &s.by) == (&e.action, &e.text, e.at, &e.link, &e.by)
        && (e.removed.is_none() || s.removed.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answer;
    use crate::core::merge::merge_histories;

    fn now() -> jiff::Timestamp {
        "2027-01-01T00:00:00Z".parse().unwrap()
    }

    fn at(day: u32) -> jiff::Timestamp {
        format!("2026-12-{day:02}T10:00:00Z").parse().unwrap()
    }

    fn one(who: &str, day: u32) -> Assessment {
        let mut a = Assessment::new(&crate::tests::grid(1, 1), at(day));
        a.respondent = Some(who.into());
        a.answers.insert("d0.a0".into(), Answer::NotYet);
        a
    }

    #[test]
    fn a_copy_merged_in_whole_is_kept_in_the_file() {
        let mut copy = History::default();
        copy.assessments.push(one("Priya", 1));
        copy.plan.set_step("a", Some("Priya".into()), None, at(1));
        copy.extra.insert("area".into(), "North".into());
        let (saved, _) = merge_histories(&History::default(), &copy, None, now());
        assert_eq!(unkept(&saved, &copy), []);
    }

    #[test]
    fn a_losing_side_a_changed_label_and_an_unknown_field_are_not_in_the_file() {
        let mut saved = History::default();
        saved.assessments.push(one("Sam", 1));
        saved.plan.set_step("a", Some("Sam".into()), None, at(3));
        let mut copy = saved.clone();
        copy.plan.set_step(
            "a",
            Some("Priya".into()),
            Some(jiff::civil::date(2027, 1, 31)),
            at(2),
        );
        copy.assessments[0].label = Some("Autumn".into());
        copy.assessments[0]
            .extra
            .insert("reviewed_by".into(), "Jo".into());
        let lacking = unkept(&saved, &copy);
        assert_eq!(lacking.len(), 2, "{lacking:?}");
        assert!(matches!(&lacking[0], Entry::Assessment(Some(w), t) if w == "Sam" && *t == at(1)));
        assert!(matches!(&lacking[1], Entry::Step(a, _) if a == "a"));
        let (merged, _) = merge_histories(&saved, &copy, None, now());
        assert!(
            matches!(&unkept(&merged, &copy)[..], [Entry::Step(a, _)] if a == "a"),
            "the relabelled assessment came in beside the other; the step lost to a later one"
        );
    }

    #[test]
    fn a_member_under_another_name_is_kept_and_a_different_account_is_not() {
        let mut copy = History::default();
        copy.assessments.push(one("Pryia", 1));
        roster::add(&mut copy, "Sam", Some("sam1"), at(1)).unwrap();
        let mut saved = copy.clone();
        roster::rename(&mut saved, "Pryia", "Priya", at(2)).unwrap();
        assert_eq!(unkept(&saved, &copy), []);
        saved.team["Sam"].account = Some("sam2".into());
        assert!(matches!(&unkept(&saved, &copy)[..], [Entry::Member(n, _)] if n == "Sam"));
    }
}
