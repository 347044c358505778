//! `man`: one manual page with every command and its options. clap_mangen renders a page per
//! command, referring to the others (`mbct-sustain-assess(1)`), which nobody installs; so the page is
//! composed from its section renderers, each command's options under a heading of its own, and the
//! sections clap knows nothing of (commands, examples, environment, exit status) written with `roff`.

use clap::Command;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io;

/// The manual page as roff.
pub fn page(cmd: Command) -> io::Result<String> {
    let man = Man::new(cmd.clone());
    let commands = commands(&cmd, "");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let abouts = commands.iter().map(|(name, sub)| {
        (
            format!("mbct-sustain {name}"),
            sub.get_about().map(|a| a.to_string()),
        )
    });
    terms(&mut Roff::new(), "COMMANDS", abouts).to_writer(&mut out)?;
    for (name, sub) in &commands {
        // `-h` is listed once, under the main options.
        let own = |a: &clap::Arg| !a.is_hide_set() && !a.is_positional() && a.get_id() != "help";
        if sub.get_arguments().any(own) {
            let heading = format!("Options of mbct-sustain {name}");
            let sub = sub
                .clone()
                .disable_help_flag(true)
                .mut_args(|a| a.help_heading(heading.clone()));
            Man::new(sub).render_options_section(&mut out)?;
        }
    }
    examples_section(&cmd, &commands).to_writer(&mut out)?;
    // What `--help` shows per option but a manual page lists on its own.
    let listed = |items: &'static [(&str, &str)]| {
        items
            .iter()
            .map(|(t, m)| (t.to_string(), Some(m.to_string())))
    };
    let mut roff = Roff::new();
    terms(&mut roff, "ENVIRONMENT", listed(&ENVIRONMENT));
    terms(&mut roff, "EXIT STATUS", listed(&EXIT_STATUS)).to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    String::from_utf8(out).map_err(io::Error::other)
}

/// Every command worth a heading, depth first: `assess`, ..., `framework show`.
fn commands(cmd: &Command, prefix: &str) -> Vec<(String, Command)> {
    let mut out = Vec::new();
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{prefix}{}", sub.get_name());
        // A command with options of its own runs by itself too (`plan`).
        if !sub.has_subcommands()
            || sub
                .get_arguments()
                .any(|a| !a.is_hide_set() && !a.is_positional())
        {
            out.push((name.clone(), sub.clone()));
        }
        if sub.has_subcommands() {
            out.extend(commands(sub, &format!("{name} ")));
        }
    }
    out
}

/// A section of terms, each with what it means where there is something to say.
fn terms<'r>(
    roff: &'r mut Roff,
    title: &str,
    items: impl IntoIterator<Item = (String, Option<String>)>,
) -> &'r Roff {
    roff.control("SH", [title]);
    for (term, meaning) in items {
        roff.control("TP", []);
        roff.text([bold(term)]);
        if let Some(meaning) = meaning {
            roff.text([roman(meaning)]);
        }
    }
    roff
}

/// Each command's examples (its `--help` epilogue), lines kept as they are.
fn examples_section(cmd: &Command, commands: &[(String, Command)]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    roff.control("nf", []);
    let epilogues = std::iter::once(cmd).chain(commands.iter().map(|(_, c)| c));
    for text in epilogues.filter_map(|c| c.get_after_help()) {
        for line in text
            .to_string()
            .lines()
            .filter(|l| !matches!(*l, "Examples:" | "Example:"))
        {
            roff.text([roman(line)]);
        }
        roff.text([roman("")]);
    }
    roff.control("fi", []);
    roff
}

const ENVIRONMENT: [(&str, &str); 4] = [
    (
        "MBCT_SUSTAIN_FILE",
        "The answers file, when --file is not given.",
    ),
    (
        "MBCT_SUSTAIN_FRAMEWORK",
        "An adapted framework, when --framework is not given.",
    ),
    (
        "MBCT_SUSTAIN_RESPONDENT",
        "Who is answering, when --respondent is not given.",
    ),
    ("NO_COLOR", "When set, no colour (unless --color always)."),
];

const EXIT_STATUS: [(&str, &str); 4] = [
    ("0", "Success."),
    (
        "1",
        "A failure: a bad answers file or framework, no terminal for the assessment, nothing to compare, a file that cannot be written.",
    ),
    ("2", "Wrong usage."),
    (
        "130",
        "Interrupted (Ctrl-C or a closed terminal), after keeping every answer given.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_holds_every_command_with_its_options_and_no_missing_pages() {
        let page = page(crate::shell::cli::command()).unwrap();
        let first = page
            .lines()
            .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"));
        assert!(first.unwrap().starts_with(".TH "), "the title comes first");
        for heading in [
            "mbct\\-sustain assess",
            "mbct\\-sustain team",
            "mbct\\-sustain framework check",
        ] {
            assert!(page.contains(&format!("\\fB{heading}\\fR")), "{heading}");
        }
        for option in ["\\-\\-anonymous", "\\-\\-at", "\\-\\-full", "\\-\\-domain"] {
            assert!(page.contains(option), "{option}");
        }
        assert!(!page.contains("mbct\\-sustain\\-assess(1)"));
        assert!(
            page.contains(".SH \"OPTIONS OF MBCT-SUSTAIN REPORT\"\n.TP\n\\fB\\-\\-at"),
            "each command's options under its own heading"
        );
        assert_eq!(page.matches("Print help").count(), 1, "-h is listed once");
        assert!(page.contains(".SH EXAMPLES"));
        assert!(page.contains(".SH \"EXIT STATUS\"") && page.contains(".SH ENVIRONMENT"));
    }
}
