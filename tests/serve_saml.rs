//! The SAML bearer grant of `sfauth serve`: signed assertions succeed, and every SAML bearer
//! check that predicts an error is the server's answer for an assertion failing that check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_support;

use base64::prelude::*;
use serve_support::saml::SamlParts;
use serve_support::*;
use sfauth::model::CheckProfile;

const SAML_GRANT: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";
const OTHER_KEY: &[u8] = include_bytes!("fixtures/saml/other-key.pem");

fn grant(s: &Server, assertion: &str, client_id: Option<&str>) -> Reply {
    let mut form = vec![("grant_type", SAML_GRANT), ("assertion", assertion)];
    if let Some(c) = client_id {
        form.push(("client_id", c));
    }
    s.token(&form)
}

#[test]
fn a_signed_assertion_from_the_app_or_an_identity_provider_gets_a_token() {
    let s = start();
    let r = grant(&s, &SamlParts::new(&s.url, KEY, USER).encoded(), None);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["access_token"].is_string());
    assert!(r.json().get("refresh_token").is_none());
    let idp = SamlParts::new(&s.url, "https://idp.demo.sfauth.local", USER).encoded();
    let r = grant(&s, &idp, Some(KEY));
    assert_eq!(r.status, 200, "{}", r.body);
}

/// An assertion (and client_id) failing only `check`.
fn failing(s: &Server, check: &str) -> (String, Option<&'static str>) {
    let mut p = SamlParts::new(&s.url, KEY, USER);
    match check {
        "S1" => return (p.signed(), None),
        "S2" => {
            let response = format!(
                "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\"><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>{}</samlp:Response>",
                p.signed()
            );
            return (BASE64_URL_SAFE_NO_PAD.encode(response), None);
        }
        "S3" => {
            p.issuer = "someone-else".into();
            return (p.encoded(), Some(KEY));
        }
        "S4" => p.name_id = None,
        "S5" => p.method = "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key".into(),
        "S6" => p.recipient = "https://login.salesforce.com/services/oauth2/token".into(),
        "S7" => p.audience = "https://elsewhere.example".into(),
        "S8" => {
            p.not_on_or_after = (chrono::Utc::now() - chrono::Duration::seconds(600))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
        }
        "S9" => p.key_pem = OTHER_KEY.to_vec(),
        "S10" => {
            p.reference = Some("_elsewhere".into());
            p.inside = "<saml2:Advice ID=\"_elsewhere\"/>".into();
        }
        "S11" => {
            // The classic wrapping: an unsigned outer Assertion carrying the signed one.
            let inner = p.signed();
            let mut outer = SamlParts::new(&s.url, KEY, USER);
            outer.inside = format!("<saml2:Advice>{inner}</saml2:Advice>");
            let text = outer.signed();
            let start = text.find("<ds:Signature").unwrap();
            let end = text.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
            let xml = format!("{}{}", &text[..start], &text[end..]).replacen(
                "ID=\"_sfauth1\"",
                "ID=\"_evil\"",
                1,
            );
            return (BASE64_URL_SAFE_NO_PAD.encode(xml), None);
        }
        "S13" => p.after = "<?evil instruction?>".into(),
        "S14" => {
            p.inside = "<saml2:Advice><saml2:Assertion ID=\"_second\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\"><saml2:Issuer>x</saml2:Issuer></saml2:Assertion></saml2:Advice>".into();
        }
        other => panic!("{other} predicts an error but this walk has no assertion for it: add one"),
    }
    (p.encoded(), None)
}

#[test]
fn every_predicting_saml_bearer_check_is_the_servers_answer() {
    let s = start();
    let checks = s.predicting_checks(CheckProfile::SamlBearer);
    assert!(checks.len() >= 10, "{}", checks.len());
    let mut wrong = Vec::new();
    for check in checks {
        let (assertion, client_id) = failing(&s, &check.id);
        let r = grant(&s, &assertion, client_id);
        let predicted = s.k.error(check.predicts.as_deref().unwrap()).unwrap();
        let line = s.last_log();
        let decided = line.contains(&format!("by={}:", check.id));
        if r.status != 400 || r.json()["error"] != predicted.error.as_str() || !decided {
            wrong.push(format!("{}: {} {} / {line}", check.id, r.status, r.body));
            continue;
        }
        s.assert_oauth_error(&r, &[&predicted.id]);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
