//! A self-contained HTML page of any view's document, the meeting page included: inline styles and
//! SVG, no scripts, nothing loaded from outside; for a screen, a projector and A4 paper. Every text
//! is sanitised before maud escapes it, so a control or bidi character from a file is shown, never
//! obeyed. The charts need no colour: a stage's bar is filled by its share in place, the stage a
//! domain is working in has a thick outline and the words "working in", a target a dashed one.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Width of a progress bar.
const BAR: f64 = 100.0;
/// A table with more columns than this is turned on its side to fit A4 (a team of many people).
const WIDEST: usize = 10;
/// A list longer than this is set in two columns.
const LONG_LIST: usize = 6;
/// A word longer than this (a pasted link, text without spaces) may break every [`WORD_PIECE`]
/// characters, so it never runs into the next column; shorter words stay whole.
const LONG_WORD: usize = 30;
/// See [`LONG_WORD`].
const WORD_PIECE: usize = 20;

/// The styles every page shares: readable on a laptop and a projector, on A4 without cut-off
/// tables.
const STYLE: &str = r#"
@page { size: A4; margin: 12mm; }
:root { color: #111; background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { max-width: 1100px; margin: 1.5rem auto; padding: 0 1rem; font-size: 15px; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #999; }
p, li { margin: .2rem 0; }
p, li, td, th, h1, h2 { overflow-wrap: break-word; }
.small, .two-columns { font-size: .85em; }
.small { color: #333; }
.date { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
th, td { border: 1px solid #bbb; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
svg { display: inline-block; vertical-align: middle; }
svg text { font-family: inherit; }
tr, svg, li { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
h2 { break-after: avoid; page-break-after: avoid; }
.two-columns { columns: 2; column-gap: 1.5rem; }
.two-columns > * { break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; font-size: 8pt; line-height: 1.25; }
  h1 { font-size: 13pt; } h2 { font-size: 10pt; margin: .5rem 0 .2rem; }
  th, td { padding: .1rem .3rem; }
  ul, ol { margin: .1rem 0; padding-left: 1.2rem; }
}
"#;

/// A document as a page: its first heading is the title; the page is one `main` landmark, and
/// each later heading opens a section labelled by it, so a screen reader can list and jump to
/// them.
pub fn write(doc: &Doc, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(doc).as_bytes())
}

/// The document's page.
fn render(doc: &Doc) -> String {
    let (intro, sections) = sections(&doc.blocks);
    let body = html! {
        main {
            @for b in intro.iter() { (block(b, true)) }
            @for (n, (heading, blocks)) in sections.iter().enumerate() {
                @let id = format!("section-{}", n + 1);
                section aria-labelledby=(id) {
                    h2 id=(id) { (text(heading)) }
                    @for b in blocks.iter() { (block(b, false)) }
                }
            }
        }
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (printable(doc.title().unwrap_or("mbct-sustain"))) }
                style { (PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// The blocks before the second heading (the title and what follows it), then each later heading
/// with the blocks under it.
fn sections(blocks: &[Block]) -> (&[Block], Vec<(&str, &[Block])>) {
    let starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading(_)))
        .map(|(i, _)| i)
        .skip(1)
        .collect();
    let intro = &blocks[..starts.first().copied().unwrap_or(blocks.len())];
    let sections = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
            let heading = match &blocks[start] {
                Block::Heading(h) => h.as_str(),
                _ => unreachable!("sections start at headings"),
            };
            (heading, &blocks[start + 1..end])
        })
        .collect();
    (intro, sections)
}

/// One block; a heading is the title (`h1`) where `title` says so.
fn block(b: &Block, title: bool) -> Markup {
    html! {
        @match b {
            Block::Heading(h) => { @if title { h1 { (text(h)) } } @else { h2 { (text(h)) } } }
            Block::Text(t) => p { (text(t)) },
            Block::Note(t) => p.small { (text(t)) },
            Block::Key(cells) => p.small {
                @for c in cells {
                    (cell(c)) " "
                    @if let Cell::Shade { name, .. } = c { (text(name)) "   " }
                }
            },
            Block::List(items) => ul class=[(items.len() > LONG_LIST).then_some("two-columns")] {
                @for item in items {
                    li { @for (i, c) in item.iter().enumerate() { @if i > 0 { " " } (cell(c)) } }
                }
            },
            Block::Table(t) => (table(t)),
        }
    }
}

/// A table; one too wide for a page is turned on its side (its columns as rows).
fn table(t: &Table) -> Markup {
    if t.header.len() > WIDEST {
        let rows: Vec<Vec<Cell>> = (1..t.header.len())
            .map(|c| {
                std::iter::once(Cell::Text(t.header[c].clone()))
                    .chain(
                        t.rows
                            .iter()
                            .map(|r| r.get(c).cloned().unwrap_or(Cell::Text(String::new()))),
                    )
                    .collect()
            })
            .collect();
        let header = std::iter::once(t.header[0].clone())
            .chain(t.rows.iter().map(|r| {
                r.first()
                    .map_or(String::new(), |c| words(&c.short(), Glyphs::Unicode))
            }))
            .collect();
        return table(&Table { header, rows });
    }
    html! {
        table {
            thead { tr { @for h in &t.header { th { (text(h)) } } } }
            tbody { @for row in &t.rows { tr { @for c in row { td { (cell(c)) } } } } }
        }
    }
}

/// A cell: progress as a bar, a stage over time as a shaded box, the rest as words.
fn cell(c: &Cell) -> Markup {
    match c {
        Cell::Progress {
            done,
            total,
            working,
            target,
        } => bar(*done, *total, *working, *target),
        Cell::Shade { rank, of, name } => {
            let (fill, ink) = shade_colours(*rank, *of);
            let label = if rank >= of {
                "✓".to_string()
            } else {
                (rank + 1).to_string()
            };
            html! {
                svg width="40" height="20" viewBox="0 0 40 20" role="img"
                    aria-label=(printable(name)) {
                    rect x="1" y="1" width="38" height="18" fill=(grey(fill)) stroke="#666" {}
                    text x="20" y="14" text-anchor="middle" font-size="11" fill=(grey(ink)) {
                        (label)
                    }
                }
            }
        }
        other => text(&words(other, Glyphs::Unicode)),
    }
}

/// A stage's shade in a chart of stages over time, and the ink of the number on it: lighter for
/// earlier stages, darkest for every stage met (the number says which in greyscale too), the ink
/// black or white, whichever stands out more (at least 4.5:1, WCAG AA, on every shade).
fn shade_colours(rank: usize, of: usize) -> (u8, u8) {
    let fill = 245 - (rank * 170 / of.max(1)).min(200);
    let fill = u8::try_from(fill).unwrap_or(0);
    let ink = if contrast(fill, 0) >= contrast(fill, 255) {
        0
    } else {
        255
    };
    (fill, ink)
}

/// A grey as CSS writes it.
fn grey(level: u8) -> String {
    format!("rgb({level},{level},{level})")
}

/// The contrast ratio of two greys, by WCAG 2's relative luminance: from 1 (the same) to 21.
fn contrast(a: u8, b: u8) -> f64 {
    let luminance = |level: u8| {
        let c = f64::from(level) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// A stage's progress: a bar filled by the share in place, outlined thick when it is the stage
/// worked in, dashed when it is the target, with the count in solid black below (legible in
/// greyscale print).
fn bar(done: usize, total: usize, working: bool, target: bool) -> Markup {
    let share = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    let count = if total == 0 {
        "n/a".to_string()
    } else {
        format!("{done}/{total}")
    };
    html! {
        svg width=(BAR + 8.0) height="34" viewBox=(format!("0 0 {} 34", BAR + 8.0)) role="img"
            aria-label=(format!("{count} in place{}", if working { ", working in" } else { "" })) {
            rect x="4" y="4" width=(BAR) height="12" fill="#fff" stroke="#444"
                stroke-width=(if working { "3" } else { "1" }) {}
            // A stage with nothing that applies is not drawn as met.
            @if total > 0 {
                rect.filled x="4" y="4" width=(format!("{:.1}", BAR * share)) height="12"
                    fill="#555" {}
            }
            @if target {
                rect x="1" y="1" width=(BAR + 6.0) height="18" fill="none" stroke="#000"
                    stroke-width="1.5" stroke-dasharray="5 3" {}
            }
            text x="4" y="30" font-size="10" fill="#000"
                font-weight=(if working { "bold" } else { "normal" }) {
                (count) @if working { " ▲ working in" }
            }
        }
    }
}

/// Text from a file or a view: control and bidi characters shown, then escaped by maud; a date
/// never breaks across lines, and a very long word may break.
fn text(s: &str) -> Markup {
    let s = printable(s);
    let is_date = |w: &&str| {
        w.bytes().enumerate().all(|(k, b)| {
            if k == 4 || k == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    };
    html! {
        @for (i, word) in s.split(' ').enumerate() {
            @if i > 0 { " " }
            @let digit = word.find(|c: char| c.is_ascii_digit()).unwrap_or(word.len());
            @let (lead, rest) = word.split_at(digit);
            @if let Some(date) = rest.get(..10).filter(is_date) {
                (lead) span.date { (date) } (&rest[10..])
            } @else if word.chars().count() > LONG_WORD {
                @for (k, c) in word.chars().enumerate() {
                    @if k > 0 && k % WORD_PIECE == 0 { wbr; }
                    (c)
                }
            } @else {
                (word)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::render::tests::awkward;

    #[test]
    fn a_bar_is_filled_by_the_share_in_place_and_the_working_stage_is_outlined() {
        let two_of_three = bar(2, 3, true, false).into_string();
        assert!(two_of_three.contains(r#"width="66.7""#), "{two_of_three}");
        assert!(
            two_of_three.contains(r#"stroke-width="3""#) && two_of_three.contains("working in")
        );
        let target = bar(0, 2, false, true).into_string();
        assert!(target.contains("stroke-dasharray") && !target.contains("stroke-width=\"3\""));
        assert!(bar(0, 0, false, false).into_string().contains("n/a"));
    }

    #[test]
    fn text_is_escaped_sanitised_and_nothing_is_loaded_from_outside() {
        let mut doc = awkward();
        doc.push(Block::Text("<script>alert(1)</script>".into()));
        doc.push(Block::Text(
            "Sam \u{1b}]2;PWNED\u{7}\u{1b}[41m \u{9b}1m \u{202e}RTL".into(),
        ));
        let out = render(&doc);
        assert!(out.starts_with("<!DOCTYPE html>"));
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(!out.contains("<script"));
        assert!(!out.contains("src=") && !out.contains("href="));
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!out.contains(raw), "{:x} is shown, not obeyed", raw as u32);
        }
        assert!(out.contains("\\u{1b}]2;PWNED"));
    }

    #[test]
    fn every_chart_text_stands_out_at_least_4_5_to_1_from_what_is_under_it() {
        assert!((contrast(0, 255) - 21.0).abs() < 0.01);
        assert!((contrast(118, 118) - 1.0).abs() < 0.01);
        // The numbers on the shades of stages over time, for frameworks of 1 to 12 stages.
        for of in 1..=12 {
            for rank in 0..=of {
                let (fill, ink) = shade_colours(rank, of);
                let ratio = contrast(fill, ink);
                assert!(
                    ratio >= 4.5,
                    "stage {rank} of {of}: {ratio:.2} on rgb({fill})"
                );
            }
        }
        // A bar's count is black, below the bar (which ends at 16), on the page's white.
        let bar = bar(1, 3, true, false).into_string();
        assert!(
            bar.contains(r##"<text x="4" y="30" font-size="10" fill="#000""##),
            "{bar}"
        );
        // What the old page drew: white 11 px text on mid grey.
        assert!(contrast(132, 255) < 4.5);
    }

    #[test]
    fn the_page_is_one_main_landmark_with_a_labelled_section_per_heading() {
        let mut doc = Doc::default();
        doc.push(Block::Heading("Title".into()))
            .push(Block::Text("Who took part".into()))
            .push(Block::Heading("Plan".into()))
            .push(Block::Text("Steps".into()))
            .push(Block::Heading("Notes".into()));
        let page = scraper::Html::parse_document(&render(&doc));
        let select = |css: &str| scraper::Selector::parse(css).unwrap();
        assert_eq!(page.select(&select("main")).count(), 1);
        assert_eq!(page.select(&select("body > main > h1")).count(), 1);
        let sections: Vec<_> = page.select(&select("main > section")).collect();
        assert_eq!(sections.len(), 2);
        for (section, name) in sections.iter().zip(["Plan", "Notes"]) {
            let id = section.value().attr("aria-labelledby").unwrap();
            let heading = page.select(&select(&format!("h2#{id}"))).next().unwrap();
            assert_eq!(heading.text().collect::<String>(), name);
        }
        assert_eq!(sections[0].text().collect::<String>(), "PlanSteps");
    }

    #[test]
    fn dates_never_break_and_wide_tables_turn_on_their_side() {
        assert_eq!(
            text("due 2027-06-30.").into_string(),
            r#"due <span class="date">2027-06-30</span>."#
        );
        assert_eq!(
            text("1ééééé").into_string(),
            "1ééééé",
            "a word is never cut inside a character"
        );
        let wide = Table {
            header: (0..12).map(|i| format!("h{i}")).collect(),
            rows: vec![(0..12).map(|i| Cell::Text(format!("c{i}"))).collect()],
        };
        let out = table(&wide).into_string();
        assert_eq!(
            out.matches("<tr>").count(),
            12,
            "a row per column, and the header: {out}"
        );
    }
}
