#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Mutated and random input never panics the SAML inspector, and canonical output is stable.

use base64::prelude::*;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use sfauth::model::Knowledge;
use sfauth::saml::{SamlOptions, c14n, inspect_saml};
use std::sync::OnceLock;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/saml/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        [
            "valid.xml",
            "response-both-signed.xml",
            "wrapped.xml",
            "prefixlist.xml",
        ]
        .iter()
        .map(|f| fixture(f))
        .collect()
    })
}

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().unwrap_or_default())
}

fn opts() -> SamlOptions {
    let at = DateTime::parse_from_rfc3339("2026-01-01T00:01:00Z")
        .unwrap()
        .with_timezone(&Utc);
    SamlOptions {
        key: Some(fixture("pub.pem").into_bytes()),
        login_url: Some("https://login.salesforce.com".into()),
        ..SamlOptions::at(at)
    }
}

/// Fragments that stress XML and XML-DSig handling.
const PIECES: &[&str] = &[
    "<",
    ">",
    "&",
    "\"",
    "'",
    "<!--",
    "-->",
    "<?",
    "?>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#x0;",
    "&#xD;",
    "\r\n",
    "xmlns=\"\"",
    "xmlns:ds=\"urn:x\"",
    "ID=\"_a1b2c3\"",
    "</saml2:Assertion>",
    "<saml2:Assertion>",
    "<ds:Signature/>",
    "<!DOCTYPE x>",
    "\u{feff}",
    "é",
    "\t",
];

/// Well-formed fragments, inserted right after a tag so the document usually still parses.
const FRAGMENTS: &[&str] = &[
    "<!--x-->",
    "<?pi data?>",
    "text",
    "&amp;&lt;&#x41;",
    "<x/>",
    "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a1b2c3\"/>",
    "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo/></ds:Signature>",
    "<p:y xmlns:p=\"urn:p\" p:a=\"1\" xmlns=\"urn:d\"><z xmlns=\"\"/></p:y>",
    "<![CDATA[<c>]]>",
    "\r\n\t ",
];

#[derive(Debug, Clone)]
enum Mutation {
    AfterTag(usize, &'static str),
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), proptest::sample::select(FRAGMENTS))
            .prop_map(|(n, f)| Mutation::AfterTag(n, f)),
        1 => (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Delete(at, len)),
        1 => (
            any::<usize>(),
            prop_oneof![
                proptest::sample::select(PIECES).prop_map(str::to_string),
                "[ -~]{1,12}",
            ]
        )
            .prop_map(|(at, s)| Mutation::Insert(at, s)),
        1 => (any::<usize>(), 1usize..400, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate(from, len, to)),
    ]
}

/// Nearest char boundary at or below `i % (len + 1)`.
fn boundary(s: &str, i: usize) -> usize {
    let mut i = i % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, m: &Mutation) -> String {
    match m {
        Mutation::AfterTag(n, fragment) => {
            let ends: Vec<usize> = s.match_indices('>').map(|(i, _)| i + 1).collect();
            if let Some(at) = ends.get(n % ends.len().max(1)) {
                s.insert_str(*at, fragment);
            }
        }
        Mutation::Delete(at, len) => {
            let a = boundary(&s, *at);
            let b = boundary(&s, a.saturating_add(*len).min(s.len()));
            s.replace_range(a..b.max(a), "");
        }
        Mutation::Insert(at, text) => {
            let a = boundary(&s, *at);
            s.insert_str(a, text);
        }
        Mutation::Duplicate(from, len, to) => {
            let a = boundary(&s, *from);
            let b = boundary(&s, a.saturating_add(*len).min(s.len())).max(a);
            let piece = s[a..b].to_string();
            let t = boundary(&s, *to);
            s.insert_str(t, &piece);
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn mutated_documents_never_panic(
        seed in 0usize..4,
        mutations in proptest::collection::vec(mutation(), 1..5),
        encode in any::<bool>(),
    ) {
        let mut xml = seeds()[seed].clone();
        for m in &mutations {
            xml = apply(xml, m);
        }
        let input = if encode { BASE64_URL_SAFE_NO_PAD.encode(&xml) } else { xml };
        match inspect_saml(&input, &opts(), knowledge()) {
            Ok(r) => {
                let json = serde_json::to_string(&r).unwrap();
                prop_assert!(json.starts_with(r#"{"kind":"saml""#), "{}", json);
                prop_assert!(r.exit_code() <= 1);
            }
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert!(!e.message.contains('\n'), "{}", e.message);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        if let Err(e) = inspect_saml(&text, &opts(), knowledge()) {
            prop_assert!(!e.message.contains('\n'), "{}", e.message);
        }
    }

    #[test]
    fn arbitrary_bytes_as_base64_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = inspect_saml(&BASE64_STANDARD.encode(&bytes), &opts(), knowledge());
    }

    #[test]
    fn canonical_form_is_a_fixed_point(
        seed in 0usize..4,
        mutations in proptest::collection::vec(mutation(), 0..3),
    ) {
        let mut xml = seeds()[seed].clone();
        for m in &mutations {
            xml = apply(xml, m);
        }
        let Ok(doc) = roxmltree::Document::parse(&xml) else {
            return Ok(());
        };
        let once = c14n::exclusive(doc.root_element(), None, &[]);
        let once_text = String::from_utf8(once.clone()).unwrap();
        let again_doc = roxmltree::Document::parse(&once_text).unwrap();
        let twice = c14n::exclusive(again_doc.root_element(), None, &[]);
        prop_assert_eq!(once, twice);
    }
}

/// Signed documents: the xmlsec1-made fixtures and a few from the hostile corpus (inclusive
/// c14n, a signed Response).
fn signed_seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let corpus = |name: &str| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/adversarial/saml/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        vec![
            fixture("valid.xml"),
            fixture("prefixlist.xml"),
            fixture("response.xml"),
            fixture("response-both-signed.xml"),
            corpus("legit-incl-both.xml"),
            corpus("legit-incl-ns-context.xml"),
            corpus("legit-response-only-signed.xml"),
            corpus("legit-incl-comments-signedinfo.xml"),
        ]
    })
}

/// Byte offsets whose content canonicalization keeps, inside what some Reference signs (its
/// target, less the enveloped Signature apart from its SignedInfo) or inside a SignedInfo:
/// text, element and attribute names, attribute values. Namespace declarations, whitespace
/// inside tags and quote style are left out: canonical forms do not keep them as written.
fn signed_positions(xml: &str) -> Vec<usize> {
    const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut out = Vec::new();
    let mut add = |n: roxmltree::Node<'_, '_>| {
        if n.is_text() {
            out.extend(n.range());
        } else if n.is_element() {
            let name = sfauth::saml::xml::qname(n);
            out.extend(n.range().start + 1..n.range().start + 1 + name.len());
            for a in n.attributes() {
                out.extend(a.range_qname());
                out.extend(a.range_value());
            }
        }
    };
    for sig in doc
        .descendants()
        .filter(|n| n.has_tag_name((DS, "Signature")))
    {
        let signed_info = sig
            .children()
            .find(|n| n.has_tag_name((DS, "SignedInfo")))
            .unwrap();
        signed_info.descendants().for_each(&mut add);
        let uri = signed_info
            .descendants()
            .find(|n| n.has_tag_name((DS, "Reference")))
            .and_then(|r| r.attribute("URI"))
            .unwrap();
        let target = match uri.strip_prefix('#') {
            Some(id) => doc
                .descendants()
                .find(|n| n.attribute("ID") == Some(id))
                .unwrap(),
            None => doc.root_element(),
        };
        target
            .descendants()
            .filter(|n| !n.ancestors().any(|a| a == sig))
            .for_each(&mut add);
    }
    out.retain(|&i| xml.as_bytes()[i].is_ascii());
    out.sort_unstable();
    out.dedup();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Changing any signed byte (to any other printable, non-space character) never leaves a
    /// `valid` verdict.
    #[test]
    fn a_changed_signed_byte_is_never_valid(
        seed in 0usize..8,
        at in any::<usize>(),
        shift in 1u8..94,
    ) {
        let xml = &signed_seeds()[seed];
        let positions = signed_positions(xml);
        let i = positions[at % positions.len()];
        let old = xml.as_bytes()[i];
        let mut bytes = xml.clone().into_bytes();
        let new = (old.wrapping_sub(b'!').wrapping_add(shift) % 94) + b'!';
        prop_assume!(new != old);
        bytes[i] = new;
        let changed = String::from_utf8(bytes).unwrap();
        if let Ok(r) = inspect_saml(&changed, &opts(), knowledge()) {
            prop_assert_ne!(
                r.signature.status,
                sfauth::saml::SignatureStatus::Valid,
                "byte {} {:?} -> {:?}: {}",
                i,
                old as char,
                new as char,
                r.signature.detail
            );
        }
    }
}
