//! Check -> why cards from the inspector's checks.

use super::pack_of;
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::model::{Check, EntryKind, EntryRef, Knowledge};

pub const WHY_TOPIC: &str = "inspector";

/// One flashcard per check: `gen-why-check-<check>`.
pub fn why_cards(k: &Knowledge) -> Vec<DrillCard> {
    k.checks.iter().map(|c| why_card(k, c)).collect()
}

fn why_card(k: &Knowledge, c: &Check) -> DrillCard {
    let profiles: Vec<String> = c
        .profiles
        .iter()
        .filter_map(|p| serde_json::to_value(p).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let prompt = format!(
        "The inspector's check {} \"{}\" ({}) fails. Why does it matter, and what does \
         Salesforce do?",
        c.id,
        c.title,
        profiles.join(", ")
    );
    let mut answer = c.explanation.clone();
    if let Some(predicted) = &c.predicts {
        let line = k
            .errors
            .iter()
            .find(|e| &e.id == predicted)
            .map(|e| e.display_line())
            .unwrap_or_else(|| predicted.to_string());
        answer.push_str(&format!("\n\nSalesforce answers: {line}"));
    }
    if let Some(history) = &c.login_history {
        answer.push_str(&format!("\nLogin History shows: {history}"));
    }
    let mut refs = vec![EntryRef::new(EntryKind::Check, &c.id)];
    refs.extend(
        c.predicts
            .iter()
            .map(|e| EntryRef::new(EntryKind::Error, e)),
    );
    let pack = pack_of(k, EntryKind::Check, &c.id);
    DrillCard {
        id: format!("gen-why-check-{}", c.id),
        kind: CardKind::Why,
        topic: pack.clone().unwrap_or_else(|| WHY_TOPIC.to_string()),
        difficulty: 2,
        prompt,
        answer,
        answering: Answering::Flashcard,
        refs,
        pack,
    }
}
