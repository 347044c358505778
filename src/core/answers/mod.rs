//! The answers: every assessment a team has taken, as plain values.
//!
//! The file is the team's record of years of work, so its loader ([`mod@file`])
//! is strict about what it accepts (an unknown answer is an error, never a
//! guess) and generous about what it keeps (fields and action ids it does not
//! know are written back untouched).

use indexmap::IndexMap;
use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::core::framework::Framework;

pub mod agreed;
pub mod clock;
pub mod file;
pub mod plan;
pub mod roster;
pub mod splice;
pub mod withdrawn;

use agreed::{Agreement, Evidence};
use clock::Redating;
use plan::Plan;
use roster::Roster;
use withdrawn::Withdrawal;

/// The newest answers-file format this version reads and writes.
///
/// Format 2 added the Don't know answer and the plan; format 3 the roster (`team:`), agreements,
/// evidence and the dates plan entries were set; format 4 steps done between reviews (an agreement
/// with no round), the meeting's `comment`, withdrawn assessments (`withdrawn:`), the dates members
/// took their names (`named_at`) and the re-dating of entries from a clock that ran ahead
/// (`redated:`). A file is written in the oldest format that can
/// express it, so a team whose file needs nothing new can still use an older version; a file that
/// does need it is refused by an older version (as "written by a newer version") rather than
/// misread.
pub const FORMAT: u64 = 4;

/// Whether `history` holds anything only format 4 can express.
fn needs_format_4(history: &History) -> bool {
    history.service.is_some()
        || history
            .agreements
            .iter()
            .any(|a| a.round.is_none() || a.comment.is_some())
        || !history.withdrawn.is_empty()
        || !history.redated.is_empty()
        || history.team.values().any(|m| m.named_at.is_some())
        || history.assessments.iter().any(|a| a.entered_at.is_some())
}

/// The service the answers file is about, and when its name was set (so copies merge, the later
/// change winning). Written by hand as a plain name, it is read as one set at no known time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "ServiceFields")]
pub struct Service {
    /// Its name, as the team writes it ("Gwynedd MBCT service").
    pub name: String,
    /// When the name was set.
    pub set_at: Option<Timestamp>,
}

/// How a service is written: its name alone (as a person may write it), or with the time it was
/// set (as the tool writes it).
#[derive(Serialize)]
#[serde(untagged)]
enum ServiceFields {
    Name(String),
    Dated(DatedService),
}

/// A service written with its fields.
#[derive(Serialize, Deserialize)]
struct DatedService {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    set_at: Option<Timestamp>,
}

impl From<Service> for ServiceFields {
    fn from(s: Service) -> ServiceFields {
        match s.set_at {
            None => ServiceFields::Name(s.name),
            set_at => ServiceFields::Dated(DatedService {
                name: s.name,
                set_at,
            }),
        }
    }
}

/// Read by the shape written (a name, or a map of fields) rather than as an untagged enum, so a
/// mistake inside the map (a bad `set_at`) keeps its field and line instead of becoming "cannot
/// read this value".
impl<'de> Deserialize<'de> for Service {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Service, D::Error> {
        struct Shape;
        impl<'de> serde::de::Visitor<'de> for Shape {
            type Value = Service;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name, or a map with `name` and `set_at`")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Service, E> {
                Ok(Service {
                    name: name.to_string(),
                    set_at: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Service, A::Error> {
                let DatedService { name, set_at } =
                    DatedService::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Service { name, set_at })
            }
        }
        d.deserialize_any(Shape)
    }
}

/// The format a file must declare to hold `history`.
pub fn format_needed(history: &History) -> u64 {
    let dont_know = history
        .assessments
        .iter()
        .any(|a| a.answers.values().any(|x| *x == Answer::DontKnow));
    let dated = history.plan.review_set_at.is_some()
        || history.plan.actions.values().any(|s| s.set_at.is_some())
        || history.plan.targets.values().any(|t| t.set_at.is_some());
    if needs_format_4(history) {
        4
    } else if !history.team.is_empty()
        || !history.agreements.is_empty()
        || !history.evidence.is_empty()
        || dated
    {
        3
    } else if dont_know || !history.plan.is_empty() {
        2
    } else {
        1
    }
}

/// The answer to one action.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// Done, and part of how the service works.
    InPlace,
    /// Being worked on.
    InProgress,
    /// Not started.
    NotYet,
    /// Not sure; counts as not in place, and marks a point to discuss.
    DontKnow,
    /// Does not apply to this service; left out of the counts.
    NotApplicable,
    /// The team's answer where no answer has a majority: not in place, and
    /// never an answer a person gives (a file cannot hold it).
    #[serde(skip_deserializing)]
    NoAgreement,
}

impl Answer {
    /// Every answer, in the order the walk offers them.
    pub const ALL: [Answer; 5] = [
        Answer::InPlace,
        Answer::InProgress,
        Answer::NotYet,
        Answer::DontKnow,
        Answer::NotApplicable,
    ];

    /// How the answer is written in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Answer::InPlace => "in-place",
            Answer::InProgress => "in-progress",
            Answer::NotYet => "not-yet",
            Answer::DontKnow => "dont-know",
            Answer::NotApplicable => "not-applicable",
            Answer::NoAgreement => "no-agreement",
        }
    }
}

/// The action ids answered in assessments taken with this very framework (id and version) that it
/// does not have, each once, as first met: a typo such as `fit.evidence-and-ned` would otherwise
/// count silently as unanswered. Assessments of other frameworks keep their ids unremarked.
pub fn unknown_ids<'h>(history: &'h History, framework: &Framework) -> Vec<&'h str> {
    let mut unknown: Vec<&str> = Vec::new();
    let same = |a: &&Assessment| {
        a.framework.id == framework.id && a.framework.version == framework.version
    };
    let ids: Vec<&str> = framework.actions().map(|(_, a)| a.id.as_str()).collect();
    for a in history.assessments.iter().filter(same) {
        // Answers are written in the framework's order: each is first compared with the id after
        // the last one found, so a file costs about one comparison an answer.
        let mut next = 0;
        for id in a.answers.keys() {
            if ids.get(next) == Some(&id.as_str()) {
                next += 1;
            } else if let Some(i) = ids.iter().position(|known| known == id) {
                next = i + 1;
            } else if !unknown.contains(&id.as_str()) {
                unknown.push(id);
            }
        }
    }
    unknown
}

/// A label as labels are compared: ignoring case and surrounding spaces.
pub fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// Whether an assessment's label is `wanted`, ignoring case and surrounding spaces.
pub fn label_is(label: Option<&str>, wanted: &str) -> bool {
    label.is_some_and(|l| label_key(l) == label_key(wanted))
}

/// Which framework an assessment was taken against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkRef {
    /// The framework's `id`.
    pub id: String,
    /// The framework's `version`.
    pub version: String,
}

impl From<&Framework> for FrameworkRef {
    fn from(f: &Framework) -> Self {
        FrameworkRef {
            id: f.id.clone(),
            version: f.version.clone(),
        }
    }
}

/// One assessment: a team member's answers at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// When it was finished (UTC, RFC 3339).
    pub taken_at: Timestamp,
    /// Optional name for the round, e.g. "Autumn review".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Who answered, if they said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The framework it was taken against.
    pub framework: FrameworkRef,
    /// The answer for each action id, including ids the framework no longer has.
    pub answers: IndexMap<String, Answer>,
    /// A free-text note per domain id.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub notes: IndexMap<String, String>,
    /// When it was entered, where that is not when it was taken: a form given on paper
    /// (`assess --on`), entered later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entered_at: Option<Timestamp>,
    /// Fields written by someone else (a newer version, a person); kept as they are.
    #[serde(flatten)]
    pub extra: serde_yaml::Mapping,
}

impl Assessment {
    /// An empty assessment against `framework`, taken now.
    pub fn new(framework: &Framework, taken_at: Timestamp) -> Assessment {
        Assessment {
            taken_at,
            label: None,
            respondent: None,
            framework: framework.into(),
            answers: IndexMap::new(),
            notes: IndexMap::new(),
            entered_at: None,
            extra: serde_yaml::Mapping::new(),
        }
    }

    /// The answer given for an action, if any.
    pub fn answer(&self, action_id: &str) -> Option<Answer> {
        self.answers.get(action_id).copied()
    }

    /// The note for a domain, if any.
    pub fn note(&self, domain_id: &str) -> Option<&str> {
        self.notes.get(domain_id).map(String::as_str)
    }
}

/// The whole answers file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// File format version; a newer one is refused, never rewritten.
    pub format: u64,
    /// Fields written by someone else; kept as they are (written before the
    /// assessments, so the list runs to the end of the file).
    #[serde(flatten)]
    pub extra: serde_yaml::Mapping,
    /// The service's name, for the meeting page's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// Who is on the team (empty: everyone who has answered).
    #[serde(skip_serializing_if = "Roster::is_empty")]
    pub team: Roster,
    /// The team's plan: owners, due dates, targets, the next review.
    #[serde(skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
    /// What the team agreed in its meetings, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// Evidence that actions are in place, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Assessments withdrawn (taken by mistake): kept, and counted nowhere.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<Withdrawal>,
    /// Dates from a clock that ran ahead, and the dates they count as.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redated: Vec<Redating>,
    /// Every assessment, oldest first.
    pub assessments: Vec<Assessment>,
}

impl Default for History {
    fn default() -> Self {
        History {
            format: 1,
            assessments: Vec::new(),
            service: None,
            team: Roster::default(),
            plan: Plan::default(),
            agreements: Vec::new(),
            evidence: Vec::new(),
            withdrawn: Vec::new(),
            redated: Vec::new(),
            extra: serde_yaml::Mapping::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_needs_format_2_only_when_it_holds_dont_know() {
        let f = crate::tests::grid(1, 1);
        let mut h = History::default();
        h.assessments
            .push(Assessment::new(&f, Timestamp::UNIX_EPOCH));
        h.assessments[0]
            .answers
            .insert("d0.a0".into(), Answer::NotYet);
        assert_eq!(format_needed(&h), 1);
        h.assessments[0]
            .answers
            .insert("d0.a0".into(), Answer::DontKnow);
        assert_eq!(format_needed(&h), 2);
    }

    #[test]
    fn labels_match_ignoring_case_and_surrounding_spaces() {
        assert!(label_is(Some("Autumn Review "), "autumn review"));
        assert!(!label_is(None, "x"));
    }

    #[test]
    fn ids_this_framework_lacks_are_named_once_and_only_for_its_own_assessments() {
        let f = crate::tests::grid(1, 1);
        let mut h = History::default();
        let mut ours = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        for id in ["d0.a0", "d0.typo", "d0.typo", "gone"] {
            ours.answers.insert(id.into(), Answer::NotYet);
        }
        let mut older = ours.clone();
        older.framework.version = "0".into();
        older.answers.insert("retired".into(), Answer::NotYet);
        h.assessments = vec![ours.clone(), older, ours];
        assert_eq!(unknown_ids(&h, &f), ["d0.typo", "gone"]);
    }
}
