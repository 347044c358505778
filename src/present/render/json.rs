//! One JSON document of a view's data, with stable snake_case names and ids.

use serde::Serialize;

/// The view as pretty JSON. serde_json escapes C0 controls only; C1
/// controls and bidi overrides (which can only stand inside strings) are
/// escaped too, so a JSON file shown in a terminal cannot drive it.
pub fn render<V: Serialize>(view: &V) -> String {
    let json = serde_json::to_string_pretty(view).unwrap_or_default();
    let needs = |c: char| matches!(c, '\u{80}'..='\u{9f}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_escapes_c1_controls_and_bidi_overrides() {
        let json = super::render(&"a\u{9b}b\u{202e}c\u{1b}");
        assert_eq!(json, "\"a\\u009bb\\u202ec\\u001b\"\n");
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "a\u{9b}b\u{202e}c\u{1b}"
        );
    }
}
