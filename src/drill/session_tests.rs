//! Sessions, queues and stats over small synthetic decks with an injected clock.

use super::*;
use crate::model::{EntryKind, EntryRef};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use std::sync::Arc;

/// The injected clock's first day, 09:00 UTC.
const DAY1: &str = "2026-03-02T09:00:00Z";

fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn card(id: &str, topic: &str, difficulty: u8, answering: Answering) -> DrillCard {
    DrillCard {
        id: id.into(),
        kind: match answering {
            Answering::Flashcard => CardKind::Card,
            Answering::Choice { .. } => CardKind::Scenario,
            Answering::Order { .. } => CardKind::Order,
        },
        topic: topic.into(),
        difficulty,
        prompt: format!("prompt {id}"),
        answer: format!("answer {id}"),
        answering,
        refs: vec![EntryRef::new(EntryKind::Flow, "jwt-bearer")],
        pack: None,
    }
}

fn choice() -> Answering {
    Answering::Choice {
        options: vec!["wrong".into(), "right".into(), "also wrong".into()],
        correct: 1,
    }
}

fn order() -> Answering {
    Answering::Order {
        steps: vec!["one".into(), "two".into(), "three".into()],
        shown: vec![2, 0, 1],
    }
}

fn deck() -> Arc<Deck> {
    Arc::new(Deck::from_cards(vec![
        card("flash", "tokens", 1, Answering::Flashcard),
        card("pick", "choosing", 2, choice()),
        card("steps", "flows", 3, order()),
    ]))
}

#[test]
fn a_flashcard_is_revealed_then_graded() {
    let now = t(DAY1);
    let mut s = Session::with_queue(deck(), vec![0, 1, 2]);
    assert_eq!(s.current().unwrap().id, "flash");
    assert_eq!(
        s.grade(Grade::Good, now),
        Err(SessionError::WrongStep("reveal the answer before grading"))
    );
    assert_eq!(
        s.choose(0, now),
        Err(SessionError::WrongMode(
            "revealing the answer and grading it"
        ))
    );
    s.reveal().unwrap();
    assert_eq!(s.phase(), &Phase::Revealed);
    let answered = s.grade(Grade::Hard, now).unwrap();
    assert_eq!(answered.card_id, "flash");
    assert_eq!(answered.review, Review::new(now, Grade::Hard));
    assert_eq!(s.current().unwrap().id, "pick");
    assert_eq!(s.phase(), &Phase::Asking);
}

#[test]
fn a_wrong_choice_is_again_and_shows_feedback_until_advance() {
    let now = t(DAY1);
    let mut s = Session::with_queue(deck(), vec![1, 1]);
    assert_eq!(
        s.choose(3, now),
        Err(SessionError::NoSuchOption { index: 3, count: 3 })
    );
    let answered = s.choose(0, now).unwrap().unwrap();
    assert_eq!(answered.review.grade, Grade::Again);
    assert!(!s.awaits_grade(), "a wrong answer is graded already");
    assert_eq!(
        s.grade(Grade::Easy, now),
        Err(SessionError::WrongStep(
            "a wrong answer is already graded again"
        ))
    );
    assert_eq!(
        s.phase(),
        &Phase::Feedback(Feedback::Choice {
            chosen: 0,
            correct: 1
        })
    );
    assert!(s.choose(1, now).is_err(), "one answer per card");
    assert_eq!(s.advance(now), Ok(None));
    assert_eq!(
        s.choose(1, now),
        Ok(None),
        "a right answer waits for its grade"
    );
    assert!(s.awaits_grade());
    let graded = s.advance(now).unwrap().unwrap();
    assert_eq!(graded.review.grade, Grade::Good, "going on grades it good");
    assert!(s.is_finished());
    assert_eq!(s.advance(now), Err(SessionError::Finished));
}

#[test]
fn a_right_choice_is_graded_by_confidence_then_moves_on() {
    let now = t(DAY1);
    let mut s = Session::with_queue(deck(), vec![1, 2]);
    assert_eq!(
        s.grade(Grade::Good, now),
        Err(SessionError::WrongStep("answer the card before grading"))
    );
    assert_eq!(s.choose(1, now), Ok(None));
    let answered = s.grade(Grade::Hard, now).unwrap();
    assert_eq!(answered.card_id, "pick");
    assert_eq!(answered.review.grade, Grade::Hard);
    assert_eq!(s.current().unwrap().id, "steps");
    assert_eq!(s.submit_order(&[0, 1, 2], now), Ok(None));
    assert_eq!(s.grade(Grade::Easy, now).unwrap().review.grade, Grade::Easy);
    assert!(s.is_finished());
}

#[test]
fn an_ordering_reports_the_misplaced_steps() {
    let now = t(DAY1);
    let mut s = Session::with_queue(deck(), vec![2, 2]);
    assert_eq!(
        s.submit_order(&[0, 0, 1], now),
        Err(SessionError::BadOrder { count: 3 })
    );
    assert_eq!(
        s.submit_order(&[0, 1], now),
        Err(SessionError::BadOrder { count: 3 })
    );
    let answered = s.submit_order(&[0, 2, 1], now).unwrap().unwrap();
    assert_eq!(answered.review.grade, Grade::Again);
    assert_eq!(
        s.phase(),
        &Phase::Feedback(Feedback::Order {
            submitted: vec![0, 2, 1],
            misplaced: vec![1, 2]
        })
    );
    assert_eq!(s.advance(now), Ok(None));
    assert_eq!(s.submit_order(&[0, 1, 2], now), Ok(None));
    assert_eq!(s.advance(now).unwrap().unwrap().review.grade, Grade::Good);
}

#[test]
fn skip_moves_on_without_a_review_and_the_summary_counts_it() {
    let now = t(DAY1);
    let mut progress = Progress::new();
    let mut s = Session::with_queue(deck(), vec![0, 1, 2]);
    s.skip().unwrap();
    assert_eq!(s.choose(1, now), Ok(None));
    let a = s.grade(Grade::Good, now).unwrap();
    progress.record(&a.card_id, a.review);
    let a = s.submit_order(&[1, 0, 2], now).unwrap().unwrap();
    progress.record(&a.card_id, a.review);
    s.skip().unwrap(); // after a graded wrong answer: just moves on, not a skip
    assert!(s.is_finished());
    assert_eq!(s.skip(), Err(SessionError::Finished));
    let summary = s.summary(&progress);
    assert_eq!(summary.reviewed, 2);
    assert_eq!(summary.correct, 1);
    assert_eq!(summary.correct_rate, Some(0.5));
    assert_eq!(summary.skipped, 1);
    // Both were reviewed at `now`; the failed ordering comes back first, within minutes.
    let next = t(summary.next_due.as_deref().unwrap());
    assert!(next > now && next <= now + Duration::minutes(10), "{next}");
}

#[test]
fn an_empty_session_is_finished_at_once() {
    let s = Session::with_queue(deck(), vec![7]);
    assert!(s.is_finished());
    assert!(s.current().is_none());
    assert_eq!(s.progress(), (0, 0));
}

fn numbered_deck(n: usize) -> Deck {
    Deck::from_cards(
        (0..n)
            .map(|i| {
                let topic = if i % 2 == 0 { "even" } else { "odd" };
                card(
                    &format!("c{i}"),
                    topic,
                    (i % 3 + 1) as u8,
                    Answering::Flashcard,
                )
            })
            .collect(),
    )
}

/// Progress after `reviews`, each (card id, minutes after [`DAY1`], grade).
fn reviewed(reviews: &[(&str, i64, Grade)]) -> Progress {
    let mut p = Progress::new();
    for &(id, minutes, grade) in reviews {
        p.record(id, Review::new(t(DAY1) + Duration::minutes(minutes), grade));
    }
    p
}

fn ids(deck: &Deck, queue: &[usize]) -> Vec<String> {
    queue.iter().map(|&i| deck.cards()[i].id.clone()).collect()
}

#[test]
fn due_cards_come_first_most_overdue_first_then_new_ones_up_to_the_limit() {
    let deck = numbered_deck(40);
    let p = reviewed(&[("c5", 0, Grade::Good), ("c7", 1, Grade::Again)]);
    let later = t(DAY1) + Duration::hours(1);
    let options = QueueOptions {
        new_per_day: 5,
        ..QueueOptions::default()
    };
    let queue = build_queue(&deck, &p, &options, later);
    let ids = ids(&deck, &queue);
    // c7 fell due at 09:02 and c5 at 09:10: the most overdue comes first.
    assert_eq!(&ids[..2], ["c7", "c5"]);
    // Two cards were introduced today, so three new ones fit; easiest (difficulty 1) first.
    assert_eq!(&ids[2..], ["c0", "c3", "c6"]);
}

#[test]
fn the_daily_limit_starts_over_the_next_day_in_the_given_offset() {
    let deck = numbered_deck(10);
    let mut p = Progress::new();
    let evening = t("2026-03-02T22:30:00Z");
    for i in 0..3 {
        p.record(&format!("c{i}"), Review::new(evening, Grade::Easy));
    }
    let utc = QueueOptions {
        new_per_day: 3,
        ..QueueOptions::default()
    };
    let new_cards = |options: &QueueOptions, now| {
        build_queue(&deck, &p, options, now)
            .into_iter()
            .filter(|&i| p.get(&deck.cards()[i].id).is_none())
            .count()
    };
    assert_eq!(new_cards(&utc, evening + Duration::minutes(10)), 0);
    assert_eq!(new_cards(&utc, t("2026-03-03T00:10:00Z")), 3);
    // At UTC+2 the 22:30 reviews already belong to the 3rd, as does 00:10 UTC.
    let plus2 = QueueOptions {
        utc_offset: FixedOffset::east_opt(2 * 3600).unwrap(),
        ..utc.clone()
    };
    assert_eq!(new_cards(&plus2, t("2026-03-03T00:10:00Z")), 0);
}

#[test]
fn new_cards_of_each_kind_take_turns_within_a_difficulty() {
    let mut cards = Vec::new();
    for i in 0..3 {
        cards.push(card(&format!("written{i}"), "t", 1, Answering::Flashcard));
    }
    for i in 0..2 {
        cards.push(card(&format!("order{i}"), "t", 1, order()));
    }
    cards.push(card("hard-pick", "t", 3, choice()));
    cards.push(card("pick", "t", 1, choice()));
    let deck = Deck::from_cards(cards);
    let queue = build_queue(&deck, &Progress::new(), &QueueOptions::default(), t(DAY1));
    assert_eq!(
        ids(&deck, &queue),
        [
            "written0",
            "pick",
            "order0",
            "written1",
            "order1",
            "written2",
            "hard-pick"
        ]
    );
}

#[test]
fn filters_pick_topics_difficulties_and_kinds() {
    let deck = numbered_deck(12);
    let p = Progress::new();
    let now = t(DAY1);
    let only = |options: QueueOptions| ids(&deck, &build_queue(&deck, &p, &options, now));
    let odd_hard = only(QueueOptions {
        topics: vec!["odd".into()],
        difficulties: vec![3],
        ..QueueOptions::default()
    });
    assert_eq!(odd_hard, ["c5", "c11"]);
    let none = only(QueueOptions {
        kinds: vec![CardKind::Order],
        ..QueueOptions::default()
    });
    assert!(none.is_empty());
}

#[test]
fn stats_count_new_due_and_retention_per_topic() {
    let deck = numbered_deck(6);
    // c0 (even): learned, then recalled the next day; c1 (odd): failed the repeat.
    let p = reviewed(&[
        ("c0", 0, Grade::Good),
        ("c0", 10, Grade::Good),
        ("c1", 0, Grade::Good),
        ("c1", 10, Grade::Again),
        ("gone", 0, Grade::Good),
    ]);
    let s = stats(
        &deck,
        &p,
        t(DAY1) + Duration::hours(1),
        FixedOffset::east_opt(0).unwrap(),
    );
    assert_eq!(s.total.cards, 6);
    assert_eq!(s.total.new, 4);
    assert_eq!(
        s.total.reviewed, 2,
        "reviews of cards no longer in the deck are ignored"
    );
    assert_eq!(s.total.reviews, 4);
    assert_eq!(s.total.retention, Some(0.5));
    // c1 relearns within minutes; c0 is due in days but within the week.
    assert_eq!(s.total.due_today, 1);
    assert_eq!(s.total.due_this_week, 2);
    let even = &s.topics.iter().find(|t| t.topic == "even").unwrap().figures;
    let odd = &s.topics.iter().find(|t| t.topic == "odd").unwrap().figures;
    assert_eq!((even.cards, even.new, even.retention), (3, 2, Some(1.0)));
    assert_eq!((odd.cards, odd.new, odd.retention), (3, 2, Some(0.0)));
    assert!(even.recall.unwrap() > 0.9);
    assert_eq!(s.at, "2026-03-02T10:00:00Z");
    assert_eq!(s.next_due.as_deref(), Some("2026-03-02T09:15:00Z"));
}
