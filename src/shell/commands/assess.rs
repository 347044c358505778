//! The walk as a command: checks, header, resume, prompts, save, closing screen.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::core::answers::{Assessment, History, same_person};
use crate::core::choose::{self, Timeline};
use crate::core::framework::Framework;
use crate::core::walk::{self, Draft, Start, Stop, WalkError};
use crate::present::render::{self, Look};
use crate::present::safe::one_line;
use crate::present::view::{self, when};
use crate::shell::Context;
use crate::shell::cli::AssessArgs;
use crate::shell::error::Error;
use crate::shell::input;
use crate::shell::store;
use crate::shell::terminal::TerminalPrompter;

/// Seconds a first-time answer takes, for the time estimate in the header.
const SECONDS_PER_ACTION: usize = 15;
/// Drafts larger than this are not read.
const MAX_DRAFT_BYTES: u64 = 4 * 1024 * 1024;

/// Takes an assessment interactively and saves it.
pub fn run(ctx: &Context, args: &AssessArgs) -> Result<(), Error> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::NeedsTerminal);
    }
    let loaded = store::check_can_save(&ctx.file)?;
    let history = loaded.map(|l| l.history).unwrap_or_default();
    crate::shell::interrupt::install();

    let f = &ctx.framework;
    let mut prompter = TerminalPrompter::new();
    header(&prompter, f, &ctx.file);
    ctx.note_framework_change(&history);
    let drafts = read_drafts(ctx);

    let respondent = match &ctx.respondent {
        Some(r) => Some(r.clone()),
        None => {
            let usual = usual_respondent(&history, &drafts);
            let context = match &usual {
                Some(name) => format!(
                    "Who is answering? Enter for {}, or type another name (kept with the answers; a rerun starts from that person's last assessment).",
                    one_line(name)
                ),
                None => "Who is answering? Type your name, or press Enter to leave it blank (kept with the answers; a rerun starts from that person's last assessment).".to_string(),
            };
            let name = prompter
                .ask_text(&context, "Your name", usual.as_deref())
                .map_err(|s| stopped(ctx, s, 0, None, None))?;
            prompter.done(&if name.is_empty() {
                "Answering without a name".to_string()
            } else {
                format!("Answering as {}", one_line(&name))
            });
            (!name.is_empty()).then_some(name)
        }
    };
    // Someone typing "sam" is the "Sam" already in the file: keep one spelling.
    let respondent = respondent.map(|r| choose::known_spelling(&history, &r));
    let previous_index = Timeline::new(&history).latest_of_exactly(respondent.as_deref());
    let previous = previous_index.map(|i| &history.assessments[i]);
    if let Some(p) = previous {
        let label = p
            .label
            .as_deref()
            .map(|l| format!(" ({})", one_line(l)))
            .unwrap_or_default();
        let how = if args.full {
            "Every action is asked again (--full); each starts on last time's answer."
        } else {
            "For each domain, say whether anything changed; if not, its answers are kept."
        };
        prompter.say(&format!(
            "{} last assessment was on {}{label}. {how}",
            respondent
                .as_deref()
                .map_or("The".to_string(), |r| format!("{}'s", one_line(r))),
            view::date_of(p.taken_at)
        ));
    }

    let (mut draft, draft_file, others) = start_draft(&mut prompter, ctx, f, drafts, respondent)?;
    if args.label.is_some() {
        draft.label = args.label.clone();
    }
    let start = Start {
        framework: f,
        previous,
        full: args.full,
    };
    let mut saved_once = draft_file.exists();
    let result = walk::walk(
        start,
        &mut draft,
        &mut prompter,
        |d| {
            let text = serde_yaml::to_string(d).map_err(io::Error::other)?;
            store::write_atomic(&draft_file, text.as_bytes())?;
            saved_once = true;
            Ok::<(), io::Error>(())
        },
        now,
    );
    match result {
        Ok(()) => {}
        Err(WalkError::Stopped(s)) => {
            let answered = draft.answered(f);
            return Err(stopped(
                ctx,
                s,
                answered,
                saved_once.then_some(draft_file),
                draft.respondent.as_deref(),
            ));
        }
        Err(WalkError::Save(source)) => {
            return Err(Error::SaveFailed {
                path: draft_file,
                source,
                pending: None,
            });
        }
    }

    let assessment = draft.finish(f, now(), previous);
    store::append(&ctx.file, &assessment).map_err(|cause| Error::NotSaved {
        cause: Box::new(cause),
        draft: draft_file.clone(),
        rerun: rerun(ctx, draft.respondent.as_deref()),
    })?;
    for d in others.iter().chain([&draft_file]) {
        let _ = std::fs::remove_file(d);
    }
    let based_on = previous.map(|p| p.taken_at);
    closing_screen(ctx, history, assessment, based_on, args.ascii);
    Ok(())
}

fn now() -> Timestamp {
    Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| Timestamp::now())
}

fn header(p: &TerminalPrompter, f: &Framework, file: &Path) {
    let minutes = ((f.action_count() * SECONDS_PER_ACTION + 30) / 60).max(1);
    p.say(&format!(
        "{}\n{}: {} in {}; a first assessment takes about {}, a rerun a minute or two.\nEach answer is kept as you go; the assessment is saved to {} at the end.\nKeys: ↑/↓ and Enter to choose · Esc to go back · Ctrl-C to stop (your answers so far are kept).\n",
        console::style("mbct-sustain").bold(),
        crate::present::safe::one_line(&f.title),
        view::count(f.action_count(), "action"),
        view::count(f.domains.len(), "domain"),
        view::count(minutes, "minute"),
        file.display()
    ));
}

/// The unfinished walks beside the answers file that this version can read.
fn read_drafts(ctx: &Context) -> Vec<(PathBuf, Draft)> {
    store::drafts(&ctx.file)
        .into_iter()
        .filter(|p| {
            // A draft whose walk is still running on this computer is not
            // unfinished: it is someone's walk in another window.
            let live = store::draft_process(p).is_some_and(|pid| pid != std::process::id() && process_running(pid));
            if live {
                ctx.note(&format!(
                    "note: {} belongs to a walk still running; leaving it alone",
                    p.display()
                ));
            }
            !live
        })
        .filter_map(|p| {
            let d = input::read_text(&p, MAX_DRAFT_BYTES)
                .ok()
                .and_then(|t| serde_yaml::from_str::<Draft>(&t).ok());
            if d.is_none() {
                ctx.note(&format!(
                    "note: ignoring {}, which is not an unfinished assessment this version can read",
                    p.display()
                ));
            }
            d.map(|d| (p, d))
        })
        .collect()
}

/// Whether a process is running (Linux: /proc; elsewhere assumed not).
fn process_running(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Whoever answered last (an unfinished walk counts), as the name prompt's default.
fn usual_respondent(history: &History, drafts: &[(PathBuf, Draft)]) -> Option<String> {
    let from_file = history.assessments.last().map(|a| (a.taken_at, a.respondent.clone()));
    let from_drafts = drafts.iter().map(|(_, d)| (d.updated_at, d.respondent.clone()));
    from_file
        .into_iter()
        .chain(from_drafts)
        .max_by_key(|(t, _)| *t)
        .and_then(|(_, r)| r)
}

/// Resumes this respondent's unfinished walk if they want to, else starts a
/// new draft. Returns the draft, its file, and the drafts it replaces (kept
/// until the new assessment is saved).
fn start_draft(
    prompter: &mut TerminalPrompter,
    ctx: &Context,
    f: &Framework,
    drafts: Vec<(PathBuf, Draft)>,
    respondent: Option<String>,
) -> Result<(Draft, PathBuf, Vec<PathBuf>), Error> {
    let mine: Vec<(PathBuf, Draft)> = drafts
        .into_iter()
        .filter(|(_, d)| same_person(d.respondent.as_deref(), respondent.as_deref()) && d.framework.id == f.id)
        .collect();
    let others: Vec<PathBuf> = mine.iter().map(|(p, _)| p.clone()).collect();
    if let Some((path, draft)) = mine.into_iter().last() {
        let context = format!(
            "You have an unfinished assessment from {} ({} of {} answered).",
            when(draft.started_at),
            draft.answered(f),
            f.action_count()
        );
        if prompter
            .ask_yes_no(&context, "Carry on with it?", true)
            .map_err(|s| stopped(ctx, s, 0, None, respondent.as_deref()))?
        {
            // Take the draft over by renaming it to this process's name: a
            // rename happens once, so two windows can never both carry on with it.
            let mine = store::draft_path(&ctx.file, draft.started_at);
            if std::fs::rename(&path, &mine).is_ok() {
                prompter.done(&format!(
                    "Carrying on with the unfinished assessment ({} of {} answered)",
                    draft.answered(f),
                    f.action_count()
                ));
                let others = others.into_iter().filter(|p| p != &path).collect();
                return Ok((draft, mine, others));
            }
            prompter.say("That unfinished assessment was just taken up in another window; starting afresh.");
        } else {
            prompter.done("Starting afresh; the unfinished one is kept until this assessment is saved");
        }
    }
    let mut draft = Draft::new(f, now());
    draft.respondent = respondent;
    let path = store::draft_path(&ctx.file, draft.started_at);
    Ok((draft, path, others))
}

fn stopped(ctx: &Context, stop: Stop, answered: usize, draft: Option<PathBuf>, respondent: Option<&str>) -> Error {
    let _ = console::Term::stderr().show_cursor();
    match (stop, draft) {
        (Stop::Io(e), None) => Error::Terminal(e),
        // A draft with no answer is nothing to carry on with.
        (_, Some(d)) if answered == 0 => {
            let _ = std::fs::remove_file(d);
            Error::Interrupted {
                answered,
                draft: None,
                rerun: rerun(ctx, respondent),
            }
        }
        (_, draft) => Error::Interrupted {
            answered,
            draft,
            rerun: rerun(ctx, respondent),
        },
    }
}

/// The command that finds this walk's draft again: the same answers file,
/// framework and respondent, quoted for a shell.
fn rerun(ctx: &Context, respondent: Option<&str>) -> String {
    let mut command = String::from("mbct-sustain");
    if ctx.file_given {
        command += &format!(" --file {}", shell_quote(&ctx.file.display().to_string()));
    }
    if let Some(f) = &ctx.framework_file {
        command += &format!(" --framework {}", shell_quote(&f.display().to_string()));
    }
    if let Some(r) = respondent {
        command += &format!(" --respondent {}", shell_quote(r));
    }
    command
}

fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/-+=:@,".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The stage table with changes, the short plan, and where it was saved.
fn closing_screen(ctx: &Context, before: History, assessment: Assessment, based_on: Option<Timestamp>, ascii: bool) {
    let history = store::load(&ctx.file)
        .ok()
        .flatten()
        .map(|l| l.history)
        .unwrap_or_else(|| {
            let mut h = before;
            h.assessments.push(assessment.clone());
            h
        });
    let index = history
        .assessments
        .iter()
        .rposition(|a| a.taken_at == assessment.taken_at && a.respondent == assessment.respondent)
        .unwrap_or(history.assessments.len().saturating_sub(1));
    let look = Look {
        color: ctx.color,
        ascii,
        width: console::Term::stdout().size_checked().map(|(_, w)| w),
    };
    let report = view::report::build(&ctx.framework, &history, index, Timeline::new(&history).previous(index));
    let plan = view::plan::build(
        &ctx.framework,
        &history.assessments[index],
        view::AssessmentInfo::new(&history, index),
        &[],
    );
    let mut doc = render::View::doc(&report);
    doc.blocks.extend(plan.short().blocks);
    // Someone (perhaps this person, in another window) saved meanwhile: the
    // answers kept as "unchanged" came from the assessment before that one.
    if let Some(p) = Timeline::new(&history).previous(index)
        && Some(history.assessments[p].taken_at) != based_on
    {
        doc.push(crate::present::doc::Block::Text(format!(
            "Note: assessment #{} by the same person was saved while this one was being answered; this one started from the one before it. `mbct-sustain compare {} {}` shows how they differ.",
            p + 1,
            p + 1,
            index + 1
        )));
    }
    doc.push(crate::present::doc::Block::Text(format!(
        "Saved as assessment #{} in {}",
        index + 1,
        ctx.file.display()
    )));
    let mut out = io::stdout().lock();
    let _ = writeln!(out);
    let _ = out.write_all(render::terminal(&doc, look).as_bytes());
    let _ = out.flush();
}
