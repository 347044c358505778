//! Block YAML that YAML 1.1 and 1.2 readers read alike, written by hand.
//!
//! yaml_serde quotes a string only when its own YAML 1.2 resolver would retype it, so `no`, `on`,
//! `12:30` and `2026-12-01` come out plain and PyYAML reads them as a boolean, 750 and a date; it
//! has no hook to quote more. Here a value becomes a `node::Node` tree (which keeps the tool's
//! own dates apart from people's text), and every scalar is written by `scalar`. The layout is
//! yaml_serde's: two-space indents, a list under a key at the key's own indent, `{}` and `[]` for
//! empty collections. One list item can be written on its own ([`list_item`]), byte for byte as
//! [`document`] writes it inside a list at column 0, so an item can be added to a file's text
//! without writing the rest again.

mod node;
mod scalar;

use serde::Serialize;

pub use node::{Node, to_node};

/// Keys longer than this are written as explicit keys (`? key`): YAML limits implicit ones.
const LONGEST_KEY: usize = 1000;

/// A value (normally a mapping) as a block YAML document at column 0, ending in a line break.
pub fn document<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_yaml::Error> {
    Ok(node_text(&to_node(value)?))
}

/// A node as a block YAML document at column 0, ending in a line break.
pub fn node_text(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Map(entries) if !entries.is_empty() => write_entries(&mut out, entries, 0, false),
        Node::List(items) if !items.is_empty() => write_items(&mut out, items, 0, false),
        other => {
            out.push_str(&inline(other, 0).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// One item of a list at column 0 (`- key: value`, the rest indented two), ending in a line break.
pub fn list_item<T: Serialize + ?Sized>(item: &T) -> Result<String, serde_yaml::Error> {
    Ok(item_text(&to_node(item)?))
}

/// A node as one item of a list at column 0, exactly as [`node_text`] writes it in a list.
pub fn item_text(node: &Node) -> String {
    let mut out = String::new();
    write_items(&mut out, std::slice::from_ref(node), 0, false);
    out
}

/// A scalar or an empty collection as it is written after `key:` or `- `; `None` for a collection
/// with something in it, or a tagged node, which take lines of their own.
fn inline(node: &Node, indent: usize) -> Option<String> {
    Some(match node {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) | Node::Stamp(n) => n.clone(),
        Node::Text(t) => scalar::value(t, indent),
        Node::Map(m) if m.is_empty() => "{}".into(),
        Node::List(l) if l.is_empty() => "[]".into(),
        _ => return None,
    })
}

/// A node as a key on one line, where it can be one.
fn key(node: &Node) -> Option<String> {
    let text = match node {
        Node::Text(t) => scalar::key(t),
        other => inline(other, 0)?,
    };
    (text.len() <= LONGEST_KEY).then_some(text)
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A mapping's entries at `indent`; the first on the current line when `inline_first` (after `- `).
fn write_entries(out: &mut String, entries: &[(Node, Node)], indent: usize, inline_first: bool) {
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        match key(k) {
            Some(k) => {
                out.push_str(&k);
                out.push(':');
                after_key(out, v, indent);
            }
            None => {
                out.push('?');
                after_indicator(out, k, indent);
                pad(out, indent);
                out.push(':');
                after_indicator(out, v, indent);
            }
        }
    }
}

/// A list's items at `indent`; the first on the current line when `inline_first` (after `- `).
fn write_items(out: &mut String, items: &[Node], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push('-');
        after_indicator(out, item, indent);
    }
}

/// A value after `key:` written at `indent`: a list under it at the same indent, a map indented.
fn after_key(out: &mut String, value: &Node, indent: usize) {
    match value {
        Node::List(items) if !items.is_empty() => {
            out.push('\n');
            write_items(out, items, indent, false);
        }
        Node::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_entries(out, entries, indent + 2, false);
        }
        other => after_indicator(out, other, indent),
    }
}

/// A value after `-`, `?` or `:` written at `indent`: a collection starts on the same line.
fn after_indicator(out: &mut String, value: &Node, indent: usize) {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            out.push(' ');
            write_entries(out, entries, indent + 2, true);
        }
        Node::List(items) if !items.is_empty() => {
            out.push(' ');
            write_items(out, items, indent + 2, true);
        }
        Node::Tagged(tag, inner) => {
            out.push_str(" !");
            out.push_str(tag);
            match inner.as_ref() {
                Node::Map(entries) if !entries.is_empty() => {
                    out.push('\n');
                    write_entries(out, entries, indent + 2, false);
                }
                Node::List(items) if !items.is_empty() => {
                    out.push('\n');
                    write_items(out, items, indent + 2, false);
                }
                // A node has one tag; yaml_serde never gives two.
                other => after_indicator(out, other, indent),
            }
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline(scalar, indent + 2).unwrap_or_default());
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    fn yaml(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn the_layout_is_yaml_serdes() {
        let value = yaml(concat!(
            "format: 4\nteam:\n  Sam:\n    spellings: [Sammy, S]\n  Jo: {}\n",
            "plan:\n  review:\n    every_months: 6\n",
            "assessments:\n- taken_at: x\n  answers:\n    a: in-place\n  notes: {}\n",
            "- taken_at: z\n  nested:\n  - [1, 2]\n  - []\n",
        ));
        let text = document(&value).unwrap();
        assert_eq!(
            text,
            concat!(
                "format: 4\nteam:\n  Sam:\n    spellings:\n    - Sammy\n    - S\n  Jo: {}\n",
                "plan:\n  review:\n    every_months: 6\n",
                "assessments:\n- taken_at: x\n  answers:\n    a: in-place\n  notes: {}\n",
                "- taken_at: z\n  nested:\n  - - 1\n    - 2\n  - []\n",
            )
        );
        assert_eq!(
            text,
            serde_yaml::to_string(&value).unwrap(),
            "as yaml_serde writes it"
        );
    }

    #[test]
    fn one_item_is_written_as_the_list_writes_it() {
        let value = yaml("- a: 1\n  b: [x, 'no']\n- c: \"two\\nlines\"\n");
        let whole = document(&value).unwrap();
        let items: Vec<String> = match &value {
            serde_yaml::Value::Sequence(s) => s.iter().map(|i| list_item(i).unwrap()).collect(),
            _ => unreachable!(),
        };
        assert_eq!(whole, items.concat());
        assert_eq!(items[1], "- c: |-\n    two\n    lines\n");
    }

    #[test]
    fn keys_are_quoted_like_values_and_odd_keys_are_explicit() {
        let mut map: IndexMap<String, &str> = IndexMap::new();
        map.insert("on".into(), "2027-03-01");
        map.insert("No".into(), "no");
        map.insert("two\nlines".into(), "x");
        map.insert("k".repeat(LONGEST_KEY + 1), "long");
        let text = document(&map).unwrap();
        let long = "k".repeat(LONGEST_KEY + 1);
        assert_eq!(
            text,
            format!("'on': '2027-03-01'\n'No': 'no'\n\"two\\nlines\": x\n? {long}\n: long\n")
        );
        let back: IndexMap<String, String> = serde_yaml::from_str(&text).unwrap();
        assert_eq!(
            back.keys().collect::<Vec<_>>(),
            map.keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_kind_of_value_reads_back_the_same() {
        let value = yaml(concat!(
            "a: null\nb: true\nc: -12\nd: 1.5\ne: .inf\n",
            "f: !local {x: 1}\ng: !seq [1]\nh: !str text\n",
            "? [1, 2]\n: complex key\n? {k: v}\n: map key\n",
            "i: 'multi\n\n  line'\nj:\n- !x\n  - 1\n- - - deep\n",
        ));
        let text = document(&value).unwrap();
        assert_eq!(yaml(&text), value, "{text}");
    }
}
