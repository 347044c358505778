//! What each command shows, as plain data built once from a resolved
//! [`Snapshot`]: serialised as JSON, and laid out as a [`Doc`] for every
//! other format. One builder per view; whether it shows a person or the
//! team is what the snapshot holds, never a second builder.
//!
//! [`Doc`]: crate::present::doc::Doc

pub mod compare;
pub mod evidence;
pub mod history;
pub mod page;
pub mod people;
pub mod plan;
pub mod report;
pub mod sheet;
pub mod team;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::core::answers::Answer;
use crate::core::evidence::in_place;
use crate::core::framework::Framework;
use crate::core::record::{self, RoundRecord, Source, Vote};
use crate::core::stage::Position;
use crate::core::subject::{Point, Snapshot};
use crate::core::tally::Tally;
use crate::present::doc::{Cell, Tone};

/// Which assessment a view shows, as JSON and headings name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentInfo {
    /// Its place by date, 1 = oldest (as `history` numbers them).
    pub number: usize,
    /// When it was taken (UTC).
    pub taken_at: Timestamp,
    /// Its label, if any.
    pub label: Option<String>,
    /// Its respondent, if any.
    pub respondent: Option<String>,
    /// The framework id it was taken against.
    pub framework_id: String,
    /// The framework version it was taken against.
    pub framework_version: String,
}

/// A round of the team's, as JSON and headings name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundInfo {
    /// 1 = the oldest round (as the team's `history` numbers them).
    pub number: usize,
    /// When its first assessment was taken (UTC).
    pub from: Timestamp,
    /// When its last assessment was taken (UTC).
    pub to: Timestamp,
    /// The round's label, if it has one.
    pub label: Option<String>,
    /// Who is in it (each with their latest answers in it), by name.
    pub respondents: Vec<String>,
    /// Who answered before but not in this round.
    pub left_out: Vec<LeftOutInfo>,
    /// The members on the team who have not answered in this round.
    pub awaited: Vec<String>,
    /// How many of its answers a decision of the team's gives (agreed, standing or done).
    pub decided: usize,
    /// Changes to the answers it is worked out from, made after they were given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionInfo>,
}

/// A correction to a round's answers, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrectionInfo {
    /// When it was made.
    pub on: Timestamp,
    /// `withdrawn` (an assessment taken by mistake) or `paper-form` (entered later).
    pub kind: &'static str,
    /// Whose assessment it concerned.
    pub respondent: Option<String>,
    /// When that assessment was taken.
    pub taken_at: Timestamp,
}

/// Someone left out of a round: their answers are older than it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOutInfo {
    /// Their name.
    pub respondent: String,
    /// When they last answered (UTC).
    pub latest: Timestamp,
}

/// Whom a view is about: one person's assessment, or a round of the team's.
/// As JSON, its fields stand alone; see [`UnderKey`] for the views that name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SubjectInfo {
    /// One assessment.
    Assessment(AssessmentInfo),
    /// A round of the team's.
    Round(RoundInfo),
}

impl SubjectInfo {
    /// Point `p` of the snapshot's journey.
    pub fn of(s: &Snapshot, p: usize) -> SubjectInfo {
        let point: &Point = &s.points[p];
        let name = |i: usize| person(s.assessment(i).respondent.as_deref());
        if !s.is_team() {
            let a = s.assessment(point.members[0]);
            return SubjectInfo::Assessment(AssessmentInfo {
                number: point.number,
                taken_at: a.taken_at,
                label: a.label.clone(),
                respondent: a.respondent.clone(),
                framework_id: a.framework.id.clone(),
                framework_version: a.framework.version.clone(),
            });
        }
        SubjectInfo::Round(RoundInfo {
            number: point.number,
            from: point.from,
            to: point.to,
            label: point.label.clone(),
            respondents: point.members.iter().map(|&i| name(i)).collect(),
            left_out: point
                .left_out
                .iter()
                .map(|&i| LeftOutInfo {
                    respondent: name(i),
                    latest: s.assessment(i).taken_at,
                })
                .collect(),
            awaited: point.awaited.clone(),
            decided: point.record.as_ref().map_or(0, RoundRecord::decided_count),
            corrections: s.record.as_ref().map_or_else(Vec::new, |record| {
                let each = record.corrections(point.number - 1).into_iter();
                each.map(|c| CorrectionInfo {
                    on: c.on,
                    kind: match c.kind {
                        record::CorrectionKind::Withdrawn => "withdrawn",
                        record::CorrectionKind::PaperForm => "paper-form",
                    },
                    respondent: c.respondent,
                    taken_at: c.taken_at,
                })
                .collect()
            }),
        })
    }

    /// As a second mention names it: "#3, 2026-09-03 (Autumn review, Sam)"
    /// or "round 2, 2026-11-28 to 2026-12-02 (Autumn review)".
    pub fn short(&self) -> String {
        match self {
            SubjectInfo::Assessment(a) => {
                let extras: Vec<&str> = a
                    .label
                    .iter()
                    .chain(&a.respondent)
                    .map(String::as_str)
                    .collect();
                let date = date_of(a.taken_at);
                if extras.is_empty() {
                    format!("#{}, {date}", a.number)
                } else {
                    format!("#{}, {date} ({})", a.number, extras.join(", "))
                }
            }
            SubjectInfo::Round(r) => {
                let label = r
                    .label
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                format!("round {}, {}{label}", r.number, dates(r.from, r.to))
            }
        }
    }

    /// How headings name it: "assessment #3, …" or "the team's round 2, …".
    pub fn title(&self) -> String {
        match self {
            SubjectInfo::Assessment(_) => format!("assessment {}", self.short()),
            SubjectInfo::Round(_) => format!("the team's {}", self.short()),
        }
    }

    /// Its number, as `history` lists them.
    pub fn number(&self) -> usize {
        match self {
            SubjectInfo::Assessment(a) => a.number,
            SubjectInfo::Round(r) => r.number,
        }
    }

    /// A short column heading: `#3`, or a round's first date.
    pub fn column(&self) -> String {
        match self {
            SubjectInfo::Assessment(a) => format!("#{}", a.number),
            SubjectInfo::Round(r) => date_of(r.from),
        }
    }

    /// The JSON key that names it in a view: `assessment` or `round`.
    pub fn key(&self) -> &'static str {
        match self {
            SubjectInfo::Assessment(_) => "assessment",
            SubjectInfo::Round(_) => "round",
        }
    }

    /// The lines every team view opens with: who is in the round, who is not.
    pub fn who(&self) -> Vec<String> {
        let SubjectInfo::Round(r) = self else {
            return Vec::new();
        };
        let people = format!(
            "{}: {}",
            count(r.respondents.len(), "person"),
            r.respondents.join(", ")
        );
        let answered = r.respondents.len();
        let waiting = (!r.awaited.is_empty()).then(|| {
            let all = answered + r.awaited.len();
            format!(
                "{answered} of {all} answered; waiting for {}.",
                and_list(&r.awaited)
            )
        });
        let how = match r.decided {
            0 => "by the majority rule".to_string(),
            n => format!(
                "{} decided by the team, the rest by the majority rule",
                count(n, "answer")
            ),
        };
        const NAMED: usize = 3;
        let corrected = r.corrections.iter().take(NAMED).map(|c| {
            let what = match c.kind {
                "withdrawn" => "an assessment withdrawn",
                _ => "a paper form entered",
            };
            let whose = c.respondent.as_deref().unwrap_or("no name");
            format!(
                "Round {} corrected on {}: {what} ({whose}, {}).",
                r.number,
                date_of(c.on),
                date_of(c.taken_at)
            )
        });
        let more = r.corrections.len().saturating_sub(NAMED);
        let more =
            (more > 0).then(|| format!("And {more} more corrections to round {}.", r.number));
        std::iter::once(format!("The team's answers, {how} ({people})."))
            .chain(waiting)
            .chain(corrected)
            .chain(more)
            .chain(r.left_out.iter().map(|l| {
                format!(
                    "{}: latest answers {}, not in this round.",
                    l.respondent,
                    date_of(l.latest)
                )
            }))
            .collect()
    }

    /// Under its key, for views that name it (`"assessment": …` or `"round": …`).
    pub fn keyed(self) -> UnderKey<SubjectInfo> {
        UnderKey {
            key: self.key(),
            value: self,
        }
    }
}

/// A value serialised under a key chosen at run time, flattened into its
/// view: `{"assessment": …}` for one person, `{"round": …}` for the team.
#[derive(Debug, Clone, PartialEq)]
pub struct UnderKey<T> {
    /// The key.
    pub key: &'static str,
    /// The value.
    pub value: T,
}

impl<T: Serialize> Serialize for UnderKey<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(self.key, &self.value)?;
        map.end()
    }
}

/// The team's answer to one action, where it came from and how people split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionAnswer {
    /// The action's id.
    pub action_id: String,
    /// The team's answer.
    pub team: TeamAnswer,
}

/// The team's answer: one of the five, or `no-agreement`, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamAnswer {
    /// The answer.
    pub answer: Answer,
    /// `rule` (the majority rule), `agreed` (this round's meeting), `standing` (an earlier
    /// meeting's agreement still in force) or `done` (a step done between reviews).
    pub source: Source,
    /// When the decision was recorded (null for the rule).
    pub agreed_at: Option<Timestamp>,
    /// The number of the round whose meeting agreed it (null for the rule and a done step).
    pub agreed_round: Option<usize>,
    /// A done step: the day it is in place from.
    pub since: Option<Date>,
    /// The meeting's (or the done step's) comment.
    pub comment: Option<String>,
    /// Whether a decision settles the point (agreed, done, or left to the rule), so the meeting
    /// does not ask it again.
    pub settled: bool,
    /// An agreed answer: `override` when it differs from its round's majority, else `matches`.
    pub vote: Option<Vote>,
    /// A step done since the round shown: it counts from the next round.
    pub pending: bool,
    /// How many gave each answer (answers nobody gave left out).
    pub split: indexmap::IndexMap<&'static str, usize>,
    /// Who now answers differently from both the decided answer and their own answer when it was
    /// decided: the point is to confirm (empty otherwise).
    pub to_confirm: Vec<String>,
}

impl TeamAnswer {
    /// The core's answer and why, `name_of` naming the people it points at (by assessment).
    pub fn new(t: &record::TeamAnswer, name_of: &dyn Fn(usize) -> String) -> Option<TeamAnswer> {
        let decision = t.decision.as_ref().filter(|d| d.answer.is_some());
        Some(TeamAnswer {
            answer: t.answer?,
            source: t.source,
            agreed_at: decision.map(|d| d.at),
            agreed_round: decision.and_then(|d| d.round()).map(|r| r + 1),
            since: decision.and_then(|d| d.since()),
            comment: decision.and_then(|d| d.comment.clone()),
            settled: t.settled(),
            vote: t.vote,
            pending: t.pending,
            split: split(&t.tally),
            to_confirm: t.to_confirm.iter().map(|&i| name_of(i)).collect(),
        })
    }
}

/// How many gave each answer, by answer key (answers nobody gave left out).
pub fn split(t: &Tally) -> indexmap::IndexMap<&'static str, usize> {
    Answer::ALL
        .iter()
        .map(|x| (x.key(), t.count(*x)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Each action of `domain` with the team's answer in the point shown (none for one person),
/// `name_of` naming people by assessment.
pub fn team_actions(
    s: &Snapshot,
    domain: &crate::core::framework::Domain,
    name_of: &dyn Fn(usize) -> String,
) -> Vec<ActionAnswer> {
    let Some(record) = &s.point().record else {
        return Vec::new();
    };
    domain
        .actions
        .iter()
        .filter_map(|a| {
            Some(ActionAnswer {
                action_id: a.id.clone(),
                team: TeamAnswer::new(record.actions.get(&a.id)?, name_of)?,
            })
        })
        .collect()
}

/// "No agreement: 1 In place, 1 Don't know", "In place (agreed 2026-12-04)", "In progress
/// (agreed in round 1, 2026-09-15)", "In place (done 2026-10-28)", or the answer.
pub fn team_words(t: &TeamAnswer) -> String {
    let when = t.agreed_at.map(date_of).unwrap_or_default();
    match (t.source, t.answer) {
        (Source::Agreed, a) => format!("{} (agreed {when})", a.label()),
        (Source::Standing, a) => match t.agreed_round {
            Some(round) => format!("{} (agreed in round {round}, {when})", a.label()),
            None => format!("{} (agreed {when})", a.label()),
        },
        (Source::Done, a) => {
            let since = t.since.map_or(when, |d| d.to_string());
            format!("{} (done {since})", a.label())
        }
        (Source::Rule, Answer::NoAgreement) => no_agreement(&t.split),
        (Source::Rule, a) => a.label().to_string(),
    }
}

/// "No agreement: 2 In progress, 2 Not yet, 1 Don't know": a split with no majority.
pub fn no_agreement(split: &indexmap::IndexMap<&'static str, usize>) -> String {
    let label = |k: &str| {
        Answer::ALL
            .iter()
            .find(|a| a.key() == k)
            .map_or("", |a| a.label())
    };
    let each: Vec<String> = split
        .iter()
        .map(|(k, n)| format!("{n} {}", label(k)))
        .collect();
    format!("No agreement: {}", each.join(", "))
}

/// A person's name by their assessment in the snapshot, as views show it.
pub fn name_in<'a>(s: &'a Snapshot) -> impl Fn(usize) -> String + 'a {
    move |i| person(s.assessment(i).respondent.as_deref())
}

/// A step done since the latest round: it counts from the next round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingStep {
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub action: String,
    /// The day it is in place from.
    pub since: Option<Date>,
    /// The comment recorded with it.
    pub comment: Option<String>,
}

/// The steps done since the latest round, when it is shown by default (a chosen round shows as
/// it stood, alone).
pub fn pending_steps(framework: &Framework, s: &Snapshot) -> Vec<PendingStep> {
    let text = |id: &str| {
        framework
            .actions()
            .find(|(_, a)| a.id == id)
            .map_or(id.to_string(), |(_, a)| a.text.clone())
    };
    s.pending()
        .into_iter()
        .map(|(id, t)| PendingStep {
            action_id: id.to_string(),
            action: text(id),
            since: t.decision.as_ref().and_then(|d| d.since()),
            comment: t.decision.as_ref().and_then(|d| d.comment.clone()),
        })
        .collect()
}

/// "Since round 2: 1 step done (Develop local networks, 2026-10-28); it counts from the next
/// round.", for the round `number` the steps were done since.
pub fn pending_line(steps: &[PendingStep], number: usize) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let each: Vec<String> = steps
        .iter()
        .map(|p| {
            let since = p.since.map(|d| format!(", {d}")).unwrap_or_default();
            format!("{}{since}", p.action)
        })
        .collect();
    let it = if steps.len() == 1 {
        "it counts"
    } else {
        "they count"
    };
    Some(format!(
        "Since round {number}: {} done ({}); {it} from the next round.",
        count(steps.len(), "step"),
        each.join("; ")
    ))
}

/// Evidence beside an action, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceInfo {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// Its number among the action's evidence, from 1, as `evidence remove` takes it.
    #[serde(skip)]
    pub number: usize,
    /// What shows it, where, who added it and when (JSON: `text`, `link`, `by`, `added_at`).
    #[serde(serialize_with = "evidence_fields", flatten)]
    pub evidence: crate::core::answers::agreed::Evidence,
}

/// An evidence entry's own fields beside its action's (whose `action` is its text).
fn evidence_fields<S: serde::Serializer>(
    e: &crate::core::answers::agreed::Evidence,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(None)?;
    map.serialize_entry("text", &e.text)?;
    map.serialize_entry("link", &e.link)?;
    map.serialize_entry("by", &e.by)?;
    map.serialize_entry("added_at", &e.at)?;
    map.end()
}

/// The evidence recorded for actions In place in the point shown, in framework order.
pub fn evidence_in_place(framework: &Framework, s: &Snapshot) -> Vec<EvidenceInfo> {
    let answers = &s.point().answers;
    in_place(framework, answers, &s.history.evidence)
        .into_iter()
        .flat_map(|p| {
            p.evidence
                .into_iter()
                .enumerate()
                .map(move |(n, e)| EvidenceInfo {
                    at: ActionRef::new(framework, p.domain, p.action),
                    number: n + 1,
                    evidence: e.clone(),
                })
        })
        .collect()
}

impl EvidenceInfo {
    /// "Action (Domain): text — Priya, 2026-12-04, https://…" (the domain left out unless
    /// `domain`).
    pub fn line(&self, domain: bool) -> String {
        let e = &self.evidence;
        let mut by: Vec<String> = e.by.iter().cloned().collect();
        by.push(date_of(e.at));
        by.extend(e.link.iter().cloned());
        let domain = if domain {
            format!(" ({})", self.at.domain)
        } else {
            String::new()
        };
        format!("{}{domain}: {} — {}", self.at.action, e.text, by.join(", "))
    }
}

/// One person's note for a domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonNote {
    /// Who wrote it.
    pub respondent: String,
    /// What they wrote.
    pub note: String,
}

/// Each member's note for a domain, by name, in the point shown.
pub fn notes_of(s: &Snapshot, domain_id: &str) -> Vec<PersonNote> {
    s.point()
        .members
        .iter()
        .map(|&i| s.assessment(i))
        .filter_map(|m| {
            m.note(domain_id).map(|n| PersonNote {
                respondent: person(m.respondent.as_deref()),
                note: n.to_string(),
            })
        })
        .collect()
}

/// The framework's identity, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkInfo {
    /// The framework's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
}

impl From<&Framework> for FrameworkInfo {
    fn from(f: &Framework) -> Self {
        FrameworkInfo {
            id: f.id.clone(),
            title: f.title.clone(),
            version: f.version.clone(),
        }
    }
}

/// A domain's position, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageRef {
    /// The stage id, or `complete`.
    pub id: String,
    /// The stage name, or the completion label.
    pub name: String,
    /// 0 for the first stage; the number of stages when complete.
    pub rank: usize,
}

impl StageRef {
    /// Describes `position` in `framework`.
    pub fn new(framework: &Framework, position: Position) -> StageRef {
        StageRef {
            id: position.id(framework).to_string(),
            name: position.name(framework).to_string(),
            rank: position.rank(framework.stages.len()),
        }
    }

    /// A table cell that a terminal can colour, in a framework of `stages` stages.
    pub fn cell(&self, stages: usize) -> Cell {
        Cell::Stage {
            name: self.name.clone(),
            rank: self.rank,
            of: stages,
        }
    }
}

/// An action with its domain and stage, as JSON names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRef {
    /// The domain's id.
    pub domain_id: String,
    /// The domain's name.
    pub domain: String,
    /// The action's id.
    pub action_id: String,
    /// The action's text.
    pub action: String,
    /// The id of the action's stage.
    pub stage_id: String,
    /// The name of the action's stage.
    pub stage: String,
}

impl ActionRef {
    /// Describes action `action` of domain `domain`.
    pub fn new(framework: &Framework, domain: usize, action: usize) -> ActionRef {
        let d = &framework.domains[domain];
        let a = &d.actions[action];
        let stage = &framework.stages[a.stage_index];
        ActionRef {
            domain_id: d.id.clone(),
            domain: d.name.clone(),
            action_id: a.id.clone(),
            action: a.text.clone(),
            stage_id: stage.id.clone(),
            stage: stage.name.clone(),
        }
    }

    /// "Find a buddy (Networks, Developmental)".
    pub fn line(&self) -> String {
        format!("{} ({}, {})", self.action, self.domain, self.stage)
    }
}

/// "1 stage", "3 stages", "2 people": a count with its noun.
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "person") => format!("{n} people"),
        _ => format!("{n} {noun}s"),
    }
}

/// "Sam", "Sam and Priya", "Sam, Priya and Alex".
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The people a comparison of two rounds was worked out over, as JSON gives them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ComparedOver {
    /// Who answered both rounds: both sides are the team's answers over them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compared_over: Vec<String>,
    /// Who answered only the earlier round.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_earlier: Vec<String>,
    /// Who answered only the later round.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_later: Vec<String>,
    /// The same, in a sentence, when anyone answered one round only.
    #[serde(skip)]
    pub sentence: Option<String>,
}

impl ComparedOver {
    /// Who the snapshot's comparison was worked out over.
    pub fn of(s: &Snapshot) -> ComparedOver {
        let (Some(c), Some(b)) = (&s.compared, s.before) else {
            return ComparedOver::default();
        };
        ComparedOver {
            compared_over: c.over.clone(),
            only_earlier: c.only_before.clone(),
            only_later: c.only_after.clone(),
            sentence: like_with_like(c, &SubjectInfo::of(s, b)),
        }
    }
}

/// Who a comparison of two rounds was worked out over, in a sentence; `None`
/// when it took each side whole (one person, or the same people).
pub fn like_with_like(c: &crate::core::subject::Compared, before: &SubjectInfo) -> Option<String> {
    if c.only_before.is_empty() && c.only_after.is_empty() {
        return None;
    }
    let mut parts = vec![if c.over.is_empty() {
        "Nobody answered both rounds, so each is taken whole".to_string()
    } else {
        format!(
            "Compared over {}, who answered both rounds",
            and_list(&c.over)
        )
    }];
    if !c.only_before.is_empty() {
        parts.push(format!(
            "{} answered only round {}",
            and_list(&c.only_before),
            before.number()
        ));
    }
    if !c.only_after.is_empty() {
        parts.push(format!(
            "{} answered only the later round",
            and_list(&c.only_after)
        ));
    }
    Some(format!("{}.", parts.join("; ")))
}

/// A person's name as views show it; an unnamed respondent is "(no name)".
pub fn person(respondent: Option<&str>) -> String {
    respondent.map_or_else(|| "(no name)".to_string(), str::to_string)
}

/// `text` with its first letter a capital, to start a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// The date part of a timestamp, in UTC: how people name an assessment.
pub fn date_of(t: Timestamp) -> String {
    crate::core::time::day_of(t).to_string()
}

/// `2026-06-01 to 2026-06-12`, or one date when both fall on one day.
pub fn dates(from: Timestamp, to: Timestamp) -> String {
    let (from, to) = (date_of(from), date_of(to));
    if from == to {
        from
    } else {
        format!("{from} to {to}")
    }
}

/// Date and time to the minute, in UTC.
pub fn when(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// The legend that states the stage rule under every stage table.
pub fn stage_legend(framework: &Framework) -> String {
    format!(
        "Working in = the first stage not yet met. A stage is met when all its actions are In place \
         (Not applicable ones are left out); a domain with every stage met is {}. \
         Counts are In place / applicable actions.",
        framework.completion_label
    )
}

/// An answer as a cell: its words and how good a sign it is; no answer is
/// "(not asked)" (another framework version).
pub fn answer_cell(a: Option<Answer>) -> Cell {
    let Some(a) = a else {
        return Cell::Text("(not asked)".into());
    };
    let tone = match a {
        Answer::InPlace => Tone::Good,
        Answer::InProgress => Tone::Middling,
        // Counts as not in place, as Not yet does.
        Answer::NotYet | Answer::DontKnow | Answer::NoAgreement => Tone::Poor,
        Answer::NotApplicable => Tone::Neutral,
    };
    Cell::Answer {
        text: a.label().to_string(),
        tone,
    }
}
