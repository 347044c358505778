//! The walk as a command: checks, header, who is answering, resume, the
//! questions, save, closing screen.
//!
//! [`take`] runs everything after the terminal check with any
//! [`Prompter`], so a scripted prompter tests a whole assessment; [`run`]
//! gives it the terminal.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use jiff::Timestamp;

use crate::core::answers::roster;
use crate::core::answers::{Assessment, History};
use crate::core::evidence;
use crate::core::framework::Framework;
use crate::core::names::Names;
use crate::core::record;
use crate::core::subject::{At, Requested};
use crate::core::time::after_today;
use crate::core::walk::start::{self as choose, NameMatch};
use crate::core::walk::{
    self, MeantQuestion, NameQuestion, Prompter, ResumeQuestion, Start, Stop, WalkError,
};
use crate::present::doc::{Block, Cell, Doc};
use crate::present::render::{self, Look};
use crate::present::safe::one_line;
use crate::present::view;
use crate::present::words::AnswerWords;
use crate::shell::cli::AssessArgs;
use crate::shell::clock::today;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::screen::{self, Stream};
use crate::shell::store::{self, drafts};
use crate::shell::terminal::TerminalPrompter;
use crate::shell::{clock, words};
use indexmap::IndexMap;

/// Seconds a first-time answer takes, for the time estimate in the header.
const SECONDS_PER_ACTION: usize = 15;

/// Takes an assessment on the terminal and shows the result.
pub fn run(ctx: &Context, args: &AssessArgs) -> Result<(), Error> {
    // What was asked for is checked first: a day after today is refused with or without a terminal.
    if let Some(on) = args.on.filter(|on| after_today(*on, today())) {
        return Err(Error::PaperFormInFuture { on, today: today() });
    }
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::NeedsTerminal);
    }
    crate::shell::interrupt::install();
    let taken = take(ctx, args, &mut TerminalPrompter::new(), clock::now)?;
    closing_screen(ctx, taken, args.ascii || !screen::shows_unicode());
    Ok(())
}

/// A saved assessment, and what the closing screen needs to show it.
pub struct Taken {
    /// The answers file as saved.
    pub saved: History,
    /// The assessment saved.
    pub assessment: Assessment,
    /// When the assessment the walk started from was taken.
    pub based_on: Option<Timestamp>,
}

/// What the team decided about an action (agreed, standing or done), as the walk says it: "the
/// team agreed In progress on 2026-09-15: “Only one pathway so far”", "the team marked it done on
/// 2026-10-28".
fn decided_words(t: &record::TeamAnswer) -> Option<String> {
    let d = t.decision.as_ref()?;
    let answer = d.answer?;
    let comment = d.comment.as_deref().map(|c| format!(": “{c}”"));
    let comment = comment.unwrap_or_default();
    Some(match d.since() {
        Some(day) => format!("the team marked it done on {day}{comment}"),
        None => format!(
            "the team agreed {} on {}{comment}",
            answer.label(),
            crate::present::words::date_of(d.at)
        ),
    })
}

/// What the walk shows about each action from the team's record today: under the action, the
/// team's decision and the latest evidence ("The team agreed In place on 2027-03-10 · Evidence:
/// …"); beside a last-time answer, the team's decision where it differs from `previous`.
fn from_the_record(
    ctx: &Context,
    history: &History,
    previous: Option<&Assessment>,
) -> (IndexMap<String, String>, IndexMap<String, String>) {
    let (mut about, mut beside) = (IndexMap::new(), IndexMap::new());
    let today = ctx
        .snapshot_of(history, Requested::Team, At::One(None), None)
        .ok()
        .and_then(|s| s.team_today);
    let decided = today.iter().flat_map(|t| t.record.actions.iter());
    for (id, t) in decided {
        let Some(words) = decided_words(t) else {
            continue;
        };
        about.insert(id.clone(), vec![crate::present::words::capitalised(&words)]);
        if previous.is_some_and(|p| t.differs_from(p.answer(id))) {
            beside.insert(id.clone(), words);
        }
    }
    for e in evidence::latest(&history.evidence) {
        let by =
            e.by.as_deref()
                .map(|b| format!("{b}, "))
                .unwrap_or_default();
        let line = format!(
            "Evidence: {} ({by}{})",
            e.text,
            crate::present::words::date_of(e.at)
        );
        about.entry(e.action.clone()).or_default().push(line);
    }
    let about = about
        .into_iter()
        .map(|(id, l)| (id, l.join(" · ")))
        .collect();
    (about, beside)
}

/// Who is answering: the name given (a member's, in any case or spelling;
/// a likely typo of one is refused unless `--new`), or asked: the roster
/// offered, the member whose account runs the tool first, a typed name close
/// to a member's met with "did you mean". Someone new is said so.
fn who_is_answering<P: Prompter>(
    ctx: &Context,
    args: &AssessArgs,
    history: &History,
    prompter: &mut P,
) -> Result<Option<String>, Error> {
    let team = roster::members(history);
    let stop = |s| stopped(ctx, s, 0, None, None);
    let found = match &ctx.respondent {
        Some(given) => match choose::name_match(&team, given) {
            NameMatch::Typo(closest) if !args.new => {
                return Err(Error::LikelyTypo {
                    name: given.clone(),
                    closest,
                });
            }
            NameMatch::Typo(_) => NameMatch::New(given.trim().to_string()),
            found => found,
        },
        None => {
            let login = ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok());
            let question = NameQuestion {
                members: team
                    .iter()
                    .filter(|(_, m)| roster::on_team(m, today()))
                    .map(|(n, _)| n.as_str())
                    .collect(),
                usual: login
                    .as_deref()
                    .and_then(|l| roster::member_of_account(&team, l)),
            };
            let typed = prompter.name(&question).map_err(stop)?;
            match choose::name_match(&team, &typed) {
                NameMatch::Typo(members) => {
                    let q = MeantQuestion {
                        typed: typed.trim(),
                        members: &members,
                    };
                    match prompter.meant(&q).map_err(stop)? {
                        Some(member) => NameMatch::Member(member),
                        None => NameMatch::New(typed.trim().to_string()),
                    }
                }
                found => found,
            }
        }
    };
    let (name, said) = match found {
        NameMatch::Blank => (None, "Answering without a name".to_string()),
        NameMatch::Member(m) => (Some(m.clone()), format!("Answering as {}", one_line(&m))),
        NameMatch::New(n) => {
            let said = format!(
                "Answering as {}, new to the team: a first assessment, every action asked",
                one_line(&n)
            );
            (Some(n), said)
        }
        NameMatch::Typo(_) => unreachable!("a typo was resolved above"),
    };
    prompter.settled(&said);
    Ok(name)
}

/// Asks who is answering (unless named), offers an unfinished walk, walks
/// every question with `prompter`, keeping a draft after each answer, and
/// saves the assessment to the answers file.
pub fn take<P: Prompter>(
    ctx: &Context,
    args: &AssessArgs,
    prompter: &mut P,
    mut clock: impl FnMut() -> Timestamp,
) -> Result<Taken, Error> {
    let loaded = store::check_can_save(&ctx.file)?;
    let new_file = loaded.is_none();
    let history = loaded.map(|l| l.history).unwrap_or_default();
    let f = &ctx.framework;
    prompter.tell(&header(f, &ctx.file));
    if new_file && !ctx.file_given {
        prompter.tell(&format!(
            "No answers file here or in the folders above: starting a new one at {}. Your team's \
                file is elsewhere? Stop with Ctrl-C and use --file or MBCT_SUSTAIN_FILE.",
            ctx.file.display()
        ));
    }
    ctx.note_framework_change(&history);
    ctx.note_future(&history);
    ctx.remind(&history);
    ctx.note_copies(&history);
    let drafts = read_drafts(ctx, &history);
    let respondent = who_is_answering(ctx, args, &history, prompter)?;
    let previous =
        choose::latest_of(&history, respondent.as_deref()).map(|i| &history.assessments[i]);
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
        prompter.tell(&format!(
            "{} last assessment was on {}{label}. {how}",
            respondent
                .as_deref()
                .map_or("The".to_string(), |r| format!("{}'s", one_line(r))),
            crate::present::words::date_of(p.taken_at)
        ));
    }

    let (mut draft, file, others) =
        start_draft(prompter, ctx, &history, drafts, respondent, &mut clock)?;
    crate::shell::interrupt::on_stop(&format!(
        "Stopped; your answers so far are kept in {}. Run `{}` again to carry on where you \
            stopped.",
        file.path().display(),
        rerun(ctx, draft.respondent.as_deref())
    ));
    if args.label.is_some() {
        draft.label = args.label.clone();
    }
    let (about, team) = from_the_record(ctx, &history, previous);
    let start = Start {
        framework: f,
        previous,
        full: args.full,
        about: &about,
        team: &team,
    };
    let result = walk::walk(
        start,
        &mut draft,
        prompter,
        |d| {
            let text = serde_yaml::to_string(d).map_err(io::Error::other)?;
            file.save(text.as_bytes())
        },
        &mut clock,
    );
    match result {
        Ok(()) => {}
        Err(WalkError::Stopped(s)) => {
            let answered = draft.answered(f);
            return Err(stopped(
                ctx,
                s,
                answered,
                Some(file),
                draft.respondent.as_deref(),
            ));
        }
        Err(WalkError::Save(source)) => {
            return Err(Error::SaveFailed {
                path: file.path().to_path_buf(),
                source,
            });
        }
    }

    // A paper form is dated the day it was given, at noon UTC.
    let taken_at = args.on.map_or_else(&mut clock, crate::core::time::noon_of);
    let mut assessment = draft.finish(f, taken_at, previous);
    if args.on.is_some() {
        assessment.entered_at = Some(clock());
    }
    let saved = store::append(&ctx.file, &assessment).map_err(|cause| Error::NotSaved {
        cause: Box::new(cause),
        draft: file.path().to_path_buf(),
        rerun: rerun(ctx, draft.respondent.as_deref()),
    })?;
    for d in &others {
        drafts::discard(d);
    }
    file.finish();
    let based_on = previous.map(|p| p.taken_at);
    Ok(Taken {
        saved,
        assessment,
        based_on,
    })
}

fn header(f: &Framework, file: &std::path::Path) -> String {
    let minutes = ((f.action_count() * SECONDS_PER_ACTION + 30) / 60).max(1);
    format!(
        "{}\n{}: {} in {}; a first assessment takes about {}, a rerun a minute or two.\nEach \
            answer is kept as you go; the assessment is saved to {} at the end.\nKeys: the number \
            beside an answer, or {} and Enter, to choose · Esc to go back · Ctrl-C to stop (your \
            answers so far are kept).\n",
        "mbct-sustain",
        one_line(&f.title),
        crate::present::words::count(f.action_count(), "action"),
        crate::present::words::count(f.domains.len(), "domain"),
        crate::present::words::count(minutes, "minute"),
        file.display(),
        if screen::shows_unicode() {
            "↑/↓"
        } else {
            "Up/Down"
        }
    )
}

/// The unfinished walks beside the answers file that this version can read
/// and that no running walk holds; one whose walk was killed after saving it
/// (before removing it) is removed.
fn read_drafts(ctx: &Context, history: &History) -> Vec<(PathBuf, walk::Draft)> {
    drafts::find(&ctx.file)
        .into_iter()
        .filter(|p| {
            let live = drafts::in_use(p);
            if live {
                let draft = p.display();
                ctx.note(&format!(
                    "note: {draft} belongs to a walk still running; leaving it alone"
                ));
            }
            !live
        })
        .filter_map(|p| ctx.read_draft(&p).map(|d| (p, d)))
        .filter(|(p, d)| {
            let saved = choose::already_saved(history, d, &ctx.framework);
            if saved {
                drafts::discard(p);
            }
            !saved
        })
        .collect()
}

/// Offers this person's latest unfinished walk, else starts a new draft.
/// Returns the draft, its file (locked while the walk runs), and the drafts
/// it replaces (kept until the new assessment is saved).
fn start_draft<P: Prompter>(
    prompter: &mut P,
    ctx: &Context,
    history: &History,
    drafts: Vec<(PathBuf, walk::Draft)>,
    respondent: Option<String>,
    clock: &mut impl FnMut() -> Timestamp,
) -> Result<(walk::Draft, drafts::Draft, Vec<PathBuf>), Error> {
    let f = &ctx.framework;
    let team = roster::members(history);
    let folder_error = |source| Error::FolderNotWritable {
        path: store::folder_of(&ctx.file),
        source,
    };
    let mine = choose::drafts_of(
        drafts.iter().enumerate().map(|(i, (_, d))| {
            (
                i,
                d.respondent.as_deref(),
                d.framework.id.as_str(),
                d.started_at,
            )
        }),
        &Names::new(&team),
        respondent.as_deref(),
        &f.id,
    );
    let mut others: Vec<PathBuf> = mine.iter().map(|&i| drafts[i].0.clone()).collect();
    if let Some(&latest) = mine.last() {
        let (path, draft) = &drafts[latest];
        let question = ResumeQuestion {
            started_at: draft.started_at,
            answered: draft.answered(f),
            count: f.action_count(),
        };
        let carry_on = prompter
            .resume(&question)
            .map_err(|s| stopped(ctx, s, 0, None, respondent.as_deref()))?;
        if carry_on {
            match drafts::Draft::take_over(path, &ctx.file, draft.started_at)
                .map_err(folder_error)?
            {
                Some(file) => {
                    prompter.settled(&format!(
                        "Carrying on with the unfinished assessment ({} of {} answered)",
                        question.answered, question.count
                    ));
                    others.retain(|p| p != path);
                    return Ok((draft.clone(), file, others));
                }
                None => prompter.tell(
                    "That unfinished assessment was just taken up in another window; \
                        starting afresh.",
                ),
            }
        } else {
            prompter.settled(
                "Starting afresh; the unfinished one is kept until this assessment is saved",
            );
        }
    }
    let mut draft = walk::Draft::new(f, clock());
    draft.respondent = respondent;
    let file = drafts::Draft::create(&ctx.file, draft.started_at).map_err(folder_error)?;
    Ok((draft, file, others))
}

/// The error for a walk that stopped; a draft with no answer is nothing to
/// carry on with, so it goes.
fn stopped(
    ctx: &Context,
    stop: Stop,
    answered: usize,
    draft: Option<drafts::Draft>,
    respondent: Option<&str>,
) -> Error {
    let rerun = rerun(ctx, respondent);
    match (stop, draft) {
        (Stop::Io(e), None) => Error::Terminal { source: e },
        (Stop::TooSmall { rows, needed }, draft) => {
            let draft = draft
                .filter(|d| answered > 0 && d.exists())
                .map(|d| d.path().to_path_buf());
            Error::TerminalTooSmall {
                rows,
                needed,
                answered,
                draft,
                rerun,
            }
        }
        (_, Some(d)) if answered == 0 || !d.exists() => {
            d.finish();
            Error::Interrupted {
                answered: 0,
                draft: None,
                rerun,
            }
        }
        (_, draft) => Error::Interrupted {
            answered,
            draft: draft.map(|d| d.path().to_path_buf()),
            rerun,
        },
    }
}

/// The `report` that reads the file just saved: with `--file` (and `--framework`) when they were
/// given, since a bare `mbct-sustain report` looks for mbct-sustain.yaml instead.
fn report_command(ctx: &Context) -> String {
    let mut command = String::from("mbct-sustain report");
    if ctx.file_given {
        command += &format!(" --file {}", words::quoted_path(&ctx.file));
    }
    if let Some(f) = &ctx.framework_file {
        command += &format!(" --framework {}", words::quoted_path(f));
    }
    command
}

/// The command that finds this walk's draft again: the same answers file,
/// framework and respondent, quoted for a shell.
fn rerun(ctx: &Context, respondent: Option<&str>) -> String {
    let mut command = String::from("mbct-sustain");
    if ctx.file_given {
        command += &format!(" --file {}", words::quoted_path(&ctx.file));
    }
    if let Some(f) = &ctx.framework_file {
        command += &format!(" --framework {}", words::quoted_path(f));
    }
    if let Some(r) = respondent {
        command += &format!(" --respondent {}", words::quoted(r));
    }
    command
}

/// A terminal this tall has room for the next steps on the closing screen too.
const ROWS_FOR_NEXT_STEPS: usize = 40;

/// The closing screen, from the file as it was just saved, within the terminal's height where it
/// can: the stage table with the change since the person's last assessment, one line naming what
/// slipped, one line on the plan (the team's, from its record, so everyone sees the same), and
/// where it was saved; `report` shows the rest.
fn closing_screen(ctx: &Context, taken: Taken, ascii: bool) {
    let Taken {
        saved,
        assessment,
        based_on,
    } = taken;
    let whom = Requested::Person(assessment.respondent.as_deref());
    let Ok(mut s) = ctx.snapshot_of(&saved, whom, At::One(None), None) else {
        return;
    };
    // A clock ahead may have dated the person's last assessment after this one: show this one.
    let this = s.points.iter().find(|p| p.to == assessment.taken_at);
    let number = this.map(|p| p.number.to_string());
    if let Some(n) = number.filter(|n| *n != s.point().number.to_string())
        && let Ok(found) = ctx.snapshot_of(&saved, whom, At::One(Some(&n)), None)
    {
        s = found;
    }
    let look = Look {
        color: ctx.color,
        ascii,
        width: screen::width(Stream::Stdout).map(|w| u16::try_from(w).unwrap_or(u16::MAX)),
        file: false,
    };
    let f = &ctx.framework;
    let report = view::report::build(f, &s);
    let mut doc = Doc::default();
    doc.push(Block::Heading(format!(
        "{}: {}",
        report.framework.title,
        report.subject.value.title()
    )));
    // Nothing moved: said in words, and the table has the room a Change column would take.
    let moved = report.moved();
    if let Some(p) = &report.previous {
        let since = if moved {
            "Change since"
        } else {
            "No change since"
        };
        doc.push(Block::Text(format!("{since} {}.", p.title())));
    }
    // Below 100 columns a Change column wraps the domains' names: four columns instead.
    let narrow = look.width.is_some_and(|w| w < 100);
    doc.push(Block::Table(if moved && narrow {
        report.compact_table()
    } else {
        report.stage_table(moved)
    }));
    // Under the table, one line each, with no blank line between, so the screen fits 24 rows.
    let mut lines = Vec::new();
    if !report.slipped.is_empty() {
        // One line: how many, and in which domains (by their short names); `compare` names them.
        let mut domains: Vec<String> = Vec::new();
        for slip in &report.slipped {
            let d = report.domains.iter().find(|d| d.id == slip.at.domain_id);
            let name = d.map_or(slip.at.domain.clone(), |d| {
                d.short.clone().unwrap_or_else(|| d.name.clone())
            });
            if !domains.contains(&name) {
                domains.push(name);
            }
        }
        lines.push(format!(
            "Slipped since last time: {} in {}; `mbct-sustain compare` names them.",
            crate::present::words::count(report.slipped.len(), "action"),
            crate::present::words::and_list(&domains)
        ));
    }
    let team = ctx
        .snapshot_of(&saved, Requested::Team, At::One(None), None)
        .ok();
    let plan = team
        .as_ref()
        .and_then(|t| view::plan::PlanMoves::today(f, t));
    lines.extend(plan.map(|p| p.summary()));
    // Someone (perhaps this person, in another window) saved meanwhile: the
    // answers kept as "unchanged" came from the assessment before that one.
    let (now, previous) = (s.point().number, s.before.map(|b| &s.points[b]));
    if let Some(p) =
        previous.filter(|p| crate::core::walk::start::saved_meanwhile(Some(p.to), based_on))
    {
        lines.push(format!(
            "Note: assessment #{} by the same person was saved while this one was being \
             answered; this one started from the one before it. `mbct-sustain compare {} {now}` \
             shows how they differ.",
            p.number, p.number
        ));
    }
    lines.push(format!(
        "Saved as assessment #{now} in {}; `{}` shows the rest.",
        ctx.file.display(),
        report_command(ctx)
    ));
    doc.push(Block::List(
        lines.into_iter().map(|l| vec![Cell::Text(l)]).collect(),
    ));
    if screen::height(Stream::Stderr).is_some_and(|rows| rows >= ROWS_FOR_NEXT_STEPS)
        && let Some(t) = &team
    {
        doc.blocks
            .extend(view::plan::build(f, t, &[]).short().blocks);
    }
    let mut out = io::stdout().lock();
    let _ = writeln!(out);
    let _ = render::write_table(&doc, look, &mut out);
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answer::{InPlace, NotYet};
    use crate::tests::{Scripted, ScriptedPrompter, grid};
    use Scripted::*;

    fn context(dir: &std::path::Path) -> Context {
        Context {
            framework: grid(2, 2),
            file: dir.join(store::FILE_NAME),
            file_given: true,
            framework_file: None,
            respondent: None,
            color: false,
            quiet: true,
        }
    }

    fn clock() -> impl FnMut() -> Timestamp {
        let mut second = 1_800_000_000;
        move || {
            second += 1;
            Timestamp::from_second(second).unwrap()
        }
    }

    fn note(text: &str) -> Scripted {
        Note(text.to_string())
    }

    /// Every answer of the 2-by-2 grid, with a note per domain.
    fn whole_walk() -> Vec<Scripted> {
        vec![
            Pick(InPlace),
            Pick(NotYet),
            note(""),
            Pick(InPlace),
            Pick(InPlace),
            note("Going well"),
        ]
    }

    #[test]
    fn a_whole_assessment_runs_without_a_terminal_and_is_saved_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path());
        let mut script = vec![Name(" sam ".into())];
        script.extend(whole_walk());
        let mut p = ScriptedPrompter::new(script);
        let taken = take(&ctx, &AssessArgs::default(), &mut p, clock()).unwrap();
        assert_eq!(taken.assessment.respondent.as_deref(), Some("sam"));
        assert!(
            p.told
                .iter()
                .any(|t| t.starts_with("Answering as sam, new to the team")),
            "{:?}",
            p.told
        );
        let saved = store::load_existing(&ctx.file).unwrap();
        assert_eq!(saved.assessments.len(), 1);
        assert_eq!(saved.assessments[0].note("d1"), Some("Going well"));
        assert!(
            drafts::find(&ctx.file).is_empty(),
            "the draft goes once saved"
        );
    }

    #[test]
    fn a_typed_name_takes_the_spelling_already_in_the_file_and_reruns_ask_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path());
        let mut first = vec![Name("Sam".into())];
        first.extend(whole_walk());
        take(
            &ctx,
            &AssessArgs::default(),
            &mut ScriptedPrompter::new(first),
            clock(),
        )
        .unwrap();
        let mut p = ScriptedPrompter::new([Name("SAM".into()), Changed(false), Changed(false)]);
        let taken = take(&ctx, &AssessArgs::default(), &mut p, clock()).unwrap();
        assert_eq!(taken.assessment.respondent.as_deref(), Some("Sam"));
        assert_eq!(p.asked, ["name", "changed 1", "changed 2"]);
        assert_eq!(
            store::load_existing(&ctx.file).unwrap().assessments.len(),
            2
        );
    }

    #[test]
    fn a_stopped_walk_is_offered_again_and_carries_on_where_it_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path());
        let mut p = ScriptedPrompter::new([Name("Ann".into()), Pick(InPlace), Pick(NotYet)]);
        let err = take(&ctx, &AssessArgs::default(), &mut p, clock())
            .err()
            .unwrap();
        assert!(
            matches!(
                err,
                Error::Interrupted {
                    answered: 2,
                    draft: Some(_),
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(drafts::find(&ctx.file).len(), 1);

        let mut rest = vec![Name("Ann".into()), Resume(true), note("")];
        rest.extend([Pick(InPlace), Pick(InPlace), note("")]);
        let mut p = ScriptedPrompter::new(rest);
        let taken = take(&ctx, &AssessArgs::default(), &mut p, clock()).unwrap();
        assert_eq!(p.asked[1], "resume 2/4");
        assert_eq!(
            taken.assessment.answer("d0.a1"),
            Some(NotYet),
            "answers from before the stop are kept"
        );
        assert!(drafts::find(&ctx.file).is_empty());
    }

    #[test]
    fn someone_elses_unfinished_walk_is_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path());
        let mut p = ScriptedPrompter::new([Name("Ann".into()), Pick(InPlace)]);
        assert!(take(&ctx, &AssessArgs::default(), &mut p, clock()).is_err());
        let mut script = vec![Name("Bob".into())];
        script.extend(whole_walk());
        let mut p = ScriptedPrompter::new(script);
        take(&ctx, &AssessArgs::default(), &mut p, clock()).unwrap();
        assert!(
            !p.asked.iter().any(|a| a.starts_with("resume")),
            "{:?}",
            p.asked
        );
        assert_eq!(
            drafts::find(&ctx.file).len(),
            1,
            "Ann's draft is kept for her"
        );
    }

    #[test]
    fn a_draft_whose_walk_was_killed_after_saving_it_is_removed_not_offered_again() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path());
        let mut script = vec![Name("Sam".into())];
        script.extend(whole_walk());
        let taken = take(
            &ctx,
            &AssessArgs::default(),
            &mut ScriptedPrompter::new(script),
            clock(),
        )
        .unwrap();
        // What a kill between the save and the draft's removal leaves.
        let started = Timestamp::from_second(1_800_000_001).unwrap();
        let mut left = walk::Draft::new(&ctx.framework, started);
        left.respondent = Some("Sam".into());
        left.answers = taken.assessment.answers.clone();
        left.notes = taken.assessment.notes.clone();
        left.notes.insert("d0".into(), String::new());
        let file = drafts::Draft::create(&ctx.file, started).unwrap();
        file.save(serde_yaml::to_string(&left).unwrap().as_bytes())
            .unwrap();
        drop(file);
        let mut p = ScriptedPrompter::new([Name("Sam".into()), Changed(false), Changed(false)]);
        take(&ctx, &AssessArgs::default(), &mut p, clock()).unwrap();
        assert_eq!(
            p.asked,
            ["name", "changed 1", "changed 2"],
            "no offer to carry on"
        );
        assert!(
            drafts::find(&ctx.file).is_empty(),
            "the saved walk's draft is gone"
        );
        assert_eq!(
            store::load_existing(&ctx.file).unwrap().assessments.len(),
            2
        );
    }

    #[test]
    fn stopping_before_any_answer_leaves_no_draft() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = context(dir.path());
        let err = take(
            &ctx,
            &AssessArgs::default(),
            &mut ScriptedPrompter::new([Name("Ann".into())]),
            clock(),
        )
        .err()
        .unwrap();
        assert!(
            matches!(err, Error::Interrupted { draft: None, .. }),
            "{err:?}"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing left behind"
        );
    }

    #[test]
    fn the_rerun_command_quotes_what_a_shell_would_split() {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = context(dir.path());
        ctx.file = "team folder/answers.yaml".into();
        assert_eq!(
            rerun(&ctx, Some("O'Neil")),
            "mbct-sustain --file 'team folder/answers.yaml' --respondent \"O'Neil\""
        );
    }

    #[test]
    fn a_typed_name_close_to_a_members_asks_who_was_meant_and_a_given_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = context(dir.path());
        let mut first = vec![Name("Priya".into())];
        first.extend(whole_walk());
        take(
            &ctx,
            &AssessArgs::default(),
            &mut ScriptedPrompter::new(first),
            clock(),
        )
        .unwrap();
        let mut p = ScriptedPrompter::new([
            Name("Pryia".into()),
            Meant(Some("Priya".into())),
            Changed(false),
            Changed(false),
        ]);
        let taken = take(&ctx, &AssessArgs::default(), &mut p, clock()).unwrap();
        assert_eq!(p.asked[..2], ["name", "meant Pryia"]);
        assert_eq!(taken.assessment.respondent.as_deref(), Some("Priya"));
        ctx.respondent = Some("Pryia".into());
        let err = take(
            &ctx,
            &AssessArgs::default(),
            &mut ScriptedPrompter::new([]),
            clock(),
        )
        .err()
        .unwrap();
        assert!(
            matches!(err, Error::LikelyTypo { ref closest, .. } if closest == &["Priya"]),
            "{err:?}"
        );
        let new = AssessArgs {
            new: true,
            ..AssessArgs::default()
        };
        let mut p = ScriptedPrompter::new(whole_walk());
        assert_eq!(
            take(&ctx, &new, &mut p, clock())
                .unwrap()
                .assessment
                .respondent
                .as_deref(),
            Some("Pryia")
        );
    }
}
