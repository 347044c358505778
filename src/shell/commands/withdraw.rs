//! `withdraw N`: an assessment taken by mistake is withdrawn, never deleted. It stays in the file
//! with a dated record, so no merge brings it back, and counts nowhere.

use crate::core::answers::roster;
use crate::core::answers::withdrawn::{self, numbers};
use crate::core::names::Names;
use crate::present::safe::one_line;
use crate::present::words::date_of;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::store;

/// Withdraws the assessment `history` lists as `number` (only the `--respondent`'s, if given).
pub fn run(ctx: &Context, number: i64) -> Result<(), Error> {
    let now = crate::shell::clock::now();
    let whose = ctx.respondent.as_deref();
    let (saved, i) = store::update(&ctx.file, |h| {
        let team = roster::members(h);
        let names = Names::new(&team);
        let i =
            withdrawn::select(h, number, whose.map(Some), |n| names.key(n)).map_err(|refusal| {
                Error::CannotWithdraw {
                    refusal,
                    respondent: ctx.respondent.clone(),
                }
            })?;
        withdrawn::withdraw(h, i, now);
        Ok(i)
    })?;
    let a = &saved.assessments[i];
    let label = a
        .label
        .as_deref()
        .map_or(String::new(), |l| format!(", {}", one_line(l)));
    ctx.note(&format!(
        "Withdrew assessment {} ({}, {}{label}): it stays in the answers file and counts nowhere \
            now; `mbct-sustain history --withdrawn` lists it.",
        numbers(&saved)[i],
        a.respondent.as_deref().map_or("no name".into(), one_line),
        date_of(a.taken_at),
    ));
    Ok(())
}
