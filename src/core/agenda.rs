//! The meeting's agenda: the decisions to confirm, then every action people disagree on or that
//! anyone answered Don't know, ranked, each marked open or settled by the team's record.

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;
use crate::core::record::RoundRecord;
use crate::core::tally::Tally;

/// Where a point of the agenda stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// A decision stands, but someone's answer now differs from both the decided answer and their
    /// own when it was decided: the meeting confirms it or decides again.
    ToConfirm,
    /// Not yet decided (or left to the rule, and someone's answer has changed since).
    Open,
    /// Decided (agreed, done, or left to the rule) and nobody's answer has changed since.
    Settled,
}

/// One point for the team's meeting: an action people disagree on, that someone does not know
/// about, or whose decision is to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaPoint {
    /// Index of the domain.
    pub domain: usize,
    /// Index of the action within the domain.
    pub action: usize,
    /// The answers, counted.
    pub tally: Tally,
    /// Whether the action is in the stage the team is working in for its
    /// domain: settling it can move the team's stage.
    pub decides_stage: bool,
    /// Whether it is to confirm, open or settled.
    pub status: Status,
}

/// The meeting's agenda: every action people disagree on or that anyone answered Don't know, and
/// every decision to confirm. Ranked: the points to confirm first, then the open points (those
/// that decide the team's stage, in the stage it is working in, first; then by domain, the most
/// divided first, then in framework order), then the settled ones in the same order.
pub fn agenda(
    framework: &Framework,
    members: &[&Assessment],
    team: &Assessment,
    record: Option<&RoundRecord>,
) -> Vec<AgendaPoint> {
    let working: Vec<Option<usize>> = crate::core::stage::assess(framework, team)
        .iter()
        .map(|s| match s.position {
            crate::core::stage::Position::Working(i) => Some(i),
            crate::core::stage::Position::Complete => None,
        })
        .collect();
    let status = |id: &str| match record.and_then(|r| r.actions.get(id)) {
        Some(t) if !t.to_confirm.is_empty() => Status::ToConfirm,
        Some(t) if t.settled() => Status::Settled,
        _ => Status::Open,
    };
    let mut tallies = crate::core::tally::by_action(framework, members.iter().copied())
        .into_iter()
        .map(Tally::of);
    let mut points: Vec<AgendaPoint> = framework
        .domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| {
            domain
                .actions
                .iter()
                .enumerate()
                .map(move |(i, a)| (d, i, a))
        })
        .map(|(d, i, a)| AgendaPoint {
            domain: d,
            action: i,
            tally: tallies.next().unwrap_or_default(),
            decides_stage: working[d] == Some(a.stage_index),
            status: status(&a.id),
        })
        .filter(|p| {
            p.status == Status::ToConfirm
                || p.tally.is_divided()
                || p.tally.count(Answer::DontKnow) > 0
        })
        .collect();
    points.sort_by_key(|p| {
        let stage_first = (p.status != Status::ToConfirm).then_some(!p.decides_stage);
        let division = std::cmp::Reverse(p.tally.division());
        (p.status, stage_first, p.domain, division, p.action)
    });
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::grid;
    use Answer::*;

    /// The team's answers by the majority rule alone.
    fn majority(f: &Framework, members: &[&Assessment]) -> Assessment {
        let mut team = Assessment::new(f, jiff::Timestamp::UNIX_EPOCH);
        for (_, action) in f.actions() {
            let t = Tally::of(members.iter().map(|m| m.answer(&action.id)));
            if let Some(a) = t.team_answer() {
                team.answers.insert(action.id.clone(), a);
            }
        }
        team
    }
    #[test]
    fn agreed_actions_are_not_on_the_agenda() {
        let f = grid(3, 1);
        let mk = |answers: [Answer; 3]| {
            let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
            for (i, ans) in answers.into_iter().enumerate() {
                a.answers.insert(format!("d0.a{i}"), ans);
            }
            a
        };
        let x = mk([InPlace, InPlace, InPlace]);
        let y = mk([InPlace, NotYet, InProgress]);
        let z = mk([InPlace, InPlace, NotYet]);
        let team = majority(&f, &[&x, &y, &z]);
        assert_eq!(team.answer("d0.a1"), Some(InPlace));
        assert_eq!(team.answer("d0.a2"), Some(NoAgreement));
        let order: Vec<usize> = agenda(&f, &[&x, &y, &z], &team, None)
            .iter()
            .map(|p| p.action)
            .collect();
        assert_eq!(
            order,
            [2, 1],
            "a0 is agreed; a2 splits three ways (and decides the stage), a1 two"
        );
    }

    #[test]
    fn an_action_anyone_does_not_know_is_on_the_agenda_even_when_no_one_disagrees() {
        use Answer::*;
        let f = grid(1, 1);
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        a.answers.insert("d0.a0".into(), DontKnow);
        let team = majority(&f, &[&a, &a]);
        let points = agenda(&f, &[&a, &a], &team, None);
        assert_eq!(points.len(), 1);
        assert!(points[0].decides_stage);
    }

    #[test]
    fn the_agenda_puts_the_points_that_decide_the_teams_stage_first() {
        use Answer::*;
        // Two stages, two domains; domain 0 is working in stage 1, domain 1 in stage 0.
        let f = grid(2, 2);
        let person = |answers: &[(&str, Answer)]| {
            let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
            for (id, x) in answers {
                a.answers.insert(id.to_string(), *x);
            }
            a
        };
        let ann = person(&[
            ("d0.a0", InPlace),
            ("d0.a1", InPlace),
            ("d1.a0", NotYet),
            ("d1.a1", InPlace),
        ]);
        let bob = person(&[
            ("d0.a0", InPlace),
            ("d0.a1", NotYet),
            ("d1.a0", NotYet),
            ("d1.a1", NotYet),
        ]);
        let cat = person(&[
            ("d0.a0", NotYet),
            ("d0.a1", NotYet),
            ("d1.a0", DontKnow),
            ("d1.a1", NotYet),
        ]);
        let members = [&ann, &bob, &cat];
        let team = majority(&f, &members);
        let order: Vec<(usize, usize, bool)> = agenda(&f, &members, &team, None)
            .iter()
            .map(|p| (p.domain, p.action, p.decides_stage))
            .collect();
        assert_eq!(
            order,
            [(0, 1, true), (1, 0, true), (0, 0, false), (1, 1, false)],
            "domain 0 works in stage 1 (d0.a1), domain 1 in stage 0 (d1.a0)"
        );
    }
}
