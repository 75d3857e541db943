//! Shared by the wizard tests: the shipped model, answers from `question=value` pairs, and every
//! complete set of answers that extends a start.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use sfauth::model::Knowledge;
use sfauth::wizard::{Answers, Outcome, outcome, resolve};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The answers of a backend job as an integration user that can sign a JWT, in the order the
/// wizard asks for them: they lead to the JWT bearer flow.
pub const BACKEND_JWT: [&str; 5] = [
    "direction=inbound",
    "caller=backend",
    "idp=none",
    "identity=integration-user",
    "can_sign_jwt=yes",
];

pub fn model() -> &'static Knowledge {
    static MODEL: OnceLock<Knowledge> = OnceLock::new();
    MODEL.get_or_init(|| Knowledge::builtin().expect("shipped model is valid"))
}

pub fn answers(pairs: &[&str]) -> Answers {
    Answers::parse(&model().wizard, pairs.iter().copied()).unwrap()
}

/// Every complete set of answers reachable from `start` by answering the questions the wizard
/// asks, keeping only those in which every starting answer still counts.
pub fn completions(start: &[&str]) -> Vec<(Answers, Outcome)> {
    let k = model();
    let mut out = Vec::new();
    let mut stack = vec![answers(start)];
    while let Some(a) = stack.pop() {
        let r = resolve(&k.wizard, &a);
        match r.next {
            Some(q) => {
                for o in &q.options {
                    let mut more = a.clone();
                    more.answer(&k.wizard, &q.id, &o.value).unwrap();
                    stack.push(more);
                }
            }
            None => {
                let counted: HashSet<String> = r
                    .answered
                    .iter()
                    .map(|x| format!("{}={}", x.question.id, x.option.value))
                    .collect();
                if start.iter().all(|s| counted.contains(*s)) {
                    out.push((a.clone(), outcome(k, &r).expect("complete answers")));
                }
            }
        }
    }
    out
}

pub fn describe(a: &Answers) -> String {
    a.iter()
        .map(|(q, v)| format!("{q}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks `top` for every completion of `start`; returns the outcomes for further checks.
pub fn pinned(start: &[&str], top: &str) -> Vec<Outcome> {
    let all = completions(start);
    assert!(!all.is_empty(), "no complete answers extend {start:?}");
    for (a, o) in &all {
        assert_eq!(o.top(), Some(top), "top for {}", describe(a));
    }
    all.into_iter().map(|(_, o)| o).collect()
}

pub fn avoided(o: &Outcome) -> Vec<&str> {
    o.avoid.iter().map(|w| w.strategy.as_str()).collect()
}
