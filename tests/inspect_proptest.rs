#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Random and mutated input never panics the inspector: every input gives a report or a
//! one-line error (exit 2 on the command line).

use assert_cmd::Command;
use base64::prelude::*;
use chrono::DateTime;
use proptest::prelude::*;
use serde_json::Value;
use sfauth::explain;
use sfauth::inspect::{InspectOptions, KeyMaterial, inspect, inspect_bytes};
use sfauth::model::Knowledge;
use std::sync::OnceLock;

const GOOD: &str = include_str!("fixtures/jwt/good.jwt");
const CERT: &[u8] = include_bytes!("fixtures/jwt/cert.pem");

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().unwrap())
}

fn cert() -> &'static KeyMaterial {
    static KEY: OnceLock<KeyMaterial> = OnceLock::new();
    KEY.get_or_init(|| KeyMaterial::parse(CERT, "cert.pem").unwrap())
}

fn opts() -> InspectOptions {
    InspectOptions::at(DateTime::from_timestamp(1_798_761_600, 0).unwrap())
}

/// A report, or an error that is one non-empty line.
fn holds(text: &str) -> Result<(), TestCaseError> {
    match inspect(text, &opts(), Some(cert()), knowledge()) {
        Ok(report) => {
            prop_assert!(report.exit_code() <= 1);
            let json = report.to_json();
            prop_assert_eq!(&json["kind"], "jwt");
        }
        Err(e) => {
            prop_assert!(!e.0.is_empty());
            prop_assert!(!e.0.contains('\n'), "multi-line error: {}", e.0);
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, char),
    Delete(usize),
    Insert(usize, char),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = prop_oneof![
        Just('.'),
        Just('='),
        Just('+'),
        Just('/'),
        Just(' '),
        Just('\n'),
        Just('%'),
        any::<char>(),
        proptest::char::range('A', 'z'),
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), ch).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(token: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match *m {
            Mutation::Replace(i, c) if !chars.is_empty() => chars[i % len] = c,
            Mutation::Delete(i) if !chars.is_empty() => {
                chars.remove(i % len);
            }
            Mutation::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Mutation::Truncate(i) => chars.truncate(i % len),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// JSON values of bounded size and depth for headers and claims.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("https://login.salesforce.com/"),
            Just("RS256"),
            Just("none"),
            Just("1798761720")
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn claims_object() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        Just("iss".to_string()),
        Just("sub".to_string()),
        Just("prn".to_string()),
        Just("aud".to_string()),
        Just("exp".to_string()),
        Just("iat".to_string()),
        Just("nbf".to_string()),
        Just("alg".to_string()),
        Just("typ".to_string()),
        Just("kid".to_string()),
        "[a-z]{1,6}",
    ];
    prop::collection::btree_map(names, json_value(), 0..8)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_tokens_give_a_report_or_one_line(mutations in prop::collection::vec(mutation(), 1..6)) {
        holds(&apply(GOOD.trim(), &mutations))?;
    }

    #[test]
    fn random_text_gives_a_report_or_one_line(text in ".{0,300}") {
        holds(&text)?;
    }

    #[test]
    fn token_shaped_text_gives_a_report_or_one_line(
        parts in prop::collection::vec("[A-Za-z0-9_=+/-]{0,40}", 1..6)
    ) {
        holds(&parts.join("."))?;
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let result = inspect_bytes(&bytes, &opts(), None, knowledge());
        if let Err(e) = result {
            prop_assert!(!e.0.contains('\n'));
        }
    }

    #[test]
    fn any_json_header_and_claims_decode_into_a_report(
        header in claims_object(),
        claims in claims_object(),
        signature in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let token = format!(
            "{}.{}.{}",
            BASE64_URL_SAFE_NO_PAD.encode(header.to_string()),
            BASE64_URL_SAFE_NO_PAD.encode(claims.to_string()),
            BASE64_URL_SAFE_NO_PAD.encode(&signature),
        );
        let report = inspect(&token, &opts(), Some(cert()), knowledge());
        prop_assert!(report.is_ok(), "{:?}", report.err());
    }

    #[test]
    fn a_signed_token_with_one_character_changed_is_never_valid(
        at in any::<usize>(),
        with in "[A-Za-z0-9_-]",
    ) {
        let good: Vec<char> = GOOD.trim().chars().collect();
        let i = at % good.len();
        let c = with.chars().next().unwrap();
        prop_assume!(good[i] != c && good[i] != '.');
        let mut chars = good.clone();
        chars[i] = c;
        let token: String = chars.into_iter().collect();
        // A change the decoder refuses is fine too; a report must not say valid.
        if let Ok(report) = inspect(&token, &opts(), Some(cert()), knowledge()) {
            let json = report.to_json();
            prop_assert_ne!(&json["signature"]["status"], "valid", "{}", token);
            prop_assert_eq!(report.exit_code(), 1);
        }
    }

    #[test]
    fn key_files_and_error_text_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), text in ".{0,200}") {
        let _ = KeyMaterial::parse(&bytes, "k");
        if let Ok(q) = explain::parse(&text) {
            let _ = explain::explain(knowledge(), &q);
        }
    }
}

proptest! {
    // Whole-process runs are slow, so fewer cases: the exit code is 0, 1 or 2, and exit 2
    // prints exactly one line.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_binary_exits_0_1_or_2(mutations in prop::collection::vec(mutation(), 0..4)) {
        let token = apply(GOOD.trim(), &mutations);
        let out = Command::cargo_bin("sfauth")
            .unwrap()
            .env("NO_COLOR", "1")
            .args(["inspect", "-", "--at", "1798761600"])
            .write_stdin(token)
            .output()
            .unwrap();
        let code = out.status.code().unwrap();
        prop_assert!((0..=2).contains(&code), "exit {code}");
        if code == 2 {
            prop_assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
            prop_assert!(out.stdout.is_empty());
        }
    }
}
