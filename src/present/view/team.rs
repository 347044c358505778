//! `team`: a round of the team's answers: each person's stage side by side,
//! the team's stage, and the meeting's agenda (the actions people disagree
//! on or do not know about, those that decide the team's stage first).

use serde::Serialize;

use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;
use crate::core::stage;
use crate::core::subject::Snapshot;
use crate::core::team::{self, Tally};
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::{
    ActionAnswer, ActionRef, FrameworkInfo, RoundInfo, StageRef, Subject, TeamAnswer, count,
    date_of, person, team_actions, team_words,
};

/// The rule for the team column, as the output and README state it.
pub const TEAM_RULE: &str = "Team = the stage from the team's combined answers: an action counts as In place \
     for the team when a majority of those who answered it say In place (a tie is not a majority; \
     Don't know counts among those who answered).";

/// A round of the team's answers side by side.
#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// Whether names are hidden.
    pub anonymous: bool,
    /// Which round, who is in it and who is not.
    pub round: RoundInfo,
    /// Who answered, with the date of their answers (names hidden when anonymous).
    pub respondents: Vec<RespondentInfo>,
    /// One entry per domain, with the team's stage.
    pub domains: Vec<TeamDomain>,
    /// The agenda: every point, ranked.
    pub discussion: Vec<DiscussionPoint>,
    /// The team rule, in words.
    pub rule: String,
    #[serde(skip)]
    stage_count: usize,
    #[serde(skip)]
    shown: Option<usize>,
    #[serde(skip)]
    notes: Vec<Vec<(String, String)>>,
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
    /// Its short name, for narrow screens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Each respondent's stage, in `respondents` order.
    pub stages: Vec<StageRef>,
    /// The team's stage.
    pub team: StageRef,
    /// Each action's team answer, agreed or by the rule.
    pub actions: Vec<ActionAnswer>,
}

/// One point of the agenda.
#[derive(Debug, Clone, Serialize)]
pub struct DiscussionPoint {
    /// 1 = discuss first.
    pub rank: usize,
    /// True when the action is in the stage the team is working in for its
    /// domain: settling it can move the team's stage.
    pub decides_stage: bool,
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// Each respondent's answer and note for the domain (empty when anonymous).
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
    /// Their note for the action's domain, if any.
    pub note: Option<String>,
}

/// The team view of the snapshot's round (whose assessment `i` came from
/// `files[i]`). `shown` limits the agenda a terminal shows; every other
/// format carries all of it.
pub fn build(
    framework: &Framework,
    s: &Snapshot,
    files: &[String],
    anonymous: bool,
    shown: Option<usize>,
) -> TeamView {
    let point = s.point();
    let members: Vec<&Assessment> = point.members.iter().map(|&i| s.assessment(i)).collect();
    let names: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if anonymous {
                format!("Respondent {}", i + 1)
            } else {
                person(m.respondent.as_deref())
            }
        })
        .collect();
    let team_status = stage::assess(framework, &point.answers);
    let each: Vec<_> = members
        .iter()
        .map(|a| stage::assess(framework, a))
        .collect();
    let domains = framework
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| TeamDomain {
            id: domain.id.clone(),
            name: domain.name.clone(),
            short: domain.short.clone(),
            stages: each
                .iter()
                .map(|s| StageRef::new(framework, s[d].position))
                .collect(),
            team: StageRef::new(framework, team_status[d].position),
            actions: team_actions(s, domain),
        })
        .collect();
    let discussion = team::agenda(framework, &members, &point.answers)
        .into_iter()
        .enumerate()
        .map(|(rank, p)| {
            let at = ActionRef::new(framework, p.domain, p.action);
            let answers = if anonymous {
                Vec::new()
            } else {
                names
                    .iter()
                    .zip(&members)
                    .map(|(n, a)| WhoSaid {
                        respondent: n.clone(),
                        answer: a.answer(&at.action_id),
                        note: a.note(&at.domain_id).map(str::to_string),
                    })
                    .collect()
            };
            DiscussionPoint {
                rank: rank + 1,
                decides_stage: p.decides_stage,
                answers,
                counts: counts(&p.tally),
                at,
            }
        })
        .collect();
    let notes = framework
        .domains
        .iter()
        .map(|d| {
            names
                .iter()
                .zip(&members)
                .filter_map(|(n, m)| m.note(&d.id).map(|note| (n.clone(), note.to_string())))
                .collect()
        })
        .collect();
    let Subject::Round(mut round) = Subject::of(s, s.now) else {
        unreachable!("the team view is built from the team's round")
    };
    if anonymous {
        round.respondents.clone_from(&names);
        for l in &mut round.left_out {
            l.respondent = "(a respondent)".into();
        }
    }
    TeamView {
        framework: framework.into(),
        anonymous,
        round,
        respondents: members
            .iter()
            .zip(&point.members)
            .zip(&names)
            .map(|((m, &i), name)| RespondentInfo {
                name: name.clone(),
                file: (!anonymous).then(|| files.get(i).cloned().unwrap_or_default()),
                taken_at: m.taken_at,
                label: if anonymous { None } else { m.label.clone() },
                framework_version: m.framework.version.clone(),
                other_framework: m.framework.id != framework.id
                    || m.framework.version != framework.version,
            })
            .collect(),
        domains,
        discussion,
        rule: TEAM_RULE.to_string(),
        stage_count: framework.stages.len(),
        shown,
        notes,
    }
}

fn counts(t: &Tally) -> indexmap::IndexMap<&'static str, usize> {
    Answer::ALL
        .iter()
        .map(|a| (a.key(), t.count(*a)))
        .filter(|(_, c)| *c > 0)
        .collect()
}

impl TeamView {
    /// The stage table: each person's stage, and the team's.
    pub fn stage_table(&self) -> Table {
        let stage_cell = |s: &StageRef| s.cell(self.stage_count);
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
                let mut row = vec![Cell::Name {
                    full: d.name.clone(),
                    short: d.short.clone(),
                }];
                if self.anonymous {
                    let mut spread: indexmap::IndexMap<&str, usize> = indexmap::IndexMap::new();
                    let mut sorted = d.stages.clone();
                    sorted.sort_by_key(|s| s.rank);
                    for s in &sorted {
                        *spread.entry(s.name.as_str()).or_default() += 1;
                    }
                    let text: Vec<String> =
                        spread.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
                    row.push(Cell::Text(text.join(", ")));
                } else {
                    row.extend(d.stages.iter().map(stage_cell));
                }
                row.push(stage_cell(&d.team));
                row
            })
            .collect();
        Table { header, rows }
    }

    /// The team's answer to a point's action, where the meeting agreed it.
    pub fn agreed(&self, p: &DiscussionPoint) -> Option<&TeamAnswer> {
        let d = self.domains.iter().find(|d| d.id == p.at.domain_id)?;
        d.actions
            .iter()
            .find(|a| a.action_id == p.at.action_id && a.team.source == "agreed")
            .map(|a| &a.team)
    }

    /// "Sam: Don't know; Priya: In place", or counts when anonymous.
    pub fn said(&self, p: &DiscussionPoint, counted: bool) -> String {
        if self.anonymous || counted {
            p.counts
                .iter()
                .map(|(k, c)| format!("{c} {}", label_of(k)))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            p.answers
                .iter()
                .map(|w| {
                    format!(
                        "{}: {}",
                        w.respondent,
                        w.answer.map_or("no answer", |a| a.label())
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    }

    /// The agenda, grouped: the points that decide the team's stage, then the
    /// rest, each by domain with its notes, up to `shown` points.
    fn agenda(&self, doc: &mut Doc) {
        let deciding = self.discussion.iter().filter(|p| p.decides_stage).count();
        doc.push(Block::Heading(format!(
            "Agenda: {} to discuss ({deciding} decide the team's stage)",
            count(self.discussion.len(), "point")
        )));
        let limit = self.shown.unwrap_or(usize::MAX);
        let mut group: Option<(bool, &str)> = None;
        let mut items: Vec<Vec<Cell>> = Vec::new();
        for p in self.discussion.iter().take(limit) {
            if group != Some((p.decides_stage, p.at.domain_id.as_str())) {
                if !items.is_empty() {
                    doc.push(Block::List(std::mem::take(&mut items)));
                }
                if group.is_none_or(|(decides, _)| decides != p.decides_stage) {
                    doc.push(Block::Text(
                        if p.decides_stage {
                            "These decide the team's stage (they are in the stage it is working in):"
                        } else {
                            "Other points:"
                        }
                        .into(),
                    ));
                }
                group = Some((p.decides_stage, p.at.domain_id.as_str()));
                let d = self
                    .domains
                    .iter()
                    .position(|d| d.id == p.at.domain_id)
                    .unwrap_or(0);
                let team = &self.domains[d].team;
                doc.push(Block::Text(if team.rank >= self.stage_count {
                    format!("{} (every stage met for the team)", p.at.domain)
                } else {
                    format!("{} (the team is working in {})", p.at.domain, team.name)
                }));
                for (who, note) in &self.notes[d] {
                    let who = if self.anonymous {
                        "A note"
                    } else {
                        who.as_str()
                    };
                    doc.push(Block::Note(format!("{who}: “{note}”")));
                }
            }
            let agreed = self
                .agreed(p)
                .map(|t| format!(" — agreed: {}", team_words(t)))
                .unwrap_or_default();
            items.push(vec![Cell::Text(format!(
                "{}. {} ({}): {}{agreed}",
                p.rank,
                p.at.action,
                p.at.stage,
                self.said(p, false)
            ))]);
        }
        if !items.is_empty() {
            doc.push(Block::List(items));
        }
        if self.discussion.len() > limit {
            doc.push(Block::Note(format!(
                "{limit} of {} points shown; the same command with --all shows every one (Markdown, CSV and JSON always do).",
                self.discussion.len()
            )));
        }
    }
}

impl View for TeamView {
    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        let round = Subject::Round(self.round.clone());
        doc.push(Block::Heading(format!(
            "{}: {}",
            self.framework.title,
            round.title()
        )));
        let dated: Vec<String> = self
            .respondents
            .iter()
            .map(|r| format!("{} ({})", r.name, date_of(r.taken_at)))
            .collect();
        doc.push(Block::Text(format!(
            "{}, each with their latest answers in this round: {}.",
            count(dated.len(), "person"),
            dated.join(", ")
        )));
        for line in round.who().into_iter().skip(1) {
            doc.push(Block::Text(line));
        }
        doc.push(Block::Table(self.stage_table()));
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
                "Everyone gave the same answer to every action, and nobody said Don't know: nothing to discuss.".into(),
            ));
        } else {
            self.agenda(&mut doc);
        }
        doc.data = Some(self.data());
        doc
    }
}

impl TeamView {
    /// One row per agenda point (rank, whether it decides the stage, who
    /// said what unless anonymous, how many gave each answer), with each
    /// domain's team stage; a domain with no point has a row of its own.
    fn data(&self) -> Table {
        let mut header: Vec<String> = [
            "rank",
            "decides_stage",
            "domain_id",
            "domain",
            "stage",
            "action_id",
            "action",
            "action_stage",
        ]
        .map(String::from)
        .to_vec();
        if !self.anonymous {
            header.extend(self.respondents.iter().map(|r| r.name.clone()));
        }
        header.extend(Answer::ALL.iter().map(|a| a.key().replace('-', "_")));
        let width = header.len();
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for d in &self.domains {
            let points: Vec<&DiscussionPoint> = self
                .discussion
                .iter()
                .filter(|p| p.at.domain_id == d.id)
                .collect();
            let domain = [
                Cell::Text(d.id.clone()),
                Cell::Text(d.name.clone()),
                Cell::Text(d.team.name.clone()),
            ];
            if points.is_empty() {
                let mut row = vec![Cell::Text(String::new()), Cell::Text(String::new())];
                row.extend(domain.iter().cloned());
                row.resize(width, Cell::Text(String::new()));
                rows.push(row);
            }
            for p in points {
                let mut row = vec![
                    Cell::Text(p.rank.to_string()),
                    Cell::Text(p.decides_stage.to_string()),
                ];
                row.extend(domain.iter().cloned());
                row.extend([
                    Cell::Text(p.at.action_id.clone()),
                    Cell::Text(p.at.action.clone()),
                    Cell::Text(p.at.stage.clone()),
                ]);
                row.extend(
                    p.answers
                        .iter()
                        .map(|w| Cell::Text(w.answer.map_or("", |a| a.label()).into())),
                );
                row.extend(
                    Answer::ALL.iter().map(|a| {
                        Cell::Text(p.counts.get(a.key()).copied().unwrap_or(0).to_string())
                    }),
                );
                rows.push(row);
            }
        }
        rows.sort_by_key(|r| match &r[0] {
            Cell::Text(t) => t.parse::<usize>().unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        Table { header, rows }
    }
}

fn label_of(key: &str) -> &'static str {
    Answer::ALL
        .iter()
        .find(|a| a.key() == key)
        .map_or("", |a| a.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::History;
    use crate::core::subject::{At, Whom};
    use crate::tests::{grid, snapshot};
    use Answer::*;

    /// One round of `people` (name, answers), a minute apart.
    fn history(f: &Framework, people: &[(&str, &[(&str, Answer)])]) -> History {
        let mut h = History::default();
        for (i, (name, answers)) in people.iter().enumerate() {
            let mut a = Assessment::new(f, jiff::Timestamp::from_second(60 * i as i64).unwrap());
            a.respondent = Some(name.to_string());
            for (id, x) in *answers {
                a.answers.insert(id.to_string(), *x);
            }
            h.assessments.push(a);
        }
        h
    }

    fn view(f: &Framework, h: &History, anonymous: bool, shown: Option<usize>) -> TeamView {
        let files = vec!["x.yaml".to_string(); h.assessments.len()];
        build(
            f,
            &snapshot(f, h, Whom::Team, At::One(None)),
            &files,
            anonymous,
            shown,
        )
    }

    #[test]
    fn each_respondent_has_a_column_and_the_team_a_stage() {
        let f = grid(2, 2);
        let h = history(
            &f,
            &[
                ("Ann", &[("d0.a0", InPlace)]),
                ("Bob", &[("d0.a0", InPlace)]),
                ("Cat", &[("d0.a0", NotYet)]),
            ],
        );
        let v = view(&f, &h, false, None);
        assert_eq!(
            v.domains[0]
                .stages
                .iter()
                .map(|s| s.rank)
                .collect::<Vec<_>>(),
            [1, 1, 0]
        );
        assert_eq!(v.domains[0].team.rank, 1);
        assert_eq!(v.discussion.len(), 1);
        assert_eq!(v.discussion[0].answers[2].answer, Some(NotYet));
        assert_eq!(
            v.stage_table().header,
            ["Domain", "Ann", "Bob", "Cat", "Team"]
        );
    }

    #[test]
    fn dont_know_makes_a_point_and_stops_a_majority() {
        let f = grid(1, 1);
        let h = history(
            &f,
            &[
                ("Ann", &[("d0.a0", InPlace)]),
                ("Bob", &[("d0.a0", InPlace)]),
                ("Cat", &[("d0.a0", DontKnow)]),
            ],
        );
        let v = view(&f, &h, false, None);
        assert_eq!(v.discussion.len(), 1, "anyone's Don't know is a point");
        assert_eq!(
            v.domains[0].team.rank, 1,
            "two of three In place is a majority"
        );
        let h = history(
            &f,
            &[
                ("Ann", &[("d0.a0", InPlace)]),
                ("Cat", &[("d0.a0", DontKnow)]),
            ],
        );
        assert_eq!(
            view(&f, &h, false, None).domains[0].team.rank,
            0,
            "one of two is not"
        );
    }

    #[test]
    fn the_terminal_shows_the_first_points_and_says_how_to_see_all() {
        let f = grid(1, 14);
        let answers_a: Vec<(String, Answer)> =
            (0..14).map(|d| (format!("d{d}.a0"), InPlace)).collect();
        let answers_b: Vec<(String, Answer)> =
            (0..14).map(|d| (format!("d{d}.a0"), NotYet)).collect();
        let a: Vec<(&str, Answer)> = answers_a.iter().map(|(i, x)| (i.as_str(), *x)).collect();
        let b: Vec<(&str, Answer)> = answers_b.iter().map(|(i, x)| (i.as_str(), *x)).collect();
        let h = history(&f, &[("Ann", &a), ("Bob", &b)]);
        let text = crate::present::render::render(
            &view(&f, &h, false, Some(12)),
            crate::present::render::Format::Table,
            Default::default(),
        );
        assert!(text.contains("12. ") && !text.contains("13. "), "{text}");
        assert!(
            text.contains("12 of 14 points shown") && text.contains("--all"),
            "{text}"
        );
        let all = serde_json::to_value(view(&f, &h, false, Some(12))).unwrap();
        assert_eq!(
            all["discussion"].as_array().unwrap().len(),
            14,
            "JSON carries every point"
        );
    }

    #[test]
    fn notes_appear_beside_names_in_the_agenda() {
        let f = grid(1, 1);
        let mut h = history(
            &f,
            &[
                ("Ann", &[("d0.a0", InPlace)]),
                ("Bob", &[("d0.a0", NotApplicable)]),
            ],
        );
        h.assessments[1].notes.insert(
            "d0".into(),
            "Don't know what a buddy means for us, put N/A".into(),
        );
        let v = view(&f, &h, false, None);
        assert_eq!(
            v.discussion[0].answers[1].note.as_deref(),
            Some("Don't know what a buddy means for us, put N/A")
        );
        let text = crate::present::render::render(
            &v,
            crate::present::render::Format::Markdown,
            Default::default(),
        );
        assert!(
            text.contains("Bob: “Don't know what a buddy means for us, put N/A”"),
            "{text}"
        );
    }

    #[test]
    fn anonymous_mode_shows_counts_not_names() {
        let f = grid(1, 1);
        let h = history(
            &f,
            &[
                ("Ann", &[("d0.a0", InPlace)]),
                ("Bob", &[("d0.a0", NotYet)]),
            ],
        );
        let v = view(&f, &h, true, None);
        let json = serde_json::to_string(&v).unwrap();
        assert!(!json.contains("Ann") && !json.contains("Bob"), "{json}");
        assert!(
            !json.contains("x.yaml"),
            "file names can name people: {json}"
        );
        assert_eq!(v.discussion[0].counts["in-place"], 1);
        let text = crate::present::render::render(
            &v,
            crate::present::render::Format::Markdown,
            Default::default(),
        );
        assert!(text.contains("1 In place, 1 Not yet"), "{text}");
    }

    #[test]
    fn a_respondent_on_another_framework_version_is_flagged() {
        let f = grid(1, 1);
        let mut h = history(&f, &[("Ann", &[]), ("Bob", &[])]);
        h.assessments[0].framework.version = "0.9".into();
        let v = view(&f, &h, false, None);
        assert!(v.respondents[0].other_framework);
        assert!(!v.respondents[1].other_framework);
    }

    #[test]
    fn the_csv_gives_every_domains_team_stage() {
        let f = grid(1, 2);
        let h = history(
            &f,
            &[
                ("Ann", &[("d0.a0", InPlace)]),
                ("Bob", &[("d0.a0", NotYet)]),
            ],
        );
        let t = view(&f, &h, false, None).data();
        assert_eq!(
            t.rows.len(),
            2,
            "one point in d0, and a row for d1 with none"
        );
        assert_eq!(t.rows[1][2], Cell::Text("d1".into()));
        assert_eq!(t.rows[1][4], Cell::Text("Stage 0".into()));
    }
}
