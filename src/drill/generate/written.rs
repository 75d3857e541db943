//! The model's hand-written cards (and team pack cards), as drill cards.

use super::order::shuffled;
use super::pack_of;
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::drill::seed::Rng;
use crate::model::{Card, EntryKind, Knowledge};

pub fn written_cards(k: &Knowledge) -> Vec<DrillCard> {
    k.cards.iter().map(|c| written_card(k, c)).collect()
}

fn written_card(k: &Knowledge, c: &Card) -> DrillCard {
    DrillCard {
        id: c.id.clone(),
        kind: CardKind::Card,
        topic: c.topic.clone(),
        difficulty: c.difficulty.clamp(1, 3),
        prompt: c.prompt.clone(),
        answer: c.answer.clone(),
        answering: answering(c),
        refs: c.refs.clone(),
        pack: pack_of(k, EntryKind::Card, &c.id),
    }
}

/// Authors tend to write the right choice first; the options are shuffled (by card id, so the
/// order is stable) so position gives nothing away. A card with steps is put back in order,
/// starting at least half out of place like the generated ordering cards.
fn answering(c: &Card) -> Answering {
    if !c.steps.is_empty() && c.choices.is_empty() {
        return Answering::Order {
            steps: c.steps.clone(),
            shown: shuffled(&c.id, &c.steps),
        };
    }
    let right: Vec<usize> = (0..c.choices.len())
        .filter(|&i| c.choices.get(i).is_some_and(|ch| ch.correct))
        .collect();
    let [right] = right.as_slice() else {
        return Answering::Flashcard;
    };
    if c.choices.len() < 2 {
        return Answering::Flashcard;
    }
    let mut order: Vec<usize> = (0..c.choices.len()).collect();
    Rng::from_text(&c.id).shuffle(&mut order);
    let options = order
        .iter()
        .filter_map(|&i| c.choices.get(i).map(|ch| ch.text.clone()))
        .collect();
    match order.iter().position(|i| i == right) {
        Some(correct) => Answering::Choice { options, correct },
        None => Answering::Flashcard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Choice, EntryKind, EntryRef};

    fn card(choices: Vec<Choice>) -> Card {
        Card {
            id: "c".into(),
            prompt: "p".into(),
            answer: "a".into(),
            topic: "t".into(),
            difficulty: 2,
            choices,
            steps: vec![],
            refs: vec![EntryRef::new(EntryKind::Strategy, "jwt-bearer")],
            sources: vec![],
            as_of: String::new(),
            override_existing: false,
        }
    }

    fn ch(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
        }
    }

    #[test]
    fn choices_keep_exactly_the_authored_right_answer() {
        let c = card(vec![
            ch("right", true),
            ch("w1", false),
            ch("w2", false),
            ch("w3", false),
        ]);
        let Answering::Choice { options, correct } = answering(&c) else {
            panic!("expected a choice");
        };
        assert_eq!(options.len(), 4);
        assert_eq!(options[correct], "right");
    }

    #[test]
    fn a_card_with_steps_is_an_ordering_card_that_starts_mixed() {
        let mut c = card(vec![]);
        c.steps = ["one", "two", "three", "four"].map(String::from).to_vec();
        let Answering::Order { steps, shown } = answering(&c) else {
            panic!("expected an ordering card");
        };
        assert_eq!(steps, c.steps);
        assert!(crate::drill::generate::mixed_enough(&steps, &shown));
    }

    #[test]
    fn a_card_without_exactly_one_right_choice_is_a_flashcard() {
        assert_eq!(answering(&card(vec![])), Answering::Flashcard);
        assert_eq!(
            answering(&card(vec![ch("a", true), ch("b", true)])),
            Answering::Flashcard
        );
    }
}
