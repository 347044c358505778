//! Several answers files read as one team (`team FILE...`): each file's assessments and roster,
//! an unnamed respondent named after their file (in the words the caller gives).

use crate::core::answers::{History, label_is};

/// Several answers files' assessments (and rosters) as one history, with
/// the file each assessment came from. An unnamed respondent is named `unnamed(short)` after
/// their file, so two files' unnamed people stay two people; with `label`, only assessments with
/// that label (ignoring case) are kept.
pub fn combine_files(
    sources: Vec<(String, String, History)>,
    label: Option<&str>,
    unnamed: impl Fn(&str) -> String,
) -> (History, Vec<String>) {
    let mut history = History::default();
    let mut files = Vec::new();
    for (shown, short, source) in sources {
        // Each file's roster counts; the first file's entry for a name wins.
        for (name, member) in source.team {
            history.team.entry(name).or_insert(member);
        }
        history.agreements.extend(source.agreements);
        history.evidence.extend(source.evidence);
        history.withdrawn.extend(source.withdrawn);
        for mut a in source.assessments {
            if label.is_some_and(|l| !label_is(a.label.as_deref(), l)) {
                continue;
            }
            if a.respondent.is_none() {
                a.respondent = Some(unnamed(&short));
            }
            history.assessments.push(a);
            files.push(shown.clone());
        }
    }
    (history, files)
}
