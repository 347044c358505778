//! The completion scripts and the man page as the programs that read them see them: fish completes
//! the shells after `completions`, and mandoc's linter finds nothing to say about the page. They
//! need fish and mandoc (`apt-get install -y fish mandoc`; `.ci/run` installs them), so they are
//! ignored by default and run by `cargo test -- --include-ignored`.

use crate::common::*;

/// What fish offers to complete `line`, with this build's completion script loaded.
fn fish_offers(env: &Env, line: &str) -> Vec<String> {
    let script = env
        .cmd()
        .args(["completions", "fish"])
        .output()
        .unwrap()
        .stdout;
    env.write("mbct-sustain.fish", script);
    let bin = assert_cmd::cargo::cargo_bin("mbct-sustain");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = program(env.dir.path(), "fish")
        .env("PATH", path)
        .args(["--no-config", "-c"])
        .arg(format!("source mbct-sustain.fish; complete -C'{line}'"))
        .output()
        .expect("fish (apt-get install -y fish)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
#[ignore = "needs fish"]
fn fish_completes_the_shells_after_completions_and_every_value_of_an_option() {
    let env = Env::new();
    env.write("a-file-not-a-shell.txt", "");
    assert_eq!(
        fish_offers(&env, "mbct-sustain completions "),
        ["bash", "elvish", "fish", "powershell", "zsh"]
    );
    assert_eq!(
        fish_offers(&env, "mbct-sustain report --format "),
        ["csv", "html", "json", "markdown", "table"]
    );
    assert_eq!(
        fish_offers(&env, "mbct-sustain status --color "),
        ["always", "auto", "never"]
    );
    assert_eq!(
        fish_offers(&env, "mbct-sustain framework show --format "),
        ["csv", "html", "json", "markdown", "table", "yaml"]
    );
}

#[test]
#[ignore = "needs mandoc"]
fn mandoc_finds_nothing_to_say_about_the_man_page() {
    let env = Env::new();
    let page = env.cmd().arg("man").output().unwrap().stdout;
    env.write("mbct-sustain.1", page);
    let out = program(env.dir.path(), "mandoc")
        .args(["-Tlint", "-W", "style", "mbct-sustain.1"])
        .output()
        .expect("mandoc (apt-get install -y mandoc)");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(said, "", "mandoc -Tlint");
    assert!(out.status.success());
}
