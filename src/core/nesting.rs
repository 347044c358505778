//! How deep a YAML text nests its flow collections (`[`, `{`), counted by the parser's own scanner.
//!
//! The parser's time grows with the square of flow nesting (50,000 brackets: 12 seconds), so a
//! text nested too deeply is refused before it is parsed. Counting brackets by hand has to decide,
//! as the scanner does, where a quote opens a quoted scalar and where it is a letter of a plain one
//! (`[a 'b, [[[…`); a guess that differs is a way past the guard. So the guard asks the scanner
//! itself: it runs libyaml's scanner (the one `yaml_serde` parses with, the same crate) token by
//! token and stops at the first flow collection nested deeper than the limit. Stopping there keeps
//! the work linear: the scanner's cost per token grows with the depth reached, which never passes
//! the limit by more than its one line of look-ahead.

use std::mem::MaybeUninit;

use libyaml_rs as sys;

/// The 1-based line of the first flow collection nested deeper than `max`, or `None` when none
/// is. A text the scanner cannot read to its end is counted up to where it stops, as the parser
/// stops there too.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    // Nesting deeper than `max` needs more than `max` opening brackets, which most files lack.
    if text.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= max {
        return None;
    }
    let mut scanner = Scanner::new(text)?;
    let mut depth = 0usize;
    while let Some((token, line)) = scanner.next() {
        match token {
            sys::YAML_FLOW_SEQUENCE_START_TOKEN | sys::YAML_FLOW_MAPPING_START_TOKEN => {
                depth += 1;
                if depth > max {
                    return Some(line);
                }
            }
            sys::YAML_FLOW_SEQUENCE_END_TOKEN | sys::YAML_FLOW_MAPPING_END_TOKEN => {
                depth = depth.saturating_sub(1)
            }
            sys::YAML_STREAM_END_TOKEN => return None,
            _ => {}
        }
    }
    None
}

/// libyaml's scanner over a text it borrows. The parser state is boxed because libyaml keeps a
/// pointer to it (its read handler's data), so it must not move once the input is set.
struct Scanner<'t> {
    parser: Box<MaybeUninit<sys::yaml_parser_t>>,
    _text: std::marker::PhantomData<&'t str>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Option<Scanner<'t>> {
        let mut parser = Box::new(MaybeUninit::<sys::yaml_parser_t>::uninit());
        let p = parser.as_mut_ptr();
        // SAFETY: `p` points to boxed memory that initialize fills in before anything reads it; the
        // input pointer and length are those of `text`, which outlives the scanner ('t).
        unsafe {
            if sys::yaml_parser_initialize(p).fail {
                return None;
            }
            sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
            sys::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
        }
        Some(Scanner {
            parser,
            _text: std::marker::PhantomData,
        })
    }

    /// The next token's kind and 1-based line; `None` at an error (where the parser stops too).
    fn next(&mut self) -> Option<(sys::yaml_token_type_t, usize)> {
        let mut token = MaybeUninit::<sys::yaml_token_t>::uninit();
        let t = token.as_mut_ptr();
        // SAFETY: the parser was initialised in `new`; `yaml_parser_scan` zeroes and fills `t`
        // (also on failure), and the token is read, then deleted, once.
        unsafe {
            if sys::yaml_parser_scan(self.parser.as_mut_ptr(), t).fail {
                return None;
            }
            let found = ((*t).type_, (*t).start_mark.line as usize + 1);
            sys::yaml_token_delete(t);
            (found.0 != sys::YAML_NO_TOKEN).then_some(found)
        }
    }
}

impl Drop for Scanner<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` and is deleted once, here.
        unsafe { sys::yaml_parser_delete(self.parser.as_mut_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 100;

    #[test]
    fn deep_flow_nesting_is_found_with_its_line() {
        let text = format!("a: 1\nx: {}", "[".repeat(40_000));
        assert_eq!(too_deep(&text, MAX), Some(2));
        assert_eq!(
            too_deep(&format!("x: {}", "{a: ".repeat(200)), MAX),
            Some(1)
        );
    }

    #[test]
    fn brackets_in_quotes_comments_and_block_text_do_not_count() {
        let text = format!("x: \"{}\" # {}\n", "[".repeat(500), "{".repeat(500));
        assert_eq!(too_deep(&text, MAX), None);
        let block = format!("note: |\n  {}\n  'still text\ny: 1\n", "[".repeat(500));
        assert_eq!(too_deep(&block, MAX), None);
        let single = format!("x: '{}''{}'\n", "[".repeat(300), "{".repeat(300));
        assert_eq!(too_deep(&single, MAX), None);
        assert_eq!(too_deep("a: [1, [2, {b: 3}]]\n", 3), None);
    }

    #[test]
    fn a_quote_inside_a_plain_scalar_opens_nothing() {
        // Each of these reads as the parser does: the apostrophe or double quote is a letter of a
        // plain scalar, and the brackets after it open collections.
        let deep = "[".repeat(50_000);
        for text in [
            format!("x: [a 'b, {deep}"),
            format!("x: [a \"b, {deep}"),
            format!("x: [a\n'b, {deep}"),
            format!("x: a 'b\ny: {deep}"),
            format!("x: a\n  'b\ny: {deep}"),
            format!("- it's\n- {deep}"),
            format!("x: {{a: b'c, d: {deep}"),
        ] {
            assert!(too_deep(&text, MAX).is_some(), "{}", &text[..12]);
        }
    }

    #[test]
    fn nesting_at_the_limit_passes_and_one_more_is_refused() {
        let nested = |n: usize| format!("x: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(too_deep(&nested(MAX), MAX), None);
        assert_eq!(too_deep(&nested(MAX + 1), MAX), Some(1));
        let wide = format!("x: [{}]\n", "[1], ".repeat(10_000));
        assert_eq!(too_deep(&wide, MAX), None, "many collections side by side");
    }

    proptest::proptest! {
        #[test]
        fn text_the_tool_writes_is_never_taken_for_nesting(
            text in "[\\[\\]{}'\" a:#,\n|>-]{0,300}"
        ) {
            // As the tool writes a note or a label: a map, in block style.
            let fields = std::collections::BTreeMap::from([("label", &text), ("note", &text)]);
            let yaml = serde_yaml::to_string(&[fields]).unwrap();
            proptest::prop_assert_eq!(too_deep(&yaml, 1), None, "{}", yaml);
        }
    }

    #[test]
    fn a_text_the_scanner_stops_in_is_counted_up_to_there() {
        // An unclosed quote ends the scan (and the parse): nothing after it is read.
        assert_eq!(too_deep(&format!("x: \"a\n{}", "[".repeat(500)), MAX), None);
        assert_eq!(too_deep(&format!("x: @{}", "[".repeat(500)), MAX), None);
    }
}
