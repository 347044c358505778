//! The meeting page: what a team looks at together and hands on, gathered
//! from the other views (the stage table, the change since last time, the
//! journey over time, the team's positions and agenda, the plan). Its HTML
//! is drawn in `present::page`.

use serde::Serialize;

use crate::core::framework::Framework;
use crate::present::view::compare::CompareView;
use crate::present::view::history::HistoryView;
use crate::present::view::plan::PlanView;
use crate::present::view::report::Report;
use crate::present::view::team::TeamView;

/// How many agenda points the page shows: the page must fit two A4 sheets.
pub const AGENDA_ON_PAGE: usize = 8;

/// Everything on the meeting page.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingPage {
    /// The framework's title.
    pub title: String,
    /// The framework's stage names, in order.
    pub stages: Vec<String>,
    /// What a domain with every stage met is called.
    pub completion: String,
    /// The stage table of the round or assessment shown.
    pub report: Report,
    /// The change since the round or assessment before, if there is one.
    pub compare: Option<CompareView>,
    /// The journey over time, when there are two or more rounds or assessments.
    pub history: Option<HistoryView>,
    /// The team's positions and agenda, when several people answered.
    pub team: Option<TeamView>,
    /// The plan.
    pub plan: PlanView,
}

impl MeetingPage {
    /// Gathers the page; a history of fewer than two entries is left out.
    pub fn new(
        framework: &Framework,
        report: Report,
        compare: Option<CompareView>,
        history: Option<HistoryView>,
        team: Option<TeamView>,
        plan: PlanView,
    ) -> MeetingPage {
        MeetingPage {
            title: framework.title.clone(),
            stages: framework.stages.iter().map(|s| s.name.clone()).collect(),
            completion: framework.completion_label.clone(),
            report,
            compare,
            history: history.filter(|h| h.entries.value.len() >= 2),
            team,
            plan,
        }
    }
}
