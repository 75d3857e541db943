//! Scenario -> strategy cards from the wizard's rules: the rule's conditions become the
//! scenario, its recommendation the right answer.

use super::choice;
use super::scenario_text::scenario_sentence;
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::model::{Condition, Direction, Knowledge, Rule, Strategy, Wizard};
use crate::wizard::{Answers, outcome, resolve};
use std::collections::{BTreeSet, HashMap};

pub const SCENARIO_TOPIC: &str = "choosing";

/// One card per rule whose recommendation the wizard puts first in every complete set of
/// answers the rule applies to: `gen-scenario-rule-<rule>-<strategy>`. A recommendation that is
/// only a runner-up (a narrower alternative, a fallback) would make a card whose right answer
/// its own explanation advises against, so it is told in the answer instead.
pub fn scenario_cards(k: &Knowledge) -> Vec<DrillCard> {
    let strategies: HashMap<&str, &Strategy> =
        k.strategies.iter().map(|s| (s.id.as_str(), s)).collect();
    let completions = completions(k);
    let mut cards = Vec::new();
    for rule in &k.wizard.rules {
        let right_anyway = recommended_by_compatible_rules(&k.wizard, rule);
        for rec in &rule.recommend {
            if !always_first(&completions, rule, &rec.strategy) {
                continue;
            }
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
            let mut refs = vec![format!("strategy:{}", rec.strategy)];
            if let Some(flow) = strategies
                .get(rec.strategy.as_str())
                .and_then(|s| s.flow.as_ref())
            {
                refs.push(format!("flow:{flow}"));
            }
            refs.extend(rec.with.iter().map(|s| format!("strategy:{s}")));
            let scenario = scenario_sentence(&k.wizard, &rule.when);
            let prompt = match &answering {
                Answering::Flashcard => format!("{scenario}\nWhich strategy fits, and why?"),
                _ => format!("{scenario}\nWhich strategy fits?"),
            };
            if matches!(answering, Answering::Flashcard) {
                answer = format!("{right}. {answer}");
            }
            cards.push(DrillCard {
                id,
                kind: CardKind::Scenario,
                topic: SCENARIO_TOPIC.to_string(),
                difficulty: difficulty(&rule.when),
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

/// The answers that count and the top pick, for every complete set of answers the wizard can
/// reach. Bounded, so a pathological wizard cannot stall deck building.
fn completions(k: &Knowledge) -> Vec<(HashMap<String, String>, Option<String>)> {
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
            let counted = r
                .answered
                .iter()
                .map(|x| (x.question.id.clone(), x.option.value.clone()))
                .collect();
            let top = outcome(k, &r).and_then(|o| o.top().map(str::to_string));
            out.push((counted, top));
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

/// True when the rule applies to some complete answers and the strategy is the top pick in
/// all of them.
fn always_first(
    completions: &[(HashMap<String, String>, Option<String>)],
    rule: &Rule,
    strategy: &str,
) -> bool {
    let mut applies = completions.iter().filter(|(answers, _)| {
        rule.when
            .iter()
            .all(|(q, accepted)| answers.get(q).is_some_and(|v| accepted.contains(v)))
    });
    let mut any = false;
    let all = applies.all(|(_, top)| {
        any = true;
        top.as_deref() == Some(strategy)
    });
    any && all
}

/// More conditions make a narrower, harder scenario.
fn difficulty(when: &Condition) -> u8 {
    match when.len() {
        0..=2 => 1,
        3 => 2,
        _ => 3,
    }
}

/// Two rules can fire together unless some question they both constrain has no value in
/// common.
fn compatible(a: &Condition, b: &Condition) -> bool {
    a.iter().all(|(q, values)| match b.get(q) {
        Some(other) => values.iter().any(|v| other.contains(v)),
        None => true,
    })
}

/// Strategies that could also be recommended for this scenario (by this rule or any rule that
/// can fire with it): never offered as wrong answers.
fn recommended_by_compatible_rules(wizard: &Wizard, rule: &Rule) -> BTreeSet<String> {
    wizard
        .rules
        .iter()
        .filter(|r| compatible(&rule.when, &r.when))
        .flat_map(|r| r.recommend.iter())
        .flat_map(|rec| std::iter::once(&rec.strategy).chain(rec.with.iter()))
        .cloned()
        .collect()
}

/// What the rule warns against comes first, then strategies of the same direction and
/// category, then the rest of that direction. A strategy for the other direction is never
/// offered: nobody would pick an outbound callout protocol for a client calling in.
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
    let (mut alike, mut other): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for s in &k.strategies {
        if s.id == right || direction.is_some_and(|d| d != s.direction) {
            continue;
        }
        if right_strategy.is_some_and(|r| r.category == s.category) {
            alike.push(s.name.clone());
        } else {
            other.push(s.name.clone());
        }
    }
    vec![avoided, alike, other]
}

fn strategy_name(strategies: &HashMap<&str, &Strategy>, id: &str) -> String {
    strategies
        .get(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string())
}
