//! What the terminal is like (its width, whether to colour), and writing messages and results to
//! it. One width rule for the whole tool: text is fitted to a stream's width only when that stream
//! is a terminal; piped or written output has no limit.

use std::io::{self, IsTerminal, Write};

use crate::present::fit::wrap_indented;
use crate::present::safe::{one_line, printable};
use crate::shell::cli::ColorChoice;
use crate::shell::error::Error;

/// The two streams the tool writes to.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    /// Results.
    Stdout,
    /// Prompts, notes and errors.
    Stderr,
}

/// The rows and columns of `stream` when it is a terminal that says.
fn size(stream: Stream) -> Option<(u16, u16)> {
    let (terminal, term) = match stream {
        Stream::Stdout => (io::stdout().is_terminal(), console::Term::stdout()),
        Stream::Stderr => (io::stderr().is_terminal(), console::Term::stderr()),
    };
    terminal.then(|| term.size_checked()).flatten()
}

/// The width of `stream` in columns when it is a terminal that says; `None` otherwise.
pub fn width(stream: Stream) -> Option<usize> {
    size(stream).map(|(_, w)| usize::from(w)).filter(|w| *w > 0)
}

/// The height of `stream` in rows when it is a terminal that says; `None` otherwise.
pub fn height(stream: Stream) -> Option<usize> {
    size(stream).map(|(h, _)| usize::from(h)).filter(|h| *h > 0)
}

/// The width messages on stderr are wrapped to: a column short of the terminal (so a full line does
/// not wrap twice), and none when the terminal is too narrow for wrapping to help.
fn message_width() -> Option<usize> {
    width(Stream::Stderr).map(|w| w - 1).filter(|w| *w >= 40)
}

/// Whether `--quiet` was given: no note or progress line is written then, wherever it comes from
/// (a command, or the save lock's "Waiting").
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Silences (or not) every note and progress line from here on: `--quiet`.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Writes a message to stderr, wrapped to the terminal (a closed one is ignored), unless
/// `--quiet`. It may hold names from files, so it is shown on one line with every control
/// character made visible.
pub fn note(text: &str) {
    if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let text = one_line(text);
    let text = match message_width() {
        Some(w) => wrap_indented(&text, w, "  "),
        None => text,
    };
    let _ = writeln!(io::stderr(), "{text}");
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::WriteFailed {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Whether NO_COLOR asks for no colour (set and not empty, per no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether the locale can show Unicode (`✔`, `❯`, box drawing), by the environment.
pub fn shows_unicode() -> bool {
    let var = |name| std::env::var(name).ok();
    locale_shows_unicode(var("LC_ALL"), var("LC_CTYPE"), var("LANG"))
}

/// Whether a locale shows Unicode: the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set must
/// name UTF-8. None set is the C locale, ASCII, except on Windows, whose terminals show Unicode
/// anyway.
fn locale_shows_unicode(
    lc_all: Option<String>,
    lc_ctype: Option<String>,
    lang: Option<String>,
) -> bool {
    match [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
    {
        Some(locale) => {
            let locale = locale.to_ascii_lowercase();
            locale.contains("utf-8") || locale.contains("utf8")
        }
        None => cfg!(windows),
    }
}

/// Colour only on a terminal, never with NO_COLOR or TERM=dumb, unless `always`.
pub fn color_on(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            terminal && !no_color_env() && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Prints an error as `error: …` and `hint: …` on stderr.
pub fn print_error(e: &Error, choice: ColorChoice) {
    let color = color_on(choice, io::stderr().is_terminal());
    let width = message_width();
    let style = |label: &str, c: console::Color| {
        if color {
            console::style(label)
                .fg(c)
                .bold()
                .force_styling(true)
                .to_string()
        } else {
            label.to_string()
        }
    };
    // Stopping is the person's choice, not a failure: no "error:" then.
    let (label, hint) = match e {
        Error::Interrupted { .. }
        | Error::PlanEditStopped { .. }
        | Error::MeetingStopped { .. } => (String::new(), String::new()),
        _ => (
            style("error:", console::Color::Red),
            style("hint:", console::Color::Cyan),
        ),
    };
    let line = |label: &str, text: &str| {
        let text = printable(text);
        let text = if label.is_empty() {
            text.into_owned()
        } else {
            format!("{label} {text}")
        };
        match width {
            Some(w) => text
                .lines()
                .map(|l| wrap_indented(l, w, "  "))
                .collect::<Vec<_>>()
                .join("\n"),
            None => text,
        }
    };
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", line(&label, &e.to_string()));
    if let Some(h) = e.hint() {
        let _ = writeln!(err, "{}", line(&hint, &h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_is_shown_only_when_the_deciding_locale_variable_names_utf_8() {
        let some = |v: &str| Some(v.to_string());
        for (lc_all, lc_ctype, lang, shows) in [
            (None, None, some("en_GB.UTF-8"), true),
            (None, None, some("de_DE.utf8"), true),
            (None, None, some("C"), false),
            (None, None, some("en_GB"), false),
            (some("C"), None, some("en_GB.UTF-8"), false),
            (None, some("C.UTF-8"), some("C"), true),
            (some(""), None, some("POSIX"), false),
        ] {
            assert_eq!(
                locale_shows_unicode(lc_all.clone(), lc_ctype.clone(), lang.clone()),
                shows,
                "LC_ALL={lc_all:?} LC_CTYPE={lc_ctype:?} LANG={lang:?}"
            );
        }
        assert_eq!(
            locale_shows_unicode(None, None, None),
            cfg!(windows),
            "no locale is the C locale, except on Windows"
        );
    }
}
