//! Generators against a small hand-built model, and against the shipped one when it has
//! content.

use super::*;
use crate::drill::card::{Answering, CardKind, DrillCard};
use crate::drill::deck::Deck;
use crate::model::{EntryKind, EntryRef, Knowledge, ModelFile};
use std::collections::BTreeSet;

/// The card `id` of `cards`; panics with the ids there are when it is missing.
fn card<'a>(cards: &'a [DrillCard], id: &str) -> &'a DrillCard {
    cards.iter().find(|c| c.id == id).unwrap_or_else(|| {
        panic!(
            "no card {id} in {:?}",
            cards.iter().map(|c| &c.id).collect::<Vec<_>>()
        )
    })
}

const FIXTURE: &str = r#"{
  "wizard": {
    "questions": [
      {"id": "direction", "prompt": "Which way does the call go?", "why": "w",
       "options": [{"value": "inbound", "label": "Into Salesforce"},
                   {"value": "outbound", "label": "Out of Salesforce"}]},
      {"id": "caller", "prompt": "What makes the call?", "why": "w",
       "when": {"direction": ["inbound"]},
       "options": [{"value": "web-app", "label": "A web app with signed-in users"},
                   {"value": "backend", "label": "A server job with no user"},
                   {"value": "device", "label": "A device with no keyboard"}]},
      {"id": "can_sign_jwt", "prompt": "Can it hold a private key and sign a JWT?", "why": "w",
       "when": {"caller": ["backend"]},
       "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]},
      {"id": "target", "prompt": "What does the remote API accept?", "why": "w",
       "when": {"direction": ["outbound"]},
       "options": [{"value": "oauth2", "label": "OAuth 2.0"}, {"value": "aws", "label": "AWS SigV4"}]}
    ],
    "rules": [
      {"id": "web", "when": {"direction": ["inbound"], "caller": ["web-app"]},
       "recommend": [{"strategy": "web-server", "reason": "Users sign in; PKCE protects the code."}],
       "avoid": [{"strategy": "user-agent", "reason": "Tokens in the URL."}]},
      {"id": "jwt", "when": {"direction": ["inbound"], "caller": ["backend"], "can_sign_jwt": ["yes"]},
       "recommend": [{"strategy": "jwt-bearer", "reason": "A signed assertion, no secret, no user."}]},
      {"id": "cc", "when": {"caller": ["backend"], "direction": ["inbound"], "can_sign_jwt": ["no"]},
       "recommend": [{"strategy": "client-credentials", "reason": "A shared secret and a run-as user."},
                     {"strategy": "web-server", "reason": "Second best.", "rank": 1}]},
      {"id": "device", "when": {"direction": ["inbound"], "caller": ["device"]},
       "recommend": [{"strategy": "device", "reason": "The user approves on another screen."}]},
      {"id": "aws", "when": {"direction": ["outbound"], "target": ["aws"]},
       "recommend": [{"strategy": "aws-sigv4", "reason": "AWS signs requests."}]},
      {"id": "oauth", "when": {"direction": ["outbound"], "target": ["oauth2"]},
       "recommend": [{"strategy": "oauth2", "reason": "The API takes OAuth tokens.",
                      "with": ["named-principal"]}]},
      {"id": "never-password", "when": {"direction": ["inbound"]},
       "avoid": [{"strategy": "username-password", "reason": "Passwords in code."}]}
    ]
  },
  "errors": [
    {"id": "aud", "error": "invalid_grant", "description": "audience is invalid", "http_status": 400,
     "flows": ["jwt-bearer"], "checks": ["J6"], "summary": "The aud claim is wrong.",
     "causes": ["aud is not the login URL", "aud points at a sandbox for a production user"],
     "fixes": ["Use https://login.salesforce.com"], "sources": [], "as_of": "x"},
    {"id": "expired", "error": "invalid_grant", "description": "expired access/refresh token",
     "flows": ["refresh-token"], "summary": "s", "causes": ["The refresh token was revoked"],
     "fixes": [], "sources": [], "as_of": "x"},
    {"id": "client", "error": "invalid_client_id", "flows": ["jwt-bearer"], "summary": "s",
     "causes": ["The consumer key is wrong"], "fixes": [], "sources": [], "as_of": "x"},
    {"id": "same-words", "error": "unsupported_grant_type", "flows": [], "summary": "s",
     "causes": ["AUD is not the login URL."], "fixes": [], "sources": [], "as_of": "x"},
    {"id": "linked", "error": "invalid_grant", "description": "Audience validation failed",
     "flows": [], "summary": "s", "causes": ["The SAML Audience is wrong"], "fixes": [],
     "related": ["error:aud"], "sources": [], "as_of": "x"},
    {"id": "same-check", "error": "invalid_grant", "description": "invalid assertion",
     "flows": [], "summary": "s", "causes": ["The aud claim is missing"], "fixes": [],
     "checks": ["J6"], "sources": [], "as_of": "x"},
    {"id": "no-causes", "error": "weird", "flows": [], "summary": "s", "causes": [],
     "fixes": [], "sources": [], "as_of": "x"}
  ],
  "checks": [
    {"id": "J6", "title": "Audience", "profiles": ["jwt-bearer"], "severity": "error",
     "explanation": "aud must be the login URL.", "predicts": "aud", "sources": [], "as_of": "x"}
  ]
}"#;

/// The shipped strategies and flows (read without cross-checking, so these tests do not depend
/// on the rest of the model) plus the fixture's wizard, errors and checks.
fn fixture() -> Knowledge {
    let file: ModelFile = serde_json::from_str(FIXTURE).unwrap();
    let strategies: ModelFile =
        serde_json::from_str(include_str!("../../../assets/knowledge/strategies.json")).unwrap();
    let flows: ModelFile =
        serde_json::from_str(include_str!("../../../assets/knowledge/flows.json")).unwrap();
    let mut k = Knowledge::default();
    k.strategies = strategies.strategies;
    k.flows = flows.flows;
    k.wizard = file.wizard.unwrap();
    k.errors = file.errors;
    k.checks = file.checks;
    k
}

fn right_option(card: &DrillCard) -> &str {
    match &card.answering {
        Answering::Choice { options, correct } => &options[*correct],
        other => panic!("{} is not multiple choice: {other:?}", card.id),
    }
}

fn choices(card: &DrillCard) -> &[String] {
    match &card.answering {
        Answering::Choice { options, .. } => options,
        other => panic!("{} is not multiple choice: {other:?}", card.id),
    }
}

fn assert_sound_choice(card: &DrillCard) {
    let Answering::Choice { options, correct } = &card.answering else {
        panic!("{} is not multiple choice", card.id);
    };
    assert!(*correct < options.len());
    assert!(options.len() >= 2, "{}", card.id);
    let right = normalized(&options[*correct]);
    let same_as_right = options.iter().filter(|o| normalized(o) == right).count();
    assert_eq!(same_as_right, 1, "{}: {options:?}", card.id);
    let unique: BTreeSet<String> = options.iter().map(|o| normalized(o)).collect();
    assert_eq!(unique.len(), options.len(), "{}: {options:?}", card.id);
}

/// Every strategy some rule recommends, with the rule.
fn recommendations(k: &Knowledge) -> Vec<(String, String)> {
    k.wizard
        .rules
        .iter()
        .flat_map(|r| {
            r.recommend
                .iter()
                .map(|rec| (r.id.clone(), rec.strategy.to_string()))
        })
        .collect()
}

fn strategy_name(k: &Knowledge, id: &str) -> String {
    k.strategies
        .iter()
        .find(|s| s.id == id)
        .unwrap()
        .name
        .clone()
}

/// A runner-up's card names the usual first choice (`first`, a strategy id) and asks for
/// another strategy.
fn assert_asks_for_an_alternative_to(k: &Knowledge, card: &DrillCard, first: &str) {
    let asked = format!(
        "The usual first choice here is {}. Which other strategy does the chooser offer?",
        strategy_name(k, first)
    );
    assert!(card.prompt.ends_with(&asked), "{}", card.prompt);
}

#[test]
fn every_strategy_the_wizard_recommends_yields_a_scenario_card() {
    let k = fixture();
    let cards = scenario_cards(&k);
    assert_eq!(cards.len(), recommendations(&k).len());
    for (rule, strategy) in recommendations(&k) {
        let id = format!("gen-scenario-rule-{rule}-{strategy}");
        let card = cards.iter().find(|c| c.id == id).unwrap();
        assert_eq!(card.kind, CardKind::Scenario);
        assert_eq!(right_option(card), strategy_name(&k, &strategy));
        assert_sound_choice(card);
        assert!(
            card.refs
                .contains(&EntryRef::new(EntryKind::Strategy, strategy))
        );
    }
    // The cc rule ranks the web server flow second: its card names the first choice and asks
    // for the alternative, so the right answer never contradicts the explanation.
    let runner_up = card(&cards, "gen-scenario-rule-cc-web-server");
    assert_asks_for_an_alternative_to(&k, runner_up, "client-credentials");
    let cc = card(&cards, "gen-scenario-rule-cc-client-credentials");
    assert!(cc.answer.contains(&format!(
        "Alternative, {}: Second best.",
        strategy_name(&k, "web-server")
    )));
}

#[test]
fn scenario_distractors_are_never_right_for_that_scenario() {
    let k = fixture();
    let cards = scenario_cards(&k);
    // The rule says to avoid nothing, so same-direction strategies fill in.
    assert_eq!(
        choices(card(&cards, "gen-scenario-rule-jwt-jwt-bearer")).len(),
        4
    );
    // Client credentials is right only when the job cannot sign, so it may be offered; nothing
    // a compatible rule recommends may.
    let cc = choices(card(&cards, "gen-scenario-rule-cc-client-credentials"));
    // The same rule recommends the web server flow second: it is right too, so never wrong.
    assert!(!cc.contains(&strategy_name(&k, "web-server")), "{cc:?}");
    let oauth = card(&cards, "gen-scenario-rule-oauth-oauth2");
    assert!(!choices(oauth).contains(&strategy_name(&k, "named-principal")));
    assert!(oauth.answer.contains(&strategy_name(&k, "named-principal")));
}

#[test]
fn scenario_distractors_start_with_what_the_rule_avoids() {
    let k = fixture();
    let cards = scenario_cards(&k);
    let web = card(&cards, "gen-scenario-rule-web-web-server");
    assert!(choices(web).contains(&strategy_name(&k, "user-agent")));
    assert!(web.answer.contains("Tokens in the URL."));
}

#[test]
fn the_scenario_reads_the_conditions_in_question_order() {
    let k = fixture();
    let cards = scenario_cards(&k);
    let cc = card(&cards, "gen-scenario-rule-cc-client-credentials");
    assert_eq!(
        cc.prompt,
        "Scenario:\n- Which way does the call go? Into Salesforce\n- What makes the call? A \
         server job with no user\n- Can it hold a private key and sign a JWT? No\nWhich \
         strategy fits?"
    );
    let mut when = crate::model::Condition::new();
    when.insert("mystery".into(), vec!["a".into(), "b".into()]);
    assert_eq!(
        scenario_sentence(&k.wizard, &when),
        "Scenario:\n- mystery: either a, or b"
    );
}

#[test]
fn ordering_cards_hold_the_flows_steps_in_order() {
    let k = fixture();
    let cards = order_cards(&k);
    assert!(!cards.is_empty());
    for flow in &k.flows {
        let id = format!("gen-order-flow-{}", flow.id);
        let Some(card) = cards.iter().find(|c| c.id == id) else {
            assert!(flow.steps.len() < ORDER_MIN_STEPS, "{id} missing");
            continue;
        };
        let Answering::Order { steps, shown } = &card.answering else {
            panic!("{id} is not an ordering card")
        };
        assert_eq!(steps.len(), flow.steps.len());
        for (line, step) in steps.iter().zip(&flow.steps) {
            assert!(line.ends_with(&format!(": {}", step.label)), "{line}");
        }
        assert!(!in_order(steps, shown), "{id} is shown solved");
        assert!(
            mixed_enough(steps, shown),
            "{id} starts less than half out of order"
        );
        assert_eq!(card.refs[0], EntryRef::new(EntryKind::Flow, &flow.id));
    }
}

#[test]
fn error_cards_ask_for_the_first_cause_and_never_offer_another_right_one() {
    let k = fixture();
    let cards = cause_cards(&k);
    assert_eq!(cards.len(), 6, "errors without causes make no card");
    let aud = card(&cards, "gen-cause-error-aud");
    assert_eq!(right_option(aud), "aud is not the login URL");
    assert_sound_choice(aud);
    let options = choices(aud);
    // The second cause of the same error is also right; an error with the same words too.
    assert!(!options.iter().any(|o| o.contains("sandbox")));
    assert!(!options.iter().any(|o| o == "AUD is not the login URL."));
    // Errors linked to it, or predicted by the same check, may share its causes.
    assert!(
        !options
            .iter()
            .any(|o| o.contains("SAML Audience") || o.contains("missing"))
    );
    // The other invalid_grant comes first: most plausible.
    assert!(options.contains(&"The refresh token was revoked".to_string()));
    assert!(
        aud.prompt
            .contains("\"invalid_grant: audience is invalid\" (HTTP 400)")
    );
    assert!(aud.answer.contains("aud points at a sandbox"));
    for card in &cards {
        assert_sound_choice(card);
    }
}

#[test]
fn check_cards_explain_why_and_name_the_predicted_error() {
    let k = fixture();
    let cards = why_cards(&k);
    assert_eq!(cards.len(), 1);
    let j6 = &cards[0];
    assert_eq!(j6.id, "gen-why-check-J6");
    assert_eq!(j6.answering, Answering::Flashcard);
    assert!(j6.prompt.contains("J6 \"Audience\" (jwt-bearer)"));
    assert!(j6.answer.starts_with("aud must be the login URL."));
    assert!(j6.answer.contains("invalid_grant: audience is invalid"));
    assert_eq!(
        j6.refs,
        vec![
            EntryRef::new(EntryKind::Check, "J6"),
            EntryRef::new(EntryKind::Error, "aud")
        ]
    );
}

#[test]
fn ids_and_cards_are_the_same_on_every_build() {
    let k = fixture();
    let a = Deck::from_knowledge(&k);
    let b = Deck::from_knowledge(&k);
    assert_eq!(a.cards(), b.cards());
    let ids: BTreeSet<&str> = a.cards().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), a.len(), "ids are unique");
}

#[test]
fn editing_one_entry_leaves_the_other_cards_alone() {
    let k = fixture();
    let mut edited = k.clone();
    edited.errors[0].summary = "Edited.".into();
    edited.flows[0].summary = "Edited.".into();
    let before = Deck::from_knowledge(&k);
    let after = Deck::from_knowledge(&edited);
    let changed: Vec<&str> = before
        .cards()
        .iter()
        .filter(|c| after.get(&c.id) != Some(*c))
        .map(|c| c.id.as_str())
        .collect();
    let first_flow = format!("gen-order-flow-{}", k.flows[0].id);
    assert_eq!(changed, vec![first_flow.as_str(), "gen-cause-error-aud"]);
    assert_eq!(before.len(), after.len());
}

/// The shipped model, when its wizard, errors and checks are written: the same promises.
#[test]
fn the_shipped_model_yields_sound_cards() {
    let k = Knowledge::builtin().unwrap();
    let deck = Deck::from_knowledge(&k);
    let scenarios = scenario_cards(&k);
    assert!(
        scenarios.len() >= 15,
        "only {} scenario cards",
        scenarios.len()
    );
    for card in &scenarios {
        let strategy = card.refs[0].id.as_str();
        if let Answering::Choice { options, correct } = &card.answering {
            assert_eq!(right_option(card), strategy_name(&k, strategy));
            assert_sound_choice(card);
            // A wrong option is never one the card's own explanation offers as an alternative
            // or a pairing.
            for (i, wrong) in options.iter().enumerate().filter(|(i, _)| i != correct) {
                assert!(
                    !card.answer.contains(&format!("Alternative, {wrong}:"))
                        && !card
                            .answer
                            .lines()
                            .any(|l| l.starts_with("Pair it with:") && l.contains(wrong.as_str())),
                    "{}: option {i} {wrong:?} contradicts the explanation",
                    card.id
                );
            }
        }
        // Written as prose from the questions' templates: no bare option labels strung together.
        let scenario = card.prompt.lines().next().unwrap();
        assert!(
            scenario.starts_with("Scenario: "),
            "{}: {}",
            card.id,
            card.prompt
        );
        assert_eq!(
            card.prompt.lines().count(),
            2,
            "{}: {}",
            card.id,
            card.prompt
        );
        for sentence in scenario["Scenario: ".len()..].split(". ") {
            assert!(
                sentence.starts_with(char::is_uppercase),
                "{}: {sentence}",
                card.id
            );
        }
    }
    // A runner-up is asked for as the alternative to the usual first choice: Headless
    // Identity, which its own rule offers only when the redirect will not do, used to be asked
    // for as the answer that fits.
    let headless = card(
        &scenarios,
        "gen-scenario-rule-users-external-headless-identity",
    );
    assert_asks_for_an_alternative_to(&k, headless, "web-server");
    for card in &scenarios {
        let strategy = card.refs[0].id.as_str();
        let name = strategy_name(&k, strategy);
        let usual = card.prompt.contains("The usual first choice here is");
        assert!(
            !(usual && card.prompt.contains(&format!("is {name}."))),
            "{}",
            card.id
        );
    }
    for card in deck.cards() {
        assert!((1..=3).contains(&card.difficulty), "{}", card.id);
        assert!(
            !card.prompt.is_empty() && !card.refs.is_empty(),
            "{}",
            card.id
        );
        if matches!(card.answering, Answering::Choice { .. }) {
            assert_sound_choice(card);
        }
    }
    for e in k.errors.iter().filter(|e| !e.causes.is_empty()) {
        let card = deck.get(&format!("gen-cause-error-{}", e.id)).unwrap();
        if let Answering::Choice { options, correct } = &card.answering {
            assert_eq!(options[*correct], e.causes[0]);
            for (i, o) in options.iter().enumerate() {
                if i != *correct {
                    assert!(!e.causes.iter().any(|c| normalized(c) == normalized(o)));
                }
            }
        }
    }
    assert_eq!(
        deck.cards()
            .iter()
            .filter(|c| c.kind == CardKind::Why)
            .count(),
        k.checks.len()
    );
    assert!(deck.len() >= k.cards.len() + order_cards(&k).len());
    for card in deck.cards() {
        if let Answering::Order { steps, shown } = &card.answering {
            assert!(
                mixed_enough(steps, shown),
                "{} starts nearly solved",
                card.id
            );
        }
    }
}
