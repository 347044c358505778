//! The team's plan: owners, due dates, targets and the next review, kept in
//! the answers file and shown by `plan`.

use crate::common::*;
use mbct_sustain::core::answers::Answer;
use predicates::prelude::*;

/// One assessment with the mix of answers, except that the buddy is not
/// found yet (networks working in Starting out).
fn one_assessment(env: &Env) {
    let mut a = mixed("2026-09-03T10:00:00Z");
    a.answers.insert("networks.buddy".into(), Answer::NotYet);
    env.write("mbct-sustain.yaml", file_of(vec![a]));
}

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

#[test]
fn an_owner_and_a_due_date_are_shown_kept_in_plain_yaml_and_in_json() {
    let env = Env::new();
    one_assessment(&env);
    env.cmd()
        .args([
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "Priya",
            "--due",
            "2027-01-31",
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let out = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("buddy"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("owner Priya") && line.contains("due 2027-01-31"),
        "{line}"
    );
    let json = env.json(&["plan", "--format", "json"]);
    let networks = find(&json["domains"], "id", "networks");
    let step = find(&networks["steps"], "action_id", "networks.buddy");
    assert_eq!(step["owner"], "Priya");
    assert_eq!(step["due"], "2027-01-31");
    let text = env.read("mbct-sustain.yaml");
    assert!(
        text.contains(
            "plan:\n  actions:\n    networks.buddy:\n      owner: Priya\n      due: 2027-01-31\n"
        ),
        "{text}"
    );
    // Another save (as a walk's) keeps the plan.
    let mut later = mixed("2026-12-01T10:00:00Z");
    later
        .answers
        .insert("networks.buddy".into(), Answer::NotYet);
    mbct_sustain::shell::store::append(&env.path("mbct-sustain.yaml"), &later).unwrap();
    assert!(env.read("mbct-sustain.yaml").contains("owner: Priya"));
    env.cmd()
        .args(["plan", "unassign", "networks.buddy"])
        .assert()
        .success();
    assert!(!env.read("mbct-sustain.yaml").contains("Priya"));
}

#[test]
fn a_target_lists_every_open_action_up_to_it_with_its_date() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![assessment(
            "2026-09-03T10:00:00Z",
            Answer::NotYet,
            &[("evaluation.plan", Answer::InPlace)],
        )]),
    );
    env.cmd()
        .args([
            "plan",
            "target",
            "evaluation",
            "sustainable",
            "--by",
            "2027-06-30",
        ])
        .assert()
        .success();
    let json = env.json(&["plan", "--format", "json"]);
    let evaluation = find(&json["domains"], "id", "evaluation");
    assert_eq!(evaluation["target"]["id"], "sustainable");
    assert_eq!(evaluation["target_date"], "2027-06-30");
    let ids: Vec<&str> = evaluation["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["action_id"].as_str().unwrap())
        .collect();
    let mut expected = domain_actions("evaluation");
    expected.retain(|id| id != "evaluation.plan");
    assert_eq!(
        ids, expected,
        "every action of every stage up to Sustainable not in place"
    );
    let out = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    assert!(
        out.contains("target: Sustainable met by 2027-06-30"),
        "a target is the stage to have met: {out}"
    );
    env.cmd()
        .args(["plan", "target", "evaluation", "Embedded"])
        .assert()
        .success();
    let json = env.json(&["plan", "--format", "json"]);
    assert_eq!(
        find(&json["domains"], "id", "evaluation")["target"]["id"],
        "sustainable",
        "Embedded is the last stage met"
    );
    env.cmd()
        .args(["plan", "target", "evaluation", "--clear"])
        .assert()
        .success();
    let json = env.json(&["plan", "--format", "json"]);
    assert!(find(&json["domains"], "id", "evaluation")["target"].is_null());
    assert!(
        env.read("mbct-sustain.yaml").contains("set_at:"),
        "the removal is kept, dated, for merging"
    );
}

#[test]
fn a_step_past_its_date_is_overdue_until_it_is_in_place_then_done() {
    let env = Env::new();
    one_assessment(&env);
    let yesterday = today().yesterday().unwrap().to_string();
    env.cmd()
        .args([
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "Sam",
            "--due",
            &yesterday,
        ])
        .assert()
        .success();
    let table = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    assert!(
        table
            .lines()
            .any(|l| l.contains("buddy") && l.contains("OVERDUE")),
        "{table}"
    );
    let md = String::from_utf8(
        env.cmd()
            .args(["plan", "--format", "markdown"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(md.contains("OVERDUE"), "{md}");
    let json = env.json(&["plan", "--format", "json"]);
    assert!(json.to_string().contains("\"overdue\":true"));
    let mut later = mixed("2026-12-01T10:00:00Z");
    later
        .answers
        .insert("networks.buddy".into(), Answer::InPlace);
    mbct_sustain::shell::store::append(&env.path("mbct-sustain.yaml"), &later).unwrap();
    let json = env.json(&["plan", "--format", "json"]);
    let networks = find(&json["domains"], "id", "networks");
    assert_eq!(networks["done"][0]["action_id"], "networks.buddy");
    assert_eq!(
        networks["done"][0]["in_place_since"],
        "2026-12-01T10:00:00Z"
    );
    let out = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    assert!(out.contains("in place since 2026-12-01"), "{out}");
}

#[test]
fn a_review_past_due_is_a_reminder_on_stderr_only() {
    let env = Env::new();
    one_assessment(&env);
    env.cmd()
        .args(["plan", "review", "--on", "2026-10-01"])
        .assert()
        .success();
    let out = env
        .cmd()
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("review was due on 2026-10-01"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is still JSON");
    assert_eq!(json["next_review"], "2026-10-01");
    let quiet = env.cmd().args(["--quiet", "report"]).output().unwrap();
    assert!(quiet.stderr.is_empty());
    env.cmd()
        .args(["plan", "review", "--every", "6"])
        .assert()
        .success();
    let out = String::from_utf8(env.cmd().arg("report").output().unwrap().stdout).unwrap();
    assert!(
        out.contains("Next review: 2027-03-03."),
        "six months after the latest: {out}"
    );
}

#[test]
fn bad_plan_input_is_refused_and_the_file_left_byte_for_byte() {
    let env = Env::new();
    one_assessment(&env);
    let before = env.bytes("mbct-sustain.yaml");
    let err = env.fails(
        &["plan", "assign", "networks.budy", "--owner", "X"],
        "unknown action `networks.budy`",
    );
    assert!(
        err.contains("networks.buddy"),
        "names the closest ids: {err}"
    );
    let out = env
        .cmd()
        .args([
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "X",
            "--due",
            "2027-02-30",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`2027-02-30` is not a day of the calendar")
    );
    let out = env
        .cmd()
        .args([
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "X",
            "--due",
            "31/01/2027",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("year-month-day"));
    let out = env
        .cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", " "])
        .output()
        .unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("needs a name"));
    let out = env
        .cmd()
        .args(["plan", "review", "--every", "0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    for (flag, date) in [
        ("--on", "0000-01-01"),
        ("--on", "1899-12-31"),
        ("--on", "3000-01-01"),
    ] {
        let refused = format!(
            "`{date}` is not a date mbct-sustain works with; give a date between the years 1900 \
                and 2999"
        );
        env.cmd()
            .args(["plan", "review", flag, date])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(refused));
    }
    env.cmd()
        .args([
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "X",
            "--due",
            "0001-01-01",
        ])
        .assert()
        .code(2);
    let err = env.fails(
        &["plan", "target", "evaluation", "nosuch"],
        "unknown stage `nosuch`",
    );
    assert!(err.contains("sustainable"), "{err}");
    env.fails(
        &["plan", "target", "nosuch", "sustainable"],
        "unknown domain `nosuch`",
    );
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        before,
        "the file is left byte-for-byte"
    );
}

#[test]
fn a_hand_edited_plan_of_the_wrong_shape_is_refused_with_its_line() {
    let env = Env::new();
    one_assessment(&env);
    env.cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", "Priya"])
        .assert()
        .success();
    let broken = env
        .read("mbct-sustain.yaml")
        .replace("owner: Priya", "owner: [Priya");
    env.write("mbct-sustain.yaml", &broken);
    let err = env.fails(&["plan"], "mbct-sustain.yaml (line ");
    assert!(err.contains("left as it is"), "{err}");
}

#[test]
fn two_assignments_at_the_same_moment_both_take_effect() {
    let env = Env::new();
    one_assessment(&env);
    let spawn = |action: &str, owner: &str| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("mbct-sustain"))
            .current_dir(env.dir.path())
            .args(["plan", "assign", action, "--owner", owner])
            .spawn()
            .unwrap()
    };
    let mut a = spawn("networks.buddy", "Priya");
    let mut b = spawn("fit.pathways", "Sam");
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let text = env.read("mbct-sustain.yaml");
    assert!(
        text.contains("owner: Priya") && text.contains("owner: Sam"),
        "{text}"
    );
}

#[test]
fn plan_edit_without_a_terminal_points_to_plan_assign() {
    let env = Env::new();
    one_assessment(&env);
    env.fails(&["plan", "edit"], "needs a terminal");
}

#[test]
fn plan_shows_the_good_practice_guidelines_beside_the_governance_action() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![assessment(
            "2026-09-03T10:00:00Z",
            Answer::NotYet,
            &[],
        )]),
    );
    let out = String::from_utf8(env.cmd().arg("plan").output().unwrap().stdout).unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("Be accountable"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("Good Practice Guidelines")
            && line.contains("http://www.bamba.org.uk/teachers/good-practice-guidelines"),
        "{line}"
    );
    let json = env.json(&["plan", "--format", "json"]);
    assert!(
        json.to_string()
            .contains("\"explain\":\"GPG: the Good Practice Guidelines")
    );
    let tree = String::from_utf8(
        env.cmd()
            .args(["framework", "show"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(tree.contains("https://bamba.org.uk/"), "{tree}");
}

#[test]
fn framework_check_refuses_a_link_that_is_not_a_web_address() {
    let env = Env::new();
    let bundled = include_str!("../framework.yaml");
    env.write(
        "f.yaml",
        bundled.replace("url: https://bamba.org.uk/", "url: bamba.org.uk"),
    );
    let line = bundled
        .lines()
        .position(|l| l.contains("url: https://bamba.org.uk/"))
        .unwrap()
        + 1;
    let err = env.fails(&["framework", "check", "f.yaml"], "not a web address");
    assert!(err.contains(&format!("line {line}")), "{err}");
}
