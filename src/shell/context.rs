//! What every command needs: the settings from the command line (the framework, the answers file,
//! the person, colour), loading the answers file with its notes, and resolving the subject a
//! command shows. The notes themselves are in `notices.rs`, writing results in `output.rs`.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::core::answers::History;
use crate::core::framework::{self, Framework};
use crate::core::subject::{self, At, Miss, Missed, Requested, Selection, Snapshot, Subject};
use crate::core::time::{DayProblem, parse_day};
use crate::present::render::Look;
use crate::shell::cli::{Global, Offers, OutputArgs};
use crate::shell::clock::{self, today};
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
    pub fn look<F: Offers>(&self, output: &OutputArgs<F>) -> Look {
        let to_screen = output.output.is_none();
        Look {
            file: !to_screen,
            color: self.color && to_screen,
            // A terminal whose locale cannot show Unicode gets ASCII.
            ascii: output.ascii
                || (to_screen && io::stdout().is_terminal() && !screen::shows_unicode()),
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

    /// The answers file, which must exist but may hold no assessment yet
    /// (a roster with nobody's answers), with the same notes as [`Context::history`].
    pub fn history_or_empty(&self) -> Result<History, Error> {
        let h = store::load(&self.file)?.ok_or_else(|| Error::NoAnswersFile {
            path: self.file.clone(),
        })?;
        self.note_copies(&h.history);
        self.note_future(&h.history);
        self.remind(&h.history);
        Ok(h.history)
    }

    /// The answers file, loaded; says when its latest used another
    /// framework, and when the team's review is past due.
    pub fn history(&self) -> Result<History, Error> {
        let h = store::load_existing(&self.file)?;
        self.note_copies(&h);
        self.note_framework_change(&h);
        self.note_future(&h);
        self.note_unknown_ids(&h);
        self.remind(&h);
        Ok(h)
    }

    /// What the command shows: the subject resolved once (whose answers,
    /// which point, what it is compared with), or why there is none.
    pub fn snapshot<'h>(
        &self,
        history: &'h History,
        at: At,
        since: Option<Date>,
    ) -> Result<Snapshot<'h>, Error> {
        let whom = self
            .respondent
            .as_deref()
            .map_or(Requested::Auto, |r| Requested::Person(Some(r)));
        self.snapshot_of(history, whom, at, since)
    }

    /// As [`Context::snapshot`], for whom the command names itself.
    pub fn snapshot_of<'h>(
        &self,
        history: &'h History,
        whom: Requested,
        at: At,
        since: Option<Date>,
    ) -> Result<Snapshot<'h>, Error> {
        let selection = Selection {
            requested: whom,
            at,
            since,
            today: today(),
            now: clock::now(),
        };
        let s =
            subject::resolve(&self.framework, history, &selection).map_err(|m| self.missed(m))?;
        if let Some(record) = &s.record {
            self.note_left_out(history, &record.left_out);
        }
        if s.since_ignored {
            self.note(
                "note: --since picks the team's rounds; one person's view shows all their \
                assessments.",
            );
        }
        Ok(s)
    }

    /// Why nothing could be shown, in the words of whose journey it was.
    pub fn missed(&self, missed: Missed) -> Error {
        let path = self.file.clone();
        let respondent = match &missed.subject {
            Subject::Person(who) => who.clone(),
            Subject::Team => None,
        };
        let team = missed.subject == Subject::Team;
        match missed.miss {
            // A selector written like a date that is not one (`2026-13-01`) is a mistake in the
            // date, not a label nobody used.
            Miss::NoSuch { selector, .. }
                if parse_day(&selector) == Err(DayProblem::NotInCalendar) =>
            {
                Error::NotADate {
                    typed: selector,
                    problem: DayProblem::NotInCalendar,
                }
            }
            Miss::NoAssessments => Error::NoAssessments {
                path,
                respondent: self.respondent.clone(),
            },
            Miss::NothingSince(since) => Error::NothingSince { path, since },
            Miss::NoSuch { selector, count } if team => Error::NoSuchRound {
                path,
                selector,
                count,
            },
            Miss::NoSuch { selector, count } => Error::NoSuchAssessment {
                path,
                selector,
                count,
                respondent: self.respondent.clone(),
            },
            Miss::NothingToCompare { .. } if team => Error::OneRound { path },
            Miss::NothingToCompare { count } => Error::NothingToCompare {
                path,
                count,
                respondent,
            },
            Miss::Same { number, latest } if team => Error::SameRound { number, latest },
            Miss::Same { number, latest } => Error::SameAssessment { number, latest },
        }
    }
}

/// Refuses an action id the framework lacks, with the closest ids.
pub fn known_action(f: &Framework, id: &str) -> Result<(), Error> {
    if f.has_action(id) {
        return Ok(());
    }
    let ids = f.actions().map(|(_, a)| a.id.as_str());
    Err(Error::UnknownAction {
        id: id.to_string(),
        closest: crate::core::planning::similar_ids(ids, id)
            .into_iter()
            .map(str::to_string)
            .collect(),
    })
}

/// Loads the framework from `path`, or the bundled one.
pub fn load_framework(path: Option<&Path>) -> Result<Framework, Error> {
    let Some(path) = path else {
        return Ok(Framework::bundled());
    };
    let text = input::read_text(path, store::MAX_FRAMEWORK_BYTES).map_err(|problem| {
        Error::FrameworkUnreadable {
            path: path.to_path_buf(),
            problem,
        }
    })?;
    framework::from_yaml(&text).map_err(|problems| Error::FrameworkInvalid {
        name: path.display().to_string(),
        problems,
    })
}
