//! JSON Schema for what serde writes from other crates' types: a moment (`jiff::Timestamp`,
//! written RFC 3339 in UTC) and a day (`jiff::civil::Date`, written `2026-09-03`). schemars knows
//! neither jiff 1 type, so fields of them name one of these with `#[schemars(with = …)]`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// A moment, as serde writes a `jiff::Timestamp`: RFC 3339, in UTC (`2026-09-03T16:00:00Z`).
pub struct DateTime;

impl JsonSchema for DateTime {
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "A moment, RFC 3339 in UTC (2026-09-03T16:00:00Z)."
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// A day, as serde writes a `jiff::civil::Date` (`2026-09-03`).
pub struct Day;

impl JsonSchema for Day {
    fn schema_name() -> Cow<'static, str> {
        "Day".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A day, year-month-day (2026-09-03)."
        })
    }

    fn inline_schema() -> bool {
        true
    }
}
