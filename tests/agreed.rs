//! What the team agreed: the meeting's decisions, evidence for each action,
//! and progress between reviews.

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

/// Sam says In place and Priya Don't know about the buddy.
fn sam_and_priya(env: &Env) {
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by(
                "Sam",
                "2026-12-01T10:00:00Z",
                &[("networks.buddy", Answer::InPlace)],
            ),
            by(
                "Priya",
                "2026-12-02T10:00:00Z",
                &[("networks.buddy", Answer::DontKnow)],
            ),
        ]),
    );
}

fn buddy(json: &serde_json::Value) -> serde_json::Value {
    let networks = find(&json["domains"], "id", "networks");
    find(&networks["actions"], "action_id", "networks.buddy")["team"].clone()
}

#[test]
fn without_a_majority_the_team_has_no_agreement_and_an_agreement_wins_over_the_rule() {
    let env = Env::new();
    sam_and_priya(&env);
    for command in ["report", "team"] {
        let t = buddy(&env.json(&[command, "--format", "json"]));
        assert_eq!(
            t["answer"], "no-agreement",
            "{command}: never an answer nobody gave"
        );
        assert_eq!(t["source"], "rule");
        assert_eq!(
            t["split"],
            serde_json::json!({"in-place": 1, "dont-know": 1})
        );
    }
    let before = env.read("mbct-sustain.yaml");
    env.cmd()
        .args([
            "agree",
            "networks.buddy",
            "in-place",
            "--note",
            "Buddy scheme running",
        ])
        .assert()
        .success();
    for command in ["report", "team"] {
        let t = buddy(&env.json(&[command, "--format", "json"]));
        assert_eq!(
            (t["answer"].as_str(), t["source"].as_str()),
            (Some("in-place"), Some("agreed")),
            "{command}"
        );
        assert!(t["agreed_at"].is_string());
    }
    let h = mbct_sustain::core::answers::file::parse(&env.read("mbct-sustain.yaml")).unwrap();
    let own = |i: usize| h.assessments[i].answer("networks.buddy");
    assert_eq!(
        (own(0), own(1)),
        (Some(Answer::InPlace), Some(Answer::DontKnow)),
        "people's own answers stay"
    );
    assert!(before.len() < env.read("mbct-sustain.yaml").len());
    let page = env
        .cmd()
        .args(["report", "--format", "html"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(page.stdout)
            .unwrap()
            .contains("In place (agreed "),
        "the page marks it agreed"
    );
    let file = env.bytes("mbct-sustain.yaml");
    env.fails(&["agree", "networks.budy", "in-place"], "networks.buddy");
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        file,
        "a refusal leaves the file as it was"
    );
}

#[test]
fn evidence_is_shown_beside_its_action_and_a_javascript_link_is_refused() {
    let env = Env::new();
    sam_and_priya(&env);
    env.cmd()
        .args(["agree", "networks.buddy", "in-place"])
        .assert()
        .success();
    let file = env.bytes("mbct-sustain.yaml");
    env.fails(
        &[
            "evidence",
            "add",
            "networks.buddy",
            "Leaflet",
            "--link",
            "javascript:alert(1)",
        ],
        "not a web address",
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), file);
    env.cmd()
        .args([
            "evidence",
            "add",
            "networks.buddy",
            "Buddy scheme leaflet",
            "--by",
            "Priya",
            "--link",
            "https://example.org/b.pdf",
        ])
        .assert()
        .success();
    let page = String::from_utf8(
        env.cmd()
            .args(["report", "--format", "html"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let today = jiff::Timestamp::now().to_string()[..10].to_string();
    let line = page
        .lines()
        .find(|l| l.contains("Buddy scheme leaflet"))
        .expect("the evidence is on the page");
    assert!(
        line.contains("Priya")
            && line.contains(&today)
            && line.contains("https://example.org/b.pdf"),
        "{line}"
    );
    let report = env.json(&["report", "--format", "json"]);
    assert_eq!(report["evidence"][0]["text"], "Buddy scheme leaflet");
    env.cmd()
        .args(["evidence", "remove", "networks.buddy"])
        .assert()
        .success();
    assert!(
        env.json(&["report", "--format", "json"])["evidence"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn plan_done_records_the_agreement_between_reviews_and_the_plan_lists_it_done() {
    let env = Env::new();
    sam_and_priya(&env);
    env.cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", "sam"])
        .assert()
        .success();
    let page = String::from_utf8(
        env.cmd()
            .args(["report", "--format", "html"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        !page.contains("0 of 1 planned"),
        "a plan set today has nothing to count yet"
    );
    env.cmd()
        .args([
            "plan",
            "done",
            "networks.buddy",
            "--on",
            "2026-12-03",
            "--evidence",
            "Leaflet",
        ])
        .assert()
        .success();
    let plan = env.json(&["plan", "--format", "json"]);
    let networks = find(&plan["domains"], "id", "networks");
    let done = find(&networks["done"], "action_id", "networks.buddy");
    assert_eq!(done["owner"], "Sam", "sam is Sam of the team");
    assert!(done["in_place_since"].is_string());
    let text = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    assert!(text.contains("Done:"), "{text}");
}

#[test]
fn a_target_is_the_stage_to_have_met() {
    let env = Env::new();
    sam_and_priya(&env);
    env.cmd()
        .args([
            "plan",
            "target",
            "evaluation",
            "sustainable",
            "--by",
            "2027-09-30",
        ])
        .assert()
        .success();
    let text = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    assert!(
        text.contains("target: Sustainable met by 2027-09-30"),
        "{text}"
    );
    let plan = env.json(&["plan", "--format", "json"]);
    let evaluation = find(&plan["domains"], "id", "evaluation");
    assert_eq!(
        evaluation["target"],
        serde_json::json!({"id": "sustainable", "name": "Sustainable", "met": false})
    );
    // Working in Sustainable, evaluation has met Developmental: a target of it is noted as met.
    let out = env
        .cmd()
        .args(["plan", "target", "evaluation", "developmental"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("has already met that stage"));
    let text = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    assert!(
        text.contains("target: Developmental, met already"),
        "{text}"
    );
}

#[test]
fn setting_a_target_confirms_the_stage_by_its_name_however_it_was_typed() {
    let env = Env::new();
    sam_and_priya(&env);
    for (typed, says) in [
        (
            "developmental",
            "Target for evaluation: Developmental met by 2027-09-30.",
        ),
        (
            "Embedded",
            "Target for evaluation: Sustainable met by 2027-09-30.",
        ),
    ] {
        let out = env
            .cmd()
            .args(["plan", "target", "evaluation", typed, "--by", "2027-09-30"])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(says), "{typed}: {said}");
    }
}
