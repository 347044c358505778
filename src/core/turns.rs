//! Saves take turns, first come first served: the queue kept in the answers file's lock file.
//!
//! The lock itself is a plain file lock, which the system hands to whichever waiter asks first once
//! it is free: a save that has just finished and saves again at once (a script, a busy shared
//! folder) can take it every time, and a save waiting beside it can lose that race for longer than
//! it waits. So each save joins a queue (kept in a file of its own, locked only for the moment it
//! is read and written), and only the save at its head may take the lock. Nothing here needs a
//! clock or a process id: a waiter shows it is alive by a beat it adds each time it looks at the
//! queue, and a waiter whose beat stood still while another looked many times over (it was killed,
//! or gave up) is dropped.

use std::collections::HashMap;

/// One save waiting its turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Its number, unique in the queue.
    pub id: u64,
    /// How many times it has looked at the queue: it moves while the save is alive.
    pub beat: u64,
}

/// The saves waiting, in turn: the first goes next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    /// The number the next save to join takes.
    pub next: u64,
    /// Who is waiting, first first.
    pub waiting: Vec<Entry>,
}

/// What the first line of the lock file says to a person who opens it.
const HEADER: &str =
    "# mbct-sustain: saves waiting their turn (number, beat); safe to delete when none runs";

impl Queue {
    /// Reads the lock file's text; anything it cannot read (an empty file, a lock file of an
    /// older version, a write cut short) is an empty queue, as the lock, not the queue, is what
    /// keeps saves apart.
    pub fn parse(text: &str) -> Queue {
        let mut lines = text.lines().filter(|l| !l.starts_with('#'));
        let next = lines
            .next()
            .and_then(|l| l.strip_prefix("next "))
            .and_then(|n| n.trim().parse().ok());
        let waiting: Option<Vec<Entry>> = lines
            .map(|l| {
                let (id, beat) = l.trim().split_once(' ')?;
                Some(Entry {
                    id: id.parse().ok()?,
                    beat: beat.parse().ok()?,
                })
            })
            .collect();
        match (next, waiting) {
            (Some(next), Some(waiting)) if waiting.iter().all(|e| e.id < next) => {
                Queue { next, waiting }
            }
            _ => Queue::default(),
        }
    }

    /// The text the lock file holds.
    pub fn render(&self) -> String {
        let mut text = format!("{HEADER}\nnext {}\n", self.next);
        for e in &self.waiting {
            text.push_str(&format!("{} {}\n", e.id, e.beat));
        }
        text
    }

    /// The save that goes next, if any waits.
    pub fn head(&self) -> Option<u64> {
        self.waiting.first().map(|e| e.id)
    }

    /// How many saves wait before `mine` (all of them when it is not in the queue).
    pub fn ahead_of(&self, mine: u64) -> usize {
        self.waiting
            .iter()
            .position(|e| e.id == mine)
            .unwrap_or(self.waiting.len())
    }
}

impl Queue {
    /// With the queue in hand: the saves `gone` leave it, and the save `mine` beats, or joins at
    /// the back when it is not in it (it is new, or was dropped). Returns its number.
    pub fn look(&mut self, mine: Option<u64>, gone: &[u64]) -> u64 {
        self.waiting
            .retain(|e| !gone.contains(&e.id) || Some(e.id) == mine);
        match self.waiting.iter_mut().find(|e| Some(e.id) == mine) {
            Some(e) => {
                e.beat += 1;
                e.id
            }
            None => {
                let id = self.next;
                self.next += 1;
                self.waiting.push(Entry { id, beat: 0 });
                id
            }
        }
    }

    /// Whether it is `mine`'s turn: only the first in the queue may take the lock.
    pub fn is_first(&self, mine: u64) -> bool {
        self.head() == Some(mine)
    }

    /// `mine` took the lock, and leaves the queue.
    pub fn leave(&mut self, mine: u64) {
        self.waiting.retain(|e| e.id != mine);
    }
}

/// A waiter is gone only when its beat stood still over this many looks of another's.
pub const LOOKS: u32 = 50;

/// What one waiting save has seen of the others: each one's beat, and for how many of its own
/// looks (and since when, in any unit of time the caller keeps) that beat has not moved.
#[derive(Debug, Clone, Default)]
pub struct Watch {
    seen: HashMap<u64, (u64, u32, u64)>,
}

impl Watch {
    /// Notes one look at `queue` at time `now` (by `mine`); returns the saves whose beat stood
    /// still for [`LOOKS`] looks and at least `still_for` of time: they are gone (killed, or given
    /// up), and leave the queue.
    pub fn look(&mut self, queue: &Queue, mine: Option<u64>, now: u64, still_for: u64) -> Vec<u64> {
        let mut seen = HashMap::with_capacity(queue.waiting.len());
        let mut gone = Vec::new();
        for e in queue.waiting.iter().filter(|e| Some(e.id) != mine) {
            let (looks, since) = match self.seen.get(&e.id) {
                Some(&(beat, looks, since)) if beat == e.beat => (looks + 1, since),
                _ => (0, now),
            };
            if looks >= LOOKS && now.saturating_sub(since) >= still_for {
                gone.push(e.id);
            }
            seen.insert(e.id, (e.beat, looks, since));
        }
        self.seen = seen;
        gone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(next: u64, waiting: &[(u64, u64)]) -> Queue {
        Queue {
            next,
            waiting: waiting
                .iter()
                .map(|&(id, beat)| Entry { id, beat })
                .collect(),
        }
    }

    #[test]
    fn the_queue_reads_back_what_it_writes_and_anything_else_is_empty() {
        let q = queue(9, &[(6, 3), (8, 0)]);
        assert_eq!(Queue::parse(&q.render()), q);
        assert!(q.render().starts_with("# mbct-sustain"));
        for text in [
            "",
            "\n",
            "next x\n",
            "next 3\n1 2 3\n",
            "next 3\n5 0\n",
            "junk",
        ] {
            assert_eq!(Queue::parse(text), Queue::default(), "{text:?}");
        }
        assert_eq!(Queue::parse("next 3\n"), queue(3, &[]));
    }

    #[test]
    fn an_empty_queue_makes_the_first_save_first_at_once() {
        let mut q = Queue::default();
        let mine = q.look(None, &[]);
        assert!(q.is_first(mine));
        q.leave(mine);
        assert_eq!(q, queue(1, &[]), "it took a number and left");
    }

    #[test]
    fn saves_go_in_the_order_they_came_each_beating_as_it_looks() {
        let mut q = queue(5, &[(3, 0), (4, 0)]);
        assert_eq!(q.look(None, &[]), 5);
        assert_eq!(q.look(Some(5), &[]), 5);
        assert_eq!(q.look(Some(4), &[]), 4);
        assert_eq!(q, queue(6, &[(3, 0), (4, 1), (5, 1)]));
        assert!(!q.is_first(4) && !q.is_first(5) && q.is_first(3));
        q.leave(3);
        assert!(q.is_first(4));
        q.leave(4);
        assert!(q.is_first(5));
    }

    #[test]
    fn a_save_that_finished_and_saves_again_joins_the_back() {
        let mut q = queue(2, &[(1, 4)]);
        // Number 0 took the lock and comes back at once: it queues behind 1.
        assert_eq!(q.look(None, &[]), 2);
        assert_eq!(q.ahead_of(2), 1);
        // One dropped from the queue (it stood still too long) joins again at the back too.
        assert_eq!(q.look(Some(0), &[]), 3);
        assert_eq!(q.ahead_of(3), 2);
    }

    #[test]
    fn gone_saves_leave_the_queue_but_a_save_never_drops_itself() {
        let mut q = queue(4, &[(1, 2), (2, 0), (3, 9)]);
        assert_eq!(q.look(Some(3), &[1, 2, 3]), 3);
        assert_eq!(q, queue(4, &[(3, 10)]));
        assert!(q.is_first(3));
    }

    #[test]
    fn a_waiter_is_gone_only_when_its_beat_stood_still_for_many_looks_and_some_time() {
        let mut w = Watch::default();
        let mut gone = Vec::new();
        // Save 1 beats; save 2 does not.
        for look in 0..=LOOKS as u64 {
            let q = queue(4, &[(1, look), (2, 7), (3, 0)]);
            gone = w.look(&q, Some(3), look, 40);
        }
        assert_eq!(gone, [2u64]);
        // As many looks in less time than `still_for` are not enough.
        let mut w = Watch::default();
        for look in 0..=LOOKS as u64 {
            gone = w.look(&queue(3, &[(2, 7)]), None, look / 10, 40);
        }
        assert!(gone.is_empty());
        // A beat that moves starts the count again.
        let mut w = Watch::default();
        for look in 0..2 * LOOKS as u64 {
            gone = w.look(&queue(3, &[(2, look / 40)]), None, look, 10);
            assert!(gone.is_empty(), "look {look}");
        }
    }
}
