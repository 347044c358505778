//! Picking an assessment the way people name them: by number, date or label.

use crate::answers::History;
use crate::view::date_of;

/// Finds the assessment `selector` names among those by `respondent` (`None`:
/// everyone). Numbers are positions in the file as `history` lists them
/// (1 = oldest); negative numbers count back from the latest (-1 = latest);
/// a date (`2026-09-03`, UTC) picks the latest that day; anything else is a
/// label (the latest with it, ignoring case). Returns the index in the file.
pub fn select(history: &History, selector: &str, respondent: Option<&str>) -> Option<usize> {
    let candidates: Vec<usize> = history.indices_for(respondent).collect();
    let s = selector.trim();
    if let Ok(n) = s.parse::<i64>() {
        return if n > 0 {
            let i = usize::try_from(n - 1).ok()?;
            candidates.contains(&i).then_some(i)
        } else if n < 0 {
            let back = usize::try_from(n.unsigned_abs()).ok()?;
            candidates.len().checked_sub(back).map(|i| candidates[i])
        } else {
            None
        };
    }
    if is_date(s) {
        return candidates
            .iter()
            .rev()
            .copied()
            .find(|&i| date_of(history.assessments[i].taken_at) == s);
    }
    candidates
        .iter()
        .rev()
        .copied()
        .find(|&i| crate::answers::label_is(history.assessments[i].label.as_deref(), s))
}

/// The assessment before `index` by the same respondent, for "change since".
pub fn previous_of(history: &History, index: usize) -> Option<usize> {
    let who = history.assessments[index].respondent.as_deref();
    history.assessments[..index]
        .iter()
        .rposition(|a| crate::answers::same_person(a.respondent.as_deref(), who))
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Assessment;
    use crate::framework::Framework;

    fn history() -> History {
        let f = Framework::bundled();
        let mut h = History::default();
        for (when, label, who) in [
            ("2026-03-01T10:00:00Z", Some("Spring"), Some("Ann")),
            ("2026-09-03T09:00:00Z", None, Some("Bob")),
            ("2026-09-03T15:00:00Z", Some("Autumn review"), Some("Ann")),
        ] {
            let mut a = Assessment::new(&f, when.parse().unwrap());
            a.label = label.map(str::to_string);
            a.respondent = who.map(str::to_string);
            h.assessments.push(a);
        }
        h
    }

    #[test]
    fn numbers_count_from_the_oldest_and_negatives_from_the_latest() {
        let h = history();
        assert_eq!(select(&h, "1", None), Some(0));
        assert_eq!(select(&h, "3", None), Some(2));
        assert_eq!(select(&h, "4", None), None);
        assert_eq!(select(&h, "0", None), None);
        assert_eq!(select(&h, "-1", None), Some(2));
        assert_eq!(select(&h, "-3", None), Some(0));
        assert_eq!(select(&h, "-4", None), None);
        assert_eq!(select(&h, "-9223372036854775808", None), None);
        assert_eq!(select(&h, "99999999999999999999", None), None);
    }

    #[test]
    fn dates_pick_the_latest_that_day_and_labels_ignore_case() {
        let h = history();
        assert_eq!(select(&h, "2026-09-03", None), Some(2));
        assert_eq!(select(&h, "2026-01-01", None), None);
        assert_eq!(select(&h, "autumn REVIEW", None), Some(2));
        assert_eq!(select(&h, "Summer", None), None);
    }

    #[test]
    fn a_respondent_narrows_the_choice() {
        let h = history();
        assert_eq!(select(&h, "-1", Some("Bob")), Some(1));
        assert_eq!(select(&h, "-2", Some("Ann")), Some(0));
        assert_eq!(select(&h, "2", Some("Ann")), None, "#2 is Bob's");
        assert_eq!(select(&h, "2026-09-03", Some("Bob")), Some(1));
    }

    #[test]
    fn the_previous_assessment_is_the_same_respondents() {
        let h = history();
        assert_eq!(previous_of(&h, 2), Some(0));
        assert_eq!(previous_of(&h, 1), None);
    }
}
