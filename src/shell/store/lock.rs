//! The lock that makes saves take turns: an advisory lock on a separate
//! `<file>.lock`, which the system releases when a process dies, so a
//! killed run never blocks the next one.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::atomic::{folder_of, resolve, share_with_group};
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

/// Opens (creating if needed) a lock file, never through a link planted at its name (which could
/// make the tool create a file elsewhere). One someone else made may be opened read-only: a lock
/// needs only to open it. One this process makes is opened to the folder's group, for the team.
pub fn open_lock_file(lock: &Path) -> io::Result<File> {
    let open = |options: &mut OpenOptions| {
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW);
        options.open(lock)
    };
    match open(OpenOptions::new().write(true).create_new(true)) {
        Ok(file) => share_with_group(&file, &folder_of(lock)).map(|()| file),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            match open(OpenOptions::new().write(true)) {
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                    open(OpenOptions::new().read(true))
                }
                other => other,
            }
        }
        Err(e) => Err(e),
    }
}

/// Why a lock file could not be opened: a link planted at its name (which
/// opening never follows) is named as one, and one this account may not
/// open by its owner, not as a folder problem.
pub fn open_failed(lock: PathBuf, source: io::Error) -> Error {
    match fs::symlink_metadata(&lock) {
        Ok(m) if m.is_symlink() => Error::LockIsALink { path: lock },
        Ok(m) if source.kind() == io::ErrorKind::PermissionDenied => Error::LockNotShared {
            path: lock,
            owner: owner_of(&m),
        },
        _ => Error::SaveFailed { path: lock, source },
    }
}

/// The name of the account that owns a file (its uid where it has no name).
#[cfg(unix)]
fn owner_of(meta: &fs::Metadata) -> Option<String> {
    let uid = std::os::unix::fs::MetadataExt::uid(meta);
    // SAFETY: a zeroed passwd is a valid out-parameter, and every pointer
    // handed to getpwuid_r is to a live local of the length given.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    let mut found = std::ptr::null_mut();
    let status =
        unsafe { libc::getpwuid_r(uid, &mut entry, buf.as_mut_ptr(), buf.len(), &mut found) };
    Some(if status == 0 && !found.is_null() {
        // SAFETY: on success pw_name points to a NUL-terminated name in `buf`.
        unsafe { std::ffi::CStr::from_ptr(entry.pw_name) }
            .to_string_lossy()
            .into_owned()
    } else {
        format!("uid {uid}")
    })
}

#[cfg(not(unix))]
fn owner_of(_meta: &fs::Metadata) -> Option<String> {
    None
}

/// The lock file that guards `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let target = resolve(path);
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    folder_of(&target).join(name)
}

/// Takes the exclusive lock for `path`, waiting up to [`LOCK_WAIT`].
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
                return Err(Error::Locked {
                    path: path.to_path_buf(),
                    seconds: LOCK_WAIT.as_secs(),
                });
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

    #[cfg(unix)]
    #[test]
    fn a_lock_made_in_a_team_folder_opens_to_the_team() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o2775)).unwrap();
        drop(lock(&dir.path().join("f.yaml")).unwrap());
        let mode = fs::metadata(dir.path().join("f.yaml.lock"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o060, 0o060, "{mode:o}");
    }

    #[test]
    fn a_held_lock_makes_others_wait() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        let held = lock(&path).unwrap();
        let other = File::open(lock_path(&path)).unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
