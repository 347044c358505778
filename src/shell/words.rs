//! The words for what the core and the disk report as data: a bad framework,
//! a bad answers file, a YAML mistake, a file that cannot be read. Each
//! [`crate::shell::error::Error`] message is built from these.

use std::io;
use std::path::Path;

use crate::core::answers::{FORMAT, file::Problem as AnswersProblem};
use crate::core::framework::{Field, Item, Problem, ProblemKind};
use crate::core::yaml::{Expected, Found, Kind, Mistake, Place, Rule, Syntax};
use crate::present::safe::one_line;
use crate::shell::input::ReadProblem;

/// "1 answer", "5 answers": the one place a count meets a noun.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A path in a message: control characters shown, never obeyed, and on one
/// line, so a file name cannot forge a line of its own.
pub fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// Text from a file or the command line, as [`shown`].
pub fn said(text: &str) -> String {
    one_line(text)
}

/// ` by Sam`, or nothing.
pub fn by(respondent: &Option<String>) -> String {
    respondent
        .as_ref()
        .map(|r| format!(" by {}", said(r)))
        .unwrap_or_default()
}

/// "3 answers so far are kept in d.yaml".
pub fn kept(answered: usize, draft: &Path) -> String {
    let verb = if answered == 1 { "is" } else { "are" };
    format!("{} so far {verb} kept in {}", counted(answered, "answer"), shown(draft))
}

/// Why a file could not be read.
pub fn read_words(problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::Missing => "it does not exist".into(),
        ReadProblem::Directory => "it is a folder, not a file".into(),
        ReadProblem::NotRegular => "it is not a regular file (a device, pipe or socket)".into(),
        ReadProblem::PermissionDenied => "permission denied".into(),
        ReadProblem::TooLarge { size, limit } => format!("it is {size} bytes, more than the limit of {limit} bytes"),
        ReadProblem::NotUtf8 { line, column } => {
            format!("it is not UTF-8 text (invalid byte at line {line}, column {column})")
        }
        ReadProblem::Io(e) => io_words(e),
    }
}

/// An I/O error in words, without the temporary file names some errors carry.
pub fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "its folder does not exist".into(),
        io::ErrorKind::IsADirectory => "that is a folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::FileTooLarge => "the file would be larger than allowed here".into(),
        _ => {
            let text = e.to_string();
            text.split(" at path ").next().unwrap_or_default().to_string()
        }
    }
}

/// A framework's problems, one per line.
pub fn framework_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("\n  - {}", said(&framework_problem(p))))
        .collect()
}

/// One framework problem: where, what, and the id where the words lack it.
fn framework_problem(p: &Problem) -> String {
    let words = match &p.kind {
        ProblemKind::Empty => "the file is empty".to_string(),
        ProblemKind::TooDeep { max } => format!("brackets are nested more than {max} levels deep"),
        ProblemKind::Yaml(mistake) => mistake_words(mistake),
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

/// Why an answers file cannot be used.
pub fn answers_problem(problem: &AnswersProblem) -> String {
    match problem {
        AnswersProblem::Empty => "the file is empty".to_string(),
        AnswersProblem::TooDeep { max, .. } => format!("brackets are nested more than {max} levels deep"),
        AnswersProblem::Invalid(mistake) => said(&mistake_words(mistake)),
        AnswersProblem::ConflictMarkers { .. } => {
            "it holds merge-conflict markers (<<<<<<<, =======, >>>>>>>) from git or a sync tool".to_string()
        }
        AnswersProblem::NewerFormat { found } => format!(
            "it was written by a newer mbct-sustain (format {}; this version reads format {FORMAT})",
            said(found)
        ),
    }
}

/// ` (line 9, column 30)`, or what of it is known.
pub fn place(problem: &AnswersProblem) -> String {
    let column = match problem {
        AnswersProblem::Invalid(m) => m.column,
        _ => None,
    };
    match (problem.line(), column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

/// "in assessment 1, the answer to fit.pathways: `maybe` is not allowed here; …"
fn mistake_words(m: &Mistake) -> String {
    let places: Vec<String> = m
        .place
        .iter()
        .map(|p| match p {
            Place::Item { list, number } => match list.as_deref() {
                Some(l @ ("assessments" | "domains" | "actions" | "stages")) => {
                    format!("{} {number}", &l[..l.len() - 1])
                }
                Some(other) => format!("`{other}` item {number}"),
                None => format!("item {number}"),
            },
            Place::Answer(id) => format!("the answer to {id}"),
            Place::Note(id) => format!("the note for {id}"),
            Place::Field(key) => format!("`{key}`"),
        })
        .collect();
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
    match kind {
        Kind::UnknownValue { found, allowed } => {
            format!("`{found}` is not allowed here{}", listed("; use one of ", allowed))
        }
        Kind::UnknownField { field, allowed } => format!(
            "`{field}` is not a field this file can have (a typo?){}",
            listed("; the fields here are ", allowed)
        ),
        Kind::MissingField { field, indented_at } => match indented_at {
            Some(line) => format!(
                "`{field}` is missing; a `{field}:` line is at line {line}: check its indentation against the lines around it"
            ),
            None => format!("`{field}` is missing"),
        },
        Kind::Repeated { key } => format!("`{key}` appears twice"),
        Kind::WrongType { expected, found } => format!(
            "expected {} here, but found {}",
            expected_words(*expected),
            found_words(found)
        ),
        Kind::NotATimestamp => "this is not a date and time like 2026-09-03T10:00:00Z (UTC)".into(),
        Kind::NotADate => "this is not a date; write it as year-month-day, like 2027-01-31".into(),
        Kind::Syntax(syntax) => syntax_words(*syntax).into(),
        Kind::TooManyAliases => "the file uses aliases (&name / *name) to repeat itself too many times".into(),
        Kind::TooDeep => "the file is nested too deeply".into(),
        Kind::SeveralDocuments => {
            "the file holds more than one YAML document (a line `---` starts another); keep one".into()
        }
        Kind::TabIndent => "a tab is used for indentation; use spaces".into(),
        Kind::Broken(Rule::ReviewOnOrEvery) => {
            "give the review either `on` (a date) or `every_months` (a number), one of them".into()
        }
        Kind::Broken(Rule::ReviewMonths) => "`every_months` must be from 1 to 120".into(),
        Kind::Broken(Rule::DecimalVersion) => {
            "write the version in quotes (for example version: \"1.10\"), so it is kept exactly as written".into()
        }
        Kind::Other(message) => message.clone(),
    }
}

fn expected_words(expected: Expected) -> &'static str {
    match expected {
        Expected::List => "a list (lines starting with \"- \")",
        Expected::Map => "a set of `name: value` lines",
        Expected::Text => "text",
        Expected::WholeNumber => "a whole number",
        Expected::TextOrWholeNumber => "text or a whole number",
        Expected::Other => "another kind of value",
    }
}

fn found_words(found: &Found) -> String {
    match found {
        Found::Text(text) => format!("the text \"{text}\""),
        Found::Number(n) => format!("the number {n}"),
        Found::TrueOrFalse(b) => format!("{b} (a yes/no value)"),
        Found::List => "a list".into(),
        Found::Map => "a set of `name: value` lines".into(),
        Found::Nothing => "nothing".into(),
        Found::Other => "something else".into(),
    }
}

fn syntax_words(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::ColonInValue => {
            "a colon (:) stands where it cannot: check this line's indentation against the line above, or put text that contains \": \" in quotes"
        }
        Syntax::Indentation => {
            "this line is not indented like the lines around it (or a quote or bracket above is not closed)"
        }
        Syntax::MissingColon => "a line is missing its colon (it should read `name: value`)",
        Syntax::CannotStartValue => {
            "a character that cannot start a value here (such as @, ` or a tab): put the text in quotes"
        }
        Syntax::Unclosed => "the file ends in the middle of something: a quote or bracket is not closed",
        Syntax::Escape => {
            "a backslash (\\) in double quotes starts an escape YAML does not know: use single quotes, or write \\\\ for a backslash"
        }
        Syntax::ControlCharacter => "a control character (an invisible one) stands here: delete it",
        Syntax::UnknownAlias => "an alias (*name) names no anchor (&name) above it",
        Syntax::Unexpected => {
            "this is not written as YAML expects: check for a bracket or quote not closed, or a stray comma, colon, `!`, `&` or `%` (text with these belongs in quotes)"
        }
    }
}
