//! `framework show`: the framework in use, with every id, as a view like the others: a tree of
//! domains, stages and actions to read, a row per action for a spreadsheet, and the framework
//! itself as JSON and YAML (the YAML is a framework file, to adapt).

use serde::Serialize;

use crate::core::framework::Framework;
use crate::present::doc::{Block, Cell, Doc, Table};
use crate::present::render::View;
use crate::present::words::count;

/// The framework, shown.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct FrameworkView {
    /// The framework, serialised as a framework file writes it.
    pub framework: Framework,
}

/// The view of `framework`.
pub fn build(framework: &Framework) -> FrameworkView {
    FrameworkView {
        framework: framework.clone(),
    }
}

impl View for FrameworkView {
    fn doc(&self) -> Doc {
        let f = &self.framework;
        let mut doc = Doc::default();
        doc.push(Block::Heading(format!(
            "{} ({} {})",
            f.title, f.id, f.version
        )));
        if let Some(source) = &f.source {
            doc.push(Block::Text(format!("Source: {source}")));
        }
        let stages: Vec<String> = f
            .stages
            .iter()
            .map(|s| format!("{} [{}]", s.name, s.id))
            .collect();
        doc.push(Block::Text(format!(
            "Stages: {}; every stage met: {}",
            stages.join(" → "),
            f.completion_label
        )));
        doc.push(Block::Text(format!(
            "{}, {}",
            count(f.domains.len(), "domain"),
            count(f.action_count(), "action")
        )));
        for (d, domain) in f.domains.iter().enumerate() {
            doc.push(Block::Heading(format!(
                "{}. {} [{}]",
                d + 1,
                domain.name,
                domain.id
            )));
            for (s, stage) in f.stages.iter().enumerate() {
                let actions: Vec<Vec<Cell>> = domain
                    .actions
                    .iter()
                    .filter(|a| a.stage_index == s)
                    .map(|a| {
                        let mut line = format!("{} [{}]", a.text, a.id);
                        if let Some(explain) = &a.explain {
                            line += &format!(" ({explain})");
                        }
                        for link in &a.links {
                            line += &format!(" — {}: {}", link.title, link.url);
                        }
                        vec![Cell::Text(line)]
                    })
                    .collect();
                if !actions.is_empty() {
                    doc.push(Block::Text(stage.name.clone()));
                    doc.push(Block::List(actions));
                }
            }
        }
        doc
    }

    fn sheet(&self) -> Table {
        let f = &self.framework;
        let header = [
            "domain_id",
            "domain",
            "action_stage_id",
            "action_stage",
            "action_id",
            "action",
            "explain",
            "links",
        ];
        let text = |t: &str| Cell::Text(t.to_string());
        let rows = f
            .domains
            .iter()
            .flat_map(|d| d.actions.iter().map(move |a| (d, a)))
            .map(|(d, a)| {
                let stage = &f.stages[a.stage_index];
                let links: Vec<String> = a.links.iter().map(|l| l.url.clone()).collect();
                vec![
                    text(&d.id),
                    text(&d.name),
                    text(&stage.id),
                    text(&stage.name),
                    text(&a.id),
                    text(&a.text),
                    text(a.explain.as_deref().unwrap_or_default()),
                    text(&links.join(" ")),
                ]
            })
            .collect();
        Table {
            header: header.map(String::from).to_vec(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::render::{Format, render};

    #[test]
    fn the_tree_shows_every_action_with_its_id_under_its_stage() {
        let f = Framework::bundled();
        let v = build(&f);
        let tree = String::from_utf8(render(&v, Format::Table, Default::default())).unwrap();
        assert!(tree.contains("[evaluation.annual-report]"), "{tree}");
        let doc = v.doc();
        let listed = doc.blocks.iter().map(|b| match b {
            Block::List(items) => items.len(),
            _ => 0,
        });
        assert_eq!(listed.sum::<usize>(), f.action_count());
    }

    #[test]
    fn a_spreadsheet_gets_a_row_per_action_and_yaml_is_a_framework_file() {
        let f = Framework::bundled();
        let v = build(&f);
        assert_eq!(v.sheet().rows.len(), f.action_count());
        let yaml = String::from_utf8(render(&v, Format::Yaml, Default::default())).unwrap();
        let again = crate::core::framework::from_yaml(&yaml).expect("a framework file");
        assert_eq!(again, f);
    }
}
