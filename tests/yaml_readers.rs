//! The answers file as other YAML readers see it: PyYAML (YAML 1.1, as most Python tools read
//! YAML) reads every text as text, and the tool reads back what PyYAML writes. These tests need
//! python3 with PyYAML (`pip install pyyaml`), so they are ignored by default and run by
//! `cargo test -- --include-ignored` (and `.ci/run`, which installs PyYAML when it is missing).

use crate::common::*;
use mbct_sustain::core::answers::Answer;

/// Runs a Python script with `args`; it must succeed. Returns its standard output.
#[track_caller]
fn python(script: &str, args: &[&std::path::Path]) -> String {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 (with PyYAML: pip install pyyaml)");
    assert!(
        out.status.success(),
        "python3 failed (needs PyYAML: pip install pyyaml): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A team file holding every kind of text PyYAML used to retype: members "12:30" and "No",
/// notes "no" and "2026-12-01", an owner "null", the plan's review date (under `on:`), an agreed
/// answer with a comment, evidence with a link, a target. The roster is built in the order the
/// two answered, which is also the order `sort_keys` gives: the roster is still shown in the
/// file's order (see the report of this branch; "Copies that converge" gives it one of its own).
fn awkward_team(env: &Env) {
    let by = |name: &str, when: &str, note: &str| {
        let mut a = mixed(when);
        a.respondent = Some(name.into());
        a.label = Some("yes".into());
        a.notes.insert("fit".into(), note.into());
        // A long note of two lines, with typographic quotes and a Unicode line separator.
        let long = "Making it ‘fit’ — café: a long note that PyYAML folds across lines when it \
                    writes it back, \"quoted\" and 'quoted', #not a comment\nsecond \
                    line\u{2028}end";
        a.notes.insert("evaluation".into(), long.into());
        a.answers.insert("networks.buddy".into(), Answer::InPlace);
        a
    };
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("12:30", "2026-12-01T10:00:00Z", "no"),
            by("No", "2026-12-02T10:00:00.250Z", "2026-12-01"),
        ]),
    );
    for args in [
        &["people", "add", "Sam", "--account", "on"][..],
        &["agree", "networks.buddy", "in-place", "--note", "Off"],
        &[
            "evidence",
            "add",
            "networks.buddy",
            "~",
            "--link",
            "https://intranet.example/annual_report_2026.pdf",
            "--by",
            "No",
        ],
        &[
            "plan",
            "assign",
            "networks.existing-networks",
            "--owner",
            "null",
            "--due",
            "2027-01-31",
        ],
        &["plan", "review", "--on", "2027-03-01"],
        &[
            "plan",
            "target",
            "networks",
            "developmental",
            "--by",
            "2027-09-30",
        ],
    ] {
        env.cmd().args(args).assert().success();
    }
}

/// What PyYAML reads that is not text: only the format, the tool's dates and times, and null
/// where an agreement leaves an action to the rule. Every key is text.
const NOT_TEXT: &str = r#"
import datetime, sys, yaml
data = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
times = {"taken_at", "at", "set_at", "review_set_at", "removed"}
days = {"round", "due", "by", "on", "joined", "left", "since"}
def walk(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                print("key", path, repr(key))
            walk(value, path + [str(key)])
    elif isinstance(node, list):
        for i, item in enumerate(node):
            walk(item, path + [str(i)])
    elif not isinstance(node, str):
        last = path[-1]
        fine = (last == "format" and type(node) is int) \
            or (last in times and isinstance(node, datetime.datetime)) \
            or (last in days and type(node) is datetime.date)
        if not fine:
            print("value", "/".join(path), repr(node))
walk(data, [])
print("respondents", [a["respondent"] for a in data["assessments"]])
print("notes", [a["notes"]["fit"] for a in data["assessments"]])
print("members", list(data["team"]))
print("owner", data["plan"]["actions"]["networks.existing-networks"]["owner"])
print("review", list(data["plan"]["review"]))
"#;

#[test]
#[ignore = "needs python3 with PyYAML"]
fn pyyaml_reads_every_text_and_every_key_as_text() {
    let env = Env::new();
    awkward_team(&env);
    let seen = python(NOT_TEXT, &[&env.path("mbct-sustain.yaml")]);
    assert_eq!(
        seen,
        concat!(
            "respondents ['12:30', 'No']\n",
            "notes ['no', '2026-12-01']\n",
            "members ['12:30', 'No', 'Sam']\n",
            "owner null\n",
            "review ['on']\n",
        ),
        "{}",
        env.read("mbct-sustain.yaml")
    );
}

#[test]
#[ignore = "needs python3 with PyYAML"]
fn after_pyyaml_loads_and_saves_the_file_every_view_prints_what_it_printed_before() {
    let env = Env::new();
    awkward_team(&env);
    let views = ["report", "history", "plan", "team", "people", "evidence"];
    let json = |env: &Env| -> Vec<String> {
        views
            .iter()
            .map(|v| env.json(&[v, "--format", "json"]).to_string())
            .collect()
    };
    let before = json(&env);
    let file = env.path("mbct-sustain.yaml");
    python(
        concat!(
            "import sys, yaml\n",
            "data = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n",
            "text = yaml.safe_dump(data, sort_keys=True)\n",
            "open(sys.argv[1], 'w', encoding='utf-8').write(text)\n",
        ),
        &[&file],
    );
    let rewritten = env.read("mbct-sustain.yaml");
    assert!(
        rewritten.contains("taken_at: 2026-12-02 10:00:00.250000+00:00")
            && rewritten.starts_with("agreements:"),
        "PyYAML's own layout: timestamps with a space, keys sorted: {rewritten}"
    );
    for (view, (was, now)) in views.iter().zip(before.iter().zip(json(&env))) {
        assert_eq!(
            *was, now,
            "{view} --format json changed after PyYAML's load and save"
        );
    }
    // And the tool writes it again with nothing lost.
    env.cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", "Sam"])
        .assert()
        .success();
    for (i, now) in json(&env)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| views[*i] != "plan")
    {
        assert_eq!(before[i], now, "{} after a save", views[i]);
    }
    let seen = python(NOT_TEXT, &[&file]);
    assert!(seen.starts_with("respondents ['12:30', 'No']\n"), "{seen}");
}
