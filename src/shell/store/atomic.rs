//! Replacing a file whole: a reader, a crash or a full disk never leaves half a file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically: temp file in the same folder, the old file's mode,
/// fsync, rename, fsync of the folder. A symlink is followed and stays a symlink.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(&resolve(path), |file| file.write_all(bytes))
}

/// As [`write_atomic`], with the bytes given in pieces (written one after another, never joined).
pub fn write_atomic_pieces(path: &Path, pieces: &[&[u8]]) -> io::Result<()> {
    replace(&resolve(path), |file| {
        pieces.iter().try_for_each(|piece| file.write_all(piece))
    })
}

/// As [`write_atomic`], but a symlink at `path` is replaced, never followed: for the tool's own
/// files (drafts), where a link can only be a trap.
pub fn write_atomic_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, |file| file.write_all(bytes))
}

/// Replaces `target` with what `fill` writes; if `fill` fails the temporary file is removed and
/// `target` is untouched.
fn replace(target: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = target.to_path_buf();
    let dir = folder_of(&target);
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".tmp")
        .rand_bytes(RANDOM_CHARS);
    // A new file gets 0666 less the umask, as any program's would (and the team's access in a
    // team's folder); a replaced one keeps its own mode.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(&dir)?;
    fill(tmp.as_file_mut())?;
    match fs::metadata(&target) {
        Ok(m) => {
            #[cfg(unix)]
            keep_group(tmp.as_file(), &m);
            tmp.as_file().set_permissions(m.permissions())?
        }
        Err(_) => share_with_group(tmp.as_file(), &dir)?,
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename is kept once the folder is synced (a folder cannot be opened to sync elsewhere).
    #[cfg(unix)]
    let _ = File::open(&dir).and_then(|d| d.sync_all());
    Ok(())
}

/// Gives the new file the group of the one it replaces: in a team's folder without the setgid bit
/// it would take the saver's own group and lock the team out. Where this account may not (it is
/// not in that group), the file takes the saver's group, as any editor leaves it.
#[cfg(unix)]
fn keep_group(file: &File, old: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    if file.metadata().is_ok_and(|m| m.gid() != old.gid()) {
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
}

/// No save takes this long: a temporary file this old was left by a killed one (a power cut, a
/// limit).
const STALE: std::time::Duration = std::time::Duration::from_secs(600);

/// The random characters (`A-Za-z0-9`) in a temporary file's name: with the prefix, what marks it
/// ours.
const RANDOM_CHARS: usize = 10;

/// Removes the temporary files a killed save of `target` left: only this account's stale files of
/// this tool's exact naming, and never in an output's folder, where others' `.name.x.tmp` may sit.
pub(super) fn remove_stale_temp_files(target: &Path) {
    let prefix = temp_prefix(target);
    let ours = |name: &str| {
        name.strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|random| {
                random.len() == RANDOM_CHARS && random.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    };
    for entry in fs::read_dir(folder_of(target))
        .into_iter()
        .flatten()
        .flatten()
    {
        let Ok(meta) = entry.metadata() else { continue };
        #[cfg(unix)]
        // SAFETY: geteuid has no preconditions and cannot fail.
        let mine = std::os::unix::fs::MetadataExt::uid(&meta) == unsafe { libc::geteuid() };
        #[cfg(not(unix))]
        let mine = true;
        let stale = meta
            .modified()
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
        if mine && stale && meta.is_file() && ours(&entry.file_name().to_string_lossy()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes a file this process created readable and writable by the group of a group-writable
/// (team's) folder, whatever the umask: under umask 077 the team's other accounts would be locked
/// out.
pub(super) fn share_with_group(file: &File, dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if fs::metadata(dir)?.permissions().mode() & 0o020 != 0 {
            let mode = file.metadata()?.permissions().mode();
            file.set_permissions(fs::Permissions::from_mode(mode | 0o060))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (file, dir);
    Ok(())
}

/// Temporary files are hidden and named after the file they will replace.
fn temp_prefix(target: &Path) -> String {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mbct-sustain".into());
    format!(".{stem}.")
}

/// Whether two paths name the same existing file (through links and `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    fs::canonicalize(a).is_ok_and(|a| fs::canonicalize(b).is_ok_and(|b| a == b))
}

/// The folder a path lives in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Follows a symlink to the file it names, so replacing keeps the link a link.
pub fn resolve(path: &Path) -> PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_the_team_and_a_replaced_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        write_atomic(&path, b"a").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o044, 0o044, "{mode:o}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).unwrap();
        write_atomic(&path, b"b").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o660
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_group() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        write_atomic(&path, b"a").unwrap();
        // The team's group, not this account's own (only root may give a file any group).
        let team = fs::metadata(&path).unwrap().gid() + 4242;
        if std::os::unix::fs::chown(&path, None, Some(team)).is_err() {
            let _ = writeln!(
                io::stderr(),
                "not checked: a file of another group (needs root)"
            );
            return;
        }
        write_atomic(&path, b"b").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().gid(), team);
        assert_eq!(fs::read(&path).unwrap(), b"b");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_in_a_team_folder_is_the_teams_whatever_the_umask() {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for (folder, expected) in [(0o2775, 0o660), (0o755, 0o600)] {
            let dir = tempfile::tempdir().unwrap();
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(folder)).unwrap();
            // As umask 077 leaves it.
            let path = dir.path().join("f");
            let file = File::options()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .unwrap();
            share_with_group(&file, dir.path()).unwrap();
            assert_eq!(mode(&path), expected, "in a folder of mode {folder:o}");
            if folder & 0o020 != 0 {
                write_atomic(&dir.path().join("new.yaml"), b"a").unwrap();
                assert_eq!(
                    mode(&dir.path().join("new.yaml")) & 0o060,
                    0o060,
                    "a new answers file too"
                );
            }
        }
    }

    #[test]
    fn a_write_failing_half_way_leaves_the_old_file_byte_for_byte_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.yaml");
        write_atomic(&path, b"the old text").unwrap();
        let err = replace(&path, |f| {
            f.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read(&path).unwrap(), b"the old text");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file");
    }
}
