//! `man`: one manual page with every command and its options.
//!
//! clap_mangen renders one page per command and refers to the others as
//! `mbct-sustain-assess(1)` and so on; nobody installs those, so the page is
//! assembled here from its sections, with each command's options and
//! examples under its own heading.

use clap::Command;
use clap_mangen::Man;
use std::io;

/// What `--help` shows per option but a manual page lists on its own.
const ENVIRONMENT_AND_EXIT_STATUS: &str = "\
.SH ENVIRONMENT
.TP
MBCT_SUSTAIN_FILE
The answers file, when --file is not given.
.TP
MBCT_SUSTAIN_FRAMEWORK
An adapted framework, when --framework is not given.
.TP
MBCT_SUSTAIN_RESPONDENT
Who is answering, when --respondent is not given.
.TP
NO_COLOR
When set, no colour (unless --color always).
.SH EXIT STATUS
.TP
0
Success.
.TP
1
A failure: a bad answers file or framework, no terminal for the assessment, nothing to compare, a file that cannot be written.
.TP
2
Wrong usage.
.TP
130
Interrupted (Ctrl-C or a closed terminal), after keeping every answer given.
";

/// The manual page as roff.
pub fn page(cmd: Command) -> io::Result<String> {
    let man = Man::new(cmd.clone());
    let mut out = String::new();
    out += &section(|w| man.render_title(w))?;
    out += &section(|w| man.render_name_section(w))?;
    out += &section(|w| man.render_synopsis_section(w))?;
    out += &section(|w| man.render_description_section(w))?;
    out += &section(|w| man.render_options_section(w))?;
    out += ".SH COMMANDS\n";
    for (name, sub) in commands(&cmd, "") {
        out += &format!(".SS \"{}\"\n", roff_escape(&format!("mbct-sustain {name}")));
        if let Some(about) = sub.get_about() {
            out += &format!("{}\n", roff_escape(&about.to_string()));
        }
        let sub_man = Man::new(sub.clone());
        if sub.get_arguments().any(|a| !a.is_hide_set() && a.get_id() != "help") {
            out += ".PP\nOptions:\n";
            out += &section(|w| sub_man.render_options_section(w))?.replacen(".SH OPTIONS\n", "", 1);
        }
        if sub.get_after_help().is_some() {
            // Examples keep their lines and spacing (no filling).
            out += &section(|w| sub_man.render_extra_section(w))?.replacen(".SH EXTRA\n", ".PP\n.nf\n", 1);
            out += ".fi\n";
        }
    }
    out += &section(|w| man.render_extra_section(w))?
        .replacen(".SH EXTRA\n", ".SH EXAMPLES\n.nf\n", 1)
        .replacen("Examples:\n", "", 1);
    out += ".fi\n";
    out += ENVIRONMENT_AND_EXIT_STATUS;
    out += &section(|w| man.render_version_section(w))?;
    Ok(out)
}

/// Every command worth a heading, depth first: `assess`, ..., `framework show`.
fn commands(cmd: &Command, prefix: &str) -> Vec<(String, Command)> {
    let mut out = Vec::new();
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{prefix}{}", sub.get_name());
        if sub.has_subcommands() {
            out.extend(commands(sub, &format!("{name} ")));
        } else {
            out.push((name, sub.clone()));
        }
    }
    out
}

/// One section's roff, with the apostrophe set-up kept once, after the title.
fn section(render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<String> {
    let mut bytes = Vec::new();
    render(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = String::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"))
    {
        out += line;
        out.push('\n');
        if line.starts_with(".TH ") {
            out += ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
        }
    }
    Ok(out)
}

fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('-', "\\-").replace('\'', "\\*(Aq")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_holds_every_command_with_its_options_and_no_missing_pages() {
        let page = page(crate::shell::cli::command()).unwrap();
        assert!(page.starts_with(".TH "));
        for heading in [
            "mbct\\-sustain assess",
            "mbct\\-sustain team",
            "mbct\\-sustain framework check",
        ] {
            assert!(page.contains(&format!(".SS \"{heading}\"")), "{heading}");
        }
        for option in ["\\-\\-anonymous", "\\-\\-at", "\\-\\-full", "\\-\\-domain"] {
            assert!(page.contains(option), "{option}");
        }
        assert!(!page.contains("mbct\\-sustain\\-assess(1)"));
        assert_eq!(page.matches(".ds Aq").count(), 2, "the set-up appears once");
        assert!(page.contains(".SH EXAMPLES"));
        assert!(page.contains(".SH EXIT STATUS") && page.contains(".SH ENVIRONMENT"));
    }
}
