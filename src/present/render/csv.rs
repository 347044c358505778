//! RFC 4180 CSV of a view's main table, for spreadsheets.

use crate::present::doc::{Cell, Table};
use crate::present::render::glyphs::{Glyphs, words};
use crate::present::safe::printable;

/// Renders a view's data table as CSV (CRLF line ends, as RFC 4180 says).
pub fn render(table: Option<&Table>) -> String {
    let mut out = String::new();
    if let Some(t) = table {
        line(&mut out, t.header.iter().map(String::as_str));
        for row in &t.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    // "1/3" would open in a spreadsheet as the 1st of March.
                    Cell::Progress { done, total } => format!("{done} of {total}"),
                    // A spreadsheet sorts and filters by words, not shades.
                    Cell::Shade { name, .. } => name.clone(),
                    other => words(other, Glyphs::Unicode),
                })
                .collect();
            line(&mut out, cells.iter().map(String::as_str));
        }
    }
    out
}

fn line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    let fields: Vec<String> = fields.map(field).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn field(text: &str) -> String {
    let text = printable(text);
    // A cell starting like a formula (after any tabs or carriage returns,
    // which spreadsheets skip) is shown as text by spreadsheets, never run.
    let text = if text.trim_start_matches(['\t', '\r']).starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
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
        let out = render(awkward().first_table());
        assert_eq!(
            out,
            "Domain,Stage,Progress\r\n\"Fit, \"\"the\"\" | service\nline two\",Starting out,1 of 3\r\n"
        );
    }

    #[test]
    fn cells_that_look_like_formulas_are_kept_as_text() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\t=1+1"), "'\t=1+1");
        assert_eq!(
            field("\r-2"),
            "\\u{d}-2",
            "a carriage return is shown, so nothing follows it"
        );
        assert_eq!(field("Plan"), "Plan");
    }

    #[test]
    fn a_document_without_a_table_gives_nothing() {
        assert_eq!(render(None), "");
    }
}
