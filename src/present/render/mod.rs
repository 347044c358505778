//! Turning a view into text in the format a person asked for.
//!
//! Every renderer is a pure function from a [`Doc`] (or, for JSON, the view
//! itself) to a `String`; writing it to a terminal or a file is the caller's
//! job. A new format is one file here and one [`Format`] variant.

mod csv;
pub mod glyphs;
mod html;
mod json;
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

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 5] = [
        Format::Table,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Html,
    ];

    /// How the command line names it, and what it is for.
    pub fn name_and_help(self) -> (&'static str, &'static str) {
        match self {
            Format::Table => ("table", "A table for reading in the terminal"),
            Format::Markdown => (
                "markdown",
                "GitHub-flavoured Markdown, to paste into an agenda or minutes",
            ),
            Format::Csv => (
                "csv",
                "Comma-separated values (RFC 4180), for a spreadsheet",
            ),
            Format::Json => ("json", "One JSON document, for other tools"),
            Format::Html => (
                "html",
                "One self-contained HTML page: the meeting page for `report`",
            ),
        }
    }

    /// What a file of this format is called in messages ("Wrote the page to …").
    pub fn noun(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Html => "page",
        }
    }
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

/// A view that can be shown: it lays itself out as one document.
pub trait View {
    /// The view as headings, text, lists and tables of meaningful cells.
    fn doc(&self) -> Doc;
}

/// A view's table for a spreadsheet where the tables its document shows are laid out for reading:
/// ids beside names, one fact per column (`present::view::sheet`).
pub trait Sheet {
    /// The table `--format csv` writes; `None`: the document's data table.
    fn sheet(&self) -> Option<Table> {
        None
    }
}

/// Renders a view in `format`: JSON from the view's data, CSV from its sheet where it has one,
/// every other format from its document.
pub fn render<V: View + Sheet + Serialize>(view: &V, format: Format, look: Look) -> String {
    match (format, view.sheet()) {
        (Format::Json, _) => json::render(view),
        (Format::Csv, Some(table)) => csv::render(Some(&table)),
        (other, _) => render_doc(&view.doc(), other, look),
    }
}

/// The text of a file of `format`: a CSV file starts with a UTF-8 byte-order mark, without which
/// Excel reads it in the computer's old code page ("‘fit’" as "â€˜fitâ€™"). Printed CSV has none:
/// the program a pipe feeds would take the mark for text.
pub fn as_file(format: Format, text: String) -> String {
    match format {
        Format::Csv => format!("\u{feff}{text}"),
        _ => text,
    }
}

/// Renders a document in `format` (JSON, having no view, is empty).
pub fn render_doc(doc: &Doc, format: Format, look: Look) -> String {
    match format {
        Format::Table => table::render(doc, look),
        Format::Markdown => markdown::render(doc),
        Format::Csv => csv::render(doc.data_table()),
        Format::Html => html::render(doc),
        Format::Json => String::new(),
    }
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
                Cell::progress(1, 3),
            ]],
        }));
        doc
    }

    #[test]
    fn only_a_csv_file_starts_with_a_byte_order_mark() {
        assert_eq!(
            as_file(Format::Csv, "a,b\r\n".into()).as_bytes()[..3],
            [0xEF, 0xBB, 0xBF]
        );
        for other in [Format::Table, Format::Markdown, Format::Json, Format::Html] {
            assert_eq!(as_file(other, "x".into()), "x");
        }
    }

    #[test]
    fn every_format_keeps_the_text_of_an_awkward_name() {
        let doc = awkward();
        for out in [
            markdown::render(&doc),
            csv::render(doc.data_table()),
            table::render(&doc, Look::default()),
        ] {
            assert!(out.contains("Fit, "), "{out}");
            assert!(out.contains("service"), "{out}");
        }
    }
}
