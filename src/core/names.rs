//! People's names as the team means them: the one place two names are compared, and the check
//! that a new name is not a member's name in disguise.
//!
//! A name typed on one computer and one typed on another can be the same name in different bytes:
//! `Zoë` as one letter ë or as e and a combining diaeresis (NFC and NFD), `STRASSE` and `Straße`,
//! a full-width `Ａｌｅｘ`. Names are compared after Unicode compatibility normalisation (NFKC) and
//! full case folding (`caseless`, Unicode's CaseFolding.txt), the identifier matching Unicode
//! recommends (UAX #31, NFKC_Casefold). A name can also *look* like a member's while being other
//! letters: `Аlex` with a Cyrillic А. Such a name is told apart by Unicode's confusable skeletons
//! and the scripts of its letters (`unicode-security`, UTS #39).

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// A name as names are compared: without surrounding spaces, with runs of spaces as one, and
/// without invisible characters, in NFKC and full case folding. Two names are one person's when
/// their folds are equal.
pub fn fold(name: &str) -> String {
    // ASCII is its own NFKC, holds nothing ignorable, and folds as its lower case: most names,
    // looked up once per assessment, take this way.
    if name.is_ascii() {
        return name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
    }
    fold_unicode(name)
}

/// [`fold`] for a name with letters beyond ASCII.
fn fold_unicode(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !is_ignorable(*c)).collect();
    let words: Vec<&str> = visible.split_whitespace().collect();
    let folded = caseless::default_case_fold_str(&words.join(" ").nfkd().collect::<String>());
    folded.nfkc().collect()
}

/// Unicode's default-ignorable code points (DerivedCoreProperties.txt): characters with no look
/// of their own (soft hyphen, zero-width spaces and joiners, bidi controls, variation selectors),
/// which NFKC_Casefold removes. Written out here because no crate in use exports the table.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// A member as names know them: what the roster says of each (it is read into these by whoever
/// holds a roster; names know nothing of files).
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their other spellings.
    pub spellings: &'a [String],
    /// The login account they run the tool from.
    pub account: Option<&'a str>,
}

/// A name that looks like a member's but is written with letters of another script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookAlike {
    /// The member it looks like.
    pub member: String,
    /// How many of its letters are of a script the member's name does not use.
    pub letters: usize,
    /// Those scripts, in the order the letters come.
    pub scripts: Vec<Script>,
}

/// The member (by name or other spelling) that `name` looks like without being: the same
/// confusable skeleton (UTS #39), a different name, and letters of a script the member's name does
/// not use (`Аlex` with a Cyrillic А beside Alex). Names that look alike within one script
/// (`Arnie` and `Amie`) are different people's, and are not reported.
pub fn looks_like(team: &[Known], name: &str) -> Option<LookAlike> {
    let (folded, shape) = (fold(name), skeleton(name));
    let written = team.iter().flat_map(|k| {
        let spellings = k.spellings.iter().map(String::as_str);
        std::iter::once(k.name)
            .chain(spellings)
            .map(move |n| (k.name, n))
    });
    written
        .filter(|(_, n)| fold(n) != folded && skeleton(n) == shape)
        .find_map(|(member, n)| {
            let theirs: Vec<Script> = n.chars().map(|c| c.script()).collect();
            let foreign: Vec<Script> = name
                .chars()
                .map(|c| c.script())
                .filter(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
                .filter(|s| !theirs.contains(s))
                .collect();
            let mut scripts = foreign.clone();
            scripts.dedup();
            (!foreign.is_empty()).then(|| LookAlike {
                member: member.to_string(),
                letters: foreign.len(),
                scripts,
            })
        })
}

/// The confusable skeleton of a name as names are compared: what it looks like, whatever its
/// letters are.
fn skeleton(name: &str) -> String {
    unicode_security::skeleton(&fold(name)).collect()
}

/// The member whose login account is `account`, compared as names are (`SAM.JONES` is
/// `sam.jones`): one account is one member's.
pub fn account_holder<'a>(team: &[Known<'a>], account: &str) -> Option<&'a str> {
    let wanted = fold(account);
    team.iter()
        .find(|k| k.account.is_some_and(|a| fold(a) == wanted))
        .map(|k| k.name)
}

/// Why a new member cannot be added as given; the shell words each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewName {
    /// The name looks like a member's, in letters of another script.
    LooksLike {
        /// The name given.
        name: String,
        /// Whom it looks like, and how.
        like: LookAlike,
    },
    /// The login account is already a member's.
    AccountTaken {
        /// The account given.
        account: String,
        /// Whose it is.
        member: String,
    },
}

/// Checks a new member's name and account against the roster: a name that looks like a member's
/// is refused unless `new` says it is someone else, and an account is one member's.
pub fn check_new(
    team: &[Known],
    name: &str,
    account: Option<&str>,
    new: bool,
) -> Result<(), NewName> {
    if let Some(like) = looks_like(team, name).filter(|_| !new) {
        return Err(NewName::LooksLike {
            name: name.to_string(),
            like,
        });
    }
    if let Some((account, member)) = account.and_then(|a| Some((a, account_holder(team, a)?))) {
        return Err(NewName::AccountTaken {
            account: account.to_string(),
            member: member.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster<'a>(names: &[(&'a str, Option<&'a str>)]) -> Vec<Known<'a>> {
        names
            .iter()
            .map(|&(name, account)| Known {
                name,
                spellings: &[],
                account,
            })
            .collect()
    }

    #[test]
    fn names_written_differently_are_one_name() {
        for (a, b) in [
            ("Zoë", "Zoe\u{308}"),
            ("STRASSE", "Straße"),
            ("sam", " SAM "),
            ("Mary  Ann", "mary ann"),
            ("Ａｌｅｘ", "Alex"),
            ("Al\u{200b}ex", "Alex"),
            ("ΣΊΣΥΦΟΣ", "σίσυφος"),
        ] {
            assert_eq!(fold(a), fold(b), "{a:?} and {b:?}");
        }
        for (a, b) in [
            ("Zoë", "Zoe"),
            ("Alex", "Аlex"),
            ("Sam", "Sám"),
            ("Jo", "Joe"),
        ] {
            assert_ne!(fold(a), fold(b), "{a:?} and {b:?}");
        }
    }

    #[test]
    fn an_ascii_name_folds_as_any_other_would() {
        for name in [
            "Sam",
            "  Mary \t Ann ",
            "O'BRIEN-SMITH",
            "x\u{b}y",
            "",
            "J. R. R.",
        ] {
            assert_eq!(fold(name), fold_unicode(name), "{name:?}");
        }
    }

    #[test]
    fn a_name_in_another_scripts_look_alike_letters_is_caught_with_them_counted() {
        let r = roster(&[("Alex", None), ("Priya", None), ("Zoë", None)]);
        let like = looks_like(&r, "Аlex").expect("a Cyrillic А");
        assert_eq!(
            like,
            LookAlike {
                member: "Alex".into(),
                letters: 1,
                scripts: vec![Script::Cyrillic]
            }
        );
        let like = looks_like(&r, "Рrіуа").expect("four Cyrillic letters");
        assert_eq!((like.member.as_str(), like.letters), ("Priya", 4));
        assert_eq!(
            looks_like(&r, "Alex"),
            None,
            "the member's own name is theirs"
        );
        assert_eq!(looks_like(&r, "alex"), None);
        assert_eq!(looks_like(&r, "Alexa"), None, "another name");
        assert_eq!(
            looks_like(&r, "Zoe\u{308}"),
            None,
            "the same name, not a look-alike"
        );
    }

    #[test]
    fn names_alike_within_one_script_are_different_people() {
        let r = roster(&[("Amie", None)]);
        assert_eq!(looks_like(&r, "Arnie"), None);
    }

    #[test]
    fn a_spelling_is_looked_at_as_the_members_name_is() {
        let spellings = ["Pri".to_string()];
        let mut r = roster(&[("Priya", None)]);
        r[0].spellings = &spellings;
        assert_eq!(
            looks_like(&r, "Рri").map(|l| l.member),
            Some("Priya".into())
        );
    }

    #[test]
    fn an_account_is_one_members_in_any_case() {
        let r = roster(&[("Sam", Some("sam.jones")), ("Jo", None)]);
        assert_eq!(account_holder(&r, "SAM.JONES"), Some("Sam"));
        assert_eq!(account_holder(&r, "jo"), None);
        assert_eq!(
            check_new(&r, "Samuel", Some("SAM.JONES"), false),
            Err(NewName::AccountTaken {
                account: "SAM.JONES".into(),
                member: "Sam".into()
            })
        );
        assert_eq!(check_new(&r, "Samuel", Some("samuel"), false), Ok(()));
    }

    #[test]
    fn a_look_alike_goes_on_the_team_only_when_said_to_be_someone_new() {
        let r = roster(&[("Alex", None)]);
        assert!(matches!(
            check_new(&r, "Аlex", None, false),
            Err(NewName::LooksLike { .. })
        ));
        assert_eq!(check_new(&r, "Аlex", None, true), Ok(()));
    }
}
