//! The meeting page as HTML: one self-contained file with inline SVG charts
//! (no script, no font, nothing from outside), for a screen, a projector
//! and two sheets of A4. Every text from the answers file or the framework
//! goes through maud, which escapes it.
//!
//! The charts say what they mean without colour: a stage's share in place
//! is how much of its segment is filled, the stage a domain is working in
//! has a thick outline and the words "working in", a target a dashed one.

use maud::{Markup, html};

use crate::present::doc::Doc;
use crate::present::render::View;
use crate::present::render::html::page;
use crate::present::view::compare::CompareView;
use crate::present::view::history::HistoryView;
use crate::present::view::meeting::{AGENDA_ON_PAGE, MeetingPage};
use crate::present::view::plan::{NextStep, PlanView};
use crate::present::view::report::{DomainRow, Report};
use crate::present::view::team::TeamView;
use crate::present::view::{Subject, date_of};

/// Width of one stage's segment in the journey chart, gap included.
const SEGMENT: f64 = 120.0;
/// The gap between two segments.
const GAP: f64 = 6.0;
/// Height of a segment.
const BAR: f64 = 18.0;
/// Width of one round's cell in the chart over time.
const CELL: f64 = 76.0;
/// At most this many rounds (or assessments) are drawn over time.
const OVER_TIME: usize = 10;
/// At most this many changed answers are listed.
const CHANGES_ON_PAGE: usize = 6;

impl View for MeetingPage {
    fn doc(&self) -> Doc {
        let mut doc = self.report.doc();
        doc.blocks.extend(self.plan.doc().blocks);
        doc
    }

    fn html(&self) -> String {
        let subject = &self.report.subject.value;
        let body = html! {
            header {
                h1 { (self.title) }
                p { strong { (heading(subject)) } }
                @for line in subject.who() { p { (line) } }
                @if let Some(review) = &self.plan.review_line() { p { (review) } }
            }
            (journey(self))
            @if let Some(c) = &self.compare { (change(c)) }
            @if let Some(h) = &self.history { (over_time(self, h)) }
            @if let Some(t) = &self.team { (team(t)) }
            (plan(&self.plan))
            (notes(&self.report))
            footer.small { p { "Made with mbct-sustain from " (self.title) "." } }
        };
        page(&format!("{}: {}", self.title, heading(subject)), body)
    }
}

/// "The team's round 2, 2026-11-28 to 2026-12-02" or "Assessment #3, 2026-09-03 (Sam)".
fn heading(subject: &Subject) -> String {
    let t = subject.title();
    let mut chars = t.chars();
    chars
        .next()
        .map_or(t.clone(), |c| c.to_uppercase().chain(chars).collect())
}

/// The journey chart: one row per domain, the stages as segments.
fn journey(page: &MeetingPage) -> Markup {
    let stages = &page.stages;
    let width = SEGMENT * stages.len() as f64;
    html! {
        section {
            h2 { "Where each domain is: the journey" }
            table {
                thead {
                    tr {
                        th { "Domain" }
                        th {
                            svg width=(width) height="16" viewBox=(format!("0 0 {width} 16")) role="img" aria-label="The stages, in order" {
                                @for (i, name) in stages.iter().enumerate() {
                                    text x=(SEGMENT * i as f64 + (SEGMENT - GAP) / 2.0) y="12" text-anchor="middle" font-size="11" { (name) }
                                }
                            }
                        }
                        th { "Working in" }
                    }
                }
                tbody {
                    @for d in &page.report.domains {
                        tr {
                            td { (d.name) }
                            td { (segments(page, d)) }
                            td { (status(page, d)) }
                        }
                    }
                }
            }
            p.small {
                "How to read it: each stage is a segment, filled by the share of its actions that are In place (Not applicable ones left out). "
                "A domain is working in the first stage not yet fully in place (thick outline). "
                @if page.plan.domains.iter().any(|d| d.target.is_some()) { "A dashed outline is the team's target. " }
                (page.report.rule)
            }
        }
    }
}

/// One domain's row of segments.
fn segments(page: &MeetingPage, d: &DomainRow) -> Markup {
    let width = SEGMENT * page.stages.len() as f64;
    let target = page
        .plan
        .domains
        .iter()
        .find(|p| p.id == d.id)
        .and_then(|p| p.target.as_ref())
        .map(|t| t.rank);
    html! {
        svg width=(width) height="36" viewBox=(format!("0 0 {width} 36")) role="img"
            aria-label=(format!("{}: {}", d.name, if d.complete { format!("every stage met ({})", page.completion) } else { format!("working in {}", d.stage.name) })) {
            @for (i, s) in d.stages.iter().enumerate() {
                @let x = SEGMENT * i as f64;
                @let w = SEGMENT - GAP;
                @let share = if s.applicable == 0 { 1.0 } else { s.in_place as f64 / s.applicable as f64 };
                @let working = !d.complete && d.stage.rank == i;
                rect x=(x) y="4" width=(w) height=(BAR) fill="#fff" stroke="#444" stroke-width=(if working { "3" } else { "1" }) {}
                // A stage with nothing that applies is not drawn as met.
                @if s.applicable > 0 {
                    rect.filled data-stage=(i) x=(x) y="4" width=(format!("{:.1}", w * share)) height=(BAR) fill="#555" {}
                }
                @if target == Some(i) || (target == Some(page.stages.len()) && i + 1 == page.stages.len()) {
                    rect x=(x - 3.0) y="1" width=(w + 6.0) height=(BAR + 6.0) fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="5 3" {}
                }
                text x=(x + w / 2.0) y="17" text-anchor="middle" font-size="11" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" {
                    @if s.applicable == 0 { "n/a" } @else { (s.in_place) "/" (s.applicable) }
                }
                @if working {
                    text x=(x + w / 2.0) y="34" text-anchor="middle" font-size="10" font-weight="bold" { "▲ working in" }
                }
            }
        }
    }
}

/// "Developmental", "Embedded (every stage met)", with the change and target.
fn status(page: &MeetingPage, d: &DomainRow) -> Markup {
    let target = page.plan.domains.iter().find(|p| p.id == d.id);
    html! {
        @if d.complete { strong { (page.completion) } " (every stage met)" } @else { strong { (d.stage.name) } }
        @if let Some(c) = &d.change {
            @if c.direction == "up" || c.direction == "down" {
                br; span.small { (if c.direction == "up" { "↑ up from " } else { "↓ down from " }) (c.from.as_ref().map_or("", |f| f.name.as_str())) }
            }
        }
        @if let Some(t) = target.and_then(|t| t.target.as_ref().map(|s| (s, t.target_date))) {
            br; span.small { "target: " (t.0.name) @if let Some(by) = t.1 { " by " (by) } }
        }
    }
}

/// The change since the round or assessment before.
fn change(c: &CompareView) -> Markup {
    let moved: Vec<_> = c.domains.iter().filter(|d| d.direction != "same").collect();
    html! {
        section {
            h2 { "Change since " (c.from.short()) }
            @if moved.is_empty() {
                p { "Every domain is at the same stage as then." }
            } @else {
                ul {
                    @for d in &moved {
                        li {
                            (d.name) ": "
                            @match d.direction {
                                "up" => { "↑ up, " }
                                "down" => { "↓ down, " }
                                _ => { "new, " }
                            }
                            (d.from.as_ref().map_or("no answers", |f| f.name.as_str())) " → " (d.to.name)
                        }
                    }
                }

            }
            @if c.changes.is_empty() {
                p { "No answer changed." }
            } @else {
                p { "Answers that changed (" (c.changes.len()) "):" }
                ul.two-columns {
                    @for a in c.changes.iter().take(CHANGES_ON_PAGE) {
                        li {
                            (a.at.action) " (" (a.at.stage) "): "
                            (a.from.map_or("not asked", |x| x.label())) " → " (a.to.map_or("not asked", |x| x.label()))
                        }
                    }
                }
                @if c.changes.len() > CHANGES_ON_PAGE {
                    p.small { (c.changes.len() - CHANGES_ON_PAGE) " more; `mbct-sustain compare` lists them all." }
                }
            }
            @if let Some(plan) = &c.plan { @for line in plan.lines() { p { (line) } } }
        }
    }
}

/// Each domain's stage over time: a strip of cells per domain, dates above.
fn over_time(page: &MeetingPage, h: &HistoryView) -> Markup {
    let all = &h.entries.value;
    let shown = &all[all.len().saturating_sub(OVER_TIME)..];
    let of = page.stages.len();
    let width = CELL * shown.len() as f64;
    let label = |rank: usize| {
        if rank >= of {
            "✓".to_string()
        } else {
            (rank + 1).to_string()
        }
    };
    let shade = |rank: usize| {
        // Lighter for earlier stages, darkest for every stage met; the
        // number in the cell says the same in greyscale or for anyone.
        let level = 245 - (rank * 170 / of.max(1)).min(200);
        format!("rgb({level},{level},{level})")
    };
    html! {
        section {
            h2 { "Progress over time" }
            table {
                thead {
                    tr {
                        th { "Domain" }
                        th {
                            svg width=(width) height="16" viewBox=(format!("0 0 {width} 16")) role="img" aria-label="Dates" {
                                @for (i, e) in shown.iter().enumerate() {
                                    text x=(CELL * i as f64 + CELL / 2.0) y="12" text-anchor="middle" font-size="9" { (e.info.column()) }
                                }
                            }
                        }
                    }
                }
                tbody {
                    @for (d, domain) in page.report.domains.iter().enumerate() {
                        tr {
                            td { (domain.name) }
                            td {
                                svg width=(width) height="20" viewBox=(format!("0 0 {width} 20")) role="img" aria-label=(format!("{} over time", domain.name)) {
                                    @for (i, e) in shown.iter().enumerate() {
                                        @let rank = e.domains[d].stage.rank;
                                        rect x=(CELL * i as f64 + 1.0) y="1" width=(CELL - 2.0) height="18" fill=(shade(rank)) stroke="#666" {}
                                        text x=(CELL * i as f64 + CELL / 2.0) y="14" text-anchor="middle" font-size="11"
                                            fill=(if rank * 2 >= of { "#fff" } else { "#000" }) { (label(rank)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.small {
                @for (i, name) in page.stages.iter().enumerate() { (i + 1) " = working in " (name) " · " }
                "✓ = " (page.completion)
                @if all.len() > shown.len() { " · the latest " (shown.len()) " of " (all.len()) "; `mbct-sustain history` shows all." }
            }
        }
    }
}

/// Where each person stands, and the top of the agenda.
fn team(t: &TeamView) -> Markup {
    let shown: Vec<_> = t.discussion.iter().take(AGENDA_ON_PAGE).collect();
    html! {
        section {
            h2 { "The team" }
            table {
                thead { tr { th { "Domain" } @for r in &t.respondents { th { (r.name) br; span.small { (date_of(r.taken_at)) } } } th { "Team" } } }
                tbody {
                    @for d in &t.domains {
                        tr { td { (d.name) } @for s in &d.stages { td { (s.name) } } td { strong { (d.team.name) } } }
                    }
                }
            }
            @if !t.discussion.is_empty() {
                p { strong { "To discuss" } " (" (t.discussion.len()) " points; those that decide the team's stage first):" }
                ol.two-columns {
                    @for p in &shown {
                        li {
                            (p.at.action) " — " (p.at.domain) ", " (p.at.stage)
                            @if p.decides_stage { " (decides the stage)" } ": "
                            @for (i, w) in p.answers.iter().enumerate() {
                                @if i > 0 { "; " }
                                (w.respondent) ": " (w.answer.map_or("no answer", |a| a.label()))
                            }
                        }
                    }
                }
                @if t.discussion.len() > shown.len() {
                    p.small { (t.discussion.len() - shown.len()) " more points; `mbct-sustain team --all` lists them all." }
                }
            }
        }
    }
}

/// The plan: each domain's steps with owners and dates, the next review.
fn plan(p: &PlanView) -> Markup {
    html! {
        section {
            h2 { "The plan" }
            @if let Some(line) = p.review_line() { p { (line) } }
            div.two-columns { @for d in &p.domains { div {
                p {
                    strong { (d.name) } " — working in " (d.stage.name) " (" (d.in_place) "/" (d.applicable) " in place)"
                    @if let Some(t) = &d.target { "; target " (t.name) @if let Some(by) = d.target_date { " by " (by) } }
                }
                @if !d.steps.is_empty() {
                    ul { @for s in &d.steps { li { (step(s)) } } }
                }
                @if !d.done.is_empty() {
                    p.small {
                        "Done: "
                        @for (i, s) in d.done.iter().enumerate() {
                            @if i > 0 { "; " }
                            (s.text) @if let Some(since) = s.in_place_since { " (in place since " (date_of(since)) ")" }
                        }
                    }
                }
            } } }
            @if !p.complete.is_empty() {
                p { "Every stage met: " @for (i, d) in p.complete.iter().enumerate() { @if i > 0 { "; " } (d.name) } "." }
            }
        }
    }
}

fn step(s: &NextStep) -> Markup {
    html! {
        (s.text)
        @if let Some(a) = s.answer { @if a != crate::core::answers::Answer::NotYet { " (" (a.label()) ")" } }
        @if let Some(o) = &s.owner { " — " (o) }
        @if let Some(d) = s.due { " — due " (d) }
        @if s.overdue { " " span.overdue { "OVERDUE" } }
        // Addresses as text: the page loads and links to nothing.
        @for l in &s.links { " — see " (l.title) ": " (l.url) }
    }
}

/// Each domain's notes (one person's, or each person's for the team).
fn notes(r: &Report) -> Markup {
    let any = r.domains.iter().any(|d| d.note.is_some() || !d.notes.is_empty());
    html! {
        @if any {
            section {
                h2 { "Notes" }
                ul {
                    @for d in &r.domains {
                        @if let Some(n) = &d.note { li { strong { (d.name) } ": " (n) } }
                        @for n in &d.notes { li { strong { (d.name) } " (" (n.respondent) "): " (n.note) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Answer, Assessment, History};
    use crate::present::view::{plan, report};
    use crate::testing::grid;

    fn page_of(h: &History) -> MeetingPage {
        let f = grid(3, 2);
        let last = h.assessments.len() - 1;
        let r = report::build(&f, h, last, last.checked_sub(1));
        let p = plan::for_assessment(&f, h, last, jiff::civil::date(2027, 1, 1), &[]);
        let hist = crate::present::view::history::build(&f, h, &(0..h.assessments.len()).collect::<Vec<_>>());
        MeetingPage::new(&f, r, None, Some(hist), None, p)
    }

    fn history(answers: &[&[(&str, Answer)]]) -> History {
        let f = grid(3, 2);
        let mut h = History::default();
        for (i, given) in answers.iter().enumerate() {
            let mut a = Assessment::new(&f, jiff::Timestamp::from_second(86_400 * 40 * i as i64).unwrap());
            for (id, x) in *given {
                a.answers.insert(id.to_string(), *x);
            }
            h.assessments.push(a);
        }
        h
    }

    #[test]
    fn a_segment_is_filled_by_the_share_in_place_and_the_working_stage_is_outlined() {
        // Grid frameworks have one action per stage, so use a three-action
        // stage: build the geometry from a report row directly.
        let h = history(&[&[("d0.a0", Answer::InPlace)]]);
        let mut page = page_of(&h);
        let d = &mut page.report.domains[0];
        d.stages[1].in_place = 2;
        d.stages[1].applicable = 3;
        let svg = segments(&page, &page.report.domains[0]).into_string();
        let w = SEGMENT - GAP;
        assert!(
            svg.contains(&format!(
                r#"data-stage="1" x="{}" y="4" width="{:.1}""#,
                SEGMENT,
                w * 2.0 / 3.0
            )),
            "the second segment two-thirds full: {svg}"
        );
        assert!(
            svg.contains(r#"data-stage="0" x="0" y="4" width="114.0""#),
            "the first full: {svg}"
        );
        assert!(svg.contains("▲ working in"), "{svg}");
        assert!(svg.contains(r#"stroke-width="3""#));
    }

    #[test]
    fn the_page_escapes_file_text_and_loads_nothing() {
        let mut h = history(&[&[], &[("d0.a0", Answer::InPlace)]]);
        h.assessments[1]
            .notes
            .insert("d0".into(), "<script>alert(1)</script>".into());
        h.assessments[1].respondent = Some("<img src=x onerror=alert(1)>".into());
        let html = page_of(&h).html();
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script") && !html.contains("<img"));
        assert!(
            html.contains("Progress over time"),
            "two assessments: a chart over time"
        );
        let one = page_of(&history(&[&[]])).html();
        assert!(
            !one.contains("Progress over time"),
            "one assessment: no chart over time"
        );
    }
}
