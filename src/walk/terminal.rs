//! The walk's questions on a real terminal, with dialoguer.
//!
//! This is the only file that draws prompts. Prompts go to stderr, so stdout
//! stays clean for the final table. Long action texts are wrapped here, since
//! dialoguer clears a prompt by counting its newlines.

use console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};
use std::io;

use crate::answers::Answer;
use crate::render::safe::one_line;
use crate::render::wrap::{truncate, wrap};
use crate::view::date_of;
use crate::walk::{ActionQuestion, ChangedQuestion, NoteQuestion, Prompter, Reply, Stop};

/// Columns the theme adds around a select prompt's last line ("? " and " ›").
const SELECT_ROOM: usize = 4;
/// Columns a yes/no prompt adds: "? ", " (y/n) › ", and the answer.
const CONFIRM_ROOM: usize = 16;
/// Columns kept free after a text prompt for what is typed.
const INPUT_ROOM: usize = 20;

/// Asks the walk's questions on stderr's terminal.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
}

impl TerminalPrompter {
    /// A prompter on stderr.
    pub fn new() -> TerminalPrompter {
        TerminalPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
        }
    }

    fn width(&self) -> usize {
        match self.term.size_checked() {
            Some((_, w)) if w >= 40 => usize::from(w) - 2,
            Some((_, w)) if w > 0 => 38,
            _ => 78,
        }
    }

    /// Removes a prompt left half-drawn by Ctrl-C, so the screen ends clean.
    fn clear_after(&self, stop: Stop, height: usize) -> Stop {
        if matches!(stop, Stop::Interrupted) {
            let _ = self.term.clear_line();
            let _ = self.term.clear_last_lines(height);
        }
        stop
    }

    /// Writes a line above the prompts, ignoring a closed terminal.
    pub fn say(&self, text: &str) {
        let _ = self.term.write_line(&wrap(text, self.width()));
    }

    /// Asks a free-text question once (e.g. the respondent's name).
    pub fn ask_text(&mut self, prompt: &str) -> Result<String, Stop> {
        Input::<String>::with_theme(&self.theme)
            .with_prompt(wrap(prompt, self.width() - INPUT_ROOM))
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map(|s| s.trim().to_string())
            .map_err(stop)
    }

    /// Asks a yes/no question with a default: `context` is shown above a
    /// one-line `question`, then both are replaced by a one-line summary.
    pub fn ask_yes_no(&mut self, context: &str, question: &str, default: bool) -> Result<bool, Stop> {
        let answer = self.confirm_below(context, question, default)?.unwrap_or(default);
        self.say(&format!(
            "{} {} {}",
            style("✔").green(),
            truncate(context, self.width().saturating_sub(8)),
            style(if answer { "· yes" } else { "· no" }).dim()
        ));
        Ok(answer)
    }

    /// Shows `context` (wrapped) above a one-line yes/no `question`, and
    /// clears both once answered. dialoguer clears a prompt by counting its
    /// lines, which goes wrong when one wraps, so the prompt is kept to one line.
    fn confirm_below(&mut self, context: &str, question: &str, default: bool) -> Result<Option<bool>, Stop> {
        let context = wrap(context, self.width());
        self.say(&context);
        let height = context.lines().count();
        let reply = Confirm::with_theme(&self.theme)
            .with_prompt(truncate(question, self.width() - CONFIRM_ROOM))
            .default(default)
            .report(false)
            .interact_on_opt(&self.term)
            .map_err(|e| self.clear_after(stop(e), height))?;
        let _ = self.term.clear_last_lines(height);
        Ok(reply)
    }
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self::new()
    }
}

impl Prompter for TerminalPrompter {
    fn changed(&mut self, q: &ChangedQuestion) -> Result<Reply<bool>, Stop> {
        stop_if_requested()?;
        let since = q.since.map(|t| format!(" since {}", date_of(t))).unwrap_or_default();
        let context = format!(
            "Domain {} of {} · {}",
            q.place.domain_number,
            q.place.domain_count,
            one_line(q.place.domain)
        );
        let reply = self.confirm_below(&context, &format!("Has anything changed here{since}?"), false)?;
        Ok(match reply {
            Some(changed) => {
                let what = if changed {
                    "changed: asking its actions"
                } else {
                    "no change: answers kept"
                };
                self.say(&format!(
                    "{} Domain {} of {} · {}",
                    style("✔").green(),
                    q.place.domain_number,
                    q.place.domain_count,
                    style(what).dim()
                ));
                Reply::Given(changed)
            }
            None => Reply::Back,
        })
    }

    fn answer(&mut self, q: &ActionQuestion) -> Result<Reply<Answer>, Stop> {
        stop_if_requested()?;
        let prompt = wrap(
            &format!(
                "Domain {} of {} · {}\nAction {} of {} · Stage: {}\n{}",
                q.place.domain_number,
                q.place.domain_count,
                one_line(q.place.domain),
                q.number,
                q.count,
                one_line(q.stage),
                one_line(q.text)
            ),
            self.width() - SELECT_ROOM,
        );
        let labels: Vec<&str> = Answer::ALL.iter().map(|a| a.label()).collect();
        let default = Answer::ALL.iter().position(|a| *a == q.default).unwrap_or(0);
        let height = prompt.lines().count() + labels.len();
        let picked = Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(&labels)
            .default(default)
            .report(false)
            .interact_on_opt(&self.term)
            .map_err(|e| self.clear_after(stop(e), height))?;
        Ok(match picked {
            Some(i) => {
                let answer = Answer::ALL[i];
                let line = format!("{}/{} {:<14} {}", q.number, q.count, answer.label(), one_line(q.text));
                self.say(&format!("{} {}", style("✔").green(), truncate(&line, self.width() - 2)));
                Reply::Given(answer)
            }
            None => Reply::Back,
        })
    }

    fn note(&mut self, q: &NoteQuestion) -> Result<Reply<String>, Stop> {
        stop_if_requested()?;
        let prompt = format!(
            "Note for {} (optional, Enter to skip)",
            truncate(&one_line(q.place.domain), 40)
        );
        Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .with_initial_text(q.initial)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map(Reply::Given)
            .map_err(stop)
    }
}

/// A Ctrl-C that arrived between prompts stops the walk before the next one.
fn stop_if_requested() -> Result<(), Stop> {
    if crate::interrupt::requested() {
        Err(Stop::Interrupted)
    } else {
        Ok(())
    }
}

fn stop(e: dialoguer::Error) -> Stop {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == io::ErrorKind::Interrupted || crate::interrupt::requested() {
        Stop::Interrupted
    } else {
        Stop::Io(e)
    }
}
