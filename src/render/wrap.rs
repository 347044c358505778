//! Fitting text to a terminal's width.

/// Wraps text at spaces to `width` columns, keeping its own line breaks.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        let lead = &line[..line.len() - body.len()];
        out.push_str(lead);
        let mut col = console::measure_text_width(lead);
        let mut fresh = true;
        for word in body.split(' ').filter(|w| !w.is_empty()) {
            let w = console::measure_text_width(word);
            if !fresh && col + 1 + w > width {
                out.push('\n');
                col = 0;
            } else if !fresh {
                out.push(' ');
                col += 1;
            }
            fresh = false;
            out.push_str(word);
            col += w;
        }
    }
    out
}

/// Wraps one paragraph to `width`, indenting continuation lines with `indent`.
pub fn wrap_indented(text: &str, width: usize, indent: &str) -> String {
    let indent_w = console::measure_text_width(indent);
    let wrapped = wrap(text, width);
    let mut lines = wrapped.lines();
    let mut out = lines.next().unwrap_or("").to_string();
    let rest: Vec<&str> = lines.collect();
    if !rest.is_empty() {
        let rewrapped = wrap(&rest.join(" "), width.saturating_sub(indent_w));
        for l in rewrapped.lines() {
            out.push('\n');
            out.push_str(indent);
            out.push_str(l);
        }
    }
    out
}

/// Cuts text to `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if console::measure_text_width(text) <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_within_the_width() {
        let text = "Domain 1 of 7\nBase service on evidence and local need (i.e., commissioning or clear service gap)";
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
}
