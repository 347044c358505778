//! Benchmarks of the functional core: `cargo bench --bench core`.
//!
//! Each benchmark times one step a command takes (read the framework, read
//! the answers file, apply the stage rule, build a view, render it) on
//! made-up answers files of 1 to 10,000 assessments from
//! `examples/gen_history.rs`. BENCHMARKS.md gives the figures and targets;
//! `scripts/bench-cli.sh` measures the whole program.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use mbct_sustain::core::answers::{self, Answer, History, splice};
use mbct_sustain::core::framework::{self, Framework};
use mbct_sustain::core::subject::{self, At, Requested, Selection, Snapshot};
use mbct_sustain::core::{stage, walk};
use mbct_sustain::present::render::{self, Format};
use mbct_sustain::present::view;
use mbct_sustain::shell::store::drafts;

#[path = "../examples/gen_history.rs"]
#[allow(
    dead_code,
    reason = "the example's `main` and `text` are not used here"
)]
mod gen_history;

fn main() {
    divan::main();
}

/// The day plans are judged on (due dates, reviews): fixed, so runs compare.
const TODAY: jiff::civil::Date = jiff::civil::date(2027, 1, 1);

/// Answers-file sizes, in assessments: one, a few years, ten years of a team
/// of ten, and ten times that.
const SIZES: [usize; 4] = [1, 100, 1_000, 10_000];

/// The bundled framework and a history of `n` assessments against it.
fn generate(n: usize) -> (Framework, History) {
    let f = Framework::bundled();
    let h = gen_history::history(&f, n, gen_history::SEED);
    (f, h)
}

fn format(name: &str) -> Format {
    match name {
        "table" => Format::Table,
        "markdown" => Format::Markdown,
        "json" => Format::Json,
        _ => unreachable!("unknown format {name}"),
    }
}

const FORMATS: [&str; 3] = ["table", "markdown", "json"];

/// Loading and validating the bundled framework (every command does this).
#[divan::bench]
fn framework_parse() -> Framework {
    framework::from_yaml(black_box(framework::BUNDLED_YAML))
        .expect("the bundled framework is valid")
}

/// Between an answer and the next question in the walk: the whole draft
/// serialised and written atomically beside the answers file, as after every
/// answer (half the bundled framework answered).
#[divan::bench(sample_count = 50)]
fn walk_step_draft_save(bencher: Bencher) {
    let f = Framework::bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = drafts::Draft::create(
        &dir.path().join("mbct-sustain.yaml"),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .expect("a draft in a temp dir");
    let mut draft = walk::Draft::new(&f, jiff::Timestamp::UNIX_EPOCH);
    for (_, action) in f.actions().take(f.action_count() / 2) {
        draft.answers.insert(action.id.clone(), Answer::InProgress);
    }
    bencher.bench_local(|| {
        let text = serde_yaml::to_string(black_box(&draft)).expect("a draft serialises");
        file.save(text.as_bytes()).expect("the draft is saved");
    });
}

/// Reading an answers file of `n` assessments.
#[divan::bench(args = SIZES, sample_count = 20)]
fn answers_parse(bencher: Bencher, n: usize) {
    let (_, h) = generate(n);
    let text = answers::file::render(&h, false).expect("renders");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| answers::file::parse(black_box(&text)).expect("generated files are valid"));
}

/// Writing an answers file of `n` assessments whole (a save that cannot keep its bytes).
#[divan::bench(args = SIZES, sample_count = 20)]
fn answers_render(bencher: Bencher, n: usize) {
    let (_, h) = generate(n);
    bencher.bench(|| answers::file::render(black_box(&h), false));
}

/// What a save that changes the plan writes over a file of `n` assessments: the head anew, the
/// assessments' bytes kept, after telling what changed (`plan assign`, `agree`, `people`).
#[divan::bench(args = SIZES, sample_count = 20)]
fn answers_splice(bencher: Bencher, n: usize) {
    let (_, mut h) = generate(n);
    let at = "2027-01-01T00:00:00Z".parse().expect("a time");
    // A plan already (format 3): a save that must upgrade the format writes the whole file.
    h.plan
        .set_step("fit.pathways", Some("Sam".into()), None, at);
    let text = answers::file::render(&h, false).expect("renders");
    let mut changed = h.clone();
    changed
        .plan
        .set_step("fit.pathways", Some("Priya".into()), None, at);
    bencher.bench(|| {
        let read = splice::Read::new(black_box(&text), &h, false).expect("renders");
        assert!(read.differs(&changed).expect("renders").head);
        let pieces = read.spliced(&changed, splice::Kept::All).expect("renders");
        pieces.expect("the generated file is the tool's").len()
    });
}

/// The stage rule over one assessment.
#[divan::bench]
fn stage_assess(bencher: Bencher) {
    let (f, h) = generate(1);
    bencher.bench(|| stage::assess(&f, black_box(&h.assessments[0])));
}

/// The latest point of `h`, as a command with no options resolves it.
fn latest<'h>(f: &Framework, h: &'h History, at: At) -> Snapshot<'h> {
    let selection = Selection {
        requested: Requested::Auto,
        at,
        since: None,
        today: TODAY,
        now: "2027-01-01T00:00:00Z".parse().expect("a time"),
    };
    subject::resolve(f, h, &selection).expect("generated histories have points")
}

/// Building the views from a parsed history of `n` assessments.
mod build {
    use super::*;

    /// `report`: the team's latest round, changes since the round before.
    #[divan::bench(args = SIZES)]
    fn report(bencher: Bencher, n: usize) {
        let (f, h) = generate(n);
        bencher.bench(|| view::report::build(&f, &latest(&f, black_box(&h), At::One(None))));
    }

    /// `compare`: the previous round against the latest.
    #[divan::bench(args = SIZES)]
    fn compare(bencher: Bencher, n: usize) {
        let (f, h) = generate(n);
        bencher
            .bench(|| view::compare::build(&f, &latest(&f, black_box(&h), At::Pair(None, None))));
    }

    /// `history`: every round.
    #[divan::bench(args = SIZES, sample_count = 20)]
    fn history(bencher: Bencher, n: usize) {
        let (f, h) = generate(n);
        bencher.bench(|| view::history::build(&f, &latest(&f, black_box(&h), At::One(None))));
    }
}

/// One round of `n` people, a third of whom give it a label (in a few spellings): every view of
/// the round grows with the team, not its square.
mod one_round_of {
    use super::*;

    fn round(n: usize) -> (Framework, History) {
        let f = Framework::bundled();
        let h = gen_history::one_round(&f, n, gen_history::SEED);
        (f, h)
    }

    /// `report`: the round's stages.
    #[divan::bench(args = PEOPLE, sample_count = 10)]
    fn report(bencher: Bencher, n: usize) {
        let (f, h) = round(n);
        bencher.bench(|| view::report::build(&f, &latest(&f, black_box(&h), At::One(None))));
    }

    /// `team`: everyone's answers side by side, and the agenda, as a terminal table.
    #[divan::bench(args = PEOPLE, sample_count = 10)]
    fn team(bencher: Bencher, n: usize) {
        let (f, h) = round(n);
        let files = vec![String::new(); h.assessments.len()];
        bencher.bench(|| {
            let s = latest(&f, black_box(&h), At::One(None));
            let v = view::team::build(&f, &s, &files, false, Some(10));
            render::render(&v, Format::Table, Default::default())
        });
    }

    /// `report --format html`: the meeting page.
    #[divan::bench(args = PEOPLE, sample_count = 10)]
    fn page(bencher: Bencher, n: usize) {
        let (f, h) = round(n);
        let files = vec![String::new(); h.assessments.len()];
        bencher.bench(|| {
            let s = latest(&f, black_box(&h), At::One(None));
            render::render(
                &view::page::build(&f, &s, &files),
                Format::Html,
                Default::default(),
            )
        });
    }
}

/// People in one round, for the team-size benchmark: 2,000 and four times that.
const PEOPLE: [usize; 2] = [2_000, 8_000];

/// Rendering the views.
mod render_view {
    use super::*;

    /// The report of the latest round of 100 assessments, in each format.
    #[divan::bench(args = FORMATS)]
    fn report(bencher: Bencher, name: &str) {
        let (f, h) = generate(100);
        let v = view::report::build(&f, &latest(&f, &h, At::One(None)));
        bencher.bench(|| render::render(black_box(&v), format(name), Default::default()));
    }

    /// The comparison of the last two rounds of 100 assessments, in each format.
    #[divan::bench(args = FORMATS)]
    fn compare(bencher: Bencher, name: &str) {
        let (f, h) = generate(100);
        let v =
            view::compare::build(&f, &latest(&f, &h, At::Pair(None, None))).expect("two rounds");
        bencher.bench(|| render::render(black_box(&v), format(name), Default::default()));
    }

    /// The history of `n` assessments as a terminal table.
    #[divan::bench(args = SIZES, sample_count = 20)]
    fn history_table(bencher: Bencher, n: usize) {
        let (f, h) = generate(n);
        let v = view::history::build(&f, &latest(&f, &h, At::One(None)));
        bencher.bench(|| render::render(black_box(&v), Format::Table, Default::default()));
    }
}

/// What `report`, `compare` and `history` do in-process after reading the
/// file from disk: parse, resolve, build, render the table. The rest of a
/// run's wall time is starting the process and writing the output.
mod command {
    use super::*;

    fn text(n: usize) -> String {
        answers::file::render(&generate(n).1, false).expect("renders")
    }

    #[divan::bench(args = SIZES, sample_count = 20)]
    fn report(bencher: Bencher, n: usize) {
        let text = text(n);
        bencher.bench(|| {
            let f = Framework::bundled();
            let h = answers::file::parse(black_box(&text)).expect("valid");
            let v = view::report::build(&f, &latest(&f, &h, At::One(None)));
            render::render(&v, Format::Table, Default::default())
        });
    }

    #[divan::bench(args = SIZES, sample_count = 20)]
    fn compare(bencher: Bencher, n: usize) {
        let text = text(n);
        bencher.bench(|| {
            let f = Framework::bundled();
            let h = answers::file::parse(black_box(&text)).expect("valid");
            view::compare::build(&f, &latest(&f, &h, At::Pair(None, None)))
                .map(|v| render::render(&v, Format::Table, Default::default()))
        });
    }

    #[divan::bench(args = SIZES, sample_count = 20)]
    fn history(bencher: Bencher, n: usize) {
        let text = text(n);
        bencher.bench(|| {
            let f = Framework::bundled();
            let h = answers::file::parse(black_box(&text)).expect("valid");
            let v = view::history::build(&f, &latest(&f, &h, At::One(None)));
            render::render(&v, Format::Table, Default::default())
        });
    }
}
