//! The terminal table: box drawing, progress gauges and (only when asked) colour.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell as TCell, Color, ColumnConstraint, ContentArrangement, LineStyle,
    Table as TTable, TableStyle, Width, presets,
};
use console::{Style, measure_text_width as measure};

use crate::present::doc::{Block, Cell, Direction, Doc, Table, Tone};
use crate::present::fit::{wrap, wrap_indented};
use crate::present::render::Look;
use crate::present::render::glyphs::{Glyphs, ascii_punctuation, gauge, words};
use crate::present::safe::{one_line, printable};

/// File text as it is displayed: control characters made visible, and with
/// `--ascii` typographic punctuation spelled in plain ASCII.
fn shown(look: Look, text: &str) -> String {
    let text = printable(text);
    if look.ascii && !text.is_ascii() {
        ascii_punctuation(&text)
    } else {
        text.into_owned()
    }
}

/// Plain ASCII borders, with a `+` wherever lines meet.
const ASCII: TableStyle =
    presets::ASCII_FULL_CONDENSED.header_separator(LineStyle::new('+', '=', '+', '+'));

/// The first column of a table keeps at least this many characters (or its
/// longest name, if shorter); below that, rows are shown one by one.
const FIRST_COLUMN_MIN: usize = 20;

/// Narrowest width we wrap to; a pseudo-terminal may claim 0 columns.
const MIN_WIDTH: u16 = 40;

/// Renders a document for a terminal (or a pipe, without colour).
pub fn write(doc: &Doc, look: Look, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(doc, look).as_bytes())
}

/// The document as terminal text.
fn render(doc: &Doc, look: Look) -> String {
    let mut out = String::new();
    let line = |text: &str| fit(&shown(look, &one_line(text)), look);
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        let (text, style) = match block {
            Block::Heading(h) => (line(h), Style::new().bold()),
            Block::Text(t) => (line(t), Style::new()),
            Block::Note(t) => (line(t), Style::new().dim()),
            Block::Key(cells) => (fit(&key(cells, look), look), Style::new().dim()),
            Block::Table(t) => (table(t, look), Style::new()),
            Block::List(items) => {
                let bullet = if look.ascii { "-" } else { "•" };
                for item in items {
                    let parts: Vec<String> = item.iter().map(|c| text_of(c, look)).collect();
                    // One line an item: a newline in a name or note cannot start a line of its own.
                    let line = format!("  {bullet} {}", parts.join(" ").replace('\n', " "));
                    out += &match look.width {
                        Some(w) => wrap_indented(&line, usize::from(w.max(MIN_WIDTH)), "    "),
                        None => line,
                    };
                    out.push('\n');
                }
                continue;
            }
        };
        out += &format!("{}\n", style.force_styling(look.color).apply_to(text));
    }
    out
}

/// A legend line: each shade beside its stage name.
fn key(cells: &[Cell], look: Look) -> String {
    cells
        .iter()
        .map(|c| match c {
            Cell::Shade { name, .. } => format!("{} {}", text_of(c, look), shown(look, name)),
            other => text_of(other, look),
        })
        .collect::<Vec<_>>()
        .join("   ")
}

/// Wraps a paragraph to the terminal's width, when there is one.
fn fit(text: &str, look: Look) -> String {
    match look.width {
        Some(w) => wrap(text, usize::from(w.max(MIN_WIDTH))),
        None => text.to_string(),
    }
}

fn build(t: &Table, look: Look) -> TTable {
    let mut table = TTable::new();
    table.force_no_tty().load_style(if look.ascii {
        ASCII
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    if look.color {
        table.enforce_styling();
    }
    if let Some(w) = look.width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(w.max(MIN_WIDTH));
    }
    table.set_header(t.header.iter().map(|h| {
        let c = TCell::new(shown(look, h));
        if look.color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    }));
    for row in &t.rows {
        table.add_row(row.iter().map(|c| cell(c, look)));
    }
    table
}

/// The table for the terminal: as it is when it fits, else with short names
/// and compact headers, else row by row.
fn table(t: &Table, look: Look) -> String {
    let Some(width) = look.width else {
        return build(t, look).to_string();
    };
    let width = usize::from(width.max(MIN_WIDTH));
    fitted(t, look, width, FIRST_COLUMN_MIN)
        .or_else(|| fitted(&compact(t), look, width, 0))
        .unwrap_or_else(|| stacked(t, look, width))
}

/// Longest header word kept whole in a compact table.
const HEADER_WORD_MAX: usize = 8;

/// Short names where a name has one, and header words cut to
/// [`HEADER_WORD_MAX`] (`Developmental` → `Develop.`).
fn compact(t: &Table) -> Table {
    let cut = |w: &str| {
        let short: String = w.chars().take(HEADER_WORD_MAX - 1).collect();
        if w.chars().count() > HEADER_WORD_MAX {
            short + "."
        } else {
            w.to_string()
        }
    };
    let header = t
        .header
        .iter()
        .map(|h| h.split(' ').map(cut).collect::<Vec<_>>().join(" "))
        .collect();
    Table {
        header,
        rows: t
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::short).collect())
            .collect(),
    }
}

/// A table too wide for the terminal, one row after another: the first
/// cell as a line of its own, then each other cell with its column's name.
fn stacked(t: &Table, look: Look, width: usize) -> String {
    let separator = if look.ascii { " | " } else { " · " };
    let mut out = Vec::new();
    for row in &t.rows {
        let mut cells = row.iter();
        if let Some(first) = cells.next() {
            let title = Style::new()
                .bold()
                .force_styling(look.color)
                .apply_to(text_of(
                    first,
                    Look {
                        color: false,
                        ..look
                    },
                ));
            out.push(wrap(&title.to_string(), width));
        }
        // "Name: value" pairs, never split between lines; empty ones left out.
        let pairs = t.header[1..]
            .iter()
            .zip(cells)
            .filter(|(_, c)| !words(c, Glyphs::Unicode).trim().is_empty())
            .map(|(h, c)| format!("{}: {}", shown(look, h), text_of(c, look)));
        let mut lines: Vec<String> = Vec::new();
        for pair in pairs {
            match lines.last_mut() {
                Some(line) if measure(line) + separator.len() + measure(&pair) <= width => {
                    *line += &format!("{separator}{pair}");
                }
                _ => lines.push(format!("  {pair}")),
            }
        }
        out.extend(lines.iter().map(|line| wrap_indented(line, width, "  ")));
    }
    out.join("\n")
}

/// The table laid out for `width` columns, keeping words whole: no column is
/// narrower than its longest word (header included; a gauge counts as one
/// word), the first column, which holds the names people read, gets at least
/// `first_floor` and whatever the others leave. `None` when that cannot fit.
fn fitted(t: &Table, look: Look, width: usize, first_floor: usize) -> Option<String> {
    let plain = Look {
        color: false,
        ..look
    };
    // Each column's widest text and widest word.
    let (natural, word): (Vec<usize>, Vec<usize>) = (0..t.header.len())
        .map(|i| {
            std::iter::once(shown(look, &t.header[i]))
                .chain(
                    t.rows
                        .iter()
                        .filter_map(|r| r.get(i))
                        .map(|c| text_of(c, plain)),
                )
                .fold((0, 0), |(n, w), s| {
                    (
                        n.max(measure(&s)),
                        s.split(' ').map(measure).fold(w, usize::max),
                    )
                })
        })
        .unzip();
    // Each column adds two spaces of padding and one border; the table one more border.
    let others: usize = word.iter().skip(1).map(|w| w + 3).sum();
    let first_min = natural[0].min(word[0].max(first_floor));
    if first_min + 3 + others + 1 > width {
        return None;
    }
    let others_natural: usize = natural.iter().skip(1).map(|w| w + 3).sum();
    let first = first_min.max(width.saturating_sub(others_natural + 1 + 3).min(natural[0]));
    let lower = |w: usize| {
        ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
    };
    let mut table = build(t, look);
    table.set_constraints(
        std::iter::once(first)
            .chain(word[1..].iter().copied())
            .map(lower),
    );
    Some(table.to_string())
}

/// A cell as the terminal draws it: a gauge for progress, the rest in words
/// and the renderer's glyphs (already plain ASCII when asked), file text made safe.
fn drawn(c: &Cell, look: Look) -> String {
    let g = if look.ascii {
        Glyphs::Ascii
    } else {
        Glyphs::Unicode
    };
    match c {
        Cell::Progress { done, total, .. } => gauge(*done, *total, g),
        _ => shown(look, &words(c, g)),
    }
}

fn text_of(c: &Cell, look: Look) -> String {
    let text = drawn(c, look);
    match color_of(c) {
        Some(color) if look.color => console::style(text)
            .fg(console_color(color))
            .force_styling(true)
            .to_string(),
        _ => text,
    }
}

fn cell(c: &Cell, look: Look) -> TCell {
    let cell = TCell::new(drawn(c, look));
    match color_of(c) {
        Some(color) if look.color => cell.fg(color),
        _ => cell,
    }
}

fn color_of(c: &Cell) -> Option<Color> {
    match c {
        Cell::Stage { rank, of, .. } | Cell::Shade { rank, of, .. } if rank >= of => {
            Some(Color::Green)
        }
        Cell::Progress { done, total, .. } if done == total => Some(Color::Green),
        Cell::Change {
            direction: Direction::Up,
            ..
        }
        | Cell::Answer {
            tone: Tone::Good, ..
        } => Some(Color::Green),
        Cell::Stage { rank: 0, .. }
        | Cell::Change {
            direction: Direction::Down,
            ..
        } => Some(Color::Red),
        Cell::Answer {
            tone: Tone::Poor, ..
        } => Some(Color::Red),
        Cell::Stage { .. }
        | Cell::Answer {
            tone: Tone::Middling,
            ..
        } => Some(Color::Yellow),
        _ => None,
    }
}

fn console_color(c: Color) -> console::Color {
    match c {
        Color::Green => console::Color::Green,
        Color::Red => console::Color::Red,
        _ => console::Color::Yellow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::render::tests::awkward;

    #[test]
    fn no_escape_byte_without_colour() {
        let out = render(
            &awkward(),
            Look {
                color: false,
                ascii: false,
                width: Some(60),
                file: false,
            },
        );
        assert!(!out.contains('\u{1b}'), "{out}");
    }

    #[test]
    fn colour_marks_stages_when_asked() {
        let out = render(
            &awkward(),
            Look {
                color: true,
                ascii: false,
                width: None,
                file: false,
            },
        );
        assert!(out.contains('\u{1b}'));
    }

    #[test]
    fn ascii_borders_use_no_box_drawing() {
        let out = render(
            &awkward(),
            Look {
                color: false,
                ascii: true,
                width: None,
                file: false,
            },
        );
        assert!(out.is_ascii(), "{out}");
    }

    #[test]
    fn a_table_too_wide_for_the_terminal_is_stacked_row_by_row() {
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            header: ["Domain", "Developmental", "Sustainable", "Embedding"]
                .map(String::from)
                .to_vec(),
            rows: vec![vec![
                Cell::Text("Developing an evaluation approach".into()),
                Cell::progress(1, 3),
                Cell::progress(0, 2),
                Cell::progress(0, 1),
            ]],
        }));
        // Too wide even with compact headers (the first column's words stay whole).
        let out = render(
            &doc,
            Look {
                color: false,
                ascii: false,
                width: Some(40),
                file: false,
            },
        );
        assert!(!out.contains('┌'), "{out}");
        assert!(
            out.starts_with("Developing an evaluation approach\n"),
            "{out}"
        );
        assert!(out.contains("  Developmental: █░░\u{a0}1/3"), "{out}");
        assert!(out.contains("Sustainable: ░░\u{a0}0/2"), "{out}");
        assert!(
            out.lines().all(|l| !l.trim_start().starts_with('·')),
            "no line starts mid-list: {out}"
        );
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
    }

    #[test]
    fn a_table_a_little_too_wide_takes_short_names_and_compact_headers() {
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            header: ["Domain", "Developmental", "Sustainable"]
                .map(String::from)
                .to_vec(),
            rows: vec![vec![
                Cell::Name {
                    full: "Developing an evaluation approach, using it and learning from it".into(),
                    short: Some("Evaluation".into()),
                },
                Cell::progress(1, 3),
                Cell::progress(0, 2),
            ]],
        }));
        let look = Look {
            color: false,
            ascii: false,
            width: Some(44),
            file: false,
        };
        let out = render(&doc, look);
        assert!(
            out.contains('┌') && out.contains("Evaluation") && out.contains("Develop."),
            "{out}"
        );
        assert!(!out.contains("learning"), "{out}");
        let wide = render(
            &doc,
            Look {
                width: Some(120),
                ..look
            },
        );
        assert!(
            wide.contains("learning from it") && wide.contains("Developmental"),
            "{wide}"
        );
    }

    #[test]
    fn tables_fit_the_width_given() {
        let out = render(
            &awkward(),
            Look {
                color: false,
                ascii: false,
                width: Some(40),
                file: false,
            },
        );
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
    }
}
