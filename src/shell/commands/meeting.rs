//! `meeting`: the team goes through the round's agenda on one screen and
//! records what it agrees, point by point, on the walk's question engine
//! (Esc goes back). Each agreement is saved the moment it is confirmed, so
//! Ctrl-C loses nothing, and a meeting run again carries on at the first
//! point not yet agreed. It ends with the team's table as it now stands.

use std::io::{self, IsTerminal};

use crate::core::answers::{Answer, roster};
use crate::core::subject::{At, Whom};
use crate::core::walk::{Prompter, Reply, Stop, in_turn};
use crate::present::render::{Format, View, render_doc};
use crate::present::safe::one_line;
use crate::present::view::team::{self, DiscussionPoint, TeamView};
use crate::shell::cli::parse_date;
use crate::shell::commands::agreed::{agreement, round_of};
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::terminal::TerminalPrompter;
use crate::shell::{interrupt, store};

/// One question of the meeting, about agenda point `.0`.
#[derive(Debug, Clone, Copy)]
enum Ask {
    Answer(usize),
    Comment(usize),
    Owner(usize),
    Due(usize),
}

/// Runs the meeting on the terminal.
pub fn run(ctx: &Context) -> Result<(), Error> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::MeetingNeedsTerminal);
    }
    interrupt::install();
    interrupt::on_stop(&format!(
        "Stopped; every agreement you confirmed is saved in {}.",
        ctx.file.display()
    ));
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Whom::Team, At::One(None), None)?;
    let files = vec![ctx.file.display().to_string(); history.assessments.len()];
    let view = team::build(&ctx.framework, &s, &files, false, None);
    let round = round_of(ctx, None)?;
    // Carry on with the points the team has not agreed yet, in rank order.
    let points: Vec<usize> = (0..view.discussion.len())
        .filter(|&i| view.agreed(&view.discussion[i]).is_none())
        .collect();
    let done = view.discussion.len() - points.len();
    let steps: Vec<Ask> = points
        .iter()
        .flat_map(|&i| [Ask::Answer(i), Ask::Comment(i), Ask::Owner(i), Ask::Due(i)])
        .collect();
    let mut prompter = TerminalPrompter::new();
    prompter.tell(&format!(
        "The meeting: {} points on the agenda{}. For each, agree the team's answer (the cursor starts on the one most gave). Esc goes back · Ctrl-C stops (every agreement is saved as you go).\n",
        view.discussion.len(),
        if done > 0 { format!(", {done} agreed already: carrying on with the rest") } else { String::new() }
    ));
    // The answer agreed for each point in this meeting (`None`: left to the rule).
    let mut agreed: Vec<Option<Option<Answer>>> = vec![None; view.discussion.len()];
    let applies = |agreed: &Vec<Option<Option<Answer>>>, ask: Ask| match ask {
        Ask::Answer(_) => true,
        Ask::Comment(i) => matches!(agreed[i], Some(Some(_))),
        Ask::Owner(i) | Ask::Due(i) => {
            matches!(agreed[i], Some(Some(a)) if a != Answer::InPlace && a != Answer::NotApplicable)
        }
    };
    let result = in_turn(
        &steps,
        0,
        &mut agreed,
        &mut prompter,
        applies,
        |agreed, p, ask| ask_one(ctx, &view, round, ask, agreed, p),
    );
    match result {
        Ok(()) => {}
        Err(Err(e)) => return Err(e),
        Err(Ok(Stop::Io(e))) => return Err(Error::Terminal(e)),
        Err(Ok(_)) => {
            return Err(Error::MeetingStopped {
                path: ctx.file.clone(),
            });
        }
    }
    drop(prompter);
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Whom::Team, At::One(None), None)?;
    let view = team::build(&ctx.framework, &s, &files, false, Some(0));
    let mut doc = view.doc();
    doc.blocks.truncate(4);
    crate::shell::screen::write_stdout(
        render_doc(&doc, Format::Table, ctx.look(&Default::default())).as_bytes(),
    )
}

/// Asks one question of the meeting and saves what is confirmed.
fn ask_one(
    ctx: &Context,
    view: &TeamView,
    round: jiff::civil::Date,
    ask: Ask,
    agreed: &mut [Option<Option<Answer>>],
    p: &mut TerminalPrompter,
) -> Result<Reply<()>, Result<Stop, Error>> {
    let (Ask::Answer(i) | Ask::Comment(i) | Ask::Owner(i) | Ask::Due(i)) = ask;
    let point: &DiscussionPoint = &view.discussion[i];
    let id = &point.at.action_id;
    let place = format!(
        "Point {} of {} · {} · {}",
        point.rank,
        view.discussion.len(),
        one_line(&point.at.domain),
        one_line(&point.at.stage)
    );
    let save = |change: &dyn Fn(&mut crate::core::answers::History)| {
        store::update(&ctx.file, |h| {
            change(h);
            Ok(())
        })
        .map(|_| ())
        .map_err(Err)
    };
    let back = |typed: &Option<String>| {
        if typed.is_some() {
            Reply::Given(())
        } else {
            Reply::Back
        }
    };
    let reply = match ask {
        Ask::Answer(_) => {
            let said: Vec<String> = point
                .answers
                .iter()
                .map(|w| {
                    let note = w
                        .note
                        .as_deref()
                        .map(|n| format!(" — “{}”", one_line(n)))
                        .unwrap_or_default();
                    format!(
                        "  {}: {}{note}",
                        one_line(&w.respondent),
                        w.answer.map_or("no answer", |a| a.label())
                    )
                })
                .collect();
            let prompt = format!(
                "{place}\n{}\n{}\nWhat does the team agree?",
                one_line(&point.at.action),
                said.join("\n")
            );
            let mut items: Vec<&str> = Answer::ALL.iter().map(|a| a.label()).collect();
            items.push("Leave it to the majority rule");
            let tally = crate::core::team::Tally::of(point.answers.iter().map(|w| w.answer));
            let start = tally
                .most_given()
                .and_then(|a| Answer::ALL.iter().position(|x| *x == a))
                .unwrap_or(0);
            match p.select(p.wrapped(&prompt), &items, start).map_err(Ok)? {
                None => Reply::Back,
                Some(k) => {
                    let answer = Answer::ALL.get(k).copied();
                    save(&|h| h.agreements.push(agreement(id, answer, None, round, None)))?;
                    p.summary(&format!(
                        "{}: {}",
                        one_line(&point.at.action),
                        answer.map_or("left to the rule", |a| a.label())
                    ));
                    agreed[i] = Some(answer);
                    Reply::Given(())
                }
            }
        }
        Ask::Comment(_) => {
            let typed = p
                .input_below(
                    &format!("{place}\nA comment for the record? (Enter to skip)"),
                    "Comment",
                    None,
                    "",
                )
                .map_err(Ok)?;
            if let Some(note) = typed.as_deref().filter(|n| !n.trim().is_empty()) {
                let answer = agreed[i].flatten();
                save(&|h| {
                    h.agreements
                        .push(agreement(id, answer, Some(note), round, None))
                })?;
            }
            back(&typed)
        }
        Ask::Owner(_) | Ask::Due(_) => {
            let owner = matches!(ask, Ask::Owner(_));
            let (what, label) = if owner {
                ("Who owns this step? (Enter to skip)", "Owner")
            } else {
                ("By when? YYYY-MM-DD (Enter to skip)", "Due")
            };
            let mut asked = format!("{place}\n{what}");
            let (typed, due) = loop {
                let typed = p.input_below(&asked, label, None, "").map_err(Ok)?;
                let t = typed.as_deref().unwrap_or("").trim().to_string();
                match (owner || t.is_empty(), parse_date(&t)) {
                    (true, _) => break (typed, None),
                    (false, Ok(due)) => break (typed, Some(due)),
                    // Not a date: said why, and asked again.
                    (false, Err(why)) => asked = format!("{place}\n{why}.\n{what}"),
                }
            };
            let t = typed.as_deref().unwrap_or("").trim().to_string();
            if owner && !t.is_empty() || due.is_some() {
                let now = crate::shell::context::now();
                save(&|h| {
                    let step = h.plan.step(id).cloned().unwrap_or_default();
                    let new_owner = if owner {
                        Some(roster::owner_named(h, &t))
                    } else {
                        step.owner
                    };
                    h.plan.set_step(id, new_owner, due.or(step.due), now);
                })?;
            }
            back(&typed)
        }
    };
    Ok(reply)
}
