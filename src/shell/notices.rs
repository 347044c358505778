//! The notes every command may print on stderr before its result (`--quiet` silences them): sync
//! conflict copies, dates after today, another framework, answered ids the framework lacks, a
//! review past due, decisions that count in no round, an unfinished walk that cannot be read.

use crate::core::answers::History;
use crate::core::walk::Draft;
use crate::present::words::AnswerWords;
use crate::shell::clock::{self, today};
use crate::shell::context::Context;
use crate::shell::store;

impl Context {
    /// Names each sync service's conflict copy beside the answers file that
    /// holds what the file does not, with the command that brings it in.
    pub fn note_copies(&self, history: &History) {
        let found = crate::shell::sharing::copies(&self.file, history);
        let file = self.file_given.then_some(self.file.as_path());
        for line in crate::shell::sharing::notices(&found, file) {
            self.note(&line);
        }
    }

    /// Names each assessment dated after today (a computer's clock may be
    /// wrong): it is left out of rounds until its date; and the other entries
    /// dated after today, which count as made now.
    pub fn note_future(&self, history: &History) {
        let ahead = crate::core::answers::clock::ahead(history, clock::now());
        if !ahead.is_empty() {
            let n = ahead.len();
            self.note(&format!(
                "note: {} {} dated after today (a computer's clock may be wrong): {}; {} as made \
                    now, and the next change saves {} so.",
                crate::present::words::count(n, "entry"),
                if n == 1 { "is" } else { "are" },
                crate::shell::sharing::ahead_words(&ahead),
                if n == 1 { "it counts" } else { "they count" },
                if n == 1 { "it" } else { "them" },
            ));
        }
        for i in crate::core::rounds::in_the_future(history, clock::now()) {
            let a = &history.assessments[i];
            let who = a
                .respondent
                .as_deref()
                .map_or("An".to_string(), |r| format!("{r}'s"));
            self.note(&format!(
                "note: {who} assessment is dated {}, after today: a computer's clock may be wrong; \
                    fix `taken_at` in the file (it is left out of rounds until then).",
                crate::present::words::date_of(a.taken_at)
            ));
        }
    }

    /// Says once, plainly, when the latest assessment used another framework.
    pub fn note_framework_change(&self, history: &History) {
        if let Some(last) = history.assessments.last()
            && (last.framework.id != self.framework.id
                || last.framework.version != self.framework.version)
        {
            self.note(&format!(
                "note: the latest assessment was taken with framework {} {}; you are using {} {}. \
                    Answers are matched by action id.",
                last.framework.id,
                last.framework.version,
                self.framework.id,
                self.framework.version
            ));
        }
    }

    /// Says once which answered ids this very framework does not have (a
    /// typo such as `fit.evidence-and-ned` would otherwise count silently as
    /// unanswered). They are kept in the file all the same.
    pub fn note_unknown_ids(&self, history: &History) {
        let unknown = crate::core::answers::unknown_ids(history, &self.framework);
        if !unknown.is_empty() {
            self.note(&format!(
                "note: answers to ids this framework does not have are kept but count for \
                 nothing (a typo?): {}",
                unknown.join(", ")
            ));
        }
    }

    /// One line on stderr when the plan's next review date has passed.
    pub fn remind(&self, history: &History) {
        let latest = history.assessments.iter().map(|a| a.taken_at).max();
        if let Some(due) = crate::core::planning::review_overdue(&history.plan, latest, today()) {
            self.note(&format!(
                "reminder: the team's review was due on {due}; each of you, run `mbct-sustain` to \
                    answer again."
            ));
        }
    }

    /// Names the team's decisions that count in no round: an agreement recorded after the next
    /// round began (that round's picture stays as it stood), or one with no round and no date.
    pub(crate) fn note_left_out(
        &self,
        history: &History,
        left_out: &[crate::core::record::LeftOut],
    ) {
        use crate::core::record::LeftOut;
        const NAMED: usize = 3;
        for out in left_out.iter().take(NAMED) {
            let (entry, why) = match out {
                LeftOut::RecordedLate { entry, round } => (
                    *entry,
                    format!(
                        "it was recorded after round {} began, and round {} stays as it stood",
                        round + 2,
                        round + 1
                    ),
                ),
                LeftOut::NoSuchRound { entry } => (
                    *entry,
                    "it is for a round before any assessment".to_string(),
                ),
                LeftOut::Undated { entry } => (*entry, "it has neither a round nor a day".into()),
            };
            let a = &history.agreements[entry];
            let answer = a.answer.map_or("left to the rule", |x| x.label());
            self.note(&format!(
                "note: the agreement on {} ({answer}, recorded {}) counts in no round: {why}; \
                 `mbct-sustain agree` records one for the latest round.",
                crate::present::safe::one_line(&a.action),
                crate::present::words::date_of(a.at)
            ));
        }
        if left_out.len() > NAMED {
            self.note(&format!(
                "note: and {} more agreements count in no round.",
                left_out.len() - NAMED
            ));
        }
    }

    /// An unfinished walk beside the answers file, through the one YAML guard; one that cannot be
    /// read (another version's, or nested too deeply to read in time) is skipped with a note,
    /// never waited on.
    pub fn read_draft(&self, path: &std::path::Path) -> Option<Draft> {
        let text = crate::shell::input::read_text(path, store::drafts::MAX_DRAFT_BYTES);
        let draft = text.ok().map(|t| crate::core::yaml::from_str::<Draft>(&t));
        let why = match &draft {
            Some(Ok(draft)) => return Some(draft.clone()),
            Some(Err(mistake)) => match mistake.kind {
                crate::core::yaml::Kind::Syntax(crate::core::yaml::Syntax::TooDeep) => {
                    "it nests brackets too deeply to be read"
                }
                _ => "it is not an unfinished assessment this version can read",
            },
            None => "it cannot be read",
        };
        self.note(&format!(
            "note: skipped {}: {why}; it was left as it is.",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        None
    }
}
