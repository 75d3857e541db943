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
