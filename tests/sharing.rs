//! Sharing the answers file: through git with the merge driver, through a
//! synced folder's conflict copies, and one file each merged by hand. No
//! assessment is lost at any step.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;
use mbct_sustain::core::answers::{self, Answer, Assessment, History};

fn by(name: &str, when: &str) -> Assessment {
    let mut a = assessment(when, Answer::NotYet, &[]);
    a.respondent = Some(name.into());
    a
}

fn load(path: &Path) -> History {
    answers::file::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn add(path: &Path, a: Assessment) {
    let mut h = load(path);
    h.assessments.push(a);
    std::fs::write(path, answers::file::render(&h, false).unwrap()).unwrap();
}

/// Who answered, in the file's order.
fn respondents(path: &Path) -> Vec<String> {
    load(path)
        .assessments
        .iter()
        .map(|a| a.respondent.clone().unwrap_or_default())
        .collect()
}

/// Git, and the built binary, run as a person would in a clone: its own
/// home, no system config, the binary on PATH.
struct Git {
    root: PathBuf,
}

impl Git {
    fn env(&self, cmd: &mut std::process::Command) {
        let bin = assert_cmd::cargo::cargo_bin("mbct-sustain");
        let path = std::env::join_paths(
            std::iter::once(bin.parent().unwrap().to_path_buf())
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        for outside in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_CONFIG_GLOBAL",
            "XDG_CONFIG_HOME",
        ] {
            cmd.env_remove(outside);
        }
        cmd.env("HOME", &self.root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_AUTHOR_NAME", "Sam")
            .env("GIT_AUTHOR_EMAIL", "sam@example.org")
            .env("GIT_COMMITTER_NAME", "Sam")
            .env("GIT_COMMITTER_EMAIL", "sam@example.org")
            .env("PATH", path);
    }

    fn run(&self, program: &str, dir: &str, args: &[&str]) -> Output {
        let mut cmd = crate::common::program(&self.root.join(dir), program);
        self.env(&mut cmd);
        cmd.args(args).output().expect("runs")
    }

    #[track_caller]
    fn ok(&self, program: &str, dir: &str, args: &[&str]) -> String {
        let out = self.run(program, dir, args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{program} {args:?} in {dir}: {text}");
        text
    }

    fn tool(&self, dir: &str, args: &[&str]) -> String {
        self.ok(
            assert_cmd::cargo::cargo_bin("mbct-sustain")
                .to_str()
                .unwrap(),
            dir,
            args,
        )
    }
}

/// Each step's owner in `plan --format json`, by action id.
fn owners(g: &Git, dir: &str) -> Vec<(String, String)> {
    let plan: serde_json::Value =
        serde_json::from_str(&g.tool(dir, &["plan", "--format", "json"])).unwrap();
    let mut out = Vec::new();
    for d in plan["domains"].as_array().unwrap() {
        for s in d["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| !s["owner"].is_null())
        {
            out.push((
                s["action_id"].as_str().unwrap().to_string(),
                s["owner"].as_str().unwrap().to_string(),
            ));
        }
    }
    out.sort();
    out
}

fn pair(action: &str, owner: &str) -> (String, String) {
    (action.to_string(), owner.to_string())
}

#[test]
fn through_git_two_clones_additions_merge_without_a_conflict_and_the_later_of_two_changes_wins() {
    let env = Env::new();
    let g = Git {
        root: env.dir.path().to_path_buf(),
    };
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "not checked: git is not installed here");
        return;
    }
    g.ok(
        "git",
        ".",
        &["init", "-q", "--bare", "-b", "main", "origin.git"],
    );
    g.ok("git", ".", &["clone", "-q", "origin.git", "a"]);
    env.write(
        "a/mbct-sustain.yaml",
        file_of(vec![by("Sam", "2026-11-20T10:00:00Z")]),
    );
    let said = g.tool("a", &["git-setup"]);
    assert!(
        said.contains("merge=mbct-sustain") && said.contains("merge-driver %O %A %B"),
        "{said}"
    );
    assert_eq!(
        env.read("a/.gitattributes"),
        "mbct-sustain.yaml merge=mbct-sustain\n"
    );
    g.tool("a", &["git-setup"]);
    assert_eq!(
        env.read("a/.gitattributes"),
        "mbct-sustain.yaml merge=mbct-sustain\n",
        "appended once"
    );
    g.ok("git", "a", &["add", ".gitattributes", "mbct-sustain.yaml"]);
    g.ok("git", "a", &["commit", "-qm", "answers"]);
    g.ok("git", "a", &["push", "-q", "origin", "main"]);
    g.ok("git", ".", &["clone", "-q", "origin.git", "b"]);
    g.tool("b", &["git-setup"]);

    // Each adds an assessment and a plan step, and commits only the answers file.
    add(
        &env.path("a/mbct-sustain.yaml"),
        by("Alex", "2026-12-01T10:00:00Z"),
    );
    g.tool(
        "a",
        &["plan", "assign", "evaluation.plan", "--owner", "Alex"],
    );
    g.ok("git", "a", &["commit", "-qam", "Alex"]);
    g.ok("git", "a", &["push", "-q", "origin", "main"]);
    add(
        &env.path("b/mbct-sustain.yaml"),
        by("Priya", "2026-12-02T10:00:00Z"),
    );
    g.tool(
        "b",
        &[
            "plan",
            "assign",
            "governance.accountable",
            "--owner",
            "Priya",
        ],
    );
    g.ok("git", "b", &["commit", "-qam", "Priya"]);
    g.ok("git", "b", &["pull", "-q", "--no-rebase", "origin", "main"]);
    assert_eq!(
        respondents(&env.path("b/mbct-sustain.yaml")),
        ["Sam", "Alex", "Priya"]
    );
    assert_eq!(
        owners(&g, "b"),
        [
            pair("evaluation.plan", "Alex"),
            pair("governance.accountable", "Priya")
        ]
    );
    g.ok("git", "b", &["push", "-q", "origin", "main"]);
    g.ok("git", "a", &["pull", "-q", "--no-rebase", "origin", "main"]);

    // One step given different owners a few seconds apart: the later wins,
    // here the one pulled in, and git is told of the conflict.
    g.tool("b", &["plan", "assign", "networks.buddy", "--owner", "Sam"]);
    g.ok("git", "b", &["commit", "-qam", "Sam owns it"]);
    std::thread::sleep(std::time::Duration::from_secs(2));
    g.tool(
        "a",
        &["plan", "assign", "networks.buddy", "--owner", "Priya"],
    );
    g.ok("git", "a", &["commit", "-qam", "Priya owns it"]);
    g.ok("git", "a", &["push", "-q", "origin", "main"]);
    let pulled = g.run("git", "b", &["pull", "--no-rebase", "origin", "main"]);
    assert!(
        !pulled.status.success(),
        "a true conflict is git's to know of"
    );
    let text = env.read("b/mbct-sustain.yaml");
    assert!(
        text.starts_with("# mbct-sustain merge: 1 conflict: networks.buddy: owner Priya (theirs"),
        "{text}"
    );
    assert!(!text.contains("<<<<<<<"), "{text}");
    assert_eq!(owners(&g, "b")[2], pair("networks.buddy", "Priya"));
    assert_eq!(
        respondents(&env.path("b/mbct-sustain.yaml")),
        ["Sam", "Alex", "Priya"]
    );
}

#[test]
fn git_setup_refuses_outside_a_git_repository() {
    let env = Env::new();
    let err = env.fails(&["git-setup"], "is not in a git repository");
    assert!(err.contains("git init"), "{err}");
    assert!(!env.path(".gitattributes").exists());
}

const DROPBOX: &str = "mbct-sustain (Priya's conflicted copy 2026-12-03).yaml";
const ONEDRIVE: &str = "mbct-sustain-LAPTOP-7.yaml";

/// The answers file with Sam's and Alex's assessments, and two conflict
/// copies beside it, each holding one assessment more.
fn synced_folder(env: &Env) {
    let both = [
        by("Sam", "2026-12-01T10:00:00Z"),
        by("Alex", "2026-12-02T10:00:00Z"),
    ];
    env.write("mbct-sustain.yaml", file_of(both.to_vec()));
    env.write(
        DROPBOX,
        file_of([both.to_vec(), vec![by("Priya", "2026-12-03T10:00:00Z")]].concat()),
    );
    env.write(
        ONEDRIVE,
        file_of([vec![by("Jo", "2026-12-03T11:00:00Z")], both.to_vec()].concat()),
    );
}

#[test]
fn conflict_copies_are_named_then_merged_once_and_removed_with_no_assessment_lost() {
    let env = Env::new();
    synced_folder(&env);
    let out = env.cmd().arg("report").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(
        stderr.contains(&format!("{DROPBOX} (a sync service's conflict copy) holds")),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 assessment (Priya 2026-12-03)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("`mbct-sustain merge {ONEDRIVE}` brings it in")),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"merge "mbct-sustain (Priya's conflicted copy 2026-12-03).yaml"`"#),
        "{stderr}"
    );
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(
        status["conflict_copies"].as_array().unwrap().len(),
        2,
        "{status}"
    );

    let said = env
        .cmd()
        .args(["merge", DROPBOX, ONEDRIVE])
        .output()
        .unwrap();
    assert!(said.status.success());
    let said = String::from_utf8_lossy(&said.stderr);
    assert!(
        said.contains("brought: 1 assessment (Priya 2026-12-03)")
            && said.contains("(Jo 2026-12-03)"),
        "{said}"
    );
    assert_eq!(
        respondents(&env.path("mbct-sustain.yaml")),
        ["Sam", "Alex", "Priya", "Jo"]
    );
    let after = env.cmd().arg("report").output().unwrap();
    assert!(
        !String::from_utf8_lossy(&after.stderr).contains("conflict copy"),
        "merged copies hold nothing new"
    );

    let merged = env.bytes("mbct-sustain.yaml");
    let again = env
        .cmd()
        .args(["merge", DROPBOX, ONEDRIVE])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("brought: nothing new"));
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        merged,
        "a second merge adds nothing"
    );

    env.cmd()
        .args(["merge", "--remove-merged", DROPBOX, ONEDRIVE])
        .assert()
        .success();
    assert!(!env.path(DROPBOX).exists() && !env.path(ONEDRIVE).exists());
    assert_eq!(
        respondents(&env.path("mbct-sustain.yaml")),
        ["Sam", "Alex", "Priya", "Jo"]
    );
}

#[test]
fn a_copy_is_removed_only_once_everything_in_it_is_in_the_answers_file() {
    let env = Env::new();
    synced_folder(&env);
    env.write("priya.yaml", env.read(DROPBOX));
    // Read-only, the answers file cannot take the copy in: nothing is removed.
    let file = env.path("mbct-sustain.yaml");
    let mut perms = std::fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&file, perms.clone()).unwrap();
    env.fails(&["merge", "--remove-merged", DROPBOX], "read-only");
    assert!(env.path(DROPBOX).exists());
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&file, perms).unwrap();
    let said = env
        .cmd()
        .args(["merge", "--remove-merged", "priya.yaml"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&said.stderr).contains("kept: not a sync service's conflict copy")
    );
    assert!(
        env.path("priya.yaml").exists(),
        "a colleague's own file is theirs to remove"
    );
}

#[test]
fn a_dry_run_says_what_would_come_in_and_leaves_the_file_byte_for_byte() {
    let env = Env::new();
    synced_folder(&env);
    let before = env.bytes("mbct-sustain.yaml");
    let out = env
        .cmd()
        .args(["merge", "--dry-run", DROPBOX])
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("would bring: 1 assessment (Priya 2026-12-03)")
            && said.contains("nothing was written"),
        "{said}"
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
    assert!(env.path(DROPBOX).exists());
}

#[test]
fn a_file_each_merged_by_the_lead_reports_a_conflict_with_both_values_and_dates() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![by("Sam", "2026-12-01T10:00:00Z")]),
    );
    env.write(
        "priya.yaml",
        file_of(vec![by("Priya", "2026-12-03T10:00:00Z")]),
    );
    env.cmd()
        .args(["plan", "assign", "networks.buddy", "--owner", "Sam"])
        .assert()
        .success();
    env.cmd()
        .args([
            "--file",
            "priya.yaml",
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "Priya",
        ])
        .assert()
        .success();
    env.cmd()
        .args([
            "--file",
            "priya.yaml",
            "plan",
            "assign",
            "evaluation.plan",
            "--owner",
            "Priya",
        ])
        .assert()
        .success();
    let out = env.cmd().args(["merge", "priya.yaml"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "brought: 1 assessment (Priya 2026-12-03), 1 plan change; 1 conflict: networks.buddy: \
                owner Priya (theirs, "
        ),
        "{said}"
    );
    assert!(said.contains(") over owner Sam (ours, "), "{said}");
    assert_eq!(
        respondents(&env.path("mbct-sustain.yaml")),
        ["Sam", "Priya"]
    );
    let plan = load(&env.path("mbct-sustain.yaml")).plan;
    assert_eq!(
        plan.actions["networks.buddy"].owner.as_deref(),
        Some("Priya"),
        "the later wins"
    );
}

// ---- Copies that converge -------------------------------------------------------------------

/// Whether `git` can be run here (else the git tests say so and pass).
fn has_git() -> bool {
    let ok = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    if !ok {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "not checked: git is not installed here");
    }
    ok
}

/// Two clones, `a` and `b`, of a repository holding `text` as the answers file, each set up
/// with `git-setup`.
fn clones(env: &Env, text: String) -> Git {
    let g = Git {
        root: env.dir.path().to_path_buf(),
    };
    g.ok(
        "git",
        ".",
        &["init", "-q", "--bare", "-b", "main", "origin.git"],
    );
    g.ok("git", ".", &["clone", "-q", "origin.git", "a"]);
    env.write("a/mbct-sustain.yaml", text);
    g.tool("a", &["git-setup"]);
    g.ok("git", "a", &["add", "-A"]);
    g.ok("git", "a", &["commit", "-qm", "answers"]);
    g.ok("git", "a", &["push", "-q", "origin", "main"]);
    g.ok("git", ".", &["clone", "-q", "origin.git", "b"]);
    g.tool("b", &["git-setup"]);
    g
}

/// Commits everything in `dir` and pushes it.
fn push(g: &Git, dir: &str, message: &str) {
    g.ok("git", dir, &["commit", "-qam", message]);
    g.ok("git", dir, &["push", "-q", "origin", "main"]);
}

/// Runs the tool in `env`'s folder; returns stderr, requiring success.
#[track_caller]
fn said(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {err}");
    err
}

/// The team's answer to each action, as `team --format json` gives it (answer and source).
fn team_answers(env: &Env, file: &str) -> Vec<String> {
    let team = env.json(&["--file", file, "team", "--format", "json"]);
    let mut out = Vec::new();
    for d in team["domains"].as_array().unwrap() {
        for a in d["actions"].as_array().unwrap() {
            out.push(format!(
                "{} {} {}",
                a["action_id"], a["team"]["answer"], a["team"]["split"]
            ));
        }
    }
    out
}

/// Each member's name and spellings, as `people --format json` lists them.
fn members(env: &Env, file: &str) -> Vec<(String, Vec<String>)> {
    let people = env.json(&["--file", file, "people", "--format", "json"]);
    let mut out: Vec<(String, Vec<String>)> = people["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let mut s: Vec<String> = m["spellings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            s.sort();
            (m["name"].as_str().unwrap().to_string(), s)
        })
        .collect();
    out.sort();
    out
}

/// Priya answered twice, once as "Pryia"; Sam and Alex once. The first action: Priya said In
/// place, then (as Pryia) Not yet; Sam In place; Alex Not yet.
fn pryia_file() -> String {
    let first = "fit.evidence-and-need";
    let with = |name: &str, when: &str, answer: Answer| {
        let mut a = assessment(when, Answer::NotYet, &[(first, answer)]);
        a.respondent = Some(name.into());
        a
    };
    file_of(vec![
        with("Priya", "2026-11-20T10:00:00Z", Answer::InPlace),
        with("Sam", "2026-11-20T11:00:00Z", Answer::InPlace),
        with("Pryia", "2026-11-21T10:00:00Z", Answer::NotYet),
        with("Alex", "2026-11-21T11:00:00Z", Answer::NotYet),
    ])
}

#[test]
fn a_people_merge_in_one_copy_gives_one_priya_merged_either_way_and_through_a_git_pull() {
    let env = Env::new();
    env.write("old.yaml", pryia_file());
    env.write("new.yaml", pryia_file());
    said(
        &env,
        &["--file", "new.yaml", "people", "merge", "Pryia", "Priya"],
    );
    env.write("old-into.yaml", env.read("old.yaml"));
    env.write("new-into.yaml", env.read("new.yaml"));
    said(&env, &["--file", "old-into.yaml", "merge", "new.yaml"]);
    said(&env, &["--file", "new-into.yaml", "merge", "old.yaml"]);
    let one_priya = vec![
        ("Alex".to_string(), vec![]),
        ("Priya".to_string(), vec!["Pryia".to_string()]),
        ("Sam".to_string(), vec![]),
    ];
    for file in ["old-into.yaml", "new-into.yaml"] {
        assert_eq!(members(&env, file), one_priya, "{file}");
        assert_eq!(
            load(&env.path(file)).assessments.len(),
            4,
            "each assessment once: {file}"
        );
    }
    let answers = team_answers(&env, "new-into.yaml");
    assert_eq!(
        team_answers(&env, "old-into.yaml"),
        answers,
        "the same team answers"
    );
    assert!(
        answers[0].contains(r#""not-yet" {"in-place":1,"not-yet":2}"#),
        "{}",
        answers[0]
    );

    if !has_git() {
        return;
    }
    let g = clones(&env, pryia_file());
    g.tool("a", &["people", "merge", "Pryia", "Priya"]);
    push(&g, "a", "Pryia is Priya");
    g.tool("b", &["plan", "assign", "networks.buddy", "--owner", "Sam"]);
    g.ok("git", "b", &["commit", "-qam", "a step"]);
    g.ok("git", "b", &["pull", "-q", "origin", "main"]);
    assert_eq!(members(&env, "b/mbct-sustain.yaml"), one_priya);
    assert_eq!(load(&env.path("b/mbct-sustain.yaml")).assessments.len(), 4);
    assert_eq!(team_answers(&env, "b/mbct-sustain.yaml"), answers);
}

#[test]
fn remove_merged_keeps_a_copy_whose_step_lost_a_conflict_or_whose_field_the_file_lacks() {
    let env = Env::new();
    let both = [
        by("Sam", "2026-12-01T10:00:00Z"),
        by("Alex", "2026-12-02T10:00:00Z"),
    ];
    env.write("mbct-sustain.yaml", file_of(both.to_vec()));
    env.write(DROPBOX, env.read("mbct-sustain.yaml"));
    said(
        &env,
        &[
            "--file",
            DROPBOX,
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "Priya",
            "--due",
            "2027-01-31",
        ],
    );
    said(
        &env,
        &["plan", "assign", "networks.buddy", "--owner", "Sam"],
    );
    env.write(
        ONEDRIVE,
        env.read("mbct-sustain.yaml")
            .replace("format: 3\n", "format: 3\nregion: Aberdeen\n"),
    );
    let file = env
        .read("mbct-sustain.yaml")
        .replace("format: 3\n", "format: 3\nregion: York\n");
    env.write("mbct-sustain.yaml", file);
    let copies = [env.bytes(DROPBOX), env.bytes(ONEDRIVE)];
    let out = said(&env, &["merge", "--remove-merged", DROPBOX, ONEDRIVE]);
    assert_eq!(
        [env.bytes(DROPBOX), env.bytes(ONEDRIVE)],
        copies,
        "kept byte for byte: {out}"
    );
    assert!(
        out.contains(&format!(
            "{DROPBOX}: kept: it holds what the answers file does not (networks.buddy: owner \
                Priya, due 2027-01-31)"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{ONEDRIVE}: kept: it holds what the answers file does not (region: Aberdeen)"
        )),
        "{out}"
    );
    assert!(!out.contains("removed"), "{out}");
}

#[test]
fn a_copy_rewritten_while_it_is_merged_is_never_removed_unread() {
    use std::io::{BufRead, Write};
    let env = Env::new();
    synced_folder(&env);
    let mut child =
        crate::common::program(env.dir.path(), assert_cmd::cargo::cargo_bin("mbct-sustain"))
            .args(["merge", "--remove-merged", DROPBOX])
            .env("MBCT_SUSTAIN_TEST_PAUSE_BEFORE_REMOVING", "1")
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("paused before removing") {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "ended early: {seen}"
        );
        seen.push_str(&line);
    }
    // The sync service writes the copy again, with one more assessment.
    let mut h = load(&env.path(DROPBOX));
    h.assessments.push(by("Jo", "2026-12-04T10:00:00Z"));
    let rewritten = answers::file::render(&h, false).unwrap();
    env.write(DROPBOX, &rewritten);
    child.stdin.take().unwrap().write_all(b"\n").unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{seen}{rest}");
    assert_eq!(
        env.read(DROPBOX),
        rewritten,
        "the new copy is kept, unread bytes and all"
    );
    assert!(
        rest.contains("kept: it changed while it was being merged"),
        "{rest}"
    );
    let left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("removing"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn git_setup_refuses_a_gitattributes_it_cannot_read_as_text_or_that_is_a_link() {
    if !has_git() {
        return;
    }
    let env = Env::new();
    let g = Git {
        root: env.dir.path().to_path_buf(),
    };
    g.ok("git", ".", &["init", "-q", "repo"]);
    env.write(
        "repo/mbct-sustain.yaml",
        file_of(vec![by("Sam", "2026-12-01T10:00:00Z")]),
    );
    let latin1 = b"# caf\xe9 (Latin-1)\n*.psd filter=lfs diff=lfs merge=lfs -text\n".to_vec();
    env.write("repo/.gitattributes", &latin1);
    let run = |g: &Git| {
        g.run(
            assert_cmd::cargo::cargo_bin("mbct-sustain")
                .to_str()
                .unwrap(),
            "repo",
            &["git-setup"],
        )
    };
    let out = run(&g);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(".gitattributes was left as it is: it is not UTF-8 text"),
        "{err}"
    );
    assert_eq!(env.bytes("repo/.gitattributes"), latin1);
    assert!(
        !env.path("repo/.gitignore").exists(),
        "nothing written before the refusal"
    );

    #[cfg(unix)]
    {
        std::fs::remove_file(env.path("repo/.gitattributes")).unwrap();
        env.write("outside.txt", "not the repository's\n");
        std::os::unix::fs::symlink(env.path("outside.txt"), env.path("repo/.gitattributes"))
            .unwrap();
        let out = run(&g);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("it is a symbolic link"), "{err}");
        assert_eq!(env.read("outside.txt"), "not the repository's\n");
        assert!(
            std::fs::symlink_metadata(env.path("repo/.gitattributes"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn git_setup_keeps_crlf_ends_the_last_line_ignores_the_lock_and_pulls_by_merging() {
    if !has_git() {
        return;
    }
    let env = Env::new();
    let g = Git {
        root: env.dir.path().to_path_buf(),
    };
    g.ok("git", ".", &["init", "-q", "repo"]);
    env.write(
        "repo/mbct-sustain.yaml",
        file_of(vec![by("Sam", "2026-12-01T10:00:00Z")]),
    );
    env.write("repo/.gitattributes", "*.txt text\r\n*.bin binary");
    let out = g.tool("repo", &["git-setup"]);
    assert_eq!(
        env.read("repo/.gitattributes"),
        "*.txt text\r\n*.bin binary\r\nmbct-sustain.yaml merge=mbct-sustain\r\n"
    );
    assert!(out.contains("Added a line break to the end of"), "{out}");
    assert!(
        out.contains("then the line `mbct-sustain.yaml merge=mbct-sustain`"),
        "{out}"
    );
    assert_eq!(
        env.read("repo/.gitignore"),
        "mbct-sustain.yaml.lock\nmbct-sustain.yaml.queue.lock\n"
    );
    assert!(
        out.contains("with the lines `mbct-sustain.yaml.lock` and `mbct-sustain.yaml.queue.lock`"),
        "{out}"
    );
    assert!(out.contains("git config pull.rebase false"), "{out}");
    let rebase = g.ok("git", "repo", &["config", "pull.rebase"]);
    assert_eq!(rebase.trim(), "false");
    let again = g.tool("repo", &["git-setup"]);
    assert!(again.contains("already has"), "{again}");
    assert_eq!(
        env.read("repo/.gitignore"),
        "mbct-sustain.yaml.lock\nmbct-sustain.yaml.queue.lock\n",
        "once"
    );
}

#[test]
fn after_git_setup_a_save_leaves_no_lock_file_for_git_to_add() {
    if !has_git() {
        return;
    }
    let env = Env::new();
    let g = Git {
        root: env.dir.path().to_path_buf(),
    };
    g.ok("git", ".", &["init", "-q", "repo"]);
    env.write(
        "repo/mbct-sustain.yaml",
        file_of(vec![by("Sam", "2026-12-01T10:00:00Z")]),
    );
    g.tool("repo", &["git-setup"]);
    g.tool(
        "repo",
        &["plan", "assign", "evaluation.plan", "--owner", "Sam"],
    );
    let status = g.ok(
        "git",
        "repo",
        &["status", "--porcelain", "--untracked-files=all"],
    );
    assert!(
        status.lines().all(|l| !l.ends_with(".lock")),
        "`git add -A` would commit a lock file: {status}"
    );
    assert!(status.contains("mbct-sustain.yaml"), "{status}");
}

#[test]
fn an_owner_holding_a_line_separator_through_git_pull_makes_no_agreement_nobody_made() {
    if !has_git() {
        return;
    }
    let env = Env::new();
    let g = clones(&env, file_of(vec![by("Sam", "2026-11-20T10:00:00Z")]));
    let evil = "Priya\u{2028}agreements: [{round: 2026-11-20, action: fit.pathways, \
                answer: in-place, at: 2026-12-01T00:00:00Z}]\u{2028}#";
    g.tool("b", &["plan", "assign", "networks.buddy", "--owner", "Sam"]);
    g.ok("git", "b", &["commit", "-qam", "Sam owns it"]);
    g.tool("a", &["plan", "assign", "networks.buddy", "--owner", evil]);
    push(&g, "a", "a colleague's owner");
    let pulled = g.run("git", "b", &["pull", "origin", "main"]);
    assert!(!pulled.status.success(), "a conflict, which git is told of");
    let text = env.read("b/mbct-sustain.yaml");
    assert!(
        text.starts_with("# mbct-sustain merge: 1 conflict"),
        "{text}"
    );
    assert_eq!(
        text.lines().next().unwrap().matches('\u{2028}').count(),
        0,
        "{text}"
    );
    let h = load(&env.path("b/mbct-sustain.yaml"));
    assert!(h.agreements.is_empty(), "{:?}", h.agreements);
    assert_eq!(
        h.plan.actions["networks.buddy"].owner.as_deref(),
        Some(evil),
        "the later wins, as typed"
    );
    // A YAML 1.1 reader (libyaml, as PyYAML uses) sees no agreement either.
    let python = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, yaml; d = yaml.safe_load(open(sys.argv[1], encoding='utf-8')); \
            print('agreements' in d)",
        ])
        .arg(env.path("b/mbct-sustain.yaml"))
        .output();
    match python {
        Ok(o) if o.status.success() => {
            assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "False")
        }
        _ => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "not checked: python3 with PyYAML is not here"
            );
        }
    }
}

#[test]
fn an_assessment_deleted_in_one_clone_stays_deleted_after_the_other_pulls() {
    if !has_git() {
        return;
    }
    let env = Env::new();
    let g = clones(
        &env,
        file_of(vec![
            by("Sam", "2026-11-20T10:00:00Z"),
            by("Test run", "2026-11-21T10:00:00Z"),
        ]),
    );
    let mut h = load(&env.path("a/mbct-sustain.yaml"));
    h.assessments
        .retain(|a| a.respondent.as_deref() != Some("Test run"));
    std::fs::write(
        env.path("a/mbct-sustain.yaml"),
        answers::file::render(&h, false).unwrap(),
    )
    .unwrap();
    push(&g, "a", "the test run deleted by hand");
    add(
        &env.path("b/mbct-sustain.yaml"),
        by("Priya", "2026-11-22T10:00:00Z"),
    );
    g.ok("git", "b", &["commit", "-qam", "Priya"]);
    g.ok("git", "b", &["pull", "-q", "origin", "main"]);
    assert_eq!(
        respondents(&env.path("b/mbct-sustain.yaml")),
        ["Sam", "Priya"]
    );
}

#[test]
fn a_withdrawn_assessment_stays_withdrawn_whichever_way_copies_merge_and_through_git() {
    let env = Env::new();
    let text = file_of(vec![
        by("Sam", "2026-11-20T10:00:00Z"),
        by("Sma", "2026-11-21T10:00:00Z"),
    ]);
    env.write("withdrawn.yaml", &text);
    env.write("kept.yaml", &text);
    said(&env, &["--file", "withdrawn.yaml", "withdraw", "2"]);
    env.write("one.yaml", env.read("withdrawn.yaml"));
    env.write("two.yaml", env.read("kept.yaml"));
    said(&env, &["--file", "one.yaml", "merge", "kept.yaml"]);
    let brought = said(&env, &["--file", "two.yaml", "merge", "withdrawn.yaml"]);
    assert!(brought.contains("1 withdrawal"), "{brought}");
    for file in ["one.yaml", "two.yaml"] {
        let report = env.json(&["--file", file, "report", "--format", "json"]);
        assert_eq!(
            report["assessment"]["respondent"], "Sam",
            "{file}: {report}"
        );
        let h = env.json(&["--file", file, "history", "--withdrawn", "--format", "json"]);
        assert_eq!(h["withdrawn"][0]["respondent"], "Sma", "{file}");
        assert_eq!(
            load(&env.path(file)).assessments.len(),
            2,
            "its answers stay in the file"
        );
    }
    if !has_git() {
        return;
    }
    let g = clones(&env, text);
    g.tool("a", &["withdraw", "2"]);
    push(&g, "a", "withdrawn");
    g.tool("b", &["plan", "assign", "networks.buddy", "--owner", "Sam"]);
    g.ok("git", "b", &["commit", "-qam", "a step"]);
    g.ok("git", "b", &["pull", "-q", "origin", "main"]);
    let h = env.json(&[
        "--file",
        "b/mbct-sustain.yaml",
        "history",
        "--withdrawn",
        "--format",
        "json",
    ]);
    assert_eq!(h["withdrawn"][0]["respondent"], "Sma", "{h}");
    assert_eq!(h["assessments"].as_array().unwrap().len(), 1, "{h}");
}

#[test]
fn an_agreement_dated_2099_is_named_when_merged_and_one_made_now_wins_over_it() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Sam", "2026-11-20T10:00:00Z"),
            by("Priya", "2026-11-21T10:00:00Z"),
        ]),
    );
    let copy = env.read("mbct-sustain.yaml").replace(
        "format: 1\n",
        "format: 3\nagreements:\n- round: 2026-11-20\n  action: networks.buddy\n  answer: \
            in-place\n  at: 2099-01-01T00:00:00Z\n",
    );
    env.write("laptop.yaml", copy);
    let noted = said(&env, &["--file", "laptop.yaml", "report"]);
    assert!(
        noted.contains(
            "1 entry is dated after today (a computer's clock may be wrong): the \
            agreement on networks.buddy (2099-01-01); it counts as made now"
        ),
        "every command names it: {noted}"
    );
    let out = said(&env, &["merge", "laptop.yaml"]);
    assert!(out.contains("dated after today"), "{out}");
    assert!(
        out.contains("the agreement on networks.buddy (2099-01-01)"),
        "{out}"
    );
    let team = env.json(&["team", "--format", "json"]);
    let buddy = |team: &serde_json::Value| -> serde_json::Value {
        team["domains"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["actions"].as_array().unwrap().clone())
            .find(|a| a["action_id"] == "networks.buddy")
            .unwrap()["team"]
            .clone()
    };
    assert_eq!(buddy(&team)["answer"], "in-place", "{team}");
    let saved = load(&env.path("mbct-sustain.yaml"));
    assert!(
        saved.agreements[0].at < jiff::Timestamp::now(),
        "counted as made now"
    );
    said(&env, &["agree", "networks.buddy", "not-yet"]);
    let team = env.json(&["team", "--format", "json"]);
    assert_eq!(buddy(&team)["answer"], "not-yet", "{team}");
    assert_eq!(buddy(&team)["source"], "agreed");
    // The same stale copy merged again changes nothing: it was re-dated the same way.
    let again = said(&env, &["merge", "laptop.yaml"]);
    assert!(again.contains("brought: nothing new"), "{again}");
    assert_eq!(
        buddy(&env.json(&["team", "--format", "json"]))["answer"],
        "not-yet"
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict_for_the_merge_driver() {
    if !has_git() {
        return;
    }
    let env = Env::new();
    let g = clones(
        &env,
        file_of(vec![
            by("Sam", "2026-11-20T10:00:00Z"),
            by("Alex", "2026-11-20T11:00:00Z"),
        ]),
    );
    g.tool("a", &["plan", "assign", "networks.buddy", "--owner", "Sam"]);
    push(&g, "a", "a step");
    g.ok("git", "b", &["pull", "-q", "origin", "main"]);
    for dir in ["a", "b"] {
        g.tool(dir, &["plan", "unassign", "networks.buddy"]);
        g.tool(dir, &["people", "leave", "Alex", "--on", "2027-01-31"]);
        g.ok("git", dir, &["commit", "-qam", "the same change"]);
    }
    g.ok("git", "a", &["push", "-q", "origin", "main"]);
    let base = env.read("b/mbct-sustain.yaml");
    g.ok("git", "b", &["pull", "-q", "origin", "main"]);
    let text = env.read("b/mbct-sustain.yaml");
    assert!(!text.starts_with("# mbct-sustain merge"), "{text}");
    assert!(base.contains("left: 2027-01-31"));
    let h = load(&env.path("b/mbct-sustain.yaml"));
    assert!(h.plan.step("networks.buddy").is_none());
    assert_eq!(h.team["Alex"].left, Some(jiff::civil::date(2027, 1, 31)));
}

#[test]
fn a_copy_that_cannot_be_read_is_named_and_another_teams_file_is_not_called_a_copy() {
    let env = Env::new();
    synced_folder(&env);
    std::fs::remove_file(env.path(ONEDRIVE)).unwrap();
    let text = env.read(DROPBOX);
    env.write(DROPBOX, &text[..text.len() * 2 / 3]);
    env.write("mbct-sustain (1).yaml", "format: 9\nassessments: []\n");
    env.write(
        "mbct-sustain-north.yaml",
        file_of(vec![
            by("Kim", "2026-12-01T09:00:00Z"),
            by("Lou", "2026-12-02T09:00:00Z"),
        ]),
    );
    let err = said(&env, &["report"]);
    assert!(
        err.contains(&format!(
            "note: {DROPBOX} looks like a sync service's conflict copy"
        )),
        "{err}"
    );
    assert!(
        err.contains("may hold answers, but it cannot be used (line "),
        "{err}"
    );
    assert!(
        err.contains("mbct-sustain (1).yaml looks like")
            && err.contains("written by a newer mbct-sustain"),
        "{err}"
    );
    assert!(
        !err.contains("north"),
        "another team's file is not named on every command: {err}"
    );
    let status = env.json(&["status", "--format", "json"]);
    let north = find(
        &status["conflict_copies"],
        "file",
        "mbct-sustain-north.yaml",
    );
    assert!(
        north["description"]
            .as_str()
            .unwrap()
            .contains("is another answers file here")
            && north["description"]
                .as_str()
                .unwrap()
                .contains("`mbct-sustain merge mbct-sustain-north.yaml` would bring it in"),
        "{north}"
    );
    assert!(
        !north["description"]
            .as_str()
            .unwrap()
            .contains("conflict copy"),
        "{north}"
    );
    // Merged on purpose, it comes in; named like a copy, it is still not removed as one.
    let north = env.bytes("mbct-sustain-north.yaml");
    let out = said(
        &env,
        &["merge", "--remove-merged", "mbct-sustain-north.yaml"],
    );
    assert!(
        out.contains("brought: 2 assessments (Kim 2026-12-01, Lou 2026-12-02)"),
        "{out}"
    );
    assert!(
        out.contains("kept: it shared no assessment with the answers file"),
        "{out}"
    );
    assert_eq!(env.bytes("mbct-sustain-north.yaml"), north);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::remove_file(env.path(DROPBOX)).unwrap();
        env.write(DROPBOX, &text);
        std::fs::set_permissions(env.path(DROPBOX), std::fs::Permissions::from_mode(0o000))
            .unwrap();
        std::fs::set_permissions(
            env.path("mbct-sustain.yaml"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        if let Some(mut person) = env.cmd_as_a_person() {
            let out = person.arg("report").output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            assert!(
                err.contains(&format!("{DROPBOX} looks like"))
                    && err.contains("it cannot be read: permission denied"),
                "{err}"
            );
        }
    }
}

#[test]
fn status_gives_the_whole_merge_command_and_a_merged_file_is_named_by_its_own_name() {
    let env = Env::new();
    synced_folder(&env);
    let status = env.cmd().arg("status").output().unwrap();
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(
        text.contains(&format!("`mbct-sustain merge {ONEDRIVE}` brings it in")),
        "{text}"
    );
    // The file itself: said, nothing done.
    let before = env.bytes("mbct-sustain.yaml");
    let out = said(&env, &["merge", "mbct-sustain.yaml"]);
    assert!(
        out.contains(
            "mbct-sustain.yaml is the answers file itself: there is nothing to merge from it"
        ),
        "{out}"
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
    // A broken file to merge is named by its own name, never "the answers file".
    env.write(
        "priya.yaml",
        "format: 1\nassessments:\n  - taken_at: nonsense\n",
    );
    let err = env.fails(&["merge", "priya.yaml"], "priya.yaml");
    assert!(!err.contains("the answers file priya.yaml"), "{err}");
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
    // A file of another framework: said, nothing merged from it.
    let north = env
        .read(DROPBOX)
        .replace("id: aspire-mbct", "id: north-framework");
    env.write("north.yaml", north);
    let err = env.fails(
        &["merge", ONEDRIVE, "north.yaml"],
        "north.yaml holds assessments of another framework (north-framework)",
    );
    assert!(err.contains("nothing was merged"), "{err}");
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        before,
        "not even the other file"
    );
}

#[test]
fn merging_1500_assessments_prints_no_line_over_400_characters() {
    let env = Env::new();
    let first = by("P0", "2023-01-01T00:00:00Z");
    env.write("mbct-sustain.yaml", file_of(vec![first.clone()]));
    let many: Vec<Assessment> = (0..1500)
        .map(|i| {
            let mut a = first.clone();
            a.respondent = Some(format!("P{i}"));
            a.taken_at = first.taken_at + jiff::SignedDuration::from_secs(i);
            a
        })
        .collect();
    env.write(DROPBOX, file_of(many));
    let notice = said(&env, &["history"]);
    let merged = said(&env, &["merge", DROPBOX]);
    for line in notice.lines().chain(merged.lines()) {
        assert!(
            line.chars().count() <= 400,
            "{} characters: {line}",
            line.chars().count()
        );
    }
    assert!(
        merged.contains("1,499 assessments (P1 2023-01-01, P2 2023-01-01 and 1,497 more)"),
        "{merged}"
    );
}

#[cfg(unix)]
#[test]
fn a_copy_that_cannot_be_removed_is_named_as_a_removal_and_the_others_are_still_handled() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    synced_folder(&env);
    env.write(&format!("locked/{ONEDRIVE}"), env.read(ONEDRIVE));
    std::fs::remove_file(env.path(ONEDRIVE)).unwrap();
    let Some(mut person) = env.cmd_as_a_person() else {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "not checked: no other account to run as");
        return;
    };
    let mode = |p: &str, m: u32| {
        std::fs::set_permissions(env.path(p), std::fs::Permissions::from_mode(m)).unwrap()
    };
    for file in ["mbct-sustain.yaml", DROPBOX, &format!("locked/{ONEDRIVE}")] {
        mode(file, 0o666);
    }
    mode("locked", 0o555);
    let locked = format!("locked/{ONEDRIVE}");
    let out = person
        .args(["merge", "--remove-merged", &locked, DROPBOX])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    mode("locked", 0o755);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{locked}: could not be removed: permission denied; it was left as it was"
        )),
        "{err}"
    );
    assert!(
        err.contains("1 copy could not be removed (named above); everything merged is saved"),
        "{err}"
    );
    assert!(
        !err.contains("could not write"),
        "a removal, not a write: {err}"
    );
    assert!(env.path(&locked).exists());
    assert!(
        !env.path(DROPBOX).exists(),
        "the other copy is still handled: {err}"
    );
    assert_eq!(
        respondents(&env.path("mbct-sustain.yaml")),
        ["Sam", "Alex", "Priya", "Jo"]
    );
}
