//! Several people saving to one shared answers file at once.

use std::time::{Duration, Instant};

use crate::common::*;
use mbct_sustain::core::answers::Answer;
use mbct_sustain::core::turns::Queue;
use mbct_sustain::shell::store;

/// Waits (on what the queue file shows, never on a clock: the deadline only guards against a
/// hang) until `n` saves wait in the queue of the answers file `path`.
#[track_caller]
fn wait_for_queue(path: &std::path::Path, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let queue = store::queue_path(path);
    while Queue::parse(&std::fs::read_to_string(&queue).unwrap_or_default())
        .waiting
        .len()
        < n
    {
        assert!(Instant::now() < deadline, "no save joined the queue");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_save_that_finishes_and_saves_again_queues_behind_one_already_waiting() {
    let env = Env::new();
    let path = env.path("mbct-sustain.yaml");
    let first = store::lock(&path).unwrap();
    let order = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        s.spawn(|| {
            let _held = store::lock(&path).unwrap();
            order.lock().unwrap().push("the save that was waiting");
        });
        wait_for_queue(&path, 1);
        // Let go and take the lock again at once, as a script saving twice does: a plain file
        // lock goes to whoever asks first, which is this thread, every time.
        drop(first);
        let _again = store::lock(&path).unwrap();
        order.lock().unwrap().push("the save that came back");
    });
    assert_eq!(
        order.into_inner().unwrap(),
        ["the save that was waiting", "the save that came back"]
    );
}

#[test]
fn a_quiet_save_waiting_for_the_lock_prints_nothing() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let path = env.path("mbct-sustain.yaml");
    let held = store::lock(&path).unwrap();
    let child = program(env.dir.path(), assert_cmd::cargo::cargo_bin("mbct-sustain"))
        .args([
            "--quiet",
            "plan",
            "assign",
            "fit.pathways",
            "--owner",
            "Sam",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_queue(&path, 1);
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr"
    );
    assert!(out.stdout.is_empty());
    assert!(env.read("mbct-sustain.yaml").contains("owner: Sam"));
}

#[test]
fn sixteen_processes_assigning_ten_each_all_succeed_and_the_last_of_each_stands() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let actions: Vec<String> = mbct_sustain::core::framework::Framework::bundled()
        .actions()
        .take(16)
        .map(|(_, a)| a.id.clone())
        .collect();
    std::thread::scope(|s| {
        for (w, action) in actions.iter().enumerate() {
            let env = &env;
            s.spawn(move || {
                for i in 0..10 {
                    let owner = format!("P{w}-{i}");
                    let out = env
                        .cmd()
                        .args(["--quiet", "plan", "assign", action, "--owner", &owner])
                        .output()
                        .unwrap();
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "{owner}: {err}");
                }
            });
        }
    });
    let plan = env.json(&["plan", "--format", "json"]);
    let text = env.read("mbct-sustain.yaml");
    for (w, action) in actions.iter().enumerate() {
        assert!(
            text.contains(&format!("owner: P{w}-9")),
            "{action}: the last of its ten saves stands: {plan}"
        );
    }
}

#[test]
fn sixteen_writers_appending_ten_each_keep_all_160() {
    let env = Env::new();
    let path = env.path("mbct-sustain.yaml");
    std::thread::scope(|s| {
        for w in 0..16 {
            let path = path.clone();
            s.spawn(move || {
                for i in 0..10 {
                    let mut a = assessment("2026-09-03T10:00:00Z", Answer::NotYet, &[]);
                    a.respondent = Some(format!("writer {w}"));
                    a.label = Some(format!("save {i}"));
                    store::append(&path, &a).expect("append");
                }
            });
        }
    });
    let history = store::load_existing(&path).unwrap();
    assert_eq!(history.assessments.len(), 160);
    for w in 0..16 {
        let name = format!("writer {w}");
        assert_eq!(
            history
                .assessments
                .iter()
                .filter(|a| a.respondent.as_deref() == Some(&name))
                .count(),
            10
        );
    }
}

#[cfg(unix)]
#[test]
fn a_lock_left_by_a_killed_process_does_not_block_the_next_save() {
    let env = Env::new();
    let path = env.path("mbct-sustain.yaml");
    let lock = store::lock_path(&path);
    std::fs::write(&lock, "").unwrap();
    // Another process takes the lock, then dies without letting go.
    // It holds on for longer than a save waits (LOCK_WAIT), so a lock that
    // outlived its process would make the save below fail.
    use std::os::unix::process::CommandExt;
    let mut holder = std::process::Command::new("flock")
        .arg(&lock)
        .args(["sleep", "300"])
        .process_group(0)
        .spawn()
        .expect("flock(1) from util-linux");
    // Know the lock is held before killing its holder: poll until taking it
    // would block (the deadline only guards against a hang).
    let probe = std::fs::File::open(&lock).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !matches!(probe.try_lock(), Err(std::fs::TryLockError::WouldBlock)) {
        let _ = probe.unlock();
        assert!(Instant::now() < deadline, "flock never took the lock");
        std::thread::sleep(Duration::from_millis(10));
    }
    // Kill the holder and the command it runs (which shares its lock).
    let group = format!("-{}", holder.id());
    let killed = std::process::Command::new("kill")
        .args(["-KILL", "--", &group])
        .status()
        .unwrap();
    assert!(killed.success());
    holder.wait().unwrap();
    // A lock still held would make this wait out LOCK_WAIT and fail.
    store::append(&path, &mixed("2026-09-03T10:00:00Z")).unwrap();
    assert_eq!(store::load_existing(&path).unwrap().assessments.len(), 1);
}
