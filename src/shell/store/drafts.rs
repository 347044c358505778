//! Unfinished walks: each keeps a draft beside the answers file, rewritten after every answer, and
//! holds a lock on `<draft>.lock` while it runs, so another window knows it is a walk in progress,
//! not one left behind. The lock is the system's (released when a process dies), so no process
//! table is read. Names carry the start time (so they sort by age) and random characters (so no one
//! can plant a file or link there first); the lock file is created exclusively.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{folder_of, remove_stale_temp_files, write_atomic_in_place};

/// The suffix of a draft's lock file.
const LOCK_SUFFIX: &str = ".lock";

/// Drafts larger than this are not read (one holds a walk's answers and notes: a few KB).
pub const MAX_DRAFT_BYTES: u64 = 4 * 1024 * 1024;

/// The draft of the walk running in this process, with its lock held.
#[derive(Debug)]
pub struct Draft {
    path: PathBuf,
    lock_path: PathBuf,
    lock: File,
}

impl Draft {
    /// Claims a new draft name beside `answers` for a walk started at `started_at`, and locks it.
    pub fn create(answers: &Path, started_at: jiff::Timestamp) -> io::Result<Draft> {
        let stamp = started_at.strftime("%Y%m%dT%H%M%SZ").to_string();
        let (file, lock_path) = tempfile::Builder::new()
            .prefix(&format!("{}{stamp}-", prefix(answers)))
            .suffix(LOCK_SUFFIX)
            .rand_bytes(10)
            .tempfile_in(folder_of(answers))?
            .keep()
            .map_err(|e| e.error)?;
        file.try_lock().map_err(io::Error::from)?;
        let name = lock_path.to_string_lossy();
        let path = PathBuf::from(name.strip_suffix(LOCK_SUFFIX).unwrap_or(&name));
        Ok(Draft {
            path,
            lock_path,
            lock: file,
        })
    }

    /// Takes over the left-behind draft at `old` by a rename, which happens once, so two windows
    /// never both carry on with it; `None` when another took it first.
    pub fn take_over(
        old: &Path,
        answers: &Path,
        started_at: jiff::Timestamp,
    ) -> io::Result<Option<Draft>> {
        let draft = Draft::create(answers, started_at)?;
        match fs::rename(old, &draft.path) {
            Ok(()) => {
                let _ = fs::remove_file(lock_path(old));
                Ok(Some(draft))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Where the draft is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether anything has been saved to the draft yet.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Replaces the draft's content.
    pub fn save(&self, bytes: &[u8]) -> io::Result<()> {
        remove_stale_temp_files(&self.path);
        write_atomic_in_place(&self.path, bytes)
    }

    /// The walk's answers are saved in the answers file: the draft goes.
    pub fn finish(self) {
        let _ = fs::remove_file(&self.path);
    }
}

impl Drop for Draft {
    fn drop(&mut self) {
        let _ = self.lock.unlock();
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// Draft names start with the answers file's name and this.
fn prefix(answers: &Path) -> String {
    let name = answers
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| super::FILE_NAME.into());
    format!("{name}.draft-")
}

fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft.as_os_str().to_os_string();
    name.push(LOCK_SUFFIX);
    PathBuf::from(name)
}

/// The drafts beside the answers file, oldest first (names sort by start time).
pub fn find(answers: &Path) -> Vec<PathBuf> {
    let prefix = prefix(answers);
    let ours = |name: &str| name.starts_with(&prefix) && !name.ends_with(LOCK_SUFFIX);
    let entries = fs::read_dir(folder_of(answers))
        .into_iter()
        .flatten()
        .flatten();
    let mut found: Vec<PathBuf> = entries
        .filter(|e| ours(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Removes a draft left behind (and its lock file, if its walk was killed).
pub fn discard(draft: &Path) {
    let _ = fs::remove_file(draft);
    let _ = fs::remove_file(lock_path(draft));
}

/// Whether a walk is running with this draft now (in any window, on any computer sharing the
/// locks).
pub fn in_use(draft: &Path) -> bool {
    File::open(lock_path(draft))
        .is_ok_and(|f| matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_walks_draft_is_in_use_until_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("mbct-sustain.yaml");
        let draft = Draft::create(&answers, jiff::Timestamp::UNIX_EPOCH).unwrap();
        draft.save(b"x").unwrap();
        let path = draft.path().to_path_buf();
        assert_eq!(
            find(&answers),
            vec![path.clone()],
            "the lock file is not a draft"
        );
        assert!(in_use(&path));
        drop(draft);
        assert!(!in_use(&path), "a stopped walk leaves its draft, unlocked");
        assert_eq!(find(&answers), vec![path]);
    }

    #[test]
    fn two_walks_started_the_same_second_get_different_unguessable_names() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("mbct-sustain.yaml");
        let a = Draft::create(&answers, jiff::Timestamp::UNIX_EPOCH).unwrap();
        let b = Draft::create(&answers, jiff::Timestamp::UNIX_EPOCH).unwrap();
        assert_ne!(a.path(), b.path());
        let name = a.path().file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("mbct-sustain.yaml.draft-19700101T000000Z-"),
            "{name}"
        );
        assert!(name.len() > "mbct-sustain.yaml.draft-19700101T000000Z-".len() + 8);
    }

    #[test]
    fn a_left_draft_is_taken_over_once() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("mbct-sustain.yaml");
        let old = Draft::create(&answers, jiff::Timestamp::UNIX_EPOCH).unwrap();
        old.save(b"answers so far").unwrap();
        let old_path = old.path().to_path_buf();
        drop(old);
        let now = jiff::Timestamp::from_second(60).unwrap();
        let mine = Draft::take_over(&old_path, &answers, now).unwrap().unwrap();
        assert_eq!(fs::read(mine.path()).unwrap(), b"answers so far");
        assert!(
            Draft::take_over(&old_path, &answers, now)
                .unwrap()
                .is_none()
        );
        mine.finish();
        assert!(find(&answers).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_drafts_name_is_replaced_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("mbct-sustain.yaml");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "mine").unwrap();
        let draft = Draft::create(&answers, jiff::Timestamp::UNIX_EPOCH).unwrap();
        // Someone who guessed the name plants a link there after it was claimed.
        std::os::unix::fs::symlink(&victim, draft.path()).unwrap();
        draft.save(b"answers").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
        assert!(
            !std::fs::symlink_metadata(draft.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_lock_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        let lock = dir.path().join("mbct-sustain.yaml.lock");
        std::os::unix::fs::symlink(&elsewhere, &lock).unwrap();
        assert!(super::super::lock::open_lock_file(&lock).is_err());
        assert!(!elsewhere.exists(), "no file was created through the link");
    }
}
