//! The plan section of the answers file, as plain data: who owns each next step and by when, each
//! domain's target, the next review. What follows from it (dates, open actions) is in
//! `core::planning`.

use indexmap::IndexMap;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::core::yaml::{Rule, UniqueMap};

/// The plan section of the answers file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Owner and due date per action id.
    #[serde(default, deserialize_with = "UniqueMap::read")]
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub actions: IndexMap<String, Step>,
    /// Target stage per domain id.
    #[serde(default, deserialize_with = "UniqueMap::read")]
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub targets: IndexMap<String, Target>,
    /// When the team reviews next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// When the review was last set (or cleared), so copies of the file merge right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_set_at: Option<Timestamp>,
}

/// Who does one action, and by when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Who owns it (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it should be in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// When it was set: a step with neither owner nor date is a dated removal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_at: Option<Timestamp>,
}

/// Where a domain should be, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The id of the stage to have met (`complete`, read as the last stage);
    /// none: a dated removal.
    pub stage: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Date>,
    /// When it was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_at: Option<Timestamp>,
}

/// How many months apart reviews may be set.
pub const REVIEW_MONTHS: std::ops::RangeInclusive<u32> = 1..=120;

/// When the next review is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ReviewFields", into = "ReviewFields")]
pub enum Review {
    /// On this date.
    On(Date),
    /// This many months after the latest round (or assessment).
    EveryMonths(u32),
}

/// How a review is written in the file: `on: 2027-03-01` or `every_months: 6`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    every_months: Option<u32>,
}

impl TryFrom<ReviewFields> for Review {
    type Error = Rule;
    fn try_from(f: ReviewFields) -> Result<Review, Rule> {
        match (f.on, f.every_months) {
            (Some(date), None) => Ok(Review::On(date)),
            (None, Some(n)) if REVIEW_MONTHS.contains(&n) => Ok(Review::EveryMonths(n)),
            (None, Some(_)) => Err(Rule::ReviewMonths),
            _ => Err(Rule::ReviewOnOrEvery),
        }
    }
}

impl From<Review> for ReviewFields {
    fn from(r: Review) -> ReviewFields {
        match r {
            Review::On(date) => ReviewFields {
                on: Some(date),
                every_months: None,
            },
            Review::EveryMonths(n) => ReviewFields {
                on: None,
                every_months: Some(n),
            },
        }
    }
}

impl Plan {
    /// True when there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
            && self.targets.is_empty()
            && self.review.is_none()
            && self.review_set_at.is_none()
    }

    /// An action's owner and due date (none once removed).
    pub fn step(&self, action: &str) -> Option<&Step> {
        self.actions
            .get(action)
            .filter(|s| s.owner.is_some() || s.due.is_some())
    }

    /// Every action the plan gives an owner or a date.
    pub fn steps(&self) -> impl Iterator<Item = (&String, &Step)> {
        self.actions
            .iter()
            .filter(|(id, _)| self.step(id).is_some())
    }

    /// A domain's target (none once removed).
    pub fn target(&self, domain: &str) -> Option<&Target> {
        self.targets.get(domain).filter(|t| t.stage.is_some())
    }

    /// Sets an action's owner and due date as of `now`; with neither, the
    /// step is removed, and the removal kept with its date.
    pub fn set_step(
        &mut self,
        action: &str,
        owner: Option<String>,
        due: Option<Date>,
        now: Timestamp,
    ) {
        if owner.is_some() || due.is_some() || self.actions.contains_key(action) {
            self.actions.insert(
                action.to_string(),
                Step {
                    owner,
                    due,
                    set_at: Some(now),
                },
            );
        }
    }

    /// Sets a domain's target stage and date as of `now`; no stage removes it, dated.
    pub fn set_target(
        &mut self,
        domain: &str,
        stage: Option<String>,
        by: Option<Date>,
        now: Timestamp,
    ) {
        if stage.is_some() || self.targets.contains_key(domain) {
            let by = by.filter(|_| stage.is_some());
            self.targets.insert(
                domain.to_string(),
                Target {
                    stage,
                    by,
                    set_at: Some(now),
                },
            );
        }
    }

    /// Sets (or clears) the next review as of `now`.
    pub fn set_review(&mut self, review: Option<Review>, now: Timestamp) {
        self.review = review;
        self.review_set_at = Some(now);
    }
}
