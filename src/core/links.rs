//! Web addresses that a page may link to: evidence links (`evidence add --link`) and a framework's
//! links. They are printed on the meeting page handed to a board, so a link may not carry a
//! password (`http://user:pass@intranet.example/`), hide the site it goes to behind an `@`
//! (`https://trusted.example@evil.example/`), or hold characters that drive a terminal or reorder
//! and hide text (an escape, an OSC 8 hyperlink, a right-to-left mark).

use crate::core::text::is_hidden;

/// Why a text is not a web address a page may link to; the shell words each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// It does not start `http://` or `https://`.
    NotHttp,
    /// Nothing names the host after `https://`.
    NoHost,
    /// A user name or password (`user:pass@`), or a host dressed as one (`trusted.example@`).
    UserInfo,
    /// A space, tab or line break.
    Whitespace,
    /// A control, bidi or invisible character.
    Hidden,
    /// A backslash, which browsers read as `/` (so the host is not what it seems).
    Backslash,
    /// `<` or `>`, which no web address holds unencoded and which end a link in Markdown.
    AngleBracket,
    /// The host holds characters no host name has.
    BadHost,
    /// The port after the host is not a number from 1 to 65535.
    BadPort,
}

/// Checks a web address: `http` or `https`, a host, and nothing that deceives; returns the first
/// rule it breaks.
pub fn web_address(url: &str) -> Result<(), LinkProblem> {
    if url.chars().any(char::is_whitespace) {
        return Err(LinkProblem::Whitespace);
    }
    if url.chars().any(is_hidden) {
        return Err(LinkProblem::Hidden);
    }
    if url.contains('\\') {
        return Err(LinkProblem::Backslash);
    }
    if url.contains(['<', '>']) {
        return Err(LinkProblem::AngleBracket);
    }
    let scheme_end = url.find("://").ok_or(LinkProblem::NotHttp)?;
    if !matches!(
        url[..scheme_end].to_ascii_lowercase().as_str(),
        "http" | "https"
    ) {
        return Err(LinkProblem::NotHttp);
    }
    let rest = &url[scheme_end + 3..];
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(LinkProblem::UserInfo);
    }
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 address in brackets, maybe with a port after them.
        Some(v6) => {
            let (inside, after) = v6.split_once(']').ok_or(LinkProblem::BadHost)?;
            if !inside
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
            {
                return Err(LinkProblem::BadHost);
            }
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':').ok_or(LinkProblem::BadHost)?),
            };
            (inside, port)
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Err(LinkProblem::NoHost);
    }
    let label_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    if !authority.starts_with('[') && !host.split('.').all(|l| l.chars().all(label_char)) {
        return Err(LinkProblem::BadHost);
    }
    match port.map(|p| p.parse::<u16>()) {
        Some(Ok(0) | Err(_)) => Err(LinkProblem::BadPort),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_a_page_may_link_to() {
        for url in [
            "https://intranet.example/report.pdf",
            "http://www.bamba.org.uk/teachers/good-practice-guidelines",
            "HTTPS://Example.org",
            "https://intranet:8443/x?q=a@b#top",
            "https://example.org/@someone",
            "https://[2001:db8::1]:8080/x",
            "https://bücher.example/",
            "http://intranet/minutes",
        ] {
            assert_eq!(web_address(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn each_deception_is_refused_with_its_rule() {
        use LinkProblem::*;
        for (url, why) in [
            ("http://user:pass@intranet.example/x", UserInfo),
            ("https://trusted.example@evil.example/", UserInfo),
            ("https://@evil.example/", UserInfo),
            (
                "https://trusted.example\u{1b}]8;;https://evil.example\u{7}x",
                Hidden,
            ),
            ("https://a.example/\u{1b}[2J", Hidden),
            ("https://evil.example/\u{202e}fdp.exe", Hidden),
            ("https://trusted\u{200b}.example/", Hidden),
            ("https://a.example/x y", Whitespace),
            ("https://a.example/x\ny", Whitespace),
            ("https://evil.example\\.trusted.example/", Backslash),
            ("https://a.example/p?a=<b>", AngleBracket),
            ("https://a.example/report.pdf>", AngleBracket),
            ("ftp://a.example/", NotHttp),
            ("javascript:alert(1)", NotHttp),
            ("intranet.example/report", NotHttp),
            ("https://", NoHost),
            ("https:///path", NoHost),
            ("https://:443/", NoHost),
            ("https://a.example:port/", BadPort),
            ("https://a.example:0/", BadPort),
            ("https://a.example:99999/", BadPort),
            ("https://a%2eexample/", BadHost),
            ("https://a.example;b/", BadHost),
            ("https://[::1/", BadHost),
            ("https://[::1]x/", BadHost),
        ] {
            assert_eq!(web_address(url), Err(why), "{url:?}");
        }
    }
}
