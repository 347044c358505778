//! `team`: several people's answers side by side, from one or more files.

use crate::common::*;
use mbct_sustain::core::answers::{Answer, Assessment};
use predicates::prelude::*;

fn person(name: &str, when: &str, changes: &[(&str, Answer)]) -> Assessment {
    let mut a = mixed(when);
    for (id, ans) in changes {
        a.answers.insert(id.to_string(), *ans);
    }
    a.respondent = Some(name.into());
    a
}

/// Ann and Bob share `shared.yaml`; Cat keeps `cat.yaml`. They disagree on
/// exactly two actions. Bob's older assessment must be ignored.
fn three_people(env: &Env) {
    env.write(
        "shared.yaml",
        file_of(vec![
            person(
                "Bob",
                "2026-03-01T10:00:00Z",
                &[("buy-in.reach", Answer::InPlace)],
            ),
            person("Ann", "2026-09-01T10:00:00Z", &[]),
            person(
                "Bob",
                "2026-09-02T10:00:00Z",
                &[("fit.pathways", Answer::NotYet)],
            ),
        ]),
    );
    env.write(
        "cat.yaml",
        file_of(vec![person(
            "Cat",
            "2026-09-03T10:00:00Z",
            &[("team.train-trainers", Answer::NotYet)],
        )]),
    );
}

#[test]
fn team_shows_each_respondent_the_team_stage_and_exactly_the_disagreements() {
    let env = Env::new();
    three_people(&env);
    let out = env
        .cmd()
        .args(["team", "shared.yaml", "cat.yaml"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let header = out.lines().find(|l| l.contains("Domain")).unwrap();
    for who in ["Ann", "Bob", "Cat", "Team"] {
        assert!(header.contains(who), "{header}");
    }
    assert!(
        out.contains("the answer a majority of those who answered gave"),
        "the rule is stated:\n{out}"
    );
    assert!(out.contains("Agenda: 2 points, 2 open"), "{out}");
    let points: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with('•'))
        .collect();
    assert_eq!(points.len(), 2, "{out}");
    assert!(points.iter().any(|p| p.contains("Recognise fit/dissonance")
        && p.contains("Bob: Not yet")
        && p.contains("Ann: In place")));
    assert!(
        points
            .iter()
            .any(|p| p.contains("Train the MBCT trainers") && p.contains("Cat: Not yet"))
    );
}

#[test]
fn team_json_holds_the_same() {
    let env = Env::new();
    three_people(&env);
    let json = env.json(&["team", "shared.yaml", "cat.yaml", "--format", "json"]);
    let names: Vec<&str> = json["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["respondent"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ann", "Bob", "Cat"]);
    let domains = json["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 7);
    for (d, (id, stage)) in domains.iter().zip(MIX_STAGES) {
        assert_eq!(d["id"], id);
        assert_eq!(
            d["team"]["name"], stage,
            "the majority keeps the mix's stage in {id}"
        );
        assert_eq!(d["respondent_stages"].as_array().unwrap().len(), 3);
    }
    let ids: Vec<&str> = json["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["action_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"fit.pathways") && ids.contains(&"team.train-trainers"));
    let point = json["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["action_id"] == "fit.pathways")
        .unwrap();
    assert_eq!(point["answers"][1]["respondent"], "Bob");
    assert_eq!(point["answers"][1]["answer"], "not-yet");
    assert_eq!(point["split"]["in-place"], 2);
}

#[test]
fn team_reads_the_default_file_and_chooses_a_round() {
    let env = Env::new();
    let mut old = person("Ann", "2026-03-01T10:00:00Z", &[]);
    old.label = Some("Spring".into());
    let mut new = person(
        "Ann",
        "2026-09-01T10:00:00Z",
        &[("fit.pathways", Answer::NotYet)],
    );
    new.label = Some("Autumn".into());
    let mut bob = person("Bob", "2026-03-02T10:00:00Z", &[]);
    bob.label = Some("Spring".into());
    env.write("mbct-sustain.yaml", file_of(vec![old, bob, new]));
    let json = |args: &[&str]| {
        let out = env
            .cmd()
            .arg("team")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let latest = json(&[]);
    assert_eq!(
        latest["assessments"].as_array().unwrap().len(),
        1,
        "Bob did not answer in September"
    );
    assert_eq!(
        latest["round"]["left_out"][0]["respondent"], "Bob",
        "and is named, not mixed in"
    );
    assert_eq!(latest["discussion"].as_array().unwrap().len(), 0);
    let spring = json(&["--at", "1"]);
    assert_eq!(
        spring["round"]["respondents"],
        serde_json::json!(["Ann", "Bob"])
    );
    assert_eq!(
        json(&["--label", "spring"])["round"]["respondents"],
        spring["round"]["respondents"]
    );
    let text = String::from_utf8(env.cmd().arg("team").output().unwrap().stdout).unwrap();
    assert!(
        text.contains("Bob: latest answers 2026-03-02, not in this round."),
        "{text}"
    );
    assert_eq!(
        json(&["--since", "2026-06-01"])["assessments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.fails(&["team", "--since", "2027-01-01"], "no assessment found");
}

#[test]
fn anonymous_mode_shows_counts_instead_of_names() {
    let env = Env::new();
    three_people(&env);
    for format in ["table", "markdown", "csv", "json"] {
        let out = env
            .cmd()
            .args([
                "team",
                "shared.yaml",
                "cat.yaml",
                "--anonymous",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains("Ann") && !text.contains("Bob") && !text.contains("Cat"),
            "{format}: {text}"
        );
    }
    let out = env
        .cmd()
        .args(["team", "shared.yaml", "cat.yaml", "--anonymous"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("2 In place, 1 Not yet")
    );
}

#[test]
fn a_respondent_on_another_framework_version_is_flagged() {
    let env = Env::new();
    three_people(&env);
    let mut old = person("Dee", "2026-09-04T10:00:00Z", &[]);
    old.framework.version = "0.9".into();
    env.write("dee.yaml", file_of(vec![old]));
    env.cmd()
        .args(["team", "shared.yaml", "cat.yaml", "dee.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("another framework version"))
        .stdout(predicate::str::contains("Dee (framework version 0.9"));
}

#[test]
fn markdown_and_csv_team_tables_are_well_formed() {
    let env = Env::new();
    three_people(&env);
    let md = env
        .cmd()
        .args(["team", "shared.yaml", "cat.yaml", "--format", "markdown"])
        .output()
        .unwrap()
        .stdout;
    let md = String::from_utf8(md).unwrap();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 9);
    assert!(rows.iter().all(|r| r.matches('|').count() == 6), "{md}");
    let csv = env
        .cmd()
        .args(["team", "shared.yaml", "cat.yaml", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers[..6],
        [
            "position",
            "status",
            "decides_stage",
            "domain_id",
            "domain",
            "stage"
        ]
    );
    assert_eq!(
        headers[9..13],
        [
            "team_answer",
            "team_source",
            "team_agreed_at",
            "team_comment"
        ]
    );
    assert_eq!(headers[13..16], ["Ann", "Bob", "Cat"]);
    assert_eq!(
        headers[16..],
        [
            "in_place",
            "in_progress",
            "not_yet",
            "dont_know",
            "not_applicable"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len(),
        7,
        "two points, and a row for each of the five domains with none"
    );
    let points: Vec<&csv::StringRecord> = rows.iter().filter(|r| !r[0].is_empty()).collect();
    assert_eq!(points.len(), 2);
    assert!(
        points.iter().all(|r| &r[16] == "2" && &r[18] == "1"),
        "{rows:?}"
    );
    assert!(
        rows.iter().all(|r| !r[4].is_empty()),
        "every domain's team stage"
    );
    let anonymous = env
        .cmd()
        .args([
            "team",
            "shared.yaml",
            "cat.yaml",
            "--anonymous",
            "--format",
            "csv",
        ])
        .output()
        .unwrap()
        .stdout;
    let mut reader = csv::Reader::from_reader(anonymous.as_slice());
    assert_eq!(reader.headers().unwrap().len(), 18, "counts, not names");
    assert!(
        reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| !r[0].is_empty())
            .all(|r| &r[13] == "2")
    );
}

#[test]
fn a_person_named_like_a_team_csv_column_gets_a_column_of_their_own() {
    let env = Env::new();
    let people = ["status", "In_Place", "Ann"];
    let mut assessments = Vec::new();
    for (i, name) in people.iter().enumerate() {
        let mut a = mixed(&format!("2026-09-0{}T10:00:00Z", i + 1));
        a.respondent = Some(name.to_string());
        assessments.push(a);
    }
    env.write("mbct-sustain.yaml", file_of(assessments));
    let csv = env
        .cmd()
        .args(["team", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut unique = headers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        headers.len(),
        "every column named once: {headers:?}"
    );
    assert_eq!(
        headers[13..16],
        ["status (person)", "In_Place (person)", "Ann"]
    );
}
