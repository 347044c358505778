//! Every failure a person can meet, in the words they will read.
//!
//! All user-facing error wording lives here: each variant names the file (and
//! the line where known), says what is wrong, and [`Error::hint`] says what to
//! do about it.

use std::io;
use std::path::PathBuf;

use crate::answers::HistoryProblem;
use crate::exit_code::ExitCode;
use crate::framework::Problem;
use crate::input::ReadProblem;

/// A failure of mbct-sustain, ready to show to a person.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum Error {
    /// The framework file could not be read.
    #[error("cannot read the framework {}: {problem}", path.display())]
    FrameworkUnreadable { path: PathBuf, problem: ReadProblem },

    /// The framework file was read but is not a valid framework.
    #[error("{name} is not a valid framework:\n{}", list_problems(.problems))]
    FrameworkInvalid { name: String, problems: Vec<Problem> },

    /// The answers file could not be read.
    #[error("cannot read the answers file {}: {problem}", path.display())]
    AnswersUnreadable { path: PathBuf, problem: ReadProblem },

    /// The answers file was read but cannot be used.
    #[error("the answers file {}{} cannot be used: {problem}", path.display(), at(problem.line(), column_of(problem)))]
    AnswersInvalid { path: PathBuf, problem: HistoryProblem },

    /// The answers file cannot be replaced.
    #[error("the answers file {} is read-only", path.display())]
    AnswersReadOnly { path: PathBuf },

    /// The answers file's folder cannot take a new file.
    #[error("cannot save answers in the folder {}: {}", path.display(), io_words(source))]
    FolderNotWritable { path: PathBuf, source: io::Error },

    /// A command that shows results found no answers file.
    #[error("there is no answers file at {} yet", path.display())]
    NoAnswersFile { path: PathBuf },

    /// The answers file holds no (matching) assessment.
    #[error("the answers file {} has no assessments{}", path.display(), respondent.as_ref().map(|r| format!(" by {r}")).unwrap_or_default())]
    NoAssessments { path: PathBuf, respondent: Option<String> },

    /// A selector (number, date, label) matched nothing.
    #[error("no assessment matches `{selector}` in {} ({count} assessments{})", path.display(), respondent.as_ref().map(|r| format!(" by {r}")).unwrap_or_default())]
    NoSuchAssessment {
        path: PathBuf,
        selector: String,
        count: usize,
        respondent: Option<String>,
    },

    /// `compare` needs two assessments.
    #[error("there is nothing to compare yet: {} holds {count} assessment{}{}", path.display(), if *count == 1 { "" } else { "s" }, respondent.as_ref().map(|r| format!(" by {r}")).unwrap_or_default())]
    NothingToCompare {
        path: PathBuf,
        count: usize,
        respondent: Option<String>,
    },

    /// The walk was started without a terminal.
    #[error("the assessment needs a terminal to ask its questions, and this is not one")]
    NeedsTerminal,

    /// The walk was stopped (Ctrl-C, closed terminal); answers are kept.
    #[error("{}", stopped(*answered, draft.as_deref()))]
    Interrupted {
        answered: usize,
        draft: Option<PathBuf>,
        /// The command that carries on with the draft.
        rerun: String,
    },

    /// The assessment was finished but could not be added to the answers
    /// file; its answers are still in the draft.
    #[error("{cause}\nYour answers are kept in {}: once this is fixed, run `{rerun}` again and carry on with them to save.", draft.display())]
    NotSaved {
        cause: Box<Error>,
        draft: PathBuf,
        rerun: String,
    },

    /// The terminal failed mid-walk.
    #[error("the walk could not talk to the terminal: {0}")]
    Terminal(io::Error),

    /// Another save held the lock for too long.
    #[error("another mbct-sustain has been saving to {} for over {seconds} seconds", path.display())]
    Locked { path: PathBuf, seconds: u64 },

    /// The answers could not be saved.
    #[error("could not save to {}: {}{}", path.display(), io_words(source), pending.as_ref().map(|p| format!("\nYour answers are safe in {}.", p.display())).unwrap_or_default())]
    SaveFailed {
        path: PathBuf,
        source: io::Error,
        pending: Option<PathBuf>,
    },

    /// An output file could not be written.
    #[error("could not write {}: {}", path.display(), io_words(source))]
    WriteFailed { path: PathBuf, source: io::Error },

    /// `--output` names a file the tool reads from.
    #[error("will not write over the {what} {}", path.display())]
    WouldOverwrite { path: PathBuf, what: &'static str },

    /// `compare` was given the same assessment twice.
    #[error("{}", if *latest { format!("assessment #{number} is that person's latest: there is nothing later to compare it with") } else { format!("both sides are assessment #{number}: there is nothing to compare") })]
    SameAssessment { number: usize, latest: bool },

    /// `framework init` would overwrite a file.
    #[error("{} already exists", path.display())]
    AlreadyExists { path: PathBuf },

    /// `--domain` named a domain the framework does not have.
    #[error("unknown domain `{id}`; this framework's domains are: {known}")]
    UnknownDomain { id: String, known: String },

    /// `team` found no assessment to show.
    #[error("no assessment found for the team in {files}{}", filter.as_ref().map(|f| format!(" {f}")).unwrap_or_default())]
    NoTeamAssessments { files: String, filter: Option<String> },
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
                "fix what is listed above in a text editor, then check again with `mbct-sustain framework check {name}`"
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
            Error::AnswersInvalid { problem: HistoryProblem::NewerFormat { .. }, .. } => {
                "upgrade mbct-sustain to the latest version; the file was left as it is".into()
            }
            Error::AnswersInvalid { problem: HistoryProblem::Empty, path } => format!(
                "the file was left as it is; if it should be empty, delete {} and run mbct-sustain again",
                path.display()
            ),
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
            Error::NoSuchAssessment { .. } => {
                "pick one by number (1 = oldest, -1 = latest), date (2026-09-03) or label; `mbct-sustain history` lists them".into()
            }
            Error::NothingToCompare { .. } => {
                "rerun `mbct-sustain` after some time (before your next team meeting), then compare".into()
            }
            Error::NeedsTerminal => {
                "run it in a terminal window; to see the latest results without questions, use `mbct-sustain report`".into()
            }
            Error::Interrupted { draft: None, .. } => return None,
            Error::Interrupted { rerun, .. } => format!("Run `{rerun}` again to carry on where you stopped."),
            Error::NotSaved { cause, .. } => return cause.hint(),
            Error::Terminal(_) => "run `mbct-sustain` again in a terminal".into(),
            Error::Locked { .. } => {
                "another save, perhaps from another computer, is still under way; wait a minute and run the command again".into()
            }
            Error::SaveFailed { pending: Some(p), path, .. } => format!(
                "once {} can be written again, copy the assessment from {} into it (or rename it to {} if there is no file)",
                path.display(),
                p.display(),
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            ),
            Error::SaveFailed { source, .. } | Error::WriteFailed { source, .. } => match source.kind() {
                io::ErrorKind::NotFound => "create the folder first, or give a path in a folder that exists".into(),
                io::ErrorKind::IsADirectory => "give a file name, not a folder".into(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    "choose a folder you may write to".into()
                }
                _ => "check there is space on the disk and that you may write there".into(),
            },
            Error::WouldOverwrite { .. } => "give --output another file name".into(),
            Error::SameAssessment { .. } => {
                "name two different assessments (number, date or label); `mbct-sustain history` lists them".into()
            }
            Error::AlreadyExists { .. } => "choose another file name, or add --force to overwrite it".into(),
            Error::UnknownDomain { .. } => "`mbct-sustain framework show` lists the domain ids".into(),
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
            Error::Interrupted { .. } => ExitCode::Interrupted,
            Error::NotSaved { cause, .. } => cause.exit_code(),
            _ => ExitCode::Failure,
        }
    }
}

/// What a YAML error means, in words for someone who does not write YAML:
/// where it is (which assessment, answer, domain or action) and what to do.
pub fn yaml_problem(e: &serde_yaml::Error) -> String {
    let raw = e.to_string();
    let raw = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    let (path, message) = split_path(raw);
    let place = path.map(place_of).filter(|p| !p.is_empty());
    let message = plain_message(message, path.unwrap_or(""));
    match place {
        Some(place) => format!("{place}: {message}"),
        None => message,
    }
}

/// serde paths look like `assessments[0].answers.fit.pathways: message`.
fn split_path(raw: &str) -> (Option<&str>, &str) {
    match raw.split_once(": ") {
        Some((path, rest))
            if !path.contains(' ')
                && (path.contains('[') || path.contains('.') || !path.is_empty())
                && !rest.is_empty() =>
        {
            (Some(path), rest)
        }
        _ => (None, raw),
    }
}

/// `assessments[0].answers.fit.pathways` -> "in assessment 1, the answer to fit.pathways".
fn place_of(path: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        // A segment is `name`, `name[i]` or `[i]`, up to the next dot.
        let end = match rest.find('.') {
            Some(dot) if rest.find('[').is_none_or(|b| dot < b) => dot,
            _ => rest.find(']').map_or(rest.len(), |close| close + 1),
        };
        let (segment, tail) = (&rest[..end], rest[end..].trim_start_matches('.'));
        let (name, index) = match segment.split_once('[') {
            Some((name, i)) => (name, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        match (name, index) {
            ("answers", _) | ("notes", _) if !tail.is_empty() => {
                let what = if name == "answers" {
                    "the answer to"
                } else {
                    "the note for"
                };
                parts.push(format!("{what} {tail}"));
                break;
            }
            ("", Some(i)) => {
                if let Some(last) = parts.pop() {
                    parts.push(format!("{last} {}", i + 1));
                }
            }
            (name, Some(i)) => parts.push(format!("{} {}", singular(name), i + 1)),
            (name, None) if !name.is_empty() => parts.push(format!("`{name}`")),
            _ => {}
        }
        rest = tail;
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("in {}", parts.join(", "))
    }
}

fn singular(name: &str) -> &str {
    match name {
        "assessments" => "assessment",
        "domains" => "domain",
        "actions" => "action",
        "stages" => "stage",
        other => other,
    }
}

/// serde and libyaml messages, said plainly.
fn plain_message(message: &str, path: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if path.ends_with("taken_at") || message.contains("parse") && message.contains("year") {
        return "this is not a date and time like 2026-09-03T10:00:00Z (UTC)".into();
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let allowed = rest.split_once("expected one of ").map_or("", |(_, a)| a);
        return format!(
            "{} is not allowed here; use one of {allowed}",
            rest.split(',').next().unwrap_or(rest)
        );
    }
    if message.starts_with("unknown field ") {
        let allowed = message
            .split_once("expected one of ")
            .map_or(String::new(), |(_, a)| format!("; the fields here are {a}"));
        return format!(
            "`{}` is not a field this file can have (a typo?){allowed}",
            quoted(message)
        );
    }
    if message.starts_with("missing field ") {
        return format!("`{}` is missing", quoted(message));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let expected = match expected {
            "a sequence" => "a list (lines starting with \"- \")",
            "a map" | "struct Framework" | "struct Stage" | "struct Domain" | "struct Action" => {
                "a set of `name: value` lines"
            }
            other => other,
        };
        let found = found
            .replace("map", "a set of `name: value` lines")
            .replace("sequence", "a list");
        return format!("expected {expected} here, but found {found}");
    }
    if message.contains("mapping values are not allowed") {
        return "a colon (:) stands where it cannot: check this line's indentation against the line above, or put text that contains \": \" in quotes".into();
    }
    if message.contains("did not find expected key") || message.contains("did not find expected '-'") {
        return "this line is not indented like the lines around it (or a quote or bracket above is not closed)".into();
    }
    if message.contains("could not find expected ':'") {
        return "a line is missing its colon (it should read `name: value`)".into();
    }
    if message.contains("found character that cannot start any token") {
        return "a character that cannot start a value here (such as @, ` or a tab): put the text in quotes".into();
    }
    if message.contains("tab") && message.contains("indentation") {
        return "a tab is used for indentation; use spaces".into();
    }
    if message.contains("end of stream") {
        return "the file ends in the middle of something: a quote or bracket is not closed".into();
    }
    if message.contains("repetition limit exceeded") {
        return "the file uses aliases (&name / *name) to repeat itself too many times".into();
    }
    if message.contains("recursion limit exceeded") {
        return "the file is nested too deeply".into();
    }
    message.to_string()
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

fn stopped(answered: usize, draft: Option<&std::path::Path>) -> String {
    match draft {
        Some(d) => format!(
            "Stopped; your {answered} answer{} so far {} kept in {}.",
            if answered == 1 { "" } else { "s" },
            if answered == 1 { "is" } else { "are" },
            d.display()
        ),
        None => "Stopped before any answer was given; nothing was saved.".to_string(),
    }
}

fn list_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let mut s = String::from("  - ");
            if let Some(line) = p.line {
                s += &format!("line {line}: ");
            }
            s += &p.message;
            if let Some(id) = p.id.as_deref().filter(|id| !p.message.contains(&format!("`{id}`"))) {
                s += &format!(" (`{id}`)");
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn column_of(problem: &HistoryProblem) -> Option<usize> {
    match problem {
        HistoryProblem::Invalid { column, .. } => *column,
        _ => None,
    }
}

fn at(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_answers_file_names_the_file_and_line() {
        let e = Error::AnswersInvalid {
            path: "team/mbct-sustain.yaml".into(),
            problem: HistoryProblem::Invalid {
                line: Some(9),
                column: Some(30),
                message: "unknown variant `maybe`".into(),
            },
        };
        assert_eq!(
            e.to_string(),
            "the answers file team/mbct-sustain.yaml (line 9, column 30) cannot be used: unknown variant `maybe`"
        );
        assert!(e.hint().unwrap().contains("left as it is"));
    }

    #[test]
    fn framework_problems_are_listed_one_per_line() {
        let e = Error::FrameworkInvalid {
            name: "my.yaml".into(),
            problems: vec![
                Problem {
                    line: Some(3),
                    id: Some("a".into()),
                    message: "first".into(),
                },
                Problem {
                    line: None,
                    id: None,
                    message: "second".into(),
                },
            ],
        };
        assert_eq!(
            e.to_string(),
            "my.yaml is not a valid framework:\n  - line 3: first (`a`)\n  - second"
        );
    }

    fn yaml_error(text: &str) -> String {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            assessments: Vec<A>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct A {
            answers: std::collections::BTreeMap<String, crate::answers::Answer>,
        }
        yaml_problem(&serde_yaml::from_str::<Doc>(text).unwrap_err())
    }

    #[test]
    fn yaml_errors_say_where_in_words_and_what_is_allowed() {
        assert_eq!(
            yaml_error("assessments:\n  - answers:\n      fit.pathways: maybe\n"),
            "in assessment 1, the answer to fit.pathways: `maybe` is not allowed here; use one of `in-place`, `in-progress`, `not-yet`, `not-applicable`"
        );
        assert!(yaml_error("assessments:\n  answers: {}\n").contains("expected a list"));
        assert!(yaml_error("assessments:\n  - answers:\n    fit: x\n   bad: y\n").contains("indent"));
    }

    #[test]
    fn paths_become_places() {
        assert_eq!(place_of("domains[0].actions[1]"), "in domain 1, action 2");
        assert_eq!(
            place_of("assessments[2].notes.fit"),
            "in assessment 3, the note for fit"
        );
        assert_eq!(place_of("stages"), "in `stages`");
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
