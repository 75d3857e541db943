//! Salesforce's SAML rules S1–S10 and the attack checks S11–S14. Each check returns
//! [`RawFinding`]s; the model supplies severity, the predicted error and the Login History name.

mod audience;
mod encoding;
mod identity;
mod signature;
mod structure;
mod subject;
pub(crate) mod timing;

use super::SamlOptions;
use super::fields::{AssertionFields, ResponseFields, Text};
use super::input::Layer;
use super::keys::VerifyKey;
use super::report::{Finding, RawFinding, SamlProfile, SignatureReport};
use crate::model::{Knowledge, Severity};
pub use crate::verdict::url::{https_host, is_salesforce_host, trim_slash};
use std::collections::BTreeMap;

pub const BEARER_METHOD: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
pub const TOKEN_PATH: &str = "/services/oauth2/token";
pub const LOGIN_URL: &str = "https://login.salesforce.com";
pub const TEST_URL: &str = "https://test.salesforce.com";
/// The Entity ID Salesforce shows in SAML SSO settings unless My Domain's is used.
pub const SALESFORCE_ENTITY_ID: &str = "https://saml.salesforce.com";

/// Facts about the document that are not values of the assertion.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// The document element as written and whether it is a SAML 2.0 Assertion or Response.
    pub root_name: String,
    pub root_is_assertion: bool,
    pub root_version: Option<String>,
    /// How many Assertion elements there are, and the paths of the first few.
    pub assertion_count: usize,
    pub assertion_paths: Vec<String>,
    pub encrypted_assertions: usize,
    /// ID values found on more than one element: the value, how many elements carry it, and
    /// the paths of the first few. Only the first few values are listed.
    pub duplicate_ids: Vec<(String, usize, Vec<String>)>,
    /// How many ID values are duplicated in all.
    pub duplicate_id_count: usize,
    /// The first few processing instructions as written, with their `line:column`.
    pub instructions: Vec<(String, String)>,
    pub instruction_count: usize,
    /// Set when the signed Assertion is not the one a consumer reads first (check S11).
    pub wrapping: Option<String>,
    /// How many `ds:Signature` elements the document has.
    pub signatures: usize,
}

/// Everything a check may look at.
pub struct CheckInput<'x> {
    /// The decoded XML, for turning offsets into `line:column`.
    pub xml: &'x str,
    pub opts: &'x SamlOptions,
    pub profile: SamlProfile,
    pub layers: &'x [Layer],
    pub params: &'x BTreeMap<String, String>,
    pub structure: &'x Structure,
    pub assertion: Option<&'x AssertionFields>,
    pub response: Option<&'x ResponseFields>,
    pub signature: &'x SignatureReport,
    pub key: Option<&'x VerifyKey>,
}

impl CheckInput<'_> {
    pub fn bearer(&self) -> bool {
        self.profile == SamlProfile::SamlBearer
    }

    /// What the bearer grant expects, else what the SSO assertion flow expects.
    pub fn per_profile<T>(&self, bearer: T, sso: T) -> T {
        if self.bearer() { bearer } else { sso }
    }
}

pub fn run(input: &CheckInput<'_>, k: &Knowledge) -> Vec<Finding> {
    let mut raw: Vec<RawFinding> = Vec::new();
    if input.bearer() {
        raw.extend(encoding::s1_encoding(input));
    }
    raw.extend(encoding::s2_root(input));
    if let Some(a) = input.assertion {
        raw.extend(identity::s3_issuer(input, a));
        raw.extend(identity::s4_name_id(input, a));
        raw.extend(subject::s5_method(a));
        raw.extend(subject::s6_recipient(input, a));
        raw.extend(audience::s7_audience(input, a));
        raw.extend(timing::s8_window(input, a));
        raw.extend(signature::s9_signature(input));
        raw.extend(signature::s10_reference(input, a));
    }
    raw.extend(structure::s11_wrapping(input));
    raw.extend(identity::s12_split_text(input));
    raw.extend(structure::s13_instructions(input));
    raw.extend(structure::s14_assertions_and_ids(input));
    // The assertion flow answers every SSO failure with one error that links to the SAML
    // Assertion Validator; the model records it as its own entry.
    let sso_error = |check: &str| {
        (input.profile == SamlProfile::SamlAssertion
            && matches!(
                check,
                "S3" | "S4" | "S5" | "S6" | "S7" | "S8" | "S9" | "S10"
            ))
        .then_some("saml-assertion-error-uri")
    };
    raw.into_iter()
        .map(|r| {
            let r = match sso_error(r.check) {
                Some(id) => r.predicting(id),
                None => r,
            };
            r.resolve(k, Severity::Error, true)
        })
        .collect()
}

/// How many of a repeated finding are spelled out; the rest are counted in one more.
pub const MAX_LISTED: usize = 5;

/// `"value"` with quotes and escapes, for messages.
pub fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// Leading or trailing whitespace that an exact comparison would trip on.
pub fn has_outer_space(t: &Text) -> bool {
    t.value.trim() != t.value
}
