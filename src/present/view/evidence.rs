//! `evidence`: every action's evidence, numbered per action as `evidence remove` takes it
//! (the numbering is the core's, [`evidence::numbered`]).

use schemars::JsonSchema;
use serde::Serialize;

use crate::core::answers::History;
use crate::core::evidence;
use crate::core::framework::Framework;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::view::refs::{ActionRef, EvidenceInfo};
use crate::present::view::sheet::{action_cells, action_header, text};
use crate::present::words::date_of;

/// Every action's evidence, in framework order.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EvidenceView {
    /// The evidence, in framework order.
    pub evidence: Vec<EvidenceInfo>,
}

/// The evidence recorded in `history`, by `framework`'s actions.
pub fn build(framework: &Framework, history: &History) -> EvidenceView {
    let evidence = evidence::numbered(framework, &history.evidence)
        .into_iter()
        .map(|n| EvidenceInfo {
            at: ActionRef::new(framework, n.domain, n.action),
            number: n.number,
            evidence: n.evidence.into(),
        })
        .collect();
    EvidenceView { evidence }
}

impl View for EvidenceView {
    fn sheet(&self) -> Table {
        evidence_sheet(&self.evidence)
    }

    fn doc(&self) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "Evidence ({})",
            self.evidence.len()
        )));
        let items = self.evidence.iter().map(|e| {
            vec![Cell::Text(format!(
                "{} {}. {}",
                e.at.action_id,
                e.number,
                e.line(true)
            ))]
        });
        doc.push(Block::List(items.collect()));
        if self.evidence.is_empty() {
            doc.push(Block::Text(
                "None recorded yet; `mbct-sustain evidence add ACTION TEXT` records some.".into(),
            ));
        }
        doc
    }
}

/// `evidence`: one row per item, numbered per action as `evidence remove` takes them.
fn evidence_sheet(items: &[EvidenceInfo]) -> Table {
    let rows = items
        .iter()
        .map(|e| {
            let ev = &e.evidence;
            let mut row = action_cells(&e.at);
            row.extend([
                text(e.number.to_string()),
                text(&ev.text),
                text(ev.link.clone().unwrap_or_default()),
                text(ev.by.clone().unwrap_or_default()),
                text(date_of(ev.at)),
            ]);
            row
        })
        .collect();
    Table {
        header: action_header(&["number", "text", "link", "by", "added_on"]),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_piece_is_listed_with_its_number_as_evidence_remove_takes_it() {
        let f = crate::tests::grid(1, 1);
        let mut h = History::default();
        for text in ["Minutes", "Leaflet"] {
            h.evidence.push(crate::core::answers::agreed::Evidence {
                action: "d0.a0".into(),
                text: text.into(),
                link: None,
                by: None,
                at: jiff::Timestamp::UNIX_EPOCH,
                removed: None,
            });
        }
        let doc = build(&f, &h).doc();
        let Block::List(items) = &doc.blocks[1] else {
            panic!("{doc:?}")
        };
        let Cell::Text(second) = &items[1][0] else {
            panic!("{items:?}")
        };
        assert!(
            second.starts_with("d0.a0 2. Do 0/0 (Domain 0): Leaflet"),
            "{second}"
        );
    }
}
