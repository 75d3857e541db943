//! What the learner has done: every review (card id, grade, time) and the FSRS memory derived
//! from them. Only the review log is saved; memories are replayed from it.

use super::schedule::{Memory, Review, Scheduler};
use std::collections::{BTreeMap, HashMap};

/// Card id -> its reviews, oldest first. This is all the progress file holds.
pub type ReviewLog = BTreeMap<String, Vec<Review>>;

#[derive(Debug, Clone)]
pub struct CardProgress {
    pub reviews: Vec<Review>,
    pub memory: Memory,
}

#[derive(Debug, Clone, Default)]
pub struct Progress {
    cards: HashMap<String, CardProgress>,
    /// Reviews recorded here and not yet in the file.
    pending: HashMap<String, Vec<Review>>,
    scheduler: Scheduler,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    pub fn from_log(log: ReviewLog) -> Progress {
        let mut p = Progress::new();
        for (id, mut reviews) in log {
            reviews.sort_by_key(|r| r.at);
            let memory = p.scheduler.replay(&reviews);
            p.cards.insert(id, CardProgress { reviews, memory });
        }
        p
    }

    /// Adds a review and updates the card's schedule.
    pub fn record(&mut self, card_id: &str, review: Review) -> &Memory {
        self.pending
            .entry(card_id.to_string())
            .or_default()
            .push(review);
        let scheduler = &self.scheduler;
        let entry = self
            .cards
            .entry(card_id.to_string())
            .or_insert_with(|| CardProgress {
                reviews: Vec::new(),
                memory: Memory::new_card(),
            });
        let latest = entry.reviews.last().is_none_or(|last| last.at <= review.at);
        if latest {
            entry.reviews.push(review);
            entry.memory = scheduler.apply(&entry.memory, &review);
        } else {
            // A clock that went backwards: keep the log in time order and start over.
            let at = entry.reviews.partition_point(|r| r.at <= review.at);
            entry.reviews.insert(at, review);
            entry.memory = scheduler.replay(&entry.reviews);
        }
        &entry.memory
    }

    pub fn get(&self, card_id: &str) -> Option<&CardProgress> {
        self.cards.get(card_id)
    }

    pub fn memory(&self, card_id: &str) -> Option<&Memory> {
        self.cards.get(card_id).map(|c| &c.memory)
    }

    pub fn reviews(&self, card_id: &str) -> &[Review] {
        self.cards
            .get(card_id)
            .map(|c| c.reviews.as_slice())
            .unwrap_or_default()
    }

    /// Every card with at least one review, including cards no longer in the deck.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CardProgress)> {
        self.cards.iter().map(|(id, c)| (id.as_str(), c))
    }

    pub fn review_count(&self) -> usize {
        self.cards.values().map(|c| c.reviews.len()).sum()
    }

    pub fn has_pending(&self) -> bool {
        self.pending.values().any(|p| !p.is_empty())
    }

    /// Every card's reviews, sorted by card id.
    pub fn sorted(&self) -> Vec<(&str, &[Review])> {
        let mut entries: Vec<(&str, &[Review])> = self
            .cards
            .iter()
            .map(|(id, c)| (id.as_str(), c.reviews.as_slice()))
            .collect();
        entries.sort_unstable_by_key(|(id, _)| *id);
        entries
    }

    /// The pending reviews are now in the file.
    pub fn mark_saved(&mut self) {
        self.pending.clear();
    }

    pub fn log(&self) -> ReviewLog {
        self.cards
            .iter()
            .map(|(id, c)| (id.clone(), c.reviews.clone()))
            .collect()
    }

    /// What to write when the file now holds `disk`: everything in the file, everything this
    /// process knew that the file lost (e.g. it was moved aside), plus the pending reviews.
    /// Nothing is counted twice: a review another process also made in the same second stays
    /// two reviews because only pending reviews are added on top.
    pub fn merged_with(&self, disk: &ReviewLog) -> ReviewLog {
        let mut merged = ReviewLog::new();
        for (id, on_disk) in disk {
            let ours = self.cards.get(id).map(|c| c.reviews.as_slice());
            let pending = self.pending.get(id).map(Vec::as_slice).unwrap_or_default();
            let list = match ours {
                Some(ours) if pending.is_empty() && ours == on_disk.as_slice() => on_disk.clone(),
                Some(ours) => union(on_disk, ours, pending),
                None => on_disk.clone(),
            };
            merged.insert(id.clone(), list);
        }
        for (id, c) in &self.cards {
            if !disk.contains_key(id) {
                merged.insert(id.clone(), c.reviews.clone());
            }
        }
        merged
    }

    /// Takes `merged` (just written to the file) as the truth; replays only the cards whose
    /// reviews changed.
    pub fn adopt(&mut self, merged: ReviewLog) {
        let mut cards = HashMap::with_capacity(merged.len());
        for (id, reviews) in merged {
            let memory = match self.cards.remove(&id) {
                Some(c) if c.reviews == reviews => c.memory,
                _ => self.scheduler.replay(&reviews),
            };
            cards.insert(id, CardProgress { reviews, memory });
        }
        self.cards = cards;
        self.pending.clear();
    }
}

/// `on_disk` plus whatever of `ours` that is neither pending nor already on disk (counting
/// repeats), plus `pending`; in time order.
fn union(on_disk: &[Review], ours: &[Review], pending: &[Review]) -> Vec<Review> {
    let mut saved_before: Vec<Review> = ours.to_vec();
    for p in pending {
        if let Some(i) = saved_before.iter().rposition(|r| r == p) {
            saved_before.remove(i);
        }
    }
    let mut out = on_disk.to_vec();
    let mut unmatched: Vec<Review> = on_disk.to_vec();
    for r in saved_before {
        match unmatched.iter().position(|d| *d == r) {
            Some(i) => {
                unmatched.swap_remove(i);
            }
            None => out.push(r),
        }
    }
    out.extend_from_slice(pending);
    out.sort_by_key(|r| r.at);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::schedule::Grade;
    use chrono::{DateTime, Duration, Utc};

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_772_442_000, 0).unwrap() + Duration::minutes(minutes)
    }

    fn r(minutes: i64, grade: Grade) -> Review {
        Review::new(at(minutes), grade)
    }

    #[test]
    fn recording_updates_the_memory_and_marks_the_review_pending() {
        let mut p = Progress::new();
        assert!(p.memory("a").is_none());
        p.record("a", r(0, Grade::Good));
        assert!(p.memory("a").unwrap().due().is_some());
        assert!(p.has_pending());
        assert_eq!(p.review_count(), 1);
        p.adopt(p.merged_with(&ReviewLog::new()));
        assert!(!p.has_pending());
        assert_eq!(p.reviews("a"), &[r(0, Grade::Good)]);
    }

    #[test]
    fn an_out_of_order_review_is_replayed_in_time_order() {
        let mut p = Progress::new();
        p.record("a", r(60, Grade::Good));
        p.record("a", r(0, Grade::Again));
        let expected = Progress::from_log(ReviewLog::from([(
            "a".to_string(),
            vec![r(0, Grade::Again), r(60, Grade::Good)],
        )]));
        assert_eq!(p.reviews("a"), expected.reviews("a"));
        assert_eq!(p.memory("a"), expected.memory("a"));
    }

    #[test]
    fn merging_keeps_other_writers_reviews_and_ours() {
        let mut p = Progress::from_log(ReviewLog::from([("a".into(), vec![r(0, Grade::Good)])]));
        p.record("a", r(10, Grade::Good));
        p.record("b", r(11, Grade::Hard));
        // Meanwhile another process added a review of "a" and one of "c".
        let disk = ReviewLog::from([
            ("a".into(), vec![r(0, Grade::Good), r(5, Grade::Again)]),
            ("c".into(), vec![r(6, Grade::Easy)]),
        ]);
        let merged = p.merged_with(&disk);
        assert_eq!(
            merged["a"],
            vec![r(0, Grade::Good), r(5, Grade::Again), r(10, Grade::Good)]
        );
        assert_eq!(merged["b"], vec![r(11, Grade::Hard)]);
        assert_eq!(merged["c"], vec![r(6, Grade::Easy)]);
        p.adopt(merged);
        assert_eq!(p.review_count(), 5);
        let replayed = Progress::from_log(p.log());
        assert_eq!(p.memory("a"), replayed.memory("a"));
    }

    #[test]
    fn the_same_review_made_by_two_processes_counts_twice() {
        let mut p = Progress::new();
        p.record("a", r(0, Grade::Good));
        let disk = ReviewLog::from([("a".into(), vec![r(0, Grade::Good)])]);
        assert_eq!(p.merged_with(&disk)["a"].len(), 2);
    }

    #[test]
    fn reviews_the_file_lost_are_written_back() {
        let mut p = Progress::from_log(ReviewLog::from([("a".into(), vec![r(0, Grade::Good)])]));
        p.record("a", r(10, Grade::Hard));
        let merged = p.merged_with(&ReviewLog::new());
        assert_eq!(merged["a"], vec![r(0, Grade::Good), r(10, Grade::Hard)]);
    }
}
