//! Bad answers files and bad frameworks: each gives a clear message naming
//! the file, exit 1, no panic, no hang, and leaves the file as it was.

use crate::common::*;
use mbct_sustain::core::answers::Answer;
use predicates::prelude::*;

/// Runs `report` on an answers file holding `bytes`; checks exit 1, the
/// file named in the message, and the file unchanged. Returns stderr.
#[track_caller]
fn refused_answers(bytes: &[u8]) -> String {
    let env = Env::new();
    env.write("mbct-sustain.yaml", bytes);
    let stderr = env.fails(&["report"], "mbct-sustain.yaml");
    assert!(stderr.contains("hint:"), "says what to do: {stderr}");
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        bytes,
        "the file is left byte-for-byte"
    );
    stderr
}

#[test]
fn a_corrupt_answers_file_names_the_line() {
    let err = refused_answers(
        b"format: 1\nassessments:\n  - taken_at: 2026-09-03T10:00:00Z\n    answers: [unclosed\n",
    );
    assert!(err.contains("line "), "{err}");
    assert!(err.contains("left as it is"), "{err}");
}

#[test]
fn a_future_format_asks_to_upgrade() {
    let err = refused_answers(b"format: 5\nassessments:\n  - whatever: {new: shape}\n");
    assert!(err.contains("newer") && err.contains("upgrade"), "{err}");
    // What a version that reads format 1 meets in a file holding Don't know:
    // the file declares format 2, so that version refuses it the same way.
    let dont_know = file_of(vec![assessment(
        "2026-09-03T10:00:00Z",
        Answer::DontKnow,
        &[],
    )]);
    assert!(
        dont_know.starts_with("#") && dont_know.contains("\nformat: 2\n"),
        "{dont_know}"
    );
    let older = dont_know.replace("\nformat: 2\n", "\nformat: 5\n");
    let err = refused_answers(older.as_bytes());
    assert!(err.contains("written by a newer mbct-sustain"), "{err}");
}

#[test]
fn a_format_number_too_large_for_any_number_type_is_a_newer_format() {
    let err = refused_answers(b"format: 99999999999999999999\nassessments: []\n");
    assert!(
        err.contains("written by a newer mbct-sustain (format 99999999999999999999;"),
        "{err}"
    );
    assert!(err.contains("upgrade"), "{err}");
}

/// The plan of a file, with `due` written as given.
fn plan_due(due: &str) -> String {
    file_of(vec![mixed("2026-09-03T10:00:00Z")]).replacen(
        "\nassessments:",
        &format!("\nplan:\n  actions:\n    networks.buddy:\n      due: {due}\nassessments:"),
        1,
    )
}

#[test]
fn a_wrong_date_is_named_as_a_date_and_a_wrong_time_as_a_date_and_time() {
    for due in [
        "2027-13-31",
        "2027-02-30",
        "2027-01-31T10:00:00Z",
        "next week",
    ] {
        let err = refused_answers(plan_due(due).as_bytes());
        assert!(
            err.contains("`due`: this is not a date like 2026-09-03 (year-month-day)"),
            "{due}: {err}"
        );
    }
    let text = file_of(vec![mixed("2026-09-03T10:00:00Z")]).replacen(
        "2026-09-03T10:00:00Z",
        "2026-09-03",
        1,
    );
    let err = refused_answers(text.as_bytes());
    assert!(
        err.contains("this is not a date and time like 2026-09-03T10:00:00Z (UTC)"),
        "{err}"
    );
}

/// A file whose `section` (placed before the assessments) is `text`.
fn with_section(text: &str) -> String {
    file_of(vec![mixed("2026-09-03T10:00:00Z")]).replacen(
        "\nassessments:",
        &format!("\n{text}assessments:"),
        1,
    )
}

#[test]
fn a_bad_date_in_any_section_is_named_by_field_and_line_and_shown_how_to_write() {
    const DAY: &str = "this is not a date like 2026-09-03 (year-month-day)";
    const TIME: &str = "this is not a date and time like 2026-09-03T10:00:00Z (UTC)";
    let agreement = |round: &str, at: &str| {
        format!(
            "agreements:\n- round: {round}\n  action: networks.buddy\n  answer: in-place\n  \
             at: {at}\n"
        )
    };
    let evidence = |at: &str| {
        format!("evidence:\n- action: networks.buddy\n  text: Buddy scheme\n  at: {at}\n")
    };
    let member = |field: &str, value: &str| format!("team:\n  Sam:\n    {field}: {value}\n");
    for (section, field, bad, words) in [
        (
            agreement("2026-13-01", "2026-12-04T10:30:00Z"),
            "round",
            "2026-13-01",
            DAY,
        ),
        (
            agreement("2026-12-01", "yesterday"),
            "at",
            "yesterday",
            TIME,
        ),
        (
            agreement("2026-12-01", "99999-12-04T10:30:00Z"),
            "at",
            "99999-12-04T10:30:00Z",
            TIME,
        ),
        (evidence("2026-12-04"), "at", "2026-12-04", TIME),
        (evidence("1e999"), "at", "1e999", TIME),
        (member("set_at", "2026-12-04"), "set_at", "2026-12-04", TIME),
        (member("left", "soon"), "left", "soon", DAY),
        (member("joined", "2026-02-30"), "joined", "2026-02-30", DAY),
        (
            "plan:\n  review:\n    on: 2027-03-01\n  review_set_at: noon\n".to_string(),
            "review_set_at",
            "noon",
            TIME,
        ),
        (
            "service:\n  name: Gwynedd MBCT service\n  set_at: tomorrow\n".to_string(),
            "set_at",
            "tomorrow",
            TIME,
        ),
        (
            "agreements:\n- action: networks.buddy\n  answer: in-place\n  since: 2026-10-32\n  \
             at: 2026-12-04T10:30:00Z\n"
                .to_string(),
            "since",
            "2026-10-32",
            DAY,
        ),
    ] {
        let text = with_section(&section);
        let line = text
            .lines()
            .position(|l| l.trim_start().trim_start_matches("- ") == format!("{field}: {bad}"))
            .unwrap()
            + 1;
        let err = refused_answers(text.as_bytes());
        assert!(
            err.contains(&format!("(line {line}")),
            "{field}: {bad}: {err}"
        );
        assert!(
            err.contains(&format!("`{field}`: {words}")),
            "{field}: {bad}: {err}"
        );
        for library in [
            "failed to",
            "civil",
            "timestamp",
            "parameter",
            "overflow",
            "component",
            "not written as YAML",
        ] {
            assert!(!err.contains(library), "{library:?} in {err}");
        }
    }
}

#[test]
fn no_message_is_in_a_parser_s_own_words() {
    let good = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    let broken = [
        good.replacen("format: 1", "format: -1", 1),
        good.replacen("format: 1", "format: 1.5", 1),
        good.replacen("2026-09-03T10:00:00Z", "2026-13-03T10:00:00Z", 1),
        good.replacen("2026-09-03T10:00:00Z", "[2026]", 1),
        good.replacen("answers:", "label: {a: 1}\n  answers:", 1),
        good.replacen("answers:\n", "answers:\n    fit.pathways: [in-place]\n", 1),
        plan_due("2027-01-31T10:00:00Z"),
        plan_due("2027-13-31"),
        plan_due("2027-01-31\n      ownr: Sam"),
        plan_due("2027-01-31\n  review:\n    every_months: -2"),
        plan_due("2027-01-31\n  review:\n    every_months: 200"),
        plan_due("2027-01-31\n  review: {on: 2027-03-01, every_months: 3}"),
        plan_due("\"C:\\new\""),
        good.replacen("format: 1", "format: 1\nlabel: \"a\\qb\"", 1),
        good.replacen("format: 1", "format: 1\nx: [a, b}", 1),
        good.replacen("format: 1", "format: 1\nx: *nowhere", 1),
        good.replacen("format: 1", "format: 1\nx: a\u{7}b", 1),
        with_section(
            "agreements:\n- round: 2026-12-01\n  action: networks.buddy\n  answer: maybe\n  \
             at: 2026-12-04T10:30:00Z\n",
        ),
        with_section(
            "agreements:\n- round: 2026-12-01\n  action: [networks.buddy]\n  \
             at: 2026-12-04T10:30:00Z\n",
        ),
        with_section(
            "agreements:\n- round: 2026-12-01\n  action: networks.buddy\n  \
             at: 2026-12-04T10:30:00Z\n  mood: good\n",
        ),
        with_section(
            "evidence:\n- action: networks.buddy\n  text: {a: 1}\n  at: 2026-12-04T10:30:00Z\n",
        ),
        with_section("evidence:\n- action: networks.buddy\n  at: 2026-12-04T10:30:00Z\n"),
        with_section("evidence: yes\n"),
        with_section("team:\n  Sam: [x]\n"),
        with_section("team:\n  Sam:\n    spellings: 5\n"),
        with_section("team:\n  Sam:\n    left: 2027-01-01T00:00:00Z\n"),
    ];
    for text in broken {
        let err = refused_answers(text.as_bytes());
        for crate_words in [
            "invalid type",
            "invalid value",
            "jiff",
            "u32",
            "u64",
            "u128",
            "floating point",
            "parse",
            "integer",
            "struct ",
            "while scanning",
            "while parsing",
            "did not find",
            "expected one of",
            "unknown variant",
            "failed to",
            "civil",
            "timestamp",
            "parameter",
            "overflow",
            "component",
        ] {
            assert!(!err.contains(crate_words), "{crate_words:?} in: {err}");
        }
    }
}

#[test]
fn an_empty_answers_file_is_refused() {
    let err = refused_answers(b"");
    assert!(err.contains("empty"), "{err}");
    refused_answers(b"\n\n# only a comment\n");
}

#[test]
fn an_unknown_answer_value_names_its_line() {
    let mut text = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    text = text.replacen("fit.pathways: in-place", "fit.pathways: mostly", 1);
    let line = text.lines().position(|l| l.contains("mostly")).unwrap() + 1;
    let err = refused_answers(text.as_bytes());
    assert!(
        err.contains(&format!("line {line}")) && err.contains("mostly"),
        "{err}"
    );
}

#[test]
fn wrong_types_are_refused() {
    refused_answers(b"format: 1\nassessments: yes\n");
    refused_answers(b"format: one\nassessments: []\n");
    refused_answers(b"- just\n- a list\n");
    refused_answers(
        b"format: 1\nassessments:\n  - taken_at: last tuesday\n    framework: \
        {id: a, version: '1'}\n",
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let err = refused_answers(b"format: 1\nassessments:\n  - label: caf\xe9\n");
    assert!(err.contains("UTF-8") && err.contains("line 3"), "{err}");
}

#[test]
fn a_folder_where_the_answers_file_should_be_is_explained() {
    let env = Env::new();
    std::fs::create_dir(env.path("answers")).unwrap();
    env.fails(
        &["--file", "answers", "report"],
        "answers file answers: it is a folder",
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_answers_file_is_explained() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let p = env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root, permissions do not apply: the check runs as another account.
    let mut cmd = env.cmd_as_a_person().expect(
        "setpriv, to run as another account: without it permissions cannot be tested as root",
    );
    cmd.arg("report")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("permission denied"));
}

#[test]
fn unknown_fields_and_ids_survive_a_save() {
    let env = Env::new();
    let text = file_of(vec![mixed("2026-09-03T10:00:00Z")])
        .replacen(
            "answers:\n",
            "reviewed_by: the board\n  answers:\n    retired.action: in-place\n",
            1,
        )
        .replacen("format: 1\n", "format: 1\nregion: North team\n", 1);
    let path = env.write("mbct-sustain.yaml", &text);
    let before = mbct_sustain::core::answers::file::parse(&text).unwrap();
    assert_eq!(
        before.assessments[0].answer("retired.action"),
        Some(mbct_sustain::core::answers::Answer::InPlace)
    );
    mbct_sustain::shell::store::append(&path, &mixed("2026-10-01T10:00:00Z")).unwrap();
    let after = env.read("mbct-sustain.yaml");
    assert!(after.contains("region: North team"), "{after}");
    assert!(after.contains("reviewed_by: the board"), "{after}");
    assert!(after.contains("retired.action: in-place"), "{after}");
    env.cmd().arg("report").assert().success();
}

/// Runs `framework check` on `bytes`; checks exit 1 and a message naming the
/// file. Returns stderr. (How fast a refusal is lives in `cargo bench`.)
#[track_caller]
fn refused_framework(bytes: &[u8]) -> String {
    let env = Env::new();
    env.write("f.yaml", bytes);
    let stderr = env.fails(&["framework", "check", "f.yaml"], "f.yaml");
    // The same file given to a command with --framework is refused the same way.
    env.fails(&["--framework", "f.yaml", "report"], "f.yaml");
    stderr
}

fn bundled() -> String {
    include_str!("../framework.yaml").to_string()
}

#[test]
fn a_duplicate_id_is_named() {
    let err = refused_framework(
        bundled()
            .replacen("id: fit.pathways", "id: fit.evidence-and-need", 1)
            .as_bytes(),
    );
    assert!(
        err.contains("`fit.evidence-and-need` is used more than once"),
        "{err}"
    );
    assert!(err.contains("line "), "{err}");
}

#[test]
fn structural_problems_are_named() {
    assert!(
        refused_framework(
            bundled()
                .replacen("stage: developmental", "stage: later", 1)
                .as_bytes()
        )
        .contains("`later`")
    );
    assert!(
        refused_framework(
            bundled()
                .replacen("text: Annual reporting", "text: \"\"", 1)
                .as_bytes()
        )
        .contains("empty")
    );
    let no_stages =
        "id: x\ntitle: X\nversion: 1\ncompletion_label: Done\nstages: []\ndomains: []\n";
    assert!(refused_framework(no_stages.as_bytes()).contains("no stages"));
    assert!(
        refused_framework(
            b"id: x\ntitle: X\nversion: 1\ncompletion_label: D\nstages: 5\ndomains: []\n"
        )
        .contains("line 5")
    );
    let typo = bundled().replacen("    name: Starting out", "    nmae: Starting out", 1);
    assert!(refused_framework(typo.as_bytes()).contains("nmae"));
    assert!(refused_framework(b"").contains("empty"));
}

#[test]
fn a_billion_laughs_framework_is_refused_not_expanded() {
    let mut y = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, c) in "bcdefghi".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        y += &format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        );
    }
    refused_framework(y.as_bytes());
}

#[test]
fn deep_nesting_is_refused_before_it_reaches_the_parser() {
    let err = refused_framework(format!("x: {}", "[".repeat(40_000)).as_bytes());
    assert!(err.contains("nested"), "{err}");
    refused_answers(format!("format: 1\nx: {}", "[".repeat(40_000)).as_bytes());
}

#[test]
fn a_huge_framework_is_refused_without_reading_it_all() {
    let err = refused_framework(format!("id: x\n# {}\n", "y".repeat(3 * 1024 * 1024)).as_bytes());
    assert!(err.contains("more than the limit"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let env = Env::new();
    env.write(
        "f.yaml",
        [b"\xef\xbb\xbf".as_slice(), bundled().as_bytes()].concat(),
    );
    env.cmd()
        .args(["framework", "check", "f.yaml"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_folders_are_not_read() {
    let env = Env::new();
    std::fs::create_dir(env.path("dir")).unwrap();
    let fifo = env.path("pipe.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Reading any of these would never end: `fails` would hit its hang guard.
    for path in ["/dev/zero", fifo.to_str().unwrap(), "dir"] {
        env.fails(&["framework", "check", path], path);
    }
}

#[test]
fn control_characters_in_a_framework_never_reach_the_terminal_raw() {
    let env = Env::new();
    let evil = bundled().replacen(
        "name: Building a team to deliver",
        "name: \"Building a team\\e]0;pwned\\a\\e[2J to deliver\\u202e\"",
        1,
    );
    env.write("f.yaml", evil);
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    for args in [
        vec!["--framework", "f.yaml", "report"],
        vec!["--framework", "f.yaml", "report", "--format", "markdown"],
        vec!["--framework", "f.yaml", "report", "--format", "csv"],
        vec!["--framework", "f.yaml", "plan"],
        vec!["--framework", "f.yaml", "framework", "show"],
    ] {
        let out = env
            .cmd()
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(!out.contains(&0x1b) && !out.contains(&0x07), "{args:?}");
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{202e}'), "{args:?}");
        if args.len() == 3 {
            assert!(text.contains("\\u{1b}]0;pwned"), "shown visibly: {text}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_half_way_leaves_the_previous_file_intact() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let previous = "previous contents\n".repeat(10);
    env.write("stages.json", &previous);
    let bin = assert_cmd::cargo::cargo_bin("mbct-sustain");
    // A file-size limit of 1 KiB makes the kernel stop the write part-way.
    let status = program(env.dir.path(), "bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1; exec '{}' report --format json --output stages.json",
            bin.display()
        ))
        .status()
        .unwrap();
    assert!(!status.success());
    assert_eq!(env.read("stages.json"), previous);
}

/// The 1-based lines of `text` whose key, after the indentation, is `key`.
fn lines_of(text: &str, key: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn a_key_given_twice_in_the_plan_or_an_assessment_is_refused_with_both_lines_and_the_file_kept() {
    let env = Env::new();
    let text = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    let with_plan =
        |plan: &str| text.replacen("\nassessments:", &format!("\nplan:\n{plan}assessments:"), 1);
    let answer = text.lines().find(|l| l.contains("fit.pathways:")).unwrap();
    let cases = [
        (
            with_plan(
                "  actions:\n    networks.buddy: {owner: Priya}\n    fit.pathways:\n      owner: \
                    Jo\n    networks.buddy: {owner: Sam}\n",
            ),
            "networks.buddy",
        ),
        (
            with_plan(
                "  targets:\n    fit:\n      stage: embedded\n    fit:\n      stage: sustainable\n",
            ),
            "fit",
        ),
        (
            text.replacen(
                answer,
                &format!("{answer}\n{}", answer.replace("in-place", "not-yet")),
                1,
            ),
            "fit.pathways",
        ),
    ];
    for (text, key) in cases {
        env.write("mbct-sustain.yaml", &text);
        // The plan comes before the assessments: its two are the first two.
        let (first, second) = (lines_of(&text, key)[0], lines_of(&text, key)[1]);
        for args in [
            vec!["plan"],
            vec!["plan", "assign", "fit.pathways", "--owner", "Jo"],
            vec!["plan", "target", "fit", "embedded"],
            vec!["report"],
        ] {
            let words = format!("`{key}` is given twice, at lines {first} and {second}");
            let err = env.fails(&args, &words);
            assert!(err.contains("left as it is"), "{err}");
            assert_eq!(
                env.bytes("mbct-sustain.yaml"),
                text.as_bytes(),
                "{args:?} left the file byte for byte"
            );
        }
    }
}
