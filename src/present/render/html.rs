//! A self-contained HTML page of any view's document: inline styles, no
//! scripts, nothing loaded from outside, every text escaped (maud escapes
//! by default), laid out for a screen and for A4 paper.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::glyphs::{Glyphs, words};

/// The styles every page shares: readable on a laptop and a projector,
/// printed on A4 without cut-off tables or charts.
pub const STYLE: &str = r#"
@page { size: A4; margin: 12mm; }
:root { color: #111; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { max-width: 1100px; margin: 1.5rem auto; padding: 0 1rem; font-size: 15px; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #999; }
p, li { margin: .2rem 0; }
.small { font-size: .85em; color: #333; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
th, td { border: 1px solid #bbb; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
svg { display: block; }
svg text { font-family: inherit; }
table, tr, svg, li { break-inside: avoid; page-break-inside: avoid; }
h2 { break-after: avoid; page-break-after: avoid; }
.overdue { font-weight: 700; text-decoration: underline; }
.two-columns { columns: 2; column-gap: 1.5rem; }
.two-columns > * { break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; font-size: 8pt; line-height: 1.25; }
  h1 { font-size: 13pt; } h2 { font-size: 10pt; margin: .5rem 0 .2rem; }
  th, td { padding: .1rem .3rem; }
  ul, ol { margin: .1rem 0; padding-left: 1.2rem; }
}
"#;

/// A whole page with `title` and `body`.
pub fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// Any view's document as a page.
pub fn render(doc: &Doc) -> String {
    let title = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .unwrap_or("mbct-sustain");
    let mut first = true;
    let body = html! {
        @for block in &doc.blocks {
            @match block {
                Block::Heading(h) => {
                    @if std::mem::take(&mut first) { h1 { (h) } } @else { h2 { (h) } }
                }
                Block::Text(t) => p { (t) },
                Block::Note(t) => p.small { (t) },
                Block::Key(cells) => p.small { (line(cells)) },
                Block::List(items) => ul { @for item in items { li { (line(item)) } } },
                Block::Table(t) => (table(t)),
            }
        }
    };
    page(title, body)
}

/// A table of cells.
pub fn table(t: &Table) -> Markup {
    html! {
        table {
            thead { tr { @for h in &t.header { th { (h) } } } }
            tbody {
                @for row in &t.rows {
                    tr { @for c in row { td { (cell(c)) } } }
                }
            }
        }
    }
}

/// A cell as words (progress as `2/3`, changes with arrows).
pub fn cell(c: &Cell) -> String {
    words(c, Glyphs::Unicode)
}

fn line(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| match c {
            // A legend's shade means nothing without its stage's name.
            Cell::Shade { name, .. } => format!("{} {name}", cell(c)),
            other => cell(other),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::render::tests::awkward;

    #[test]
    fn a_legend_names_each_shades_stage() {
        let mut doc = Doc::default();
        doc.push(Block::Key(vec![Cell::Shade {
            name: "Starting out".into(),
            rank: 0,
            of: 3,
        }]));
        assert!(render(&doc).contains("··· Starting out"));
    }

    #[test]
    fn text_is_escaped_and_nothing_is_loaded_from_outside() {
        let mut doc = awkward();
        doc.push(Block::Text("<script>alert(1)</script>".into()));
        let out = render(&doc);
        assert!(out.starts_with("<!DOCTYPE html>"));
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{out}");
        assert!(!out.contains("<script"));
        assert!(!out.contains("src=") && !out.contains("href="));
        assert!(out.contains("@page { size: A4"));
    }
}
