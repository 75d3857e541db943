//! Order-the-steps cards from the flows.

use super::pack_of;
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::drill::seed::Rng;
use crate::model::{EntryKind, EntryRef, Flow, Knowledge};

pub const ORDER_TOPIC: &str = "flows";

/// Shorter flows make a trivial puzzle.
pub const ORDER_MIN_STEPS: usize = 3;

/// One card per flow with at least [`ORDER_MIN_STEPS`] distinct steps: `gen-order-flow-<flow>`.
pub fn order_cards(k: &Knowledge) -> Vec<DrillCard> {
    k.flows.iter().filter_map(|f| order_card(k, f)).collect()
}

fn order_card(k: &Knowledge, flow: &Flow) -> Option<DrillCard> {
    let steps = step_lines(flow);
    let mut distinct = steps.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < ORDER_MIN_STEPS {
        return None;
    }
    let id = format!("gen-order-flow-{}", flow.id);
    let shown = shuffled(&id, &steps);
    let pack = pack_of(k, EntryKind::Flow, &flow.id);
    Some(DrillCard {
        topic: pack.clone().unwrap_or_else(|| ORDER_TOPIC.to_string()),
        difficulty: match steps.len() {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        },
        prompt: format!("Put the steps of the {} in order.", flow.name),
        answer: flow.summary.clone(),
        answering: Answering::Order { steps, shown },
        refs: vec![
            EntryRef::new(EntryKind::Flow, &flow.id),
            EntryRef::new(EntryKind::Strategy, &flow.strategy),
        ],
        kind: CardKind::Order,
        id,
        pack,
    })
}

/// `Browser -> Salesforce: POST /services/oauth2/token`, with participant labels when known.
fn step_lines(flow: &Flow) -> Vec<String> {
    let label = |id: &str| {
        flow.participants
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    flow.steps
        .iter()
        .map(|s| format!("{} -> {}: {}", label(&s.from), label(&s.to), s.label))
        .collect()
}

/// A stable shuffle that starts with at least half the steps out of place (see
/// [`mixed_enough`]). Reshuffles from the same seed until it is; a rotation by one, which moves
/// every step, is the last resort.
pub(super) fn shuffled(id: &str, steps: &[String]) -> Vec<usize> {
    const TRIES: usize = 64;
    let mut rng = Rng::from_text(id);
    let mut shown: Vec<usize> = (0..steps.len()).collect();
    for _ in 0..TRIES {
        rng.shuffle(&mut shown);
        if mixed_enough(steps, &shown) {
            return shown;
        }
    }
    shown = (0..steps.len()).collect();
    shown.rotate_left(1);
    shown
}

/// At least half the positions show a step that does not belong there, so the puzzle never
/// starts nearly solved. Steps with the same text are interchangeable, so a flow made of one
/// repeated step can never qualify; such a flow makes no card anyway.
pub fn mixed_enough(steps: &[String], order: &[usize]) -> bool {
    2 * misplaced_positions(steps, order).len() >= steps.len() && !in_order(steps, order)
}

/// True when `order` (indices into `steps`) reads the same as the steps in their right order.
/// Steps with the same text are interchangeable.
pub fn in_order(steps: &[String], order: &[usize]) -> bool {
    order.len() == steps.len()
        && order
            .iter()
            .zip(steps)
            .all(|(&i, right)| steps.get(i) == Some(right))
}

/// Positions of `order` (indices into `steps`) whose step is not the one that belongs there.
pub fn misplaced_positions(steps: &[String], order: &[usize]) -> Vec<usize> {
    (0..steps.len())
        .filter(|&pos| {
            let shown = order.get(pos).and_then(|&i| steps.get(i));
            shown != steps.get(pos)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_order_is_a_permutation_at_least_half_out_of_place() {
        for n in 3..16 {
            let steps: Vec<String> = (0..n).map(|i| format!("step {i}")).collect();
            for seed in ["a", "b", "gen-order-flow-x", "gen-order-flow-jwt-bearer"] {
                let shown = shuffled(seed, &steps);
                let mut sorted = shown.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert!(!in_order(&steps, &shown), "{seed} {n}");
                assert!(mixed_enough(&steps, &shown), "{seed} {n}: {shown:?}");
            }
        }
    }

    #[test]
    fn repeated_steps_still_start_half_out_of_place() {
        let steps: Vec<String> = ["a", "b", "a", "c", "b"].map(String::from).to_vec();
        for seed in ["x", "y", "z"] {
            assert!(mixed_enough(&steps, &shuffled(seed, &steps)), "{seed}");
        }
    }

    #[test]
    fn repeated_step_texts_are_interchangeable() {
        let steps: Vec<String> = ["a", "b", "a"].map(String::from).to_vec();
        assert!(in_order(&steps, &[2, 1, 0]));
        assert!(!in_order(&steps, &[1, 0, 2]));
        assert!(!in_order(&steps, &[0, 1]));
        assert_eq!(misplaced_positions(&steps, &[1, 0, 2]), vec![0, 1]);
        assert_eq!(misplaced_positions(&steps, &[2, 1, 0]), Vec::<usize>::new());
    }
}
