//! Error -> cause cards from the error catalog.

use super::{choice, pack_of};
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::model::{EntryKind, EntryRef, ErrorEntry, Knowledge};

pub const CAUSE_TOPIC: &str = "troubleshooting";

/// One card per catalogued error with at least one cause: `gen-cause-error-<error>`. The right
/// answer is the first (most likely) cause; wrong ones are the first causes of other errors.
pub fn cause_cards(k: &Knowledge) -> Vec<DrillCard> {
    k.errors.iter().filter_map(|e| cause_card(k, e)).collect()
}

fn cause_card(k: &Knowledge, e: &ErrorEntry) -> Option<DrillCard> {
    let right = e.causes.first()?;
    let id = format!("gen-cause-error-{}", e.id);
    let also_right: Vec<&str> = e.causes.iter().map(String::as_str).collect();
    let answering =
        choice(&id, right, &also_right, distractor_tiers(k, e)).unwrap_or(Answering::Flashcard);
    let status = e
        .http_status
        .map(|s| format!(" (HTTP {s})"))
        .unwrap_or_default();
    let prompt = format!(
        "Salesforce answers \"{}\"{status}. What is the most likely cause?",
        e.display_line()
    );
    let mut answer = e.summary.clone();
    if matches!(answering, Answering::Flashcard) {
        answer = format!("{right}\n\n{answer}");
    }
    let others: Vec<String> = e.causes.iter().skip(1).map(|c| format!("- {c}")).collect();
    if !others.is_empty() {
        answer.push_str(&format!("\n\nOther causes:\n{}", others.join("\n")));
    }
    let fixes: Vec<String> = e.fixes.iter().map(|f| format!("- {f}")).collect();
    if !fixes.is_empty() {
        answer.push_str(&format!("\n\nFixes:\n{}", fixes.join("\n")));
    }
    let mut refs = vec![EntryRef::new(EntryKind::Error, &e.id)];
    refs.extend(e.flows.iter().map(|f| EntryRef::new(EntryKind::Flow, f)));
    refs.extend(e.checks.iter().map(|c| EntryRef::new(EntryKind::Check, c)));
    let pack = pack_of(k, EntryKind::Error, &e.id);
    Some(DrillCard {
        id,
        kind: CardKind::Cause,
        topic: pack.clone().unwrap_or_else(|| CAUSE_TOPIC.to_string()),
        difficulty: 2,
        prompt,
        answer,
        answering,
        refs,
        pack,
    })
}

/// Most plausible first: errors with the same code (another `invalid_grant`), then errors of a
/// flow this one is returned in, then any other error. Errors whose causes may well be right
/// too are left out: one that reads exactly like this one, one linked to it (either way), and
/// one predicted by the same inspector check.
fn distractor_tiers(k: &Knowledge, e: &ErrorEntry) -> Vec<Vec<String>> {
    let line = e.display_line();
    let linked = |a: &ErrorEntry, b: &ErrorEntry| {
        a.related.contains(&EntryRef::new(EntryKind::Error, &b.id))
    };
    let mut tiers = vec![Vec::new(), Vec::new(), Vec::new()];
    for other in &k.errors {
        let overlaps = other.id == e.id
            || other.display_line() == line
            || linked(e, other)
            || linked(other, e)
            || other.checks.iter().any(|c| e.checks.contains(c));
        if overlaps {
            continue;
        }
        let Some(cause) = other.causes.first() else {
            continue;
        };
        let tier = if other.error == e.error {
            0
        } else if other.flows.iter().any(|f| e.flows.contains(f)) {
            1
        } else {
            2
        };
        if let Some(t) = tiers.get_mut(tier) {
            t.push(cause.clone());
        }
    }
    tiers
}
