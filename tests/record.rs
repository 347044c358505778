//! The team's record over time, tried as a service lead would over quarterly reviews: a round's
//! picture stays as it stood, an agreement stands until the team agrees again, a step done between
//! reviews counts from its date, and the meeting finishes. Time passes in dated files and through
//! the tool's own date options (`plan done --on`), never a faked clock.

use crate::common::*;
use mbct_sustain::core::answers::agreed::Agreement;
use mbct_sustain::core::answers::{self, Answer, Assessment, History};

use Answer::*;

/// Overridden in round 1: a majority says In place, the meeting agreed In progress.
const OVERRIDDEN: &str = "fit.service-culture";
/// No majority in round 1 (In place, Not yet, Don't know): the meeting agreed Not yet.
const SPLIT: &str = "networks.buddy";
/// Divided in round 1 (In place, In place, Not yet): left to the majority rule.
const LEFT: &str = "nourishing.reflect-and-challenge";
/// Everyone says In place: agreed with a comment, though nobody disagreed.
const COMMENTED: &str = "evaluation.plan";
/// Not yet for everyone: done between the rounds (`plan done --on 2026-08-10`).
const DONE: &str = "networks.local-networks";

const PEOPLE: [&str; 3] = ["Sam", "Priya", "Alex"];

/// Each person's answers in a round: the common mix, with the scenario's actions.
pub(crate) fn round(month: &str, changes: &[(&str, usize, Answer)]) -> Vec<Assessment> {
    let given = [
        [(OVERRIDDEN, InPlace), (SPLIT, InPlace), (LEFT, InPlace)],
        [(OVERRIDDEN, InPlace), (SPLIT, NotYet), (LEFT, InPlace)],
        [(OVERRIDDEN, InProgress), (SPLIT, DontKnow), (LEFT, NotYet)],
    ];
    PEOPLE
        .iter()
        .enumerate()
        .map(|(p, name)| {
            let mut a = mixed(&format!("2026-{month}-0{}T10:00:00Z", p + 1));
            a.respondent = Some(name.to_string());
            for (id, answer) in given[p] {
                a.answers.insert(id.into(), answer);
            }
            for (id, who, answer) in changes.iter().filter(|(_, who, _)| *who == p) {
                let _ = who;
                a.answers.insert(id.to_string(), *answer);
            }
            a
        })
        .collect()
}

fn agreed(action: &str, answer: Option<Answer>, comment: Option<&str>) -> Agreement {
    Agreement {
        round: Some(jiff::civil::date(2026, 6, 1)),
        action: action.into(),
        answer,
        comment: comment.map(str::to_string),
        present: Vec::new(),
        at: "2026-06-15T14:00:00Z".parse().unwrap(),
        since: None,
    }
}

/// Round 1 (June) with its meeting's decisions.
pub(crate) fn after_round_one(env: &Env) {
    let history = History {
        assessments: round("06", &[]),
        agreements: vec![
            agreed(
                OVERRIDDEN,
                Some(InProgress),
                Some("Only one pathway so far"),
            ),
            agreed(SPLIT, Some(NotYet), None),
            agreed(LEFT, None, None),
            agreed(
                COMMENTED,
                Some(InPlace),
                Some("Plan signed off by the board"),
            ),
        ],
        ..History::default()
    };
    env.write(
        "mbct-sustain.yaml",
        answers::file::render(&history, false).unwrap(),
    );
}

/// Adds the assessments of a later round to the answers file.
pub(crate) fn add_round(env: &Env, assessments: Vec<Assessment>) {
    let mut history = answers::file::parse(&env.read("mbct-sustain.yaml")).unwrap();
    history.assessments.extend(assessments);
    env.write(
        "mbct-sustain.yaml",
        answers::file::render(&history, false).unwrap(),
    );
}

/// The step done between the rounds, through the tool.
fn done_between(env: &Env) {
    env.cmd()
        .args([
            "plan",
            "done",
            DONE,
            "--on",
            "2026-08-10",
            "--note",
            "Two local groups",
        ])
        .assert()
        .success();
}

/// The team's answer object for `action` in a view's JSON.
fn team_answer(json: &serde_json::Value, action: &str) -> serde_json::Value {
    let domain = action.split('.').next().unwrap();
    let d = find(&json["domains"], "id", domain);
    find(&d["actions"], "action_id", action)["team"].clone()
}

#[test]
fn a_step_done_between_reviews_counts_from_the_next_round_and_round_one_never_changes() {
    let env = Env::new();
    after_round_one(&env);
    let before = env
        .cmd()
        .args(["report", "--at", "1", "--format", "json"])
        .output()
        .unwrap();
    done_between(&env);
    let after = env
        .cmd()
        .args(["report", "--at", "1", "--format", "json"])
        .output()
        .unwrap();
    assert!(before.status.success() && after.status.success());
    assert_eq!(
        String::from_utf8_lossy(&before.stdout),
        String::from_utf8_lossy(&after.stdout),
        "round 1 as it stood, byte for byte"
    );
    let default = env.json(&["report", "--format", "json"]);
    assert_eq!(
        default["pending_steps"][0]["action_id"], DONE,
        "{}",
        default["pending_steps"]
    );
    let table = env.cmd().arg("report").output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("Since round 1: 1 step done (Develop local networks")
            && table.contains("2026-08-10); it counts from the next round."),
        "{table}"
    );
    let plan = env.json(&["plan", "--format", "json"]);
    let done: Vec<&serde_json::Value> = plan["domains"]
        .as_array()
        .unwrap()
        .iter()
        .chain(plan["complete_domains"].as_array().unwrap())
        .flat_map(|d| d["done"].as_array().unwrap())
        .collect();
    assert!(
        done.iter().any(|s| s["action_id"] == DONE),
        "the plan lists it done: {plan}"
    );

    add_round(&env, round("09", &[]));
    let compare = env.json(&["compare", "--format", "json"]);
    let changes = compare["changes"].as_array().unwrap();
    assert_eq!(
        changes.len(),
        1,
        "only the step done in between: {changes:?}"
    );
    assert_eq!(changes[0]["action_id"], DONE);
    assert_eq!(changes[0]["to"], "in-place");
    assert!(compare["slipped"].as_array().unwrap().is_empty(), "no slip");
    let round_one_now = env
        .cmd()
        .args(["report", "--at", "1", "--format", "json"])
        .output();
    assert_eq!(
        String::from_utf8_lossy(&round_one_now.unwrap().stdout),
        String::from_utf8_lossy(&before.stdout),
        "round 2 began: round 1 still as it stood"
    );
}

#[test]
fn agreements_stand_in_the_next_round_with_their_round_date_and_comment() {
    let env = Env::new();
    after_round_one(&env);
    done_between(&env);
    add_round(&env, round("09", &[]));
    let team = env.json(&["team", "--format", "json"]);
    let overridden = team_answer(&team, OVERRIDDEN);
    assert_eq!(overridden["answer"], "in-progress");
    assert_eq!(overridden["source"], "standing");
    assert_eq!(overridden["agreed_round"], 1);
    assert_eq!(overridden["agreed_at"], "2026-06-15T14:00:00Z");
    assert_eq!(overridden["comment"], "Only one pathway so far");
    assert_eq!(overridden["vote"], "override");
    let done = team_answer(&team, DONE);
    assert_eq!(
        (done["answer"].as_str(), done["source"].as_str()),
        (Some("in-place"), Some("done"))
    );
    assert_eq!(done["since"], "2026-08-10");
    assert_eq!(team_answer(&team, SPLIT)["answer"], "not-yet");
    assert_eq!(team_answer(&team, COMMENTED)["vote"], "matches");
    let left = team_answer(&team, LEFT);
    assert_eq!(
        (left["source"].as_str(), left["settled"].as_bool()),
        (Some("rule"), Some(true))
    );
    for status in team["discussion"].as_array().unwrap() {
        assert_eq!(
            status["status"], "settled",
            "nobody changed an answer: {status}"
        );
    }
    let decided: Vec<&str> = team["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["action_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        decided.len(),
        4,
        "every decision in force, on the agenda or not: {decided:?}"
    );
    assert!(decided.contains(&COMMENTED) && decided.contains(&DONE));
}

#[test]
fn the_comment_on_a_point_nobody_disagreed_on_is_in_the_minutes_of_both_rounds() {
    let env = Env::new();
    after_round_one(&env);
    for round_two in [false, true] {
        if round_two {
            add_round(&env, round("09", &[]));
        }
        let md = env
            .cmd()
            .args(["team", "--format", "markdown"])
            .output()
            .unwrap();
        let md = String::from_utf8_lossy(&md.stdout);
        assert!(md.contains("Plan signed off by the board"), "{md}");
        let report = env.json(&["report", "--format", "json"]);
        assert_eq!(
            team_answer(&report, COMMENTED)["comment"],
            "Plan signed off by the board"
        );
    }
}

#[test]
fn a_changed_answer_makes_a_standing_agreement_a_point_to_confirm_at_the_head_of_the_agenda() {
    let env = Env::new();
    after_round_one(&env);
    done_between(&env);
    add_round(&env, round("09", &[]));
    // Round 3: Priya now says Not yet to the overridden point; Alex catches up with the done step.
    add_round(
        &env,
        round("11", &[(OVERRIDDEN, 1, NotYet), (DONE, 2, InPlace)]),
    );
    let team = env.json(&["team", "--format", "json"]);
    let overridden = team_answer(&team, OVERRIDDEN);
    assert_eq!(
        overridden["answer"], "in-progress",
        "one changed answer never overturns it"
    );
    assert_eq!(overridden["to_confirm"], serde_json::json!(["Priya"]));
    let first = &team["discussion"][0];
    assert_eq!(
        (first["action_id"].as_str(), first["status"].as_str()),
        (Some(OVERRIDDEN), Some("to-confirm"))
    );
    let done = team_answer(&team, DONE);
    assert_eq!(
        done["to_confirm"],
        serde_json::json!([]),
        "catching up is not a change"
    );
    let open: Vec<&str> = team["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] != "settled")
        .map(|p| p["action_id"].as_str().unwrap())
        .collect();
    assert_eq!(open, [OVERRIDDEN], "only the point to confirm is open");
    let table = env.cmd().arg("team").output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("To confirm"), "{table}");
}

#[test]
fn a_meeting_with_every_point_settled_asks_nothing_and_says_so() {
    let env = Env::new();
    after_round_one(&env);
    add_round(&env, round("09", &[]));
    let before = env.bytes("mbct-sustain.yaml");
    let out = env.cmd().arg("meeting").output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        said.contains("All 3 points of round 2 are settled"),
        "{said}"
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before, "nothing written");
}

#[test]
fn a_tie_is_named_no_agreement_with_its_split_in_the_team_view_and_on_the_page() {
    let env = Env::new();
    env.write("mbct-sustain.yaml", file_of(round("06", &[])));
    let table = env.cmd().arg("team").output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    let named = "No agreement: 1 In place, 1 Not yet, 1 Don't know";
    assert!(table.contains(named), "{table}");
    env.cmd()
        .args(["report", "--format", "html", "--output", "page.html"])
        .assert()
        .success();
    assert!(env.read("page.html").contains(named));
}

#[test]
fn decisions_and_done_steps_are_refused_with_the_reason_once_their_round_has_closed() {
    let env = Env::new();
    after_round_one(&env);
    add_round(&env, round("09", &[]));
    let before = env.bytes("mbct-sustain.yaml");
    let said = env.fails(
        &["agree", SPLIT, "in-place", "--at", "1"],
        "round 1's meeting is over",
    );
    assert!(said.contains("round 2 began on 2026-09-01"), "{said}");
    let said = env.fails(
        &["plan", "done", DONE, "--on", "2026-08-10"],
        "before round 2 began",
    );
    let agree = format!("`mbct-sustain agree {DONE} in-place`");
    assert!(
        said.contains(&agree),
        "the hint names the action typed: {said}"
    );
    env.fails(&["plan", "done", DONE, "--on", "2999-01-01"], "after today");
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        before,
        "every refusal leaves the file as it was"
    );
}

#[test]
fn leaving_a_point_to_the_rule_undoes_a_mistaken_done_step() {
    let env = Env::new();
    after_round_one(&env);
    done_between(&env);
    env.cmd().args(["agree", DONE, "rule"]).assert().success();
    let plan = env.json(&["plan", "--format", "json"]);
    let listed = serde_json::to_string(&plan).unwrap();
    let done = plan["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["done"].as_array().unwrap())
        .any(|s| s["action_id"] == DONE);
    assert!(!done, "no longer done: {listed}");
}

/// A team of five over `rounds` rounds (June, September): 29 divided points, 25 of them agreed
/// in round 1's meeting (some with comments), evidence, everyone's notes and an 11-step plan.
fn five_people(env: &Env, rounds: usize) {
    let f = mbct_sustain::core::framework::Framework::bundled();
    let ids: Vec<String> = f.actions().map(|(_, a)| a.id.clone()).collect();
    let names = ["Sam", "Priya", "Alex", "Jo", "Kemi"];
    let mut history = History::default();
    for (r, month) in ["06", "09"].iter().enumerate().take(rounds) {
        for (p, name) in names.iter().enumerate() {
            let mut a = assessment(&format!("2026-{month}-0{}T10:00:00Z", p + 1), InPlace, &[]);
            a.respondent = Some(name.to_string());
            for (i, id) in ids.iter().enumerate() {
                // Two in four divided points have a majority (In place, Not yet), the others none.
                let answer = match i {
                    29.. => NotYet,
                    _ if i % 4 == 0 => [InPlace, InPlace, InPlace, NotYet, InProgress][p],
                    _ if i % 4 == 1 => [NotYet, NotYet, NotYet, InPlace, InProgress][p],
                    _ => Answer::ALL[(i + p) % 3],
                };
                a.answers.insert(id.clone(), answer);
            }
            for d in f.domains.iter().take(3) {
                a.notes.insert(
                    d.id.clone(),
                    format!(
                        "{name}'s note for round {}: we talked this through with the team",
                        r + 1
                    ),
                );
            }
            history.assessments.push(a);
        }
    }
    for (i, id) in ids.iter().take(25).enumerate() {
        let mut a = agreed(id, Some(Answer::ALL[i % 4]), None);
        if i % 3 == 0 {
            a.comment = Some(format!(
                "Agreed after a long discussion of point {i}; review in spring"
            ));
        }
        history.agreements.push(a);
    }
    for (i, id) in ids.iter().skip(29).take(11).enumerate() {
        let due = jiff::civil::date(2027, 1 + i as i8 % 12, 15);
        history.plan.set_step(
            id,
            Some(names[i % 5].into()),
            Some(due),
            "2026-06-16T10:00:00Z".parse().unwrap(),
        );
    }
    history.plan.review = Some(mbct_sustain::core::answers::plan::Review::On(
        jiff::civil::date(2026, 9, 1),
    ));
    for id in ids.iter().take(25).step_by(4) {
        history
            .evidence
            .push(mbct_sustain::core::answers::agreed::Evidence {
                action: id.clone(),
                text: "Minutes of the steering group, with the signed-off paper".into(),
                link: Some("https://intranet.example/minutes/2026-06.pdf".into()),
                by: Some("Sam".into()),
                at: "2026-06-20T10:00:00Z".parse().unwrap(),
                removed: None,
            });
    }
    env.write(
        "mbct-sustain.yaml",
        answers::file::render(&history, false).unwrap(),
    );
}

#[test]
#[ignore = "needs Chromium"]
fn the_page_of_a_team_of_five_after_its_meeting_prints_on_at_most_two_a4_pages() {
    for rounds in [1, 2] {
        let env = Env::new();
        five_people(&env, rounds);
        let team = env.json(&["team", "--format", "json"]);
        assert_eq!(
            team["discussion"].as_array().unwrap().len(),
            29,
            "29 agenda points"
        );
        env.cmd()
            .args(["service", "Gwynedd MBCT service"])
            .assert()
            .success();
        env.cmd()
            .args(["report", "--format", "html", "--output", "meeting.html"])
            .assert()
            .success();
        if std::env::var_os("MBCT_SUSTAIN_KEEP_PAGE").is_some() {
            std::fs::copy(env.path("meeting.html"), format!("/tmp/page-{rounds}.html")).unwrap();
        }
        let (text, pages) = printed(&env);
        assert!(pages <= 2, "round {rounds}: {pages} pages");
        assert!(
            text.contains("Gwynedd MBCT service"),
            "the service names the page"
        );
        assert!(
            text.contains("overriding the vote"),
            "overrides told from matches"
        );
        assert!(text.contains("matching the vote"), "{text}");
        assert!(text.contains("review in spring"), "comments shown: {text}");
    }
}

#[test]
fn the_services_name_is_set_shown_and_titles_the_page() {
    let env = Env::new();
    env.write("mbct-sustain.yaml", file_of(round("06", &[])));
    let unset = env.cmd().arg("service").output().unwrap();
    assert!(unset.status.success() && unset.stdout.is_empty());
    assert!(String::from_utf8_lossy(&unset.stderr).contains("`mbct-sustain service NAME` sets it"));
    env.cmd()
        .args(["service", "  Gwynedd MBCT service "])
        .assert()
        .success();
    let shown = env.cmd().arg("service").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&shown.stdout),
        "Gwynedd MBCT service\n"
    );
    env.cmd()
        .args(["report", "--format", "html", "--output", "page.html"])
        .assert()
        .success();
    let page = env.read("page.html");
    assert!(
        page.contains("<h1>Gwynedd MBCT service: The team"),
        "{page}"
    );
    let before = env.bytes("mbct-sustain.yaml");
    env.fails(&["service", "  "], "a service's name cannot be empty");
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
}

#[test]
fn a_withdrawal_corrects_the_round_it_was_in_and_the_views_say_so() {
    let env = Env::new();
    after_round_one(&env);
    add_round(&env, round("09", &[]));
    let before = env.json(&["report", "--at", "1", "--format", "json"]);
    assert_eq!(
        before["round"]["corrections"],
        serde_json::json!([]),
        "{}",
        before["round"]
    );
    // Alex's June assessment was a mistake: assessment 3 as `history` numbers them.
    env.cmd().args(["withdraw", "3"]).assert().success();
    let after = env.json(&["report", "--at", "1", "--format", "json"]);
    let corrections = &after["round"]["corrections"];
    assert_eq!(corrections[0]["kind"], "withdrawn", "{corrections}");
    assert_eq!(corrections[0]["respondent"], "Alex");
    assert_eq!(
        after["round"]["respondents"],
        serde_json::json!(["Sam", "Priya"])
    );
    let table = env.cmd().args(["report", "--at", "1"]).output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("Round 1 corrected on ")
            && table.contains(": an assessment withdrawn (Alex, 2026-06-03)."),
        "{table}"
    );
}

#[test]
fn a_step_done_between_reviews_is_never_overdue_and_every_screen_counts_it_alike() {
    let env = Env::new();
    after_round_one(&env);
    add_round(&env, round("09", &[]));
    env.cmd().args(["plan", "done", DONE]).assert().success();
    let out = env
        .cmd()
        .args([
            "plan",
            "assign",
            DONE,
            "--owner",
            "Sam",
            "--due",
            "2026-11-01",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !said.contains("overdue"), "{said}");
    let compare = env.json(&["compare", "--format", "json"]);
    let plan = &compare["plan"];
    assert_eq!(plan["overdue_steps"], serde_json::json!([]), "{plan}");
    assert_eq!(
        plan["now_in_place"].as_array().map(Vec::len),
        Some(1),
        "{plan}"
    );
    let listed = env.json(&["plan", "--format", "json"]);
    let text = serde_json::to_string(&listed).unwrap();
    assert!(!text.contains("\"overdue\":true"), "{text}");
    env.cmd()
        .args(["report", "--format", "html", "--output", "page.html"])
        .assert()
        .success();
    let page = env.read("page.html");
    assert!(
        !page.contains("Overdue"),
        "a step done is not overdue on the page"
    );
    assert!(
        page.contains("Since round 2: 1 step done"),
        "the page names it as pending"
    );
}

#[test]
fn a_past_round_waits_for_nobody_who_joined_later_and_keeps_its_evidence_as_it_stood() {
    let env = Env::new();
    after_round_one(&env);
    let mut newcomer = round("09", &[]);
    newcomer[2].respondent = Some("Dee".into());
    add_round(&env, newcomer);
    let before = env.json(&["report", "--at", "1", "--format", "json"]);
    assert_eq!(
        before["round"]["awaited"],
        serde_json::json!([]),
        "Dee joined later"
    );
    let latest = env.json(&["report", "--format", "json"]);
    assert_eq!(latest["round"]["awaited"], serde_json::json!(["Alex"]));
    env.cmd()
        .args(["evidence", "add", COMMENTED, "Board minutes, November"])
        .assert()
        .success();
    env.cmd()
        .args(["plan", "review", "--on", "2027-03-01"])
        .assert()
        .success();
    let after = env.json(&["report", "--at", "1", "--format", "json"]);
    assert_eq!(
        after, before,
        "round 1 stays as it stood once round 2 began"
    );
}

#[test]
fn an_agreement_where_the_vote_had_no_majority_is_told_from_an_override() {
    let env = Env::new();
    after_round_one(&env);
    let team = env.json(&["team", "--format", "json"]);
    assert_eq!(team_answer(&team, SPLIT)["vote"], "no-majority");
    assert_eq!(team_answer(&team, OVERRIDDEN)["vote"], "override");
    let table = env.cmd().arg("team").output().unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("where the vote had no majority"), "{table}");
}

#[test]
fn the_team_csv_lists_every_decision_with_its_date_and_comment() {
    let env = Env::new();
    after_round_one(&env);
    let csv = env
        .cmd()
        .args(["team", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |action: &str| {
        rows.iter()
            .find(|r| &r[column("action_id")] == action)
            .unwrap_or_else(|| panic!("no row for {action}: {rows:?}"))
    };
    let commented = row(COMMENTED);
    assert_eq!(
        &commented[column("status")],
        "decided",
        "not on the agenda, still listed"
    );
    assert_eq!(
        &commented[column("team_comment")],
        "Plan signed off by the board"
    );
    assert_eq!(&commented[column("team_agreed_at")], "2026-06-15T14:00:00Z");
    assert_eq!(
        &row(OVERRIDDEN)[column("team_comment")],
        "Only one pathway so far"
    );
}

#[test]
fn the_plan_says_it_counts_the_steps_done_since_its_round() {
    let env = Env::new();
    after_round_one(&env);
    done_between(&env);
    let plan = env.cmd().arg("plan").output().unwrap();
    let plan = String::from_utf8_lossy(&plan.stdout);
    assert!(
        plan.contains("Next steps from the team's round 1")
            && plan.contains("and the steps done since it"),
        "{plan}"
    );
    assert!(plan.contains("Since round 1: 1 step done"), "{plan}");
    let out = env.cmd().args(["withdraw", "abc"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        said.contains("`abc` is not a number; give the number `history` shows"),
        "{said}"
    );
}

/// A copy of the file made at round 1's meeting, holding one agreement the file lacks, recorded
/// at `at`; the file itself has gone on to round 2 (September) without it.
fn a_copy_from_round_ones_meeting(env: &Env, at: &str) {
    let mut made = agreed(SPLIT, Some(InPlace), Some("Settled after the meeting"));
    made.at = at.parse().unwrap();
    let copy = History {
        assessments: round("06", &[]),
        agreements: vec![made],
        ..History::default()
    };
    env.write("copy.yaml", answers::file::render(&copy, false).unwrap());
    let file = History {
        assessments: round("06", &[])
            .into_iter()
            .chain(round("09", &[]))
            .collect(),
        ..History::default()
    };
    env.write(
        "mbct-sustain.yaml",
        answers::file::render(&file, false).unwrap(),
    );
}

#[test]
fn an_agreement_of_round_one_merged_in_after_round_two_began_is_named_as_a_correction() {
    let env = Env::new();
    a_copy_from_round_ones_meeting(&env, "2026-06-15T14:00:00Z");
    let before = env.json(&["report", "--at", "1", "--format", "json"]);
    let merged = env.cmd().args(["merge", "copy.yaml"]).assert().success();
    let said = String::from_utf8_lossy(&merged.get_output().stderr).into_owned();
    assert!(
        said.contains("this merge corrects round 1, which had closed")
            && said.contains("to In place")
            && said.contains("report --at 1"),
        "{said}"
    );
    let after = env.json(&["report", "--at", "1", "--format", "json"]);
    assert_ne!(before, after, "round 1 now counts its meeting's agreement");
    assert_eq!(
        team_answer(&env.json(&["team", "--at", "1", "--format", "json"]), SPLIT)["answer"],
        "in-place"
    );
}

#[test]
fn an_agreement_of_round_one_recorded_after_round_two_began_corrects_nothing_and_is_named() {
    let env = Env::new();
    a_copy_from_round_ones_meeting(&env, "2026-09-20T14:00:00Z");
    let before = env.json(&["report", "--at", "1", "--format", "json"]);
    let merged = env.cmd().args(["merge", "copy.yaml"]).assert().success();
    let said = String::from_utf8_lossy(&merged.get_output().stderr).into_owned();
    assert!(!said.contains("corrects round"), "{said}");
    assert_eq!(
        before,
        env.json(&["report", "--at", "1", "--format", "json"])
    );
    let report = env.cmd().args(["report"]).assert().success();
    let noted = String::from_utf8_lossy(&report.get_output().stderr).into_owned();
    assert!(noted.contains("counts in no round"), "{noted}");
}
