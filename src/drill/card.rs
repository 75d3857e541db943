//! A drill card as the Drill tab and the CLI see it: hand-written model cards and generated
//! ones share this shape.

use crate::model::EntryRef;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a card comes from; also a session filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardKind {
    /// A hand-written card of the model or of a team pack.
    Card,
    /// Scenario -> strategy, from the wizard's rules.
    Scenario,
    /// Put a flow's steps back in order.
    Order,
    /// Error -> most likely cause, from the error catalog.
    Cause,
    /// Inspector check -> why it matters.
    Why,
}

impl CardKind {
    pub const ALL: [CardKind; 5] = [
        CardKind::Card,
        CardKind::Scenario,
        CardKind::Order,
        CardKind::Cause,
        CardKind::Why,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Card => "card",
            CardKind::Scenario => "scenario",
            CardKind::Order => "order",
            CardKind::Cause => "cause",
            CardKind::Why => "why",
        }
    }
}

impl fmt::Display for CardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CardKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let word = s.trim().to_ascii_lowercase();
        CardKind::ALL
            .into_iter()
            .find(|k| k.as_str() == word)
            .ok_or_else(|| {
                format!(
                    "unknown card kind \"{s}\" (expected one of {})",
                    CardKind::ALL.map(CardKind::as_str).join(", ")
                )
            })
    }
}

/// How a card is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "kebab-case")]
pub enum Answering {
    /// Recall, reveal the model answer, then grade yourself.
    Flashcard,
    /// Pick one option; graded automatically.
    Choice {
        options: Vec<String>,
        /// Index into `options`.
        correct: usize,
    },
    /// Put the steps back in order; graded automatically.
    Order {
        /// The steps in their right order.
        steps: Vec<String>,
        /// The order they are first shown in: `shown[i]` is the index in `steps` of the step at
        /// position `i`. Never the right order when there are two or more distinct steps.
        shown: Vec<usize>,
    },
}

impl Answering {
    pub fn mode(&self) -> Mode {
        match self {
            Answering::Flashcard => Mode::Flashcard,
            Answering::Choice { .. } => Mode::MultipleChoice,
            Answering::Order { .. } => Mode::Ordering,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Flashcard,
    MultipleChoice,
    Ordering,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DrillCard {
    /// Stable across runs: the model card's id, or `gen-<kind>-<source kind>-<source id>`
    /// (`gen-order-flow-jwt-bearer`).
    pub id: String,
    pub kind: CardKind,
    pub topic: String,
    /// 1 easy, 2 medium, 3 hard.
    pub difficulty: u8,
    pub prompt: String,
    /// The model answer or explanation shown after answering.
    pub answer: String,
    #[serde(flatten)]
    pub answering: Answering,
    /// The entries the Library or Flows can open for this card.
    pub refs: Vec<EntryRef>,
    /// The team pack the source entry came from, when it came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
}

impl DrillCard {
    pub fn mode(&self) -> Mode {
        self.answering.mode()
    }

    /// The answer to study from: the right option or the steps in order, then the explanation.
    pub fn model_answer(&self) -> String {
        match &self.answering {
            Answering::Flashcard => self.answer.clone(),
            Answering::Choice { options, correct } => {
                let right = options.get(*correct).map(String::as_str).unwrap_or("");
                join_nonempty(&[format!("Answer: {right}"), self.answer.clone()])
            }
            Answering::Order { steps, .. } => {
                let numbered: Vec<String> = steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{}. {s}", i + 1))
                    .collect();
                join_nonempty(&[numbered.join("\n"), self.answer.clone()])
            }
        }
    }

    /// The question as a reader without the app sees it: the prompt plus options or the
    /// shuffled steps.
    pub fn full_prompt(&self) -> String {
        match &self.answering {
            Answering::Flashcard => self.prompt.clone(),
            Answering::Choice { options, .. } => {
                let lettered: Vec<String> = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{}) {o}", option_letter(i)))
                    .collect();
                format!("{}\n{}", self.prompt, lettered.join("\n"))
            }
            Answering::Order { steps, shown } => {
                let listed: Vec<String> = shown
                    .iter()
                    .filter_map(|&i| steps.get(i))
                    .map(|s| format!("- {s}"))
                    .collect();
                format!("{}\n{}", self.prompt, listed.join("\n"))
            }
        }
    }
}

/// `a`, `b`, ... for option lists.
pub fn option_letter(i: usize) -> char {
    u8::try_from(i)
        .ok()
        .filter(|&i| i < 26)
        .map(|i| char::from(b'a' + i))
        .unwrap_or('?')
}

fn join_nonempty(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_their_names_and_reject_others() {
        for kind in CardKind::ALL {
            assert_eq!(kind.as_str().parse::<CardKind>(), Ok(kind));
        }
        let err = "flows".parse::<CardKind>().unwrap_err();
        assert!(err.contains("card, scenario, order, cause, why"), "{err}");
    }

    #[test]
    fn model_answer_names_the_right_option_and_orders_steps() {
        let mut card = DrillCard {
            id: "x".into(),
            kind: CardKind::Scenario,
            topic: "choosing".into(),
            difficulty: 2,
            prompt: "Which?".into(),
            answer: "Because.".into(),
            answering: Answering::Choice {
                options: vec!["A".into(), "B".into()],
                correct: 1,
            },
            refs: vec![],
            pack: None,
        };
        assert_eq!(card.model_answer(), "Answer: B\n\nBecause.");
        assert_eq!(card.full_prompt(), "Which?\na) A\nb) B");
        card.answering = Answering::Order {
            steps: vec!["one".into(), "two".into()],
            shown: vec![1, 0],
        };
        assert_eq!(card.model_answer(), "1. one\n2. two\n\nBecause.");
        assert_eq!(card.full_prompt(), "Which?\n- two\n- one");
    }
}
