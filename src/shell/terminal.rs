//! The walk's questions on a real terminal, with dialoguer: the only file that draws prompts, on
//! stderr, so stdout stays clean for the final table. dialoguer clears a finished prompt by
//! counting its lines, which goes wrong when a line wraps, so every prompt here is wrapped by us
//! (selects) or kept to one line below a wrapped context that we clear ourselves (yes/no and text
//! questions). Each answered question leaves one summary line (`✔ …`), which Esc takes back. Where
//! the locale cannot show Unicode, every mark and text is plain ASCII.

use console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Select};
use std::io;

use crate::core::answers::Answer;
use crate::core::time::RejectedDay;
use crate::core::walk::meeting::{AgreeQuestion, FollowUp, FollowUpQuestion};
use crate::core::walk::plan_edit::{Ask, Question};
use crate::core::walk::{
    ActionQuestion, ChangedQuestion, MeantQuestion, NameQuestion, NoteQuestion, Place, Prompter,
    Reply, ResumeQuestion, Stop,
};
use crate::present::fit::{wrap, wrap_indented};
use crate::present::render::glyphs::ascii_punctuation;
use crate::present::safe::{one_line, printable};
use crate::present::words::AnswerWords;
use crate::present::words::{date_of, when};
use crate::shell::interrupt;
use crate::shell::line_edit::{Edit, Line, Redraw};
use crate::shell::screen::{self, Stream};
use crate::shell::select;
use crate::shell::words;

/// Columns the theme adds around a select prompt's last line ("? " and " ›").
const SELECT_ROOM: usize = 4;
/// Columns a yes/no prompt adds: "? ", " (y/n) › ", and the answer.
const CONFIRM_ROOM: usize = 16;

/// Asks the walk's and `plan edit`'s questions on stderr's terminal.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    /// Summary lines printed by this walk, so Esc never erases older text.
    summaries: usize,
    /// Whether the locale can show Unicode.
    unicode: bool,
}

impl TerminalPrompter {
    /// A prompter on stderr; until it is dropped, keys typed ahead wait ([`interrupt::hold_keys`]).
    pub(crate) fn new() -> TerminalPrompter {
        interrupt::hold_keys();
        let unicode = screen::shows_unicode();
        let mut theme = ColorfulTheme::default();
        if !unicode {
            theme.prompt_suffix = style(">".into()).for_stderr().black().bright();
            theme.active_item_prefix = style(">".into()).for_stderr().green();
        }
        TerminalPrompter {
            term: Term::stderr(),
            theme,
            summaries: 0,
            unicode,
        }
    }

    /// Text as the locale can show it: marks and typographic punctuation in ASCII where it must be.
    fn fit(&self, text: &str) -> String {
        if self.unicode {
            text.to_string()
        } else {
            ascii_punctuation(&text.replace(" · ", " | "))
        }
    }

    /// [`Self::fit`], cut to `width` columns.
    fn cut(&self, text: &str, width: usize) -> String {
        let more = if self.unicode { "…" } else { "..." };
        console::truncate_str(&self.fit(text), width, more).into_owned()
    }

    /// The width prompts are fitted to: the terminal's (80 if it says 0, as a pseudo-terminal may),
    /// less a margin, and never so narrow that a question cannot be read.
    fn width(&self) -> usize {
        screen::width(Stream::Stderr)
            .unwrap_or(80)
            .saturating_sub(2)
            .max(38)
    }

    /// Writes the one-line summary an answered question leaves behind.
    pub(crate) fn summary(&mut self, text: &str) {
        self.settled(text);
        self.summaries += 1;
    }

    /// Writes `context` wrapped above a prompt (a closed terminal is ignored); returns its height.
    fn above(&self, context: &str) -> usize {
        let context = wrap(&self.fit(context), self.width());
        let _ = self.term.write_line(&context);
        context.lines().count()
    }

    /// Shows `context` above a one-line yes/no `question`, and clears both once answered.
    fn confirm_below(
        &mut self,
        context: &str,
        question: &str,
        default: bool,
    ) -> Result<Option<bool>, Stop> {
        let height = self.above(context);
        let question = self.cut(question, self.width() - CONFIRM_ROOM);
        let (theme, term) = (&self.theme, &self.term);
        let reply = guarded(|| {
            Confirm::with_theme(theme)
                .with_prompt(question)
                .default(default)
                .report(false)
                .interact_on_opt(term)
        })?
        .map_err(|e| self.clear_after(stop(e), height))?;
        let _ = self.term.clear_last_lines(height);
        Ok(reply)
    }

    /// Shows `context` above a one-line text prompt, and clears both once answered, however far the
    /// typed text wrapped. Enter on an empty line gives `default`; Esc gives `None` (go back).
    pub(crate) fn input_below(
        &mut self,
        context: &str,
        prompt: &str,
        default: Option<&str>,
        initial: &str,
    ) -> Result<Option<String>, Stop> {
        let height = self.above(context);
        let prompt = self.cut(prompt, self.width() / 2);
        let (result, rows) = self.read_line(&prompt, initial);
        let _ = self.term.clear_line();
        let _ = self.term.clear_last_lines(height + rows - 1);
        match result {
            Ok(Some(text)) if text.trim().is_empty() => Ok(Some(default.unwrap_or("").to_string())),
            Ok(text) => Ok(text),
            Err((Stop::Interrupted | Stop::Io(_), typed))
                if !typed.trim().is_empty() && typed != initial =>
            {
                Err(Stop::InterruptedWhileTyping(typed))
            }
            Err((stop, _)) => Err(stop),
        }
    }

    /// A one-line editor ([`Line`]), as dialoguer's text prompt has no way back (Esc). Typing at
    /// the end writes one character, so a long paste costs its length, not its square. Returns the
    /// text (`None` for Esc; on a stop, what was typed) and how many screen rows the prompt last
    /// took.
    fn read_line(
        &self,
        prompt: &str,
        initial: &str,
    ) -> (Result<Option<String>, (Stop, String)>, usize) {
        let columns = screen::width(Stream::Stderr).unwrap_or(80).max(1);
        let mut line = Line::new(initial);
        let arrow = if self.unicode { "›" } else { ">" };
        let head = format!(
            "{} {prompt} {} ",
            style("?").yellow().bold(),
            style(arrow).dim()
        );
        let head_width = console::measure_text_width(&head);
        // Text from a file (a previous note) is shown, never obeyed.
        let width_of = |chars: &[char]| -> usize {
            chars
                .iter()
                .map(|c| console::measure_text_width(&shown(*c)))
                .sum()
        };
        let mut rows = 1;
        // Rows the cursor sits above the line's last row (after an edit mid-line), where clearing
        // starts.
        let below = std::cell::Cell::new(0usize);
        let to_last_row = || {
            let _ = self.term.move_cursor_down(below.replace(0));
        };
        let draw = |line: &Line, rows: &mut usize| {
            to_last_row();
            let _ = self.term.clear_line();
            let _ = self.term.clear_last_lines(*rows - 1);
            let text: String = line.chars().iter().map(|c| shown(*c)).collect();
            let _ = self.term.write_str(&format!("{head}{text}"));
            let end = head_width + width_of(line.chars());
            *rows = end.div_ceil(columns).max(1);
            // Put the cursor back where it is in the text.
            let at = head_width + width_of(line.before_cursor());
            if at < end {
                let (end_row, at_row) = (end.saturating_sub(1) / columns, at / columns);
                let up = end_row.saturating_sub(at_row);
                let _ = self.term.move_cursor_up(up);
                let _ = self.term.write_str("\r");
                let _ = self.term.move_cursor_right(at % columns);
                below.set(up);
            }
        };
        let _ = self.term.show_cursor();
        draw(&line, &mut rows);
        let result = loop {
            let key = self.term.read_key();
            // A closed terminal (SIGHUP) may keep answering with empty keys: stop rather than spin.
            if interrupt::requested() {
                break Err(Stop::Interrupted);
            }
            match key {
                Err(e) => break Err(stop(dialoguer::Error::IO(e))),
                Ok(console::Key::Enter) => break Ok(Some(line.text())),
                Ok(console::Key::Escape) => break Ok(None),
                Ok(other) => match Edit::of(&other).map(|e| line.apply(e)) {
                    Some(Redraw::Append(c)) => {
                        let _ = self.term.write_str(&shown(c));
                        rows = (head_width + width_of(line.chars()))
                            .div_ceil(columns)
                            .max(1);
                    }
                    Some(Redraw::Line) => draw(&line, &mut rows),
                    Some(Redraw::Nothing) | None => {}
                },
            }
        };
        to_last_row();
        (result.map_err(|stop| (stop, line.text())), rows)
    }

    /// One of `items` below `prompt` (already fitted), the cursor on `default`; Esc gives `None`.
    pub(crate) fn select(
        &self,
        prompt: String,
        items: &[impl std::fmt::Display],
        default: usize,
    ) -> Result<Option<usize>, Stop> {
        let height = prompt.lines().count() + items.len();
        let (theme, term) = (&self.theme, &self.term);
        guarded(|| {
            Select::with_theme(theme)
                .with_prompt(prompt)
                .items(items)
                .default(default)
                .report(false)
                .interact_on_opt(term)
        })?
        .map_err(|e| self.clear_after(stop(e), height))
    }

    /// One of `items` (at most nine: each has its number key) below `prompt` (already fitted), the
    /// cursor on `default`; Esc gives `None`.
    fn numbered(
        &self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<Option<usize>, Stop> {
        let select = select::Numbered {
            prompt,
            items,
            default,
        };
        select::ask(&self.term, &select, self.unicode).map_err(|e| stop(dialoguer::Error::IO(e)))
    }

    /// Removes a prompt left half-drawn by Ctrl-C, so the screen ends clean.
    fn clear_after(&self, stop: Stop, height: usize) -> Stop {
        if matches!(stop, Stop::Interrupted) {
            let _ = self.term.clear_line();
            let _ = self.term.clear_last_lines(height);
        }
        stop
    }
}

impl Drop for TerminalPrompter {
    /// dialoguer hides the cursor while it asks: a stop must not leave it hidden, nor keys held.
    fn drop(&mut self) {
        let _ = self.term.show_cursor();
        interrupt::release_keys();
    }
}

impl Prompter for TerminalPrompter {
    fn name(&mut self, q: &NameQuestion) -> Result<String, Stop> {
        stop_if_requested()?;
        if !q.members.is_empty() {
            // The team, then someone new; the cursor starts on the member
            // whose account this is, else on "someone new", never on a colleague.
            let mut items: Vec<String> = q.members.iter().map(|m| one_line(m)).collect();
            items.push("Someone new (type a name)".into());
            let start = q
                .usual
                .and_then(|u| q.members.iter().position(|m| *m == u))
                .unwrap_or(q.members.len());
            let prompt = wrap(
                &self.fit("Who is answering? (a rerun starts from that person's last assessment)"),
                self.width() - SELECT_ROOM,
            );
            let items: Vec<&str> = items.iter().map(String::as_str).collect();
            // There is nothing before this question, so Esc asks for a name.
            if let Some(i) = self
                .select(prompt, &items, start)?
                .filter(|&i| i < q.members.len())
            {
                return Ok(q.members[i].to_string());
            }
        }
        let context = "Who is answering? Type your name, or press Enter to leave it blank (kept \
            with the answers; a rerun starts from that person's last assessment).";
        let typed = self.input_below(context, "Your name", None, "")?;
        Ok(typed.unwrap_or_default().trim().to_string())
    }

    fn meant(&mut self, q: &MeantQuestion) -> Result<Option<String>, Stop> {
        stop_if_requested()?;
        let mut items: Vec<String> = q
            .members
            .iter()
            .map(|m| format!("Yes, {}", one_line(m)))
            .collect();
        items.push(format!("No: {} is someone new", one_line(q.typed)));
        let prompt = self.fit(&format!(
            "Did you mean {}?",
            one_line(&q.members.join(" or "))
        ));
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        let picked = self.select(prompt, &items, 0)?.unwrap_or(q.members.len());
        Ok(q.members.get(picked).cloned())
    }

    fn resume(&mut self, q: &ResumeQuestion) -> Result<bool, Stop> {
        let context = format!(
            "You have an unfinished assessment from {} ({} of {} answered).",
            when(q.started_at),
            q.answered,
            q.count
        );
        Ok(self
            .confirm_below(&context, "Carry on with it?", true)?
            .unwrap_or(true))
    }

    fn tell(&mut self, text: &str) {
        self.above(&printable(text));
    }

    fn settled(&mut self, text: &str) {
        let tick = style(if self.unicode { "✔" } else { "+" }).green();
        let text = self.cut(&one_line(text), self.width() - 2);
        let _ = self.term.write_line(&format!("{tick} {text}"));
    }

    fn changed(&mut self, q: &ChangedQuestion) -> Result<Reply<bool>, Stop> {
        stop_if_requested()?;
        // The date goes with the answers above, so a narrow screen never cuts it off.
        let when = q
            .since
            .map(|t| format!(" ({})", date_of(t)))
            .unwrap_or_default();
        // Last time's answers, one short line each, so the person can judge.
        let width = self.width();
        let said = |answer: &Option<Answer>| answer.map_or("(not asked)", |a| a.label());
        // Each answer on a line of its own, cut to the width; beside an answer the team decided
        // otherwise, what it decided (with its comment), wrapped below it rather than cut.
        let team = if self.unicode { "↳" } else { "->" };
        let indent = " ".repeat(2 + 14 + 1 + 2);
        let last_time: Vec<String> = q
            .last_time
            .iter()
            .flat_map(|l| {
                let line = self.cut(
                    &format!("  {:<14} {}", said(&l.answer), one_line(l.text)),
                    width,
                );
                let decided = l.team.map(|t| {
                    let line = self.fit(&format!("  {:<14} {team} {}", "", one_line(t)));
                    wrap_indented(&line, width, &indent)
                });
                std::iter::once(line).chain(decided)
            })
            .collect();
        let context = format!(
            "{}\nLast time{when}:\n{}",
            domain_line(&q.place, &one_line(q.place.domain)),
            last_time.join("\n")
        );
        let question = if q.since.is_some() {
            "Has anything changed here since then?"
        } else {
            "Has anything changed here?"
        };
        Ok(match self.confirm_below(&context, question, q.default)? {
            Some(changed) => {
                let what = if changed {
                    "changed: asking its actions"
                } else {
                    "no change: answers kept"
                };
                self.summary(&domain_line(&q.place, what));
                Reply::Given(changed)
            }
            None => Reply::Back,
        })
    }

    fn answer(&mut self, q: &ActionQuestion) -> Result<Reply<Answer>, Stop> {
        stop_if_requested()?;
        let domain = domain_line(&q.place, &one_line(q.place.domain));
        let action = format!(
            "Action {} of {} · Stage: {}\n{}",
            q.number,
            q.count,
            one_line(q.stage),
            one_line(q.text)
        );
        let prompt = wrap(
            &self.fit(&format!("{domain}\n{action}")),
            self.width() - SELECT_ROOM,
        );
        // What the action means and where to read more, then what each answer means.
        let mut about: Vec<String> = q.explain.map(one_line).into_iter().collect();
        about.extend(
            q.links
                .iter()
                .map(|l| format!("{}: {}", one_line(&l.title), one_line(&l.url))),
        );
        about.extend(q.about.map(one_line));
        about.push(ANSWER_KEY.to_string());
        let about = wrap(&self.fit(&about.join("\n")), self.width() - SELECT_ROOM);
        let labels = Answer::ALL.map(|a| a.label().to_string());
        let default = Answer::ALL
            .iter()
            .position(|a| *a == q.default)
            .unwrap_or(0);
        let prompt = format!("{prompt}\n{}", style(about).for_stderr().dim());
        Ok(match self.numbered(&prompt, &labels, default)? {
            Some(i) => {
                let answer = Answer::ALL[i];
                let width = q.count.to_string().len();
                self.summary(&format!(
                    "{:>width$}/{} {:<14} {}",
                    q.number,
                    q.count,
                    answer.label(),
                    one_line(q.text)
                ));
                Reply::Given(answer)
            }
            None => Reply::Back,
        })
    }

    fn note(&mut self, q: &NoteQuestion) -> Result<Reply<String>, Stop> {
        stop_if_requested()?;
        let domain = one_line(q.place.domain);
        let context = if q.initial.is_empty() {
            format!("A note for {domain}? (optional: Enter to skip, Esc to go back)")
        } else {
            format!("A note for {domain}? (Enter keeps it as it is, Esc goes back)")
        };
        let Some(text) = self.input_below(&context, "Note", None, q.initial)? else {
            return Ok(Reply::Back);
        };
        // A note kept as it was is kept exactly; a typed one is trimmed.
        let text = if text == q.initial {
            text
        } else {
            text.trim().to_string()
        };
        if text.trim().is_empty() {
            self.summary(&format!("No note for {domain}"));
        } else {
            self.summary(&format!("Note: {} ({domain})", one_line(&text)));
        }
        Ok(Reply::Given(text))
    }

    fn line(&mut self, q: &Question) -> Result<Reply<String>, Stop> {
        stop_if_requested()?;
        let (context, prompt) = plan_words(q);
        let typed = self.input_below(&context, &prompt[0], Some(""), "")?;
        Ok(typed.map_or(Reply::Back, Reply::Given))
    }

    fn target(&mut self, q: &Question) -> Result<Reply<usize>, Stop> {
        stop_if_requested()?;
        let (context, items) = plan_words(q);
        let items: Vec<String> = items.iter().map(|i| self.fit(i)).collect();
        let prompt = wrap(&self.fit(&context), self.width() - SELECT_ROOM);
        Ok(self
            .select(prompt, &items, 0)?
            .map_or(Reply::Back, Reply::Given))
    }

    fn agree(&mut self, q: &AgreeQuestion) -> Result<Reply<Option<Answer>>, Stop> {
        stop_if_requested()?;
        let p = q.point;
        let place = format!(
            "Point {} of {} · {} · {}",
            q.number.0,
            q.number.1,
            one_line(&p.domain),
            one_line(&p.stage)
        );
        let said: Vec<String> = p
            .said
            .iter()
            .map(|w| {
                let note = w.note.as_deref().map(|n| format!(" — “{}”", one_line(n)));
                let answer = w.answer.map_or("no answer", |a| a.label());
                format!(
                    "  {}: {answer}{}",
                    person_name(&w.name),
                    note.unwrap_or_default()
                )
            })
            .collect();
        let vote = match p.tally.team_answer() {
            Some(Answer::NoAgreement) | None => no_agreement(&p.tally),
            Some(a) => format!("The majority says {}.", a.label()),
        };
        let standing = p.standing.as_ref().map(|s| {
            let decided = match s.since {
                Some(day) => format!("marked it done on {day}"),
                None => format!("agreed {} on {}", s.answer.label(), date_of(s.at)),
            };
            let comment = s
                .comment
                .as_deref()
                .map(|c| format!(" (“{}”)", one_line(c)));
            let changed: Vec<String> = s.changed.iter().map(person_name).collect();
            format!(
                "To confirm: the team {decided}{}; changed since: {}.\n",
                comment.unwrap_or_default(),
                changed.join(", ")
            )
        });
        let context = format!(
            "{place}\n{}\n{}\n{}\n{}What does the team agree?",
            one_line(&p.text),
            said.join("\n"),
            vote,
            standing.unwrap_or_default()
        );
        let prompt = wrap(&self.fit(&context), self.width() - SELECT_ROOM);
        let mut items: Vec<String> = Answer::ALL.iter().map(|a| a.label().to_string()).collect();
        // The split is in the context above; the choice says only what leaving it gives.
        items.push(match p.tally.team_answer() {
            Some(Answer::NoAgreement) => "Leave it to the majority rule (No agreement)".into(),
            _ => "Leave it to the majority rule".into(),
        });
        let default = q
            .default
            .and_then(|a| Answer::ALL.iter().position(|x| *x == a))
            .unwrap_or(Answer::ALL.len());
        let Some(k) = self.numbered(&prompt, &items, default)? else {
            return Ok(Reply::Back);
        };
        let answer = Answer::ALL.get(k).copied();
        // What was agreed goes first: a long action is cut at the terminal's edge.
        let agreed = answer.map_or("Left to the majority rule".into(), |a| {
            format!("Agreed {}", a.label())
        });
        self.summary(&format!("{agreed}: {}", one_line(&p.text)));
        Ok(Reply::Given(answer))
    }

    fn follow_up(&mut self, q: &FollowUpQuestion) -> Result<Reply<String>, Stop> {
        stop_if_requested()?;
        let place = format!(
            "Point {} of {} · {}",
            q.number.0,
            q.number.1,
            one_line(&q.point.text)
        );
        let (asked, prompt) = match q.ask {
            FollowUp::Comment => ("A comment for the record? (Enter to skip)", "Comment"),
            FollowUp::Owner => ("Who owns this step? (Enter to skip)", "Owner"),
            FollowUp::Due => ("By when? YYYY-MM-DD (Enter to skip)", "Due"),
        };
        let why = q
            .rejected
            .as_ref()
            .map(|r| words::day_problem(&r.typed, r.problem));
        let context = match why {
            Some(why) => format!("{place}\n{why}.\n{asked}"),
            None => format!("{place}\n{asked}"),
        };
        let typed = self.input_below(&context, prompt, None, "")?;
        Ok(typed.map_or(Reply::Back, Reply::Given))
    }

    fn went_back(&mut self) {
        if self.summaries > 0 {
            let _ = self.term.clear_last_lines(1);
            self.summaries -= 1;
        }
    }
}

/// A person's name as a prompt shows it (shown, never obeyed).
fn person_name(name: &Option<String>) -> String {
    name.as_deref()
        .map_or_else(|| "(no name)".to_string(), one_line)
}

/// "No agreement: 2 In progress, 2 Not yet, 1 Don't know": a split with no majority.
fn no_agreement(tally: &crate::core::tally::Tally) -> String {
    crate::present::view::team_answer::no_agreement(&crate::present::view::team_answer::split(
        tally,
    ))
}

/// "Domain 2 of 7 · `what`": where a question of the walk sits.
fn domain_line(place: &Place, what: &str) -> String {
    format!(
        "Domain {} of {} · {what}",
        place.domain_number, place.domain_count
    )
}

/// What the screen says for a question of `plan edit`: the context above it, and its prompt (for a
/// target, the stages to choose from).
fn plan_words(q: &Question) -> (String, Vec<String>) {
    let place = format!("Question {} of {}", q.number.0, q.number.1);
    let (domain, stage_name) = (
        |d: usize| &q.agenda.domains[d],
        |id| one_line(q.agenda.stage_name(id)),
    );
    let (asked, prompt) = match q.ask {
        Ask::Owner(d, s) | Ask::Due(d, s) => {
            let (id, text, answer) = &domain(d).steps[s];
            let answer = answer.map_or("not answered", |a| a.label());
            let (name, stage) = (one_line(&domain(d).name), one_line(&domain(d).stage.0));
            let asked = format!(
                "{place} · {name} (working in {stage})\n{id} · {answer}\n{}",
                one_line(text)
            );
            (
                asked,
                if matches!(q.ask, Ask::Owner(..)) {
                    "Owner"
                } else {
                    "Due (YYYY-MM-DD)"
                },
            )
        }
        Ask::Target(d) => {
            let (name, stage) = (one_line(&domain(d).name), one_line(&domain(d).stage.0));
            let asked =
                format!("{place} · {name} is working in {stage}: which stage should it reach?");
            // Stage names come from a framework file: shown, never obeyed.
            let (ids, as_set) = q.agenda.offers(d, q.plan);
            let mut items: Vec<String> = ids
                .iter()
                .map(|id| id.map_or("No target".into(), stage_name))
                .collect();
            if as_set {
                items[0] += " (as set)";
            }
            return (asked, items);
        }
        Ask::TargetBy(d) => {
            let target = q.plan.target(&domain(d).id);
            let stage = target
                .and_then(|t| t.stage.as_deref())
                .map_or(String::new(), stage_name);
            let asked = format!(
                "{place} · By when should {} have met {stage}?",
                one_line(&domain(d).name)
            );
            (asked, "Target date (YYYY-MM-DD)")
        }
        Ask::Review => (format!("{place} · {REVIEW}"), "Next review"),
    };
    // What was typed is said again with why it is not a date, above the question (the review's, in
    // its place).
    let why = |r: &RejectedDay| words::day_problem(&r.typed, r.problem);
    let context = match (&q.rejected, q.ask) {
        (None, _) => asked,
        (Some(t), Ask::Review) => {
            let months = crate::core::answers::plan::REVIEW_MONTHS;
            let (from, to) = (months.start(), months.end());
            format!(
                "{}, or give a number of months from {from} to {to}.",
                why(t)
            )
        }
        (Some(t), _) => format!("{}.\n{asked}", why(t)),
    };
    // The value now is shown beside the prompt, so typing replaces it.
    match q.now.as_str() {
        "" => (context, vec![prompt.into()]),
        now => (context, vec![format!("{prompt} [{}]", one_line(now))]),
    }
}

/// One character as the editor draws it: controls shown, never obeyed.
fn shown(c: char) -> String {
    match c {
        '\n' => "\\n".into(),
        '\t' => "\\t".into(),
        '\r' => "\\r".into(),
        c => printable(&c.to_string()).into_owned(),
    }
}

/// Rows a question needs: its context, the answer key, the prompt and five answers.
pub const MIN_ROWS: usize = 12;

/// `plan edit`'s last question.
const REVIEW: &str = "When does the team review next? A date (YYYY-MM-DD), or a number of months \
    after the latest round.";

/// What each answer means, in the README's words, under every action.
const ANSWER_KEY: &str = "In place: done and part of how the service works · In progress: being \
    worked on · Not yet: not started · Don't know: not sure (counts as not in place) · Not \
    applicable: does not apply to your service";

/// The terminal's height, when it says.
fn rows() -> Option<usize> {
    console::Term::stderr()
        .size_checked()
        .map(|(rows, _)| usize::from(rows))
}

/// Runs a dialoguer prompt, which pages by the terminal's height and panics when there is almost
/// none (a window shrunk mid-question): that becomes a stop that keeps the draft, and prints no
/// panic.
fn guarded<T>(prompt: impl FnOnce() -> T) -> Result<T, Stop> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(prompt));
    std::panic::set_hook(hook);
    result.map_err(|_| Stop::TooSmall {
        rows: rows().unwrap_or(0),
        needed: MIN_ROWS,
    })
}

/// A terminal too small to ask, or a Ctrl-C between prompts, stops the walk before the next
/// question.
fn stop_if_requested() -> Result<(), Stop> {
    match rows() {
        Some(rows) if rows < MIN_ROWS => Err(Stop::TooSmall {
            rows,
            needed: MIN_ROWS,
        }),
        _ if interrupt::requested() => Err(Stop::Interrupted),
        _ => Ok(()),
    }
}

fn stop(e: dialoguer::Error) -> Stop {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == io::ErrorKind::Interrupted || interrupt::requested() {
        interrupt::taken_up();
        Stop::Interrupted
    } else {
        Stop::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::plan::Plan;
    use crate::core::walk::plan_edit::{OutlineDomain, PlanOutline};

    fn agenda() -> PlanOutline {
        let domain = OutlineDomain {
            id: "fit".into(),
            name: "Fit".into(),
            stage: ("Starting out".into(), 0),
            steps: vec![("fit.a".into(), "Do a".into(), Some(Answer::InProgress))],
        };
        let stages = [("s1", "Starting out"), ("s2", "Developmental")];
        PlanOutline {
            domains: vec![domain],
            stages: stages
                .map(|(id, name)| (id.to_string(), name.to_string()))
                .into(),
        }
    }

    /// A day typed in a question, refused by the one rule for typed days.
    fn rejected(typed: &str) -> RejectedDay {
        let problem = crate::core::time::parse_day(typed).expect_err("not a day");
        RejectedDay {
            typed: typed.into(),
            problem,
        }
    }

    #[test]
    fn a_day_typed_in_plan_edit_is_refused_in_the_words_plan_assign_uses() {
        let (a, plan) = (agenda(), Plan::default());
        for typed in ["0001-01-01", "2027-02-30", "soon"] {
            let q = Question {
                ask: Ask::Due(0, 0),
                number: (2, 5),
                agenda: &a,
                plan: &plan,
                now: String::new(),
                rejected: Some(rejected(typed)),
            };
            let said =
                crate::shell::cli::parse_date(typed).expect_err("refused on the command line");
            assert!(
                plan_words(&q).0.starts_with(&format!("{said}.\n")),
                "{typed}"
            );
        }
    }

    #[test]
    fn plan_edit_shows_the_value_now_and_says_why_a_typed_date_is_asked_again() {
        let (a, plan) = (agenda(), Plan::default());
        let mut q = Question {
            ask: Ask::Due(0, 0),
            number: (2, 5),
            agenda: &a,
            plan: &plan,
            now: "2026-09-03".into(),
            rejected: None,
        };
        let (context, prompt) = plan_words(&q);
        assert_eq!(
            context,
            "Question 2 of 5 · Fit (working in Starting out)\nfit.a · In progress\nDo a"
        );
        assert_eq!(prompt, ["Due (YYYY-MM-DD) [2026-09-03]"]);
        q.rejected = Some(rejected("2026-02-30"));
        assert!(
            plan_words(&q).0.starts_with(
                "`2026-02-30` is not a day of the calendar; check the month and the day.\nQuestion \
                    2 of 5"
            ),
            "{}",
            plan_words(&q).0
        );
        q.ask = Ask::Review;
        q.rejected = Some(rejected("soon"));
        assert_eq!(
            plan_words(&q).0,
            "`soon` is not a date; write it as year-month-day, like 2026-09-03, or give a number \
                of months from 1 to 120."
        );
    }

    #[test]
    fn plan_edit_offers_no_target_and_the_stages_ahead_with_a_passed_target_marked_as_set() {
        let a = agenda();
        let mut plan = Plan::default();
        crate::core::walk::plan_edit::Change::Target("fit".into(), Some("gone".into()))
            .apply(&mut plan, jiff::Timestamp::UNIX_EPOCH);
        let q = Question {
            ask: Ask::Target(0),
            number: (3, 5),
            agenda: &a,
            plan: &plan,
            now: String::new(),
            rejected: None,
        };
        let (context, items) = plan_words(&q);
        assert!(context.ends_with("Fit is working in Starting out: which stage should it reach?"));
        assert_eq!(
            items,
            [
                "gone (as set)",
                "No target",
                "Starting out",
                "Developmental"
            ]
        );
    }
}
