//! The advice a complete set of answers earns: the wizard's matching rules merged into ranked
//! recommendations, an avoid list, a setup checklist, and links into the rest of the model.

use super::resolve::{Resolution, rule_holds};
use crate::model::{ChecklistItem, EntryKind, EntryRef, Knowledge, Question, StrategyId};
use std::collections::HashSet;

/// One recommended strategy, in rank order within [`Outcome::recommendations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub strategy: StrategyId,
    pub reason: String,
    /// Strategies to pair with this one (a principal type for outbound protocols).
    pub with: Vec<StrategyId>,
    /// The wizard rule that gave the advice.
    pub rule: String,
}

/// A strategy to stay away from for these answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub strategy: StrategyId,
    pub reason: String,
    pub rule: String,
}

/// Where to read on: flow diagrams, Library entries and drill cards for the recommendations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Flow ids (the Flows tab and `kb show flow:<id>`).
    pub flows: Vec<String>,
    /// `kind:id` Library entries: the recommended strategies, then the checklist's practices.
    pub entries: Vec<String>,
    /// Card ids that refer to a recommended strategy or its flow, the top pick's first.
    pub cards: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Question id and value of every answer that counted, in asking order.
    pub answers: Vec<(String, String)>,
    pub recommendations: Vec<Pick>,
    pub avoid: Vec<Warning>,
    pub checklist: Vec<ChecklistItem>,
    pub links: Links,
    /// The sources of every rule that contributed, without repeats.
    pub sources: Vec<String>,
}

impl Outcome {
    /// The first recommendation's strategy id.
    pub fn top(&self) -> Option<&str> {
        self.recommendations.first().map(|p| p.strategy.as_str())
    }

    /// Every strategy the outcome recommends, paired ones included.
    pub fn recommended_strategies(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.recommendations {
            for s in std::iter::once(&p.strategy).chain(&p.with) {
                if !out.contains(&s.as_str()) {
                    out.push(s);
                }
            }
        }
        out
    }
}

/// What the wizard does next with these answers.
#[derive(Debug, Clone)]
pub enum Step<'w> {
    /// Ask this question.
    Ask(&'w Question),
    /// The answers are complete.
    Done(Outcome),
}

pub fn step<'w>(k: &Knowledge, r: &Resolution<'w>) -> Step<'w> {
    match r.next {
        Some(q) => Step::Ask(q),
        None => Step::Done(build(k, r)),
    }
}

/// The outcome for complete answers; `None` while a question is still open.
pub fn outcome(k: &Knowledge, r: &Resolution<'_>) -> Option<Outcome> {
    match step(k, r) {
        Step::Done(o) => Some(o),
        Step::Ask(_) => None,
    }
}

fn build(k: &Knowledge, r: &Resolution<'_>) -> Outcome {
    let rules: Vec<_> = k
        .wizard
        .rules
        .iter()
        .filter(|rule| rule_holds(&rule.when, r))
        .collect();

    // (rank, position) keeps the model's order among equal ranks.
    let mut ranked: Vec<(u32, usize, Pick)> = Vec::new();
    for rule in &rules {
        for rec in &rule.recommend {
            // When two rules recommend the same strategy the better-ranked advice wins.
            if let Some(existing) = ranked
                .iter_mut()
                .find(|(_, _, p)| p.strategy == rec.strategy)
            {
                if rec.rank < existing.0 {
                    existing.0 = rec.rank;
                    existing.2.reason = rec.reason.clone();
                    existing.2.with = rec.with.clone();
                    existing.2.rule = rule.id.clone();
                }
                continue;
            }
            let position = ranked.len();
            ranked.push((
                rec.rank,
                position,
                Pick {
                    strategy: rec.strategy.clone(),
                    reason: rec.reason.clone(),
                    with: rec.with.clone(),
                    rule: rule.id.clone(),
                },
            ));
        }
    }
    ranked.sort_by_key(|(rank, position, _)| (*rank, *position));
    let recommendations: Vec<Pick> = ranked.into_iter().map(|(_, _, p)| p).collect();

    let mut avoid: Vec<Warning> = Vec::new();
    let mut checklist: Vec<ChecklistItem> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for rule in &rules {
        for a in &rule.avoid {
            if !avoid.iter().any(|w| w.strategy == a.strategy) {
                avoid.push(Warning {
                    strategy: a.strategy.clone(),
                    reason: a.reason.clone(),
                    rule: rule.id.clone(),
                });
            }
        }
        for item in &rule.checklist {
            if !checklist.iter().any(|c| c.text == item.text) {
                checklist.push(item.clone());
            }
        }
        for s in &rule.sources {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
    }

    let mut out = Outcome {
        answers: r
            .answered
            .iter()
            .map(|a| (a.question.id.clone(), a.option.value.clone()))
            .collect(),
        recommendations,
        avoid,
        checklist,
        links: Links::default(),
        sources,
    };
    out.links = links(k, &out);
    out
}

fn links(k: &Knowledge, o: &Outcome) -> Links {
    let mut links = Links::default();
    let mut seen_entries = HashSet::new();
    let mut wanted_refs: Vec<Vec<EntryRef>> = Vec::new();
    for id in o.recommended_strategies() {
        let strategy = EntryRef::new(EntryKind::Strategy, id);
        if k.contains(&strategy) && seen_entries.insert(strategy.clone()) {
            links.entries.push(strategy.to_string());
        }
        let mut refs = vec![strategy];
        if let Some(flow) = k.strategy(id).and_then(|s| s.flow.as_deref())
            && k.flow(flow).is_some()
        {
            if !links.flows.iter().any(|f| f == flow) {
                links.flows.push(flow.to_string());
            }
            refs.push(EntryRef::new(EntryKind::Flow, flow));
        }
        wanted_refs.push(refs);
    }
    for item in &o.checklist {
        for r in &item.see {
            if k.contains(r) && seen_entries.insert(r.clone()) {
                links.entries.push(r.to_string());
            }
        }
    }
    // Per recommendation, cards that are mainly about it (their first reference) come before
    // cards that merely mention it.
    let mut seen_cards = HashSet::new();
    for refs in &wanted_refs {
        for mainly in [true, false] {
            for card in &k.cards {
                let about = if mainly {
                    card.refs.first().is_some_and(|r| refs.contains(r))
                } else {
                    card.refs.iter().any(|r| refs.contains(r))
                };
                if about && seen_cards.insert(card.id.as_str()) {
                    links.cards.push(card.id.clone());
                }
            }
        }
    }
    links
}
