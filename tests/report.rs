//! `report`, `compare`, `history` and `plan` on prepared answers files.

use crate::common::*;
use mbct_sustain::core::answers::Answer;
use predicates::prelude::*;

#[test]
fn report_prints_the_stage_the_rule_gives_for_each_domain() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let out = env
        .cmd()
        .arg("report")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let json = env.json(&["report", "--format", "json"]);
    for (i, (id, stage)) in MIX_STAGES.iter().enumerate() {
        assert_eq!(json["domains"][i]["id"], *id);
        assert_eq!(json["domains"][i]["stage"]["name"], *stage, "{id}");
    }
    assert!(out.contains("Embedded") && out.contains("Sustainable"));
    assert!(
        out.contains("A stage is met when all its actions are In place"),
        "the legend states the rule:\n{out}"
    );
    let fit_row = out.lines().find(|l| l.contains("Making it")).unwrap();
    assert!(fit_row.contains("Embedded"), "{fit_row}");
}

#[test]
fn report_without_an_answers_file_says_so_and_exits_1() {
    let env = Env::new();
    let err = env.fails(&["report"], "there is no answers file");
    assert!(err.contains("hint:"), "{err}");
    assert!(!exists(&env.path("mbct-sustain.yaml")));
}

#[test]
fn piped_output_has_no_escape_codes() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            mixed("2026-03-01T10:00:00Z"),
            assessment("2026-09-03T10:00:00Z", Answer::InPlace, &[]),
        ]),
    );
    for cmd in ["report", "compare", "history", "plan", "team"] {
        for format in ["table", "markdown", "csv", "json"] {
            let out = env
                .cmd()
                .args([cmd, "--format", format])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            assert!(!out.contains(&0x1b), "{cmd} --format {format}");
            assert!(!out.is_empty(), "{cmd} --format {format}");
        }
    }
}

#[test]
fn report_formats_parse_as_what_they_claim() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let csv = env
        .cmd()
        .args(["report", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    assert_eq!(reader.headers().unwrap().iter().next(), Some("domain_id"));
    let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(&rows[0][2], "Embedded");

    let md = String::from_utf8(
        env.cmd()
            .args(["report", "--format", "markdown"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 2 + 7, "{md}");
    let columns = |row: &str| row.matches('|').count() - row.matches("\\|").count();
    assert!(rows.iter().all(|r| columns(r) == columns(rows[0])), "{md}");
}

#[test]
fn output_writes_a_file_instead_of_the_screen() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    env.cmd()
        .args(["report", "--format", "markdown", "--output", "stages.md"])
        .assert()
        .success()
        .stdout("");
    assert!(env.read("stages.md").starts_with("# "));
}

#[test]
fn report_at_shows_an_earlier_assessment_with_its_change() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            assessment("2026-03-01T10:00:00Z", Answer::NotYet, &[]),
            mixed("2026-09-03T10:00:00Z"),
            assessment("2026-11-01T10:00:00Z", Answer::InPlace, &[]),
        ]),
    );
    let json = env.json(&["report", "--at", "2", "--format", "json"]);
    assert_eq!(json["assessment"]["number"], 2);
    assert_eq!(json["domains"][0]["change"]["direction"], "up");
    assert_eq!(
        json["domains"][0]["change"]["stage_before"]["name"],
        "Starting out"
    );
    let table = env
        .cmd()
        .args(["report", "--at", "2026-09-03"])
        .output()
        .unwrap()
        .stdout;
    assert!(
        String::from_utf8(table)
            .unwrap()
            .contains("↑ from Starting out")
    );
    env.fails(&["report", "--at", "9"], "no assessment matches `9`");
}

#[test]
fn compare_names_the_domain_that_moved_and_its_changed_actions() {
    let env = Env::new();
    let before = assessment("2026-03-01T10:00:00Z", Answer::NotYet, &[]);
    let after = assessment(
        "2026-09-03T10:00:00Z",
        Answer::NotYet,
        &[
            ("evaluation.plan", Answer::InPlace),
            ("evaluation.feedback-loop", Answer::InProgress),
        ],
    );
    env.write("mbct-sustain.yaml", file_of(vec![before, after]));
    let out = env
        .cmd()
        .arg("compare")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let row = out
        .lines()
        .find(|l| l.contains("Developing an evaluation"))
        .unwrap();
    assert!(
        row.contains("Starting out") && row.contains("Developmental"),
        "{row}"
    );
    assert!(out.contains("Plan for evaluation"), "{out}");
    assert!(out.contains("Not yet → In place"), "{out}");
    let csv = env
        .cmd()
        .args(["compare", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        csv::Reader::from_reader(csv.as_slice()).records().count(),
        2
    );
}

#[test]
fn compare_with_one_assessment_explains_there_is_nothing_to_compare() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    env.fails(&["compare"], "nothing to compare yet");
}

#[test]
fn compare_says_plainly_when_nothing_changed() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            mixed("2026-03-01T10:00:00Z"),
            mixed("2026-09-03T10:00:00Z"),
        ]),
    );
    env.cmd()
        .arg("compare")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing changed"));
}

#[test]
fn history_lists_every_assessment_and_each_domains_journey() {
    let env = Env::new();
    let mut labelled = mixed("2026-09-03T10:00:00Z");
    labelled.label = Some("Autumn review".into());
    labelled.respondent = Some("Sam".into());
    let mut first = assessment("2026-03-01T10:00:00Z", Answer::NotYet, &[]);
    first.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![first, labelled]));
    let out = String::from_utf8(env.cmd().arg("history").output().unwrap().stdout).unwrap();
    assert!(out.contains("2026-03-01") && out.contains("2026-09-03"));
    assert!(out.contains("Autumn review") && out.contains("Sam"));
    assert!(
        out.contains("···") && out.contains("███"),
        "shades show progress:\n{out}"
    );
    let json = env.json(&["history", "--format", "json"]);
    assert_eq!(json["assessments"].as_array().unwrap().len(), 2);
    assert_eq!(json["assessments"][1]["stage_counts"]["complete"], 2);
}

#[test]
fn plan_lists_exactly_the_actions_not_in_place_in_progress_first() {
    let env = Env::new();
    let a = assessment(
        "2026-09-03T10:00:00Z",
        Answer::InPlace,
        &[
            ("networks.buddy", Answer::NotYet),
            ("networks.practical-support", Answer::InProgress),
            ("networks.existing-networks", Answer::NotYet),
            ("networks.local-networks", Answer::NotYet),
        ],
    );
    env.write("mbct-sustain.yaml", file_of(vec![a]));
    let out = String::from_utf8(
        env.cmd()
            .args(["plan", "--format", "markdown"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let section: Vec<&str> = out
        .split("## ")
        .find(|s| s.starts_with("Creating your networks"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(section.len(), 3, "{out}");
    assert!(
        section[0].contains("Identify where you need practical support")
            && section[0].contains("in progress")
    );
    assert!(section[1].contains("buddy"));
    assert!(section[2].contains("Use existing networks"));
    assert!(
        !out.contains("Develop local networks"),
        "later stages are not next steps"
    );
    assert!(
        out.contains("Embedded: "),
        "complete domains are listed in one line"
    );

    let json: serde_json::Value = serde_json::from_slice(
        &env.cmd()
            .args(["plan", "--format", "json", "--domain", "networks"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["domains"].as_array().unwrap().len(), 1);
    assert_eq!(json["domains"][0]["steps"][0]["answer"], "in-progress");
    env.fails(&["plan", "--domain", "nope"], "unknown domain `nope`");
}

#[test]
fn report_follows_one_respondent() {
    let env = Env::new();
    let mut ann = mixed("2026-09-03T10:00:00Z");
    ann.respondent = Some("Ann".into());
    let mut bob = assessment("2026-09-04T10:00:00Z", Answer::InPlace, &[]);
    bob.respondent = Some("Bob".into());
    env.write("mbct-sustain.yaml", file_of(vec![ann, bob]));
    let json = env.json(&["report", "--respondent", "Ann", "--format", "json"]);
    assert_eq!(json["assessment"]["respondent"], "Ann");
    env.fails(&["report", "--respondent", "Zed"], "no assessments by Zed");
}

#[test]
fn output_never_writes_over_the_answers_file_or_the_framework() {
    let env = Env::new();
    let text = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    env.write("mbct-sustain.yaml", &text);
    env.fails(
        &["report", "--output", "./mbct-sustain.yaml"],
        "will not write over the answers file",
    );
    assert_eq!(env.read("mbct-sustain.yaml"), text);
    env.cmd()
        .args(["framework", "init", "f.yaml"])
        .assert()
        .success();
    env.fails(
        &[
            "--framework",
            "f.yaml",
            "plan",
            "--format",
            "json",
            "--output",
            "f.yaml",
        ],
        "will not write over the framework",
    );
}

#[test]
fn in_a_shared_file_compare_is_the_teams_and_respondent_follows_one_person() {
    let env = Env::new();
    let mut ann1 = assessment("2026-03-01T10:00:00Z", Answer::NotYet, &[]);
    ann1.respondent = Some("Ann".into());
    let mut bob = assessment("2026-09-01T10:00:00Z", Answer::InPlace, &[]);
    bob.respondent = Some("Bob".into());
    let mut ann2 = mixed("2026-09-02T10:00:00Z");
    ann2.respondent = Some("Ann".into());
    env.write("mbct-sustain.yaml", file_of(vec![ann1, bob.clone(), ann2]));
    let team = env.json(&["compare", "--format", "json"]);
    assert_eq!(team["earlier"]["respondents"], serde_json::json!(["Ann"]));
    assert_eq!(
        team["later"]["respondents"],
        serde_json::json!(["Bob", "Ann"])
    );
    let ann = env.json(&["compare", "--respondent", "ann", "--format", "json"]);
    assert_eq!(
        (
            ann["earlier"]["number"].as_u64(),
            ann["later"]["number"].as_u64()
        ),
        (Some(1), Some(3))
    );
    let err = env.fails(
        &["compare", "--respondent", "bob"],
        "nothing to compare yet",
    );
    assert!(err.contains("by Bob"), "{err}");
    env.fails(
        &["compare", "-1"],
        "round 2 is the team's latest: there is nothing later",
    );
    env.fails(
        &["compare", "--respondent", "Ann", "3"],
        "#3 is that person's latest: there is nothing later",
    );
}

#[test]
fn latest_means_newest_by_date_not_last_in_the_file() {
    let env = Env::new();
    let mut newer = mixed("2026-12-02T10:00:00Z");
    newer.label = Some("December".into());
    let mut older = mixed("2026-11-28T10:00:00Z");
    older.label = Some("Added by hand".into());
    env.write("mbct-sustain.yaml", file_of(vec![newer, older]));
    let json = env.json(&["report", "--format", "json"]);
    assert_eq!(json["assessment"]["label"], "December");
    assert_eq!(json["assessment"]["number"], 2, "numbered by date");
    assert_eq!(json["previous"]["label"], "Added by hand");
    let history = env.json(&["history", "--format", "json"]);
    assert_eq!(
        history["assessments"][0]["label"], "Added by hand",
        "history runs by date"
    );
}

#[test]
fn a_selector_written_like_a_date_that_is_not_one_is_named_so() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    env.fails(
        &["report", "--at", "2026-13-01"],
        "`2026-13-01` is not a day of the calendar",
    );
}
