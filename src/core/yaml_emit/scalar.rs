//! How one text is written so every YAML reader reads it back as that same text.
//!
//! A plain scalar is typed by the reader's resolver, and resolvers disagree: YAML 1.1 (PyYAML,
//! most Python and Ruby tools) reads `no`, `on`, `y` as booleans, `12:30` as 750 and `2026-12-01`
//! as a date, where YAML 1.2 (this tool's parser) reads them as text. So a text is written plain
//! only when no resolver of either version could take it for anything else; otherwise it is
//! quoted. libyaml also ends a line at U+0085, U+2028 and U+2029, so those (and every control
//! character) are written as escapes in double quotes.

/// A text as a scalar after a key or a dash: plain where every reader agrees, else a literal
/// block (`|`, lines indented to `indent`) for readable multi-line text that keeps its exact
/// lines, else single or double quotes. The result holds no line break unless it is a block.
pub fn value(text: &str, indent: usize) -> String {
    if text.contains('\n') {
        match literal_block(text, indent) {
            Some(block) => block,
            None => double_quoted(text),
        }
    } else {
        key(text)
    }
}

/// A text as a key (or anything that must stay on one line): plain, single or double quoted.
pub fn key(text: &str) -> String {
    if text.chars().any(needs_escape) || text.contains('\n') {
        double_quoted(text)
    } else if plain_is_safe(text) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

/// Characters that only a double-quoted escape writes safely: controls (tab and line ends too,
/// so nothing is lost to an editor), DEL, C1 (U+0085 included), the Unicode line and paragraph
/// separators libyaml breaks lines at, the byte-order mark and the non-characters YAML refuses.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// The text in double quotes, every character [`needs_escape`] written as a YAML escape.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Multi-line text as a literal block, when that gives back exactly these lines: at most one
/// final line break (`|` keeps it, `|-` has none), no line of only spaces, and a first line that
/// does not start with a space (which would change the block's indentation). `None` otherwise.
fn literal_block(text: &str, indent: usize) -> Option<String> {
    if text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return None;
    }
    let (body, chomp) = match text.strip_suffix('\n') {
        Some(body) => (body, ""),
        None => (text, "-"),
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let first = lines.iter().find(|l| !l.is_empty())?;
    if body.ends_with('\n')
        || first.starts_with(' ')
        || lines
            .iter()
            .any(|l| !l.is_empty() && l.trim_start_matches(' ').is_empty())
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}");
    for line in lines {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// Whether the text can be written plain: it starts with no indicator, has no `: ` or ` #` and no
/// surrounding spaces, and no resolver would type it.
fn plain_is_safe(text: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    !text.is_empty()
        && !text.starts_with(INDICATORS)
        && !text.starts_with(' ')
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !typed_by_a_resolver(text)
}

/// Whether a YAML 1.1 or 1.2 resolver could read this plain text as something other than text:
/// null (`~`, `null`), a boolean (`y`, `n`, `yes`, `no`, `on`, `off`, `true`, `false`, in any
/// case), a number in any base or notation (`0x1F`, `0o17`, `1e3`, `1_000`, `.5`, `.inf`,
/// `12:30` as base 60), a date or timestamp, or YAML 1.1's merge and value keys (`<<`, `=`).
/// Erring towards quoting costs two quote marks; erring the other way changes the data.
fn typed_by_a_resolver(text: &str) -> bool {
    const WORDS: [&str; 11] = [
        "~", "null", "y", "n", "yes", "no", "on", "off", "true", "false", "<<",
    ];
    if text == "=" || WORDS.iter().any(|w| text.eq_ignore_ascii_case(w)) {
        return true;
    }
    // Numbers of every kind, and anything shaped like one, start with a digit or a dot (after a
    // sign) and hold only digits, letters, `_`, `.`, `:`, `+` and `-`.
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let number_like = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && unsigned
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '+' | '-'));
    // A date, or a timestamp whose time follows a space (`2026-09-03 16:00:00`).
    let b = text.as_bytes();
    let date_like = b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5].is_ascii_digit();
    number_like || date_like
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, written: &str) {
        assert_eq!(value(text, 2), written, "{text:?}");
    }

    #[test]
    fn texts_any_resolver_would_type_are_quoted() {
        for typed in [
            // Booleans of YAML 1.1 and 1.2, in any case.
            "y",
            "Y",
            "n",
            "N",
            "yes",
            "Yes",
            "YES",
            "no",
            "No",
            "NO",
            "on",
            "On",
            "ON",
            "off",
            "Off",
            "true",
            "True",
            "TRUE",
            "false",
            "False",
            "yEs",
            "oN",
            // Null, and the empty text.
            "~",
            "null",
            "Null",
            "NULL",
            "nUll",
            // Integers in every base, with signs and underscores; base 60.
            "0",
            "12",
            "+12",
            "-12",
            "0x1F",
            "0X1f",
            "0o17",
            "017",
            "0b1010",
            "1_000",
            "12:30",
            "1:20:30",
            "-1:30",
            // Floats, infinities and not-a-number.
            "1.0",
            "1e3",
            "1E3",
            "1.5e-3",
            "+1.5",
            ".5",
            ".inf",
            "-.inf",
            "+.INF",
            ".nan",
            ".NaN",
            "6.8523015e+5",
            "685.230_15e+03",
            "190:20:30.15",
            // Dates and timestamps, with `T` or spaces.
            "2026-12-01",
            "2026-9-3",
            "2026-09-03T16:00:00Z",
            "2026-09-03 16:00:00",
            "2026-09-03t16:00:00.5+01:00",
            "2001-12-14 21:59:43.10 -5",
            // YAML 1.1's merge and value keys.
            "<<",
            "=",
        ] {
            let written = value(typed, 2);
            assert!(written.starts_with('\''), "{typed:?} was written {written}");
            assert_eq!(&written[1..written.len() - 1], typed.replace('\'', "''"));
        }
    }

    #[test]
    fn texts_that_start_with_an_indicator_or_hold_one_are_quoted() {
        case("", "''");
        case("- item", "'- item'");
        case("-", "'-'");
        case("---", "'---'");
        case("...", "'...'");
        case("? x", "'? x'");
        case(":x", "':x'");
        case("a: b", "'a: b'");
        case("ends:", "'ends:'");
        case("a #b", "'a #b'");
        case("#note", "'#note'");
        case("&anchor", "'&anchor'");
        case("*alias", "'*alias'");
        case("!tag", "'!tag'");
        case("|", "'|'");
        case(">", "'>'");
        case("%YAML", "'%YAML'");
        case("@home", "'@home'");
        case("`x`", "'`x`'");
        case("[a]", "'[a]'");
        case("{a}", "'{a}'");
        case(",", "','");
        case("'quoted'", "'''quoted'''");
        case("\"quoted\"", "'\"quoted\"'");
        case(" lead", "' lead'");
        case("trail ", "'trail '");
        case("It's", "It's");
    }

    #[test]
    fn ordinary_text_stays_plain() {
        for plain in [
            "Sam",
            "Priya K",
            "Autumn review",
            "in-place",
            "fit.evidence-and-need",
            "Annual report goes to the board in January.",
            "https://intranet.example/annual_report_2026.pdf",
            "a:b",
            "a#b",
            "3rd floor",
            "Making it ‘fit’ — café",
            "no way",
            "yes, but",
            "nullable",
            "onwards",
        ] {
            assert_eq!(value(plain, 2), plain);
        }
        assert_eq!(value("2026", 2), "'2026'", "a year alone is a number");
    }

    #[test]
    fn control_characters_and_unicode_line_breaks_are_escaped_in_double_quotes() {
        case("tab\there", "\"tab\\there\"");
        case("bell\u{7}", "\"bell\\a\"");
        case("esc\u{1b}[31m", "\"esc\\e[31m\"");
        case("nel\u{85}x", "\"nel\\Nx\"");
        case("ls\u{2028}x", "\"ls\\Lx\"");
        case("ps\u{2029}x", "\"ps\\Px\"");
        case("bom\u{feff}", "\"bom\\uFEFF\"");
        case("del\u{7f}", "\"del\\x7F\"");
        case("csi\u{9b}", "\"csi\\x9B\"");
        case("nul\0", "\"nul\\0\"");
        case("cr\r\nlf", "\"cr\\r\\nlf\"");
        case("quote\" and \\ with\u{7}", "\"quote\\\" and \\\\ with\\a\"");
    }

    #[test]
    fn multi_line_text_is_a_literal_block_when_it_keeps_its_exact_lines() {
        case("one\ntwo", "|-\n  one\n  two");
        case("one\ntwo\n", "|\n  one\n  two");
        case("one\n\ntwo", "|-\n  one\n\n  two");
        case("one\n  indented: yes #", "|-\n  one\n    indented: yes #");
        case("\nafter an empty line", "|-\n\n  after an empty line");
        // These would change in a block: double quotes keep them exactly.
        case("two breaks\n\n", "\"two breaks\\n\\n\"");
        case(" leading\nspace", "\" leading\\nspace\"");
        case("a\n   \nb", "\"a\\n   \\nb\"");
        case("\n", "\"\\n\"");
        assert_eq!(key("a\nb"), "\"a\\nb\"", "a key stays on one line");
    }
}
