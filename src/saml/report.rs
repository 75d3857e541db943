//! What a SAML inspection produces. The JSON shape follows the JWT inspector's:
//! `{"kind":"saml","profile":...,"signature":{"status":...},"findings":[...]}`.

use super::fields::{AssertionFields, ResponseFields};
use super::input::Layer;
use super::keys::CertificateInfo;
pub use crate::verdict::{Finding, Level, RawFinding, SignatureStatus};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Which Salesforce grant the message is judged for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SamlProfile {
    /// A bare Assertion for `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer`.
    SamlBearer,
    /// An IdP's Response for `grant_type=assertion` (Web SSO assertion reused for the API).
    SamlAssertion,
}

impl SamlProfile {
    pub fn as_str(self) -> &'static str {
        match self {
            SamlProfile::SamlBearer => "saml-bearer",
            SamlProfile::SamlAssertion => "saml-assertion",
        }
    }

    /// `saml-bearer` or `saml-assertion`, as `--as` takes them.
    pub fn parse(text: &str) -> Option<SamlProfile> {
        match text {
            "saml-bearer" => Some(SamlProfile::SamlBearer),
            "saml-assertion" => Some(SamlProfile::SamlAssertion),
            _ => None,
        }
    }
}

/// An element named in the report: `saml2:Assertion` with its ID and path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementRef {
    pub element: String,
    pub id: Option<String>,
    pub path: String,
    /// A SAML 2.0 Assertion by namespace and local name, not by how its name is spelled.
    #[serde(skip)]
    pub is_assertion: bool,
}

impl ElementRef {
    pub fn describe(&self) -> String {
        match &self.id {
            Some(id) => format!("{} ID \"{id}\" at {}", self.element, self.path),
            None => format!("{} at {}", self.element, self.path),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DigestOutcome {
    Match,
    Mismatch,
    NotComputed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceReport {
    pub uri: Option<String>,
    /// Transform algorithm URIs, in order.
    pub transforms: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inclusive_prefixes: Vec<String>,
    pub digest_alg: Option<String>,
    pub digest: DigestOutcome,
    /// What the reference resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<ElementRef>,
    /// Why it could not be resolved or computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// One `ds:Signature` and its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureReport {
    pub status: SignatureStatus,
    /// The SignatureMethod Algorithm URI as written.
    pub alg: Option<String>,
    /// `RSA-SHA256`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg_name: Option<String>,
    /// The element the signature vouches for (its first Reference's target).
    pub covers: Option<ElementRef>,
    /// Where the `ds:Signature` sits.
    pub location: Option<String>,
    /// SignedInfo's CanonicalizationMethod URI.
    pub canonicalization: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inclusive_prefixes: Vec<String>,
    pub references: Vec<ReferenceReport>,
    /// The key that decided the status, described.
    pub key: Option<String>,
    /// The certificate embedded in KeyInfo: shown, never trusted on its own.
    pub certificate: Option<CertificateInfo>,
    pub detail: String,
    /// The element the `ds:Signature` is a child of.
    #[serde(skip)]
    pub parent: Option<ElementRef>,
    /// The embedded certificate holds the same key as `--key` (`None`: nothing to compare).
    #[serde(skip)]
    pub embedded_matches_key: Option<bool>,
    /// Byte range of the covered element in the decoded XML, for marking the signed region.
    #[serde(skip)]
    pub covered_range: Option<Range<usize>>,
    /// Set when this signature does not cover the element a relying party reads: why that
    /// element counts as unsigned, and the signature's own verdict, which `status` then
    /// replaces with the verdict on that element.
    #[serde(skip)]
    pub read_uncovered: Option<(String, SignatureStatus)>,
}

impl SignatureReport {
    /// Stands in for the signature a document lacks.
    pub fn absent(detail: impl Into<String>) -> Self {
        SignatureReport {
            status: SignatureStatus::NotChecked,
            alg: None,
            alg_name: None,
            covers: None,
            location: None,
            canonicalization: None,
            inclusive_prefixes: Vec::new(),
            references: Vec::new(),
            key: None,
            certificate: None,
            detail: detail.into(),
            parent: None,
            embedded_matches_key: None,
            covered_range: None,
            read_uncovered: None,
        }
    }

    pub fn present(&self) -> bool {
        self.location.is_some()
    }
}

/// The whole inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SamlReport {
    /// Always `saml`.
    pub kind: &'static str,
    pub profile: SamlProfile,
    /// Encodings removed to reach the XML, outermost first.
    pub encoding: Vec<Layer>,
    /// Other parameters of the form the message came in (`grant_type`, `RelayState`...).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub request: BTreeMap<String, String>,
    /// The document element as written.
    pub root: String,
    pub response: Option<ResponseFields>,
    /// The Assertion whose values are shown and checked: the signed one when a signature
    /// covers any.
    pub assertion: Option<AssertionFields>,
    /// The signature that decides for the assertion.
    pub signature: SignatureReport,
    /// Any other `ds:Signature` in the document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_signatures: Vec<SignatureReport>,
    pub findings: Vec<Finding>,
    /// The decoded XML, for the XML view.
    #[serde(skip)]
    pub xml: String,
}

impl SamlReport {
    /// 0 when nothing is an error and the signature is not invalid; 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        crate::verdict::exit_code(&self.findings, self.signature.status)
    }

    /// Byte range of the element the deciding signature covers, in [`SamlReport::xml`].
    pub fn signed_region(&self) -> Option<Range<usize>> {
        self.signature.covered_range.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_parse_as_as_takes_them() {
        assert_eq!(
            SamlProfile::parse("saml-assertion"),
            Some(SamlProfile::SamlAssertion)
        );
        assert_eq!(SamlProfile::parse("jwt-bearer"), None);
        let s = serde_json::to_string(&SamlProfile::SamlBearer).unwrap();
        assert_eq!(s, "\"saml-bearer\"");
    }
}
