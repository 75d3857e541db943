//! The verdict on each `ds:Signature`: digests first (they need no key), then the
//! SignatureValue with `--key`, or with the embedded certificate, which only ever yields
//! `unverified-embedded-key`.

use super::dsig::{self, DigestCheck, ParsedSignature, Target, Unverifiable};
use super::keys::{self, VerifyKey};
use super::report::{DigestOutcome, ElementRef, ReferenceReport, SignatureReport, SignatureStatus};
use super::xml::{DSIG_NS, SAML_NS, is, path, qname};
use roxmltree::{Document, Node};

/// A SAML signature has one Reference; canonicalizing many would multiply the work per byte.
const MAX_REFERENCES: usize = 4;

pub fn element_ref(node: Node<'_, '_>) -> ElementRef {
    ElementRef {
        element: qname(node).to_string(),
        id: node.attribute("ID").map(str::to_string),
        path: path(node),
        is_assertion: is(node, SAML_NS, "Assertion"),
    }
}

/// A signature with its verdict and what its references resolved to.
pub struct Evaluated<'a, 'i> {
    pub node: Node<'a, 'i>,
    /// Each resolved Reference's target, with whether the enveloped-signature transform
    /// removes this signature's subtree from it.
    pub targets: Vec<(Target<'a, 'i>, bool)>,
    /// Every Reference resolved and its digest matched (and there is at least one).
    pub digests_match: bool,
    pub report: SignatureReport,
}

impl Evaluated<'_, '_> {
    /// The digested octets include `node`: the signature is not invalid, every digest
    /// matches, and a Reference's target contains `node` outside what the enveloped-signature
    /// transform removes. This says nothing yet about the SignatureValue.
    pub fn covers(&self, node: Node<'_, '_>) -> bool {
        self.report.status != SignatureStatus::Invalid && self.digests_match && self.aims_at(node)
    }

    /// [`Evaluated::covers`], and the SignatureValue verified (with `--key`, or with the
    /// embedded certificate when no key is given): only then is `node` signed.
    pub fn vouches_for(&self, node: Node<'_, '_>) -> bool {
        matches!(
            self.report.status,
            SignatureStatus::Valid | SignatureStatus::UnverifiedEmbeddedKey
        ) && self.covers(node)
    }

    /// A Reference's target contains `node` outside the removed subtree, whatever the verdict.
    pub fn aims_at(&self, node: Node<'_, '_>) -> bool {
        let removed =
            |enveloped: bool| enveloped && node.ancestors().any(|a| a.id() == self.node.id());
        self.targets
            .iter()
            .any(|(t, enveloped)| t.covers(node) && !removed(*enveloped))
    }
}

/// Every `ds:Signature` in the document, in document order.
pub fn evaluate_all<'a, 'i>(
    doc: &'a Document<'i>,
    key: Option<&VerifyKey>,
) -> Vec<Evaluated<'a, 'i>> {
    doc.descendants()
        .filter(|n| is(*n, DSIG_NS, "Signature"))
        .map(|n| evaluate(doc, n, key))
        .collect()
}

fn evaluate<'a, 'i>(
    doc: &'a Document<'i>,
    node: Node<'a, 'i>,
    key: Option<&VerifyKey>,
) -> Evaluated<'a, 'i> {
    let parsed = dsig::parse(node);
    let checks: Vec<DigestCheck<'a, 'i>> = if parsed.references.len() > MAX_REFERENCES {
        Vec::new()
    } else {
        parsed
            .references
            .iter()
            .map(|r| dsig::check_reference(doc, node.id(), r))
            .collect()
    };
    let embedded = parsed.certificates.first().map(|c| keys::embedded_key(c));
    let (status, detail, key_used) = decide(&parsed, &checks, key, embedded.as_ref());
    let targets: Vec<(Target<'a, 'i>, bool)> = checks
        .iter()
        .zip(&parsed.references)
        .filter_map(|(c, r)| Some((c.target.clone().ok()?, r.enveloped())))
        .collect();
    let digests_match = !checks.is_empty() && checks.iter().all(|c| c.matches == Ok(true));
    let references = parsed
        .references
        .iter()
        .zip(&checks)
        .map(|(r, c)| reference_report(r, c))
        .collect();
    let covered = targets.first().map(|(t, _)| match t {
        Target::Document(root) => root.first_element_child().unwrap_or(*root),
        Target::Element(e) => *e,
    });
    let embedded_ok = embedded.and_then(Result::ok);
    let report = SignatureReport {
        status,
        alg: parsed.signature_method.clone(),
        alg_name: parsed
            .signature_method
            .as_deref()
            .map(dsig::signature_alg_name),
        covers: covered.map(element_ref),
        location: Some(path(node)),
        canonicalization: parsed.c14n_method.clone(),
        inclusive_prefixes: parsed.c14n_prefixes.clone(),
        references,
        key: key_used,
        certificate: embedded_ok.as_ref().and_then(|k| k.certificate.clone()),
        detail,
        parent: node.parent_element().map(element_ref),
        embedded_matches_key: match (&embedded_ok, key) {
            (Some(e), Some(k)) => Some(e.same_key(k)),
            _ => None,
        },
        covered_range: covered.map(|n| n.range()),
        read_uncovered: None,
    };
    Evaluated {
        node,
        targets,
        digests_match,
        report,
    }
}

fn reference_report(r: &dsig::Reference, c: &DigestCheck<'_, '_>) -> ReferenceReport {
    let (digest, problem) = match &c.matches {
        Ok(true) => (DigestOutcome::Match, None),
        Ok(false) => (DigestOutcome::Mismatch, None),
        Err(e) => (DigestOutcome::NotComputed, Some(e.message().to_string())),
    };
    ReferenceReport {
        uri: r.uri.clone(),
        transforms: r.transforms.iter().map(|t| t.algorithm.clone()).collect(),
        inclusive_prefixes: r
            .canonicalization()
            .map(|m| m.prefixes.to_vec())
            .unwrap_or_default(),
        digest_alg: r.digest_method.clone(),
        digest,
        target: c.target.as_ref().ok().map(|t| match t {
            Target::Document(root) => element_ref(root.first_element_child().unwrap_or(*root)),
            Target::Element(e) => element_ref(*e),
        }),
        problem,
    }
}

type Verdict = (SignatureStatus, String, Option<String>);

/// Digests first (they need no key), then the SignatureValue.
fn decide(
    parsed: &ParsedSignature<'_, '_>,
    checks: &[DigestCheck<'_, '_>],
    key: Option<&VerifyKey>,
    embedded: Option<&Result<VerifyKey, String>>,
) -> Verdict {
    if let Some(failed) = references_verdict(parsed, checks) {
        return failed;
    }
    match key {
        Some(key) => key_verdict(parsed, key),
        None => embedded_verdict(parsed, embedded),
    }
}

/// Why the References already decide, if they do: missing, too many, unresolved, a digest
/// that differs or cannot be computed.
fn references_verdict(
    parsed: &ParsedSignature<'_, '_>,
    checks: &[DigestCheck<'_, '_>],
) -> Option<Verdict> {
    use SignatureStatus::*;
    if parsed.signed_info.is_none() {
        return Some((Invalid, "ds:Signature has no SignedInfo".to_string(), None));
    }
    if parsed.references.len() > MAX_REFERENCES {
        return Some((
            Invalid,
            format!(
                "SignedInfo has {} References; more than {MAX_REFERENCES} are not evaluated",
                parsed.references.len()
            ),
            None,
        ));
    }
    if checks.is_empty() {
        return Some((Invalid, "SignedInfo has no Reference".to_string(), None));
    }
    for (r, c) in parsed.references.iter().zip(checks) {
        let uri = r.uri.as_deref().unwrap_or("(none)");
        match (&c.target, &c.matches) {
            (_, Ok(true)) => {}
            (_, Ok(false)) => {
                return Some((
                    Invalid,
                    format!(
                        "the digest of Reference \"{uri}\" does not match: the signed content \
                         changed after signing"
                    ),
                    None,
                ));
            }
            (Err(e), _) => return Some((Invalid, format!("Reference \"{uri}\": {e}"), None)),
            (Ok(_), Err(Unverifiable::Unsupported(e))) => {
                return Some((NotChecked, format!("Reference \"{uri}\": {e}"), None));
            }
            (Ok(_), Err(Unverifiable::Malformed(e))) => {
                return Some((Invalid, format!("Reference \"{uri}\": {e}"), None));
            }
        }
    }
    None
}

fn key_verdict(parsed: &ParsedSignature<'_, '_>, key: &VerifyKey) -> Verdict {
    use SignatureStatus::*;
    let used = Some(format!("--key ({})", key.description));
    match dsig::verify_signature_value(parsed, &key.key) {
        Ok(true) => (
            Valid,
            "digests match and the SignatureValue verifies with --key".to_string(),
            used,
        ),
        Ok(false) => (
            Invalid,
            "the SignatureValue does not verify with --key".to_string(),
            used,
        ),
        Err(Unverifiable::Unsupported(e)) => (NotChecked, e, used),
        Err(Unverifiable::Malformed(e)) => (Invalid, e, used),
    }
}

/// Without --key: the embedded certificate can only ever give `unverified-embedded-key`.
fn embedded_verdict(
    parsed: &ParsedSignature<'_, '_>,
    embedded: Option<&Result<VerifyKey, String>>,
) -> Verdict {
    use SignatureStatus::*;
    match embedded {
        Some(Ok(e)) => {
            let used = Some(format!("KeyInfo ({})", e.description));
            match dsig::verify_signature_value(parsed, &e.key) {
                Ok(true) => (
                    UnverifiedEmbeddedKey,
                    "digests match and the SignatureValue verifies with the certificate embedded \
                     in KeyInfo, which anyone can embed; give --key with the certificate \
                     Salesforce holds"
                        .to_string(),
                    used,
                ),
                Ok(false) => (
                    NotChecked,
                    "digests match, but the SignatureValue does not verify with the certificate \
                     embedded in KeyInfo; give --key to check it against the real certificate"
                        .to_string(),
                    used,
                ),
                Err(Unverifiable::Unsupported(m)) => (NotChecked, m, used),
                Err(Unverifiable::Malformed(m)) => (Invalid, m, used),
            }
        }
        Some(Err(e)) => (
            NotChecked,
            format!("digests match; no --key given and the KeyInfo certificate is unusable: {e}"),
            None,
        ),
        None => (
            NotChecked,
            "digests match; the SignatureValue is not checked: no --key given and no certificate \
             in KeyInfo"
                .to_string(),
            None,
        ),
    }
}

/// A deciding signature that verifies is not enough when another `ds:Signature` in the same
/// document has a Reference that resolves to nothing or a digest that no longer matches: that
/// failure does not depend on any key, so something signed was changed after signing (an
/// attribute renamed so the Response lost its ID, a value edited). A relying party that checks
/// every signature refuses such a document, and a verdict of `valid` would hide the tampering.
pub fn distrust_if_tampered_elsewhere(
    mut headline: SignatureReport,
    signatures: &[Evaluated<'_, '_>],
    deciding: Option<usize>,
) -> SignatureReport {
    let trusted = matches!(
        headline.status,
        SignatureStatus::Valid | SignatureStatus::UnverifiedEmbeddedKey
    );
    let broken = signatures
        .iter()
        .enumerate()
        .find(|(i, s)| Some(*i) != deciding && !s.digests_match);
    let (true, Some((_, other))) = (trusted, broken) else {
        return headline;
    };
    let place = other
        .report
        .location
        .as_deref()
        .map_or_else(String::new, |at| format!(" at {at}"));
    headline.detail = format!(
        "{}, but the other signature{place} is broken ({}), so signed content was changed \
         after signing",
        headline.detail, other.report.detail
    );
    headline.status = SignatureStatus::Invalid;
    headline
}
