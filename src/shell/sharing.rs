//! Sharing the answers file: the conflict copies sync services leave beside
//! it, and what a merge brings in, in words.

use std::path::{Path, PathBuf};

use crate::core::answers::History;
use crate::core::answers::plan::Review;
use crate::core::merge::{self, Conflict, Entry, Report};
use crate::present::view::date_of;
use crate::shell::error::counted;
use crate::shell::store;

/// The sync services' conflict copies beside the answers file `file` (which
/// holds `history`) that hold something it does not, each with what merging
/// it would bring, by name.
pub fn holding(file: &Path, history: &History) -> Vec<(PathBuf, Report)> {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let entries = std::fs::read_dir(store::folder_of(file))
        .into_iter()
        .flatten()
        .flatten();
    let mut copies: Vec<PathBuf> = entries
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| merge::is_conflict_copy(name, n))
        })
        .map(|e| file.with_file_name(e.file_name()))
        .collect();
    copies.sort();
    let merged = |copy: store::Loaded| {
        let (merged, mut report) = merge::merge(history, &copy.history, None);
        report.conflicts.retain(|c| c.theirs_won);
        (merged != *history).then_some(report)
    };
    copies
        .into_iter()
        .filter_map(|p| Some((p.clone(), merged(store::load(&p).ok()??)?)))
        .collect()
}

/// The line that names a conflict copy holding something new, and the command that brings it in.
pub fn notice(copy: &Path, report: &Report, file: Option<&Path>) -> String {
    let file = file.map_or(String::new(), |f| format!(" --file {}", quoted(f)));
    let here = std::env::current_dir()
        .ok()
        .and_then(|d| copy.strip_prefix(d).ok().map(Path::to_path_buf));
    format!(
        "note: {} (a sync service's conflict copy) holds what the answers file does not: {}; `mbct-sustain{file} merge {}` brings it in.",
        copy.file_name().unwrap_or_default().to_string_lossy(),
        words(report),
        quoted(&here.unwrap_or_else(|| copy.to_path_buf()))
    )
}

/// A path quoted for a POSIX shell where it needs it.
pub fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    shlex::try_quote(&text).map_or(text.clone(), |q| q.into_owned())
}

/// What a merge brings: "2 assessments (Priya 2026-12-03, Alex 2026-12-04),
/// 1 plan change; 1 conflict: …", or "nothing new".
pub fn words(r: &Report) -> String {
    let mut parts = Vec::new();
    let who = |list: &[(Option<String>, jiff::Timestamp)]| {
        let each: Vec<String> = list
            .iter()
            .map(|(p, at)| format!("{} {}", p.as_deref().unwrap_or("(no name)"), date_of(*at)))
            .collect();
        each.join(", ")
    };
    if !r.assessments.is_empty() {
        parts.push(format!(
            "{} ({})",
            counted(r.assessments.len(), "assessment"),
            who(&r.assessments)
        ));
    }
    for noun in [
        "plan change",
        "team member",
        "agreement",
        "evidence item",
        "other field",
    ] {
        let n = r.changes.iter().filter(|e| self::noun(e) == noun).count();
        if n > 0 {
            parts.push(counted(n, noun));
        }
    }
    let mut sections = vec![parts.join(", ")];
    if !r.clashes.is_empty() {
        sections.push(format!(
            "answered differently at one time on each side, both kept: {}",
            who(&r.clashes)
        ));
    }
    if !r.conflicts.is_empty() {
        let each: Vec<String> = r.conflicts.iter().map(conflict).collect();
        sections.push(format!(
            "{}: {}",
            counted(r.conflicts.len(), "conflict"),
            each.join("; ")
        ));
    }
    sections.retain(|s| !s.is_empty());
    if sections.is_empty() {
        "nothing new".into()
    } else {
        sections.join("; ")
    }
}

/// "networks.buddy: owner Priya (theirs, 2026-12-03) over owner Sam (ours, 2026-12-01)".
fn conflict(c: &Conflict) -> String {
    // Two changes on one day are told apart by the time.
    let day = |at: Option<jiff::Timestamp>| at.map(date_of);
    let format = if day(c.ours.1) == day(c.theirs.1) {
        "%Y-%m-%d %H:%M:%S UTC"
    } else {
        "%Y-%m-%d"
    };
    let side = |(entry, at): &merge::Side, whose: &str| {
        let at = at.map_or("undated".into(), |t| t.strftime(format).to_string());
        format!("{} ({whose}, {at})", described(entry).1)
    };
    let (ours, theirs) = (side(&c.ours, "ours"), side(&c.theirs, "theirs"));
    let (won, lost) = if c.theirs_won {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    format!("{}: {won} over {lost}", described(&c.ours.0).0)
}

/// What kind of change an entry is, as counted.
fn noun(e: &Entry) -> &'static str {
    match e {
        Entry::Member(..) => "team member",
        Entry::Agreement(_) => "agreement",
        Entry::Evidence(_) => "evidence item",
        Entry::Field(..) => "other field",
        _ => "plan change",
    }
}

/// An entry's key and value, in words.
fn described(e: &Entry) -> (String, String) {
    let listed = |parts: [Option<String>; 2]| {
        let parts: Vec<String> = parts.into_iter().flatten().collect();
        if parts.is_empty() {
            "removed".to_string()
        } else {
            parts.join(", ")
        }
    };
    let review = "next review".to_string();
    match e {
        Entry::Step(id, s) => (
            id.clone(),
            listed([
                s.owner.clone().map(|o| format!("owner {o}")),
                s.due.map(|d| format!("due {d}")),
            ]),
        ),
        Entry::Target(d, t) => (
            format!("target of {d}"),
            listed([t.stage.clone(), t.by.map(|b| format!("by {b}"))]),
        ),
        Entry::Review(Some(Review::On(d))) => (review, format!("on {d}")),
        Entry::Review(Some(Review::EveryMonths(n))) => (review, format!("every {n} months")),
        Entry::Review(None) => (review, "none".into()),
        Entry::Member(n, m) => (
            "team member".into(),
            listed([Some(n.clone()), m.left.map(|l| format!("left {l}"))]),
        ),
        Entry::Agreement(a) => {
            let agreed = a.answer.map_or("left to the rule", |x| x.label());
            (
                match (a.round, a.since) {
                    (Some(round), _) => format!("agreed answer to {} (round of {round})", a.action),
                    (None, since) => format!(
                        "{} done (from {})",
                        a.action,
                        since.map_or("?".into(), |d| d.to_string())
                    ),
                },
                agreed.into(),
            )
        }
        Entry::Evidence(e) => (
            format!("evidence for {}", e.action),
            format!(
                "{}{}",
                e.text,
                if e.removed.is_some() {
                    " (removed)"
                } else {
                    ""
                }
            ),
        ),
        Entry::Field(k, v) => (
            k.as_str().unwrap_or("?").into(),
            serde_yaml::to_string(v).unwrap_or_default().trim().into(),
        ),
    }
}
