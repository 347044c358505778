//! `plan edit`'s questions, asked on the walk's engine: each next step's
//! owner and due date, then each domain's target stage and date, then the
//! next review. Enter keeps a value, `-` clears it, a date that is not one
//! is asked again, Esc goes back to the previous question that applies.

use jiff::civil::Date;

use super::{Prompter, Reply, Stop, WalkError, in_turn};
use crate::core::answers::Answer;
use crate::core::plan::{Plan, Review, Target};

/// What `plan edit` goes through: the domains the plan lists, in its order.
#[derive(Debug, Clone, Default)]
pub struct Agenda {
    /// The domains.
    pub domains: Vec<Domain>,
    /// The stages a target can name, `(id, name)`, complete last.
    pub stages: Vec<(String, String)>,
}

/// A domain as `plan edit` shows it.
#[derive(Debug, Clone, Default)]
pub struct Domain {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The name of the stage it is working in.
    pub stage: String,
    /// That stage's rank (0: the first); targets are offered from it on.
    pub rank: usize,
    /// The steps still to put in place.
    pub steps: Vec<NextStep>,
}

/// An action still to put in place.
#[derive(Debug, Clone, Default)]
pub struct NextStep {
    /// The action's id.
    pub action: String,
    /// Its text.
    pub text: String,
    /// Its answer (`None`: not answered).
    pub answer: Option<Answer>,
}

/// What a line of `plan edit` asks for.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    /// Who owns a next step.
    Owner(&'a Domain, &'a NextStep),
    /// When it is due.
    Due(&'a Domain, &'a NextStep),
    /// By when the domain should reach its target, the stage so named.
    TargetBy(&'a Domain, &'a str),
    /// When the team reviews next: a date, or months after the latest round.
    Review,
}

/// A line of text `plan edit` asks for.
#[derive(Debug, Clone)]
pub struct LineQuestion<'a> {
    /// 1-based question number.
    pub number: usize,
    /// How many questions.
    pub count: usize,
    /// What is asked.
    pub field: Field<'a>,
    /// The value now, as it would be typed (empty: none).
    pub now: String,
    /// What was typed last, when it meant nothing (so it is asked again).
    pub rejected: Option<String>,
}

/// Which stage a domain should reach.
#[derive(Debug, Clone)]
pub struct TargetQuestion<'a> {
    /// 1-based question number.
    pub number: usize,
    /// How many questions.
    pub count: usize,
    /// The domain.
    pub domain: &'a Domain,
    /// The stages offered, by name (`None`: no target); the first is the
    /// target now, so Enter keeps it.
    pub items: Vec<Option<&'a str>>,
    /// The first is a target set earlier that is not otherwise offered (a
    /// stage already passed, or one this framework does not have).
    pub as_set: bool,
}

/// A confirmed change to the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An action's owner.
    Owner(String, Option<String>),
    /// An action's due date.
    Due(String, Option<Date>),
    /// A domain's target stage (its id).
    Target(String, Option<String>),
    /// A domain's target date.
    TargetBy(String, Option<Date>),
    /// The next review.
    Review(Option<Review>),
}

impl Change {
    /// Makes the change in `plan`.
    pub fn apply(&self, plan: &mut Plan) {
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
            Change::Target(domain, Some(stage)) => {
                let by = plan.targets.get(domain).and_then(|t| t.by);
                let stage = stage.clone();
                plan.targets.insert(domain.clone(), Target { stage, by });
            }
            Change::Target(domain, None) => {
                plan.targets.shift_remove(domain);
            }
            Change::TargetBy(domain, by) => {
                if let Some(t) = plan.targets.get_mut(domain) {
                    t.by = *by;
                }
            }
            Change::Review(review) => plan.review = *review,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Ask {
    Owner(usize, usize),
    Due(usize, usize),
    Target(usize),
    TargetBy(usize),
    Review,
}

impl Agenda {
    /// Every question in order, with its index.
    fn questions(&self) -> Vec<(usize, Ask)> {
        let steps = self
            .domains
            .iter()
            .enumerate()
            .flat_map(|(d, domain)| (0..domain.steps.len()).flat_map(move |s| [Ask::Owner(d, s), Ask::Due(d, s)]));
        let targets = (0..self.domains.len()).flat_map(|d| [Ask::Target(d), Ask::TargetBy(d)]);
        steps.chain(targets).chain([Ask::Review]).enumerate().collect()
    }

    /// What a question asks, of which action or domain (`owner
    /// networks.buddy`): kept when a session stops, so the next one finds
    /// the question even when steps were added or done meanwhile.
    fn key(&self, q: Ask) -> String {
        let (what, of) = match q {
            Ask::Owner(d, s) => ("owner", &self.domains[d].steps[s].action),
            Ask::Due(d, s) => ("due", &self.domains[d].steps[s].action),
            Ask::Target(d) => ("target", &self.domains[d].id),
            Ask::TargetBy(d) => ("target-date", &self.domains[d].id),
            Ask::Review => return "review".into(),
        };
        format!("{what} {of}")
    }

    /// The index of the question `key` names, if this agenda asks it.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.questions().into_iter().position(|(_, q)| self.key(q) == key)
    }

    /// A stage's name (its id when the framework has no such stage).
    pub fn stage_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.stages.iter().find(|(s, _)| s == id).map_or(id, |(_, name)| name)
    }

    /// The targets offered for `domain`, by stage id (`None`: no target):
    /// the one set `now` first, then no target and the stages from the one
    /// it works in. True when `now` would not be offered otherwise.
    fn offers<'a>(&'a self, domain: &Domain, now: Option<&'a str>) -> (Vec<Option<&'a str>>, bool) {
        let stages = self.stages.iter().skip(domain.rank).map(|(id, _)| Some(id.as_str()));
        let mut ids: Vec<Option<&str>> = std::iter::once(None).chain(stages).collect();
        let at = ids.iter().position(|id| *id == now);
        let first = at.map_or(now, |at| ids.remove(at));
        ids.insert(0, first);
        (ids, at.is_none())
    }
}

/// Asks every question from index `from` on, starting from `plan`. Before
/// each, `at` is given the question's key (to keep, so a stopped session
/// carries on there) and returns the plan as it is now, so a colleague's
/// change is seen; `save` keeps each confirmed change and may tell of it.
pub fn edit<P: Prompter, E>(
    agenda: &Agenda,
    mut plan: Plan,
    from: usize,
    prompter: &mut P,
    mut at: impl FnMut(&str) -> Result<Plan, E>,
    mut save: impl FnMut(&mut P, &Change) -> Result<(), E>,
) -> Result<(), WalkError<E>> {
    let questions = agenda.questions();
    let count = questions.len();
    // A target date is asked only when there is a target.
    let applies = |plan: &Plan, (_, q)| match q {
        Ask::TargetBy(d) => plan.targets.contains_key(&agenda.domains[d].id),
        _ => true,
    };
    in_turn(&questions, from, &mut plan, prompter, applies, |plan, p, (i, q)| {
        *plan = at(&agenda.key(q)).map_err(WalkError::Save)?;
        let reply = ask(agenda, plan, p, (i + 1, count), q).map_err(WalkError::Stopped)?;
        if let Reply::Given(Some(change)) = &reply {
            save(p, change).map_err(WalkError::Save)?;
            change.apply(plan);
        }
        Ok(reply.map(|_| ()))
    })
}

/// Asks question `q` (number `n.0` of `n.1`): `Given(None)` keeps what is there.
fn ask<P: Prompter>(
    a: &Agenda,
    plan: &Plan,
    p: &mut P,
    (number, count): (usize, usize),
    q: Ask,
) -> Result<Reply<Option<Change>>, Stop> {
    let line = |field, now: String| LineQuestion {
        number,
        count,
        field,
        now,
        rejected: None,
    };
    let shown = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(match q {
        Ask::Owner(d, s) | Ask::Due(d, s) => {
            let (domain, step) = (&a.domains[d], &a.domains[d].steps[s]);
            let now = plan.actions.get(&step.action).cloned().unwrap_or_default();
            let id = step.action.clone();
            if let Ask::Owner(..) = q {
                let question = line(Field::Owner(domain, step), now.owner.clone().unwrap_or_default());
                let typed = read_line(p, question, now.owner.clone(), |t| Some(t.to_string()))?;
                typed.map(|o| changed(o, now.owner, |o| Change::Owner(id, o)))
            } else {
                let typed = read_line(p, line(Field::Due(domain, step), shown(now.due)), now.due, date)?;
                typed.map(|due| changed(due, now.due, |due| Change::Due(id, due)))
            }
        }
        Ask::Target(d) => {
            let domain = &a.domains[d];
            let now = plan.targets.get(&domain.id).map(|t| t.stage.as_str());
            let (ids, as_set) = a.offers(domain, now);
            let items = ids.iter().map(|id| id.map(|id| a.stage_name(id))).collect();
            let q = TargetQuestion {
                number,
                count,
                domain,
                items,
                as_set,
            };
            p.target(&q)?
                .map(|i| changed(ids[i], now, |s| Change::Target(domain.id.clone(), s.map(String::from))))
        }
        Ask::TargetBy(d) => {
            let domain = &a.domains[d];
            // A colleague may have just removed the target this date is for.
            let Some(target) = plan.targets.get(&domain.id) else {
                return Ok(Reply::Given(None));
            };
            let field = Field::TargetBy(domain, a.stage_name(&target.stage));
            let typed = read_line(p, line(field, shown(target.by)), target.by, date)?;
            typed.map(|by| changed(by, target.by, |by| Change::TargetBy(domain.id.clone(), by)))
        }
        Ask::Review => {
            let now = match plan.review {
                Some(Review::On(d)) => d.to_string(),
                Some(Review::EveryMonths(n)) => n.to_string(),
                None => String::new(),
            };
            let typed = read_line(p, line(Field::Review, now), plan.review, review)?;
            typed.map(|r| changed(r, plan.review, Change::Review))
        }
    })
}

/// The change from `now` to `new`, if it is one.
fn changed<T: PartialEq>(new: Option<T>, now: Option<T>, change: impl FnOnce(Option<T>) -> Change) -> Option<Change> {
    (new != now).then(|| change(new))
}

/// Asks `q` until what is typed means something (see [`meaning`]).
fn read_line<T: Clone, P: Prompter>(
    p: &mut P,
    mut q: LineQuestion,
    now: Option<T>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Reply<Option<T>>, Stop> {
    loop {
        let Reply::Given(typed) = p.line(&q)? else {
            return Ok(Reply::Back);
        };
        match meaning(&typed, &q.now, now.clone(), &parse) {
            Some(value) => return Ok(Reply::Given(value)),
            None => q.rejected = Some(typed.trim().to_string()),
        }
    }
}

/// The value a typed line gives, for a value `now` shown as `shown`: Enter
/// (or the same text) keeps it, `-` clears it, anything else is `parse`d;
/// `None` when that fails.
fn meaning<T>(typed: &str, shown: &str, now: Option<T>, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    match typed.trim() {
        t if t.is_empty() || t == shown => Some(now),
        "-" => Some(None),
        t => parse(t).map(Some),
    }
}

fn date(text: &str) -> Option<Date> {
    text.parse().ok()
}

/// A number of months from 1 to 120, or a date.
fn review(text: &str) -> Option<Review> {
    let months = text.parse::<u32>().ok().filter(|n| (1..=120).contains(n));
    months.map(Review::EveryMonths).or_else(|| date(text).map(Review::On))
}
