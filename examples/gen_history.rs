//! Writes a made-up answers file of N assessments to standard output, for
//! measuring how the tool copes with a long history:
//!
//! ```sh
//! cargo run --release --example gen_history -- 1000 > answers.yaml
//! cargo run --release --example gen_history -- 1000 7 > other.yaml   # another seed
//! ```
//!
//! The file is deterministic for a given N and seed. It looks like a team that
//! meets every six weeks with ten respondents: every action of the bundled framework
//! is answered, more actions are in place as the years go by, and some
//! assessments have a label, a respondent or a note. `benches/core.rs` uses the
//! same generator (it includes this file as a module).

use std::io::Write;

use jiff::Timestamp;
use mbct_sustain::core::answers::{self, Answer, Assessment, History};
use mbct_sustain::core::framework::Framework;

/// The seed used when none is given.
pub const SEED: u64 = 0x5eed_2026;

const RESPONDENTS: [&str; 10] = [
    "Sam", "Priya", "Alex", "Jo", "Kemi", "Ravi", "Lena", "Tom", "Aisha", "Mei",
];

/// The first assessment: Monday 4 January 2016, 09:00 UTC.
const START: i64 = 1_451_898_000;
const HOUR: i64 = 3_600;
/// Rounds are six weeks apart: further apart than the 30 days that join
/// assessments into one round, so each meeting is a round of its own.
const ROUND_GAP: i64 = 42 * 24 * HOUR;

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

/// A history of `n` assessments against `framework`, oldest first: rounds of
/// ten every six weeks, one per respondent, with the share of actions in place
/// growing from about a fifth to about four fifths.
pub fn history(framework: &Framework, n: usize, seed: u64) -> History {
    let mut rng = Rng::new(seed);
    let assessments = (0..n)
        .map(|i| {
            let round = (i / RESPONDENTS.len()) as i64;
            let seat = i % RESPONDENTS.len();
            let taken_at = Timestamp::from_second(START + round * ROUND_GAP + seat as i64 * HOUR)
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

/// One round of `people` people, a minute apart, each with their own name:
/// for measuring how the team views grow with the size of the team.
pub fn one_round(framework: &Framework, people: usize, seed: u64) -> History {
    let mut h = history(framework, people, seed);
    for (i, a) in h.assessments.iter_mut().enumerate() {
        a.taken_at = Timestamp::from_second(START + 60 * i as i64).expect("within the calendar");
        a.respondent = Some(format!("Person {i}"));
    }
    h
}

/// The answers-file text of [`history`], as the tool itself writes it.
pub fn text(framework: &Framework, n: usize, seed: u64) -> String {
    answers::file::render(&history(framework, n, seed), false).expect("a generated history renders")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_history N [SEED]";
    let n: usize = args.next().ok_or(usage)?.parse().map_err(|_| usage)?;
    let seed: u64 = match args.next() {
        Some(s) => s.parse().map_err(|_| usage)?,
        None => SEED,
    };
    let text = text(&Framework::bundled(), n, seed);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
