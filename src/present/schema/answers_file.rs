//! The answers file's schema, written out: its types are read by hand-written deserializers
//! (`core::answers::file`) and serde attributes (defaults, an alias, a value in one of two
//! shapes) that a derived schema would not follow. It accepts every file this version reads, in
//! every format up to [`FORMAT`], and refuses what the tool refuses where a schema can say so (no
//! `format`, a newer one, an unknown answer, an unknown field in a section the tool checks). Fields
//! the tool keeps without knowing them (at the top level, in an assessment) are allowed.

use schemars::{Schema, json_schema};
use serde_json::{Value, json};

use crate::core::answers::plan::REVIEW_MONTHS;
use crate::core::answers::{Answer, FORMAT};

/// A moment as the tool writes it (RFC 3339, UTC: `2026-09-03T16:00:00Z`), or as a YAML 1.1 tool
/// such as PyYAML writes it back (`2026-09-03 16:00:00+00:00`), both of which the tool reads.
const MOMENT: &str = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$";

/// `schema`, or null (a section or field written with no value).
fn or_null(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// A reference to one of the schema's `$defs`.
fn def(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

/// An object of `properties` with `required` ones, refusing any other field.
fn closed(description: &str, properties: Value, required: &[&str]) -> Value {
    json!({
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

/// The schema of the answers file (`mbct-sustain.yaml`), as JSON Schema reads YAML.
pub fn schema() -> Schema {
    let answers: Vec<&str> = Answer::ALL.iter().map(|a| a.key()).collect();
    let moment = json!({
        "type": "string",
        "pattern": MOMENT,
        "description": "A moment in UTC (2026-09-03T16:00:00Z)."
    });
    let day = json!({
        "type": "string",
        "format": "date",
        "description": "A day, year-month-day (2026-09-03)."
    });
    let text = json!({ "type": "string" });
    let optional_text = or_null(text.clone());
    let optional_moment = or_null(def("Moment"));
    let optional_day = or_null(def("Day"));
    let by_id = |value: Value, description: &str| {
        or_null(json!({
            "description": description,
            "type": "object",
            "additionalProperties": value
        }))
    };
    let list = |item: &str, description: &str| {
        or_null(json!({ "description": description, "type": "array", "items": def(item) }))
    };
    let assessment = json!({
        "description": "One assessment: one person's answers at one moment.",
        "type": "object",
        "properties": {
            "taken_at": { "$ref": "#/$defs/Moment", "description": "When it was finished." },
            "label": optional_text,
            "respondent": optional_text,
            "framework": {
                "description": "The framework it was taken against.",
                "type": "object",
                "properties": { "id": text, "version": text },
                "required": ["id", "version"]
            },
            "answers": by_id(def("Answer"), "The answer for each action id."),
            "notes": by_id(text.clone(), "A free-text note per domain id."),
            "entered_at": optional_moment
        },
        "required": ["taken_at", "framework"]
    });
    let member = closed(
        "One member of the team, under their name.",
        json!({
            "spellings": or_null(json!({ "type": "array", "items": text })),
            "account": optional_text,
            "joined": optional_day,
            "left": optional_day,
            "set_at": optional_moment,
            "named_at": optional_moment
        }),
        &[],
    );
    let agreement = closed(
        "A decision of the team's about one action: agreed in a round's meeting (`round`), or a \
         step done between reviews (`since`, no round).",
        json!({
            "round": optional_day,
            "action": text,
            "answer": or_null(def("Answer")),
            "comment": optional_text,
            "note": {
                "description": "The comment, as format 3 wrote it (still read).",
                "anyOf": [text, { "type": "null" }]
            },
            "present": or_null(json!({ "type": "array", "items": text })),
            "at": def("Moment"),
            "since": optional_day
        }),
        &["action", "at"],
    );
    let evidence = closed(
        "One piece of evidence that an action is in place.",
        json!({
            "action": text,
            "text": text,
            "link": optional_text,
            "by": optional_text,
            "at": def("Moment"),
            "removed": optional_moment
        }),
        &["action", "text", "at"],
    );
    let step = closed(
        "Who does one action, and by when (neither: a dated removal).",
        json!({ "owner": optional_text, "due": optional_day, "set_at": optional_moment }),
        &[],
    );
    let target = closed(
        "The stage a domain should have met, and by when (no stage: a dated removal).",
        json!({ "stage": optional_text, "by": optional_day, "set_at": optional_moment }),
        &[],
    );
    let months = json!({
        "type": "integer",
        "minimum": REVIEW_MONTHS.start(),
        "maximum": REVIEW_MONTHS.end()
    });
    let review = json!({
        "description": "When the team reviews next: on a day, or months after the latest round.",
        "oneOf": [
            closed("On this day.", json!({ "on": def("Day") }), &["on"]),
            closed(
                "This many months after the latest round.",
                json!({ "every_months": months }),
                &["every_months"]
            )
        ]
    });
    let plan = closed(
        "The team's plan: owners and due dates, targets, the next review.",
        json!({
            "actions": { "type": "object", "additionalProperties": def("Step") },
            "targets": { "type": "object", "additionalProperties": def("Target") },
            "review": or_null(def("Review")),
            "review_set_at": optional_moment
        }),
        &[],
    );
    let service = json!({
        "description": "The service the file is about: its name, or its name and when it was set.",
        "anyOf": [
            text,
            {
                "type": "object",
                "properties": { "name": text, "set_at": optional_moment },
                "required": ["name"]
            },
            { "type": "null" }
        ]
    });
    json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mbct-sustain answers file (mbct-sustain.yaml)",
        "description": "Every assessment a team has taken, with its roster, decisions, evidence \
            and plan. Fields not listed are kept by the tool.",
        "type": "object",
        "properties": {
            "format": {
                "description": "The file's format: 1 to 4 (a newer one is refused).",
                "type": "integer",
                "minimum": 1,
                "maximum": FORMAT
            },
            "service": service,
            "team": by_id(def("Member"), "The roster: each member under their name."),
            "agreements": list("Agreement", "What the team decided, oldest first."),
            "evidence": list("Evidence", "What shows actions are in place, oldest first."),
            "plan": or_null(def("Plan")),
            "withdrawn": list("Withdrawal", "Assessments taken by mistake: counted nowhere."),
            "redated": list("Redating", "Dates from a clock that ran ahead, and what they count \
                as."),
            "assessments": list("Assessment", "Every assessment, oldest first.")
        },
        "required": ["format"],
        "$defs": {
            "Moment": moment,
            "Day": day,
            "Answer": {
                "description": "An answer: in place, in progress, not yet, don't know, not \
                    applicable.",
                "type": "string",
                "enum": answers
            },
            "Assessment": assessment,
            "Member": member,
            "Agreement": agreement,
            "Evidence": evidence,
            "Plan": plan,
            "Step": step,
            "Target": target,
            "Review": review,
            "Withdrawal": closed(
                "An assessment withdrawn: whose, which (when it was taken), and when.",
                json!({
                    "respondent": optional_text,
                    "taken_at": def("Moment"),
                    "at": def("Moment")
                }),
                &["taken_at", "at"]
            ),
            "Redating": closed(
                "Entries dated `from` (a wrong clock's time) count as dated `to`.",
                json!({ "from": def("Moment"), "to": def("Moment") }),
                &["from", "to"]
            )
        }
    })
}
