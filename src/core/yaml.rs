//! Reading YAML that people wrote: cheap checks before the parser, and its errors told apart as data
//! (where, and what kind), which `shell::error` words for someone who does not write YAML.
//!
//! Frameworks and answers files come from shared folders and other people's editors. The parser's
//! cost grows with the square of bracket nesting (measured: 40,000 nested brackets after a key took
//! about 5 seconds; a million, over ten minutes), so nesting is checked first. serde gives no
//! position for values, so errors about an id find its line here.

use indexmap::IndexMap;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Flow collections (`[`/`{`) nested deeper than this are refused before parsing.
const MAX_FLOW_DEPTH: usize = 100;

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
    /// The value `name` is not one of the `allowed` ones.
    UnknownValue { name: String, allowed: Vec<String> },
    /// The key `name` is not one of the `allowed` ones here.
    UnknownField { name: String, allowed: Vec<String> },
    /// The key `name` is missing; `line` is a `name:` line just below, so indented wrongly.
    MissingField { name: String, line: Option<usize> },
    /// The key `name` is given twice, at these `lines` where found.
    Repeated {
        name: String,
        lines: Option<(usize, usize)>,
    },
    /// A value of another shape than the one expected.
    WrongType { expected: Expected, found: Found },
    /// Not a date and time (`taken_at`).
    NotATimestamp,
    /// Not a date (`due`, `by`, `on`).
    NotADate,
    /// Nothing but blank lines and comments.
    Empty,
    /// Not YAML that this tool reads.
    Syntax(Syntax),
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
    /// Any other shape: never the parser's name for it.
    Other,
}

/// The value found where another shape was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // each names the shape, with the value where it has one
pub enum Found {
    Text(String),
    Number(String),
    List,
    Map,
    Nothing,
    Other,
}

/// Why the text is not YAML that this tool reads, grouped by what the person can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each is worded in `shell::error`
pub enum Syntax {
    ColonInValue,
    Indentation,
    MissingColon,
    CannotStartValue,
    TabIndent,
    Unclosed,
    Escape,
    ControlCharacter,
    UnknownAlias,
    TooManyAliases,
    TooDeep,
    SeveralDocuments,
    Unexpected,
}

/// The parser's words (libyaml's and yaml_serde's) for each syntax problem, most specific first.
const PARSER: [(&str, Syntax); 18] = [
    ("tab character", Syntax::TabIndent),
    ("repetition limit", Syntax::TooManyAliases),
    ("recursion limit", Syntax::TooDeep),
    ("more than one document", Syntax::SeveralDocuments),
    ("mapping values are not allowed", Syntax::ColonInValue),
    ("did not find expected key", Syntax::Indentation),
    ("did not find expected '-'", Syntax::Indentation),
    ("not allowed in this context", Syntax::Indentation),
    ("could not find expected ':'", Syntax::MissingColon),
    ("cannot start any token", Syntax::CannotStartValue),
    ("end of stream", Syntax::Unclosed),
    ("EOF", Syntax::Unclosed),
    ("escape", Syntax::Escape),
    ("control characters", Syntax::ControlCharacter),
    ("unknown anchor", Syntax::UnknownAlias),
    ("expected", Syntax::Unexpected),
    ("found", Syntax::Unexpected),
    ("YAML", Syntax::Unexpected),
];

/// Rules of the file formats that serde does not check: sent through serde, which carries only text,
/// and read back by [`from_str`] as [`Kind::Broken`].
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
    const ALL: [Rule; 3] = [
        Rule::ReviewOnOrEvery,
        Rule::ReviewMonths,
        Rule::DecimalVersion,
    ];
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "rule {self:?} broken")
    }
}

/// A key given twice, in serde's words for a field given twice, so both read back as [`Kind::Repeated`].
pub fn repeated(key: &str) -> String {
    format!("duplicate field `{key}`")
}

/// A map keyed by id or name that refuses a key given twice, where a plain map would keep the last
/// silently (and the next save lose the first): every keyed section of a file reads through it.
pub struct UniqueMap<T>(pub IndexMap<String, T>);

impl<T> UniqueMap<T> {
    /// Reads a keyed section into a plain map, refusing a key given twice.
    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<IndexMap<String, T>, D::Error>
    where
        T: Deserialize<'de>,
    {
        UniqueMap::deserialize(d).map(|m| m.0)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UniqueMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = UniqueMap<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(UniqueMap(IndexMap::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = IndexMap::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(key) = map.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(de::Error::custom(repeated(&key)));
                    }
                    out.insert(key, map.next_value()?);
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
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
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            Err(NotUtf8 { line, column })
        }
    }
}

/// Refuses, before the parser sees it, text that is empty or nested so deeply it would take minutes.
pub fn check(text: &str) -> Result<(), Mistake> {
    let line = too_deep(text, MAX_FLOW_DEPTH);
    let kind = match (is_blank(text), line) {
        (true, _) => Kind::Empty,
        (false, Some(_)) => Kind::Syntax(Syntax::TooDeep),
        (false, None) => return Ok(()),
    };
    Err(Mistake {
        line,
        column: None,
        place: Vec::new(),
        kind,
    })
}

/// Whether the text holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// Deserializes `text`; on failure, says where and what went wrong.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Mistake> {
    serde_yaml::from_str(text).map_err(|e| explain::<T>(text, &e))
}

/// Locates and classifies a serde error, parsing again with the field path tracked to name the place
/// (only on failure, so loading stays fast).
fn explain<T: DeserializeOwned>(text: &str, e: &serde_yaml::Error) -> Mistake {
    let tracked =
        serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text));
    let path: Vec<_> = tracked
        .err()
        .map(|e| e.path().iter().cloned().collect())
        .unwrap_or_default();
    let mut place = place_of(&path);
    let message = e.to_string();
    let mut kind = kind_of(&message, &place);
    // A problem in the text's first bytes is placed by a byte offset instead.
    let offset = message
        .split_once(" at position ")
        .and_then(|(_, p)| p.parse::<usize>().ok());
    let mut line = match offset {
        Some(o) => Some(text.get(..o).unwrap_or(text).matches('\n').count() + 1),
        None => e.location().map(|l| l.line()),
    };
    let line_text = |at: usize| text.lines().nth(at - 1).unwrap_or("");
    match &mut kind {
        // "`stage` is missing" with a `stage:` line just below: it is indented wrongly, so name that line.
        Kind::MissingField { name, line: near } => {
            let below = |at: usize| {
                text.lines()
                    .skip(at - 1)
                    .take(40)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            *near = line.and_then(|at| Some(line_of_key(&below(at), name)? + at - 1));
        }
        // The parser places a key given twice at its map's start: find both by the key at that column.
        Kind::Repeated { name, lines } => {
            *lines = line
                .zip(e.location())
                .and_then(|(at, l)| repeated_lines(text, at, l.column(), name));
            line = lines.map_or(line, |(_, second)| Some(second));
        }
        // The unknown key is not a place of its own.
        Kind::UnknownField { .. } => drop(place.pop()),
        Kind::Syntax(syntax @ Syntax::CannotStartValue)
            if line.is_some_and(|at| line_text(at).trim_start_matches(' ').starts_with('\t')) =>
        {
            *syntax = Syntax::TabIndent
        }
        // A second document has no location of its own: point at its start.
        Kind::Syntax(Syntax::SeveralDocuments) => {
            line = text
                .lines()
                .skip(1)
                .position(|l| l == "---" || l.starts_with("--- "))
                .map(|i| i + 2)
        }
        _ => {}
    }
    let column = e
        .location()
        .filter(|_| offset.is_none())
        .map(|l| l.column());
    Mistake {
        line,
        column,
        place,
        kind,
    }
}

/// `assessments[0].answers.fit.pathways` -> assessment 1, the answer to fit.pathways.
fn place_of(path: &[serde_path_to_error::Segment]) -> Vec<Place> {
    use serde_path_to_error::Segment::{Map, Seq};
    let (mut place, mut list) = (Vec::new(), None);
    for (i, s) in path.iter().enumerate() {
        match (s, path.get(i + 1)) {
            (Map { key }, Some(Map { key: id })) if key == "answers" || key == "notes" => {
                place.push(if key == "answers" {
                    Place::Answer(id.clone())
                } else {
                    Place::Note(id.clone())
                });
                return place;
            }
            (Map { key }, Some(Seq { .. })) => list = Some(key.clone()),
            (Map { key }, _) => place.push(Place::Field(key.clone())),
            (Seq { index }, _) => {
                let (list, number) = (list.take(), index + 1);
                place.push(Place::Item { list, number })
            }
            _ => {}
        }
    }
    place
}

/// What a serde or parser message says, as data; `place` is where it is. serde_yaml puts the path in
/// front of a message, so its words are looked for anywhere.
fn kind_of(message: &str, place: &[Place]) -> Kind {
    let message = message.split(" at line ").next().unwrap_or(message);
    let has = |words: &str| message.contains(words);
    // serde quotes the name, then what is allowed: "unknown field `x`, expected `a` or `b`".
    let mut quoted = message.split('`').skip(1).step_by(2).map(String::from);
    let name = quoted.next().unwrap_or_default();
    let allowed: Vec<_> = quoted.collect();
    let shapes = message
        .split_once("invalid type: ")
        .or_else(|| message.split_once("invalid value: "))
        .and_then(|(_, rest)| rest.split_once(", expected "))
        .map(|(found, expected)| (expected_shape(expected), found_shape(found)));
    let at = |keys: &[&str]| matches!(place.last(), Some(Place::Field(key)) if keys.contains(&key.as_str()));
    if let Some(rule) = Rule::ALL.into_iter().find(|r| has(&r.to_string())) {
        Kind::Broken(rule)
    } else if has("unknown variant `") {
        Kind::UnknownValue { name, allowed }
    } else if has("unknown field `") {
        Kind::UnknownField { name, allowed }
    } else if has("missing field `") {
        Kind::MissingField { name, line: None }
    } else if has("duplicate field `") {
        Kind::Repeated { name, lines: None }
    } else if let Some((_, key)) = message.split_once("duplicate entry with key ") {
        // A map kept as it is (fields the tool does not know), in the parser's words.
        let name = key.trim_matches(['"', '`']).to_string();
        Kind::Repeated { name, lines: None }
    } else if at(&["taken_at"]) {
        Kind::NotATimestamp
    } else if at(&["due", "by", "on"]) {
        Kind::NotADate
    } else if let Some((expected, found)) = shapes {
        Kind::WrongType { expected, found }
    } else {
        let known = PARSER.iter().find(|(words, _)| has(words));
        known.map_or_else(
            || Kind::Other(message.to_string()),
            |(_, syntax)| Kind::Syntax(*syntax),
        )
    }
}

/// What serde expected, as a shape; never the name of a Rust type.
fn expected_shape(expected: &str) -> Expected {
    let whole =
        expected.starts_with(['u', 'i']) && expected[1..].bytes().all(|b| b.is_ascii_digit());
    match expected {
        "a sequence" => Expected::List,
        e if e.starts_with("struct ") || e.starts_with("a map") => Expected::Map,
        e if whole || e.starts_with("a non-negative") || e.starts_with("an integer") => {
            Expected::WholeNumber
        }
        e if e.starts_with("text") || e.contains("string") || e.contains("YAML tag") => {
            Expected::Text
        }
        _ => Expected::Other,
    }
}

/// What serde found (`string "x"`, ``integer `5` ``, `sequence`…), as a shape.
fn found_shape(found: &str) -> Found {
    let quoted = found.split('`').nth(1).unwrap_or("").to_string();
    match found.split(' ').next() {
        Some("string") => Found::Text(found.trim_start_matches("string ").trim_matches('"').into()),
        Some("integer" | "floating") => Found::Number(quoted),
        Some("boolean") => Found::Text(quoted),
        Some("sequence") => Found::List,
        Some("map") => Found::Map,
        Some("unit") => Found::Nothing,
        _ => Found::Other,
    }
}

/// Finds the first line where `[`/`{` nesting exceeds `max`, skipping quoted strings and comments.
fn too_deep(text: &str, max: usize) -> Option<usize> {
    // Nesting deeper than `max` needs more than `max` opening brackets, which most files lack.
    // Counted in blocks of 255 bytes into a byte, which the compiler turns into vector code (a
    // tenth of the time of counting one by one, which was 1.5% of reading a file).
    let brackets: usize = text
        .as_bytes()
        .chunks(255)
        .map(|block| {
            let n: u8 = block
                .iter()
                .map(|&b| u8::from(b == b'[' || b == b'{'))
                .sum();
            usize::from(n)
        })
        .sum();
    if brackets <= max {
        return None;
    }
    let (mut depth, mut line, mut quote, mut comment, mut prev) = (0usize, 1, None, false, ' ');
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
    let is_id = |l: &str| {
        let value = l
            .trim_start()
            .trim_start_matches("- ")
            .trim_start()
            .strip_prefix("id:");
        value.is_some_and(|v| {
            v.split(" #")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
                == id
        })
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| is_id(l))
        .nth(nth)
        .map(|(i, _)| i + 1)
}

/// The 1-based lines of the first two `key:` entries of the block map whose first key is at `line`,
/// `column` (1-based): its keys all stand at that column, and it ends at the first line indented less.
fn repeated_lines(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let (start, indent) = (line.checked_sub(1)?, column.checked_sub(1)?);
    // A key in quotes is the same key; one holding a colon is not found.
    let is_key = |rest: &str| {
        rest.split_once(':')
            .is_some_and(|(k, _)| k.trim_end().trim_matches(['"', '\'']) == key)
    };
    let spaces = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut lines = text
        .lines()
        .enumerate()
        .skip(start)
        .take_while(|(i, l)| {
            *i == start
                || spaces(l) >= indent
                || matches!(l.trim_start().get(..1), None | Some("#"))
        })
        .filter(|(i, l)| {
            (*i == start || spaces(l) == indent) && l.get(indent..).is_some_and(is_key)
        })
        .map(|(i, _)| i + 1);
    Some((lines.next()?, lines.next()?))
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
        assert_eq!(
            decode(b"a: 1\nb: \xff".to_vec()),
            Err(NotUtf8 { line: 2, column: 4 })
        );
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

    #[test]
    fn a_key_given_twice_is_found_at_its_maps_column_and_nowhere_else() {
        let text = "plan:\n  actions:\n    a: 1\n    b:\n      a: nested\n    # a: comment\n\n    \"a\": 2\n  targets:\n    a: 3\n";
        assert_eq!(repeated_lines(text, 3, 5, "a"), Some((3, 8)));
        let items = "- x: 1\n  y: 2\n- x: 3\n  x: 4\n";
        assert_eq!(
            repeated_lines(items, 3, 3, "x"),
            Some((3, 4)),
            "one item's map only"
        );
        assert_eq!(repeated_lines(items, 1, 3, "x"), None);
        assert_eq!(
            repeated_lines("a: {x: 1, x: 2}\n", 1, 4, "x"),
            None,
            "a map on one line has no lines to tell apart"
        );
    }

    #[test]
    fn a_key_given_twice_is_named_with_both_lines_where_the_parser_gives_none() {
        let m = from_str::<Doc>(
            "assessments:\n  - count: 1\n    answers:\n      x: in-place\n      y: not-yet\n    count: 2\n",
        )
        .unwrap_err();
        let (name, lines) = ("count".into(), Some((2, 6)));
        assert_eq!((m.line, m.kind), (Some(6), Kind::Repeated { name, lines }));
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
                name: "maybe".into(),
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
        let m =
            from_str::<std::collections::BTreeMap<String, Step>>("x:\n  ownr: Sam\n").unwrap_err();
        assert_eq!(
            m.place,
            [Place::Field("x".into())],
            "the unknown key is not its own place"
        );
        assert_eq!(
            m.kind,
            Kind::UnknownField {
                name: "ownr".into(),
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
                name: "stage".into(),
                line: Some(2)
            }
        );
    }

    #[test]
    fn a_second_document_is_named_by_its_line() {
        let m = mistake("assessments: []\n---\nassessments: []\n");
        assert_eq!(
            (m.line, m.kind),
            (Some(2), Kind::Syntax(Syntax::SeveralDocuments))
        );
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_as_one() {
        assert_eq!(
            mistake("assessments:\n\t- count: 1\n").kind,
            Kind::Syntax(Syntax::TabIndent)
        );
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
            (
                "found character that cannot start any token",
                Syntax::CannotStartValue,
            ),
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
            ("found undefined alias", Syntax::Unexpected),
            (
                "did not find expected ',' or ']', while parsing a flow sequence",
                Syntax::Unexpected,
            ),
            (
                "found undefined tag handle, while parsing a node",
                Syntax::Unexpected,
            ),
            ("empty YAML tag is not allowed", Syntax::Unexpected),
            (
                "expected a mapping for merging, but found scalar",
                Syntax::Unexpected,
            ),
            (
                "did not find expected comment or line break",
                Syntax::Unexpected,
            ),
            ("found incompatible YAML document", Syntax::Unexpected),
        ] {
            assert_eq!(kind_of(message, &[]), Kind::Syntax(syntax), "{message}");
        }
        for (message, kind) in [
            (
                "found a tab character that violates indentation",
                Kind::Syntax(Syntax::TabIndent),
            ),
            (
                "repetition limit exceeded",
                Kind::Syntax(Syntax::TooManyAliases),
            ),
            (
                "recursion limit exceeded at line 2 column 131",
                Kind::Syntax(Syntax::TooDeep),
            ),
            (
                "deserializing from YAML containing more than one document is not supported",
                Kind::Syntax(Syntax::SeveralDocuments),
            ),
            (
                "duplicate field `title`",
                Kind::Repeated {
                    name: "title".into(),
                    lines: None,
                },
            ),
            (
                "x: duplicate entry with key \"y\" at line 2 column 3",
                Kind::Repeated {
                    name: "y".into(),
                    lines: None,
                },
            ),
            (
                "plan.actions.x: unknown field `ownr`, expected `owner` or `due` at line 5 column 7",
                Kind::UnknownField {
                    name: "ownr".into(),
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
            assert_eq!(kind_of(message, &[]), kind, "{message}");
        }
    }
}
