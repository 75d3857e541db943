#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The chooser engine over the shipped wizard: invariants over every combination of answers,
//! stepping back, links and the Markdown rendering (the pinned outcomes are in
//! wizard_outcomes.rs).

mod wizard_support;

use proptest::prelude::*;
use sfauth::model::{EntryKind, EntryRef};
use sfauth::wizard::{Answers, Outcome, outcome, resolve, to_markdown};
use std::collections::HashSet;
use wizard_support::{BACKEND_JWT, answers, avoided, completions, describe, model};

fn check_invariants(label: &str, o: &Outcome) {
    let k = model();
    assert!(!o.recommendations.is_empty(), "{label}: no recommendation");
    let recommended = o.recommended_strategies();
    assert!(
        !recommended.contains(&"username-password"),
        "{label}: recommends username-password"
    );
    for w in &o.avoid {
        assert!(
            !recommended.contains(&w.strategy.as_str()),
            "{label}: {} is both recommended and avoided",
            w.strategy
        );
    }
    for s in recommended.iter().chain(avoided(o).iter()) {
        assert!(k.strategy(s).is_some(), "{label}: unknown strategy {s}");
    }
    assert!(!o.checklist.is_empty(), "{label}: empty checklist");
    assert!(!o.sources.is_empty(), "{label}: no sources");
}

#[test]
fn every_reachable_complete_answer_set_keeps_the_invariants() {
    let all = completions(&[]);
    assert!(all.len() >= 30, "only {} complete answer sets", all.len());
    for (a, o) in &all {
        check_invariants(&describe(a), o);
    }
}

/// Every question answered with every combination of its values, whether or not it applies.
#[test]
fn every_combination_of_all_answers_keeps_the_invariants() {
    let k = model();
    let questions = &k.wizard.questions;
    let mut index = vec![0usize; questions.len()];
    let mut count = 0;
    loop {
        let mut a = Answers::new();
        let pairs: Vec<String> = questions
            .iter()
            .zip(&index)
            .map(|(q, i)| format!("{}={}", q.id, q.options[*i].value))
            .collect();
        a = Answers::parse(&k.wizard, pairs.iter().map(String::as_str)).unwrap_or(a);
        assert_eq!(a.len(), questions.len());
        let r = resolve(&k.wizard, &a);
        assert!(
            r.is_complete(),
            "all questions answered but {:?} open",
            r.next.map(|q| &q.id)
        );
        assert!(r.pending.is_empty());
        assert_eq!(r.answered.len() + r.ignored.len(), questions.len());
        check_invariants(&pairs.join(" "), &outcome(k, &r).unwrap());
        count += 1;
        // Odometer over the option indexes.
        let mut pos = 0;
        loop {
            if pos == index.len() {
                assert!(count > 1000);
                return;
            }
            index[pos] += 1;
            if index[pos] < questions[pos].options.len() {
                break;
            }
            index[pos] = 0;
            pos += 1;
        }
    }
}

#[test]
fn every_question_says_why_and_is_reachable() {
    let k = model();
    let mut asked = HashSet::new();
    let mut stack = vec![Answers::new()];
    while let Some(a) = stack.pop() {
        let r = resolve(&k.wizard, &a);
        if let Some(q) = r.next {
            asked.insert(q.id.clone());
            for o in &q.options {
                let mut more = a.clone();
                more.answer(&k.wizard, &q.id, &o.value).unwrap();
                stack.push(more);
            }
        }
    }
    for q in &k.wizard.questions {
        assert!(asked.contains(&q.id), "question {} is never asked", q.id);
        assert!(!q.why.trim().is_empty() && !q.prompt.trim().is_empty());
    }
    for required in [
        "direction",
        "caller",
        "runtime",
        "orgs",
        "identity",
        "can_sign_jwt",
        "idp",
        "browser",
        "target",
        "principal",
    ] {
        assert!(asked.contains(required), "{required} missing");
    }
}

#[test]
fn every_rule_fires_for_some_answers() {
    let k = model();
    let outcomes: Vec<Outcome> = completions(&[]).into_iter().map(|(_, o)| o).collect();
    let fired: HashSet<&str> = outcomes
        .iter()
        .flat_map(|o| {
            let recommended = o.recommendations.iter().map(|p| p.rule.as_str());
            recommended.chain(o.avoid.iter().map(|w| w.rule.as_str()))
        })
        .collect();
    let checklist_texts: HashSet<&str> = outcomes
        .iter()
        .flat_map(|o| o.checklist.iter().map(|c| c.text.as_str()))
        .collect();
    for rule in &k.wizard.rules {
        let used = fired.contains(rule.id.as_str())
            || rule
                .checklist
                .iter()
                .any(|c| checklist_texts.contains(c.text.as_str()));
        assert!(used, "rule {} never contributes", rule.id);
    }
}

#[test]
fn username_password_is_avoided_wherever_a_caller_could_use_it() {
    for caller in [
        "web-app",
        "public-client",
        "cli",
        "device",
        "backend",
        "in-salesforce",
    ] {
        for (a, o) in completions(&["direction=inbound", &format!("caller={caller}")]) {
            assert!(
                avoided(&o).contains(&"username-password"),
                "{}: username-password not in avoid",
                describe(&a)
            );
        }
    }
}

#[test]
fn stepping_back_keeps_later_answers_that_still_apply() {
    let k = model();
    let w = &k.wizard;
    let mut a = answers(&BACKEND_JWT);
    let r = resolve(w, &a);
    assert!(r.is_complete());
    assert_eq!(
        r.previous(None).map(|q| q.id.as_str()),
        Some("can_sign_jwt")
    );
    assert_eq!(
        r.previous(Some("identity")).map(|q| q.id.as_str()),
        Some("idp")
    );

    // Change the caller: idp still applies to web apps, identity and can_sign_jwt do not.
    a.answer(w, "caller", "web-app").unwrap();
    assert_eq!(a.get("idp"), Some("none"));
    assert_eq!(a.get("identity"), None);
    assert_eq!(a.get("can_sign_jwt"), None);
    let r = resolve(w, &a);
    assert_eq!(r.next.map(|q| q.id.as_str()), Some("users"));

    // Change identity on a backend: can_sign_jwt only applies to integration users.
    let mut a = answers(&[
        "direction=inbound",
        "caller=backend",
        "idp=oidc",
        "identity=integration-user",
        "can_sign_jwt=no",
    ]);
    a.answer(w, "identity", "per-user").unwrap();
    assert_eq!(a.get("can_sign_jwt"), None);
    assert_eq!(a.get("idp"), Some("oidc"));
    let r = resolve(w, &a);
    assert_eq!(r.next.map(|q| q.id.as_str()), Some("orgs"));
    a.answer(w, "orgs", "one").unwrap();
    let o = outcome(k, &resolve(w, &a)).unwrap();
    assert_eq!(o.top(), Some("jwt-bearer"));
}

#[test]
fn the_same_answers_always_give_the_same_outcome() {
    let k = model();
    let a = answers(&["direction=inbound", "caller=cli", "browser=no"]);
    let first = outcome(k, &resolve(&k.wizard, &a)).unwrap();
    let second = outcome(k, &resolve(&k.wizard, &a)).unwrap();
    assert_eq!(first, second);
    assert!(outcome(k, &resolve(&k.wizard, &answers(&["direction=inbound"]))).is_none());
}

#[test]
fn links_point_at_existing_flows_entries_and_cards_about_the_picks() {
    let k = model();
    for (a, o) in completions(&[]) {
        let label = describe(&a);
        let recommended = o.recommended_strategies();
        for s in &recommended {
            let entry = format!("strategy:{s}");
            assert!(
                o.links.entries.contains(&entry),
                "{label}: {entry} not linked"
            );
            if let Some(flow) = k.strategy(s).and_then(|x| x.flow.as_ref()) {
                assert!(
                    o.links.flows.iter().any(|f| f == flow),
                    "{label}: flow {flow} not linked"
                );
            }
        }
        for e in &o.links.entries {
            assert!(
                k.get(&e.parse().unwrap()).is_some(),
                "{label}: dangling entry {e}"
            );
        }
        for f in &o.links.flows {
            assert!(k.flow(f).is_some(), "{label}: dangling flow {f}");
        }
        let wanted: Vec<EntryRef> = recommended
            .iter()
            .flat_map(|s| {
                let mut refs = vec![EntryRef::new(EntryKind::Strategy, *s)];
                if let Some(flow) = k.strategy(s).and_then(|x| x.flow.clone()) {
                    refs.push(EntryRef::new(EntryKind::Flow, flow));
                }
                refs
            })
            .collect();
        let expected: HashSet<&str> = k
            .cards
            .iter()
            .filter(|c| c.refs.iter().any(|r| wanted.contains(r)))
            .map(|c| c.id.as_str())
            .collect();
        let linked: HashSet<&str> = o.links.cards.iter().map(String::as_str).collect();
        assert_eq!(linked, expected, "{label}: cards");
        assert_eq!(linked.len(), o.links.cards.len(), "{label}: repeated cards");
    }
}

#[test]
fn markdown_has_every_section_and_names_the_strategies() {
    let k = model();
    let a = answers(&[
        "direction=inbound",
        "caller=backend",
        "idp=none",
        "identity=integration-user",
        "can_sign_jwt=no",
    ]);
    let o = outcome(k, &resolve(&k.wizard, &a)).unwrap();
    let md = to_markdown(k, &o);
    for needle in [
        "# Salesforce authentication: recommendation",
        "## Answers",
        "(`can_sign_jwt=no`)",
        "## Recommended",
        "1. **",
        "(`client-credentials`)",
        "## Avoid",
        "(`username-password`)",
        "## Setup checklist",
        "- [ ] ",
        "## Read on",
        "`strategy:client-credentials`",
        "## Sources",
        "<https://",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
    assert_eq!(
        md.matches("- [ ] ").count(),
        o.checklist.len(),
        "one checkbox per checklist item"
    );
}

proptest! {
    /// Any mix of answers, applicable or not, resolves without panicking, accounts for every
    /// answer exactly once, and answering on from there reaches an outcome.
    #[test]
    fn any_answers_resolve_and_complete(picks in proptest::collection::vec(proptest::option::of(0usize..8), 12)) {
        let k = model();
        let w = &k.wizard;
        let pairs: Vec<String> = w
            .questions
            .iter()
            .zip(&picks)
            .filter_map(|(q, pick)| pick.map(|i| format!("{}={}", q.id, q.options[i % q.options.len()].value)))
            .collect();
        let mut a = Answers::parse(w, pairs.iter().map(String::as_str)).unwrap();
        let r = resolve(w, &a);
        prop_assert_eq!(r.answered.len() + r.pending.len() + r.ignored.len(), a.len());
        if let Some(q) = r.next {
            prop_assert!(a.get(&q.id).is_none());
        }
        let mut steps = 0;
        loop {
            let r = resolve(w, &a);
            match r.next {
                Some(q) => {
                    let first = q.options[0].value.clone();
                    let id = q.id.clone();
                    a.answer(w, &id, &first).unwrap();
                }
                None => {
                    let o = outcome(k, &r).unwrap();
                    prop_assert!(!o.recommendations.is_empty());
                    break;
                }
            }
            steps += 1;
            prop_assert!(steps <= w.questions.len(), "answering does not terminate");
        }
    }
}
