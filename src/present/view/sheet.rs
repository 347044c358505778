//! How the table a spreadsheet gets (`--format csv`) is laid out, whichever view builds it (each
//! beside its document): ids beside names, one fact per column, dates as days, for sorting and
//! filtering rather than reading.
//!
//! Every CSV export names its columns the same way: snake_case field names (`domain_id`,
//! `domain`, `stage`, `action_id`, `action`, `action_stage`, …), `stage` always the domain's stage
//! and `action_stage` an action's; a column that stands for one stage or domain is named by its
//! id in snake_case ([`column()`]: `starting_out`, `buy_in`), one per person by the person's name.

use crate::present::doc::Cell;
use crate::present::view::refs::ActionRef;

/// A column name for an id from the framework: `-` and `.` become `_` (`buy-in`: `buy_in`).
pub fn column(id: &str) -> String {
    id.replace(['-', '.'], "_")
}

/// A sheet's header row.
pub fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// A text cell.
pub fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}

/// The columns that name an action, in every sheet that lists actions.
pub const ACTION_COLUMNS: [&str; 5] =
    ["domain_id", "domain", "action_id", "action", "action_stage"];

/// A sheet's header: the columns naming an action, then `more`.
pub fn action_header(more: &[&str]) -> Vec<String> {
    header(&[&ACTION_COLUMNS[..], more].concat())
}

/// An action's cells under [`ACTION_COLUMNS`].
pub fn action_cells(at: &ActionRef) -> Vec<Cell> {
    [
        &at.domain_id,
        &at.domain,
        &at.action_id,
        &at.action,
        &at.stage_name,
    ]
    .map(|t| text(t.as_str()))
    .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_for_an_id_is_snake_case() {
        assert_eq!(column("starting-out"), "starting_out");
        assert_eq!(column("buy-in"), "buy_in");
        assert_eq!(column("d0.a1"), "d0_a1");
        assert_eq!(column("complete"), "complete");
    }
}
