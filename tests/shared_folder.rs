//! A team's shared folder: several accounts saving, hostile text in the
//! file, and faults (a file-size limit, a held lock, devices as output).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::*;
use mbct_sustain::core::answers::Answer;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("mbct-sustain")
}

#[cfg(unix)]
#[test]
fn two_accounts_in_a_setgid_folder_with_umask_022_can_both_save() {
    if !running_as_root() {
        // Only root can act as two accounts; as one person, both saves are ours.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: trying two accounts needs root (CI runs as root)"
        );
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("team");
    std::fs::create_dir(&dir).unwrap();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "chmod 755 {0} && chown 1001:1500 {1} && chmod 2775 {1}",
            root.path().display(),
            dir.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let file = dir.join("mbct-sustain.yaml");
    std::fs::write(&file, file_of(vec![mixed("2026-09-03T10:00:00Z")])).unwrap();
    let chown = Command::new("chown")
        .arg("1001:1500")
        .arg(&file)
        .status()
        .unwrap();
    assert!(chown.success());
    let as_user = |uid: &str, action: &str, owner: &str| {
        Command::new("setpriv")
            .args([
                &format!("--reuid={uid}"),
                "--regid=1500",
                "--clear-groups",
                "sh",
                "-c",
            ])
            .arg(format!(
                "umask 022 && {} --file {} plan assign {action} --owner {owner}",
                bin().display(),
                file.display()
            ))
            .output()
            .unwrap()
    };
    let first = as_user("1001", "networks.buddy", "Priya");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = as_user("1002", "fit.pathways", "Sam");
    assert!(
        second.status.success(),
        "the second account saves too: {}",
        String::from_utf8_lossy(&second.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("owner: Priya") && text.contains("owner: Sam"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn output_refuses_devices_folders_drafts_and_locks_and_leaves_them_as_they_were() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    std::fs::create_dir(env.path("folder")).unwrap();
    env.write("mbct-sustain.yaml.draft-20261202T101010Z-abc", "draft");
    env.write("mbct-sustain.yaml.lock", "");
    for (target, what) in [
        ("/dev/null", "device"),
        ("folder", "folder"),
        ("mbct-sustain.yaml.draft-20261202T101010Z-abc", "draft"),
        ("mbct-sustain.yaml.lock", "lock file"),
    ] {
        env.fails(&["report", "--output", target], what);
    }
    assert_eq!(
        env.read("mbct-sustain.yaml.draft-20261202T101010Z-abc"),
        "draft"
    );
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for std::fs::FileType {
    #[cfg(unix)]
    fn is_char_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device()
    }
    #[cfg(not(unix))]
    fn is_char_device_like(&self) -> bool {
        true
    }
}

#[test]
fn text_from_the_file_never_reaches_the_terminal_raw() {
    let env = Env::new();
    let hostile = "Sam\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}\nerror: your file is corrupt";
    let mut a = mixed("2026-06-03T10:00:00Z");
    a.respondent = Some(hostile.into());
    a.label = Some(hostile.into());
    a.framework.version = hostile.into();
    let mut b = a.clone();
    b.taken_at = "2026-12-03T10:00:00Z".parse().unwrap();
    let mut c = mixed("2026-12-04T10:00:00Z");
    c.respondent = Some("Priya".into());
    env.write("mbct-sustain.yaml", file_of(vec![a, b, c]));
    for args in [
        vec!["report"],
        vec!["compare"],
        vec!["history"],
        vec!["plan"],
        vec!["team"],
        vec!["report", "--respondent", "Priya"],
        vec!["report", "--format", "markdown"],
        vec!["report", "--format", "csv"],
        vec!["team", "--format", "json"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
                assert!(
                    !text.contains(bad),
                    "{args:?} {stream} holds {:?}: {text}",
                    bad
                );
            }
            assert!(
                !text.lines().any(|l| l.starts_with("error: your file")),
                "{args:?} {stream}: a forged line: {text}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_file_size_limit_stops_the_save_with_a_message_and_leaves_everything_as_it_was() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let before = env.bytes("mbct-sustain.yaml");
    let out = Command::new("bash")
        .current_dir(env.dir.path())
        .arg("-c")
        .arg(format!(
            "ulimit -f 1 && {} plan assign fit.pathways --owner Sam",
            bin().display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not save") && stderr.contains("ulimit"),
        "{stderr}"
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "no temp file left: {names:?}"
    );
}

#[test]
fn a_save_waiting_on_the_lock_says_so_at_once() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let lock = std::fs::File::create(env.path("mbct-sustain.yaml.lock")).unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(bin())
        .current_dir(env.dir.path())
        .args(["plan", "assign", "fit.pathways", "--owner", "Sam"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.contains("Waiting") && first.contains("mbct-sustain.yaml.lock"),
        "{first}"
    );
    lock.unlock().unwrap();
    assert!(
        child.wait().unwrap().success(),
        "it saves once the lock is free"
    );
    assert!(env.read("mbct-sustain.yaml").contains("owner: Sam"));
}

#[test]
fn messages_name_what_people_meet() {
    let env = Env::new();
    let text = file_of(vec![mixed("2026-09-03T10:00:00Z")]);
    let conflicted = text.replacen("assessments:\n", "assessments:\n<<<<<<< HEAD\n", 1)
        + "=======\n>>>>>>> theirs\n";
    env.write("mbct-sustain.yaml", &conflicted);
    let err = env.fails(&["report"], "merge-conflict markers");
    assert!(err.contains("resolve the conflict"), "{err}");
    env.write("mbct-sustain.yaml", "# only a comment\n");
    env.fails(&["report"], "the file is empty");
    env.write("mbct-sustain.yaml", format!("{text}---\nformat: 1\n"));
    env.fails(&["report"], "more than one YAML document");
    let out = env
        .cmd()
        .env("MBCT_SUSTAIN_FILE", "")
        .arg("report")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("MBCT_SUSTAIN_FILE is set but empty"));
    let mut typo = mixed("2026-09-03T10:00:00Z");
    typo.answers
        .insert("fit.evidence-and-ned".into(), Answer::InPlace);
    env.write("mbct-sustain.yaml", file_of(vec![typo]));
    let out = env.cmd().arg("report").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("fit.evidence-and-ned"),
        "the unknown id is named once: {stderr}"
    );
    assert!(
        env.read("mbct-sustain.yaml")
            .contains("fit.evidence-and-ned"),
        "and kept"
    );
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_lock_is_named_and_never_followed() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let before = env.bytes("mbct-sustain.yaml");
    std::os::unix::fs::symlink("elsewhere", env.path("mbct-sustain.yaml.lock")).unwrap();
    let err = env.fails(
        &["plan", "assign", "networks.buddy", "--owner", "Sam"],
        "mbct-sustain.yaml.lock is a link, which mbct-sustain never follows",
    );
    assert!(
        err.contains("hint: remove that link (it is not the tool's), then run again"),
        "{err}"
    );
    assert!(
        !exists(&env.path("elsewhere")),
        "nothing was written through the link"
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
}

#[test]
fn temp_files_the_tool_did_not_make_survive_every_writing_command() {
    let env = Env::new();
    env.write("team.yaml", file_of(vec![mixed("2026-09-03T10:00:00Z")]));
    // An hour old: stale, were they the tool's.
    let old = |name: &str| {
        let p = env.write(name, "a colleague's");
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        p
    };
    let theirs = [
        ".team.my-edit.tmp",
        ".x.y.tmp",
        "out/.team.my-edit.tmp",
        "out/.x.y.tmp",
        "out/.meeting.notes-draft.tmp",
        // Named as the tool names its own, but in an output's folder.
        "out/.x.AbCdEfGh12.tmp",
    ]
    .map(old);
    let left_by_a_killed_save = old(".team.AbCdEfGh12.tmp");
    for args in [
        &["report", "--format", "html", "--output", "out/meeting.html"][..],
        &["report", "--format", "html", "--output", "out/x.html"],
        &["report", "--output", "out/team.txt"],
        &["report", "--output", "x.txt"],
        &["plan", "--format", "markdown", "--output", "out/x.md"],
        &["plan", "assign", "networks.buddy", "--owner", "Priya"],
        &["plan", "review", "--every", "6"],
    ] {
        env.cmd()
            .arg("--file")
            .arg("team.yaml")
            .args(args)
            .assert()
            .success();
        for p in &theirs {
            assert_eq!(
                std::fs::read_to_string(p).ok().as_deref(),
                Some("a colleague's"),
                "{args:?} removed {}",
                p.display()
            );
        }
    }
    assert!(
        !exists(&left_by_a_killed_save),
        "a stale temp file of the tool's own naming beside the answers file goes"
    );
}

#[cfg(unix)]
#[test]
fn under_umask_077_the_first_account_to_save_does_not_lock_the_others_out() {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;
    if !running_as_root() {
        let _ = writeln!(
            std::io::stderr(),
            "could not run: acting as two accounts (setpriv --reuid) needs root; CI runs the tests \
                as root"
        );
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("team");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("mbct-sustain.yaml");
    std::fs::write(&file, file_of(vec![mixed("2026-09-03T10:00:00Z")])).unwrap();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "chmod 755 {0} && chown 1001:1500 {1} {2} && chmod 2775 {1}",
            root.path().display(),
            dir.display(),
            file.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let as_user = |uid: &str, umask: &str, args: &str| {
        Command::new("setpriv")
            .args([
                &format!("--reuid={uid}"),
                "--regid=1500",
                "--clear-groups",
                "sh",
                "-c",
            ])
            .arg(format!(
                "umask {umask}; exec {} --file {} {args}",
                bin().display(),
                file.display()
            ))
            .output()
            .expect("setpriv runs (util-linux)")
    };
    let first = as_user("1001", "077", "plan assign networks.buddy --owner Priya");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = as_user("1002", "022", "plan review --every 6");
    assert!(
        second.status.success(),
        "the second account saves too: {}",
        String::from_utf8_lossy(&second.stderr)
    );
    let lock = dir.join("mbct-sustain.yaml.lock");
    let mode = std::fs::metadata(&lock).unwrap().permissions().mode();
    assert_eq!(mode & 0o060, 0o060, "the lock is the team's: {mode:o}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("owner: Priya") && text.contains("every_months: 6"),
        "{text}"
    );

    // A lock left unshared (by an older version, or by hand) is named as
    // what it is, with its owner, not as a folder problem.
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o600)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let third = as_user("1002", "022", "plan assign fit.pathways --owner Sam");
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert_eq!(third.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "mbct-sustain.yaml.lock belongs to uid 1001, and this account may not open it"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: ask uid 1001 (or whoever manages the folder) to make")
            && stderr.contains("or remove it: it holds nothing"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("choose a folder you may write to"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    std::os::unix::fs::chown(&lock, Some(65534), None).unwrap();
    let fourth = as_user("1002", "022", "plan assign fit.pathways --owner Sam");
    let stderr = String::from_utf8_lossy(&fourth.stderr);
    assert!(
        stderr.contains("belongs to nobody") && stderr.contains("ask nobody (or"),
        "named: {stderr}"
    );
}

/// What a walk killed after its save and before its draft's removal leaves:
/// the answers file holding the assessment, and the draft (and its lock file)
/// with the same answers, begun before it was saved. The next walk does not
/// offer to carry on with it (that would save it twice), and removes it.
#[cfg(unix)]
#[test]
fn a_walk_killed_between_its_save_and_its_drafts_removal_is_not_saved_twice() {
    use crate::walk::{Screen, spawn};
    use expectrl::{Eof, Expect, Regex};
    let env = Env::new();
    let mut saved = mixed("2026-12-01T10:05:00Z");
    saved.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![saved.clone()]));
    let f = mbct_sustain::core::framework::Framework::bundled();
    let mut draft =
        mbct_sustain::core::walk::Draft::new(&f, "2026-12-01T10:00:00Z".parse().unwrap());
    draft.respondent = Some("Sam".into());
    draft.answers = saved.answers.clone();
    let name = "mbct-sustain.yaml.draft-20261201T100000Z-AbCdEfGhIj";
    env.write(name, serde_yaml::to_string(&draft).unwrap());
    env.write(&format!("{name}.lock"), "");

    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    let first = s.wait_for(Regex("unfinished assessment|Has anything changed here"));
    assert_eq!(
        String::from_utf8_lossy(first.get(0).unwrap()),
        "Has anything changed here",
        "the saved walk is not offered to carry on with"
    );
    // Nothing changed: one Enter per domain saves a new assessment.
    s.send("\r").unwrap();
    for _ in 1..f.domains.len() {
        s.wait_for("Has anything changed here");
        s.send("\r").unwrap();
    }
    s.wait_for("Saved as assessment #2");
    s.wait_for(Eof);

    let h = mbct_sustain::core::answers::file::parse(&env.read("mbct-sustain.yaml")).unwrap();
    assert_eq!(
        h.assessments.len(),
        2,
        "the saved one and this walk's, no copy"
    );
    assert_eq!(h.assessments[0], saved);
    assert!(h.assessments[1].taken_at > saved.taken_at);
    let left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".draft-"))
        .collect();
    assert!(
        left.is_empty(),
        "the saved walk's draft is removed: {left:?}"
    );
}
