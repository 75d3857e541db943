//! Cards generated from the model so practice covers what the other tabs teach. Every
//! generated id is derived from its source entry, so progress survives restarts and edits to
//! other entries.

mod cause;
mod order;
mod scenario;
mod scenario_text;
mod why;
mod written;

pub use cause::cause_cards;
pub use order::{ORDER_MIN_STEPS, in_order, misplaced_positions, mixed_enough, order_cards};
pub use scenario::scenario_cards;
pub use scenario_text::scenario_sentence;
pub use why::why_cards;
pub use written::written_cards;

use super::card::Answering;
use super::seed::Rng;
use crate::model::{EntryKind, EntryRef, Knowledge};
use std::collections::HashSet;

/// Wrong options a multiple-choice card offers besides the right one.
pub const DISTRACTORS: usize = 3;

/// The team pack an entry came from, when it came from one.
fn pack_of(k: &Knowledge, kind: EntryKind, id: &str) -> Option<String> {
    k.origin(&EntryRef::new(kind, id))
        .and_then(|o| o.pack.clone())
}

/// Text compared for sameness: case, spacing and a trailing full stop do not make two answers
/// different.
fn normalized(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").trim_end_matches('.').to_lowercase()
}

/// A multiple-choice body: the right answer plus up to [`DISTRACTORS`] wrong ones, taken from
/// `tiers` in order (the most plausible tier first; each tier is shuffled by the card id). A
/// candidate equal to the right answer or to anything in `also_right` is never offered. `None`
/// when no distractor is left, so the caller can fall back to a flashcard.
fn choice(
    card_id: &str,
    right: &str,
    also_right: &[&str],
    tiers: Vec<Vec<String>>,
) -> Option<Answering> {
    let mut rng = Rng::from_text(card_id);
    let mut seen: HashSet<String> = also_right.iter().map(|t| normalized(t)).collect();
    seen.insert(normalized(right));
    let mut wrong: Vec<String> = Vec::new();
    for mut tier in tiers {
        rng.shuffle(&mut tier);
        for candidate in tier {
            if wrong.len() == DISTRACTORS {
                break;
            }
            if candidate.trim().is_empty() || !seen.insert(normalized(&candidate)) {
                continue;
            }
            wrong.push(candidate);
        }
    }
    if wrong.is_empty() {
        return None;
    }
    let mut options = wrong;
    options.push(right.to_string());
    rng.shuffle(&mut options);
    let correct = options.iter().position(|o| o == right)?;
    Some(Answering::Choice { options, correct })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_never_offers_the_right_answer_twice_or_an_also_right_one() {
        let tiers = vec![
            vec![
                "Right answer.".to_string(),
                "right  ANSWER".to_string(),
                "Also fine".into(),
            ],
            vec!["Wrong one".into(), "Wrong two".into(), "Wrong one".into()],
            vec!["Wrong three".into(), "Wrong four".into()],
        ];
        let Some(Answering::Choice { options, correct }) =
            choice("c1", "Right answer", &["also fine"], tiers)
        else {
            panic!("expected a choice");
        };
        assert_eq!(options.len(), 1 + DISTRACTORS);
        assert_eq!(options[correct], "Right answer");
        let rights = options
            .iter()
            .filter(|o| normalized(o) == "right answer")
            .count();
        assert_eq!(rights, 1);
        assert!(!options.iter().any(|o| o == "Also fine"));
        let unique: HashSet<&String> = options.iter().collect();
        assert_eq!(unique.len(), options.len());
    }

    #[test]
    fn choice_is_the_same_for_the_same_card_id() {
        let tiers = || vec![(0..10).map(|i| format!("wrong {i}")).collect::<Vec<_>>()];
        assert_eq!(
            choice("same", "x", &[], tiers()),
            choice("same", "x", &[], tiers())
        );
    }

    #[test]
    fn no_distractor_means_no_choice() {
        assert_eq!(choice("c", "x", &[], vec![vec!["X".into()]]), None);
    }
}

#[cfg(test)]
mod fixture_tests;
