//! One JSON document of a view's data, with stable snake_case names and ids.

use std::io::{self, Write};

use serde::Serialize;

/// Writes the view as pretty JSON (see [`render`]).
pub fn write<V: Serialize>(view: &V, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(view)?.as_bytes())
}

/// The view as pretty JSON. serde_json escapes C0 controls only; every other character the
/// other renderers treat as unsafe (DEL, C1 controls, bidi controls, zero-width and other
/// invisible characters, the byte-order mark), which can only stand inside strings, is written as
/// `\uXXXX` too, so a JSON file shown in a terminal cannot drive it or hide text.
fn render<V: Serialize>(view: &V) -> io::Result<String> {
    let json = serde_json::to_string_pretty(view)?;
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        // Every such character is in the Basic Multilingual Plane: one `\uXXXX` each.
        if crate::present::safe::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_escapes_c1_controls_and_bidi_overrides() {
        let json = super::render(&"a\u{9b}b\u{202e}c\u{1b}").unwrap();
        assert_eq!(json, "\"a\\u009bb\\u202ec\\u001b\"\n");
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "a\u{9b}b\u{202e}c\u{1b}"
        );
    }

    #[test]
    fn json_escapes_every_invisible_character_the_other_renderers_do() {
        let hidden: String = ('\u{200b}'..='\u{200f}')
            .chain('\u{2060}'..='\u{2064}')
            .chain(['\u{feff}', '\u{7f}', '\u{2066}', '\u{61c}'])
            .collect();
        let json = super::render(&format!("Sam{hidden}\nnext")).unwrap();
        assert!(json.is_ascii(), "{json}");
        assert!(
            json.contains("\\u200b") && json.contains("\\ufeff"),
            "{json}"
        );
        assert!(
            json.contains("\\n"),
            "a newline stays serde_json's own escape"
        );
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            format!("Sam{hidden}\nnext")
        );
    }
}
