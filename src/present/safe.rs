//! Text from files is shown, never obeyed.
//!
//! Names, actions, notes and labels come from files other people wrote. A
//! control sequence in them could retitle the terminal, clear the screen or
//! hide text (CVE-2021-25743, CVE-2024-52005). Right before display, every
//! control, bidi and invisible character is replaced by a visible escape;
//! the stored text is never changed. The line and paragraph separators
//! (U+2028, U+2029; U+0085 is a control) are escaped too: YAML readers end a
//! line at them, so in a comment line the tool writes they would let a
//! colleague's text become part of the file's structure.

use std::borrow::Cow;

/// Whether a character is one no output shows raw: a control (but newline and tab), a bidi
/// control, or an invisible one ([`crate::core::text::is_hidden`]). Every renderer treats these
/// alike.
pub fn is_unsafe(c: char) -> bool {
    crate::core::text::is_hidden(c) && c != '\n' && c != '\t'
}

/// The text with unsafe characters shown as `\u{..}`; newlines and tabs kept.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.into()
                }
            })
            .collect(),
    )
}

/// As [`printable`], and newlines and tabs become spaces: for one-line places
/// such as prompts and table cells.
pub fn one_line(text: &str) -> String {
    printable(text).replace(['\n', '\t', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        let shown = printable("Team\u{1b}]0;pwned\u{7}\u{1b}[2J");
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{7}'));
        assert_eq!(shown, "Team\\u{1b}]0;pwned\\u{7}\\u{1b}[2J");
    }

    #[test]
    fn c1_csi_bidi_and_invisible_characters_are_escaped() {
        for c in [
            '\u{9b}', '\u{202e}', '\u{200b}', '\u{2066}', '\u{feff}', '\u{7f}', '\r',
        ] {
            assert!(!printable(&format!("a{c}b")).contains(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn every_line_break_a_yaml_reader_knows_is_escaped_in_one_line_text() {
        for c in [
            '\u{2028}', '\u{2029}', '\u{85}', '\r', '\n', '\u{b}', '\u{c}',
        ] {
            let line = one_line(&format!("owner a{c}agreements: []"));
            assert!(!line.contains(c), "{:x}", c as u32);
            assert_eq!(line.lines().count(), 1, "{line}");
        }
    }

    #[test]
    fn ordinary_text_including_newlines_and_unicode_is_untouched() {
        let text = "Find a “buddy”\n\tBritish ‘fit’ — café";
        assert!(matches!(printable(text), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_flattens_newlines() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
