//! The interactive walk through every domain and action, and (in [`plan_edit`]) `plan edit`'s
//! questions, on one question engine. The flow (which question comes next, what Esc goes back to,
//! what a rerun may skip, where a resumed walk picks up) is plain code over the [`Prompter`] trait,
//! so it is unit tested with scripted answers; the prompts live in the shell. After every answer
//! the [`Draft`] is handed to a save callback, so an interrupted walk loses at most the question on
//! screen.

use indexmap::IndexMap;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::core::answers::{Answer, Assessment, FrameworkRef};
use crate::core::framework::{Domain, Framework};

pub mod meeting;
pub mod plan_edit;
pub mod start;
use meeting::{AgreeQuestion, FollowUpQuestion};
use plan_edit::Question;

/// An assessment under way, saved after every answer so it can be resumed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// When the walk began.
    pub started_at: Timestamp,
    /// When the last answer was given.
    pub updated_at: Timestamp,
    /// The assessment's label, if any.
    #[serde(default)]
    pub label: Option<String>,
    /// Who is answering, if they said.
    #[serde(default)]
    pub respondent: Option<String>,
    /// The framework being walked.
    pub framework: FrameworkRef,
    /// Answers given (or kept from last time), by action id.
    #[serde(default)]
    pub answers: IndexMap<String, Answer>,
    /// Notes, by domain id.
    #[serde(default)]
    pub notes: IndexMap<String, String>,
    /// Domains confirmed unchanged since last time.
    #[serde(default)]
    pub unchanged: Vec<String>,
    /// Domains confirmed changed since last time.
    #[serde(default)]
    pub changed: Vec<String>,
    /// Domains whose note question was answered.
    #[serde(default)]
    pub noted: Vec<String>,
}

impl Draft {
    /// A fresh draft.
    pub fn new(framework: &Framework, now: Timestamp) -> Draft {
        Draft {
            started_at: now,
            updated_at: now,
            label: None,
            respondent: None,
            framework: framework.into(),
            answers: IndexMap::new(),
            notes: IndexMap::new(),
            unchanged: Vec::new(),
            changed: Vec::new(),
            noted: Vec::new(),
        }
    }

    /// How many of the framework's actions have an answer.
    pub fn answered(&self, framework: &Framework) -> usize {
        framework
            .actions()
            .filter(|(_, a)| self.answers.contains_key(&a.id))
            .count()
    }

    /// The finished assessment, answers in framework order, taken at `now`. Answers and notes of
    /// `previous` for ids this framework lacks are carried over, so an adapted framework loses
    /// nothing.
    pub fn finish(
        &self,
        framework: &Framework,
        now: Timestamp,
        previous: Option<&Assessment>,
    ) -> Assessment {
        let mut a = Assessment::new(framework, now);
        a.label = self.label.clone();
        a.respondent = self.respondent.clone();
        a.answers.extend(
            framework
                .actions()
                .filter_map(|(_, x)| Some((x.id.clone(), *self.answers.get(&x.id)?))),
        );
        let note = |d: &Domain| {
            Some((
                d.id.clone(),
                self.notes
                    .get(&d.id)
                    .filter(|n| !n.trim().is_empty())?
                    .clone(),
            ))
        };
        a.notes.extend(framework.domains.iter().filter_map(note));
        if let Some(p) = previous {
            let answers = p.answers.iter().filter(|(id, _)| !framework.has_action(id));
            a.answers.extend(answers.map(|(id, x)| (id.clone(), *x)));
            let notes = p
                .notes
                .iter()
                .filter(|(id, _)| !framework.domains.iter().any(|d| &d.id == *id));
            a.notes.extend(notes.map(|(id, n)| (id.clone(), n.clone())));
        }
        a
    }
}

/// A reply to a question: a value, or "go back" (Esc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    /// The person answered.
    Given(T),
    /// The person asked to go back to the previous question.
    Back,
}

/// Why a prompt ended without an answer.
#[derive(Debug)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Stop {
    /// Ctrl-C, or the terminal closed.
    Interrupted,
    /// As `Interrupted`, in the middle of typing this text (kept, not lost).
    InterruptedWhileTyping(String),
    /// The terminal failed.
    Io(std::io::Error),
    /// The terminal has `rows` rows; a question needs `needed`.
    TooSmall { rows: usize, needed: usize },
}

/// Where a question sits in the walk, for the prompt to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place<'a> {
    /// 1-based domain number.
    pub domain_number: usize,
    /// How many domains.
    pub domain_count: usize,
    /// The domain's name.
    pub domain: &'a str,
}

/// One action as the person answered it last time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastTime<'a> {
    /// The action's text.
    pub text: &'a str,
    /// Their answer then.
    pub answer: Option<Answer>,
    /// What the team decided about it, where that differs from their answer (worded by the
    /// shell).
    pub team: Option<&'a str>,
}

/// "Anything changed in this domain since last time?"
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedQuestion<'a> {
    /// Where the question sits.
    pub place: Place<'a>,
    /// The domain's actions with last time's answers, so the person can judge.
    pub last_time: Vec<LastTime<'a>>,
    /// When the earlier assessment was taken.
    pub since: Option<Timestamp>,
    /// Where the cursor starts: the answer already given, else "no".
    pub default: bool,
}

/// One action's question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionQuestion<'a> {
    /// Where the question sits.
    pub place: Place<'a>,
    /// 1-based action number across the whole framework.
    pub number: usize,
    /// How many actions in all.
    pub count: usize,
    /// The name of the action's stage.
    pub stage: &'a str,
    /// The action's text.
    pub text: &'a str,
    /// What the action means, where the framework says.
    pub explain: Option<&'a str>,
    /// Where to read more.
    pub links: &'a [crate::core::framework::Link],
    /// What the team agreed about it and its latest evidence, if any.
    pub about: Option<&'a str>,
    /// The answer the cursor starts on.
    pub default: Answer,
}

/// The optional note after a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteQuestion<'a> {
    /// Where the question sits.
    pub place: Place<'a>,
    /// The text the note starts with (last time's note).
    pub initial: &'a str,
}

/// "Who is answering?", asked before the walk when no name was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameQuestion<'a> {
    /// The team's members to choose from (none yet: a name is typed).
    pub members: Vec<&'a str>,
    /// The member the cursor starts on: the one whose account runs the
    /// tool. Never simply whoever answered last.
    pub usual: Option<&'a str>,
}

/// "Did you mean Priya?", for a typed name close to members' names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeantQuestion<'a> {
    /// What was typed.
    pub typed: &'a str,
    /// The members it is close to.
    pub members: &'a [String],
}

/// "Carry on with your unfinished assessment?"
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeQuestion {
    /// When the unfinished walk started.
    pub started_at: Timestamp,
    /// How many actions it has answered.
    pub answered: usize,
    /// How many actions there are.
    pub count: usize,
}

/// Asks the walk's questions, the two before it (who is answering, whether to carry on), `plan
/// edit`'s and the meeting's: on a terminal with dialoguer, or from a script, so tests run a
/// session without one.
pub trait Prompter {
    /// Asks who is answering: a member, or a name typed; empty answers without one.
    fn name(&mut self, q: &NameQuestion) -> Result<String, Stop>;
    /// Asks whether a typed name meant one of the members (`None`: no, someone new).
    fn meant(&mut self, q: &MeantQuestion) -> Result<Option<String>, Stop>;
    /// Asks whether to carry on with an unfinished walk.
    fn resume(&mut self, q: &ResumeQuestion) -> Result<bool, Stop>;
    /// Shows text above the questions (the header, notes).
    fn tell(&mut self, _text: &str) {}
    /// Shows something settled before the questions (who, which draft).
    fn settled(&mut self, _text: &str) {}
    /// Asks whether a domain changed; `Back` goes to the previous question.
    fn changed(&mut self, q: &ChangedQuestion) -> Result<Reply<bool>, Stop>;
    /// Asks for one action's answer.
    fn answer(&mut self, q: &ActionQuestion) -> Result<Reply<Answer>, Stop>;
    /// Asks for a domain's note (empty: none).
    fn note(&mut self, q: &NoteQuestion) -> Result<Reply<String>, Stop>;
    /// The walk went back one question (e.g. to take back what the answer showed).
    fn went_back(&mut self) {}
    /// Asks `plan edit`'s question for a line of text; Enter on an empty line keeps `q.now`.
    fn line(&mut self, q: &Question) -> Result<Reply<String>, Stop>;
    /// Asks which stage a domain should reach: an index into [`plan_edit::PlanOutline::offers`].
    fn target(&mut self, q: &Question) -> Result<Reply<usize>, Stop>;
    /// Asks what the team agrees about a point of the meeting (`None`: leave it to the rule).
    fn agree(&mut self, q: &AgreeQuestion) -> Result<Reply<Option<Answer>>, Stop>;
    /// Asks the meeting's question after an agreement: a line of text (empty: skipped).
    fn follow_up(&mut self, q: &FollowUpQuestion) -> Result<Reply<String>, Stop>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Changed(usize),
    Action {
        domain: usize,
        index: usize,
        number: usize,
    },
    Note(usize),
}

/// What a walk starts from.
#[derive(Debug, Clone, Copy)]
pub struct Start<'a> {
    /// The framework to walk.
    pub framework: &'a Framework,
    /// The respondent's latest assessment, for defaults and "anything changed?".
    pub previous: Option<&'a Assessment>,
    /// Walk every action even on a rerun.
    pub full: bool,
    /// What the team agreed and the evidence it has, by action id, shown under
    /// the action (worded by the shell).
    pub about: &'a indexmap::IndexMap<String, String>,
    /// What the team decided, by action id, where it differs from the person's answer last time,
    /// shown beside it (worded by the shell).
    pub team: &'a indexmap::IndexMap<String, String>,
}

/// Walks every question not yet answered in `draft`, saving after each; the draft then holds the
/// assessment.
pub fn walk<P: Prompter, E>(
    start: Start,
    draft: &mut Draft,
    prompter: &mut P,
    mut save: impl FnMut(&Draft) -> Result<(), E>,
    mut now: impl FnMut() -> Timestamp,
) -> Result<(), WalkError<E>> {
    let f = start.framework;
    let steps = steps(f, start.previous.is_some() && !start.full);
    let count = f.action_count();
    let applies = |draft: &Draft, step| active(step, f, draft, start.previous);
    let from = steps
        .iter()
        .position(|s| applies(draft, *s) && !recorded(*s, f, draft))
        .unwrap_or(steps.len());
    in_turn(
        &steps,
        from,
        draft,
        prompter,
        applies,
        |draft, prompter, step| {
            let domain_of = |d: usize| Place {
                domain_number: d + 1,
                domain_count: f.domains.len(),
                domain: &f.domains[d].name,
            };
            let earlier = |id: &str| start.previous.and_then(|p| p.answer(id));
            let reply = match step {
                Step::Changed(d) => {
                    let q = ChangedQuestion {
                        place: domain_of(d),
                        last_time: f.domains[d]
                            .actions
                            .iter()
                            .map(|a| LastTime {
                                text: &a.text,
                                answer: earlier(&a.id),
                                team: start.team.get(&a.id).map(String::as_str),
                            })
                            .collect(),
                        since: start.previous.map(|p| p.taken_at),
                        default: draft.changed.contains(&f.domains[d].id),
                    };
                    let reply = prompter.changed(&q).map_err(WalkError::Stopped)?;
                    reply.map(|changed| record_changed(f, d, changed, draft, start.previous))
                }
                Step::Action {
                    domain,
                    index,
                    number,
                } => {
                    let action = &f.domains[domain].actions[index];
                    let default = draft
                        .answers
                        .get(&action.id)
                        .copied()
                        .or(earlier(&action.id))
                        .unwrap_or(Answer::NotYet);
                    let q = ActionQuestion {
                        place: domain_of(domain),
                        number,
                        count,
                        stage: &f.stages[action.stage_index].name,
                        text: &action.text,
                        explain: action.explain.as_deref(),
                        links: &action.links,
                        default,
                        about: start.about.get(&action.id).map(String::as_str),
                    };
                    let reply = prompter.answer(&q).map_err(WalkError::Stopped)?;
                    reply.map(|a| {
                        draft.answers.insert(action.id.clone(), a);
                    })
                }
                Step::Note(d) => {
                    let id = &f.domains[d].id;
                    let earlier = start.previous.and_then(|p| p.note(id));
                    let initial = draft
                        .notes
                        .get(id)
                        .map(String::as_str)
                        .or(earlier)
                        .unwrap_or("")
                        .to_string();
                    let reply = prompter.note(&NoteQuestion {
                        place: domain_of(d),
                        initial: &initial,
                    });
                    // A note being typed when the walk stops is kept, not marked as answered
                    // (offered again).
                    if let Err(Stop::InterruptedWhileTyping(typed)) = &reply {
                        draft.notes.insert(id.clone(), typed.clone());
                        draft.updated_at = now();
                        save(draft).map_err(WalkError::Save)?;
                        return Err(WalkError::Stopped(Stop::Interrupted));
                    }
                    // The prompter trims what was typed; a note kept as it was is kept exactly,
                    // newline and all.
                    reply.map_err(WalkError::Stopped)?.map(|n| {
                        draft.notes.insert(id.clone(), n);
                        if !draft.noted.contains(id) {
                            draft.noted.push(id.clone());
                        }
                    })
                }
            };
            if reply == Reply::Given(()) {
                draft.updated_at = now();
                save(draft).map_err(WalkError::Save)?;
            }
            Ok(reply)
        },
    )
}

/// The one question engine, for the walk, `plan edit` and `meeting`: asks `steps` in turn from
/// `pos` on, passing over one that does not apply (by `applies`, on `state` as it is then); `Back`
/// goes to the nearest earlier step that applies, or asks the first again.
pub fn in_turn<S: Copy, T, P: Prompter, E>(
    steps: &[S],
    mut pos: usize,
    state: &mut T,
    prompter: &mut P,
    applies: impl Fn(&T, S) -> bool,
    mut ask: impl FnMut(&mut T, &mut P, S) -> Result<Reply<()>, E>,
) -> Result<(), E> {
    while pos < steps.len() {
        if !applies(state, steps[pos]) {
            pos += 1;
            continue;
        }
        match ask(state, prompter, steps[pos])? {
            Reply::Given(()) => pos += 1,
            Reply::Back => {
                if let Some(p) = (0..pos).rev().find(|&p| applies(state, steps[p])) {
                    pos = p;
                    prompter.went_back();
                }
            }
        }
    }
    Ok(())
}

impl<T> Reply<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Given(t) => Reply::Given(f(t)),
            Reply::Back => Reply::Back,
        }
    }
}

/// Why a walk ended early.
#[derive(Debug)]
pub enum WalkError<E> {
    /// The prompter stopped (Ctrl-C, closed terminal).
    Stopped(Stop),
    /// The draft could not be saved (for `plan edit`: the plan could not be read or saved).
    Save(E),
}

fn steps(f: &Framework, rerun: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut number = 0;
    for (d, domain) in f.domains.iter().enumerate() {
        if rerun {
            steps.push(Step::Changed(d));
        }
        for index in 0..domain.actions.len() {
            number += 1;
            steps.push(Step::Action {
                domain: d,
                index,
                number,
            });
        }
        steps.push(Step::Note(d));
    }
    steps
}

/// Whether a step is asked: a domain confirmed unchanged skips its actions
/// that have an earlier answer (new actions are still asked) and its note.
fn active(step: Step, f: &Framework, draft: &Draft, previous: Option<&Assessment>) -> bool {
    let unchanged = |d: usize| draft.unchanged.contains(&f.domains[d].id);
    match step {
        // Only a domain answered last time can be "unchanged"; any other is asked in full.
        Step::Changed(d) => previous.is_some_and(|p| {
            f.domains[d]
                .actions
                .iter()
                .any(|a| p.answer(&a.id).is_some())
        }),
        Step::Action { domain, index, .. } => {
            !(unchanged(domain)
                && previous
                    .is_some_and(|p| p.answer(&f.domains[domain].actions[index].id).is_some()))
        }
        Step::Note(d) => !unchanged(d),
    }
}

fn recorded(step: Step, f: &Framework, draft: &Draft) -> bool {
    match step {
        Step::Changed(d) => {
            let id = &f.domains[d].id;
            draft.unchanged.contains(id) || draft.changed.contains(id)
        }
        Step::Action { domain, index, .. } => draft
            .answers
            .contains_key(&f.domains[domain].actions[index].id),
        Step::Note(d) => draft.noted.contains(&f.domains[d].id),
    }
}

fn record_changed(
    f: &Framework,
    d: usize,
    changed: bool,
    draft: &mut Draft,
    previous: Option<&Assessment>,
) {
    let domain = &f.domains[d];
    draft.unchanged.retain(|x| x != &domain.id);
    draft.changed.retain(|x| x != &domain.id);
    if changed {
        draft.changed.push(domain.id.clone());
        return;
    }
    draft.unchanged.push(domain.id.clone());
    if let Some(p) = previous {
        for action in &domain.actions {
            if let Some(a) = p.answer(&action.id) {
                draft.answers.insert(action.id.clone(), a);
            }
        }
        match p.note(&domain.id) {
            Some(n) => draft.notes.insert(domain.id.clone(), n.to_string()),
            None => draft.notes.shift_remove(&domain.id),
        };
    }
}

#[cfg(test)]
mod tests;
