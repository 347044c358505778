//! The meeting page (`report --format html`): what a team looks at together
//! and hands on, gathered from the other views of one snapshot: the journey
//! chart, the change since last time, progress over time, the team's
//! positions and agenda, the plan and the notes. It is read on paper, so it
//! names no command: a list too long for two sheets ends "and N more".

use serde::Serialize;

use crate::core::evidence::in_place;
use crate::core::framework::Framework;
use crate::core::record::Vote;
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::compare::{self, CompareView};
use crate::present::view::history::{self, HistoryView};
use crate::present::view::plan::{self, PlanView, done_text};
use crate::present::view::report::{self, Report};
use crate::present::view::team::{self, DecisionInfo, TeamView};
use crate::present::view::team_answer::pending_line;
use crate::present::words::AnswerWords;
use crate::present::words::{capitalised, count};

/// How many agenda points the page shows: the page must fit two A4 sheets.
pub const AGENDA_ON_PAGE: usize = 5;
/// At most this many rounds (or assessments) are drawn over time.
const OVER_TIME: usize = 10;
/// At most this many changed answers are listed.
const CHANGES_ON_PAGE: usize = 12;
/// At most this many decisions of each kind are listed (those with a comment first).
const DECISIONS_ON_PAGE: usize = 3;
/// With more people than this, an agenda point gives how many said what,
/// not each name: a list of twelve names per point does not fit paper.
const NAMES_ON_PAGE: usize = 4;

/// At most this many items of evidence are listed.
const ITEMS_ON_PAGE: usize = 3;
/// At most this many people's notes are listed.
const NOTES_ON_PAGE: usize = 2;
/// At most this many next steps are listed per domain.
const STEPS_ON_PAGE: usize = 2;

/// A list of at most `max` items, the last ending "(and N more)" for the rest: a page of two sheets
/// ends a long list rather than add a sheet (and a line for the count).
fn bounded(doc: &mut Doc, items: Vec<Vec<Cell>>, max: usize) {
    let more = items.len().saturating_sub(max);
    let mut shown: Vec<Vec<Cell>> = items.into_iter().take(max).collect();
    if let Some(last) = shown.last_mut().filter(|_| more > 0) {
        last.push(Cell::Text(format!("(and {more} more)")));
    }
    doc.push(Block::List(shown));
}

/// Everything on the meeting page.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingPage {
    /// The stage table of the round or assessment shown.
    pub report: Report,
    /// The change since the round or assessment before, if there is one.
    pub compare: Option<CompareView>,
    /// The journey over time, when there are two or more rounds or assessments.
    pub history: Option<HistoryView>,
    /// The team's positions and agenda, when the subject is the team.
    pub team: Option<TeamView>,
    /// The plan.
    pub plan: PlanView,
    /// The service's name, where the answers file gives one: the page's title.
    pub service: Option<String>,
    /// Actions In place for the team with no evidence recorded: "text (domain)".
    #[serde(skip)]
    unevidenced: Vec<String>,
}

/// The page of the snapshot's point (`files`: where each assessment came from).
pub fn build(framework: &Framework, s: &Snapshot, files: &[String]) -> MeetingPage {
    MeetingPage {
        report: report::build(framework, s),
        compare: compare::build(framework, s),
        history: (s.now > 0).then(|| history::build(framework, s)),
        team: s
            .is_team()
            .then(|| team::build(framework, s, files, false, None)),
        plan: plan::build(framework, s, &[]),
        service: s.history.service.as_ref().map(|s| s.name.clone()),
        unevidenced: if s.is_team() {
            let in_place = in_place(
                framework,
                &s.point().answers,
                &s.history.evidence,
                s.closed_at(),
            );
            let none = in_place.into_iter().filter(|p| p.evidence.is_empty());
            none.map(|p| {
                let domain = &framework.domains[p.domain];
                format!("{} ({})", domain.actions[p.action].text, domain.name)
            })
            .collect()
        } else {
            Vec::new()
        },
    }
}

impl MeetingPage {
    /// Each domain's stages as a chart: progress per stage, the working
    /// stage and the target marked, then where it is and how it moved.
    fn journey(&self) -> Table {
        let r = &self.report;
        let mut header = vec!["Domain".to_string()];
        header.extend(
            r.domains
                .first()
                .into_iter()
                .flat_map(|d| d.stages.iter().map(|s| s.name.clone())),
        );
        header.push("Working in".into());
        let rows = r
            .domains
            .iter()
            .map(|d| {
                let target = self
                    .plan
                    .domains
                    .iter()
                    .find(|p| p.id == d.id)
                    .and_then(|p| p.target.as_ref().map(|t| (t, p.target_date)));
                let mut row = vec![Cell::Name {
                    full: d.name.clone(),
                    short: d.short.clone(),
                }];
                row.extend(d.stages.iter().enumerate().map(|(i, s)| Cell::Progress {
                    done: s.in_place,
                    total: s.applicable,
                    working: !d.complete && d.stage.rank == i,
                    target: target.is_some_and(|(t, _)| t.id == s.id),
                }));
                let mut status = if d.complete {
                    format!("{} (every stage met)", d.stage.name)
                } else {
                    d.stage.name.clone()
                };
                if let Some(c) = &d.change
                    && let Some(from) = c.stage_before.as_ref().filter(|f| f.rank != d.stage.rank)
                {
                    let way = if from.rank < d.stage.rank {
                        "↑ up"
                    } else {
                        "↓ down"
                    };
                    status += &format!("; {way} from {}", from.name);
                }
                if let Some((t, by)) = target {
                    let by = by
                        .filter(|_| !t.met)
                        .map(|by| format!(" by {by}"))
                        .unwrap_or_default();
                    status += &format!("{}{by}", t.words());
                }
                row.push(Cell::Text(status));
                row
            })
            .collect();
        Table { header, rows }
    }

    fn change(&self, c: &CompareView, doc: &mut Doc) {
        doc.push(Block::Heading(format!(
            "Change since {}",
            c.earlier.short()
        )));
        doc.blocks.extend(c.over.sentence.clone().map(Block::Text));
        let moved: Vec<Vec<Cell>> = c
            .domains
            .iter()
            .filter(|d| {
                d.stage_after.rank != d.stage_before.as_ref().map_or(usize::MAX, |f| f.rank)
            })
            .map(|d| {
                let from = d
                    .stage_before
                    .as_ref()
                    .map_or("no answers", |f| f.name.as_str());
                let who = if d.by_who_answered {
                    " (who answered)"
                } else {
                    ""
                };
                vec![Cell::Text(format!(
                    "{}: {from} → {}{who}",
                    d.name, d.stage_after.name
                ))]
            })
            .collect();
        if moved.is_empty() {
            doc.push(Block::Text(
                "Every domain is at the same stage as then.".into(),
            ));
        } else {
            doc.push(Block::List(moved));
        }
        if c.changes.is_empty() {
            doc.push(Block::Text("No answer changed.".into()));
        } else {
            doc.push(Block::Text(format!(
                "Answers that changed ({}):",
                c.changes.len()
            )));
            let changed = c.changes.iter().map(|a| {
                let was = a.from.map_or("not asked", |x| x.label());
                let is = a.to.map_or("not asked", |x| x.label());
                let who = if a.by_who_answered {
                    " (who answered)"
                } else {
                    ""
                };
                vec![Cell::Text(format!(
                    "{} ({}): {was} → {is}{who}",
                    a.at.action, a.at.stage_name
                ))]
            });
            bounded(doc, changed.collect(), CHANGES_ON_PAGE);
        }
        if let Some(plan) = &c.plan {
            doc.blocks.extend(plan.lines().into_iter().map(Block::Text));
        }
    }

    fn team(&self, t: &TeamView, doc: &mut Doc) {
        doc.push(Block::Heading("The team".into()));
        // The journey above names each domain in full; here the short names leave room for people.
        let mut table = t.stage_table();
        for row in &mut table.rows {
            if let Some(Cell::Name {
                full,
                short: Some(short),
            }) = row.first()
            {
                let _ = full;
                row[0] = Cell::Text(short.clone());
            }
        }
        doc.push(Block::Table(table));
        if !t.discussion.is_empty() {
            let open = t.open();
            doc.push(Block::Text(format!(
                "The agenda ({}; {open} open, {} settled; to confirm first, then those that \
                 decide the team's stage):",
                count(t.discussion.len(), "point"),
                t.discussion.len() - open
            )));
            let counted = t.assessments.len() > NAMES_ON_PAGE;
            let items = t
                .discussion
                .iter()
                .map(|p| vec![Cell::Text(t.point_line(p, counted))]);
            bounded(doc, items.collect(), AGENDA_ON_PAGE);
        }
        // What the team decided, in three kinds: overriding its round's vote, matching it, and
        // steps done between reviews; within each, those with a comment first.
        let lines: Vec<(String, &DecisionInfo)> = t
            .decision_lines(false)
            .into_iter()
            .zip(&t.decisions)
            .collect();
        let kinds = [
            (
                Some(Vote::Override),
                "Decided by the team, overriding the vote of their round",
            ),
            (
                Some(Vote::Matches),
                "Decided by the team, matching the vote of their round",
            ),
            (
                Some(Vote::NoMajority),
                "Decided by the team where the vote of their round had no majority",
            ),
            (None, "Steps done between reviews"),
        ];
        for (vote, heading) in kinds {
            let mut these: Vec<&(String, &DecisionInfo)> =
                lines.iter().filter(|(_, d)| d.team.vote == vote).collect();
            if these.is_empty() {
                continue;
            }
            these.sort_by_key(|(_, d)| d.team.comment.is_none());
            doc.push(Block::Text(format!("{heading} ({}):", these.len())));
            let items = these.iter().map(|(l, _)| vec![Cell::Text(l.clone())]);
            bounded(doc, items.collect(), DECISIONS_ON_PAGE);
        }
    }

    /// The evidence recorded, and the actions In place for the team with none.
    fn evidence(&self, doc: &mut Doc) {
        let r = &self.report;
        if !r.evidence.is_empty() {
            doc.push(Block::Heading("Evidence for what is in place".into()));
            let items = r.evidence.iter().map(|e| vec![Cell::Text(e.line(false))]);
            bounded(doc, items.collect(), ITEMS_ON_PAGE);
        }
        if !self.unevidenced.is_empty() {
            doc.push(Block::Text(format!(
                "In place, no evidence recorded ({}):",
                self.unevidenced.len()
            )));
            let items = self.unevidenced.iter().map(|l| vec![Cell::Text(l.clone())]);
            bounded(doc, items.collect(), ITEMS_ON_PAGE);
        }
    }

    fn plan(p: &PlanView, doc: &mut Doc) {
        doc.push(Block::Heading("The plan".into()));
        doc.blocks.extend(p.review_line().map(Block::Text));
        for d in &p.domains {
            let n = d.steps.len();
            let shown = if n > STEPS_ON_PAGE {
                format!("; {n} steps, the first {STEPS_ON_PAGE} below")
            } else {
                String::new()
            };
            doc.push(Block::Text(format!("{}{shown}", d.heading())));
            let items = d.items(false).into_iter().take(STEPS_ON_PAGE);
            if n > 0 {
                doc.push(Block::List(items.collect()));
            }
            if !d.done.is_empty() {
                let done: Vec<String> = d.done.iter().map(done_text).collect();
                doc.push(Block::Note(format!("Done: {}", done.join("; "))));
            }
        }
        if !p.complete_domains.is_empty() {
            let names: Vec<&str> = p.complete_domains.iter().map(|d| d.name.as_str()).collect();
            doc.push(Block::Text(format!(
                "Every stage met: {}.",
                names.join("; ")
            )));
            for d in p.complete_domains.iter().filter(|d| !d.done.is_empty()) {
                let done: Vec<String> = d.done.iter().map(done_text).collect();
                doc.push(Block::Note(format!(
                    "Done in {}: {}",
                    d.name,
                    done.join("; ")
                )));
            }
        }
    }
}

impl View for MeetingPage {
    fn sheet(&self) -> Table {
        self.report.sheet()
    }

    fn doc(&self) -> Doc {
        let r = &self.report;
        let subject = capitalised(&r.subject.value.title());
        let mut doc = Doc::default();
        let title = self.service.as_deref().unwrap_or(&r.framework.title);
        doc.push(Block::Heading(format!("{title}: {subject}")));
        doc.push(Block::Note(format!(
            "{} (version {}), made with mbct-sustain.",
            r.framework.title, r.framework.version
        )));
        doc.blocks
            .extend(r.subject.value.who().into_iter().map(Block::Text));
        let number = r.subject.value.number();
        doc.blocks
            .extend(pending_line(&r.pending_steps, number).map(Block::Text));
        doc.blocks.extend(self.plan.review_line().map(Block::Text));
        doc.push(Block::Heading("Where each domain is: the journey".into()));
        doc.push(Block::Table(self.journey()));
        let target = if self.plan.domains.iter().any(|d| d.target.is_some()) {
            "A dashed outline is the team's target. "
        } else {
            ""
        };
        // The stage rule in the chart's own terms, once (the report's legend says the same).
        doc.push(Block::Note(format!(
            "How to read it: each stage is filled by its share of actions In place (Not applicable \
             ones left out; counts are In place / applicable); a domain is working in the first \
             stage not yet fully in place (thick outline), and one with every stage met is {}. \
             {target}",
            self.plan
                .stages
                .last()
                .map_or("", |(_, name)| name.as_str())
        )));
        if let Some(c) = &self.compare {
            self.change(c, &mut doc);
        }
        if let Some(h) = &self.history {
            doc.push(Block::Heading("Progress over time".into()));
            doc.push(Block::Table(h.journey(OVER_TIME)));
            doc.push(h.legend());
            let all = h.entries.value.len();
            if all > OVER_TIME {
                doc.push(Block::Note(format!("The latest {OVER_TIME} of {all}.")));
            }
        }
        if let Some(t) = &self.team {
            self.team(t, &mut doc);
        }
        self.evidence(&mut doc);
        Self::plan(&self.plan, &mut doc);
        let notes = r.notes_named(true);
        if !notes.is_empty() {
            doc.push(Block::Heading("Notes".into()));
            bounded(&mut doc, notes, NOTES_ON_PAGE);
        }
        doc
    }
}
