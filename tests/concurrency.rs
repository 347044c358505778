//! Several people saving to one shared answers file at once.

mod common;

use std::time::{Duration, Instant};

use common::*;
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
    let mut holder = std::process::Command::new("flock")
        .arg("--close") // only flock itself holds the lock, not the command it runs
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn()
        .expect("flock(1) from util-linux");
    std::thread::sleep(Duration::from_millis(200));
    holder.kill().unwrap();
    holder.wait().unwrap();
    let start = Instant::now();
    store::append(&path, &mixed("2026-09-03T10:00:00Z")).unwrap();
    assert!(start.elapsed() < Duration::from_secs(2), "took {:?}", start.elapsed());
    assert_eq!(store::load_existing(&path).unwrap().assessments.len(), 1);
}
