//! Characters that do something other than show: controls (which can drive a terminal), bidi
//! controls (which reorder what is shown), invisible ones (which hide what is there) and the
//! Unicode line and paragraph separators (which end a line for YAML readers). Text from
//! files is shown with these made visible (`present::safe`); a web address may hold none of them.

/// Whether `c` is a control (newline and tab too), a bidi control, or an invisible character:
/// zero-width spaces and joiners, the word joiner and invisible operators, the byte-order mark, and
/// the line and paragraph separators (U+2028, U+2029).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_invisible_characters_are_hidden_and_letters_are_not() {
        for c in [
            '\u{1b}', '\n', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}',
        ] {
            assert!(is_hidden(c), "U+{:04X}", c as u32);
        }
        for c in ['a', 'ë', 'А', ' ', '\u{a0}', '€'] {
            assert!(!is_hidden(c), "U+{:04X}", c as u32);
        }
    }
}
