//! Safe and whole: every YAML the tool reads is guarded before the parser sees it, and a file that
//! would take minutes to read is refused or skipped in one line, leaving every file as it was.
//! (How fast a refusal is belongs in `cargo bench` and the closing notes: these tests check what
//! is said and what is kept, never a clock.)

use crate::common::*;

/// 50,000 nested brackets behind an apostrophe inside a plain scalar (`[a 'b, [[[…`), which a
/// guard that takes the apostrophe for a quote never counts: the parser would take 12 seconds.
fn nested_behind_an_apostrophe() -> String {
    format!("x: [a 'b, {}{}\n", "[".repeat(50_000), "]".repeat(50_001))
}

const COPY: &str = "mbct-sustain (Priya's conflicted copy 2026-12-03).yaml";

fn one_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.iter().all(|l| l.chars().count() <= 400),
        "no line over 400 characters: {stderr}"
    );
    stderr
}

#[test]
fn a_conflict_copy_nesting_behind_an_apostrophe_is_named_in_one_line_and_read_no_further() {
    let env = Env::new();
    let file = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    env.write("mbct-sustain.yaml", &file);
    env.write(COPY, nested_behind_an_apostrophe());
    for args in [
        vec!["report"],
        vec!["plan"],
        vec!["people"],
        vec!["history"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        let note: Vec<&str> = one_line(&stderr)
            .lines()
            .filter(|l| l.contains(COPY))
            .collect();
        assert_eq!(note.len(), 1, "{args:?}: {stderr}");
        assert!(
            note[0].contains("cannot be used")
                && note[0].contains("nested too deeply")
                && note[0].contains("line 1"),
            "{}",
            note[0]
        );
    }
    assert_eq!(env.bytes(COPY), nested_behind_an_apostrophe().as_bytes());
    assert_eq!(env.bytes("mbct-sustain.yaml"), file.as_bytes());
}

#[test]
fn deep_nesting_behind_an_apostrophe_is_refused_in_every_file_the_tool_reads() {
    let env = Env::new();
    let good = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    let deep = good.replacen(
        "format: 1\n",
        &format!("format: 1\n{}", nested_behind_an_apostrophe()),
        1,
    );
    // The answers file itself, an adapted framework, a file given to merge, and git's merge driver.
    env.write("deep.yaml", &deep);
    env.write("mbct-sustain.yaml", &good);
    let line = deep
        .lines()
        .position(|l| l.starts_with("x: [a 'b"))
        .unwrap()
        + 1;
    let err = env.fails(&["--file", "deep.yaml", "report"], "nested too deeply");
    assert!(err.contains(&format!("deep.yaml (line {line})")), "{err}");
    one_line(&err);
    let err = env.fails(&["--framework", "deep.yaml", "report"], "nested too deeply");
    one_line(&err);
    let err = env.fails(&["merge", "deep.yaml"], "nested too deeply");
    one_line(&err);
    env.write("base.yaml", &good);
    env.write("ours.yaml", &good);
    let out = env
        .cmd()
        .args(["merge-driver", "base.yaml", "ours.yaml", "deep.yaml"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a driver input that cannot be read is no clean merge"
    );
    one_line(&String::from_utf8_lossy(&out.stderr));
    for (name, bytes) in [
        ("deep.yaml", &deep),
        ("mbct-sustain.yaml", &good),
        ("ours.yaml", &good),
    ] {
        assert_eq!(
            env.bytes(name),
            bytes.as_bytes(),
            "{name} left byte for byte"
        );
    }
}

#[test]
fn a_refusal_deep_in_the_file_names_its_place_in_one_short_line() {
    // Block nesting the guard lets through (it is cheap to parse) still ends at the parser's own
    // limit, with a place 128 steps deep: the message names its ends, not every step.
    let deep = format!("format: 1\nx:\n{}x\nassessments: []\n", "- ".repeat(300));
    let env = Env::new();
    env.write("mbct-sustain.yaml", &deep);
    let err = env.fails(&["report"], "mbct-sustain.yaml");
    assert_eq!(err.lines().count(), 2, "the message and its hint: {err}");
    assert!(err.contains("in `x` item 1, item 1, …"), "{err}");
    assert!(err.lines().next().unwrap().chars().count() < 250, "{err}");
    assert_eq!(env.bytes("mbct-sustain.yaml"), deep.as_bytes());
}

#[test]
fn json_has_no_raw_zero_width_or_invisible_character() {
    let env = Env::new();
    let mut a = mixed("2026-09-03T10:00:00Z");
    a.respondent = Some("Sam\u{200b}\u{2060}\u{feff}".into());
    a.label = Some("Autumn\u{200d} review".into());
    env.write("mbct-sustain.yaml", file_of(vec![a]));
    for args in [
        vec!["report", "--format", "json"],
        vec!["history", "--format", "json"],
        vec!["people", "--format", "json"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for c in ['\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}'] {
            assert!(!text.contains(c), "{args:?} holds U+{:04X} raw", c as u32);
        }
        assert!(text.contains("\\u200b"), "{args:?}: {text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            json.to_string().contains('\u{200b}'),
            "the name reads back whole"
        );
    }
}

#[test]
fn evidence_links_that_carry_a_password_hide_their_site_or_hold_an_escape_are_refused() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let before = env.bytes("mbct-sustain.yaml");
    for (link, rule) in [
        (
            "http://user:pass@intranet.example/x",
            "user name or password before an @",
        ),
        (
            "https://trusted.example@evil.example/",
            "user name or password before an @",
        ),
        (
            "https://trusted.example/\u{1b}]8;;https://evil.example\u{7}x",
            "control or invisible",
        ),
        ("https://a.example/\u{1b}[2J", "control or invisible"),
        (
            "https://evil.example/\u{202e}fdp.exe",
            "control or invisible",
        ),
        ("https://a.example/two words", "a space or a line break"),
        ("https://evil.example\\.trusted.example/", "backslash"),
        ("javascript:alert(1)", "starts https://"),
    ] {
        let args = [
            "evidence",
            "add",
            "networks.buddy",
            "Leaflet",
            "--link",
            link,
        ];
        let err = env.fails(&args, "is not a web address evidence can link to");
        assert!(err.contains(rule), "{link:?}: {err}");
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "shown, never obeyed: {err}"
        );
        assert_eq!(
            env.bytes("mbct-sustain.yaml"),
            before,
            "{link:?} left the file byte for byte"
        );
    }
    env.cmd()
        .args(["evidence", "add", "networks.buddy", "Leaflet"])
        .args(["--link", "https://intranet.example/buddy.pdf"])
        .assert()
        .success();
}

/// A team of Zoë (written as one letter ë), Alex and Straße.
fn zoe_alex_and_strasse() -> Env {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    for name in ["Zo\u{eb}", "Alex", "Stra\u{df}e"] {
        env.cmd().args(["people", "add", name]).assert().success();
    }
    env
}

#[test]
fn people_add_refuses_a_members_name_written_another_way_or_in_look_alike_letters() {
    let env = zoe_alex_and_strasse();
    let before = env.bytes("mbct-sustain.yaml");
    for (name, said) in [
        ("Zoe\u{308}", "is already a name Zo\u{eb} goes by"),
        ("ZO\u{cb}", "is already a name Zo\u{eb} goes by"),
        ("STRASSE", "is already a name Stra\u{df}e goes by"),
        ("\u{410}lex", "looks like Alex (one letter is Cyrillic)"),
        (
            "\u{410}l\u{435}x",
            "looks like Alex (2 letters are Cyrillic)",
        ),
    ] {
        let err = env.fails(&["people", "add", name], said);
        assert!(err.contains("left as it was"), "{err}");
        assert_eq!(
            env.bytes("mbct-sustain.yaml"),
            before,
            "{name:?}: the file as it was"
        );
    }
    let people = env.json(&["people", "--format", "json"]);
    assert_eq!(people["members"].as_array().unwrap().len(), 3, "{people}");
    // Someone else whose name only looks like Alex's is added when the team says so.
    env.cmd()
        .args(["people", "add", "\u{410}lex", "--new"])
        .assert()
        .success();
}

#[test]
fn one_login_account_is_one_members() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    env.cmd()
        .args(["people", "add", "Sam", "--account", "sam.jones"])
        .assert()
        .success();
    let before = env.bytes("mbct-sustain.yaml");
    env.fails(
        &["people", "add", "Samuel", "--account", "SAM.JONES"],
        "the login account `SAM.JONES` is already Sam's",
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
}

#[test]
fn a_leave_date_far_from_today_is_noted_and_one_outside_the_years_refused() {
    let env = zoe_alex_and_strasse();
    let before = env.bytes("mbct-sustain.yaml");
    for day in ["1899-12-31", "3000-01-01"] {
        let out = env
            .cmd()
            .args(["people", "leave", "Alex", "--on", day])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("between the years 1900 and 2999"), "{err}");
        assert_eq!(env.bytes("mbct-sustain.yaml"), before);
    }
    for (day, way) in [("1900-01-01", "before"), ("2099-01-01", "after")] {
        let out = env
            .cmd()
            .args(["people", "leave", "Alex", "--on", day])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains(&format!("{day} is more than a year {way} today")),
            "{err}"
        );
    }
}

/// A draft of a walk beside the answers file, by `who` (none: no name), last answered at `at`.
fn draft(env: &Env, file: &str, who: Option<&str>, at: &str) {
    let respondent = who.map_or(String::new(), |w| format!("respondent: {w}\n"));
    env.write(
        file,
        format!(
            "started_at: {at}\nupdated_at: {at}\n{respondent}framework: {{id: aspire-mbct, \
             version: '1.0'}}\nanswers: {{fit.evidence-and-need: in-place}}\n"
        ),
    );
}

#[test]
fn a_one_person_team_with_a_rerun_and_a_nameless_draft_from_2020_has_one_of_one_answered() {
    let env = Env::new();
    let hours_ago = |h: i64| jiff::Timestamp::now() - jiff::SignedDuration::from_hours(h);
    let mut sam = mixed(&hours_ago(5).to_string());
    sam.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![sam]));
    draft(
        &env,
        "mbct-sustain.yaml.draft-20261207T050000Z-abcdefghij",
        Some("Sam"),
        &hours_ago(1).to_string(),
    );
    draft(
        &env,
        "mbct-sustain.yaml.draft-20200301T100000Z-klmnopqrst",
        None,
        "2020-03-01T10:00:00Z",
    );
    let out = env.cmd().arg("status").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.contains("1 of 1 answered; nobody is awaited."),
        "{text}"
    );
    assert!(text.contains("Sam: a rerun in progress"), "{text}");
    assert!(
        text.contains("An old draft, not counted: one with no name (last answer 2020-03-01)"),
        "{text}"
    );
    let s = env.json(&["status", "--format", "json"]);
    assert_eq!(s["in_progress"], serde_json::json!([]));
    assert_eq!(s["reruns"][0]["name"], "Sam");
    assert_eq!(s["old_drafts"][0]["why"], "no-name");
    assert_eq!(s["old_drafts"][0]["name"], serde_json::Value::Null);
}

#[test]
fn a_draft_nesting_deeply_is_skipped_by_status_with_a_one_line_note() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let name = "mbct-sustain.yaml.draft-20261207T050000Z-abcdefghij";
    let deep = format!("started_at: [a 'b, {}\n", "[".repeat(50_000));
    env.write(name, &deep);
    let out = env.cmd().arg("status").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let note: Vec<&str> = one_line(&stderr)
        .lines()
        .filter(|l| l.contains(name))
        .collect();
    assert_eq!(note.len(), 1, "{stderr}");
    assert!(
        note[0].contains("skipped") && note[0].contains("too deeply"),
        "{stderr}"
    );
    assert_eq!(
        env.bytes(name),
        deep.as_bytes(),
        "the draft is left as it is"
    );
}
