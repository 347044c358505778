//! The layers hold: every import points down (shell -> present -> core), no
//! module imports itself back through another, and neither the core nor
//! presentation touches files, the terminal, the process or the command line.
//!
//! Read from the source as a newcomer would: every `crate::` and `super::`
//! path outside test code is an edge from the module that writes it to the
//! module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What the core and presentation may not use: these touch the disk, the
/// terminal, the environment, the process or the command line.
const OUTSIDE_WORLD: [&str; 9] = [
    "std::fs",
    "std::env",
    "std::process",
    "std::io::stdin",
    "std::io::stdout",
    "console::Term",
    "dialoguer",
    "clap",
    "tempfile",
];

struct Module {
    name: String,
    /// The code outside `#[cfg(test)]`, without comment lines.
    code: String,
}

fn modules() -> Vec<Module> {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "tests.rs" && n != "main.rs" && n != "lib.rs")
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => &text[..i],
                None => &text[..],
            };
            // Comments may name anything; only code counts.
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            let rel = p.strip_prefix("src").unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod") {
                parts.pop();
            }
            Module {
                name: parts.join("::"),
                code,
            }
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules each module's `crate::` and `super::` paths name.
fn edges(modules: &[Module]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<&str> = modules.iter().map(|m| m.name.as_str()).collect();
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|candidate| known.contains(candidate.as_str()))
    };
    let mut out = BTreeMap::new();
    for m in modules {
        let mut to = BTreeSet::new();
        for (i, _) in m.code.match_indices("crate::") {
            let path = ident_path(&m.code[i + "crate::".len()..]);
            to.extend(resolve(&path));
        }
        // `super::` is the parent of the module (a `mod.rs` is its module).
        let parent = m.name.rsplit_once("::").map_or("", |(p, _)| p);
        for (i, _) in m.code.match_indices("super::") {
            let path = ident_path(&m.code[i + "super::".len()..]);
            let full = if parent.is_empty() {
                path
            } else {
                format!("{parent}::{path}")
            };
            to.extend(resolve(&full).or_else(|| (!parent.is_empty()).then(|| parent.to_string())));
        }
        to.remove(&m.name);
        out.insert(m.name.clone(), to);
    }
    out
}

/// `core::answers::{Answer, …}` -> `core::answers`: the path up to the
/// first character that cannot continue it.
fn ident_path(text: &str) -> String {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end].trim_end_matches(':').to_string()
}

#[test]
fn no_module_imports_itself_back_through_another() {
    let graph = edges(&modules());
    // Depth-first search for a cycle, reporting it in full.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
    assert!(
        graph.len() > 20,
        "the source was found: {} modules",
        graph.len()
    );
}

#[test]
fn the_library_exposes_only_its_three_layers() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let public: Vec<&str> = lib.lines().filter(|l| l.starts_with("pub ")).collect();
    assert_eq!(
        public,
        ["pub mod core;", "pub mod present;", "pub mod shell;"]
    );
    assert!(
        lib.contains("#[cfg(test)]\nmod tests;"),
        "the unit tests' fixtures are test-only"
    );
}

#[test]
fn every_import_points_down_the_layers() {
    let layer = |name: &str| match name.split("::").next() {
        Some("core") => 0,
        Some("present") => 1,
        Some("shell") => 2,
        _ => 3, // tests: fixtures for unit tests only, may use anything
    };
    for (from, to) in edges(&modules()) {
        for target in to {
            assert!(
                layer(&target) <= layer(&from) && !target.starts_with("tests"),
                "{from} imports {target}, which is above it"
            );
        }
    }
}

#[test]
fn the_core_and_presentation_never_touch_the_outside_world() {
    for m in modules()
        .iter()
        .filter(|m| m.name.starts_with("core") || m.name.starts_with("present"))
    {
        for forbidden in OUTSIDE_WORLD {
            assert!(
                !m.code.contains(forbidden),
                "{} uses {forbidden}: files, the terminal and the command line belong to the shell",
                m.name
            );
        }
    }
}

#[test]
fn the_path_reader_finds_the_edges_a_person_would() {
    let m = |name: &str, code: &str| Module {
        name: name.into(),
        code: code.into(),
    };
    let graph = edges(&[
        m("core::answers", "pub mod file;"),
        m(
            "core::answers::file",
            "use super::{Answer, FORMAT};\nuse crate::core::yaml;",
        ),
        m("core::yaml", ""),
        m("shell::error", "use crate::core::answers::file::Problem;"),
    ]);
    assert_eq!(
        graph["core::answers::file"],
        ["core::answers", "core::yaml"].map(String::from).into()
    );
    assert_eq!(
        graph["shell::error"],
        ["core::answers::file"].map(String::from).into()
    );
    assert!(
        graph["core::answers"].is_empty(),
        "declaring a child is not importing it"
    );
}

/// The parser's ways in from text: each reads YAML without the nesting guard.
const UNGUARDED_READS: [&str; 4] = [
    "serde_yaml::from_str",
    "serde_yaml::from_slice",
    "serde_yaml::from_reader",
    "Deserializer::from_",
];

#[test]
fn every_yaml_the_tool_reads_goes_through_the_one_guarded_reader() {
    let found: Vec<String> = modules()
        .iter()
        .filter(|m| m.name != "core::yaml")
        .flat_map(|m| {
            UNGUARDED_READS
                .iter()
                .filter(|r| m.code.contains(*r))
                .map(move |r| format!("{} uses {r}", m.name))
        })
        .collect();
    assert!(
        found.is_empty(),
        "read YAML with core::yaml::from_str, which refuses deep nesting first: {found:?}"
    );
    let yaml = modules()
        .into_iter()
        .find(|m| m.name == "core::yaml")
        .expect("core::yaml");
    assert!(
        yaml.code.contains("serde_yaml::from_str"),
        "the check reads the code it means to: core::yaml calls the parser"
    );
}
