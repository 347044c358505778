//! Turning a view into text in the format a person asked for.
//!
//! Every renderer is a pure function from a [`Doc`] (or, for JSON, the view
//! itself) to a `String`; writing it to a terminal or a file is the caller's
//! job.

mod csv;
pub mod glyphs;
pub mod html;
mod markdown;
mod table;

use serde::Serialize;

use crate::present::doc::{Doc, Table};

/// The output formats of `report`, `compare`, `history`, `plan` and `team`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A table for reading in the terminal.
    #[default]
    Table,
    /// GitHub-flavoured Markdown, to paste into an agenda or minutes.
    Markdown,
    /// Comma-separated values (RFC 4180), for a spreadsheet.
    Csv,
    /// One JSON document, for other tools.
    Json,
    /// One self-contained HTML page, for a screen, a projector or A4 paper.
    Html,
}

/// How a terminal table looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    /// Colour the stages and changes.
    pub color: bool,
    /// Plain ASCII borders instead of box drawing.
    pub ascii: bool,
    /// Wrap to this many columns; `None` never wraps.
    pub width: Option<u16>,
}

/// A view that can be shown: as a document, as one table, and as JSON.
pub trait View: Serialize {
    /// The view as headings, text and tables.
    fn doc(&self) -> Doc;

    /// The one table CSV writes: by default the document's first table; a
    /// view whose document is a list gives a flat table of its own.
    fn data(&self) -> Option<Table> {
        self.doc().first_table().cloned()
    }

    /// The view as an HTML page of its own design; by default its document
    /// as a plain page.
    fn html(&self) -> String {
        html::render(&self.doc())
    }
}

/// Renders a view in `format`.
pub fn render<V: View>(view: &V, format: Format, look: Look) -> String {
    match format {
        Format::Table => table::render(&view.doc(), look),
        Format::Markdown => markdown::render(&view.doc()),
        Format::Csv => csv::render(view.data().as_ref()),
        Format::Html => view.html(),
        Format::Json => {
            let mut s = escape_json(&serde_json::to_string_pretty(view).unwrap_or_default());
            s.push('\n');
            s
        }
    }
}

/// JSON as serde_json writes it escapes C0 controls only; C1 controls and
/// bidi overrides (which can only stand inside strings) are escaped too, so
/// that a JSON file shown in a terminal cannot drive it.
fn escape_json(json: &str) -> String {
    let needs = |c: char| matches!(c, '\u{80}'..='\u{9f}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !json.chars().any(needs) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The terminal table renderer on its own, for the walk's closing screen.
pub fn terminal(doc: &Doc, look: Look) -> String {
    table::render(doc, look)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::doc::{Block, Cell, Table};

    /// A document whose text holds every character that breaks a format.
    pub fn awkward() -> Doc {
        let nasty = "Fit, \"the\" | service\nline two";
        let mut doc = Doc::default();
        doc.push(Block::Heading(nasty.into()));
        doc.push(Block::Table(Table {
            header: vec!["Domain".into(), "Stage".into(), "Progress".into()],
            rows: vec![vec![
                Cell::Text(nasty.into()),
                Cell::Stage {
                    name: "Starting out".into(),
                    rank: 0,
                    of: 3,
                },
                Cell::Progress { done: 1, total: 3 },
            ]],
        }));
        doc
    }

    #[test]
    fn json_escapes_c1_controls_and_bidi_overrides() {
        let json = escape_json(&serde_json::to_string("a\u{9b}b\u{202e}c\u{1b}").unwrap());
        assert_eq!(json, r#""a\u009bb\u202ec\u001b""#);
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "a\u{9b}b\u{202e}c\u{1b}"
        );
    }

    #[test]
    fn every_format_keeps_the_text_of_an_awkward_name() {
        let doc = awkward();
        for out in [
            markdown::render(&doc),
            csv::render(doc.first_table()),
            table::render(&doc, Look::default()),
        ] {
            assert!(out.contains("Fit, "), "{out}");
            assert!(out.contains("service"), "{out}");
        }
    }
}
