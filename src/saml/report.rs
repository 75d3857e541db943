//! What a SAML inspection produces. The JSON shape follows the JWT inspector's:
//! `{"kind":"saml","profile":...,"signature":{"status":...},"findings":[...]}`.

use super::fields::{AssertionFields, ResponseFields};
use super::input::Layer;
use super::keys::CertificateInfo;
use crate::model::{Knowledge, Severity};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// Digests match and the SignatureValue verifies with `--key`.
    Valid,
    /// Provably broken: a digest differs, a part is missing, or `--key` does not verify it.
    Invalid,
    /// Not decided: no key, or an algorithm sfauth does not implement.
    NotChecked,
    /// Verifies only with the certificate the document carries, which anyone can embed.
    UnverifiedEmbeddedKey,
}

impl SignatureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureStatus::Valid => "valid",
            SignatureStatus::Invalid => "invalid",
            SignatureStatus::NotChecked => "not-checked",
            SignatureStatus::UnverifiedEmbeddedKey => "unverified-embedded-key",
        }
    }
}

/// An element named in the report: `saml2:Assertion` with its ID and path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementRef {
    pub element: String,
    pub id: Option<String>,
    pub path: String,
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
        }
    }

    pub fn present(&self) -> bool {
        self.location.is_some()
    }
}

/// One rule that did not hold (or a note), in the JWT inspector's finding format, plus the
/// Login History name Salesforce records when the model knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: String,
    pub severity: Severity,
    pub message: String,
    /// The Salesforce error this predicts, as `error: description`.
    pub predicts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_history: Option<String>,
}

impl Finding {
    /// `S6 error: ... -> invalid_grant: invalid assertion (Login History: Recipient Mismatched)`.
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} {}: {}",
            self.check,
            self.severity.as_str(),
            self.message
        );
        if let Some(p) = &self.predicts {
            line.push_str(" -> ");
            line.push_str(p);
        }
        if let Some(h) = &self.login_history {
            line.push_str(&format!(" (Login History: {h})"));
        }
        line
    }
}

/// How hard a check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The model's severity for the check, and its predicted error.
    Fails,
    /// An error whatever the model says: the issue pins S11–S14 as errors.
    Error,
    Warning,
    Info,
}

/// A finding as a check reports it, before the model adds severity and predictions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub check: &'static str,
    pub level: Level,
    pub message: String,
}

impl RawFinding {
    pub fn fails(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Fails, message)
    }

    pub fn error(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Error, message)
    }

    pub fn warning(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Warning, message)
    }

    pub fn info(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Info, message)
    }

    fn new(check: &'static str, level: Level, message: impl Into<String>) -> Self {
        RawFinding {
            check,
            level,
            message: message.into(),
        }
    }

    /// Severity, predicted error and Login History name from the model. `predicts_instead`
    /// replaces the check's usual error (the assertion flow answers with its own entry).
    pub fn resolve(self, k: &Knowledge, predicts_instead: Option<&str>) -> Finding {
        let check = k.check(self.check);
        let severity = match self.level {
            Level::Fails => check.map_or(Severity::Error, |c| c.severity),
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        };
        let predicting =
            matches!(self.level, Level::Fails | Level::Error) && severity == Severity::Error;
        let error = predicting
            .then(|| {
                predicts_instead.and_then(|id| k.error(id)).or_else(|| {
                    check
                        .and_then(|c| c.predicts.as_deref())
                        .and_then(|id| k.error(id))
                })
            })
            .flatten();
        let login_history = predicting
            .then(|| {
                check
                    .and_then(|c| c.login_history.clone())
                    .or_else(|| error.and_then(|e| e.login_history.clone()))
            })
            .flatten();
        Finding {
            check: self.check.to_string(),
            severity,
            message: self.message,
            predicts: error.map(|e| e.display_line()),
            login_history,
        }
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
        let has_error = self.findings.iter().any(|f| f.severity == Severity::Error);
        u8::from(has_error || self.signature.status == SignatureStatus::Invalid)
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
    fn line_has_the_pinned_shape_with_login_history() {
        let f = Finding {
            check: "S6".into(),
            severity: Severity::Error,
            message: "Recipient \"x\" is not the token endpoint".into(),
            predicts: Some("invalid_grant: invalid assertion".into()),
            login_history: Some("Recipient Mismatched".into()),
        };
        assert_eq!(
            f.line(),
            "S6 error: Recipient \"x\" is not the token endpoint -> invalid_grant: invalid \
             assertion (Login History: Recipient Mismatched)"
        );
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["check"], "S6");
        assert_eq!(json["severity"], "error");
        assert_eq!(json["login_history"], "Recipient Mismatched");
    }

    #[test]
    fn resolve_takes_the_model_entry_or_falls_back() {
        let k = Knowledge::builtin().unwrap_or_default();
        let f = RawFinding::fails("S6", "m").resolve(&k, None);
        match k.check("S6") {
            Some(c) => {
                assert_eq!(f.severity, c.severity);
                let e = c.predicts.as_deref().and_then(|id| k.error(id));
                assert_eq!(f.predicts, e.map(|e| e.display_line()));
                assert_eq!(f.login_history, c.login_history);
            }
            None => assert_eq!((f.severity, f.predicts), (Severity::Error, None)),
        }
        let pinned = RawFinding::error("S12", "m").resolve(&k, None);
        assert_eq!(pinned.severity, Severity::Error);
        let w = RawFinding::warning("S9", "m").resolve(&k, None);
        assert_eq!(
            (w.severity, w.predicts, w.login_history),
            (Severity::Warning, None, None)
        );
        let i = RawFinding::info("S9", "m").resolve(&k, None);
        assert_eq!(i.severity, Severity::Info);
    }

    #[test]
    fn statuses_serialize_in_kebab_case() {
        let s = serde_json::to_string(&SignatureStatus::UnverifiedEmbeddedKey).unwrap();
        assert_eq!(s, "\"unverified-embedded-key\"");
        assert_eq!(
            SamlProfile::parse("saml-assertion"),
            Some(SamlProfile::SamlAssertion)
        );
        assert_eq!(SamlProfile::parse("jwt-bearer"), None);
    }
}
