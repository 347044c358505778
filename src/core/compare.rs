//! What changed between two assessments: each domain's stage and each answer.

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
    /// `up`, `down`, `same` or `new`: how JSON and the views name it.
    pub fn key(self) -> &'static str {
        match self {
            Movement::New => "new",
            Movement::Same => "same",
            Movement::Up(_) => "up",
            Movement::Down(_) => "down",
        }
    }

    /// Where the domain stood before, when it moved.
    pub fn from(self) -> Option<Position> {
        match self {
            Movement::Up(p) | Movement::Down(p) => Some(p),
            Movement::New | Movement::Same => None,
        }
    }

    /// +1 forward, -1 back, 0 otherwise.
    pub fn direction(self) -> i8 {
        match self {
            Movement::Up(_) => 1,
            Movement::Down(_) => -1,
            _ => 0,
        }
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
}

/// Everything that changed from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Every domain, in framework order.
    pub domains: Vec<DomainChange>,
    /// The actions whose answer changed, in framework order. Answers to ids
    /// the framework does not have are not compared.
    pub actions: Vec<ActionChange>,
}

impl Comparison {
    /// True when no stage and no answer changed.
    pub fn is_unchanged(&self) -> bool {
        self.actions.is_empty() && self.domains.iter().all(|d| d.movement == Movement::Same)
    }
}

/// How one domain moved from `before` to `after`.
pub fn domain_change(framework: &Framework, domain: usize, before: &Assessment, after: &Assessment) -> DomainChange {
    let now = stage::domain_status(framework, domain, |id| after.answer(id)).position;
    let answered = |x: &Assessment| {
        framework.domains[domain]
            .actions
            .iter()
            .any(|a| x.answers.contains_key(&a.id))
    };
    if !answered(before) && answered(after) {
        return DomainChange {
            domain,
            before: None,
            after: now,
            movement: Movement::New,
        };
    }
    let then = stage::domain_status(framework, domain, |id| before.answer(id)).position;
    let movement = match then.cmp(&now) {
        std::cmp::Ordering::Equal => Movement::Same,
        std::cmp::Ordering::Less => Movement::Up(then),
        std::cmp::Ordering::Greater => Movement::Down(then),
    };
    DomainChange {
        domain,
        before: Some(then),
        after: now,
        movement,
    }
}

/// Compares two assessments under `framework`.
pub fn compare(framework: &Framework, before: &Assessment, after: &Assessment) -> Comparison {
    let domains = (0..framework.domains.len())
        .map(|d| domain_change(framework, d, before, after))
        .collect();
    let mut actions = Vec::new();
    for (d, domain) in framework.domains.iter().enumerate() {
        for (i, action) in domain.actions.iter().enumerate() {
            let (b, a) = (before.answer(&action.id), after.answer(&action.id));
            if b != a {
                actions.push(ActionChange {
                    domain: d,
                    action: i,
                    before: b,
                    after: a,
                });
            }
        }
    }
    Comparison { domains, actions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::grid;
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
                after: Some(InPlace)
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
        assert_eq!(c.domains[0].movement.direction(), -1);
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
}
