//! Component tests: actions in, state and intents out, no terminal. The fixture model's deck
//! has six cards, all new; a session shows them easiest first, kinds taking turns:
//! a multiple-choice question, an ordering card, an error-cause choice, a check flashcard,
//! another error-cause choice and another check flashcard.

use super::*;
use crate::drill::{Feedback, Review};
use crate::model::EntryKind;
use crate::tui::component::Component;
use crate::tui::test_support::{ctx, fixture, on_screen};
use crate::tui::theme::Theme;
use chrono::FixedOffset;

const CHOICE: &str = "fx-aud-sandbox";
const ORDER: &str = "gen-order-flow-fx-jwt-bearer";
const FLASH: &str = "gen-why-check-X1";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .unwrap()
        .to_utc()
}

fn options() -> DrillOptions {
    DrillOptions {
        data_dir: None,
        clock: Clock::Fixed {
            now: now(),
            offset: FixedOffset::east_opt(0).unwrap(),
        },
        ..DrillOptions::default()
    }
}

fn drill(k: &Knowledge) -> Drill {
    Drill::new(
        k,
        Progress::new(),
        &options(),
        "Progress is not saved".into(),
    )
}

/// Runs `test` on a Drill over the fixture deck, on an 80x24 screen in the dark theme.
fn on_drill(test: impl FnOnce(&mut Drill, &Ctx<'_>)) {
    on_screen(fixture(), (80, 24), |c| drill(c.knowledge), test);
}

fn card_ref(id: &str) -> EntryRef {
    EntryRef::new(EntryKind::Card, id)
}

fn current(d: &Drill) -> &str {
    d.session().current().map_or("", |c| c.id.as_str())
}

fn saved(card: &str, grade: Grade) -> Intent {
    Intent::SaveReview(Answered {
        card_id: card.into(),
        review: Review::new(now(), grade),
    })
}

fn a(action: DrillAction) -> Action {
    Action::Drill(action)
}

#[test]
fn a_session_starts_with_the_new_cards_easiest_first() {
    let k = fixture();
    let d = drill(&k);
    assert_eq!(d.session().progress(), (0, 6));
    assert_eq!(current(&d), CHOICE);
    assert_eq!(d.key_context(), KeyContext::DrillChoice);
    assert_eq!(d.location(), Some(card_ref(CHOICE)));
}

#[test]
fn a_flashcard_is_revealed_then_graded_and_handed_over_to_save() {
    on_drill(|d, c| {
        assert!(d.show(&card_ref(FLASH), c));
        assert_eq!(d.key_context(), KeyContext::DrillQuestion);
        let early = d.update(a(DrillAction::Grade(Grade::Good)), c);
        assert_eq!(
            early,
            Intent::Status("not now: reveal the answer before grading".into())
        );
        assert_eq!(d.update(a(DrillAction::Reveal), c), Intent::None);
        assert_eq!(d.key_context(), KeyContext::DrillGrade);
        let intent = d.update(a(DrillAction::Grade(Grade::Good)), c);
        assert_eq!(intent, saved(FLASH, Grade::Good));
        assert_eq!(
            d.progress().reviews(FLASH),
            &[Review::new(now(), Grade::Good)]
        );
        let last = d.last().unwrap();
        assert_eq!(last.grade, Grade::Good);
        assert!(last.due.unwrap() > now());
        assert_ne!(current(d), FLASH, "grading moves to the next card");
    });
}

#[test]
fn enter_on_a_revealed_flashcard_asks_for_a_grade() {
    on_drill(|d, c| {
        d.show(&card_ref(FLASH), c);
        d.update(a(DrillAction::Reveal), c);
        let Intent::Status(message) = d.update(Action::Open, c) else {
            panic!("expected a status message");
        };
        assert!(message.starts_with("grade the card: a again"), "{message}");
        assert_eq!(current(d), FLASH);
    });
}

#[test]
fn a_wrong_choice_is_graded_again_and_shows_feedback_until_next() {
    on_drill(|d, c| {
        assert_eq!(
            d.update(a(DrillAction::Choose(2)), c),
            saved(CHOICE, Grade::Again)
        );
        assert_eq!(
            d.session().phase(),
            &Phase::Feedback(Feedback::Choice {
                chosen: 1,
                correct: 0
            })
        );
        assert_eq!(d.key_context(), KeyContext::DrillFeedback);
        assert_eq!(d.last().unwrap().grade, Grade::Again);
        // A second answer to the same card is refused.
        assert!(matches!(
            d.update(a(DrillAction::Choose(1)), c),
            Intent::Status(_)
        ));
        assert_eq!(d.update(a(DrillAction::Next), c), Intent::None);
        assert_eq!(current(d), ORDER);
    });
}

#[test]
fn the_highlighted_option_answers_and_the_highlight_stays_in_range() {
    on_drill(|d, c| {
        d.update(Action::Up, c);
        assert_eq!(d.choice(), 0);
        d.update(Action::Down, c);
        d.update(Action::Down, c);
        assert_eq!(d.choice(), 1, "two options");
        d.update(Action::Up, c);
        // Right: nothing is saved until the confidence grade, and the grade keys apply.
        assert!(matches!(
            d.update(a(DrillAction::Submit), c),
            Intent::Status(_)
        ));
        assert_eq!(d.key_context(), KeyContext::DrillGrade);
        // Enter with no reference selected goes on, grading it good.
        assert_eq!(d.update(Action::Open, c), saved(CHOICE, Grade::Good));
        assert_eq!(current(d), ORDER);
    });
}

#[test]
fn an_option_that_does_not_exist_is_refused() {
    on_drill(|d, c| {
        assert_eq!(
            d.update(a(DrillAction::Choose(4)), c),
            Intent::Status("option 3 does not exist (the card has 2)".into())
        );
        assert_eq!(d.key_context(), KeyContext::DrillChoice);
    });
}

#[test]
fn steps_are_moved_into_order_and_submitted() {
    on_drill(|d, c| {
        d.show(&card_ref(ORDER), c);
        assert_eq!(d.key_context(), KeyContext::DrillOrder);
        assert_eq!(d.order(), &[2, 1, 0]);
        // Move the last step (shown first) to the bottom, then the first up to the top.
        d.update(a(DrillAction::StepDown), c);
        d.update(a(DrillAction::StepDown), c);
        assert_eq!(d.order(), &[1, 0, 2]);
        assert_eq!(d.selected_step(), 2);
        d.update(a(DrillAction::StepDown), c);
        assert_eq!(d.order(), &[1, 0, 2], "the last step stays last");
        d.update(Action::Up, c);
        d.update(a(DrillAction::StepUp), c);
        assert_eq!(d.order(), &[0, 1, 2]);
        assert_eq!(d.selected_step(), 0);
        assert!(matches!(
            d.update(a(DrillAction::Submit), c),
            Intent::Status(_)
        ));
        assert_eq!(
            d.session().phase(),
            &Phase::Feedback(Feedback::Order {
                submitted: vec![0, 1, 2],
                misplaced: vec![]
            })
        );
        // A right ordering is graded by confidence: hard here.
        assert_eq!(
            d.update(a(DrillAction::Grade(Grade::Hard)), c),
            saved(ORDER, Grade::Hard)
        );
    });
}

#[test]
fn an_order_with_steps_out_of_place_is_again_and_names_them() {
    on_drill(|d, c| {
        d.show(&card_ref(ORDER), c);
        assert_eq!(
            d.update(a(DrillAction::Submit), c),
            saved(ORDER, Grade::Again)
        );
        assert_eq!(
            d.session().phase(),
            &Phase::Feedback(Feedback::Order {
                submitted: vec![2, 1, 0],
                misplaced: vec![0, 2]
            })
        );
        // Reordering after the answer changes nothing.
        d.update(a(DrillAction::StepDown), c);
        assert_eq!(d.order(), &[2, 1, 0]);
    });
}

#[test]
fn skipping_moves_on_without_saving() {
    on_drill(|d, c| {
        assert_eq!(
            d.update(a(DrillAction::Skip), c),
            Intent::Status("skipped: not graded".into())
        );
        assert_eq!(current(d), ORDER);
        assert_eq!(d.progress().review_count(), 0);
        assert_eq!(d.summary().skipped, 1);
    });
}

#[test]
fn the_summary_ends_the_session_and_a_new_one_starts_from_what_is_left() {
    on_drill(|d, c| {
        d.update(a(DrillAction::Choose(1)), c);
        d.update(a(DrillAction::Next), c);
        d.update(a(DrillAction::Submit), c);
        d.update(a(DrillAction::Next), c);
        for _ in 0..4 {
            d.update(a(DrillAction::Skip), c);
        }
        assert!(d.session().is_finished());
        assert_eq!(d.key_context(), KeyContext::DrillSummary);
        assert_eq!(d.location(), None);
        let s = d.summary();
        assert_eq!((s.reviewed, s.correct, s.skipped), (2, 1, 4));
        assert_eq!(s.correct_rate, Some(0.5));
        assert!(s.next_due.is_some());
        // At the same instant nothing answered is due yet: the new session has the four skipped.
        assert_eq!(
            d.update(a(DrillAction::Restart), c),
            Intent::Status("new session: 4 cards".into())
        );
        assert_eq!(d.session().progress(), (0, 4));
        assert_eq!(d.last(), None);
    });
}

#[test]
fn references_of_an_answered_card_jump_through_intents() {
    on_drill(|d, c| {
        assert_eq!(d.update(Action::NextLink, c), Intent::None);
        assert_eq!(d.selected_link(), None, "no references before answering");
        d.update(a(DrillAction::Choose(1)), c);
        d.update(Action::NextLink, c);
        assert_eq!(d.selected_link(), Some(0));
        assert_eq!(
            d.update(Action::Open, c),
            Intent::JumpTo("error:fx-audience-invalid".parse().unwrap())
        );
        d.update(Action::NextLink, c);
        assert_eq!(
            d.update(Action::Open, c),
            Intent::JumpTo("flow:fx-jwt-bearer".parse().unwrap())
        );
        d.update(Action::NextLink, c);
        assert_eq!(d.selected_link(), Some(0), "wraps around");
        d.update(Action::PrevLink, c);
        assert_eq!(d.selected_link(), Some(1));
        assert_eq!(d.update(Action::Back, c), Intent::Back);
    });
}

#[test]
fn stats_toggle_with_their_key() {
    on_drill(|d, c| {
        d.update(a(DrillAction::Stats), c);
        assert_eq!(d.page(), Page::Stats);
        assert_eq!(d.key_context(), KeyContext::DrillStats);
        d.update(Action::Bottom, c);
        d.update(a(DrillAction::Stats), c);
        assert_eq!(d.page(), Page::Session);
        assert_eq!(d.key_context(), KeyContext::DrillChoice);
    });
}

#[test]
fn settings_filter_the_session_by_kind() {
    on_drill(|d, c| {
        d.update(a(DrillAction::Settings), c);
        assert_eq!(d.key_context(), KeyContext::DrillSettings);
        // To the kinds: clear them all, then check "order" (the third kind).
        d.update(Action::Down, c);
        d.update(a(DrillAction::ToggleGroup), c);
        d.update(Action::Down, c);
        d.update(Action::Down, c);
        d.update(a(DrillAction::Toggle), c);
        assert_eq!(
            d.update(a(DrillAction::Submit), c),
            Intent::Status("new session: 1 card".into())
        );
        assert!(d.settings().is_none());
        assert_eq!(d.queue_options().kinds, vec![crate::drill::CardKind::Order]);
        assert_eq!(current(d), ORDER);
    });
}

#[test]
fn settings_change_the_daily_limit_and_refuse_an_empty_filter() {
    on_drill(|d, c| {
        d.update(a(DrillAction::Settings), c);
        d.update(a(DrillAction::Adjust(-10)), c);
        d.update(a(DrillAction::Adjust(-10)), c);
        d.update(a(DrillAction::Adjust(1)), c);
        d.update(a(DrillAction::Adjust(1)), c);
        d.update(Action::Bottom, c);
        d.update(a(DrillAction::ToggleGroup), c);
        assert_eq!(
            d.update(a(DrillAction::Submit), c),
            Intent::Status("check at least one topic (a selects all)".into())
        );
        assert!(d.settings().is_some(), "the popup stays open");
        d.update(a(DrillAction::ToggleGroup), c);
        d.update(a(DrillAction::Submit), c);
        assert_eq!(d.queue_options().new_per_day, 2);
        assert_eq!(d.session().progress(), (0, 2));
        // Esc closes the popup without applying it.
        d.update(a(DrillAction::Settings), c);
        d.update(a(DrillAction::Adjust(10)), c);
        d.update(Action::Cancel, c);
        assert_eq!(d.queue_options().new_per_day, 2);
    });
}

#[test]
fn showing_a_card_starts_a_session_with_it_and_keeps_the_current_one() {
    on_drill(|d, c| {
        d.update(a(DrillAction::Choose(2)), c);
        // Opening the card on screen (as going back does) keeps its feedback.
        assert!(d.show(&card_ref(CHOICE), c));
        assert!(matches!(d.session().phase(), Phase::Feedback(_)));
        assert!(d.show(&card_ref(FLASH), c));
        assert_eq!(current(d), FLASH);
        // The card, then the other new ones: the card answered a moment ago is not due yet.
        assert_eq!(d.session().progress().1, 5);
        assert!(!d.show(&card_ref("no-such-card"), c));
        assert!(!d.show(&"flow:fx-jwt-bearer".parse().unwrap(), c));
    });
}

#[test]
fn y_copies_the_question_and_after_answering_the_answer_too() {
    on_drill(|d, c| {
        let Intent::Copy { text, label } = d.update(Action::Copy, c) else {
            panic!("expected a copy");
        };
        assert_eq!(label, "card:fx-aud-sandbox");
        assert!(text.contains("a) The aud claim"), "{text}");
        assert!(!text.contains("Answer:"), "{text}");
        d.update(a(DrillAction::Choose(1)), c);
        let Intent::Copy { text, .. } = d.update(Action::Copy, c) else {
            panic!("expected a copy");
        };
        assert!(text.contains("Answer: The aud claim"), "{text}");
        assert_eq!(
            d.update(Action::CopyId, c),
            Intent::Copy {
                text: CHOICE.into(),
                label: "card:fx-aud-sandbox".into()
            }
        );
    });
}

#[test]
fn scrolling_keeps_the_highlight_on_a_short_screen() {
    let (k, t) = (fixture(), Theme::dark());
    let c = ctx(&k, &t, 60, 16);
    let mut d = drill(&k);
    d.show(&card_ref(ORDER), &c);
    d.update(a(DrillAction::Submit), &c);
    // The feedback is longer than the pane; paging reaches its end and stops there.
    for _ in 0..10 {
        d.update(Action::PageDown, &c);
    }
    let bottom = d.scroll();
    assert!(bottom > 0);
    d.update(Action::PageDown, &c);
    assert_eq!(d.scroll(), bottom);
    // Selecting a reference scrolls it into view.
    d.update(Action::PageUp, &c);
    d.update(Action::PageUp, &c);
    assert_eq!(d.scroll(), 0);
    d.update(Action::PrevLink, &c);
    let laid = d.laid(&c).unwrap();
    let first = laid.lines_of(&d.highlighted().unwrap()).unwrap().start;
    let height = Drill::card_height(&c);
    assert!((d.scroll()..d.scroll() + height).contains(&first));
}

#[test]
fn a_click_on_a_reference_follows_it() {
    on_drill(|d, c| {
        d.update(a(DrillAction::Choose(1)), c);
        let laid = d.laid(c).unwrap();
        let line = laid.lines_of(&CardItem::Link(1)).unwrap().start;
        let area = text_area(c.body);
        let row = area.y + u16::try_from(line).unwrap();
        assert_eq!(
            d.update(
                Action::Click {
                    column: area.x,
                    row
                },
                c
            ),
            Intent::JumpTo("flow:fx-jwt-bearer".parse().unwrap())
        );
    });
}
