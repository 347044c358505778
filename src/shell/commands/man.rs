//! `man`: one manual page with every command and its options. clap_mangen renders a page per
//! command, referring to the others (`mbct-sustain-assess(1)`), which nobody installs; so the page
//! is composed from its section renderers, each command's options under a heading of its own, and
//! the sections clap knows nothing of (commands, examples, environment, exit status) written with
//! `roff`. What clap_mangen writes is then tidied so `mandoc -Tlint` finds nothing to say: a date
//! in the title's date slot, a blank line between `.br`s written as `.sp`, filled text in lines of
//! at most 80 bytes.

use clap::Command;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io;

/// The day this manual was last revised, for the title line: change it when its text changes.
const REVISED: &str = "2026-12-07";

/// The longest line of filled text mandoc's style check accepts.
const LINE_BYTES: usize = 80;

/// The manual page as roff.
pub fn page(cmd: Command) -> io::Result<String> {
    let man = Man::new(cmd.clone())
        .title("MBCT-SUSTAIN")
        .date(REVISED)
        .source(format!("mbct-sustain {}", env!("CARGO_PKG_VERSION")))
        .manual("User Commands");
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
    let page = String::from_utf8(out).map_err(io::Error::other)?;
    Ok(tidy(&page))
}

/// The page with what mandoc warns about or calls bad style put right, the same to read.
fn tidy(page: &str) -> String {
    // clap_mangen separates an option's possible values with `.br`, a blank line (a `.sp`) and
    // `.br`; the breaks do nothing beside the space.
    let page = page.replace("\n.br\n\n.br\n", "\n.sp\n");
    let mut out = String::with_capacity(page.len() + page.len() / 40);
    let mut filled = true;
    for line in page.lines() {
        match line {
            ".nf" => filled = false,
            ".fi" => filled = true,
            _ => {}
        }
        let text = !line.starts_with(['.', '\'']);
        if filled && text && line.len() > LINE_BYTES {
            wrap(line.trim_end(), &mut out);
        } else {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// A line of filled text in lines of at most [`LINE_BYTES`] where its words allow, broken at
/// spaces (in filled text a line end is a space), never after an escaping backslash or before a
/// `.` or `'`, which would start a request.
fn wrap(line: &str, out: &mut String) {
    let mut rest = line;
    while rest.len() > LINE_BYTES {
        let breaks = rest.char_indices().filter(|&(i, c)| {
            c == ' '
                && i > 0
                && !rest[..i].ends_with('\\')
                && !rest[i + 1..].starts_with(['.', '\'', ' '])
        });
        let fits = breaks.clone().take_while(|&(i, _)| i <= LINE_BYTES).last();
        let Some((at, _)) = fits.or_else(|| breaks.clone().next()) else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('\n');
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
        "A failure: a bad answers file or framework, no terminal for the assessment, nothing to \
            compare, a file that cannot be written.",
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

    #[test]
    fn the_title_has_the_date_in_the_date_slot_and_the_version_in_the_source_slot() {
        let page = page(crate::shell::cli::command()).unwrap();
        let title = page.lines().find(|l| l.starts_with(".TH ")).unwrap();
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            title,
            format!(".TH MBCT-SUSTAIN 1 {REVISED} \"mbct-sustain {version}\" \"User Commands\"")
        );
        assert!(jiff::civil::Date::strptime("%Y-%m-%d", REVISED).is_ok());
    }

    #[test]
    fn filled_text_is_wrapped_at_spaces_and_breaks_are_not_doubled() {
        let long = format!(
            "{} .not-a-request \\ escaped {}",
            "word ".repeat(15),
            "x".repeat(90)
        );
        let page = format!(".TP\n{long}\n.br\n\n.br\n.nf\n{long}\n.fi\n");
        let tidy = tidy(&page);
        let lines: Vec<&str> = tidy.lines().collect();
        assert_eq!(lines[0], ".TP");
        let filled: Vec<&&str> = lines
            .iter()
            .take_while(|l| !l.starts_with(".sp"))
            .skip(1)
            .collect();
        assert!(filled.len() > 1, "{tidy}");
        assert!(
            filled
                .iter()
                .all(|l| !l.starts_with(['.', '\'']) && !l.ends_with('\\')),
            "{tidy}"
        );
        assert!(
            filled[..filled.len() - 1]
                .iter()
                .all(|l| l.len() <= LINE_BYTES),
            "{tidy}"
        );
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        let joined: Vec<String> = filled.iter().flat_map(|l| words(l)).collect();
        assert_eq!(joined, words(&long), "the same words");
        assert!(tidy.contains("\n.sp\n.nf\n"), "{tidy}");
        assert!(
            tidy.contains(&format!(".nf\n{long}\n.fi")),
            "text that is not filled is kept"
        );
    }
}
