//! Writes the published JSON Schemas into `schema/` (run from the repository):
//! `cargo run --example schemas`. A unit test checks the committed files are what it writes.

fn main() -> std::io::Result<()> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    std::fs::create_dir_all(&folder)?;
    for (name, text) in mbct_sustain::present::schema::files() {
        std::fs::write(folder.join(name), text)?;
    }
    Ok(())
}
