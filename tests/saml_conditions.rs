#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SAML inspector's rules on the assertion's subject and conditions: the audience of the
//! bearer grant, the recipient and subject confirmation, and the shapes of NameID and Issuer.

mod saml_support;

use saml_support::{fixture, inspect, opts};
use sfauth::model::Severity;
use sfauth::saml::SamlOptions;

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

/// Each edit of valid.xml (from, to, the check looked at) gives these severities, with the
/// default options.
fn assert_edits(edits: &[(&str, &str, &str, &[Severity])]) {
    for (from, to, check, expected) in edits {
        assert_eq!(
            severities_after(from, to, check, &opts()),
            *expected,
            "{check} after {from:?} -> {to:?}"
        );
    }
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
    let nooa = "NotOnOrAfter=\"2026-01-01T00:03:00Z\" Recipient";
    assert_edits(&[
        (rec, "", "S6", &[Severity::Error]),
        (
            "Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"",
            "Method=\"urn:oasis:names:tc:SAML:2.0:cm:holder-of-key\"",
            "S5",
            &[Severity::Error],
        ),
        (nooa, "Recipient", "S8", &[Severity::Error]),
        (
            nooa,
            "NotOnOrAfter=\"tomorrow\" Recipient",
            "S8",
            &[Severity::Error],
        ),
        // The subject confirmation still ends at 00:03, so the window stays short.
        (
            "<saml2:Conditions NotBefore=\"2026-01-01T00:00:00Z\" NotOnOrAfter=\"2026-01-01T00:03:00Z\">",
            "<saml2:Conditions NotBefore=\"2026-01-01T00:00:00Z\" NotOnOrAfter=\"2026-01-01T01:00:00Z\">",
            "S8",
            &[],
        ),
    ]);
}

#[test]
fn name_id_and_issuer_shapes() {
    let name = ">alice@example.com<";
    let issuer = ">3MVG9example.consumer.key<";
    let whole = "<saml2:Issuer>3MVG9example.consumer.key</saml2:Issuer>";
    let split = "<saml2:Issuer>3MVG9example<?x?>.consumer.key</saml2:Issuer>";
    assert_edits(&[
        (name, ">alice<", "S4", &[Severity::Warning]),
        (name, "><", "S4", &[Severity::Error]),
        (
            issuer,
            ">https://idp.example.test<",
            "S3",
            &[Severity::Warning],
        ),
        (whole, "", "S3", &[Severity::Error]),
        (whole, split, "S12", &[Severity::Error]),
        (whole, split, "S13", &[Severity::Error]),
    ]);
}
