//! A save writes what a full render of the same history writes: the assessments' bytes kept as
//! they are, the sections before them written anew (`core::answers::splice`), through the binary.

use crate::common::*;
use mbct_sustain::core::answers::roster::Member;
use mbct_sustain::core::answers::{self, Answer, History};

/// A team's file of three assessments, with a field and a section another version wrote, in the
/// line ends given.
fn team_file(env: &Env, crlf: bool) -> String {
    let mut history = History {
        assessments: vec![
            mixed("2026-09-01T10:00:00Z"),
            assessment("2026-09-02T10:00:00Z", Answer::InPlace, &[]),
            mixed("2026-09-03T10:00:00Z"),
        ],
        ..History::default()
    };
    history.assessments[1].respondent = Some("Sam".into());
    history.assessments[1]
        .extra
        .insert("reviewed_by".into(), "Jo".into());
    history.extra.insert("region".into(), "North".into());
    history.team.insert("Sam".into(), Member::default());
    let text = answers::file::render(&history, crlf).unwrap();
    env.write("mbct-sustain.yaml", &text);
    text
}

/// The file as a full render of what it holds writes it.
fn rendered(text: &str) -> String {
    let history = answers::file::parse(text).unwrap();
    answers::file::render(&history, text.contains("\r\n")).unwrap()
}

/// From `assessments:` to the end.
fn assessments_of(text: &str) -> &str {
    &text[text.find("assessments:").unwrap()..]
}

#[test]
fn a_plan_change_keeps_the_assessments_bytes_and_writes_what_a_full_render_writes() {
    for crlf in [false, true] {
        let env = Env::new();
        let before = team_file(&env, crlf);
        for owner in ["Priya", "Jo"] {
            env.cmd()
                .args(["plan", "assign", "networks.buddy", "--owner", owner])
                .assert()
                .success();
            let after = env.read("mbct-sustain.yaml");
            assert_eq!(
                assessments_of(&after),
                assessments_of(&before),
                "crlf: {crlf}"
            );
            assert_eq!(after, rendered(&after), "crlf: {crlf}");
            assert!(after.contains(&format!("owner: {owner}")), "{after}");
            assert!(after.contains("region: North") && after.contains("reviewed_by: Jo"));
            assert_eq!(after.contains("\r\n"), crlf);
            assert!(!crlf || !after.replace("\r\n", "").contains('\n'));
        }
    }
}

#[test]
fn a_head_edited_by_hand_is_written_whole_as_the_tool_lays_it_out() {
    let env = Env::new();
    let text = team_file(&env, false).replace("region: North", "region: North   # ours");
    env.write("mbct-sustain.yaml", &text);
    env.cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", "Priya"])
        .assert()
        .success();
    let after = env.read("mbct-sustain.yaml");
    assert!(!after.contains("# ours"), "{after}");
    assert_eq!(after, rendered(&after));
}
