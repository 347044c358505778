//! The subject of a view, resolved once: whose answers a command shows (one
//! person's assessments, or the team's rounds), the point of that journey it
//! shows, what that point is compared with, and where the plan stands today.
//!
//! Every command asks for one [`Snapshot`] and hands it to the builder of
//! its view; no view knows whether it shows a person or the team except by
//! what the snapshot holds. Assessments are taken in the order they were
//! taken (`taken_at`), not the order they sit in the file, so a file merged
//! by hand or by git stays right.

use std::borrow::Cow;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::core::answers::plan::Plan;
use crate::core::answers::roster;
use crate::core::answers::roster::known_spelling;
use crate::core::answers::withdrawn::withdrawn;
use crate::core::answers::{Assessment, History, label_is};
use crate::core::framework::Framework;
use crate::core::names::Names;
use crate::core::planning::{self, Basis, Overview, Progress};
use crate::core::record::{Record, RoundRecord};
use crate::core::rounds;
use crate::core::time::day_of;

/// Whose answers a command shows: the subject resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// One person's assessments (no name is a person of its own).
    Person(Option<String>),
    /// The team's rounds.
    Team,
}

/// Whose answers were asked for (resolved into a [`Subject`]).
#[derive(Debug, Clone, Copy)]
pub enum Requested<'a> {
    /// The team when the file holds more than one person's assessments, else that one person.
    Auto,
    /// This person (`None`: the unnamed one).
    Person(Option<&'a str>),
    /// The team, even of one person.
    Team,
}

/// Which point of the journey a command shows.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// The point a selector names (`None`: the latest), compared with the one before it.
    One(Option<&'a str>),
    /// Two points for `compare`, earlier first (`None`: by default the
    /// previous and the latest).
    Pair(Option<&'a str>, Option<&'a str>),
}

/// What a command asks to see.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// Whose answers.
    pub requested: Requested<'a>,
    /// Which point (or pair).
    pub at: At<'a>,
    /// Assessments taken before this day are left out before the team's rounds are formed.
    pub since: Option<Date>,
    /// Today, for due dates and the review.
    pub today: Date,
    /// Now: assessments dated more than a day later are from a wrong clock.
    pub now: Timestamp,
}

/// One point of a journey: one assessment of a person's, or a round of the team's.
#[derive(Debug, Clone)]
pub struct Point<'h> {
    /// The number `history` lists it by: an assessment's place among all by
    /// date (1 = oldest); a round's place among the rounds.
    pub number: usize,
    /// When its first assessment was taken.
    pub from: Timestamp,
    /// When its last assessment was taken.
    pub to: Timestamp,
    /// Its label: the assessment's, or the one every assessment of the round shares.
    pub label: Option<String>,
    /// The assessments that count (file indices), oldest first: the one, or
    /// each person's latest in the round.
    pub members: Vec<usize>,
    /// Every assessment in it (file indices), for selecting it by label.
    pub all: Vec<usize>,
    /// Each person who answered before but not in it and is still on the
    /// team, by their latest assessment before it (file indices; a round's only).
    pub left_out: Vec<usize>,
    /// The members on the team who have not answered in it (a round's only).
    pub awaited: Vec<String>,
    /// The answers: the person's own, or the team's (decided, else by the rule).
    pub answers: Cow<'h, Assessment>,
    /// The team's record of this round: each action's answer and why (a round's only).
    pub record: Option<RoundRecord>,
}

/// What a point is compared with: both sides' answers, like with like. Two
/// rounds are compared over the people who answered both, so an absence
/// never shows as a slip.
#[derive(Debug, Clone)]
pub struct Compared<'h> {
    /// The earlier side's answers, as that point stood.
    pub before: Cow<'h, Assessment>,
    /// The later side's answers, as that point stood.
    pub after: Cow<'h, Assessment>,
    /// When someone answered only one of two rounds: both rounds' answers over the people who
    /// answered both, which tell a change from one that comes only from who answered.
    pub both: Option<(Assessment, Assessment)>,
    /// The people who answered both rounds (empty for one person).
    pub over: Vec<Option<String>>,
    /// Who answered only the earlier round.
    pub only_before: Vec<Option<String>>,
    /// Who answered only the later round.
    pub only_after: Vec<Option<String>>,
}

/// A subject resolved: its whole journey, the point shown, what that is
/// compared with, and the plan as of today.
#[derive(Debug, Clone)]
pub struct Snapshot<'h> {
    /// The answers file.
    pub history: &'h History,
    /// Whose answers these are.
    pub subject: Subject,
    /// Every point of the journey, oldest first.
    pub points: Vec<Point<'h>>,
    /// The point shown (index into `points`).
    pub now: usize,
    /// The point it is compared with, if any (index into `points`).
    pub before: Option<usize>,
    /// Both sides of the comparison, when there is one.
    pub compared: Option<Compared<'h>>,
    /// `--since` was given for one person, whose view shows every assessment.
    pub since_ignored: bool,
    /// The team's plan.
    pub plan: &'h Plan,
    /// When the team reviews next, if the plan says.
    pub next_review: Option<Date>,
    /// True when that date has passed with no assessment taken since.
    pub review_overdue: bool,
    /// Today.
    pub today: Date,
    /// The team's decisions read against its rounds (the team's only).
    pub record: Option<Record<'h>>,
    /// The team today: the latest round, with the steps done since it (the team's only).
    pub team_today: Option<Today>,
    /// Whether the point shown was chosen (`--at`), not the latest by default.
    pub chosen: bool,
    /// Now, when it was resolved.
    pub resolved_at: Timestamp,
}

/// The team today: its latest round, with the steps done since that round (which count from the
/// next one) counted in.
#[derive(Debug, Clone)]
pub struct Today {
    /// Each action's answer and why; a step done since the round is marked pending.
    pub record: RoundRecord,
    /// The answers, for the stage rule and the plan.
    pub answers: Assessment,
}

/// Why no point could be shown; the shell words each, knowing whose it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The subject has no assessment at all.
    NoAssessments,
    /// `--since` left nothing to form rounds from.
    NothingSince(Date),
    /// A selector matched none of `count` points.
    NoSuch {
        /// What was asked for.
        selector: String,
        /// How many points there are.
        count: usize,
    },
    /// `compare` needs two points; there are `count`.
    NothingToCompare {
        /// How many points there are.
        count: usize,
    },
    /// Both sides of a comparison are point `number`; `latest` when the
    /// later side was the default.
    Same {
        /// The point's number, as `history` lists it.
        number: usize,
        /// Whether the later side was chosen by default.
        latest: bool,
    },
}

/// A miss, and whose journey it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    /// Whose answers were looked in.
    pub subject: Subject,
    /// What was missed.
    pub miss: Miss,
}

impl<'h> Snapshot<'h> {
    /// The point shown.
    pub fn point(&self) -> &Point<'h> {
        &self.points[self.now]
    }

    /// The assessment at file index `i`.
    pub fn assessment(&self, i: usize) -> &'h Assessment {
        &self.history.assessments[i]
    }

    /// True when the subject is the team.
    pub fn is_team(&self) -> bool {
        self.subject == Subject::Team
    }

    /// The steps done since the latest round, which count from the next one: shown under the
    /// latest round when it is shown by default (a chosen round shows as it stood, alone).
    pub fn pending(&self) -> Vec<(&str, &crate::core::record::TeamAnswer)> {
        self.today_shown().map_or_else(Vec::new, |t| {
            let pending = t.record.actions.iter().filter(|(_, a)| a.pending);
            pending.map(|(id, a)| (id.as_str(), a)).collect()
        })
    }

    /// What changed from the point compared with to the point shown: each as it stood, a change
    /// that comes only from who answered marked so (never a slip). `None` without a comparison.
    pub fn comparison(&self, framework: &Framework) -> Option<crate::core::compare::Comparison> {
        let c = self.compared.as_ref()?;
        let both = c.both.as_ref().map(|(b, a)| (b, a));
        Some(crate::core::compare::compare_rounds(
            framework,
            (&c.before, &c.after),
            both,
        ))
    }

    /// When the point shown stopped being the latest (the next one began): what was recorded
    /// after that is not part of its picture. `None` for the latest.
    pub fn closed_at(&self) -> Option<Timestamp> {
        self.points.get(self.now + 1).map(|p| p.from)
    }

    /// The team today, when the latest round is shown by default: the plan works from it.
    fn today_shown(&self) -> Option<&Today> {
        let shown_by_default = !self.chosen && self.now + 1 == self.points.len();
        self.team_today.as_ref().filter(|_| shown_by_default)
    }

    /// The answers the plan works from: the team's today when the latest round is shown by
    /// default (steps done since it count), else the point's own.
    pub fn plan_answers(&self) -> &Assessment {
        self.today_shown()
            .map_or(&self.point().answers, |t| &t.answers)
    }

    /// The team's record the plan works from, as [`Snapshot::plan_answers`] (none for a person).
    pub fn plan_record(&self) -> Option<&RoundRecord> {
        self.today_shown()
            .map(|t| &t.record)
            .or(self.point().record.as_ref())
    }

    /// When the plan's answers stand: now for the team today, else when the point ended.
    pub fn plan_time(&self) -> Timestamp {
        if self.today_shown().is_some() {
            self.resolved_at
        } else {
            self.point().to
        }
    }

    /// The numbers of the points `member` (a roster name) answered in, by the roster's names.
    pub fn answered_by(&self, names: &Names, member: &str) -> Vec<usize> {
        let key = Some(crate::core::names::fold(member));
        let of = |i: &usize| names.key(self.assessment(*i).respondent.as_deref());
        let points = self
            .points
            .iter()
            .filter(|p| p.members.iter().any(|i| of(i) == key));
        points.map(|p| p.number).collect()
    }

    /// The plan from the point shown (the team's today, with steps done since its latest round,
    /// when that is shown by default), for the domains with ids in `only` (empty: all).
    pub fn plan_overview(&self, framework: &Framework, only: &[String]) -> Overview<'h> {
        let over_time = self.over_time();
        let standing = Basis {
            answers: self.plan_answers(),
            record: self.plan_record(),
            over_time: &over_time,
            evidence: &self.history.evidence,
            today: self.today,
        };
        let before = self.compared.as_ref().map(|c| &*c.before);
        let mut overview = planning::overview(framework, self.plan, standing, only);
        overview.progress = self.plan_progress(before, (self.plan_answers(), self.plan_time()));
        overview
    }

    /// How the plan moved from `before` to `after` (answers standing at its time), as of today,
    /// measured against the answers when it was set (`planning::progress`); none when it plans
    /// nothing.
    pub fn plan_progress(
        &self,
        before: Option<&Assessment>,
        after: (&Assessment, Timestamp),
    ) -> Option<Progress<'h>> {
        planning::progress(self.plan, &self.over_time(), before, after, self.today)
    }

    /// The subject's answers over time up to the point shown, oldest first,
    /// each with when its point ended: for when an action was first seen in place.
    pub fn over_time(&self) -> Vec<(Timestamp, &Assessment)> {
        self.points[..=self.now]
            .iter()
            .map(|p| (p.to, &*p.answers))
            .collect()
    }
}

/// Whether a new round is being gathered as of `now`: the review is due, or
/// the latest round is over (an assessment now would start a new one).
pub fn gathering(s: &Snapshot, now: Timestamp) -> bool {
    s.review_overdue
        || s.points
            .last()
            .is_none_or(|p| now.duration_since(p.to) > rounds::ROUND_GAP)
}

/// Resolves what `selection` asks to see in `history`.
pub fn resolve<'h>(
    framework: &Framework,
    history: &'h History,
    selection: &Selection,
) -> Result<Snapshot<'h>, Missed> {
    let team = roster::members(history);
    let whose = match selection.requested {
        // "sam" is the "Sam" of the roster or the file, as they spell it.
        Requested::Person(who) => Subject::Person(who.map(|w| {
            roster::member_named(&team, w)
                .map_or_else(|| known_spelling(history, w), str::to_string)
        })),
        Requested::Team => Subject::Team,
        Requested::Auto if several_people(history) => Subject::Team,
        Requested::Auto => Subject::Person({
            let names = Names::new(&team);
            let gone = withdrawn(history, |n| names.key(n));
            (0..history.assessments.len())
                .find(|&i| gone.is_live(i))
                .and_then(|i| history.assessments[i].respondent.clone())
        }),
    };
    let (points, record) = match &whose {
        Subject::Team => {
            let (points, record) = team_points(framework, history, &team, selection);
            (points, Some(record))
        }
        Subject::Person(who) => (
            person_points(history, &team, who.as_deref(), selection.now),
            None,
        ),
    };
    let missed = |miss| Missed {
        subject: whose.clone(),
        miss,
    };
    if points.is_empty() {
        return Err(missed(match (&whose, selection.since) {
            (Subject::Team, Some(since)) => Miss::NothingSince(since),
            _ => Miss::NoAssessments,
        }));
    }
    let is_team = whose == Subject::Team;
    let (before, now) = match selection.at {
        At::One(selector) => {
            let now = pick(history, &points, is_team, selector).map_err(missed)?;
            (now.checked_sub(1), now)
        }
        At::Pair(a, b) => {
            let (a, b) = pick_pair(history, &points, is_team, a, b).map_err(missed)?;
            (Some(a), b)
        }
    };
    let compared = before.map(|b| {
        let sides = (&points[b], &points[now]);
        compare_like_with_like(framework, history, &team, sides, record.as_ref())
    });
    let team_today = record.as_ref().map(|record| {
        let latest = &points[points.len() - 1];
        let members: Vec<&Assessment> = latest
            .members
            .iter()
            .map(|&i| &history.assessments[i])
            .collect();
        let record = record.round(framework, latest.number - 1, &latest.members, true);
        let answers = record.assessment(framework, &members, latest.to, latest.label.clone());
        Today { record, answers }
    });
    let latest = history
        .assessments
        .iter()
        .map(|a| a.taken_at)
        .filter(|t| *t <= selection.now)
        .max();
    Ok(Snapshot {
        history,
        since_ignored: selection.since.is_some() && !is_team,
        subject: whose,
        points,
        now,
        before,
        compared,
        plan: &history.plan,
        next_review: planning::next_review(&history.plan, latest),
        review_overdue: planning::review_overdue(&history.plan, latest, selection.today).is_some(),
        today: selection.today,
        record,
        team_today,
        // The later side of a comparison is the latest by default, as a view's point is.
        chosen: !matches!(selection.at, At::One(None) | At::Pair(_, None)),
        resolved_at: selection.now,
    })
}

/// Both sides of a comparison: one person's answers as they are; two
/// rounds' worked out over the people who answered both (each round whole
/// when nobody did).
fn compare_like_with_like<'h>(
    framework: &Framework,
    history: &'h History,
    team: &roster::Roster,
    (before, after): (&Point<'h>, &Point<'h>),
    record: Option<&Record<'h>>,
) -> Compared<'h> {
    type People = Vec<Option<String>>;
    let whole = |over: People, only_before: People, only_after: People| Compared {
        before: before.answers.clone(),
        after: after.answers.clone(),
        both: None,
        over,
        only_before,
        only_after,
    };
    let Some(record) = record else {
        return whole(Vec::new(), Vec::new(), Vec::new());
    };
    let names = Names::new(team);
    let key = |i: &usize| names.key(history.assessments[*i].respondent.as_deref());
    let name = |i: &usize| history.assessments[*i].respondent.clone();
    let keys_after: Vec<_> = after.members.iter().map(key).collect();
    let keys_before: Vec<_> = before.members.iter().map(key).collect();
    let (both_before, only_before): (Vec<usize>, Vec<usize>) = before
        .members
        .iter()
        .partition(|i| keys_after.contains(&key(i)));
    let (both_after, only_after): (Vec<usize>, Vec<usize>) = after
        .members
        .iter()
        .partition(|i| keys_before.contains(&key(i)));
    let names = |list: &[usize]| list.iter().map(name).collect::<Vec<_>>();
    if both_after.is_empty() || (only_before.is_empty() && only_after.is_empty()) {
        return whole(names(&both_after), names(&only_before), names(&only_after));
    }
    let side = |point: &Point<'h>, members: &[usize]| {
        let answers = record.round(framework, point.number - 1, members, false);
        let members: Vec<&Assessment> = members.iter().map(|&i| &history.assessments[i]).collect();
        answers.assessment(framework, &members, point.to, point.label.clone())
    };
    Compared {
        before: before.answers.clone(),
        after: after.answers.clone(),
        both: Some((side(before, &both_before), side(after, &both_after))),
        over: names(&both_after),
        only_before: names(&only_before),
        only_after: names(&only_after),
    }
}

/// Whether the file holds more than one person's assessments (no name
/// counts as one person; spellings of one member are one person).
pub fn several_people(history: &History) -> bool {
    let team = roster::members(history);
    let names = Names::new(&team);
    let key = |i: usize| names.key(history.assessments[i].respondent.as_deref());
    let gone = withdrawn(history, |n| names.key(n));
    let mut live = (0..history.assessments.len()).filter(|&i| gone.is_live(i));
    let first = live.next().map(key);
    live.any(|i| Some(key(i)) != first)
}

/// Every assessment of `who`'s, oldest first, numbered by their place among
/// all (one dated in the future waits outside until its date).
fn person_points<'h>(
    history: &'h History,
    team: &roster::Roster,
    who: Option<&str>,
    now: Timestamp,
) -> Vec<Point<'h>> {
    let mut order: Vec<usize> = (0..history.assessments.len()).collect();
    order.sort_by_key(|&i| history.assessments[i].taken_at);
    let names = Names::new(team);
    let wanted = names.key(who);
    let gone = withdrawn(history, |n| names.key(n));
    order
        .into_iter()
        .enumerate()
        .filter(|&(_, i)| {
            let a = &history.assessments[i];
            names.key(a.respondent.as_deref()) == wanted && a.taken_at <= now + rounds::CLOCK_SLACK
        })
        .filter(|&(_, i)| gone.is_live(i))
        .map(|(place, i)| {
            let a = &history.assessments[i];
            Point {
                number: place + 1,
                from: a.taken_at,
                to: a.taken_at,
                label: a.label.clone(),
                members: vec![i],
                all: vec![i],
                left_out: Vec::new(),
                awaited: Vec::new(),
                answers: Cow::Borrowed(a),
                record: None,
            }
        })
        .collect()
}

/// The team's rounds, each with the team's record (its answers and why) and who it waits for,
/// and the team's decisions read against them.
fn team_points<'h>(
    framework: &Framework,
    history: &'h History,
    team: &roster::Roster,
    selection: &Selection,
) -> (Vec<Point<'h>>, Record<'h>) {
    let at = |i: usize| history.assessments[i].taken_at;
    let names = Names::new(team);
    let key = |i: usize| names.key(history.assessments[i].respondent.as_deref());
    let rounds = rounds::rounds(history, team, selection.since, selection.now);
    let record = Record::new(history, &rounds, &names, selection.now);
    // When each person first answered (in a round): a member with no joining date is on the team
    // from then, so an earlier round, as it stood, never waits for them.
    let mut first: std::collections::HashMap<Option<String>, Timestamp> =
        std::collections::HashMap::new();
    for &i in rounds.iter().flat_map(|r| &r.all) {
        let earliest = first.entry(key(i)).or_insert(at(i));
        *earliest = (*earliest).min(at(i));
    }
    let last = rounds.len().saturating_sub(1);
    let points = rounds
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let (from, to) = (at(r.all[0]), at(r.all[r.all.len() - 1]));
            let label = round_label(history, &r.all);
            let members: Vec<&Assessment> =
                r.members.iter().map(|&i| &history.assessments[i]).collect();
            let answers = record.round(framework, n, &r.members, false);
            let assessment = answers.assessment(framework, &members, to, label.clone());
            let answered: std::collections::HashSet<Option<String>> =
                r.members.iter().map(|&i| key(i)).collect();
            let (start, end) = (day_of(from), day_of(to));
            let joined = |name: &str, m: &roster::Member| match m.joined {
                Some(j) => j <= end,
                None => n == last || first.get(&names.key(Some(name))).is_some_and(|t| *t <= to),
            };
            let on_team = |name: &str| {
                let m = team.get(name);
                m.is_some_and(|m| m.left.is_none_or(|l| l > start) && joined(name, m))
            };
            Point {
                number: n + 1,
                from,
                to,
                label,
                left_out: r
                    .left_out
                    .into_iter()
                    .filter(|&i| {
                        let respondent = history.assessments[i].respondent.as_deref();
                        names.member(respondent.unwrap_or("")).is_none_or(on_team)
                    })
                    .collect(),
                awaited: team
                    .keys()
                    .filter(|name| {
                        on_team(name) && !answered.contains(&Some(crate::core::names::fold(name)))
                    })
                    .cloned()
                    .collect(),
                members: r.members,
                all: r.all,
                answers: Cow::Owned(assessment),
                record: Some(answers),
            }
        })
        .collect();
    (points, record)
}

/// A round's label: the one most of its assessments carry (ignoring case;
/// a tie goes to the latest).
fn round_label(history: &History, all: &[usize]) -> Option<String> {
    // Each label folded once and counted by hash: a round of thousands costs what it is long.
    let labels: Vec<(&str, String)> = all
        .iter()
        .filter_map(|&i| history.assessments[i].label.as_deref())
        .map(|l| (l, crate::core::answers::label_key(l)))
        .collect();
    let mut votes: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, key) in &labels {
        *votes.entry(key).or_default() += 1;
    }
    labels
        .iter()
        .max_by_key(|(_, key)| votes[key.as_str()])
        .map(|(l, _)| l.to_string())
}

/// The point `selector` names. A number is as `history` lists them (1 =
/// oldest; -1 = the latest); a date (`2026-09-03`, UTC) one person's
/// assessment that day, or the team's round containing it, else the latest
/// round before it; anything else a label (the latest point with it,
/// ignoring case).
fn select(history: &History, points: &[Point], team: bool, selector: &str) -> Option<usize> {
    let s = selector.trim();
    if let Ok(n) = s.parse::<i64>() {
        return match n {
            1.. => points.iter().position(|p| p.number as i64 == n),
            ..0 => points
                .len()
                .checked_sub(usize::try_from(n.unsigned_abs()).ok()?),
            0 => None,
        };
    }
    if s.len() == 10
        && let Ok(date) = s.parse::<Date>()
    {
        return if team {
            points.iter().rposition(|p| day_of(p.from) <= date)
        } else {
            points.iter().rposition(|p| day_of(p.to) == date)
        };
    }
    points.iter().rposition(|p| {
        p.all
            .iter()
            .any(|&i| label_is(history.assessments[i].label.as_deref(), s))
    })
}

/// The point shown: the one `selector` names, else the latest.
fn pick(
    history: &History,
    points: &[Point],
    team: bool,
    selector: Option<&str>,
) -> Result<usize, Miss> {
    match selector {
        Some(s) => select(history, points, team, s).ok_or_else(|| Miss::NoSuch {
            selector: s.to_string(),
            count: points.len(),
        }),
        None => Ok(points.len() - 1),
    }
}

/// The two points `compare` shows: by default the latest and the one before;
/// with only the first named, that one and the latest.
fn pick_pair(
    history: &History,
    points: &[Point],
    team: bool,
    a: Option<&str>,
    b: Option<&str>,
) -> Result<(usize, usize), Miss> {
    let (earlier, later) = match a {
        None => {
            let later = pick(history, points, team, b)?;
            let earlier = later.checked_sub(1).ok_or(Miss::NothingToCompare {
                count: points.len(),
            })?;
            (earlier, later)
        }
        Some(a) => (
            pick(history, points, team, Some(a))?,
            pick(history, points, team, b)?,
        ),
    };
    if earlier == later {
        return Err(Miss::Same {
            number: points[later].number,
            latest: b.is_none(),
        });
    }
    Ok((earlier, later))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::grid;

    /// Assessments `(when, label, respondent)`.
    fn history_of(rows: &[(&str, Option<&str>, Option<&str>)]) -> History {
        let f = grid(1, 1);
        let mut h = History::default();
        for (when, label, who) in rows {
            let mut a = Assessment::new(&f, when.parse().unwrap());
            a.label = label.map(str::to_string);
            a.respondent = who.map(str::to_string);
            h.assessments.push(a);
        }
        h
    }

    fn resolved(
        h: &History,
        whom: Requested,
        at: At,
    ) -> Result<(Subject, usize, Option<usize>), Miss> {
        let selection = Selection {
            requested: whom,
            at,
            since: None,
            today: jiff::civil::date(2027, 1, 1),
            now: "2027-01-01T12:00:00Z".parse().unwrap(),
        };
        resolve(&grid(1, 1), h, &selection)
            .map(|s| {
                (
                    s.subject.clone(),
                    s.points[s.now].number,
                    s.before.map(|b| s.points[b].number),
                )
            })
            .map_err(|m| m.miss)
    }

    fn one_person() -> History {
        history_of(&[
            ("2026-09-03T15:00:00Z", Some("Autumn review"), Some("Ann")),
            ("2026-03-01T10:00:00Z", Some("Spring"), Some("Ann")),
            ("2026-12-01T10:00:00Z", None, Some("Ann")),
        ])
    }

    #[test]
    fn one_persons_file_is_that_persons_journey_by_date_not_file_order() {
        let h = one_person();
        let (whose, now, before) = resolved(&h, Requested::Auto, At::One(None)).unwrap();
        assert_eq!(whose, Subject::Person(Some("Ann".into())));
        assert_eq!((now, before), (3, Some(2)));
        assert_eq!(
            resolved(&h, Requested::Auto, At::One(Some("1"))).unwrap().1,
            1
        );
        assert_eq!(
            resolved(&h, Requested::Auto, At::One(Some("-2")))
                .unwrap()
                .1,
            2
        );
        assert_eq!(
            resolved(&h, Requested::Auto, At::One(Some("spring")))
                .unwrap()
                .1,
            1
        );
        assert_eq!(
            resolved(&h, Requested::Auto, At::One(Some("2026-09-03")))
                .unwrap()
                .1,
            2
        );
        assert_eq!(
            resolved(&h, Requested::Auto, At::One(Some("2026-09-04"))),
            Err(Miss::NoSuch {
                selector: "2026-09-04".into(),
                count: 3
            }),
            "one person's date is that day only"
        );
        assert!(matches!(
            resolved(&h, Requested::Auto, At::One(Some("0"))),
            Err(Miss::NoSuch { .. })
        ));
    }

    #[test]
    fn several_people_make_the_team_the_subject_unless_one_is_named() {
        let mut h = one_person();
        h.assessments[2].respondent = Some("Bob".into());
        assert_eq!(
            resolved(&h, Requested::Auto, At::One(None)).unwrap().0,
            Subject::Team
        );
        let (whose, now, before) =
            resolved(&h, Requested::Person(Some("ann")), At::One(None)).unwrap();
        assert_eq!(
            whose,
            Subject::Person(Some("Ann".into())),
            "as the file spells the name"
        );
        assert_eq!(
            (now, before),
            (2, Some(1)),
            "Ann's latest is #2 in the file by date"
        );
        assert!(
            matches!(
                resolved(&h, Requested::Person(Some("ann")), At::One(Some("3"))),
                Err(Miss::NoSuch { .. })
            ),
            "#3 is Bob's"
        );
        assert_eq!(
            resolved(&h, Requested::Person(Some("Cat")), At::One(None)),
            Err(Miss::NoAssessments)
        );
    }

    #[test]
    fn the_teams_rounds_are_picked_by_number_date_and_label() {
        let h = history_of(&[
            ("2026-01-01T09:00:00Z", Some("June"), Some("A")),
            ("2026-01-03T09:00:00Z", Some("June"), Some("B")),
            ("2026-06-30T09:00:00Z", Some("December"), Some("A")),
            ("2026-07-02T09:00:00Z", None, Some("B")),
        ]);
        let round = |s: &str| resolved(&h, Requested::Auto, At::One(Some(s))).map(|r| r.1);
        assert_eq!(round("1"), Ok(1));
        assert_eq!(round("-1"), Ok(2));
        assert!(round("3").is_err());
        assert_eq!(round("2026-01-02"), Ok(1), "a date inside a round");
        assert_eq!(
            round("2026-03-01"),
            Ok(1),
            "else the latest round before it"
        );
        assert!(round("2025-12-01").is_err());
        assert_eq!(round("june"), Ok(1));
        assert_eq!(round("December"), Ok(2), "some assessment has the label");
        let s = resolve(
            &grid(1, 1),
            &h,
            &Selection {
                requested: Requested::Auto,
                at: At::One(None),
                since: None,
                today: jiff::civil::date(2027, 1, 1),
                now: "2027-01-01T12:00:00Z".parse().unwrap(),
            },
        )
        .unwrap();
        assert_eq!(s.points[0].label.as_deref(), Some("June"));
        assert_eq!(
            s.points[1].label.as_deref(),
            Some("December"),
            "the label most of its assessments carry, though one has none"
        );
        let mut tie = h.clone();
        tie.assessments[1].label = Some("Summer".into());
        assert_eq!(
            round_label(&tie, &[0, 1]).as_deref(),
            Some("Summer"),
            "a tie goes to the latest"
        );
    }

    #[test]
    fn compare_takes_the_previous_and_the_latest_unless_told() {
        let h = one_person();
        let pair = |a, b| resolved(&h, Requested::Auto, At::Pair(a, b)).map(|r| (r.2, r.1));
        assert_eq!(pair(None, None), Ok((Some(2), 3)));
        assert_eq!(pair(Some("1"), None), Ok((Some(1), 3)));
        assert_eq!(
            pair(Some("3"), Some("1")),
            Ok((Some(3), 1)),
            "backwards in time is allowed"
        );
        assert_eq!(
            pair(Some("-1"), None),
            Err(Miss::Same {
                number: 3,
                latest: true
            })
        );
        assert_eq!(
            pair(Some("2"), Some("2")),
            Err(Miss::Same {
                number: 2,
                latest: false
            })
        );
        let single = history_of(&[("2026-01-01T09:00:00Z", None, None)]);
        assert_eq!(
            resolved(&single, Requested::Auto, At::Pair(None, None)),
            Err(Miss::NothingToCompare { count: 1 })
        );
    }

    #[test]
    fn since_that_leaves_nothing_is_named_for_the_team() {
        let mut h = one_person();
        h.assessments[2].respondent = Some("Bob".into());
        let s = Selection {
            requested: Requested::Auto,
            at: At::One(None),
            since: Some(jiff::civil::date(2030, 1, 1)),
            today: jiff::civil::date(2027, 1, 1),
            now: "2027-01-01T12:00:00Z".parse().unwrap(),
        };
        assert_eq!(
            resolve(&grid(1, 1), &h, &s).unwrap_err().miss,
            Miss::NothingSince(jiff::civil::date(2030, 1, 1))
        );
    }

    #[test]
    fn the_plan_overview_carries_how_far_the_plan_has_come() {
        let f = grid(1, 2);
        let mut h = History::default();
        for (when, answer) in [
            ("2026-09-01T10:00:00Z", crate::core::answers::Answer::NotYet),
            (
                "2026-12-01T10:00:00Z",
                crate::core::answers::Answer::InPlace,
            ),
        ] {
            let mut a = Assessment::new(&f, when.parse().unwrap());
            a.answers.insert("d0.a0".into(), answer);
            h.assessments.push(a);
        }
        let set: Timestamp = "2026-10-01T10:00:00Z".parse().unwrap();
        h.plan.set_step("d0.a0", Some("Sam".into()), None, set);
        h.plan.set_step("d1.a0", Some("Jo".into()), None, set);
        let s = crate::tests::latest(&f, &h);
        let overview = s.plan_overview(&f, &[]);
        let progress = overview.progress.expect("the plan plans something");
        assert_eq!(progress.moves.planned, 2);
        assert_eq!(
            progress.moves.now_in_place,
            ["d0.a0"],
            "in place since it was set"
        );
        assert_eq!(overview.domains.len(), 2);
    }
}
