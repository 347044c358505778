//! The framework a service assesses itself against: stages, domains, actions. Everything the tool
//! knows about ASPIRE lives in `framework.yaml`; this module only knows the shape. A framework is
//! validated once on load, so the rest of the program indexes stages and actions without checking.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;

use crate::core::yaml;

/// The id a complete domain is given in place of a stage id; no stage may use it.
pub const COMPLETE_ID: &str = "complete";

/// The framework bundled into the binary.
pub const BUNDLED_YAML: &str = include_str!("../../framework.yaml");

/// [`BUNDLED_YAML`] as JSON, made by `build.rs`: the same framework, read without a YAML parser.
const BUNDLED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/framework.json"));

/// The bundled framework's id and version, read from [`BUNDLED_YAML`] by `build.rs`, for
/// `--version`, which then reads no framework at all.
pub const BUNDLED_ID_VERSION: (&str, &str) = include!(concat!(env!("OUT_DIR"), "/framework_id.rs"));

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
    /// A short name for narrow screens, where the full one does not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
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
    /// A short explanation (an abbreviation spelled out, what is meant), shown beside the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    /// Where to read more.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Position of `stage` in the framework's stages, set by validation.
    #[serde(skip)]
    pub stage_index: usize,
}

/// A resource an action names, with where to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What it is, as people read it.
    pub title: String,
    /// An absolute http or https address.
    pub url: String,
}

/// One thing wrong with a framework file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// The id the problem is about, where there is one.
    pub id: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What can be wrong with a framework; `shell::error` words each for people.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum ProblemKind {
    /// Not YAML, or not the shape of a framework (an empty file among them).
    Yaml(yaml::Mistake),
    /// A required text is empty.
    EmptyText { field: Field },
    /// No stages are declared.
    NoStages,
    /// No domains are declared.
    NoDomains,
    /// A stage, domain or action has an empty id.
    EmptyId { item: Item },
    /// An id uses characters other than letters, digits, `-`, `_`, `.`.
    BadId { item: Item, id: String },
    /// An id is used twice.
    DuplicateId { id: String },
    /// A stage uses the id kept for complete domains.
    ReservedStageId { id: String },
    /// A domain has no actions.
    NoActions { domain: String },
    /// An action names a stage that is not declared.
    UndeclaredStage { action: String, stage: String },
    /// A link that is not a web address a page may link to, and why.
    BadLink {
        action: String,
        url: String,
        why: crate::core::links::LinkProblem,
    },
}

/// A text field of a framework, for messages about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each names the field
pub enum Field {
    Title,
    FrameworkId,
    CompletionLabel,
    StageName,
    DomainName,
    ActionText,
}

/// The kinds of item that have ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each names the item
pub enum Item {
    Stage,
    Domain,
    Action,
}

impl Framework {
    /// The bundled framework, read once a run from the JSON `build.rs` made of it (no YAML to
    /// parse), and checked by the test suite to be what [`from_yaml`] makes of [`BUNDLED_YAML`],
    /// so a broken bundle is never released.
    pub fn bundled() -> Framework {
        static BUNDLED: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let mut f: Framework =
                    serde_json::from_str(BUNDLED_JSON).expect("the bundled framework is valid");
                let problems = validate(&mut f, BUNDLED_YAML);
                assert!(problems.is_empty(), "the bundled framework is valid");
                f
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

    /// The text of the action with this id, or the id itself when the framework has no such
    /// action (an answer kept from another version).
    pub fn action_text<'a>(&'a self, id: &'a str) -> &'a str {
        self.actions()
            .find(|(_, a)| a.id == id)
            .map_or(id, |(_, a)| a.text.as_str())
    }

    /// Whether the framework has an action with this id.
    pub fn has_action(&self, id: &str) -> bool {
        self.actions().any(|(_, a)| a.id == id)
    }

    /// The framework as YAML, for `framework show --format yaml`, quoted so every YAML reader
    /// reads the same texts (a stage named `No` stays a name).
    pub fn to_yaml(&self) -> String {
        crate::core::yaml_emit::document(self).unwrap_or_default()
    }
}

/// Parses and validates framework YAML, returning every problem found so `framework check` lists
/// all.
pub fn from_yaml(text: &str) -> Result<Framework, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let yaml_problem = |m: yaml::Mistake| {
        vec![Problem {
            line: m.line,
            id: None,
            kind: ProblemKind::Yaml(m),
        }]
    };
    yaml::check(text).map_err(yaml_problem)?;
    let mut framework: Framework = yaml::from_str(text).map_err(yaml_problem)?;
    let problems = validate(&mut framework, text);
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(problems)
    }
}

/// Where a problem is in the text, its line found only at the end, since finding one scans the
/// text.
enum Spot {
    /// The first `key:` line.
    Key(&'static str),
    /// The `nth` (0-based) `id: <id>` line.
    Id(String, usize),
    /// The first line holding this text.
    Text(String),
}

/// Collects problems as validation finds them.
#[derive(Default)]
struct Findings {
    found: Vec<(Spot, Option<String>, ProblemKind)>,
    seen: HashMap<String, usize>,
}

impl Findings {
    fn say(&mut self, spot: Spot, id: Option<&str>, kind: ProblemKind) {
        self.found.push((spot, id.map(str::to_string), kind));
    }

    /// Checks an id's form and uniqueness; returns where it stands.
    fn id(&mut self, id: &str, item: Item) -> (String, usize) {
        let nth = *self
            .seen
            .entry(id.to_string())
            .and_modify(|n| *n += 1)
            .or_insert(0);
        let spot = || Spot::Id(id.to_string(), nth);
        if id.trim().is_empty() {
            self.say(spot(), None, ProblemKind::EmptyId { item });
        } else if !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            let kind = ProblemKind::BadId {
                item,
                id: id.into(),
            };
            self.say(spot(), Some(id), kind);
        } else if nth > 0 {
            self.say(spot(), Some(id), ProblemKind::DuplicateId { id: id.into() });
        }
        (id.to_string(), nth)
    }

    /// Notes an empty text field of the item with id `at`.
    fn text(&mut self, at: &(String, usize), field: Field, value: &str) {
        if value.trim().is_empty() {
            let id = (!at.0.is_empty()).then_some(at.0.as_str());
            self.say(
                Spot::Id(at.0.clone(), at.1),
                id,
                ProblemKind::EmptyText { field },
            );
        }
    }

    /// The problems, each with its line, in line order.
    fn into_problems(self, text: &str) -> Vec<Problem> {
        let line = |spot: Spot| match spot {
            Spot::Key(key) => yaml::line_of_key(text, key),
            Spot::Id(id, nth) => yaml::line_of_id(text, &id, nth),
            Spot::Text(t) => text.lines().position(|l| l.contains(&t)).map(|i| i + 1),
        };
        let found = self.found.into_iter();
        let mut problems: Vec<Problem> = found
            .map(|(spot, id, kind)| Problem {
                line: line(spot),
                id,
                kind,
            })
            .collect();
        problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        problems
    }
}

/// Checks what serde cannot (unique ids, declared stages, no empty text); sets each `stage_index`.
fn validate(f: &mut Framework, text: &str) -> Vec<Problem> {
    let mut v = Findings::default();
    let (blank, empty) = (
        |t: &str| t.trim().is_empty(),
        |field| ProblemKind::EmptyText { field },
    );
    for (key, missing, kind) in [
        ("title", blank(&f.title), empty(Field::Title)),
        ("id", blank(&f.id), empty(Field::FrameworkId)),
        (
            "completion_label",
            blank(&f.completion_label),
            empty(Field::CompletionLabel),
        ),
        ("stages", f.stages.is_empty(), ProblemKind::NoStages),
        ("domains", f.domains.is_empty(), ProblemKind::NoDomains),
    ] {
        if missing {
            v.say(Spot::Key(key), None, kind);
        }
    }
    let mut stage_index = HashMap::new();
    for (i, stage) in f.stages.iter().enumerate() {
        let at = v.id(&stage.id, Item::Stage);
        v.text(&at, Field::StageName, &stage.name);
        if stage.id == COMPLETE_ID {
            let kind = ProblemKind::ReservedStageId {
                id: stage.id.clone(),
            };
            v.say(Spot::Id(at.0.clone(), at.1), Some(&stage.id), kind);
        }
        stage_index.entry(stage.id.clone()).or_insert(i);
    }
    for domain in &mut f.domains {
        let at = v.id(&domain.id, Item::Domain);
        v.text(&at, Field::DomainName, &domain.name);
        if domain.actions.is_empty() {
            let kind = ProblemKind::NoActions {
                domain: domain.id.clone(),
            };
            v.say(Spot::Id(at.0, at.1), Some(&domain.id), kind);
        }
        for action in &mut domain.actions {
            let at = v.id(&action.id, Item::Action);
            v.text(&at, Field::ActionText, &action.text);
            match stage_index.get(&action.stage) {
                Some(&i) => action.stage_index = i,
                None => {
                    let kind = ProblemKind::UndeclaredStage {
                        action: action.id.clone(),
                        stage: action.stage.clone(),
                    };
                    v.say(Spot::Id(at.0.clone(), at.1), Some(&action.id), kind);
                }
            }
            for link in &action.links {
                let Err(why) = crate::core::links::web_address(&link.url) else {
                    continue;
                };
                let kind = ProblemKind::BadLink {
                    action: action.id.clone(),
                    url: link.url.clone(),
                    why,
                };
                let spot = if link.url.trim().is_empty() {
                    Spot::Id(at.0.clone(), at.1)
                } else {
                    Spot::Text(link.url.clone())
                };
                v.say(spot, Some(&action.id), kind);
            }
        }
    }
    v.into_problems(text)
}

/// Whether a link is a web address a page may link to ([`crate::core::links::web_address`]).
pub fn is_web_address(url: &str) -> bool {
    crate::core::links::web_address(url).is_ok()
}

/// A version is text, or a whole number taken as text; a decimal is refused (`1.10` would read as
/// `1.1`).
fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text or a whole number")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<String, E> {
            Err(E::custom(yaml::Rule::DecimalVersion))
        }
    }
    d.deserialize_any(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actions_text_is_found_by_its_id_and_an_unknown_id_stands_for_itself() {
        let f = crate::tests::grid(1, 1);
        let (_, first) = f.actions().next().unwrap();
        assert_eq!(f.action_text(&first.id), first.text);
        assert_eq!(
            f.action_text("gone.from-this-version"),
            "gone.from-this-version"
        );
    }

    #[test]
    fn bundled_framework_has_seven_domains_three_stages_and_41_actions() {
        let f = from_yaml(BUNDLED_YAML).expect("bundled framework is valid");
        assert_eq!(f.domains.len(), 7);
        assert_eq!(f.stages.len(), 3);
        assert_eq!(f.action_count(), 41);
        assert_eq!(f.completion_label, "Embedded");
        assert_eq!(f.version, "1.0");
    }

    #[test]
    fn the_bundled_framework_read_from_json_is_what_its_yaml_says() {
        let f = from_yaml(BUNDLED_YAML).expect("bundled framework is valid");
        assert_eq!(Framework::bundled(), f);
        assert_eq!(BUNDLED_ID_VERSION, (f.id.as_str(), f.version.as_str()));
    }

    #[test]
    fn bundled_actions_follow_each_domain_in_stage_order() {
        let f = Framework::bundled();
        for d in &f.domains {
            let idx: Vec<_> = d.actions.iter().map(|a| a.stage_index).collect();
            assert!(idx.windows(2).all(|w| w[0] <= w[1]), "{}", d.id);
        }
    }

    const GOOD: &str = "id: x\ntitle: X\nversion: \"2\"\ncompletion_label: Done\nstages:\n  - id: \
        a\n    name: A\ndomains:\n  - id: d\n    name: D\n    actions:\n      - id: d.one\n        \
        stage: a\n        text: One\n";

    #[test]
    fn a_minimal_framework_loads() {
        let f = from_yaml(GOOD).unwrap();
        assert_eq!(f.action_count(), 1);
        assert_eq!(f.version, "2");
    }

    #[test]
    fn duplicate_ids_are_named_with_the_line_of_the_second() {
        let text = GOOD.replace(
            "text: One\n",
            "text: One\n      - id: d.one\n        stage: a\n        text: Two\n",
        );
        let problems = from_yaml(&text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].id.as_deref(), Some("d.one"));
        assert_eq!(problems[0].line, Some(15));
        assert_eq!(
            problems[0].kind,
            ProblemKind::DuplicateId { id: "d.one".into() }
        );
    }

    #[test]
    fn an_action_in_an_undeclared_stage_is_named() {
        let problems = from_yaml(&GOOD.replace("stage: a", "stage: zz")).unwrap_err();
        assert_eq!(problems[0].id.as_deref(), Some("d.one"));
        assert_eq!(
            problems[0].kind,
            ProblemKind::UndeclaredStage {
                action: "d.one".into(),
                stage: "zz".into()
            }
        );
        assert_eq!(problems[0].line, Some(12));
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let text = GOOD
            .replace("text: One", "text: \"\"")
            .replace("name: D", "name: \" \"")
            .replace("stage: a", "stage: b");
        let problems = from_yaml(&text).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn the_complete_stage_id_is_reserved() {
        let problems = from_yaml(
            &GOOD
                .replace("id: a\n", "id: complete\n")
                .replace("stage: a", "stage: complete"),
        )
        .unwrap_err();
        assert!(
            matches!(problems[0].kind, ProblemKind::ReservedStageId { .. }),
            "{problems:?}"
        );
    }

    #[test]
    fn a_version_that_is_a_decimal_number_must_be_quoted_to_be_kept() {
        let problems = from_yaml(&GOOD.replace("version: \"2\"", "version: 1.10")).unwrap_err();
        let decimal = yaml::Kind::Broken(yaml::Rule::DecimalVersion);
        assert!(
            matches!(&problems[0].kind, ProblemKind::Yaml(m) if m.kind == decimal),
            "{problems:?}"
        );
        assert_eq!(
            from_yaml(&GOOD.replace("version: \"2\"", "version: 3"))
                .unwrap()
                .version,
            "3"
        );
    }

    #[test]
    fn no_stages_and_no_domains_are_refused() {
        let problems = from_yaml(
            "id: x\ntitle: X\nversion: 1\ncompletion_label: D\nstages: []\ndomains: []\n",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn unknown_fields_are_refused_with_their_line() {
        let problems =
            from_yaml(&GOOD.replace("text: One", "text: One\n        txet: typo")).unwrap_err();
        assert_eq!(problems[0].line, Some(15));
        let ProblemKind::Yaml(yaml::Mistake {
            kind: yaml::Kind::UnknownField { name, allowed },
            ..
        }) = &problems[0].kind
        else {
            panic!("{problems:?}")
        };
        assert!(name == "txet" && allowed.contains(&"explain".to_string()));
    }

    #[test]
    fn a_version_of_the_wrong_shape_is_named_as_shapes() {
        let problems = from_yaml(&GOOD.replace("version: \"2\"", "version: [2]")).unwrap_err();
        let ProblemKind::Yaml(mistake) = &problems[0].kind else {
            panic!("{problems:?}")
        };
        assert_eq!(
            mistake.kind,
            yaml::Kind::WrongType {
                expected: yaml::Expected::Text,
                found: yaml::Found::List
            }
        );
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let problems = from_yaml("id: x\ntitle: [unclosed\n").unwrap_err();
        assert!(problems[0].line.is_some());
    }

    #[test]
    fn empty_and_deeply_nested_text_is_refused() {
        let kind = |text: &str| match from_yaml(text).unwrap_err().remove(0).kind {
            ProblemKind::Yaml(m) => m.kind,
            other => panic!("{other:?}"),
        };
        assert_eq!(kind(""), yaml::Kind::Empty);
        assert_eq!(kind("# only a comment\n"), yaml::Kind::Empty);
        assert_eq!(
            kind(&format!("id: {}", "[".repeat(40_000))),
            yaml::Kind::Syntax(yaml::Syntax::TooDeep)
        );
    }
}
