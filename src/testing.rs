//! One framework builder for every test and benchmark (unit, integration,
//! property, benchmark), so a change to the framework format is made once.
//! Not used by the program itself.

use crate::core::framework::{self, Framework};

/// [`FrameworkBuilder::grid`], built.
pub fn grid(stages: usize, domains: usize) -> Framework {
    FrameworkBuilder::grid(stages, domains).build()
}

/// A framework under construction, written out as YAML like a person would.
#[derive(Debug, Clone)]
pub struct FrameworkBuilder {
    id: String,
    version: String,
    completion: String,
    stages: Vec<(String, String)>,
    domains: Vec<DomainSpec>,
}

#[derive(Debug, Clone)]
struct DomainSpec {
    id: String,
    name: String,
    actions: Vec<(String, String, String)>,
}

impl Default for FrameworkBuilder {
    fn default() -> Self {
        FrameworkBuilder {
            id: "t".into(),
            version: "1".into(),
            completion: "Done".into(),
            stages: Vec::new(),
            domains: Vec::new(),
        }
    }
}

impl FrameworkBuilder {
    /// An empty framework `t`, version 1, whose completion label is `Done`.
    pub fn new() -> Self {
        Self::default()
    }

    /// `stages` stages and `domains` domains with one action per stage:
    /// stages `s0`… named `Stage 0`…, domains `d0`… named `Domain 0`…,
    /// actions `d0.a0`… (action `a<s>` in stage `s<s>`).
    pub fn grid(stages: usize, domains: usize) -> Self {
        let mut b = Self::new();
        for s in 0..stages {
            b = b.stage(&format!("s{s}"), &format!("Stage {s}"));
        }
        for d in 0..domains {
            b = b.domain(&format!("d{d}"), &format!("Domain {d}"));
            for s in 0..stages {
                b = b.action(&format!("d{d}.a{s}"), &format!("s{s}"), &format!("Do {d}/{s}"));
            }
        }
        b
    }

    /// Sets the framework's id and version.
    pub fn named(mut self, id: &str, version: &str) -> Self {
        self.id = id.into();
        self.version = version.into();
        self
    }

    /// Adds a stage.
    pub fn stage(mut self, id: &str, name: &str) -> Self {
        self.stages.push((id.into(), name.into()));
        self
    }

    /// Adds a domain; the actions added next belong to it.
    pub fn domain(mut self, id: &str, name: &str) -> Self {
        self.domains.push(DomainSpec {
            id: id.into(),
            name: name.into(),
            actions: Vec::new(),
        });
        self
    }

    /// Adds an action to the last domain added.
    pub fn action(mut self, id: &str, stage: &str, text: &str) -> Self {
        if let Some(d) = self.domains.last_mut() {
            d.actions.push((id.into(), stage.into(), text.into()));
        }
        self
    }

    /// The framework file's text.
    pub fn yaml(&self) -> String {
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut y = format!(
            "id: {}\ntitle: Test framework\nversion: {}\ncompletion_label: {}\nstages:\n",
            q(&self.id),
            q(&self.version),
            q(&self.completion)
        );
        for (id, name) in &self.stages {
            y += &format!("  - id: {}\n    name: {}\n", q(id), q(name));
        }
        y += "domains:\n";
        for d in &self.domains {
            y += &format!("  - id: {}\n    name: {}\n    actions:\n", q(&d.id), q(&d.name));
            for (id, stage, text) in &d.actions {
                y += &format!(
                    "      - id: {}\n        stage: {}\n        text: {}\n",
                    q(id),
                    q(stage),
                    q(text)
                );
            }
        }
        y
    }

    /// The framework, which must be valid.
    pub fn build(&self) -> Framework {
        framework::parse(&self.yaml()).unwrap_or_else(|p| panic!("test framework is invalid: {p:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_has_one_action_per_stage_per_domain() {
        let f = FrameworkBuilder::grid(5, 12).build();
        assert_eq!(f.stages.len(), 5);
        assert_eq!(f.action_count(), 60);
        assert_eq!(f.domains[3].actions[4].stage_index, 4);
    }

    #[test]
    fn names_with_quotes_survive_the_round_trip() {
        let f = FrameworkBuilder::new()
            .stage("a", "A \"quoted\" stage")
            .domain("d", "D: with a colon")
            .action("d.1", "a", "Text")
            .build();
        assert_eq!(f.stages[0].name, "A \"quoted\" stage");
        assert_eq!(f.domains[0].name, "D: with a colon");
    }
}
