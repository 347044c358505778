//! Writing a view in the format a person asked for, as bytes to a writer.
//!
//! One file per format, each writing what it is given: a document ([`Doc`]) for the table, Markdown
//! and HTML; the view's sheet (a [`Table`]) for CSV; the view itself for JSON and YAML. A view
//! can be written in every format, and no renderer is handed what it cannot show; which formats a
//! command offers is the shell's to declare (`shell::cli`). A new format is one file here and one
//! [`Format`] variant.

mod csv;
pub mod glyphs;
mod html;
mod json;
mod markdown;
mod table;
mod yaml;

use std::io::{self, Write};

use serde::Serialize;

use crate::present::doc::{Doc, Table};

/// The output formats.
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
    /// One YAML document (a framework file).
    Yaml,
    /// One self-contained HTML page, for a screen, a projector or A4 paper.
    Html,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 6] = [
        Format::Table,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Yaml,
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
            Format::Yaml => ("yaml", "YAML, as a framework file"),
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
            Format::Yaml => "YAML",
            Format::Html => "page",
        }
    }
}

/// How a result looks, and where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    /// Colour the stages and changes.
    pub color: bool,
    /// Plain ASCII borders instead of box drawing.
    pub ascii: bool,
    /// Wrap to this many columns; `None` never wraps.
    pub width: Option<u16>,
    /// Written to a file, not printed (a CSV file starts with a byte-order mark).
    pub file: bool,
}

/// A view that can be shown: it lays itself out as one document, gives a spreadsheet its table,
/// and serialises as its data (JSON, YAML).
pub trait View: Serialize {
    /// The view as headings, text, lists and tables of meaningful cells.
    fn doc(&self) -> Doc;

    /// The table `--format csv` writes: ids beside names, one fact per column
    /// (`present::view::sheet`).
    fn sheet(&self) -> Table;
}

/// Writes `view` in `format` to `out`.
pub fn write<V: View>(view: &V, format: Format, look: Look, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::write(&view.doc(), look, out),
        Format::Markdown => markdown::write(&view.doc(), out),
        Format::Html => html::write(&view.doc(), out),
        Format::Csv => csv::write(&view.sheet(), look.file, out),
        Format::Json => json::write(view, out),
        Format::Yaml => yaml::write(view, out),
    }
}

/// `view` in `format`, as bytes.
pub fn render<V: View>(view: &V, format: Format, look: Look) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory fails only where serialising does, which the views never do.
    let _ = write(view, format, look, &mut out);
    out
}

/// Writes a document that is no view (the walk's closing screen, the table after a meeting) as a
/// terminal table.
pub fn write_table(doc: &Doc, look: Look, out: &mut dyn Write) -> io::Result<()> {
    table::write(doc, look, out)
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

    /// The first table of a document.
    pub fn first_table(doc: &Doc) -> Table {
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t.clone()),
                _ => None,
            })
            .expect("a table")
    }

    /// A view of the awkward document, its table its sheet.
    #[derive(Serialize)]
    struct Awkward {
        name: &'static str,
    }

    impl View for Awkward {
        fn doc(&self) -> Doc {
            awkward()
        }
        fn sheet(&self) -> Table {
            first_table(&awkward())
        }
    }

    #[test]
    fn every_format_writes_something_and_keeps_the_text_of_an_awkward_name() {
        let view = Awkward {
            name: "Fit, \"the\" | service",
        };
        for format in Format::ALL {
            let out = String::from_utf8(render(&view, format, Look::default())).unwrap();
            assert!(
                out.contains("Fit, ") && out.contains("service"),
                "{format:?}: {out}"
            );
        }
    }
}
