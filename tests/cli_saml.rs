#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth inspect` on SAML, run as the built binary on the xmlsec1-made vectors in
//! tests/fixtures/saml (see make.sh there). Every run pins `--at` inside the vectors' validity
//! window, so results never depend on the clock. Predicted errors and Login History names are
//! compared with what the shipped model says, so the tests hold whatever wording it uses.

use base64::prelude::*;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use serde_json::Value;
use sfauth::model::Knowledge;
use std::io::Write;
use std::sync::OnceLock;

mod cli_support;
use cli_support::{
    checks, finding, findings_of, inspect_json, inspect_stdin_json, sfauth, stdout_of,
};

/// One minute into every vector's validity window (00:00:00Z to 00:03:00Z).
const AT: &str = "2026-01-01T00:01:00Z";

fn path(name: &str) -> String {
    format!("{}/tests/fixtures/saml/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn at_file(name: &str) -> String {
    format!("@{}", path(name))
}

/// `--key` with the public key that verifies the vectors, then `args`.
fn keyed<'a>(args: &[&'a str]) -> Vec<&'a str> {
    static PUB_KEY: OnceLock<String> = OnceLock::new();
    [
        &["--key", PUB_KEY.get_or_init(|| path("pub.pem")).as_str()],
        args,
    ]
    .concat()
}

/// The JSON report and the text on `file` checked with the vectors' key; both exit `code`.
fn keyed_report_and_text(file: &str, code: i32) -> (Value, String) {
    let input = at_file(file);
    let args = keyed(&[&input]);
    (report(&args, code), text(&args, code))
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap()
}

/// `inspect ARGS --at AT [--json]` with the expected exit code; stdout as text.
fn run(args: &[&str], json: bool, code: i32) -> String {
    let mut cmd = sfauth();
    cmd.arg("inspect").args(args).args(["--at", AT]);
    if json {
        cmd.arg("--json");
    }
    stdout_of(&mut cmd, code)
}

fn report(args: &[&str], code: i32) -> Value {
    serde_json::from_str(&run(args, true, code)).unwrap()
}

fn text(args: &[&str], code: i32) -> String {
    run(args, false, code)
}

/// What the model says a failing check predicts: `error: description` and the Login History
/// name, as JSON values (null when it predicts none).
fn predicted(check: &str) -> (Value, Value) {
    let k = Knowledge::builtin().unwrap();
    let c = k.check(check);
    let error = c
        .and_then(|c| c.predicts.as_deref())
        .and_then(|id| k.error(id));
    let history = c
        .and_then(|c| c.login_history.clone())
        .or_else(|| error.and_then(|e| e.login_history.clone()));
    let v = |s: Option<String>| s.map_or(Value::Null, Value::String);
    (v(error.map(|e| e.display_line())), v(history))
}

/// Each failure exits 2 with one line on stderr and nothing on stdout; returns that line.
fn refused(args: &[&str]) -> String {
    let assert = sfauth()
        .arg("inspect")
        .args(args)
        .args(["--at", AT])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("sfauth: "), "{stderr}");
    stderr.trim_end().to_string()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Form encoding of a value: everything but unreserved characters escaped.
fn form_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn signature_status(r: &Value) -> &str {
    r["signature"]["status"].as_str().unwrap()
}

#[test]
fn valid_assertion_with_each_key_form_is_clean_in_json() {
    for key in ["pub.pem", "cert.pem", "cert.der"] {
        let r = report(&["--key", &path(key), &at_file("valid.xml")], 0);
        assert_eq!(r["kind"], "saml", "{key}");
        assert_eq!(r["profile"], "saml-bearer");
        assert_eq!(signature_status(&r), "valid", "{key}");
        assert_eq!(r["signature"]["alg_name"], "RSA-SHA256");
        assert_eq!(
            r["signature"]["alg"],
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        );
        assert_eq!(r["signature"]["covers"]["id"], "_a1b2c3");
        assert_eq!(
            r["signature"]["canonicalization"],
            "http://www.w3.org/2001/10/xml-exc-c14n#"
        );
        assert_eq!(r["signature"]["certificate"]["key"], "RSA 2048-bit");
        if key == "pub.pem" {
            assert_eq!(r["findings"], Value::Array(vec![]), "{key}");
        } else {
            // The test certificate was made after the assertion's instant: the same warning
            // J13 gives for a JWT, and nothing else.
            assert_eq!(checks(&r), ["S9"], "{key}");
            let s9 = finding(&r, "S9");
            assert_eq!(s9["severity"], "warning");
            assert!(
                s9["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("the --key certificate is not valid until 2026-11-28"),
                "{s9}"
            );
        }
        assert_eq!(r["assertion"]["issuer"], "3MVG9example.consumer.key");
        assert_eq!(r["assertion"]["name_id"]["value"], "alice@example.com");
        assert_eq!(
            r["assertion"]["conditions"]["audiences"][0],
            "https://login.salesforce.com"
        );
    }
}

#[test]
fn valid_assertion_text_report() {
    let out = text(&keyed(&[&at_file("valid.xml")]), 0);
    assert!(
        !out.contains('\u{1b}'),
        "NO_COLOR and no terminal: no colour"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn without_a_key_the_embedded_certificate_is_shown_but_not_trusted() {
    let r = report(&[&at_file("valid.xml")], 0);
    assert_eq!(signature_status(&r), "unverified-embedded-key");
    assert_eq!(finding(&r, "S9")["severity"], "info");
    let out = text(&[&at_file("valid.xml")], 0);
    assert!(out.contains("Signature unverified-embedded-key (RSA-SHA256)"));
    assert!(out.contains("KeyInfo certificate     CN=sfauth test signer"));
    assert!(
        out.ends_with("; signature unverified-embedded-key\n"),
        "{out}"
    );
}

#[test]
fn the_wrong_key_is_invalid_and_exits_1() {
    let r = report(&["--key", &path("other-pub.pem"), &at_file("valid.xml")], 1);
    assert_eq!(signature_status(&r), "invalid");
    let s9 = finding(&r, "S9");
    assert_eq!(s9["severity"], "error");
    let (predicts, history) = predicted("S9");
    assert_eq!(
        (&s9["predicts"], &s9["login_history"]),
        (&predicts, &history)
    );
}

#[test]
fn tampered_assertion_is_invalid_and_exits_1() {
    let (r, out) = keyed_report_and_text("tampered.xml", 1);
    assert_eq!(signature_status(&r), "invalid");
    assert_eq!(checks(&r), ["S9"]);
    assert_eq!(
        r["signature"]["references"][0]["digest"], "mismatch",
        "the NameID changed after signing"
    );
    assert!(out.contains("Signature invalid (RSA-SHA256)"), "{out}");
    assert!(out.contains("digest differs"), "{out}");
    assert!(out.ends_with("; signature invalid\n"), "{out}");
}

#[test]
fn wrapped_documents_fail_s11_and_show_only_the_signed_values() {
    for (file, signed_id) in [("wrapped.xml", "_as1"), ("wrapped-bearer.xml", "_a1b2c3")] {
        let (r, out) = keyed_report_and_text(file, 1);
        // The signature verifies, but not over the Assertion a consumer reads.
        assert_eq!(signature_status(&r), "invalid", "{file}");
        let s9 = finding(&r, "S9");
        assert_eq!(s9["severity"], "error", "{file}");
        assert!(
            s9["message"].as_str().unwrap().contains("_forged"),
            "{file}: {s9}"
        );
        let s11 = finding(&r, "S11");
        assert_eq!(s11["severity"], "error", "{file}");
        assert!(
            s11["message"].as_str().unwrap().contains("_forged"),
            "{file}"
        );
        assert_eq!(r["assertion"]["id"], signed_id, "{file}");
        assert_eq!(r["assertion"]["name_id"]["value"], "alice@example.com");
        assert!(out.contains("  S11 error: signature wrapping"), "{out}");
        assert!(
            !out.contains("admin@example.com"),
            "{file}: forged values shown"
        );
    }
}

#[test]
fn comment_injection_fails_s12_with_the_whole_name() {
    let (r, out) = keyed_report_and_text("comment-injected.xml", 1);
    assert_eq!(signature_status(&r), "valid");
    assert_eq!(checks(&r), ["S12"]);
    let s12 = finding(&r, "S12");
    assert_eq!(s12["severity"], "error");
    assert_eq!(
        r["assertion"]["name_id"]["value"],
        "admin@example.com.evil.example"
    );
    assert!(out.contains("NameID                      admin@example.com.evil.example"));
    assert!(out.contains("  S12 error: NameID at "), "{out}");
    assert!(out.ends_with("FAIL: 1 error, 0 warnings, 0 notes; signature valid\n"));
}

#[test]
fn a_doctype_is_refused_with_the_s13_line() {
    let line = refused(&[&at_file("doctype.xml")]);
    assert!(
        line.starts_with("sfauth: S13: the XML has a DOCTYPE at 2:1"),
        "{line}"
    );
    assert!(line.contains("no entity is expanded, nothing is fetched"));
    let json_line = refused(&[&at_file("doctype.xml"), "--json"]);
    assert_eq!(json_line, line);
}

#[test]
fn response_with_a_signed_assertion_is_the_assertion_flow() {
    let file = at_file("response.xml");
    for extra in [&[][..], &["--as", "saml-assertion"][..]] {
        let r = report(&keyed(&[extra, &[file.as_str()]].concat()), 0);
        assert_eq!(r["profile"], "saml-assertion", "{extra:?}");
        assert_eq!(signature_status(&r), "valid");
        assert_eq!(r["root"], "samlp:Response");
        assert_eq!(
            r["response"]["status"],
            "urn:oasis:names:tc:SAML:2.0:status:Success"
        );
        assert_eq!(r["assertion"]["signed"], true);
        assert_eq!(r["response"]["signed"], false);
        assert_eq!(
            r["signature"]["covers"]["path"],
            "/samlp:Response/saml2:Assertion"
        );
    }
    let both = report(&keyed(&[&at_file("response-both-signed.xml")]), 0);
    assert_eq!(both["other_signatures"][0]["status"], "valid");
    let out = text(&keyed(&[&at_file("response-both-signed.xml")]), 0);
    assert!(out.contains("Other signature valid (RSA-SHA256)"), "{out}");
}

#[test]
fn as_picks_the_saml_profile_and_refuses_a_jwt_profile() {
    let r = report(
        &keyed(&["--as", "saml-bearer", &at_file("response.xml")]),
        1,
    );
    assert_eq!(r["profile"], "saml-bearer");
    let line = refused(&["--as", "jwt-bearer", &at_file("valid.xml")]);
    assert!(
        line.contains("--as jwt-bearer is for JWTs, but this is SAML"),
        "{line}"
    );
    let jwt = format!(
        "@{}/tests/fixtures/jwt/aud-slash.jwt",
        env!("CARGO_MANIFEST_DIR")
    );
    let line = refused(&["--as", "saml-assertion", &jwt]);
    assert!(line.contains("not XML and not base64"), "{line}");
}

#[test]
fn expectations_name_the_salesforce_error_and_login_history() {
    let r = report(
        &keyed(&[
            "--client-id",
            "3MVG9someoneElse",
            "--username",
            "bob@example.com",
            &at_file("valid.xml"),
        ]),
        1,
    );
    assert_eq!(checks(&r), ["S3", "S4"]);
    for check in ["S3", "S4"] {
        let f = finding(&r, check);
        let (predicts, history) = predicted(check);
        assert_eq!(f["predicts"], predicts, "{check}");
        assert_eq!(f.get("login_history").unwrap_or(&Value::Null), &history);
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = vec!["check", "message", "predicts", "severity"];
        if !history.is_null() {
            expected.insert(1, "login_history");
        }
        assert_eq!(keys, expected, "{check}");
    }
    let out = text(
        &keyed(&["--client-id", "3MVG9someoneElse", &at_file("valid.xml")]),
        1,
    );
    let line = out.lines().find(|l| l.starts_with("  S3 error: ")).unwrap();
    if let (Value::String(p), Value::String(h)) = predicted("S3") {
        assert!(
            line.ends_with(&format!(" -> {p} (Login History: {h})")),
            "{line}"
        );
    }
    let matching = report(
        &keyed(&[
            "--client-id",
            "3MVG9example.consumer.key",
            "--username",
            "alice@example.com",
            "--login-url",
            "https://login.salesforce.com",
            &at_file("valid.xml"),
        ]),
        0,
    );
    assert_eq!(checks(&matching), Vec::<String>::new());
    let sandbox = report(
        &keyed(&[
            "--login-url",
            "https://test.salesforce.com",
            &at_file("valid.xml"),
        ]),
        1,
    );
    assert!(checks(&sandbox).iter().any(|c| c == "S7"), "{sandbox:#}");
}

#[test]
fn time_rules_follow_at_and_skew() {
    let file = at_file("valid.xml");
    let late = keyed(&[&file]);
    let run_at = |at: &str, extra: &[&str], code: i32| -> Value {
        inspect_json(&[&late[..], extra, &["--at", at, "--json"]].concat(), code)
    };
    let expired = run_at("2026-01-01T00:05:00Z", &[], 1);
    assert_eq!(finding(&expired, "S8")["severity"], "error");
    let (predicts, history) = predicted("S8");
    assert_eq!(finding(&expired, "S8")["predicts"], predicts);
    assert_eq!(
        finding(&expired, "S8")
            .get("login_history")
            .unwrap_or(&Value::Null),
        &history
    );
    run_at("2026-01-01T00:05:00Z", &["--skew", "150"], 0);
    run_at("1767225660", &[], 0);
}

#[test]
fn every_input_form_reaches_the_same_assertion() {
    let xml = read("valid.xml");
    let xml_text = String::from_utf8(xml.clone()).unwrap();
    let b64url = BASE64_URL_SAFE_NO_PAD.encode(&xml);
    let cases: Vec<(&str, String, i32, Vec<&str>)> = vec![
        ("base64url", b64url.clone(), 0, vec![]),
        (
            "standard base64, which the bearer grant does not take",
            BASE64_STANDARD.encode(&xml),
            1,
            vec!["S1"],
        ),
        (
            "deflate + base64url (the Redirect binding's compression)",
            BASE64_URL_SAFE_NO_PAD.encode(deflate(&xml)),
            1,
            vec!["S1"],
        ),
        ("URL-encoded XML", form_escape(&xml_text), 0, vec![]),
        (
            "token request body",
            format!(
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion={b64url}"
            ),
            0,
            vec![],
        ),
    ];
    for (what, input, code, expected) in cases {
        let r = report(&keyed(&[&input]), code);
        assert_eq!(r["kind"], "saml", "{what}");
        assert_eq!(r["profile"], "saml-bearer", "{what}");
        assert_eq!(signature_status(&r), "valid", "{what}");
        assert_eq!(r["assertion"]["id"], "_a1b2c3", "{what}");
        assert_eq!(checks(&r), expected, "{what}: {r:#}");
        assert!(!r["encoding"].as_array().unwrap().is_empty(), "{what}");
    }
    let body = report(
        &keyed(&[&format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion={b64url}"
        )]),
        0,
    );
    assert_eq!(
        body["request"]["grant_type"],
        "urn:ietf:params:oauth:grant-type:saml2-bearer"
    );
    assert_eq!(body["encoding"][0]["layer"], "form-parameter");
    assert_eq!(body["encoding"][0]["name"], "assertion");
}

#[test]
fn saml_response_forms_are_the_assertion_flow() {
    let xml = read("response.xml");
    let posted = form_escape(&BASE64_STANDARD.encode(&xml));
    let redirect = form_escape(&BASE64_STANDARD.encode(deflate(&xml)));
    for (what, input) in [
        (
            "POST form",
            format!("SAMLResponse={posted}&RelayState=%2Fhome"),
        ),
        (
            "Redirect query",
            format!("https://example.my.salesforce.com/sso?SAMLResponse={redirect}"),
        ),
    ] {
        let r = report(&keyed(&[&input]), 0);
        assert_eq!(r["profile"], "saml-assertion", "{what}");
        assert_eq!(signature_status(&r), "valid", "{what}");
        assert_eq!(r["assertion"]["id"], "_as1", "{what}");
        assert_eq!(r["encoding"][0]["name"], "SAMLResponse", "{what}");
    }
    let out = text(
        &keyed(&[&format!("SAMLResponse={posted}&RelayState=%2Fhome")]),
        0,
    );
    assert!(out.contains("Encoding                    form parameter SAMLResponse > base64"));
    assert!(out.contains("Request RelayState          /home"), "{out}");
}

#[test]
fn stdin_works_like_a_file() {
    let r = inspect_stdin_json(read("valid.xml"), AT, &keyed(&[]));
    assert_eq!(signature_status(&r), "valid");
}

#[test]
fn unusable_keys_and_broken_encodings_exit_2_with_one_line() {
    let line = refused(&["--secret", "s3cret", &at_file("valid.xml")]);
    assert!(line.contains("a SAML signature needs --key"), "{line}");
    let line = refused(&["--key", &path("key.pem"), &at_file("valid.xml")]);
    assert!(line.contains("private key"), "{line}");
    let jwks = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(jwks.path(), r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#).unwrap();
    let line = refused(&[
        "--key",
        jwks.path().to_str().unwrap(),
        &at_file("valid.xml"),
    ]);
    assert!(line.contains("--key is neither PEM"), "{line}");
    let line = refused(&["SAMLResponse=%zz"]);
    assert!(
        line.contains("parameter \"SAMLResponse\": invalid percent-escape"),
        "{line}"
    );
    let line = refused(&[&BASE64_STANDARD.encode(b"<saml2:Assertion")]);
    assert!(line.contains("XML is not well-formed"), "{line}");
    let line = refused(&["%3Cunclosed"]);
    assert!(line.contains("XML is not well-formed"), "{line}");
}

#[test]
fn several_assertions_and_duplicate_ids_fail_s14() {
    let r = report(&keyed(&[&at_file("duplicate-id.xml")]), 1);
    let s14 = findings_of(&r, "S14");
    assert!(s14.len() >= 2, "{r:#}");
    assert!(s14.iter().all(|f| f["severity"] == "error"));
}
