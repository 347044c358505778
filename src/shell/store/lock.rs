//! The lock that makes saves take turns: an advisory lock on a separate
//! `<file>.lock`, which the system releases when a process dies, so a
//! killed run never blocks the next one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::atomic::{folder_of, resolve, share_with_group};
use crate::core::turns::{Queue, Watch};
use crate::shell::error::Error;

/// How long a save waits while the queue does not move (another save holds the lock all along).
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
    // Read and written: it holds the queue of saves waiting their turn.
    match open(OpenOptions::new().read(true).write(true).create_new(true)) {
        Ok(file) => share_with_group(&file, &folder_of(lock)).map(|()| file),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            match open(OpenOptions::new().read(true).write(true)) {
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

/// How long a waiting save sleeps between looks at the queue.
const LOOK_EVERY: Duration = Duration::from_millis(10);

/// A waiting save whose beat stood still this long (and over [`crate::core::turns::LOOKS`] looks
/// of another's) is gone: killed, or given up. A live one looks a hundred times a second.
const STILL_FOR: Duration = Duration::from_secs(1);

/// The queue's text is never longer than this; more is not a queue (and is not read).
const MAX_QUEUE_BYTES: u64 = 64 * 1024;

/// The file that holds the queue of saves waiting for the lock on `path`.
pub fn queue_path(path: &Path) -> PathBuf {
    lock_path(path).with_extension("queue.lock")
}

/// Takes the exclusive lock for `path`, in turn: saves waiting for it go first come, first served
/// (the queue is a file of its own beside the lock, [`crate::core::turns`]), so a save that
/// finishes and saves again at once can never take the lock from one that was waiting. Gives up
/// when the queue has not moved for [`LOCK_WAIT`]: another save has held the lock all that time.
pub fn lock(path: &Path) -> Result<Lock, Error> {
    let lock = lock_path(path);
    let file = open_lock_file(&lock).map_err(|source| open_failed(lock.clone(), source))?;
    // Without a queue this account may write (another's, read-only), the save waits as before.
    let mut queue = open_lock_file(&queue_path(path)).ok();
    let start = Instant::now();
    let (mut mine, mut watch, mut told) = (None, Watch::default(), false);
    let (mut moved_at, mut seen) = (start, None);
    loop {
        let turn = match queue.as_mut() {
            Some(q) => match look(q, &file, mine, &mut watch, start) {
                Ok(turn) => Some(turn),
                Err(()) => {
                    queue = None;
                    None
                }
            },
            None => None,
        };
        // Whether this look found another save ahead (not just the queue busy for a moment).
        let behind = match turn {
            Some(Look::Took) => return Ok(Lock { file }),
            Some(Look::Busy) => false,
            Some(Look::Waiting { mine: m, place }) => {
                mine = Some(m);
                if seen.replace(place) != Some(place) {
                    moved_at = Instant::now();
                }
                true
            }
            None => match file.try_lock() {
                Ok(()) => return Ok(Lock { file }),
                Err(fs::TryLockError::WouldBlock) => true,
                Err(fs::TryLockError::Error(source)) => {
                    return Err(Error::SaveFailed { path: lock, source });
                }
            },
        };
        if moved_at.elapsed() >= LOCK_WAIT {
            return Err(Error::Locked {
                path: path.to_path_buf(),
                seconds: LOCK_WAIT.as_secs(),
            });
        }
        if behind && !std::mem::replace(&mut told, true) {
            crate::shell::screen::note(&format!(
                "Waiting: another mbct-sustain is saving to {} (it holds {}); this save follows as \
                 soon as it is done.",
                path.display(),
                lock.display()
            ));
        }
        std::thread::sleep(LOOK_EVERY);
    }
}

/// What one look at the queue came to.
enum Look {
    /// It was this save's turn, and it took the lock.
    Took,
    /// Another save was reading or writing the queue this very moment: look again shortly.
    Busy,
    /// It waits, as number `mine`; `place` is who is first and how many are ahead of it.
    Waiting {
        mine: u64,
        place: (Option<u64>, usize),
    },
}

/// One look at the queue, holding the queue's own lock for that moment: drops the saves gone,
/// joins or beats, and takes the save lock `file` if it is this save's turn and the lock is free.
/// `Err` when the queue cannot be read or written (it is left to the lock alone then).
fn look(
    queue: &mut File,
    file: &File,
    mine: Option<u64>,
    watch: &mut Watch,
    start: Instant,
) -> Result<Look, ()> {
    match queue.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => return Ok(Look::Busy),
        Err(fs::TryLockError::Error(_)) => return Err(()),
    }
    let looked = (|| {
        let mut text = String::new();
        queue.seek(SeekFrom::Start(0)).map_err(drop)?;
        let _ = (&*queue).take(MAX_QUEUE_BYTES).read_to_string(&mut text);
        let mut waiting = Queue::parse(&text);
        let now = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
        let still = u64::try_from(STILL_FOR.as_millis()).unwrap_or(u64::MAX);
        let gone = watch.look(&waiting, mine, now, still);
        let me = waiting.look(mine, &gone);
        let took = waiting.is_first(me) && file.try_lock().is_ok();
        if took {
            waiting.leave(me);
        }
        let text = waiting.render();
        let written = queue
            .seek(SeekFrom::Start(0))
            .and_then(|_| queue.write_all(text.as_bytes()))
            .and_then(|()| queue.set_len(text.len() as u64));
        match (took, written) {
            (true, _) => Ok(Look::Took),
            (false, Ok(())) => Ok(Look::Waiting {
                mine: me,
                place: (waiting.head(), waiting.ahead_of(me)),
            }),
            (false, Err(_)) => Err(()),
        }
    })();
    let _ = queue.unlock();
    looked
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
