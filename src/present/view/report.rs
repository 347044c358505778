//! `report` and the walk's closing table: each domain's stage, progress and change.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::Answer;
use crate::core::compare::{Comparison, Movement};
use crate::core::framework::Framework;
use crate::core::stage::{self, Position};
use crate::core::subject::Snapshot;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::refs::{
    ActionRef, EvidenceInfo, FrameworkInfo, PersonNote, StageRef, evidence_in_place, notes_of,
};
use crate::present::view::sheet::{column, header, text};
use crate::present::view::subject::{ComparedOver, SubjectInfo, UnderKey};
use crate::present::view::team_answer::pending_line;
use crate::present::view::team_answer::{
    ActionAnswer, PendingStep, name_in, pending_steps, team_actions,
};
use crate::present::words::AnswerWords;
use crate::present::words::stage_legend;

/// The stage table of one assessment, or of a round of the team's.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// The framework the stages are judged by.
    pub framework: FrameworkInfo,
    /// The assessment (`assessment`) or round (`round`) shown.
    #[serde(flatten)]
    pub subject: UnderKey<SubjectInfo>,
    /// The assessment or round changes are measured from, if there is one.
    pub previous: Option<SubjectInfo>,
    /// Who two rounds were compared over.
    #[serde(flatten)]
    pub over: ComparedOver,
    /// One entry per domain, in framework order.
    pub domains: Vec<DomainRow>,
    /// The stage rule, in words.
    pub rule: String,
    /// Actions In place last time and not now, in framework order.
    pub slipped: Vec<Slip>,
    /// Actions In place now and not last time, in framework order.
    pub gained: Vec<ActionRef>,
    /// When the team reviews next, if the plan says.
    #[schemars(with = "Option<crate::core::json_schema::Day>")]
    pub next_review: Option<Date>,
    /// What shows the actions In place are in place, where it was recorded.
    pub evidence: Vec<EvidenceInfo>,
    /// Steps done since the latest round, shown by default (they count from the next round).
    pub pending_steps: Vec<PendingStep>,
    #[serde(skip)]
    stage_names: Vec<String>,
}

/// One domain of a report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DomainRow {
    /// The domain's id.
    pub id: String,
    /// The domain's name.
    pub name: String,
    /// Its short name, for narrow screens.
    pub short: Option<String>,
    /// The stage it is working in, or the completion label.
    pub stage: StageRef,
    /// True when every stage is met.
    // Not `complete` in JSON: that is the completion's stage id, a count in `history`.
    #[serde(rename = "every_stage_met")]
    pub complete: bool,
    /// Progress through each stage.
    pub stages: Vec<StageCount>,
    /// The change since the previous assessment or round (null when there is none).
    pub change: Option<ChangeInfo>,
    /// The note for this domain, if any (one person's view).
    pub note: Option<String>,
    /// Each person's note for this domain (the team's view).
    pub notes: Vec<PersonNote>,
    /// Each action's team answer, agreed or by the rule (the team's view; empty for a person).
    pub actions: Vec<ActionAnswer>,
}

/// Progress through one stage of one domain.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StageCount {
    /// The stage's id.
    pub id: String,
    /// The stage's name.
    pub name: String,
    /// Actions In place.
    pub in_place: usize,
    /// Actions not Not applicable.
    pub applicable: usize,
    /// True when every applicable action is In place.
    pub met: bool,
}

/// How a domain moved since the previous assessment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeInfo {
    /// `up`, `down`, `same` or `new`.
    #[serde(rename = "direction")]
    pub movement: Movement,
    /// Where it stood before (null when the domain is new).
    pub stage_before: Option<StageRef>,
    /// Within the same stage: in place / applicable then and now, when it moved (else null).
    pub progress: Option<[usize; 4]>,
    /// How many actions were In place then and are not now (among the same people).
    pub slipped_count: usize,
    /// It moved only because of who answered (someone answered only one of the two rounds).
    pub by_who_answered: bool,
}

/// An action that was In place last time and is not now.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Slip {
    /// The action, its domain and its stage.
    #[serde(flatten)]
    pub at: ActionRef,
    /// Its answer now (`null`: not answered).
    pub now: Option<Answer>,
}

impl ChangeInfo {
    /// The Change column's cell; the stage moved from is named only when it moved.
    pub fn cell(&self) -> Cell {
        let moved = matches!(self.movement, Movement::Up(_) | Movement::Down(_));
        Cell::Change {
            direction: self.movement.into(),
            from: self
                .stage_before
                .as_ref()
                .filter(|_| moved)
                .map(|f| f.name.clone()),
            progress: self.progress,
            slipped: self.slipped_count,
            by_who: self.by_who_answered,
        }
    }
}

/// The slips of a comparison, as views list them.
pub fn slips(framework: &Framework, c: &Comparison) -> Vec<Slip> {
    c.slipped()
        .map(|x| Slip {
            at: ActionRef::new(framework, x.domain, x.action),
            now: x.after,
        })
        .collect()
}

/// Builds the report of the snapshot's point, with changes since the one before.
pub fn build(framework: &Framework, s: &Snapshot) -> Report {
    let answers = &s.point().answers;
    let comparison = s.comparison(framework);
    let domains = framework
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| {
            let status = stage::domain_status(framework, d, |id| answers.answer(id));
            let change = comparison.as_ref().map(|c| {
                let c = &c.domains[d];
                ChangeInfo {
                    movement: c.movement,
                    stage_before: c.before.map(|p| StageRef::new(framework, p)),
                    progress: c.progress,
                    slipped_count: c.slipped,
                    by_who_answered: c.by_who,
                }
            });
            let (note, notes) = if s.is_team() {
                (None, notes_of(s, &domain.id))
            } else {
                (answers.note(&domain.id).map(str::to_string), Vec::new())
            };
            DomainRow {
                id: domain.id.clone(),
                name: domain.name.clone(),
                short: domain.short.clone(),
                stage: StageRef::new(framework, status.position),
                complete: status.position == Position::Complete,
                stages: framework
                    .stages
                    .iter()
                    .zip(&status.stages)
                    .map(|(st, p)| StageCount {
                        id: st.id.clone(),
                        name: st.name.clone(),
                        in_place: p.in_place,
                        applicable: p.applicable,
                        met: p.is_met(),
                    })
                    .collect(),
                change,
                note,
                notes,
                actions: team_actions(s, domain, &name_in(s)),
            }
        })
        .collect();
    Report {
        framework: framework.into(),
        subject: SubjectInfo::of(s, s.now).keyed(),
        previous: s.before.map(|b| SubjectInfo::of(s, b)),
        over: ComparedOver::of(s),
        domains,
        rule: stage_legend(framework),
        slipped: comparison
            .as_ref()
            .map_or_else(Vec::new, |c| slips(framework, c)),
        gained: comparison.as_ref().map_or_else(Vec::new, |c| {
            c.gained()
                .map(|x| ActionRef::new(framework, x.domain, x.action))
                .collect()
        }),
        // A past round shows as it stood: the review set since is not part of it.
        next_review: s.next_review.filter(|_| s.closed_at().is_none()),
        evidence: evidence_in_place(framework, s),
        pending_steps: pending_steps(framework, s),
        stage_names: framework.stages.iter().map(|s| s.name.clone()).collect(),
    }
}

/// "Slipped since last time": what was In place and is not now.
pub fn slip_list(slipped: &[Slip], heading: &str) -> Vec<Block> {
    if slipped.is_empty() {
        return Vec::new();
    }
    let items = slipped
        .iter()
        .map(|s| {
            let now = s.now.map_or("no answer", |a| a.label());
            vec![Cell::Text(format!("{}: In place → {now}", s.at.line()))]
        })
        .collect();
    vec![
        Block::Heading(format!("{heading} ({})", slipped.len())),
        Block::List(items),
    ]
}

impl Report {
    /// The stage table: each domain's stage, change and progress per stage.
    pub fn table(&self) -> Table {
        self.stage_table(self.previous.is_some())
    }

    /// True when some domain moved, or some stage's count did, since the one before.
    pub fn moved(&self) -> bool {
        let moved = |c: &ChangeInfo| {
            !matches!(c.movement, Movement::Same) || c.progress.is_some() || c.slipped_count > 0
        };
        self.domains
            .iter()
            .any(|d| d.change.as_ref().is_some_and(moved))
    }

    /// The stage table, with the Change column when `change`.
    pub fn stage_table(&self, change: bool) -> Table {
        let mut header = vec!["Domain".to_string(), "Working in".to_string()];
        if change {
            header.push("Change".to_string());
        }
        header.extend(self.stage_names.iter().cloned());
        let of = self.stage_names.len();
        let rows = self
            .domains
            .iter()
            .map(|d| {
                let name = Cell::Name {
                    full: d.name.clone(),
                    short: d.short.clone(),
                };
                let mut row = vec![name, d.stage.cell(of)];
                if change {
                    row.push(
                        d.change
                            .as_ref()
                            .map_or(Cell::Text(String::new()), ChangeInfo::cell),
                    );
                }
                row.extend(d.stages.iter().enumerate().map(|(i, s)| Cell::Progress {
                    done: s.in_place,
                    total: s.applicable,
                    working: !d.complete && d.stage.rank == i,
                    target: false,
                }));
                row
            })
            .collect();
        Table { header, rows }
    }

    /// The stage table in four columns, for a narrow screen: each domain's stage, the progress of
    /// the stage it is working in, and its change (the walk's closing screen at 80 columns).
    pub fn compact_table(&self) -> Table {
        let header = ["Domain", "Working in", "Progress", "Change"]
            .map(String::from)
            .to_vec();
        let of = self.stage_names.len();
        let rows = self
            .domains
            .iter()
            .map(|d| {
                let name = Cell::Text(d.short.clone().unwrap_or_else(|| d.name.clone()));
                let working = d
                    .stages
                    .iter()
                    .enumerate()
                    .find(|(i, _)| d.stage.rank == *i);
                let progress = working.map_or(Cell::Text(String::new()), |(_, s)| Cell::Progress {
                    done: s.in_place,
                    total: s.applicable,
                    working: true,
                    target: false,
                });
                let change = d
                    .change
                    .as_ref()
                    .map_or(Cell::Text(String::new()), ChangeInfo::cell);
                vec![name, d.stage.cell(of), progress, change]
            })
            .collect();
        Table { header, rows }
    }

    /// Everyone's notes, one item each: "Domain: note" or "Domain (Sam): note".
    pub fn notes(&self) -> Vec<Vec<Cell>> {
        self.notes_named(false)
    }

    /// Everyone's notes, each domain named by its short name where `short` and it has one (the
    /// page, where room is short).
    pub fn notes_named(&self, short: bool) -> Vec<Vec<Cell>> {
        self.domains
            .iter()
            .flat_map(|d| {
                let name = d.short.as_ref().filter(|_| short).unwrap_or(&d.name);
                let own = d.note.iter().map(move |n| format!("{name}: {n}"));
                let each = d
                    .notes
                    .iter()
                    .map(move |n| format!("{name} ({}): {}", n.respondent, n.note));
                own.chain(each).map(|t| vec![Cell::Text(t)])
            })
            .collect()
    }
}

impl View for Report {
    fn sheet(&self) -> Table {
        report_sheet(self)
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "{}: {}",
            self.framework.title,
            self.subject.value.title()
        )));
        for line in self.subject.value.who() {
            doc.push(Block::Text(line));
        }
        if let Some(p) = &self.previous {
            doc.push(Block::Text(format!("Change since {}.", p.title())));
        }
        doc.blocks
            .extend(self.over.sentence.clone().map(Block::Text));
        doc.push(Block::Table(self.table()));
        doc.push(Block::Note(self.rule.clone()));
        let number = self.subject.value.number();
        doc.blocks
            .extend(pending_line(&self.pending_steps, number).map(Block::Text));
        if !self.gained.is_empty() {
            doc.push(Block::Heading(format!(
                "Newly in place since last time ({})",
                self.gained.len()
            )));
            doc.push(Block::List(
                self.gained
                    .iter()
                    .map(|a| vec![Cell::Text(a.line())])
                    .collect(),
            ));
        }
        doc.blocks
            .extend(slip_list(&self.slipped, "Slipped since last time"));
        if let Some(review) = self.next_review {
            doc.push(Block::Text(format!("Next review: {review}.")));
        }
        if !self.evidence.is_empty() {
            doc.push(Block::Heading("Evidence for what is in place".into()));
            doc.push(Block::List(
                self.evidence
                    .iter()
                    .map(|e| vec![Cell::Text(e.line(true))])
                    .collect(),
            ));
        }
        let notes = self.notes();
        if !notes.is_empty() {
            doc.push(Block::Heading("Notes".into()));
            doc.push(Block::List(notes));
        }
        doc
    }
}

/// `report`: one row per domain, its stage, its change and each stage's progress (`2 of 3`).
fn report_sheet(r: &Report) -> Table {
    let stages = r.domains.first().map_or(&[][..], |d| &d.stages[..]);
    let mut head = header(&["domain_id", "domain", "stage", "change"]);
    head.extend(stages.iter().map(|s| column(&s.id)));
    let rows = r
        .domains
        .iter()
        .map(|d| {
            let change = d
                .change
                .as_ref()
                .map_or(Cell::Text(String::new()), |c| c.cell());
            let mut row = vec![text(&d.id), text(&d.name), text(&d.stage.name), change];
            row.extend(
                d.stages
                    .iter()
                    .map(|s| Cell::progress(s.in_place, s.applicable)),
            );
            row
        })
        .collect();
    Table { header: head, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Assessment, History};
    use crate::present::doc::Direction;
    use crate::tests::{grid, latest};

    fn history(f: &Framework, rounds: &[&[(&str, Answer)]]) -> History {
        let mut h = History::default();
        for answers in rounds {
            let mut a = Assessment::new(f, jiff::Timestamp::UNIX_EPOCH);
            for (id, ans) in *answers {
                a.answers.insert(id.to_string(), *ans);
            }
            h.assessments.push(a);
        }
        h
    }

    #[test]
    fn the_table_has_a_row_per_domain_and_a_column_per_stage() {
        let f = grid(4, 2);
        let h = history(&f, &[&[("d0.a0", Answer::InPlace)]]);
        let r = build(&f, &latest(&f, &h));
        let t = r.table();
        assert_eq!(t.header.len(), 2 + 4);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(r.domains[0].stage.name, "Stage 1");
        assert_eq!(t.rows[0][2], Cell::progress(1, 1));
    }

    #[test]
    fn a_change_column_appears_when_there_is_a_previous_assessment() {
        let f = grid(2, 2);
        let h = history(
            &f,
            &[
                &[("d0.a0", Answer::NotYet)],
                &[("d0.a0", Answer::InPlace), ("d1.a0", Answer::NotYet)],
            ],
        );
        let r = build(&f, &latest(&f, &h));
        let t = r.table();
        assert_eq!(t.header[2], "Change");
        assert_eq!(
            t.rows[0][2],
            Cell::Change {
                direction: Direction::Up,
                from: Some("Stage 0".into()),
                progress: None,
                slipped: 0,
                by_who: false,
            }
        );
        assert_eq!(
            t.rows[1][2],
            Cell::Change {
                direction: Direction::New,
                from: None,
                progress: None,
                slipped: 0,
                by_who: false,
            }
        );
    }

    #[test]
    fn progress_inside_a_stage_and_slips_show_in_the_change_column() {
        // Three actions in the first stage: 1/3 then 2/3, one of them slipping.
        let yaml = "id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n  - \
            {id: s0, name: First}\ndomains:\n  - id: d\n    name: D\n    actions:\n      - \
            {id: a, stage: s0, text: A}\n      - {id: b, stage: s0, text: B}\n      - \
            {id: c, stage: s0, text: C}\n";
        let f = crate::core::framework::from_yaml(yaml).unwrap();
        let h = history(
            &f,
            &[
                &[
                    ("a", Answer::InPlace),
                    ("b", Answer::NotYet),
                    ("c", Answer::NotYet),
                ],
                &[
                    ("a", Answer::InProgress),
                    ("b", Answer::InPlace),
                    ("c", Answer::InPlace),
                ],
            ],
        );
        let r = build(&f, &latest(&f, &h));
        assert_eq!(
            r.table().rows[0][2],
            Cell::Change {
                direction: Direction::Same,
                from: None,
                progress: Some([1, 3, 2, 3]),
                slipped: 1,
                by_who: false,
            }
        );
        assert_eq!(r.slipped.len(), 1);
        assert_eq!(r.slipped[0].at.action_id, "a");
        let gained: Vec<&str> = r.gained.iter().map(|a| a.action_id.as_str()).collect();
        assert_eq!(gained, ["b", "c"], "gains are listed beside the slip");
        let text = crate::tests::rendered(
            &r,
            crate::present::render::Format::Markdown,
            Default::default(),
        );
        assert!(text.contains("— 1/3 → 2/3 · 1 slipped"), "{text}");
        assert!(text.contains("Slipped since last time (1)"), "{text}");
    }

    #[test]
    fn the_legend_states_the_rule_and_names_the_completion_label() {
        let f = grid(2, 1);
        let h = history(&f, &[&[]]);
        let doc = build(&f, &latest(&f, &h)).doc();
        assert!(doc.blocks.iter().any(
            |b| matches!(b, Block::Note(n) if n.contains("Done") && n.contains("Not applicable"))
        ));
    }
}
