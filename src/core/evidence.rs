//! Evidence: what shows an action is in place. Which evidence stands beside which action, how
//! each action's evidence is numbered, and which piece a removal means: the rules the report, the
//! meeting page, `evidence` and `evidence remove` share.

use crate::core::answers::agreed::{Evidence, evidence_of, evidence_until};
use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;

/// A piece of evidence with the action it is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numbered<'a> {
    /// The action's domain (index into the framework's domains).
    pub domain: usize,
    /// The action (index into its domain's actions).
    pub action: usize,
    /// Its number among the action's evidence, from 1, as `evidence remove` takes it.
    pub number: usize,
    /// The evidence.
    pub evidence: &'a Evidence,
}

/// Every action's evidence still recorded (not removed), in framework order, each numbered.
pub fn numbered<'a>(framework: &Framework, evidence: &'a [Evidence]) -> Vec<Numbered<'a>> {
    let mut out = Vec::new();
    for (d, domain) in framework.domains.iter().enumerate() {
        for (i, a) in domain.actions.iter().enumerate() {
            out.extend(
                evidence_of(evidence, &a.id)
                    .enumerate()
                    .map(|(n, e)| Numbered {
                        domain: d,
                        action: i,
                        number: n + 1,
                        evidence: e,
                    }),
            );
        }
    }
    out
}

/// An action In place, with the evidence recorded for it.
#[derive(Debug, Clone, PartialEq)]
pub struct InPlace<'a> {
    /// The action's domain (index into the framework's domains).
    pub domain: usize,
    /// The action (index into its domain's actions).
    pub action: usize,
    /// Its evidence; empty: in place, no evidence recorded.
    pub evidence: Vec<&'a Evidence>,
}

/// Each action In place in `answers`, in framework order, with its evidence as it stood until
/// `until` (none: now; a past round's picture leaves out evidence recorded after it closed).
pub fn in_place<'a>(
    framework: &Framework,
    answers: &Assessment,
    evidence: &'a [Evidence],
    until: Option<jiff::Timestamp>,
) -> Vec<InPlace<'a>> {
    let mut out = Vec::new();
    for (d, domain) in framework.domains.iter().enumerate() {
        for (i, a) in domain.actions.iter().enumerate() {
            if answers.answer(&a.id) == Some(Answer::InPlace) {
                out.push(InPlace {
                    domain: d,
                    action: i,
                    evidence: evidence_until(evidence, &a.id, until).collect(),
                });
            }
        }
    }
    out
}

/// Each action's latest evidence still recorded, latest first: the walk shows it under the action.
pub fn latest(evidence: &[Evidence]) -> Vec<&Evidence> {
    let mut seen = std::collections::HashSet::new();
    let live = evidence.iter().rev().filter(|e| e.removed.is_none());
    live.filter(|e| seen.insert(e.action.as_str())).collect()
}

/// `evidence remove` named a piece the action does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSuchEvidence {
    /// How many pieces the action has.
    pub count: usize,
}

/// The index into `evidence` of piece `number` of `action`'s (none given: its only one), or how
/// many it has when that is not one of them.
pub fn to_remove(
    evidence: &[Evidence],
    action: &str,
    number: Option<usize>,
) -> Result<usize, NoSuchEvidence> {
    let live: Vec<usize> = (0..evidence.len())
        .filter(|&i| evidence[i].action == action && evidence[i].removed.is_none())
        .collect();
    match (number, live.len()) {
        (None, 1) => Ok(live[0]),
        (Some(n), _) if (1..=live.len()).contains(&n) => Ok(live[n - 1]),
        (_, count) => Err(NoSuchEvidence { count }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn piece(action: &str, text: &str, removed: bool) -> Evidence {
        Evidence {
            action: action.into(),
            text: text.into(),
            link: None,
            by: None,
            at: Timestamp::UNIX_EPOCH,
            removed: removed.then_some(Timestamp::UNIX_EPOCH),
        }
    }

    fn file() -> Vec<Evidence> {
        vec![
            piece("d1.a0", "Report", false),
            piece("d0.a0", "Old minutes", true),
            piece("d0.a0", "Minutes", false),
            piece("d0.a0", "Leaflet", false),
            piece("gone", "Kept", false),
        ]
    }

    #[test]
    fn evidence_is_numbered_per_action_in_framework_order_leaving_out_removals() {
        let f = crate::tests::grid(1, 2);
        let evidence = file();
        let shown: Vec<(usize, usize, &str)> = numbered(&f, &evidence)
            .iter()
            .map(|n| (n.domain, n.number, n.evidence.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [(0, 1, "Minutes"), (0, 2, "Leaflet"), (1, 1, "Report")]
        );
    }

    #[test]
    fn each_action_in_place_comes_with_its_evidence_or_none() {
        let f = crate::tests::grid(2, 2);
        let evidence = file();
        let mut a = Assessment::new(&f, Timestamp::UNIX_EPOCH);
        for id in ["d0.a0", "d0.a1"] {
            a.answers.insert(id.into(), Answer::InPlace);
        }
        a.answers.insert("d1.a0".into(), Answer::InProgress);
        let found: Vec<(usize, usize, usize)> = in_place(&f, &a, &evidence, None)
            .iter()
            .map(|p| (p.domain, p.action, p.evidence.len()))
            .collect();
        assert_eq!(
            found,
            [(0, 0, 2), (0, 1, 0)],
            "d1.a0's report is not in place"
        );
    }

    #[test]
    fn the_latest_piece_of_each_actions_evidence_is_the_last_not_removed() {
        let mut evidence = file();
        evidence.push(piece("d1.a0", "Newer report", true));
        let texts: Vec<&str> = latest(&evidence).iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Kept", "Leaflet", "Report"]);
    }

    #[test]
    fn a_removal_means_the_numbered_piece_or_the_only_one() {
        let evidence = file();
        let cases = [
            ("d0.a0", Some(1), Ok(2)),
            ("d0.a0", Some(2), Ok(3)),
            ("d0.a0", Some(3), Err(NoSuchEvidence { count: 2 })),
            ("d0.a0", None, Err(NoSuchEvidence { count: 2 })),
            ("d1.a0", None, Ok(0)),
            ("d1.a1", None, Err(NoSuchEvidence { count: 0 })),
        ];
        for (action, number, want) in cases {
            assert_eq!(
                to_remove(&evidence, action, number),
                want,
                "{action} {number:?}"
            );
        }
    }
}
