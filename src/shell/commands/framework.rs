//! `framework show`, `framework init` and `framework check`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::core::framework::{BUNDLED_YAML, Framework};
use crate::present::safe::printable;
use crate::present::words::count;
use crate::shell::cli::FrameworkFormat;
use crate::shell::error::Error;
use crate::shell::store;

/// Prints the framework in use.
pub fn show(f: &Framework, format: FrameworkFormat) -> Result<(), Error> {
    let text = match format {
        FrameworkFormat::Tree => printable(&tree(f)).into_owned(),
        FrameworkFormat::Yaml => f.to_yaml(),
        FrameworkFormat::Json => serde_json::to_string_pretty(f).unwrap_or_default() + "\n",
    };
    crate::shell::screen::write_stdout(text.as_bytes())
}

/// The framework as an indented tree with ids, for reading.
pub fn tree(f: &Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} {})", f.title, f.id, f.version);
    if let Some(source) = &f.source {
        let _ = writeln!(out, "Source: {source}");
    }
    let stages: Vec<String> = f
        .stages
        .iter()
        .map(|s| format!("{} [{}]", s.name, s.id))
        .collect();
    let _ = writeln!(
        out,
        "Stages: {}; every stage met: {}",
        stages.join(" → "),
        f.completion_label
    );
    let _ = writeln!(
        out,
        "{}, {}",
        count(f.domains.len(), "domain"),
        count(f.action_count(), "action")
    );
    for (d, domain) in f.domains.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {} [{}]", d + 1, domain.name, domain.id);
        for (s, stage) in f.stages.iter().enumerate() {
            let actions: Vec<_> = domain
                .actions
                .iter()
                .filter(|a| a.stage_index == s)
                .collect();
            if actions.is_empty() {
                continue;
            }
            let _ = writeln!(out, "   {}", stage.name);
            for a in actions {
                let _ = writeln!(out, "     - {} [{}]", a.text, a.id);
                if let Some(explain) = &a.explain {
                    let _ = writeln!(out, "       {explain}");
                }
                for link in &a.links {
                    let _ = writeln!(out, "       {}: {}", link.title, link.url);
                }
            }
        }
    }
    out
}

/// Writes a copy of the bundled framework to start an adaptation from.
pub fn init(file: &Path, force: bool, answers: &Path, quiet: bool) -> Result<(), Error> {
    if store::same_file(file, answers) {
        return Err(Error::WouldOverwrite {
            path: file.to_path_buf(),
            what: "answers file",
        });
    }
    if !force && std::fs::symlink_metadata(file).is_ok() {
        return Err(Error::AlreadyExists {
            path: file.to_path_buf(),
        });
    }
    let copy = format!(
        "# Copied from the bundled framework by `mbct-sustain framework init`.\n# When you adapt it, change `id` or `version` below, so each assessment\n# records which framework it was taken with.\n#\n{BUNDLED_YAML}"
    );
    store::write_atomic(file, copy.as_bytes()).map_err(|source| Error::WriteFailed {
        path: file.to_path_buf(),
        source,
    })?;
    if !quiet {
        let f = file.display();
        let _ = writeln!(
            std::io::stderr(),
            "Wrote a copy of the bundled framework to {f}.\nEdit it, then change its `id` or `version` so assessments record which framework\nthey were taken with. Check it with `mbct-sustain framework check {f}`, then use it\nwith `mbct-sustain --framework {f}` (or set MBCT_SUSTAIN_FRAMEWORK).\nKeep the ids of actions you keep: answers are matched by id."
        );
    }
    Ok(())
}

/// Validates a framework file and prints a one-line summary, or every problem.
pub fn check(file: &Path) -> Result<(), Error> {
    let f = crate::shell::context::load_framework(Some(file))?;
    let text = format!(
        "{} is a valid framework: {} ({} {}), {}, {}, {}.\n",
        file.display(),
        printable(&f.title),
        printable(&f.id),
        printable(&f.version),
        count(f.stages.len(), "stage"),
        count(f.domains.len(), "domain"),
        count(f.action_count(), "action")
    );
    crate::shell::screen::write_stdout(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_shows_every_action_with_its_id_under_its_stage() {
        let f = Framework::bundled();
        let t = tree(&f);
        assert_eq!(t.matches("\n     - ").count(), f.action_count());
        assert!(t.contains("[evaluation.annual-report]"));
    }
}
