#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Canonical forms byte for byte against what xmlsec1 digested and signed (committed by
//! tests/fixtures/adversarial/saml/make.sh): inclusive c14n 1.0 with and without comments, as
//! a Transform, as the SignedInfo method and as the implied conversion after a lone
//! enveloped-signature transform.

use sfauth::saml::{c14n, dsig};

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";

fn read(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/adversarial/saml/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What xmlsec1 canonicalized for fixture `name`: `predigest` (the Reference) or `signedinfo`.
fn golden(name: &str, form: &str) -> String {
    String::from_utf8_lossy(&read(&format!("golden/{name}.{form}.c14n"))).into_owned()
}

/// Checks the signature that is a child of the element named `parent` (local name).
fn assert_golden(name: &str, parent: &str) {
    let xml = String::from_utf8(read(&format!("{name}.xml"))).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let node = doc
        .descendants()
        .find(|n| {
            n.has_tag_name((DS, "Signature"))
                && n.parent_element().unwrap().tag_name().name() == parent
        })
        .unwrap();
    let sig = dsig::parse(node);
    let reference = &sig.references[0];
    let target = dsig::resolve(&doc, reference.uri.as_deref()).unwrap();
    let method = reference.canonicalization().unwrap();
    let omit = reference.enveloped().then_some(node.id());
    let predigest = c14n::canonicalize(target.node(), omit, method);
    assert_eq!(
        String::from_utf8_lossy(&predigest),
        golden(name, "predigest"),
        "{name}: Reference c14n"
    );
    let signed_info = dsig::canonical_signed_info(&sig).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&signed_info),
        golden(name, "signedinfo"),
        "{name}: SignedInfo c14n"
    );
}

#[test]
fn inclusive_c14n_matches_xmlsec1_byte_for_byte() {
    for name in [
        "legit-incl-transform",
        "legit-incl-signedinfo",
        "legit-incl-both",
        "legit-enveloped-only",
    ] {
        assert_golden(name, "Assertion");
    }
    for name in ["legit-response-incl", "legit-response-enveloped-only"] {
        assert_golden(name, "Response");
    }
}

#[test]
fn inclusive_c14n_of_a_subset_takes_inherited_namespaces_and_xml_attributes() {
    assert_golden("legit-incl-ns-context", "Assertion");
    let golden = read("golden/legit-incl-ns-context.predigest.c14n");
    let head = String::from_utf8_lossy(&golden[..400]);
    assert!(head.contains("xmlns:ext=\"urn:example:ext\""), "{head}");
    assert!(head.contains("xml:lang=\"en\""), "{head}");
}

#[test]
fn with_comments_keeps_them_in_signed_info_only() {
    for name in [
        "legit-incl-comments-signedinfo",
        "legit-exc-comments-signedinfo",
    ] {
        assert_golden(name, "Assertion");
        assert!(golden(name, "signedinfo").contains("<!--"), "{name}");
    }
    // A #ID Reference removes comments before its transforms (XMLDSig 4.3.3.3).
    for name in [
        "legit-incl-comments-transform",
        "legit-exc-comments-transform",
    ] {
        assert_golden(name, "Assertion");
        assert!(!golden(name, "predigest").contains("<!--"), "{name}");
        let xml = String::from_utf8(read(&format!("{name}.xml"))).unwrap();
        assert!(xml.contains("<!--"), "{name}: the document has a comment");
    }
}
