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
            "brought: 1 assessment (Priya 2026-12-03), 1 plan change; 1 conflict: networks.buddy: owner Priya (theirs, "
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
