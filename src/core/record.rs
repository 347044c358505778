//! The team's record over time: for any round (or today), each action's team answer and why.
//!
//! - **A round's picture stays as it stood.** A round's team answers are its members' answers by
//!   the majority rule ([`Tally::team_answer`]), overridden by the decisions of its meeting and by
//!   decisions still standing from before it. A decision recorded after the next round began never
//!   changes an earlier round: an agreement for round N recorded after round N+1 began is left out
//!   (and named), and a step done between reviews counts only in rounds that begin after its date.
//! - **A step done between reviews counts from its date**: in every round whose first assessment
//!   falls on a day after it, in no other, whenever it was recorded; until such a round begins, it
//!   is *pending* (the view of today counts it, a round's view names it).
//! - **A settled point stays settled while nobody changes their answer.** Each person's baseline
//!   is their answer in the round a point was decided (for a done step, their latest answer before
//!   its date). A decided answer stands in later rounds; it becomes *to confirm* when someone's
//!   answer now differs from both their baseline and the decided answer (or someone without a
//!   baseline differs from it). One changed answer never overturns it; only a new decision does.
//!   A point left to the rule is decided by each round's majority and is *reopened* when someone's
//!   answer differs from their baseline. Leaving a point to the rule ends any earlier decision.
//! - The latest decision in force wins, by when it was recorded; one dated more than a day ahead (a
//!   wrong clock) counts as made a moment before now, as the next save dates it.

use std::collections::HashMap;

use indexmap::IndexMap;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::core::answers::{Answer, Assessment, History};
use crate::core::framework::Framework;
use crate::core::names::Names;
use crate::core::rounds::Round;
use crate::core::tally::Tally;
use crate::core::time::day_of;

/// Where the team's answer to an action comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The majority rule over the round's answers.
    Rule,
    /// This round's meeting agreed it.
    Agreed,
    /// An earlier round's meeting agreed it, and it still stands.
    Standing,
    /// A step done between reviews (`plan done`).
    Done,
}

/// How a decision was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// In the meeting of a round (an index into the rounds; `None`: a round before the first one
    /// formed, as when `--since` leaves it out).
    Meeting(Option<usize>),
    /// Between reviews: in place from this day.
    Done(Date),
}

/// A decision of the team's about one action, as the record reads the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Its place in the file's `agreements`.
    pub entry: usize,
    /// The action's id.
    pub action: String,
    /// The answer decided; `None`: left to the majority rule.
    pub answer: Option<Answer>,
    /// How it was made.
    pub made: Made,
    /// When it was recorded.
    pub at: Timestamp,
    /// The meeting's (or the done step's) comment.
    pub comment: Option<String>,
    /// Its place in time: when recorded (a wrong clock's date counts as a moment before now); two
    /// recorded in the same millisecond are ordered by what they say, so copies merged either way
    /// read alike.
    order: (Timestamp, String),
}

impl Decision {
    /// The round it belongs to: the meeting's; none for a done step.
    pub fn round(&self) -> Option<usize> {
        match self.made {
            Made::Meeting(r) => r,
            Made::Done(_) => None,
        }
    }

    /// The day a done step is in place from.
    pub fn since(&self) -> Option<Date> {
        match self.made {
            Made::Done(day) => Some(day),
            Made::Meeting(_) => None,
        }
    }
}

/// Why an entry of the file's `agreements` counts in no round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// An agreement for round `round` (an index) recorded after the next round began.
    RecordedLate {
        /// Its place in the file's `agreements`.
        entry: usize,
        /// The round it was for.
        round: usize,
    },
    /// An agreement for a round before any assessment, recorded after the first round began.
    NoSuchRound {
        /// Its place in the file's `agreements`.
        entry: usize,
    },
    /// An entry with neither a round nor a date it is in place from.
    Undated {
        /// Its place in the file's `agreements`.
        entry: usize,
    },
}

/// A change to the answers a round is worked out from, made after they were given: unlike a
/// decision recorded later, it changes the round's picture, and the views say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// When it was made.
    pub on: Timestamp,
    /// What it was.
    pub kind: CorrectionKind,
    /// Whose assessment it concerned.
    pub respondent: Option<String>,
    /// When that assessment was taken.
    pub taken_at: Timestamp,
}

/// What a correction to a round was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionKind {
    /// An assessment taken by mistake was withdrawn (`withdraw`).
    Withdrawn,
    /// A form given on paper was entered later (`assess --on`).
    PaperForm,
}

/// Whether an agreement goes with or against the vote of its round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Vote {
    /// It differs from the majority answer of its round.
    Override,
    /// It is the majority answer of its round.
    Matches,
    /// Its round's vote gave no majority (No agreement): the meeting decided where the rule could
    /// not.
    NoMajority,
}

/// The team's answer to one action in one round, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAnswer {
    /// The team's answer (`None`: nobody answered and nothing was decided).
    pub answer: Option<Answer>,
    /// Where it comes from.
    pub source: Source,
    /// The decision in force for the action, if any (one that left it to the rule included).
    pub decision: Option<Decision>,
    /// How the round's members answered it.
    pub tally: Tally,
    /// The members (assessment indices) whose answers make a decided answer a point to confirm.
    pub to_confirm: Vec<usize>,
    /// Left to the rule, and someone's answer differs from theirs when it was decided.
    pub reopened: bool,
    /// For an agreed answer: whether it went with the vote of its round.
    pub vote: Option<Vote>,
    /// A step done since the round (today's view only): it counts from the next round.
    pub pending: bool,
}

impl TeamAnswer {
    /// A decision in force that nobody's answer has called back: not asked again.
    pub fn settled(&self) -> bool {
        self.decision.is_some() && self.to_confirm.is_empty() && !self.reopened
    }

    /// The answer decided, where a decision (not "left to the rule") gives it.
    pub fn decided(&self) -> Option<Answer> {
        self.decision.as_ref().and_then(|d| d.answer)
    }

    /// Whether the answer decided differs from `answer` (someone's): the walk names the team's
    /// decision beside a last-time answer that differs.
    pub fn differs_from(&self, answer: Option<Answer>) -> bool {
        self.decided() != answer
    }
}

/// The team's answers in one round (or today), by action id in framework order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundRecord {
    /// Each action's answer and why; actions with no answer and no decision are left out.
    pub actions: IndexMap<String, TeamAnswer>,
}

impl RoundRecord {
    /// The team's answers as an assessment, for the stage rule and comparisons.
    pub fn assessment(
        &self,
        framework: &Framework,
        members: &[&Assessment],
        to: Timestamp,
        label: Option<String>,
    ) -> Assessment {
        let mut team = Assessment::new(framework, to);
        if let Some(latest) = members.last() {
            team.framework = latest.framework.clone();
        }
        team.label = label;
        let answered = self.actions.iter();
        team.answers
            .extend(answered.filter_map(|(id, t)| Some((id.clone(), t.answer?))));
        team
    }

    /// The actions a decision with an answer holds (agreed, standing or done), in framework order.
    pub fn decided(&self) -> impl Iterator<Item = (&String, &TeamAnswer)> {
        self.actions.iter().filter(|(_, t)| t.decided().is_some())
    }

    /// How many answers a decision gives (not the rule).
    pub fn decided_count(&self) -> usize {
        self.decided().count()
    }
}

/// The team's decisions read against its rounds: what counts where.
#[derive(Debug, Clone)]
pub struct Record<'h> {
    history: &'h History,
    /// Each round's first and last moment.
    spans: Vec<(Timestamp, Timestamp)>,
    /// Each round's members (assessment indices).
    members: Vec<Vec<usize>>,
    /// Each round's assessments (indices).
    all: Vec<Vec<usize>>,
    /// Each assessment's person, as the roster tells people apart.
    keys: Vec<Option<String>>,
    /// The decisions that count somewhere, by action, oldest first.
    by_action: HashMap<String, Vec<Decision>>,
    /// The entries that count nowhere.
    pub left_out: Vec<LeftOut>,
}

impl<'h> Record<'h> {
    /// Reads `history`'s decisions against `rounds` (oldest first), people told apart by `names`;
    /// entries dated after `now` are ordered as if made now.
    pub fn new(history: &'h History, rounds: &[Round], names: &Names, now: Timestamp) -> Self {
        let at = |i: usize| history.assessments[i].taken_at;
        let spans: Vec<(Timestamp, Timestamp)> = rounds
            .iter()
            .map(|r| (at(r.all[0]), at(r.all[r.all.len() - 1])))
            .collect();
        let keys = history
            .assessments
            .iter()
            .map(|a| names.key(a.respondent.as_deref()))
            .collect();
        let mut record = Record {
            history,
            members: rounds.iter().map(|r| r.members.clone()).collect(),
            all: rounds.iter().map(|r| r.all.clone()).collect(),
            spans,
            keys,
            by_action: HashMap::new(),
            left_out: Vec::new(),
        };
        for (entry, a) in history.agreements.iter().enumerate() {
            let made = match record.made(entry) {
                Ok(made) => made,
                Err(out) => {
                    record.left_out.push(out);
                    continue;
                }
            };
            let decision = Decision {
                entry,
                action: a.action.clone(),
                answer: a.answer,
                made,
                at: a.at,
                comment: a.comment.clone(),
                order: (
                    crate::core::answers::clock::ordered(a.at, now),
                    format!("{:?} {:?} {:?}", a.answer, made, a.comment),
                ),
            };
            record
                .by_action
                .entry(a.action.clone())
                .or_default()
                .push(decision);
        }
        for list in record.by_action.values_mut() {
            list.sort_by(|a, b| a.order.cmp(&b.order));
        }
        record
    }

    /// How many rounds there are.
    pub fn rounds(&self) -> usize {
        self.spans.len()
    }

    /// The first day of round `r`.
    fn first_day(&self, r: usize) -> Date {
        day_of(self.spans[r].0)
    }

    /// How entry `entry` of the file's agreements was made, or why it counts nowhere. A format-3
    /// `plan done` (a round and a day) is a done step when the day is after that round's last
    /// assessment, else an agreement of that round.
    fn made(&self, entry: usize) -> Result<Made, LeftOut> {
        let a = &self.history.agreements[entry];
        let round_of = |day: Date| (0..self.rounds()).rev().find(|&r| self.first_day(r) <= day);
        match (a.round, a.since) {
            (None, Some(since)) => Ok(Made::Done(since)),
            (None, None) => Err(LeftOut::Undated { entry }),
            (Some(day), since) => {
                let round = round_of(day);
                if let (Some(since), Some(r)) = (since, round)
                    && since > day_of(self.spans[r].1)
                {
                    return Ok(Made::Done(since));
                }
                // Recorded before the next round began, or it would change a round that has closed.
                let next = round.map_or(0, |r| r + 1);
                match self.spans.get(next) {
                    Some((from, _)) if a.at >= *from => Err(match round {
                        Some(round) => LeftOut::RecordedLate { entry, round },
                        None => LeftOut::NoSuchRound { entry },
                    }),
                    _ => Ok(Made::Meeting(round)),
                }
            }
        }
    }

    /// The corrections to round `r`'s answers, oldest first: assessments withdrawn from it, and
    /// forms given on paper entered in it more than a day after they were given, once the next
    /// round was on file. A form entered before that gathers the round rather than correcting it
    /// (a team whose first round is all on paper, entered in one sitting, corrected nothing).
    pub fn corrections(&self, r: usize) -> Vec<Correction> {
        let (from, to) = self.spans[r];
        let near = |t: Timestamp| {
            from.duration_since(t) <= crate::core::rounds::ROUND_GAP
                && t.duration_since(to) <= crate::core::rounds::ROUND_GAP
        };
        let withdrawn = self.history.withdrawn.iter().filter(|w| near(w.taken_at));
        let withdrawn = withdrawn.map(|w| Correction {
            on: w.at,
            kind: CorrectionKind::Withdrawn,
            respondent: w.respondent.clone(),
            taken_at: w.taken_at,
        });
        // When the next round was first on file: until then, round `r` was still being gathered.
        let recorded = |i: &usize| {
            let a = &self.history.assessments[*i];
            a.entered_at.unwrap_or(a.taken_at)
        };
        let closed = self
            .all
            .get(r + 1)
            .and_then(|next| next.iter().map(recorded).min());
        let late = |a: &Assessment| {
            let slack = crate::core::answers::clock::SLACK;
            a.entered_at
                .filter(|e| e.duration_since(a.taken_at) > slack && closed.is_some_and(|c| *e >= c))
        };
        let paper = self.all[r].iter().map(|&i| &self.history.assessments[i]);
        let paper = paper.filter_map(|a| {
            Some(Correction {
                on: late(a)?,
                kind: CorrectionKind::PaperForm,
                respondent: a.respondent.clone(),
                taken_at: a.taken_at,
            })
        });
        let mut all: Vec<Correction> = withdrawn.chain(paper).collect();
        all.sort_by_key(|c| (c.on, c.taken_at));
        all
    }

    /// Whether decision `d` counts in round `r` (`today`: as if a round began tomorrow).
    fn counts(&self, d: &Decision, r: usize, today: bool) -> bool {
        match d.made {
            Made::Meeting(round) => round.is_none_or(|b| b <= r),
            // In every round whose first assessment falls on a day after it, whenever it was
            // recorded: `plan done` refuses a day before the latest round began, so only a form
            // entered later with an earlier date can put a round before the recording.
            Made::Done(since) => today || self.first_day(r) > since,
        }
    }

    /// Each member's answer to `action` in round `r`, by person.
    fn answers_in(&self, r: usize, action: &str) -> HashMap<&Option<String>, Option<Answer>> {
        let answer = |i: usize| self.history.assessments[i].answer(action);
        self.members[r]
            .iter()
            .map(|&i| (&self.keys[i], answer(i)))
            .collect()
    }

    /// Each person's latest answer to `action` on a day before `day` (a done step's baseline).
    fn answers_before(&self, day: Date, action: &str) -> HashMap<&Option<String>, Option<Answer>> {
        let mut latest: HashMap<&Option<String>, (Timestamp, Option<Answer>)> = HashMap::new();
        for &i in self.all.iter().flatten() {
            let a = &self.history.assessments[i];
            let later = |(t, _): &(Timestamp, _)| *t <= a.taken_at;
            if day_of(a.taken_at) < day && latest.get(&self.keys[i]).is_none_or(later) {
                latest.insert(&self.keys[i], (a.taken_at, a.answer(action)));
            }
        }
        latest.into_iter().map(|(k, (_, a))| (k, a)).collect()
    }

    /// Each person's baseline for decision `d`: their answer when it was decided.
    fn baseline(&self, d: &Decision) -> HashMap<&Option<String>, Option<Answer>> {
        match d.made {
            Made::Meeting(Some(b)) => self.answers_in(b, &d.action),
            Made::Meeting(None) => HashMap::new(),
            Made::Done(since) => self.answers_before(since, &d.action),
        }
    }

    /// The team's answers in round `r` over `members` (assessment indices: the round's members,
    /// or those who answered both rounds of a comparison). With `today`, steps done since the
    /// round count too, marked pending.
    pub fn round(
        &self,
        framework: &Framework,
        r: usize,
        members: &[usize],
        today: bool,
    ) -> RoundRecord {
        let assessments = members.iter().map(|&i| &self.history.assessments[i]);
        let by_action = crate::core::tally::by_action(framework, assessments);
        let mut actions = IndexMap::new();
        for ((_, action), column) in framework.actions().zip(by_action) {
            let answers: Vec<(usize, Option<Answer>)> =
                members.iter().copied().zip(column).collect();
            let tally = Tally::of(answers.iter().map(|(_, a)| *a));
            let decision = self.by_action.get(&action.id).and_then(|list| {
                list.iter()
                    .rev()
                    .find(|d| self.counts(d, r, today))
                    .cloned()
            });
            let Some(d) = decision else {
                if let Some(answer) = tally.team_answer() {
                    let rule = TeamAnswer {
                        answer: Some(answer),
                        source: Source::Rule,
                        decision: None,
                        tally,
                        to_confirm: Vec::new(),
                        reopened: false,
                        vote: None,
                        pending: false,
                    };
                    actions.insert(action.id.clone(), rule);
                }
                continue;
            };
            let baseline = self.baseline(&d);
            let unchanged = |i: usize, a: Option<Answer>| {
                a.is_none() || baseline.get(&self.keys[i]).is_some_and(|b| *b == a)
            };
            let pending =
                today && matches!(d.made, Made::Done(since) if self.first_day(r) <= since);
            let answer = match d.answer {
                Some(x) => TeamAnswer {
                    answer: Some(x),
                    source: match d.made {
                        Made::Done(_) => Source::Done,
                        Made::Meeting(b) if b == Some(r) => Source::Agreed,
                        Made::Meeting(_) => Source::Standing,
                    },
                    to_confirm: (answers.iter())
                        .filter(|(i, a)| *a != Some(x) && !unchanged(*i, *a))
                        .map(|(i, _)| *i)
                        .collect(),
                    reopened: false,
                    vote: match d.made {
                        Made::Meeting(Some(b)) => {
                            let then = Tally::of(self.answers_in(b, &d.action).into_values());
                            Some(match then.team_answer() {
                                Some(Answer::NoAgreement) | None => Vote::NoMajority,
                                Some(vote) if vote == x => Vote::Matches,
                                Some(_) => Vote::Override,
                            })
                        }
                        _ => None,
                    },
                    tally,
                    decision: Some(d),
                    pending,
                },
                None => TeamAnswer {
                    answer: tally.team_answer(),
                    source: Source::Rule,
                    reopened: !answers.iter().all(|(i, a)| unchanged(*i, *a)),
                    to_confirm: Vec::new(),
                    vote: None,
                    tally,
                    decision: Some(d),
                    pending: false,
                },
            };
            if answer.answer.is_some() || answer.decision.is_some() {
                actions.insert(action.id.clone(), answer);
            }
        }
        RoundRecord { actions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::agreed::Agreement;
    use crate::core::answers::roster;
    use crate::core::rounds::rounds;
    use crate::tests::grid;
    use Answer::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// Three people answering one action each round: `answers[round][person]`, rounds a quarter
    /// apart from 2026-09-01 (round 1) to 2026-12-01 (round 2) and 2027-03-01 (round 3).
    fn team(answers: &[[Answer; 3]]) -> History {
        let f = grid(1, 1);
        let days = ["2026-09-01", "2026-12-01", "2027-03-01", "2027-06-01"];
        let mut h = History::default();
        for (r, round) in answers.iter().enumerate() {
            for (p, answer) in round.iter().enumerate() {
                let when = at(&format!("{}T1{p}:00:00Z", days[r]));
                let mut a = Assessment::new(&f, when);
                a.respondent = Some(["Sam", "Priya", "Alex"][p].into());
                a.answers.insert("d0.a0".into(), *answer);
                h.assessments.push(a);
            }
        }
        h
    }

    fn agree(h: &mut History, round: &str, answer: Option<Answer>, when: &str) {
        h.agreements.push(Agreement {
            round: Some(round.parse().unwrap()),
            action: "d0.a0".into(),
            answer,
            comment: Some("Said in the meeting".into()),
            present: vec![],
            at: at(when),
            since: None,
        });
    }

    fn done(h: &mut History, since: &str, when: &str) {
        h.agreements.push(Agreement {
            round: None,
            action: "d0.a0".into(),
            answer: Some(InPlace),
            comment: None,
            present: vec![],
            at: at(when),
            since: Some(since.parse().unwrap()),
        });
    }

    /// The team's answer to the one action in round `r` (0-based), as of 2027-06-30.
    fn answer_in(h: &History, r: usize, today: bool) -> TeamAnswer {
        let f = grid(1, 1);
        let team = roster::members(h);
        let now = at("2027-06-30T00:00:00Z");
        let rounds = rounds(h, &team, None, now);
        let record = Record::new(h, &rounds, &Names::new(&team), now);
        let answer = record.round(&f, r, &rounds[r].members, today);
        answer.actions["d0.a0"].clone()
    }

    #[test]
    fn a_paper_form_corrects_its_round_only_when_entered_once_the_next_round_was_on_file() {
        // Round 1 (2026-09-01) all on paper, entered on 2026-11-20, before round 2 (2026-12-01):
        // the round was gathered, not corrected. Alex's form entered on 2026-12-05 corrects it.
        let mut h = team(&[[InPlace; 3], [InPlace; 3]]);
        for a in &mut h.assessments[..2] {
            a.entered_at = Some(at("2026-11-20T09:00:00Z"));
        }
        h.assessments[2].entered_at = Some(at("2026-12-05T09:00:00Z"));
        let team_of = roster::members(&h);
        let now = at("2027-06-30T00:00:00Z");
        let rounds = rounds(&h, &team_of, None, now);
        let record = Record::new(&h, &rounds, &Names::new(&team_of), now);
        let corrected: Vec<_> = record
            .corrections(0)
            .iter()
            .map(|c| c.respondent.clone())
            .collect();
        assert_eq!(corrected, [Some("Alex".to_string())]);
        assert!(
            record.corrections(1).is_empty(),
            "the latest round is still being gathered"
        );
    }

    #[test]
    fn without_a_decision_the_majority_rule_gives_the_answer() {
        let h = team(&[[InPlace, InPlace, NotYet]]);
        let t = answer_in(&h, 0, false);
        assert_eq!((t.answer, t.source), (Some(InPlace), Source::Rule));
        assert!(!t.settled());
    }

    #[test]
    fn an_agreement_overrides_its_rounds_vote_and_stands_while_nobody_changes_their_answer() {
        let mut h = team(&[[InPlace, InPlace, NotYet], [InPlace, InPlace, NotYet]]);
        agree(
            &mut h,
            "2026-09-01",
            Some(InProgress),
            "2026-09-15T10:00:00Z",
        );
        let r1 = answer_in(&h, 0, false);
        assert_eq!((r1.answer, r1.source), (Some(InProgress), Source::Agreed));
        assert_eq!(r1.vote, Some(Vote::Override));
        assert!(r1.settled());
        let r2 = answer_in(&h, 1, false);
        assert_eq!((r2.answer, r2.source), (Some(InProgress), Source::Standing));
        assert_eq!(r2.decision.as_ref().and_then(Decision::round), Some(0));
        assert!(r2.settled() && r2.to_confirm.is_empty());
    }

    #[test]
    fn someone_changing_their_answer_makes_a_standing_agreement_a_point_to_confirm() {
        let mut h = team(&[[InPlace, InPlace, NotYet], [InPlace, NotYet, NotYet]]);
        agree(
            &mut h,
            "2026-09-01",
            Some(InProgress),
            "2026-09-15T10:00:00Z",
        );
        let r2 = answer_in(&h, 1, false);
        assert_eq!(
            r2.answer,
            Some(InProgress),
            "one changed answer never overturns it"
        );
        assert_eq!(r2.to_confirm, [4], "Priya's round-2 assessment");
        assert!(!r2.settled());
        let mut caught_up = team(&[[InPlace, InPlace, NotYet], [InPlace, InProgress, NotYet]]);
        agree(
            &mut caught_up,
            "2026-09-01",
            Some(InProgress),
            "2026-09-15T10:00:00Z",
        );
        assert!(
            answer_in(&caught_up, 1, false).settled(),
            "moving to the decided answer"
        );
    }

    #[test]
    fn a_step_done_between_reviews_counts_from_the_next_round_and_never_in_an_earlier_one() {
        let mut h = team(&[[NotYet, NotYet, InProgress], [NotYet, NotYet, InProgress]]);
        done(&mut h, "2026-10-28", "2026-10-28T12:00:00Z");
        let r1 = answer_in(&h, 0, false);
        assert_eq!(
            (r1.answer, r1.source),
            (Some(NotYet), Source::Rule),
            "round 1 as it stood"
        );
        let r2 = answer_in(&h, 1, false);
        assert_eq!((r2.answer, r2.source), (Some(InPlace), Source::Done));
        assert!(
            r2.settled(),
            "nobody changed their answer since the step was done"
        );
        let mut pending = team(&[[NotYet, NotYet, InProgress]]);
        done(&mut pending, "2026-10-28", "2026-10-28T12:00:00Z");
        assert_eq!(answer_in(&pending, 0, false).answer, Some(NotYet));
        let today = answer_in(&pending, 0, true);
        assert_eq!((today.answer, today.source), (Some(InPlace), Source::Done));
        assert!(today.pending, "it counts from the next round");
    }

    #[test]
    fn a_done_step_counts_in_a_round_entered_later_with_earlier_dates() {
        // Done on 2026-10-28, recorded 2026-12-10, after round 2's forms (2026-12-01) were entered
        // on paper: it still counts in round 2, which began after its day.
        let mut h = team(&[[NotYet, NotYet, NotYet], [NotYet, NotYet, NotYet]]);
        done(&mut h, "2026-10-28", "2026-12-10T12:00:00Z");
        assert_eq!(answer_in(&h, 1, false).source, Source::Done);
        assert_eq!(answer_in(&h, 0, false).source, Source::Rule);
    }

    #[test]
    fn catching_up_with_a_done_step_is_not_a_change_to_confirm() {
        let mut h = team(&[[NotYet, NotYet, InProgress], [InPlace, NotYet, InProgress]]);
        done(&mut h, "2026-10-28", "2026-10-28T12:00:00Z");
        let r2 = answer_in(&h, 1, false);
        assert!(r2.settled() && r2.to_confirm.is_empty(), "{r2:?}");
        let mut h = team(&[[NotYet, NotYet, InProgress], [DontKnow, NotYet, InProgress]]);
        done(&mut h, "2026-10-28", "2026-10-28T12:00:00Z");
        assert_eq!(
            answer_in(&h, 1, false).to_confirm,
            [3],
            "Don't know is a change"
        );
    }

    #[test]
    fn a_point_left_to_the_rule_stays_settled_until_an_answer_changes() {
        let mut h = team(&[
            [InPlace, NotYet, InProgress],
            [InPlace, NotYet, InProgress],
            [InPlace, InPlace, InProgress],
        ]);
        agree(&mut h, "2026-09-01", None, "2026-09-15T10:00:00Z");
        let r2 = answer_in(&h, 1, false);
        assert_eq!((r2.answer, r2.source), (Some(NoAgreement), Source::Rule));
        assert!(r2.settled());
        let r3 = answer_in(&h, 2, false);
        assert!(
            r3.reopened && !r3.settled(),
            "Priya changed: back on the agenda"
        );
        assert_eq!(r3.answer, Some(InPlace), "the majority decides");
    }

    #[test]
    fn leaving_a_point_to_the_rule_ends_an_earlier_agreement_or_done_step() {
        let mut h = team(&[[InPlace, InPlace, NotYet], [NotYet, NotYet, NotYet]]);
        agree(&mut h, "2026-09-01", Some(InPlace), "2026-09-15T10:00:00Z");
        agree(&mut h, "2026-09-01", None, "2026-09-16T10:00:00Z");
        assert_eq!(answer_in(&h, 0, false).source, Source::Rule);
        let mut h = team(&[[NotYet, NotYet, NotYet]]);
        done(&mut h, "2026-10-28", "2026-10-28T12:00:00Z");
        agree(&mut h, "2026-09-01", None, "2026-10-29T10:00:00Z");
        let today = answer_in(&h, 0, true);
        assert_eq!(
            (today.answer, today.pending),
            (Some(NotYet), false),
            "{today:?}"
        );
    }

    #[test]
    fn an_agreement_recorded_after_the_next_round_began_changes_nothing() {
        let mut h = team(&[[InPlace, InPlace, NotYet], [InPlace, InPlace, NotYet]]);
        agree(&mut h, "2026-09-01", Some(NotYet), "2026-12-05T10:00:00Z");
        assert_eq!(
            answer_in(&h, 0, false).source,
            Source::Rule,
            "round 1 as it stood"
        );
        assert_eq!(answer_in(&h, 1, false).source, Source::Rule);
        let team = roster::members(&h);
        let now = at("2027-06-30T00:00:00Z");
        let rounds = rounds(&h, &team, None, now);
        let record = Record::new(&h, &rounds, &Names::new(&team), now);
        assert_eq!(
            record.left_out,
            [LeftOut::RecordedLate { entry: 0, round: 0 }]
        );
    }

    #[test]
    fn a_format_3_plan_done_after_its_rounds_last_answer_is_a_done_step() {
        let mut h = team(&[[NotYet, NotYet, NotYet], [NotYet, NotYet, NotYet]]);
        h.agreements.push(Agreement {
            round: Some("2026-09-01".parse().unwrap()),
            action: "d0.a0".into(),
            answer: Some(InPlace),
            comment: None,
            present: vec![],
            at: at("2026-10-28T12:00:00Z"),
            since: Some("2026-10-28".parse().unwrap()),
        });
        assert_eq!(answer_in(&h, 0, false).source, Source::Rule);
        assert_eq!(answer_in(&h, 1, false).source, Source::Done);
    }

    #[test]
    fn two_decisions_of_one_millisecond_are_ordered_by_what_they_say_not_where_they_sit() {
        let mut one = team(&[[InPlace, InPlace, NotYet]]);
        agree(&mut one, "2026-09-01", Some(NotYet), "2026-09-20T10:00:00Z");
        agree(
            &mut one,
            "2026-09-01",
            Some(InProgress),
            "2026-09-20T10:00:00Z",
        );
        let mut other = one.clone();
        other.agreements.reverse();
        let (a, b) = (answer_in(&one, 0, false), answer_in(&other, 0, false));
        assert_eq!((a.answer, a.source), (b.answer, b.source));
        assert_eq!(a.decided(), b.decided(), "whichever sits later in the file");
    }

    #[test]
    fn the_latest_decision_wins_and_one_dated_in_the_future_counts_as_now() {
        let mut h = team(&[[InPlace, InPlace, NotYet]]);
        agree(&mut h, "2026-09-01", Some(NotYet), "2099-01-01T00:00:00Z");
        agree(
            &mut h,
            "2026-09-01",
            Some(InProgress),
            "2026-09-20T10:00:00Z",
        );
        assert_eq!(
            answer_in(&h, 0, false).answer,
            Some(NotYet),
            "2099 counts as now"
        );
        agree(&mut h, "2026-09-01", Some(InPlace), "2027-06-30T00:00:00Z");
        assert_eq!(
            answer_in(&h, 0, false).answer,
            Some(InPlace),
            "made now, later in the file: it wins"
        );
    }

    #[test]
    fn a_newcomer_answering_differently_from_a_standing_agreement_is_to_confirm() {
        let mut h = team(&[[InPlace, InPlace, InPlace], [InPlace, InPlace, InPlace]]);
        h.assessments.retain(|a| {
            !(a.respondent.as_deref() == Some("Alex") && a.taken_at < at("2026-10-01T00:00:00Z"))
        });
        h.assessments
            .last_mut()
            .unwrap()
            .answers
            .insert("d0.a0".into(), NotYet);
        agree(&mut h, "2026-09-01", Some(InPlace), "2026-09-15T10:00:00Z");
        let r2 = answer_in(&h, 1, false);
        assert_eq!(
            r2.to_confirm.len(),
            1,
            "Alex had no answer when it was decided"
        );
    }
}
