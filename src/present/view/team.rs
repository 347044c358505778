//! `team`: each respondent's stage side by side, the team's stage, and the
//! actions people disagree on (the meeting's discussion points).

use serde::Serialize;

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;
use crate::core::stage;
use crate::core::team::{self, Tally};
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::{ActionRef, FrameworkInfo, StageRef, date_of};

/// The rule for the team column, as the output and README state it.
pub const TEAM_RULE: &str = "Team = the stage from the team's combined answers: an action counts as In place \
     for the team when a majority of those who answered it say In place (a tie is not a majority).";

pub use crate::core::team::Member;

/// Several people's answers side by side.
#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// Whether names are hidden.
    pub anonymous: bool,
    /// Who answered (names hidden when anonymous).
    pub respondents: Vec<RespondentInfo>,
    /// One entry per domain.
    pub domains: Vec<TeamDomain>,
    /// The actions people disagree on, most divided first.
    pub discussion: Vec<DiscussionPoint>,
    /// The team rule, in words.
    pub rule: String,
    #[serde(skip)]
    stage_count: usize,
}

/// One respondent.
#[derive(Debug, Clone, Serialize)]
pub struct RespondentInfo {
    /// Their name (or "Respondent N" when anonymous).
    pub name: String,
    /// The answers file it came from (left out when anonymous).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// When their assessment was taken.
    pub taken_at: jiff::Timestamp,
    /// Its label, if any.
    pub label: Option<String>,
    /// The framework version it was taken against.
    pub framework_version: String,
    /// True when that is not the framework in use: compare with care.
    pub other_framework: bool,
}

/// One domain across the team.
#[derive(Debug, Clone, Serialize)]
pub struct TeamDomain {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// Each respondent's stage, in `respondents` order.
    pub stages: Vec<StageRef>,
    /// The team's stage.
    pub team: StageRef,
}

/// An action on which people disagree.
#[derive(Debug, Clone, Serialize)]
pub struct DiscussionPoint {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// Each respondent's answer (empty when anonymous).
    pub answers: Vec<WhoSaid>,
    /// How many gave each answer, by answer key.
    pub counts: indexmap::IndexMap<&'static str, usize>,
}

/// One respondent's answer to a discussion point.
#[derive(Debug, Clone, Serialize)]
pub struct WhoSaid {
    /// The respondent.
    pub respondent: String,
    /// Their answer (`null`: not answered).
    pub answer: Option<Answer>,
}

/// Builds the team view of `members`.
pub fn build(framework: &Framework, members: &[Member], anonymous: bool) -> TeamView {
    let names: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if anonymous {
                format!("Respondent {}", i + 1)
            } else {
                m.name.clone()
            }
        })
        .collect();
    let assessments: Vec<&Assessment> = members.iter().map(|m| &m.assessment).collect();
    let combined = team::combined(framework, &assessments, &members[0].assessment);
    let team_status = stage::assess(framework, &combined);
    let each: Vec<_> = assessments.iter().map(|a| stage::assess(framework, a)).collect();
    let domains = framework
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| TeamDomain {
            id: domain.id.clone(),
            name: domain.name.clone(),
            stages: each.iter().map(|s| StageRef::new(framework, s[d].position)).collect(),
            team: StageRef::new(framework, team_status[d].position),
        })
        .collect();
    let discussion = team::disagreements(framework, &assessments)
        .into_iter()
        .map(|x| {
            let at = ActionRef::new(framework, x.domain, x.action);
            DiscussionPoint {
                answers: if anonymous {
                    Vec::new()
                } else {
                    names
                        .iter()
                        .zip(&assessments)
                        .map(|(n, a)| WhoSaid {
                            respondent: n.clone(),
                            answer: a.answer(&at.action_id),
                        })
                        .collect()
                },
                counts: counts(&x.tally),
                at,
            }
        })
        .collect();
    TeamView {
        framework: framework.into(),
        anonymous,
        respondents: members
            .iter()
            .zip(&names)
            .map(|(m, name)| RespondentInfo {
                name: name.clone(),
                file: (!anonymous).then(|| m.file.clone()),
                taken_at: m.assessment.taken_at,
                label: if anonymous { None } else { m.assessment.label.clone() },
                framework_version: m.assessment.framework.version.clone(),
                other_framework: m.assessment.framework.id != framework.id
                    || m.assessment.framework.version != framework.version,
            })
            .collect(),
        domains,
        discussion,
        rule: TEAM_RULE.to_string(),
        stage_count: framework.stages.len(),
    }
}

fn counts(t: &Tally) -> indexmap::IndexMap<&'static str, usize> {
    Answer::ALL
        .iter()
        .map(|a| (a.key(), t.count(*a)))
        .filter(|(_, c)| *c > 0)
        .collect()
}

impl View for TeamView {
    fn doc(&self) -> Doc {
        let of = self.stage_count;
        let stage_cell = |s: &StageRef| s.cell(of);
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "{}: the team ({})",
            self.framework.title,
            crate::present::view::count(self.respondents.len(), "respondent")
        )));
        let mut header = vec!["Domain".to_string()];
        if self.anonymous {
            header.push("Respondents' stages".into());
        } else {
            header.extend(self.respondents.iter().map(|r| r.name.clone()));
        }
        header.push("Team".into());
        let rows = self
            .domains
            .iter()
            .map(|d| {
                let mut row = vec![Cell::Text(d.name.clone())];
                if self.anonymous {
                    let mut spread: indexmap::IndexMap<&str, usize> = indexmap::IndexMap::new();
                    let mut sorted = d.stages.clone();
                    sorted.sort_by_key(|s| s.rank);
                    for s in &sorted {
                        *spread.entry(s.name.as_str()).or_default() += 1;
                    }
                    let text: Vec<String> = spread.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
                    row.push(Cell::Text(text.join(", ")));
                } else {
                    row.extend(d.stages.iter().map(stage_cell));
                }
                row.push(stage_cell(&d.team));
                row
            })
            .collect();
        doc.push(Block::Table(Table { header, rows }));
        doc.push(Block::Note(self.rule.clone()));
        let flagged: Vec<String> = self
            .respondents
            .iter()
            .filter(|r| r.other_framework)
            .map(|r| {
                format!(
                    "{} (framework version {}, {})",
                    r.name,
                    r.framework_version,
                    date_of(r.taken_at)
                )
            })
            .collect();
        if !flagged.is_empty() {
            doc.push(Block::Text(format!(
                "Taken against another framework version ({} {} is in use), so compare with care: {}.",
                self.framework.id,
                self.framework.version,
                flagged.join("; ")
            )));
        }
        if self.discussion.is_empty() {
            doc.push(Block::Text(
                "Everyone gave the same answer to every action: nothing to discuss.".into(),
            ));
        } else {
            doc.push(Block::Heading(format!(
                "Discussion points: {} where you disagree",
                crate::present::view::count(self.discussion.len(), "action")
            )));
            let items = self
                .discussion
                .iter()
                .map(|p| {
                    let said = if self.anonymous {
                        p.counts
                            .iter()
                            .map(|(k, c)| format!("{c} {}", label_of(k)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    } else {
                        p.answers
                            .iter()
                            .map(|w| format!("{}: {}", w.respondent, w.answer.map_or("no answer", |a| a.label())))
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    vec![Cell::Text(format!(
                        "{} ({}, {}): {said}",
                        p.at.action, p.at.domain, p.at.stage
                    ))]
                })
                .collect();
            doc.push(Block::List(items));
        }
        doc
    }

    /// One row per discussion point, with who said what (unless anonymous)
    /// and how many gave each answer.
    fn data(&self) -> Option<Table> {
        let mut header: Vec<String> = ["domain_id", "action_id", "action", "stage"].map(String::from).to_vec();
        if !self.anonymous {
            header.extend(self.respondents.iter().map(|r| r.name.clone()));
        }
        header.extend(Answer::ALL.iter().map(|a| a.key().replace('-', "_")));
        let rows = self
            .discussion
            .iter()
            .map(|p| {
                let mut row: Vec<Cell> = vec![
                    p.at.domain_id.clone().into(),
                    p.at.action_id.clone().into(),
                    p.at.action.clone().into(),
                    p.at.stage.clone().into(),
                ];
                row.extend(
                    p.answers
                        .iter()
                        .map(|w| Cell::Text(w.answer.map_or("", |a| a.label()).into())),
                );
                row.extend(
                    Answer::ALL
                        .iter()
                        .map(|a| Cell::Text(p.counts.get(a.key()).copied().unwrap_or(0).to_string())),
                );
                row
            })
            .collect();
        Some(Table { header, rows })
    }
}

fn label_of(key: &str) -> &'static str {
    Answer::ALL.iter().find(|a| a.key() == key).map_or("", |a| a.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::grid;

    fn member(f: &Framework, name: &str, answers: &[(&str, Answer)]) -> Member {
        let mut a = Assessment::new(f, jiff::Timestamp::UNIX_EPOCH);
        for (id, ans) in answers {
            a.answers.insert(id.to_string(), *ans);
        }
        Member {
            name: name.into(),
            file: "x.yaml".into(),
            assessment: a,
        }
    }

    #[test]
    fn each_respondent_has_a_column_and_the_team_a_stage() {
        use Answer::*;
        let f = grid(2, 2);
        let m = [
            member(&f, "Ann", &[("d0.a0", InPlace)]),
            member(&f, "Bob", &[("d0.a0", InPlace)]),
            member(&f, "Cat", &[("d0.a0", NotYet)]),
        ];
        let v = build(&f, &m, false);
        assert_eq!(
            v.domains[0].stages.iter().map(|s| s.rank).collect::<Vec<_>>(),
            [1, 1, 0]
        );
        assert_eq!(v.domains[0].team.rank, 1);
        assert_eq!(v.discussion.len(), 1);
        assert_eq!(v.discussion[0].answers[2].answer, Some(NotYet));
        let doc = v.doc();
        let Block::Table(t) = &doc.blocks[1] else { panic!() };
        assert_eq!(t.header, ["Domain", "Ann", "Bob", "Cat", "Team"]);
    }

    #[test]
    fn anonymous_mode_shows_counts_not_names() {
        use Answer::*;
        let f = grid(1, 1);
        let m = [
            member(&f, "Ann", &[("d0.a0", InPlace)]),
            member(&f, "Bob", &[("d0.a0", NotYet)]),
        ];
        let v = build(&f, &m, true);
        let json = serde_json::to_string(&v).unwrap();
        assert!(!json.contains("Ann") && !json.contains("Bob"), "{json}");
        assert!(!json.contains("x.yaml"), "file names can name people: {json}");
        assert_eq!(v.discussion[0].counts["in-place"], 1);
        let text = crate::present::render::render(&v, crate::present::render::Format::Markdown, Default::default());
        assert!(text.contains("1 In place, 1 Not yet"), "{text}");
    }

    #[test]
    fn a_respondent_on_another_framework_version_is_flagged() {
        let f = grid(1, 1);
        let mut m = member(&f, "Ann", &[]);
        m.assessment.framework.version = "0.9".into();
        let v = build(&f, &[m, member(&f, "Bob", &[])], false);
        assert!(v.respondents[0].other_framework);
        assert!(!v.respondents[1].other_framework);
    }
}
