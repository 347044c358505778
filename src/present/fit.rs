//! Fitting text to a width: wrapping and cutting, measured in terminal
//! columns (a CJK character or an emoji takes two), with styling ignored.

use textwrap::{Options, WordSeparator, WordSplitter};

/// Breaks at spaces, never at a hyphen, so a path, a command or a
/// hyphenated name (`mbct-sustain`) stays whole for copying where it fits;
/// only a word wider than the whole line (text without spaces, such as
/// Chinese or Japanese, or a long token) is broken at the width.
fn options(width: usize) -> Options<'static> {
    Options::new(width)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true)
}

/// Wraps text at spaces to `width` columns, keeping its own line breaks and
/// each line's leading spaces.
pub fn wrap(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| wrap_indented(line, width, ""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wraps one paragraph to `width` (its leading spaces kept), indenting continuation lines with
/// `indent`.
pub fn wrap_indented(text: &str, width: usize, indent: &str) -> String {
    let body = text.trim_start_matches(' ');
    let lead = &text[..text.len() - body.len()];
    textwrap::fill(
        body,
        options(width.max(20))
            .initial_indent(lead)
            .subsequent_indent(indent),
    )
}

/// Cuts text to `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    console::truncate_str(text, width, "…").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_within_the_width() {
        let text = "Domain 1 of 7\nBase service on evidence and local need (i.e., commissioning or \
            clear service gap)";
        let out = wrap(text, 30);
        assert!(out.lines().all(|l| l.chars().count() <= 30), "{out}");
        assert_eq!(out.replace('\n', " "), text.replace('\n', " "));
        assert!(out.starts_with("Domain 1 of 7\n"));
    }

    #[test]
    fn indented_wrapping_hangs_under_the_first_line() {
        assert_eq!(
            wrap_indented("  • alpha beta gamma delta epsilon", 20, "    "),
            "  • alpha beta gamma\n    delta epsilon"
        );
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }

    #[test]
    fn truncating_wide_characters_counts_columns_not_characters() {
        let cjk = "正念认知疗法服务的可持续发展与团队支持";
        let out = truncate(cjk, 20);
        assert!(console::measure_text_width(&out) <= 20, "{out}");
        assert!(out.ends_with('…'));
        assert!(console::measure_text_width(&truncate("🧘🧘🧘🧘🧘🧘", 5)) <= 5);
    }

    #[test]
    fn text_without_spaces_is_broken_at_the_width() {
        let cjk = "正念认知疗法服务的可持续发展与团队支持正念认知疗法服务的可持续发展与团队支持";
        for out in [
            wrap(cjk, 30),
            wrap_indented(&format!("  • {cjk}"), 30, "    "),
        ] {
            assert!(out.lines().count() > 1, "{out}");
            assert!(
                out.lines().all(|l| console::measure_text_width(l) <= 30),
                "{out}"
            );
        }
        let token = "x".repeat(50);
        assert!(wrap(&token, 20).lines().all(|l| l.len() <= 20));
    }

    #[test]
    fn commands_and_hyphenated_words_are_never_split_where_they_fit() {
        let out = wrap(
            "run mbct-sustain --respondent someone-with-a-long-name now",
            26,
        );
        assert!(out.contains("mbct-sustain"), "{out}");
        assert!(out.contains("someone-with-a-long-name"), "{out}");
        assert!(out.lines().all(|l| l.len() <= 26), "{out}");
    }
}
