//! `agree`, `evidence` and `plan done`: what the team decided, and what
//! shows an action is in place. Each is saved under the save lock after a
//! re-read; a refusal leaves the file byte for byte as it was.

use jiff::civil::Date;

use crate::core::answers::agreed::Evidence;
use crate::core::answers::{Answer, Service};
use crate::core::decisions::{self, agreement};
use crate::core::evidence as core_evidence;
use crate::core::links::web_address;
use crate::core::subject::{At, Requested};
use crate::present::view::evidence;
use crate::present::words::AnswerWords;
use crate::shell::cli::{EvidenceArgs, EvidenceCommand};
use crate::shell::clock::today;
use crate::shell::context::{Context, known_action};
use crate::shell::error::Error;
use crate::shell::store;

/// Records the team's agreed answer to `action` in a round (the latest, or `at`, until the next
/// round begins).
pub fn agree(
    ctx: &Context,
    action: &str,
    answer: Option<Answer>,
    note: Option<&str>,
    at: Option<&str>,
) -> Result<(), Error> {
    known_action(&ctx.framework, action)?;
    let round = round_of(ctx, at)?;
    let agreement = agreement(
        action,
        answer,
        note,
        (round, None),
        crate::shell::clock::now(),
    );
    store::update(&ctx.file, |h| {
        h.agreements.push(agreement);
        Ok(())
    })?;
    ctx.note(&match answer {
        Some(a) => format!("Agreed: {action} is {} (the round of {round}).", a.label()),
        None => format!("{action} is left to the majority rule again (the round of {round})."),
    });
    Ok(())
}

/// The first day of the team's round `at` names (else the latest), which must be the latest: a
/// round's picture stays as it stood once the next one has begun.
pub fn round_of(ctx: &Context, at: Option<&str>) -> Result<Date, Error> {
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Requested::Team, At::One(at), None)?;
    decisions::open_round(&s).map_err(|r| refused(r, "ACTION"))
}

/// Why a decision cannot be recorded, as an error.
fn refused(refusal: decisions::CannotRecord, action: &str) -> Error {
    use decisions::CannotRecord;
    match refusal {
        CannotRecord::RoundClosed {
            number,
            next,
            began,
        } => Error::RoundClosed {
            number,
            next,
            began,
        },
        CannotRecord::DoneBeforeRound { on, number, began } => Error::DoneBeforeRound {
            on,
            number,
            began,
            action: action.to_string(),
        },
        CannotRecord::DoneInFuture { on, today } => Error::DoneInFuture { on, today },
    }
}

/// `plan done`: the team's decision, between reviews, that `action` is In place from `on` (default
/// today). It counts in every round that begins after that day; a day before the latest round
/// began is that round's meeting's decision (`agree`), and a day after today is refused.
pub fn done(
    ctx: &Context,
    action: &str,
    on: Option<Date>,
    note: Option<&str>,
    evidence: Option<&str>,
) -> Result<(), Error> {
    known_action(&ctx.framework, action)?;
    let today = today();
    let on = on.unwrap_or(today);
    decisions::done_by_today(on, today).map_err(|r| refused(r, action))?;
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Requested::Team, At::One(None), None)?;
    let round = decisions::done_since_round(&s, on).map_err(|r| refused(r, action))?;
    let now = crate::shell::clock::now();
    let agreement = agreement(action, Some(Answer::InPlace), note, (round, Some(on)), now);
    let by = ctx.respondent.clone();
    store::update(&ctx.file, |h| {
        if let Some(text) = evidence {
            h.evidence.push(Evidence {
                action: action.into(),
                text: text.into(),
                link: None,
                by,
                at: agreement.at,
                removed: None,
            });
        }
        h.agreements.push(agreement);
        Ok(())
    })?;
    ctx.note(&format!(
        "Done: {action} is in place from {on}, as the team decided; it counts from the round \
         after round {}.",
        s.point().number
    ));
    Ok(())
}

/// `service`: shows the service's name, or sets it (dated, so copies merge, the later winning).
pub fn service(ctx: &Context, name: Option<&str>) -> Result<(), Error> {
    let Some(name) = name else {
        let history = ctx.history_or_empty()?;
        let said = match history.service {
            Some(s) => format!("{}\n", crate::present::safe::one_line(&s.name)),
            None => String::new(),
        };
        if said.is_empty() {
            ctx.note("No service name yet; `mbct-sustain service NAME` sets it.");
        }
        return crate::shell::screen::write_stdout(said.as_bytes());
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::BlankServiceName);
    }
    let service = Service {
        name: name.to_string(),
        set_at: Some(crate::shell::clock::now()),
    };
    store::update(&ctx.file, |h| {
        h.service = Some(service);
        Ok(())
    })?;
    ctx.note(&format!(
        "The service's name is now {}; the meeting page carries it in its title.",
        crate::present::safe::one_line(name)
    ));
    Ok(())
}

/// `evidence`: lists it, adds to it, or removes from it.
pub fn evidence(ctx: &Context, args: &EvidenceArgs) -> Result<(), Error> {
    let f = &ctx.framework;
    match &args.command {
        None => {
            let history = ctx.history_or_empty()?;
            ctx.emit(&evidence::build(f, &history), &args.output, &[])
        }
        Some(EvidenceCommand::Add {
            action,
            text,
            link,
            by,
        }) => {
            known_action(f, action)?;
            if let Some((link, Err(why))) = link.as_deref().map(|l| (l, web_address(l))) {
                return Err(Error::NotAWebAddress {
                    link: link.to_string(),
                    why,
                });
            }
            let by = by.clone().or_else(|| ctx.respondent.clone());
            let e = Evidence {
                action: action.clone(),
                text: text.trim().into(),
                link: link.clone(),
                by,
                at: crate::shell::clock::now(),
                removed: None,
            };
            store::update(&ctx.file, |h| {
                h.evidence.push(e);
                Ok(())
            })?;
            ctx.note(&format!("Evidence recorded for {action}."));
            Ok(())
        }
        Some(EvidenceCommand::Remove { action, number }) => {
            store::update(&ctx.file, |h| {
                let chosen =
                    core_evidence::to_remove(&h.evidence, action, *number).map_err(|missing| {
                        Error::NoSuchEvidence {
                            action: action.clone(),
                            count: missing.count,
                        }
                    })?;
                h.evidence[chosen].removed = Some(crate::shell::clock::now());
                Ok(())
            })?;
            ctx.note(&format!(
                "Evidence removed from {action} (kept in the file as a dated removal)."
            ));
            Ok(())
        }
    }
}
