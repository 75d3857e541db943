//! The SAML inspector: decodes a SAML bearer Assertion or an IdP Response however it was
//! pasted, verifies its XML signature, and judges it by Salesforce's SAML rules (S1–S10) and
//! the attack checks (S11 wrapping, S12 split text, S13 DTDs and processing instructions, S14
//! several assertions or duplicate IDs).
//!
//! [`inspect_saml`] is the entry point. Input is bounded (1 MB, nesting depth, namespace
//! declarations), no entity is ever expanded and nothing is ever fetched.

mod binary_layers;
pub mod c14n;
mod checks;
pub mod dsig;
mod error;
pub mod fields;
mod input;
pub mod keys;
mod report;
mod rows;
mod verify;
pub mod view;
pub mod xml;

/// The xmlsec1-made vectors in tests/fixtures/saml, for unit tests anywhere in the crate.
#[cfg(test)]
pub(crate) mod fixtures {
    pub fn bytes(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/saml/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub fn text(name: &str) -> String {
        String::from_utf8(bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

pub use error::{SamlError, SamlErrorKind};
pub use input::{Base64Alphabet, Decoded, Layer, MAX_INPUT_BYTES, decode, looks_like_saml};
pub use report::{
    DigestOutcome, ElementRef, Finding, Level, RawFinding, ReferenceReport, SamlProfile,
    SamlReport, SignatureReport, SignatureStatus,
};
pub use rows::DecodedField;

use crate::model::Knowledge;
use chrono::{DateTime, Utc};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, HashMap};
use verify::{Evaluated, element_ref};
use xml::{SAML_NS, SAMLP_NS};

const BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";

/// Each signature's references are canonicalized separately, so their number bounds the
/// work per byte; SAML messages carry one or two.
const MAX_SIGNATURES: usize = 8;

/// What the caller knows and expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlOptions {
    /// `None`: chosen from the grant_type, the form parameter and the root element.
    pub profile: Option<SamlProfile>,
    /// Expected Issuer: the consumer key (bearer) or the IdP Entity ID (assertion flow).
    pub client_id: Option<String>,
    /// Expected NameID.
    pub username: Option<String>,
    /// The login, test, My Domain or site URL being called.
    pub login_url: Option<String>,
    /// The instant every time rule is evaluated at.
    pub at: DateTime<Utc>,
    /// Leeway in seconds for time rules; 0 means none.
    pub skew: u64,
    /// `--key` bytes: PEM public key, PEM or DER certificate.
    pub key: Option<Vec<u8>>,
}

impl SamlOptions {
    /// No expectations, no key, evaluated at `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        SamlOptions {
            profile: None,
            client_id: None,
            username: None,
            login_url: None,
            at,
            skew: 0,
            key: None,
        }
    }
}

/// Decodes, verifies and checks one SAML message. `Err` means it cannot be inspected at all
/// (exit 2): every problem with a document that parses is a finding instead.
pub fn inspect_saml(
    text: &str,
    opts: &SamlOptions,
    k: &Knowledge,
) -> Result<SamlReport, SamlError> {
    let decoded = input::decode(text)?;
    let key = opts.key.as_deref().map(keys::load_key).transpose()?;
    let doc = xml::parse(&decoded.xml)?;
    let (root, root_is_assertion) = saml_root(&doc)?;
    let params = request_params(&decoded);
    let profile = opts
        .profile
        .unwrap_or_else(|| auto_profile(&params, &decoded.layers, root_is_assertion));
    bound_signatures(&doc)?;
    let signatures = verify::evaluate_all(&doc, key.as_ref());
    let assertions: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| xml::is(*n, SAML_NS, "Assertion"))
        .collect();
    let reading = Reading::of(root, root_is_assertion, &assertions, &signatures);
    let assertion = reading.used.map(|n| {
        let mut a = fields::assertion(n);
        a.covered = signatures.iter().any(|s| s.covers(n));
        a.signed = signatures.iter().any(|s| s.vouches_for(n));
        a
    });
    let response = (!root_is_assertion).then(|| {
        let mut r = fields::response(root);
        r.signed = signatures.iter().any(|s| s.vouches_for(root));
        r
    });
    let deciding = deciding_signature(&signatures, reading.read, key.is_some());
    let signature = deciding.and_then(|i| signatures.get(i)).map_or_else(
        || unsigned(key.is_some()),
        |s| headline(s, reading.read, key.is_some()),
    );
    let signature = verify::distrust_if_tampered_elsewhere(signature, &signatures, deciding);
    let other_signatures = signatures
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != deciding)
        .map(|(_, s)| s.report.clone())
        .collect();
    let structure = structure(&doc, &assertions, reading.wrapping, signatures.len());
    let findings = checks::run(
        &checks::CheckInput {
            xml: &decoded.xml,
            opts,
            profile,
            layers: &decoded.layers,
            params: &params,
            structure: &structure,
            assertion: assertion.as_ref(),
            response: response.as_ref(),
            signature: &signature,
            key: key.as_ref(),
        },
        k,
    );
    Ok(SamlReport {
        kind: "saml",
        profile,
        encoding: decoded.layers.clone(),
        request: params,
        root: structure.root_name,
        response,
        assertion,
        signature,
        other_signatures,
        findings,
        xml: decoded.xml,
    })
}

/// The document element, and whether it is an Assertion (else a Response).
fn saml_root<'a, 'i>(doc: &'a Document<'i>) -> Result<(Node<'a, 'i>, bool), SamlError> {
    let root = doc.root_element();
    let root_is_assertion = xml::is(root, SAML_NS, "Assertion");
    if !root_is_assertion && !xml::is(root, SAMLP_NS, "Response") {
        return Err(SamlError::xml(format!(
            "the root element is {} (namespace {}); expected a SAML 2.0 saml:Assertion (SAML \
             bearer grant) or samlp:Response (SAML assertion flow)",
            xml::qname(root),
            root.tag_name().namespace().unwrap_or("none")
        )));
    }
    Ok((root, root_is_assertion))
}

fn bound_signatures(doc: &Document<'_>) -> Result<(), SamlError> {
    let count = doc
        .descendants()
        .filter(|n| xml::is(*n, xml::DSIG_NS, "Signature"))
        .count();
    if count > MAX_SIGNATURES {
        return Err(SamlError::xml(format!(
            "the document has {count} ds:Signature elements; more than {MAX_SIGNATURES} are \
             refused"
        )));
    }
    Ok(())
}

fn structure(
    doc: &Document<'_>,
    assertions: &[Node<'_, '_>],
    wrapping: Option<String>,
    signatures: usize,
) -> checks::Structure {
    let root = doc.root_element();
    let (duplicate_ids, duplicate_id_count) = duplicate_ids(doc);
    let (instructions, instruction_count) = instructions(doc);
    checks::Structure {
        root_name: xml::qname(root).to_string(),
        root_is_assertion: xml::is(root, SAML_NS, "Assertion"),
        root_version: root.attribute("Version").map(str::to_string),
        assertion_count: assertions.len(),
        assertion_paths: assertions
            .iter()
            .take(checks::MAX_LISTED)
            .map(|a| xml::path(*a))
            .collect(),
        encrypted_assertions: doc
            .descendants()
            .filter(|n| xml::is(*n, SAML_NS, "EncryptedAssertion"))
            .count(),
        duplicate_ids,
        duplicate_id_count,
        instructions,
        instruction_count,
        wrapping,
        signatures,
    }
}

/// An unsigned document is invalid to anyone holding a key; without one it is simply not
/// checked, as for a JWT with `alg: none`.
fn unsigned(have_key: bool) -> SignatureReport {
    let mut report = SignatureReport::absent("the document has no ds:Signature");
    if have_key {
        report.status = SignatureStatus::Invalid;
    }
    report
}

/// The form's other parameters, with secrets never echoed back.
fn request_params(decoded: &Decoded) -> BTreeMap<String, String> {
    decoded
        .params
        .iter()
        .map(|(k, v)| {
            let lower = k.to_ascii_lowercase();
            let v = if lower.contains("secret") || lower.contains("password") {
                "(redacted)".to_string()
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect()
}

fn auto_profile(
    params: &BTreeMap<String, String>,
    layers: &[Layer],
    root_is_assertion: bool,
) -> SamlProfile {
    match params.get("grant_type").map(String::as_str) {
        Some(BEARER_GRANT) => return SamlProfile::SamlBearer,
        Some("assertion") => return SamlProfile::SamlAssertion,
        _ => {}
    }
    let binding = layers.iter().any(
        |l| matches!(l, Layer::FormParameter { name } if name.eq_ignore_ascii_case("SAMLResponse")),
    );
    if binding || !root_is_assertion {
        SamlProfile::SamlAssertion
    } else {
        SamlProfile::SamlBearer
    }
}

/// Which elements a relying party reads, and which are shown.
struct Reading<'a, 'i> {
    /// The element the verdict is about: the Assertion a consumer reads first (the root
    /// Assertion, or the Response's child Assertion); else the Assertion shown; else the root.
    read: Node<'a, 'i>,
    /// The Assertion whose values are shown and checked.
    used: Option<Node<'a, 'i>>,
    /// Set when the signed Assertion is not the one a consumer reads first (check S11).
    wrapping: Option<String>,
}

impl<'a, 'i> Reading<'a, 'i> {
    fn of(
        root: Node<'a, 'i>,
        root_is_assertion: bool,
        assertions: &[Node<'a, 'i>],
        signatures: &[Evaluated<'_, '_>],
    ) -> Self {
        let covered = |n: Node<'_, '_>| signatures.iter().any(|s| s.covers(n));
        let first_read = if root_is_assertion {
            Some(root)
        } else {
            xml::child(root, SAML_NS, "Assertion")
        };
        let (used, wrapping) = choose_assertion(first_read, assertions, &covered);
        Reading {
            read: first_read.or(used).unwrap_or(root),
            used,
            wrapping,
        }
    }
}

/// The Assertion whose values are shown and checked, and the wrapping message when that is
/// not the one a consumer reads first. Values come only from a covered element when any
/// Assertion is covered.
fn choose_assertion<'a, 'i>(
    first_read: Option<Node<'a, 'i>>,
    assertions: &[Node<'a, 'i>],
    covered: &dyn Fn(Node<'_, '_>) -> bool,
) -> (Option<Node<'a, 'i>>, Option<String>) {
    if let Some(first) = first_read
        && covered(first)
    {
        return (Some(first), None);
    }
    let Some(signed) = assertions.iter().copied().find(|a| covered(*a)) else {
        return (first_read.or_else(|| assertions.first().copied()), None);
    };
    let signed_text = element_ref(signed).describe();
    let message = match first_read {
        Some(first) => format!(
            "signature wrapping: the Assertion a consumer reads first ({}) is not covered by the \
             signature, which covers {signed_text}; the values shown are the signed one's",
            element_ref(first).describe()
        ),
        None => format!(
            "signature wrapping: the Response has no Assertion where a consumer looks for one, \
             but a signed one is tucked away at {signed_text}; the values shown are its"
        ),
    };
    (Some(signed), Some(message))
}

/// The signature that decides for `read`: one aimed at it that fails (invalid, or with a key
/// not checkable: its bytes or that signature may have changed after signing, whatever
/// another signature says), else the best verdict among those covering it (one inside it
/// first), else one aimed at it, else one inside it, else the first.
fn deciding_signature(
    signatures: &[Evaluated<'_, '_>],
    read: Node<'_, '_>,
    have_key: bool,
) -> Option<usize> {
    let fails = |s: &Evaluated<'_, '_>| match s.report.status {
        SignatureStatus::Invalid => true,
        SignatureStatus::NotChecked => have_key,
        _ => false,
    };
    let broken = signatures.iter().position(|s| fails(s) && s.aims_at(read));
    if broken.is_some() {
        return broken;
    }
    let inside =
        |s: &Evaluated<'_, '_>| s.node.parent_element().is_some_and(|p| p.id() == read.id());
    let rank = |s: &Evaluated<'_, '_>| match s.report.status {
        SignatureStatus::Valid => 0,
        SignatureStatus::UnverifiedEmbeddedKey => 1,
        _ => 2,
    };
    signatures
        .iter()
        .enumerate()
        .filter(|(_, s)| s.covers(read))
        .min_by_key(|(_, s)| (rank(s), !inside(s)))
        .map(|(i, _)| i)
        .or_else(|| signatures.iter().position(|s| s.aims_at(read)))
        .or_else(|| signatures.iter().position(inside))
        .or_else(|| (!signatures.is_empty()).then_some(0))
}

/// The deciding signature's report, as a verdict on `read`: a signature that verifies but
/// does not cover `read` leaves it unsigned, which is invalid to anyone holding a key.
fn headline(s: &Evaluated<'_, '_>, read: Node<'_, '_>, have_key: bool) -> SignatureReport {
    let mut report = s.report.clone();
    if s.covers(read) || !s.digests_match || report.status == SignatureStatus::Invalid {
        return report;
    }
    let verified = match report.status {
        SignatureStatus::Valid => "the signature verifies with --key",
        SignatureStatus::UnverifiedEmbeddedKey => {
            "the signature verifies with the embedded certificate"
        }
        _ => "the digests match",
    };
    let covers = report
        .covers
        .as_ref()
        .map_or_else(|| "something else".to_string(), ElementRef::describe);
    let message = format!(
        "{verified}, but it covers {covers}, not {} that a relying party reads, which no \
         verifying signature covers",
        element_ref(read).describe()
    );
    report.read_uncovered = Some((message.clone(), report.status));
    report.status = if have_key {
        SignatureStatus::Invalid
    } else {
        SignatureStatus::NotChecked
    };
    report.detail = message;
    report
}

/// `ID` values on more than one element, in order of first appearance: the first few values
/// with their element count and first few paths, and how many values are duplicated in all.
/// Paths are computed only for what is listed, which keeps this linear.
fn duplicate_ids(doc: &Document<'_>) -> (Vec<(String, usize, Vec<String>)>, usize) {
    let mut order: Vec<&str> = Vec::new();
    let mut found: HashMap<&str, Vec<Node<'_, '_>>> = HashMap::new();
    for n in doc.descendants().filter(Node::is_element) {
        let Some(id) = n.attribute("ID") else {
            continue;
        };
        let nodes = found.entry(id).or_insert_with(|| {
            order.push(id);
            Vec::new()
        });
        nodes.push(n);
    }
    let duplicated: Vec<&str> = order
        .into_iter()
        .filter(|id| found.get(id).is_some_and(|n| n.len() > 1))
        .collect();
    let listed = duplicated
        .iter()
        .take(checks::MAX_LISTED)
        .filter_map(|id| {
            let nodes = found.get(id)?;
            let paths = nodes
                .iter()
                .take(checks::MAX_LISTED)
                .map(|n| xml::path(*n))
                .collect();
            Some(((*id).to_string(), nodes.len(), paths))
        })
        .collect();
    (listed, duplicated.len())
}

/// The first few processing instructions as written with their positions, and the total.
fn instructions(doc: &Document<'_>) -> (Vec<(String, String)>, usize) {
    let all: Vec<Node<'_, '_>> = doc.descendants().filter(Node::is_pi).collect();
    let listed = all
        .iter()
        .take(checks::MAX_LISTED)
        .filter_map(|n| {
            let pi = n.pi()?;
            let text = match pi.value {
                Some(v) if !v.is_empty() => format!("<?{} {}?>", pi.target, v),
                _ => format!("<?{}?>", pi.target),
            };
            Some((text, xml::position(*n)))
        })
        .collect();
    (listed, all.len())
}
