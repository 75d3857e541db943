//! Walks every JWT bearer check that predicts an error: a request failing only that check gets
//! exactly the predicted Salesforce error from the server, and the log names the check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_support;

use base64::prelude::*;
use serde_json::{Value, json};
use serve_support::*;
use sfauth::model::CheckProfile;

const OTHER_KEY: &[u8] = include_bytes!("fixtures/jwt/other-key.pem");

fn unsigned(header: &Value, claims: &Value, signature: &str) -> String {
    let enc = |v: &Value| BASE64_URL_SAFE_NO_PAD.encode(v.to_string());
    format!("{}.{}.{signature}", enc(header), enc(claims))
}

/// The token request that fails only `check`.
fn failing_request(s: &Server, check: &str) -> Vec<(String, String)> {
    let good = s.good_claims();
    let with = |name: &str, value: Value| {
        let mut c = good.clone();
        match value {
            Value::Null => {
                c.as_object_mut().unwrap().remove(name);
            }
            v => c[name] = v,
        }
        s.assertion(&c)
    };
    let assertion = match check {
        "J1" => unsigned(&json!({"alg": "RS256", "typ": "JWT"}), &good, ""),
        "J2" => jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &good,
            &jsonwebtoken::EncodingKey::from_secret(b"shared").unwrap(),
        )
        .unwrap(),
        "J4" => with("iss", json!("3MVGnot-an-app-here")),
        "J5" => with("sub", Value::Null),
        "J6" => with("aud", json!("https://login.salesforce.com")),
        "J8" => with("exp", json!("tomorrow")),
        "J9" => with("exp", json!(chrono::Utc::now().timestamp() - 600)),
        "J12" => sign(&good, OTHER_KEY),
        "J14" => {
            return vec![
                (
                    "grant_type".into(),
                    "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer".into(),
                ),
                ("assertion".into(), s.assertion(&good)),
            ];
        }
        other => panic!("{other} predicts an error but this walk has no request for it: add one"),
    };
    vec![
        (
            "grant_type".into(),
            "urn:ietf:params:oauth:grant-type:jwt-bearer".into(),
        ),
        ("assertion".into(), assertion),
    ]
}

#[test]
fn every_predicting_jwt_bearer_check_is_the_servers_answer() {
    let s = start();
    assert_eq!(
        s.jwt_grant(&s.assertion(&s.good_claims())).status,
        200,
        "the unmodified request succeeds"
    );
    let checks = s.predicting_checks(CheckProfile::JwtBearer);
    assert!(checks.len() >= 8, "{}", checks.len());
    for check in checks {
        let pairs = failing_request(&s, &check.id);
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = s.token(&borrowed);
        let predicted = check.predicts.as_deref().unwrap();
        s.assert_oauth_error(&r, &[predicted]);
        let line = s.last_log();
        assert!(
            line.contains(&format!("by={}:", check.id))
                || line.ends_with(&format!("by={}", check.id)),
            "{}: {line}",
            check.id
        );
        assert!(!line.contains(&pairs[1].1), "assertion in the log: {line}");
    }
}

#[test]
fn an_unknown_saml_issuer_is_refused_with_s3s_error() {
    let s = start();
    let xml = r#"<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml2:Issuer>stranger</saml2:Issuer></saml2:Assertion>"#;
    let r = s.token(&[
        (
            "grant_type",
            "urn:ietf:params:oauth:grant-type:saml2-bearer",
        ),
        ("assertion", &BASE64_URL_SAFE.encode(xml)),
    ]);
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.json()["error"], "invalid_grant");
}
