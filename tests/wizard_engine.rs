#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The chooser engine over the shipped wizard: pinned outcomes, invariants over every
//! combination of answers, stepping back, links and the Markdown rendering.

use proptest::prelude::*;
use sfauth::model::{EntryKind, EntryRef, Knowledge};
use sfauth::wizard::{Answers, Outcome, outcome, resolve, to_markdown};
use std::collections::HashSet;
use std::sync::OnceLock;

fn model() -> &'static Knowledge {
    static MODEL: OnceLock<Knowledge> = OnceLock::new();
    MODEL.get_or_init(|| Knowledge::builtin().expect("shipped model is valid"))
}

fn answers(pairs: &[&str]) -> Answers {
    Answers::parse(&model().wizard, pairs.iter().copied()).unwrap()
}

/// Every complete set of answers reachable from `start` by answering the questions the wizard
/// asks, keeping only those in which every starting answer still counts.
fn completions(start: &[&str]) -> Vec<(Answers, Outcome)> {
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

fn describe(a: &Answers) -> String {
    a.iter()
        .map(|(q, v)| format!("{q}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks `top` for every completion of `start`; returns the outcomes for further checks.
fn pinned(start: &[&str], top: &str) -> Vec<Outcome> {
    let all = completions(start);
    assert!(!all.is_empty(), "no complete answers extend {start:?}");
    for (a, o) in &all {
        assert_eq!(o.top(), Some(top), "top for {}", describe(a));
    }
    all.into_iter().map(|(_, o)| o).collect()
}

fn avoided(o: &Outcome) -> Vec<&str> {
    o.avoid.iter().map(|w| w.strategy.as_str()).collect()
}

#[test]
fn inbound_web_app_gets_the_web_server_flow_with_pkce() {
    for o in pinned(&["direction=inbound", "caller=web-app"], "web-server") {
        assert!(o.recommendations[0].reason.contains("PKCE"));
        assert!(avoided(&o).contains(&"user-agent"));
    }
}

#[test]
fn inbound_public_client_gets_pkce_without_a_secret_and_avoids_user_agent() {
    for o in pinned(&["direction=inbound", "caller=public-client"], "web-server") {
        let reason = &o.recommendations[0].reason;
        assert!(
            reason.contains("PKCE") && reason.contains("no client secret"),
            "{reason}"
        );
        assert!(avoided(&o).contains(&"user-agent"));
    }
}

#[test]
fn backend_integration_user_that_can_sign_gets_jwt_bearer() {
    pinned(
        &[
            "direction=inbound",
            "caller=backend",
            "identity=integration-user",
            "can_sign_jwt=yes",
        ],
        "jwt-bearer",
    );
}

#[test]
fn backend_integration_user_that_cannot_sign_gets_client_credentials() {
    pinned(
        &[
            "direction=inbound",
            "caller=backend",
            "identity=integration-user",
            "can_sign_jwt=no",
        ],
        "client-credentials",
    );
}

#[test]
fn backend_acting_per_user_gets_jwt_bearer() {
    pinned(
        &[
            "direction=inbound",
            "caller=backend",
            "identity=per-user",
            "orgs=one",
        ],
        "jwt-bearer",
    );
}

#[test]
fn a_product_serving_many_customer_orgs_gets_per_org_consent_not_one_jwt_setup() {
    let start = [
        "direction=inbound",
        "caller=backend",
        "identity=per-user",
        "orgs=many",
    ];
    for o in pinned(&start, "web-server") {
        assert_eq!(o.recommendations[0].with, ["refresh-token"]);
        assert!(o.recommendations[0].reason.contains("refresh token"));
        let jwt = o
            .recommendations
            .iter()
            .find(|p| p.strategy == "jwt-bearer")
            .expect("JWT bearer stays as the packaged-app option");
        assert!(
            jwt.reason.starts_with("Only as a packaged app"),
            "{}",
            jwt.reason
        );
        assert!(!avoided(&o).contains(&"refresh-token"));
        assert!(
            o.checklist
                .iter()
                .any(|c| c.text.contains("refresh token per org")),
            "{:?}",
            o.checklist
        );
    }
}

#[test]
fn the_many_orgs_question_is_asked_only_for_jobs_acting_as_given_users() {
    let k = model();
    let orgs = k.wizard.questions.iter().find(|q| q.id == "orgs").unwrap();
    assert!(!orgs.why.trim().is_empty());
    for (a, _) in completions(&[]) {
        let per_user_job =
            a.get("caller") == Some("backend") && a.get("identity") == Some("per-user");
        assert_eq!(a.get("orgs").is_some(), per_user_job, "{}", describe(&a));
    }
}

#[test]
fn backend_with_a_saml_idp_gets_saml_bearer() {
    pinned(
        &["direction=inbound", "caller=backend", "idp=saml"],
        "saml-bearer",
    );
}

#[test]
fn cli_with_a_browser_gets_the_web_server_flow_with_a_loopback_redirect() {
    for o in pinned(
        &["direction=inbound", "caller=cli", "browser=yes"],
        "web-server",
    ) {
        assert!(o.recommendations[0].reason.contains("loopback"));
        assert!(avoided(&o).contains(&"device"));
    }
}

#[test]
fn code_in_salesforce_makes_no_api_call_or_uses_a_named_credential_before_the_session_id() {
    for o in pinned(
        &["direction=inbound", "caller=in-salesforce"],
        "no-api-call",
    ) {
        let order: Vec<&str> = o
            .recommendations
            .iter()
            .map(|p| p.strategy.as_str())
            .collect();
        let at = |s: &str| order.iter().position(|x| *x == s);
        let (Some(nc), Some(sid)) = (at("oauth2"), at("session-id")) else {
            panic!("expected a Named Credential and the session id as fallbacks: {order:?}");
        };
        assert_eq!(nc, 1, "{order:?}");
        assert!(sid > nc, "the session id must rank last: {order:?}");
        assert!(o.recommendations[1].reason.contains("Named Credential"));
        let fallback = &o.recommendations[sid].reason;
        assert!(fallback.contains("never send it") && fallback.contains("discouraged"));
    }
}

#[test]
fn a_single_page_app_gets_pkce_plus_the_cors_allowlist_and_my_domain_host() {
    for o in pinned(
        &[
            "direction=inbound",
            "caller=public-client",
            "runtime=browser",
        ],
        "web-server",
    ) {
        let items: Vec<&str> = o.checklist.iter().map(|c| c.text.as_str()).collect();
        assert!(
            items.iter().any(|t| t.contains("Setup > CORS")),
            "no CORS allowlist item: {items:?}"
        );
        assert!(
            items
                .iter()
                .any(|t| t.contains("Enable CORS for OAuth endpoints") && t.contains("My Domain")),
            "no OAuth CORS / My Domain item: {items:?}"
        );
        assert!(avoided(&o).contains(&"user-agent"));
    }
    for o in pinned(
        &[
            "direction=inbound",
            "caller=public-client",
            "runtime=native",
        ],
        "web-server",
    ) {
        assert!(!o.checklist.iter().any(|c| c.text.contains("Setup > CORS")));
    }
}

#[test]
fn a_device_without_a_browser_gets_an_installed_app_with_the_device_flow_and_the_caveat() {
    for o in pinned(
        &["direction=inbound", "caller=device", "browser=no"],
        "device",
    ) {
        let top = &o.recommendations[0].reason;
        for needle in [
            "External Client App",
            "Enable Device Flow",
            "install",
            "2025",
        ] {
            assert!(top.contains(needle), "missing {needle:?} in {top}");
        }
        let companion = &o.recommendations[1];
        assert_eq!(companion.strategy, "web-server");
        for needle in ["refresh token", "instance_url", "never sees a password"] {
            assert!(
                companion.reason.contains(needle),
                "missing {needle:?} in {}",
                companion.reason
            );
        }
        assert!(avoided(&o).contains(&"username-password"));
    }
}

#[test]
fn outbound_aws_gets_sigv4() {
    pinned(&["direction=outbound", "target=aws"], "aws-sigv4");
}

#[test]
fn outbound_mtls_gets_mtls() {
    pinned(&["direction=outbound", "target=mtls"], "mtls");
}

#[test]
fn outbound_api_key_gets_a_custom_header() {
    pinned(&["direction=outbound", "target=api-key"], "custom-header");
}

#[test]
fn outbound_oauth2_per_user_gets_oauth2_with_a_per_user_principal() {
    for o in pinned(
        &["direction=outbound", "target=oauth2", "principal=per-user"],
        "oauth2",
    ) {
        assert_eq!(o.recommendations[0].with, ["per-user-principal"]);
    }
}

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
    let fired: HashSet<String> = completions(&[])
        .iter()
        .flat_map(|(_, o)| {
            o.recommendations
                .iter()
                .map(|p| p.rule.clone())
                .chain(o.avoid.iter().map(|w| w.rule.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let checklist_texts: HashSet<String> = completions(&[])
        .iter()
        .flat_map(|(_, o)| {
            o.checklist
                .iter()
                .map(|c| c.text.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    for rule in &k.wizard.rules {
        let used = fired.contains(&rule.id)
            || rule
                .checklist
                .iter()
                .any(|c| checklist_texts.contains(&c.text));
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
    let mut a = answers(&[
        "direction=inbound",
        "caller=backend",
        "idp=none",
        "identity=integration-user",
        "can_sign_jwt=yes",
    ]);
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
                    o.links.flows.contains(flow),
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
