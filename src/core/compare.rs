//! What changed between two sets of answers: each domain's stage, its progress inside a stage, and
//! each answer, with the slips (In place then, not now) and gains (In place now, not then) decided
//! here.

use serde::{Serialize, Serializer};
use std::cmp::Ordering;

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;
use crate::core::stage::{self, Position};

/// How a domain moved between two assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// The earlier assessment had no answer in this domain; the later one has.
    New,
    /// Same stage.
    Same,
    /// Moved forward from this position.
    Up(Position),
    /// Moved back from this position.
    Down(Position),
}

impl Movement {
    /// `up`, `down`, `same` or `new`: how JSON names it.
    pub fn key(self) -> &'static str {
        match self {
            Movement::New => "new",
            Movement::Same => "same",
            Movement::Up(_) => "up",
            Movement::Down(_) => "down",
        }
    }
}

impl Serialize for Movement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// As it is written: one of its keys.
impl schemars::JsonSchema for Movement {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Movement".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let position = Position::Complete;
        let keys = [
            Movement::Up(position),
            Movement::Down(position),
            Movement::Same,
            Movement::New,
        ]
        .map(Movement::key);
        schemars::json_schema!({
            "description": "How a domain moved: `up` to a later stage, `down` to an earlier one, \
                `same`, or `new` (no answers in it before).",
            "type": "string",
            "enum": keys
        })
    }
}

/// One domain, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainChange {
    /// Index of the domain in the framework.
    pub domain: usize,
    /// Where it stood before (`None`: no answer in it then).
    pub before: Option<Position>,
    /// Where it stands now.
    pub after: Position,
    /// How it moved.
    pub movement: Movement,
    /// Within the same stage, when its progress moved: in place and applicable then, and now.
    pub progress: Option<[usize; 4]>,
    /// How many of its actions slipped (In place then, not now), among the same people.
    pub slipped: usize,
    /// It moved only because of who answered (see [`compare_rounds`]).
    pub by_who: bool,
}

/// One action whose answer differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionChange {
    /// Index of the domain in the framework.
    pub domain: usize,
    /// Index of the action within its domain.
    pub action: usize,
    /// The earlier answer (`None`: not asked then, e.g. a new action).
    pub before: Option<Answer>,
    /// The later answer.
    pub after: Option<Answer>,
    /// The change comes only from who answered (someone answered one of two rounds): over the
    /// people who answered both, the answer is the same. Never a slip or a gain.
    pub by_who: bool,
}

impl ActionChange {
    /// In place then and not now, among the same people.
    pub fn slipped(&self) -> bool {
        self.before == Some(Answer::InPlace) && self.after != Some(Answer::InPlace) && !self.by_who
    }

    /// In place now and not then, among the same people.
    pub fn gained(&self) -> bool {
        self.after == Some(Answer::InPlace) && self.before != Some(Answer::InPlace) && !self.by_who
    }
}

/// Everything that changed from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Every domain, in framework order.
    pub domains: Vec<DomainChange>,
    /// The actions whose answer changed, in framework order (ids the framework lacks are not
    /// compared).
    pub actions: Vec<ActionChange>,
}

impl Comparison {
    /// True when no stage and no answer changed.
    pub fn is_unchanged(&self) -> bool {
        self.actions.is_empty() && self.domains.iter().all(|d| d.movement == Movement::Same)
    }

    /// The actions that slipped, in framework order.
    pub fn slipped(&self) -> impl Iterator<Item = &ActionChange> {
        self.actions.iter().filter(|c| c.slipped())
    }

    /// The actions newly in place, in framework order.
    pub fn gained(&self) -> impl Iterator<Item = &ActionChange> {
        self.actions.iter().filter(|c| c.gained())
    }
}

/// Compares two rounds as each stood, so every view shows each the same; `both`, when someone
/// answered only one of them, are the two rounds' answers over the people who answered both
/// ("like with like"). A change that is no change over them comes only from who answered: it is
/// marked, and is never a slip or a gain, so an absence or a newcomer never shows as one.
pub fn compare_rounds(
    framework: &Framework,
    (before, after): (&Assessment, &Assessment),
    both: Option<(&Assessment, &Assessment)>,
) -> Comparison {
    let mut full = compare(framework, before, after);
    let Some((b, a)) = both else {
        return full;
    };
    let over_both = compare(framework, b, a);
    for c in &mut full.actions {
        c.by_who = !over_both
            .actions
            .iter()
            .any(|x| (x.domain, x.action) == (c.domain, c.action));
    }
    for (d, change) in full.domains.iter_mut().enumerate() {
        change.by_who =
            change.movement != Movement::Same && over_both.domains[d].movement == Movement::Same;
        change.slipped = full
            .actions
            .iter()
            .filter(|c| c.domain == d && c.slipped())
            .count();
    }
    full
}

/// Compares two assessments under `framework`.
pub fn compare(framework: &Framework, before: &Assessment, after: &Assessment) -> Comparison {
    let mut actions = Vec::new();
    for (d, domain) in framework.domains.iter().enumerate() {
        for (i, action) in domain.actions.iter().enumerate() {
            let (b, a) = (before.answer(&action.id), after.answer(&action.id));
            if b != a {
                actions.push(ActionChange {
                    by_who: false,
                    domain: d,
                    action: i,
                    before: b,
                    after: a,
                });
            }
        }
    }
    let domains = (0..framework.domains.len())
        .map(|d| {
            let status = |a: &Assessment| stage::domain_status(framework, d, |id| a.answer(id));
            let (then, now) = (status(before), status(after));
            let slipped = actions
                .iter()
                .filter(|c| c.domain == d && c.slipped())
                .count();
            let answered = |a: &Assessment| {
                framework.domains[d]
                    .actions
                    .iter()
                    .any(|x| a.answers.contains_key(&x.id))
            };
            let new = !answered(before) && answered(after);
            let movement = match then.position.cmp(&now.position) {
                _ if new => Movement::New,
                Ordering::Equal => Movement::Same,
                Ordering::Less => Movement::Up(then.position),
                Ordering::Greater => Movement::Down(then.position),
            };
            let progress = match (movement, now.position) {
                (Movement::Same, Position::Working(s)) if then.stages[s] != now.stages[s] => {
                    let (was, is) = (then.stages[s], now.stages[s]);
                    Some([was.in_place, was.applicable, is.in_place, is.applicable])
                }
                _ => None,
            };
            let was = (!new).then_some(then.position);
            DomainChange {
                domain: d,
                before: was,
                after: now.position,
                movement,
                progress,
                slipped,
                by_who: false,
            }
        })
        .collect();
    Comparison { domains, actions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::grid;
    use Answer::*;

    fn with(f: &Framework, answers: &[(&str, Answer)]) -> Assessment {
        let mut a = Assessment::new(f, jiff::Timestamp::UNIX_EPOCH);
        for (id, ans) in answers {
            a.answers.insert(id.to_string(), *ans);
        }
        a
    }

    #[test]
    fn a_domain_that_moves_forward_is_up_from_its_old_stage() {
        let f = grid(3, 2);
        let before = with(&f, &[("d0.a0", NotYet), ("d1.a0", NotYet)]);
        let after = with(&f, &[("d0.a0", InPlace), ("d1.a0", NotYet)]);
        let c = compare(&f, &before, &after);
        assert_eq!(c.domains[0].movement, Movement::Up(Position::Working(0)));
        assert_eq!(c.domains[0].after, Position::Working(1));
        assert_eq!(c.domains[1].movement, Movement::Same);
        assert_eq!(
            c.actions,
            vec![ActionChange {
                domain: 0,
                action: 0,
                before: Some(NotYet),
                after: Some(InPlace),
                by_who: false,
            }]
        );
        assert!(!c.is_unchanged());
    }

    #[test]
    fn a_step_back_is_down() {
        let f = grid(2, 1);
        let before = with(&f, &[("d0.a0", InPlace), ("d0.a1", InPlace)]);
        let after = with(&f, &[("d0.a0", InPlace), ("d0.a1", InProgress)]);
        let c = compare(&f, &before, &after);
        assert_eq!(c.domains[0].movement, Movement::Down(Position::Complete));
        assert_eq!(c.domains[0].slipped, 1);
        assert_eq!(c.slipped().count(), 1);
    }

    #[test]
    fn a_domain_unanswered_before_is_new_and_new_actions_are_changes() {
        let f = grid(1, 2);
        let before = with(&f, &[("d0.a0", InPlace)]);
        let after = with(&f, &[("d0.a0", InPlace), ("d1.a0", NotYet)]);
        let c = compare(&f, &before, &after);
        assert_eq!(c.domains[1].movement, Movement::New);
        assert_eq!(c.domains[1].before, None);
        assert_eq!(c.actions.len(), 1);
        assert_eq!(c.actions[0].before, None);
    }

    #[test]
    fn answers_to_ids_the_framework_no_longer_has_are_ignored() {
        let f = grid(1, 1);
        let before = with(&f, &[("d0.a0", InPlace), ("removed", NotYet)]);
        let after = with(&f, &[("d0.a0", InPlace), ("removed", InPlace)]);
        assert!(compare(&f, &before, &after).is_unchanged());
    }

    #[test]
    fn identical_assessments_are_unchanged() {
        let f = grid(3, 3);
        let a = with(&f, &[("d0.a0", InPlace), ("d2.a1", NotApplicable)]);
        assert!(compare(&f, &a, &a.clone()).is_unchanged());
    }

    #[test]
    fn progress_inside_a_stage_and_slips_and_gains_are_decided_here() {
        // One stage of three actions: 1/3 then 2/3, one of them slipping.
        let yaml = "id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n  - \
            {id: s0, name: First}\ndomains:\n  - id: d\n    name: D\n    actions:\n      - \
            {id: a, stage: s0, text: A}\n      - {id: b, stage: s0, text: B}\n      - \
            {id: c, stage: s0, text: C}\n";
        let f = crate::core::framework::from_yaml(yaml).unwrap();
        let before = with(&f, &[("a", InPlace), ("b", NotYet), ("c", NotYet)]);
        let after = with(&f, &[("a", InProgress), ("b", InPlace), ("c", InPlace)]);
        let c = compare(&f, &before, &after);
        assert_eq!(c.domains[0].movement, Movement::Same);
        assert_eq!(c.domains[0].progress, Some([1, 3, 2, 3]));
        assert_eq!(c.domains[0].slipped, 1);
        assert_eq!(c.slipped().map(|x| x.action).collect::<Vec<_>>(), [0]);
        assert_eq!(c.gained().map(|x| x.action).collect::<Vec<_>>(), [1, 2]);
    }
}
