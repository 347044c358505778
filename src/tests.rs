//! Fixtures for the unit tests: one framework builder, so a change to the
//! framework format is made once, and a scripted prompter, so a whole
//! assessment runs without a terminal. Compiled for tests only.

use std::collections::VecDeque;

use crate::core::answers::Answer;
use crate::core::framework::{self, Framework};
use crate::core::walk::plan_edit::{Ask, Question};
use crate::core::walk::{
    ActionQuestion, ChangedQuestion, NameQuestion, NoteQuestion, Prompter, Reply, ResumeQuestion,
    Stop,
};

/// One reply a [`ScriptedPrompter`] gives, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scripted {
    /// Types this name.
    Name(String),
    /// Answers "did you mean …?" with a member, or no.
    Meant(Option<String>),
    /// Carries on with the unfinished walk, or not.
    Resume(bool),
    /// Says whether a domain changed.
    Changed(bool),
    /// Picks this answer.
    Pick(Answer),
    /// Writes this note.
    Note(String),
    /// Types this line (`plan edit`).
    Type(String),
    /// Chooses the item at this index (`plan edit`'s target).
    Choose(usize),
    /// Chooses "Leave it to the majority rule" (`meeting`).
    Rule,
    /// Presses Esc.
    Back,
}

/// A prompter that plays a script and records what it was asked and told.
/// When the script runs out, the person pressed Ctrl-C.
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    replies: VecDeque<Scripted>,
    /// Each question asked, in a word or two (`name`, `resume 2/4`, `action 3`,
    /// `due 2 [2026-09-03]`, `due 2 [] again`, `target 5`).
    pub asked: Vec<String>,
    /// Everything shown with `tell` or `settled`.
    pub told: Vec<String>,
    /// Each typed day a question was asked again for, with why.
    pub rejected: Vec<crate::core::time::RejectedDay>,
}

impl ScriptedPrompter {
    /// A prompter that will give `replies`.
    pub fn new(replies: impl IntoIterator<Item = Scripted>) -> Self {
        ScriptedPrompter {
            replies: replies.into_iter().collect(),
            ..Self::default()
        }
    }

    fn next<T>(
        &mut self,
        asked: String,
        pick: impl FnOnce(Scripted) -> Option<T>,
    ) -> Result<Reply<T>, Stop> {
        self.asked.push(asked.clone());
        match self.replies.pop_front() {
            None => Err(Stop::Interrupted),
            Some(Scripted::Back) => Ok(Reply::Back),
            Some(s) => {
                Ok(Reply::Given(pick(s).unwrap_or_else(|| {
                    panic!("script out of step at {asked}")
                })))
            }
        }
    }

    fn given<T>(reply: Result<Reply<T>, Stop>) -> Result<T, Stop> {
        match reply? {
            Reply::Given(t) => Ok(t),
            Reply::Back => Err(Stop::Interrupted),
        }
    }
}

impl Prompter for ScriptedPrompter {
    fn name(&mut self, _q: &NameQuestion) -> Result<String, Stop> {
        Self::given(self.next("name".into(), |s| match s {
            Scripted::Name(n) => Some(n),
            _ => None,
        }))
    }
    fn meant(&mut self, q: &crate::core::walk::MeantQuestion) -> Result<Option<String>, Stop> {
        Self::given(self.next(format!("meant {}", q.typed), |s| match s {
            Scripted::Meant(m) => Some(m),
            _ => None,
        }))
    }
    fn resume(&mut self, q: &ResumeQuestion) -> Result<bool, Stop> {
        Self::given(
            self.next(format!("resume {}/{}", q.answered, q.count), |s| match s {
                Scripted::Resume(r) => Some(r),
                _ => None,
            }),
        )
    }
    fn tell(&mut self, text: &str) {
        self.told.push(text.to_string());
    }
    fn settled(&mut self, text: &str) {
        self.told.push(text.to_string());
    }
    fn changed(&mut self, q: &ChangedQuestion) -> Result<Reply<bool>, Stop> {
        self.next(format!("changed {}", q.place.domain_number), |s| match s {
            Scripted::Changed(c) => Some(c),
            _ => None,
        })
    }
    fn answer(&mut self, q: &ActionQuestion) -> Result<Reply<Answer>, Stop> {
        self.next(format!("action {}", q.number), |s| match s {
            Scripted::Pick(a) => Some(a),
            _ => None,
        })
    }
    fn note(&mut self, q: &NoteQuestion) -> Result<Reply<String>, Stop> {
        self.next(format!("note {}", q.place.domain_number), |s| match s {
            Scripted::Note(n) => Some(n),
            _ => None,
        })
    }
    fn line(&mut self, q: &Question) -> Result<Reply<String>, Stop> {
        self.rejected.extend(q.rejected.clone());
        let what = match q.ask {
            Ask::Owner(..) => "owner",
            Ask::Due(..) => "due",
            Ask::TargetBy(..) => "target date",
            _ => "review",
        };
        let again = if q.rejected.is_some() { " again" } else { "" };
        self.next(
            format!("{what} {} [{}]{again}", q.number.0, q.now),
            |s| match s {
                Scripted::Type(t) => Some(t),
                _ => None,
            },
        )
    }
    fn agree(
        &mut self,
        q: &crate::core::walk::meeting::AgreeQuestion,
    ) -> Result<Reply<Option<Answer>>, Stop> {
        let default = q.default.map_or("rule", |a| a.key());
        let asked = format!("agree {}/{} [{default}]", q.number.0, q.number.1);
        self.next(asked, |s| match s {
            Scripted::Pick(a) => Some(Some(a)),
            Scripted::Rule => Some(None),
            _ => None,
        })
    }
    fn follow_up(
        &mut self,
        q: &crate::core::walk::meeting::FollowUpQuestion,
    ) -> Result<Reply<String>, Stop> {
        use crate::core::walk::meeting::FollowUp;
        self.rejected.extend(q.rejected.clone());
        let what = match q.ask {
            FollowUp::Comment => "comment",
            FollowUp::Owner => "owner",
            FollowUp::Due => "due",
        };
        let again = if q.rejected.is_some() { " again" } else { "" };
        self.next(format!("{what} {}{again}", q.number.0), |s| match s {
            Scripted::Type(t) => Some(t),
            _ => None,
        })
    }
    fn target(&mut self, q: &Question) -> Result<Reply<usize>, Stop> {
        self.next(format!("target {}", q.number.0), |s| match s {
            Scripted::Choose(i) => Some(i),
            _ => None,
        })
    }
}

/// [`FrameworkBuilder::grid`], built.
pub fn grid(stages: usize, domains: usize) -> Framework {
    FrameworkBuilder::grid(stages, domains).build()
}

/// A framework under construction, written out as YAML like a person would.
#[derive(Debug, Clone)]
pub struct FrameworkBuilder {
    id: String,
    version: String,
    completion: String,
    stages: Vec<(String, String)>,
    domains: Vec<DomainSpec>,
}

#[derive(Debug, Clone)]
struct DomainSpec {
    id: String,
    name: String,
    actions: Vec<(String, String, String)>,
}

impl Default for FrameworkBuilder {
    fn default() -> Self {
        FrameworkBuilder {
            id: "t".into(),
            version: "1".into(),
            completion: "Done".into(),
            stages: Vec::new(),
            domains: Vec::new(),
        }
    }
}

impl FrameworkBuilder {
    /// An empty framework `t`, version 1, whose completion label is `Done`.
    pub fn new() -> Self {
        Self::default()
    }

    /// `stages` stages and `domains` domains with one action per stage:
    /// stages `s0`… named `Stage 0`…, domains `d0`… named `Domain 0`…,
    /// actions `d0.a0`… (action `a<s>` in stage `s<s>`).
    pub fn grid(stages: usize, domains: usize) -> Self {
        let mut b = Self::new();
        for s in 0..stages {
            b = b.stage(&format!("s{s}"), &format!("Stage {s}"));
        }
        for d in 0..domains {
            b = b.domain(&format!("d{d}"), &format!("Domain {d}"));
            for s in 0..stages {
                b = b.action(
                    &format!("d{d}.a{s}"),
                    &format!("s{s}"),
                    &format!("Do {d}/{s}"),
                );
            }
        }
        b
    }

    /// Adds a stage.
    pub fn stage(mut self, id: &str, name: &str) -> Self {
        self.stages.push((id.into(), name.into()));
        self
    }

    /// Adds a domain; the actions added next belong to it.
    pub fn domain(mut self, id: &str, name: &str) -> Self {
        self.domains.push(DomainSpec {
            id: id.into(),
            name: name.into(),
            actions: Vec::new(),
        });
        self
    }

    /// Adds an action to the last domain added.
    pub fn action(mut self, id: &str, stage: &str, text: &str) -> Self {
        if let Some(d) = self.domains.last_mut() {
            d.actions.push((id.into(), stage.into(), text.into()));
        }
        self
    }

    /// The framework file's text.
    pub fn yaml(&self) -> String {
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut y = format!(
            "id: {}\ntitle: Test framework\nversion: {}\ncompletion_label: {}\nstages:\n",
            q(&self.id),
            q(&self.version),
            q(&self.completion)
        );
        for (id, name) in &self.stages {
            y += &format!("  - id: {}\n    name: {}\n", q(id), q(name));
        }
        y += "domains:\n";
        for d in &self.domains {
            y += &format!(
                "  - id: {}\n    name: {}\n    actions:\n",
                q(&d.id),
                q(&d.name)
            );
            for (id, stage, text) in &d.actions {
                y += &format!(
                    "      - id: {}\n        stage: {}\n        text: {}\n",
                    q(id),
                    q(stage),
                    q(text)
                );
            }
        }
        y
    }

    /// The framework, which must be valid.
    pub fn build(&self) -> Framework {
        framework::from_yaml(&self.yaml())
            .unwrap_or_else(|p| panic!("test framework is invalid: {p:?}"))
    }
}

/// The snapshot a command would show of `history`: `whom` at `at`, today
/// being 2027-01-10.
pub fn snapshot<'h>(
    f: &Framework,
    history: &'h crate::core::answers::History,
    whom: crate::core::subject::Requested,
    at: crate::core::subject::At,
) -> crate::core::subject::Snapshot<'h> {
    let selection = crate::core::subject::Selection {
        requested: whom,
        at,
        since: None,
        today: jiff::civil::date(2027, 1, 10),
        now: "2027-01-10T12:00:00Z".parse().expect("a time"),
    };
    crate::core::subject::resolve(f, history, &selection).expect("the history has that point")
}

/// The snapshot of the latest point, whoever's it is (`report` with no options).
pub fn latest<'h>(
    f: &Framework,
    history: &'h crate::core::answers::History,
) -> crate::core::subject::Snapshot<'h> {
    snapshot(
        f,
        history,
        crate::core::subject::Requested::Auto,
        crate::core::subject::At::One(None),
    )
}

mod builder_tests {
    use super::*;

    #[test]
    fn a_grid_has_one_action_per_stage_per_domain() {
        let f = FrameworkBuilder::grid(5, 12).build();
        assert_eq!(f.stages.len(), 5);
        assert_eq!(f.action_count(), 60);
        assert_eq!(f.domains[3].actions[4].stage_index, 4);
    }

    #[test]
    fn names_with_quotes_survive_the_round_trip() {
        let f = FrameworkBuilder::new()
            .stage("a", "A \"quoted\" stage")
            .domain("d", "D: with a colon")
            .action("d.1", "a", "Text")
            .build();
        assert_eq!(f.stages[0].name, "A \"quoted\" stage");
        assert_eq!(f.domains[0].name, "D: with a colon");
    }
}

/// A view written in `format` with `look`, as text.
pub fn rendered<V: crate::present::render::View>(
    view: &V,
    format: crate::present::render::Format,
    look: crate::present::render::Look,
) -> String {
    String::from_utf8(crate::present::render::render(view, format, look)).expect("UTF-8")
}
