//! `agree`, `evidence` and `plan done`: what the team decided, and what
//! shows an action is in place. Each is saved under the save lock after a
//! re-read; a refusal leaves the file byte for byte as it was.

use jiff::civil::Date;
use serde::Serialize;

use crate::core::answers::agreed::{Agreement, Evidence, evidence_of};
use crate::core::answers::{Answer, History, Service};
use crate::core::framework::Framework;
use crate::core::links::web_address;
use crate::core::subject::{At, Requested};
use crate::core::time::day_of;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::{Sheet, View};
use crate::shell::cli::{EvidenceArgs, EvidenceCommand};
use crate::shell::context::{Context, known_action, today};
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
    let agreement = agreement(action, answer, note, round, None);
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
    if let Some(next) = s.points.get(s.now + 1) {
        return Err(Error::RoundClosed {
            number: s.point().number,
            next: next.number,
            began: day_of(next.from),
        });
    }
    Ok(day_of(s.point().from))
}

/// An agreement of `round` made now (with `since`: a step done between reviews, of no round).
pub fn agreement(
    action: &str,
    answer: Option<Answer>,
    note: Option<&str>,
    round: Date,
    since: Option<Date>,
) -> Agreement {
    let note = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    Agreement {
        round: since.is_none().then_some(round),
        action: action.to_string(),
        answer,
        comment: note,
        present: Vec::new(),
        at: crate::shell::context::now(),
        since,
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
    if on > today {
        return Err(Error::DoneInFuture { on, today });
    }
    let history = ctx.history()?;
    let s = ctx.snapshot_of(&history, Requested::Team, At::One(None), None)?;
    let latest = s.point();
    if on < day_of(latest.from) {
        return Err(Error::DoneBeforeRound {
            on,
            number: latest.number,
            began: day_of(latest.from),
        });
    }
    let agreement = agreement(
        action,
        Some(Answer::InPlace),
        note,
        day_of(latest.from),
        Some(on),
    );
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
        latest.number
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
        set_at: Some(crate::shell::context::now()),
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
            ctx.emit(&EvidenceList::new(f, &history), &args.output, &[])
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
                at: crate::shell::context::now(),
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
                let live: Vec<usize> = (0..h.evidence.len())
                    .filter(|&i| h.evidence[i].action == *action && h.evidence[i].removed.is_none())
                    .collect();
                let chosen = match (number, live.len()) {
                    (None, 1) => live[0],
                    (Some(n), _) if (1..=live.len()).contains(n) => live[n - 1],
                    (_, count) => {
                        return Err(Error::NoSuchEvidence {
                            action: action.clone(),
                            count,
                        });
                    }
                };
                h.evidence[chosen].removed = Some(crate::shell::context::now());
                Ok(())
            })?;
            ctx.note(&format!(
                "Evidence removed from {action} (kept in the file as a dated removal)."
            ));
            Ok(())
        }
    }
}

/// Every action's evidence, numbered per action as `evidence remove` takes it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceList {
    /// The evidence, in framework order.
    pub evidence: Vec<crate::present::view::EvidenceInfo>,
}

impl EvidenceList {
    fn new(f: &Framework, h: &History) -> EvidenceList {
        let mut evidence = Vec::new();
        for (d, domain) in f.domains.iter().enumerate() {
            for (i, a) in domain.actions.iter().enumerate() {
                evidence.extend(evidence_of(&h.evidence, &a.id).map(|e| {
                    crate::present::view::EvidenceInfo {
                        at: crate::present::view::ActionRef::new(f, d, i),
                        evidence: e.clone(),
                    }
                }));
            }
        }
        EvidenceList { evidence }
    }
}

impl Sheet for EvidenceList {
    fn sheet(&self) -> Option<Table> {
        Some(crate::present::view::sheet::evidence(&self.evidence))
    }
}

impl View for EvidenceList {
    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "Evidence ({})",
            self.evidence.len()
        )));
        let mut seen: Vec<&str> = Vec::new();
        let items = self.evidence.iter().map(|e| {
            seen.push(&e.at.action_id);
            let n = seen.iter().filter(|a| **a == e.at.action_id).count();
            vec![Cell::Text(format!(
                "{} {n}. {}",
                e.at.action_id,
                e.line(true)
            ))]
        });
        doc.push(Block::List(items.collect()));
        if self.evidence.is_empty() {
            doc.push(Block::Text(
                "None recorded yet; `mbct-sustain evidence add ACTION TEXT` records some.".into(),
            ));
        }
        doc
    }
}
