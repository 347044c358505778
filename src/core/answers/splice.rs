//! A save that writes only what changed. The file [`file::render`] writes is a small head (the
//! header comment, `format`, the roster, the plan, agreements, …) and then the assessments, which
//! are nearly all of it and never change once written. When the head of the file as read is exactly
//! the head the tool writes for what it read, a save keeps the assessments' bytes as they are and
//! writes the head anew, with a new assessment's item in its place by date: what a full render
//! would give, without serialising years of assessments again. Anything else (a hand-edited head,
//! a format to upgrade, assessments that changed) is rendered in full, as before.
//!
//! Byte for byte, a spliced file is the full render of the same history when the file was written
//! by this tool; where someone edited the assessments by hand (comments, quoting), their bytes are
//! kept as they are and read back as the same values.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use jiff::Timestamp;

use super::file::{self, EMPTY_LIST, LIST_KEY};
use super::{Assessment, History, format_needed};

/// The answers file as a save read it: what it takes to keep its assessments' bytes.
#[derive(Debug, Clone)]
pub struct Read<'t> {
    /// The file's text (a byte-order mark left out: the tool never writes one).
    text: &'t str,
    /// Whether it ends its lines with `\r\n`.
    crlf: bool,
    /// The head [`file::head_text`] writes for the history read.
    head: String,
    /// Where `assessments:` begins, when everything before it is `head` as written.
    list_at: Option<usize>,
    /// The format the history read needs.
    format: u64,
    /// [`fingerprint`] of the assessments read.
    assessments: u64,
}

/// What differs between a history and the one read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Differs {
    /// Anything but the assessments: the head of the file.
    pub head: bool,
    /// The assessments.
    pub assessments: bool,
}

/// Which of a history's assessments are the ones read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// All of them.
    All,
    /// All but the one at this index, added since.
    AllBut(usize),
}

impl<'t> Read<'t> {
    /// The file's `text`, which was parsed as `history`.
    pub fn new(
        text: &'t str,
        history: &History,
        crlf: bool,
    ) -> Result<Read<'t>, serde_yaml::Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let head = file::head_text(history)?;
        let written = |at: usize| {
            let (as_read, list) = text.split_at_checked(at)?;
            let same = if crlf {
                as_read.len() == head.len() + head.matches('\n').count()
                    && as_read.split("\r\n").eq(head.split('\n'))
            } else {
                as_read == head
            };
            (same && list.starts_with("assessments:")).then_some(at)
        };
        let list_at = written(head.len() + if crlf { head.matches('\n').count() } else { 0 });
        Ok(Read {
            text,
            crlf,
            head,
            list_at,
            format: format_needed(history),
            assessments: fingerprint(&history.assessments),
        })
    }

    /// What `history` changes of the history read.
    pub fn differs(&self, history: &History) -> Result<Differs, serde_yaml::Error> {
        Ok(Differs {
            head: file::head_text(history)? != self.head,
            assessments: fingerprint(&history.assessments) != self.assessments,
        })
    }

    /// The text a save writes for `history`, in pieces, keeping the bytes of the assessments read
    /// (`kept`); `None` when the whole file must be rendered: a head not as the tool writes it, a
    /// format to upgrade, an item list laid out otherwise, or a new text that does not read back.
    pub fn spliced(
        &self,
        history: &History,
        kept: Kept,
    ) -> Result<Option<Vec<Cow<'t, str>>>, serde_yaml::Error> {
        let Some(list_at) = self.list_at else {
            return Ok(None);
        };
        if format_needed(history) != self.format {
            return Ok(None);
        }
        let head = file::head_text(history)?;
        if !head_reads_back(&head, history) {
            return Ok(None);
        }
        let list = &self.text[list_at..];
        let lines = |text: String| -> Cow<'t, str> {
            if self.crlf {
                file::to_crlf(&text).into()
            } else {
                text.into()
            }
        };
        let mut pieces = vec![lines(head)];
        match kept {
            Kept::All => pieces.push(list.into()),
            Kept::AllBut(added) => {
                let assessment = &history.assessments[added];
                let item = file::assessment_text(assessment)?;
                if !item_reads_back(&item, assessment) {
                    return Ok(None);
                }
                let read = history.assessments.len() - 1;
                let eol = if self.crlf { "\r\n" } else { "\n" };
                let empty = EMPTY_LIST.replace('\n', eol);
                if read == 0 && list == empty {
                    pieces.push(lines(LIST_KEY.into()));
                    pieces.push(lines(item));
                    return Ok(Some(pieces));
                }
                // Items at column 0, as the tool writes them, so the new one goes in as it is.
                let opening = format!("assessments:{eol}- ");
                if !list.starts_with(&opening) || !list.ends_with('\n') || ends_document(list) {
                    return Ok(None);
                }
                if added == read {
                    pieces.push(list.into());
                } else {
                    let starts = item_starts(list);
                    // Exactly one line opens each item read: none hides in a text.
                    if starts.len() != read {
                        return Ok(None);
                    }
                    let (before, after) = list.split_at(starts[added]);
                    pieces.push(before.into());
                    pieces.push(lines(item));
                    pieces.push(after.into());
                    return Ok(Some(pieces));
                }
                pieces.push(lines(item));
            }
        }
        Ok(Some(pieces))
    }
}

/// Where a new assessment taken at `taken_at` goes among `assessments` (oldest first): after the
/// last one taken at or before it, so the newest goes at the end and a paper form entered later
/// (`assess --on`) among those of its day.
pub fn place(assessments: &[Assessment], taken_at: Timestamp) -> usize {
    assessments
        .iter()
        .rposition(|a| a.taken_at <= taken_at)
        .map_or(0, |i| i + 1)
}

/// Where each item of an assessments list at column 0 begins: every line that starts `- ` (or is
/// `-` alone) after the `assessments:` line.
fn item_starts(list: &str) -> Vec<usize> {
    list.match_indices("\n-")
        .map(|(i, _)| i + 1)
        .filter(|&i| {
            matches!(
                list.as_bytes().get(i + 1),
                None | Some(b' ' | b'\r' | b'\n')
            )
        })
        .collect()
}

/// Whether `list` holds a line that ends the YAML document (`...`, as some programs write at the
/// end): an item written after it would start a second document, which no reader takes.
fn ends_document(list: &str) -> bool {
    list.match_indices("\n...").any(|(i, m)| {
        matches!(
            list.as_bytes().get(i + m.len()),
            None | Some(b' ' | b'\t' | b'\r' | b'\n')
        )
    })
}

/// Whether a head [`file::head_text`] wrote reads back as `history`'s head.
fn head_reads_back(head: &str, history: &History) -> bool {
    file::parse(&format!("{head}{EMPTY_LIST}")).is_ok_and(|back| {
        let mut expected = file::head_of(history);
        expected.format = back.format;
        back == expected
    })
}

/// Whether an item [`file::assessment_text`] wrote reads back as `assessment`.
fn item_reads_back(item: &str, assessment: &Assessment) -> bool {
    crate::core::yaml::from_str::<Vec<Assessment>>(item)
        .is_ok_and(|back| back == [assessment.clone()])
}

/// A fingerprint of `assessments`, every field of each: two lists with equal fingerprints are
/// taken to be equal (a 64-bit SipHash: a change is missed once in 2^64), which spares a save
/// from keeping a copy of years of assessments to compare with.
pub fn fingerprint(assessments: &[Assessment]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    assessments.len().hash(&mut hasher);
    for a in assessments {
        // Every field named, so one added to assessments cannot be left out here.
        let Assessment {
            taken_at,
            label,
            respondent,
            framework,
            answers,
            notes,
            entered_at,
            extra,
        } = a;
        (taken_at, label, respondent, entered_at).hash(&mut hasher);
        (&framework.id, &framework.version).hash(&mut hasher);
        answers.len().hash(&mut hasher);
        for (id, answer) in answers {
            (id, answer).hash(&mut hasher);
        }
        notes.len().hash(&mut hasher);
        for (id, note) in notes {
            (id, note).hash(&mut hasher);
        }
        extra.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::roster::Member;
    use crate::core::answers::{Answer, FrameworkRef};

    /// Someone's assessment on a day of March 2026, with a field another version wrote.
    fn assessment(day: i8, who: &str) -> Assessment {
        let mut a = Assessment {
            taken_at: crate::core::time::noon_of(jiff::civil::date(2026, 3, day)),
            label: (day % 2 == 0).then(|| "no".to_string()),
            respondent: Some(who.to_string()),
            framework: FrameworkRef {
                id: "aspire-mbct".into(),
                version: "1.0".into(),
            },
            answers: [("fit.pathways".to_string(), Answer::InPlace)]
                .into_iter()
                .collect(),
            notes: [(
                "fit".to_string(),
                "Two lines:\n- a list in a note".to_string(),
            )]
            .into_iter()
            .collect(),
            entered_at: None,
            extra: serde_yaml::Mapping::new(),
        };
        a.extra.insert("reviewed_by".into(), "Sam".into());
        a
    }

    /// Three assessments (the 3rd, 10th and 20th), a roster, a plan and a section of another
    /// version's: a file of format 3.
    fn history() -> History {
        let mut h = History {
            assessments: vec![
                assessment(3, "Sam"),
                assessment(10, "Jo"),
                assessment(20, "Sam"),
            ],
            ..History::default()
        };
        h.extra.insert("region".into(), "North".into());
        h.team.insert("Sam".into(), Member::default());
        h.team.insert("Jo".into(), Member::default());
        h.plan.set_step(
            "fit.pathways",
            Some("Jo".into()),
            None,
            Timestamp::UNIX_EPOCH,
        );
        h.format = format_needed(&h);
        h
    }

    /// What a save of `after` writes over `text` (read as `before`), joined; `None` for a full
    /// render.
    fn saved(text: &str, before: &History, after: &History, kept: Kept) -> Option<String> {
        let read = Read::new(text, before, text.contains("\r\n")).unwrap();
        read.spliced(after, kept)
            .unwrap()
            .map(|pieces| pieces.concat())
    }

    #[test]
    fn a_changed_head_is_written_byte_for_byte_as_a_full_render_writes_it() {
        for crlf in [false, true] {
            let before = history();
            let text = file::render(&before, crlf).unwrap();
            let mut after = before.clone();
            after
                .plan
                .set_step("fit.pathways", Some("Priya".into()), None, Timestamp::MAX);
            let read = Read::new(&text, &before, crlf).unwrap();
            let differs = read.differs(&after).unwrap();
            assert_eq!((differs.head, differs.assessments), (true, false));
            assert_eq!(
                saved(&text, &before, &after, Kept::All),
                Some(file::render(&after, crlf).unwrap()),
                "crlf: {crlf}"
            );
        }
    }

    #[test]
    fn a_new_assessment_goes_in_date_order_byte_for_byte_as_a_full_render_writes_it() {
        // (day, who, where it goes): the newest, one between, the oldest, one on a day already
        // taken (after it), and a newcomer whom the roster takes in.
        let cases = [
            (25, "Sam", 3),
            (12, "Jo", 2),
            (1, "Jo", 0),
            (10, "Sam", 2),
            (25, "Priya", 3),
        ];
        for crlf in [false, true] {
            for (day, who, place_expected) in cases {
                let before = history();
                let text = file::render(&before, crlf).unwrap();
                let mut after = before.clone();
                let new = assessment(day, who);
                crate::core::answers::roster::admit(&mut after, Some(who), new.taken_at);
                let at = place(&after.assessments, new.taken_at);
                assert_eq!(at, place_expected, "day {day}");
                after.assessments.insert(at, new);
                assert_eq!(
                    saved(&text, &before, &after, Kept::AllBut(at)),
                    Some(file::render(&after, crlf).unwrap()),
                    "day {day}, {who}, crlf: {crlf}"
                );
            }
        }
    }

    #[test]
    fn the_first_assessment_goes_into_an_empty_list() {
        let before = History {
            assessments: Vec::new(),
            ..history()
        };
        let text = file::render(&before, false).unwrap();
        assert!(text.ends_with("assessments: []\n"));
        let mut after = before.clone();
        after.assessments.push(assessment(3, "Sam"));
        assert_eq!(
            saved(&text, &before, &after, Kept::AllBut(0)),
            Some(file::render(&after, false).unwrap())
        );
    }

    #[test]
    fn a_file_not_as_the_tool_writes_it_or_of_an_older_format_is_rendered_in_full() {
        let before = history();
        let text = file::render(&before, false).unwrap();
        let mut after = before.clone();
        after
            .plan
            .set_step("fit.pathways", Some("Priya".into()), None, Timestamp::MAX);
        let edits: [(&str, &Edit); 5] = [
            ("a comment in the head", &|t| {
                t.replace("region:", "# North\nregion:")
            }),
            ("a value quoted by hand", &|t| {
                t.replace("region: North", "region: 'North'")
            }),
            ("the header comment changed", &|t| {
                t.replacen("# mbct-sustain", "# ours", 1)
            }),
            ("items indented", &|t| {
                let (head, list) = t.split_at(t.find("assessments:").unwrap());
                format!(
                    "{head}assessments:\n{}",
                    indent(&list["assessments:\n".len()..])
                )
            }),
            ("a section after the assessments", &|t| {
                format!("{t}extra: 1\n")
            }),
        ];
        for (what, edit) in edits {
            let edited = edit(&text);
            let read = file::parse(&edited).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let kept = if what == "items indented" {
                // Its head is the tool's: a changed head keeps the list, a new item cannot go in.
                assert!(saved(&edited, &read, &after, Kept::All).is_some());
                let mut added = read.clone();
                added.assessments.push(assessment(25, "Sam"));
                saved(&edited, &read, &added, Kept::AllBut(3))
            } else {
                let mut changed = read.clone();
                changed.plan = after.plan.clone();
                saved(&edited, &read, &changed, Kept::All)
            };
            assert_eq!(kept, None, "{what}");
        }
        // Don't know needs format 2 and more: the file says so, and is written in full.
        let mut upgraded = history();
        upgraded.assessments.push(assessment(25, "Sam"));
        upgraded.assessments[3].entered_at = Some(Timestamp::MAX);
        assert_eq!(saved(&text, &before, &upgraded, Kept::AllBut(3)), None);
    }

    /// A hand edit of a file's text.
    type Edit = dyn Fn(&str) -> String;
    /// A change to one assessment.
    type Change = fn(&mut Assessment);

    fn indent(text: &str) -> String {
        text.lines().map(|l| format!("  {l}\n")).collect()
    }

    #[test]
    fn hand_edits_among_the_assessments_are_kept_and_read_back_as_a_full_render_would() {
        let before = history();
        let text = file::render(&before, false)
            .unwrap()
            .replace(
                "- taken_at: 2026-03-10",
                "# Jo's, from paper\n- taken_at: 2026-03-10",
            )
            .replace("reviewed_by: Sam", "reviewed_by: \"Sam\"");
        assert_eq!(file::parse(&text).unwrap(), before);
        let mut after = before.clone();
        let new = assessment(12, "Jo");
        let at = place(&after.assessments, new.taken_at);
        after.assessments.insert(at, new);
        let spliced = saved(&text, &before, &after, Kept::AllBut(at)).expect("spliced");
        assert!(spliced.contains("# Jo's, from paper\n"), "{spliced}");
        assert_ne!(spliced, file::render(&after, false).unwrap());
        assert_eq!(file::parse(&spliced).unwrap(), after, "the same history");
    }

    #[test]
    fn a_list_ended_by_a_document_end_marker_reads_back_with_a_new_assessment() {
        // `...` ends the YAML document: an item written after it would start a second one, which
        // no reader takes (the file would no longer open).
        for tail in ["...\n", "...\n# the end\n", "... # the end\n\n"] {
            for crlf in [false, true] {
                let before = history();
                let rendered = file::render(&before, false).unwrap() + tail;
                let text = if crlf {
                    file::to_crlf(&rendered)
                } else {
                    rendered
                };
                assert_eq!(file::parse(&text).unwrap(), before, "{tail:?}");
                let mut after = before.clone();
                after.assessments.push(assessment(25, "Sam"));
                let written = saved(&text, &before, &after, Kept::AllBut(3))
                    .unwrap_or_else(|| file::render(&after, crlf).unwrap());
                assert_eq!(file::parse(&written), Ok(after), "{tail:?}, crlf: {crlf}");
            }
        }
    }

    #[test]
    fn an_item_line_inside_a_hand_written_text_sends_an_older_assessment_to_a_full_render() {
        let before = history();
        // A quoted text whose second line starts `- ` at column 0 (libyaml reads it as text).
        let text = file::render(&before, false).unwrap().replacen(
            "reviewed_by: Sam",
            "reviewed_by: \"Sam\n- and Jo\"",
            1,
        );
        let read = file::parse(&text).unwrap();
        assert_eq!(read.assessments[0].extra["reviewed_by"], "Sam - and Jo");
        let mut after = read.clone();
        after.assessments.insert(1, assessment(5, "Jo"));
        assert_eq!(saved(&text, &read, &after, Kept::AllBut(1)), None);
        let mut newest = read.clone();
        newest.assessments.push(assessment(25, "Jo"));
        let spliced = saved(&text, &read, &newest, Kept::AllBut(3)).expect("at the end");
        assert_eq!(file::parse(&spliced).unwrap(), newest);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_as_a_full_render_drops_it() {
        let before = history();
        let text = format!("\u{feff}{}", file::render(&before, false).unwrap());
        let mut after = before.clone();
        after.assessments.push(assessment(25, "Sam"));
        assert_eq!(
            saved(&text, &before, &after, Kept::AllBut(3)),
            Some(file::render(&after, false).unwrap())
        );
    }

    #[test]
    fn the_fingerprint_changes_with_any_field_of_any_assessment() {
        let changes: [(&str, Change); 9] = [
            ("taken_at", |a| a.taken_at = Timestamp::UNIX_EPOCH),
            ("label", |a| a.label = None),
            ("respondent", |a| a.respondent = Some("Priya".into())),
            ("framework", |a| a.framework.version = "1.1".into()),
            ("an answer", |a| {
                a.answers.insert("fit.pathways".into(), Answer::NotYet);
            }),
            ("answers' order", |a| {
                a.answers.insert("a".into(), Answer::NotYet);
                a.answers.move_index(1, 0);
            }),
            ("a note", |a| {
                a.notes.insert("fit".into(), "Changed".into());
            }),
            ("entered_at", |a| a.entered_at = Some(Timestamp::UNIX_EPOCH)),
            ("a kept field", |a| {
                a.extra.insert("reviewed_by".into(), "Jo".into());
            }),
        ];
        let h = history();
        for (what, change) in changes {
            let mut changed = h.assessments.clone();
            change(&mut changed[1]);
            assert_ne!(fingerprint(&h.assessments), fingerprint(&changed), "{what}");
        }
        assert_eq!(
            fingerprint(&h.assessments),
            fingerprint(&history().assessments)
        );
        assert_ne!(
            fingerprint(&h.assessments),
            fingerprint(&h.assessments[..2])
        );
    }

    #[test]
    fn nothing_changed_is_told_apart_from_a_changed_head_or_assessments() {
        let before = history();
        let text = file::render(&before, false).unwrap();
        let read = Read::new(&text, &before, false).unwrap();
        let d = |h: &History| {
            let d = read.differs(h).unwrap();
            (d.head, d.assessments)
        };
        assert_eq!(d(&before), (false, false));
        let mut renamed = before.clone();
        renamed.assessments[2].respondent = Some("Samuel".into());
        assert_eq!(d(&renamed), (false, true));
        let mut left = before.clone();
        left.team.get_mut("Jo").unwrap().left = Some(jiff::civil::date(2026, 4, 1));
        assert_eq!(d(&left), (true, false));
    }
}
