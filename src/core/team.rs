//! Combining several people's answers: the team's answer per action, and
//! where people disagree.
//!
//! The team's answer to an action is the one a majority of those who
//! answered it gave (a tie is not a majority); without a majority it is No
//! agreement, which counts as not in place and is always a point to discuss.
//! Don't know counts among those who answered, so it can stop a majority;
//! people who did not answer an action are left out of its count. An answer
//! the team agreed in its meeting wins over the rule (see `core::subject`).

use crate::core::answers::{Answer, Assessment, History, label_is};
use crate::core::framework::Framework;

/// How many gave each answer to one action, in [`Answer::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally(pub [usize; Answer::ALL.len()]);

impl Tally {
    /// Counts the answers given.
    pub fn of(answers: impl IntoIterator<Item = Option<Answer>>) -> Tally {
        let mut t = [0; Answer::ALL.len()];
        for i in answers
            .into_iter()
            .flatten()
            .filter_map(|a| Answer::ALL.iter().position(|x| *x == a))
        {
            t[i] += 1;
        }
        Tally(t)
    }

    /// How many gave `a`.
    pub fn count(&self, a: Answer) -> usize {
        Answer::ALL
            .iter()
            .position(|x| *x == a)
            .map_or(0, |i| self.0[i])
    }

    /// How many answered at all.
    pub fn answered(&self) -> usize {
        self.0.iter().sum()
    }

    /// The team's answer by the majority rule: the answer more than half of
    /// those who answered gave (a tie is no majority), else No agreement;
    /// `None` when nobody answered. Never an answer nobody gave.
    pub fn team_answer(&self) -> Option<Answer> {
        let n = self.answered();
        (n > 0).then(|| {
            Answer::ALL
                .into_iter()
                .find(|a| self.count(*a) * 2 > n)
                .unwrap_or(Answer::NoAgreement)
        })
    }

    /// The answer most people gave (a tie goes to the first in the usual
    /// order): where the meeting's cursor starts.
    pub fn most_given(&self) -> Option<Answer> {
        let top = *self.0.iter().max()?;
        (top > 0).then(|| Answer::ALL[self.0.iter().position(|c| *c == top).unwrap_or(0)])
    }

    /// True when not everyone who answered gave the same answer.
    pub fn is_divided(&self) -> bool {
        self.0.iter().filter(|c| **c > 0).count() > 1
    }

    /// How divided: people not giving the most common answer, then how many
    /// different answers. Larger is more divided.
    pub fn division(&self) -> (usize, usize) {
        let top = self.0.iter().max().copied().unwrap_or(0);
        (
            self.answered() - top,
            self.0.iter().filter(|c| **c > 0).count(),
        )
    }
}

/// The team's answers under the majority rule over `members`, as an
/// assessment dated `to` (when the round ended) with the round's `label`.
pub fn round_answers(
    framework: &Framework,
    members: &[&Assessment],
    to: jiff::Timestamp,
    label: Option<String>,
) -> Assessment {
    let mut team = Assessment::new(framework, to);
    if let Some(latest) = members.last() {
        team.framework = latest.framework.clone();
    }
    team.label = label;
    for (_, action) in framework.actions() {
        let tally = Tally::of(members.iter().map(|m| m.answer(&action.id)));
        if let Some(a) = tally.team_answer() {
            team.answers.insert(action.id.clone(), a);
        }
    }
    team
}

/// Several answers files' assessments (and rosters) as one history, with
/// the file each assessment came from. An unnamed respondent is named after their file, so two files'
/// unnamed people stay two people; with `label`, only assessments with that
/// label (ignoring case) are kept.
pub fn merge(
    sources: Vec<(String, String, History)>,
    label: Option<&str>,
) -> (History, Vec<String>) {
    let mut history = History::default();
    let mut files = Vec::new();
    for (shown, short, source) in sources {
        // Each file's roster counts; the first file's entry for a name wins.
        for (name, member) in source.team {
            history.team.entry(name).or_insert(member);
        }
        history.agreements.extend(source.agreements);
        history.evidence.extend(source.evidence);
        history.withdrawn.extend(source.withdrawn);
        for mut a in source.assessments {
            if label.is_some_and(|l| !label_is(a.label.as_deref(), l)) {
                continue;
            }
            if a.respondent.is_none() {
                a.respondent = Some(format!("(no name, {short})"));
            }
            history.assessments.push(a);
            files.push(shown.clone());
        }
    }
    (history, files)
}

/// One point for the team's meeting: an action people disagree on, or that
/// someone does not know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// Index of the domain.
    pub domain: usize,
    /// Index of the action within the domain.
    pub action: usize,
    /// The answers, counted.
    pub tally: Tally,
    /// Whether the action is in the stage the team is working in for its
    /// domain: settling it can move the team's stage.
    pub decides_stage: bool,
}

/// The meeting's agenda: every action people disagree on or that anyone
/// answered Don't know, ranked: first the points that decide the team's
/// stage (in the stage it is working in), then the rest; within each, by
/// domain, the most divided first, then in framework order.
pub fn agenda(framework: &Framework, members: &[&Assessment], team: &Assessment) -> Vec<Point> {
    let working: Vec<Option<usize>> = crate::core::stage::assess(framework, team)
        .iter()
        .map(|s| match s.position {
            crate::core::stage::Position::Working(i) => Some(i),
            crate::core::stage::Position::Complete => None,
        })
        .collect();
    let mut points: Vec<Point> = framework
        .domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| {
            let working = working[d];
            domain.actions.iter().enumerate().map(move |(i, a)| Point {
                domain: d,
                action: i,
                tally: Tally::of(members.iter().map(|m| m.answer(&a.id))),
                decides_stage: working == Some(a.stage_index),
            })
        })
        .filter(|p| p.tally.is_divided() || p.tally.count(Answer::DontKnow) > 0)
        .collect();
    points.sort_by_key(|p| {
        (
            !p.decides_stage,
            p.domain,
            std::cmp::Reverse(p.tally.division()),
            p.action,
        )
    });
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::grid;
    use Answer::*;

    fn tally(answers: &[Option<Answer>]) -> Tally {
        Tally::of(answers.iter().copied())
    }

    #[test]
    fn a_majority_in_place_makes_it_in_place_for_the_team() {
        assert_eq!(
            tally(&[Some(InPlace), Some(InPlace), Some(NotYet)]).team_answer(),
            Some(InPlace)
        );
    }

    #[test]
    fn a_tie_is_not_a_majority() {
        assert_eq!(
            tally(&[Some(InPlace), Some(NotYet)]).team_answer(),
            Some(NoAgreement)
        );
        assert_eq!(
            tally(&[Some(InPlace), Some(InPlace), Some(NotYet), Some(NotYet)]).team_answer(),
            Some(NoAgreement)
        );
    }

    #[test]
    fn not_applicable_counts_as_an_answer_and_can_win() {
        assert_eq!(
            tally(&[Some(NotApplicable), Some(NotApplicable), Some(InPlace)]).team_answer(),
            Some(NotApplicable)
        );
        assert_eq!(
            tally(&[Some(NotApplicable), Some(InPlace), Some(NotYet)]).team_answer(),
            Some(NoAgreement)
        );
    }

    #[test]
    fn missing_answers_are_left_out_of_the_count() {
        assert_eq!(
            tally(&[Some(InPlace), None, None]).team_answer(),
            Some(InPlace)
        );
        assert_eq!(tally(&[None, None]).team_answer(), None);
        assert_eq!(
            tally(&[Some(NotYet), Some(NotYet)]).team_answer(),
            Some(NotYet)
        );
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
        let team = round_answers(&f, &[&x, &y, &z], jiff::Timestamp::UNIX_EPOCH, None);
        assert_eq!(team.answer("d0.a1"), Some(InPlace));
        assert_eq!(team.answer("d0.a2"), Some(NoAgreement));
        let order: Vec<usize> = agenda(&f, &[&x, &y, &z], &team)
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
    fn dont_know_counts_among_those_who_answered_so_it_can_stop_a_majority() {
        use Answer::*;
        let t = |answers: &[Answer]| Tally::of(answers.iter().map(|a| Some(*a)));
        assert_eq!(
            t(&[InPlace, InPlace, DontKnow]).team_answer(),
            Some(InPlace),
            "2 of 3 is a majority"
        );
        assert_eq!(
            t(&[InPlace, DontKnow]).team_answer(),
            Some(NoAgreement),
            "1 of 2 is not"
        );
        assert_eq!(
            t(&[DontKnow, DontKnow, NotYet]).team_answer(),
            Some(DontKnow)
        );
        assert_eq!(t(&[DontKnow, NotYet]).team_answer(), Some(NoAgreement));
        assert_eq!(
            t(&[InPlace, DontKnow]).count(NoAgreement),
            0,
            "no agreement is never an answer given"
        );
    }

    #[test]
    fn an_action_anyone_does_not_know_is_on_the_agenda_even_when_no_one_disagrees() {
        use Answer::*;
        let f = grid(1, 1);
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        a.answers.insert("d0.a0".into(), DontKnow);
        let team = round_answers(&f, &[&a, &a], jiff::Timestamp::UNIX_EPOCH, None);
        let points = agenda(&f, &[&a, &a], &team);
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
        let team = round_answers(&f, &members, jiff::Timestamp::UNIX_EPOCH, None);
        let order: Vec<(usize, usize, bool)> = agenda(&f, &members, &team)
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
