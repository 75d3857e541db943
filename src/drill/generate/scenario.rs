//! Scenario -> strategy cards from the wizard's rules: the rule's conditions become the
//! scenario, its recommendation the right answer.

use super::choice;
use super::scenario_text::{alternatives, scenario_sentence};
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::model::{
    Condition, Direction, EntryKind, EntryRef, Knowledge, Rule, Strategy, StrategyId,
};
use crate::wizard::{Answers, outcome, resolve};
use std::collections::{BTreeSet, HashMap};

pub const SCENARIO_TOPIC: &str = "choosing";

/// One card per recommendation of every rule that applies to some reachable answers:
/// `gen-scenario-rule-<rule>-<strategy>`. When the wizard puts the recommendation first for
/// every such answer set, the card asks which strategy fits. Otherwise it is a runner-up (a
/// narrower alternative, a fallback), and asking "which fits?" would make a right answer its own
/// explanation advises against; that card names the usual first choice and asks for the
/// alternative instead.
pub fn scenario_cards(k: &Knowledge) -> Vec<DrillCard> {
    let strategies: HashMap<&str, &Strategy> =
        k.strategies.iter().map(|s| (s.id.as_str(), s)).collect();
    let completions = completions(k);
    let mut cards = Vec::new();
    for rule in &k.wizard.rules {
        let applying: Vec<&Completion> = completions.iter().filter(|c| c.has(rule)).collect();
        let right_anyway: BTreeSet<&str> = applying
            .iter()
            .flat_map(|c| c.recommended.iter().map(String::as_str))
            .collect();
        for rec in &rule.recommend {
            if applying.is_empty() {
                continue;
            }
            // The first choices the wizard makes instead of this one, by name.
            let usual: BTreeSet<String> = applying
                .iter()
                .filter_map(|c| c.top.as_deref())
                .filter(|top| *top != rec.strategy)
                .map(|top| strategy_name(&strategies, top))
                .collect();
            let id = format!("gen-scenario-rule-{}-{}", rule.id, rec.strategy);
            let right = strategy_name(&strategies, &rec.strategy);
            let tiers = distractor_tiers(k, rule, &rec.strategy, &strategies);
            let also_right: Vec<String> = right_anyway
                .iter()
                .map(|s| strategy_name(&strategies, s))
                .collect();
            let also_right: Vec<&str> = also_right.iter().map(String::as_str).collect();
            let answering = choice(&id, &right, &also_right, tiers).unwrap_or(Answering::Flashcard);
            let mut answer = explanation(rule, &rec.strategy, &strategies);
            let mut refs = vec![EntryRef::new(EntryKind::Strategy, &rec.strategy)];
            if let Some(flow) = strategies
                .get(rec.strategy.as_str())
                .and_then(|s| s.flow.as_ref())
            {
                refs.push(EntryRef::new(EntryKind::Flow, flow));
            }
            refs.extend(
                rec.with
                    .iter()
                    .map(|s| EntryRef::new(EntryKind::Strategy, s)),
            );
            let scenario = scenario_sentence(&k.wizard, &rule.when);
            let flashcard = matches!(answering, Answering::Flashcard);
            let question = if usual.is_empty() {
                if flashcard {
                    "Which strategy fits, and why?".to_string()
                } else {
                    "Which strategy fits?".to_string()
                }
            } else {
                let usual: Vec<&str> = usual.iter().map(String::as_str).collect();
                let tail = if flashcard { ", and when" } else { "" };
                format!(
                    "The usual first choice here is {}. Which other strategy does the chooser \
                     offer{tail}?",
                    alternatives(&usual)
                )
            };
            let prompt = format!("{scenario}\n{question}");
            if matches!(answering, Answering::Flashcard) {
                answer = format!("{right}. {answer}");
            }
            cards.push(DrillCard {
                id,
                kind: CardKind::Scenario,
                topic: SCENARIO_TOPIC.to_string(),
                difficulty: if usual.is_empty() {
                    difficulty(&rule.when)
                } else {
                    (difficulty(&rule.when) + 1).min(3)
                },
                prompt,
                answer,
                answering,
                refs,
                pack: None,
            });
        }
    }
    cards
}

/// The recommendation's reason, what to pair it with, the rule's other recommendations as
/// alternatives, and what the rule warns against.
fn explanation(rule: &Rule, strategy: &str, strategies: &HashMap<&str, &Strategy>) -> String {
    let Some(rec) = rule.recommend.iter().find(|r| r.strategy == strategy) else {
        return String::new();
    };
    let mut answer = rec.reason.clone();
    if !rec.with.is_empty() {
        let with: Vec<String> = rec
            .with
            .iter()
            .map(|s| strategy_name(strategies, s))
            .collect();
        answer.push_str(&format!("\nPair it with: {}.", with.join(", ")));
    }
    for other in rule.recommend.iter().filter(|r| r.strategy != strategy) {
        answer.push_str(&format!(
            "\nAlternative, {}: {}",
            strategy_name(strategies, &other.strategy),
            other.reason
        ));
    }
    for avoid in &rule.avoid {
        answer.push_str(&format!(
            "\nAvoid {}: {}",
            strategy_name(strategies, &avoid.strategy),
            avoid.reason
        ));
    }
    answer
}

/// One complete set of answers the wizard can reach: the answers that count, the top pick and
/// every strategy the outcome recommends (paired ones included).
struct Completion {
    answers: HashMap<String, String>,
    top: Option<String>,
    recommended: Vec<String>,
}

impl Completion {
    /// Whether the rule's condition holds for these answers.
    fn has(&self, rule: &Rule) -> bool {
        rule.when
            .iter()
            .all(|(q, accepted)| self.answers.get(q).is_some_and(|v| accepted.contains(v)))
    }
}

/// Every complete set of answers the wizard can reach, with its outcome. Bounded, so a
/// pathological wizard cannot stall deck building.
fn completions(k: &Knowledge) -> Vec<Completion> {
    const MOST: usize = 20_000;
    let w = &k.wizard;
    let mut out = Vec::new();
    let mut stack = vec![Answers::new()];
    while let Some(a) = stack.pop() {
        if out.len() + stack.len() > MOST {
            break;
        }
        let r = resolve(w, &a);
        let Some(q) = r.next else {
            let answers = r
                .answered
                .iter()
                .map(|x| (x.question.id.clone(), x.option.value.clone()))
                .collect();
            let o = outcome(k, &r);
            out.push(Completion {
                answers,
                top: o.as_ref().and_then(|o| o.top().map(str::to_string)),
                recommended: o
                    .map(|o| {
                        o.recommended_strategies()
                            .into_iter()
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
            });
            continue;
        };
        for o in &q.options {
            let mut more = a.clone();
            if more.answer(w, &q.id, &o.value).is_ok() {
                stack.push(more);
            }
        }
    }
    out
}

/// More conditions make a narrower, harder scenario.
fn difficulty(when: &Condition) -> u8 {
    match when.len() {
        0..=2 => 1,
        3 => 2,
        _ => 3,
    }
}

/// What the rule warns against comes first, then strategies of the same direction that the
/// wizard recommends somewhere (the well-known flows a candidate weighs), then the rest of the
/// same direction and category, then the rest of that direction. A strategy for the other
/// direction is never offered: nobody would pick an outbound callout protocol for a client
/// calling in.
fn distractor_tiers(
    k: &Knowledge,
    rule: &Rule,
    right: &str,
    strategies: &HashMap<&str, &Strategy>,
) -> Vec<Vec<String>> {
    let avoided: Vec<String> = rule
        .avoid
        .iter()
        .map(|a| strategy_name(strategies, &a.strategy))
        .collect();
    let right_strategy = strategies.get(right);
    let direction: Option<Direction> = right_strategy.map(|r| r.direction);
    let known: BTreeSet<&str> = k
        .wizard
        .rules
        .iter()
        .flat_map(|r| r.recommend.iter())
        .flat_map(|rec| std::iter::once(&rec.strategy).chain(rec.with.iter()))
        .map(StrategyId::as_str)
        .collect();
    let (mut weighed, mut alike, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for s in &k.strategies {
        if s.id == right || direction.is_some_and(|d| d != s.direction) {
            continue;
        }
        if known.contains(s.id.as_str()) {
            weighed.push(s.name.clone());
        } else if right_strategy.is_some_and(|r| r.category == s.category) {
            alike.push(s.name.clone());
        } else {
            other.push(s.name.clone());
        }
    }
    vec![avoided, weighed, alike, other]
}

fn strategy_name(strategies: &HashMap<&str, &Strategy>, id: &str) -> String {
    strategies
        .get(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string())
}
