//! The layers hold: every import points down (shell -> present -> core), no
//! module imports itself back through another, and neither the core nor
//! presentation touches files, the terminal, the process or the command line.
//!
//! Read from the source as a newcomer would: every path outside test code (in a `use`, nested
//! groups spelled out, or in the code) that starts at `crate::`, `super::`, `self::` or a child
//! module named bare is an edge from the module that writes it to the module it names. A child
//! using its own parent is no edge; anything else, a parent using its child included, is.

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
    /// The code outside `#[cfg(test)]`, without comments or the text of strings.
    code: String,
    /// The modules it declares (`mod c;`), by name.
    children: BTreeSet<String>,
}

/// Every module under `src`, as read from its files.
fn modules() -> Vec<Module> {
    modules_in(Path::new("src"))
}

/// Every module of the tree at `root` (a `src` folder).
fn modules_in(root: &Path) -> Vec<Module> {
    let mut files = Vec::new();
    collect(root, &mut files);
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
            let code = without_comments_and_strings(code);
            let rel = p.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod") {
                parts.pop();
            }
            Module {
                name: parts.join("::"),
                children: declared(&code),
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

/// The code with comments removed and the text of string and character literals emptied:
/// comments and messages may name any path; only code counts.
fn without_comments_and_strings(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' {
            out.push_str("\"\"");
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            // An escaped character: '\n', '\'', '\u{1b}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push_str("' '");
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The child modules a file declares (`mod c;`, `pub mod c;`, `pub(crate) mod c;`).
fn declared(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("mod ") {
        let before = code[..i].trim_end();
        let starts = before.is_empty()
            || before.ends_with(';')
            || before.ends_with('}')
            || before.ends_with(']')
            || before.ends_with("pub")
            || before.ends_with(')');
        let rest = &code[i + 4..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if starts && rest[name.len()..].trim_start().starts_with(';') && !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// The `use` declarations of some code, each as its tree (`crate::core::{a, b::C}`), and the code
/// without them.
fn uses(code: &str) -> (Vec<String>, String) {
    let mut trees = Vec::new();
    let mut rest = String::new();
    let mut at = 0;
    for (i, _) in code.match_indices("use ") {
        if i < at {
            continue;
        }
        let before = code[..i].trim_end();
        let starts = before.is_empty()
            || before.ends_with(';')
            || before.ends_with('}')
            || before.ends_with('{')
            || before.ends_with(']')
            || before.ends_with("pub")
            || before.ends_with(')');
        if !starts {
            continue;
        }
        let Some(end) = code[i..].find(';') else {
            continue;
        };
        rest.push_str(&code[at..i]);
        let tree: Vec<&str> = code[i + 4..i + end].split_whitespace().collect();
        trees.push(tree.join(" "));
        at = i + end + 1;
    }
    rest.push_str(&code[at..]);
    (trees, rest)
}

/// A use tree spelled out into paths, each as its segments: `a::{b, c::{self, D}}` gives `a::b`,
/// `a::c` and `a::c::D`; `x as y` is `x`; a glob is the path it is in.
fn spelled_out(tree: &str) -> Vec<Vec<String>> {
    fn go(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let tree = tree.trim();
        let (path, group) = match tree.find('{') {
            Some(open) => (
                &tree[..open],
                Some(&tree[open + 1..tree.rfind('}').unwrap()]),
            ),
            None => (tree, None),
        };
        let path = path.split(" as ").next().unwrap().trim_end_matches("::");
        let mut segments = prefix.to_vec();
        for seg in path
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "*")
        {
            if seg != "self" || segments.is_empty() {
                segments.push(seg.to_string());
            }
        }
        let Some(group) = group else {
            out.push(segments);
            return;
        };
        let (mut depth, mut from) = (0, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    go(&group[from..i], &segments, out);
                    from = i + 1;
                }
                _ => {}
            }
        }
        if !group[from..].trim().is_empty() {
            go(&group[from..], &segments, out);
        }
    }
    let mut out = Vec::new();
    go(&tree.replace("pub(crate)", ""), &[], &mut out);
    out
}

/// Every path written outside `use` declarations that starts at `crate`, `super`, `self` or a
/// child module of `m`, as its segments.
fn paths_in_code(code: &str, m: &Module) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let starts_path =
            ident(chars[i]) && (i == 0 || !(ident(chars[i - 1]) || chars[i - 1] == ':'));
        if !starts_path {
            i += 1;
            continue;
        }
        let from = i;
        while i < chars.len() && (ident(chars[i]) || chars[i] == ':') {
            i += 1;
        }
        let path: String = chars[from..i].iter().collect();
        let segments: Vec<String> = path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let first = segments[0].as_str();
        let relative = ["crate", "super", "self"].contains(&first) || m.children.contains(first);
        if path.contains("::") && relative {
            out.push(segments);
        }
    }
    out
}

/// The module a path written in `m` names: where it starts (`crate`, `super`, `self`, a child
/// of `m`), then the longest run of it that is a module. `None`: another crate's, or a name
/// brought in by a `use` (counted there).
fn resolve(segments: &[String], m: &Module, known: &BTreeSet<&str>) -> Option<String> {
    let mut base: Vec<String> = m.name.split("::").map(String::from).collect();
    let mut rest = segments;
    match segments.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &segments[1..];
        }
        Some("self") => rest = &segments[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some(child) if m.children.contains(child) => {}
        _ => return None,
    }
    let full: Vec<String> = base.into_iter().chain(rest.iter().cloned()).collect();
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|candidate| known.contains(candidate.as_str()))
}

/// The modules each module imports, by every path its code writes: `use` trees spelled out,
/// `crate::`, `super::`, `self::` and child-module paths. A module's own name and its parent's are
/// not edges: a child may use its parent's items. A parent importing its child is an edge.
fn edges(modules: &[Module]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<&str> = modules.iter().map(|m| m.name.as_str()).collect();
    let mut out = BTreeMap::new();
    for m in modules {
        let (trees, rest) = uses(&m.code);
        let paths = trees
            .iter()
            .flat_map(|t| spelled_out(t))
            .chain(paths_in_code(&rest, m));
        let mut to: BTreeSet<String> = paths.filter_map(|p| resolve(&p, m, &known)).collect();
        to.remove(&m.name);
        if let Some((parent, _)) = m.name.rsplit_once("::") {
            to.remove(parent);
        }
        out.insert(m.name.clone(), to);
    }
    out
}

/// An import cycle between modules, in full (`a -> b -> a`), if there is one.
fn a_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
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
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_itself_back_through_another() {
    let graph = edges(&modules());
    if let Some(cycle) = a_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" -> "));
    }
    assert!(
        graph.len() > 20,
        "the source was found: {} modules",
        graph.len()
    );
}

/// A tree of source files in a temporary folder, `(path under src, text)`, read as the test
/// reads `src`.
fn planted(files: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    edges(&modules_in(dir.path()))
}

#[test]
fn a_cycle_through_a_bare_child_path_is_found() {
    // p -> p::c (written `use c::Thing;`), p::c -> a, a -> p.
    let graph = planted(&[
        ("a.rs", "use crate::p::Top;\npub struct A;\n"),
        ("p/mod.rs", "pub mod c;\nuse c::Thing;\npub struct Top;\n"),
        ("p/c.rs", "use crate::a::A;\npub struct Thing;\n"),
    ]);
    assert_eq!(graph["p"], ["p::c"].map(String::from).into());
    let cycle = a_cycle(&graph).expect("the cycle is found");
    assert_eq!(cycle.len(), 4, "{cycle:?}");
}

#[test]
fn a_cycle_written_with_super_is_found() {
    // x::a -> x::b (`use super::b::B;`), x::b -> x::c (`super::c::C` in code), x::c -> x::a.
    let graph = planted(&[
        ("x/mod.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("x/a.rs", "use super::{b::B, c};\npub struct A;\n"),
        ("x/b.rs", "pub struct B(super::c::C);\n"),
        (
            "x/c.rs",
            "use crate::x::{self, a::{self as first, A}};\npub struct C;\n",
        ),
    ]);
    assert_eq!(graph["x::a"], ["x::b", "x::c"].map(String::from).into());
    assert_eq!(
        graph["x::c"],
        ["x::a"].map(String::from).into(),
        "a parent is no edge"
    );
    let cycle = a_cycle(&graph).expect("the cycle is found");
    assert!(cycle.contains(&"x::b".to_string()), "{cycle:?}");
}

#[test]
fn a_child_may_use_its_parent_but_a_parent_using_its_child_is_an_edge() {
    let graph = planted(&[
        (
            "p/mod.rs",
            "pub mod c;\npub struct Top;\nfn f() { c::g() }\n",
        ),
        ("p/c.rs", "use super::Top;\npub fn g() {}\n"),
    ]);
    assert!(graph["p::c"].is_empty(), "{graph:?}");
    assert_eq!(graph["p"], ["p::c"].map(String::from).into());
    assert_eq!(a_cycle(&graph), None);
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
        children: declared(code),
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
        ["core::yaml"].map(String::from).into(),
        "a child using its parent is no edge"
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

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files
}

#[test]
fn no_line_of_the_code_or_its_tests_runs_past_100_columns() {
    let long: Vec<String> = ["src", "tests"]
        .iter()
        .flat_map(|d| sources(Path::new(d)))
        .flat_map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let lines: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| console::measure_text_width(l) > 100)
                .map(|(i, _)| format!("{}:{}", p.display(), i + 1))
                .collect();
            lines
        })
        .collect();
    assert!(
        long.is_empty(),
        "wrap these at 100 columns (rustfmt.toml; long strings by hand): {long:?}"
    );
}
