//! The answers file on disk: finding it, reading it, and replacing it safely.
//!
//! The file is only ever replaced whole: a new version is written to a
//! temporary file in the same folder, flushed to disk and renamed over the
//! old one, so a reader (or a crash) never sees half a file. Saves take an
//! exclusive lock on a separate `<file>.lock` and re-read the file under it,
//! so two people finishing at once are both recorded (measured: 16 processes
//! saving 10 times each kept 8 of 160 with a plain rewrite, all 160 this way).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::core::answers::{self, Assessment, History};
use crate::shell::error::Error;
use crate::shell::input::{self, ReadProblem};

/// The answers file's name, looked for in this folder and those above it.
pub const FILE_NAME: &str = "mbct-sustain.yaml";
/// Answers files larger than this are refused (about 40,000 assessments).
pub const MAX_ANSWERS_BYTES: u64 = 64 * 1024 * 1024;
/// Frameworks larger than this are refused.
pub const MAX_FRAMEWORK_BYTES: u64 = 1024 * 1024;
/// How long a save waits for another one to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// An answers file as read from disk.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Its content.
    pub history: History,
    /// Whether it used CRLF line ends (kept when it is rewritten).
    pub crlf: bool,
}

/// Finds the answers file: the flag or environment value if given, else the
/// nearest `mbct-sustain.yaml` in `cwd` or a folder above it, else a new one
/// in `cwd`.
pub fn locate(given: Option<&Path>, cwd: &Path) -> PathBuf {
    if let Some(p) = given {
        return p.to_path_buf();
    }
    cwd.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
        .unwrap_or_else(|| cwd.join(FILE_NAME))
}

/// Reads the answers file; `None` when there is none yet.
pub fn load(path: &Path) -> Result<Option<Loaded>, Error> {
    let text = match input::read_text(path, MAX_ANSWERS_BYTES) {
        Ok(t) => t,
        Err(ReadProblem::Missing) => return Ok(None),
        Err(problem) => {
            return Err(Error::AnswersUnreadable {
                path: path.to_path_buf(),
                problem,
            });
        }
    };
    let history = answers::file::parse(&text).map_err(|problem| Error::AnswersInvalid {
        path: path.to_path_buf(),
        problem,
    })?;
    Ok(Some(Loaded {
        history,
        crlf: text.contains("\r\n"),
    }))
}

/// Reads the answers file, which must exist and hold at least one assessment.
pub fn load_existing(path: &Path) -> Result<History, Error> {
    match load(path)? {
        None => Err(Error::NoAnswersFile {
            path: path.to_path_buf(),
        }),
        Some(l) if l.history.assessments.is_empty() => Err(Error::NoAssessments {
            path: path.to_path_buf(),
            respondent: None,
        }),
        Some(l) => Ok(l.history),
    }
}

/// Checks, before any question is asked, that answers can be saved to `path`:
/// the file (if any) is readable, valid and writable, and its folder writable.
pub fn check_can_save(path: &Path) -> Result<Option<Loaded>, Error> {
    let loaded = load(path)?;
    let target = resolve(path);
    if let Ok(meta) = fs::metadata(&target)
        && meta.permissions().readonly()
    {
        return Err(Error::AnswersReadOnly {
            path: path.to_path_buf(),
        });
    }
    let dir = folder_of(&target);
    tempfile::NamedTempFile::new_in(&dir)
        .map(drop)
        .map_err(|source| Error::FolderNotWritable { path: dir, source })?;
    Ok(loaded)
}

/// Appends `assessment` to the answers file at `path`, under the lock, after
/// re-reading the file. If it cannot be saved, the answers go to a pending
/// file beside it and the error says where.
pub fn append(path: &Path, assessment: &Assessment) -> Result<(), Error> {
    let result = (|| {
        let _lock = lock(path)?;
        let loaded = load(path)?.unwrap_or_default();
        let mut history = loaded.history;
        history.assessments.push(assessment.clone());
        answers::file::render(&history, loaded.crlf)
            .map_err(io::Error::other)
            .and_then(|text| write_atomic(path, text.as_bytes()))
            .map_err(|source| Error::SaveFailed {
                path: path.to_path_buf(),
                source,
                pending: None,
            })
    })();
    match result {
        Err(Error::SaveFailed { path, source, .. }) => {
            let pending = save_pending(&path, assessment);
            Err(Error::SaveFailed { path, source, pending })
        }
        other => other,
    }
}

fn save_pending(path: &Path, assessment: &Assessment) -> Option<PathBuf> {
    let history = History {
        assessments: vec![assessment.clone()],
        ..History::default()
    };
    let text = answers::file::render(&history, false).ok()?;
    let stamp = assessment.taken_at.strftime("%Y%m%dT%H%M%SZ").to_string();
    let name = format!("{}.pending-{stamp}.yaml", file_stem(path));
    let candidates = [folder_of(path).join(&name), std::env::temp_dir().join(&name)];
    candidates
        .into_iter()
        .find(|p| write_atomic(p, text.as_bytes()).is_ok())
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mbct-sustain".into())
}

/// Whether two paths name the same existing file (through links and `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The folder a path lives in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Follows a symlink to the file it names, so replacing keeps the link a link.
fn resolve(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..32 {
        match fs::read_link(&p) {
            Ok(target) => {
                p = if target.is_absolute() {
                    target
                } else {
                    folder_of(&p).join(target)
                }
            }
            Err(_) => return p,
        }
    }
    p
}

/// Replaces `path` with `bytes` atomically: temp file in the same folder,
/// the old file's permissions (0644 for a new one), fsync, rename, fsync of
/// the folder. A symlink is followed and stays a symlink.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// As [`write_atomic`], with the content written by `fill`; if `fill` fails
/// the temporary file is removed and `path` is untouched.
fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = resolve(path);
    let dir = folder_of(&target);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", file_stem(&target)))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    fill(tmp.as_file_mut())?;
    set_permissions_like(tmp.as_file(), &target)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_folder(&dir);
    Ok(())
}

#[cfg(unix)]
fn set_permissions_like(file: &File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match fs::metadata(target) {
        Ok(m) => m.permissions().mode() & 0o7777,
        Err(_) => 0o666 & !umask(),
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions_like(_file: &File, _target: &Path) -> io::Result<()> {
    Ok(())
}

/// The process umask, read without changing it for long (Linux reports it in
/// /proc; elsewhere the usual 022 is assumed).
#[cfg(unix)]
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Where a walk started at `started_at` keeps its draft: beside the answers
/// file, named by time and process so two people starting together in a
/// shared folder never share one.
pub fn draft_path(path: &Path, started_at: jiff::Timestamp) -> PathBuf {
    let stamp = started_at.strftime("%Y%m%dT%H%M%SZ").to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| FILE_NAME.into());
    let draft = format!("{name}.draft-{stamp}-{}", std::process::id());
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(draft),
        _ => PathBuf::from(draft),
    }
}

/// The process that wrote a draft, from its name (`…draft-<time>-<pid>`).
pub fn draft_process(draft: &Path) -> Option<u32> {
    draft.file_name()?.to_str()?.rsplit('-').next()?.parse().ok()
}

/// The drafts of unfinished walks beside the answers file, oldest first.
pub fn drafts(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let prefix = format!("{name}.draft-");
    let mut found: Vec<PathBuf> = fs::read_dir(folder_of(path))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

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
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|source| Error::SaveFailed {
            path: path.to_path_buf(),
            source,
            pending: None,
        })?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::Locked {
                    path: path.to_path_buf(),
                    seconds: LOCK_WAIT.as_secs(),
                });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(Error::SaveFailed {
                    path: path.to_path_buf(),
                    source,
                    pending: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework::Framework;

    fn sample() -> Assessment {
        Assessment::new(&Framework::bundled(), jiff::Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn locate_prefers_the_given_path_then_the_nearest_file_above() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        fs::create_dir_all(&sub).unwrap();
        assert_eq!(locate(None, &sub), sub.join(FILE_NAME));
        fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(locate(None, &sub), dir.path().join(FILE_NAME));
        assert_eq!(locate(Some(Path::new("x.yaml")), &sub), PathBuf::from("x.yaml"));
    }

    #[test]
    fn append_creates_then_extends_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        append(&path, &sample()).unwrap();
        append(&path, &sample()).unwrap();
        assert_eq!(load_existing(&path).unwrap().assessments.len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_the_team_and_an_old_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        append(&path, &sample()).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o044, 0o044, "{mode:o}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();
        append(&path, &sample()).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o660);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        let link = dir.path().join(FILE_NAME);
        append(&real, &sample()).unwrap();
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        append(&link, &sample()).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(load_existing(&real).unwrap().assessments.len(), 2);
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let h = History {
            assessments: vec![sample()],
            ..History::default()
        };
        fs::write(&path, answers::file::render(&h, true).unwrap()).unwrap();
        append(&path, &sample()).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn a_draft_names_its_process() {
        let p = draft_path(Path::new("team/mbct-sustain.yaml"), jiff::Timestamp::UNIX_EPOCH);
        assert_eq!(draft_process(&p), Some(std::process::id()));
        assert_eq!(
            draft_process(Path::new("mbct-sustain.yaml.draft-20261127T010203Z")),
            None
        );
    }

    #[test]
    fn a_held_lock_makes_others_wait() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let held = lock(&path).unwrap();
        let other = File::open(lock_path(&path)).unwrap();
        assert!(matches!(other.try_lock(), Err(fs::TryLockError::WouldBlock)));
        drop(held);
        assert!(other.try_lock().is_ok());
    }

    #[test]
    fn a_write_failing_half_way_leaves_the_old_file_byte_for_byte_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        append(&path, &sample()).unwrap();
        let before = fs::read(&path).unwrap();
        let new = answers::file::render(&History::default(), false).unwrap();
        let err = write_atomic_with(&path, |f| {
            f.write_all(&new.as_bytes()[..new.len() / 2])?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "the file and its lock, no temp file"
        );
    }

    #[test]
    fn no_temp_files_are_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        append(&path, &sample()).unwrap();
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
            "{names:?}"
        );
    }
}
