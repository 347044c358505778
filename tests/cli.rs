//! The command line as a person meets it: help, version, completions, man
//! page, adapted frameworks, where the answers file is found, no terminal.

use crate::common::*;
use predicates::prelude::*;

#[test]
fn help_lists_every_command_with_examples() {
    let env = Env::new();
    let out = env
        .cmd()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for cmd in [
        "assess",
        "report",
        "compare",
        "history",
        "plan",
        "team",
        "framework",
        "completions",
        "man",
    ] {
        assert!(
            out.contains(&format!("\n  {cmd} ")),
            "{cmd} missing from:\n{out}"
        );
    }
    assert!(out.contains("Examples:"));
    assert!(out.contains("mbct-sustain report --format markdown"));
    for cmd in ["assess", "report", "compare", "history", "plan", "team"] {
        env.cmd()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn version_names_the_bundled_framework() {
    Env::new().cmd().arg("--version").assert().success().stdout(
        predicate::str::is_match(r"^mbct-sustain \d+\.\d+\.\d+ \(framework aspire-mbct 1\.0\)\n$")
            .unwrap(),
    );
}

#[test]
fn completions_for_every_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        env.cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("mbct-sustain"))
            .stdout(predicate::str::contains("compare"));
    }
}

#[test]
fn man_prints_roff() {
    Env::new()
        .cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains("\n.TH MBCT-SUSTAIN 1 "));
}

#[test]
fn wrong_usage_exits_2() {
    Env::new().cmd().arg("--no-such-flag").assert().code(2);
    Env::new()
        .cmd()
        .args(["report", "--format", "pdf"])
        .assert()
        .code(2);
    Env::new()
        .cmd()
        .args(["--label", "Spring", "report"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("belong to the assessment"));
}

#[cfg(target_os = "linux")]
#[test]
fn help_or_a_version_written_to_a_full_disk_fails_with_a_message() {
    let run = |args: &[&str]| {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("mbct-sustain"))
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for args in [&["--help"][..], &["report", "--help"], &["--version"]] {
        let (code, stderr) = run(args);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: could not write standard output: the disk is full"),
            "{args:?}: {stderr}"
        );
    }
    let (code, stderr) = run(&["--no-such-flag"]);
    assert_eq!(code, Some(2), "wrong usage is still wrong usage: {stderr}");
    assert!(
        stderr.contains("unexpected argument"),
        "in clap's words: {stderr}"
    );
}

#[test]
fn assess_without_a_terminal_exits_1_mentions_the_terminal_and_writes_nothing() {
    let env = Env::new();
    env.cmd()
        .arg("assess")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("terminal"))
        .stderr(predicate::str::contains("mbct-sustain report"));
    env.fails(&[], "terminal");
    assert_eq!(
        std::fs::read_dir(env.dir.path()).unwrap().count(),
        0,
        "no file was created"
    );
}

#[test]
fn framework_init_writes_the_bundled_copy_and_refuses_to_overwrite() {
    let env = Env::new();
    env.cmd()
        .args(["framework", "init", "my.yaml"])
        .assert()
        .success();
    assert!(
        env.read("my.yaml")
            .ends_with(include_str!("../framework.yaml"))
    );
    assert!(
        env.read("my.yaml")
            .starts_with("# Copied from the bundled framework")
    );
    env.write("my.yaml", "changed");
    let err = env.fails(&["framework", "init", "my.yaml"], "already exists");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(env.read("my.yaml"), "changed");
    env.cmd()
        .args(["framework", "init", "my.yaml", "--force"])
        .assert()
        .success();
    assert!(
        env.read("my.yaml")
            .ends_with(include_str!("../framework.yaml"))
    );
}

#[test]
fn framework_check_gives_a_summary_or_every_problem() {
    let env = Env::new();
    env.cmd()
        .args(["framework", "init", "my.yaml"])
        .assert()
        .success();
    env.cmd()
        .args(["framework", "check", "my.yaml"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("valid framework").and(predicate::str::contains("41 actions")),
        );
    let broken = env
        .read("my.yaml")
        .replacen("id: fit.pathways", "id: fit.evidence-and-need", 1)
        .replacen("stage: sustainable", "stage: someday", 1)
        .replacen("text: Change based on feedback", "text: \"\"", 1);
    env.write("broken.yaml", broken);
    let out = env.fails(&["framework", "check", "broken.yaml"], "broken.yaml");
    let problems: Vec<&str> = out.lines().filter(|l| l.starts_with("  - line ")).collect();
    assert_eq!(problems.len(), 3, "{out}");
    assert!(
        out.contains("fit.evidence-and-need") && out.contains("someday") && out.contains("empty"),
        "{out}"
    );
}

#[test]
fn framework_show_prints_a_tree_yaml_or_json() {
    let env = Env::new();
    env.cmd()
        .args(["framework", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[evaluation.annual-report]"));
    let json = env.json(&["framework", "show", "--format", "json"]);
    assert_eq!(json["domains"].as_array().unwrap().len(), 7);
    let yaml = env
        .cmd()
        .args(["framework", "show", "--format", "yaml"])
        .output()
        .unwrap()
        .stdout;
    let again =
        mbct_sustain::core::framework::from_yaml(std::str::from_utf8(&yaml).unwrap()).unwrap();
    assert_eq!(again.action_count(), 41);
}

#[test]
fn the_answers_file_is_found_from_a_subfolder() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    std::fs::create_dir_all(env.path("minutes/2026")).unwrap();
    env.cmd()
        .current_dir(env.path("minutes/2026"))
        .arg("report")
        .assert()
        .success()
        .stdout(predicate::str::contains("Embedded"));
}

#[test]
fn the_flag_beats_the_environment_which_beats_discovery() {
    let env = Env::new();
    let mut found = mixed("2026-01-01T10:00:00Z");
    found.label = Some("found".into());
    let mut from_env = mixed("2026-01-02T10:00:00Z");
    from_env.label = Some("from-env".into());
    let mut from_flag = mixed("2026-01-03T10:00:00Z");
    from_flag.label = Some("from-flag".into());
    env.write("mbct-sustain.yaml", file_of(vec![found]));
    env.write("env.yaml", file_of(vec![from_env]));
    env.write("flag.yaml", file_of(vec![from_flag]));
    let label = |args: &[&str], use_env: bool| {
        let mut cmd = env.cmd();
        if use_env {
            cmd.env("MBCT_SUSTAIN_FILE", "env.yaml");
        }
        let out = cmd
            .args(["report", "--format", "json"])
            .args(args)
            .output()
            .unwrap()
            .stdout;
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        json["assessment"]["label"].as_str().unwrap().to_string()
    };
    assert_eq!(label(&[], false), "found");
    assert_eq!(label(&[], true), "from-env");
    assert_eq!(label(&["--file", "flag.yaml"], true), "from-flag");
}

#[test]
fn a_different_framework_from_the_latest_assessment_is_mentioned_once() {
    let env = Env::new();
    let mut old = mixed("2026-09-03T10:00:00Z");
    old.framework.version = "0.9".into();
    env.write("mbct-sustain.yaml", file_of(vec![old]));
    let out = env
        .cmd()
        .arg("report")
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.matches("framework aspire-mbct 0.9").count(), 1, "{out}");
    env.cmd()
        .args(["report", "--quiet"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn an_adapted_framework_with_four_stages_reports_four_stage_columns() {
    let env = Env::new();
    env.write("four.yaml", four_stage_framework());
    env.write(
        "answers.yaml",
        "format: 1\nassessments:\n  - taken_at: 2026-09-03T10:00:00Z\n    framework: \
            {id: local, version: '2'}\n    answers:\n      a.1: in-place\n      a.2: in-place\n",
    );
    let out = env
        .cmd()
        .args([
            "--framework",
            "four.yaml",
            "--file",
            "answers.yaml",
            "report",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "domain_id,domain,stage,change,s1,s2,s3,s4"
    );
    assert!(
        text.contains("a,Alpha,Three,,1 of 1,1 of 1,0 of 1,0 of 1"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn bash_completion_completes_options_of_subcommands() {
    let env = Env::new();
    let script = env
        .cmd()
        .args(["completions", "bash"])
        .output()
        .unwrap()
        .stdout;
    env.write("c.bash", script);
    let out = std::process::Command::new("bash")
        .current_dir(env.dir.path())
        .arg("-c")
        .arg(
            "source c.bash; COMP_WORDS=(mbct-sustain report --format ''); COMP_CWORD=3; \
            _mbct__sustain mbct-sustain '' --format; echo \"${COMPREPLY[*]}\"",
        )
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "table markdown csv json html"
    );
}

#[test]
fn output_never_writes_over_a_file_team_read() {
    let env = Env::new();
    let text = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    env.write("sam.yaml", &text);
    env.fails(
        &["team", "sam.yaml", "--output", "sam.yaml"],
        "will not write over",
    );
    assert_eq!(env.read("sam.yaml"), text);
    env.write("mbct-sustain.yaml", &text);
    env.fails(
        &["framework", "init", "mbct-sustain.yaml", "--force"],
        "will not write over the answers file",
    );
    assert_eq!(env.read("mbct-sustain.yaml"), text);
}
