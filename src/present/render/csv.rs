//! RFC 4180 CSV of a view's sheet, for spreadsheets, written by the csv crate; keeping a formula
//! from running is ours.

use std::io::{self, Write};

use crate::present::doc::{Cell, Table};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Writes a view's sheet as CSV (CRLF line ends, as RFC 4180 says). A file starts with a UTF-8
/// byte-order mark, without which Excel reads it in the computer's old code page ("‘fit’" as
/// "â€˜fitâ€™"); printed CSV has none: the program a pipe feeds would take the mark for text.
pub fn write(t: &Table, file: bool, out: &mut dyn Write) -> io::Result<()> {
    if file {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    out.write_record(t.header.iter().map(|h| field(h)))?;
    for row in &t.rows {
        out.write_record(row.iter().map(|c| {
            field(&match c {
                // "1/3" would open in a spreadsheet as the 1st of March.
                Cell::Progress { done, total, .. } => format!("{done} of {total}"),
                // A spreadsheet sorts and filters by words, not shades.
                Cell::Shade { name, .. } => name.clone(),
                other => words(other, Glyphs::Unicode),
            })
        }))?;
    }
    out.flush()
}

/// A cell's text, shown not obeyed; one starting like a formula (after any
/// tabs or carriage returns, which spreadsheets skip) is kept as text.
fn field(text: &str) -> String {
    let text = printable(text);
    if text
        .trim_start_matches(['\t', '\r'])
        .starts_with(['=', '+', '-', '@'])
    {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::render::tests::{awkward, first_table};

    /// The CSV of `t`, as printed.
    fn render(t: &Table) -> String {
        let mut out = Vec::new();
        write(t, false, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let out = render(&first_table(&awkward()));
        assert_eq!(
            out,
            "Domain,Stage,Progress\r\n\"Fit, \"\"the\"\" | service\nline two\",Starting out,1 of \
                3\r\n"
        );
    }

    #[test]
    fn cells_that_look_like_formulas_are_kept_as_text() {
        let one = |text: &str| {
            let t = Table {
                header: vec!["h".into()],
                rows: vec![vec![Cell::Text(text.into())]],
            };
            render(&t)
                .trim_start_matches("h\r\n")
                .trim_end_matches("\r\n")
                .to_string()
        };
        assert_eq!(one("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(one("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(one("\t=1+1"), "'\t=1+1");
        assert_eq!(
            one("\r-2"),
            "\\u{d}-2",
            "a carriage return is shown, so nothing follows it"
        );
        assert_eq!(one("Plan"), "Plan");
    }

    #[test]
    fn only_a_file_starts_with_a_byte_order_mark() {
        let t = first_table(&awkward());
        let mut file = Vec::new();
        write(&t, true, &mut file).unwrap();
        assert_eq!(file[..3], [0xEF, 0xBB, 0xBF]);
        assert_eq!(file[3..], *render(&t).as_bytes());
        assert!(!render(&t).starts_with('\u{feff}'));
    }
}
