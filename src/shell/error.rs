//! Every failure a person can meet, in the words they will read, and the words for the problems the
//! core reports as data (a bad framework, a bad answers file, a YAML mistake), which carry no
//! wording of their own.
//! Each failure is one entry of the `errors!` table below: its fields, its message (thiserror's
//! `#[error]`) and its hint ([`Error::hint`], what the person can do about it) side by side, so a
//! message is never worded far from what it tells the person to do. The macro writes the enum and
//! `hint` from the table; a hint reads the entry's fields by name. (A table rather than one impl
//! per group of errors: every variant keeps its two texts together, and nothing else moves.)

use std::io;
use std::path::{Path, PathBuf};

use crate::core::answers::roster::Refusal;
use crate::core::answers::withdrawn::CannotWithdraw;
use crate::core::answers::{FORMAT, file::Problem as AnswersProblem};
use crate::core::framework::{Field, Item, Problem, ProblemKind};
use crate::core::links::LinkProblem;
use crate::core::names::NewName;
use crate::core::yaml::{Expected, Found, Kind, Mistake, Place, Rule, Syntax};
use crate::present::safe::one_line;
use crate::present::words::count as counted;
use crate::shell::exit_code::ExitCode;
use crate::shell::input::ReadProblem;

/// Declares [`Error`] from one table in which each variant's message stands beside its hint, and
/// writes [`Error::hint`] from it: a message is worded once, with what to do about it next to it.
macro_rules! errors {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $({ $($(#[doc = $fdoc:literal])* $field:ident : $ty:ty),* $(,)? })?
            message($($message:tt)+)
            hint($hint:expr);
    )+) => {
        /// A failure of mbct-sustain, ready to show to a person.
        #[derive(Debug, thiserror::Error)]
        #[allow(missing_docs)] // variant fields are named for what they hold
        pub enum Error {
            $(
                $(#[doc = $doc])*
                #[error($($message)+)]
                $name $({ $($(#[doc = $fdoc])* $field: $ty),* })?,
            )+
        }

        impl Error {
            /// What the person can do about it, where there is something to do (a hint may `return`
            /// none, or another error's).
            #[allow(unused_variables, unreachable_code)]
            pub fn hint(&self) -> Option<String> {
                match self {
                    $(Error::$name $({ $($field),* })? => Some($hint),)+
                }
            }
        }
    };
}

errors! {
    /// The framework file could not be read.
    FrameworkUnreadable {
        path: PathBuf,
        problem: ReadProblem,
    }
        message("cannot read the framework {}: {}", shown(path), read_words(problem))
        hint(match problem {
            ReadProblem::NotUtf8 { .. } => "save the file as UTF-8 text (most editors offer this \
                under Save As)".into(),
            ReadProblem::TooLarge { .. } | ReadProblem::NotRegular | ReadProblem::Directory => {
                "give the path of a framework file (`mbct-sustain framework init FILE` makes \
                 one)".into()
            }
            _ => "check the file name and path".into(),
        });

    /// The framework file was read but is not a valid framework.
    FrameworkInvalid {
        name: String,
        problems: Vec<Problem>,
    }
        message("{} is not a valid framework:{}", one_line(name), framework_problems(problems))
        hint(format!("fix what is listed above in a text editor, then check again with \
            `mbct-sustain framework check {}`", one_line(name)));

    /// The answers file could not be read.
    AnswersUnreadable {
        path: PathBuf,
        problem: ReadProblem,
    }
        message("cannot read the answers file {}: {}", shown(path), read_words(problem))
        hint(match problem {
            ReadProblem::Directory => format!("give the answers file's own path, e.g. --file \
                {}", path.join("mbct-sustain.yaml").display()),
            ReadProblem::PermissionDenied => "ask whoever manages the folder for read and write \
                access".into(),
            ReadProblem::NotUtf8 { .. } => "the file was left as it is; save it as UTF-8 text \
                (most editors offer this under Save As)".into(),
            _ => "check the file name and path (--file or MBCT_SUSTAIN_FILE, if you set \
                one)".into(),
        });

    /// The answers file was read but cannot be used.
    AnswersInvalid {
        path: PathBuf,
        problem: AnswersProblem,
    }
        message(
            "the answers file {}{} cannot be used: {}",
            shown(path),
            place(problem),
            answers_problem(problem),
        )
        hint(match (path, problem) {
            (_, AnswersProblem::NewerFormat { .. }) => "upgrade mbct-sustain to the latest \
                version; the file was left as it is".into(),
            (path, AnswersProblem::Invalid(m)) if m.kind == Kind::Empty => format!("the file was \
                left as it is; if it should be empty, delete {} and run mbct-sustain \
                again", shown(path)),
            (_, AnswersProblem::ConflictMarkers { .. }) => "resolve the conflict in a text editor: \
                keep the assessments from both sides (each starts `- taken_at:`), delete the \
                marker lines, then run again".into(),
            (_, _) => "the file was left as it is; fix that line in a text editor (or restore the \
                file from a backup or git), then run again".into(),
        });

    /// The answers file cannot be replaced.
    AnswersReadOnly {
        path: PathBuf,
    }
        message("the answers file {} is read-only", shown(path))
        hint("make the file writable, or use --file to save elsewhere".into());

    /// The answers file's folder cannot take a new file.
    FolderNotWritable {
        path: PathBuf,
        source: io::Error,
    }
        message("cannot save answers in the folder {}: {}", shown(path), io_words(source))
        hint("use --file to save the answers in a folder you can write to".into());

    /// A command that shows results found no answers file.
    NoAnswersFile {
        path: PathBuf,
    }
        message("there is no answers file at {} yet", shown(path))
        hint("run `mbct-sustain` to take the first assessment, or use --file to point at an \
            existing answers file".into());

    /// The answers file holds no (matching) assessment.
    NoAssessments {
        path: PathBuf,
        respondent: Option<String>,
    }
        message("the answers file {} has no assessments{}", shown(path), by(respondent))
        hint(match (path, respondent) {
            (_, Some(_)) => "check the name with `mbct-sustain history`, or leave out \
                --respondent".into(),
            (_, _) => "run `mbct-sustain` to take the first assessment".into(),
        });

    /// A selector (number, date, label) matched nothing.
    NoSuchAssessment {
        path: PathBuf,
        selector: String,
        count: usize,
        respondent: Option<String>,
    }
        message(
            "no assessment matches `{}` in {} ({}{})",
            one_line(selector),
            shown(path),
            counted(*count, "assessment"),
            by(respondent),
        )
        hint(match (path, selector, count, respondent) {
            (_, _, _, Some(r)) => format!("pick one of theirs by number (as `mbct-sustain history \
                --respondent {}` lists them; -1 = their latest), date (2026-09-03) or \
                label", one_line(r)),
            (_, _, _, _) => "pick one by number (1 = oldest, -1 = latest), date (2026-09-03) or \
                label; `mbct-sustain history` lists them".into(),
        });

    /// A selector matched none of the team's rounds.
    NoSuchRound {
        path: PathBuf,
        selector: String,
        count: usize,
    }
        message(
            "no round of the team's matches `{}` in {} ({})",
            one_line(selector),
            shown(path),
            counted(*count, "round"),
        )
        hint("pick a round by number (1 = oldest, -1 = latest), date (2026-09-03) or label; \
            `mbct-sustain history` lists them, or use --respondent NAME for one person's \
            assessments".into());

    /// `compare` of the team needs two rounds.
    OneRound {
        path: PathBuf,
    }
        message(
            "there is nothing to compare yet: the team has answered in one round in {}",
            shown(path),
        )
        hint("a round is a run of assessments with no gap of more than 30 days; rerun in a month \
            or more, then compare (or --respondent NAME compares one person's)".into());

    /// `compare` of the team was given the same round twice.
    SameRound {
        number: usize,
        latest: bool,
    }
        message("{}", same(format!("round {number}"), "the team's", *latest))
        hint("name two different rounds (number, date or label); `mbct-sustain history` lists \
            them".into());

    /// A date that is not one, where a date was meant.
    NotADate {
        typed: String,
        problem: crate::core::time::DayProblem,
    }
        message("{}", one_line(&crate::shell::words::day_problem(typed, *problem)))
        hint("write the date as year-month-day, like 2026-09-03".into());

    /// `--since` left no assessment.
    NothingSince {
        path: PathBuf,
        since: jiff::civil::Date,
    }
        message("no assessment in {} was taken on or after {since}", shown(path))
        hint("give an earlier date, or leave out --since".into());

    /// `compare` needs two assessments.
    NothingToCompare {
        path: PathBuf,
        count: usize,
        respondent: Option<String>,
    }
        message(
            "there is nothing to compare yet: {} holds {}{}",
            shown(path),
            counted(*count, "assessment"),
            by(respondent),
        )
        hint("rerun `mbct-sustain` after some time (before your next team meeting), then \
            compare".into());

    /// `plan edit` was started without a terminal.
    PlanEditNeedsTerminal
        message("`plan edit` needs a terminal to ask its questions, and this is not one")
        hint("in a script, use `mbct-sustain plan assign ACTION --owner NAME --due DATE` (and \
            `plan target`, `plan review`)".into());

    /// `plan edit` was stopped; every confirmed change is saved.
    PlanEditStopped {
        changes: usize,
        path: PathBuf,
    }
        message(
            "Stopped; {} confirmed {} saved in {}.",
            counted(*changes, "change"),
            if *changes == 1 { "is" } else { "are" },
            shown(path),
        )
        hint("run `mbct-sustain plan edit` again to go on, or `mbct-sustain plan` to see the \
            plan".into());

    /// The walk was started without a terminal.
    NeedsTerminal
        message("the assessment needs a terminal to ask its questions, and this is not one")
        hint("run it in a terminal window; to see the latest results without questions, use \
            `mbct-sustain report`".into());

    /// The walk was stopped (Ctrl-C, closed terminal); answers are kept.
    Interrupted {
        answered: usize,
        draft: Option<PathBuf>,
        /// The command that carries on with the draft.
        rerun: String,
    }
        message("{}", match draft {
            Some(draft) => format!("Stopped; your {}.", kept(*answered, draft)),
            None => "Stopped before any answer was given; nothing was saved.".into(),
        })
        hint(match (answered, draft, rerun) {
            (_, None, _) => return None,
            (_, _, rerun) => format!("Run `{}` again to carry on where you \
                stopped.", one_line(rerun)),
        });

    /// The finished assessment could not be added to the answers file; its answers are in the
    /// draft.
    NotSaved {
        cause: Box<Error>,
        draft: PathBuf,
        rerun: String,
    }
        message(
            "{cause}\nYour answers are kept in {}: once this is fixed, run `{}` again and carry on \
                with them to save.",
            shown(draft),
            one_line(rerun),
        )
        hint(return cause.hint());

    /// The terminal is too small to ask a question; answers are kept.
    TerminalTooSmall {
        rows: usize,
        needed: usize,
        answered: usize,
        draft: Option<PathBuf>,
        rerun: String,
    }
        message(
            "the terminal is {} high; a question needs at least {needed}{}",
            counted(*rows, "row"),
            draft.as_ref().map(|d| format!("\nYour {}.", kept(*answered, d))).unwrap_or_default(),
        )
        hint(format!("make the window taller, then run `{}` to carry on", one_line(rerun)));

    /// The terminal failed mid-walk.
    Terminal {
        source: io::Error,
    }
        message("the walk could not talk to the terminal: {source}")
        hint("run `mbct-sustain` again in a terminal".into());

    /// Another save held the lock for too long.
    Locked {
        path: PathBuf,
        seconds: u64,
    }
        message(
            "another mbct-sustain has been saving to {} for over {seconds} seconds",
            shown(path),
        )
        hint("another save, perhaps from another computer, is still under way; wait a minute and \
            run the command again".into());

    /// A link stands where the lock file should be: never followed, as it could redirect the
    /// writes.
    LockIsALink {
        path: PathBuf,
    }
        message(
            "the lock file {} is a link, which mbct-sustain never follows (someone may be trying \
                to redirect its writes)",
            shown(path),
        )
        hint("remove that link (it is not the tool's), then run again".into());

    /// Another account's lock file that this one may not open (made under a strict umask, before
    /// the tool shared new locks with the team).
    LockNotShared {
        path: PathBuf,
        owner: Option<String>,
    }
        message(
            "the lock file {} belongs to {}, and this account may not open it",
            shown(path),
            owner.as_deref().map_or("another account".into(), one_line),
        )
        hint(format!(
            "ask {} (or whoever manages the folder) to make {} readable and writable by the team, \
                or remove it: it holds nothing",
            owner.as_deref().map_or("its owner".into(), one_line),
            shown(path)
        ));

    /// The answers could not be saved.
    SaveFailed {
        path: PathBuf,
        source: io::Error,
    }
        message("could not save to {}: {}", shown(path), io_words(source))
        hint(write_hint(source));

    /// A save would make the answers file larger than the tool reads.
    TooLargeToSave {
        path: PathBuf,
        size: u64,
        limit: u64,
    }
        message(
            "saving would make {} {size} bytes, over the {limit} bytes mbct-sustain reads; nothing \
                was written",
            shown(path),
        )
        hint("move older assessments to another file (keep it as an archive, with --file to read \
            it), then save again".into());

    /// An output file could not be written.
    WriteFailed {
        path: PathBuf,
        source: io::Error,
    }
        message("could not write {}: {}", shown(path), io_words(source))
        hint(write_hint(source));

    /// `--output` names a file the tool reads from.
    WouldOverwrite {
        path: PathBuf,
        what: &'static str,
    }
        message("will not write over the {what} {}", shown(path))
        hint("give --output another file name".into());

    /// `compare` was given the same assessment twice.
    SameAssessment {
        number: usize,
        latest: bool,
    }
        message("{}", same(format!("assessment #{number}"), "that person's", *latest))
        hint("name two different assessments (number, date or label); `mbct-sustain history` lists \
            them".into());

    /// `framework init` would overwrite a file.
    AlreadyExists {
        path: PathBuf,
    }
        message("{} already exists", shown(path))
        hint("choose another file name, or add --force to overwrite it".into());

    /// An action id the framework does not have.
    UnknownAction {
        id: String,
        closest: Vec<String>,
    }
        message(
            "unknown action `{}`{}",
            one_line(id),
            if closest.is_empty() { String::new() } else { format!("; the closest ids are: \
                {}", closest.join(", ")) },
        )
        hint("`mbct-sustain framework show` lists every action id; the answers file was left as it \
            was".into());

    /// A stage the framework does not have.
    UnknownStage {
        name: String,
        known: String,
    }
        message(
            "unknown stage `{}`; this framework's stages are: {}",
            one_line(name),
            one_line(known),
        )
        hint("give a stage by its id or name; the answers file was left as it was".into());

    /// `--domain` named a domain the framework does not have.
    UnknownDomain {
        id: String,
        known: String,
    }
        message(
            "unknown domain `{}`; this framework's domains are: {}",
            one_line(id),
            one_line(known),
        )
        hint("`mbct-sustain framework show` lists the domain ids".into());

    /// `team` found no assessment to show.
    NoTeamAssessments {
        files: String,
        filter: Option<String>,
    }
        message(
            "no assessment found for the team in {}{}",
            one_line(files),
            filter.as_deref().map(|f| format!(" {}", one_line(f))).unwrap_or_default(),
        )
        hint(match (files, filter) {
            (_, Some(_)) => "leave out --since or --label, or check the dates and labels with \
                `mbct-sustain history`".into(),
            (_, _) => "each team member runs `mbct-sustain --respondent NAME`; then run \
                `mbct-sustain team` with their answers files".into(),
        });

    /// A change to the team's people that cannot be made.
    People {
        refusal: Refusal,
    }
        message("{}", refusal_words(refusal))
        hint(match refusal {
            Refusal::Answered { name } => format!(
                "if they are one person, `mbct-sustain people merge {}` followed by the \
                 member's name makes them one; else choose another name. The answers file was \
                 left as it was",
                crate::shell::words::quoted(name)
            ),
            _ => "`mbct-sustain people` lists the team and the names each goes by; the answers \
                file was left as it was".into(),
        });

    /// A new member's name or account that would mix them up with a member.
    NewName {
        refusal: NewName,
    }
        message("{}", new_name_words(refusal))
        hint(match refusal {
            NewName::LooksLike { .. } => "type the name in the \
            letters of the member's name; if this is someone else, add --new (the answers \
            file was left as it was)".into(),
            NewName::AccountTaken { .. } => "each member runs \
            mbct-sustain from their own login account: give theirs, or leave out --account \
            (the answers file was left as it was)".into(),
        });

    /// Evidence given a link that is not a web address a page may link to.
    NotAWebAddress {
        link: String,
        why: LinkProblem,
    }
        message(
            "`{}` is not a web address evidence can link to: {}",
            quoted_from_file(link),
            link_words(*why),
        )
        hint("give the address as a browser shows it, e.g. \
        https://intranet.example/report.pdf; the answers file was left as it was".into());

    /// `evidence remove` named evidence that is not there.
    NoSuchEvidence {
        action: String,
        count: usize,
    }
        message("{action} has {} to remove", match count {
            0 => "no evidence".to_string(),
            n => format!("{} of evidence: say which, 1 to {n}", counted(*n, "piece")),
        })
        hint("`mbct-sustain evidence` lists each action's evidence, numbered".into());

    /// An agreement for a round whose next round has begun.
    RoundClosed {
        number: usize,
        next: usize,
        began: jiff::civil::Date,
    }
        message(
            "round {number}'s meeting is over: round {next} began on {began}, and a decision \
                recorded now would change round {number} as it stood",
        )
        hint(format!(
            "record it for round {next} (leave out --at), or, for a step done since, use \
             `mbct-sustain plan done ACTION --on DATE`; the answers file was left as it was"
        ));

    /// `plan done --on` a day before the latest round began.
    DoneBeforeRound {
        on: jiff::civil::Date,
        number: usize,
        began: jiff::civil::Date,
        action: String,
    }
        message(
            "{on} is before round {number} began ({began}): a step done before a round began is \
                that round's meeting's decision, not a step done between reviews",
        )
        hint(format!(
            "agree it for round {number} with `mbct-sustain agree {} in-place`, or give the day \
             it was done with --on; the answers file was left as it was",
            crate::shell::words::quoted(action)
        ));

    /// `assess --on` a day after today.
    PaperFormInFuture {
        on: jiff::civil::Date,
        today: jiff::civil::Date,
    }
        message(
            "{on} is after today ({today}): a paper form is entered on or after the day it was \
                given",
        )
        hint("give the day the form was filled in with --on; \
         nothing was written"
        .into());

    /// `plan done --on` a day after today.
    DoneInFuture {
        on: jiff::civil::Date,
        today: jiff::civil::Date,
    }
        message("{on} is after today ({today}): a step is marked done once it is done")
        hint("give the day it was done with --on, or leave --on out \
         for today; the answers file was left as it was"
        .into());

    /// `service` given an empty name.
    BlankServiceName
        message("a service's name cannot be empty")
        hint({
            "give the name as the team writes it, e.g. `mbct-sustain service \"Gwynedd MBCT \
             service\"`; the answers file was left as it was"
                .into()
        });

    /// `meeting` was started without a terminal.
    MeetingNeedsTerminal
        message("`meeting` needs a terminal to ask its questions, and this is not one")
        hint("in a script, use `mbct-sustain agree ACTION ANSWER --note TEXT`".into());

    /// `meeting` was stopped; every confirmed agreement is saved.
    MeetingStopped {
        path: PathBuf,
    }
        message("Stopped; every agreement you confirmed is saved in {}.", shown(path))
        hint("run `mbct-sustain meeting` again to carry on at the next point".into());

    /// The merge driver found keys both sides changed differently.
    MergeConflict {
        words: String,
    }
        message("merging the answers file found {}; the later of each was kept", one_line(words))
        hint("the merged file names the conflict at its top: check those entries, then `git add` \
            the file and commit".into());

    /// `git-setup` outside a git repository.
    NotInGit {
        path: PathBuf,
    }
        message("{} is not in a git repository (or git could not be run there)", shown(path))
        hint("run it inside the git repository that holds the answers file (or `git init` one \
            first); a shared or synced folder needs no set-up".into());

    /// A file to merge (or a copy beside the answers file) could not be read.
    OtherUnreadable {
        path: PathBuf,
        problem: ReadProblem,
    }
        message("cannot read {}: {}", shown(path), read_words(problem))
        hint(match (path, problem) {
            (_, ReadProblem::PermissionDenied) => {
                "ask its owner to let you read it; nothing was merged or changed".into()
            },
            (_, _) => {
                "check the file's name and path; nothing was merged or changed".into()
            },
        });

    /// A file to merge (or a copy beside the answers file) was read but cannot be used.
    OtherInvalid {
        path: PathBuf,
        problem: AnswersProblem,
    }
        message("{}{} cannot be used: {}", shown(path), place(problem), answers_problem(problem))
        hint(match (path, problem) {
            (_, AnswersProblem::NewerFormat { .. }) => {
                "upgrade mbct-sustain to the latest version, then merge it; nothing was merged \
                 or changed"
                    .into()
            },
            (_, _) => "open it in a text editor (it may be cut short, or not \
             an answers file); nothing was merged or changed"
            .into(),
        });

    /// A file to merge holds assessments of a framework the answers file's are not of.
    OtherFramework {
        path: PathBuf,
        found: Vec<String>,
        ours: String,
    }
        message(
            "{} holds assessments of another framework ({}), not of {}: nothing was merged",
            shown(path),
            one_line(&found.join(", ")),
            one_line(ours),
        )
        hint("merge only files taken with the same framework \
         (`--framework` names an adapted one); nothing was changed"
        .into());

    /// `withdraw` could not withdraw the assessment asked for.
    CannotWithdraw {
        refusal: CannotWithdraw,
        respondent: Option<String>,
    }
        message("{}", withdraw_words(refusal, respondent))
        hint(match (refusal, respondent) {
            (_, Some(r)) => format!(
                "`mbct-sustain history --respondent {}` lists their assessments by number; the \
                 answers file was left as it was",
                one_line(r)
            ),
            (_, _) => "`mbct-sustain history` (for a team: `history --respondent NAME`) lists \
                assessments by number; the answers file was left as it was"
                .into(),
        });

    /// `git-setup` will not change a file of git's it cannot change safely.
    GitFileRefused {
        path: PathBuf,
        problem: GitFileProblem,
    }
        message("{} was left as it is: {}", shown(path), git_file_words(problem))
        hint(match (path, problem) {
            (_, GitFileProblem::Link) => {
                "replace the link with a plain file (git reads links in a clone as files only \
                 on some systems), then run `mbct-sustain git-setup` again; nothing was changed"
                    .into()
            },
            (_, _) => "fix the file (save it as UTF-8 text, or make it \
             readable), or add the lines yourself as the README shows, then run \
             `mbct-sustain git-setup` again; nothing was changed"
            .into(),
        });

    /// `merge --remove-merged` could not remove some copies (each named as it was met).
    CopiesNotRemoved {
        count: usize,
    }
        message(
            "{} could not be removed (named above); everything merged is saved",
            counted(*count, "copy"),
        )
        hint({
            "remove them by hand once you have checked them, or run the merge again".into()
        });

    /// A name close to a member's, given where a new person would start.
    LikelyTypo {
        name: String,
        closest: Vec<String>,
    }
        message(
            "`{}` is not on the team; did you mean {}?",
            one_line(name),
            one_line(&closest.join(" or ")),
        )
        hint(format!("give the name as the team has it (--respondent {}), or add --new if this is \
            someone new", one_line(&closest[0])));
}

impl Error {
    /// Why a file other than the answers file cannot be used, without naming it (for a line that
    /// names it already): "cannot be read: permission denied".
    pub fn unusable_words(&self) -> Option<String> {
        match self {
            Error::OtherUnreadable { problem, .. } => {
                Some(format!("cannot be read: {}", read_words(problem)))
            }
            Error::OtherInvalid { problem, .. } => Some(format!(
                "cannot be used{}: {}",
                place(problem),
                answers_problem(problem)
            )),
            _ => None,
        }
    }

    /// The process exit code for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Interrupted { .. }
            | Error::PlanEditStopped { .. }
            | Error::MeetingStopped { .. } => ExitCode::Interrupted,
            Error::NotSaved { cause, .. } => cause.exit_code(),
            _ => ExitCode::Failure,
        }
    }
}

/// What to do about a file that could not be written (the answers file, or an output file).
fn write_hint(source: &io::Error) -> String {
    match source.kind() {
        io::ErrorKind::NotFound => {
            "create the folder first, or give a path in a folder that exists".into()
        }
        io::ErrorKind::IsADirectory => "give a file name, not a folder".into(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "choose a folder you may write to".into()
        }
        io::ErrorKind::FileTooLarge => "a limit on file size (`ulimit -f`) stopped the save; \
            raise it, then run again (the file was left as it was)"
            .into(),
        _ => "check there is space on the disk and that you may write there".into(),
    }
}

/// Why `git-setup` would not change one of git's files.
#[derive(Debug)]
pub enum GitFileProblem {
    /// It is a symbolic link: writing would change the file it points to.
    Link,
    /// It is not a regular file.
    NotRegular,
    /// It could not be read.
    Unreadable(io::Error),
    /// It is not UTF-8 text (another encoding): rewriting it could damage it.
    NotText,
}

fn git_file_words(p: &GitFileProblem) -> String {
    match p {
        GitFileProblem::Link => {
            "it is a symbolic link, and git-setup never writes through a link".into()
        }
        GitFileProblem::NotRegular => "it is not a regular file".into(),
        GitFileProblem::Unreadable(e) => format!("it cannot be read ({})", io_words(e)),
        GitFileProblem::NotText => {
            "it is not UTF-8 text, and rewriting it could damage what it holds".into()
        }
    }
}

/// Why an assessment could not be withdrawn, in words.
fn withdraw_words(r: &CannotWithdraw, respondent: &Option<String>) -> String {
    let whose = respondent
        .as_deref()
        .map_or(String::new(), |r| format!(" of {}'s", one_line(r)));
    match r {
        CannotWithdraw::NoSuch { number, count } => format!(
            "there is no assessment{whose} numbered {number} ({} to choose from)",
            counted(*count, "assessment")
        ),
        CannotWithdraw::NotTheirs { number, whose: w } => format!(
            "assessment {number} is {}, not {}",
            w.as_deref()
                .map_or("one with no name".to_string(), |w| format!(
                    "{}'s",
                    one_line(w)
                )),
            respondent
                .as_deref()
                .map_or("theirs".to_string(), |r| format!("{}'s", one_line(r)))
        ),
        CannotWithdraw::Already { number, at } => format!(
            "assessment {number} was withdrawn already, on {}",
            crate::present::words::date_of(*at)
        ),
    }
}

/// Why a change to the roster was refused, in words.
fn refusal_words(r: &Refusal) -> String {
    match r {
        Refusal::Answered { name } => format!(
            "someone who is not on the roster has answered as `{}`: giving that name to a member \
                would make two people's answers one",
            one_line(name)
        ),
        Refusal::Unknown { name, closest } if closest.is_empty() => {
            format!("no one on the team goes by `{}`", one_line(name))
        }
        Refusal::Unknown { name, closest } => format!(
            "no one on the team goes by `{}`; the closest names are: {}",
            one_line(name),
            one_line(&closest.join(", "))
        ),
        Refusal::Taken { name, member } => {
            format!(
                "`{}` is already a name {} goes by",
                one_line(name),
                one_line(member)
            )
        }
        Refusal::Same { member } => format!(
            "both names are {}'s: there is nothing to merge",
            one_line(member)
        ),
        Refusal::Blank => "a name needs at least one letter".into(),
    }
}

/// Which rule a link breaks, in words.
fn link_words(why: LinkProblem) -> &'static str {
    match why {
        LinkProblem::NotHttp => "a link starts https:// (or http://)",
        LinkProblem::NoHost => "it names no site after https://",
        LinkProblem::UserInfo => {
            "it has a user name or password before an @, which would be shown to everyone who \
             reads the page (and can make a link look like another site's)"
        }
        LinkProblem::Whitespace => "it holds a space or a line break",
        LinkProblem::Hidden => {
            "it holds a control or invisible character (such as an escape code or a \
             right-to-left mark)"
        }
        LinkProblem::Backslash => "it holds a backslash (\\), which browsers read as /",
        LinkProblem::AngleBracket => {
            "it holds < or >, which a web address cannot hold as they are (write %3C for < and \
             %3E for >)"
        }
        LinkProblem::BadHost => "its site name holds characters a site name cannot have",
        LinkProblem::BadPort => "the port after the site name is not a number from 1 to 65535",
    }
}

/// Why a new member cannot be added as given, in words.
fn new_name_words(refusal: &NewName) -> String {
    match refusal {
        NewName::LooksLike { name, like } => {
            let scripts: Vec<&str> = like.scripts.iter().map(|s| s.full_name()).collect();
            let letters = match like.letters {
                1 => "one letter is".to_string(),
                n => format!("{n} letters are"),
            };
            format!(
                "`{}` looks like {} ({letters} {})",
                quoted_from_file(name),
                quoted_from_file(&like.member),
                scripts.join(" or ")
            )
        }
        NewName::AccountTaken { account, member } => format!(
            "the login account `{}` is already {}'s: one account is one member's",
            quoted_from_file(account),
            quoted_from_file(member)
        ),
    }
}

/// A path in a message, on one line with controls shown, so a file name cannot forge a line of its
/// own.
fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// ` by Sam`, or nothing.
fn by(respondent: &Option<String>) -> String {
    respondent
        .as_deref()
        .map_or(String::new(), |r| format!(" by {}", one_line(r)))
}

/// Why one side compared with itself shows nothing: it is `whose` latest, or both sides are it.
fn same(side: String, whose: &str, latest: bool) -> String {
    match latest {
        true => format!("{side} is {whose} latest: there is nothing later to compare it with"),
        false => format!("both sides are {side}: there is nothing to compare"),
    }
}

/// "3 answers so far are kept in d.yaml".
fn kept(answered: usize, draft: &Path) -> String {
    let verb = if answered == 1 { "is" } else { "are" };
    format!(
        "{} so far {verb} kept in {}",
        counted(answered, "answer"),
        shown(draft)
    )
}

/// Why a file could not be read.
fn read_words(problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::Missing => "it does not exist".into(),
        ReadProblem::Directory => "it is a folder, not a file".into(),
        ReadProblem::NotRegular => "it is not a regular file (a device, pipe or socket)".into(),
        ReadProblem::PermissionDenied => "permission denied".into(),
        ReadProblem::TooLarge { size, limit } => {
            format!("it is {size} bytes, more than the limit of {limit} bytes")
        }
        ReadProblem::NotUtf8 { line, column } => {
            format!("it is not UTF-8 text (invalid byte at line {line}, column {column})")
        }
        ReadProblem::Io(e) => io_words(e),
    }
}

/// An I/O error in words, without the temporary file names some errors carry.
fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "its folder does not exist".into(),
        io::ErrorKind::IsADirectory => "that is a folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::FileTooLarge => "the file would be larger than allowed here".into(),
        _ => e
            .to_string()
            .split(" at path ")
            .next()
            .unwrap_or_default()
            .into(),
    }
}

/// A framework's problems, one per line.
fn framework_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("\n  - {}", one_line(&framework_problem(p))))
        .collect()
}

/// One framework problem: where, what, and the id where the words lack it.
fn framework_problem(p: &Problem) -> String {
    let words = match &p.kind {
        ProblemKind::Yaml(mistake) => mistake_words(mistake),
        ProblemKind::EmptyText { field } => format!("the {} is empty", field_words(*field)),
        ProblemKind::NoStages => "there are no stages; declare at least one".to_string(),
        ProblemKind::NoDomains => "there are no domains; declare at least one".to_string(),
        ProblemKind::EmptyId { item } => format!("a {} has an empty id", item_words(*item)),
        ProblemKind::BadId { item, id } => {
            format!(
                "the {} id `{id}` may only use letters, digits, `-`, `_` and `.`",
                item_words(*item)
            )
        }
        ProblemKind::DuplicateId { id } => {
            format!("the id `{id}` is used more than once; ids must be unique")
        }
        ProblemKind::ReservedStageId { id } => {
            format!(
                "the stage id `{id}` is reserved for a domain with every stage met; choose another"
            )
        }
        ProblemKind::NoActions { domain } => format!("the domain `{domain}` has no actions"),
        ProblemKind::BadLink { action, url, why } => format!(
            "the action `{action}` has a link `{}` that is not a web address a page may link \
             to: {}",
            quoted_from_file(url),
            link_words(*why)
        ),
        ProblemKind::UndeclaredStage { action, stage } => {
            format!(
                "the action `{action}` is in stage `{stage}`, which is not declared under `stages`"
            )
        }
    };
    let line = p.line.map(|l| format!("line {l}: ")).unwrap_or_default();
    let id =
        p.id.as_deref()
            .filter(|id| !words.contains(&format!("`{id}`")))
            .map(|id| format!(" (`{id}`)"));
    format!("{line}{words}{}", id.unwrap_or_default())
}

fn field_words(field: Field) -> &'static str {
    match field {
        Field::Title => "title",
        Field::FrameworkId => "framework id",
        Field::CompletionLabel => "completion label",
        Field::StageName => "stage name",
        Field::DomainName => "domain name",
        Field::ActionText => "action text",
    }
}

fn item_words(item: Item) -> &'static str {
    match item {
        Item::Stage => "stage",
        Item::Domain => "domain",
        Item::Action => "action",
    }
}

/// Why an answers file cannot be used.
fn answers_problem(problem: &AnswersProblem) -> String {
    match problem {
        AnswersProblem::Invalid(mistake) => one_line(&mistake_words(mistake)),
        AnswersProblem::ConflictMarkers { .. } => {
            "it holds merge-conflict markers (<<<<<<<, =======, >>>>>>>) from git or a sync tool"
                .to_string()
        }
        AnswersProblem::NewerFormat { found } => format!(
            "it was written by a newer mbct-sustain (format {}; this version reads format \
                {FORMAT})",
            one_line(found)
        ),
    }
}

/// ` (line 9, column 30)`, or what of it is known.
fn place(problem: &AnswersProblem) -> String {
    let column = if let AnswersProblem::Invalid(m) = problem {
        m.column
    } else {
        None
    };
    match (problem.line(), column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

/// A place deeper than this many steps is named by its first and last steps.
const PLACE_STEPS: usize = 4;

/// Text from the file (a key, an id, a value) as a message quotes it: on one line, and cut short,
/// so that no file can make a message longer than a line or two.
fn quoted_from_file(text: &str) -> String {
    crate::present::fit::truncate(&one_line(text), 60)
}

/// "in assessment 1, the answer to fit.pathways: `maybe` is not allowed here; …"
fn mistake_words(m: &Mistake) -> String {
    let step = |p: &Place| match p {
        Place::Item { list, number } => match list.as_deref() {
            Some(l @ ("assessments" | "domains" | "actions" | "stages" | "agreements")) => {
                format!("{} {number}", &l[..l.len() - 1])
            }
            Some("evidence") => format!("evidence item {number}"),
            Some(other) => format!("`{}` item {number}", quoted_from_file(other)),
            None => format!("item {number}"),
        },
        Place::Answer(id) => format!("the answer to {}", quoted_from_file(id)),
        Place::Note(id) => format!("the note for {}", quoted_from_file(id)),
        Place::Field(key) => format!("`{}`", quoted_from_file(key)),
    };
    let mut places: Vec<String> = m.place.iter().map(step).collect();
    if places.len() > PLACE_STEPS {
        // The first two steps and the last, with how many are left out between.
        let last = places.len() - 1;
        places.splice(2..last, [format!("… ({} more)", last - 2)]);
    }
    let words = kind_words(&m.kind);
    if places.is_empty() {
        words
    } else {
        format!("in {}: {words}", places.join(", "))
    }
}

fn kind_words(kind: &Kind) -> String {
    let listed = |lead: &str, allowed: &[String]| match allowed {
        [] => String::new(),
        _ => format!("{lead}`{}`", allowed.join("`, `")),
    };
    let name = match kind {
        Kind::UnknownValue { name, .. }
        | Kind::UnknownField { name, .. }
        | Kind::MissingField { name, .. }
        | Kind::Repeated { name, .. } => quoted_from_file(name),
        _ => String::new(),
    };
    match kind {
        Kind::UnknownValue { allowed, .. } => {
            format!(
                "`{name}` is not allowed here{}",
                listed("; use one of ", allowed)
            )
        }
        Kind::UnknownField { allowed, .. } => {
            format!(
                "`{name}` is not a field this file can have (a \
                typo?){}",
                listed("; the fields here are ", allowed)
            )
        }
        Kind::MissingField { line: None, .. } => format!("`{name}` is missing"),
        Kind::MissingField {
            line: Some(line), ..
        } => format!(
            "`{name}` is missing; a `{name}:` line is at line {line}: check its indentation \
                against the lines around it"
        ),
        Kind::Repeated { lines: None, .. } => format!("`{name}` appears twice"),
        Kind::Repeated {
            lines: Some((first, second)),
            ..
        } => {
            format!("`{name}` is given twice, at lines {first} and {second}: keep one")
        }
        Kind::WrongType { expected, found } => {
            format!(
                "expected {} here, but found {}",
                expected_words(*expected),
                found_words(found)
            )
        }
        Kind::NotATimestamp => "this is not a date and time like 2026-09-03T10:00:00Z (UTC)".into(),
        Kind::NotADate => "this is not a date like 2026-09-03 (year-month-day)".into(),
        Kind::Syntax(syntax) => syntax_words(*syntax).into(),
        Kind::Empty => "the file is empty".into(),
        Kind::Broken(Rule::ReviewOnOrEvery) => {
            "give the review either `on` (a date) or `every_months` (a number), one of them".into()
        }
        Kind::Broken(Rule::ReviewMonths) => {
            let months = crate::core::answers::plan::REVIEW_MONTHS;
            format!(
                "`every_months` must be from {} to {}",
                months.start(),
                months.end()
            )
        }
        Kind::Broken(Rule::DecimalVersion) => {
            "write the version in quotes (for example version: \"1.10\"), so it is kept exactly as \
                written"
                .into()
        }
        // The parser's own words name its internals, never what to do: they are not shown.
        Kind::Other(_) => "mbct-sustain cannot read this value here".into(),
    }
}

fn expected_words(expected: Expected) -> &'static str {
    match expected {
        Expected::List => "a list (lines starting with \"- \")",
        Expected::Map => "a set of `name: value` lines",
        Expected::Text => "text",
        Expected::WholeNumber => "a whole number",
        Expected::Other => "another kind of value",
    }
}

fn found_words(found: &Found) -> String {
    match found {
        Found::Text(text) => format!("the text \"{}\"", quoted_from_file(text)),
        Found::Number(n) => format!("the number {}", quoted_from_file(n)),
        Found::List => "a list".into(),
        Found::Map => "a set of `name: value` lines".into(),
        Found::Nothing => "nothing".into(),
        Found::Other => "something else".into(),
    }
}

fn syntax_words(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::ColonInValue => {
            "a colon (:) stands where it cannot: check this line's indentation against the line \
                above, or put text that contains \": \" in quotes"
        }
        Syntax::Indentation => {
            "this line is not indented like the lines around it (or a quote or bracket above is \
                not closed)"
        }
        Syntax::MissingColon => "a line is missing its colon (it should read `name: value`)",
        Syntax::CannotStartValue => {
            "a character that cannot start a value here (such as @, ` or a tab): put the text in \
                quotes"
        }
        Syntax::TabIndent => "a tab is used for indentation; use spaces",
        Syntax::TooManyAliases => {
            "the file uses aliases (&name / *name) to repeat itself too many times"
        }
        Syntax::TooDeep => "the file is nested too deeply",
        Syntax::SeveralDocuments => {
            "the file holds more than one YAML document (a line `---` starts another); keep one"
        }
        Syntax::Unclosed => {
            "the file ends in the middle of something: a quote or bracket is not closed"
        }
        Syntax::Escape => {
            "a backslash (\\) in double quotes starts an escape YAML does not know: use single \
                quotes, or write \\\\ for a backslash"
        }
        Syntax::ControlCharacter => "a control character (an invisible one) stands here: delete it",
        Syntax::UnknownAlias => "an alias (*name) names no anchor (&name) above it",
        Syntax::Unexpected => {
            "this is not written as YAML expects: check for a bracket or quote not closed, or a \
                stray comma, colon, `!`, `&` or `%` (text with these belongs in quotes)"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework::{Field, ProblemKind};
    use crate::core::yaml::{Mistake, Place};

    #[test]
    fn a_selector_that_matches_nothing_counts_the_assessments_in_good_english() {
        for (count, says) in [(1, "(1 assessment)"), (2, "(2 assessments)")] {
            let e = Error::NoSuchAssessment {
                path: "mbct-sustain.yaml".into(),
                selector: "2026-03-04".into(),
                count,
                respondent: None,
            };
            assert!(e.to_string().contains(says), "{e}");
        }
    }

    #[test]
    fn an_invalid_answers_file_names_the_file_the_line_and_the_place() {
        let e = Error::AnswersInvalid {
            path: "team/mbct-sustain.yaml".into(),
            problem: AnswersProblem::Invalid(Box::new(Mistake {
                line: Some(9),
                column: Some(30),
                place: vec![
                    Place::Item {
                        list: Some("assessments".into()),
                        number: 2,
                    },
                    Place::Answer("fit.pathways".into()),
                ],
                kind: Kind::UnknownValue {
                    name: "maybe".into(),
                    allowed: vec!["in-place".into(), "not-yet".into()],
                },
            })),
        };
        assert_eq!(
            e.to_string(),
            "the answers file team/mbct-sustain.yaml (line 9, column 30) cannot be used: in \
                assessment 2, the answer to fit.pathways: `maybe` is not allowed here; use one of \
                `in-place`, `not-yet`"
        );
        assert!(e.hint().unwrap().contains("left as it is"));
    }

    #[test]
    fn a_deep_place_and_long_names_from_the_file_make_one_short_line() {
        let item = |list: Option<&str>| Place::Item {
            list: list.map(String::from),
            number: 1,
        };
        let mut place = vec![Place::Field("x".repeat(500))];
        place.extend(std::iter::repeat_with(|| item(None)).take(127));
        let e = Error::AnswersInvalid {
            path: "a.yaml".into(),
            problem: AnswersProblem::Invalid(Box::new(Mistake {
                line: Some(3),
                column: None,
                place,
                kind: Kind::UnknownValue {
                    name: "y".repeat(5000),
                    allowed: vec![],
                },
            })),
        };
        let text = e.to_string();
        assert!(!text.contains('\n') && text.chars().count() < 250, "{text}");
        assert!(text.contains("item 1, … (125 more), item 1:"), "{text}");
    }

    #[test]
    fn a_parser_message_this_version_does_not_know_is_never_shown_in_its_words() {
        let words = kind_words(&Kind::Other(
            "failed to convert civil datetime to timestamp: overflowed".into(),
        ));
        assert_eq!(words, "mbct-sustain cannot read this value here");
    }

    #[test]
    fn framework_problems_are_listed_one_per_line_with_the_id_when_unnamed() {
        let e = Error::FrameworkInvalid {
            name: "my.yaml".into(),
            problems: vec![
                Problem {
                    line: Some(3),
                    id: Some("a".into()),
                    kind: ProblemKind::EmptyText {
                        field: Field::StageName,
                    },
                },
                Problem {
                    line: None,
                    id: Some("zz".into()),
                    kind: ProblemKind::DuplicateId { id: "zz".into() },
                },
            ],
        };
        assert_eq!(
            e.to_string(),
            "my.yaml is not a valid framework:\n  - line 3: the stage name is empty (`a`)\n  - the \
                id `zz` is used more than once; ids must be unique"
        );
    }

    #[test]
    fn a_format_number_too_large_for_any_number_type_is_named_as_a_newer_format() {
        let e = Error::AnswersInvalid {
            path: "a.yaml".into(),
            problem: AnswersProblem::NewerFormat {
                found: "99999999999999999999".into(),
            },
        };
        assert_eq!(
            e.to_string(),
            format!(
                "the answers file a.yaml cannot be used: it was written by a newer mbct-sustain \
                    (format 99999999999999999999; this version reads format {})",
                FORMAT
            )
        );
        assert!(e.hint().unwrap().starts_with("upgrade mbct-sustain"));
    }

    #[test]
    fn a_link_at_the_lock_is_named_with_what_to_do() {
        let e = Error::LockIsALink {
            path: "team/mbct-sustain.yaml.lock".into(),
        };
        assert!(
            e.to_string()
                .contains("is a link, which mbct-sustain never follows"),
            "{e}"
        );
        assert_eq!(
            e.hint().unwrap(),
            "remove that link (it is not the tool's), then run again"
        );
    }

    #[test]
    fn counts_meet_their_nouns_and_verbs() {
        let stopped = |answered| Error::Interrupted {
            answered,
            draft: Some("d.yaml".into()),
            rerun: "mbct-sustain".into(),
        };
        assert_eq!(
            stopped(1).to_string(),
            "Stopped; your 1 answer so far is kept in d.yaml."
        );
        assert_eq!(
            stopped(3).to_string(),
            "Stopped; your 3 answers so far are kept in d.yaml."
        );
        let small = Error::TerminalTooSmall {
            rows: 1,
            needed: 5,
            answered: 2,
            draft: Some("d.yaml".into()),
            rerun: "mbct-sustain".into(),
        };
        assert_eq!(
            small.to_string(),
            "the terminal is 1 row high; a question needs at least 5\nYour 2 answers so far are \
                kept in d.yaml."
        );
    }

    #[test]
    fn only_an_interruption_exits_130() {
        assert_eq!(
            Error::Interrupted {
                answered: 5,
                draft: Some("d".into()),
                rerun: "mbct-sustain".into()
            }
            .exit_code(),
            ExitCode::Interrupted
        );
        assert_eq!(Error::NeedsTerminal.exit_code(), ExitCode::Failure);
    }
}
