//! Signature parsing, reference resolution and RSA verification on the signed fixtures.

use super::*;
use crate::saml::fixtures::{bytes as fixture, text};
use crate::saml::keys::load_key;

/// The signature that is a child of `parent_local` (Assertion or Response).
fn signature_in<'a, 'i>(doc: &'a roxmltree::Document<'i>, parent_local: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| {
            is(*n, DSIG_NS, "Signature")
                && n.parent_element().unwrap().tag_name().name() == parent_local
        })
        .unwrap()
}

/// Runs `check` on the parsed `ds:Signature` that is a child of `parent` in fixture `file`.
fn on_signature(
    file: &str,
    parent: &str,
    check: impl FnOnce(&roxmltree::Document<'_>, &ParsedSignature<'_, '_>),
) {
    let xml = text(file);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    check(&doc, &parse(signature_in(&doc, parent)));
}

fn assert_golden(file: &str, parent: &str, golden: &str) {
    on_signature(file, parent, |doc, sig| {
        let reference = &sig.references[0];
        let target = resolve(doc, reference.uri.as_deref()).unwrap();
        let method = reference.canonicalization().unwrap();
        let predigest = c14n::canonicalize(target.node(), Some(sig.node.id()), method);
        let expected = fixture(&format!("golden/{golden}.predigest.c14n"));
        assert_eq!(
            String::from_utf8_lossy(&predigest),
            String::from_utf8_lossy(&expected),
            "{file}: reference c14n"
        );
        let signed_info = canonical_signed_info(sig).unwrap();
        let expected = fixture(&format!("golden/{golden}.signedinfo.c14n"));
        assert_eq!(
            String::from_utf8_lossy(&signed_info),
            String::from_utf8_lossy(&expected),
            "{file}: SignedInfo c14n"
        );
        let check = check_reference(doc, sig.node.id(), reference);
        assert_eq!(check.matches, Ok(true), "{file}: digest");
        let key = load_key(&fixture("pub.pem")).unwrap();
        assert_eq!(verify_signature_value(sig, &key.key), Ok(true), "{file}");
        let other = load_key(&fixture("other-pub.pem")).unwrap();
        assert_eq!(verify_signature_value(sig, &other.key), Ok(false), "{file}");
    });
}

#[test]
fn canonical_forms_match_xmlsec1_byte_for_byte() {
    assert_golden("valid.xml", "Assertion", "valid");
    assert_golden("prefixlist.xml", "Assertion", "prefixlist");
    assert_golden("response.xml", "Assertion", "response");
    assert_golden(
        "response-both-signed.xml",
        "Response",
        "response-both-outer",
    );
}

#[test]
fn prefix_lists_are_read_from_both_places() {
    on_signature("prefixlist.xml", "Assertion", |_, sig| {
        assert_eq!(sig.c14n_prefixes, ["xs", "saml2"]);
        assert_eq!(sig.references[0].transforms[1].prefixes, ["xs"]);
        assert_eq!(sig.certificates.len(), 1);
    });
}

#[test]
fn tampered_digest_differs_and_sha1_still_verifies() {
    for (file, digest_matches) in [("tampered.xml", false), ("sha1.xml", true)] {
        on_signature(file, "Assertion", |doc, sig| {
            let check = check_reference(doc, sig.node.id(), &sig.references[0]);
            assert_eq!(check.matches, Ok(digest_matches), "{file}");
        });
    }
    on_signature("sha1.xml", "Assertion", |_, sig| {
        let key = load_key(&fixture("cert.pem")).unwrap();
        assert_eq!(verify_signature_value(sig, &key.key), Ok(true));
        assert_eq!(
            signature_alg_name(sig.signature_method.as_deref().unwrap()),
            "RSA-SHA1"
        );
    });
}

#[test]
fn references_resolve_only_inside_the_document() {
    let doc = roxmltree::Document::parse(r#"<r ID="a"><s ID="b"/><t ID="b"/></r>"#).unwrap();
    assert!(matches!(resolve(&doc, Some("")), Ok(Target::Document(_))));
    assert!(matches!(resolve(&doc, Some("#a")), Ok(Target::Element(_))));
    assert!(
        resolve(&doc, Some("#b"))
            .unwrap_err()
            .contains("on 2 elements")
    );
    assert!(
        resolve(&doc, Some("#zz"))
            .unwrap_err()
            .contains("no element")
    );
    assert!(
        resolve(&doc, Some("http://evil/x"))
            .unwrap_err()
            .contains("nothing is fetched")
    );
    assert!(resolve(&doc, None).is_err());
}
