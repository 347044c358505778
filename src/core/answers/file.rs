//! The answers file's text: reading it strictly, writing it with a header explaining it to a
//! reader.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

use super::agreed::{Agreement, Evidence};
use super::clock::Redating;
use super::plan::Plan;
use super::roster::{self, Member};
use super::withdrawn::Withdrawal;
use super::{Answer, Assessment, FORMAT, History};
use crate::core::yaml::{self, UniqueMap};
use crate::core::yaml_emit::{self, Node};

/// Why answers-file text cannot be used; `shell::error` words each for people.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Problem {
    /// Not YAML, or not the shape of an answers file, or empty (boxed, so a `Result` of it is
    /// small).
    Invalid(Box<yaml::Mistake>),
    /// Written by a newer version: `found` is the format as written, maybe too large for any
    /// number.
    NewerFormat { found: String },
    /// Holds git's merge-conflict markers, the first at `line`.
    ConflictMarkers { line: usize },
}

impl Problem {
    /// The 1-based line the problem is on, where known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Problem::Invalid(m) => m.line,
            Problem::ConflictMarkers { line } => Some(*line),
            _ => None,
        }
    }
}

/// Parses answers-file text.
pub fn parse(text: &str) -> Result<History, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = conflict_marker(text) {
        return Err(Problem::ConflictMarkers { line });
    }
    yaml::check(text).map_err(|mistake| Problem::Invalid(Box::new(mistake)))?;
    match parse_in_pieces(text).map_or_else(|| yaml::from_str::<History>(text), Ok) {
        Ok(mut h) if h.format <= FORMAT => {
            // Members as they joined, never as the file's keys happen to be ordered.
            roster::order(&mut h);
            Ok(h)
        }
        // A newer format may fail to parse for reasons we cannot explain: say "newer" rather than
        // "broken" when the file says so, even with a number too large to read as one.
        parsed => {
            #[derive(Deserialize)]
            struct Probe {
                format: Option<String>,
            }
            let newer = |n: &str| {
                n.parse::<u64>().map_or(
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
                    |n| n > FORMAT,
                )
            };
            match yaml::from_str::<Probe>(text) {
                Ok(Probe {
                    format: Some(found),
                }) if newer(&found) => Err(Problem::NewerFormat { found }),
                _ => parsed.map_err(|mistake| Problem::Invalid(Box::new(mistake))),
            }
        }
    }
}

/// The first line of a merge conflict (`<<<<<<< `, `=======`, `>>>>>>> `), which YAML calls
/// invalid.
fn conflict_marker(text: &str) -> Option<usize> {
    // A search for one byte is much quicker than one for seven, and most files hold no `<` or `>`.
    let holds = |byte: char, marker: &str| text.contains(byte) && text.contains(marker);
    if !holds('<', "<<<<<<<") && !holds('>', ">>>>>>>") {
        return None;
    }
    text.lines()
        .position(|l| {
            l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>") || l.trim_end() == "======="
        })
        .map(|i| i + 1)
}

/// Pieces of about this many bytes are parsed at a time.
const PIECE_BYTES: usize = 256 * 1024;

/// The fast path for large files laid out as this tool writes them: the `assessments:` list,
/// running to the end of the file, is parsed a few hundred assessments at a time, as parsing a
/// large file at once costs more than linear time and memory. Anything unexpected (another layout,
/// an error in a piece) gives `None`, and the whole file is parsed as usual, so errors are the same
/// either way.
fn parse_in_pieces(text: &str) -> Option<History> {
    if text.len() < 2 * PIECE_BYTES {
        return None;
    }
    let start = text.find("\nassessments:")? + 1;
    let (head, after) = (&text[..start], &text[start + "assessments:".len()..]);
    // The list must be the last thing in the file, items starting at column 0.
    let body = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .filter(|b| b.starts_with("- "))?;
    let mut history: History = yaml::from_str(&format!("{head}assessments: []\n")).ok()?;
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
        if piece.lines().any(|l| {
            !(l.is_empty() || l.starts_with("- ") || l.starts_with("  ") || l.starts_with('#'))
        }) {
            return None;
        }
        history
            .assessments
            .extend(yaml::from_str::<Vec<Assessment>>(piece).ok()?);
        offset = end;
    }
    Some(history)
}

const HEADER: &str = "\
# mbct-sustain answers file: every assessment your team has taken, oldest first.
# mbct-sustain rewrites this file (comments are not kept); it is plain YAML, safe
# to read, share and keep in git. Answers are written by action id and are one of:
#   in-place, in-progress, not-yet, dont-know, not-applicable
# `team:` (if any) lists who is on the team: each member's other spellings,
# login account, and when they joined or left (`mbct-sustain people --help`).
# `agreements:` (if any) are the answers the team agreed in its meetings, and
# `evidence:` what shows an action is in place (`mbct-sustain agree --help`).
# `plan:` (if any) holds the team's plan: each action's owner and due date,
# each domain's target stage, and the next review (`mbct-sustain plan --help`).
# `withdrawn:` (if any) names assessments taken by mistake: kept, counted
# nowhere (`mbct-sustain withdraw --help`). `redated:` (if any) records dates
# from a computer whose clock ran ahead, and the dates they count as.
# `mbct-sustain framework show` lists the action ids; `mbct-sustain report` shows
# the stages. Times are UTC.
";

/// The file's text for a history, with a header, declaring the oldest format that can hold it.
/// Every section the answers types serialise is written (so a new one needs no change here), in
/// a fixed order: `format`, fields written by someone else, the roster, agreements, evidence, the
/// plan, any other section, then the assessments, last so that one can be added to the text as
/// it is ([`assessment_text`], [`super::splice`]). Every text any YAML reader could take for
/// something else is quoted ([`yaml_emit`]), so PyYAML and this tool read the same values.
pub fn render(history: &History, crlf: bool) -> Result<String, serde_yaml::Error> {
    let mut text = head_text(history)?;
    if history.assessments.is_empty() {
        text += EMPTY_LIST;
    } else {
        text += LIST_KEY;
        for assessment in &history.assessments {
            text += &assessment_text(assessment)?;
        }
    }
    Ok(if crlf { to_crlf(&text) } else { text })
}

/// The line that opens the assessments when there are some; their items follow at column 0.
pub(super) const LIST_KEY: &str = "assessments:\n";
/// The line [`render`] writes when there is no assessment.
pub(super) const EMPTY_LIST: &str = "assessments: []\n";

/// `\n` line ends as `\r\n`.
pub(super) fn to_crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// Everything [`render`] writes before `assessments:` (the header comment, `format`, every other
/// section), with `\n` line ends; the assessments are not serialised to write it.
pub fn head_text(history: &History) -> Result<String, serde_yaml::Error> {
    let Node::Map(mut rest) = yaml_emit::to_node(&head_of(history))? else {
        unreachable!("a history serialises as a map")
    };
    let mut take = |key: &Node| {
        rest.iter()
            .position(|(k, _)| k == key)
            .map(|i| rest.remove(i))
    };
    let named = |name: &str| Node::Text(name.to_string());
    let format = Node::Number(super::format_needed(history).to_string());
    take(&named("format"));
    take(&named("assessments"));
    let mut head = vec![(named("format"), format)];
    for key in history.extra.keys() {
        head.extend(take(&yaml_emit::to_node(key)?));
    }
    for section in ["service", "team", "agreements", "evidence", "plan"] {
        head.extend(take(&named(section)));
    }
    head.append(&mut rest);
    Ok(String::from(HEADER) + &yaml_emit::node_text(&Node::Map(head)))
}

/// Everything in `history` but its assessments (a copy of the small part of the file).
pub(super) fn head_of(history: &History) -> History {
    // Every field named, so a section added to the file cannot be left out here.
    let History {
        format,
        extra,
        service,
        team,
        plan,
        agreements,
        evidence,
        withdrawn,
        redated,
        assessments: _,
    } = history;
    History {
        format: *format,
        extra: extra.clone(),
        service: service.clone(),
        team: team.clone(),
        plan: plan.clone(),
        agreements: agreements.clone(),
        evidence: evidence.clone(),
        withdrawn: withdrawn.clone(),
        redated: redated.clone(),
        assessments: Vec::new(),
    }
}

/// One assessment as an item of the file's `assessments:` list (at column 0, `\n` line ends),
/// exactly as [`render`] writes it there.
pub fn assessment_text(assessment: &Assessment) -> Result<String, serde_yaml::Error> {
    yaml_emit::list_item(assessment)
}

// Hand-written deserializers: derive's `flatten` would buffer the whole file
// (slow, and serde_yaml then loses line numbers in errors).

/// Reads a map, refusing a key given twice: `known` reads the value of a key it knows (false for
/// one it does not), and the others are kept as they are.
fn entries<'de, A: MapAccess<'de>>(
    mut map: A,
    mut known: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<serde_yaml::Mapping, A::Error> {
    let (mut seen, mut extra) = (Vec::new(), serde_yaml::Mapping::new());
    while let Some(key) = map.next_key::<String>()? {
        if seen.contains(&key) {
            return Err(de::Error::custom(yaml::repeated(&key)));
        }
        seen.push(key.clone());
        if !known(&key, &mut map)? {
            let value = map.next_value()?;
            extra.insert(key.into(), value);
        }
    }
    Ok(extra)
}

impl<'de> Deserialize<'de> for History {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = History;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<History, A::Error> {
                let (mut format, mut assessments, mut plan) = (None, None, None);
                let (mut team, mut agreements, mut evidence) = (None, None, None);
                let mut service = None;
                let (mut withdrawn, mut redated) = (None, None);
                let extra = entries(map, |key, map| {
                    match key {
                        "format" => format = Some(map.next_value()?),
                        "service" => service = map.next_value::<Option<super::Service>>()?,
                        "plan" => plan = map.next_value::<Option<Plan>>()?,
                        "assessments" => {
                            assessments = map.next_value::<Option<Vec<Assessment>>>()?
                        }
                        "team" => {
                            team = map.next_value::<Option<UniqueMap<Member>>>()?.map(|m| m.0)
                        }
                        "agreements" => agreements = map.next_value::<Option<Vec<Agreement>>>()?,
                        "evidence" => evidence = map.next_value::<Option<Vec<Evidence>>>()?,
                        "withdrawn" => withdrawn = map.next_value::<Option<Vec<Withdrawal>>>()?,
                        "redated" => redated = map.next_value::<Option<Vec<Redating>>>()?,
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                Ok(History {
                    format: format.ok_or_else(|| de::Error::missing_field("format"))?,
                    assessments: assessments.unwrap_or_default(),
                    plan: plan.unwrap_or_default(),
                    service,
                    team: team.unwrap_or_default(),
                    agreements: agreements.unwrap_or_default(),
                    evidence: evidence.unwrap_or_default(),
                    withdrawn: withdrawn.unwrap_or_default(),
                    redated: redated.unwrap_or_default(),
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
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Assessment, A::Error> {
                let (mut taken_at, mut framework, mut answers, mut notes) =
                    (None, None, None, None);
                let (mut label, mut respondent, mut entered_at) = (None, None, None);
                let extra = entries(map, |key, map| {
                    match key {
                        "taken_at" => taken_at = Some(map.next_value()?),
                        "label" => label = map.next_value()?,
                        "respondent" => respondent = map.next_value()?,
                        "framework" => framework = Some(map.next_value()?),
                        "answers" => answers = Some(map.next_value::<UniqueMap<Answer>>()?.0),
                        "notes" => notes = Some(map.next_value::<UniqueMap<String>>()?.0),
                        "entered_at" => entered_at = map.next_value()?,
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                Ok(Assessment {
                    taken_at: taken_at.ok_or_else(|| de::Error::missing_field("taken_at"))?,
                    label,
                    respondent,
                    framework: framework.ok_or_else(|| de::Error::missing_field("framework"))?,
                    answers: answers.unwrap_or_default(),
                    notes: notes.unwrap_or_default(),
                    entered_at,
                    extra,
                })
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ONE: &str = concat!(
        "format: 1\nassessments:\n  - taken_at: 2026-09-03T10:00:00Z\n    label: September\n",
        "    framework:\n      id: aspire-mbct\n      version: '1.0'\n",
        "    answers:\n      fit.evidence-and-need: in-place\n      gone.action: not-yet\n",
        "    notes:\n      fit: Going well\n    reviewed_by: Sam\n"
    );

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

    fn kind(p: Problem) -> yaml::Kind {
        match p {
            Problem::Invalid(m) => m.kind,
            other => panic!("expected a YAML mistake, got {other:?}"),
        }
    }

    fn repeated(key: &str, first: usize, second: usize) -> yaml::Kind {
        let lines = Some((first, second));
        yaml::Kind::Repeated {
            name: key.into(),
            lines,
        }
    }

    #[test]
    fn an_unknown_answer_is_an_error_with_its_line() {
        let err = parse(&ONE.replace("in-place", "maybe")).unwrap_err();
        assert_eq!(err.line(), Some(9), "{err:?}");
        assert!(matches!(kind(err), yaml::Kind::UnknownValue { name, .. } if name == "maybe"));
    }

    #[test]
    fn a_key_given_twice_is_an_error_not_a_silent_loss() {
        let twice = "format: 1\nassessments: []\nassessments:\n  - taken_at: \
            2026-09-03T10:00:00Z\n    framework: {id: a, version: '1'}\n";
        assert_eq!(
            kind(parse(twice).unwrap_err()),
            repeated("assessments", 2, 3)
        );
        let label_twice = ONE.replace(
            "    label: September\n",
            "    label: September\n    label: October\n",
        );
        assert_eq!(
            kind(parse(&label_twice).unwrap_err()),
            repeated("label", 4, 5)
        );
        let extra_twice = ONE.replace(
            "    reviewed_by: Sam\n",
            "    reviewed_by: Sam\n    reviewed_by: Ann\n",
        );
        assert_eq!(
            kind(parse(&extra_twice).unwrap_err()),
            repeated("reviewed_by", 13, 14)
        );
    }

    #[test]
    fn an_action_answered_twice_is_an_error() {
        let text = ONE.replace("gone.action", "fit.evidence-and-need");
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err.line(),
            Some(10),
            "the second, where an editor should go"
        );
        assert_eq!(kind(err), repeated("fit.evidence-and-need", 9, 10));
    }

    #[test]
    fn a_plan_action_or_target_given_twice_is_refused_with_both_lines_not_dropped() {
        let plan = "format: 2\nplan:\n  actions:\n    networks.buddy: {owner: Priya}\n    \
            fit.pathways:\n      owner: Jo\n    networks.buddy: {owner: Sam}\n  targets:\n    fit: \
            {stage: embedded}\n    'fit': {stage: sustainable}\nassessments: []\n";
        assert_eq!(
            kind(parse(plan).unwrap_err()),
            repeated("networks.buddy", 4, 7)
        );
        let targets = plan.replace("    networks.buddy: {owner: Sam}\n", "");
        assert_eq!(kind(parse(&targets).unwrap_err()), repeated("fit", 8, 9));
        let nested = "format: 1\nregion:\n  - name: North\n    name: South\nassessments: []\n";
        assert_eq!(
            kind(parse(nested).unwrap_err()),
            repeated("name", 3, 4),
            "kept fields too"
        );
    }

    #[test]
    fn a_newer_format_is_refused_even_when_its_shape_is_unknown() {
        assert_eq!(
            parse("format: 5\nassessments: []\n"),
            Err(Problem::NewerFormat { found: "5".into() })
        );
        assert_eq!(
            parse("format: 7\nassessments: {new: shape}\n"),
            Err(Problem::NewerFormat { found: "7".into() })
        );
        assert_eq!(
            parse("format: 99999999999999999999\nassessments: []\n"),
            Err(Problem::NewerFormat {
                found: "99999999999999999999".into()
            }),
            "a number too large for any number type is still a newer format"
        );
    }

    #[test]
    fn empty_and_wrongly_typed_files_are_refused() {
        assert_eq!(kind(parse(" \n").unwrap_err()), yaml::Kind::Empty);
        assert!(matches!(parse("- a\n- b\n"), Err(Problem::Invalid(_))));
        assert!(matches!(parse("format: one\n"), Err(Problem::Invalid(m)) if m.line == Some(1)));
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
        history.extra.insert("region".into(), "North".into());
        let text = render(&history, false).unwrap();
        assert!(text.len() > 2 * PIECE_BYTES, "big enough for the fast path");
        let fast = parse_in_pieces(&text).expect("the fast path applies");
        assert_eq!(fast, history);
        assert_eq!(parse(&text).unwrap(), history);
        assert_eq!(
            parse(&render(&history, true).unwrap()).unwrap(),
            history,
            "CRLF too"
        );
        // An error anywhere falls back to the whole parse, with its line number.
        let broken = text.replacen(
            "fit.evidence-and-need: in-place",
            "fit.evidence-and-need: maybe",
            2000,
        );
        let err = parse(&broken).unwrap_err();
        assert_eq!(
            err.line(),
            text.lines()
                .position(|l| l.contains("fit.evidence-and-need"))
                .map(|i| i + 1)
        );
    }

    #[test]
    fn dont_know_is_written_as_format_2_and_format_1_files_stay_format_1() {
        let mut h = parse(ONE).unwrap();
        assert!(render(&h, false).unwrap().contains("\nformat: 1\n"));
        h.assessments[0]
            .answers
            .insert("fit.pathways".into(), Answer::DontKnow);
        let text = render(&h, false).unwrap();
        assert!(
            text.contains("\nformat: 2\n") && text.contains("fit.pathways: dont-know"),
            "{text}"
        );
        assert_eq!(
            parse(&text).unwrap().assessments[0].answer("fit.pathways"),
            Some(Answer::DontKnow)
        );
    }

    #[test]
    fn the_plan_is_kept_before_the_assessments_and_needs_format_2() {
        let mut h = parse(ONE).unwrap();
        h.plan.actions.insert(
            "networks.buddy".into(),
            crate::core::answers::plan::Step {
                owner: Some("Priya".into()),
                due: Some(jiff::civil::date(2027, 1, 31)),
                set_at: None,
            },
        );
        let text = render(&h, false).unwrap();
        assert!(
            text.contains("\nformat: 2\n"),
            "an undated plan stays format 2: {text}"
        );
        let plan_at = text.find("\nplan:\n").expect("a plan section");
        assert!(plan_at < text.find("\nassessments:").unwrap(), "{text}");
        assert!(
            text.contains("      owner: Priya\n      due: 2027-01-31\n"),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap().plan, h.plan);
        let bad = text.replace("owner: Priya", "ownr: Priya");
        let line = bad.lines().position(|l| l.contains("ownr")).unwrap() + 1;
        assert_eq!(
            parse(&bad).unwrap_err().line(),
            Some(line),
            "a hand-edited plan is refused with its line"
        );
    }

    #[test]
    fn merge_conflict_markers_are_named_with_their_line() {
        let text = format!(
            "{}<<<<<<< HEAD\n  - x\n=======\n  - y\n>>>>>>> theirs\n",
            ONE
        );
        let line = ONE.lines().count() + 1;
        assert_eq!(parse(&text), Err(Problem::ConflictMarkers { line }));
    }

    #[test]
    fn a_file_with_no_assessments_yet_is_valid() {
        assert_eq!(
            parse("format: 1\nassessments:\n")
                .unwrap()
                .assessments
                .len(),
            0
        );
    }

    #[test]
    fn a_service_reads_as_a_plain_name_or_with_its_time_and_writes_back_as_read() {
        for (written, name, set) in [
            (
                "service: Gwynedd MBCT service\n",
                "Gwynedd MBCT service",
                false,
            ),
            (
                "service:\n  name: Gwynedd MBCT service\n  set_at: 2026-12-04T10:15:00Z\n",
                "Gwynedd MBCT service",
                true,
            ),
        ] {
            let text = ONE.replacen("format: 1\n", &format!("format: 4\n{written}"), 1);
            let h = parse(&text).unwrap();
            let service = h.service.clone().expect("a service");
            assert_eq!(
                (service.name.as_str(), service.set_at.is_some()),
                (name, set)
            );
            assert_eq!(
                parse(&render(&h, false).unwrap()).unwrap().service,
                h.service
            );
        }
    }

    #[test]
    fn every_section_the_types_serialise_is_written_in_a_fixed_order() {
        let mut h = parse(ONE).unwrap();
        h.extra.insert("service".into(), "North".into());
        h.team.insert("Sam".into(), Member::default());
        let at = jiff::Timestamp::UNIX_EPOCH;
        h.evidence.push(Evidence {
            action: "fit.pathways".into(),
            text: "Map".into(),
            link: None,
            by: None,
            at,
            removed: None,
        });
        h.agreements.push(Agreement {
            round: None,
            action: "fit.pathways".into(),
            answer: Some(Answer::InPlace),
            comment: None,
            present: Vec::new(),
            at,
            since: None,
        });
        h.plan.review = Some(crate::core::answers::plan::Review::EveryMonths(6));
        let text = render(&h, false).unwrap();
        let keys = |v: serde_yaml::Value| -> Vec<String> {
            let serde_yaml::Value::Mapping(m) = v else {
                panic!("a map")
            };
            m.keys().map(|k| k.as_str().unwrap().to_string()).collect()
        };
        let written = keys(serde_yaml::from_str(&text).unwrap());
        let order = [
            "format",
            "service",
            "team",
            "agreements",
            "evidence",
            "plan",
            "assessments",
        ];
        assert_eq!(written, order);
        let mut serialised = keys(serde_yaml::to_value(&h).unwrap());
        serialised.sort();
        let mut sorted = written.clone();
        sorted.sort();
        assert_eq!(
            serialised, sorted,
            "nothing the types serialise is left out"
        );
        assert!(
            text.contains("\nformat: 4\n"),
            "the format the file needs: {text}"
        );
    }

    /// Random text that stresses every reader: any Unicode, the three characters libyaml ends a
    /// line at, line breaks, indicators, quotes, and words resolvers type (`no`, `12:30`, …).
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            prop::sample::select(vec![
                "\u{2028}",
                "\u{2029}",
                "\u{85}",
                "\n",
                "\r",
                "\t",
                " ",
                ": ",
                " #",
                "'",
                "\"",
                "\\",
                "- ",
                "no",
                "On",
                "y",
                "~",
                "null",
                "12:30",
                "2026-12-01",
                "0x1F",
                "1e3",
                ".inf",
                "|",
                ">",
                "&",
                "*",
                "!",
                "%",
                "@",
                "`",
                "[",
                "{",
                "---",
                "...",
                "\u{feff}",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
    }

    fn dates() -> impl Strategy<Value = jiff::civil::Date> {
        (1900i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
    }

    fn times() -> impl Strategy<Value = jiff::Timestamp> {
        (0i64..4_000_000_000_000).prop_map(|ms| jiff::Timestamp::from_millisecond(ms).unwrap())
    }

    fn histories() -> impl Strategy<Value = History> {
        let assessment = (
            times(),
            prop::option::of(texts()),
            prop::option::of(texts()),
            (texts(), texts()),
            prop::collection::vec((texts(), prop::sample::select(Answer::ALL.to_vec())), 0..4),
            prop::collection::vec((texts(), texts()), 0..3),
            prop::collection::vec((texts(), texts()), 0..2),
        )
            .prop_map(
                |(taken_at, label, respondent, (id, version), answers, notes, extra)| Assessment {
                    taken_at,
                    label,
                    respondent,
                    framework: super::super::FrameworkRef { id, version },
                    answers: answers.into_iter().collect(),
                    notes: notes.into_iter().collect(),
                    entered_at: None,
                    extra: extra
                        .into_iter()
                        .map(|(k, v)| (k.into(), v.into()))
                        .collect(),
                },
            );
        let member = (
            texts(),
            prop::collection::vec(texts(), 0..3),
            prop::option::of(texts()),
            prop::option::of(dates()),
            prop::option::of(times()),
        )
            .prop_map(|(name, spellings, account, joined, set_at)| {
                let member = Member {
                    spellings,
                    account,
                    joined,
                    set_at,
                    ..Member::default()
                };
                (name, member)
            });
        let agreement = (
            prop::option::of(dates()),
            texts(),
            prop::option::of(prop::sample::select(Answer::ALL.to_vec())),
            prop::option::of(texts()),
            prop::collection::vec(texts(), 0..3),
            times(),
        )
            .prop_map(|(round, action, answer, comment, present, at)| Agreement {
                round,
                action,
                answer,
                comment,
                present,
                at,
                since: None,
            });
        let evidence = (
            texts(),
            texts(),
            prop::option::of(texts()),
            prop::option::of(texts()),
            times(),
        )
            .prop_map(|(action, text, link, by, at)| Evidence {
                action,
                text,
                link,
                by,
                at,
                removed: None,
            });
        let step = (
            texts(),
            prop::option::of(texts()),
            prop::option::of(dates()),
        )
            .prop_map(|(id, owner, due)| {
                let step = crate::core::answers::plan::Step {
                    owner,
                    due,
                    set_at: None,
                };
                (id, step)
            });
        (
            prop::collection::vec(assessment, 0..3),
            prop::collection::vec(member, 0..3),
            prop::collection::vec(agreement, 0..2),
            prop::collection::vec(evidence, 0..2),
            prop::collection::vec(step, 0..2),
            prop::option::of(dates()),
            prop::collection::vec((texts(), texts()), 0..2),
        )
            .prop_map(
                |(assessments, team, agreements, evidence, steps, review, extra)| {
                    let mut h = History {
                        assessments,
                        team: team.into_iter().collect(),
                        agreements,
                        evidence,
                        extra: extra
                            .into_iter()
                            .filter(|(k, _)| {
                                ![
                                    "format",
                                    "team",
                                    "agreements",
                                    "evidence",
                                    "plan",
                                    "assessments",
                                ]
                                .contains(&k.as_str())
                            })
                            .map(|(k, v)| (k.into(), v.into()))
                            .collect(),
                        ..History::default()
                    };
                    h.plan.actions = steps.into_iter().collect();
                    h.plan.review = review.map(crate::core::answers::plan::Review::On);
                    h.format = super::super::format_needed(&h);
                    h
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn any_text_in_any_field_reads_back_exactly_as_it_was(h in histories()) {
            let text = render(&h, false).unwrap();
            prop_assert_eq!(&parse(&text).unwrap(), &h, "{}", text);
            // One assessment alone is written as the file writes it.
            for a in &h.assessments {
                prop_assert!(text.contains(&assessment_text(a).unwrap()));
            }
        }

        #[test]
        fn a_save_keeping_the_assessments_bytes_writes_what_a_full_render_writes(
            h in histories(),
            crlf in any::<bool>(),
        ) {
            use super::super::splice::{Kept, Read, place};
            let mut before = h;
            let new = before.assessments.pop();
            before.format = super::super::format_needed(&before);
            let text = render(&before, crlf).unwrap();
            let read = Read::new(&text, &before, crlf).unwrap();
            // A section of another version's added: the head changes, the format does not.
            let mut changed = before.clone();
            changed.extra.insert("zz-added".into(), "x".into());
            let spliced = read.spliced(&changed, Kept::All).unwrap();
            prop_assert_eq!(
                spliced.map(|p| p.concat()),
                Some(render(&changed, crlf).unwrap()),
                "{}",
                text
            );
            if let Some(new) = new {
                let mut added = before.clone();
                let at = place(&added.assessments, new.taken_at);
                added.assessments.insert(at, new);
                let spliced = read.spliced(&added, Kept::AllBut(at)).unwrap();
                let same_format =
                    super::super::format_needed(&added) == super::super::format_needed(&before);
                prop_assert_eq!(spliced.is_some(), same_format);
                if let Some(pieces) = spliced {
                    prop_assert_eq!(pieces.concat(), render(&added, crlf).unwrap());
                }
            }
        }
    }
}
