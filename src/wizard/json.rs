//! The JSON shapes `sfauth choose --json` prints (pinned by the issue; add fields, never rename).

use super::outcome::Outcome;
use super::resolve::Resolution;
use crate::model::{Knowledge, Question};
use serde_json::{Map, Value, json};

/// `{"id", "prompt", "why", "options": [{"value", "label"}]}`.
pub fn question_json(q: &Question) -> Value {
    json!({
        "id": q.id,
        "prompt": q.prompt,
        "why": q.why,
        "options": q.options.iter().map(|o| json!({"value": o.value, "label": o.label})).collect::<Vec<_>>(),
    })
}

/// The next question while answers are missing, else the outcome.
pub fn to_json(k: &Knowledge, r: &Resolution<'_>, outcome: Option<&Outcome>) -> Value {
    let answers: Map<String, Value> = r
        .kept()
        .map(|a| (a.question.id.clone(), json!(a.option.value)))
        .collect();
    let ignored: Map<String, Value> = r
        .ignored
        .iter()
        .map(|a| (a.question.id.clone(), json!(a.option.value)))
        .collect();
    match (r.next, outcome) {
        (None, Some(o)) => outcome_json(k, o, answers, ignored),
        (next, _) => json!({
            "complete": false,
            "answers": answers,
            "next": next.map(question_json),
            "ignored": ignored,
        }),
    }
}

fn outcome_json(
    k: &Knowledge,
    o: &Outcome,
    answers: Map<String, Value>,
    ignored: Map<String, Value>,
) -> Value {
    let name = |id: &str| k.strategy(id).map(|s| s.name.clone());
    let recommendations: Vec<Value> = o
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let flow = k
                .strategy(&p.strategy)
                .and_then(|s| s.flow.clone())
                .filter(|f| o.links.flows.iter().any(|l| l == f));
            json!({
                "strategy": p.strategy,
                "reason": p.reason,
                "rank": i + 1,
                "name": name(&p.strategy),
                "status": k.strategy(&p.strategy).map(|s| s.status.level.as_str()),
                "with": p.with,
                "flow": flow,
                "entry": format!("strategy:{}", p.strategy),
                "rule": p.rule,
            })
        })
        .collect();
    let avoid: Vec<Value> = o
        .avoid
        .iter()
        .map(|w| {
            json!({
                "strategy": w.strategy,
                "reason": w.reason,
                "name": name(&w.strategy),
                "rule": w.rule,
            })
        })
        .collect();
    let checklist: Vec<Value> = o
        .checklist
        .iter()
        .map(|c| json!({"text": c.text, "see": c.see}))
        .collect();
    json!({
        "complete": true,
        "answers": answers,
        "recommendations": recommendations,
        "avoid": avoid,
        "checklist": checklist,
        "links": {
            "flows": o.links.flows,
            "entries": o.links.entries,
            "cards": o.links.cards,
        },
        "sources": o.sources,
        "ignored": ignored,
    })
}
