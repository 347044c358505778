//! `meeting`: the team goes through the open points of its latest round on one screen and records
//! what it agrees, point by point, on the walk's question engine (`core::walk::meeting`). Each
//! answer is saved the moment it is confirmed, so Ctrl-C loses nothing; settled points are not
//! asked again, so a meeting run again carries on with what is still open, and one with nothing
//! open says so and ends. It ends with the team's table as it now stands.

use std::io::{self, IsTerminal};

use crate::core::subject::{At, Requested};
use crate::core::walk::meeting::{self, Minute};
use crate::core::walk::{Prompter, Stop, WalkError};
use crate::present::doc::{Block, Doc};
use crate::present::render::write_table;
use crate::present::view::team;
use crate::shell::cli::{OutputArgs, ViewFormats};
use crate::shell::commands::agreed::round_of;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::terminal::TerminalPrompter;
use crate::shell::{interrupt, store};

/// Runs the meeting on the terminal.
pub fn run(ctx: &Context) -> Result<(), Error> {
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Requested::Team, At::One(None), None)?;
    let (points, of) = meeting::open_points(&ctx.framework, &s);
    let number = s.point().number;
    if points.is_empty() {
        let all = if of == 1 {
            "The one point".to_string()
        } else {
            format!("All {of} points")
        };
        let settled = if of == 1 { "is settled" } else { "are settled" };
        let none = if of == 0 {
            format!("Round {number} has nothing to discuss: everyone gave the same answers.")
        } else {
            format!("{all} of round {number} {settled}; `mbct-sustain agree` changes one.")
        };
        crate::shell::screen::note(&none);
        return Ok(());
    }
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::MeetingNeedsTerminal);
    }
    interrupt::install();
    interrupt::on_stop(&format!(
        "Stopped; every agreement you confirmed is saved in {}.",
        ctx.file.display()
    ));
    let round = round_of(ctx, None)?;
    let mut prompter = TerminalPrompter::new();
    let to_confirm = points.iter().filter(|p| p.standing.is_some()).count();
    let confirm = match to_confirm {
        0 => String::new(),
        1 => " (1 to confirm first)".into(),
        n => format!(" ({n} to confirm first)"),
    };
    prompter.tell(&format!(
        "The meeting, round {number}: {} of {of} points open{confirm}; the rest are settled. For \
         each, agree the team's answer, or leave it to the majority rule. Number keys choose · Esc \
         goes back · Ctrl-C stops (every agreement is saved as you go).\n",
        points.len()
    ));
    let save = |_: &mut TerminalPrompter, minute: &Minute| {
        store::update(&ctx.file, |h| {
            minute.record(h, round, crate::shell::clock::now());
            Ok(())
        })
        .map(|_| ())
    };
    let result = meeting::run(&points, &mut prompter, save);
    drop(prompter);
    match result {
        Ok(()) => {}
        Err(WalkError::Save(e)) => return Err(e),
        Err(WalkError::Stopped(Stop::Io(e))) => return Err(Error::Terminal { source: e }),
        Err(WalkError::Stopped(_)) => {
            return Err(Error::MeetingStopped {
                path: ctx.file.clone(),
            });
        }
    }
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Requested::Team, At::One(None), None)?;
    let files = vec![ctx.file.display().to_string(); history.assessments.len()];
    let view = team::build(&ctx.framework, &s, &files, false, Some(0));
    let mut doc = Doc::default();
    doc.push(Block::Heading(format!(
        "The team's stages after the meeting (round {number})"
    )));
    doc.push(Block::Table(view.stage_table()));
    doc.push(Block::Note(view.rule.clone()));
    let look = ctx.look(&OutputArgs::<ViewFormats>::default());
    let mut bytes = Vec::new();
    let _ = write_table(&doc, look, &mut bytes);
    crate::shell::screen::write_stdout(&bytes)
}
