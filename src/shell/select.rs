//! A select prompt with number keys, for the walk's answers and the meeting: dialoguer's `Select`
//! has none, and a first walk answers every action, so each answer is one key (the number shown
//! beside it), while ↑/↓ (or `j`/`k`) and Enter still work. Drawn on stderr like every prompt;
//! Esc (or `q`) goes back. Short lists only: the items are always all on screen.

use std::io;

use console::{Key, Term, style};

/// What a select shows: the prompt (already fitted to the width) and its items, numbered.
#[derive(Debug, Clone)]
pub struct Numbered<'a> {
    /// The question and its context, one or more lines.
    pub prompt: &'a str,
    /// The choices, in order; at most nine are reachable by number.
    pub items: &'a [String],
    /// Where the cursor starts.
    pub default: usize,
}

/// What a key does to a select whose cursor is at `cursor` of `count` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    /// The cursor goes to this item.
    To(usize),
    /// This item is chosen.
    Choose(usize),
    /// Back to the previous question.
    Back,
    /// Nothing.
    Stay,
}

/// The meaning of `key` with the cursor at `cursor` of `count` items.
fn meaning(key: &Key, cursor: usize, count: usize) -> Move {
    let last = count.saturating_sub(1);
    match key {
        Key::ArrowUp | Key::BackTab | Key::Char('k') => {
            Move::To(if cursor == 0 { last } else { cursor - 1 })
        }
        Key::ArrowDown | Key::Tab | Key::Char('j') => {
            Move::To(if cursor >= last { 0 } else { cursor + 1 })
        }
        Key::Home | Key::PageUp => Move::To(0),
        Key::End | Key::PageDown => Move::To(last),
        Key::Enter | Key::Char(' ') => Move::Choose(cursor),
        Key::Escape | Key::Char('q') => Move::Back,
        Key::Char(c) => match c.to_digit(10).map(|d| d as usize) {
            Some(n) if (1..=count.min(9)).contains(&n) => Move::Choose(n - 1),
            _ => Move::Stay,
        },
        _ => Move::Stay,
    }
}

/// The lines drawn for `select` with the cursor at `cursor`.
fn lines(select: &Numbered, cursor: usize, unicode: bool) -> Vec<String> {
    let (ask, here) = if unicode { ("?", "❯") } else { ("?", ">") };
    let mut out: Vec<String> = select.prompt.lines().map(str::to_string).collect();
    if let Some(first) = out.first_mut() {
        *first = format!("{} {first}", style(ask).for_stderr().yellow().bold());
    }
    for (i, item) in select.items.iter().enumerate() {
        let number = if i < 9 {
            format!("{} ", i + 1)
        } else {
            "  ".into()
        };
        out.push(if i == cursor {
            let line = format!("{here} {number}{item}");
            style(line).for_stderr().cyan().bold().to_string()
        } else {
            format!("  {}{item}", style(number).for_stderr().dim())
        });
    }
    out
}

/// The screen rows `lines` take on a terminal `columns` wide: a line longer than that wraps (a
/// terminal that says 0 columns is taken not to wrap).
fn rows(lines: &[String], columns: usize) -> usize {
    if columns == 0 {
        return lines.len();
    }
    let each = |l: &String| console::measure_text_width(l).div_ceil(columns).max(1);
    lines.iter().map(each).sum()
}

/// Asks `select` on `term`; the chosen item's index, or `None` for Esc. The prompt is cleared
/// once answered, however far its lines wrapped.
pub fn ask(term: &Term, select: &Numbered, unicode: bool) -> io::Result<Option<usize>> {
    let count = select.items.len();
    let columns = usize::from(term.size().1);
    let mut cursor = select.default.min(count.saturating_sub(1));
    let mut drawn = lines(select, cursor, unicode);
    let _ = term.hide_cursor();
    term.write_line(&drawn.join("\n"))?;
    let chosen = loop {
        let key = match term.read_key() {
            Ok(key) => key,
            Err(e) => {
                let _ = term.clear_last_lines(rows(&drawn, columns));
                return Err(e);
            }
        };
        match meaning(&key, cursor, count) {
            Move::Choose(i) => break Some(i),
            Move::Back => break None,
            Move::Stay => {}
            Move::To(i) => {
                cursor = i;
                term.clear_last_lines(rows(&drawn, columns))?;
                drawn = lines(select, cursor, unicode);
                term.write_line(&drawn.join("\n"))?;
            }
        }
    };
    term.clear_last_lines(rows(&drawn, columns))?;
    let _ = term.show_cursor();
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keys_choose_at_once_and_arrows_move_around_the_list() {
        let cases = [
            (Key::Char('1'), 2, Move::Choose(0)),
            (Key::Char('5'), 0, Move::Choose(4)),
            (Key::Char('6'), 0, Move::Stay),
            (Key::Char('0'), 0, Move::Stay),
            (Key::ArrowDown, 2, Move::To(3)),
            (Key::ArrowDown, 4, Move::To(0)),
            (Key::ArrowUp, 0, Move::To(4)),
            (Key::Char('k'), 3, Move::To(2)),
            (Key::Enter, 3, Move::Choose(3)),
            (Key::Char(' '), 1, Move::Choose(1)),
            (Key::Escape, 1, Move::Back),
            (Key::Char('x'), 1, Move::Stay),
        ];
        for (key, cursor, want) in cases {
            assert_eq!(meaning(&key, cursor, 5), want, "{key:?} at {cursor}");
        }
    }

    #[test]
    fn a_line_longer_than_the_terminal_takes_the_rows_it_wraps_to() {
        let lines = ["short".to_string(), "x".repeat(81), String::new()];
        assert_eq!(rows(&lines, 80), 1 + 2 + 1);
        assert_eq!(rows(&lines, 0), 3, "a terminal that says 0 columns");
    }

    #[test]
    fn each_item_is_drawn_with_its_number_and_the_cursor_marked() {
        console::set_colors_enabled_stderr(false);
        let items = ["In place", "In progress"].map(String::from);
        let select = Numbered {
            prompt: "Action 1 of 2\nDo it",
            items: &items,
            default: 1,
        };
        assert_eq!(
            lines(&select, 1, false),
            [
                "? Action 1 of 2",
                "Do it",
                "  1 In place",
                "> 2 In progress"
            ]
        );
    }
}
