//! `merge`, `merge-driver` and `git-setup`: bringing other copies of the answers file into it, by
//! hand or through git, and removing a copy only once everything in it is proved kept.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::core::answers::{self, History};
use crate::core::corrected::corrected_rounds;
use crate::core::merge::{
    self, Report, foreign_frameworks, is_conflict_copy, merge_histories, unkept,
};
use crate::present::safe::one_line;
use crate::shell::cli::MergeArgs;
use crate::shell::context::Context;
use crate::shell::error::{Error, GitFileProblem};
use crate::shell::sharing::{
    Other, ahead_words, corrected_words, lookalike_notes, read_other, unkept_words, words,
};
use crate::shell::store;

/// Brings other answers files into the answers file, under the save lock. Every file is read
/// (and refused, naming it) before anything is written.
pub fn run(ctx: &Context, args: &MergeArgs) -> Result<(), Error> {
    let now = crate::shell::clock::now();
    let mut others: Vec<Other> = Vec::new();
    for path in &args.files {
        if store::same_file(path, &ctx.file) {
            ctx.note(&format!(
                "{} is the answers file itself: there is nothing to merge from it.",
                one_line(&path.display().to_string())
            ));
            continue;
        }
        others.push(read_other(path)?);
    }
    if others.is_empty() {
        return Ok(());
    }
    // Whether each shared an assessment with the file before it came in: a copy of it.
    let related = std::cell::RefCell::new(Vec::new());
    // The closed rounds the merge corrected, named after the save.
    let corrected = std::cell::RefCell::new(Vec::new());
    let bring = |h: &mut History| -> Result<Vec<Report>, Error> {
        let before = h.clone();
        for other in &others {
            let found = foreign_frameworks(h, &other.loaded.history, &ctx.framework.id);
            if !found.is_empty() {
                return Err(Error::OtherFramework {
                    path: other.path.clone(),
                    found,
                    ours: ctx.framework.id.clone(),
                });
            }
        }
        related.borrow_mut().clear();
        let each = |other: &Other| {
            let copy = &other.loaded.history;
            related
                .borrow_mut()
                .push(merge::shares_an_assessment(h, copy));
            let (merged, report) = merge_histories(h, copy, None, now);
            *h = merged;
            report
        };
        let reports = others.iter().map(each).collect();
        *corrected.borrow_mut() = corrected_rounds(&ctx.framework, &before, h, now);
        Ok(reports)
    };
    let (saved, reports) = if args.dry_run {
        let missing = || Error::NoAnswersFile {
            path: ctx.file.clone(),
        };
        let mut h = store::load(&ctx.file)?.ok_or_else(missing)?.history;
        let reports = bring(&mut h)?;
        (h, reports)
    } else {
        store::update(&ctx.file, bring)?
    };
    let (verb, dry) = if args.dry_run {
        ("would bring", " (a dry run: nothing was written)")
    } else {
        ("brought", "")
    };
    for (other, report) in others.iter().zip(&reports) {
        let name = one_line(&other.path.display().to_string());
        ctx.note(&format!("{name} {verb}: {}{dry}.", words(report)));
        if !report.redated.is_empty() {
            ctx.note(&format!(
                "note: {} in {name} {} dated after today (a computer's clock may be wrong): {}; \
                    {} as made now, so a change made since wins.",
                crate::present::words::count(report.redated.len(), "entry"),
                if report.redated.len() == 1 {
                    "is"
                } else {
                    "are"
                },
                ahead_words(&report.redated),
                if report.redated.len() == 1 {
                    "it counts"
                } else {
                    "they count"
                },
            ));
        }
        for line in lookalike_notes(&other.path, report) {
            ctx.note(&line);
        }
    }
    for line in corrected_words(&corrected.into_inner(), &ctx.framework) {
        ctx.note(&line);
    }
    if args.remove_merged {
        remove_merged(ctx, &saved, &others, &related.into_inner())
    } else {
        Ok(())
    }
}

/// Removes each conflict copy merged whose every value is in the file as saved, and only the
/// bytes that were merged; keeps every other, saying why. A copy that cannot be removed is named
/// and the others are still handled.
fn remove_merged(
    ctx: &Context,
    saved: &History,
    others: &[Other],
    related: &[bool],
) -> Result<(), Error> {
    let name = ctx.file.file_name().unwrap_or_default().to_string_lossy();
    let mut failed = 0;
    for (other, related) in others.iter().zip(related) {
        let path = &other.path;
        let copy = path
            .file_name()
            .is_some_and(|n| is_conflict_copy(&name, &n.to_string_lossy()));
        let lacking = unkept(saved, &other.loaded.history);
        let said = if !copy {
            "kept: not a sync service's conflict copy of the answers file".to_string()
        } else if !related {
            "kept: it shared no assessment with the answers file, so it is another answers \
             file, not a copy of it"
                .to_string()
        } else if !lacking.is_empty() {
            format!(
                "kept: it holds what the answers file does not ({}); check it, then remove it by \
                    hand",
                unkept_words(&lacking)
            )
        } else {
            match remove_exactly(path, &other.bytes) {
                Ok(true) => "removed: everything in it is in the answers file".to_string(),
                Ok(false) => "kept: it changed while it was being merged (a sync service may have \
                    written it again); merge it again"
                    .to_string(),
                Err(e) => {
                    failed += 1;
                    format!(
                        "could not be removed: {}; it was left as it was",
                        io_words(&e)
                    )
                }
            }
        };
        ctx.note(&format!(
            "{}: {said}.",
            one_line(&path.display().to_string())
        ));
    }
    if failed > 0 {
        return Err(Error::CopiesNotRemoved { count: failed });
    }
    Ok(())
}

/// An I/O error in a sentence, without paths.
fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "it is no longer there".into(),
        _ => e.to_string(),
    }
}

/// Removes `path` only if it still holds `bytes`: it is first moved aside (so a sync client
/// writing it again writes a new file), compared, then unlinked, or put back on any difference.
/// `Ok(false)`: it changed, and was put back.
fn remove_exactly(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    pause_before_removing(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let aside = path.with_file_name(format!(
        ".{name}.mbct-sustain-removing-{}-{stamp}",
        std::process::id()
    ));
    std::fs::rename(path, &aside)?;
    let same = std::fs::symlink_metadata(&aside).is_ok_and(|m| m.is_file())
        && std::fs::read(&aside).is_ok_and(|now| now == bytes);
    if same && std::fs::remove_file(&aside).is_ok() {
        return Ok(true);
    }
    // Put it back, never over a file written there since.
    match std::fs::hard_link(&aside, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(&aside);
        }
        Err(_) if std::fs::symlink_metadata(path).is_ok() => {
            let kept = path.with_file_name(format!("{name} (kept by mbct-sustain {stamp})"));
            std::fs::rename(&aside, &kept)?;
        }
        Err(_) => std::fs::rename(&aside, path)?,
    }
    if same {
        return Err(std::io::Error::other("it could not be deleted"));
    }
    Ok(false)
}

/// For the project's own tests only (debug builds): with `MBCT_SUSTAIN_TEST_PAUSE_BEFORE_REMOVING`
/// set, says on stderr that it paused and waits for a line on stdin, between the check that a
/// copy is kept and its removal, so a test can rewrite the copy in that window.
fn pause_before_removing(path: &Path) {
    #[cfg(debug_assertions)]
    if std::env::var_os("MBCT_SUSTAIN_TEST_PAUSE_BEFORE_REMOVING").is_some() {
        use std::io::{BufRead, Write};
        let _ = writeln!(
            std::io::stderr(),
            "paused before removing {}",
            path.display()
        );
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
    #[cfg(not(debug_assertions))]
    let _ = path;
}

/// For git: merges `ours` (%A), `theirs` (%B) and their `base` (%O) into `ours`; a conflict is
/// named at the top of the file (on one line, whatever text it quotes), and fails.
pub fn driver(base: &Path, ours: &Path, theirs: &Path) -> Result<(), Error> {
    let read = |path: &Path| -> Result<store::Loaded, Error> {
        match read_other(path) {
            Err(Error::OtherUnreadable {
                problem: crate::shell::input::ReadProblem::Missing,
                ..
            }) => Ok(store::Loaded::default()),
            other => other.map(|o| o.loaded),
        }
    };
    let (o, t) = (read(ours)?, read(theirs)?);
    // Git gives an empty base when the two sides share no ancestor.
    let base = read_other(base).ok().map(|b| b.loaded.history);
    let (merged, report) = merge_histories(
        &o.history,
        &t.history,
        base.as_ref(),
        crate::shell::clock::now(),
    );
    let failed = |source| Error::WriteFailed {
        path: ours.to_path_buf(),
        source,
    };
    let mut text =
        answers::file::render(&merged, o.crlf).map_err(|e| failed(std::io::Error::other(e)))?;
    let conflicts = !report.conflicts.is_empty();
    if conflicts {
        let eol = if o.crlf { "\r\n" } else { "\n" };
        text = format!(
            "# mbct-sustain merge: {}; the later of each was kept.{eol}{text}",
            one_line(&words(&report))
        );
    }
    store::write_atomic(ours, text.as_bytes()).map_err(failed)?;
    if conflicts {
        Err(Error::MergeConflict {
            words: words(&report),
        })
    } else {
        Ok(())
    }
}

/// Lines `git-setup` adds to one of git's files, once checked they can be added safely.
struct Addition {
    path: PathBuf,
    lines: Vec<String>,
    /// The file's text, or none when there is no file yet.
    old: Option<String>,
}

impl Addition {
    /// Reads `path` to add `lines`: refused (nothing written) when it is a link, not a regular
    /// file, cannot be read, or is not UTF-8 text.
    fn check(path: PathBuf, lines: Vec<String>) -> Result<Addition, Error> {
        let refused = |problem| Error::GitFileRefused {
            path: path.clone(),
            problem,
        };
        let old = match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(refused(GitFileProblem::Unreadable(e))),
            Ok(m) if m.file_type().is_symlink() => return Err(refused(GitFileProblem::Link)),
            Ok(m) if !m.is_file() => return Err(refused(GitFileProblem::NotRegular)),
            Ok(_) => {
                let bytes =
                    std::fs::read(&path).map_err(|e| refused(GitFileProblem::Unreadable(e)))?;
                Some(String::from_utf8(bytes).map_err(|_| refused(GitFileProblem::NotText))?)
            }
        };
        Ok(Addition { path, lines, old })
    }

    /// Adds the lines not there yet (in the file's own line endings, ending its last line first
    /// if it had no line break), and says exactly what was written; lines already there are left
    /// alone.
    fn write(&self, what: &str) -> Result<String, Error> {
        let shown = one_line(&self.path.display().to_string());
        let old = self.old.as_deref().unwrap_or_default();
        let missing: Vec<&str> = (self.lines.iter())
            .filter(|line| !old.lines().any(|l| l.trim() == line.as_str()))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            return Ok(format!("{shown} already has {}.", quoted(&self.lines)));
        }
        let eol = if old.contains("\r\n") { "\r\n" } else { "\n" };
        let ended = old.is_empty() || old.ends_with('\n');
        let mut text = format!("{old}{}", if ended { "" } else { eol });
        for line in &missing {
            text += &format!("{line}{eol}");
        }
        store::write_atomic(&self.path, text.as_bytes()).map_err(|source| Error::WriteFailed {
            path: self.path.clone(),
            source,
        })?;
        let added = match missing.len() {
            1 => format!("the line {}", quoted(&missing)),
            _ => format!("the lines {}", quoted(&missing)),
        };
        Ok(match (&self.old, ended) {
            (None, _) => format!("Created {shown} with {added} ({what})."),
            (Some(_), true) => format!("Added {added} to the end of {shown} ({what})."),
            (Some(_), false) => format!(
                "Added a line break to the end of {shown}'s last line, then {added} ({what})."
            ),
        })
    }
}

/// Lines as a person reads them: `a`, or `a` and `b`.
fn quoted(lines: &[impl AsRef<str>]) -> String {
    let each: Vec<String> = (lines.iter())
        .map(|l| format!("`{}`", one_line(l.as_ref())))
        .collect();
    match each.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A file name as a pattern of `.gitignore` matching only itself.
fn ignore_pattern(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if matches!(c, '\\' | '*' | '?' | '[' | ']' | '!' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Sets up the git repository the answers file is in: `.gitattributes` names the merge driver,
/// `.gitignore` the lock files, and this clone runs the driver and pulls by merging.
pub fn git_setup(ctx: &Context) -> Result<(), Error> {
    let dir = store::folder_of(&ctx.file);
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
    };
    let not_git = || Error::NotInGit { path: dir.clone() };
    let top = PathBuf::from(
        String::from_utf8_lossy(
            &git(&["rev-parse", "--show-toplevel"])
                .ok_or_else(not_git)?
                .stdout,
        )
        .trim(),
    );
    let name = ctx.file.file_name().unwrap_or_default().to_string_lossy();
    // Both lock files a save leaves beside the answers file, so `git add -A` takes neither.
    let locks: Vec<String> = [store::lock_path(&ctx.file), store::queue_path(&ctx.file)]
        .iter()
        .map(|p| ignore_pattern(&p.file_name().unwrap_or_default().to_string_lossy()))
        .collect();
    // Both checked before either is written: a refusal leaves both as they were.
    let attributes = Addition::check(
        top.join(".gitattributes"),
        vec![format!(
            "{} merge=mbct-sustain",
            name.replace(' ', "[[:space:]]")
        )],
    )?;
    let ignore = Addition::check(top.join(".gitignore"), locks)?;
    ctx.note(
        &attributes.write("commit it, so that every clone merges the file with mbct-sustain")?,
    );
    ctx.note(&ignore.write("the lock files saves take; commit it too")?);
    // Git runs the driver by name when this program is on PATH, else by its full path.
    let exe = format!("mbct-sustain{}", std::env::consts::EXE_SUFFIX);
    let on_path = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(&exe).is_file()));
    let program = std::env::current_exe()
        .ok()
        .filter(|_| !on_path)
        .map_or("mbct-sustain".into(), |p| {
            crate::shell::words::quoted_path(&p)
        });
    let driver = format!("{program} merge-driver %O %A %B");
    git(&["config", "merge.mbct-sustain.driver", &driver]).ok_or_else(not_git)?;
    ctx.note(&format!(
        "Ran `git config merge.mbct-sustain.driver \"{driver}\"` (in this clone: run \
        `mbct-sustain git-setup` once in each)."
    ));
    git(&["config", "pull.rebase", "false"]).ok_or_else(not_git)?;
    ctx.note(
        "Ran `git config pull.rebase false`: `git pull` in this clone merges (a rebase would \
        not use the merge driver).",
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_lines_a_file_lacks_are_added_in_its_own_line_endings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".gitignore");
        std::fs::write(&path, "target\r\nmbct-sustain.yaml.lock").unwrap();
        let lines = vec![
            "mbct-sustain.yaml.lock".into(),
            "mbct-sustain.yaml.queue.lock".into(),
        ];
        let said = Addition::check(path.clone(), lines.clone())
            .unwrap()
            .write("why")
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "target\r\nmbct-sustain.yaml.lock\r\nmbct-sustain.yaml.queue.lock\r\n"
        );
        assert!(
            said.ends_with("then the line `mbct-sustain.yaml.queue.lock` (why)."),
            "{said}"
        );
        let again = Addition::check(path, lines).unwrap().write("why").unwrap();
        assert!(
            again.ends_with(
                "already has `mbct-sustain.yaml.lock` and `mbct-sustain.yaml.queue.lock`."
            ),
            "{again}"
        );
    }

    #[test]
    fn a_lock_file_name_is_a_gitignore_pattern_of_itself_alone() {
        assert_eq!(
            ignore_pattern("mbct-sustain.yaml.lock"),
            "mbct-sustain.yaml.lock"
        );
        assert_eq!(
            ignore_pattern("team #1 [x]!.yaml.lock"),
            "team \\#1 \\[x\\]\\!.yaml.lock"
        );
    }

    #[test]
    fn a_removal_takes_only_the_bytes_that_were_merged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("copy.yaml");
        std::fs::write(&p, "merged").unwrap();
        assert!(!remove_exactly(&p, b"something else").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"merged", "put back");
        assert!(remove_exactly(&p, b"merged").unwrap());
        assert!(!p.exists());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(names.is_empty(), "nothing left aside: {names:?}");
    }
}
