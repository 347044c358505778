//! Text from files is shown, never obeyed.
//!
//! Names, actions, notes and labels come from files other people wrote. A
//! control sequence in them could retitle the terminal, clear the screen or
//! hide text (CVE-2021-25743, CVE-2024-52005). Right before display, every
//! control, bidi and invisible character is replaced by a visible escape;
//! the stored text is never changed.

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
    fn ordinary_text_including_newlines_and_unicode_is_untouched() {
        let text = "Find a “buddy”\n\tBritish ‘fit’ — café";
        assert!(matches!(printable(text), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_flattens_newlines() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
