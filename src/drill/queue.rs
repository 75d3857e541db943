//! Which cards a session shows: due cards first (most overdue first), then new cards up to
//! the daily limit, all through the topic, difficulty and kind filters.

use super::card::{CardKind, DrillCard};
use super::deck::Deck;
use super::progress::Progress;
use chrono::{DateTime, Duration, FixedOffset, Local, NaiveTime, Offset, TimeZone, Utc};
use std::collections::HashMap;

pub const DEFAULT_NEW_PER_DAY: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueOptions {
    /// New cards introduced per day (cards first reviewed earlier today count against it).
    pub new_per_day: usize,
    /// Empty: every topic.
    pub topics: Vec<String>,
    /// Empty: every difficulty.
    pub difficulties: Vec<u8>,
    /// Empty: every kind.
    pub kinds: Vec<CardKind>,
    /// Where "today" starts and ends.
    pub utc_offset: FixedOffset,
}

impl Default for QueueOptions {
    fn default() -> Self {
        QueueOptions {
            new_per_day: DEFAULT_NEW_PER_DAY,
            topics: Vec::new(),
            difficulties: Vec::new(),
            kinds: Vec::new(),
            utc_offset: Utc.fix(),
        }
    }
}

impl QueueOptions {
    pub fn admits(&self, card: &DrillCard) -> bool {
        (self.topics.is_empty() || self.topics.contains(&card.topic))
            && (self.difficulties.is_empty() || self.difficulties.contains(&card.difficulty))
            && (self.kinds.is_empty() || self.kinds.contains(&card.kind))
    }
}

/// The start of the local day containing `now`, and the start of the next one.
pub fn day_bounds(now: DateTime<Utc>, offset: FixedOffset) -> (DateTime<Utc>, DateTime<Utc>) {
    let local = now.with_timezone(&offset);
    let midnight = local.date_naive().and_time(NaiveTime::MIN);
    let start = offset
        .from_local_datetime(&midnight)
        .single()
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(now);
    (start, start + Duration::days(1))
}

/// Deck indices in the order a session shows them.
pub fn build_queue(
    deck: &Deck,
    progress: &Progress,
    options: &QueueOptions,
    now: DateTime<Utc>,
) -> Vec<usize> {
    let (today, _) = day_bounds(now, options.utc_offset);
    let mut due: Vec<(DateTime<Utc>, usize)> = Vec::new();
    let mut new: Vec<usize> = Vec::new();
    let mut introduced_today = 0usize;
    for (i, card) in deck.cards().iter().enumerate() {
        let Some(p) = progress.get(&card.id) else {
            if options.admits(card) {
                new.push(i);
            }
            continue;
        };
        if p.reviews.first().is_some_and(|r| r.at >= today) {
            introduced_today += 1;
        }
        if let Some(when) = p.memory.due()
            && when <= now
            && options.admits(card)
        {
            due.push((when, i));
        }
    }
    due.sort_unstable();
    let room = options.new_per_day.saturating_sub(introduced_today);
    let new = interleave_kinds(deck, new);
    due.into_iter()
        .map(|(_, i)| i)
        .chain(new.into_iter().take(room))
        .collect()
}

/// Easier cards first; within a difficulty the kinds take turns (a hand-written card, a
/// scenario, an ordering...) so that a day's new cards cover every kind. Deck order is kept
/// within a kind.
fn interleave_kinds(deck: &Deck, new: Vec<usize>) -> Vec<usize> {
    let mut seen: HashMap<(u8, CardKind), usize> = HashMap::new();
    let mut keyed: Vec<(u8, usize, CardKind, usize)> = new
        .into_iter()
        .filter_map(|i| {
            let card = deck.cards().get(i)?;
            let turn = seen.entry((card.difficulty, card.kind)).or_insert(0);
            *turn += 1;
            Some((card.difficulty, *turn, card.kind, i))
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, _, i)| i).collect()
}

/// The local time zone's offset at `now`, for "today" in sessions and stats.
pub fn local_offset(now: DateTime<Utc>) -> FixedOffset {
    Local.offset_from_utc_datetime(&now.naive_utc()).fix()
}
