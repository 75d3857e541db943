#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The verdict rule of `sfauth inspect` for JWTs: with a key, `valid` and exit 0 only when a
//! signature that verifies with that key covers what a relying party reads. Tokens are built
//! here (signed with the fixture key in tests/fixtures/jwt) so each header or claims set can
//! be exactly the hostile one under test.

use base64::prelude::*;
use jsonwebtoken::{Algorithm, EncodingKey};
use serde_json::Value;
use std::path::PathBuf;

mod cli_support;
use cli_support::{finding, findings_of, inspect_json, jwt_fixture, sfauth, stderr_of};

const AT: &str = "2027-01-01T00:00:00Z";
const EXP: i64 = 1_798_761_720;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(jwt_fixture(name)).unwrap()
}

fn b64(s: &str) -> String {
    BASE64_URL_SAFE_NO_PAD.encode(s)
}

fn claims() -> String {
    format!(
        r#"{{"iss":"3MVG9fixture","sub":"integration@acme.com","aud":"https://login.salesforce.com","exp":{EXP}}}"#
    )
}

/// `header.claims.signature` signed as written, so duplicates and odd members survive.
fn signed(alg: Algorithm, key: &EncodingKey, header: &str, claims: &str) -> String {
    let input = format!("{}.{}", b64(header), b64(claims));
    let sig = jsonwebtoken::crypto::sign(input.as_bytes(), key, alg).unwrap();
    format!("{input}.{sig}")
}

fn rs256(header: &str, claims: &str) -> String {
    let key = EncodingKey::from_rsa_pem(&read("key.pem")).unwrap();
    signed(Algorithm::RS256, &key, header, claims)
}

fn hs256(secret: &[u8], header: &str, claims: &str) -> String {
    let key = EncodingKey::from_secret(secret).unwrap();
    signed(Algorithm::HS256, &key, header, claims)
}

fn run(input: &str, args: &[&str], code: i32) -> Value {
    inspect_json(&[&[input], args, &["--json", "--at", AT]].concat(), code)
}

/// The text report for `token` verified with the fixture certificate.
fn text_report(token: &str) -> String {
    let out = sfauth()
        .args(["inspect", token, "--at", AT])
        .args(with_cert())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The message of the first `check` finding, after asserting its severity.
fn message<'a>(r: &'a Value, check: &str, severity: &str) -> &'a str {
    let f = finding(r, check);
    assert_eq!(f["severity"], severity, "{f}");
    f["message"].as_str().unwrap()
}

fn with_cert() -> [&'static str; 2] {
    // Leaked on purpose: a test-lifetime path shared by every case.
    let cert: &'static str = Box::leak(jwt_fixture("cert.pem").into_boxed_str());
    ["--key", cert]
}

#[test]
fn the_fixture_token_built_here_is_clean_and_valid() {
    let r = run(&rs256(r#"{"alg":"RS256"}"#, &claims()), &with_cert(), 0);
    assert_eq!(r["signature"]["status"], "valid");
    assert_eq!(r["findings"], Value::Array(vec![]));
}

#[test]
fn crit_not_understood_or_malformed_makes_the_token_invalid() {
    for (header, needle) in [
        (r#"{"alg":"RS256","crit":["exp"],"exp":1}"#, "\"exp\""),
        (r#"{"alg":"RS256","b64":false,"crit":["b64"]}"#, "RFC 7797"),
        (r#"{"alg":"RS256","b64":false,"crit":"b64"}"#, "array"),
        (r#"{"alg":"RS256","crit":[]}"#, "empty"),
        (r#"{"alg":"RS256","crit":[1]}"#, "string"),
        (r#"{"alg":"RS256","crit":["alg"]}"#, "registered"),
        (r#"{"alg":"RS256","crit":["ext"]}"#, "not in the header"),
    ] {
        let token = rs256(header, &claims());
        let keyed = run(&token, &with_cert(), 1);
        assert_eq!(keyed["signature"]["status"], "invalid", "{header}");
        let m = message(&keyed, "J15", "error");
        assert!(m.contains(needle), "{header}: {m}");
        let bare = run(&token, &["--as", "generic"], 1);
        assert_eq!(bare["signature"]["status"], "not-checked", "{header}");
        assert_eq!(finding(&bare, "J15")["severity"], "error", "{header}");
    }
}

#[test]
fn a_duplicate_header_member_is_an_error_naming_both_values() {
    let token = rs256(r#"{"alg":"none","typ":"JWT","alg":"RS256"}"#, &claims());
    let r = run(&token, &with_cert(), 1);
    assert_eq!(r["signature"]["status"], "invalid");
    let m = message(&r, "J16", "error");
    assert!(m.contains("\"none\"") && m.contains("\"RS256\""), "{m}");
}

#[test]
fn duplicate_claims_are_warnings_naming_both_values() {
    // A repeated claim is a warning; the aud case also fails J6, as sfauth reads the last.
    for (name, first, second, code) in [
        ("sub", "\"integration@acme.com\"", "\"admin@acme.com\"", 0),
        (
            "aud",
            "\"https://login.salesforce.com\"",
            "\"https://evil.example\"",
            1,
        ),
    ] {
        let body = claims().replacen('}', &format!(",\"{name}\":{second}}}"), 1);
        let r = run(&rs256(r#"{"alg":"RS256"}"#, &body), &with_cert(), code);
        let dup = findings_of(&r, "J16");
        assert_eq!(dup.len(), 1, "{r:#}");
        assert_eq!(dup[0]["severity"], "warning");
        let m = dup[0]["message"].as_str().unwrap();
        assert!(m.contains(first) && m.contains(second), "{m}");
    }
}

#[test]
fn two_assertions_in_a_form_body_or_json_are_flagged() {
    let good = rs256(r#"{"alg":"RS256"}"#, &claims());
    let other = rs256(r#"{"alg":"RS256","kid":"x"}"#, &claims());
    let grant = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";
    let form = format!("grant_type={grant}&assertion={good}&assertion={other}");
    let json = format!(
        r#"{{"grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer","assertion":"{good}","assertion":"{other}"}}"#
    );
    for input in [form, json] {
        let out = sfauth()
            .args(["inspect", &input, "--json", "--at", AT])
            .args(with_cert())
            .output()
            .unwrap();
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        let m = message(&r, "I1", "warning");
        assert!(m.contains("assertion") && m.contains("twice"), "{m}");
    }
}

#[test]
fn two_saml_responses_in_a_form_are_flagged() {
    let xml = std::fs::read(
        [
            env!("CARGO_MANIFEST_DIR"),
            "tests/fixtures/saml/response.xml",
        ]
        .iter()
        .collect::<PathBuf>(),
    )
    .unwrap();
    let one = BASE64_STANDARD
        .encode(&xml)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let input = format!("SAMLResponse={one}&SAMLResponse={one}");
    let out = sfauth()
        .args(["inspect", &input, "--json", "--at", AT])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(message(&r, "I1", "warning").contains("SAMLResponse"));
}

#[test]
fn a_public_key_or_certificate_given_as_secret_is_the_confusion_attack() {
    for (file, what) in [("pub.pem", "public key"), ("cert.pem", "certificate")] {
        let token = hs256(&read(file), r#"{"alg":"HS256"}"#, &claims());
        let secret = format!("@{}", jwt_fixture(file));
        let r = run(&token, &["--secret", &secret, "--as", "generic"], 1);
        assert_eq!(r["signature"]["status"], "invalid", "{file}");
        let m = message(&r, "J17", "error");
        assert!(m.contains(what) && m.contains("--key"), "{m}");
    }
}

#[test]
fn a_jwks_holding_a_symmetric_key_warns() {
    let r = run(
        &format!("@{}", jwt_fixture("hs256.jwt")),
        &["--key", &jwt_fixture("jwks-oct.json"), "--as", "generic"],
        0,
    );
    assert_eq!(r["signature"]["status"], "valid");
    assert!(message(&r, "J17", "warning").contains("oct"));
}

#[test]
fn a_kid_that_matches_no_key_keeps_a_note_when_another_key_verifies() {
    let token = rs256(r#"{"alg":"RS256","kid":"nope"}"#, &claims());
    let r = run(&token, &["--key", &jwt_fixture("jwks.json")], 0);
    assert_eq!(r["signature"]["status"], "valid");
    let m = message(&r, "J17", "warning");
    assert!(m.contains("\"nope\"") && m.contains("\"k1\""), "{m}");
}

#[test]
fn embedded_key_headers_are_never_trusted_and_say_so() {
    for (param, value) in [
        ("jku", r#""https://attacker.example/jwks.json""#),
        ("x5u", r#""https://attacker.example/cert.pem""#),
        ("jwk", r#"{"kty":"oct","k":"c2VjcmV0"}"#),
        ("x5c", r#"["MIIB"]"#),
    ] {
        let header = format!(r#"{{"alg":"RS256","{param}":{value}}}"#);
        let token = rs256(&header, &claims());
        for args in [with_cert().to_vec(), vec![]] {
            let r = run(&token, &args, 0);
            let m = message(&r, "J18", "warning");
            assert!(m.contains(param) && m.contains("never"), "{m}");
        }
    }
}

#[test]
fn bidi_and_invisible_characters_are_escaped_in_text_but_kept_in_json() {
    let body = claims().replace("integration@", "admin\u{202e}moc.\u{200b}@");
    let token = rs256(r#"{"alg":"RS256"}"#, &body);
    let text = text_report(&token);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{200b}'),
        "{text}"
    );
    let line = text.lines().find(|l| l.contains("sub")).unwrap();
    assert!(
        line.contains("\\u{202e}") && line.contains("\\u{200b}"),
        "{line}"
    );
    assert!(line.contains("[escaped]"), "{line}");
    let r = run(&token, &with_cert(), 0);
    assert!(r["claims"]["sub"].as_str().unwrap().contains('\u{202e}'));
}

#[test]
fn a_signed_percent_escape_is_not_hex() {
    let good = rs256(r#"{"alg":"RS256"}"#, &claims());
    let (head, tail) = good.split_at(10);
    let body = format!("assertion={head}%+A{tail}");
    let err = stderr_of(sfauth().args(["inspect", &body, "--json", "--at", AT]), 2);
    assert!(err.contains("percent-escape"), "{err}");
}

#[test]
fn absurd_exp_values_are_described_never_as_a_wrong_date() {
    for exp in ["1e20", "18446744073709551615", "-1e300"] {
        let body = claims().replace(&EXP.to_string(), exp);
        let token = rs256(r#"{"alg":"RS256"}"#, &body);
        let r = run(&token, &with_cert(), 1);
        let m = message(&r, "J8", "error");
        assert!(m.contains("beyond any calendar"), "{exp}: {m}");
        assert!(
            !m.contains("fraction") && !m.contains("9223372036854775807"),
            "{m}"
        );
        let text = text_report(&token);
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with("exp "))
            .unwrap();
        assert!(
            !line.contains("expires in") && !line.contains("expired"),
            "{line}"
        );
    }
}
