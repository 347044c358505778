//! What every command needs (the framework, the answers file, the person)
//! and the steps they share: loading, picking, noting, writing results.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use crate::core::answers::History;
use crate::core::choose::{Miss, Timeline};
use crate::core::framework::{self, Framework};
use crate::core::rounds::Round;
use crate::present::render::{self, Format, Look};
use crate::shell::cli::{Global, OutputArgs};
use crate::shell::error::Error;
use crate::shell::input;
use crate::shell::screen::{self, Stream};
use crate::shell::store;

/// What every command needs: the framework, the answers file, the person.
pub struct Context {
    /// The framework in use.
    pub framework: Framework,
    /// The answers file.
    pub file: PathBuf,
    /// Whether the answers file was named (flag or environment), not found.
    pub file_given: bool,
    /// The adapted framework's file, if one is in use.
    pub framework_file: Option<PathBuf>,
    /// The respondent named by flag or environment.
    pub respondent: Option<String>,
    /// Colour on stdout.
    pub color: bool,
    /// Fewer messages.
    pub quiet: bool,
}

impl Context {
    /// Reads the framework and settles the answers file, person and colour.
    pub fn new(global: &Global) -> Result<Context, Error> {
        let framework = load_framework(global.framework.as_deref())?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Ok(Context {
            framework,
            file: store::locate(global.file.as_deref(), &cwd),
            file_given: global.file.is_some(),
            framework_file: global.framework.clone(),
            respondent: global.respondent.clone().filter(|r| !r.trim().is_empty()),
            color: screen::color_on(global.color, io::stdout().is_terminal()),
            quiet: global.quiet,
        })
    }

    /// How results look: colour and width only when written to the screen.
    pub fn look(&self, output: &OutputArgs) -> Look {
        let to_screen = output.output.is_none();
        Look {
            color: self.color && to_screen,
            ascii: output.ascii,
            width: if to_screen {
                screen::width(Stream::Stdout).map(|w| u16::try_from(w).unwrap_or(u16::MAX))
            } else {
                None
            },
        }
    }

    /// Writes a message to stderr unless `--quiet`; a closed terminal is ignored.
    pub fn note(&self, text: &str) {
        if self.quiet {
            return;
        }
        screen::note(text);
    }

    /// Says once, plainly, when the latest assessment used another framework.
    pub fn note_framework_change(&self, history: &History) {
        if let Some(last) = history.assessments.last()
            && (last.framework.id != self.framework.id || last.framework.version != self.framework.version)
        {
            self.note(&format!(
                "note: the latest assessment was taken with framework {} {}; you are using {} {}. Answers are matched by action id.",
                last.framework.id, last.framework.version, self.framework.id, self.framework.version
            ));
        }
    }

    /// The answers file, loaded; says when its latest used another
    /// framework, and when the team's review is past due.
    pub fn history(&self) -> Result<History, Error> {
        let h = store::load_existing(&self.file)?;
        self.note_framework_change(&h);
        self.note_unknown_ids(&h);
        self.remind(&h);
        Ok(h)
    }

    /// Says once which answered ids this very framework does not have (a
    /// typo such as `fit.evidence-and-ned` would otherwise count silently as
    /// unanswered). They are kept in the file all the same.
    pub fn note_unknown_ids(&self, history: &History) {
        let f = &self.framework;
        let mut unknown: Vec<&str> = Vec::new();
        for a in history
            .assessments
            .iter()
            .filter(|a| a.framework.id == f.id && a.framework.version == f.version)
        {
            for id in a.answers.keys() {
                if !f.has_action(id) && !unknown.contains(&id.as_str()) {
                    unknown.push(id);
                }
            }
        }
        if !unknown.is_empty() {
            self.note(&format!(
                "note: answers to ids this framework does not have are kept but count for nothing (a typo?): {}",
                unknown.join(", ")
            ));
        }
    }

    /// One line on stderr when the plan's next review date has passed.
    pub fn remind(&self, history: &History) {
        let latest = history.assessments.iter().map(|a| a.taken_at).max();
        if let Some(due) = crate::core::plan::review_overdue(&history.plan, latest, today()) {
            self.note(&format!(
                "reminder: the team's review was due on {due}; each of you, run `mbct-sustain` to answer again."
            ));
        }
    }

    /// The assessment `selector` names, or the latest (by the respondent, if named).
    pub fn pick(&self, timeline: &Timeline, selector: Option<&str>) -> Result<usize, Error> {
        timeline
            .pick(selector, self.respondent.as_deref())
            .map_err(|miss| self.missed(miss))
    }

    /// The two assessments `compare` shows.
    pub fn pick_pair(&self, timeline: &Timeline, a: Option<&str>, b: Option<&str>) -> Result<(usize, usize), Error> {
        timeline
            .pick_pair(a, b, self.respondent.as_deref())
            .map_err(|miss| self.missed(miss))
    }

    fn missed(&self, miss: Miss) -> Error {
        let path = self.file.clone();
        if let Some(e) = not_a_date(&miss) {
            return e;
        }
        match miss {
            Miss::NoAssessments => Error::NoAssessments {
                path,
                respondent: self.respondent.clone(),
            },
            Miss::NoSuch { selector, count } => Error::NoSuchAssessment {
                path,
                selector,
                count,
                respondent: self.respondent.clone(),
            },
            Miss::NothingToCompare { count, respondent } => Error::NothingToCompare {
                path,
                count,
                respondent,
            },
            Miss::Same { number, latest } => Error::SameAssessment { number, latest },
        }
    }

    /// The team's round `selector` names, or the latest.
    pub fn pick_round(&self, history: &History, rounds: &[Round], selector: Option<&str>) -> Result<usize, Error> {
        crate::core::rounds::pick(history, rounds, selector).map_err(|miss| self.missed_round(miss))
    }

    /// The two rounds `compare` shows for the team.
    pub fn pick_round_pair(
        &self,
        history: &History,
        rounds: &[Round],
        a: Option<&str>,
        b: Option<&str>,
    ) -> Result<(usize, usize), Error> {
        crate::core::rounds::pick_pair(history, rounds, a, b).map_err(|miss| self.missed_round(miss))
    }

    fn missed_round(&self, miss: Miss) -> Error {
        let path = self.file.clone();
        if let Some(e) = not_a_date(&miss) {
            return e;
        }
        match miss {
            Miss::NoSuch { selector, count } => Error::NoSuchRound { path, selector, count },
            Miss::NothingToCompare { .. } => Error::OneRound { path },
            Miss::Same { number, latest } => Error::SameRound { number, latest },
            Miss::NoAssessments => Error::NoAssessments { path, respondent: None },
        }
    }
}

/// A selector written like a date that is not one (`2026-13-01`) is a
/// mistake in the date, not a label nobody used.
fn not_a_date(miss: &Miss) -> Option<Error> {
    let Miss::NoSuch { selector, .. } = miss else {
        return None;
    };
    crate::shell::cli::parse_date(selector)
        .err()
        .filter(|message| message.contains("not a day of the calendar"))
        .map(|message| Error::NotADate { message })
}

/// Today's date where the tool runs, for due dates and reviews.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// Loads the framework from `path`, or the bundled one.
pub fn load_framework(path: Option<&Path>) -> Result<Framework, Error> {
    let Some(path) = path else {
        return Ok(Framework::bundled());
    };
    let text = input::read_text(path, store::MAX_FRAMEWORK_BYTES).map_err(|problem| Error::FrameworkUnreadable {
        path: path.to_path_buf(),
        problem,
    })?;
    framework::parse(&text).map_err(|problems| Error::FrameworkInvalid {
        name: path.display().to_string(),
        problems,
    })
}

/// Renders a view and writes it to stdout or `--output`.
pub fn emit<V: render::View>(ctx: &Context, v: &V, output: &OutputArgs) -> Result<(), Error> {
    emit_reading(ctx, v, output, &[])
}

/// As [`emit`], for a command that also read `inputs` (never written over).
pub fn emit_reading<V: render::View>(
    ctx: &Context,
    v: &V,
    output: &OutputArgs,
    inputs: &[PathBuf],
) -> Result<(), Error> {
    let text = render::render(v, output.format.into(), ctx.look(output));
    write_output(ctx, text.as_bytes(), output, inputs)
}

fn write_output(ctx: &Context, bytes: &[u8], output: &OutputArgs, inputs: &[PathBuf]) -> Result<(), Error> {
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
            let what = match render::Format::from(output.format) {
                Format::Table => "table",
                Format::Markdown => "Markdown",
                Format::Csv => "CSV",
                Format::Json => "JSON",
                Format::Html => "page",
            };
            ctx.note(&format!("Wrote the {what} to {}", path.display()));
            Ok(())
        }
        None => screen::write_stdout(bytes),
    }
}
