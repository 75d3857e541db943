#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth inspect`, run as the built binary on the openssl-made fixtures in
//! tests/fixtures/jwt (see make.sh there). Every run pins `--at` so results never depend on
//! the clock. Predicted errors are compared with what the shipped model says, so the tests
//! hold whatever wording the catalog uses.

use serde_json::Value;
use sfauth::model::Knowledge;
use std::path::PathBuf;

mod cli_support;
use cli_support::{
    checks, finding, findings_of, inspect_json, inspect_stdin_json, jwt_fixture, sfauth, stderr_of,
    stdout_of,
};

/// 2027-01-01T00:00:00Z: two minutes before the fixtures' bearer assertions expire.
const AT: &str = "2027-01-01T00:00:00Z";
const AT_UNIX: &str = "1798761600";

fn at_file(name: &str) -> String {
    format!("@{}", jwt_fixture(name))
}

/// Runs `inspect ARGS --json --at AT`, checks the exit code, returns the report.
fn report(args: &[&str], code: i32) -> Value {
    inspect_json(&[args, &["--json", "--at", AT]].concat(), code)
}

/// The report on `input` checked with the JWT fixture `key`.
fn keyed_report(input: &str, key: &str, code: i32) -> Value {
    report(&[input, "--key", &jwt_fixture(key)], code)
}

fn text(args: &[&str], code: i32) -> String {
    stdout_of(sfauth().arg("inspect").args(args).args(["--at", AT]), code)
}

/// `error: description` the model predicts for a check, if it predicts one.
fn predicted(check: &str) -> Option<String> {
    let k = Knowledge::builtin().unwrap();
    let id = k.check(check)?.predicts.clone()?;
    Some(k.error(&id)?.display_line())
}

fn severity_of(check: &str, fallback: &str) -> String {
    Knowledge::builtin()
        .unwrap()
        .check(check)
        .map_or(fallback.to_string(), |c| c.severity.as_str().to_string())
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn json_has_exactly_the_issue_shape() {
    let r = keyed_report(&at_file("aud-slash.jwt"), "cert.pem", 1);
    assert_eq!(
        keys(&r),
        [
            "claims",
            "findings",
            "header",
            "kind",
            "profile",
            "signature"
        ]
    );
    assert_eq!(r["kind"], "jwt");
    assert_eq!(r["profile"], "jwt-bearer");
    assert_eq!(r["header"]["alg"], "RS256");
    assert_eq!(r["claims"]["aud"], "https://login.salesforce.com/");
    assert_eq!(keys(&r["signature"]), ["alg", "status"]);
    assert_eq!(r["signature"]["status"], "valid");
    assert_eq!(r["signature"]["alg"], "RS256");
    for f in r["findings"].as_array().unwrap() {
        assert_eq!(keys(f), ["check", "message", "predicts", "severity"]);
    }
}

#[test]
fn trailing_slash_aud_is_j6_with_its_predicted_error() {
    let args = [
        at_file("aud-slash.jwt"),
        "--key".into(),
        jwt_fixture("cert.pem"),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = report(&args, 1);
    assert_eq!(checks(&r), ["J6"]);
    let j6 = finding(&r, "J6");
    assert_eq!(j6["severity"], severity_of("J6", "error"));
    assert_eq!(
        j6["message"],
        "aud \"https://login.salesforce.com/\" has a trailing slash"
    );
    let predicts = predicted("J6");
    assert_eq!(j6["predicts"].as_str(), predicts.as_deref());
    let mut line = format!(
        "J6 {}: aud \"https://login.salesforce.com/\" has a trailing slash",
        severity_of("J6", "error")
    );
    if let Some(p) = predicts {
        line.push_str(&format!(" -> {p}"));
    }
    assert!(text(&args, 1).contains(&line), "missing: {line}");
}

#[test]
fn a_good_assertion_verifies_with_every_key_format() {
    for key in [
        "cert.pem",
        "cert.der",
        "pub.pem",
        "rsa-pub.pem",
        "jwks.json",
    ] {
        let r = report(&[&at_file("good.jwt"), "--key", &jwt_fixture(key)], 0);
        assert_eq!(r["signature"]["status"], "valid", "{key}");
        assert_eq!(r["findings"], Value::Array(vec![]), "{key}");
    }
}

#[test]
fn without_a_key_the_signature_is_not_checked_never_invalid() {
    let r = report(&[&at_file("good.jwt")], 0);
    assert_eq!(r["signature"]["status"], "not-checked");
    assert_eq!(checks(&r), ["J12"]);
    assert_eq!(finding(&r, "J12")["severity"], "info");
    assert_eq!(finding(&r, "J12")["predicts"], Value::Null);
}

#[test]
fn the_wrong_certificate_makes_the_signature_invalid_and_exit_1() {
    let r = keyed_report(&at_file("good.jwt"), "other-cert.pem", 1);
    assert_eq!(r["signature"]["status"], "invalid");
    assert_eq!(checks(&r), ["J12"]);
    assert_eq!(
        finding(&r, "J12")["predicts"].as_str(),
        predicted("J12").as_deref()
    );
}

#[test]
fn expiry_follows_at_and_skew() {
    let expired = report(&[&at_file("expired.jwt")], 1);
    assert!(checks(&expired).contains(&"J9".to_string()));
    let j9 = finding(&expired, "J9");
    assert!(j9["message"].as_str().unwrap().contains("expired 30s ago"));
    assert_eq!(j9["predicts"].as_str(), predicted("J9").as_deref());
    let tolerated = report(&[&at_file("expired.jwt"), "--skew", "60"], 0);
    assert!(!checks(&tolerated).contains(&"J9".to_string()));
    // The same instant as unix seconds gives the same report.
    let unix = inspect_json(&[&at_file("expired.jwt"), "--json", "--at", AT_UNIX], 1);
    assert_eq!(unix, expired);
}

#[test]
fn text_shows_times_in_utc_and_relative() {
    let out = text(
        &[&at_file("good.jwt"), "--key", &jwt_fixture("cert.pem")],
        0,
    );
    assert!(out.contains("2027-01-01T00:02:00Z  expires in 2m"), "{out}");
    assert!(out.contains("Signature valid (RS256)"));
    assert!(out.contains("OK: 0 errors"));
    assert!(!out.contains('\u{1b}'), "NO_COLOR and no TTY: no escapes");
}

#[test]
fn alg_none_and_unknown_alg_are_still_decoded() {
    let none = report(&[&at_file("none.jwt")], 1);
    assert_eq!(none["header"]["alg"], "none");
    assert_eq!(none["signature"]["status"], "not-checked");
    assert_eq!(finding(&none, "J2")["severity"], "error");
    let keyed = keyed_report(&at_file("none.jwt"), "cert.pem", 1);
    assert_eq!(keyed["signature"]["status"], "invalid");
    let odd = report(&[&at_file("unknown-alg.jwt")], 1);
    assert_eq!(odd["signature"]["alg"], "XY512");
    assert_eq!(odd["claims"]["sub"], "integration@acme.com");
}

#[test]
fn hs256_verifies_with_a_secret_value_or_file() {
    let secret = std::fs::read_to_string(jwt_fixture("hs256.secret")).unwrap();
    for s in [secret.as_str(), &at_file("hs256.secret")] {
        let r = report(&[&at_file("hs256.jwt"), "--secret", s], 1);
        assert_eq!(r["signature"]["status"], "valid");
        assert_eq!(checks(&r), ["J2"], "HS256 is not what Salesforce accepts");
    }
    let wrong = report(&[&at_file("hs256.jwt"), "--secret", "nope"], 1);
    assert_eq!(wrong["signature"]["status"], "invalid");
    let generic = report(
        &[
            &at_file("hs256.jwt"),
            "--secret",
            &secret,
            "--as",
            "generic",
        ],
        0,
    );
    assert_eq!(generic["findings"], Value::Array(vec![]));
}

#[test]
fn wrapped_tokens_decode_and_fail_j1() {
    let r = keyed_report(&at_file("wrapped.jwt"), "cert.pem", 1);
    assert_eq!(r["signature"]["status"], "valid");
    assert_eq!(checks(&r), ["J1"]);
}

#[test]
fn a_numeric_string_exp_is_a_j8_warning_not_unreadable_input() {
    let r = keyed_report(&at_file("string-exp.jwt"), "cert.pem", 0);
    assert_eq!(checks(&r), ["J8"]);
    assert_eq!(finding(&r, "J8")["severity"], "warning");
}

#[test]
fn lifetime_and_extra_claims() {
    let r = keyed_report(&at_file("long-lived.jwt"), "cert.pem", 0);
    assert_eq!(checks(&r), ["J10", "J11"]);
    assert_eq!(finding(&r, "J11")["severity"], "info");
}

#[test]
fn weak_and_expired_certificates_warn_under_j13() {
    let r = inspect_json(
        &[
            &at_file("weak.jwt"),
            "--key",
            &jwt_fixture("weak-cert.pem"),
            "--json",
            "--at",
            "2040-01-01T00:00:00Z",
        ],
        1,
    );
    let j13 = findings_of(&r, "J13");
    assert_eq!(j13.len(), 2, "{r:#}");
    assert!(j13[0]["message"].as_str().unwrap().contains("1024 bits"));
    assert!(j13[1]["message"].as_str().unwrap().contains("expired"));
}

#[test]
fn expected_client_id_username_and_login_url() {
    let r = report(
        &[
            &at_file("good.jwt"),
            "--client-id",
            "3MVGsomeoneElse",
            "--username",
            "bob@acme.com",
            "--login-url",
            "https://test.salesforce.com",
        ],
        1,
    );
    assert_eq!(checks(&r), ["J4", "J5", "J6", "J12"]);
    assert!(
        finding(&r, "J6")["message"]
            .as_str()
            .unwrap()
            .contains("not the expected login URL")
    );
}

#[test]
fn request_body_json_and_bearer_inputs_find_the_token() {
    let body = keyed_report(&at_file("request-body.txt"), "cert.pem", 0);
    assert_eq!(body["profile"], "jwt-bearer");
    let wrong = keyed_report(&at_file("request-wrong-grant.txt"), "cert.pem", 1);
    assert_eq!(checks(&wrong), ["J14"]);
    assert_eq!(
        finding(&wrong, "J14")["predicts"].as_str(),
        predicted("J14").as_deref()
    );
    let json = keyed_report(&at_file("assertion.json"), "cert.pem", 0);
    assert_eq!(json["claims"], body["claims"]);
    let token = std::fs::read_to_string(jwt_fixture("good.jwt")).unwrap();
    let bearer = keyed_report(&format!("Bearer {token}"), "cert.pem", 0);
    assert_eq!(bearer["claims"], body["claims"]);
}

#[test]
fn stdin_with_dash() {
    let token = std::fs::read_to_string(jwt_fixture("good.jwt")).unwrap();
    let r = inspect_stdin_json(
        format!("\n  {token}  \n"),
        AT,
        &["--key", &jwt_fixture("cert.pem")],
    );
    assert_eq!(r["signature"]["status"], "valid");
}

#[test]
fn id_tokens_from_a_token_response_verify_with_the_jwks() {
    let r = keyed_report(&at_file("token-response.json"), "jwks.json", 0);
    assert_eq!(r["profile"], "id-token");
    assert_eq!(r["signature"]["status"], "valid");
    assert_eq!(r["findings"], Value::Array(vec![]));
    let bare = report(&[&at_file("id-token.jwt")], 0);
    assert_eq!(bare["profile"], "id-token");
    let checked = report(
        &[
            &at_file("id-token.jwt"),
            "--key",
            &jwt_fixture("jwks.json"),
            "--client-id",
            "3MVGsomeoneElse",
        ],
        1,
    );
    let aud = finding(&checked, "J6");
    assert_eq!(
        aud["predicts"],
        Value::Null,
        "ID tokens predict no Salesforce error"
    );
    let late = inspect_json(
        &[
            &at_file("id-token.jwt"),
            "--json",
            "--at",
            "2027-02-01T00:00:00Z",
        ],
        1,
    );
    assert_eq!(checks(&late), ["J9", "J12"]);
}

#[test]
fn as_overrides_the_detected_profile() {
    let r = report(&[&at_file("aud-slash.jwt"), "--as", "generic"], 0);
    assert_eq!(r["profile"], "generic");
    assert_eq!(r["findings"], Value::Array(vec![]));
    let r = report(&[&at_file("id-token.jwt"), "--as", "jwt-bearer"], 1);
    assert_eq!(r["profile"], "jwt-bearer");
}

/// Each bad input exits 2 with one line on stderr and nothing on stdout.
fn rejects(input: &str, needle: &str) {
    let assert = sfauth()
        .args(["inspect", input, "--at", AT])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{input:?}: {stderr}");
    assert!(stderr.contains(needle), "{input:?}: {stderr}");
}

fn b64(s: &[u8]) -> String {
    use base64::prelude::*;
    BASE64_URL_SAFE_NO_PAD.encode(s)
}

#[test]
fn bad_input_list_exits_2_with_one_clear_line() {
    let c = b64(b"{\"sub\":\"a\"}");
    let h = b64(b"{\"alg\":\"RS256\"}");
    rejects("", "input is empty");
    rejects(" \n\t ", "only whitespace");
    rejects("abcdef", "found no '.'");
    rejects(&format!("{h}.{c}"), "found 2 segments");
    rejects(&format!("{h}.{c}.x.y"), "found 4 segments");
    rejects(&format!("{h}.{c}.x.y.z"), "JWE");
    rejects(
        &format!("{h}.c*d.x"),
        "segment 2 (claims): invalid base64url character '*'",
    );
    rejects(
        &format!("{h}==.{c}."),
        "segment 1 (header): '=' at offset 20 is not valid base64url padding",
    );
    rejects(
        &format!("{}.{c}.", b64(&[0xc3, 0x28])),
        "segment 1 (header): decoded bytes are not UTF-8",
    );
    rejects(
        &format!("{}.{c}.", b64(b"not json")),
        "segment 1 (header): not JSON",
    );
    rejects(
        &format!("{}.{c}.", b64(b"[\"alg\"]")),
        "segment 1 (header): expected a JSON object, found an array",
    );
    rejects(
        &format!("{h}.{}.", b64(b"42")),
        "segment 2 (claims): expected a JSON object, found a number",
    );
    rejects(&format!("{h}.{c}.abcde"), "segment 3 (signature)");
    rejects("{\"assertion\": 7}", "must be a string");
    rejects("grant_type=urn%3Aietf", "no \"assertion\"");
    rejects(
        "<saml:Assertion/>",
        "XML is not well-formed: an unknown namespace prefix",
    );
    rejects("<a/>", "the root element is a (namespace none)");
}

#[test]
fn binary_garbage_and_oversized_input_exit_2() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let stderr = stderr_of(
        sfauth()
            .args(["inspect", "-", "--at", AT])
            .write_stdin(garbage),
        2,
    );
    assert!(stderr.contains("not text"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jwt");
    std::fs::write(&big, "a".repeat(1024 * 1024 + 1)).unwrap();
    let stderr = stderr_of(
        sfauth().args(["inspect", &format!("@{}", big.display()), "--at", AT]),
        2,
    );
    assert!(stderr.contains("1 MB"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn bad_options_exit_2() {
    for (args, needle) in [
        (vec!["--at", "soon"], "--at"),
        (vec!["--key", "/no/such/key.pem"], "cannot read"),
        (vec!["--as", "saml"], "invalid value"),
    ] {
        let stderr = stderr_of(
            sfauth().args(["inspect", &at_file("good.jwt")]).args(&args),
            2,
        );
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    let stderr = stderr_of(
        sfauth().args([
            "inspect",
            &at_file("good.jwt"),
            "--key",
            &jwt_fixture("key.pem"),
        ]),
        2,
    );
    assert!(stderr.contains("private key"));
    sfauth()
        .args([
            "inspect",
            &at_file("good.jwt"),
            "--key",
            &jwt_fixture("cert.pem"),
            "--secret",
            "x",
        ])
        .assert()
        .code(2);
}

#[test]
fn generic_text_layout_snapshot() {
    // Relative names keep the checkout's path out of the snapshot.
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "jwt"]
        .iter()
        .collect();
    let out = stdout_of(
        sfauth()
            .current_dir(dir)
            .args(["inspect", "@id-token.jwt", "--key", "jwks.json"])
            .args(["--as", "generic", "--at", AT]),
        0,
    );
    insta::assert_snapshot!(out);
}
