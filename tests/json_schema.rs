//! Every command's JSON as another program reads it: one name for one concept with one JSON type
//! in every command, and every output valid against its published schema in `schema/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::record::{add_round, after_round_one, round};
use mbct_sustain::core::answers::Answer;

/// The commands that write JSON, each with its schema in `schema/<command>.schema.json`.
const COMMANDS: [&str; 8] = [
    "report", "compare", "history", "plan", "team", "people", "status", "evidence",
];

/// A team of three over two rounds with everything a view can show: decisions agreed, standing
/// and left to the rule, a step done between reviews and one done since the latest round, a point
/// to confirm, evidence (one removed), a plan with an overdue step, a target and a review, a
/// withdrawn assessment, someone who answered only the first round, a roster with another spelling,
/// someone who left and someone awaited, walks under way, an old draft and a conflict copy.
fn team_file(env: &Env) {
    after_round_one(env);
    env.cmd()
        .args([
            "plan",
            "done",
            "networks.local-networks",
            "--on",
            "2026-08-10",
        ])
        .assert()
        .success();
    // Round two: Alex does not answer; Sam changes an agreed answer and writes a note.
    let mut second = round("09", &[("networks.buddy", 0, Answer::InProgress)]);
    second.truncate(2);
    second[0]
        .notes
        .insert("fit".into(), "Pathways agreed".into());
    let mut mistaken = mixed("2026-09-05T10:00:00Z");
    mistaken.respondent = Some("Sma".into());
    second.push(mistaken);
    add_round(env, second);
    for args in [
        &["withdraw", "6"][..],
        &["people", "add", "Jo", "--account", "jo.b"],
        &["people", "merge", "Sma", "Sam"],
        &["people", "leave", "Alex", "--on", "2026-11-30"],
        &["service", "Gwynedd MBCT service"],
        &[
            "agree",
            "evaluation.evolve",
            "in-place",
            "--note",
            "Evolving yearly",
        ],
        &[
            "evidence",
            "add",
            "evaluation.plan",
            "Board minutes",
            "--by",
            "Sam",
        ],
        &[
            "evidence",
            "add",
            "evaluation.plan",
            "Annual report",
            "--link",
            "https://intranet.example/report.pdf",
        ],
        &["evidence", "add", "fit.pathways", "Referral leaflet"],
        &["evidence", "remove", "fit.pathways"],
        &[
            "plan",
            "assign",
            "networks.existing-networks",
            "--owner",
            "Jo",
            "--due",
            "2026-10-01",
        ],
        &[
            "plan",
            "assign",
            "networks.visibility",
            "--owner",
            "Priya",
            "--due",
            "2099-01-31",
        ],
        &["plan", "assign", "evaluation.plan", "--owner", "Sam"],
        &[
            "plan",
            "target",
            "networks",
            "developmental",
            "--by",
            "2027-09-30",
        ],
        &["plan", "review", "--on", "2026-11-01"],
        &["plan", "done", "networks.visibility", "--on", "2026-10-15"],
    ] {
        env.cmd().args(args).assert().success();
    }
    env.write(
        "mbct-sustain.yaml.draft-20261204T090000Z-abcdefghij",
        draft("respondent: Jo\n"),
    );
    env.write(
        "mbct-sustain.yaml.draft-20261204T090000Z-klmnopqrst",
        draft(""),
    );
    env.write(
        "mbct-sustain (Priya's conflicted copy 2026-12-03).yaml",
        "assessments: [unfinished",
    );
}

/// A draft of a walk under way now, by `who` (a `respondent:` line, or none).
fn draft(who: &str) -> String {
    let now = jiff::Timestamp::now();
    format!(
        "started_at: {now}\nupdated_at: {now}\n{who}framework: {{id: aspire-mbct, version: \
         '1.0'}}\nanswers: {{fit.evidence-and-need: in-place}}\n"
    )
}

/// One person's file: two assessments with notes, evidence and a plan, the latest an hour ago (so
/// its round is the one being gathered) and a walk under way again.
fn person_file(env: &Env) {
    let by = |when: &str, buddy: Answer| {
        let mut a = mixed(when);
        a.respondent = Some("Sam".into());
        a.label = Some("Autumn review".into());
        a.notes.insert("fit".into(), "Pathways agreed".into());
        a.answers.insert("networks.buddy".into(), buddy);
        a.answers.insert("fit.pathways".into(), Answer::NotYet);
        a
    };
    let an_hour_ago = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)).to_string();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("2026-06-01T10:00:00Z", Answer::InPlace),
            by(&an_hour_ago, Answer::NotYet),
        ]),
    );
    env.write(
        "mbct-sustain.yaml.draft-20261204T090000Z-abcdefghij",
        draft("respondent: Sam\n"),
    );
    for args in [
        &[
            "evidence",
            "add",
            "evaluation.plan",
            "Board minutes",
            "--by",
            "Sam",
        ][..],
        &[
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "Sam",
            "--due",
            "2026-10-01",
        ],
        &["plan", "target", "networks", "sustainable"],
        &["plan", "review", "--every", "6"],
    ] {
        env.cmd().args(args).assert().success();
    }
}

/// Each command's JSON for the file in `env`: by default, at an earlier point, and (for a team)
/// one person's, as `(command, arguments, JSON)`.
fn outputs(env: &Env, team: bool) -> Vec<Output> {
    let mut runs: Vec<Vec<&'static str>> = COMMANDS.iter().map(|c| vec![*c]).collect();
    runs.extend([
        vec!["report", "--at", "1"],
        vec!["plan", "--at", "1"],
        vec!["compare", "2", "1"],
        vec!["history", "--withdrawn"],
    ]);
    if team {
        runs.extend([
            vec!["team", "--at", "1"],
            vec!["team", "--anonymous"],
            vec!["report", "--respondent", "Sam"],
            vec!["compare", "--respondent", "Sam"],
            vec!["history", "--respondent", "Sam"],
            vec!["plan", "--respondent", "Sam"],
        ]);
    }
    runs.into_iter()
        .map(|args| {
            let mut with_format = args.clone();
            with_format.extend(["--format", "json"]);
            let json = env.json(&with_format);
            (args[0], args, json)
        })
        .collect()
}

/// A command's JSON: the command, its arguments, what it printed.
type Output = (&'static str, Vec<&'static str>, Value);

/// Every command's JSON over a team's file and a person's (made once for every test here).
fn every_output() -> &'static [Output] {
    static ALL: std::sync::OnceLock<Vec<Output>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let (team, person) = (Env::new(), Env::new());
        team_file(&team);
        person_file(&person);
        let mut all = outputs(&team, true);
        all.extend(outputs(&person, false));
        all
    })
}

/// The JSON type of a value, with the type of an array's items (`array of object`).
fn json_type(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(_) => "boolean".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Object(_) => "object".into(),
        Value::Array(items) => match items.iter().find_map(json_type) {
            Some(t) => format!("array of {t}"),
            None => return None,
        },
    })
}

/// Records the type of every field in `v` under its name, with where it was seen: the keys of a
/// map too (`stage_counts`' stage ids, `split`'s answers), as a reader looking a name up anywhere
/// (`jq '.. | .complete?'`) meets them; the bundled framework's ids never clash with a field.
fn field_types(v: &Value, at: &str, seen: &mut BTreeMap<String, BTreeMap<String, String>>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}.{key}");
                if let Some(t) = json_type(value) {
                    seen.entry(key.clone())
                        .or_default()
                        .entry(t)
                        .or_insert(here.clone());
                }
                field_types(value, &here, seen);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| field_types(item, &format!("{at}[]"), seen)),
        _ => {}
    }
}

#[test]
fn no_json_field_name_has_two_types_across_the_commands() {
    let mut seen = BTreeMap::new();
    for (_, args, json) in every_output() {
        field_types(json, &args.join(" "), &mut seen);
    }
    let clashes: Vec<String> = seen
        .iter()
        .filter(|(_, types)| types.len() > 1)
        .map(|(name, types)| {
            let each: Vec<String> = types.iter().map(|(t, at)| format!("{t} at {at}")).collect();
            format!("`{name}`: {}", each.join("; "))
        })
        .collect();
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
    let fields: BTreeSet<&String> = seen.keys().collect();
    assert!(
        fields.len() > 80,
        "the walk reached every field: {fields:?}"
    );
}

/// The published schema `schema/<name>`, as a validator that checks formats too (days, times).
fn validator(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let schema: Value = serde_json::from_str(&text).expect("a schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

/// What `validator` finds wrong with `json`, one line each (empty: it is valid).
fn errors(validator: &jsonschema::Validator, json: &Value) -> Vec<String> {
    validator
        .iter_errors(json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_commands_json_is_valid_against_its_published_schema() {
    let validators: BTreeMap<&str, jsonschema::Validator> = COMMANDS
        .iter()
        .map(|c| (*c, validator(&format!("{c}.schema.json"))))
        .collect();
    for (command, args, json) in every_output() {
        let found = errors(&validators[command], json);
        assert!(found.is_empty(), "{args:?}:\n{}", found.join("\n"));
    }
}

#[test]
fn a_schema_refuses_json_with_a_field_retyped_missing_or_out_of_its_list() {
    let (_, _, report) = every_output()
        .iter()
        .find(|(command, _, _)| *command == "report")
        .expect("a report");
    let schema = validator("report.schema.json");
    assert!(errors(&schema, report).is_empty());
    let mut retyped = report.clone();
    retyped["domains"][0]["stage"] = Value::from("Starting out");
    let mut missing = report.clone();
    missing["domains"][0]
        .as_object_mut()
        .unwrap()
        .remove("short");
    let mut unknown = report.clone();
    unknown["domains"][0]["change"]["direction"] = Value::from("sideways");
    let mut no_date = report.clone();
    no_date["evidence"][0]["at"] = Value::from("yesterday");
    let (_, _, own) = every_output()
        .iter()
        .find(|(command, args, _)| *command == "report" && args.contains(&"--respondent"))
        .expect("one person's report");
    let mut both = report.clone();
    both["assessment"] = own["assessment"].clone();
    for (what, json) in [
        ("a stage as text", retyped),
        ("no short name", missing),
        ("an unknown direction", unknown),
        ("a time that is not one", no_date),
        ("an assessment and a round", both),
    ] {
        assert!(!errors(&schema, &json).is_empty(), "{what} passed");
    }
}

/// The answers file `name` in `env` as JSON, as a JSON Schema validator reads YAML.
fn file_as_json(env: &Env, name: &str) -> Value {
    serde_yaml::from_str(&env.read(name)).expect("the answers file is YAML")
}

/// A person's file as the tool writes it in format 1, 2 (a Don't know and a plan) and 3 (a
/// roster, and an agreement's comment written `note:` as format 3 did).
fn older_formats() -> Vec<(u64, String)> {
    let one = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    let mut unsure = mixed("2026-09-03T10:00:00Z");
    unsure
        .answers
        .insert("fit.pathways".into(), Answer::DontKnow);
    let two = file_of(vec![unsure]).replace(
        "format: 2\n",
        "format: 2\nplan:\n  actions:\n    fit.pathways: {owner: Sam, due: 2027-01-31}\n  \
         review: {on: 2027-03-01}\n",
    );
    let three = one.replace(
        "format: 1\n",
        "format: 3\nteam:\n  Sam: {spellings: [Sma], joined: 2026-01-05}\nagreements:\n- round: \
         2026-09-03\n  action: networks.buddy\n  answer: in-place\n  note: Buddy scheme running\n  \
         at: 2026-09-10T10:00:00Z\nevidence:\n- action: networks.buddy\n  text: Rota\n  at: \
         2026-09-10T10:05:00Z\n",
    );
    vec![(1, one), (2, two), (3, three)]
}

#[test]
fn every_answers_file_the_tool_writes_or_reads_is_valid_against_its_schema() {
    let schema = validator("answers-file.schema.json");
    let (team, person) = (Env::new(), Env::new());
    team_file(&team);
    person_file(&person);
    assert_eq!(file_as_json(&team, "mbct-sustain.yaml")["format"], 4);
    for (what, env) in [("a team's file", &team), ("a person's file", &person)] {
        let json = file_as_json(env, "mbct-sustain.yaml");
        let found = errors(&schema, &json);
        assert!(found.is_empty(), "{what}:\n{}", found.join("\n"));
    }
    for (format, text) in older_formats() {
        let env = Env::new();
        env.write("mbct-sustain.yaml", &text);
        env.json(&["report", "--format", "json"]);
        let json = file_as_json(&env, "mbct-sustain.yaml");
        assert_eq!(json["format"], format, "{text}");
        let found = errors(&schema, &json);
        assert!(found.is_empty(), "format {format}:\n{}", found.join("\n"));
    }
}

#[test]
fn the_answers_file_schema_refuses_what_the_tool_refuses() {
    let schema = validator("answers-file.schema.json");
    let (_, good) = older_formats().remove(2);
    for (what, text) in [
        (
            "an unknown answer",
            good.replacen(": in-place\n", ": maybe\n", 1),
        ),
        ("no format", good.replacen("format: 3\n", "", 1)),
        (
            "a newer format",
            good.replacen("format: 3\n", "format: 5\n", 1),
        ),
        (
            "an unknown field in an agreement",
            good.replacen("  note: ", "  notes: ", 1),
        ),
        (
            "a member's unknown field",
            good.replacen("joined:", "arrived:", 1),
        ),
    ] {
        let env = Env::new();
        env.write("mbct-sustain.yaml", &text);
        let out = env.cmd().args(["report"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "the tool refuses {what}");
        let json = file_as_json(&env, "mbct-sustain.yaml");
        assert!(!errors(&schema, &json).is_empty(), "the schema took {what}");
    }
}

#[test]
#[ignore = "needs python3 with PyYAML"]
fn an_answers_file_pyyaml_loaded_and_saved_is_still_valid_against_its_schema() {
    let env = Env::new();
    team_file(&env);
    let script = "import sys, yaml\ndata = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n\
                  open(sys.argv[1], 'w', encoding='utf-8').write(yaml.safe_dump(data))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(env.path("mbct-sustain.yaml"))
        .output()
        .expect("python3 (apt-get install -y python3-yaml)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        env.read("mbct-sustain.yaml")
            .contains("taken_at: 2026-06-01 10:00:00+00:00")
    );
    env.json(&["report", "--format", "json"]);
    let json = file_as_json(&env, "mbct-sustain.yaml");
    let found = errors(&validator("answers-file.schema.json"), &json);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
