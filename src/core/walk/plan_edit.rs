//! `plan edit`'s questions on the walk's engine: each next step's owner and due date, then each
//! domain's target stage and date, then the next review. Enter keeps a value, `-` clears it, a
//! date that is not one is asked again, Esc goes back to the previous question that applies.

use jiff::Timestamp;
use jiff::civil::Date;

use super::{Prompter, Reply, Stop, WalkError, in_turn};
use crate::core::answers::Answer;
use crate::core::answers::plan::{Plan, REVIEW_MONTHS, Review, Target};
use crate::core::framework::{COMPLETE_ID, Framework};
use crate::core::planning::Overview;
use crate::core::stage::Position;
use crate::core::time::{DayProblem, RejectedDay, parse_day};

/// What `plan edit` goes through: the plan's domains still working through a stage, in order, and
/// the stages a target can name; read from the core's [`Overview`] of the plan.
#[derive(Debug, Clone, Default)]
pub struct PlanOutline {
    /// The domains.
    pub domains: Vec<OutlineDomain>,
    /// The stages, `(id, name)`, complete last.
    pub stages: Vec<(String, String)>,
}

/// A domain of the plan.
#[derive(Debug, Clone, Default)]
pub struct OutlineDomain {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The name and rank (0: the first) of the stage it works in; targets are offered from it on.
    pub stage: (String, usize),
    /// Its next steps: action id, text, answer (`None`: not answered).
    pub steps: Vec<(String, String, Option<Answer>)>,
}

/// A question of `plan edit`, by indices into the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Who owns step `.1` of domain `.0`.
    Owner(usize, usize),
    /// When that step is due.
    Due(usize, usize),
    /// Which stage domain `.0` should reach.
    Target(usize),
    /// By when it should reach its target.
    TargetBy(usize),
    /// When the team reviews next: a date, or months after the latest round.
    Review,
}

/// A question as the prompter is given it.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    /// What is asked.
    pub ask: Ask,
    /// Its 1-based number, and how many questions there are.
    pub number: (usize, usize),
    /// What `plan edit` goes through.
    pub agenda: &'a PlanOutline,
    /// The plan as it is now.
    pub plan: &'a Plan,
    /// The value now, as it would be typed (empty: none).
    pub now: String,
    /// What was typed last, when it meant nothing (so it is asked again).
    pub rejected: Option<RejectedDay>,
}

/// A confirmed change to the plan, by action or domain id.
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
    /// Makes the change in `plan`, dated `now`.
    pub fn apply(&self, plan: &mut Plan, now: Timestamp) {
        let step = |id: &String| plan.step(id).cloned().unwrap_or_default();
        let target = |d: &String| {
            plan.target(d).cloned().unwrap_or(Target {
                stage: None,
                by: None,
                set_at: None,
            })
        };
        match self {
            Change::Owner(id, owner) => plan.set_step(id, owner.clone(), step(id).due, now),
            Change::Due(id, due) => plan.set_step(id, step(id).owner, *due, now),
            Change::Target(d, stage) => plan.set_target(d, stage.clone(), target(d).by, now),
            Change::TargetBy(d, by) => plan.set_target(d, target(d).stage, *by, now),
            Change::Review(review) => plan.set_review(*review, now),
        }
    }
}

impl PlanOutline {
    /// The outline of `overview`: each domain not yet complete with its open steps.
    pub fn new(framework: &Framework, overview: &Overview) -> PlanOutline {
        let domains = overview.domains.iter().filter_map(|d| {
            let Position::Working(_) = d.status.position else {
                return None;
            };
            let domain = &framework.domains[d.domain];
            let steps = d.open.iter().map(|s| {
                let a = &domain.actions[s.action];
                (a.id.clone(), a.text.clone(), s.answer)
            });
            Some(OutlineDomain {
                id: domain.id.clone(),
                name: domain.name.clone(),
                stage: (
                    d.status.position.name(framework).to_string(),
                    d.status.position.rank(framework.stages.len()),
                ),
                steps: steps.collect(),
            })
        });
        let stages = framework
            .stages
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()));
        let complete = (COMPLETE_ID.to_string(), framework.completion_label.clone());
        PlanOutline {
            domains: domains.collect(),
            stages: stages.chain([complete]).collect(),
        }
    }

    /// Every question in order, with its index.
    fn questions(&self) -> Vec<(usize, Ask)> {
        let steps = self.domains.iter().enumerate();
        let steps = steps.flat_map(|(d, dom)| {
            (0..dom.steps.len()).flat_map(move |s| [Ask::Owner(d, s), Ask::Due(d, s)])
        });
        let targets = (0..self.domains.len()).flat_map(|d| [Ask::Target(d), Ask::TargetBy(d)]);
        steps
            .chain(targets)
            .chain([Ask::Review])
            .enumerate()
            .collect()
    }

    /// What a question asks of which action or domain (`owner networks.buddy`): kept when a session
    /// stops, so the next finds the question even when steps were added or done meanwhile.
    fn key(&self, q: Ask) -> String {
        match q {
            Ask::Owner(d, s) => format!("owner {}", self.domains[d].steps[s].0),
            Ask::Due(d, s) => format!("due {}", self.domains[d].steps[s].0),
            Ask::Target(d) => format!("target {}", self.domains[d].id),
            Ask::TargetBy(d) => format!("target-date {}", self.domains[d].id),
            Ask::Review => "review".into(),
        }
    }

    /// The index of the question `key` names, if this agenda asks it.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.questions()
            .into_iter()
            .position(|(_, q)| self.key(q) == key)
    }

    /// A stage's name (its id when the framework has no such stage).
    pub fn stage_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.stages
            .iter()
            .find(|(s, _)| s == id)
            .map_or(id, |(_, name)| name)
    }

    /// The targets offered for domain `d` by stage id (`None`: no target): the one set now first,
    /// so Enter keeps it, then no target and the stages from the one it works in. True when the one
    /// set now is not among those (a stage passed, or one the framework does not have).
    pub fn offers<'a>(&'a self, d: usize, plan: &'a Plan) -> (Vec<Option<&'a str>>, bool) {
        // `complete`, as older files write it, is the last stage met.
        let last = self.stages.last().map(|(id, _)| id.as_str());
        let now = plan
            .target(&self.domains[d].id)
            .and_then(|t| t.stage.as_deref())
            .map(|s| {
                if s == COMPLETE_ID {
                    last.unwrap_or(s)
                } else {
                    s
                }
            });
        let stages = self.stages.iter().skip(self.domains[d].stage.1);
        let mut ids: Vec<Option<&str>> = std::iter::once(None)
            .chain(stages.map(|(id, _)| Some(id.as_str())))
            .collect();
        let at = ids.iter().position(|id| *id == now);
        let first = at.map_or(now, |at| ids.remove(at));
        ids.insert(0, first);
        (ids, at.is_none())
    }
}

/// Asks every question from index `from` on, starting from `plan`. Before each, `at` is given the
/// question's key (kept, so a stopped session carries on there) and returns the plan as it is now,
/// so a colleague's change is seen; `save` keeps each confirmed change and may say so.
pub fn edit<P: Prompter, E>(
    agenda: &PlanOutline,
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
        Ask::TargetBy(d) => plan.target(&agenda.domains[d].id).is_some(),
        _ => true,
    };
    in_turn(
        &questions,
        from,
        &mut plan,
        prompter,
        applies,
        |plan, p, (i, ask)| {
            *plan = at(&agenda.key(ask)).map_err(WalkError::Save)?;
            let q = Question {
                ask,
                number: (i + 1, count),
                agenda,
                plan,
                now: String::new(),
                rejected: None,
            };
            let reply = ask_one(q, p).map_err(WalkError::Stopped)?;
            if let Reply::Given(Some(change)) = &reply {
                save(p, change).map_err(WalkError::Save)?;
                // The file has it now; the next question reads it back.
                change.apply(plan, plan.review_set_at.unwrap_or(Timestamp::UNIX_EPOCH));
            }
            Ok(reply.map(|_| ()))
        },
    )
}

/// Asks `q`: `Given(None)` keeps what is there.
fn ask_one<P: Prompter>(q: Question, p: &mut P) -> Result<Reply<Option<Change>>, Stop> {
    let (domains, plan) = (&q.agenda.domains, q.plan);
    let step = |d: usize, s: usize| {
        (
            &domains[d].steps[s].0,
            plan.actions.get(&domains[d].steps[s].0),
        )
    };
    let shown = |d: Option<Date>| d.map(|d| d.to_string());
    Ok(match q.ask {
        Ask::Owner(d, s) => {
            let (id, now) = step(d, s);
            let now = now.and_then(|s| s.owner.clone());
            read_line(
                p,
                q,
                now.clone(),
                now,
                |t| Ok(t.to_string()),
                |o| Change::Owner(id.clone(), o),
            )?
        }
        Ask::Due(d, s) => {
            let (id, now) = step(d, s);
            let now = now.and_then(|s| s.due);
            read_line(p, q, shown(now), now, parse_day, |due| {
                Change::Due(id.clone(), due)
            })?
        }
        Ask::Target(d) => {
            let (ids, _) = q.agenda.offers(d, plan);
            let id = &domains[d].id;
            let now = ids[0];
            let change = |i: usize| {
                (ids[i] != now).then(|| Change::Target(id.clone(), ids[i].map(String::from)))
            };
            p.target(&q)?.map(change)
        }
        Ask::TargetBy(d) => {
            let id = &domains[d].id;
            // A colleague may have just removed the target this date is for.
            let Some(now) = plan.target(id).map(|t| t.by) else {
                return Ok(Reply::Given(None));
            };
            read_line(p, q, shown(now), now, parse_day, |by| {
                Change::TargetBy(id.clone(), by)
            })?
        }
        Ask::Review => {
            let shown = plan.review.map(|r| match r {
                Review::On(d) => d.to_string(),
                Review::EveryMonths(n) => n.to_string(),
            });
            read_line(p, q, shown, plan.review, review, Change::Review)?
        }
    })
}

/// Asks `q` (the value now shown as `shown`) until what is typed has a [`meaning`]; the change, if
/// any.
fn read_line<T: Clone + PartialEq, P: Prompter>(
    p: &mut P,
    mut q: Question,
    shown: Option<String>,
    now: Option<T>,
    parse: impl Fn(&str) -> Result<T, DayProblem>,
    change: impl FnOnce(Option<T>) -> Change,
) -> Result<Reply<Option<Change>>, Stop> {
    q.now = shown.unwrap_or_default();
    loop {
        let Reply::Given(typed) = p.line(&q)? else {
            return Ok(Reply::Back);
        };
        match meaning(&typed, &q.now, now.clone(), &parse) {
            Ok(new) => return Ok(Reply::Given((new != now).then(|| change(new)))),
            Err(problem) => {
                q.rejected = Some(RejectedDay {
                    typed: typed.trim().to_string(),
                    problem,
                })
            }
        }
    }
}

/// The value a typed line gives for a value `now` shown as `shown`: Enter (or the same text) keeps
/// it, `-` clears it, anything else is `parse`d; why not, when that fails.
fn meaning<T>(
    typed: &str,
    shown: &str,
    now: Option<T>,
    parse: impl Fn(&str) -> Result<T, DayProblem>,
) -> Result<Option<T>, DayProblem> {
    match typed.trim() {
        t if t.is_empty() || t == shown => Ok(now),
        "-" => Ok(None),
        t => parse(t).map(Some),
    }
}

/// A number of months reviews may be set apart ([`REVIEW_MONTHS`]), or a day.
fn review(text: &str) -> Result<Review, DayProblem> {
    let months = text
        .parse::<u32>()
        .ok()
        .filter(|n| REVIEW_MONTHS.contains(n));
    match months {
        Some(n) => Ok(Review::EveryMonths(n)),
        None => parse_day(text).map(Review::On),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{Scripted, ScriptedPrompter};
    use Scripted::{Back, Choose, Type};
    use std::cell::RefCell;

    /// Two domains working in the first of two stages: `a` with steps a.1
    /// and a.2, `b` with step b.1. Questions: 1-4 a.1/a.2 owner and due, 5-6
    /// b.1, 7-8 a's target and date, 9-10 b's, 11 the review.
    fn agenda() -> PlanOutline {
        let step = |id: &str| (id.to_string(), format!("Do {id}"), None);
        let domain = |id: &str, steps: Vec<(String, String, Option<Answer>)>| OutlineDomain {
            id: id.into(),
            name: id.to_uppercase(),
            stage: ("One".into(), 0),
            steps,
        };
        PlanOutline {
            domains: vec![
                domain("a", vec![step("a.1"), step("a.2")]),
                domain("b", vec![step("b.1")]),
            ],
            stages: [("s1", "One"), ("s2", "Two"), ("complete", "Done")]
                .map(|(id, name)| (id.to_string(), name.to_string()))
                .into(),
        }
    }

    #[test]
    fn the_outline_is_the_overviews_domains_still_working_with_their_open_steps() {
        let f = crate::tests::grid(2, 2);
        let mut a = crate::core::answers::Assessment::new(&f, Timestamp::UNIX_EPOCH);
        for id in ["d0.a0", "d0.a1"] {
            a.answers.insert(id.into(), Answer::InPlace);
        }
        a.answers.insert("d1.a0".into(), Answer::InProgress);
        let journey = [(Timestamp::UNIX_EPOCH, &a)];
        let standing = crate::core::planning::Basis {
            answers: &a,
            record: None,
            over_time: &journey,
            evidence: &[],
            today: jiff::civil::date(2027, 1, 1),
        };
        let plan = Plan::default();
        let overview = crate::core::planning::overview(&f, &plan, standing, &[]);
        let outline = PlanOutline::new(&f, &overview);
        assert_eq!(outline.domains.len(), 1, "d0 has every stage met");
        let d1 = &outline.domains[0];
        assert_eq!(
            (d1.id.as_str(), &d1.stage),
            ("d1", &("Stage 0".to_string(), 0))
        );
        let steps: Vec<(&str, Option<Answer>)> = d1
            .steps
            .iter()
            .map(|(id, _, x)| (id.as_str(), *x))
            .collect();
        assert_eq!(steps, [("d1.a0", Some(Answer::InProgress))]);
        let ids: Vec<&str> = outline.stages.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["s0", "s1", COMPLETE_ID], "complete last");
    }

    fn typed(text: &str) -> Scripted {
        Type(text.into())
    }

    struct Session {
        result: Result<(), WalkError<()>>,
        plan: Plan,
        saved: Vec<Change>,
        keys: Vec<String>,
        asked: Vec<String>,
        rejected: Vec<RejectedDay>,
    }

    /// Runs plan edit from question `from` on `plan`, as saved in a file.
    fn edit_from(plan: Plan, from: usize, script: impl IntoIterator<Item = Scripted>) -> Session {
        let (file, saved, keys) = (
            RefCell::new(plan),
            RefCell::new(Vec::new()),
            RefCell::new(Vec::new()),
        );
        let mut p = ScriptedPrompter::new(script);
        let start = file.borrow().clone();
        let result = edit(
            &agenda(),
            start,
            from,
            &mut p,
            |key| {
                keys.borrow_mut().push(key.to_string());
                Ok(file.borrow().clone())
            },
            |_, change| {
                change.apply(&mut file.borrow_mut(), Timestamp::UNIX_EPOCH);
                saved.borrow_mut().push(change.clone());
                Ok(())
            },
        );
        Session {
            result,
            plan: file.into_inner(),
            saved: saved.into_inner(),
            keys: keys.into_inner(),
            asked: p.asked,
            rejected: p.rejected,
        }
    }

    fn keep_everything() -> Vec<Scripted> {
        let mut script = vec![typed(""); 6];
        script.extend([Choose(0), Choose(0), typed("")]);
        script
    }

    #[test]
    fn enter_on_every_question_changes_nothing_and_no_target_means_no_target_date() {
        let s = edit_from(Plan::default(), 0, keep_everything());
        assert!(s.result.is_ok());
        assert!(s.saved.is_empty());
        assert_eq!(
            s.asked,
            [
                "owner 1 []",
                "due 2 []",
                "owner 3 []",
                "due 4 []",
                "owner 5 []",
                "due 6 []",
                "target 7",
                "target 9",
                "review 11 []"
            ]
        );
    }

    #[test]
    fn a_typed_value_is_saved_at_once_and_a_dash_clears_it() {
        let mut plan = Plan::default();
        Change::Owner("a.2".into(), Some("Sam".into())).apply(&mut plan, Timestamp::UNIX_EPOCH);
        let mut script = vec![typed(" Priya "), typed("2026-10-01"), typed("-")];
        script.extend([
            typed(""),
            typed(""),
            typed(""),
            Choose(0),
            Choose(0),
            typed("6"),
        ]);
        let s = edit_from(plan, 0, script);
        assert!(s.result.is_ok());
        assert_eq!(s.asked[2], "owner 3 [Sam]", "the value now is shown");
        assert_eq!(
            s.saved,
            [
                Change::Owner("a.1".into(), Some("Priya".into())),
                Change::Due("a.1".into(), Some(jiff::civil::date(2026, 10, 1))),
                Change::Owner("a.2".into(), None),
                Change::Review(Some(Review::EveryMonths(6))),
            ]
        );
        assert_eq!(
            s.plan.actions["a.1"].owner.as_deref(),
            Some("Priya"),
            "typed text is trimmed"
        );
        assert!(
            s.plan.step("a.2").is_none(),
            "a step with neither owner nor date goes (kept as a dated removal)"
        );
    }

    #[test]
    fn a_date_that_is_not_one_is_asked_again_and_what_was_typed_is_said() {
        let s = edit_from(
            Plan::default(),
            1,
            [typed("2026-02-30"), typed("soon"), typed("2026-03-01")],
        );
        assert_eq!(
            s.asked,
            ["due 2 []", "due 2 [] again", "due 2 [] again", "owner 3 []"]
        );
        assert_eq!(
            s.saved,
            [Change::Due(
                "a.1".into(),
                Some(jiff::civil::date(2026, 3, 1))
            )]
        );
    }

    #[test]
    fn choosing_a_target_asks_its_date_and_esc_from_there_goes_back_to_it() {
        let script = [Choose(2), Back, Choose(0), typed("2027-01-31"), Back];
        let s = edit_from(Plan::default(), 6, script);
        assert_eq!(
            s.asked,
            [
                "target 7",
                "target date 8 []",
                "target 7",
                "target date 8 []",
                "target 9",
                "target date 8 [2027-01-31]"
            ]
        );
        assert_eq!(
            s.plan.targets["a"].stage.as_deref(),
            Some("s2"),
            "Enter keeps the target just set"
        );
        assert_eq!(s.plan.targets["a"].by, Some(jiff::civil::date(2027, 1, 31)));
        assert!(matches!(
            s.result,
            Err(WalkError::Stopped(Stop::Interrupted))
        ));
    }

    #[test]
    fn esc_passes_over_a_target_date_that_does_not_apply_and_stays_on_the_first_question() {
        let s = edit_from(Plan::default(), 8, [Back, Back, Back]);
        assert_eq!(s.asked, ["target 9", "target 7", "due 6 []", "owner 5 []"]);
        let s = edit_from(Plan::default(), 0, [Back]);
        assert_eq!(s.asked, ["owner 1 []", "owner 1 []"]);
    }

    #[test]
    fn each_question_is_kept_by_its_key_and_a_changed_plan_still_finds_it() {
        let s = edit_from(Plan::default(), 4, [typed(""), typed(""), Choose(0)]);
        assert_eq!(s.keys, ["owner b.1", "due b.1", "target a", "target b"]);
        let mut fewer = agenda();
        fewer.domains[0].steps.remove(0);
        assert_eq!(
            fewer.position("due b.1"),
            Some(3),
            "a step done meanwhile moves it up"
        );
        assert_eq!(fewer.position("target-date a"), Some(5));
        assert_eq!(
            fewer.position("owner a.1"),
            None,
            "a question no longer asked"
        );
    }

    #[test]
    fn a_colleagues_change_is_seen_at_the_next_question() {
        let mut plan = Plan::default();
        Change::Owner("a.2".into(), Some("Kim".into()))
            .apply(&mut plan, jiff::Timestamp::UNIX_EPOCH);
        // The session started before Kim was named: each question re-reads the plan.
        let file = RefCell::new(plan);
        let mut p = ScriptedPrompter::new([typed("")]);
        let _ = edit(
            &agenda(),
            Plan::default(),
            2,
            &mut p,
            |_| Ok::<_, ()>(file.borrow().clone()),
            |_, _| Ok(()),
        );
        assert_eq!(p.asked[0], "owner 3 [Kim]");
    }

    #[test]
    fn the_target_set_now_is_offered_first_even_when_passed_or_unknown() {
        let mut a = agenda();
        a.domains[0].stage.1 = 1;
        let offers = |stage: Option<&str>| {
            let mut plan = Plan::default();
            Change::Target("a".into(), stage.map(String::from))
                .apply(&mut plan, jiff::Timestamp::UNIX_EPOCH);
            let (ids, as_set) = a.offers(0, &plan);
            (
                ids.into_iter()
                    .map(|id| id.map(String::from))
                    .collect::<Vec<_>>(),
                as_set,
            )
        };
        let ids = |list: &[Option<&str>]| {
            list.iter()
                .map(|id| id.map(String::from))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            offers(None),
            (ids(&[None, Some("s2"), Some("complete")]), false)
        );
        assert_eq!(
            offers(Some("complete")),
            (ids(&[Some("complete"), None, Some("s2")]), false)
        );
        assert_eq!(
            offers(Some("s1")),
            (ids(&[Some("s1"), None, Some("s2"), Some("complete")]), true),
            "a stage passed"
        );
        assert_eq!(
            a.stage_name("gone"),
            "gone",
            "a stage the framework lost keeps its id"
        );
    }

    #[test]
    fn what_a_typed_line_means() {
        let day = |t: &str| parse_day(t).unwrap();
        let now = Some(day("2026-09-03"));
        for (typed, means) in [
            ("", Ok(now)),
            ("  ", Ok(now)),
            ("2026-09-03", Ok(now)),
            ("-", Ok(None)),
            (" 2027-01-02 ", Ok(Some(day("2027-01-02")))),
            ("2026-13-01", Err(DayProblem::NotInCalendar)),
            ("next week", Err(DayProblem::NotADate)),
            ("0001-01-01", Err(DayProblem::OutOfRange)),
        ] {
            assert_eq!(
                meaning(typed, "2026-09-03", now, parse_day),
                means,
                "{typed:?}"
            );
        }
        assert_eq!(review("6"), Ok(Review::EveryMonths(6)));
        assert_eq!(review("2026-12-01"), Ok(Review::On(day("2026-12-01"))));
        assert_eq!(
            review("0"),
            Err(DayProblem::NotADate),
            "neither months nor a day"
        );
        assert_eq!(
            review("121"),
            Err(DayProblem::NotADate),
            "months run from 1 to 120"
        );
    }

    #[test]
    fn a_due_date_in_year_one_is_refused_as_plan_assign_refuses_it() {
        let s = edit_from(
            Plan::default(),
            1,
            [typed("0001-01-01"), typed("2027-01-31")],
        );
        assert_eq!(s.asked, ["due 2 []", "due 2 [] again", "owner 3 []"]);
        assert_eq!(
            s.rejected,
            [RejectedDay {
                typed: "0001-01-01".into(),
                problem: DayProblem::OutOfRange
            }],
            "the one rule for a typed day (core::time::parse_day), which the shell words as \
             it words --due"
        );
    }
}
