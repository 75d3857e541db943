//! S9 the signature is present, strong and verifies; S10 its Reference points at the
//! Assertion (or the Response around it) with the SAML transforms.

use super::{CheckInput, quoted};
use crate::saml::dsig::{ENVELOPED, EXC_C14N, HashAlg};
use crate::saml::fields::AssertionFields;
use crate::saml::report::{RawFinding, SignatureStatus};
use rsa::traits::PublicKeyParts;

pub fn s9_signature(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let sig = input.signature;
    let holder = input.per_profile(
        "the certificate uploaded to the app",
        "the IdP certificate in the SAML SSO settings",
    );
    if input.structure.signatures == 0 {
        return vec![RawFinding::fails(
            "S9",
            format!(
                "the assertion is not signed (no ds:Signature); Salesforce checks an RSA XML signature against {holder}"
            ),
        )];
    }
    let mut out: Vec<RawFinding> = status_finding(input, holder).into_iter().collect();
    if let Some(uri) = sig.alg.as_deref() {
        match HashAlg::from_rsa_signature_uri(uri) {
            Some(HashAlg::Sha1) => out.push(RawFinding::warning(
                "S9",
                "the signature uses RSA-SHA1, which is weak; Salesforce still accepts it for \
                 SAML, but sign with RSA-SHA256",
            )),
            Some(_) => {}
            None => out.push(RawFinding::fails(
                "S9",
                format!(
                    "SignatureMethod {} is not RSA with SHA-1 or SHA-2; Salesforce needs \
                     RSA-SHA256",
                    crate::saml::dsig::algorithm_label(uri)
                ),
            )),
        }
    }
    for r in &sig.references {
        if r.digest_alg.as_deref().and_then(HashAlg::from_digest_uri) == Some(HashAlg::Sha1) {
            out.push(RawFinding::warning(
                "S9",
                "the Reference digest is SHA-1, which is weak; use SHA-256",
            ));
        }
    }
    if sig.embedded_matches_key == Some(false) {
        out.push(RawFinding::info(
            "S9",
            "the certificate in KeyInfo is not the --key one; Salesforce ignores KeyInfo and \
             verifies with the certificate it holds",
        ));
    }
    out.extend(certificate_dates(input));
    let bits = input
        .key
        .map(|k| k.key.size() * 8)
        .or_else(|| sig.certificate.as_ref().and_then(|c| rsa_bits(&c.key)));
    if let Some(bits) = bits.filter(|b| *b < 2048) {
        out.push(RawFinding::warning(
            "S9",
            format!("the signing key is RSA {bits}-bit; use at least 2048 bits"),
        ));
    }
    out
}

/// The `--key` certificate's validity at `--at`, worded as J13 words it for a JWT.
fn certificate_dates(input: &CheckInput<'_>) -> Option<RawFinding> {
    let cert = input.key?.certificate.as_ref()?;
    let at = input.opts.at.timestamp();
    if cert.not_after_unix <= at {
        Some(RawFinding::warning(
            "S9",
            format!("the --key certificate expired on {}", cert.not_after),
        ))
    } else if cert.not_before_unix > at {
        Some(RawFinding::warning(
            "S9",
            format!(
                "the --key certificate is not valid until {}",
                cert.not_before
            ),
        ))
    } else {
        None
    }
}

/// The finding that explains the status, if it needs one.
fn status_finding(input: &CheckInput<'_>, holder: &str) -> Option<RawFinding> {
    let sig = input.signature;
    match sig.status {
        _ if let Some((why, _)) = &sig.read_uncovered => Some(RawFinding::error(
            "S9",
            format!("the element a relying party reads is not signed: {why}"),
        )),
        SignatureStatus::Invalid => Some(RawFinding::fails(
            "S9",
            format!("the signature is invalid: {}", sig.detail),
        )),
        SignatureStatus::UnverifiedEmbeddedKey => {
            let subject = sig
                .certificate
                .as_ref()
                .map(|c| format!(" ({})", c.subject))
                .unwrap_or_default();
            Some(RawFinding::info(
                "S9",
                format!(
                    "the signature verifies only with the certificate embedded in KeyInfo{subject}; \
                     that proves nothing until --key shows it is {holder}"
                ),
            ))
        }
        // With a key the user asked for a verdict; a signature that cannot be checked gives
        // none, so it must not pass.
        SignatureStatus::NotChecked if input.key.is_some() => Some(RawFinding::error(
            "S9",
            format!(
                "the signature cannot be checked with --key, so nothing is verified: {}",
                sig.detail
            ),
        )),
        SignatureStatus::NotChecked => Some(RawFinding::info(
            "S9",
            format!("signature not checked: {}", sig.detail),
        )),
        SignatureStatus::Valid => None,
    }
}

fn rsa_bits(description: &str) -> Option<usize> {
    description
        .strip_prefix("RSA ")?
        .strip_suffix("-bit")?
        .parse()
        .ok()
}

pub fn s10_reference(input: &CheckInput<'_>, a: &AssertionFields) -> Vec<RawFinding> {
    let sig = input.signature;
    let mut out = Vec::new();
    if a.id.as_deref().is_none_or(str::is_empty) {
        out.push(RawFinding::fails(
            "S10",
            "the Assertion has no ID attribute, so no Reference can point at it",
        ));
    }
    if !sig.present() {
        return out;
    }
    if sig.references.len() != 1 {
        out.push(RawFinding::fails(
            "S10",
            format!(
                "SignedInfo has {} References; a SAML signature has exactly one, to the element it signs",
                sig.references.len()
            ),
        ));
    }
    let Some(reference) = sig.references.first() else {
        return out;
    };
    let parent_id = sig.parent.as_ref().and_then(|p| p.id.as_deref());
    match reference.uri.as_deref() {
        None => out.push(RawFinding::fails(
            "S10",
            "the Reference has no URI; it must be \"#\" followed by the signed element's ID",
        )),
        Some("") => out.push(RawFinding::warning(
            "S10",
            "the Reference URI is empty (the whole document); SAML expects \"#\" followed by the \
             signed element's ID",
        )),
        Some(uri) => {
            let id = uri.strip_prefix('#').unwrap_or(uri);
            if let Some(p) = parent_id.filter(|p| *p != id) {
                out.push(RawFinding::fails(
                    "S10",
                    format!(
                        "the Reference {} does not point at the element the signature sits in \
                         (ID {})",
                        quoted(uri),
                        quoted(p)
                    ),
                ));
            }
        }
    }
    // A target that is not an Assertion (nor the Response holding it) vouches for nothing a
    // consumer reads; another Assertion is the wrapping case, S11.
    if !a.covered
        && let Some(target) = &reference.target
        && !target.is_assertion
        && input.structure.wrapping.is_none()
    {
        out.push(RawFinding::fails(
            "S10",
            format!(
                "the signature covers {}, not the Assertion at {}",
                target.describe(),
                a.path
            ),
        ));
    }
    let transforms: Vec<&str> = reference.transforms.iter().map(String::as_str).collect();
    if transforms != [ENVELOPED, EXC_C14N] {
        let names: Vec<&str> = transforms
            .iter()
            .map(|t| crate::saml::dsig::c14n_name(t))
            .collect();
        out.push(RawFinding::warning(
            "S10",
            format!(
                "the Reference transforms are [{}]; SAML uses [enveloped signature, exclusive c14n]",
                names.join(", ")
            ),
        ));
    }
    out
}
