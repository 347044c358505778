//! `plan edit`: the plan on a projector. Goes through the next steps one by
//! one (as `plan` lists them), asking each one's owner and due date; then
//! each domain's target stage and date; then the next review. Enter keeps a
//! value, `-` clears it, Esc goes back a question; each change is saved the
//! moment it is confirmed, so Ctrl-C never loses one.

use std::io::{self, IsTerminal};

use jiff::civil::Date;

use crate::core::plan::{Plan, Review, Target};
use crate::core::walk::Stop;
use crate::present::safe::one_line;
use crate::present::view::plan::PlanView;
use crate::shell::cli::{PlanArgs, parse_date};
use crate::shell::commands::views;
use crate::shell::context::Context;
use crate::shell::error::Error;
use crate::shell::store;
use crate::shell::terminal::TerminalPrompter;

/// One question of the session.
#[derive(Debug, Clone, Copy)]
enum Question {
    /// The owner of step `step` of domain `domain` (indices into the view).
    Owner { domain: usize, step: usize },
    /// Its due date.
    Due { domain: usize, step: usize },
    /// Domain `domain`'s target stage.
    Target { domain: usize },
    /// Its target date.
    TargetBy { domain: usize },
    /// The next review.
    Review,
}

/// Runs the session, then shows the plan.
pub fn run(ctx: &Context, show: &PlanArgs) -> Result<(), Error> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::PlanEditNeedsTerminal);
    }
    crate::shell::interrupt::install();
    crate::shell::interrupt::on_stop(&format!(
        "Stopped; every change you confirmed is saved in {}.",
        ctx.file.display()
    ));
    let history = ctx.history()?;
    let view = views::plan_view(ctx, &history, show)?;
    let mut prompter = TerminalPrompter::new();
    prompter.tell_now(&format!(
        "Going through the plan: {} next steps, then each domain's target, then the next review.\nEnter keeps what is there · `-` clears it · Esc goes back · Ctrl-C stops (every change you confirmed is saved).\n",
        view.domains.iter().map(|d| d.steps.len()).sum::<usize>()
    ));
    let questions = questions(&view);
    let mut changes = 0;
    let mut i = 0;
    let mut going_back = false;
    while i < questions.len() {
        let plan = store::load_existing(&ctx.file)?.plan;
        // A question with nothing to ask (a target date with no target) is
        // passed over in the direction the person is going.
        if !applies(&plan, &view, questions[i]) {
            i = if going_back { i.saturating_sub(1) } else { i + 1 };
            going_back &= i > 0;
            continue;
        }
        let answer = ask(&mut prompter, &view, &plan, questions[i], i, questions.len());
        let _ = console::Term::stderr().show_cursor();
        going_back = matches!(answer, Ok(None));
        match answer {
            Ok(None) => i = i.saturating_sub(1),
            Ok(Some(change)) => {
                if let Some(change) = change {
                    let summary = change.summary(&view);
                    store::update_plan(&ctx.file, |plan, _| {
                        change.apply(plan);
                        Ok(())
                    })?;
                    prompter.show(&summary);
                    changes += 1;
                }
                i += 1;
            }
            Err(Stop::Io(e)) => return Err(Error::Terminal(e)),
            Err(_) => {
                return Err(Error::PlanEditStopped {
                    changes,
                    path: ctx.file.clone(),
                });
            }
        }
    }
    let history = store::load_existing(&ctx.file)?;
    let view = views::plan_view(ctx, &history, show)?;
    ctx.emit(&view, &show.output, &[])
}

/// Every question, in order: each step's owner and date, each domain's
/// target and date, the next review.
fn questions(view: &PlanView) -> Vec<Question> {
    let mut out = Vec::new();
    for (domain, d) in view.domains.iter().enumerate() {
        for step in 0..d.steps.len() {
            out.push(Question::Owner { domain, step });
            out.push(Question::Due { domain, step });
        }
    }
    for domain in 0..view.domains.len() {
        out.push(Question::Target { domain });
        out.push(Question::TargetBy { domain });
    }
    out.push(Question::Review);
    out
}

/// Whether a question has anything to ask: a target date only when there is a target.
fn applies(plan: &Plan, view: &PlanView, q: Question) -> bool {
    match q {
        Question::TargetBy { domain } => plan.targets.contains_key(&view.domains[domain].id),
        _ => true,
    }
}

/// A confirmed change to the plan.
#[derive(Debug, Clone)]
enum Change {
    Owner(String, Option<String>),
    Due(String, Option<Date>),
    Target(String, Option<String>),
    TargetBy(String, Option<Date>),
    Review(Option<Review>),
}

impl Change {
    fn apply(&self, plan: &mut Plan) {
        match self {
            Change::Owner(id, owner) => {
                let mut step = plan.actions.get(id).cloned().unwrap_or_default();
                step.owner.clone_from(owner);
                plan.set_step(id, Some(step));
            }
            Change::Due(id, due) => {
                let mut step = plan.actions.get(id).cloned().unwrap_or_default();
                step.due = *due;
                plan.set_step(id, Some(step));
            }
            Change::Target(domain, stage) => match stage {
                Some(stage) => {
                    let by = plan.targets.get(domain).and_then(|t| t.by);
                    plan.targets.insert(
                        domain.clone(),
                        Target {
                            stage: stage.clone(),
                            by,
                        },
                    );
                }
                None => {
                    plan.targets.shift_remove(domain);
                }
            },
            Change::TargetBy(domain, by) => {
                if let Some(t) = plan.targets.get_mut(domain) {
                    t.by = *by;
                }
            }
            Change::Review(review) => plan.review = *review,
        }
    }

    fn summary(&self, view: &PlanView) -> String {
        let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".into());
        match self {
            Change::Owner(id, o) => format!("Saved: {id} owner {}", or_none(o.clone())),
            Change::Due(id, d) => format!("Saved: {id} due {}", or_none(d.map(|d| d.to_string()))),
            Change::Target(domain, s) => {
                let name = s.as_deref().map(|s| stage_name(view, s));
                format!("Saved: {domain} target {}", or_none(name))
            }
            Change::TargetBy(domain, d) => {
                format!("Saved: {domain} target date {}", or_none(d.map(|d| d.to_string())))
            }
            Change::Review(r) => format!(
                "Saved: next review {}",
                match r {
                    Some(Review::On(d)) => d.to_string(),
                    Some(Review::EveryMonths(n)) => format!("{n} months after the latest round"),
                    None => "none".into(),
                }
            ),
        }
    }
}

fn stage_name(view: &PlanView, id: &str) -> String {
    view.stages
        .iter()
        .find(|(sid, _)| sid == id)
        .map_or_else(|| id.to_string(), |(_, name)| name.clone())
}

/// Asks question `q`: `Ok(None)` is Esc (go back), `Ok(Some(None))` keeps
/// what is there, `Ok(Some(Some(change)))` is a change to save.
fn ask(
    p: &mut TerminalPrompter,
    view: &PlanView,
    plan: &Plan,
    q: Question,
    n: usize,
    of: usize,
) -> Result<Option<Option<Change>>, Stop> {
    let place = format!("Question {} of {of}", n + 1);
    match q {
        Question::Owner { domain, step } | Question::Due { domain, step } => {
            let d = &view.domains[domain];
            let s = &d.steps[step];
            let now = plan.actions.get(&s.action_id).cloned().unwrap_or_default();
            let context = format!(
                "{place} · {} (working in {})\n{} · {}\n{}",
                one_line(&d.name),
                one_line(&d.stage.name),
                s.action_id,
                s.answer.map_or("not answered", |a| a.label()),
                one_line(&s.text)
            );
            if let Question::Owner { .. } = q {
                let prompt = match &now.owner {
                    Some(o) => format!("Owner [{}]", one_line(o)),
                    None => "Owner".to_string(),
                };
                let Some(typed) = p.edit_line(&context, &prompt, "")? else {
                    return Ok(None);
                };
                let t = typed.trim();
                let owner = if cleared(t) {
                    None
                } else if t.is_empty() {
                    now.owner.clone()
                } else {
                    Some(t.to_string())
                };
                return Ok(Some(
                    (owner != now.owner).then(|| Change::Owner(s.action_id.clone(), owner)),
                ));
            }
            let due = ask_date(p, &context, "Due (YYYY-MM-DD)", now.due)?;
            Ok(due.map(|due| (due != now.due).then(|| Change::Due(s.action_id.clone(), due))))
        }
        Question::Target { domain } => {
            let d = &view.domains[domain];
            let now = plan.targets.get(&d.id).map(|t| t.stage.clone());
            let mut items: Vec<(Option<String>, String)> = vec![(None, "No target".into())];
            items.extend(
                view.stages
                    .iter()
                    .skip(d.stage.rank)
                    .map(|(id, name)| (Some(id.clone()), name.clone())),
            );
            // The current answer first, so Enter keeps it, even when it is a
            // stage already passed or one this framework does not have.
            match items.iter().position(|(id, _)| *id == now) {
                Some(at) => {
                    let current = items.remove(at);
                    items.insert(0, current);
                }
                None => {
                    let id = now.clone().unwrap_or_default();
                    items.insert(0, (now.clone(), format!("{} (as set)", stage_name(view, &id))));
                }
            }
            let labels: Vec<String> = items.iter().map(|(_, name)| name.clone()).collect();
            let context = format!(
                "{place} · {} is working in {}: which stage should it reach?",
                one_line(&d.name),
                one_line(&d.stage.name)
            );
            let Some(i) = p.choose(&context, &labels, 0)? else {
                return Ok(None);
            };
            let picked = items[i].0.clone();
            Ok(Some((picked != now).then(|| Change::Target(d.id.clone(), picked))))
        }
        Question::TargetBy { domain } => {
            let d = &view.domains[domain];
            let Some(target) = plan.targets.get(&d.id) else {
                return Ok(Some(None)); // never asked: see `applies`
            };
            let context = format!(
                "{place} · By when should {} reach {}?",
                one_line(&d.name),
                stage_name(view, &target.stage)
            );
            let by = ask_date(p, &context, "Target date (YYYY-MM-DD)", target.by)?;
            Ok(by.map(|by| (by != target.by).then(|| Change::TargetBy(d.id.clone(), by))))
        }
        Question::Review => {
            let now = plan.review;
            let shown = match now {
                Some(Review::On(d)) => d.to_string(),
                Some(Review::EveryMonths(n)) => n.to_string(),
                None => String::new(),
            };
            let mut context = format!(
                "{place} · When does the team review next? A date (YYYY-MM-DD), or a number of months after the latest round."
            );
            loop {
                let prompt = if shown.is_empty() {
                    "Next review".to_string()
                } else {
                    format!("Next review [{shown}]")
                };
                let Some(typed) = p.edit_line(&context, &prompt, "")? else {
                    return Ok(None);
                };
                let t = typed.trim();
                let review = if cleared(t) {
                    None
                } else if t.is_empty() || t == shown {
                    return Ok(Some(None));
                } else if let Some(n) = t.parse::<u32>().ok().filter(|n| (1..=120).contains(n)) {
                    Some(Review::EveryMonths(n))
                } else {
                    match parse_date(t) {
                        Ok(d) => Some(Review::On(d)),
                        Err(message) => {
                            context = format!("{message}, or give a number of months from 1 to 120.");
                            continue;
                        }
                    }
                };
                return Ok(Some((review != now).then_some(Change::Review(review))));
            }
        }
    }
}

/// A date, asked until it is one: `None` is Esc; `Some(value)` the date
/// wanted (Enter keeps `now`, `-` clears).
fn ask_date(
    p: &mut TerminalPrompter,
    context: &str,
    prompt: &str,
    now: Option<Date>,
) -> Result<Option<Option<Date>>, Stop> {
    let shown = now.map(|d| d.to_string()).unwrap_or_default();
    let asked = context;
    let mut context = context.to_string();
    loop {
        // The current value is shown beside the prompt, so typing replaces it.
        let label = if shown.is_empty() {
            prompt.to_string()
        } else {
            format!("{prompt} [{shown}]")
        };
        let Some(typed) = p.edit_line(&context, &label, "")? else {
            return Ok(None);
        };
        let t = typed.trim();
        if cleared(t) {
            return Ok(Some(None));
        }
        if t.is_empty() || t == shown {
            return Ok(Some(now));
        }
        match parse_date(t) {
            Ok(d) => return Ok(Some(Some(d))),
            Err(message) => context = format!("{message}.\n{asked}"),
        }
    }
}

/// `-` clears a value.
fn cleared(typed: &str) -> bool {
    typed.trim() == "-"
}
