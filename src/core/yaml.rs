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

/// A YAML mistake: where it is, and what is wrong in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// What is wrong and where in the document (which assessment, answer, …).
    pub message: String,
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

/// Deserializes `text`; on failure, says where and what in plain words.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Mistake> {
    serde_yaml::from_str(text).map_err(|e| explain::<T>(text, &e))
}

/// Locates and words a serde error. The parse is run again with the field
/// path tracked (only on failure, so loading stays fast) to name the place.
fn explain<T: DeserializeOwned>(text: &str, e: &serde_yaml::Error) -> Mistake {
    let path = serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text))
        .err()
        .map(|e| e.path().iter().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let raw = e.to_string();
    let raw = raw.find(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
    // serde_yaml puts its own spelling of the path in front of the message.
    let yaml_path = yaml_spelling(&path);
    let message = raw.strip_prefix(&format!("{yaml_path}: ")).unwrap_or(raw);
    let last_key = path.iter().rev().find_map(|s| match s {
        serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    let mut message = plain_message(message, last_key.unwrap_or(""));
    // "`stage` is missing" when a `stage:` line is there: it is indented
    // wrongly, so name that line.
    if let Some(key) = raw.split("missing field `").nth(1).and_then(|r| r.split('`').next())
        && let Some(at) = e.location().map(|l| l.line())
        && let Some(found) = text
            .lines()
            .enumerate()
            .skip(at.saturating_sub(1))
            .take(40)
            .find(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with(&format!("{key}:")))
            .map(|(i, _)| i + 1)
    {
        message =
            format!("{message}; a `{key}:` line is at line {found}: check its indentation against the lines around it");
    }
    Mistake {
        line: e.location().map(|l| l.line()).or_else(|| {
            // A second document has no location of its own: point at its start.
            raw.contains("more than one document")
                .then(|| {
                    text.lines()
                        .skip(1)
                        .position(|l| l == "---" || l.starts_with("--- "))
                        .map(|i| i + 2)
                })
                .flatten()
        }),
        column: e.location().map(|l| l.column()),
        message: match place_of(&path) {
            Some(place) => format!("{place}: {message}"),
            None => message,
        },
    }
}

/// The path as serde_yaml spells it: `assessments[0].answers.fit.pathways`.
fn yaml_spelling(path: &[serde_path_to_error::Segment]) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for s in path {
        match s {
            Segment::Seq { index } => out += &format!("[{index}]"),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out += key;
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// `assessments[0].answers.fit.pathways` -> "in assessment 1, the answer to fit.pathways".
fn place_of(path: &[serde_path_to_error::Segment]) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut parts: Vec<String> = Vec::new();
    let mut list: Option<&str> = None;
    for (i, s) in path.iter().enumerate() {
        match s {
            Segment::Map { key } if matches!(key.as_str(), "answers" | "notes") => {
                let what = if key == "answers" {
                    "the answer to"
                } else {
                    "the note for"
                };
                if let Some(Segment::Map { key: id }) = path.get(i + 1) {
                    parts.push(format!("{what} {id}"));
                    break;
                }
                parts.push(format!("`{key}`"));
            }
            Segment::Map { key } if matches!(path.get(i + 1), Some(Segment::Seq { .. })) => list = Some(key),
            Segment::Map { key } => parts.push(format!("`{key}`")),
            Segment::Seq { index } => {
                let noun = match list.take() {
                    Some("assessments") => "assessment".to_string(),
                    Some("domains") => "domain".to_string(),
                    Some("actions") => "action".to_string(),
                    Some("stages") => "stage".to_string(),
                    Some(other) => format!("`{other}` item"),
                    None => "item".to_string(),
                };
                parts.push(format!("{noun} {}", index + 1));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    (!parts.is_empty()).then(|| format!("in {}", parts.join(", ")))
}

/// serde and libyaml messages, said plainly; `key` is the field the message is about.
fn plain_message(message: &str, key: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if key == "taken_at" || message.contains("parse") && message.contains("year") {
        return "this is not a date and time like 2026-09-03T10:00:00Z (UTC)".into();
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        // serde says "expected one of `a`, `b`, `c`", or "expected `a` or `b`".
        let allowed = rest.split_once("expected ").map_or(String::new(), |(_, a)| {
            a.trim_start_matches("one of ").replace("` or `", "`, `")
        });
        return format!(
            "{} is not allowed here; use one of {allowed}",
            rest.split(',').next().unwrap_or(rest)
        );
    }
    if message.starts_with("unknown field ") {
        let allowed = message
            .split_once("expected one of ")
            .map_or(String::new(), |(_, a)| format!("; the fields here are {a}"));
        return format!(
            "`{}` is not a field this file can have (a typo?){allowed}",
            quoted(message)
        );
    }
    if message.starts_with("missing field ") {
        return format!("`{}` is missing", quoted(message));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "expected {} here, but found {}",
            expected_words(expected),
            found_words(found)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "expected {} here, but found {}",
            expected_words(expected),
            found_words(found)
        );
    }
    const PLAIN: [(&str, &str); 9] = [
        (
            "mapping values are not allowed",
            "a colon (:) stands where it cannot: check this line's indentation against the line above, or put text that contains \": \" in quotes",
        ),
        (
            "did not find expected key",
            "this line is not indented like the lines around it (or a quote or bracket above is not closed)",
        ),
        (
            "did not find expected '-'",
            "this line is not indented like the lines around it (or a quote or bracket above is not closed)",
        ),
        (
            "could not find expected ':'",
            "a line is missing its colon (it should read `name: value`)",
        ),
        (
            "found character that cannot start any token",
            "a character that cannot start a value here (such as @, ` or a tab): put the text in quotes",
        ),
        (
            "end of stream",
            "the file ends in the middle of something: a quote or bracket is not closed",
        ),
        (
            "repetition limit exceeded",
            "the file uses aliases (&name / *name) to repeat itself too many times",
        ),
        ("recursion limit exceeded", "the file is nested too deeply"),
        (
            "more than one document",
            "the file holds more than one YAML document (a line `---` starts another); keep one",
        ),
    ];
    if message.contains("tab") && message.contains("indentation") {
        return "a tab is used for indentation; use spaces".into();
    }
    PLAIN
        .iter()
        .find(|(raw, _)| message.contains(raw))
        .map_or_else(|| message.to_string(), |(_, plain)| plain.to_string())
}

/// What serde expected, in words; never the name of a Rust type.
fn expected_words(expected: &str) -> &str {
    match expected {
        "a sequence" => "a list (lines starting with \"- \")",
        e if e.starts_with("struct ") || e == "a map" || e.starts_with("a map of") => "a set of `name: value` lines",
        e if e.starts_with("u8")
            || e.starts_with("u16")
            || e.starts_with("u32")
            || e.starts_with("u64")
            || e.starts_with("a non-negative") =>
        {
            "a whole number"
        }
        e if e.starts_with("a string") || e.starts_with("a borrowed string") => "text",
        e if e.contains("untagged enum") || e.starts_with("enum ") => "text or a number",
        other => other,
    }
}

/// What serde found, in words.
fn found_words(found: &str) -> String {
    found
        .replace("map", "a set of `name: value` lines")
        .replace("sequence", "a list")
        .replace("unit value", "nothing")
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

    fn message(text: &str) -> String {
        from_str::<Doc>(text).unwrap_err().message
    }

    #[test]
    fn errors_say_where_in_words_and_what_is_allowed() {
        assert_eq!(
            message("assessments:\n  - answers:\n      fit.pathways: maybe\n"),
            "in assessment 1, the answer to fit.pathways: `maybe` is not allowed here; use one of `in-place`, `not-yet`"
        );
        assert!(message("assessments:\n  answers: {}\n").contains("expected a list"));
        assert!(message("assessments:\n  - answers:\n    fit: x\n   bad: y\n").contains("indent"));
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
        assert!(m.message.contains("a `stage:` line is at line 2"), "{m:?}");
    }

    #[test]
    fn a_second_document_is_named_by_its_line() {
        let m = from_str::<Doc>("assessments: []\n---\nassessments: []\n").unwrap_err();
        assert_eq!(m.line, Some(2), "{m:?}");
        assert!(m.message.contains("more than one YAML document"), "{m:?}");
    }

    #[test]
    fn no_rust_type_reaches_a_message() {
        let m = message("assessments:\n  - count: many\n");
        assert_eq!(
            m,
            "in assessment 1, `count`: expected a whole number here, but found string \"many\""
        );
    }

    #[test]
    fn errors_carry_their_line() {
        let e = from_str::<Doc>("assessments:\n  - answers:\n      a: maybe\n").unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
