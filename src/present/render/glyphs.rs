//! How the text renderers draw a cell's meaning: gauges, arrows, shades and
//! words, in Unicode or (for `--ascii`) in plain ASCII. The views never pick
//! a glyph; an HTML renderer draws the same cells as charts instead.

use crate::present::doc::{Cell, Direction};

/// The character sets a text renderer can draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    /// Box drawing, block shades and arrows.
    Unicode,
    /// Plain ASCII, for terminals and fonts without the rest.
    Ascii,
}

impl Glyphs {
    /// This set's drawing, of a `(Unicode, ASCII)` pair.
    fn pick<T>(self, (unicode, ascii): (T, T)) -> T {
        if self == Glyphs::Unicode {
            unicode
        } else {
            ascii
        }
    }
}

/// Widest gauge, in characters.
const GAUGE_MAX: usize = 6;

/// A cell as one line of text: stage names, arrows with the stage moved
/// from, `2/3` for progress, shades for a stage over time.
pub fn words(cell: &Cell, g: Glyphs) -> String {
    match cell {
        Cell::Text(t) | Cell::Name { full: t, .. } => t.clone(),
        Cell::Stage { name: t, .. } | Cell::Answer { text: t, .. } => t.clone(),
        Cell::Change {
            direction,
            from,
            progress,
            slipped,
            by_who,
        } => {
            let change = change_with(*direction, from.as_deref(), *progress, *slipped, g);
            if *by_who {
                format!("{change} (who answered)")
            } else {
                change
            }
        }
        Cell::Progress { done, total, .. } => format!("{done}/{total}"),
        Cell::Shade { rank, of, .. } => shade(*rank, *of, g),
        Cell::Becomes => g.pick(("→", "->")).to_string(),
    }
}

/// `↑ from Starting out`, `↓ back`, `—`, `new`.
pub fn change(direction: Direction, from: Option<&str>, g: Glyphs) -> String {
    let (up, down, same) = g.pick((("↑", "↓", "—"), ("^", "v", "-")));
    match (direction, from) {
        (Direction::Up, Some(from)) => format!("{up} from {from}"),
        (Direction::Up, None) => format!("{up} forward"),
        (Direction::Down, Some(from)) => format!("{down} from {from}"),
        (Direction::Down, None) => format!("{down} back"),
        (Direction::Same, _) => same.to_string(),
        (Direction::New, _) => "new".to_string(),
    }
}

/// A change with, within the same stage, its progress (`— 1/3 → 2/3`) and
/// how many actions slipped out of place (`· 1 slipped`).
pub fn change_with(
    direction: Direction,
    from: Option<&str>,
    progress: Option<[usize; 4]>,
    slipped: usize,
    g: Glyphs,
) -> String {
    let mut out = change(direction, from, g);
    if let Some([a, b, c, d]) = progress {
        out += &format!(" {a}/{b} {} {c}/{d}", g.pick(("→", "->")));
    }
    if slipped > 0 {
        out += &format!("{} {slipped} slipped", g.pick((" ·", ";")));
    }
    out
}

/// The shade for a stage `rank` out of `of` (`rank == of`: complete), three
/// wide: only the first stage is the lightest and only complete is full.
pub fn shade(rank: usize, of: usize, g: Glyphs) -> String {
    // From the first stage to complete, lightest first.
    let set = g.pick((['·', '░', '▒', '▓', '█'], ['.', ':', '+', '=', '#']));
    let last = set.len() - 1;
    let i = (rank * last + of / 2).checked_div(of).unwrap_or(last);
    let i = match (rank, i) {
        (0, _) => 0,
        (_, 0) => 1,
        (r, i) if r < of && i == last => i - 1,
        (_, i) => i,
    };
    set[i].to_string().repeat(3)
}

/// `██░ 2/3`: a bar as wide as the stage (six at most), then the count.
pub fn gauge(done: usize, total: usize, g: Glyphs) -> String {
    if total == 0 {
        return "0/0".to_string();
    }
    let width = total.min(GAUGE_MAX);
    let filled = (done * width + total / 2) / total;
    let filled = if done > 0 { filled.max(1) } else { 0 };
    let filled = if done < total {
        filled.min(width - 1)
    } else {
        width
    };
    // A no-break space keeps the bar and its count together when wrapping;
    // ASCII has none.
    let (full, empty, space) = g.pick((('█', '░', '\u{a0}'), ('#', '-', ' ')));
    let bar: String = std::iter::repeat_n(full, filled)
        .chain(std::iter::repeat_n(empty, width - filled))
        .collect();
    format!("{bar}{space}{done}/{total}")
}

/// Typographic punctuation from file text (names, notes) in plain ASCII, for
/// `--ascii`. The tool's own drawings are chosen above, never mapped back.
pub fn ascii_punctuation(text: &str) -> String {
    text.replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .replace(['—', '–', '•'], "-")
        .replace('→', "->")
        .replace('…', "...")
        .replace('×', "x")
        .replace('\u{a0}', " ")
        .replace('·', ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_grow_with_the_stage_and_only_complete_is_full() {
        let three: Vec<String> = (0..=3).map(|r| shade(r, 3, Glyphs::Unicode)).collect();
        assert_eq!(three, ["···", "░░░", "▓▓▓", "███"]);
        let five: Vec<String> = (0..=5).map(|r| shade(r, 5, Glyphs::Unicode)).collect();
        assert_eq!(five.first().unwrap(), "···");
        assert_eq!(five.last().unwrap(), "███");
        assert!(five[1..5].iter().all(|s| s != "███" && s != "···"));
        assert_eq!(shade(1, 1, Glyphs::Unicode), "███");
        assert_eq!(shade(2, 3, Glyphs::Ascii), "===");
    }

    #[test]
    fn gauges_show_progress_at_a_glance() {
        let g = |done, total, glyphs| gauge(done, total, glyphs).replace('\u{a0}', " ");
        assert_eq!(g(2, 3, Glyphs::Unicode), "██░ 2/3");
        assert_eq!(g(0, 1, Glyphs::Unicode), "░ 0/1");
        assert_eq!(g(3, 3, Glyphs::Ascii), "### 3/3");
        assert_eq!(
            g(0, 0, Glyphs::Unicode),
            "0/0",
            "a stage with nothing applicable reads as in the other formats"
        );
        // Wide stages are scaled, and never look full or empty when they are not.
        assert_eq!(g(1, 12, Glyphs::Unicode), "█░░░░░ 1/12");
        assert_eq!(g(11, 12, Glyphs::Unicode), "█████░ 11/12");
    }

    #[test]
    fn a_change_is_drawn_from_its_direction_and_former_stage() {
        assert_eq!(
            change(Direction::Up, Some("Developmental"), Glyphs::Unicode),
            "↑ from Developmental"
        );
        assert_eq!(
            change(Direction::Down, Some("Sustainable"), Glyphs::Ascii),
            "v from Sustainable"
        );
        assert_eq!(change(Direction::Up, None, Glyphs::Unicode), "↑ forward");
        assert_eq!(change(Direction::Same, None, Glyphs::Ascii), "-");
        assert_eq!(change(Direction::New, None, Glyphs::Unicode), "new");
        assert_eq!(
            change_with(
                Direction::Same,
                None,
                Some([1, 3, 2, 3]),
                0,
                Glyphs::Unicode
            ),
            "— 1/3 → 2/3"
        );
        assert_eq!(
            change_with(Direction::Same, None, Some([2, 3, 1, 3]), 1, Glyphs::Ascii),
            "- 2/3 -> 1/3; 1 slipped"
        );
    }
}
