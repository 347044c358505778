//! A team answering in rounds: three people in June, two of them in
//! December, all in one file. Without --respondent every view is the team's.

use crate::common::*;
use mbct_sustain::core::answers::{Answer, Assessment};

fn person(name: &str, when: &str, changes: &[(&str, Answer)]) -> Assessment {
    let mut a = mixed(when);
    for (id, ans) in changes {
        a.answers.insert(id.to_string(), *ans);
    }
    a.respondent = Some(name.into());
    a
}

/// June: Alex, Priya, Jo. December: Alex and Priya (Jo on leave); by
/// December both have every evaluation action in place.
fn june_and_december(env: &Env) {
    let plan = [
        ("evaluation.evolve", Answer::InPlace),
        ("evaluation.publish-annual-report", Answer::InPlace),
        ("evaluation.disseminate", Answer::InPlace),
    ];
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            person("Alex", "2026-06-01T10:00:00Z", &[]),
            person("Priya", "2026-06-03T10:00:00Z", &[]),
            person(
                "Jo",
                "2026-06-03T11:00:00Z",
                &[("fit.pathways", Answer::NotYet)],
            ),
            person("Alex", "2026-12-01T10:00:00Z", &plan),
            person("Priya", "2026-12-02T10:00:00Z", &plan),
        ]),
    );
}

#[test]
fn report_is_the_teams_latest_round_and_names_who_is_not_in_it() {
    let env = Env::new();
    june_and_december(&env);
    let out = String::from_utf8(env.cmd().arg("report").output().unwrap().stdout).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.contains("the team's round 2, 2026-12-01 to 2026-12-02"),
        "{out}"
    );
    assert!(out.contains("2 people: Alex, Priya"), "{out}");
    assert!(
        out.contains("Jo: latest answers 2026-06-03, not in this round."),
        "{out}"
    );
    let json = env.json(&["report", "--format", "json"]);
    assert_eq!(json["round"]["number"], 2);
    assert_eq!(
        json["round"]["respondents"],
        serde_json::json!(["Alex", "Priya"])
    );
    assert_eq!(json["round"]["left_out"][0]["respondent"], "Jo");
    assert!(json.get("assessment").is_none());
    let evaluation = &json["domains"][1];
    assert_eq!(evaluation["id"], "evaluation");
    assert_eq!(
        evaluation["every_stage_met"], true,
        "both in the round have every stage in place"
    );
}

#[test]
fn history_has_a_column_per_round_not_per_assessment() {
    let env = Env::new();
    june_and_december(&env);
    let json = env.json(&["history", "--format", "json"]);
    let rounds = json["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(
        rounds[0]["respondents"],
        serde_json::json!(["Alex", "Priya", "Jo"])
    );
    assert!(json.get("assessments").is_none());
    let out = String::from_utf8(env.cmd().arg("history").output().unwrap().stdout).unwrap();
    let journey = out
        .lines()
        .find(|l| l.contains("Domain") && l.contains("2026-06-01"))
        .unwrap();
    assert!(
        journey.contains("2026-12-01"),
        "dates on the axis: {journey}"
    );
}

#[test]
fn compare_is_june_against_december() {
    let env = Env::new();
    june_and_december(&env);
    let json = env.json(&["compare", "--format", "json"]);
    assert_eq!(json["earlier"]["number"], 1);
    assert_eq!(json["later"]["number"], 2);
    let evaluation = find(&json["domains"], "id", "evaluation");
    assert_eq!(evaluation["direction"], "up");
    let json = env.json(&["compare", "2026-06-02", "-1", "--format", "json"]);
    assert_eq!(
        json["earlier"]["number"], 1,
        "a date inside a round picks it"
    );
}

#[test]
fn plan_is_the_teams_and_respondent_gives_one_persons_view_as_before() {
    let env = Env::new();
    june_and_december(&env);
    let team = env.json(&["plan", "--format", "json"]);
    assert_eq!(team["round"]["number"], 2);
    let jo = env.json(&["report", "--respondent", "Jo", "--format", "json"]);
    assert_eq!(jo["assessment"]["respondent"], "Jo");
    assert_eq!(jo["assessment"]["number"], 3);
    assert!(jo.get("round").is_none());
}

#[test]
fn team_selectors_pick_rounds() {
    let env = Env::new();
    june_and_december(&env);
    let june = env.json(&["report", "--at", "1", "--format", "json"]);
    assert_eq!(june["round"]["respondents"].as_array().unwrap().len(), 3);
    let before = env.json(&["report", "--at", "2026-09-01", "--format", "json"]);
    assert_eq!(
        before["round"]["number"], 1,
        "a date between rounds picks the one before"
    );
    env.fails(
        &["report", "--at", "7"],
        "no round of the team's matches `7`",
    );
    let since = env.json(&["history", "--since", "2026-11-01", "--format", "json"]);
    assert_eq!(since["rounds"].as_array().unwrap().len(), 1);
}

#[test]
fn a_single_persons_file_is_shown_as_before() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            person("Sam", "2026-06-01T10:00:00Z", &[]),
            person("Sam", "2026-12-01T10:00:00Z", &[]),
        ]),
    );
    let json = env.json(&["report", "--format", "json"]);
    assert_eq!(json["assessment"]["number"], 2);
    assert!(json.get("round").is_none());
}
