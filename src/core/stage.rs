//! The stage rule: which stage of the journey each domain has reached.
//!
//! A stage is *met* in a domain when every action of that stage that is not
//! "Not applicable" is "In place" (a stage with no applicable action is met).
//! A domain's stage is the first stage that is not met: the stage the team is
//! working in. A domain whose every stage is met shows the framework's
//! completion label. An action with no answer, or answered Don't know,
//! counts as not in place.

use serde::Serialize;

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::{COMPLETE_ID, Framework};

/// Where a domain stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Position {
    /// Working in this stage (index into the framework's stages).
    Working(usize),
    /// Every stage met.
    Complete,
}

impl Position {
    /// A number that grows with progress: the stage index, or the stage count when complete.
    pub fn rank(self, stage_count: usize) -> usize {
        match self {
            Position::Working(i) => i,
            Position::Complete => stage_count,
        }
    }

    /// The stage's name, or the completion label.
    pub fn name(self, framework: &Framework) -> &str {
        match self {
            Position::Working(i) => &framework.stages[i].name,
            Position::Complete => &framework.completion_label,
        }
    }

    /// The stage's id, or `complete`.
    pub fn id(self, framework: &Framework) -> &str {
        match self {
            Position::Working(i) => &framework.stages[i].id,
            Position::Complete => COMPLETE_ID,
        }
    }
}

/// How far one stage of one domain has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StageProgress {
    /// Actions answered "In place".
    pub in_place: usize,
    /// Actions not answered "Not applicable".
    pub applicable: usize,
}

impl StageProgress {
    /// Met when every applicable action is in place.
    pub fn is_met(self) -> bool {
        self.in_place == self.applicable
    }
}

/// One domain's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainStatus {
    /// Progress of each stage, in the framework's stage order.
    pub stages: Vec<StageProgress>,
    /// The stage the domain is working in, or complete.
    pub position: Position,
}

/// Applies the stage rule to one domain, given each action's answer.
pub fn domain_status(
    framework: &Framework,
    domain: usize,
    answer: impl Fn(&str) -> Option<Answer>,
) -> DomainStatus {
    let mut stages = vec![StageProgress::default(); framework.stages.len()];
    for action in &framework.domains[domain].actions {
        let (progress, given) = (&mut stages[action.stage_index], answer(&action.id));
        if given != Some(Answer::NotApplicable) {
            progress.applicable += 1;
            progress.in_place += usize::from(given == Some(Answer::InPlace));
        }
    }
    let position = stages
        .iter()
        .position(|s| !s.is_met())
        .map_or(Position::Complete, Position::Working);
    DomainStatus { stages, position }
}

/// Applies the stage rule to every domain of an assessment.
pub fn assess(framework: &Framework, assessment: &Assessment) -> Vec<DomainStatus> {
    (0..framework.domains.len())
        .map(|d| domain_status(framework, d, |id| assessment.answer(id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::grid;
    use Answer::*;

    /// Runs the rule on domain 0 of a framework with `answers` given per stage
    /// (each inner slice holds the answers of that stage's actions).
    #[track_caller]
    fn case(per_stage: &[&[Option<Answer>]], expect: Position, counts: &[(usize, usize)]) {
        let stages = per_stage.len();
        let mut yaml =
            String::from("id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n");
        for s in 0..stages {
            yaml += &format!("  - {{id: s{s}, name: S{s}}}\n");
        }
        yaml += "domains:\n  - id: d\n    name: D\n    actions:\n";
        let mut given = std::collections::HashMap::new();
        for (s, answers) in per_stage.iter().enumerate() {
            for (i, a) in answers.iter().enumerate() {
                yaml += &format!("      - {{id: a{s}-{i}, stage: s{s}, text: x}}\n");
                if let Some(a) = a {
                    given.insert(format!("a{s}-{i}"), *a);
                }
            }
        }
        let f = crate::core::framework::from_yaml(&yaml).unwrap();
        let status = domain_status(&f, 0, |id| given.get(id).copied());
        assert_eq!(status.position, expect);
        let got: Vec<_> = status
            .stages
            .iter()
            .map(|p| (p.in_place, p.applicable))
            .collect();
        assert_eq!(got, counts);
    }

    const N: Option<Answer> = Some(NotYet);
    const P: Option<Answer> = Some(InPlace);
    const G: Option<Answer> = Some(InProgress);
    const X: Option<Answer> = Some(NotApplicable);

    #[test]
    fn all_not_yet_works_in_the_first_stage() {
        case(
            &[&[N, N], &[N], &[N, N]],
            Position::Working(0),
            &[(0, 2), (0, 1), (0, 2)],
        );
    }

    #[test]
    fn a_partly_met_first_stage_is_still_the_first_stage() {
        case(
            &[&[P, G, N], &[P], &[P]],
            Position::Working(0),
            &[(1, 3), (1, 1), (1, 1)],
        );
    }

    #[test]
    fn not_applicable_actions_do_not_hold_a_stage_back() {
        case(
            &[&[P, X], &[P, X, G], &[N]],
            Position::Working(1),
            &[(1, 1), (1, 2), (0, 1)],
        );
    }

    #[test]
    fn a_stage_whose_actions_are_all_not_applicable_is_met() {
        case(
            &[&[P], &[X, X], &[N]],
            Position::Working(2),
            &[(1, 1), (0, 0), (0, 1)],
        );
    }

    #[test]
    fn every_stage_met_is_complete() {
        case(
            &[&[P], &[P, X], &[P, P]],
            Position::Complete,
            &[(1, 1), (1, 1), (2, 2)],
        );
    }

    #[test]
    fn a_later_stage_in_place_does_not_skip_an_unmet_earlier_one() {
        case(
            &[&[P], &[N], &[P, P]],
            Position::Working(1),
            &[(1, 1), (0, 1), (2, 2)],
        );
    }

    #[test]
    fn unanswered_actions_count_as_not_in_place() {
        case(&[&[P, None], &[P]], Position::Working(0), &[(1, 2), (1, 1)]);
    }

    #[test]
    fn a_framework_with_five_stages_works_unchanged() {
        case(
            &[&[P], &[P], &[P], &[G], &[N]],
            Position::Working(3),
            &[(1, 1), (1, 1), (1, 1), (0, 1), (0, 1)],
        );
        case(
            &[&[P], &[P], &[P], &[P], &[X]],
            Position::Complete,
            &[(1, 1), (1, 1), (1, 1), (1, 1), (0, 0)],
        );
    }

    #[test]
    fn assess_gives_one_status_per_domain() {
        let f = grid(4, 12);
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        a.answers.insert("d3.a0".into(), InPlace);
        let statuses = assess(&f, &a);
        assert_eq!(statuses.len(), 12);
        assert_eq!(statuses[3].position, Position::Working(1));
        assert_eq!(statuses[0].position, Position::Working(0));
    }
}
