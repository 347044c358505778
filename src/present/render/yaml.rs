//! A view as YAML: the form a framework is written in (`framework show --format yaml` is a
//! framework file), by the same writer as the answers file, which every YAML reader reads alike.

use std::io::{self, Write};

use serde::Serialize;

/// Writes the view as one YAML document.
pub fn write<V: Serialize>(view: &V, out: &mut dyn Write) -> io::Result<()> {
    let text = crate::core::yaml_emit::document(view).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}
