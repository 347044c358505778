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

use std::collections::HashMap;

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

/// A team as names know it: each member's name, spellings and account. The roster is one
/// (`answers::roster`), and so is a list of [`Known`] members.
pub trait Team {
    /// Every member, in the team's order.
    fn known(&self) -> impl Iterator<Item = Known<'_>>;
}

impl Team for [Known<'_>] {
    fn known(&self) -> impl Iterator<Item = Known<'_>> {
        self.iter().copied()
    }
}

/// A team's names and spellings, folded, each to its member: found by hash, so telling thousands
/// of people apart costs what they are many. The one place that says whether two names are one
/// person's: through the roster, else as the names fold.
pub struct Names<'r>(HashMap<String, &'r str>);

impl<'r> Names<'r> {
    /// The names of `team` (a member's own name wins over another member's spelling).
    pub fn new<T: Team + ?Sized>(team: &'r T) -> Names<'r> {
        let mut map = HashMap::new();
        let members: Vec<Known<'r>> = team.known().collect();
        for k in members.iter().rev() {
            map.insert(fold(k.name), k.name);
        }
        for k in &members {
            for s in k.spellings {
                map.entry(fold(s)).or_insert(k.name);
            }
        }
        Names(map)
    }

    /// The member a name means: their name or one of their spellings, in any case.
    pub fn member(&self, name: &str) -> Option<&'r str> {
        self.0.get(&fold(name)).copied()
    }

    /// How a name is told apart: the member it means (as that member's folded name), else the
    /// name itself folded; no name is a person of its own.
    pub fn key(&self, name: Option<&str>) -> Option<String> {
        name.map(|n| self.member(n).map_or_else(|| fold(n), fold))
    }

    /// Whether two respondent names are one person's: the same member, or the same name as names
    /// fold; "no name" is only itself.
    pub fn same(&self, a: Option<&str>, b: Option<&str>) -> bool {
        self.key(a) == self.key(b)
    }
}

/// The names in `known` that `typed` is likely meant as, closest first, at most three: "did you
/// mean". A name is close when it is at most one edit (optimal string alignment, after folding)
/// from a name of up to five letters, two from a longer one ("Pryia" is Priya; "Cleo" is not
/// Alex), or when it looks the same written in letters of another script (`Аlex` with a Cyrillic
/// А, as [`looks_like`] finds). The one rule for names and for ids alike.
pub fn closest<'a>(known: impl IntoIterator<Item = &'a str>, typed: &str) -> Vec<&'a str> {
    let (folded, shape) = (fold(typed), skeleton(typed));
    let mut near: Vec<(usize, &str)> = known
        .into_iter()
        .filter_map(|k| {
            if skeleton(k) == shape && !foreign_scripts(typed, k).is_empty() {
                return Some((0, k));
            }
            let allowed = if k.chars().count() <= 5 { 1 } else { 2 };
            let d = strsim::osa_distance(&fold(k), &folded);
            (d <= allowed).then_some((d, k))
        })
        .collect();
    near.sort();
    near.dedup();
    near.into_iter().take(3).map(|(_, k)| k).collect()
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
pub fn looks_like<T: Team + ?Sized>(team: &T, name: &str) -> Option<LookAlike> {
    let (folded, shape) = (fold(name), skeleton(name));
    let written = team.known().flat_map(|k| {
        let spellings = k.spellings.iter().map(String::as_str);
        std::iter::once(k.name)
            .chain(spellings)
            .map(move |n| (k.name, n))
    });
    written
        .filter(|(_, n)| fold(n) != folded && skeleton(n) == shape)
        .find_map(|(member, n)| {
            let foreign = foreign_scripts(name, n);
            let mut scripts = foreign.clone();
            scripts.dedup();
            (!foreign.is_empty()).then(|| LookAlike {
                member: member.to_string(),
                letters: foreign.len(),
                scripts,
            })
        })
}

/// The scripts of `name`'s letters that `like` does not use, one per such letter, in order.
fn foreign_scripts(name: &str, like: &str) -> Vec<Script> {
    let theirs: Vec<Script> = like.chars().map(|c| c.script()).collect();
    name.chars()
        .map(|c| c.script())
        .filter(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .filter(|s| !theirs.contains(s))
        .collect()
}

/// The confusable skeleton of a name as names are compared: what it looks like, whatever its
/// letters are.
fn skeleton(name: &str) -> String {
    unicode_security::skeleton(&fold(name)).collect()
}

/// The member whose login account is `account`, compared as names are (`SAM.JONES` is
/// `sam.jones`): one account is one member's.
pub fn account_holder<'a, T: Team + ?Sized>(team: &'a T, account: &str) -> Option<&'a str> {
    let wanted = fold(account);
    team.known()
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
pub fn check_new<T: Team + ?Sized>(
    team: &T,
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
        let like = looks_like(&r[..], "Аlex").expect("a Cyrillic А");
        assert_eq!(
            like,
            LookAlike {
                member: "Alex".into(),
                letters: 1,
                scripts: vec![Script::Cyrillic]
            }
        );
        let like = looks_like(&r[..], "Рrіуа").expect("four Cyrillic letters");
        assert_eq!((like.member.as_str(), like.letters), ("Priya", 4));
        assert_eq!(
            looks_like(&r[..], "Alex"),
            None,
            "the member's own name is theirs"
        );
        assert_eq!(looks_like(&r[..], "alex"), None);
        assert_eq!(looks_like(&r[..], "Alexa"), None, "another name");
        assert_eq!(
            looks_like(&r[..], "Zoe\u{308}"),
            None,
            "the same name, not a look-alike"
        );
    }

    #[test]
    fn names_alike_within_one_script_are_different_people() {
        let r = roster(&[("Amie", None)]);
        assert_eq!(looks_like(&r[..], "Arnie"), None);
    }

    #[test]
    fn a_spelling_is_looked_at_as_the_members_name_is() {
        let spellings = ["Pri".to_string()];
        let mut r = roster(&[("Priya", None)]);
        r[0].spellings = &spellings;
        assert_eq!(
            looks_like(&r[..], "Рri").map(|l| l.member),
            Some("Priya".into())
        );
    }

    #[test]
    fn an_account_is_one_members_in_any_case() {
        let r = roster(&[("Sam", Some("sam.jones")), ("Jo", None)]);
        assert_eq!(account_holder(&r[..], "SAM.JONES"), Some("Sam"));
        assert_eq!(account_holder(&r[..], "jo"), None);
        assert_eq!(
            check_new(&r[..], "Samuel", Some("SAM.JONES"), false),
            Err(NewName::AccountTaken {
                account: "SAM.JONES".into(),
                member: "Sam".into()
            })
        );
        assert_eq!(check_new(&r[..], "Samuel", Some("samuel"), false), Ok(()));
    }

    #[test]
    fn a_look_alike_goes_on_the_team_only_when_said_to_be_someone_new() {
        let r = roster(&[("Alex", None)]);
        assert!(matches!(
            check_new(&r[..], "Аlex", None, false),
            Err(NewName::LooksLike { .. })
        ));
        assert_eq!(check_new(&r[..], "Аlex", None, true), Ok(()));
    }

    #[test]
    fn a_name_means_a_member_by_their_name_or_a_spelling_and_their_own_name_wins() {
        let (bob, rob) = (["x".to_string()], ["bob".to_string(), "Bobby".to_string()]);
        let mut r = roster(&[("Bob", None), ("Rob", None)]);
        (r[0].spellings, r[1].spellings) = (&bob, &rob);
        let names = Names::new(&r[..]);
        assert_eq!(
            names.member("BOB"),
            Some("Bob"),
            "a member's own name first"
        );
        assert_eq!(names.member(" bobby "), Some("Rob"));
        assert_eq!(names.key(Some(" bobby ")), Some("rob".into()));
        assert_eq!(
            names.key(Some("Cat")),
            Some("cat".into()),
            "off the roster: themselves"
        );
        assert!(
            names.same(Some("Bobby"), Some("ROB")),
            "one person through the roster"
        );
        assert!(
            names.same(Some("Cat"), Some(" cat ")),
            "off the roster: as the names fold"
        );
        assert!(names.same(None, None));
        assert!(!names.same(None, Some("Rob")), "no name is only itself");
        assert!(!names.same(Some("Bob"), Some("Rob")));
    }

    #[test]
    fn did_you_mean_is_one_rule_for_names_and_ids() {
        let names = ["Priya", "Alex", "Bartholomew", "Amie"];
        let cases: [(&str, &[&str]); 9] = [
            ("Pryia", &["Priya"]),
            ("prya", &["Priya"]),
            ("Cleo", &[]),
            ("Bartolomeo", &["Bartholomew"]),
            ("Alxe", &["Alex"]),
            ("Axxe", &[]),
            ("Аlex", &["Alex"]),
            ("Arnie", &[]),
            ("Zed", &[]),
        ];
        for (typed, want) in cases {
            assert_eq!(closest(names, typed), want, "{typed}");
        }
        let ids = ["networks.buddy", "networks.local-networks", "fit.pathways"];
        assert_eq!(closest(ids, "networks.budy"), ["networks.buddy"]);
        assert!(closest(ids, "zzz").is_empty());
        assert_eq!(
            closest(["Jon", "Joe", "Jo", "Jan"], "Jo"),
            ["Jo", "Joe", "Jon"],
            "closest first, at most three"
        );
    }
}
