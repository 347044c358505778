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
    // Each round as it stood, as every other view shows it; what changed only because Alex
    // answered round 1 alone is marked, and is never a slip.
    let report = env.json(&["report", "--format", "json"]);
    for d in c["domains"].as_array().unwrap() {
        let shown = find(&report["domains"], "id", d["id"].as_str().unwrap());
        assert_eq!(
            d["stage_after"], shown["stage"],
            "the same round, the same stage: {d}"
        );
        if d["direction"] != "same" {
            assert_eq!(d["by_who_answered"], true, "{d}");
        }
    }
    assert_eq!(c["slipped"], serde_json::json!([]));
    for tipped in ["nourishing.reflect-and-challenge", "networks.buddy"] {
        let change = find(&c["changes"], "action_id", tipped);
        assert_eq!(change["by_who_answered"], true, "{change}");
    }
    for change in c["changes"].as_array().unwrap() {
        assert_eq!(
            change["by_who_answered"], true,
            "only who answered changed: {change}"
        );
    }
    let report_slips = report["slipped"].as_array().unwrap();
    assert!(report_slips.is_empty(), "{report_slips:?}");
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
    assert!(
        text.contains("Changed only because different people answered"),
        "{text}"
    );
    // The round itself is still the full team's, as history shows it.
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
    assert_eq!(before["assessments"].as_array().unwrap().len(), 4);
    env.cmd()
        .args(["people", "merge", "Pryia", "Priya"])
        .assert()
        .success();
    let after = env.json(&["team", "--format", "json"]);
    let names: Vec<&str> = after["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["respondent"].as_str().unwrap())
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

#[test]
fn a_newcomer_merged_in_is_on_the_roster_and_a_name_like_a_members_is_named() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Sam", "2026-12-01T10:00:00Z", &[]),
            by("Priya", "2026-12-01T11:00:00Z", &[]),
        ]),
    );
    env.cmd().args(["people", "add", "Jo"]).assert().success();
    env.write(
        "kim.yaml",
        file_of(vec![
            by("Kim", "2026-12-02T10:00:00Z", &[]),
            by("Pryia", "2026-12-02T11:00:00Z", &[]),
        ]),
    );
    let out = env.cmd().args(["merge", "kim.yaml"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "Pryia from kim.yaml is new on the team, and looks like Priya: if they are \
            one person, `mbct-sustain people merge Pryia Priya` makes them one."
        ),
        "{err}"
    );
    assert!(!err.contains("Kim from"), "Kim looks like nobody: {err}");
    let people = env.json(&["people", "--format", "json"]);
    let names: Vec<&str> = people["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Priya", "Sam", "Kim", "Pryia", "Jo"],
        "as they first answered, then by name"
    );
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(
        status["waiting"],
        serde_json::json!(["Jo"]),
        "Kim and Pryia answered: {status}"
    );

    let file = env.bytes("mbct-sustain.yaml");
    env.fails(
        &["people", "rename", "Sam", "Kim"],
        "`Kim` is already a name Kim goes by",
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), file);
}

#[test]
fn a_name_someone_answered_under_is_refused_for_rename_and_add_and_taken_by_people_merge() {
    let env = Env::new();
    // An explicit roster without Kim, who answered all the same (a file from before newcomers
    // were put on the roster).
    let text = file_of(vec![
        by("Sam", "2026-12-01T10:00:00Z", &[]),
        by("Kim", "2026-12-02T10:00:00Z", &[]),
    ])
    .replace("format: 1\n", "format: 3\nteam:\n  Sam: {}\n");
    env.write("mbct-sustain.yaml", &text);
    let before = env.bytes("mbct-sustain.yaml");
    for args in [
        ["people", "rename", "Sam", "Kim"],
        ["people", "add", "kim", ""],
    ] {
        let args: Vec<&str> = args.iter().copied().filter(|a| !a.is_empty()).collect();
        let err = env.fails(&args, "someone who is not on the roster has answered as `");
        assert!(err.contains("`mbct-sustain people merge "), "{err}");
        assert_eq!(env.bytes("mbct-sustain.yaml"), before, "{args:?}");
    }
    env.cmd()
        .args(["people", "merge", "Kim", "Sam"])
        .assert()
        .success();
    let people = env.json(&["people", "--format", "json"]);
    assert_eq!(
        find(&people["members"], "name", "Sam")["spellings"],
        serde_json::json!(["Kim"])
    );
}

#[test]
fn members_are_listed_as_they_joined_whatever_order_a_program_wrote_the_roster_in() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Zoe", "2026-12-01T10:00:00Z", &[]),
            by("Adam", "2026-12-02T10:00:00Z", &[]),
        ]),
    );
    env.cmd().args(["people", "add", "Bea"]).assert().success();
    let listed = |env: &Env| -> Vec<String> {
        env.json(&["people", "--format", "json"])["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap().to_string())
            .collect()
    };
    let want = ["Zoe", "Adam", "Bea"];
    assert_eq!(listed(&env), want);
    // PyYAML's safe_dump sorts the keys of the `team:` map (and every other).
    let sorted = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, yaml; p = sys.argv[1]; d = yaml.safe_load(open(p)); \
            yaml.safe_dump(d, open(p, 'w'), sort_keys=True)",
        ])
        .arg(env.path("mbct-sustain.yaml"))
        .status();
    if !sorted.is_ok_and(|s| s.success()) {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "not checked: python3 with PyYAML is not here"
        );
        return;
    }
    assert!(
        env.read("mbct-sustain.yaml").find("Adam:") < env.read("mbct-sustain.yaml").find("Zoe:")
    );
    assert_eq!(listed(&env), want);
}

#[test]
fn two_different_renames_of_one_person_in_two_copies_give_one_member_either_way() {
    let env = Env::new();
    let text = file_of(vec![
        by("Pryia", "2026-12-01T10:00:00Z", &[]),
        by("Sam", "2026-12-01T11:00:00Z", &[]),
    ]);
    env.write("a.yaml", &text);
    env.write("b.yaml", &text);
    for (file, new) in [("a.yaml", "Priya"), ("b.yaml", "Priya K")] {
        env.cmd()
            .args(["--file", file, "people", "rename", "Pryia", new])
            .assert()
            .success();
    }
    env.write("ab.yaml", env.read("a.yaml"));
    env.write("ba.yaml", env.read("b.yaml"));
    for (into, from) in [("ab.yaml", "b.yaml"), ("ba.yaml", "a.yaml")] {
        env.cmd()
            .args(["--file", into, "merge", from])
            .assert()
            .success();
        let people = env.json(&["--file", into, "people", "--format", "json"]);
        let members = people["members"].as_array().unwrap();
        assert_eq!(members.len(), 2, "{into}: {people}");
        let priya = find(&people["members"], "name", "Priya K");
        let mut spellings: Vec<&str> = priya["spellings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        spellings.sort();
        assert_eq!(
            spellings,
            ["Priya", "Pryia"],
            "the later rename names her: {into}"
        );
        let status = env.json(&["--file", into, "status", "--format", "json"]);
        assert_eq!(status["answered"].as_array().unwrap().len(), 2, "{status}");
    }
}

#[test]
fn a_change_refused_for_want_of_an_answers_file_leaves_the_folder_empty() {
    let changes: [&[&str]; 5] = [
        &["people", "add", "Sam"],
        &["service", "Gwynedd MBCT service"],
        &["plan", "review", "--on", "2027-03-01"],
        &["evidence", "add", "networks.buddy", "Buddy scheme leaflet"],
        &["agree", "networks.buddy", "in-place"],
    ];
    for args in changes {
        let env = Env::new();
        env.fails(args, "there is no answers file");
        let left: Vec<_> = std::fs::read_dir(env.path("")).unwrap().collect();
        assert!(left.is_empty(), "{args:?} left {left:?}");
    }
}

#[test]
fn a_leaving_date_still_to_come_is_said_in_the_future() {
    let env = Env::new();
    alex_missing_from_round_two(&env);
    let said = |on: &str| {
        let out = env
            .cmd()
            .args(["people", "leave", "Alex", "--on", on])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // A day after every day the tests run on, within a year of them or not: only the tense counts.
    assert!(said("2999-01-31").contains("Alex leaves the team on 2999-01-31"));
    assert!(said("2026-01-31").contains("Alex left the team on 2026-01-31"));
}
