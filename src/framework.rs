//! The framework a service assesses itself against: stages, domains, actions.
//!
//! Everything the tool knows about ASPIRE lives in `framework.yaml`; this
//! module only knows the shape. A framework is validated once on load, so the
//! rest of the program can index stages and actions without checking again.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;

use crate::input;

/// The framework bundled into the binary.
pub const BUNDLED_YAML: &str = include_str!("../framework.yaml");

/// A whole framework, as written in its YAML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable id recorded with every assessment (e.g. `aspire-mbct`).
    pub id: String,
    /// Human title shown in headers.
    pub title: String,
    /// Version recorded with every assessment; a number or a string.
    #[serde(deserialize_with = "string_or_number")]
    pub version: String,
    /// Where the framework comes from (citation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A sentence or two introducing the framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Shown for a domain whose every stage is met (e.g. `Embedded`).
    pub completion_label: String,
    /// The stages of the journey, in order.
    pub stages: Vec<Stage>,
    /// The domains, in the order they are asked.
    pub domains: Vec<Domain>,
}

/// One stage of the journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id, referenced by actions.
    pub id: String,
    /// Name shown to people.
    pub name: String,
}

/// One domain of the framework, with its actions in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Stable id; notes are kept under it.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// The actions of every stage, in the order they are asked.
    pub actions: Vec<Action>,
}

/// One action a service takes at one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable id; answers are kept under it.
    pub id: String,
    /// The id of the stage this action belongs to.
    pub stage: String,
    /// The action, as people read it.
    pub text: String,
    /// Position of `stage` in the framework's stages, set by validation.
    #[serde(skip)]
    pub stage_index: usize,
}

/// One thing wrong with a framework file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// The id the problem is about, where there is one.
    pub id: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Framework {
    /// The bundled framework. It is checked by the test suite, so a broken
    /// bundle can never be released.
    pub fn bundled() -> Framework {
        static BUNDLED: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
        BUNDLED
            .get_or_init(|| match parse(BUNDLED_YAML) {
                Ok(f) => f,
                Err(problems) => unreachable!("bundled framework is invalid: {problems:?}"),
            })
            .clone()
    }

    /// Every action in asking order, with the index of its domain.
    pub fn actions(&self) -> impl Iterator<Item = (usize, &Action)> {
        self.domains
            .iter()
            .enumerate()
            .flat_map(|(d, domain)| domain.actions.iter().map(move |a| (d, a)))
    }

    /// How many actions there are in all.
    pub fn action_count(&self) -> usize {
        self.domains.iter().map(|d| d.actions.len()).sum()
    }

    /// Whether the framework has an action with this id.
    pub fn has_action(&self, id: &str) -> bool {
        self.actions().any(|(_, a)| a.id == id)
    }

    /// The framework as YAML, for `framework show --format yaml`.
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).unwrap_or_default()
    }
}

/// Parses and validates framework YAML. Returns every problem found, not only
/// the first, so `framework check` can list them all.
pub fn parse(text: &str) -> Result<Framework, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![problem(None, None, "the file is empty".into())]);
    }
    if let Some(line) = input::too_deep(text, input::MAX_FLOW_DEPTH) {
        return Err(vec![problem(
            Some(line),
            None,
            format!("brackets are nested more than {} levels deep", input::MAX_FLOW_DEPTH),
        )]);
    }
    let mut framework: Framework = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        let message = crate::error::yaml_problem(&e);
        vec![problem(line, None, message)]
    })?;
    let problems = validate(&mut framework, text);
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(problems)
    }
}

fn problem(line: Option<usize>, id: Option<&str>, message: String) -> Problem {
    Problem {
        line,
        id: id.map(str::to_string),
        message,
    }
}

/// Where a problem is in the text. Lines are found only once there is a
/// problem, since finding one means scanning the text.
enum Spot {
    /// The first `key:` line.
    Key(&'static str),
    /// The `nth` (0-based) `id: <id>` line.
    Id(String, usize),
}

/// Collects problems as validation finds them.
#[derive(Default)]
struct Findings {
    found: Vec<(Spot, Option<String>, String)>,
    seen: HashMap<String, usize>,
}

impl Findings {
    fn say(&mut self, spot: Spot, id: Option<&str>, message: String) {
        self.found.push((spot, id.map(str::to_string), message));
    }

    /// Checks an id's form and uniqueness; returns where it stands.
    fn id(&mut self, id: &str, what: &str) -> (String, usize) {
        let nth = *self.seen.entry(id.to_string()).and_modify(|n| *n += 1).or_insert(0);
        let spot = || Spot::Id(id.to_string(), nth);
        if id.trim().is_empty() {
            self.say(spot(), None, format!("a {what} has an empty id"));
        } else if !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            self.say(
                spot(),
                Some(id),
                format!("the {what} id `{id}` may only use letters, digits, `-`, `_` and `.`"),
            );
        } else if nth > 0 {
            self.say(
                spot(),
                Some(id),
                format!("the id `{id}` is used more than once; ids must be unique"),
            );
        }
        (id.to_string(), nth)
    }

    /// Notes an empty text field of the item with id `at`.
    fn text(&mut self, at: &(String, usize), field: &str, value: &str) {
        if value.trim().is_empty() {
            let id = (!at.0.is_empty()).then_some(at.0.as_str());
            self.say(Spot::Id(at.0.clone(), at.1), id, format!("the {field} is empty"));
        }
    }

    /// The problems, each with its line, in line order.
    fn into_problems(self, text: &str) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self
            .found
            .into_iter()
            .map(|(spot, id, message)| {
                let line = match spot {
                    Spot::Key(key) => input::line_of_key(text, key),
                    Spot::Id(id, nth) => input::line_of_id(text, &id, nth),
                };
                Problem { line, id, message }
            })
            .collect();
        problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        problems
    }
}

/// Checks what serde cannot: unique ids, declared stages, no empty text.
/// Sets each action's `stage_index`.
fn validate(f: &mut Framework, text: &str) -> Vec<Problem> {
    let mut v = Findings::default();
    for (key, field, value) in [
        ("title", "title", &f.title),
        ("id", "framework id", &f.id),
        ("completion_label", "completion label", &f.completion_label),
    ] {
        if value.trim().is_empty() {
            v.say(Spot::Key(key), None, format!("the {field} is empty"));
        }
    }
    if f.stages.is_empty() {
        v.say(
            Spot::Key("stages"),
            None,
            "there are no stages; declare at least one".into(),
        );
    }
    if f.domains.is_empty() {
        v.say(
            Spot::Key("domains"),
            None,
            "there are no domains; declare at least one".into(),
        );
    }
    let mut stage_index = HashMap::new();
    for (i, stage) in f.stages.iter().enumerate() {
        let at = v.id(&stage.id, "stage");
        v.text(&at, "stage name", &stage.name);
        if stage.id == crate::stage::COMPLETE_ID {
            let message = format!(
                "the stage id `{}` is reserved for a domain with every stage met; choose another",
                stage.id
            );
            v.say(Spot::Id(at.0.clone(), at.1), Some(&stage.id), message);
        }
        stage_index.entry(stage.id.clone()).or_insert(i);
    }
    for domain in &mut f.domains {
        let at = v.id(&domain.id, "domain");
        v.text(&at, "domain name", &domain.name);
        if domain.actions.is_empty() {
            let message = format!("the domain `{}` has no actions", domain.id);
            v.say(Spot::Id(at.0, at.1), Some(&domain.id), message);
        }
        for action in &mut domain.actions {
            let at = v.id(&action.id, "action");
            v.text(&at, "action text", &action.text);
            match stage_index.get(&action.stage) {
                Some(&i) => action.stage_index = i,
                None => {
                    let message = format!(
                        "the action `{}` is in stage `{}`, which is not declared under `stages`",
                        action.id, action.stage
                    );
                    v.say(Spot::Id(at.0, at.1), Some(&action.id), message);
                }
            }
        }
    }
    v.into_problems(text)
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StrOrNum {
        S(String),
        I(i64),
        F(#[allow(dead_code)] f64),
    }
    match StrOrNum::deserialize(d)? {
        StrOrNum::S(s) => Ok(s),
        StrOrNum::I(i) => Ok(i.to_string()),
        // 1.10 would read as 1.1: only quotes keep a decimal version as written.
        StrOrNum::F(_) => Err(serde::de::Error::custom(
            "write the version in quotes (for example version: \"1.10\"), so it is kept exactly as written",
        )),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small framework with `stages` stages and one action per stage per domain.
    pub fn synthetic(stages: usize, domains: usize) -> Framework {
        let mut yaml = String::from("id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n");
        for s in 0..stages {
            yaml += &format!("  - id: s{s}\n    name: Stage {s}\n");
        }
        yaml += "domains:\n";
        for d in 0..domains {
            yaml += &format!("  - id: d{d}\n    name: Domain {d}\n    actions:\n");
            for s in 0..stages {
                yaml += &format!("      - id: d{d}.a{s}\n        stage: s{s}\n        text: Do {d}/{s}\n");
            }
        }
        parse(&yaml).expect("synthetic framework is valid")
    }

    #[test]
    fn bundled_framework_has_seven_domains_three_stages_and_41_actions() {
        let f = parse(BUNDLED_YAML).expect("bundled framework is valid");
        assert_eq!(f.domains.len(), 7);
        assert_eq!(f.stages.len(), 3);
        assert_eq!(f.action_count(), 41);
        assert_eq!(f.completion_label, "Embedded");
        assert_eq!(f.version, "1.0");
    }

    #[test]
    fn bundled_actions_follow_each_domain_in_stage_order() {
        let f = Framework::bundled();
        for d in &f.domains {
            let idx: Vec<_> = d.actions.iter().map(|a| a.stage_index).collect();
            assert!(idx.windows(2).all(|w| w[0] <= w[1]), "{}", d.id);
        }
    }

    const GOOD: &str = "id: x\ntitle: X\nversion: \"2\"\ncompletion_label: Done\nstages:\n  - id: a\n    name: A\ndomains:\n  - id: d\n    name: D\n    actions:\n      - id: d.one\n        stage: a\n        text: One\n";

    #[test]
    fn a_minimal_framework_loads() {
        let f = parse(GOOD).unwrap();
        assert_eq!(f.action_count(), 1);
        assert_eq!(f.version, "2");
    }

    #[test]
    fn duplicate_ids_are_named_with_the_line_of_the_second() {
        let text = GOOD.replace(
            "text: One\n",
            "text: One\n      - id: d.one\n        stage: a\n        text: Two\n",
        );
        let problems = parse(&text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].id.as_deref(), Some("d.one"));
        assert_eq!(problems[0].line, Some(15));
        assert!(problems[0].message.contains("more than once"));
    }

    #[test]
    fn an_action_in_an_undeclared_stage_is_named() {
        let problems = parse(&GOOD.replace("stage: a", "stage: zz")).unwrap_err();
        assert_eq!(problems[0].id.as_deref(), Some("d.one"));
        assert!(problems[0].message.contains("`zz`"));
        assert_eq!(problems[0].line, Some(12));
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let text = GOOD
            .replace("text: One", "text: \"\"")
            .replace("name: D", "name: \" \"")
            .replace("stage: a", "stage: b");
        let problems = parse(&text).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn the_complete_stage_id_is_reserved() {
        let problems = parse(
            &GOOD
                .replace("id: a\n", "id: complete\n")
                .replace("stage: a", "stage: complete"),
        )
        .unwrap_err();
        assert!(problems[0].message.contains("reserved"), "{problems:?}");
    }

    #[test]
    fn a_version_that_is_a_decimal_number_must_be_quoted_to_be_kept() {
        let problems = parse(&GOOD.replace("version: \"2\"", "version: 1.10")).unwrap_err();
        assert!(problems[0].message.contains("quotes"), "{problems:?}");
        assert_eq!(
            parse(&GOOD.replace("version: \"2\"", "version: 3")).unwrap().version,
            "3"
        );
    }

    #[test]
    fn no_stages_and_no_domains_are_refused() {
        let problems =
            parse("id: x\ntitle: X\nversion: 1\ncompletion_label: D\nstages: []\ndomains: []\n").unwrap_err();
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn unknown_fields_are_refused_with_their_line() {
        let problems = parse(&GOOD.replace("text: One", "text: One\n        txet: typo")).unwrap_err();
        assert_eq!(problems[0].line, Some(15));
        assert!(problems[0].message.contains("txet"));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let problems = parse("id: x\ntitle: [unclosed\n").unwrap_err();
        assert!(problems[0].line.is_some());
    }

    #[test]
    fn empty_and_deeply_nested_text_is_refused() {
        assert!(parse("").unwrap_err()[0].message.contains("empty"));
        let deep = format!("id: {}", "[".repeat(40_000));
        assert!(parse(&deep).unwrap_err()[0].message.contains("nested"));
    }

    #[test]
    fn synthetic_frameworks_of_any_size_validate() {
        let f = synthetic(5, 12);
        assert_eq!(f.stages.len(), 5);
        assert_eq!(f.action_count(), 60);
        assert_eq!(f.domains[3].actions[4].stage_index, 4);
    }
}
