//! Whom a view is about, as JSON and headings name it: one person's assessment or a round of the
//! team's, with who took part, who is awaited, and who a comparison was worked out over.

use jiff::Timestamp;
use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::core::record::{self, RoundRecord};
use crate::core::subject::{Point, Snapshot};
use crate::present::words::{and_list, count, date_of, dates, person};

/// Which assessment a view shows, as JSON and headings name it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AssessmentInfo {
    /// Its place by date, 1 = oldest (as `history` numbers them).
    pub number: usize,
    /// When it was taken (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
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
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoundInfo {
    /// 1 = the oldest round (as the team's `history` numbers them).
    pub number: usize,
    /// When its first assessment was taken (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub first_taken_at: Timestamp,
    /// When its last assessment was taken (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub last_taken_at: Timestamp,
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
    pub corrections: Vec<CorrectionInfo>,
}

/// A correction to a round's answers, as JSON gives it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CorrectionInfo {
    /// When it was made (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub at: Timestamp,
    /// `withdrawn` (an assessment taken by mistake) or `paper-form` (entered later).
    pub kind: &'static str,
    /// Whose assessment it concerned.
    pub respondent: Option<String>,
    /// When that assessment was taken.
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub taken_at: Timestamp,
}

/// Someone left out of a round: their answers are older than it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LeftOutInfo {
    /// Their name.
    pub respondent: String,
    /// When they last answered (UTC).
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub latest: Timestamp,
}

/// Whom a view is about: one person's assessment, or a round of the team's.
/// As JSON, its fields stand alone; see [`UnderKey`] for the views that name it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
            first_taken_at: point.from,
            last_taken_at: point.to,
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
                    at: c.on,
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
                format!(
                    "round {}, {}{label}",
                    r.number,
                    dates(r.first_taken_at, r.last_taken_at)
                )
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
            SubjectInfo::Round(r) => date_of(r.first_taken_at),
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
                date_of(c.at),
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

impl UnderKey<()> {
    /// The schema of a value under one of two keys (flattened into its view, so the view holds
    /// exactly one of them).
    pub fn schema(choices: [(&str, Schema); 2]) -> Schema {
        let each: Vec<serde_json::Value> = choices
            .into_iter()
            .map(|(key, schema)| {
                serde_json::json!({
                    "type": "object",
                    "properties": { key: schema },
                    "required": [key]
                })
            })
            .collect();
        json_schema!({ "oneOf": each })
    }
}

/// `"assessment": …` for one person, `"round": …` for the team.
impl JsonSchema for UnderKey<SubjectInfo> {
    fn schema_name() -> Cow<'static, str> {
        "AssessmentOrRound".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        UnderKey::schema([
            ("assessment", g.subschema_for::<AssessmentInfo>()),
            ("round", g.subschema_for::<RoundInfo>()),
        ])
    }
}

/// The people a comparison of two rounds was worked out over, as JSON gives them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct ComparedOver {
    /// Who answered both rounds: both sides are the team's answers over them.
    pub compared_over: Vec<String>,
    /// Who answered only the earlier round.
    pub only_earlier: Vec<String>,
    /// Who answered only the later round.
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
            compared_over: people(&c.over),
            only_earlier: people(&c.only_before),
            only_later: people(&c.only_after),
            sentence: like_with_like(c, &SubjectInfo::of(s, b)),
        }
    }
}

/// People's names as views show them ("(no name)" for an unnamed respondent).
fn people(names: &[Option<String>]) -> Vec<String> {
    names.iter().map(|n| person(n.as_deref())).collect()
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
            and_list(&people(&c.over))
        )
    }];
    if !c.only_before.is_empty() {
        parts.push(format!(
            "{} answered only round {}",
            and_list(&people(&c.only_before)),
            before.number()
        ));
    }
    if !c.only_after.is_empty() {
        parts.push(format!(
            "{} answered only the later round",
            and_list(&people(&c.only_after))
        ));
    }
    Some(format!("{}.", parts.join("; ")))
}
