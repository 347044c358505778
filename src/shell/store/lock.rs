//! The lock that makes saves take turns: an advisory lock on a separate
//! `<file>.lock`, which the system releases when a process dies, so a
//! killed run never blocks the next one.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::atomic::{folder_of, resolve};
use crate::shell::error::Error;

/// How long a save waits for another one to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Held while the answers file is read, merged and replaced.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Opens (creating if needed) a lock file. A lock file someone else created
/// may not be writable to us; a lock needs only to open it, so read-only
/// will do.
/// A link planted at the lock's name is never followed (it could make the
/// tool create a file elsewhere).
pub fn open_lock_file(lock: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    no_follow(&mut options);
    match options.open(lock) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && lock.exists() => {
            let mut read = OpenOptions::new();
            read.read(true);
            no_follow(&mut read);
            read.open(lock)
        }
        other => other,
    }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NOFOLLOW);
}

#[cfg(not(unix))]
fn no_follow(_options: &mut OpenOptions) {}

/// Why a lock file could not be opened: a link planted at its name (which
/// opening never follows) is named as one.
pub fn open_failed(lock: PathBuf, source: io::Error) -> Error {
    if lock.is_symlink() { Error::LockIsALink { path: lock } } else { Error::SaveFailed { path: lock, source } }
}

/// The lock file that guards `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let target = resolve(path);
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    folder_of(&target).join(name)
}

/// Takes the exclusive lock for `path`, waiting up to [`LOCK_WAIT`]. The lock
/// is an advisory lock on a separate file: the system releases it when a
/// process dies, so a killed run never blocks the next one.
pub fn lock(path: &Path) -> Result<Lock, Error> {
    let lock = lock_path(path);
    let file = open_lock_file(&lock).map_err(|source| open_failed(lock.clone(), source))?;
    let start = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                if !std::mem::replace(&mut told, true) {
                    crate::shell::screen::note(&format!(
                        "Waiting: another mbct-sustain is saving to {} (it holds {}); this save follows as soon as it is done.",
                        path.display(),
                        lock.display()
                    ));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::Locked { path: path.to_path_buf(), seconds: LOCK_WAIT.as_secs() });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(Error::SaveFailed { path: lock, source });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_makes_others_wait() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        let held = lock(&path).unwrap();
        let other = File::open(lock_path(&path)).unwrap();
        assert!(matches!(other.try_lock(), Err(fs::TryLockError::WouldBlock)));
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
