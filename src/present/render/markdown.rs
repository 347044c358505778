//! GitHub-flavoured Markdown, ready to paste into an agenda or minutes.

use std::io::{self, Write};

use crate::present::doc::{Block, Cell, Doc};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Renders a document as Markdown.
pub fn write(doc: &Doc, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(doc).as_bytes())
}

/// The document's Markdown.
fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let mut first = true;
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let inline_words = |c: &Cell| inline(&words(c, Glyphs::Unicode));
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        out += &match block {
            Block::Heading(h) => {
                format!(
                    "{} {}\n",
                    if std::mem::take(&mut first) {
                        "#"
                    } else {
                        "##"
                    },
                    inline(h)
                )
            }
            Block::Text(t) => format!("{}\n", inline(t)),
            Block::Note(t) => format!("_{}_\n", inline(t)),
            Block::Key(cells) => {
                let text: Vec<String> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Shade { name, .. } => {
                            format!("{} {}", words(c, Glyphs::Unicode), inline(name))
                        }
                        other => inline_words(other),
                    })
                    .collect();
                format!("_{}_\n", text.join("   "))
            }
            Block::List(items) => items
                .iter()
                .map(|item| {
                    format!(
                        "- {}\n",
                        item.iter().map(inline_words).collect::<Vec<_>>().join(" ")
                    )
                })
                .collect(),
            Block::Table(t) => {
                let mut table = row(t.header.iter().map(|h| escaped(h, true)).collect());
                table += &format!("|{}\n", "---|".repeat(t.header.len()));
                for cells in &t.rows {
                    table += &row(cells
                        .iter()
                        .map(|c| escaped(&words(c, Glyphs::Unicode), true))
                        .collect());
                }
                table
            }
        };
    }
    out
}

/// Text for a paragraph or heading: line breaks become spaces, markup characters escaped.
fn inline(text: &str) -> String {
    escaped(text, false)
}

/// Text shown as typed in GitHub-flavoured Markdown, each line break a space, or `<br>` in a
/// table cell (`in_table`), so a table never breaks. Only what GFM would read as markup is
/// escaped: a backslash written into a link's address becomes part of it (GitHub then links
/// `annual%5C_report`), so web addresses are written as `<…>` links, which take no escapes.
fn escaped(text: &str, in_table: bool) -> String {
    let text = printable(&text.replace("\r\n", "\n")).into_owned();
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text.as_str();
    while let Some((start, end)) = next_address(rest) {
        escape_text(&rest[..start], out.is_empty(), &mut out);
        let address = &rest[start..end];
        if has_entity(address) {
            out.push_str(&entity_link(address));
        } else if in_table {
            // A pipe ends a cell even inside a link; the table takes `\|` back as `|` first.
            out.push_str(&format!("<{}>", address.replace('|', "\\|")));
        } else {
            out.push_str(&format!("<{address}>"));
        }
        rest = &rest[end..];
    }
    escape_text(rest, out.is_empty(), &mut out);
    out.replace('\n', if in_table { "<br>" } else { " " })
}

/// Escapes what GFM reads as markup in `text`; `at_start`: it begins a block, where `#`, `>`,
/// `-`, `+`, `=` and `1.` start a heading, a quote, a list or a rule.
fn escape_text(text: &str, at_start: bool, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let numbered = chars
        .iter()
        .position(|c| !c.is_ascii_digit())
        .filter(|&n| n > 0);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '~' | '[' | ']' | '<' | '|' => true,
            // `_` inside a word (`annual_report`) never emphasises.
            '_' => !(word(i.checked_sub(1)) && word(Some(i + 1))),
            // `&amp;` and `&#38;` would show as `&`.
            '&' => entity_follows(&chars[i + 1..]),
            '#' | '>' | '-' | '+' | '=' => at_start && i == 0,
            '.' | ')' => at_start && numbered == Some(i),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether `address` holds an entity (`&amp;`), which GitHub's renderer decodes even inside a
/// `<…>` link, so that it would link (and show) `&` where `&amp;` was typed.
fn has_entity(address: &str) -> bool {
    let chars: Vec<char> = address.chars().collect();
    (0..chars.len()).any(|i| chars[i] == '&' && entity_follows(&chars[i + 1..]))
}

/// `address` as a `[…](<…>)` link that goes to and shows exactly what was typed: the text
/// escaped like any text (`\&amp;`), the destination with each entity's `&` written `&amp;`
/// (every renderer decodes one level there; a backslash does not stop cmark-gfm decoding).
fn entity_link(address: &str) -> String {
    let chars: Vec<char> = address.chars().collect();
    let mut label = String::new();
    escape_text(address, false, &mut label);
    let mut target = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' if entity_follows(&chars[i + 1..]) => target.push_str("&amp;"),
            '\\' | '<' | '>' | '|' => {
                target.push('\\');
                target.push(c);
            }
            _ => target.push(c),
        }
    }
    format!("[{label}](<{target}>)")
}

/// Whether `after` an `&` comes an entity's name or number and its `;`.
fn entity_follows(after: &[char]) -> bool {
    let name = after
        .iter()
        .take(32)
        .position(|c| !(c.is_ascii_alphanumeric() || *c == '#'));
    name.is_some_and(|n| n > 0 && after[n] == ';')
}

/// Where the next web address (`http://` or `https://` and what follows, up to a space or a
/// character a link cannot hold, without the punctuation that ends a sentence) starts and ends.
fn next_address(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let scheme = ["https://", "http://"]
            .iter()
            .find(|s| text[start..].starts_with(*s))
            .map(|s| s.len());
        let joined = text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if let (Some(scheme), false) = (scheme, joined) {
            let run = text[start..]
                .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'))
                .map_or(text.len(), |n| start + n);
            let mut end = run;
            loop {
                let trimmed = text[start..end]
                    .trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '"', '*', '_', '~']);
                end = start + trimmed.len();
                let opened = trimmed.matches('(').count();
                if trimmed.ends_with(')') && trimmed.matches(')').count() > opened {
                    end -= 1;
                } else {
                    break;
                }
            }
            if end > start + scheme {
                return Some((start, end));
            }
        }
        from = start + "http".len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::render::tests::awkward;

    #[test]
    fn pipes_and_newlines_in_cells_never_break_the_table() {
        let out = render(&awkward());
        let rows: Vec<&str> = out.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(rows.len(), 3, "{out}");
        for row in rows {
            let unescaped_pipes = row
                .match_indices('|')
                .filter(|(i, _)| *i == 0 || &row[i - 1..*i] != "\\")
                .count();
            assert_eq!(unescaped_pipes, 4, "{row}");
        }
        assert!(out.contains(r#"Fit, "the" \| service<br>line two"#));
    }

    #[track_caller]
    fn case(typed: &str, written: &str) {
        assert_eq!(inline(typed), written, "{typed:?}");
    }

    #[test]
    fn only_what_gfm_reads_as_markup_is_escaped() {
        case("annual_report_2026 draft", "annual_report_2026 draft");
        case("_start and end_", "\\_start and end\\_");
        case("~~struck~~ and ~one~", "\\~\\~struck\\~\\~ and \\~one\\~");
        case(
            "Tom &amp; Jerry &#38; &copy;",
            "Tom \\&amp; Jerry \\&#38; \\&copy;",
        );
        case("Tom & Jerry &c", "Tom & Jerry &c");
        case(
            "*bold* `code` [link] <b> a|b \\",
            "\\*bold\\* \\`code\\` \\[link\\] \\<b> a\\|b \\\\",
        );
        case("# not a heading", "\\# not a heading");
        case("> not a quote", "\\> not a quote");
        case("- not a list", "\\- not a list");
        case("+ not a list", "\\+ not a list");
        case("2026. A year", "2026\\. A year");
        case("1) first", "1\\) first");
        case("a - b > c # d 1. e", "a - b > c # d 1. e");
    }

    #[test]
    fn web_addresses_are_links_written_as_typed() {
        case(
            "See https://intranet.example/annual_report_2026.pdf.",
            "See <https://intranet.example/annual_report_2026.pdf>.",
        );
        case("(http://a.example/x_(y))", "(<http://a.example/x_(y)>)");
        case(
            "https://a.example/p?q=1&r=~x*y*",
            "<https://a.example/p?q=1&r=~x*y>\\*",
        );
        case("http://a.example/a|b", "<http://a.example/a|b>");
        // GitHub decodes an entity even inside `<…>`: the link and its text keep `&amp;` typed.
        case(
            "https://a.example/v?a=1&amp;b=2|c",
            "[https://a.example/v?a=1\\&amp;b=2\\|c](<https://a.example/v?a=1&amp;amp;b=2\\|c>)",
        );
        assert_eq!(
            escaped("http://a.example/a|b", true),
            "<http://a.example/a\\|b>",
            "in a table, where GFM takes the pipe back before the link"
        );
        case(
            "xhttps://no and https:// alone",
            "xhttps://no and https:// alone",
        );
    }

    #[test]
    fn the_first_heading_is_the_title_and_later_ones_are_sections() {
        let mut doc = Doc::default();
        doc.push(Block::Heading("A".into()))
            .push(Block::Heading("B".into()));
        assert_eq!(render(&doc), "# A\n\n## B\n");
    }
}
