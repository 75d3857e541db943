#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Drill at scale: building a session queue over 10 000 cards (target < 10 ms) and saving
//! progress for 10 000 cards (target < 20 ms).

use chrono::{DateTime, Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::drill::{
    Answering, CardKind, Deck, DrillCard, Grade, PROGRESS_FILE, Progress, ProgressStore,
    QueueOptions, Review, ReviewLog, build_queue, encode, encode_entries,
};
use sfauth::model::{EntryKind, EntryRef};
use std::hint::black_box;

const CARDS: usize = 10_000;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn deck() -> Deck {
    Deck::from_cards(
        (0..CARDS)
            .map(|i| DrillCard {
                id: format!("gen-bench-card-{i:05}"),
                kind: CardKind::Card,
                topic: format!("topic-{}", i % 12),
                difficulty: (i % 3 + 1) as u8,
                prompt: "What does the aud claim hold?".into(),
                answer: "The login URL.".into(),
                answering: Answering::Flashcard,
                refs: vec![EntryRef::new(EntryKind::Check, "J6")],
                pack: None,
            })
            .collect(),
    )
}

/// Every card reviewed three times over the past weeks, so some are due and some are not.
fn log(deck: &Deck) -> ReviewLog {
    deck.cards()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let start = t0() - Duration::days(40) + Duration::minutes(i as i64);
            let reviews = vec![
                Review::new(start, Grade::Good),
                Review::new(start + Duration::minutes(10), Grade::Good),
                Review::new(
                    start + Duration::days(3 + (i % 20) as i64),
                    if i % 7 == 0 {
                        Grade::Again
                    } else {
                        Grade::Good
                    },
                ),
            ];
            (c.id.clone(), reviews)
        })
        .collect()
}

fn queue(c: &mut Criterion) {
    let deck = deck();
    // Half the deck reviewed, half new.
    let half: ReviewLog = log(&deck).into_iter().step_by(2).collect();
    let progress = Progress::from_log(half);
    let options = QueueOptions::default();
    let now = t0();
    let q = build_queue(&deck, &progress, &options, now);
    assert!(q.len() > options.new_per_day, "some cards are due");
    c.bench_function("drill_build_queue_10k", |b| {
        b.iter(|| build_queue(black_box(&deck), black_box(&progress), &options, now))
    });
}

fn save(c: &mut Criterion) {
    let deck = deck();
    let dir = tempfile::tempdir().unwrap();
    // A 10 000-card history on disk, then one more review and its save per iteration: lock,
    // re-read and merge, write the temp file, fsync, rename.
    std::fs::write(dir.path().join(PROGRESS_FILE), encode(&log(&deck))).unwrap();
    let (mut store, warnings) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(store.progress().review_count(), 3 * CARDS);
    let mut n = 0i64;
    c.bench_function("drill_save_progress_10k", |b| {
        b.iter(|| {
            n += 1;
            let at = t0() + Duration::seconds(n);
            store
                .record("gen-bench-card-00042", Review::new(at, Grade::Good), at)
                .unwrap()
        })
    });
}

/// The CPU part of a save (the rest is the disk's fsync): the bytes for 10 000 cards.
fn encode_only(c: &mut Criterion) {
    let progress = Progress::from_log(log(&deck()));
    c.bench_function("drill_encode_progress_10k", |b| {
        b.iter(|| encode_entries(black_box(&progress.sorted())))
    });
}

criterion_group!(benches, queue, save, encode_only);
criterion_main!(benches);
