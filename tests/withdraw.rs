//! Withdrawing an assessment taken by mistake: it stays in the file, counts nowhere, and is
//! listed on request; every refusal leaves the file byte for byte as it was.

use crate::common::*;
use mbct_sustain::core::answers::{self, Answer, Assessment};

fn by(name: &str, when: &str, answer: Answer) -> Assessment {
    let mut a = assessment(when, Answer::NotYet, &[("networks.buddy", answer)]);
    a.respondent = Some(name.into());
    a
}

/// Sam and Priya answer; "Sma" is Sam's mistaken test run, saying In place where both said Not yet.
fn with_a_mistake(env: &Env) {
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Sam", "2026-12-01T10:00:00Z", Answer::NotYet),
            by("Priya", "2026-12-02T10:00:00Z", Answer::InPlace),
            by("Sma", "2026-12-03T10:00:00Z", Answer::InPlace),
        ]),
    );
}

fn buddy(team: &serde_json::Value) -> serde_json::Value {
    team["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["actions"].as_array().unwrap().clone())
        .find(|a| a["action_id"] == "networks.buddy")
        .unwrap()["team"]
        .clone()
}

#[test]
fn a_withdrawn_assessment_counts_nowhere_and_stays_in_the_file() {
    let env = Env::new();
    with_a_mistake(&env);
    assert_eq!(
        buddy(&env.json(&["team", "--format", "json"]))["answer"],
        "in-place"
    );
    let out = env.cmd().args(["withdraw", "3"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(
            "Withdrew assessment 3 (Sma, 2026-12-03): it stays in the answers file and \
            counts nowhere now"
        ),
        "{said}"
    );
    let team = env.json(&["team", "--format", "json"]);
    assert_eq!(buddy(&team)["answer"], "no-agreement", "{team}");
    let names: Vec<&str> = team["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["respondent"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Sam", "Priya"]);
    let status = env.json(&["status", "--format", "json"]);
    assert!(
        !status["waiting"].to_string().contains("Sma")
            && !status["answered"].to_string().contains("Sma"),
        "nobody waits for Sma: {status}"
    );
    assert_eq!(
        status["round"]["corrections"][0]["kind"], "withdrawn",
        "the round says it was corrected"
    );
    env.fails(&["history", "--respondent", "Sma"], "has no assessments");
    let file: answers::History = answers::file::parse(&env.read("mbct-sustain.yaml")).unwrap();
    assert_eq!(file.assessments.len(), 3, "its answers are kept");
    assert!(env.read("mbct-sustain.yaml").contains("\nformat: 4\n"));

    let history = env.cmd().arg("history").output().unwrap();
    assert!(
        String::from_utf8_lossy(&history.stderr).contains(
            "1 assessment withdrawn, counted \
            nowhere and not listed; `mbct-sustain history --withdrawn` lists it"
        ),
        "{}",
        String::from_utf8_lossy(&history.stderr)
    );
    let listed = env.json(&["history", "--withdrawn", "--format", "json"]);
    assert_eq!(listed["withdrawn"][0]["number"], 3);
    assert_eq!(listed["withdrawn"][0]["respondent"], "Sma");
    let table = env.cmd().args(["history", "--withdrawn"]).output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("Withdrawn (counted nowhere)") && table.contains("3 (withdrawn)"),
        "{table}"
    );
}

#[test]
fn withdraw_with_a_respondent_counts_back_from_their_latest_and_refusals_change_nothing() {
    let env = Env::new();
    with_a_mistake(&env);
    let before = env.bytes("mbct-sustain.yaml");
    env.fails(
        &["withdraw", "9"],
        "there is no assessment numbered 9 (3 assessments to choose from)",
    );
    env.fails(&["withdraw", "0"], "there is no assessment numbered 0");
    env.fails(
        &["--respondent", "Sam", "withdraw", "2"],
        "assessment 2 is Priya's, not Sam's",
    );
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        before,
        "every refusal leaves the file as it was"
    );
    env.cmd()
        .args(["--respondent", "priya", "withdraw", "-1"])
        .assert()
        .success();
    let listed = env.json(&["history", "--withdrawn", "--format", "json"]);
    assert_eq!(listed["withdrawn"][0]["respondent"], "Priya");
    let withdrawn = env.bytes("mbct-sustain.yaml");
    env.fails(
        &["withdraw", "2"],
        "assessment 2 was withdrawn already, on ",
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), withdrawn);
}
