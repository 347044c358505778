//! `completions SHELL`: clap_complete's script, with two of its gaps filled from the same clap
//! definition, so every shell completes alike: bash names a hyphenated binary's subcommands two
//! ways (clap-rs/clap#6421), and fish completes no positional argument, so
//! `mbct-sustain completions <Tab>` offered file names instead of the shells (clap-rs/clap#6295).

use clap::Command;
use clap_complete::Shell;

/// The completion script for `shell`.
pub fn script(shell: Shell, mut cmd: Command) -> String {
    let mut out = Vec::new();
    let name = cmd.get_name().to_string();
    clap_complete::generate(shell, &mut cmd, &name, &mut out);
    let mut script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Bash => script.replace("mbct__subcmd__sustain", "mbct__sustain"),
        Shell::Fish => {
            fish_positional_values(&cmd, &name, &mut Vec::new(), &mut script);
            script
        }
        _ => script,
    }
}

/// Appends, for each positional argument with a set of values (`completions SHELL`), fish lines
/// offering those values, with their help, until one has been typed.
fn fish_positional_values(cmd: &Command, bin: &str, path: &mut Vec<String>, out: &mut String) {
    if let [first, rest @ ..] = path.as_slice() {
        let function = format!("__fish_{}_using_subcommand", bin.replace('-', "_"));
        let mut condition = format!("{function} {first}");
        for sub in rest {
            condition += &format!("; and __fish_seen_subcommand_from {sub}");
        }
        for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
            let values: Vec<_> = arg
                .get_possible_values()
                .into_iter()
                .filter(|v| !v.is_hide_set())
                .collect();
            if values.is_empty() {
                continue;
            }
            let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
            let given = format!(
                "{condition}; and not __fish_seen_subcommand_from {}",
                names.join(" ")
            );
            for v in &values {
                out.push_str(&format!(
                    "complete -c {bin} -n \"{given}\" -f -a {}",
                    fish_quoted(v.get_name())
                ));
                if let Some(help) = v.get_help() {
                    out.push_str(&format!(" -d {}", fish_quoted(&help.to_string())));
                }
                out.push('\n');
            }
        }
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        path.push(sub.get_name().to_string());
        fish_positional_values(sub, bin, path, out);
        path.pop();
    }
}

/// A fish single-quoted word (fish's quoting, not a POSIX shell's: `shell::words::quoted`).
fn fish_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fish_offers_the_shells_after_completions_like_bash_and_zsh() {
        let fish = script(Shell::Fish, crate::shell::cli::command());
        let condition = "__fish_mbct_sustain_using_subcommand completions; \
                         and not __fish_seen_subcommand_from bash elvish fish powershell zsh";
        for shell in ["bash", "elvish", "fish", "powershell", "zsh"] {
            let line = format!("complete -c mbct-sustain -n \"{condition}\" -f -a '{shell}'");
            assert!(
                fish.lines().any(|l| l == line),
                "{line}\nmissing from:\n{fish}"
            );
        }
        let bash = script(Shell::Bash, crate::shell::cli::command());
        assert!(bash.contains("bash elvish fish powershell zsh"));
        let zsh = script(Shell::Zsh, crate::shell::cli::command());
        assert!(zsh.contains("(bash elvish fish powershell zsh)"));
    }

    #[test]
    fn every_value_of_every_option_completes_in_fish_as_in_bash() {
        let fish = script(Shell::Fish, crate::shell::cli::command());
        let bash = script(Shell::Bash, crate::shell::cli::command());
        for value in [
            "auto", "always", "never", "table", "markdown", "csv", "json", "html",
        ] {
            assert!(fish.contains(&format!("{value}\\t")), "fish: {value}");
            assert!(bash.contains(value), "bash: {value}");
        }
        assert!(
            fish.contains("-l format") && fish.contains("yaml\\t"),
            "framework show"
        );
    }

    #[test]
    fn quotes_in_help_stay_inside_the_word() {
        assert_eq!(fish_quoted("it's a \\ test"), "'it\\'s a \\\\ test'");
    }
}
