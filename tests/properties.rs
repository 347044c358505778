//! Properties over random input: the stage rule, the comparison and both
//! loaders never panic, and the rule behaves as the README says.

use mbct_sustain::core::answers::{self, Answer, Assessment};
use mbct_sustain::core::framework::{self, BUNDLED_YAML, Framework};
use mbct_sustain::core::{compare, stage};
use proptest::prelude::*;

/// A random valid framework: 1-6 stages, 1-12 domains, 1-6 actions each.
fn frameworks() -> impl Strategy<Value = Framework> {
    (
        1usize..=6,
        prop::collection::vec(prop::collection::vec(0usize..6, 1..=6), 1..=12),
    )
        .prop_map(|(stages, domains)| {
            let mut y =
                String::from("id: p\ntitle: P\nversion: 1\ncompletion_label: Done\nstages:\n");
            for s in 0..stages {
                y += &format!("  - {{id: s{s}, name: S{s}}}\n");
            }
            y += "domains:\n";
            for (d, actions) in domains.iter().enumerate() {
                y += &format!("  - id: d{d}\n    name: D{d}\n    actions:\n");
                for (i, s) in actions.iter().enumerate() {
                    y += &format!(
                        "      - {{id: d{d}.a{i}, stage: s{}, text: T}}\n",
                        s % stages
                    );
                }
            }
            framework::parse(&y).expect("generated framework is valid")
        })
}

fn answers_for(f: &Framework) -> impl Strategy<Value = Assessment> + use<> {
    let ids: Vec<String> = f.actions().map(|(_, a)| a.id.clone()).collect();
    let f = f.clone();
    prop::collection::vec(
        prop::option::of(prop::sample::select(Answer::ALL.to_vec())),
        ids.len(),
    )
    .prop_map(move |given| {
        let mut a = Assessment::new(&f, jiff::Timestamp::UNIX_EPOCH);
        for (id, ans) in ids.iter().zip(given) {
            if let Some(ans) = ans {
                a.answers.insert(id.clone(), ans);
            }
        }
        a
    })
}

fn framework_and_two() -> impl Strategy<Value = (Framework, Assessment, Assessment)> {
    frameworks().prop_flat_map(|f| {
        let (a, b) = (answers_for(&f), answers_for(&f));
        (Just(f), a, b)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_stage_rule_is_consistent_for_any_framework((f, a, _) in framework_and_two()) {
        for (d, status) in stage::assess(&f, &a).iter().enumerate() {
            prop_assert_eq!(status.stages.len(), f.stages.len());
            for p in &status.stages {
                prop_assert!(p.in_place <= p.applicable);
            }
            match status.position {
                stage::Position::Working(s) => {
                    prop_assert!(!status.stages[s].is_met());
                    prop_assert!(status.stages[..s].iter().all(|p| p.is_met()));
                }
                stage::Position::Complete => prop_assert!(status.stages.iter().all(|p| p.is_met())),
            }
            // Putting one more action in place never moves a domain back.
            for action in &f.domains[d].actions {
                let mut better = a.clone();
                better.answers.insert(action.id.clone(), Answer::InPlace);
                let after = stage::domain_status(&f, d, |id| better.answer(id)).position;
                prop_assert!(after >= status.position);
            }
        }
    }

    #[test]
    fn comparisons_are_consistent((f, a, b) in framework_and_two()) {
        prop_assert!(compare::compare(&f, &a, &a).is_unchanged());
        let ab = compare::compare(&f, &a, &b);
        let ba = compare::compare(&f, &b, &a);
        prop_assert_eq!(ab.actions.len(), ba.actions.len());
        for (x, y) in ab.domains.iter().zip(&ba.domains) {
            // A domain first answered in one of them is "new" one way only.
            if x.movement != compare::Movement::New && y.movement != compare::Movement::New {
                prop_assert_eq!(x.before.map(|p| x.after.cmp(&p)), y.before.map(|p| p.cmp(&y.after)));
            }
        }
    }

    #[test]
    fn mutated_frameworks_give_a_value_or_problems_never_a_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let text = mutate(BUNDLED_YAML, &edits);
        if let Err(problems) = framework::parse(&text) {
            prop_assert!(!problems.is_empty());
        }
    }

    #[test]
    fn mutated_answers_files_give_a_value_or_an_error_never_a_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let f = Framework::bundled();
        let mut a = Assessment::new(&f, "2026-09-03T10:00:00Z".parse().unwrap());
        for (i, (_, action)) in f.actions().enumerate() {
            a.answers.insert(action.id.clone(), Answer::ALL[i % 4]);
        }
        a.notes.insert("fit".into(), "A note".into());
        let text = answers::file::render(&answers::History { assessments: vec![a], ..Default::default() }, false).unwrap();
        let _ = answers::file::parse(&mutate(&text, &edits));
    }

    #[test]
    fn random_text_never_panics_either_loader(text in "\\PC{0,200}") {
        let _ = framework::parse(&text);
        let _ = answers::file::parse(&text);
    }
}

/// Applies byte edits (replace, insert, delete) at chosen places, keeping UTF-8.
fn mutate(text: &str, edits: &[(prop::sample::Index, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (at, byte, kind) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = at.index(bytes.len());
        let b = b" -:[]{}&*!|>'\"#\n\tax0"[*byte as usize % 20];
        match kind {
            0 => bytes[i] = b,
            1 => bytes.insert(i, b),
            _ => {
                bytes.remove(i);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
