#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SAML inspector against vectors xmlsec1 made (tests/fixtures/saml/make.sh): signature
//! verdicts, document shapes, time rules, expectations and the report's shapes. xmlsec1 is not
//! needed here: its verdicts are recorded in xmlsec1-verdicts.txt.

mod saml_support;

use saml_support::{at, errors, finding, fixture, inspect, knowledge, opts, predicted, with_key};
use sfauth::model::Severity;
use sfauth::saml::{
    SamlErrorKind, SamlOptions, SamlProfile, SamlReport, SignatureStatus, inspect_saml,
};

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
