//! The published JSON Schemas (draft 2020-12) in `schema/`: one for each command's `--format json`
//! output, generated from the same types the JSON is written from (so the two cannot drift), and
//! one for the answers file. `cargo run --example schemas` writes them; a test checks that the
//! committed files are what this module gives.

mod answers_file;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::present::view::compare::CompareView;
use crate::present::view::evidence::EvidenceView;
use crate::present::view::history::HistoryView;
use crate::present::view::people::{PeopleView, StatusView};
use crate::present::view::plan::PlanView;
use crate::present::view::report::Report;
use crate::present::view::team::TeamView;

/// The schema of the JSON a view writes, titled for `command`.
fn output_of<T: JsonSchema>(command: &str) -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert(
        "title".into(),
        format!("mbct-sustain {command} --format json").into(),
    );
    schema
}

/// Each command that writes JSON, with the schema of what it writes, in the order the README
/// lists them.
pub fn commands() -> Vec<(&'static str, Schema)> {
    vec![
        ("report", output_of::<Report>("report")),
        ("compare", output_of::<CompareView>("compare")),
        ("history", output_of::<HistoryView>("history")),
        ("plan", output_of::<PlanView>("plan")),
        ("team", output_of::<TeamView>("team")),
        ("people", output_of::<PeopleView>("people")),
        ("status", output_of::<StatusView>("status")),
        ("evidence", output_of::<EvidenceView>("evidence")),
    ]
}

/// Every schema file of `schema/`: its name and its text (pretty JSON, ending in a newline).
pub fn files() -> Vec<(String, String)> {
    let answers = (
        "answers-file.schema.json".to_string(),
        text(&answers_file::schema()),
    );
    std::iter::once(answers)
        .chain(
            commands()
                .into_iter()
                .map(|(command, schema)| (format!("{command}.schema.json"), text(&schema))),
        )
        .collect()
}

/// A schema as its file holds it.
fn text(schema: &Schema) -> String {
    let mut out = serde_json::to_string_pretty(schema).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn the_committed_schemas_are_what_the_types_give() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        for (name, text) in super::files() {
            let committed = std::fs::read_to_string(folder.join(&name)).unwrap_or_default();
            assert!(
                committed == text,
                "schema/{name} is not what the types give: run `cargo run --example schemas`"
            );
        }
    }
}
