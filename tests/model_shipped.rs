#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The shipped knowledge model: it validates, it is complete, and its references resolve.

use sfauth::model::{EntryKind, EntryRef, Knowledge, StatusLevel, StrategyCategory};
use std::collections::HashSet;

mod shipped_support;
use shipped_support::FLOWS;

fn model() -> Knowledge {
    match Knowledge::builtin_checked() {
        Ok(k) => k,
        Err(e) => panic!(
            "shipped model is invalid:\n{}",
            e.problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Start-up loads the shipped model without validating it; this is what makes that safe.
#[test]
fn the_shipped_model_validates_so_start_up_may_trust_it() {
    let checked = model();
    let trusted = Knowledge::builtin().unwrap();
    for kind in EntryKind::ALL {
        assert_eq!(
            trusted.entries_of(kind).len(),
            checked.entries_of(kind).len(),
            "{kind:?}"
        );
    }
    // The trusted load parses each entry from its indexed place in the embedded text
    // (build.rs); it must give exactly what the validated whole-file parse gives.
    let json = |k: &Knowledge| {
        let entries: Vec<_> = k.all_entries().iter().map(|e| e.to_json()).collect();
        (entries, format!("{:?}", k.wizard))
    };
    assert_eq!(json(&trusted), json(&checked));
    let inspect = Knowledge::builtin_kinds(&[EntryKind::Check, EntryKind::Error]).unwrap();
    assert_eq!(
        inspect.entries_of(EntryKind::Check).len(),
        checked.checks.len()
    );
    assert!(inspect.entries_of(EntryKind::Strategy).is_empty());
}

/// `sfauth inspect` parses a check or error the first time it is named; every one parses to
/// what the validated load has.
#[test]
fn checks_and_errors_on_demand_match_the_validated_model() {
    let checked = model();
    let lazy = Knowledge::builtin_checks_on_demand();
    for c in &checked.checks {
        let on_demand = lazy.check(&c.id).unwrap();
        assert_eq!(
            serde_json::to_value(on_demand).unwrap(),
            serde_json::to_value(c).unwrap()
        );
    }
    for e in &checked.errors {
        let on_demand = lazy.error(&e.id).unwrap();
        assert_eq!(
            serde_json::to_value(on_demand).unwrap(),
            serde_json::to_value(e).unwrap()
        );
    }
    assert!(lazy.check("no-such-check").is_none() && lazy.error("J7").is_none());
}

/// `sfauth kb show ID` loads only the entries with that id and those they link to.
#[test]
fn an_entry_loads_with_everything_its_page_links_to() {
    let checked = model();
    let around = Knowledge::builtin_around(|_, id| id == "J7").unwrap();
    let j7 = around.check("J7").unwrap();
    assert_eq!(j7.title, checked.check("J7").unwrap().title);
    for r in &j7.related {
        assert!(around.contains(r), "{r} is linked from J7");
    }
    if let Some(p) = &j7.predicts {
        assert!(around.error(p).is_some(), "J7 predicts {p}");
    }
    assert!(around.all_entries().len() < checked.all_entries().len() / 4);
    let shared = Knowledge::builtin_around(|_, id| id == "jwt-bearer").unwrap();
    assert_eq!(
        shared.find_id("jwt-bearer").len(),
        checked.find_id("jwt-bearer").len()
    );
}

/// Every shipped flow but this one (outbound, from Salesforce) is also an inbound strategy.
const OUTBOUND_FLOW: &str = "named-credential-oauth";
const OUTBOUND: [&str; 7] = [
    "oauth2",
    "aws-sigv4",
    "jwt",
    "basic",
    "custom-header",
    "mtls",
    "no-auth",
];
const PRINCIPALS: [&str; 2] = ["named-principal", "per-user-principal"];

#[test]
fn every_required_strategy_exists_with_the_right_direction() {
    let k = model();
    let inbound = FLOWS.into_iter().filter(|id| *id != OUTBOUND_FLOW);
    // With the inbound strategies that have no flow diagram of their own.
    for id in inbound.chain(["headless-identity", "session-id"]) {
        let s = k.strategy(id).unwrap_or_else(|| panic!("strategy {id}"));
        assert_eq!(s.direction.as_str(), "inbound", "{id}");
        assert_eq!(s.category, StrategyCategory::Protocol, "{id}");
    }
    for id in OUTBOUND {
        let s = k.strategy(id).unwrap_or_else(|| panic!("strategy {id}"));
        assert_eq!(s.direction.as_str(), "outbound", "{id}");
    }
    for id in PRINCIPALS {
        let s = k.strategy(id).unwrap_or_else(|| panic!("strategy {id}"));
        assert_eq!(s.category, StrategyCategory::Principal, "{id}");
    }
    let oauth2 = k.strategy("oauth2").unwrap();
    let variants: HashSet<&str> = oauth2.variants.iter().map(|v| v.id.as_str()).collect();
    for v in ["browser", "client-credentials", "jwt-bearer"] {
        assert!(variants.contains(v), "oauth2 variant {v}");
    }
}

#[test]
fn username_password_is_not_recommended_and_names_its_replacements() {
    let k = model();
    let s = k.strategy("username-password").unwrap();
    assert!(s.status.level >= StatusLevel::Discouraged);
    assert!(!s.status.replaced_by.is_empty());
    assert!(s.status.since.is_some());
}

#[test]
fn every_required_flow_exists_with_participants_and_steps() {
    let k = model();
    for id in FLOWS {
        let f = k.flow(id).unwrap_or_else(|| panic!("flow {id}"));
        assert!(f.participants.len() >= 2, "{id}");
        assert!(f.steps.len() >= 3, "{id}");
        let has_http = f.steps.iter().any(|s| s.http.is_some());
        assert!(has_http, "{id}: no step carries an HTTP message");
    }
    assert_eq!(
        k.flow("named-credential-oauth").unwrap().direction.as_str(),
        "outbound"
    );
}

#[test]
fn every_check_j1_to_j14_and_s1_to_s14_exists() {
    let k = model();
    for prefix in ["J", "S"] {
        for n in 1..=14 {
            let id = format!("{prefix}{n}");
            assert!(k.check(&id).is_some(), "check {id}");
        }
    }
}

#[test]
fn minimum_counts_hold() {
    let k = model();
    assert!(k.errors.len() >= 20, "errors: {}", k.errors.len());
    assert!(k.cards.len() >= 80, "cards: {}", k.cards.len());
    assert!(k.practices.len() >= 8, "practices: {}", k.practices.len());
    assert!(k.glossary.len() >= 20, "glossary: {}", k.glossary.len());
}

#[test]
fn recommended_and_supported_strategies_have_three_cards_each() {
    let k = model();
    for s in &k.strategies {
        if s.status.level > StatusLevel::Supported {
            continue;
        }
        let target = EntryRef::new(EntryKind::Strategy, &s.id);
        let n = k.cards.iter().filter(|c| c.refs.contains(&target)).count();
        assert!(n >= 3, "strategy {} has {n} cards", s.id);
    }
}

#[test]
fn every_entry_has_web_sources_and_an_as_of() {
    let k = model();
    for e in k.all_entries() {
        assert!(!e.as_of().is_empty(), "{}", e.entry_ref());
        assert!(!e.sources().is_empty(), "{}", e.entry_ref());
        for s in e.sources() {
            assert!(
                s.starts_with("https://") || s.starts_with("http://"),
                "{}: {s}",
                e.entry_ref()
            );
        }
    }
}

#[test]
fn every_reference_resolves_and_every_card_refers_somewhere() {
    let k = model();
    for e in k.all_entries() {
        for r in e.related() {
            assert!(k.contains(r), "{} -> {r}", e.entry_ref());
        }
    }
    for c in &k.cards {
        assert!(!c.refs.is_empty(), "card {}", c.id);
    }
}

#[test]
fn checks_that_predict_an_error_name_a_catalogued_one() {
    let k = model();
    let predicting = k.checks.iter().filter(|c| c.predicts.is_some()).count();
    assert!(
        predicting >= 10,
        "only {predicting} checks predict an error"
    );
    let j6 = k.check("J6").unwrap();
    let err = k.error(j6.predicts.as_deref().unwrap()).unwrap();
    assert_eq!(err.display_line(), "invalid_grant: audience is invalid");
}

#[test]
fn shared_ids_are_found_across_kinds() {
    let k = model();
    let kinds: Vec<EntryKind> = k.find_id("jwt-bearer").iter().map(|e| e.kind()).collect();
    assert!(kinds.contains(&EntryKind::Strategy));
    assert!(kinds.contains(&EntryKind::Flow));
}

#[test]
fn search_is_case_insensitive_and_ranks_titles_first() {
    let k = model();
    let hits = k.search("JWT BEARER");
    assert!(!hits.is_empty());
    assert!(hits[0].title().to_lowercase().contains("jwt"));
    assert!(k.search("zzzz-no-such-thing").is_empty());
}

/// Checked on the shipped model only: a team pack may well add its own variant of a
/// shipped error under the same response line.
#[test]
fn error_titles_are_unique_and_codes_are_codes() {
    let k = model();
    let mut seen = HashSet::new();
    for e in &k.errors {
        assert!(
            seen.insert(e.title().to_lowercase()),
            "two errors are titled \"{}\"",
            e.title()
        );
        assert!(
            e.error
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{}: \"{}\" is not an error code",
            e.id,
            e.error
        );
        if e.error.is_empty() {
            assert!(e.login_history.is_some(), "{} has no key at all", e.id);
        }
    }
    let history_only = k.error("not-approved-for-access").unwrap();
    assert_eq!(history_only.error, "");
    assert_eq!(
        history_only.display_line(),
        "Login History: Failed: Not approved for access"
    );
}

#[test]
fn entries_sharing_a_response_say_what_tells_them_apart() {
    let k = model();
    let assertion: Vec<String> = k
        .errors
        .iter()
        .filter(|e| e.display_line() == "invalid_grant: invalid assertion")
        .map(|e| e.title())
        .collect();
    assert!(assertion.len() >= 6, "{assertion:?}");
    for title in &assertion {
        assert_ne!(title, "invalid_grant: invalid assertion");
    }
}

/// What interviewers ask beyond the flows themselves: each topic has its entries, and cards
/// that practise them.
#[test]
fn interview_topics_beyond_the_flows_are_covered() {
    let k = model();
    let topics: [(&str, &[&str]); 14] = [
        (
            "per-user approval cap",
            &[
                "practice:reuse-one-approval-per-user",
                "glossary:approval-limit",
            ],
        ),
        (
            "CORS for SPAs",
            &["practice:cors-for-spas", "glossary:cors-allowlist"],
        ),
        (
            "Salesforce as IdP",
            &["strategy:salesforce-idp", "glossary:single-logout"],
        ),
        (
            "Salesforce as relying party",
            &[
                "strategy:auth-provider-sso",
                "glossary:registration-handler",
                "glossary:jit-provisioning",
            ],
        ),
        (
            "delegated authentication",
            &["strategy:delegated-authentication"],
        ),
        (
            "org-to-org",
            &["practice:org-to-org-with-named-credentials"],
        ),
        ("Apex JWTs", &["glossary:auth-jwt-apex"]),
        (
            "limits and token caching",
            &[
                "practice:cache-tokens-respect-limits",
                "glossary:api-request-allocation",
            ],
        ),
        (
            "Data Cloud",
            &[
                "strategy:data-cloud-token-exchange",
                "glossary:data-cloud-token",
            ],
        ),
        ("Heroku and middleware", &["strategy:heroku-applink"]),
        (
            "Pub/Sub and Bulk API 2.0",
            &["glossary:pub-sub-api", "glossary:bulk-api-2"],
        ),
        (
            "monitoring and incident response",
            &[
                "practice:respond-to-token-theft",
                "practice:watch-with-event-monitoring",
                "glossary:transaction-security-policy",
            ],
        ),
        (
            "Mobile SDK, ConnectedAppPlugin, ECA metadata",
            &[
                "glossary:mobile-sdk",
                "glossary:connected-app-plugin",
                "practice:ship-eca-as-metadata",
            ],
        ),
        (
            "session security and enhanced domains",
            &[
                "practice:lock-sessions-to-ip-and-domain",
                "practice:never-hardcode-instance-url",
                "glossary:enhanced-domains",
            ],
        ),
    ];
    for (topic, entries) in topics {
        for e in entries {
            assert!(k.get(&e.parse().unwrap()).is_some(), "{topic}: {e} missing");
        }
        let practised = k
            .cards
            .iter()
            .filter(|c| {
                c.refs
                    .iter()
                    .any(|r| entries.contains(&r.to_string().as_str()))
            })
            .count();
        assert!(practised >= 2, "{topic}: only {practised} cards");
    }
}

#[test]
fn cards_mix_flashcards_choices_and_ordering() {
    let k = model();
    let choice = k.cards.iter().filter(|c| !c.choices.is_empty()).count();
    let ordering: Vec<_> = k.cards.iter().filter(|c| !c.steps.is_empty()).collect();
    let flash = k.cards.len() - choice - ordering.len();
    assert!(
        choice >= 60 && flash >= 60,
        "choice {choice}, flashcards {flash}"
    );
    assert!(
        ordering.len() >= 5,
        "only {} ordering cards",
        ordering.len()
    );
    for c in ordering {
        assert!(c.choices.is_empty(), "{} has steps and choices", c.id);
        let distinct: HashSet<&str> = c.steps.iter().map(String::as_str).collect();
        assert!(distinct.len() >= 3, "{}", c.id);
    }
    for c in k.cards.iter().filter(|c| !c.choices.is_empty()) {
        let right = c.choices.iter().filter(|ch| ch.correct).count();
        assert_eq!(right, 1, "{}", c.id);
        assert!(
            c.choices.len() >= 3,
            "{}: too few options to be a question",
            c.id
        );
    }
}

#[test]
fn every_wizard_option_reads_as_part_of_a_scenario() {
    let k = model();
    for q in &k.wizard.questions {
        let template = q.scenario.as_deref().unwrap_or_default();
        assert_eq!(template.matches("{}").count(), 1, "question {}", q.id);
        for o in &q.options {
            let phrase = o.scenario.as_deref().unwrap_or_default();
            assert!(
                !phrase.trim().is_empty() && !phrase.ends_with('.'),
                "{}={}: needs a phrase that continues the template's sentence",
                q.id,
                o.value
            );
        }
    }
}

#[test]
fn search_ranks_exact_matches_then_strategies_flows_errors_checks_then_cards() {
    let k = model();
    let hits = k.search("named credential");
    let first_card = hits
        .iter()
        .position(|e| e.kind() == EntryKind::Card)
        .expect("cards mention named credentials");
    let oauth2 = hits
        .iter()
        .position(|e| e.entry_ref().to_string() == "strategy:oauth2")
        .expect("the OAuth 2.0 External Credential strategy is found");
    assert!(oauth2 < first_card, "{oauth2} < {first_card}");
    assert_eq!(hits[0].id(), "named-credential", "the exact id comes first");
    let rank = |kind| match kind {
        EntryKind::Strategy => 0,
        EntryKind::Flow => 1,
        EntryKind::Error => 2,
        EntryKind::Check => 3,
        EntryKind::Card => 5,
        _ => 4,
    };
    let ranks: Vec<u8> = hits[1..].iter().map(|e| rank(e.kind())).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let j6 = k.search("J6");
    assert_eq!(j6[0].entry_ref().to_string(), "check:J6");
}

/// References and bare id links (`strategy`, `flow`, `predicts`, `status.replaced_by`...) are
/// typed in memory but JSON output shows them exactly as the model spells them.
#[test]
fn references_serialize_to_the_strings_in_the_assets() {
    let k = model();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/knowledge");
    let mut compared = 0;
    for kind in EntryKind::ALL {
        let path = dir.join(format!("{}.json", kind.plural()));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        for item in file[kind.plural()].as_array().unwrap() {
            let id = item["id"].as_str().unwrap();
            let shown = k.get(&EntryRef::new(kind, id)).unwrap().to_json();
            for field in [
                "related", "refs", "strategy", "flow", "flows", "checks", "predicts", "status",
            ] {
                if let Some(original) = item.get(field) {
                    assert_eq!(&shown[field], original, "{kind}:{id} {field}");
                    compared += 1;
                }
            }
        }
    }
    let wizard: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("wizard.json")).unwrap()).unwrap();
    for (rule, original) in k
        .wizard
        .rules
        .iter()
        .zip(wizard["wizard"]["rules"].as_array().unwrap())
    {
        for field in ["recommend", "avoid"] {
            let shown = serde_json::to_value(rule).unwrap();
            if let Some(original) = original.get(field) {
                assert_eq!(&shown[field], original, "rule {} {field}", rule.id);
                compared += 1;
            }
        }
        let items = original["checklist"].as_array().into_iter().flatten();
        for (item, original) in rule.checklist.iter().zip(items) {
            if let Some(see) = original.get("see") {
                assert_eq!(
                    &serde_json::to_value(&item.see).unwrap(),
                    see,
                    "rule {}",
                    rule.id
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "only {compared} lists compared");
}
