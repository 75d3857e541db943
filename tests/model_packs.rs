#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Team packs: a clean pack merges; each broken pack reports exactly what is wrong and where.

use serde_json::json;
use sfauth::model::{EntryKind, EntryRef, Knowledge, PackSource, check_pack};
use std::fs;
use tempfile::TempDir;

fn pack(files: &[(&str, &str)]) -> (TempDir, PackSource) {
    let dir = tempfile::Builder::new().prefix("acme").tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let source = PackSource::new(dir.path());
    (dir, source)
}

/// The first strategy id of the shipped model, so these tests do not hard-code content.
fn some_strategy() -> String {
    Knowledge::builtin().unwrap().strategies[0].id.clone()
}

fn card(id: &str, refs: &str) -> String {
    format!(
        r#"{{"cards": [{{"id": "{id}", "prompt": "Which org is ours?", "answer": "Acme prod.",
            "topic": "team", "difficulty": 1, "refs": [{refs}],
            "sources": ["https://wiki.example.test/auth"], "as_of": "Spring '26"}}]}}"#
    )
}

#[test]
fn a_clean_pack_adds_entries_and_remembers_its_origin() {
    let strategy = some_strategy();
    let (_dir, source) = pack(&[(
        "cards.json",
        &card("acme-prod-org", &format!("\"strategy:{strategy}\"")),
    )]);
    assert!(check_pack(&source).is_empty());
    let k = Knowledge::load(&[source]).unwrap();
    let r = EntryRef::new(EntryKind::Card, "acme-prod-org");
    assert!(k.get(&r).is_some());
    let origin = k.origin(&r).unwrap();
    assert!(origin.pack.as_deref().unwrap().starts_with("acme"));
    assert!(origin.file.ends_with("cards.json"));
}

#[test]
fn override_replaces_an_existing_entry() {
    let k = Knowledge::builtin().unwrap();
    let mut s = k.strategies[0].clone();
    s.summary = "Our team's own summary.".into();
    s.override_existing = true;
    let text = serde_json::json!({ "strategies": [s] }).to_string();
    let (_dir, source) = pack(&[("strategies.json", &text)]);
    let merged = Knowledge::load(&[source]).unwrap();
    assert_eq!(merged.strategies.len(), k.strategies.len());
    assert_eq!(
        merged.strategy(&s.id).unwrap().summary,
        "Our team's own summary."
    );
}

#[test]
fn broken_packs_give_exact_messages() {
    let strategy = some_strategy();
    let dup = serde_json::json!({ "strategies": [Knowledge::builtin().unwrap().strategies[0]] })
        .to_string();
    let cases: Vec<(&str, String, String)> = vec![
        (
            "unknown flow reference",
            card("acme-aud-sandbox", "\"flow:jwt-bearr\""),
            "cards.json: card \"acme-aud-sandbox\": refs: unknown flow \"jwt-bearr\"".into(),
        ),
        (
            "reference without a kind",
            card("acme-a", "\"jwt-bearer\""),
            "cards.json: card \"acme-a\": refs: \"jwt-bearer\" is not of the form kind:id".into(),
        ),
        (
            "unknown kind in a reference",
            card("acme-b", "\"widget:x\""),
            "cards.json: card \"acme-b\": refs: \"widget:x\": unknown kind \"widget\" (expected one of strategy, flow, error, check, practice, glossary, card, note)".into(),
        ),
        (
            "empty id in a reference",
            card("acme-e", "\"flow:\""),
            "cards.json: card \"acme-e\": refs: \"flow:\": empty id".into(),
        ),
        (
            "a reference that is not a string",
            card("acme-f", "42"),
            "cards.json: card \"acme-f\": refs: invalid type: integer `42`, expected a kind:id reference such as \"flow:jwt-bearer\"".into(),
        ),
        (
            "malformed reference in a note's related list",
            r#"{"notes": [{"id": "acme-n", "title": "T", "body": "B", "as_of": "now", "related": ["jwt-bearer"]}]}"#.into(),
            "cards.json: note \"acme-n\": related: \"jwt-bearer\" is not of the form kind:id".into(),
        ),
        (
            "reference to a missing entry in a note's related list",
            r#"{"notes": [{"id": "acme-n", "title": "T", "body": "B", "as_of": "now", "related": ["practice:no-such-practice"]}]}"#.into(),
            "cards.json: note \"acme-n\": related: unknown practice \"no-such-practice\"".into(),
        ),
        (
            "id not kebab-case",
            card("Acme_Card", &format!("\"strategy:{strategy}\"")),
            "cards.json: card \"Acme_Card\": id: \"Acme_Card\" is not kebab-case (a-z, 0-9, single hyphens)".into(),
        ),
        (
            "duplicate id without override",
            dup,
            format!("cards.json: strategy \"{strategy}\": id: strategy \"{strategy}\" is already defined in strategies.json; set \"override\": true to replace it"),
        ),
        (
            "not JSON",
            "{\"cards\": [".into(),
            "cards.json: not valid JSON: EOF while parsing a list at line 1 column 11".into(),
        ),
        (
            "unknown top-level key",
            "{\"widgets\": []}".into(),
            "cards.json: widgets: unknown key (expected one of strategies, flows, errors, checks, practices, glossary, cards, notes, wizard)".into(),
        ),
        (
            "unknown field in an entry",
            r#"{"notes": [{"id": "acme-n", "title": "T", "body": "B", "as_of": "now", "colour": "red"}]}"#.into(),
            "cards.json: note \"acme-n\": unknown field `colour`, expected one of `id`, `title`, `body`, `related`, `sources`, `as_of`, `override`".into(),
        ),
        (
            "missing field",
            r#"{"notes": [{"id": "acme-n", "body": "B", "as_of": "now"}]}"#.into(),
            "cards.json: note \"acme-n\": missing field `title`".into(),
        ),
        (
            "override of nothing",
            r#"{"notes": [{"id": "acme-n", "title": "T", "body": "B", "as_of": "now", "override": true}]}"#.into(),
            "cards.json: note \"acme-n\": override: there is no note \"acme-n\" to override".into(),
        ),
        (
            "two correct choices",
            format!(
                r#"{{"cards": [{{"id": "acme-c", "prompt": "P", "answer": "A", "topic": "team",
                "difficulty": 2, "refs": ["strategy:{strategy}"], "sources": ["https://x.test"],
                "as_of": "now", "choices": [{{"text": "a", "correct": true}}, {{"text": "b", "correct": true}}]}}]}}"#
            ),
            "cards.json: card \"acme-c\": choices: exactly one choice must be correct, found 2".into(),
        ),
        (
            "difficulty out of range",
            format!(
                r#"{{"cards": [{{"id": "acme-d", "prompt": "P", "answer": "A", "topic": "team",
                "difficulty": 7, "refs": ["strategy:{strategy}"], "sources": ["https://x.test"], "as_of": "now"}}]}}"#
            ),
            "cards.json: card \"acme-d\": difficulty: 7 is not 1, 2 or 3".into(),
        ),
        (
            "a pack may not replace the wizard",
            r#"{"wizard": {"questions": [], "rules": []}}"#.into(),
            "cards.json: wizard: packs cannot replace the wizard; add strategies, cards, practices or notes instead".into(),
        ),
    ];
    for (what, text, expected) in cases {
        let messages = pack_messages(&[("cards.json", &text)]);
        assert!(
            messages.contains(&expected),
            "{what}: expected\n  {expected}\ngot\n  {}",
            messages.join("\n  ")
        );
    }
}

/// What `check_pack` says about a pack of these files, with the pack's folder left out.
fn pack_messages(files: &[(&str, &str)]) -> Vec<String> {
    let (dir, source) = pack(files);
    let prefix = format!("{}/", dir.path().display());
    check_pack(&source)
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
        .collect()
}

/// Bare id links (a flow's strategy, a check's predicted error...) name an entry of the kind
/// the field implies; one that names nothing fails the load with its file, entry and field.
#[test]
fn dangling_id_links_are_reported_with_file_entry_and_field() {
    let k = Knowledge::builtin().unwrap();
    let mut strategy = k.strategies[0].clone();
    strategy.override_existing = true;
    strategy.flow = Some("no-such-flow".into());
    strategy.status.replaced_by = vec!["no-such-strategy".into()];
    let mut flow = k.flows[0].clone();
    flow.id = "acme-flow".into();
    flow.strategy = "no-such-strategy".into();
    let mut error = k.errors[0].clone();
    error.id = "acme-error".into();
    error.flows = vec!["no-such-flow".into()];
    error.checks = vec!["Z8".into()];
    let mut check = k.checks[0].clone();
    check.id = "Z9".into();
    check.predicts = Some("no-such-error".into());
    let text = json!({
        "strategies": [strategy], "flows": [flow], "errors": [error], "checks": [check]
    })
    .to_string();
    let s = &strategy.id;
    assert_eq!(
        pack_messages(&[("links.json", &text)]),
        [
            format!("links.json: strategy \"{s}\": flow: unknown flow \"no-such-flow\""),
            format!(
                "links.json: strategy \"{s}\": status.replaced_by: unknown strategy \"no-such-strategy\""
            ),
            "links.json: flow \"acme-flow\": strategy: unknown strategy \"no-such-strategy\""
                .into(),
            "links.json: error \"acme-error\": flows: unknown flow \"no-such-flow\"".into(),
            "links.json: error \"acme-error\": checks: unknown check \"Z8\"".into(),
            "links.json: check \"Z9\": predicts: unknown error \"no-such-error\"".into(),
        ]
    );

    let mut not_a_string = serde_json::to_value(&check).unwrap();
    not_a_string["predicts"] = json!(3);
    assert_eq!(
        pack_messages(&[(
            "links.json",
            &json!({ "checks": [not_a_string] }).to_string()
        )]),
        ["links.json: check \"Z9\": predicts: invalid type: integer `3`, expected a string"]
    );
}

#[test]
fn a_pack_with_a_bad_reference_does_not_load() {
    let (_dir, source) = pack(&[("cards.json", &card("acme-g", "\"widget:x\""))]);
    let err = Knowledge::load(&[source]).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let problem = &err.problems[0];
    assert!(problem.file.ends_with("cards.json"));
    assert_eq!(
        (problem.entry.as_str(), problem.field.as_str()),
        ("card \"acme-g\"", "refs")
    );
}

#[test]
fn references_serialize_back_to_their_strings() {
    let k = Knowledge::builtin().unwrap();
    let card = &k.cards[0];
    let json = serde_json::to_value(card).unwrap();
    let refs: Vec<String> = card.refs.iter().map(ToString::to_string).collect();
    assert_eq!(json["refs"], serde_json::json!(refs));
}

#[test]
fn a_missing_or_empty_pack_is_reported() {
    let empty = TempDir::new().unwrap();
    let problems = check_pack(&PackSource::new(empty.path()));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .ends_with("no .json files in this pack")
    );
    let gone = check_pack(&PackSource::new("/nonexistent/pack"));
    assert_eq!(
        gone[0].to_string(),
        "/nonexistent/pack: no such file or folder"
    );
}

#[test]
fn oversized_pack_files_are_refused_unread() {
    let (_dir, source) = pack(&[("big.json", &" ".repeat(5 * 1024 * 1024))]);
    let problems = check_pack(&source);
    assert!(
        problems[0]
            .to_string()
            .contains("pack files are limited to")
    );
}
