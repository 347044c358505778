//! GitHub-flavoured Markdown, ready to paste into an agenda or minutes.

use crate::present::doc::{Block, Cell, Doc};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Renders a document as Markdown.
pub fn render(doc: &Doc) -> String {
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
                let mut table = row(t.header.iter().map(|h| escaped(h, "<br>")).collect());
                table += &format!("|{}\n", "---|".repeat(t.header.len()));
                for cells in &t.rows {
                    table += &row(cells
                        .iter()
                        .map(|c| escaped(&words(c, Glyphs::Unicode), "<br>"))
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
    escaped(text, " ")
}

/// Text with markup characters (pipes too) escaped and each line break as `newline`: a space in a
/// paragraph, `<br>` in a table cell, so the table never breaks.
fn escaped(text: &str, newline: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(&text.replace("\r\n", "\n")).chars() {
        if matches!(c, '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('\n', newline)
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

    #[test]
    fn the_first_heading_is_the_title_and_later_ones_are_sections() {
        let mut doc = Doc::default();
        doc.push(Block::Heading("A".into()))
            .push(Block::Heading("B".into()));
        assert_eq!(render(&doc), "# A\n\n## B\n");
    }
}
