//! Reading YAML that people wrote: cheap checks before the parser, and its
//! errors said in plain words for someone who does not write YAML.
//!
//! Frameworks and answers files come from shared folders and other people's
//! editors. The parser's cost grows with the square of bracket nesting
//! (measured: 40,000 nested brackets after a key took about 5 seconds; a
//! million, over ten minutes), so nesting is checked first. serde gives no
//! position for values, so errors about an id find its line here.

use serde::de::DeserializeOwned;

/// Flow collections (`[`/`{`) nested deeper than this are refused before parsing.
pub const MAX_FLOW_DEPTH: usize = 100;

/// A YAML mistake: where it is and what is wrong, as data the shell words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// Where in the document, outermost first (empty at the top).
    pub place: Vec<Place>,
    /// What is wrong.
    pub kind: Kind,
}

/// One step into the document on the way to a mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Place {
    /// Item `number` (from 1) of the list under the key `list` (`None` at the top).
    Item { list: Option<String>, number: usize },
    /// The answer to this action id.
    Answer(String),
    /// The note for this domain id.
    Note(String),
    /// The value of this key.
    Field(String),
}

/// What is wrong with the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Kind {
    /// A value that is not one of the `allowed` ones.
    UnknownValue { found: String, allowed: Vec<String> },
    /// A key this place does not have; it has the `allowed` ones.
    UnknownField { field: String, allowed: Vec<String> },
    /// A required key is missing; `indented_at` is the line of a `field:`
    /// line just below, which must be indented wrongly.
    MissingField { field: String, indented_at: Option<usize> },
    /// A key given twice.
    Repeated { key: String },
    /// A value of another shape than the one expected.
    WrongType { expected: Expected, found: Found },
    /// Not a date and time (`taken_at`).
    NotATimestamp,
    /// Not a date (`due`, `by`, `on`).
    NotADate,
    /// Not valid YAML.
    Syntax(Syntax),
    /// Aliases (`*name`) repeat the document too many times.
    TooManyAliases,
    /// Nested deeper than the parser goes.
    TooDeep,
    /// More than one YAML document (`---`).
    SeveralDocuments,
    /// A tab in a line's indentation.
    TabIndent,
    /// One of the file's own rules, broken.
    Broken(Rule),
    /// A parser message this version does not know, as the parser gave it.
    Other(String),
}

/// The shape a value should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each names the shape
pub enum Expected {
    List,
    Map,
    Text,
    WholeNumber,
    TextOrWholeNumber,
    /// Any other shape: never the parser's name for it.
    Other,
}

/// The value found where another shape was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // each names the shape, with the value where it has one
pub enum Found {
    Text(String),
    Number(String),
    TrueOrFalse(String),
    List,
    Map,
    Nothing,
    Other,
}

/// Why the YAML could not be parsed, grouped by what the person can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each is worded in `shell::words`
pub enum Syntax {
    ColonInValue,
    Indentation,
    MissingColon,
    CannotStartValue,
    Unclosed,
    Escape,
    ControlCharacter,
    UnknownAlias,
    Unexpected,
}

/// The parser's words (libyaml's and yaml_serde's own) for each mistake
/// without data, most specific first; the last ones catch the rest.
const PARSER: [(&str, Kind); 22] = [
    ("tab character", Kind::TabIndent),
    ("repetition limit", Kind::TooManyAliases),
    ("recursion limit", Kind::TooDeep),
    ("more than one document", Kind::SeveralDocuments),
    ("mapping values are not allowed", Kind::Syntax(Syntax::ColonInValue)),
    ("found unexpected ':'", Kind::Syntax(Syntax::ColonInValue)),
    ("did not find expected key", Kind::Syntax(Syntax::Indentation)),
    ("did not find expected '-'", Kind::Syntax(Syntax::Indentation)),
    ("not allowed in this context", Kind::Syntax(Syntax::Indentation)),
    ("could not find expected ':'", Kind::Syntax(Syntax::MissingColon)),
    ("cannot start any token", Kind::Syntax(Syntax::CannotStartValue)),
    ("end of stream", Kind::Syntax(Syntax::Unclosed)),
    ("EOF while parsing", Kind::Syntax(Syntax::Unclosed)),
    ("document indicator", Kind::Syntax(Syntax::Unclosed)),
    ("escape", Kind::Syntax(Syntax::Escape)),
    ("control characters", Kind::Syntax(Syntax::ControlCharacter)),
    ("invalid Unicode character", Kind::Syntax(Syntax::ControlCharacter)),
    ("unknown anchor", Kind::Syntax(Syntax::UnknownAlias)),
    ("undefined alias", Kind::Syntax(Syntax::UnknownAlias)),
    ("expected", Kind::Syntax(Syntax::Unexpected)),
    ("found", Kind::Syntax(Syntax::Unexpected)),
    ("YAML", Kind::Syntax(Syntax::Unexpected)),
];

/// Rules of the file formats that serde does not check. The file types'
/// own checks send one through serde, which carries only text; [`from_str`]
/// reads it back as [`Kind::Broken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A review gives both `on` and `every_months`, or neither.
    ReviewOnOrEvery,
    /// `every_months` is outside 1 to 120.
    ReviewMonths,
    /// A framework version written as a decimal number (`1.10` reads as 1.1).
    DecimalVersion,
}

impl Rule {
    const ALL: [Rule; 3] = [Rule::ReviewOnOrEvery, Rule::ReviewMonths, Rule::DecimalVersion];
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "rule {self:?} broken")
    }
}

/// A key given twice, reported through serde in serde's own words for a
/// field given twice, so both read back as [`Kind::Repeated`].
pub fn repeated(key: &str) -> String {
    format!("duplicate field `{key}`")
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    /// 1-based line of the first invalid byte.
    pub line: usize,
    /// 1-based column (in characters) of the first invalid byte.
    pub column: usize,
}

/// Turns bytes into text, dropping a byte-order mark and locating bad UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..valid];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            Err(NotUtf8 { line, column })
        }
    }
}

/// Whether the text holds nothing but blank lines and comments.
pub fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// Deserializes `text`; on failure, says where and what went wrong.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Mistake> {
    serde_yaml::from_str(text).map_err(|e| explain::<T>(text, &e))
}

/// Locates and classifies a serde error. The parse is run again with the
/// field path tracked (only on failure, so loading stays fast) to name the place.
fn explain<T: DeserializeOwned>(text: &str, e: &serde_yaml::Error) -> Mistake {
    use serde_path_to_error::Segment;
    let mut path = serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text))
        .err()
        .map(|e| e.path().iter().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let message = e.to_string();
    let key = path.iter().rev().find_map(|s| match s {
        Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    let mut kind = kind_of(&message, key);
    // A problem in the text's first bytes is placed by a byte offset instead.
    let offset = message
        .split_once(" at position ")
        .and_then(|(_, p)| p.parse::<usize>().ok());
    let (line, column) = match offset {
        Some(o) => (Some(text.get(..o).unwrap_or(text).matches('\n').count() + 1), None),
        None => (e.location().map(|l| l.line()), e.location().map(|l| l.column())),
    };
    let line_text = |at: usize| text.lines().nth(at.saturating_sub(1)).unwrap_or("");
    match &mut kind {
        // "`stage` is missing" when a `stage:` line is there: it is indented
        // wrongly, so name that line.
        Kind::MissingField { field, indented_at } => {
            let key_line = |l: &usize| {
                line_text(*l)
                    .trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&format!("{field}:"))
            };
            *indented_at = line.and_then(|at| (at..at + 40).find(key_line));
        }
        // The unknown key is not a place of its own.
        Kind::UnknownField { .. } => drop(path.pop()),
        Kind::Syntax(Syntax::CannotStartValue)
            if line.is_some_and(|at| line_text(at).trim_start_matches(' ').starts_with('\t')) =>
        {
            kind = Kind::TabIndent
        }
        _ => {}
    }
    Mistake {
        // A second document has no location of its own: point at its start.
        line: line.or_else(|| {
            (kind == Kind::SeveralDocuments)
                .then(|| text.lines().skip(1).position(|l| l == "---" || l.starts_with("--- ")))
                .flatten()
                .map(|i| i + 2)
        }),
        column,
        place: place_of(&path),
        kind,
    }
}

/// `assessments[0].answers.fit.pathways` -> assessment 1, the answer to fit.pathways.
fn place_of(path: &[serde_path_to_error::Segment]) -> Vec<Place> {
    use serde_path_to_error::Segment;
    let mut place = Vec::new();
    let mut list = None;
    for (i, s) in path.iter().enumerate() {
        match (s, path.get(i + 1)) {
            (Segment::Map { key }, Some(Segment::Map { key: id })) if key == "answers" || key == "notes" => {
                place.push(if key == "answers" {
                    Place::Answer(id.clone())
                } else {
                    Place::Note(id.clone())
                });
                break;
            }
            (Segment::Map { key }, Some(Segment::Seq { .. })) => list = Some(key.clone()),
            (Segment::Map { key }, _) => place.push(Place::Field(key.clone())),
            (Segment::Seq { index }, _) => place.push(Place::Item {
                list: list.take(),
                number: index + 1,
            }),
            _ => {}
        }
    }
    place
}

/// What a serde or parser message says, as data; `key` is the last key on
/// the way to the value it is about. serde_yaml puts the path in front of
/// a message, so its words are looked for, not expected at the start.
fn kind_of(message: &str, key: Option<&str>) -> Kind {
    let has = |words: &str| message.contains(words);
    let quoted = || message.split('`').nth(1).unwrap_or("").to_string();
    // serde lists what is allowed as "expected one of `a`, `b`" or "expected `a` or `b`".
    let allowed = || {
        message.split_once(", expected ").map_or(Vec::new(), |(_, a)| {
            let a = a.split(" at line ").next().unwrap_or(a).trim_start_matches("one of ");
            a.split(", ")
                .flat_map(|s| s.split(" or "))
                .map(|s| s.trim_matches('`').to_string())
                .collect()
        })
    };
    let shapes = message
        .split_once("invalid type: ")
        .or_else(|| message.split_once("invalid value: "))
        .and_then(|(_, rest)| rest.split_once(", expected "));
    if let Some(rule) = Rule::ALL.into_iter().find(|r| has(&r.to_string())) {
        Kind::Broken(rule)
    } else if has("unknown variant `") {
        Kind::UnknownValue {
            found: quoted(),
            allowed: allowed(),
        }
    } else if has("unknown field `") {
        Kind::UnknownField {
            field: quoted(),
            allowed: allowed(),
        }
    } else if has("missing field `") {
        Kind::MissingField {
            field: quoted(),
            indented_at: None,
        }
    } else if has("duplicate field `") {
        Kind::Repeated { key: quoted() }
    } else if key == Some("taken_at") {
        Kind::NotATimestamp
    } else if matches!(key, Some("due" | "by" | "on")) {
        Kind::NotADate
    } else if let Some((found, expected)) = shapes {
        Kind::WrongType {
            expected: expected_shape(expected),
            found: found_shape(found),
        }
    } else {
        let message = message.split(" at line ").next().unwrap_or(message);
        let known = PARSER.iter().find(|(words, _)| message.contains(words));
        known.map_or_else(|| Kind::Other(message.to_string()), |(_, kind)| kind.clone())
    }
}

/// What serde expected, as a shape; never the name of a Rust type.
fn expected_shape(expected: &str) -> Expected {
    let expected = expected.split(" at line ").next().unwrap_or(expected);
    let whole = |e: &str| e.starts_with(['u', 'i']) && e[1..].bytes().all(|b| b.is_ascii_digit());
    match expected {
        "a sequence" => Expected::List,
        e if e.starts_with("struct ") || e.starts_with("a map") => Expected::Map,
        e if whole(e) || e.starts_with("a non-negative") || e.starts_with("an integer") => Expected::WholeNumber,
        "text or a whole number" => Expected::TextOrWholeNumber,
        e if e.contains("string") || e.contains("YAML tag") => Expected::Text,
        _ => Expected::Other,
    }
}

/// What serde found (`string "x"`, `integer `5``, `sequence`…), as a shape.
fn found_shape(found: &str) -> Found {
    let value = |q: char| {
        found
            .split_once(q)
            .map_or("", |(_, v)| v.rsplit_once(q).map_or(v, |(v, _)| v))
            .to_string()
    };
    match found.split(' ').next().unwrap_or("") {
        "string" => Found::Text(value('"')),
        "integer" | "floating" => Found::Number(value('`')),
        "boolean" => Found::TrueOrFalse(value('`')),
        "sequence" => Found::List,
        "map" => Found::Map,
        "unit" => Found::Nothing,
        _ => Found::Other,
    }
}

/// Finds the first line where `[`/`{` nesting exceeds `max`, skipping quoted
/// strings and comments.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    // Nesting deeper than `max` needs more than `max` opening brackets; most
    // files have none at all, so this usually answers without the scan.
    if text.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= max {
        return None;
    }
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = ' ';
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            comment = false;
            prev = c;
            continue;
        }
        if comment {
            continue;
        }
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':' | '\n') => quote = Some(c),
                '#' if prev.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > max {
                        return Some(line);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        prev = c;
    }
    None
}

/// Finds the 1-based line of the `nth` (0-based) `id: <id>` entry in YAML text.
pub fn line_of_id(text: &str, id: &str, nth: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix("id:").is_some_and(|v| {
                let v = v.split(" #").next().unwrap_or("").trim();
                v.trim_matches(|c| c == '"' || c == '\'') == id
            })
        })
        .nth(nth)
        .map(|(i, _)| i + 1)
}

/// Finds the 1-based line of the first line starting with `key:` at any indent.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfid: x".to_vec()).unwrap(), "id: x");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        assert_eq!(decode(b"a: 1\nb: \xff".to_vec()), Err(NotUtf8 { line: 2, column: 4 }));
    }

    #[test]
    fn comments_and_blank_lines_are_blank() {
        assert!(is_blank(" \n# only a comment\n\n"));
        assert!(!is_blank("# a comment\nformat: 1\n"));
    }

    #[test]
    fn deep_flow_nesting_is_found_with_its_line() {
        let text = format!("a: 1\nx: {}", "[".repeat(40_000));
        assert_eq!(too_deep(&text, MAX_FLOW_DEPTH), Some(2));
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let text = format!("x: \"{}\" # {}\n", "[".repeat(500), "{".repeat(500));
        assert_eq!(too_deep(&text, MAX_FLOW_DEPTH), None);
        assert_eq!(too_deep("a: [1, [2, {b: 3}]]\n", 3), None);
    }

    #[test]
    fn id_lines_are_found_in_order() {
        let text = "stages:\n  - id: a\n  - id: \"b\"\n  - id: a # again\n";
        assert_eq!(line_of_id(text, "a", 0), Some(2));
        assert_eq!(line_of_id(text, "b", 0), Some(3));
        assert_eq!(line_of_id(text, "a", 1), Some(4));
        assert_eq!(line_of_id(text, "c", 0), None);
        assert_eq!(line_of_key(text, "stages"), Some(1));
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        assessments: Vec<A>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct A {
        #[serde(default)]
        answers: std::collections::BTreeMap<String, Choice>,
        #[serde(default)]
        count: u64,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Choice {
        InPlace,
        NotYet,
    }

    fn mistake(text: &str) -> Mistake {
        from_str::<Doc>(text).unwrap_err()
    }

    #[test]
    fn a_mistake_names_its_place_and_what_is_allowed_as_data() {
        let m = mistake("assessments:\n  - answers:\n      fit.pathways: maybe\n");
        assert_eq!((m.line, m.column), (Some(3), Some(21)));
        assert_eq!(
            m.place,
            [
                Place::Item {
                    list: Some("assessments".into()),
                    number: 1
                },
                Place::Answer("fit.pathways".into())
            ]
        );
        assert_eq!(
            m.kind,
            Kind::UnknownValue {
                found: "maybe".into(),
                allowed: vec!["in-place".into(), "not-yet".into()]
            }
        );
    }

    #[test]
    fn shapes_are_named_as_shapes_never_as_rust_types() {
        let wrong = |text| mistake(text).kind;
        assert_eq!(
            wrong("assessments:\n  answers: {}\n"),
            Kind::WrongType {
                expected: Expected::List,
                found: Found::Map
            }
        );
        assert_eq!(
            wrong("assessments:\n  - count: many\n"),
            Kind::WrongType {
                expected: Expected::WholeNumber,
                found: Found::Text("many".into())
            }
        );
        assert_eq!(
            wrong("assessments:\n  - count: 99999999999999999999\n"),
            Kind::WrongType {
                expected: Expected::WholeNumber,
                found: Found::Number("99999999999999999999".into())
            }
        );
    }

    #[test]
    fn an_unknown_field_deep_in_the_document_is_classified_and_placed() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Step {
            owner: Option<String>,
            due: Option<String>,
        }
        let m = from_str::<std::collections::BTreeMap<String, Step>>("x:\n  ownr: Sam\n").unwrap_err();
        assert_eq!(
            m.place,
            [Place::Field("x".into())],
            "the unknown key is not its own place"
        );
        assert_eq!(
            m.kind,
            Kind::UnknownField {
                field: "ownr".into(),
                allowed: vec!["owner".into(), "due".into()]
            }
        );
    }

    #[test]
    fn a_field_indented_wrongly_is_named_with_its_line() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: String,
            stage: String,
        }
        let m = from_str::<Vec<Item>>("- id: a\n stage: s\n").unwrap_err();
        assert_eq!(
            m.kind,
            Kind::MissingField {
                field: "stage".into(),
                indented_at: Some(2)
            }
        );
    }

    #[test]
    fn a_second_document_is_named_by_its_line() {
        let m = mistake("assessments: []\n---\nassessments: []\n");
        assert_eq!((m.line, m.kind), (Some(2), Kind::SeveralDocuments));
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_as_one() {
        assert_eq!(mistake("assessments:\n\t- count: 1\n").kind, Kind::TabIndent);
        assert_eq!(
            mistake("assessments:\n  - count: @1\n").kind,
            Kind::Syntax(Syntax::CannotStartValue)
        );
    }

    #[test]
    fn a_control_character_is_placed_by_its_line() {
        let m = mistake("assessments:\n  - count: 1\u{7}\n");
        assert_eq!(m.kind, Kind::Syntax(Syntax::ControlCharacter));
        assert_eq!(
            (m.line, m.column),
            (Some(2), None),
            "the parser gives only a byte offset"
        );
    }

    #[test]
    fn dates_and_times_are_named_by_their_field_whatever_jiff_says() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Dated {
            taken_at: Option<jiff::Timestamp>,
            due: Option<jiff::civil::Date>,
        }
        for (text, kind) in [
            ("taken_at: last tuesday", Kind::NotATimestamp),
            ("taken_at: 2026-13-03T10:00:00Z", Kind::NotATimestamp),
            ("taken_at: 2026-09-03", Kind::NotATimestamp),
            ("due: 2027-13-31", Kind::NotADate),
            ("due: 2027-02-30", Kind::NotADate),
            ("due: 2027-01-31T10:00:00Z", Kind::NotADate),
            ("due: [2027]", Kind::NotADate),
        ] {
            assert_eq!(from_str::<Dated>(text).unwrap_err().kind, kind, "{text}");
        }
    }

    #[test]
    fn every_parser_problem_is_classified() {
        // libyaml's problems and yaml_serde's own messages, as they read.
        for (message, syntax) in [
            (
                "mapping values are not allowed in this context at line 2 column 14",
                Syntax::ColonInValue,
            ),
            (
                "did not find expected key at line 3 column 4, while parsing a block mapping",
                Syntax::Indentation,
            ),
            ("did not find expected '-' indicator", Syntax::Indentation),
            (
                "block sequence entries are not allowed in this context",
                Syntax::Indentation,
            ),
            (
                "could not find expected ':', while scanning a simple key",
                Syntax::MissingColon,
            ),
            ("found character that cannot start any token", Syntax::CannotStartValue),
            (
                "found unexpected end of stream, while scanning a quoted scalar",
                Syntax::Unclosed,
            ),
            ("EOF while parsing a value", Syntax::Unclosed),
            (
                "found unknown escape character, while parsing a quoted scalar",
                Syntax::Escape,
            ),
            (
                "control characters are not allowed at position 18",
                Syntax::ControlCharacter,
            ),
            ("unknown anchor at line 2 column 14", Syntax::UnknownAlias),
            ("found undefined alias", Syntax::UnknownAlias),
            (
                "did not find expected ',' or ']', while parsing a flow sequence",
                Syntax::Unexpected,
            ),
            ("found undefined tag handle, while parsing a node", Syntax::Unexpected),
            ("empty YAML tag is not allowed", Syntax::Unexpected),
            ("expected a mapping for merging, but found scalar", Syntax::Unexpected),
            ("did not find expected comment or line break", Syntax::Unexpected),
            ("found incompatible YAML document", Syntax::Unexpected),
        ] {
            assert_eq!(kind_of(message, None), Kind::Syntax(syntax), "{message}");
        }
        for (message, kind) in [
            ("found a tab character that violates indentation", Kind::TabIndent),
            ("repetition limit exceeded", Kind::TooManyAliases),
            ("recursion limit exceeded at line 2 column 131", Kind::TooDeep),
            (
                "deserializing from YAML containing more than one document is not supported",
                Kind::SeveralDocuments,
            ),
            ("duplicate field `title`", Kind::Repeated { key: "title".into() }),
            (
                "plan.actions.x: unknown field `ownr`, expected `owner` or `due` at line 5 column 7",
                Kind::UnknownField {
                    field: "ownr".into(),
                    allowed: vec!["owner".into(), "due".into()],
                },
            ),
            (
                &format!("plan: {} at line 3 column 3", Rule::ReviewMonths),
                Kind::Broken(Rule::ReviewMonths),
            ),
            (
                "a message from a later parser",
                Kind::Other("a message from a later parser".into()),
            ),
        ] {
            assert_eq!(kind_of(message, None), kind, "{message}");
        }
    }
}
