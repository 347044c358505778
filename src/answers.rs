//! The answers file: every assessment a team has taken, oldest first.
//!
//! The file is the team's record of years of work, so this module is strict
//! about what it accepts (an unknown answer is an error, never a guess) and
//! generous about what it keeps (fields and action ids it does not know are
//! written back untouched).

use indexmap::IndexMap;
use jiff::Timestamp;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

use crate::framework::Framework;
use crate::input;

/// The answers-file format this version reads and writes.
pub const FORMAT: u64 = 1;

/// The answer to one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// Done, and part of how the service works.
    InPlace,
    /// Being worked on.
    InProgress,
    /// Not started.
    NotYet,
    /// Does not apply to this service; left out of the counts.
    NotApplicable,
}

impl Answer {
    /// Every answer, in the order the walk offers them.
    pub const ALL: [Answer; 4] = [
        Answer::InPlace,
        Answer::InProgress,
        Answer::NotYet,
        Answer::NotApplicable,
    ];

    /// How people read the answer.
    pub fn label(self) -> &'static str {
        match self {
            Answer::InPlace => "In place",
            Answer::InProgress => "In progress",
            Answer::NotYet => "Not yet",
            Answer::NotApplicable => "Not applicable",
        }
    }

    /// How the answer is written in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Answer::InPlace => "in-place",
            Answer::InProgress => "in-progress",
            Answer::NotYet => "not-yet",
            Answer::NotApplicable => "not-applicable",
        }
    }
}

/// Whether two respondent names are the same person: names are compared
/// ignoring case and surrounding spaces, and "no name" matches only itself.
pub fn same_person(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
        _ => false,
    }
}

/// Whether an assessment's label is `wanted`, ignoring case and surrounding spaces.
pub fn label_is(label: Option<&str>, wanted: &str) -> bool {
    label.is_some_and(|l| l.trim().to_lowercase() == wanted.trim().to_lowercase())
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
    /// Every assessment, oldest first.
    pub assessments: Vec<Assessment>,
}

impl Default for History {
    fn default() -> Self {
        History {
            format: FORMAT,
            assessments: Vec::new(),
            extra: serde_yaml::Mapping::new(),
        }
    }
}

impl History {
    /// The latest assessment by `respondent` (`None` matches any respondent).
    pub fn latest_index(&self, respondent: Option<&str>) -> Option<usize> {
        self.indices_for(respondent).last()
    }

    /// The latest assessment whose respondent is exactly `respondent`, for
    /// pre-filling a rerun: a person never starts from someone else's answers.
    pub fn latest_of_exactly(&self, respondent: Option<&str>) -> Option<usize> {
        self.assessments
            .iter()
            .rposition(|a| same_person(a.respondent.as_deref(), respondent))
    }

    /// Positions of the assessments by `respondent` (`None`: all), oldest first.
    pub fn indices_for<'a>(&'a self, respondent: Option<&'a str>) -> impl DoubleEndedIterator<Item = usize> + 'a {
        self.assessments
            .iter()
            .enumerate()
            .filter(move |(_, a)| respondent.is_none_or(|r| same_person(a.respondent.as_deref(), Some(r))))
            .map(|(i, _)| i)
    }
}

/// Why answers-file text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum HistoryProblem {
    /// Nothing but blank lines or comments.
    #[error("the file is empty")]
    Empty,
    /// Not valid YAML, or not the shape of an answers file.
    #[error("{message}")]
    Invalid {
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    /// Written by a newer version of the tool.
    #[error("it was written by a newer mbct-sustain (format {found}; this version reads format {FORMAT})")]
    NewerFormat { found: u64 },
}

impl HistoryProblem {
    /// The 1-based line the problem is on, where known.
    pub fn line(&self) -> Option<usize> {
        match self {
            HistoryProblem::Invalid { line, .. } => *line,
            _ => None,
        }
    }
}

/// Parses answers-file text.
pub fn parse(text: &str) -> Result<History, HistoryProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(HistoryProblem::Empty);
    }
    if let Some(line) = input::too_deep(text, input::MAX_FLOW_DEPTH) {
        return Err(HistoryProblem::Invalid {
            line: Some(line),
            column: None,
            message: format!("brackets are nested more than {} levels deep", input::MAX_FLOW_DEPTH),
        });
    }
    if let Some(h) = parse_in_pieces(text) {
        return if h.format > FORMAT {
            Err(HistoryProblem::NewerFormat { found: h.format })
        } else {
            Ok(h)
        };
    }
    match serde_yaml::from_str::<History>(text) {
        Ok(h) if h.format > FORMAT => Err(HistoryProblem::NewerFormat { found: h.format }),
        Ok(h) => Ok(h),
        Err(e) => {
            // A newer format may fail to parse for reasons we cannot explain;
            // say "newer" rather than "broken" when the file says so.
            #[derive(Deserialize)]
            struct Probe {
                format: Option<u64>,
            }
            if let Ok(Probe { format: Some(found) }) = serde_yaml::from_str::<Probe>(text)
                && found > FORMAT
            {
                return Err(HistoryProblem::NewerFormat { found });
            }
            Err(HistoryProblem::Invalid {
                line: e.location().map(|l| l.line()),
                column: e.location().map(|l| l.column()),
                message: crate::error::yaml_problem(&e),
            })
        }
    }
}

/// Pieces of about this many bytes are parsed at a time.
const PIECE_BYTES: usize = 256 * 1024;

/// The fast path for large files laid out as this tool writes them: the
/// `assessments:` list, running to the end of the file, is parsed a few
/// hundred assessments at a time. Parsing a whole large file at once costs
/// more than linear time and memory in the YAML parser; pieces keep both in
/// proportion to the file. Anything unexpected (another layout, an error in a
/// piece) gives `None`, and the whole file is parsed as usual, so errors and
/// their line numbers are the same either way.
fn parse_in_pieces(text: &str) -> Option<History> {
    if text.len() < 2 * PIECE_BYTES {
        return None;
    }
    let start = text.find("\nassessments:")? + 1;
    let after = &text[start + "assessments:".len()..];
    let newline = if after.starts_with("\r\n") {
        2
    } else {
        usize::from(after.starts_with('\n'))
    };
    if newline == 0 {
        return None;
    }
    let body_start = start + "assessments:".len() + newline;
    let (head, body) = (&text[..start], &text[body_start..]);
    // The list must be the last thing in the file, items starting at column 0.
    if !body.starts_with("- ") {
        return None;
    }
    let mut history: History = serde_yaml::from_str(&format!("{head}assessments: []\n")).ok()?;
    let mut offset = 0;
    while offset < body.len() {
        let mut end = (offset + PIECE_BYTES).min(body.len());
        if end < body.len() {
            // Search bytes: `end` may fall inside a multi-byte character.
            end = body.as_bytes()[end..]
                .windows(3)
                .position(|w| w == b"\n- ")
                .map_or(body.len(), |i| end + i + 1);
        }
        let piece = &body[offset..end];
        if piece
            .lines()
            .any(|l| !(l.is_empty() || l.starts_with("- ") || l.starts_with("  ") || l.starts_with('#')))
        {
            return None;
        }
        history
            .assessments
            .extend(serde_yaml::from_str::<Vec<Assessment>>(piece).ok()?);
        offset = end;
    }
    Some(history)
}

const HEADER: &str = "\
# mbct-sustain answers file: every assessment your team has taken, oldest first.
# mbct-sustain rewrites this file (comments are not kept); it is plain YAML, safe
# to read, share and keep in git. Answers are written by action id and are one of:
#   in-place, in-progress, not-yet, not-applicable
# `mbct-sustain framework show` lists the action ids; `mbct-sustain report` shows
# the stages. Times are UTC.
";

/// The file's text for a history, with a header explaining it.
pub fn render(history: &History, crlf: bool) -> Result<String, serde_yaml::Error> {
    let body = serde_yaml::to_string(history)?;
    let text = format!("{HEADER}{body}");
    Ok(if crlf { text.replace('\n', "\r\n") } else { text })
}

// Hand-written deserializers: derive's `flatten` would buffer the whole file
// (slow, and serde_yaml then loses line numbers in errors).

impl<'de> Deserialize<'de> for History {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = History;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answers file with `format` and `assessments`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<History, A::Error> {
                let mut format = None;
                let mut assessments = None;
                let mut extra = serde_yaml::Mapping::new();
                while let Some(key) = map.next_key::<String>()? {
                    let repeated = match key.as_str() {
                        "format" => format.is_some(),
                        "assessments" => assessments.is_some(),
                        other => extra.contains_key(other),
                    };
                    if repeated {
                        return Err(de::Error::custom(format!("`{key}` appears twice")));
                    }
                    match key.as_str() {
                        "format" => format = Some(map.next_value()?),
                        "assessments" => {
                            assessments = Some(map.next_value::<Option<Vec<Assessment>>>()?.unwrap_or_default())
                        }
                        _ => {
                            let value = map.next_value()?;
                            extra.insert(key.into(), value);
                        }
                    }
                }
                Ok(History {
                    format: format.ok_or_else(|| de::Error::missing_field("format"))?,
                    assessments: assessments.unwrap_or_default(),
                    extra,
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Assessment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Assessment;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an assessment with `taken_at`, `framework` and `answers`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Assessment, A::Error> {
                let mut taken_at = None;
                let mut label = None;
                let mut respondent = None;
                let mut framework = None;
                let mut answers = None;
                let mut notes = None;
                let mut extra = serde_yaml::Mapping::new();
                let mut seen: Vec<String> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if seen.contains(&key) {
                        return Err(de::Error::custom(format!("`{key}` appears twice")));
                    }
                    seen.push(key.clone());
                    match key.as_str() {
                        "taken_at" => taken_at = Some(map.next_value()?),
                        "label" => label = map.next_value()?,
                        "respondent" => respondent = map.next_value()?,
                        "framework" => framework = Some(map.next_value()?),
                        "answers" => answers = Some(map.next_value::<UniqueMap<Answer>>()?.0),
                        "notes" => notes = Some(map.next_value::<UniqueMap<String>>()?.0),
                        _ => {
                            let value = map.next_value()?;
                            extra.insert(key.into(), value);
                        }
                    }
                }
                Ok(Assessment {
                    taken_at: taken_at.ok_or_else(|| de::Error::missing_field("taken_at"))?,
                    label,
                    respondent,
                    framework: framework.ok_or_else(|| de::Error::missing_field("framework"))?,
                    answers: answers.unwrap_or_default(),
                    notes: notes.unwrap_or_default(),
                    extra,
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// A map that refuses a key given twice (a YAML map would keep the last silently).
struct UniqueMap<T>(IndexMap<String, T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UniqueMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = UniqueMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of ids")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(UniqueMap(IndexMap::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = IndexMap::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value()?;
                    if out.insert(key.clone(), value).is_some() {
                        return Err(de::Error::custom(format!("`{key}` appears twice")));
                    }
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "format: 1\nassessments:\n  - taken_at: 2026-09-03T10:00:00Z\n    label: September\n    framework:\n      id: aspire-mbct\n      version: '1.0'\n    answers:\n      fit.evidence-and-need: in-place\n      gone.action: not-yet\n    notes:\n      fit: Going well\n    reviewed_by: Sam\n";

    #[test]
    fn an_answers_file_round_trips_with_unknown_fields_and_ids_kept() {
        let h = parse(ONE).unwrap();
        assert_eq!(h.assessments.len(), 1);
        let a = &h.assessments[0];
        assert_eq!(a.answer("fit.evidence-and-need"), Some(Answer::InPlace));
        assert_eq!(a.answer("gone.action"), Some(Answer::NotYet));
        assert_eq!(a.note("fit"), Some("Going well"));
        assert_eq!(a.extra.len(), 1);
        let again = parse(&render(&h, false).unwrap()).unwrap();
        assert_eq!(again, h);
    }

    #[test]
    fn rendering_keeps_crlf_when_asked() {
        let h = parse(ONE).unwrap();
        let text = render(&h, true).unwrap();
        assert!(text.contains("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert_eq!(parse(&text).unwrap(), h);
    }

    #[test]
    fn an_unknown_answer_is_an_error_with_its_line() {
        let err = parse(&ONE.replace("in-place", "maybe")).unwrap_err();
        assert_eq!(err.line(), Some(9), "{err:?}");
        assert!(err.to_string().contains("maybe"));
    }

    #[test]
    fn a_key_given_twice_is_an_error_not_a_silent_loss() {
        let twice = "format: 1\nassessments: []\nassessments:\n  - taken_at: 2026-09-03T10:00:00Z\n    framework: {id: a, version: '1'}\n";
        assert!(
            parse(twice)
                .unwrap_err()
                .to_string()
                .contains("`assessments` appears twice")
        );
        let label_twice = ONE.replace("    label: September\n", "    label: September\n    label: October\n");
        assert!(
            parse(&label_twice)
                .unwrap_err()
                .to_string()
                .contains("`label` appears twice")
        );
        let extra_twice = ONE.replace("    reviewed_by: Sam\n", "    reviewed_by: Sam\n    reviewed_by: Ann\n");
        assert!(parse(&extra_twice).is_err());
    }

    #[test]
    fn an_action_answered_twice_is_an_error() {
        let text = ONE.replace("gone.action", "fit.evidence-and-need");
        assert!(parse(&text).unwrap_err().to_string().contains("twice"));
    }

    #[test]
    fn a_newer_format_is_refused_even_when_its_shape_is_unknown() {
        assert_eq!(
            parse("format: 2\nassessments: []\n"),
            Err(HistoryProblem::NewerFormat { found: 2 })
        );
        assert_eq!(
            parse("format: 7\nassessments: {new: shape}\n"),
            Err(HistoryProblem::NewerFormat { found: 7 })
        );
    }

    #[test]
    fn empty_and_wrongly_typed_files_are_refused() {
        assert_eq!(parse(" \n"), Err(HistoryProblem::Empty));
        assert!(matches!(parse("- a\n- b\n"), Err(HistoryProblem::Invalid { .. })));
        assert!(matches!(
            parse("format: one\n"),
            Err(HistoryProblem::Invalid { line: Some(1), .. })
        ));
    }

    #[test]
    fn a_large_file_parsed_in_pieces_equals_the_whole_parse() {
        let one = parse(ONE).unwrap().assessments.remove(0);
        let mut history = History::default();
        for i in 0..3000 {
            let mut a = one.clone();
            a.label = Some(format!("round {i} — “café” ‘été’"));
            history.assessments.push(a);
        }
        history.extra.insert("service".into(), "North".into());
        let text = render(&history, false).unwrap();
        assert!(text.len() > 2 * PIECE_BYTES, "big enough for the fast path");
        let fast = parse_in_pieces(&text).expect("the fast path applies");
        assert_eq!(fast, history);
        assert_eq!(parse(&text).unwrap(), history);
        assert_eq!(parse(&render(&history, true).unwrap()).unwrap(), history, "CRLF too");
        // An error anywhere falls back to the whole parse, with its line number.
        let broken = text.replacen("fit.evidence-and-need: in-place", "fit.evidence-and-need: maybe", 2000);
        let err = parse(&broken).unwrap_err();
        assert_eq!(
            err.line(),
            text.lines()
                .position(|l| l.contains("fit.evidence-and-need"))
                .map(|i| i + 1)
        );
    }

    #[test]
    fn a_file_with_no_assessments_yet_is_valid() {
        assert_eq!(parse("format: 1\nassessments:\n").unwrap().assessments.len(), 0);
    }

    #[test]
    fn latest_index_follows_one_respondent() {
        let mut h = parse(ONE).unwrap();
        let mut b = h.assessments[0].clone();
        b.respondent = Some("Ann".into());
        h.assessments.push(b);
        assert_eq!(h.latest_index(None), Some(1));
        assert_eq!(h.latest_index(Some("Ann")), Some(1));
        assert_eq!(h.latest_index(Some("Bob")), None);
        assert_eq!(
            h.latest_index(Some(" ann ")),
            Some(1),
            "names match ignoring case and spaces"
        );
        assert_eq!(h.latest_of_exactly(None), Some(0));
    }
}
