//! `people` and `status`: the roster, and where the round stands. Each
//! change to the roster is made under the save lock after a re-read, and
//! leaves the file byte for byte as it was when it is refused.

use crate::core::answers::roster;
use crate::core::names;
use crate::core::subject::{self, At, Requested};
use crate::present::view::people::{self, DraftRead};
use crate::present::words::count;
use crate::shell::cli::{OutputArgs, PeopleArgs, PeopleCommand};
use crate::shell::clock::today;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::store;

/// Lists the team, or changes it.
pub fn run(ctx: &Context, args: &PeopleArgs) -> Result<(), Error> {
    let now = crate::shell::clock::now();
    let refused = |refusal| Error::People { refusal };
    let said = match &args.command {
        None => {
            let history = ctx.history_or_empty()?;
            let s = ctx
                .snapshot_of(&history, Requested::Team, At::One(None), None)
                .ok();
            return ctx.emit(&people::people(&history, s.as_ref()), &args.output, &[]);
        }
        Some(PeopleCommand::Add { name, account, new }) => {
            let (_, name) = store::update(&ctx.file, |h| {
                let team = roster::members(h);
                names::check_new(&team, name, account.as_deref(), *new)
                    .map_err(|refusal| Error::NewName { refusal })?;
                roster::add(h, name, account.as_deref(), now).map_err(refused)
            })?;
            format!("{name} is on the team.")
        }
        Some(PeopleCommand::Rename { old, new }) => {
            let (_, c) = store::update(&ctx.file, |h| {
                roster::rename(h, old, new, now).map_err(refused)
            })?;
            format!(
                "{old} is {} now ({} and {} follow; `{old}` still means them).",
                c.member,
                count(c.assessments, "assessment"),
                count(c.owners, "plan step")
            )
        }
        Some(PeopleCommand::Merge { spelling, into }) => {
            let (_, c) = store::update(&ctx.file, |h| {
                roster::merge_names(h, spelling, into, now).map_err(refused)
            })?;
            format!(
                "{spelling} is {} ({} and {} moved to them).",
                c.member,
                count(c.assessments, "assessment"),
                count(c.owners, "plan step")
            )
        }
        Some(PeopleCommand::Leave { name, on }) => {
            let on = on.unwrap_or_else(today);
            let (_, name) = store::update(&ctx.file, |h| {
                roster::leave(h, name, on, now).map_err(refused)
            })?;
            // A day still to come is said as one: "leaves", not "left".
            let left = if on > today() {
                format!("{name} leaves the team on {on}; rounds after that do not wait for them.")
            } else {
                format!("{name} left the team on {on}; later rounds do not wait for them.")
            };
            match crate::core::time::far_from(on, today()) {
                None => left,
                Some(far) => {
                    ctx.note(&left);
                    let way = match far {
                        crate::core::time::Far::Before => "before",
                        crate::core::time::Far::After => "after",
                    };
                    format!(
                        "note: {on} is more than a year {way} today: check it is the day {name} \
                         left (`mbct-sustain people leave NAME --on DATE` sets another)."
                    )
                }
            }
        }
    };
    ctx.note(&said);
    Ok(())
}

/// Shows who has answered the current round (or the one being gathered),
/// who is part-way through a walk, and who is awaited.
pub fn status(ctx: &Context, output: &OutputArgs) -> Result<(), Error> {
    let history = ctx.history_or_empty()?;
    let s = ctx
        .snapshot_of(&history, Requested::Team, At::One(None), None)
        .ok();
    let gathering = s
        .as_ref()
        .is_none_or(|s| subject::gathering(s, crate::shell::clock::now()));
    let drafts = store::drafts::find(&ctx.file)
        .iter()
        .filter_map(|p| ctx.read_draft(p))
        .map(|d| DraftRead {
            name: d.respondent.clone(),
            answered: d.answered(&ctx.framework),
            of: ctx.framework.action_count(),
            updated_at: d.updated_at,
        })
        .collect();
    let mut view = people::status(&history, s.as_ref(), gathering, drafts, today());
    let file = ctx.file_given.then_some(ctx.file.as_path());
    view.conflict_copies = crate::shell::sharing::copies(&ctx.file, &history)
        .iter()
        .map(|(p, found)| people::CopyNote {
            file: p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            description: crate::shell::sharing::status_line(p, found, file),
        })
        .collect();
    ctx.emit(&view, output, &[])
}
