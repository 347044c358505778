//! The words views share: counts with their nouns (the one pluraliser), lists of names, dates,
//! the answers' labels, the stage rule's legend and the team's answer in words. Wording used by
//! one view stays in that view's builder; the shell's words are in `shell::words` and
//! `shell::error`.

use jiff::Timestamp;

use crate::core::answers::Answer;
use crate::core::framework::Framework;

/// How people read an answer: its label on every screen, page and file but the answers file (which
/// writes [`Answer::key`]).
pub trait AnswerWords {
    /// "In place", "Not yet", "No agreement".
    fn label(self) -> &'static str;
}

impl AnswerWords for Answer {
    fn label(self) -> &'static str {
        match self {
            Answer::InPlace => "In place",
            Answer::InProgress => "In progress",
            Answer::NotYet => "Not yet",
            Answer::DontKnow => "Don't know",
            Answer::NotApplicable => "Not applicable",
            Answer::NoAgreement => "No agreement",
        }
    }
}

/// "1 stage", "3 stages", "2 people", "1,500 copies": a count with its noun, the one pluraliser
/// of every message and view.
pub fn count(n: usize, noun: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { noun.into() } else { plural(noun) }
    )
}

/// A noun's plural: "people", "copies", "entries", "days", "stages".
fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        _ if noun == "person" => "people".into(),
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{noun}s"),
    }
}

/// 1500 as "1,500".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "Sam", "Sam and Priya", "Sam, Priya and Alex".
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A person's name as views show it; an unnamed respondent is "(no name)".
pub fn person(respondent: Option<&str>) -> String {
    respondent.map_or_else(|| "(no name)".to_string(), str::to_string)
}

/// How an unnamed respondent of the answers file `file` is named beside other files' people:
/// "(no name, sam.yaml)".
pub fn unnamed_in(file: &str) -> String {
    format!("(no name, {file})")
}

/// `text` with its first letter a capital, to start a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// The date part of a timestamp, in UTC: how people name an assessment.
pub fn date_of(t: Timestamp) -> String {
    crate::core::time::day_of(t).to_string()
}

/// `2026-06-01 to 2026-06-12`, or one date when both fall on one day.
pub fn dates(from: Timestamp, to: Timestamp) -> String {
    let (from, to) = (date_of(from), date_of(to));
    if from == to {
        from
    } else {
        format!("{from} to {to}")
    }
}

/// Date and time to the minute, in UTC.
pub fn when(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// The legend that states the stage rule under every stage table.
pub fn stage_legend(framework: &Framework) -> String {
    format!(
        "Working in = the first stage not yet met. A stage is met when all its actions are In \
            place \
         (Not applicable ones are left out); a domain with every stage met is {}. \
         Counts are In place / applicable actions.",
        framework.completion_label
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_goes_with_its_noun_in_the_singular_or_the_plural() {
        for (n, noun, said) in [
            (1, "stage", "1 stage"),
            (3, "stage", "3 stages"),
            (0, "answer", "0 answers"),
            (2, "person", "2 people"),
            (1, "person", "1 person"),
            (1, "copy", "1 copy"),
            (1500, "copy", "1,500 copies"),
            (2, "entry", "2 entries"),
            (2, "day", "2 days"),
            (2, "plan step", "2 plan steps"),
            (1_000_000, "action", "1,000,000 actions"),
        ] {
            assert_eq!(count(n, noun), said);
        }
    }

    #[test]
    fn each_answer_has_its_label() {
        let labels: Vec<&str> = Answer::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(
            labels,
            [
                "In place",
                "In progress",
                "Not yet",
                "Don't know",
                "Not applicable"
            ]
        );
    }
}
