//! What the team agreed in its meeting, and the evidence behind an action:
//! two sections of the answers file, lists of plain entries. Each entry
//! keeps when it was made, so copies of the file merge by "the later wins"
//! (for one round and action, the latest agreement counts), and a removal is
//! kept as a dated entry, never as a gap a merge could fill back in.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Answer;

/// A decision of the team's about one action: an answer agreed in a round's meeting (`round`), or,
/// with no round, a step done between reviews (`plan done`), in place from `since`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The first day of the round it belongs to; none for a step done between reviews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<Date>,
    /// The action's id.
    pub action: String,
    /// The answer agreed; none: left to the majority rule again (a dated removal).
    #[serde(default)]
    pub answer: Option<Answer>,
    /// The meeting's (or the done step's) comment; format 3 wrote it as `note`.
    #[serde(default, alias = "note", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Who was there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// When it was agreed.
    pub at: Timestamp,
    /// A step done between reviews (`plan done`): in place from this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
}

/// One piece of evidence that an action is in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The action's id.
    pub action: String,
    /// What shows it (a document, a record, a minute).
    pub text: String,
    /// Where to find it: an http or https address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Who added it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When it was added.
    pub at: Timestamp,
    /// When it was removed, if it was (kept, so a merge never brings it back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Timestamp>,
}

/// The evidence of an action that has not been removed, oldest first; it
/// stays with the action across rounds.
pub fn evidence_of<'e, 'a>(
    evidence: &'e [Evidence],
    action: &'a str,
) -> impl Iterator<Item = &'e Evidence> + use<'e, 'a> {
    evidence_until(evidence, action, None)
}

/// The evidence of an action as it stood until `until` (none: now): added before it, and not
/// removed before it. A round's picture stays as it stood: evidence added after the next round
/// began is not shown with it.
pub fn evidence_until<'e, 'a>(
    evidence: &'e [Evidence],
    action: &'a str,
    until: Option<jiff::Timestamp>,
) -> impl Iterator<Item = &'e Evidence> + use<'e, 'a> {
    let stood = move |e: &&Evidence| match until {
        None => e.removed.is_none(),
        Some(t) => e.at < t && e.removed.is_none_or(|r| r >= t),
    };
    evidence
        .iter()
        .filter(move |e| e.action == action)
        .filter(stood)
}
