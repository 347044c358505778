//! `merge`, `merge-driver` and `git-setup`: bringing other copies of the
//! answers file into it, by hand or through git.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::core::answers::{self, History};
use crate::core::merge::{Report, is_conflict_copy, merge};
use crate::present::safe::one_line;
use crate::shell::cli::MergeArgs;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::input::ReadProblem;
use crate::shell::sharing::{quoted, words};
use crate::shell::store;

/// Brings other answers files into the answers file, under the save lock.
pub fn run(ctx: &Context, args: &MergeArgs) -> Result<(), Error> {
    let mut others = Vec::new();
    for path in args
        .files
        .iter()
        .filter(|f| !store::same_file(f, &ctx.file))
    {
        let missing = || Error::AnswersUnreadable {
            path: path.clone(),
            problem: ReadProblem::Missing,
        };
        others.push((path, store::load(path)?.ok_or_else(missing)?.history));
    }
    let bring = |h: &mut History| -> Vec<Report> {
        let each = |(_, other): &(_, History)| {
            let (merged, report) = merge(h, other, None);
            *h = merged;
            report
        };
        others.iter().map(each).collect()
    };
    let reports = if args.dry_run {
        let missing = || Error::NoAnswersFile {
            path: ctx.file.clone(),
        };
        bring(&mut store::load(&ctx.file)?.ok_or_else(missing)?.history)
    } else {
        store::update(&ctx.file, |h| Ok(bring(h)))?.1
    };
    let (verb, dry) = if args.dry_run {
        ("would bring", " (a dry run: nothing was written)")
    } else {
        ("brought", "")
    };
    for ((path, _), report) in others.iter().zip(&reports) {
        ctx.note(&format!(
            "{} {verb}: {}{dry}.",
            path.display(),
            words(report)
        ));
    }
    if !args.remove_merged {
        return Ok(());
    }
    // Removed only once merging it into the file as saved would change nothing.
    let saved = store::load(&ctx.file)?.unwrap_or_default().history;
    let name = ctx.file.file_name().unwrap_or_default().to_string_lossy();
    for (path, other) in &others {
        let copy = path
            .file_name()
            .is_some_and(|n| is_conflict_copy(&name, &n.to_string_lossy()));
        let said = if !copy {
            "kept: not a sync service's conflict copy of the answers file"
        } else if merge(&saved, other, None).0 != saved {
            "kept: not everything in it is in the answers file"
        } else {
            std::fs::remove_file(path).map_err(|source| Error::WriteFailed {
                path: path.to_path_buf(),
                source,
            })?;
            "removed: everything in it is in the answers file"
        };
        ctx.note(&format!("{}: {said}.", path.display()));
    }
    Ok(())
}

/// For git: merges `ours` (%A), `theirs` (%B) and their `base` (%O) into
/// `ours`; a conflict is named at the top of the file, and fails.
pub fn driver(base: &Path, ours: &Path, theirs: &Path) -> Result<(), Error> {
    let read = |path: &Path| store::load(path).map(Option::unwrap_or_default);
    let (o, t) = (read(ours)?, read(theirs)?);
    let base = store::load(base).ok().flatten().map(|b| b.history);
    let (merged, report) = merge(&o.history, &t.history, base.as_ref());
    let failed = |source| Error::WriteFailed {
        path: ours.to_path_buf(),
        source,
    };
    let mut text =
        answers::file::render(&merged, o.crlf).map_err(|e| failed(std::io::Error::other(e)))?;
    let conflicts = !report.conflicts.is_empty();
    if conflicts {
        text = format!(
            "# mbct-sustain merge: {}; the later of each was kept.\n{text}",
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

/// Sets up the git repository the answers file is in to merge it with `merge-driver`.
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
    let line = format!("{} merge=mbct-sustain", name.replace(' ', "[[:space:]]"));
    let path = top.join(".gitattributes");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if old.lines().any(|l| l.trim() == line) {
        ctx.note(&format!("{} already has `{line}`.", path.display()));
    } else {
        let text = format!(
            "{old}{}{line}\n",
            if old.is_empty() || old.ends_with('\n') {
                ""
            } else {
                "\n"
            }
        );
        store::write_atomic(&path, text.as_bytes()).map_err(|source| Error::WriteFailed {
            path: path.clone(),
            source,
        })?;
        ctx.note(&format!(
            "Added `{line}` to {}: commit it, so that every clone merges the file this way.",
            path.display()
        ));
    }
    // Git runs the driver by name when this program is on PATH, else by its full path.
    let exe = format!("mbct-sustain{}", std::env::consts::EXE_SUFFIX);
    let on_path = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(&exe).is_file()));
    let program = std::env::current_exe()
        .ok()
        .filter(|_| !on_path)
        .map_or("mbct-sustain".into(), |p| quoted(&p));
    let driver = format!("{program} merge-driver %O %A %B");
    git(&["config", "merge.mbct-sustain.driver", &driver]).ok_or_else(not_git)?;
    ctx.note(&format!("Ran `git config merge.mbct-sustain.driver \"{driver}\"` (in this clone: run `mbct-sustain git-setup` once in each)."));
    Ok(())
}
