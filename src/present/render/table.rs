//! The terminal table: box drawing, progress gauges and (only when asked) colour.

use comfy_table::{
    Attribute, Cell as TCell, Color, ColumnConstraint, ContentArrangement, LineStyle, Table as TTable, TableStyle,
    Width, presets,
};
use std::fmt::Write;

use crate::present::doc::{Block, Cell, Direction, Doc, Table, Tone};
use crate::present::fit::{wrap, wrap_indented};
use crate::present::render::Look;
use crate::present::render::glyphs::{Glyphs, ascii_punctuation, change_with, gauge, words};
use crate::present::safe::{one_line, printable};

/// File text as it is displayed: control characters made visible, and with
/// `--ascii` typographic punctuation spelled in plain ASCII.
fn shown(look: Look, text: &str) -> String {
    let text = printable(text);
    if look.ascii && !text.is_ascii() { ascii_punctuation(&text) } else { text.into_owned() }
}

fn glyphs(look: Look) -> Glyphs {
    if look.ascii { Glyphs::Ascii } else { Glyphs::Unicode }
}

/// Plain ASCII borders, with a `+` wherever lines meet.
const ASCII: TableStyle = presets::ASCII_FULL_CONDENSED.header_separator(LineStyle::new('+', '=', '+', '+'));

/// The first column of a table keeps at least this many characters (or its
/// longest name, if shorter); below that, rows are shown one by one.
const FIRST_COLUMN_MIN: usize = 20;

/// Narrowest width we wrap to; a pseudo-terminal may claim 0 columns.
const MIN_WIDTH: u16 = 40;

/// Renders a document for a terminal (or a pipe, without colour).
pub fn render(doc: &Doc, look: Look) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading(h) => {
                let h = fit(&shown(look, &one_line(h)), look);
                if look.color {
                    let _ = writeln!(out, "{}", console::style(h).bold().force_styling(true));
                } else {
                    let _ = writeln!(out, "{h}");
                }
            }
            Block::Text(t) => {
                let _ = writeln!(out, "{}", fit(&shown(look, &one_line(t)), look));
            }
            Block::Note(t) => {
                let t = fit(&shown(look, &one_line(t)), look);
                if look.color {
                    let _ = writeln!(out, "{}", console::style(t).dim().force_styling(true));
                } else {
                    let _ = writeln!(out, "{t}");
                }
            }
            Block::List(items) => {
                for item in items {
                    let parts: Vec<String> = item.iter().map(|c| text_of(c, look)).collect();
                    let bullet = if look.ascii { "-" } else { "•" };
                    // A list item is one line: a newline in a name or note
                    // cannot start a line of its own.
                    let line = format!("  {bullet} {}", parts.join(" ").replace('\n', " "));
                    let line = match look.width {
                        Some(w) => wrap_indented(&line, usize::from(w.max(MIN_WIDTH)), "    "),
                        None => line,
                    };
                    let _ = writeln!(out, "{line}");
                }
            }
            Block::Key(cells) => {
                let t = fit(&key(cells, look), look);
                if look.color {
                    let _ = writeln!(out, "{}", console::style(t).dim().force_styling(true));
                } else {
                    let _ = writeln!(out, "{t}");
                }
            }
            Block::Table(t) => {
                let _ = writeln!(out, "{}", table(t, look));
            }
        }
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
    table.force_no_tty();
    if look.color {
        table.enforce_styling();
    }
    table.load_style(if look.ascii { ASCII } else { presets::UTF8_FULL_CONDENSED });
    match look.width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(w.max(MIN_WIDTH));
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.set_header(t.header.iter().map(|h| {
        let c = TCell::new(shown(look, h));
        if look.color { c.add_attribute(Attribute::Bold) } else { c }
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
    let mut full = build(t, look);
    if fit_columns(&mut full, t, look, width, FIRST_COLUMN_MIN) {
        return full.to_string();
    }
    let small = compact(t);
    let mut narrow = build(&small, look);
    if fit_columns(&mut narrow, &small, look, width, 0) {
        return narrow.to_string();
    }
    stacked(t, look, width)
}

/// Longest header word kept whole in a compact table.
const HEADER_WORD_MAX: usize = 8;

/// Short names where a name has one, and header words cut to
/// [`HEADER_WORD_MAX`] (`Developmental` → `Develop.`).
fn compact(t: &Table) -> Table {
    let header = t
        .header
        .iter()
        .map(|h| {
            h.split(' ')
                .map(|w| {
                    if w.chars().count() > HEADER_WORD_MAX {
                        format!("{}.", w.chars().take(HEADER_WORD_MAX - 1).collect::<String>())
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Name { full, short } => Cell::Text(short.clone().unwrap_or_else(|| full.clone())),
                    other => other.clone(),
                })
                .collect()
        })
        .collect();
    Table { header, rows }
}

/// A table too wide for the terminal, one row after another: the first
/// cell as a line of its own, then each other cell with its column's name.
fn stacked(t: &Table, look: Look, width: usize) -> String {
    let mut out = String::new();
    for row in &t.rows {
        let mut cells = row.iter();
        if let Some(first) = cells.next() {
            let title = text_of(first, Look { color: false, ..look });
            let title = if look.color { console::style(title).bold().force_styling(true).to_string() } else { title };
            out += &wrap(&title, width);
            out.push('\n');
        }
        // "Name: value" pairs, never split between lines; empty ones left out.
        let pairs = t.header[1..]
            .iter()
            .zip(cells)
            .filter(|(_, c)| !words(c, Glyphs::Unicode).trim().is_empty())
            .map(|(h, c)| format!("{}: {}", shown(look, h), text_of(c, look)));
        let separator = if look.ascii { " | " } else { " · " };
        let mut line = String::new();
        for pair in pairs {
            let wide = console::measure_text_width(&line) + separator.len() + console::measure_text_width(&pair);
            if line.is_empty() {
                line = format!("  {pair}");
            } else if wide <= width {
                line = format!("{line}{separator}{pair}");
            } else {
                out += &wrap_indented(&line, width, "  ");
                out.push('\n');
                line = format!("  {pair}");
            }
        }
        if !line.is_empty() {
            out += &wrap_indented(&line, width, "  ");
            out.push('\n');
        }
    }
    out.pop();
    out
}

/// Lays a table out for `width` columns, keeping words whole: no column is
/// narrower than its longest word (header included; a gauge counts as one
/// word), the first column, which holds the names people read, gets at least
/// [`FIRST_COLUMN_MIN`] and whatever the others leave. Returns false when
/// that cannot fit, so the caller shows the rows one by one instead.
fn fit_columns(table: &mut TTable, t: &Table, look: Look, width: usize, first_floor: usize) -> bool {
    let plain = Look { color: false, ..look };
    let columns: Vec<Vec<String>> = (0..t.header.len())
        .map(|i| {
            std::iter::once(shown(look, &t.header[i]))
                .chain(t.rows.iter().filter_map(|r| r.get(i)).map(|c| text_of(c, plain)))
                .collect()
        })
        .collect();
    let natural: Vec<usize> =
        columns.iter().map(|c| c.iter().map(|s| console::measure_text_width(s)).max().unwrap_or(1)).collect();
    let word: Vec<usize> = columns
        .iter()
        .map(|c| {
            c.iter().flat_map(|s| s.split(' ').map(console::measure_text_width).collect::<Vec<_>>()).max().unwrap_or(1)
        })
        .collect();
    // Each column adds two spaces of padding and one border; the table one more border.
    let others: usize = word.iter().skip(1).map(|w| w + 3).sum();
    let first_min = natural[0].min(word[0].max(first_floor));
    if first_min + 3 + others + 1 > width {
        return false;
    }
    let others_natural: usize = natural.iter().skip(1).map(|w| w + 3).sum();
    let room = width.saturating_sub(others_natural + 1 + 3);
    let first = first_min.max(room.min(natural[0]));
    for (i, lower) in std::iter::once(first).chain(word.iter().skip(1).copied()).enumerate() {
        if let Some(column) = table.column_mut(i) {
            let lower = u16::try_from(lower + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(lower)));
        }
    }
    true
}

/// A cell as the terminal draws it: a gauge for progress, the renderer's
/// glyphs for changes and shades, file text made safe.
fn drawn(c: &Cell, look: Look) -> String {
    match c {
        Cell::Progress { done, total, .. } => gauge(*done, *total, glyphs(look)),
        Cell::Text(_) | Cell::Name { .. } | Cell::Stage { .. } | Cell::Answer { .. } => {
            shown(look, &words(c, glyphs(look)))
        }
        // The stage moved from is file text; the arrow is ours.
        Cell::Change { direction, from, progress, slipped } => change_with(
            *direction,
            from.as_deref().map(|f| shown(look, f)).as_deref(),
            *progress,
            *slipped,
            glyphs(look),
        ),
        Cell::Shade { .. } | Cell::Becomes => words(c, glyphs(look)),
    }
}

fn text_of(c: &Cell, look: Look) -> String {
    let text = drawn(c, look);
    match color_of(c) {
        Some(color) if look.color => console::style(text).fg(console_color(color)).force_styling(true).to_string(),
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
        Cell::Stage { rank, of, .. } | Cell::Shade { rank, of, .. } if rank >= of => Some(Color::Green),
        Cell::Stage { rank: 0, .. } => Some(Color::Red),
        Cell::Stage { .. } => Some(Color::Yellow),
        Cell::Change { direction: Direction::Up, .. } => Some(Color::Green),
        Cell::Change { direction: Direction::Down, .. } => Some(Color::Red),
        Cell::Progress { done, total, .. } if done == total => Some(Color::Green),
        Cell::Answer { tone: Tone::Good, .. } => Some(Color::Green),
        Cell::Answer { tone: Tone::Middling, .. } => Some(Color::Yellow),
        Cell::Answer { tone: Tone::Poor, .. } => Some(Color::Red),
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
        let out = render(&awkward(), Look { color: false, ascii: false, width: Some(60) });
        assert!(!out.contains('\u{1b}'), "{out}");
    }

    #[test]
    fn colour_marks_stages_when_asked() {
        let out = render(&awkward(), Look { color: true, ascii: false, width: None });
        assert!(out.contains('\u{1b}'));
    }

    #[test]
    fn ascii_borders_use_no_box_drawing() {
        let out = render(&awkward(), Look { color: false, ascii: true, width: None });
        assert!(out.is_ascii(), "{out}");
    }

    #[test]
    fn a_table_too_wide_for_the_terminal_is_stacked_row_by_row() {
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            header: ["Domain", "Developmental", "Sustainable", "Embedding"].map(String::from).to_vec(),
            rows: vec![vec![
                Cell::Text("Developing an evaluation approach".into()),
                Cell::progress(1, 3),
                Cell::progress(0, 2),
                Cell::progress(0, 1),
            ]],
        }));
        // Too wide even with compact headers (the first column's words stay whole).
        let out = render(&doc, Look { color: false, ascii: false, width: Some(40) });
        assert!(!out.contains('┌'), "{out}");
        assert!(out.starts_with("Developing an evaluation approach\n"), "{out}");
        assert!(out.contains("  Developmental: █░░\u{a0}1/3"), "{out}");
        assert!(out.contains("Sustainable: ░░\u{a0}0/2"), "{out}");
        assert!(out.lines().all(|l| !l.trim_start().starts_with('·')), "no line starts mid-list: {out}");
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
    }

    #[test]
    fn a_table_a_little_too_wide_takes_short_names_and_compact_headers() {
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            header: ["Domain", "Developmental", "Sustainable"].map(String::from).to_vec(),
            rows: vec![vec![
                Cell::Name {
                    full: "Developing an evaluation approach, using it and learning from it".into(),
                    short: Some("Evaluation".into()),
                },
                Cell::progress(1, 3),
                Cell::progress(0, 2),
            ]],
        }));
        let look = Look { color: false, ascii: false, width: Some(44) };
        let out = render(&doc, look);
        assert!(out.contains('┌') && out.contains("Evaluation") && out.contains("Develop."), "{out}");
        assert!(!out.contains("learning"), "{out}");
        let wide = render(&doc, Look { width: Some(120), ..look });
        assert!(wide.contains("learning from it") && wide.contains("Developmental"), "{wide}");
    }

    #[test]
    fn tables_fit_the_width_given() {
        let out = render(&awkward(), Look { color: false, ascii: false, width: Some(40) });
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
    }
}
