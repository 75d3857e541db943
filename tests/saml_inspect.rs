#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SAML inspector against vectors xmlsec1 made (tests/fixtures/saml/make.sh). xmlsec1 is
//! not needed here: its verdicts are recorded in xmlsec1-verdicts.txt.

use base64::prelude::*;
use chrono::{DateTime, Utc};
use sfauth::model::{Knowledge, Severity};
use sfauth::saml::{
    Finding, SamlErrorKind, SamlOptions, SamlProfile, SamlReport, SignatureStatus, inspect_saml,
};
use std::io::Write;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/saml/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn key(name: &str) -> Option<Vec<u8>> {
    Some(
        std::fs::read(format!(
            "{}/tests/fixtures/saml/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// Inside every fixture's validity window (2026-01-01T00:00:00Z to 00:03:00Z).
fn opts() -> SamlOptions {
    SamlOptions::at(at("2026-01-01T00:01:00Z"))
}

fn with_key(name: &str) -> SamlOptions {
    SamlOptions {
        key: key(name),
        ..opts()
    }
}

fn knowledge() -> Knowledge {
    Knowledge::builtin().unwrap_or_default()
}

fn inspect(text: &str, o: &SamlOptions) -> SamlReport {
    inspect_saml(text, o, &knowledge()).unwrap()
}

fn errors(r: &SamlReport) -> Vec<&str> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.check.as_str())
        .collect()
}

fn finding<'a>(r: &'a SamlReport, check: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.check == check)
        .unwrap_or_else(|| panic!("no {check} finding in {:#?}", r.findings))
}

/// The predicted error line and Login History name for `check`, as the model has them.
fn predicted(check: &str) -> (Option<String>, Option<String>) {
    let k = knowledge();
    let c = k.check(check);
    let predicts = c
        .and_then(|c| c.predicts.as_deref())
        .and_then(|id| k.error(id))
        .map(|e| e.display_line());
    let history = c.and_then(|c| c.login_history.clone()).or_else(|| {
        c.and_then(|c| c.predicts.as_deref())
            .and_then(|id| k.error(id))
            .and_then(|e| e.login_history.clone())
    });
    (predicts, history)
}

/// Every signature's status by location, and the location of the first in document order
/// (what xmlsec1 verifies unless told otherwise).
fn statuses(xml: &str, r: &SamlReport) -> (Vec<(String, SignatureStatus)>, String) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let first = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://www.w3.org/2000/09/xmldsig#", "Signature")))
        .map(sfauth::saml::xml::path)
        .unwrap_or_default();
    let all = std::iter::once(&r.signature)
        .chain(&r.other_signatures)
        // xmlsec1 judges each signature on its own: compare with the signature's own verdict,
        // not the verdict on the element a relying party reads.
        .filter_map(|s| {
            let own = s.read_uncovered.as_ref().map_or(s.status, |(_, own)| *own);
            s.location.clone().map(|l| (l, own))
        })
        .collect();
    (all, first)
}

#[test]
fn verdicts_agree_with_xmlsec1() {
    let verdicts = fixture("xmlsec1-verdicts.txt");
    let mut compared = 0;
    for line in verdicts.lines() {
        let mut parts = line.split_whitespace();
        let (file, which, verdict) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let key_file = if which == "other-pub.pem" {
            "other-pub.pem"
        } else {
            "pub.pem"
        };
        let xml = fixture(file);
        let r = inspect(&xml, &with_key(key_file));
        let (all, first) = statuses(&xml, &r);
        let location = if which.starts_with('/') {
            "/samlp:Response/ds:Signature".to_string()
        } else {
            first
        };
        let status = all
            .iter()
            .find(|(l, _)| *l == location)
            .map(|(_, s)| *s)
            .unwrap_or_else(|| panic!("{file}: no signature at {location}: {all:?}"));
        assert_eq!(
            status == SignatureStatus::Valid,
            verdict == "OK",
            "{line}: sfauth says {status:?}"
        );
        compared += 1;
    }
    assert_eq!(compared, 13);
}

#[test]
fn valid_assertion_with_the_right_key_is_clean() {
    for key_file in ["pub.pem", "cert.pem", "cert.der"] {
        let r = inspect(&fixture("valid.xml"), &with_key(key_file));
        assert_eq!(r.signature.status, SignatureStatus::Valid, "{key_file}");
        // The test certificate is dated after the assertion: J13's warning, for SAML.
        let expected: &[&str] = if key_file == "pub.pem" { &[] } else { &["S9"] };
        let checks: Vec<&str> = r.findings.iter().map(|f| f.check.as_str()).collect();
        assert_eq!(checks, expected, "{key_file}: {:#?}", r.findings);
        assert!(r.findings.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(r.exit_code(), 0);
    }
    let r = inspect(&fixture("valid.xml"), &with_key("cert.pem"));
    assert_eq!(r.profile, SamlProfile::SamlBearer);
    let a = r.assertion.as_ref().unwrap();
    assert!(a.signed);
    assert_eq!(a.name_id.as_ref().unwrap().value.value, "alice@example.com");
    let covers = r.signature.covers.as_ref().unwrap();
    assert_eq!(covers.id.as_deref(), Some("_a1b2c3"));
    assert_eq!(r.signature.alg_name.as_deref(), Some("RSA-SHA256"));
    let region = r.signed_region().unwrap();
    assert!(r.xml[region].starts_with("<saml2:Assertion"));
}

#[test]
fn embedded_certificate_alone_is_never_valid() {
    let r = inspect(&fixture("valid.xml"), &opts());
    assert_eq!(r.signature.status, SignatureStatus::UnverifiedEmbeddedKey);
    let cert = r.signature.certificate.as_ref().unwrap();
    assert!(cert.subject.contains("sfauth test signer"));
    assert_eq!(cert.key, "RSA 2048-bit");
    assert_eq!(finding(&r, "S9").severity, Severity::Info);
    assert_eq!(r.exit_code(), 0);
}

#[test]
fn wrong_key_is_invalid_and_predicts_signature_invalid() {
    let r = inspect(&fixture("valid.xml"), &with_key("other-pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Invalid);
    let f = finding(&r, "S9");
    assert_eq!(f.severity, Severity::Error);
    let (predicts, history) = predicted("S9");
    assert_eq!(
        (f.predicts.clone(), f.login_history.clone()),
        (predicts, history)
    );
    assert_eq!(r.exit_code(), 1);
}

#[test]
fn tampered_assertion_is_invalid_without_any_key() {
    let r = inspect(&fixture("tampered.xml"), &opts());
    assert_eq!(r.signature.status, SignatureStatus::Invalid);
    assert!(
        r.signature.detail.contains("digest"),
        "{}",
        r.signature.detail
    );
    assert_eq!(errors(&r), ["S9"]);
    let a = r.assertion.as_ref().unwrap();
    assert!(!a.signed);
}

#[test]
fn comment_injection_shows_the_whole_name_and_fails_s12() {
    let r = inspect(&fixture("comment-injected.xml"), &with_key("pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    let name = &r
        .assertion
        .as_ref()
        .unwrap()
        .name_id
        .as_ref()
        .unwrap()
        .value;
    assert_eq!(name.value, "admin@example.com.evil.example");
    let f = finding(&r, "S12");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("\"admin@example.com\""), "{}", f.message);
    assert_eq!(errors(&r), ["S12"]);
    assert_eq!(r.exit_code(), 1);
}

#[test]
fn wrapping_shows_only_the_signed_assertion() {
    for (file, signed_id) in [("wrapped.xml", "_as1"), ("wrapped-bearer.xml", "_a1b2c3")] {
        let r = inspect(&fixture(file), &with_key("pub.pem"));
        // The signature verifies, but the Assertion a consumer reads first is not covered.
        assert_eq!(r.signature.status, SignatureStatus::Invalid, "{file}");
        let a = r.assertion.as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some(signed_id), "{file}");
        assert!(a.signed);
        assert_eq!(a.name_id.as_ref().unwrap().value.value, "alice@example.com");
        assert_eq!(errors(&r), ["S9", "S11", "S14"], "{file}");
        assert!(finding(&r, "S11").message.contains("_forged"));
    }
}

#[test]
fn response_with_signed_assertion_is_the_assertion_flow() {
    let r = inspect(&fixture("response.xml"), &with_key("pub.pem"));
    assert_eq!(r.profile, SamlProfile::SamlAssertion);
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    let resp = r.response.as_ref().unwrap();
    assert_eq!(
        resp.status.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:status:Success")
    );
    assert!(!resp.signed);
    assert!(r.assertion.as_ref().unwrap().signed);

    let r = inspect(&fixture("response-both-signed.xml"), &with_key("cert.pem"));
    assert_eq!(r.other_signatures.len(), 1);
    assert!(r.response.as_ref().unwrap().signed);
    assert_eq!(
        r.signature.location.as_deref(),
        Some("/samlp:Response/saml2:Assertion/ds:Signature")
    );
}

#[test]
fn prefix_list_and_sha1_verify_and_sha1_warns() {
    let r = inspect(&fixture("prefixlist.xml"), &with_key("pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert_eq!(r.signature.inclusive_prefixes, ["xs", "saml2"]);
    assert_eq!(r.signature.references[0].inclusive_prefixes, ["xs"]);
    let r = inspect(&fixture("sha1.xml"), &with_key("pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(
        r.findings
            .iter()
            .all(|f| f.check == "S9" && f.severity == Severity::Warning)
    );
    assert_eq!(r.findings.len(), 2);
    assert_eq!(r.exit_code(), 0);
}

#[test]
fn duplicate_ids_and_unsigned_documents() {
    let r = inspect(&fixture("duplicate-id.xml"), &with_key("pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Invalid);
    assert_eq!(errors(&r), ["S9", "S14", "S14"]);
    let r = inspect(&fixture("unsigned.xml"), &opts());
    assert_eq!(r.signature.status, SignatureStatus::NotChecked);
    assert_eq!(errors(&r), ["S9"]);
    let r = inspect(&fixture("unsigned.xml"), &with_key("pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Invalid);
}

#[test]
fn doctype_and_entities_are_refused() {
    let e = inspect_saml(&fixture("doctype.xml"), &opts(), &knowledge()).unwrap_err();
    assert_eq!(e.kind, SamlErrorKind::Doctype);
    assert!(
        e.message.starts_with("S13: the XML has a DOCTYPE at 2:1"),
        "{e}"
    );
    let xml = fixture("valid.xml").replace("alice@example.com", "&xxe;");
    let e = inspect_saml(&xml, &opts(), &knowledge()).unwrap_err();
    assert_eq!(e.kind, SamlErrorKind::Doctype);
    assert!(e.message.contains("&xxe;"), "{e}");
}

#[test]
fn processing_instructions_fail_s13_but_keep_the_signature() {
    let xml = fixture("valid.xml").replacen(
        "?>\n",
        "?>\n<?xml-stylesheet href=\"http://evil.example/x.xsl\"?>\n",
        1,
    );
    let r = inspect(&xml, &with_key("pub.pem"));
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    let f = finding(&r, "S13");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("<?xml-stylesheet"), "{}", f.message);
    assert!(f.message.contains("at 2:1"), "{}", f.message);
}

#[test]
fn time_rules_use_the_explicit_instant_and_skew() {
    let valid = fixture("valid.xml");
    let late = SamlOptions {
        at: at("2026-01-01T00:05:00Z"),
        ..with_key("pub.pem")
    };
    let r = inspect(&valid, &late);
    assert_eq!(errors(&r), ["S8", "S8"]);
    let f = finding(&r, "S8");
    assert!(f.message.contains("passed 2m before"), "{}", f.message);
    assert_eq!(
        (f.predicts.clone(), f.login_history.clone()),
        predicted("S8")
    );
    let lenient = SamlOptions {
        skew: 150,
        ..late.clone()
    };
    assert!(errors(&inspect(&valid, &lenient)).is_empty());
    let early = SamlOptions {
        at: at("2025-12-31T23:59:00Z"),
        ..late
    };
    let r = inspect(&valid, &early);
    assert_eq!(errors(&r), ["S8"]);
    assert!(finding(&r, "S8").message.contains("not valid yet"));
    // The edge: NotOnOrAfter itself is already too late.
    let edge = SamlOptions {
        at: at("2026-01-01T00:03:00Z"),
        ..with_key("pub.pem")
    };
    assert_eq!(errors(&inspect(&valid, &edge)), ["S8", "S8"]);
}

#[test]
fn expectations_from_options() {
    let valid = fixture("valid.xml");
    let o = SamlOptions {
        client_id: Some("3MVG9other".into()),
        username: Some("bob@example.com".into()),
        ..with_key("pub.pem")
    };
    let r = inspect(&valid, &o);
    assert_eq!(errors(&r), ["S3", "S4"]);
    let s3 = finding(&r, "S3");
    assert_eq!(
        (s3.predicts.clone(), s3.login_history.clone()),
        predicted("S3")
    );
    let o = SamlOptions {
        client_id: Some("3MVG9example.consumer.key".into()),
        username: Some("Alice@Example.com".into()),
        ..with_key("pub.pem")
    };
    let r = inspect(&valid, &o);
    assert!(errors(&r).is_empty());
    assert_eq!(finding(&r, "S4").severity, Severity::Warning);

    let o = SamlOptions {
        login_url: Some("https://test.salesforce.com/".into()),
        ..with_key("pub.pem")
    };
    let r = inspect(&valid, &o);
    assert_eq!(errors(&r), ["S6", "S7"]);
    assert!(
        finding(&r, "S6")
            .message
            .contains("https://test.salesforce.com/services/oauth2/token")
    );
    let o = SamlOptions {
        login_url: Some("https://login.salesforce.com".into()),
        ..with_key("pub.pem")
    };
    assert!(inspect(&valid, &o).findings.is_empty());
}

#[test]
fn forcing_the_other_profile_fails_s2() {
    let o = SamlOptions {
        profile: Some(SamlProfile::SamlAssertion),
        ..with_key("pub.pem")
    };
    let r = inspect(&fixture("valid.xml"), &o);
    assert_eq!(r.profile, SamlProfile::SamlAssertion);
    assert!(errors(&r).contains(&"S2"));
    let o = SamlOptions {
        profile: Some(SamlProfile::SamlBearer),
        ..with_key("pub.pem")
    };
    let r = inspect(&fixture("response.xml"), &o);
    assert!(finding(&r, "S2").message.contains("samlp:Response"));
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const BEARER_GRANT: &str = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer";

#[test]
fn encodings_are_peeled_and_judged_by_s1() {
    let valid = fixture("valid.xml");
    let o = with_key("pub.pem");
    let body = format!(
        "grant_type={BEARER_GRANT}&assertion={}",
        BASE64_URL_SAFE_NO_PAD.encode(&valid)
    );
    let r = inspect(&body, &o);
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(
        r.request.get("grant_type").map(String::as_str),
        Some("urn:ietf:params:oauth:grant-type:saml2-bearer")
    );

    let standard = BASE64_STANDARD.encode(&valid);
    assert!(standard.contains('+') || standard.contains('/'));
    let r = inspect(
        &format!(
            "grant_type={BEARER_GRANT}&assertion={}",
            url_encode(&standard)
        ),
        &o,
    );
    assert_eq!(errors(&r), ["S1"]);
    assert!(finding(&r, "S1").message.contains("standard base64"));

    let wrapped: Vec<String> = BASE64_URL_SAFE
        .encode(&valid)
        .as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    let r = inspect(&wrapped.join("\n"), &o);
    assert_eq!(finding(&r, "S1").severity, Severity::Warning);

    let r = inspect(&BASE64_STANDARD.encode(deflate(valid.as_bytes())), &o);
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(errors(&r).contains(&"S1"));
}

#[test]
fn response_arrives_as_a_binding_parameter_or_assertion_grant() {
    let response = fixture("response.xml");
    let o = with_key("pub.pem");
    let query = format!(
        "https://example.my.salesforce.com/?SAMLResponse={}&RelayState=x",
        url_encode(&BASE64_STANDARD.encode(deflate(response.as_bytes())))
    );
    let r = inspect(&query, &o);
    assert_eq!(r.profile, SamlProfile::SamlAssertion);
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);

    let body = format!(
        "grant_type=assertion&assertion={}",
        url_encode(&BASE64_STANDARD.encode(&response))
    );
    let r = inspect(&body, &o);
    assert_eq!(r.profile, SamlProfile::SamlAssertion);
    let f = finding(&r, "S2");
    assert!(
        f.message.contains("assertion_type is missing"),
        "{}",
        f.message
    );
    let body = format!(
        "{body}&assertion_type=urn%3Aoasis%3Anames%3Atc%3ASAML%3A2.0%3Aprofiles%3ASSO%3Abrowser&client_secret=hush"
    );
    let r = inspect(&body, &o);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(
        r.request.get("client_secret").map(String::as_str),
        Some("(redacted)")
    );
}

#[test]
fn json_has_the_issue_shape() {
    let r = inspect(&fixture("valid.xml"), &with_key("other-pub.pem"));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["kind"], "saml");
    assert_eq!(v["profile"], "saml-bearer");
    assert_eq!(v["signature"]["status"], "invalid");
    assert_eq!(
        v["signature"]["alg"],
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    );
    assert_eq!(v["signature"]["covers"]["id"], "_a1b2c3");
    let f = &v["findings"][0];
    assert_eq!(f["check"], "S9");
    assert_eq!(f["severity"], "error");
    assert!(f["message"].as_str().unwrap().contains("does not verify"));
    assert!(f.get("predicts").is_some());
    assert_eq!(v["assertion"]["name_id"]["value"], "alice@example.com");
}

#[test]
fn undecodable_input_is_one_clear_line() {
    let k = knowledge();
    let cases: [(&str, &str); 6] = [
        ("", "input is empty"),
        ("<a>", "XML is not well-formed"),
        (
            "<foo xmlns=\"urn:x\"/>",
            "the root element is foo (namespace urn:x)",
        ),
        (
            "not xml",
            "not XML and not base64: invalid character ' ' at position 3",
        ),
        ("assertion=%GG", "percent-escape"),
        (
            "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>",
            "expected a SAML 2.0",
        ),
    ];
    for (input, needle) in cases {
        let e = inspect_saml(input, &opts(), &k).unwrap_err();
        assert!(e.message.contains(needle), "{input:?}: {e}");
        assert!(!e.message.contains('\n'), "{input:?}: {e}");
    }
    let bad_key = SamlOptions {
        key: Some(b"junk".to_vec()),
        ..opts()
    };
    let e = inspect_saml(&fixture("valid.xml"), &bad_key, &k).unwrap_err();
    assert_eq!(e.kind, SamlErrorKind::Key);
}

#[test]
fn deep_nesting_inside_an_assertion_is_refused() {
    let deep = format!("{}{}", "<x>".repeat(300), "</x>".repeat(300));
    let xml = fixture("valid.xml").replace("integration", &deep);
    let e = inspect_saml(&xml, &opts(), &knowledge()).unwrap_err();
    assert!(e.message.contains("elements deep"), "{e}");
}

/// Severities of one check's findings after replacing `from` with `to` in valid.xml (which
/// breaks the digest too; only `check` is looked at).
fn severities_after(from: &str, to: &str, check: &str, o: &SamlOptions) -> Vec<Severity> {
    let xml = fixture("valid.xml");
    assert!(xml.contains(from), "{from}");
    let r = inspect(&xml.replace(from, to), o);
    r.findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.severity)
        .collect()
}

#[test]
fn audience_rules_for_the_bearer_grant() {
    let aud = "<saml2:Audience>https://login.salesforce.com</saml2:Audience>";
    let cases: [(&str, &[Severity]); 8] = [
        ("https://login.salesforce.com", &[]),
        ("https://test.salesforce.com", &[]),
        ("https://acme.my.salesforce.com", &[]),
        ("https://acme.my.site.com", &[]),
        ("https://login.salesforce.com/", &[Severity::Error]),
        (
            "https://login.salesforce.com/services/oauth2/token",
            &[Severity::Warning],
        ),
        ("https://idp.example.test", &[Severity::Error]),
        (" https://login.salesforce.com", &[Severity::Error]),
    ];
    for (value, expected) in cases {
        let to = format!("<saml2:Audience>{value}</saml2:Audience>");
        assert_eq!(
            severities_after(aud, &to, "S7", &opts()),
            expected,
            "{value}"
        );
    }
    let with_login = SamlOptions {
        login_url: Some("https://acme.my.salesforce.com".into()),
        ..opts()
    };
    let to = "<saml2:Audience>https://acme.my.salesforce.com</saml2:Audience>";
    assert!(severities_after(aud, to, "S7", &with_login).is_empty());
    assert_eq!(
        severities_after(aud, aud, "S7", &with_login),
        [Severity::Error]
    );
    let none = "<saml2:AudienceRestriction>\n      <saml2:Audience>https://login.salesforce.com</saml2:Audience>\n    </saml2:AudienceRestriction>";
    assert_eq!(severities_after(none, "", "S7", &opts()), [Severity::Error]);
}

#[test]
fn recipient_and_confirmation_rules() {
    let rec = "Recipient=\"https://login.salesforce.com/services/oauth2/token\"";
    let cases: [(&str, &[Severity]); 5] = [
        (
            "Recipient=\"https://acme.my.salesforce.com/services/oauth2/token\"",
            &[],
        ),
        (
            "Recipient=\"https://login.salesforce.com/services/oauth2/token/\"",
            &[Severity::Error],
        ),
        (
            "Recipient=\"https://login.salesforce.com\"",
            &[Severity::Error],
        ),
        (
            "Recipient=\"http://login.salesforce.com/services/oauth2/token\"",
            &[Severity::Error],
        ),
        (
            "Recipient=\"https://sso.example.com/services/oauth2/token\"",
            &[Severity::Warning],
        ),
    ];
    for (to, expected) in cases {
        assert_eq!(severities_after(rec, to, "S6", &opts()), expected, "{to}");
    }
    assert_eq!(severities_after(rec, "", "S6", &opts()), [Severity::Error]);
    let method = "Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"";
    let hok = "Method=\"urn:oasis:names:tc:SAML:2.0:cm:holder-of-key\"";
    assert_eq!(
        severities_after(method, hok, "S5", &opts()),
        [Severity::Error]
    );
    let nooa = "NotOnOrAfter=\"2026-01-01T00:03:00Z\" Recipient";
    assert_eq!(
        severities_after(nooa, "Recipient", "S8", &opts()),
        [Severity::Error]
    );
    let bad_time = "NotOnOrAfter=\"2026-01-01T00:03:00Z\" Recipient";
    let r = severities_after(
        bad_time,
        "NotOnOrAfter=\"tomorrow\" Recipient",
        "S8",
        &opts(),
    );
    assert_eq!(r, [Severity::Error]);
    let long = "<saml2:Conditions NotBefore=\"2026-01-01T00:00:00Z\" NotOnOrAfter=\"2026-01-01T00:03:00Z\">";
    let long_to = "<saml2:Conditions NotBefore=\"2026-01-01T00:00:00Z\" NotOnOrAfter=\"2026-01-01T01:00:00Z\">";
    // The subject confirmation still ends at 00:03, so the window stays short.
    assert!(severities_after(long, long_to, "S8", &opts()).is_empty());
}

#[test]
fn name_id_and_issuer_shapes() {
    let name = ">alice@example.com<";
    assert_eq!(
        severities_after(name, ">alice<", "S4", &opts()),
        [Severity::Warning]
    );
    assert_eq!(
        severities_after(name, "><", "S4", &opts()),
        [Severity::Error]
    );
    let issuer = ">3MVG9example.consumer.key<";
    assert_eq!(
        severities_after(issuer, ">https://idp.example.test<", "S3", &opts()),
        [Severity::Warning]
    );
    let whole = "<saml2:Issuer>3MVG9example.consumer.key</saml2:Issuer>";
    assert_eq!(
        severities_after(whole, "", "S3", &opts()),
        [Severity::Error]
    );
    let split = "<saml2:Issuer>3MVG9example<?x?>.consumer.key</saml2:Issuer>";
    assert_eq!(
        severities_after(whole, split, "S12", &opts()),
        [Severity::Error]
    );
    assert_eq!(
        severities_after(whole, split, "S13", &opts()),
        [Severity::Error]
    );
}

/// Large documents shaped to make naive code quadratic: they must finish (the suite's run time
/// shows it) and findings must stay few.
#[test]
fn adversarial_shapes_stay_bounded() {
    let k = knowledge();
    let open = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" \
                xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_r\" Version=\"2.0\">";
    let close = "</samlp:Response>";
    let many = |piece: &str, n: usize| format!("{open}{}{close}", piece.repeat(n));

    let r = inspect_saml(&many("<saml2:Assertion ID=\"_x\"/>", 30_000), &opts(), &k).unwrap();
    let s14: Vec<&Finding> = r.findings.iter().filter(|f| f.check == "S14").collect();
    assert_eq!(s14.len(), 2, "{s14:#?}");
    assert!(s14[0].message.contains("30000 Assertion elements"));
    assert!(s14[1].message.contains("ID \"_x\" is on 30000 elements"));

    let ids: String = (0..20_000)
        .map(|i| format!("<a ID=\"{}\"/><a ID=\"{}\"/>", i, i))
        .collect();
    let r = inspect_saml(&format!("{open}{ids}{close}"), &opts(), &k).unwrap();
    let s14: Vec<&Finding> = r.findings.iter().filter(|f| f.check == "S14").collect();
    assert!(s14.len() <= 8, "{}", s14.len());
    assert!(s14.last().unwrap().message.contains("19995 more ID values"));

    let r = inspect_saml(&many("<?pi x?>", 50_000), &opts(), &k).unwrap();
    assert_eq!(r.findings.iter().filter(|f| f.check == "S13").count(), 6);

    let attrs = "<saml2:Attribute Name=\"a\">".to_string()
        + &"<saml2:AttributeValue>x<!---->y</saml2:AttributeValue>".repeat(18_000)
        + "</saml2:Attribute>";
    let xml = fixture("valid.xml").replace(
        "<saml2:AttributeStatement>",
        &format!("<saml2:AttributeStatement>{attrs}"),
    );
    let r = inspect_saml(&xml, &opts(), &k).unwrap();
    assert_eq!(r.findings.iter().filter(|f| f.check == "S12").count(), 6);

    let sig = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>";
    let e = inspect_saml(&many(sig, 9), &opts(), &k).unwrap_err();
    assert!(e.message.contains("9 ds:Signature elements"), "{e}");

    let reference = "<ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>";
    let sig = format!(
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>{}</ds:SignedInfo></ds:Signature>",
        reference.repeat(5)
    );
    let xml = fixture("unsigned.xml").replace("</saml2:Issuer>", &format!("</saml2:Issuer>{sig}"));
    let r = inspect_saml(&xml, &opts(), &k).unwrap();
    assert_eq!(r.signature.status, SignatureStatus::Invalid);
    assert!(
        r.signature.detail.contains("5 References"),
        "{}",
        r.signature.detail
    );

    let decls: String = (0..200)
        .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
        .collect();
    let body = "<p1:x p2:a=\"1\"><y/></p1:x>".repeat(40_000);
    let xml = format!(
        "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\"{decls} ID=\"_a\" Version=\"2.0\">{body}</saml2:Assertion>"
    );
    assert!(xml.len() < 1024 * 1024);
    let r = inspect_saml(&xml, &opts(), &k).unwrap();
    assert_eq!(r.signature.status, SignatureStatus::NotChecked);
    let lines = sfauth::saml::view::xml_lines(&r.xml, r.signed_region());
    assert_eq!(lines.len(), 1 + 3 * 40_000 + 1);
}

#[test]
fn rows_show_every_decoded_field_with_relative_times() {
    let r = inspect(&fixture("response.xml"), &with_key("cert.pem"));
    let rows = r.rows(at("2026-01-01T00:01:00Z"));
    let get = |label: &str| {
        rows.iter()
            .find(|row| row.label == label)
            .unwrap_or_else(|| panic!("no {label} row in {rows:#?}"))
    };
    assert_eq!(get("NameID").value, "alice@example.com");
    assert_eq!(
        get("Status").value,
        "urn:oasis:names:tc:SAML:2.0:status:Success"
    );
    assert_eq!(
        get("Destination").value,
        "https://example.my.salesforce.com/services/oauth2/token"
    );
    assert_eq!(
        get("Conditions NotOnOrAfter").note.as_deref(),
        Some("expires in 2m")
    );
    assert_eq!(get("Signature").value, "valid");
    assert_eq!(get("Signature algorithm").value, "RSA-SHA256");
    assert!(get("Reference").value.contains("digest matches"));
    assert!(
        get("KeyInfo certificate")
            .value
            .contains("sfauth test signer")
    );
    assert_eq!(get("Attribute role").value, "integration");
}
