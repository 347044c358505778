//! Writes a made-up answers file to standard output, for measuring how the tool copes with a long
//! history or a large team:
//!
//! ```sh
//! cargo run --release --example gen_history -- 1000 > answers.yaml
//! cargo run --release --example gen_history -- 1000 7 > other.yaml   # another seed
//! cargo run --release --example gen_history -- 1000 --end 2025-06-30 > older.yaml
//! cargo run --release --example gen_history -- --one-round 8000 > team.yaml
//! ```
//!
//! The file is deterministic for a given N, seed and end. It looks like a team that meets every
//! six weeks with ten respondents: every action of the bundled framework is answered, more actions
//! are in place as the years go by, and some assessments have a label, a respondent or a note. The
//! history ends on a fixed day in the past ([`END`], or `--end DATE`) and counts back from it, so
//! every assessment is in the past whenever it is run: the tool counts all of them in its rounds.
//! `--one-round N` writes one round of N people, a third of whom give the round a label (spelled
//! as people do, in different cases). `benches/core.rs` uses the same generator (it includes this
//! file as a module).

use std::io::Write;

use jiff::Timestamp;
use jiff::civil::Date;
use mbct_sustain::core::answers::{self, Answer, Assessment, History};
use mbct_sustain::core::framework::Framework;

/// The seed used when none is given.
pub const SEED: u64 = 0x5eed_2026;

/// The day a generated history ends on unless `--end` says otherwise: fixed, so files compare
/// across runs, and in the past, so no assessment is dated after today.
pub const END: Date = jiff::civil::date(2026, 10, 1);

const RESPONDENTS: [&str; 10] = [
    "Sam", "Priya", "Alex", "Jo", "Kemi", "Ravi", "Lena", "Tom", "Aisha", "Mei",
];

const HOUR: i64 = 3_600;
/// Rounds are six weeks apart: further apart than the 30 days that join
/// assessments into one round, so each meeting is a round of its own.
const ROUND_GAP: i64 = 42 * 24 * HOUR;

/// How a third of a large round spell its label.
const ROUND_LABELS: [&str; 3] = ["Autumn review", "autumn review", "AUTUMN REVIEW "];

/// A tiny xorshift64* generator: deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Xorshift must not start at zero; mix the seed so nearby seeds differ.
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// 09:00 UTC on `end`, the time the last round starts.
fn last_round_start(end: Date) -> i64 {
    mbct_sustain::core::time::start_of(end).as_second() + 9 * HOUR
}

/// A history of `n` assessments against `framework`, oldest first, ending on `end`: rounds of ten
/// every six weeks, one per respondent an hour apart, with the share of actions in place growing
/// from about a fifth to about four fifths.
pub fn history_ending(framework: &Framework, n: usize, seed: u64, end: Date) -> History {
    let mut rng = Rng::new(seed);
    let rounds = n.div_ceil(RESPONDENTS.len()) as i64;
    let first = last_round_start(end) - (rounds - 1).max(0) * ROUND_GAP;
    let assessments = (0..n)
        .map(|i| {
            let round = (i / RESPONDENTS.len()) as i64;
            let seat = i % RESPONDENTS.len();
            let taken_at = Timestamp::from_second(first + round * ROUND_GAP + seat as i64 * HOUR)
                .expect("generated times stay within the calendar");
            let mut a = Assessment::new(framework, taken_at);
            if rng.below(4) != 0 {
                a.respondent = Some(RESPONDENTS[seat].to_string());
            }
            if rng.below(3) == 0 {
                a.label = Some(format!("Round {}", round + 1));
            }
            let in_place = 20 + (60 * i / n.max(1)) as u64;
            for (_, action) in framework.actions() {
                let r = rng.below(100);
                let answer = if r < in_place {
                    Answer::InPlace
                } else if r < in_place + 10 {
                    Answer::InProgress
                } else if r < in_place + 15 {
                    Answer::NotApplicable
                } else {
                    Answer::NotYet
                };
                a.answers.insert(action.id.clone(), answer);
            }
            for domain in &framework.domains {
                if rng.below(10) == 0 {
                    a.notes.insert(
                        domain.id.clone(),
                        format!("Discussed at round {}: agreed a next step.", round + 1),
                    );
                }
            }
            a
        })
        .collect();
    History {
        assessments,
        ..History::default()
    }
}

/// [`history_ending`] on [`END`].
pub fn history(framework: &Framework, n: usize, seed: u64) -> History {
    history_ending(framework, n, seed, END)
}

/// One round of `people` people a minute apart, each with their own name, ending on `end`; every
/// third gives the round a label, in one of a few spellings: for measuring how the team views grow
/// with the size of the team.
pub fn one_round_ending(framework: &Framework, people: usize, seed: u64, end: Date) -> History {
    let mut h = history_ending(framework, people, seed, end);
    let first = last_round_start(end) - 60 * people as i64;
    for (i, a) in h.assessments.iter_mut().enumerate() {
        a.taken_at = Timestamp::from_second(first + 60 * i as i64).expect("within the calendar");
        a.respondent = Some(format!("Person {i}"));
        a.label = (i % 3 == 0).then(|| ROUND_LABELS[i / 3 % ROUND_LABELS.len()].to_string());
    }
    h
}

/// [`one_round_ending`] on [`END`].
pub fn one_round(framework: &Framework, people: usize, seed: u64) -> History {
    one_round_ending(framework, people, seed, END)
}

/// The answers-file text of [`history`], as the tool itself writes it.
pub fn text(framework: &Framework, n: usize, seed: u64) -> String {
    answers::file::render(&history(framework, n, seed), false).expect("a generated history renders")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: gen_history [--one-round] [--end YYYY-MM-DD] N [SEED]";
    let (mut numbers, mut end, mut one) = (Vec::new(), END, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--one-round" => one = true,
            "--end" => end = args.next().ok_or(usage)?.parse().map_err(|_| usage)?,
            _ => numbers.push(arg.parse::<u64>().map_err(|_| usage)?),
        }
    }
    let (n, seed) = match numbers[..] {
        [n] => (n, SEED),
        [n, seed] => (n, seed),
        _ => return Err(usage.into()),
    };
    let (f, n) = (Framework::bundled(), usize::try_from(n)?);
    let history = if one {
        one_round_ending(&f, n, seed, end)
    } else {
        history_ending(&f, n, seed, end)
    };
    let text = answers::file::render(&history, false)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
