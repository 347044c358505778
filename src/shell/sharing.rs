//! Sharing the answers file: the copies sync services leave beside it, files to merge read and
//! named by their own names, and what a merge brings in, in words. Every list in a message is
//! bounded (a few named, then "and 1,498 more"), so no line runs past a screenful.

use std::path::{Path, PathBuf};

use crate::core::answers::clock::{Ahead, Dated};
use crate::core::answers::plan::Review;
use crate::core::answers::{self, History};
use crate::core::merge::{self, Conflict, Entry, Report};
use crate::present::safe::one_line;
use crate::present::words::{AnswerWords, count, date_of, thousands};
use crate::shell::error::Error;
use crate::shell::input;
use crate::shell::store::{self, Loaded};
use crate::shell::words::{quoted, quoted_path};

/// At most this many items of a list are named in a message; the rest are counted.
const NAMED: usize = 3;
/// A person's text in a message (a name, an owner, evidence) is cut to this many columns.
const TEXT_COLUMNS: usize = 40;

/// A file to merge as read: its content and the bytes it was read from.
pub struct Other {
    /// Where it is.
    pub path: PathBuf,
    /// Its content.
    pub loaded: Loaded,
    /// Its bytes as read (a copy is removed only if it still has them).
    pub bytes: Vec<u8>,
}

/// Reads an answers file other than the answers file (a colleague's, a conflict copy, one side of
/// a git merge): failures name it by its own name.
pub fn read_other(path: &Path) -> Result<Other, Error> {
    let unreadable = |problem| Error::OtherUnreadable {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = input::read_bytes(path, store::MAX_ANSWERS_BYTES).map_err(unreadable)?;
    let text = input::decode(bytes.clone()).map_err(unreadable)?;
    let history = answers::file::parse(&text).map_err(|problem| Error::OtherInvalid {
        path: path.to_path_buf(),
        problem,
    })?;
    Ok(Other {
        path: path.to_path_buf(),
        loaded: Loaded {
            history,
            crlf: text.contains("\r\n"),
        },
        bytes,
    })
}

/// A file beside the answers file named like a sync service's conflict copy of it.
pub enum Found {
    /// A copy holding what the answers file does not: what merging it would bring.
    Holds(Report),
    /// It cannot be read (it may hold answers): why.
    Unreadable(Error),
    /// It shares no assessment with the answers file: another answers file, not a copy of it.
    Unrelated,
}

/// The files beside the answers file `file` (which holds `history`) named like a sync service's
/// conflict copy of it, except copies that hold nothing new, by name.
pub fn copies(file: &Path, history: &History) -> Vec<(PathBuf, Found)> {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let entries = std::fs::read_dir(store::folder_of(file))
        .into_iter()
        .flatten()
        .flatten();
    let mut paths: Vec<PathBuf> = entries
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| merge::is_conflict_copy(name, n))
        })
        .map(|e| file.with_file_name(e.file_name()))
        .collect();
    paths.sort();
    let now = crate::shell::clock::now();
    paths
        .into_iter()
        .filter_map(|path| {
            let found = match read_other(&path) {
                Err(e) => Found::Unreadable(e),
                Ok(copy) if !merge::shares_an_assessment(history, &copy.loaded.history) => {
                    Found::Unrelated
                }
                Ok(copy) => {
                    let (_, mut report) =
                        merge::merge_histories(history, &copy.loaded.history, None, now);
                    report.conflicts.retain(|c| c.theirs_won);
                    // What merging would bring, not what the file itself lacks (its own
                    // newcomers) or how dates are counted.
                    report.redated.clear();
                    report.admitted.clear();
                    report.lookalikes.clear();
                    if report.is_empty() {
                        return None;
                    }
                    Found::Holds(report)
                }
            };
            Some((path, found))
        })
        .collect()
}

/// The line naming a copy found beside the answers file, with the command that brings it in;
/// none for another answers file (`status` names those).
pub fn notice(copy: &Path, found: &Found, file: Option<&Path>) -> Option<String> {
    let name = one_line(&copy.file_name().unwrap_or_default().to_string_lossy());
    match found {
        Found::Holds(report) => Some(format!(
            "note: {name} (a sync service's conflict copy) holds what the answers file does not: \
                {}; `{}` brings it in.",
            words(report),
            merge_command(copy, file)
        )),
        Found::Unreadable(e) => Some(format!(
            "note: {name} looks like a sync service's conflict copy of the answers file, and may \
                hold answers, but it {}; open it in a text editor to see what it holds.",
            e.unusable_words().unwrap_or_else(|| e.to_string())
        )),
        Found::Unrelated => None,
    }
}

/// What `status` says of a copy: its notice, or, for another answers file, that it is one.
pub fn status_line(copy: &Path, found: &Found, file: Option<&Path>) -> String {
    let name = one_line(&copy.file_name().unwrap_or_default().to_string_lossy());
    notice(copy, found, file)
        .map(|n| n.trim_start_matches("note: ").to_string())
        .unwrap_or_else(|| {
            format!(
                "{name} is another answers file here (it shares no assessment with this one), not \
                    a copy of it; `{}` would bring it in.",
                merge_command(copy, file)
            )
        })
}

/// The notices of `found` as every command gives them: a few, then how many more `status` lists.
pub fn notices(found: &[(PathBuf, Found)], file: Option<&Path>) -> Vec<String> {
    let lines: Vec<String> = found
        .iter()
        .filter_map(|(p, f)| notice(p, f, file))
        .collect();
    if lines.len() <= NAMED {
        return lines;
    }
    let more = lines.len() - (NAMED - 1);
    let mut out: Vec<String> = lines.into_iter().take(NAMED - 1).collect();
    out.push(format!(
        "note: and {} more conflict copies beside the answers file; `mbct-sustain status` lists \
            them.",
        thousands(more)
    ));
    out
}

/// `mbct-sustain [--file F] merge COPY`, each path quoted as a shell needs, relative to here.
pub fn merge_command(copy: &Path, file: Option<&Path>) -> String {
    let file = file.map_or(String::new(), |f| format!(" --file {}", quoted_path(f)));
    let here = std::env::current_dir()
        .ok()
        .and_then(|d| copy.strip_prefix(d).ok().map(Path::to_path_buf));
    format!(
        "mbct-sustain{file} merge {}",
        quoted_path(&here.unwrap_or_else(|| copy.to_path_buf()))
    )
}

/// Up to [`NAMED`] items, else the first few and "and N more".
pub fn bounded(items: &[String]) -> String {
    bounded_by(items, ", ")
}

/// As [`bounded`], the items parted by `sep`.
fn bounded_by(items: &[String], sep: &str) -> String {
    if items.len() <= NAMED {
        return items.join(sep);
    }
    format!(
        "{} and {} more",
        items[..NAMED - 1].join(sep),
        thousands(items.len() - (NAMED - 1))
    )
}

/// A person's text for a message: on one line, controls shown, cut to [`TEXT_COLUMNS`].
pub fn text(t: &str) -> String {
    console::truncate_str(&one_line(t), TEXT_COLUMNS, "…").into_owned()
}

/// "Priya 2026-12-03" for each assessment.
fn who(list: &[(Option<String>, jiff::Timestamp)]) -> String {
    let each: Vec<String> = list
        .iter()
        .map(|(p, at)| {
            format!(
                "{} {}",
                p.as_deref().map_or("(no name)".into(), text),
                date_of(*at)
            )
        })
        .collect();
    bounded(&each)
}

/// What a merge brings: "2 assessments (Priya 2026-12-03, Alex 2026-12-04), 1 plan change;
/// 1 conflict: …", or "nothing new". Bounded: lists name a few and count the rest.
pub fn words(r: &Report) -> String {
    let mut parts = Vec::new();
    if !r.assessments.is_empty() {
        parts.push(format!(
            "{} ({})",
            count(r.assessments.len(), "assessment"),
            who(&r.assessments)
        ));
    }
    for noun in [
        "plan change",
        "team member",
        "agreement",
        "evidence item",
        "withdrawal",
        "service name",
        "other field",
    ] {
        let n = r.changes.iter().filter(|e| self::noun(e) == noun).count();
        if n > 0 {
            parts.push(count(n, noun));
        }
    }
    let mut sections = vec![parts.join(", ")];
    if !r.deleted.is_empty() {
        let each: Vec<String> = r.deleted.iter().map(|e| described(e).0).collect();
        sections.push(format!(
            "deleted on one side and left as it was on the other, so left out: {}",
            bounded(&each)
        ));
    }
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
            count(r.conflicts.len(), "conflict"),
            bounded_by(&each, "; ")
        ));
    }
    sections.retain(|s| !s.is_empty());
    if sections.is_empty() {
        "nothing new".into()
    } else {
        sections.join("; ")
    }
}

/// What a copy holds that the saved file does not, bounded: "networks.buddy: owner Sam, …".
pub fn unkept_words(lacking: &[Entry]) -> String {
    let each: Vec<String> = lacking
        .iter()
        .map(|e| {
            let (key, value) = described(e);
            if value.is_empty() {
                key
            } else {
                format!("{key}: {value}")
            }
        })
        .collect();
    bounded(&each)
}

/// The newcomers a merge put on the roster whose names look like a member's, each as a note.
pub fn lookalike_notes(from: &Path, r: &Report) -> Vec<String> {
    r.lookalikes
        .iter()
        .map(|(name, like)| {
            let like: Vec<String> = like.iter().map(|l| text(l)).collect();
            format!(
                "note: {} from {} is new on the team, and looks like {}: if they are one person, \
                    `mbct-sustain people merge {} {}` makes them one.",
                text(name),
                one_line(&from.file_name().unwrap_or_default().to_string_lossy()),
                bounded_by(&like, " or "),
                quoted(name),
                quoted(&like[0])
            )
        })
        .collect()
}

/// Names each closed round a merge corrected, with the team answers that moved: "note: this merge
/// corrects round 1, which had closed: …". What belongs to a round (an agreement of its meeting
/// recorded in time, an answer) may arrive from a copy after the next round began.
pub fn corrected_words(
    corrected: &[crate::core::corrected::CorrectedRound],
    framework: &crate::core::framework::Framework,
) -> Vec<String> {
    let answer = |a: Option<answers::Answer>| a.map_or("no answer", |a| a.label());
    let action = |id: &str| text(framework.action_text(id));
    corrected
        .iter()
        .map(|c| {
            let moved: Vec<String> = c
                .moved
                .iter()
                .map(|(id, from, to)| {
                    format!("{}: {} to {}", action(id), answer(*from), answer(*to))
                })
                .collect();
            format!(
                "note: this merge corrects round {n}, which had closed: what it brought belongs \
                    to that round (an answer, or an agreement of its meeting recorded before the \
                    next round began). The team's answers that moved: {}. `mbct-sustain report \
                    --at {n}` shows the round as it now stands.",
                bounded(&moved),
                n = c.number
            )
        })
        .collect()
}

/// Entries dated after today, each in words: "the agreed answer to networks.buddy (2099-01-01)".
pub fn ahead_words(ahead: &[Ahead]) -> String {
    let each: Vec<String> = ahead
        .iter()
        .map(|a| {
            let what = match &a.what {
                Dated::Agreement { action, .. } => format!("the agreement on {}", text(action)),
                Dated::Step { action } => format!("the plan step {}", text(action)),
                Dated::Target { domain } => format!("the target of {}", text(domain)),
                Dated::Review => "the next review".into(),
                Dated::Evidence { action, text: t } => {
                    format!("evidence for {} ({})", text(action), text(t))
                }
                Dated::Member { name } => format!("team member {}", text(name)),
                Dated::Service => "the service's name".into(),
                Dated::Withdrawal {
                    respondent,
                    taken_at,
                } => format!(
                    "the withdrawal of {}'s assessment of {}",
                    respondent.as_deref().map_or("someone".into(), text),
                    date_of(*taken_at)
                ),
            };
            format!("{what} ({})", date_of(a.at))
        })
        .collect();
    bounded(&each)
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
        Entry::Service(_) => "service name",
        Entry::Withdrawal(_) => "withdrawal",
        Entry::Assessment(..) => "assessment",
        Entry::Redating(_) => "re-dating",
        Entry::Step(..) | Entry::Target(..) | Entry::Review(_) => "plan change",
    }
}

/// An entry's key and value, in words (a person's text cut short).
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
            text(id),
            listed([
                s.owner.as_deref().map(|o| format!("owner {}", text(o))),
                s.due.map(|d| format!("due {d}")),
            ]),
        ),
        Entry::Target(d, t) => (
            format!("target of {}", text(d)),
            listed([
                t.stage.as_deref().map(text),
                t.by.map(|b| format!("by {b}")),
            ]),
        ),
        Entry::Review(Some(Review::On(d))) => (review, format!("on {d}")),
        Entry::Review(Some(Review::EveryMonths(n))) => (review, format!("every {n} months")),
        Entry::Review(None) => (review, "none".into()),
        Entry::Member(n, m) => (
            format!("team member {}", text(n)),
            listed([
                m.account.as_deref().map(|a| format!("account {}", text(a))),
                m.left.map(|l| format!("left {l}")),
            ]),
        ),
        Entry::Agreement(a) => {
            let agreed = a.answer.map_or("left to the rule", |x| x.label());
            (
                match (a.round, a.since) {
                    (Some(round), _) => {
                        format!("agreed answer to {} (round of {round})", text(&a.action))
                    }
                    (None, since) => format!(
                        "{} done (from {})",
                        text(&a.action),
                        since.map_or("?".into(), |d| d.to_string())
                    ),
                },
                agreed.into(),
            )
        }
        Entry::Evidence(e) => (
            format!("evidence for {}", text(&e.action)),
            format!(
                "{}{}",
                text(&e.text),
                if e.removed.is_some() {
                    " (removed)"
                } else {
                    ""
                }
            ),
        ),
        Entry::Service(s) => ("the service's name".into(), text(&s.name)),
        Entry::Field(k, v) => (
            text(k.as_str().unwrap_or("?")),
            text(serde_yaml::to_string(v).unwrap_or_default().trim()),
        ),
        Entry::Assessment(who, at) => (
            format!(
                "the assessment by {} of {}",
                who.as_deref().map_or("(no name)".into(), text),
                date_of(*at)
            ),
            String::new(),
        ),
        Entry::Withdrawal(w) => (
            format!(
                "the withdrawal of {}'s assessment of {}",
                w.respondent.as_deref().map_or("(no name)".into(), text),
                date_of(w.taken_at)
            ),
            String::new(),
        ),
        Entry::Redating(r) => (
            format!("a date from a clock that ran ahead ({})", date_of(r.from)),
            String::new(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_bounded_with_the_rest_counted() {
        let items: Vec<String> = (0..1500).map(|i| format!("P{i}")).collect();
        assert_eq!(bounded(&items), "P0, P1 and 1,498 more");
        assert_eq!(bounded(&items[..3]), "P0, P1, P2");
    }

    #[test]
    fn merging_1500_assessments_is_said_in_one_short_line() {
        let at: jiff::Timestamp = "2023-01-01T10:00:00Z".parse().unwrap();
        let report = Report {
            assessments: (0..1500).map(|i| (Some(format!("P{i}")), at)).collect(),
            ..Report::default()
        };
        let said = words(&report);
        assert_eq!(
            said,
            "1,500 assessments (P0 2023-01-01, P1 2023-01-01 and 1,498 more)"
        );
        let long = Report {
            assessments: vec![(Some("x\u{2028}".repeat(500)), at); 2],
            ..Report::default()
        };
        let said = words(&long);
        assert!(
            said.chars().count() < 200 && !said.contains('\u{2028}'),
            "{said}"
        );
    }
}
