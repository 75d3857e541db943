//! Figures for `sfauth drill stats` and the Drill tab's stats view.

use super::deck::Deck;
use super::progress::Progress;
use super::queue::day_bounds;
use chrono::{DateTime, Duration, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub cards: usize,
    /// Never reviewed.
    pub new: usize,
    /// Reviewed at least once.
    pub reviewed: usize,
    /// Every answer given to these cards.
    pub reviews: usize,
    /// Due before the end of today (overdue included).
    pub due_today: usize,
    /// Due before the end of the seventh day from today (overdue included).
    pub due_this_week: usize,
    /// Share of repeat reviews (every review after a card's first) not graded Again; `None`
    /// until there is one.
    pub retention: Option<f64>,
    /// Mean modelled chance of recalling the reviewed cards now.
    pub recall: Option<f64>,
    #[serde(skip)]
    repeats: usize,
    #[serde(skip)]
    passed: usize,
    #[serde(skip)]
    recall_sum: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicFigures {
    pub topic: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The instant the figures are for (RFC 3339).
    pub at: String,
    #[serde(flatten)]
    pub total: Figures,
    /// The earliest time a reviewed card falls due.
    pub next_due: Option<String>,
    pub topics: Vec<TopicFigures>,
}

pub fn stats(deck: &Deck, progress: &Progress, now: DateTime<Utc>, offset: FixedOffset) -> Stats {
    let (_, end_of_today) = day_bounds(now, offset);
    let end_of_week = end_of_today + Duration::days(6);
    let mut total = Figures::default();
    let mut topics: BTreeMap<&str, Figures> = BTreeMap::new();
    for card in deck.cards() {
        let topic = topics.entry(card.topic.as_str()).or_default();
        for f in [&mut total, topic] {
            f.cards += 1;
            let Some(p) = progress.get(&card.id) else {
                f.new += 1;
                continue;
            };
            f.reviewed += 1;
            f.reviews += p.reviews.len();
            for r in p.reviews.iter().skip(1) {
                f.repeats += 1;
                f.passed += usize::from(r.grade.is_pass());
            }
            f.recall_sum += p.memory.recall(now);
            if let Some(due) = p.memory.due() {
                f.due_today += usize::from(due < end_of_today);
                f.due_this_week += usize::from(due < end_of_week);
            }
        }
    }
    let next_due = deck
        .cards()
        .iter()
        .filter_map(|c| progress.memory(&c.id).and_then(|m| m.due()))
        .min();
    Stats {
        at: rfc3339(now),
        total: finish(total),
        next_due: next_due.map(rfc3339),
        topics: topics
            .into_iter()
            .map(|(topic, f)| TopicFigures {
                topic: topic.to_string(),
                figures: finish(f),
            })
            .collect(),
    }
}

fn finish(mut f: Figures) -> Figures {
    f.retention = ratio(f.passed, f.repeats);
    f.recall = (f.reviewed > 0).then(|| round3(f.recall_sum / f.reviewed as f64));
    f
}

/// `part / whole` to three decimals; `None` when there is nothing to divide.
pub fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round3(part as f64 / whole as f64))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}
