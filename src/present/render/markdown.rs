//! GitHub-flavoured Markdown, ready to paste into an agenda or minutes.

use std::fmt::Write;

use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Renders a document as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let mut first_heading = true;
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading(h) => {
                let level = if first_heading { "#" } else { "##" };
                first_heading = false;
                let _ = writeln!(out, "{level} {}", inline(h));
            }
            Block::Text(t) => {
                let _ = writeln!(out, "{}", inline(t));
            }
            Block::Note(t) => {
                let _ = writeln!(out, "_{}_", inline(t));
            }
            Block::Key(cells) => {
                let text: Vec<String> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Shade { name, .. } => format!("{} {}", words(c, Glyphs::Unicode), inline(name)),
                        other => inline(&words(other, Glyphs::Unicode)),
                    })
                    .collect();
                let _ = writeln!(out, "_{}_", text.join("   "));
            }
            Block::List(items) => {
                for item in items {
                    let text: Vec<String> = item.iter().map(|c| inline(&words(c, Glyphs::Unicode))).collect();
                    let _ = writeln!(out, "- {}", text.join(" "));
                }
            }
            Block::Table(t) => table(&mut out, t),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let header: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(t.header.len()));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(&words(c, Glyphs::Unicode))).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// Text for a paragraph or heading: line breaks become spaces, markup characters escaped.
fn inline(text: &str) -> String {
    escape(&printable(&text.replace("\r\n", "\n"))).replace('\n', " ")
}

/// Text for a table cell: pipes escaped, line breaks as `<br>`, so the table never breaks.
fn cell(text: &str) -> String {
    escape(&printable(&text.replace("\r\n", "\n"))).replace('\n', "<br>")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
            let unescaped_pipes = row.match_indices('|').filter(|(i, _)| *i == 0 || &row[i - 1..*i] != "\\").count();
            assert_eq!(unescaped_pipes, 4, "{row}");
        }
        assert!(out.contains(r#"Fit, "the" \| service<br>line two"#));
    }

    #[test]
    fn the_first_heading_is_the_title_and_later_ones_are_sections() {
        let mut doc = Doc::default();
        doc.push(Block::Heading("A".into())).push(Block::Heading("B".into()));
        assert_eq!(render(&doc), "# A\n\n## B\n");
    }
}
