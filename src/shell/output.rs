//! Writing a command's result: its view in the format asked for, to the screen or to `--output`
//! (replaced whole, and never a file the tool reads from).

use std::path::PathBuf;

use crate::present::render;
use crate::shell::cli::{Offers, OutputArgs};
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::{screen, store};

impl Context {
    /// Renders a view and writes it to stdout or `--output`; `inputs` are
    /// files the command read, never written over.
    pub fn emit<V: render::View, F: Offers>(
        &self,
        v: &V,
        output: &OutputArgs<F>,
        inputs: &[PathBuf],
    ) -> Result<(), Error> {
        let bytes = render::render(v, output.format, self.look(output));
        write_output(self, &bytes, output, inputs)
    }
}

/// Writes `bytes` to stdout, or to `--output` unless that is a file the tool reads from.
fn write_output<F: Offers>(
    ctx: &Context,
    bytes: &[u8],
    output: &OutputArgs<F>,
    inputs: &[PathBuf],
) -> Result<(), Error> {
    match &output.output {
        Some(path) => {
            if inputs.iter().any(|input| store::same_file(input, path)) {
                return Err(Error::WouldOverwrite {
                    path: path.clone(),
                    what: "answers file",
                });
            }
            for (kept, what) in [
                (Some(&ctx.file), "answers file"),
                (ctx.framework_file.as_ref(), "framework"),
            ] {
                if kept.is_some_and(|k| store::same_file(k, path)) {
                    return Err(Error::WouldOverwrite {
                        path: path.clone(),
                        what,
                    });
                }
            }
            if let Some(what) = store::not_for_output(&ctx.file, path) {
                return Err(Error::WouldOverwrite {
                    path: path.clone(),
                    what,
                });
            }
            store::write_atomic(path, bytes).map_err(|source| Error::WriteFailed {
                path: path.clone(),
                source,
            })?;
            ctx.note(&format!(
                "Wrote the {} to {}",
                output.format.noun(),
                path.display()
            ));
            Ok(())
        }
        None => screen::write_stdout(bytes),
    }
}
