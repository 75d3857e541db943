//! Scenario -> strategy cards from the wizard's rules: the rule's conditions become the
//! scenario, its recommendation the right answer.

use super::choice;
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::model::{Condition, Knowledge, Question, Rule, Strategy, Wizard};
use std::collections::{BTreeSet, HashMap};

pub const SCENARIO_TOPIC: &str = "choosing";

/// One card per recommendation of every rule: `gen-scenario-rule-<rule>-<strategy>`.
pub fn scenario_cards(k: &Knowledge) -> Vec<DrillCard> {
    let strategies: HashMap<&str, &Strategy> =
        k.strategies.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut cards = Vec::new();
    for rule in &k.wizard.rules {
        let right_anyway = recommended_by_compatible_rules(&k.wizard, rule);
        for rec in &rule.recommend {
            let id = format!("gen-scenario-rule-{}-{}", rule.id, rec.strategy);
            let right = strategy_name(&strategies, &rec.strategy);
            let tiers = distractor_tiers(k, rule, &rec.strategy, &strategies);
            let also_right: Vec<String> = right_anyway
                .iter()
                .map(|s| strategy_name(&strategies, s))
                .collect();
            let also_right: Vec<&str> = also_right.iter().map(String::as_str).collect();
            let answering = choice(&id, &right, &also_right, tiers).unwrap_or(Answering::Flashcard);
            let mut answer = rec.reason.clone();
            if !rec.with.is_empty() {
                let with: Vec<String> = rec
                    .with
                    .iter()
                    .map(|s| strategy_name(&strategies, s))
                    .collect();
                answer.push_str(&format!("\nPair it with: {}.", with.join(", ")));
            }
            for avoid in &rule.avoid {
                answer.push_str(&format!(
                    "\nAvoid {}: {}",
                    strategy_name(&strategies, &avoid.strategy),
                    avoid.reason
                ));
            }
            let mut refs = vec![format!("strategy:{}", rec.strategy)];
            if let Some(flow) = strategies
                .get(rec.strategy.as_str())
                .and_then(|s| s.flow.as_ref())
            {
                refs.push(format!("flow:{flow}"));
            }
            refs.extend(rec.with.iter().map(|s| format!("strategy:{s}")));
            let prompt = match &answering {
                Answering::Flashcard => format!(
                    "{}\nWhich strategy fits, and why?",
                    scenario_sentence(&k.wizard, &rule.when)
                ),
                _ => format!(
                    "{}\nWhich strategy fits?",
                    scenario_sentence(&k.wizard, &rule.when)
                ),
            };
            let answer = match &answering {
                Answering::Flashcard => format!("{right}. {answer}"),
                _ => answer,
            };
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

/// The rule's conditions as a scenario, one line per question in the wizard's order:
/// `- <question prompt> <chosen option label>`.
pub fn scenario_sentence(wizard: &Wizard, when: &Condition) -> String {
    if when.is_empty() {
        return "Scenario: any integration.".to_string();
    }
    let position: HashMap<&str, usize> = wizard
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut clauses: Vec<(&String, &Vec<String>)> = when.iter().collect();
    clauses.sort_by_key(|(q, _)| position.get(q.as_str()).copied().unwrap_or(usize::MAX));
    let lines: Vec<String> = clauses
        .into_iter()
        .map(|(qid, values)| {
            let question = wizard.questions.iter().find(|q| &q.id == qid);
            clause(qid, question, values)
        })
        .collect();
    format!("Scenario:\n{}", lines.join("\n"))
}

fn clause(qid: &str, question: Option<&Question>, values: &[String]) -> String {
    let labels: Vec<String> = values
        .iter()
        .map(|v| {
            question
                .and_then(|q| q.options.iter().find(|o| &o.value == v))
                .map(|o| o.label.clone())
                .unwrap_or_else(|| v.clone())
        })
        .collect();
    let answer = labels.join(" or ");
    match question {
        Some(q) => format!("- {} {}", q.prompt.trim(), answer),
        None => format!("- {qid}: {answer}"),
    }
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
/// category, then the rest.
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
    let (mut alike, mut other): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for s in &k.strategies {
        if s.id == right {
            continue;
        }
        let same =
            right_strategy.is_some_and(|r| r.direction == s.direction && r.category == s.category);
        if same {
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
