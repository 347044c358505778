//! Every failure a person can meet, in the words they will read.
//!
//! All user-facing wording lives here, as plain `match` arms: what went wrong
//! ([`fmt::Display`]), what to do about it ([`Error::hint`]), and the words for
//! the core's problem enums (a bad framework, a bad answers file), which carry
//! no wording of their own. Only YAML parser messages are put into words
//! beside the loader, in `core::yaml`, where the parser's details are known.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::core::answers;
use crate::core::framework::{Field, Item, Problem, ProblemKind};
use crate::present::safe::one_line;
use crate::shell::exit_code::ExitCode;
use crate::shell::input::ReadProblem;

/// A failure of mbct-sustain, ready to show to a person.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Error {
    /// The framework file could not be read.
    FrameworkUnreadable { path: PathBuf, problem: ReadProblem },

    /// The framework file was read but is not a valid framework.
    FrameworkInvalid { name: String, problems: Vec<Problem> },

    /// The answers file could not be read.
    AnswersUnreadable { path: PathBuf, problem: ReadProblem },

    /// The answers file was read but cannot be used.
    AnswersInvalid {
        path: PathBuf,
        problem: answers::file::Problem,
    },

    /// The answers file cannot be replaced.
    AnswersReadOnly { path: PathBuf },

    /// The answers file's folder cannot take a new file.
    FolderNotWritable { path: PathBuf, source: io::Error },

    /// A command that shows results found no answers file.
    NoAnswersFile { path: PathBuf },

    /// The answers file holds no (matching) assessment.
    NoAssessments { path: PathBuf, respondent: Option<String> },

    /// A selector (number, date, label) matched nothing.
    NoSuchAssessment {
        path: PathBuf,
        selector: String,
        count: usize,
        respondent: Option<String>,
    },

    /// A selector matched none of the team's rounds.
    NoSuchRound {
        path: PathBuf,
        selector: String,
        count: usize,
    },

    /// `compare` of the team needs two rounds.
    OneRound { path: PathBuf },

    /// `compare` of the team was given the same round twice.
    SameRound { number: usize, latest: bool },

    /// A date that is not one, where a date was meant.
    NotADate { message: String },

    /// `--since` left no assessment.
    NothingSince { path: PathBuf, since: jiff::civil::Date },

    /// `compare` needs two assessments.
    NothingToCompare {
        path: PathBuf,
        count: usize,
        respondent: Option<String>,
    },

    /// `plan edit` was started without a terminal.
    PlanEditNeedsTerminal,

    /// `plan edit` was stopped; every confirmed change is saved.
    PlanEditStopped { changes: usize, path: PathBuf },

    /// The walk was started without a terminal.
    NeedsTerminal,

    /// The walk was stopped (Ctrl-C, closed terminal); answers are kept.
    Interrupted {
        answered: usize,
        draft: Option<PathBuf>,
        /// The command that carries on with the draft.
        rerun: String,
    },

    /// The assessment was finished but could not be added to the answers
    /// file; its answers are still in the draft.
    NotSaved {
        cause: Box<Error>,
        draft: PathBuf,
        rerun: String,
    },

    /// The terminal is too small to ask a question; answers are kept.
    TerminalTooSmall {
        rows: usize,
        needed: usize,
        answered: usize,
        draft: Option<PathBuf>,
        rerun: String,
    },

    /// The terminal failed mid-walk.
    Terminal(io::Error),

    /// Another save held the lock for too long.
    Locked { path: PathBuf, seconds: u64 },

    /// The answers could not be saved.
    SaveFailed { path: PathBuf, source: io::Error },

    /// A save would make the answers file larger than the tool reads.
    TooLargeToSave { path: PathBuf, size: u64, limit: u64 },

    /// An output file could not be written.
    WriteFailed { path: PathBuf, source: io::Error },

    /// `--output` names a file the tool reads from.
    WouldOverwrite { path: PathBuf, what: &'static str },

    /// `compare` was given the same assessment twice.
    SameAssessment { number: usize, latest: bool },

    /// `framework init` would overwrite a file.
    AlreadyExists { path: PathBuf },

    /// An action id the framework does not have.
    UnknownAction { id: String, closest: Vec<String> },

    /// A stage the framework does not have.
    UnknownStage { name: String, known: String },

    /// `--domain` named a domain the framework does not have.
    UnknownDomain { id: String, known: String },

    /// `team` found no assessment to show.
    NoTeamAssessments { files: String, filter: Option<String> },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::FrameworkUnreadable { path, problem } => {
                write!(f, "cannot read the framework {}: {}", shown(path), read_words(problem))
            }
            Error::FrameworkInvalid { name, problems } => {
                write!(f, "{} is not a valid framework:", said(name))?;
                for p in problems {
                    write!(f, "\n  - {}", said(&framework_problem(p)))?;
                }
                Ok(())
            }
            Error::AnswersUnreadable { path, problem } => {
                write!(
                    f,
                    "cannot read the answers file {}: {}",
                    shown(path),
                    read_words(problem)
                )
            }
            Error::AnswersInvalid { path, problem } => write!(
                f,
                "the answers file {}{} cannot be used: {}",
                shown(path),
                place(problem),
                answers_problem(problem)
            ),
            Error::AnswersReadOnly { path } => write!(f, "the answers file {} is read-only", shown(path)),
            Error::FolderNotWritable { path, source } => {
                write!(
                    f,
                    "cannot save answers in the folder {}: {}",
                    shown(path),
                    io_words(source)
                )
            }
            Error::NoAnswersFile { path } => write!(f, "there is no answers file at {} yet", shown(path)),
            Error::NoAssessments { path, respondent } => {
                write!(
                    f,
                    "the answers file {} has no assessments{}",
                    shown(path),
                    by(respondent)
                )
            }
            Error::NoSuchAssessment {
                path,
                selector,
                count,
                respondent,
            } => write!(
                f,
                "no assessment matches `{}` in {} ({count} assessments{})",
                said(selector),
                shown(path),
                by(respondent)
            ),
            Error::NothingToCompare {
                path,
                count,
                respondent,
            } => write!(
                f,
                "there is nothing to compare yet: {} holds {}{}",
                shown(path),
                counted(*count, "assessment"),
                by(respondent)
            ),
            Error::PlanEditNeedsTerminal => {
                write!(
                    f,
                    "`plan edit` needs a terminal to ask its questions, and this is not one"
                )
            }
            Error::PlanEditStopped { changes, path } => write!(
                f,
                "Stopped; {} confirmed {} saved in {}.",
                counted(*changes, "change"),
                if *changes == 1 { "is" } else { "are" },
                shown(path)
            ),
            Error::NoSuchRound { path, selector, count } => write!(
                f,
                "no round of the team's matches `{}` in {} ({})",
                said(selector),
                shown(path),
                counted(*count, "round")
            ),
            Error::OneRound { path } => write!(
                f,
                "there is nothing to compare yet: the team has answered in one round in {}",
                shown(path)
            ),
            Error::SameRound { number, latest: true } => {
                write!(
                    f,
                    "round {number} is the team's latest: there is nothing later to compare it with"
                )
            }
            Error::SameRound { number, latest: false } => {
                write!(f, "both sides are round {number}: there is nothing to compare")
            }
            Error::NotADate { message } => write!(f, "{}", said(message)),
            Error::NothingSince { path, since } => {
                write!(f, "no assessment in {} was taken on or after {since}", shown(path))
            }
            Error::NeedsTerminal => {
                write!(
                    f,
                    "the assessment needs a terminal to ask its questions, and this is not one"
                )
            }
            Error::Interrupted {
                answered,
                draft: Some(draft),
                ..
            } => write!(
                f,
                "Stopped; your {} so far {} kept in {}.",
                counted(*answered, "answer"),
                if *answered == 1 { "is" } else { "are" },
                shown(draft)
            ),
            Error::Interrupted { draft: None, .. } => {
                write!(f, "Stopped before any answer was given; nothing was saved.")
            }
            Error::NotSaved { cause, draft, rerun } => write!(
                f,
                "{cause}\nYour answers are kept in {}: once this is fixed, run `{}` again and carry on with them to save.",
                shown(draft),
                said(rerun)
            ),
            Error::TerminalTooSmall {
                rows,
                needed,
                answered,
                draft,
                ..
            } => {
                write!(
                    f,
                    "the terminal is {} high; a question needs at least {needed}",
                    counted(*rows, "row")
                )?;
                match draft {
                    Some(d) => write!(
                        f,
                        "\nYour {} so far {} kept in {}.",
                        counted(*answered, "answer"),
                        if *answered == 1 { "is" } else { "are" },
                        shown(d)
                    ),
                    None => Ok(()),
                }
            }
            Error::Terminal(e) => write!(f, "the walk could not talk to the terminal: {e}"),
            Error::Locked { path, seconds } => write!(
                f,
                "another mbct-sustain has been saving to {} for over {seconds} seconds",
                shown(path)
            ),
            Error::SaveFailed { path, source } => {
                write!(f, "could not save to {}: {}", shown(path), io_words(source))
            }
            Error::TooLargeToSave { path, size, limit } => write!(
                f,
                "saving would make {} {size} bytes, over the {limit} bytes mbct-sustain reads; nothing was written",
                shown(path)
            ),
            Error::WriteFailed { path, source } => {
                write!(f, "could not write {}: {}", shown(path), io_words(source))
            }
            Error::WouldOverwrite { path, what } => write!(f, "will not write over the {what} {}", shown(path)),
            Error::SameAssessment { number, latest: true } => write!(
                f,
                "assessment #{number} is that person's latest: there is nothing later to compare it with"
            ),
            Error::SameAssessment { number, latest: false } => {
                write!(f, "both sides are assessment #{number}: there is nothing to compare")
            }
            Error::AlreadyExists { path } => write!(f, "{} already exists", shown(path)),
            Error::UnknownAction { id, closest } if closest.is_empty() => {
                write!(f, "unknown action `{}`", said(id))
            }
            Error::UnknownAction { id, closest } => {
                write!(
                    f,
                    "unknown action `{}`; the closest ids are: {}",
                    said(id),
                    closest.join(", ")
                )
            }
            Error::UnknownStage { name, known } => {
                write!(
                    f,
                    "unknown stage `{}`; this framework's stages are: {}",
                    said(name),
                    said(known)
                )
            }
            Error::UnknownDomain { id, known } => {
                write!(
                    f,
                    "unknown domain `{}`; this framework's domains are: {}",
                    said(id),
                    said(known)
                )
            }
            Error::NoTeamAssessments { files, filter } => {
                write!(f, "no assessment found for the team in {}", said(files))?;
                match filter {
                    Some(filter) => write!(f, " {}", said(filter)),
                    None => Ok(()),
                }
            }
        }
    }
}

/// One framework problem: where, what, and the id where the words lack it.
fn framework_problem(p: &Problem) -> String {
    let words = match &p.kind {
        ProblemKind::Empty => "the file is empty".to_string(),
        ProblemKind::TooDeep { max } => format!("brackets are nested more than {max} levels deep"),
        ProblemKind::Yaml(message) => message.clone(),
        ProblemKind::EmptyText { field } => format!("the {} is empty", field_words(*field)),
        ProblemKind::NoStages => "there are no stages; declare at least one".to_string(),
        ProblemKind::NoDomains => "there are no domains; declare at least one".to_string(),
        ProblemKind::EmptyId { item } => format!("a {} has an empty id", item_words(*item)),
        ProblemKind::BadId { item, id } => format!(
            "the {} id `{id}` may only use letters, digits, `-`, `_` and `.`",
            item_words(*item)
        ),
        ProblemKind::DuplicateId { id } => format!("the id `{id}` is used more than once; ids must be unique"),
        ProblemKind::ReservedStageId { id } => {
            format!("the stage id `{id}` is reserved for a domain with every stage met; choose another")
        }
        ProblemKind::NoActions { domain } => format!("the domain `{domain}` has no actions"),
        ProblemKind::BadLink { action, url } => format!(
            "the action `{action}` has a link `{url}` that is not a web address; write it in full, starting https:// (or http://)"
        ),
        ProblemKind::UndeclaredStage { action, stage } => {
            format!("the action `{action}` is in stage `{stage}`, which is not declared under `stages`")
        }
    };
    let line = p.line.map(|l| format!("line {l}: ")).unwrap_or_default();
    let id = match p.id.as_deref() {
        Some(id) if !words.contains(&format!("`{id}`")) => format!(" (`{id}`)"),
        _ => String::new(),
    };
    format!("{line}{words}{id}")
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

fn answers_problem(problem: &answers::file::Problem) -> String {
    use answers::FORMAT;
    use answers::file::Problem;
    match problem {
        Problem::Empty => "the file is empty".to_string(),
        Problem::TooDeep { max, .. } => format!("brackets are nested more than {max} levels deep"),
        Problem::Invalid(mistake) => said(&mistake.message),
        Problem::ConflictMarkers { .. } => {
            "it holds merge-conflict markers (<<<<<<<, =======, >>>>>>>) from git or a sync tool".to_string()
        }
        Problem::NewerFormat { found } => {
            format!("it was written by a newer mbct-sustain (format {found}; this version reads format {FORMAT})")
        }
    }
}

/// ` (line 9, column 30)`, or what of it is known.
fn place(problem: &answers::file::Problem) -> String {
    let column = match problem {
        answers::file::Problem::Invalid(m) => m.column,
        _ => None,
    };
    match (problem.line(), column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

fn read_words(problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::Missing => "it does not exist".to_string(),
        ReadProblem::Directory => "it is a folder, not a file".to_string(),
        ReadProblem::NotRegular => "it is not a regular file (a device, pipe or socket)".to_string(),
        ReadProblem::PermissionDenied => "permission denied".to_string(),
        ReadProblem::TooLarge { size, limit } => format!("it is {size} bytes, more than the limit of {limit} bytes"),
        ReadProblem::NotUtf8 { line, column } => {
            format!("it is not UTF-8 text (invalid byte at line {line}, column {column})")
        }
        ReadProblem::Io(e) => io_words(e),
    }
}

/// ` by Sam`, or nothing.
fn by(respondent: &Option<String>) -> String {
    respondent
        .as_ref()
        .map(|r| format!(" by {}", said(r)))
        .unwrap_or_default()
}

/// A path in a message: control characters shown, never obeyed, and on one
/// line, so a file name cannot forge a line of its own.
fn shown(path: &std::path::Path) -> String {
    one_line(&path.display().to_string())
}

/// Text from a file or the command line, as [`shown`].
fn said(text: &str) -> String {
    one_line(text)
}

/// "1 answer", "5 answers": the one place a count meets a noun.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl Error {
    /// What the person can do about it, where there is something to do.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Error::FrameworkUnreadable { problem, .. } => match problem {
                ReadProblem::NotUtf8 { .. } => "save the file as UTF-8 text (most editors offer this under Save As)".into(),
                ReadProblem::TooLarge { .. } | ReadProblem::NotRegular | ReadProblem::Directory => {
                    "give the path of a framework file (`mbct-sustain framework init FILE` makes one)".into()
                }
                _ => "check the file name and path".into(),
            },
            Error::FrameworkInvalid { name, .. } => format!(
                "fix what is listed above in a text editor, then check again with `mbct-sustain framework check {}`",
                said(name)
            ),
            Error::AnswersUnreadable { path, problem } => match problem {
                ReadProblem::Directory => format!(
                    "give the answers file's own path, e.g. --file {}",
                    path.join("mbct-sustain.yaml").display()
                ),
                ReadProblem::PermissionDenied => "ask whoever manages the folder for read and write access".into(),
                ReadProblem::NotUtf8 { .. } => {
                    "the file was left as it is; save it as UTF-8 text (most editors offer this under Save As)".into()
                }
                _ => "check the file name and path (--file or MBCT_SUSTAIN_FILE, if you set one)".into(),
            },
            Error::AnswersInvalid { problem: answers::file::Problem::NewerFormat { .. }, .. } => {
                "upgrade mbct-sustain to the latest version; the file was left as it is".into()
            }
            Error::AnswersInvalid { problem: answers::file::Problem::Empty, path } => format!(
                "the file was left as it is; if it should be empty, delete {} and run mbct-sustain again",
                shown(path)
            ),
            Error::AnswersInvalid {
                problem: answers::file::Problem::ConflictMarkers { .. },
                ..
            } => "resolve the conflict in a text editor: keep the assessments from both sides (each starts `- taken_at:`), delete the marker lines, then run again".into(),
            Error::AnswersInvalid { .. } => {
                "the file was left as it is; fix that line in a text editor (or restore the file from a backup or git), then run again".into()
            }
            Error::AnswersReadOnly { .. } => "make the file writable, or use --file to save elsewhere".into(),
            Error::FolderNotWritable { .. } => "use --file to save the answers in a folder you can write to".into(),
            Error::NoAnswersFile { .. } => {
                "run `mbct-sustain` to take the first assessment, or use --file to point at an existing answers file".into()
            }
            Error::NoAssessments { respondent: Some(_), .. } => {
                "check the name with `mbct-sustain history`, or leave out --respondent".into()
            }
            Error::NoAssessments { .. } => "run `mbct-sustain` to take the first assessment".into(),
            Error::NoSuchAssessment {
                respondent: Some(r), ..
            } => format!(
                "pick one of theirs by number (as `mbct-sustain history --respondent {}` lists them; -1 = their latest), date (2026-09-03) or label",
                said(r)
            ),
            Error::NoSuchAssessment { .. } => {
                "pick one by number (1 = oldest, -1 = latest), date (2026-09-03) or label; `mbct-sustain history` lists them".into()
            }
            Error::PlanEditNeedsTerminal => {
                "in a script, use `mbct-sustain plan assign ACTION --owner NAME --due DATE` (and `plan target`, `plan review`)".into()
            }
            Error::PlanEditStopped { .. } => "run `mbct-sustain plan edit` again to go on, or `mbct-sustain plan` to see the plan".into(),
            Error::NoSuchRound { .. } => {
                "pick a round by number (1 = oldest, -1 = latest), date (2026-09-03) or label; `mbct-sustain history` lists them, or use --respondent NAME for one person's assessments".into()
            }
            Error::OneRound { .. } => {
                "a round is a run of assessments with no gap of more than 30 days; rerun in a month or more, then compare (or --respondent NAME compares one person's)".into()
            }
            Error::SameRound { .. } => {
                "name two different rounds (number, date or label); `mbct-sustain history` lists them".into()
            }
            Error::NothingSince { .. } => "give an earlier date, or leave out --since".into(),
            Error::NotADate { .. } => "write the date as year-month-day, like 2026-09-03".into(),
            Error::NothingToCompare { .. } => {
                "rerun `mbct-sustain` after some time (before your next team meeting), then compare".into()
            }
            Error::NeedsTerminal => {
                "run it in a terminal window; to see the latest results without questions, use `mbct-sustain report`".into()
            }
            Error::Interrupted { draft: None, .. } => return None,
            Error::Interrupted { rerun, .. } => format!("Run `{}` again to carry on where you stopped.", said(rerun)),
            Error::NotSaved { cause, .. } => return cause.hint(),
            Error::TerminalTooSmall { rerun, .. } => {
                format!("make the window taller, then run `{}` to carry on", said(rerun))
            }
            Error::Terminal(_) => "run `mbct-sustain` again in a terminal".into(),
            Error::Locked { .. } => {
                "another save, perhaps from another computer, is still under way; wait a minute and run the command again".into()
            }
            Error::SaveFailed { source, .. } | Error::WriteFailed { source, .. } => match source.kind() {
                io::ErrorKind::NotFound => "create the folder first, or give a path in a folder that exists".into(),
                io::ErrorKind::IsADirectory => "give a file name, not a folder".into(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    "choose a folder you may write to".into()
                }
                io::ErrorKind::FileTooLarge => {
                    "a limit on file size (`ulimit -f`) stopped the save; raise it, then run again (the file was left as it was)".into()
                }
                _ => "check there is space on the disk and that you may write there".into(),
            },
            Error::WouldOverwrite { .. } => "give --output another file name".into(),
            Error::TooLargeToSave { .. } => {
                "move older assessments to another file (keep it as an archive, with --file to read it), then save again".into()
            }
            Error::SameAssessment { .. } => {
                "name two different assessments (number, date or label); `mbct-sustain history` lists them".into()
            }
            Error::AlreadyExists { .. } => "choose another file name, or add --force to overwrite it".into(),
            Error::UnknownDomain { .. } => "`mbct-sustain framework show` lists the domain ids".into(),
            Error::UnknownAction { .. } => "`mbct-sustain framework show` lists every action id; the answers file was left as it was".into(),
            Error::UnknownStage { .. } => "give a stage by its id or name; the answers file was left as it was".into(),
            Error::NoTeamAssessments { filter: Some(_), .. } => {
                "leave out --since or --label, or check the dates and labels with `mbct-sustain history`".into()
            }
            Error::NoTeamAssessments { .. } => {
                "each team member runs `mbct-sustain --respondent NAME`; then run `mbct-sustain team` with their answers files".into()
            }
        })
    }

    /// The process exit code for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Interrupted { .. } | Error::PlanEditStopped { .. } => ExitCode::Interrupted,
            Error::NotSaved { cause, .. } => cause.exit_code(),
            _ => ExitCode::Failure,
        }
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
        _ => {
            let text = e.to_string();
            match text.find(" at path ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::yaml::Mistake;

    #[test]
    fn an_invalid_answers_file_names_the_file_and_line() {
        let e = Error::AnswersInvalid {
            path: "team/mbct-sustain.yaml".into(),
            problem: answers::file::Problem::Invalid(Mistake {
                line: Some(9),
                column: Some(30),
                message: "`maybe` is not allowed here".into(),
            }),
        };
        assert_eq!(
            e.to_string(),
            "the answers file team/mbct-sustain.yaml (line 9, column 30) cannot be used: `maybe` is not allowed here"
        );
        assert!(e.hint().unwrap().contains("left as it is"));
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
            "my.yaml is not a valid framework:\n  - line 3: the stage name is empty (`a`)\n  - the id `zz` is used more than once; ids must be unique"
        );
    }

    #[test]
    fn counts_meet_their_nouns_in_one_place() {
        assert_eq!(counted(1, "answer"), "1 answer");
        assert_eq!(counted(0, "answer"), "0 answers");
        let stopped = Error::Interrupted {
            answered: 1,
            draft: Some("d.yaml".into()),
            rerun: "mbct-sustain".into(),
        };
        assert_eq!(stopped.to_string(), "Stopped; your 1 answer so far is kept in d.yaml.");
    }

    #[test]
    fn only_an_interruption_exits_130() {
        assert_eq!(
            Error::Interrupted {
                answered: 5,
                draft: Some("d".into()),
                rerun: "mbct-sustain".into(),
            }
            .exit_code(),
            ExitCode::Interrupted
        );
        assert_eq!(Error::NeedsTerminal.exit_code(), ExitCode::Failure);
    }
}
