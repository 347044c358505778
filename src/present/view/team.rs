//! `team`: a round of the team's answers: each person's stage side by side, the team's stage, the
//! decisions in force, and the meeting's agenda (the decisions to confirm, then the actions people
//! disagree on or do not know about, those that decide the team's stage first, then the settled).

use schemars::JsonSchema;
use serde::Serialize;

use crate::core::agenda::{self, Status};
use crate::core::answers::{Answer, Assessment};
use crate::core::framework::Framework;
use crate::core::stage;
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::refs::{ActionRef, FrameworkInfo, StageRef};
use crate::present::view::subject::{RoundInfo, SubjectInfo};
use crate::present::view::team_answer::{
    ActionAnswer, PendingStep, TeamAnswer, pending_steps, split, team_actions,
};
use crate::present::view::team_answer::{pending_line, team_words};
use crate::present::words::AnswerWords;
use crate::present::words::{count, date_of, person};

/// The rule for the team column, as the output and README state it.
pub const TEAM_RULE: &str = "Team = the stage from the team's answers: for each action, what the \
     team decided (agreed in a meeting, or a step done), else the answer a majority of those who \
     answered gave (a tie is not a majority, so No agreement; Don't know counts among those who \
     answered).";

/// A round of the team's answers side by side.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TeamView {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// Whether names are hidden.
    pub anonymous: bool,
    /// Which round, who is in it and who is not.
    pub round: RoundInfo,
    /// Each respondent's assessment in the round (names hidden when anonymous).
    pub assessments: Vec<RespondentInfo>,
    /// One entry per domain, with the team's stage.
    pub domains: Vec<TeamDomain>,
    /// Every decision in force in the round (agreed in its meeting, standing from an earlier one,
    /// or a step done), on the agenda or not, in framework order.
    pub decisions: Vec<DecisionInfo>,
    /// The agenda: every point, ranked (to confirm, open, settled).
    pub discussion: Vec<DiscussionPoint>,
    /// Steps done since this round, when it is the latest shown by default.
    pub pending_steps: Vec<PendingStep>,
    /// The team rule, in words.
    pub rule: String,
    #[serde(skip)]
    stage_count: usize,
    #[serde(skip)]
    shown: Option<usize>,
    #[serde(skip)]
    notes: Vec<Vec<(String, String)>>,
}

/// One respondent's assessment in the round.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RespondentInfo {
    /// Their name (or "Respondent N" when anonymous).
    pub respondent: String,
    /// The answers file it came from (null when anonymous).
    pub file: Option<String>,
    /// When their assessment was taken.
    #[schemars(with = "crate::core::json_schema::DateTime")]
    pub taken_at: jiff::Timestamp,
    /// Its label, if any.
    pub label: Option<String>,
    /// The framework version it was taken against.
    pub framework_version: String,
    /// True when that is not the framework in use: compare with care.
    pub other_framework: bool,
}

/// One domain across the team.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TeamDomain {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// Its short name, for narrow screens.
    pub short: Option<String>,
    /// Each respondent's stage, in `assessments` order.
    pub respondent_stages: Vec<StageRef>,
    /// The team's stage.
    pub team: StageRef,
    /// Each action's team answer, decided or by the rule.
    pub actions: Vec<ActionAnswer>,
}

/// A decision in force: the action, and the team's answer with its source, date and comment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DecisionInfo {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// The team's answer, as the decision gives it.
    pub team: TeamAnswer,
}

/// One point of the agenda.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DiscussionPoint {
    /// 1 = discuss first.
    pub position: usize,
    /// `to-confirm`, `open` or `settled`.
    pub status: PointStatus,
    /// True when the action is in the stage the team is working in for its
    /// domain: settling it can move the team's stage.
    pub decides_stage: bool,
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// Each respondent's answer and note for the domain (empty when anonymous).
    pub answers: Vec<WhoSaid>,
    /// How many gave each answer, by answer key (answers nobody gave left out).
    pub split: indexmap::IndexMap<&'static str, usize>,
    /// The team's answer to it, and why (none when nobody answered and nothing was decided).
    pub team: Option<TeamAnswer>,
}

/// Where a point of the agenda stands, as JSON names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PointStatus {
    /// A decision stands, but someone's answer has changed since: confirm it or decide again.
    ToConfirm,
    /// To discuss.
    Open,
    /// Decided, and nobody's answer has changed since: not asked again.
    Settled,
}

impl From<Status> for PointStatus {
    fn from(s: Status) -> PointStatus {
        match s {
            Status::ToConfirm => PointStatus::ToConfirm,
            Status::Open => PointStatus::Open,
            Status::Settled => PointStatus::Settled,
        }
    }
}

/// One respondent's answer to a discussion point.
#[derive(Debug, Clone, Serialize, JsonSchema)]
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
    // People a decision points at, by assessment: their column's name (hidden when anonymous).
    let name_of = |i: usize| {
        let place = point.members.iter().position(|&m| m == i);
        place.map_or_else(
            || person(s.assessment(i).respondent.as_deref()),
            |p| names[p].clone(),
        )
    };
    let team_status = stage::assess(framework, &point.answers);
    let each: Vec<_> = members
        .iter()
        .map(|a| stage::assess(framework, a))
        .collect();
    let domains: Vec<TeamDomain> = framework
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| TeamDomain {
            id: domain.id.clone(),
            name: domain.name.clone(),
            short: domain.short.clone(),
            respondent_stages: each
                .iter()
                .map(|s| StageRef::new(framework, s[d].position))
                .collect(),
            team: StageRef::new(framework, team_status[d].position),
            actions: team_actions(s, domain, &name_of),
        })
        .collect();
    let team_of = |id: &str| {
        let answer = point.record.as_ref()?.actions.get(id)?;
        TeamAnswer::new(answer, &name_of)
    };
    let points = agenda::agenda(framework, &members, &point.answers, point.record.as_ref());
    let at: Vec<ActionRef> = (points.iter())
        .map(|p| ActionRef::new(framework, p.domain, p.action))
        .collect();
    let mut said: Vec<Vec<WhoSaid>> = at.iter().map(|_| Vec::new()).collect();
    if !anonymous {
        // Person by person, each assessment read while it is in the cache (point by point, a
        // round of thousands was read from memory once a point).
        for (n, a) in names.iter().zip(&members) {
            for (at, answers) in at.iter().zip(&mut said) {
                answers.push(WhoSaid {
                    respondent: n.clone(),
                    answer: a.answer(&at.action_id),
                    note: a.note(&at.domain_id).map(str::to_string),
                });
            }
        }
    }
    let discussion = (points.into_iter().zip(at).zip(said))
        .enumerate()
        .map(|(rank, ((p, at), answers))| DiscussionPoint {
            position: rank + 1,
            status: p.status.into(),
            decides_stage: p.decides_stage,
            answers,
            split: split(&p.tally),
            team: team_of(&at.action_id),
            at,
        })
        .collect();
    let decisions = point.record.as_ref().map_or_else(Vec::new, |record| {
        let decided = |(d, domain): (usize, &crate::core::framework::Domain)| {
            let decided = domain.actions.iter().enumerate().filter(|(_, a)| {
                record
                    .actions
                    .get(&a.id)
                    .is_some_and(|t| t.decided().is_some())
            });
            decided
                .filter_map(|(i, a)| {
                    let team = team_of(&a.id)?;
                    Some(DecisionInfo {
                        at: ActionRef::new(framework, d, i),
                        team,
                    })
                })
                .collect::<Vec<_>>()
        };
        framework
            .domains
            .iter()
            .enumerate()
            .flat_map(decided)
            .collect()
    });
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
    let SubjectInfo::Round(mut round) = SubjectInfo::of(s, s.now) else {
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
        assessments: members
            .iter()
            .zip(&point.members)
            .zip(&names)
            .map(|((m, &i), name)| RespondentInfo {
                respondent: name.clone(),
                file: (!anonymous).then(|| files.get(i).cloned().unwrap_or_default()),
                taken_at: m.taken_at,
                label: if anonymous { None } else { m.label.clone() },
                framework_version: m.framework.version.clone(),
                other_framework: m.framework.id != framework.id
                    || m.framework.version != framework.version,
            })
            .collect(),
        domains,
        decisions,
        discussion,
        pending_steps: pending_steps(framework, s),
        rule: TEAM_RULE.to_string(),
        stage_count: framework.stages.len(),
        shown,
        notes,
    }
}

impl TeamView {
    /// The stage table: each person's stage, and the team's.
    pub fn stage_table(&self) -> Table {
        let stage_cell = |s: &StageRef| s.cell(self.stage_count);
        let mut header = vec!["Domain".to_string()];
        if self.anonymous {
            header.push("Respondents' stages".into());
        } else {
            header.extend(self.assessments.iter().map(|r| r.respondent.clone()));
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
                    let mut sorted = d.respondent_stages.clone();
                    sorted.sort_by_key(|s| s.rank);
                    for s in &sorted {
                        *spread.entry(s.name.as_str()).or_default() += 1;
                    }
                    let text: Vec<String> =
                        spread.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
                    row.push(Cell::Text(text.join(", ")));
                } else {
                    row.extend(d.respondent_stages.iter().map(stage_cell));
                }
                row.push(stage_cell(&d.team));
                row
            })
            .collect();
        Table { header, rows }
    }

    /// How many points are open to the meeting (to confirm, or not yet decided).
    pub fn open(&self) -> usize {
        let open = |p: &&DiscussionPoint| p.status != PointStatus::Settled;
        self.discussion.iter().filter(open).count()
    }

    /// "Sam: Don't know; Priya: In place", or counts when anonymous.
    pub fn said(&self, p: &DiscussionPoint, counted: bool) -> String {
        if self.anonymous || counted {
            p.split
                .iter()
                .map(|(k, c)| format!("{c} {}", label_of(k)))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            p.answers
                .iter()
                .map(|w| {
                    let answer = w.answer.map_or("no answer", |a| a.label());
                    format!("{}: {answer}", w.respondent)
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    }

    /// A point's line on the agenda: its rank, the action, who said what, and the team's answer
    /// where a decision gives it or there is no agreement.
    pub fn point_line(&self, p: &DiscussionPoint, counted: bool) -> String {
        let head = format!("{}. {} ({})", p.position, p.at.action, p.at.stage_name);
        let team = p.team.as_ref();
        match p.status {
            PointStatus::ToConfirm => {
                let decided = team.map(team_words).unwrap_or_default();
                let who = team.map(|t| t.to_confirm.join(", ")).unwrap_or_default();
                let comment = team.and_then(comment_words).unwrap_or_default();
                let said = self.said(p, counted);
                format!("{head}: {decided}{comment}; now {said} (changed: {who})")
            }
            PointStatus::Settled => {
                let decided = team.map(team_words).unwrap_or_default();
                let left = team.is_some_and(|t| t.source == crate::core::record::Source::Rule);
                let how = if left {
                    "settled, left to the majority rule: "
                } else {
                    "settled: "
                };
                format!("{head}: {} — {how}{decided}", self.said(p, counted))
            }
            PointStatus::Open => {
                let said = self.said(p, counted);
                match team.filter(|t| t.answer == Answer::NoAgreement) {
                    // Counted, the split is what No agreement says: once is enough.
                    Some(t) if counted || self.anonymous => format!("{head}: {}", team_words(t)),
                    Some(t) => format!("{head}: {said} — {}", team_words(t)),
                    None => format!("{head}: {said}"),
                }
            }
        }
    }

    /// The decisions in force, one line each: "Action (Domain): In progress (agreed in round 1,
    /// 2026-09-15), overriding the vote — “comment”". On the page, grouped by how they went with
    /// the vote, the domain and the vote are left out (`full` false).
    pub fn decision_lines(&self, full: bool) -> Vec<String> {
        use crate::core::record::Vote;
        self.decisions
            .iter()
            .map(|d| {
                let vote = match d.team.vote.filter(|_| full) {
                    Some(Vote::Override) => ", overriding the vote",
                    Some(Vote::Matches) => ", matching the vote",
                    Some(Vote::NoMajority) => ", where the vote had no majority",
                    None => "",
                };
                let comment = comment_words(&d.team).unwrap_or_default();
                let words = team_words(&d.team);
                let domain = if full {
                    format!(" ({})", d.at.domain)
                } else {
                    String::new()
                };
                format!("{}{domain}: {words}{vote}{comment}", d.at.action)
            })
            .collect()
    }

    /// The agenda, grouped: the points to confirm, the open points (those that decide the team's
    /// stage, then the rest, each by domain with its notes), then the settled ones, up to `shown`.
    fn agenda(&self, doc: &mut Doc) {
        let deciding = self
            .discussion
            .iter()
            .filter(|p| p.status == PointStatus::Open && p.decides_stage)
            .count();
        let open = self.open();
        let settled = self.discussion.len() - open;
        doc.push(Block::Heading(format!(
            "Agenda: {}, {open} open ({deciding} decide the team's stage), {settled} settled",
            count(self.discussion.len(), "point"),
        )));
        let limit = self.shown.unwrap_or(usize::MAX);
        let mut group: Option<(PointStatus, bool, &str)> = None;
        let mut items: Vec<Vec<Cell>> = Vec::new();
        for p in self.discussion.iter().take(limit) {
            let this = (p.status, p.decides_stage, p.at.domain_id.as_str());
            let by_domain = p.status == PointStatus::Open;
            let same = group.is_some_and(|(status, decides, domain)| {
                status == p.status
                    && (!by_domain || (decides == p.decides_stage && domain == this.2))
            });
            if !same {
                if !items.is_empty() {
                    doc.push(Block::List(std::mem::take(&mut items)));
                }
                let heading = match (p.status, p.decides_stage) {
                    (PointStatus::ToConfirm, _) => Some(
                        "To confirm (a decision stands, but someone's answer has changed since):",
                    ),
                    (PointStatus::Open, true) => Some(
                        "These decide the team's stage (they are in the stage it is working in):",
                    ),
                    (PointStatus::Open, false) => Some("Other points:"),
                    (PointStatus::Settled, _) => {
                        Some("Settled (not asked again while nobody's answer changes):")
                    }
                };
                let changed_kind = group.is_none_or(|(status, decides, _)| {
                    status != p.status || (by_domain && decides != p.decides_stage)
                });
                if changed_kind {
                    doc.blocks.extend(heading.map(|h| Block::Text(h.into())));
                }
                group = Some(this);
                if by_domain {
                    self.domain_heading(p, doc);
                }
            }
            items.push(vec![Cell::Text(self.point_line(p, false))]);
        }
        if !items.is_empty() {
            doc.push(Block::List(items));
        }
        if self.discussion.len() > limit {
            doc.push(Block::Note(format!(
                "{limit} of {} points shown; the same command with --all shows every one \
                 (Markdown, CSV and JSON always do).",
                self.discussion.len()
            )));
        }
    }

    /// "Domain (the team is working in Stage)", and each person's note for it.
    fn domain_heading(&self, p: &DiscussionPoint, doc: &mut Doc) {
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
}

/// " — “comment”", where a decision has one.
pub fn comment_words(t: &TeamAnswer) -> Option<String> {
    t.comment.as_ref().map(|c| format!(" — “{c}”"))
}

impl View for TeamView {
    fn sheet(&self) -> Table {
        self.data()
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        let round = SubjectInfo::Round(self.round.clone());
        doc.push(Block::Heading(format!(
            "{}: {}",
            self.framework.title,
            round.title()
        )));
        let dated: Vec<String> = self
            .assessments
            .iter()
            .map(|r| format!("{} ({})", r.respondent, date_of(r.taken_at)))
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
        doc.blocks
            .extend(pending_line(&self.pending_steps, self.round.number).map(Block::Text));
        let flagged: Vec<String> = self
            .assessments
            .iter()
            .filter(|r| r.other_framework)
            .map(|r| {
                format!(
                    "{} (framework version {}, {})",
                    r.respondent,
                    r.framework_version,
                    date_of(r.taken_at)
                )
            })
            .collect();
        if !flagged.is_empty() {
            doc.push(Block::Text(format!(
                "Taken against another framework version ({} {} is in use), so compare with \
                 care: {}.",
                self.framework.id,
                self.framework.version,
                flagged.join("; ")
            )));
        }
        if !self.decisions.is_empty() {
            doc.push(Block::Heading(format!(
                "Decided by the team ({})",
                self.decisions.len()
            )));
            let lines = self.decision_lines(true).into_iter();
            doc.push(Block::List(lines.map(|l| vec![Cell::Text(l)]).collect()));
        }
        if self.discussion.is_empty() {
            doc.push(Block::Text(
                "Everyone gave the same answer to every action, and nobody said Don't know: \
                 nothing to discuss."
                    .into(),
            ));
        } else {
            self.agenda(&mut doc);
        }
        doc
    }
}

impl TeamView {
    /// One row per agenda point (position, status, whether it decides the stage, who said what
    /// unless anonymous, how many gave each answer, the team's answer and where it comes from),
    /// with each domain's team stage; a domain with no point has a row of its own.
    fn data(&self) -> Table {
        let mut header: Vec<String> = [
            "position",
            "status",
            "decides_stage",
            "domain_id",
            "domain",
            "stage",
            "action_id",
            "action",
            "action_stage",
            "team_answer",
            "team_source",
            "team_agreed_at",
            "team_comment",
        ]
        .map(String::from)
        .to_vec();
        let counted: Vec<String> = Answer::ALL
            .iter()
            .map(|a| a.key().replace('-', "_"))
            .collect();
        if !self.anonymous {
            // A person named like a column (`status`, `in_place`) is told apart from it, so no
            // spreadsheet reads two columns of one name.
            let taken = |name: &str| {
                let name = name.to_lowercase();
                header.iter().chain(&counted).any(|h| *h == name)
            };
            let people: Vec<String> = (self.assessments.iter())
                .map(|r| match &r.respondent {
                    name if taken(name) => format!("{name} (person)"),
                    name => name.clone(),
                })
                .collect();
            header.extend(people);
        }
        header.extend(counted);
        let width = header.len();
        let text = |t: &str| Cell::Text(t.to_string());
        // The team's answer to an action, and where from: its answer, source, date and comment.
        let team_cells = |team: Option<&TeamAnswer>| {
            let source = team.map(|t| serde_json::to_value(t.source).unwrap_or_default());
            let at = team.and_then(|t| t.agreed_at).map(|t| t.to_string());
            [
                text(team.map_or("", |t| t.answer.label())),
                text(source.as_ref().and_then(|s| s.as_str()).unwrap_or_default()),
                text(at.as_deref().unwrap_or_default()),
                text(team.and_then(|t| t.comment.as_deref()).unwrap_or_default()),
            ]
        };
        let counts = |c: &indexmap::IndexMap<&'static str, usize>| {
            let n = |a: &Answer| c.get(a.key()).copied().unwrap_or(0).to_string();
            Answer::ALL
                .iter()
                .map(move |a| text(&n(a)))
                .collect::<Vec<_>>()
        };
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for d in &self.domains {
            let points: Vec<&DiscussionPoint> = self
                .discussion
                .iter()
                .filter(|p| p.at.domain_id == d.id)
                .collect();
            // Decisions in force that are not on the agenda: a row each, so every one is there.
            let decided: Vec<&DecisionInfo> = (self.decisions.iter())
                .filter(|x| x.at.domain_id == d.id)
                .filter(|x| !points.iter().any(|p| p.at.action_id == x.at.action_id))
                .collect();
            let domain = [text(&d.id), text(&d.name), text(&d.team.name)];
            if points.is_empty() && decided.is_empty() {
                let mut row = vec![text(""), text(""), text("")];
                row.extend(domain.iter().cloned());
                row.resize(width, text(""));
                rows.push(row);
            }
            for p in points {
                let status = serde_json::to_value(p.status).unwrap_or_default();
                let mut row = vec![
                    text(&p.position.to_string()),
                    text(status.as_str().unwrap_or_default()),
                    text(&p.decides_stage.to_string()),
                ];
                row.extend(domain.iter().cloned());
                row.extend([
                    text(&p.at.action_id),
                    text(&p.at.action),
                    text(&p.at.stage_name),
                ]);
                row.extend(team_cells(p.team.as_ref()));
                row.extend(
                    p.answers
                        .iter()
                        .map(|w| text(w.answer.map_or("", |a| a.label()))),
                );
                row.extend(counts(&p.split));
                rows.push(row);
            }
            for x in decided {
                let mut row = vec![text(""), text("decided"), text("")];
                row.extend(domain.iter().cloned());
                row.extend([
                    text(&x.at.action_id),
                    text(&x.at.action),
                    text(&x.at.stage_name),
                ]);
                row.extend(team_cells(Some(&x.team)));
                if !self.anonymous {
                    row.extend(self.assessments.iter().map(|_| text("")));
                }
                row.extend(counts(&x.team.split));
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
    use crate::core::subject::{At, Requested};
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
            &snapshot(f, h, Requested::Team, At::One(None)),
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
                .respondent_stages
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
        let text = crate::tests::rendered(
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
        let text = crate::tests::rendered(
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
        assert_eq!(v.discussion[0].split["in-place"], 1);
        let text = crate::tests::rendered(
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
        assert!(v.assessments[0].other_framework);
        assert!(!v.assessments[1].other_framework);
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
        assert_eq!(t.rows[1][3], Cell::Text("d1".into()));
        assert_eq!(t.rows[1][5], Cell::Text("Stage 0".into()));
    }
}
