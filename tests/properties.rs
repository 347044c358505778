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
            framework::from_yaml(&y).expect("generated framework is valid")
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
                prop_assert_eq!(
                    x.before.map(|p| x.after.cmp(&p)),
                    y.before.map(|p| p.cmp(&y.after))
                );
            }
        }
    }

    #[test]
    fn mutated_frameworks_give_a_value_or_problems_never_a_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let text = mutate(BUNDLED_YAML, &edits);
        if let Err(problems) = framework::from_yaml(&text) {
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
        let history = answers::History { assessments: vec![a], ..Default::default() };
        let text = answers::file::render(&history, false).unwrap();
        let _ = answers::file::parse(&mutate(&text, &edits));
    }

    #[test]
    fn random_text_never_panics_either_loader(text in "\\PC{0,200}") {
        let _ = framework::from_yaml(&text);
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

// ---- Merging copies: the same roster, assessments and team answers whichever way round ------

mod merging {
    use std::collections::{BTreeMap, BTreeSet};

    use jiff::{SignedDuration, Timestamp};
    use mbct_sustain::core::answers::roster;
    use mbct_sustain::core::answers::{Answer, Assessment, History, withdrawn};
    use mbct_sustain::core::framework::{self, Framework};
    use mbct_sustain::core::merge::merge_histories;
    use mbct_sustain::core::names::{Names, fold};
    use mbct_sustain::core::subject::{self, At, Requested, Selection};
    use proptest::prelude::*;

    const NAMES: [&str; 6] = ["Priya", "Pryia", "Sam", "sam", "Alex", "Kim"];

    fn framework() -> Framework {
        framework::from_yaml(
            "id: p\ntitle: P\nversion: 1\ncompletion_label: Done\n\
             stages:\n  - {id: s0, name: S0}\n\
             domains:\n  - id: d0\n    name: D0\n    actions:\n\
             \x20     - {id: d0.a0, stage: s0, text: T}\n\
             \x20     - {id: d0.a1, stage: s0, text: T}\n",
        )
        .unwrap()
    }

    /// What a person does to one copy of the file.
    #[derive(Debug, Clone)]
    enum Op {
        Answer(usize, Answer, Answer),
        Rename(usize, usize),
        MergePeople(usize, usize),
        Leave(usize, u8),
        Assign(usize, Option<usize>),
        Withdraw(usize),
    }

    fn ops() -> impl Strategy<Value = Vec<Op>> {
        let answer = || prop::sample::select(Answer::ALL.to_vec());
        let name = || 0..NAMES.len();
        let op = prop_oneof![
            3 => (name(), answer(), answer()).prop_map(|(w, a, b)| Op::Answer(w, a, b)),
            2 => (name(), name()).prop_map(|(a, b)| Op::Rename(a, b)),
            2 => (name(), name()).prop_map(|(a, b)| Op::MergePeople(a, b)),
            1 => (name(), 1u8..28).prop_map(|(a, d)| Op::Leave(a, d)),
            1 => (0..2usize, prop::option::of(name())).prop_map(|(s, o)| Op::Assign(s, o)),
            1 => (0..8usize).prop_map(Op::Withdraw),
        ];
        prop::collection::vec(op, 0..7)
    }

    /// The copy `h` after `ops`, the first made at `start`, each a few seconds after the last;
    /// refused changes change nothing, as the commands leave the file.
    fn apply(mut h: History, ops: &[Op], start: Timestamp) -> History {
        let f = framework();
        for (i, op) in ops.iter().enumerate() {
            let now = start + SignedDuration::from_secs(7 * i as i64);
            match op {
                Op::Answer(who, a, b) => {
                    let mut x = Assessment::new(&f, now);
                    x.respondent = Some(NAMES[*who].into());
                    x.answers.insert("d0.a0".into(), *a);
                    x.answers.insert("d0.a1".into(), *b);
                    roster::admit(&mut h, x.respondent.as_deref(), now);
                    h.assessments.push(x);
                }
                Op::Rename(a, b) => {
                    let mut c = h.clone();
                    if roster::rename(&mut c, NAMES[*a], &format!("{} K", NAMES[*b]), now).is_ok() {
                        h = c;
                    }
                }
                Op::MergePeople(a, b) => {
                    let mut c = h.clone();
                    if roster::merge_names(&mut c, NAMES[*a], NAMES[*b], now).is_ok() {
                        h = c;
                    }
                }
                Op::Leave(a, day) => {
                    let mut c = h.clone();
                    let on = jiff::civil::date(2027, 1, i8::try_from(*day).unwrap());
                    if roster::leave(&mut c, NAMES[*a], on, now).is_ok() {
                        h = c;
                    }
                }
                Op::Assign(step, owner) => {
                    let owner = owner.map(|o| roster::owner_named(&h, NAMES[o]));
                    h.plan.set_step(&format!("d0.a{step}"), owner, None, now);
                }
                Op::Withdraw(k) => {
                    let team = roster::members(&h);
                    let names = Names::new(&team);
                    let n = h.assessments.len() as i64;
                    if n > 0
                        && let Ok(i) =
                            withdrawn::select(&h, (*k as i64 % n) + 1, None, |x| names.key(x))
                    {
                        withdrawn::withdraw(&mut h, i, now);
                    }
                }
            }
        }
        h
    }

    /// What a file means, whatever order its entries are in: each member (name, spellings,
    /// account and dates), each assessment through the roster (and whether withdrawn), the plan,
    /// and the team's answers in each round.
    fn meaning(h: &History) -> String {
        let team = roster::members(h);
        let names = Names::new(&team);
        let members: BTreeSet<String> = team
            .iter()
            .map(|(n, m)| {
                let s: BTreeSet<String> = m.spellings.iter().map(|s| fold(s)).collect();
                format!("{n} {s:?} {:?} {:?} {:?}", m.account, m.joined, m.left)
            })
            .collect();
        let gone = withdrawn::withdrawn(h, |n| names.key(n));
        let assessments: BTreeSet<String> = h
            .assessments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let answers: BTreeMap<_, _> = a.answers.iter().collect();
                let who = names.key(a.respondent.as_deref());
                format!(
                    "{who:?} {} {answers:?} {:?} live {}",
                    a.taken_at,
                    a.label,
                    gone.is_live(i)
                )
            })
            .collect();
        let plan: BTreeMap<_, _> = h
            .plan
            .actions
            .iter()
            .map(|(k, s)| (k.clone(), (s.owner.clone(), s.due)))
            .collect();
        let f = framework();
        let selection = Selection {
            requested: Requested::Team,
            at: At::One(None),
            since: None,
            today: jiff::civil::date(2027, 6, 1),
            now: "2027-06-01T00:00:00Z".parse().unwrap(),
        };
        let rounds: Vec<String> = subject::resolve(&f, h, &selection)
            .map(|s| {
                s.points
                    .iter()
                    .map(|p| {
                        let answers: BTreeMap<_, _> = p.answers.answers.iter().collect();
                        format!("{answers:?} awaited {:?}", p.awaited)
                    })
                    .collect()
            })
            .unwrap_or_default();
        format!("{members:#?}\n{assessments:#?}\n{plan:?}\n{rounds:#?}")
    }

    /// Every assessment's time and answers, and the times of those withdrawn.
    fn contents(h: &History) -> (BTreeSet<String>, BTreeSet<Timestamp>) {
        let team = roster::members(h);
        let names = Names::new(&team);
        let gone = withdrawn::withdrawn(h, |n| names.key(n));
        let all = h
            .assessments
            .iter()
            .map(|a| format!("{} {:?}", a.taken_at, a.answers))
            .collect();
        let withdrawn = (0..h.assessments.len())
            .filter(|&i| gone.contains(i))
            .map(|i| h.assessments[i].taken_at)
            .collect();
        (all, withdrawn)
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn now() -> Timestamp {
        at("2027-06-01T00:00:00Z")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn copies_with_renames_and_merges_of_people_merge_to_one_meaning_either_way(
            base_ops in ops(),
            a_ops in ops(),
            b_ops in ops(),
        ) {
            let base = apply(History::default(), &base_ops, at("2026-11-01T10:00:00Z"));
            let a = apply(base.clone(), &a_ops, at("2026-11-10T10:00:00Z"));
            let b = apply(base.clone(), &b_ops, at("2026-11-10T10:00:03Z"));
            let (ab, _) = merge_histories(&a, &b, None, now());
            let (ba, _) = merge_histories(&b, &a, None, now());
            prop_assert_eq!(meaning(&ab), meaning(&ba), "either way round");
            prop_assert_eq!(&merge_histories(&ab, &ab, None, now()).0, &ab, "merged with itself: \
                as it was");
            for side in [&a, &b] {
                let again = merge_histories(&ab, side, None, now()).0;
                prop_assert_eq!(meaning(&again), meaning(&ab), "idempotent");
            }
            // Nothing lost: every assessment of either copy is in the merge, and every one
            // withdrawn in either is withdrawn in it.
            let (kept, gone) = contents(&ab);
            for side in [&a, &b] {
                let (has, withdrawn) = contents(side);
                prop_assert!(has.is_subset(&kept), "{:?} lost from {:?}", has, kept);
                prop_assert!(withdrawn.is_subset(&gone), "{:?} back in {:?}", withdrawn, gone);
            }
            // With git's base, the same either way too.
            let (abo, _) = merge_histories(&a, &b, Some(&base), now());
            let (bao, _) = merge_histories(&b, &a, Some(&base), now());
            prop_assert_eq!(meaning(&abo), meaning(&bao), "with a base, either way round");
        }
    }

    #[test]
    fn the_same_rename_on_one_side_is_one_priya_from_both_sides() {
        let base = apply(
            History::default(),
            &[
                Op::Answer(0, Answer::InPlace, Answer::InPlace),
                Op::Answer(1, Answer::NotYet, Answer::NotYet),
                Op::Answer(2, Answer::InPlace, Answer::NotYet),
            ],
            at("2026-11-01T10:00:00Z"),
        );
        let a = apply(
            base.clone(),
            &[Op::MergePeople(1, 0)],
            at("2026-11-10T10:00:00Z"),
        );
        for (h, _) in [
            merge_histories(&a, &base, None, now()),
            merge_histories(&base, &a, None, now()),
        ] {
            let team = roster::members(&h);
            assert_eq!(team.len(), 2, "{team:?}");
            assert_eq!(team["Priya"].spellings, ["Pryia"]);
            assert_eq!(h.assessments.len(), 3);
        }
    }
}

// ---- Nothing a person typed becomes structure ------------------------------------------------

mod typed_text {
    use jiff::Timestamp;
    use mbct_sustain::core::answers::agreed::{Agreement, Evidence};
    use mbct_sustain::core::answers::roster::{self, Member};
    use mbct_sustain::core::answers::withdrawn::Withdrawal;
    use mbct_sustain::core::answers::{Answer, Assessment, History, file, format_needed};
    use mbct_sustain::core::framework::Framework;
    use mbct_sustain::core::merge::merge_histories;
    use proptest::prelude::*;

    /// Any text, with the characters that end a line for YAML readers (and other troublemakers)
    /// much more often than chance would give them.
    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\u{2028}', '\u{2029}', '\u{85}', '\n', '\r', '\t', '#', ':', '-', '"', '\'', ' ', '[',
            '{', '&', '*', '!', '|', '>', '%', '@', '`', '\u{feff}', '\u{1b}', '\u{0}', '\u{202e}',
        ]);
        prop::collection::vec(prop_oneof![2 => special, 1 => any::<char>()], 0..10)
            .prop_map(|c| c.into_iter().collect())
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// A file with `t[0..]` in every text field a person fills in.
    fn filled(t: &[String]) -> History {
        let f = Framework::bundled();
        let mut h = History::default();
        let mut a = Assessment::new(&f, at("2026-12-01T10:00:00Z"));
        a.label = Some(t[0].clone());
        a.respondent = Some(t[1].clone());
        a.notes.insert("fit".into(), t[2].clone());
        a.extra.insert("reviewed_by".into(), t[3].clone().into());
        a.answers.insert("fit.pathways".into(), Answer::InPlace);
        h.assessments.push(a);
        h.team.insert(
            format!("{} (member)", t[4]),
            Member {
                spellings: vec![t[5].clone()],
                account: Some(t[6].clone()),
                ..Member::default()
            },
        );
        h.agreements.push(Agreement {
            round: Some(jiff::civil::date(2026, 12, 1)),
            action: "fit.pathways".into(),
            answer: Some(Answer::InPlace),
            comment: Some(t[7].clone()),
            present: vec![t[8].clone()],
            at: at("2026-12-02T10:00:00Z"),
            since: None,
        });
        h.evidence.push(Evidence {
            action: "fit.pathways".into(),
            text: t[9].clone(),
            link: None,
            by: Some(t[10].clone()),
            at: at("2026-12-02T10:00:00Z"),
            removed: None,
        });
        h.plan.set_step(
            "networks.buddy",
            Some(t[11].clone()),
            None,
            at("2026-12-02T10:00:00Z"),
        );
        h.withdrawn.push(Withdrawal {
            respondent: Some(t[12].clone()),
            taken_at: at("2026-11-01T10:00:00Z"),
            at: at("2026-12-02T10:00:00Z"),
        });
        h.extra
            .insert("kept_by_another_program".into(), t[13].clone().into());
        h.service = Some(mbct_sustain::core::answers::Service {
            name: t[0].clone(),
            set_at: Some(at("2026-12-02T10:00:00Z")),
        });
        roster::order(&mut h);
        h.format = format_needed(&h);
        h
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn any_text_in_any_field_reads_back_as_it_was_written(
            t in prop::collection::vec(text(), 14),
        ) {
            let h = filled(&t);
            for crlf in [false, true] {
                let written = file::render(&h, crlf).unwrap();
                prop_assert_eq!(&file::parse(&written).unwrap(), &h, "{}", written);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn any_text_through_the_merge_driver_with_a_conflict_reads_back_as_merged(
            t in prop::collection::vec(text(), 14),
            owner in text(),
        ) {
            // Both sides change the step, differently, so there is a conflict to write about.
            prop_assume!(owner != t[11] && owner != format!("{}!", t[11]));
            let base = filled(&t);
            let ours = base.clone();
            let mut theirs = base.clone();
            theirs.plan.set_step("networks.buddy", Some(owner), None, at("2026-12-03T10:00:00Z"));
            let mut ours_changed = ours.clone();
            let changed = Some(format!("{}!", t[11]));
            ours_changed.plan.set_step("networks.buddy", changed, None, at("2026-12-02T11:00:00Z"));
            let dir = tempfile::tempdir().unwrap();
            let write = |name: &str, h: &History| {
                let p = dir.path().join(name);
                std::fs::write(&p, file::render(h, false).unwrap()).unwrap();
                p
            };
            let (o, b) = (write("ours", &ours_changed), write("base", &base));
            let th = write("theirs", &theirs);
            let program = assert_cmd::cargo::cargo_bin("mbct-sustain");
            let out = crate::common::program(dir.path(), program)
                .arg("merge-driver").arg(&b).arg(&o).arg(&th)
                .output().unwrap();
            prop_assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
            let text = std::fs::read_to_string(&o).unwrap();
            let first = text.split('\n').next().unwrap();
            prop_assert!(first.starts_with("# mbct-sustain merge: 1 conflict"), "{}", first);
            prop_assert!(!first.contains(['\u{2028}', '\u{2029}', '\u{85}', '\r']), "{:?}", first);
            let now = at("2027-01-01T00:00:00Z");
            let (mut want, _) = merge_histories(&ours_changed, &theirs, Some(&base), now);
            want.format = format_needed(&want);
            prop_assert_eq!(file::parse(&text).unwrap(), want);
        }
    }
}
