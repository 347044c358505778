//! Who is on the team: the roster, names that cannot drift, who has
//! answered, and rounds compared like with like.

use crate::common::*;
use mbct_sustain::core::answers::{Answer, Assessment};

fn by(name: &str, when: &str, given: &[(&str, Answer)]) -> Assessment {
    let mut a = mixed(when);
    for (id, x) in given {
        a.answers.insert(id.to_string(), *x);
    }
    a.respondent = Some(name.into());
    a
}

/// Alex, Sam and Priya in June; only Sam and Priya in December, giving the
/// same answers as in June. Alex's June answers tip two actions.
fn alex_missing_from_round_two(env: &Env) {
    let tipped = [
        ("nourishing.reflect-and-challenge", Answer::InPlace),
        ("networks.buddy", Answer::InPlace),
    ];
    let sam = [
        ("nourishing.reflect-and-challenge", Answer::InPlace),
        ("networks.buddy", Answer::NotYet),
    ];
    let priya = [
        ("nourishing.reflect-and-challenge", Answer::NotYet),
        ("networks.buddy", Answer::InPlace),
    ];
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Alex", "2026-06-01T10:00:00Z", &tipped),
            by("Sam", "2026-06-02T10:00:00Z", &sam),
            by("Priya", "2026-06-03T10:00:00Z", &priya),
            by("Sam", "2026-12-01T10:00:00Z", &sam),
            by("Priya", "2026-12-02T10:00:00Z", &priya),
        ]),
    );
}

#[test]
fn an_absence_never_shows_as_a_slip_rounds_are_compared_over_who_answered_both() {
    let env = Env::new();
    alex_missing_from_round_two(&env);
    let c = env.json(&["compare", "--format", "json"]);
    for d in c["domains"].as_array().unwrap() {
        assert_eq!(d["direction"], "same", "{d}");
    }
    assert_eq!(c["slipped"], serde_json::json!([]));
    let changed: Vec<&str> = c["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["action_id"].as_str().unwrap())
        .collect();
    assert!(
        !changed.contains(&"nourishing.reflect-and-challenge")
            && !changed.contains(&"networks.buddy"),
        "{changed:?}"
    );
    let mut over: Vec<&str> = c["compared_over"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    over.sort();
    assert_eq!(over, ["Priya", "Sam"]);
    assert_eq!(c["only_earlier"], serde_json::json!(["Alex"]));
    let text = env.cmd().arg("compare").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Alex answered only round 1"), "{text}");
    // The round itself is still the full team's, as history shows it.
    let report = env.json(&["report", "--format", "json"]);
    assert_eq!(report["round"]["awaited"], serde_json::json!(["Alex"]));
}

#[test]
fn a_typo_merged_and_a_member_renamed_carry_their_answers_and_plan_steps() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Alex", "2026-12-01T10:00:00Z", &[]),
            by("Sam", "2026-12-01T11:00:00Z", &[]),
            by("Priya", "2026-12-02T10:00:00Z", &[]),
            by("Pryia", "2026-12-03T10:00:00Z", &[]),
        ]),
    );
    let before = env.json(&["team", "--format", "json"]);
    assert_eq!(before["respondents"].as_array().unwrap().len(), 4);
    env.cmd()
        .args(["people", "merge", "Pryia", "Priya"])
        .assert()
        .success();
    let after = env.json(&["team", "--format", "json"]);
    let names: Vec<&str> = after["respondents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names.iter().filter(|n| **n == "Priya").count(), 1);

    env.cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", "Sam"])
        .assert()
        .success();
    env.cmd()
        .args(["people", "rename", "sam", "Samira"])
        .assert()
        .success();
    let plan = env.json(&["plan", "--format", "json"]);
    let step = plan["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            d["steps"]
                .as_array()
                .unwrap()
                .iter()
                .chain(d["done"].as_array().unwrap())
        })
        .find(|s| s["action_id"] == "networks.buddy")
        .expect("the step");
    assert_eq!(step["owner"], "Samira");
    let people = env.json(&["people", "--format", "json"]);
    let samira = find(&people["members"], "name", "Samira");
    assert_eq!(
        samira["spellings"],
        serde_json::json!(["Sam"]),
        "the old name still means her"
    );

    let file = env.bytes("mbct-sustain.yaml");
    env.fails(
        &["people", "rename", "Jo", "Joanne"],
        "no one on the team goes by `Jo`",
    );
    env.fails(
        &["people", "merge", "Prya", "Alex"],
        "the closest names are: Priya",
    );
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        file,
        "refusals leave the file as it was"
    );
}

#[test]
fn two_renames_at_once_both_land() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Alex", "2026-12-01T10:00:00Z", &[]),
            by("Sam", "2026-12-01T11:00:00Z", &[]),
        ]),
    );
    let spawn = |old: &str, new: &str| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("mbct-sustain"));
        cmd.current_dir(env.dir.path())
            .args(["people", "rename", old, new]);
        cmd.spawn().unwrap()
    };
    let (mut a, mut b) = (spawn("Alex", "Alexandra"), spawn("Sam", "Samira"));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let people = env.json(&["people", "--format", "json"]);
    find(&people["members"], "name", "Alexandra");
    find(&people["members"], "name", "Samira");
}

#[test]
fn status_lists_who_answered_who_is_part_way_and_who_is_awaited() {
    let env = Env::new();
    alex_missing_from_round_two(&env);
    let today = jiff::Timestamp::now();
    // Sam and Priya answer again now; Jo joins the team and has not answered.
    let now = |h: i64| (today - jiff::SignedDuration::from_hours(h)).to_string();
    let mut text = env.read("mbct-sustain.yaml");
    for (name, at) in [("Sam", now(2)), ("Priya", now(1))] {
        let a = by(name, &at, &[]);
        let one = file_of(vec![a]);
        text.push_str(&one[one.find("\n- taken_at").unwrap() + 1..]);
    }
    env.write("mbct-sustain.yaml", text);
    env.cmd().args(["people", "add", "Jo"]).assert().success();
    // Alex's walk is under way in this round (its dates follow the clock, as the round's do).
    let draft = format!(
        "started_at: {}\nupdated_at: {}\nrespondent: alex\nframework: {{id: aspire-mbct, \
         version: '1.0'}}\nanswers: {{fit.evidence-and-need: in-place}}\n",
        now(3),
        now(3)
    );
    env.write("mbct-sustain.yaml.draft-20261204T090000Z-abcdefghij", draft);
    let s = env.json(&["status", "--format", "json"]);
    let names = |key: &str| -> Vec<String> {
        s[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.get("name").unwrap_or(v).as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("answered"), ["Sam", "Priya"]);
    assert_eq!(names("in_progress"), ["Alex"], "by the roster's spelling");
    assert_eq!(names("waiting"), ["Jo"]);
    let team = env.cmd().arg("team").output().unwrap();
    let team = String::from_utf8(team.stdout).unwrap();
    assert!(
        team.contains("2 of 4 answered; waiting for Alex and Jo"),
        "{team}"
    );
}

#[test]
fn an_assessment_dated_in_the_future_is_named_and_kept_out_of_the_latest_round() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Sam", "2026-12-01T10:00:00Z", &[]),
            by("Jo", "2026-12-02T10:00:00Z", &[]),
            by("Priya", "2099-09-03T10:00:00Z", &[]),
        ]),
    );
    let out = env
        .cmd()
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Priya's assessment is dated 2099-09-03, after today"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["round"]["respondents"],
        serde_json::json!(["Sam", "Jo"])
    );
}

#[test]
fn a_rounds_label_is_the_one_most_of_its_assessments_carry() {
    let env = Env::new();
    let labelled = |name: &str, when: &str, label: Option<&str>| {
        let mut a = by(name, when, &[]);
        a.label = label.map(str::to_string);
        a
    };
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            labelled("Sam", "2026-12-01T10:00:00Z", Some("December review")),
            labelled("Priya", "2026-12-02T10:00:00Z", Some("December review")),
            labelled("Alex", "2026-12-03T10:00:00Z", None),
        ]),
    );
    let h = env.json(&["history", "--format", "json"]);
    assert_eq!(h["rounds"][0]["label"], "December review");
}
