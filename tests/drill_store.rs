#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The progress file: atomic replacement, corrupt and newer files kept aside, two writers at
//! once, and a decoder that never panics.

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use serde_json::Value;
use sfauth::drill::{
    Grade, PROGRESS_FILE, ProgressStore, Review, ReviewLog, StoreError, decode, encode,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Records a `Good` review of `card` at t0.
fn record_good(store: &mut ProgressStore, card: &str) {
    store
        .record(card, Review::new(t0(), Grade::Good), t0())
        .unwrap();
}

/// A store in a fresh folder with one `Good` review of `card` saved: the folder (kept while it
/// lives), the progress file's path, and the store.
fn saved_store(card: &str) -> (tempfile::TempDir, PathBuf, ProgressStore) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let (mut store, _) = ProgressStore::open(dir.path(), t0()).unwrap();
    record_good(&mut store, card);
    (dir, path, store)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_folder_is_no_progress_and_the_first_review_creates_it() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("nested/data");
    let (mut store, warnings) = ProgressStore::open(&dir, t0()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(store.progress().review_count(), 0);
    assert!(!dir.exists(), "opening alone writes nothing");
    record_good(&mut store, "jwt-aud");
    assert_eq!(files_in(&dir), [PROGRESS_FILE]);
}

#[test]
fn the_file_holds_a_schema_version_and_only_ids_grades_and_times() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = ProgressStore::open(dir.path(), t0()).unwrap();
    record_good(&mut store, "card-a");
    store
        .record(
            "gen-order-flow-jwt-bearer",
            Review::new(t0() + Duration::seconds(5), Grade::Again),
            t0(),
        )
        .unwrap();
    let text = fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "schema": 1,
            "cards": {
                "card-a": [{"at": 1_772_442_000, "grade": 3}],
                "gen-order-flow-jwt-bearer": [{"at": 1_772_442_005, "grade": 1}]
            }
        })
    );
    // No temp file or lock is left behind.
    assert_eq!(files_in(dir.path()), [PROGRESS_FILE]);
    let (again, warnings) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(again.progress().log(), store.progress().log());
    assert_eq!(
        again.progress().memory("card-a"),
        store.progress().memory("card-a")
    );
}

#[test]
fn a_reader_never_sees_a_half_written_file() {
    let (_dir, path, mut store) = saved_store("c0");
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let done = Arc::clone(&done);
        let path = path.clone();
        thread::spawn(move || {
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let bytes = fs::read(&path).unwrap();
                decode(&bytes).unwrap();
                reads += 1;
            }
            reads
        })
    };
    for i in 1..150 {
        let id = format!("card-with-a-long-enough-id-to-make-the-file-grow-{i}");
        store
            .record(&id, Review::new(t0(), Grade::Hard), t0())
            .unwrap();
    }
    done.store(true, Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
}

#[test]
fn a_corrupt_file_is_kept_aside_never_overwritten_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    fs::write(
        &path,
        "{\"schema\": 1, \"cards\": {\"a\": [{\"at\": 1, \"grade\": 9}]}}",
    )
    .unwrap();
    let (mut store, warnings) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert_eq!(warnings.len(), 1);
    let kept = dir.path().join("progress.json.corrupt-20260302T090000Z");
    assert_eq!(warnings[0].kept_as, kept);
    assert!(warnings[0].reason.contains("grade 9"), "{}", warnings[0]);
    assert!(
        warnings[0]
            .to_string()
            .contains("progress.json.corrupt-20260302T090000Z")
    );
    assert_eq!(store.progress().review_count(), 0);
    assert!(!path.exists());
    record_good(&mut store, "b");
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        "{\"schema\": 1, \"cards\": {\"a\": [{\"at\": 1, \"grade\": 9}]}}"
    );
    // A second corrupt file in the same second gets its own name.
    fs::write(&path, "garbage").unwrap();
    let (_, warnings) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert_eq!(
        warnings[0].kept_as,
        dir.path().join("progress.json.corrupt-20260302T090000Z-2")
    );
    assert!(warnings[0].reason.starts_with("not a progress file"));
}

#[test]
fn a_file_from_a_newer_sfauth_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let newer = "{\"schema\": 2, \"cards\": {}, \"decks\": []}";
    fs::write(&path, newer).unwrap();
    let (_, warnings) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].reason.contains("newer sfauth (schema 2"),
        "{}",
        warnings[0]
    );
    assert_eq!(fs::read_to_string(&warnings[0].kept_as).unwrap(), newer);
}

#[test]
fn a_file_that_turns_corrupt_between_reviews_is_kept_aside_and_our_reviews_survive() {
    let (_dir, path, mut store) = saved_store("a");
    fs::write(&path, "[1, 2").unwrap();
    let later = t0() + Duration::minutes(1);
    let warnings = store
        .record("b", Review::new(later, Grade::Good), later)
        .unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(fs::read_to_string(&warnings[0].kept_as).unwrap(), "[1, 2");
    let log = decode(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(log.keys().collect::<Vec<_>>(), ["a", "b"]);
}

#[test]
fn two_writers_at_once_lose_no_review() {
    let dir = tempfile::tempdir().unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            thread::spawn(move || {
                let (mut store, _) = ProgressStore::open(&dir, t0()).unwrap();
                for i in 0..40 {
                    let at = t0() + Duration::seconds(i);
                    // Each writer has its own cards and both review a shared one.
                    store
                        .record(&format!("w{w}-{i}"), Review::new(at, Grade::Good), at)
                        .unwrap();
                    store
                        .record("shared", Review::new(at, Grade::Hard), at)
                        .unwrap();
                }
                store.progress().review_count()
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let (store, warnings) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert!(warnings.is_empty());
    let p = store.progress();
    assert_eq!(p.review_count(), 160);
    assert_eq!(p.reviews("shared").len(), 80);
    for w in 0..2 {
        for i in 0..40 {
            assert_eq!(p.reviews(&format!("w{w}-{i}")).len(), 1);
        }
    }
    assert_eq!(files_in(dir.path()), [PROGRESS_FILE]);
}

#[test]
fn a_held_lock_fails_the_save_but_keeps_the_review_for_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let lock = dir.path().join("progress.json.lock");
    fs::write(&lock, "4242\n").unwrap();
    let (store, _) = ProgressStore::open(dir.path(), t0()).unwrap();
    let mut store = store.with_lock_timeout(std::time::Duration::from_millis(50));
    let err = store
        .record("a", Review::new(t0(), Grade::Good), t0())
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)));
    assert!(err.to_string().contains("progress.json.lock"), "{err}");
    assert!(store.progress().has_pending());
    fs::remove_file(&lock).unwrap();
    store.save(t0()).unwrap();
    let (again, _) = ProgressStore::open(dir.path(), t0()).unwrap();
    assert_eq!(again.progress().reviews("a").len(), 1);
}

fn arb_log() -> impl Strategy<Value = ReviewLog> {
    let review = (0i64..4_000_000_000, 1u8..=4).prop_map(|(at, g)| {
        Review::new(
            DateTime::from_timestamp(at, 0).unwrap(),
            Grade::from_number(g).unwrap(),
        )
    });
    prop::collection::btree_map(
        "[a-z0-9-]{1,30}",
        prop::collection::vec(review, 0..5),
        0..20,
    )
    .prop_map(|mut log| {
        for reviews in log.values_mut() {
            reviews.sort_by_key(|r| r.at);
        }
        log
    })
}

proptest! {
    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn decoding_mutated_files_never_panics(cut in 0usize..80, byte in any::<u8>()) {
        let mut bytes = br#"{"schema":1,"cards":{"a":[{"at":1772442000,"grade":3}]}}"#.to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let _ = decode(&bytes);
    }

    #[test]
    fn encode_then_decode_gives_the_log_back(log in arb_log()) {
        let bytes = encode(&log);
        prop_assert_eq!(decode(&bytes).unwrap(), log);
    }
}

#[test]
fn decode_names_what_is_wrong() {
    let err = |s: &str| decode(s.as_bytes()).unwrap_err();
    assert!(err("").starts_with("not a progress file"));
    assert_eq!(
        err(r#"{"schema":0,"cards":{}}"#),
        "schema version 0 does not exist"
    );
    assert!(err(r#"{"schema":1,"cards":{"":[]}}"#).contains("is not a card id"));
    assert!(
        err(r#"{"schema":1,"cards":{"a":[{"at":99999999999999999,"grade":1}]}}"#)
            .contains("card \"a\": review 1: time 99999999999999999 is out of range")
    );
    assert!(
        err(r#"{"schema":1,"cards":{"a":[{"at":1,"grade":1,"note":"x"}]}}"#)
            .contains("unknown field `note`")
    );
}

#[test]
fn three_answers_survive_a_restart_and_shape_the_next_session() {
    use sfauth::drill::{Deck, Mode, QueueOptions, Session};
    use sfauth::model::Knowledge;

    let dir = tempfile::tempdir().unwrap();
    let deck = Arc::new(Deck::from_knowledge(&Knowledge::builtin().unwrap()));
    let now = t0();
    let (mut store, _) = ProgressStore::open(dir.path(), now).unwrap();
    let mut session = Session::start(
        Arc::clone(&deck),
        store.progress(),
        &QueueOptions::default(),
        now,
    );
    let mut answered = Vec::new();
    for _ in 0..3 {
        let card = session.current().unwrap().clone();
        let a = match card.mode() {
            Mode::Flashcard => {
                session.reveal().unwrap();
                session.grade(Grade::Good, now).unwrap()
            }
            Mode::MultipleChoice => {
                // Wrong is graded again at once; right waits for its grade (good on advance).
                let wrong = session.choose(0, now).unwrap();
                let graded = session.advance(now).unwrap();
                wrong.or(graded).unwrap()
            }
            Mode::Ordering => {
                let a = session.submit_order(&[0], now);
                assert!(a.is_err(), "a partial order is refused");
                let all: Vec<usize> = match &card.answering {
                    sfauth::drill::Answering::Order { steps, .. } => (0..steps.len()).collect(),
                    _ => unreachable!(),
                };
                let wrong = session.submit_order(&all, now).unwrap();
                let graded = session.advance(now).unwrap();
                wrong.or(graded).unwrap()
            }
        };
        store.record(&a.card_id, a.review, now).unwrap();
        answered.push(a.card_id);
    }
    drop(store);

    let (store, warnings) = ProgressStore::open(dir.path(), now).unwrap();
    assert!(warnings.is_empty());
    for id in &answered {
        assert_eq!(store.progress().reviews(id).len(), 1, "{id}");
    }
    // Minutes later nothing is due yet and the three are no longer new: the day's other 17
    // new cards follow.
    let soon = now + Duration::seconds(30);
    let next = Session::start(
        Arc::clone(&deck),
        store.progress(),
        &QueueOptions::default(),
        soon,
    );
    assert_eq!(next.progress().1, 17);
    assert!(!answered.contains(&next.current().unwrap().id));
    // An hour later the three are due and come first.
    let later = now + Duration::hours(1);
    let later_session = Session::start(deck, store.progress(), &QueueOptions::default(), later);
    assert!(answered.contains(&later_session.current().unwrap().id));
}
