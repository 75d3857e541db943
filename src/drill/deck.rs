//! Every card a session can draw from: the model's cards first, then the generated ones.

use super::card::DrillCard;
use super::generate;
use crate::model::Knowledge;
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Default)]
pub struct Deck {
    cards: Vec<DrillCard>,
    index: HashMap<String, usize>,
}

impl Deck {
    /// Hand-written cards, then scenario, ordering, error and check cards generated from `k`.
    pub fn from_knowledge(k: &Knowledge) -> Deck {
        let mut cards = generate::written_cards(k);
        cards.extend(generate::scenario_cards(k));
        cards.extend(generate::order_cards(k));
        cards.extend(generate::cause_cards(k));
        cards.extend(generate::why_cards(k));
        Deck::from_cards(cards)
    }

    /// Keeps the first card of each id, so a hand-written card wins over a generated one that
    /// happens to share its id.
    pub fn from_cards(cards: Vec<DrillCard>) -> Deck {
        let mut deck = Deck::default();
        for card in cards {
            if deck.index.contains_key(&card.id) {
                continue;
            }
            deck.index.insert(card.id.clone(), deck.cards.len());
            deck.cards.push(card);
        }
        deck
    }

    pub fn cards(&self) -> &[DrillCard] {
        &self.cards
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&DrillCard> {
        self.index_of(id).and_then(|i| self.cards.get(i))
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Every topic, sorted.
    pub fn topics(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self.cards.iter().map(|c| c.topic.as_str()).collect();
        set.into_iter().map(str::to_string).collect()
    }
}
