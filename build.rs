//! Reads the bundled framework (`framework.yaml`) once, when the program is built, so a run never
//! parses YAML to start: the framework's id and version, which `--version` prints, become constants,
//! and the framework itself is embedded as JSON, which reads about ten times faster than its YAML
//! (the bundled framework's YAML was most of a `--version` and 8% of a small `report`). The YAML
//! stays the one source: a person adapts a copy of it, and `framework init` writes it out as it is.
//! A unit test checks that the JSON reads as exactly what `framework::from_yaml` makes of the YAML,
//! which also validates it with the program's own rules.

use std::error::Error;
use std::{env, fs, path::Path};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=framework.yaml");
    let yaml = fs::read_to_string("framework.yaml")?;
    let framework: serde_yaml::Value = serde_yaml::from_str(&yaml)
        .map_err(|e| format!("framework.yaml is not YAML mbct-sustain can bundle: {e}"))?;
    let text = |key: &str| {
        framework
            .get(key)
            .and_then(serde_yaml::Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("framework.yaml has no `{key}:` text at its top level"))
    };
    let (id, version) = (text("id")?, text("version")?);
    let out = env::var("OUT_DIR")?;
    fs::write(
        Path::new(&out).join("framework.json"),
        serde_json::to_string(&framework)?,
    )?;
    // `{:?}` writes a Rust string literal, escapes and all.
    fs::write(
        Path::new(&out).join("framework_id.rs"),
        format!("({id:?}, {version:?})\n"),
    )?;
    Ok(())
}
