use super::*;
use crate::tests::grid;
use std::collections::VecDeque;

/// A prompter that plays a script and records what it was asked.
#[derive(Default)]
struct Script {
    replies: VecDeque<Do>,
    asked: Vec<String>,
    defaults: Vec<Answer>,
    changed_defaults: Vec<bool>,
    backs: usize,
}

#[derive(Debug)]
enum Do {
    Typing(&'static str),
    Changed(bool),
    Pick(Answer),
    Note(&'static str),
    Back,
    Quit,
}

impl Script {
    fn new(replies: impl IntoIterator<Item = Do>) -> Script {
        Script {
            replies: replies.into_iter().collect(),
            ..Script::default()
        }
    }

    fn next<T>(
        &mut self,
        asked: String,
        pick: impl FnOnce(Do) -> Option<T>,
    ) -> Result<Reply<T>, Stop> {
        self.asked.push(asked.clone());
        match self.replies.pop_front() {
            None | Some(Do::Quit) => Err(Stop::Interrupted),
            Some(Do::Typing(t)) => Err(Stop::InterruptedWhileTyping(t.to_string())),
            Some(Do::Back) => Ok(Reply::Back),
            Some(s) => {
                Ok(Reply::Given(pick(s).unwrap_or_else(|| {
                    panic!("script out of step at {asked}")
                })))
            }
        }
    }
}

impl Prompter for Script {
    fn name(&mut self, _q: &NameQuestion) -> Result<String, Stop> {
        unreachable!("the walk itself never asks for a name")
    }
    fn resume(&mut self, _q: &ResumeQuestion) -> Result<bool, Stop> {
        unreachable!("the walk itself never offers a draft")
    }
    fn meant(&mut self, _q: &crate::core::walk::MeantQuestion) -> Result<Option<String>, Stop> {
        unreachable!("the walk itself never asks for a name")
    }
    fn line(&mut self, _q: &plan_edit::Question) -> Result<Reply<String>, Stop> {
        unreachable!("the walk never asks plan edit's questions")
    }
    fn target(&mut self, _q: &plan_edit::Question) -> Result<Reply<usize>, Stop> {
        unreachable!("the walk never asks plan edit's questions")
    }
    fn agree(
        &mut self,
        _q: &crate::core::walk::meeting::AgreeQuestion,
    ) -> Result<Reply<Option<Answer>>, Stop> {
        unreachable!("the walk never asks the meeting's questions")
    }
    fn follow_up(
        &mut self,
        _q: &crate::core::walk::meeting::FollowUpQuestion,
    ) -> Result<Reply<String>, Stop> {
        unreachable!("the walk never asks the meeting's questions")
    }
    fn changed(&mut self, q: &ChangedQuestion) -> Result<Reply<bool>, Stop> {
        self.changed_defaults.push(q.default);
        self.next(format!("changed {}", q.place.domain_number), |s| match s {
            Do::Changed(c) => Some(c),
            _ => None,
        })
    }
    fn answer(&mut self, q: &ActionQuestion) -> Result<Reply<Answer>, Stop> {
        self.defaults.push(q.default);
        self.next(
            format!("action {}/{} {}", q.number, q.count, q.stage),
            |s| match s {
                Do::Pick(a) => Some(a),
                _ => None,
            },
        )
    }
    fn went_back(&mut self) {
        self.backs += 1;
    }
    fn note(&mut self, q: &NoteQuestion) -> Result<Reply<String>, Stop> {
        self.next(format!("note {}", q.place.domain_number), |s| match s {
            Do::Note(n) => Some(n.to_string()),
            _ => None,
        })
    }
}

fn run(
    f: &Framework,
    previous: Option<&Assessment>,
    full: bool,
    draft: &mut Draft,
    script: &mut Script,
) -> (Result<(), WalkError<()>>, usize) {
    let mut saves = 0;
    let r = walk(
        Start {
            framework: f,
            previous,
            full,
            about: &indexmap::IndexMap::new(),
            team: &indexmap::IndexMap::new(),
        },
        draft,
        script,
        |_| {
            saves += 1;
            Ok(())
        },
        || Timestamp::UNIX_EPOCH,
    );
    (r, saves)
}

use crate::core::answers::Answer::{InPlace, InProgress, NotApplicable, NotYet};
use Do::*;

#[test]
fn a_first_run_asks_every_action_in_order_starting_on_not_yet() {
    let f = grid(2, 2);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([
        Pick(InPlace),
        Pick(NotYet),
        Note("first"),
        Pick(NotApplicable),
        Pick(InProgress),
        Note(""),
    ]);
    let (r, saves) = run(&f, None, false, &mut draft, &mut s);
    assert!(r.is_ok());
    assert_eq!(saves, 6, "the draft is saved after every answer");
    assert_eq!(
        s.asked,
        [
            "action 1/4 Stage 0",
            "action 2/4 Stage 1",
            "note 1",
            "action 3/4 Stage 0",
            "action 4/4 Stage 1",
            "note 2"
        ]
    );
    assert!(s.defaults.iter().all(|d| *d == NotYet));
    let a = draft.finish(&f, Timestamp::UNIX_EPOCH, None);
    assert_eq!(a.answers.len(), 4);
    assert_eq!(a.note("d0"), Some("first"));
    assert_eq!(a.note("d1"), None, "an empty note is not kept");
}

#[test]
fn esc_goes_back_and_the_cursor_starts_on_the_answer_given() {
    let f = grid(2, 1);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([
        Pick(InPlace),
        Back,
        Pick(InProgress),
        Pick(NotYet),
        Note(""),
    ]);
    let (r, _) = run(&f, None, false, &mut draft, &mut s);
    assert!(r.is_ok());
    assert_eq!(
        s.asked[..3],
        [
            "action 1/2 Stage 0",
            "action 2/2 Stage 1",
            "action 1/2 Stage 0"
        ]
    );
    assert_eq!(s.defaults[2], InPlace);
    assert_eq!(draft.answers["d0.a0"], InProgress);
}

#[test]
fn esc_on_the_first_question_stays_there() {
    let f = grid(1, 1);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Back, Pick(InPlace), Note("")]);
    assert!(run(&f, None, false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.asked[..2], ["action 1/1 Stage 0", "action 1/1 Stage 0"]);
}

fn previous(f: &Framework) -> Assessment {
    let mut p = Assessment::new(f, Timestamp::UNIX_EPOCH);
    for (_, a) in f.actions() {
        p.answers.insert(a.id.clone(), InProgress);
    }
    p.notes.insert("d0".into(), "old note".into());
    p
}

#[test]
fn a_rerun_with_nothing_changed_asks_one_question_per_domain_and_keeps_everything() {
    let f = grid(3, 4);
    let prev = previous(&f);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([
        Changed(false),
        Changed(false),
        Changed(false),
        Changed(false),
    ]);
    assert!(run(&f, Some(&prev), false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.asked.len(), 4);
    let a = draft.finish(&f, Timestamp::UNIX_EPOCH, None);
    assert_eq!(a.answers, prev.answers);
    assert_eq!(a.notes, prev.notes);
}

#[test]
fn a_changed_domain_starts_each_question_on_the_previous_answer() {
    let f = grid(2, 2);
    let prev = previous(&f);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([
        Changed(true),
        Pick(InPlace),
        Pick(InProgress),
        Note("new note"),
        Changed(false),
    ]);
    assert!(run(&f, Some(&prev), false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.defaults, [InProgress, InProgress]);
    assert_eq!(draft.answers["d0.a0"], InPlace);
    assert_eq!(draft.notes["d0"], "new note");
}

#[test]
fn full_walks_every_action_even_on_a_rerun() {
    let f = grid(1, 2);
    let prev = previous(&f);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Pick(InPlace), Note(""), Pick(InPlace), Note("")]);
    assert!(run(&f, Some(&prev), true, &mut draft, &mut s).0.is_ok());
    assert!(!s.asked.iter().any(|a| a.starts_with("changed")));
}

#[test]
fn new_actions_are_asked_even_in_an_unchanged_domain() {
    let f = grid(2, 1);
    let mut prev = previous(&f);
    prev.answers.shift_remove("d0.a1");
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Changed(false), Pick(NotYet)]);
    assert!(run(&f, Some(&prev), false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.asked, ["changed 1", "action 2/2 Stage 1"]);
    assert_eq!(draft.answers.len(), 2);
}

#[test]
fn an_interrupted_walk_resumes_at_the_first_unanswered_action() {
    let f = grid(3, 2);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Pick(InPlace), Pick(InProgress), Quit]);
    let (r, saves) = run(&f, None, false, &mut draft, &mut s);
    assert!(matches!(
        r,
        Err(WalkError::Stopped(super::Stop::Interrupted))
    ));
    assert_eq!(saves, 2);
    assert_eq!(draft.answered(&f), 2);

    let mut s = Script::new([
        Pick(NotYet),
        Note(""),
        Pick(InPlace),
        Pick(InPlace),
        Pick(InPlace),
        Note(""),
    ]);
    assert!(run(&f, None, false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.asked[0], "action 3/6 Stage 2");
    let a = draft.finish(&f, Timestamp::UNIX_EPOCH, None);
    assert_eq!(a.answers.len(), 6);
    assert_eq!(a.answers["d0.a0"], InPlace);
    assert_eq!(a.answers["d0.a1"], InProgress);
}

#[test]
fn a_failed_draft_save_stops_the_walk() {
    let f = grid(1, 1);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Pick(InPlace)]);
    let r = walk(
        Start {
            framework: &f,
            previous: None,
            full: false,
            about: &indexmap::IndexMap::new(),
            team: &indexmap::IndexMap::new(),
        },
        &mut draft,
        &mut s,
        |_| Err("disk full"),
        || Timestamp::UNIX_EPOCH,
    );
    assert!(matches!(r, Err(WalkError::Save("disk full"))));
}

#[test]
fn answers_to_actions_the_framework_does_not_have_are_carried_over() {
    let f = grid(1, 1);
    let mut prev = previous(&f);
    prev.answers.insert("dropped.action".into(), InPlace);
    prev.notes.insert("dropped".into(), "kept".into());
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Changed(false)]);
    assert!(run(&f, Some(&prev), false, &mut draft, &mut s).0.is_ok());
    let a = draft.finish(&f, Timestamp::UNIX_EPOCH, Some(&prev));
    assert_eq!(a.answer("dropped.action"), Some(InPlace));
    assert_eq!(a.note("dropped"), Some("kept"));
    assert_eq!(a.answers.len(), 2);
}

#[test]
fn going_back_to_anything_changed_starts_on_the_answer_given() {
    let f = grid(1, 1);
    let prev = previous(&f);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Changed(true), Back, Changed(true), Pick(NotYet), Note("")]);
    assert!(run(&f, Some(&prev), false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.changed_defaults, [false, true]);
    assert_eq!(s.backs, 1);
    assert_eq!(
        draft.answers["d0.a0"], NotYet,
        "the change made after saying yes is kept"
    );
}

#[test]
fn a_domain_not_answered_last_time_is_asked_in_full_without_the_changed_question() {
    let f = grid(1, 2);
    let mut prev = previous(&f);
    prev.answers.shift_remove("d1.a0");
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Changed(false), Pick(InPlace), Note("new domain")]);
    assert!(run(&f, Some(&prev), false, &mut draft, &mut s).0.is_ok());
    assert_eq!(s.asked, ["changed 1", "action 2/2 Stage 0", "note 2"]);
}

#[test]
fn a_note_being_typed_when_the_walk_stops_is_kept_and_offered_again() {
    let f = grid(1, 2);
    let mut draft = Draft::new(&f, Timestamp::UNIX_EPOCH);
    let mut s = Script::new([Pick(InPlace), Typing("half a tho")]);
    let (r, saves) = run(&f, None, false, &mut draft, &mut s);
    assert!(matches!(
        r,
        Err(WalkError::Stopped(super::Stop::Interrupted))
    ));
    assert_eq!(saves, 2, "the half-typed note was saved");
    assert_eq!(draft.notes["d0"], "half a tho");
    let mut s = Script::new([Note("half a thought, finished"), Pick(NotYet), Note("")]);
    assert!(run(&f, None, false, &mut draft, &mut s).0.is_ok());
    assert_eq!(
        s.asked[0], "note 1",
        "the resumed walk asks that note again"
    );
    assert_eq!(draft.notes["d0"], "half a thought, finished");
}
