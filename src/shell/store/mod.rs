//! The answers file on disk: finding it, reading it, and replacing it safely.
//!
//! The file is only ever replaced whole ([`write_atomic`]), so a reader (or a crash) never sees
//! half a file. Saves take an exclusive lock on a separate `<file>.lock` and re-read the file under
//! it, so two people finishing at once are both recorded (measured: 16 processes saving 10 times
//! each kept 8 of 160 with a plain rewrite, all 160 this way). What a save writes keeps the bytes
//! of the assessments it read where it can ([`splice`]), so it costs about what reading does.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod atomic;
pub mod drafts;
mod lock;

use atomic::resolve;
pub use atomic::{folder_of, same_file, write_atomic, write_atomic_in_place};
pub use lock::{LOCK_WAIT, lock, lock_path, queue_path};

use crate::core::answers::plan::Plan;
use crate::core::answers::{self, Assessment, History, splice};
use crate::shell::error::Error;
use crate::shell::input::{self, ReadProblem};

/// The answers file's name, looked for in this folder and those above it.
pub const FILE_NAME: &str = "mbct-sustain.yaml";
/// Answers files larger than this are refused (about 40,000 assessments).
pub const MAX_ANSWERS_BYTES: u64 = 64 * 1024 * 1024;
/// Frameworks larger than this are refused.
pub const MAX_FRAMEWORK_BYTES: u64 = 1024 * 1024;

/// An answers file as read from disk.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Its content.
    pub history: History,
    /// Whether it used CRLF line ends (kept when it is rewritten).
    pub crlf: bool,
}

/// Finds the answers file: the one `given` (by flag or environment), else the nearest
/// `mbct-sustain.yaml` in `cwd` or a folder above it, else a new one in `cwd`.
pub fn locate(given: Option<&Path>, cwd: &Path) -> PathBuf {
    let nearest = || {
        cwd.ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|p| p.is_file())
    };
    given
        .map(Path::to_path_buf)
        .or_else(nearest)
        .unwrap_or_else(|| cwd.join(FILE_NAME))
}

/// Reads the answers file; `None` when there is none yet.
pub fn load(path: &Path) -> Result<Option<Loaded>, Error> {
    Ok(read(path)?.map(|(_, loaded)| loaded))
}

/// Reads the answers file, keeping its text (a save keeps what it can of it); `None` when there is
/// none yet.
fn read(path: &Path) -> Result<Option<(String, Loaded)>, Error> {
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
    let crlf = text.contains("\r\n");
    Ok(Some((text, Loaded { history, crlf })))
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

/// Checks, before any question is asked, that answers can be saved to `path`: the file (if any)
/// readable, valid and writable, its folder writable, and its lock one this account can take.
pub fn check_can_save(path: &Path) -> Result<Option<Loaded>, Error> {
    let loaded = load(path)?;
    let target = resolve(path);
    if fs::metadata(&target).is_ok_and(|m| m.permissions().readonly()) {
        return Err(Error::AnswersReadOnly {
            path: path.to_path_buf(),
        });
    }
    let dir = folder_of(&target);
    tempfile::NamedTempFile::new_in(&dir)
        .map(drop)
        .map_err(|source| Error::FolderNotWritable { path: dir, source })?;
    // The save will take the lock: make sure it can (one not there yet is created like the file
    // above).
    let lock = lock_path(path);
    if fs::symlink_metadata(&lock).is_ok() {
        lock::open_lock_file(&lock).map_err(|source| lock::open_failed(lock, source))?;
    }
    Ok(loaded)
}

/// Adds `assessment` to the answers file at `path` (re-read under the lock), in date order; returns
/// the file as saved. If it cannot be saved, the caller's draft still holds the answers, so no copy
/// is made.
pub fn append(path: &Path, assessment: &Assessment) -> Result<History, Error> {
    let _lock = lock(path)?;
    let (text, loaded) = match read(path)? {
        Some((text, loaded)) => (Some(text), loaded),
        None => (None, Loaded::default()),
    };
    let (mut history, crlf) = (loaded.history, loaded.crlf);
    let as_read = text
        .as_deref()
        .map(|text| splice::Read::new(text, &history, crlf))
        .transpose()
        .map_err(|e| render_failed(path, e))?;
    crate::core::answers::roster::admit(
        &mut history,
        assessment.respondent.as_deref(),
        assessment.taken_at,
    );
    let at = splice::place(&history.assessments, assessment.taken_at);
    history.assessments.insert(at, assessment.clone());
    crate::core::answers::clock::redate(&mut history, jiff::Timestamp::now());
    let spliced = match &as_read {
        Some(r) => r
            .spliced(&history, splice::Kept::AllBut(at))
            .map_err(|e| render_failed(path, e))?,
        None => None,
    };
    save(path, &history, crlf, spliced)?;
    Ok(history)
}

/// A history that could not be written as YAML (no history the tool reads is one).
fn render_failed(path: &Path, e: serde_yaml::Error) -> Error {
    Error::SaveFailed {
        path: path.to_path_buf(),
        source: io::Error::other(e),
    }
}

/// Writes `history` over the answers file at `path` (the lock held), never what it would not read:
/// the `spliced` pieces where the file's own bytes could be kept, else the whole file rendered.
fn save(
    path: &Path,
    history: &History,
    crlf: bool,
    spliced: Option<Vec<Cow<'_, str>>>,
) -> Result<(), Error> {
    let pieces = match spliced {
        Some(pieces) => pieces,
        None => vec![
            answers::file::render(history, crlf)
                .map_err(|e| render_failed(path, e))?
                .into(),
        ],
    };
    let size = pieces.iter().map(|p| p.len() as u64).sum();
    if size > MAX_ANSWERS_BYTES {
        return Err(Error::TooLargeToSave {
            path: path.to_path_buf(),
            size,
            limit: MAX_ANSWERS_BYTES,
        });
    }
    atomic::remove_stale_temp_files(&resolve(path));
    let bytes: Vec<&[u8]> = pieces.iter().map(|p| p.as_bytes()).collect();
    atomic::write_atomic_pieces(path, &bytes).map_err(|source| Error::SaveFailed {
        path: path.to_path_buf(),
        source,
    })
}

/// What `path` is, when `--output` must not write there: anything but a new or regular file (a
/// device, a folder, a pipe), or the tool's own files beside the answers file (a draft, a lock).
pub fn not_for_output(answers: &Path, path: &Path) -> Option<&'static str> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        let meta = if meta.file_type().is_symlink() {
            fs::metadata(path).ok()?
        } else {
            meta
        };
        if meta.is_dir() {
            return Some("folder");
        }
        if !meta.is_file() {
            return Some("device or pipe");
        }
    }
    let name = path.file_name()?.to_string_lossy().into_owned();
    let ours = answers
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with(&format!("{ours}.draft-")) || name.contains(".draft-") {
        return Some("unfinished assessment (draft)");
    }
    if name.ends_with(".lock") {
        return Some("lock file");
    }
    None
}

/// Changes the plan in the answers file at `path` (re-read under the lock, so two people changing
/// it at once both take effect); returns the file as saved, or as it was if `change` refuses or
/// does nothing.
pub fn update_plan(
    path: &Path,
    change: impl FnOnce(&mut Plan, &History) -> Result<(), Error>,
) -> Result<History, Error> {
    update(path, |history| {
        let mut plan = history.plan.clone();
        change(&mut plan, history)?;
        history.plan = plan;
        Ok(())
    })
    .map(|(history, ())| history)
}

/// Changes the answers file at `path` under the lock, after re-reading it,
/// so two people changing it at once both take effect. When `change`
/// refuses, or changes nothing, the file is left byte for byte as it was.
/// Returns the file as saved, and what `change` returned.
pub fn update<T>(
    path: &Path,
    change: impl FnOnce(&mut History) -> Result<T, Error>,
) -> Result<(History, T), Error> {
    let missing = || Error::NoAnswersFile {
        path: path.to_path_buf(),
    };
    // No file to change: refused before the lock, so the folder is left as it was (no lock files).
    if matches!(path.try_exists(), Ok(false)) {
        return Err(missing());
    }
    let _lock = lock(path)?;
    let (text, loaded) = read(path)?.ok_or_else(missing)?;
    // A file made read-only is left alone, as the walk leaves it.
    if fs::metadata(resolve(path)).is_ok_and(|m| m.permissions().readonly()) {
        return Err(Error::AnswersReadOnly {
            path: path.to_path_buf(),
        });
    }
    // What was read, to tell what changed without keeping a copy of every assessment.
    let as_read = splice::Read::new(&text, &loaded.history, loaded.crlf)
        .map_err(|e| render_failed(path, e))?;
    let mut history = loaded.history;
    let out = change(&mut history)?;
    let differs = as_read
        .differs(&history)
        .map_err(|e| render_failed(path, e))?;
    if differs.head || differs.assessments {
        // Entries from a clock that ran ahead count as made now, so a change made after wins.
        crate::core::answers::clock::redate(&mut history, jiff::Timestamp::now());
        let spliced = if differs.assessments {
            None
        } else {
            as_read
                .spliced(&history, splice::Kept::All)
                .map_err(|e| render_failed(path, e))?
        };
        save(path, &history, loaded.crlf, spliced)?;
    }
    Ok((history, out))
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
        assert_eq!(
            locate(Some(Path::new("x.yaml")), &sub),
            PathBuf::from("x.yaml")
        );
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
    fn a_symlinked_file_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        let link = dir.path().join(FILE_NAME);
        append(&real, &sample()).unwrap();
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        append(&link, &sample()).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(load_existing(&real).unwrap().assessments.len(), 2);
    }

    #[test]
    fn a_paper_form_entered_later_goes_in_date_order_as_a_full_render_would_write_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let at = |s: &str| -> jiff::Timestamp { s.parse().unwrap() };
        let taken = |when: &str| Assessment {
            taken_at: at(when),
            ..sample()
        };
        for when in [
            "2026-03-01T10:00:00Z",
            "2026-03-20T10:00:00Z",
            "2026-03-05T12:00:00Z",
        ] {
            append(&path, &taken(when)).unwrap();
        }
        let text = fs::read_to_string(&path).unwrap();
        let saved = answers::file::parse(&text).unwrap();
        let order: Vec<_> = saved.assessments.iter().map(|a| a.taken_at).collect();
        assert_eq!(
            order,
            [
                at("2026-03-01T10:00:00Z"),
                at("2026-03-05T12:00:00Z"),
                at("2026-03-20T10:00:00Z")
            ]
        );
        assert_eq!(text, answers::file::render(&saved, false).unwrap());
    }

    #[test]
    fn a_change_to_the_plan_keeps_hand_edits_among_the_assessments_and_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        append(&path, &sample()).unwrap();
        let owner = |name: &str| {
            update_plan(&path, |plan, _| {
                let at = jiff::Timestamp::UNIX_EPOCH;
                plan.set_step("fit.pathways", Some(name.into()), None, at);
                Ok(())
            })
            .unwrap()
        };
        // A dated plan needs format 3: this save upgrades the file, written in full.
        owner("Sam");
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("\n- taken_at:", "\n# entered from paper\n- taken_at:");
        fs::write(&path, &text).unwrap();
        let list = &text[text.find("assessments:").unwrap()..];
        owner("Jo");
        let saved = fs::read_to_string(&path).unwrap();
        assert!(
            saved.ends_with(list),
            "the assessments' bytes are kept: {saved}"
        );
        assert!(saved.contains("owner: Jo"), "{saved}");
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
    fn a_save_removes_only_the_stale_temp_files_of_its_own_naming_and_account() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.yaml");
        let file = |name: &str, age: u64| {
            let p = dir.path().join(name);
            let f = fs::File::create(&p).unwrap();
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(age))
                .unwrap();
            p
        };
        let others = [
            file(".team.my-edit.tmp", 3600),
            file(".x.y.tmp", 3600),
            file(".team.AbCdEf.tmp", 3600),
            file(".team.AbCdEfGh1-.tmp", 3600),
            file(".team.AbCdEfGh12.tmp.bak", 3600),
        ];
        let under_way = file(".team.ZyXwVuTs98.tmp", 0);
        let left_by_a_killed_save = file(".team.AbCdEfGh12.tmp", 3600);
        #[cfg(unix)]
        let colleagues = {
            let p = file(".team.QwErTyUi34.tmp", 3600);
            // Only root can give a file to another account.
            std::os::unix::fs::chown(&p, Some(1001), None)
                .is_ok()
                .then_some(p)
        };
        append(&path, &sample()).unwrap();
        for p in others.iter().chain([&under_way]) {
            assert!(p.exists(), "{} is not the tool's to remove", p.display());
        }
        assert!(!left_by_a_killed_save.exists());
        #[cfg(unix)]
        match colleagues {
            Some(p) => assert!(p.exists(), "another account's temp file is left alone"),
            None => {
                use std::io::Write;
                let _ = writeln!(
                    io::stderr(),
                    "not checked: another account's file (needs root)"
                );
            }
        }
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
