//! What every command needs (the framework, the answers file, the person)
//! and the steps they share: loading, picking, noting, writing results.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::core::answers::History;
use crate::core::framework::{self, Framework};
use crate::core::subject::{self, At, Miss, Missed, Selection, Snapshot, Whom, Whose};
use crate::present::render::{self, Look};
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

    /// Names each sync service's conflict copy beside the answers file that
    /// holds what the file does not, with the command that brings it in.
    pub fn note_copies(&self, history: &History) {
        let found = crate::shell::sharing::copies(&self.file, history);
        let file = self.file_given.then_some(self.file.as_path());
        for line in crate::shell::sharing::notices(&found, file) {
            self.note(&line);
        }
    }

    /// Names each assessment dated after today (a computer's clock may be
    /// wrong): it is left out of rounds until its date; and the other entries
    /// dated after today, which count as made now.
    pub fn note_future(&self, history: &History) {
        let ahead = crate::core::answers::clock::ahead(history, jiff::Timestamp::now());
        if !ahead.is_empty() {
            let n = ahead.len();
            self.note(&format!(
                "note: {} {} dated after today (a computer's clock may be wrong): {}; {} as made \
                    now, and the next change saves {} so.",
                crate::shell::sharing::many(n, "entry"),
                if n == 1 { "is" } else { "are" },
                crate::shell::sharing::ahead_words(&ahead),
                if n == 1 { "it counts" } else { "they count" },
                if n == 1 { "it" } else { "them" },
            ));
        }
        for i in crate::core::rounds::in_the_future(history, jiff::Timestamp::now()) {
            let a = &history.assessments[i];
            let who = a
                .respondent
                .as_deref()
                .map_or("An".to_string(), |r| format!("{r}'s"));
            self.note(&format!(
                "note: {who} assessment is dated {}, after today: a computer's clock may be wrong; fix `taken_at` in the file (it is left out of rounds until then).",
                crate::present::view::date_of(a.taken_at)
            ));
        }
    }

    /// Says once, plainly, when the latest assessment used another framework.
    pub fn note_framework_change(&self, history: &History) {
        if let Some(last) = history.assessments.last()
            && (last.framework.id != self.framework.id
                || last.framework.version != self.framework.version)
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
        self.note_copies(&h);
        self.note_framework_change(&h);
        self.note_future(&h);
        self.note_unknown_ids(&h);
        self.remind(&h);
        Ok(h)
    }

    /// Says once which answered ids this very framework does not have (a
    /// typo such as `fit.evidence-and-ned` would otherwise count silently as
    /// unanswered). They are kept in the file all the same.
    pub fn note_unknown_ids(&self, history: &History) {
        let f = &self.framework;
        let ids: Vec<&str> = f.actions().map(|(_, a)| a.id.as_str()).collect();
        let mut unknown: Vec<&str> = Vec::new();
        for a in history
            .assessments
            .iter()
            .filter(|a| a.framework.id == f.id && a.framework.version == f.version)
        {
            // Answers are written in the framework's order: each is first compared with the id
            // after the last one found, so a file costs about one comparison an answer.
            let mut next = 0;
            for id in a.answers.keys() {
                if ids.get(next) == Some(&id.as_str()) {
                    next += 1;
                } else if let Some(i) = ids.iter().position(|known| known == id) {
                    next = i + 1;
                } else if !unknown.contains(&id.as_str()) {
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
            .map_or(Whom::Auto, |r| Whom::Person(Some(r)));
        self.snapshot_of(history, whom, at, since)
    }

    /// As [`Context::snapshot`], for whom the command names itself.
    pub fn snapshot_of<'h>(
        &self,
        history: &'h History,
        whom: Whom,
        at: At,
        since: Option<Date>,
    ) -> Result<Snapshot<'h>, Error> {
        let selection = Selection {
            whom,
            at,
            since,
            today: today(),
            now: jiff::Timestamp::now(),
        };
        let s =
            subject::resolve(&self.framework, history, &selection).map_err(|m| self.missed(m))?;
        if let Some(record) = &s.record {
            self.note_left_out(history, &record.left_out);
        }
        if s.since_ignored {
            self.note("note: --since picks the team's rounds; one person's view shows all their assessments.");
        }
        Ok(s)
    }

    /// Names the team's decisions that count in no round: an agreement recorded after the next
    /// round began (that round's picture stays as it stood), or one with no round and no date.
    fn note_left_out(&self, history: &History, left_out: &[crate::core::record::LeftOut]) {
        use crate::core::record::LeftOut;
        const NAMED: usize = 3;
        for out in left_out.iter().take(NAMED) {
            let (entry, why) = match out {
                LeftOut::RecordedLate { entry, round } => (
                    *entry,
                    format!(
                        "it was recorded after round {} began, and round {} stays as it stood",
                        round + 2,
                        round + 1
                    ),
                ),
                LeftOut::NoSuchRound { entry } => (
                    *entry,
                    "it is for a round before any assessment".to_string(),
                ),
                LeftOut::Undated { entry } => (*entry, "it has neither a round nor a day".into()),
            };
            let a = &history.agreements[entry];
            let answer = a.answer.map_or("left to the rule", |x| x.label());
            self.note(&format!(
                "note: the agreement on {} ({answer}, recorded {}) counts in no round: {why}; \
                 `mbct-sustain agree` records one for the latest round.",
                crate::present::safe::one_line(&a.action),
                crate::present::view::date_of(a.at)
            ));
        }
        if left_out.len() > NAMED {
            self.note(&format!(
                "note: and {} more agreements count in no round.",
                left_out.len() - NAMED
            ));
        }
    }

    /// Why nothing could be shown, in the words of whose journey it was.
    pub fn missed(&self, missed: Missed) -> Error {
        let path = self.file.clone();
        let respondent = match &missed.whose {
            Whose::Person(who) => who.clone(),
            Whose::Team => None,
        };
        let team = missed.whose == Whose::Team;
        match missed.miss {
            Miss::NoSuch { selector, .. } if not_a_date(&selector).is_some() => Error::NotADate {
                message: not_a_date(&selector).unwrap_or_default(),
            },
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

    /// Renders a view and writes it to stdout or `--output`; `inputs` are
    /// files the command read, never written over.
    pub fn emit<V: render::View + render::Sheet + serde::Serialize>(
        &self,
        v: &V,
        output: &OutputArgs,
        inputs: &[PathBuf],
    ) -> Result<(), Error> {
        let mut text = render::render(v, output.format, self.look(output));
        if output.output.is_some() {
            text = render::as_file(output.format, text);
        }
        write_output(self, text.as_bytes(), output, inputs)
    }
}

/// A selector written like a date that is not one (`2026-13-01`) is a
/// mistake in the date, not a label nobody used: the message saying so.
fn not_a_date(selector: &str) -> Option<String> {
    crate::shell::cli::parse_date(selector)
        .err()
        .filter(|message| message.contains("not a day of the calendar"))
}

/// Refuses an action id the framework lacks, with the closest ids.
pub fn known_action(f: &Framework, id: &str) -> Result<(), Error> {
    if f.has_action(id) {
        return Ok(());
    }
    let ids = f.actions().map(|(_, a)| a.id.as_str());
    Err(Error::UnknownAction {
        id: id.to_string(),
        closest: crate::core::plan::closest(ids, id)
            .into_iter()
            .map(str::to_string)
            .collect(),
    })
}

/// Now, to the millisecond: when a change to the file is made (fine enough
/// to order two changes made in one second, when copies are merged).
pub fn now() -> jiff::Timestamp {
    let t = jiff::Timestamp::now();
    t.round(jiff::Unit::Millisecond).unwrap_or(t)
}

/// Today, as the answers file names days: the UTC day (every date the tool writes and compares is
/// a UTC day), with no time-zone database to read at every start.
pub fn today() -> jiff::civil::Date {
    crate::core::time::day_of(jiff::Timestamp::now())
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
    framework::parse(&text).map_err(|problems| Error::FrameworkInvalid {
        name: path.display().to_string(),
        problems,
    })
}

fn write_output(
    ctx: &Context,
    bytes: &[u8],
    output: &OutputArgs,
    inputs: &[PathBuf],
) -> Result<(), Error> {
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
            ctx.note(&format!(
                "Wrote the {} to {}",
                output.format.noun(),
                path.display()
            ));
            Ok(())
        }
        None => screen::write_stdout(bytes),
    }
}
