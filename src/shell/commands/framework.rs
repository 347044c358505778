//! `framework show`, `framework init` and `framework check`.

use std::io::Write as _;
use std::path::Path;

use crate::core::framework::BUNDLED_YAML;
use crate::present::safe::printable;
use crate::present::view;
use crate::present::words::count;
use crate::shell::cli::{FrameworkFormats, OutputArgs};
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::store;

/// Prints the framework in use.
pub fn show(ctx: &Context, output: &OutputArgs<FrameworkFormats>) -> Result<(), Error> {
    ctx.emit(&view::framework::build(&ctx.framework), output, &[])
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
        "# Copied from the bundled framework by `mbct-sustain framework init`.\n# When you adapt \
            it, change `id` or `version` below, so each assessment\n# records which framework it \
            was taken with.\n#\n{BUNDLED_YAML}"
    );
    store::write_atomic(file, copy.as_bytes()).map_err(|source| Error::WriteFailed {
        path: file.to_path_buf(),
        source,
    })?;
    if !quiet {
        let f = file.display();
        let _ = writeln!(
            std::io::stderr(),
            "Wrote a copy of the bundled framework to {f}.\nEdit it, then change its `id` or \
                `version` so assessments record which framework\nthey were taken with. Check it \
                with `mbct-sustain framework check {f}`, then use it\nwith `mbct-sustain \
                --framework {f}` (or set MBCT_SUSTAIN_FRAMEWORK).\nKeep the ids of actions you \
                keep: answers are matched by id."
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
