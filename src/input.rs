//! Reading text files that people hand us, defensively.
//!
//! Frameworks and answers files come from shared folders and other people's
//! editors. Before the YAML parser sees them we make sure they are regular
//! files of a sane size, valid UTF-8, and not nested so deeply that the parser
//! would take minutes to refuse them (measured: 40,000 nested brackets after
//! a key took the parser about 5 seconds; a million, over ten minutes).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Flow collections (`[`/`{`) nested deeper than this are refused before parsing.
pub const MAX_FLOW_DEPTH: usize = 100;

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum ReadProblem {
    /// No file at that path.
    #[error("it does not exist")]
    Missing,
    /// A folder where a file was expected.
    #[error("it is a folder, not a file")]
    Directory,
    /// A device, pipe or socket: never read, as it may never end.
    #[error("it is not a regular file (a device, pipe or socket)")]
    NotRegular,
    /// The file may not be read.
    #[error("permission denied")]
    PermissionDenied,
    /// Larger than the limit for its kind of file.
    #[error("it is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// Not UTF-8 text.
    #[error("it is not UTF-8 text (invalid byte at line {line}, column {column})")]
    NotUtf8 { line: usize, column: usize },
    /// Any other read failure.
    #[error("{0}")]
    Io(io::Error),
}

/// Reads `path` as UTF-8 text, refusing anything but a regular file of at
/// most `limit` bytes. A leading byte-order mark is dropped.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadProblem> {
    let meta = std::fs::metadata(path).map_err(classify)?;
    if meta.is_dir() {
        return Err(ReadProblem::Directory);
    }
    if !meta.is_file() {
        return Err(ReadProblem::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadProblem::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = File::open(path).map_err(classify)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(classify)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    decode(bytes)
}

/// Turns bytes into text, dropping a byte-order mark and locating bad UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
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
            Err(ReadProblem::NotUtf8 { line, column })
        }
    }
}

fn classify(e: io::Error) -> ReadProblem {
    match e.kind() {
        io::ErrorKind::NotFound => ReadProblem::Missing,
        io::ErrorKind::PermissionDenied => ReadProblem::PermissionDenied,
        io::ErrorKind::IsADirectory => ReadProblem::Directory,
        _ => ReadProblem::Io(e),
    }
}

/// Finds the first line where `[`/`{` nesting exceeds `max`, skipping quoted
/// strings and comments. Cheap, and it keeps pathological input away from
/// the YAML parser, whose cost grows with the square of the depth.
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
/// serde gives no positions for values, so errors about an id find it here.
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
    fn bom_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfid: x".to_vec()).unwrap(), "id: x");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode(b"a: 1\nb: \xff".to_vec()).unwrap_err();
        assert!(matches!(err, ReadProblem::NotUtf8 { line: 2, column: 4 }));
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
    }

    #[test]
    fn ordinary_yaml_is_not_too_deep() {
        assert_eq!(too_deep("a: [1, [2, {b: 3}]]\n", 3), None);
    }

    #[test]
    fn id_lines_are_found_in_order() {
        let text = "stages:\n  - id: a\n  - id: \"b\"\n  - id: a # again\n";
        assert_eq!(line_of_id(text, "a", 0), Some(2));
        assert_eq!(line_of_id(text, "b", 0), Some(3));
        assert_eq!(line_of_id(text, "a", 1), Some(4));
        assert_eq!(line_of_id(text, "c", 0), None);
    }

    #[test]
    fn directories_and_missing_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_text(dir.path(), 10), Err(ReadProblem::Directory)));
        assert!(matches!(
            read_text(&dir.path().join("nope"), 10),
            Err(ReadProblem::Missing)
        ));
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        std::fs::write(&p, "x".repeat(20)).unwrap();
        assert!(matches!(read_text(&p, 10), Err(ReadProblem::TooLarge { .. })));
    }
}
