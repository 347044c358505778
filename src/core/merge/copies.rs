//! Which files beside the answers file are copies of it: a sync service's conflict copy by its
//! name, and only if it shares an assessment with the file (a file of another team that happens to
//! be named like one is "another answers file", no copy); and which frameworks a file to merge was
//! taken against that the answers file's were not.

use std::collections::HashSet;

use super::{Report, people};
use crate::core::answers::History;
use crate::core::names::Names;

/// Whether `name` is a sync service's conflict copy of the answers file
/// named `file`: OneDrive `STEM-COMPUTER.EXT`, Dropbox and Nextcloud
/// `STEM (… conflicted copy …).EXT`, Syncthing `STEM.sync-conflict-….EXT`,
/// Google Drive `STEM (1).EXT`.
pub fn is_conflict_copy(file: &str, name: &str) -> bool {
    let (stem, ext) = file
        .rsplit_once('.')
        .map_or((file, String::new()), |(s, e)| (s, format!(".{e}")));
    let Some(middle) = name
        .strip_prefix(stem)
        .and_then(|m| m.strip_suffix(ext.as_str()))
    else {
        return false;
    };
    let paren = middle
        .strip_prefix(" (")
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or_default();
    let computer = middle.strip_prefix('-').unwrap_or_default();
    paren.contains("conflicted copy")
        || (!paren.is_empty() && paren.bytes().all(|b| b.is_ascii_digit()))
        || middle.starts_with(".sync-conflict-")
        || (!computer.is_empty()
            && computer
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// Whether `copy` holds one of `file`'s assessments (one person at one time, through both
/// rosters): a conflict copy of it does; another team's file does not.
pub fn shares_an_assessment(file: &History, copy: &History) -> bool {
    let team = people::roster(&file.team, &copy.team, None, &mut Report::default());
    let names = Names::new(&team);
    let here: HashSet<_> = file
        .assessments
        .iter()
        .map(|a| (names.key(a.respondent.as_deref()), a.taken_at))
        .collect();
    copy.assessments
        .iter()
        .any(|a| here.contains(&(names.key(a.respondent.as_deref()), a.taken_at)))
}

/// The frameworks (by id) `other`'s assessments were taken against that neither `file`'s nor the
/// framework in use (`current`) are: a file of another framework, whose answers mean nothing here.
pub fn foreign_frameworks(file: &History, other: &History, current: &str) -> Vec<String> {
    let known: HashSet<&str> = file
        .assessments
        .iter()
        .map(|a| a.framework.id.as_str())
        .chain([current])
        .collect();
    let mut foreign: Vec<String> = Vec::new();
    for id in other.assessments.iter().map(|a| &a.framework.id) {
        if !known.contains(id.as_str()) && !foreign.contains(id) {
            foreign.push(id.clone());
        }
    }
    foreign
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Assessment;

    fn of(rows: &[(&str, &str, &str)]) -> History {
        let f = crate::tests::grid(1, 1);
        let mut h = History::default();
        for (who, when, framework) in rows {
            let mut a = Assessment::new(&f, format!("2026-12-{when}Z").parse().unwrap());
            a.respondent = Some(who.to_string());
            a.framework.id = framework.to_string();
            h.assessments.push(a);
        }
        h
    }

    #[test]
    fn sync_services_conflict_names_are_recognised_and_nothing_else() {
        let f = "mbct-sustain.yaml";
        for (name, copy) in [
            ("mbct-sustain-LAPTOP-7.yaml", true),
            (
                "mbct-sustain (Priya's conflicted copy 2026-12-03).yaml",
                true,
            ),
            (
                "mbct-sustain (Priya's conflicted copy 2026-12-03 (1)).yaml",
                true,
            ),
            (
                "mbct-sustain.sync-conflict-20261203-101500-ABCDEF7.yaml",
                true,
            ),
            (
                "mbct-sustain (conflicted copy 2026-12-03 101500).yaml",
                true,
            ),
            ("mbct-sustain (1).yaml", true),
            ("mbct-sustain.yaml", false),
            ("mbct-sustain.yaml.lock", false),
            ("mbct-sustain.yaml.draft-20261203-ab12", false),
            ("mbct-sustain (copy).yaml", false),
            ("mbct-sustain-.yaml", false),
            ("mbct-sustain-old.yml", false),
            ("mbct-sustain-my.notes.yaml", false),
            ("other (1).yaml", false),
        ] {
            assert_eq!(is_conflict_copy(f, name), copy, "{name}");
        }
        assert!(
            is_conflict_copy("team.yml", "team (2).yml"),
            "from the file's own stem and extension"
        );
        assert!(!is_conflict_copy("team.yml", "team (2).yaml"));
    }

    #[test]
    fn a_copy_shares_an_assessment_and_another_teams_file_does_not() {
        let file = of(&[("Sam", "01T10:00:00", "p"), ("Priya", "02T10:00:00", "p")]);
        assert!(shares_an_assessment(
            &file,
            &of(&[("sam", "01T10:00:00", "p")])
        ));
        assert!(!shares_an_assessment(
            &file,
            &of(&[("Kim", "01T10:00:00", "p")])
        ));
        assert!(!shares_an_assessment(&file, &History::default()));
    }

    #[test]
    fn a_file_of_another_framework_is_named_by_its_framework() {
        let file = of(&[("Sam", "01T10:00:00", "aspire")]);
        let other = of(&[
            ("Kim", "01T10:00:00", "north"),
            ("Jo", "02T10:00:00", "north"),
        ]);
        assert_eq!(foreign_frameworks(&file, &other, "aspire"), ["north"]);
        assert!(
            foreign_frameworks(&file, &other, "north").is_empty(),
            "the one in use"
        );
        assert!(foreign_frameworks(&file, &file, "x").is_empty());
    }
}
