//! RFC 4180 CSV of a view's data table, for spreadsheets, written by the
//! csv crate; keeping a formula from running is ours.

use crate::present::doc::{Cell, Table};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Renders a view's data table as CSV (CRLF line ends, as RFC 4180 says).
pub fn render(table: Option<&Table>) -> String {
    let Some(t) = table else {
        return String::new();
    };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = out.write_record(t.header.iter().map(|h| field(h)));
    for row in &t.rows {
        let _ = out.write_record(row.iter().map(|c| {
            field(&match c {
                // "1/3" would open in a spreadsheet as the 1st of March.
                Cell::Progress { done, total, .. } => format!("{done} of {total}"),
                // A spreadsheet sorts and filters by words, not shades.
                Cell::Shade { name, .. } => name.clone(),
                other => words(other, Glyphs::Unicode),
            })
        }));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
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
    use crate::present::render::tests::awkward;

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        let out = render(awkward().data_table());
        assert_eq!(
            out,
            "Domain,Stage,Progress\r\n\"Fit, \"\"the\"\" | service\nline two\",Starting out,1 of 3\r\n"
        );
    }

    #[test]
    fn cells_that_look_like_formulas_are_kept_as_text() {
        let one = |text: &str| {
            let t = Table {
                header: vec!["h".into()],
                rows: vec![vec![Cell::Text(text.into())]],
            };
            render(Some(&t))
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
    fn a_document_without_a_table_gives_nothing() {
        assert_eq!(render(None), "");
    }
}
