//! Several people saving to one shared answers file at once.

use std::time::{Duration, Instant};

use crate::common::*;
use mbct_sustain::core::answers::Answer;
use mbct_sustain::shell::store;

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
