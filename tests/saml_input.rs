#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SAML inspector's input: the encodings it peels (base64, deflate, form and binding
//! parameters), input it cannot decode, and hostile shapes that must stay bounded.

mod saml_support;

use base64::prelude::*;
use saml_support::{errors, finding, fixture, inspect, knowledge, opts, with_key};
use sfauth::model::Severity;
use sfauth::saml::{
    Finding, SamlErrorKind, SamlOptions, SamlProfile, SignatureStatus, inspect_saml,
};
use sfauth::try_flow::http::query_encode;
use std::io::Write;

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// The SAML bearer grant's token request body carrying `assertion` (already form-safe).
fn bearer_grant_body(assertion: &str) -> String {
    format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion={assertion}"
    )
}

#[test]
fn encodings_are_peeled_and_judged_by_s1() {
    let valid = fixture("valid.xml");
    let o = with_key("pub.pem");
    let r = inspect(
        &bearer_grant_body(&BASE64_URL_SAFE_NO_PAD.encode(&valid)),
        &o,
    );
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(
        r.request.get("grant_type").map(String::as_str),
        Some("urn:ietf:params:oauth:grant-type:saml2-bearer")
    );

    let standard = BASE64_STANDARD.encode(&valid);
    assert!(standard.contains('+') || standard.contains('/'));
    let r = inspect(&bearer_grant_body(&query_encode(&standard)), &o);
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
        query_encode(&BASE64_STANDARD.encode(deflate(response.as_bytes())))
    );
    let r = inspect(&query, &o);
    assert_eq!(r.profile, SamlProfile::SamlAssertion);
    assert_eq!(r.signature.status, SignatureStatus::Valid);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);

    let body = format!(
        "grant_type=assertion&assertion={}",
        query_encode(&BASE64_STANDARD.encode(&response))
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
