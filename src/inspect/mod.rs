//! Inspecting assertions: find the assertion in what was pasted, decode it, verify its
//! signature and judge it by Salesforce's rules at an explicit instant.
//!
//! `input` decides JWT or SAML; JWTs are inspected by `jwt`, SAML by [`crate::saml`], and
//! both report through `report`'s types.

pub mod display;
pub mod input;
pub mod jwt;
pub mod keys;
pub mod members;
pub mod report;
pub mod time;
pub mod url;

pub use input::{Assertion, Detected, InputError, Source, TokenRequest};
pub use jwt::JwtReport;
pub use keys::{KeyFormat, KeyMaterial};
pub use report::{Finding, Profile, Signature, SignatureStatus};

use crate::model::Knowledge;
use crate::saml::{self, SamlOptions, SamlReport};
use chrono::{DateTime, Utc};

/// What the user told us about the integration, and when to evaluate.
#[derive(Debug, Clone)]
pub struct InspectOptions {
    /// `None`: choose from what the input looks like.
    pub profile: Option<Profile>,
    /// Expected `iss` (bearer) or `aud` (ID token): the consumer key. For SAML, the expected
    /// Issuer.
    pub client_id: Option<String>,
    /// Expected `sub`, or SAML NameID.
    pub username: Option<String>,
    /// Expected `aud` (bearer) or `iss` (ID token); for SAML, the login, test, My Domain or
    /// site URL being called.
    pub login_url: Option<String>,
    /// The instant every time rule is evaluated at.
    pub at: DateTime<Utc>,
    /// Leeway in seconds for time rules; 0 means none.
    pub skew: u64,
}

impl InspectOptions {
    pub fn at(at: DateTime<Utc>) -> Self {
        InspectOptions {
            profile: None,
            client_id: None,
            username: None,
            login_url: None,
            at,
            skew: 0,
        }
    }
}

/// The result for one assertion.
#[derive(Debug, Clone)]
pub enum Inspection {
    Jwt(JwtReport),
    Saml(Box<SamlReport>),
}

impl Inspection {
    pub fn exit_code(&self) -> u8 {
        match self {
            Inspection::Jwt(r) => r.exit_code(),
            Inspection::Saml(r) => r.exit_code(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Inspection::Jwt(r) => r.to_json(),
            // The report is plain data with string keys, so serializing it cannot fail.
            Inspection::Saml(r) => serde_json::to_value(r).unwrap_or_default(),
        }
    }
}

/// Inspects raw bytes (a file, stdin, a paste): size and UTF-8 first.
pub fn inspect_bytes(
    bytes: &[u8],
    opts: &InspectOptions,
    key: Option<&KeyMaterial>,
    k: &Knowledge,
) -> Result<Inspection, InputError> {
    inspect(input::text_from_bytes(bytes)?, opts, key, k)
}

pub fn inspect(
    text: &str,
    opts: &InspectOptions,
    key: Option<&KeyMaterial>,
    k: &Knowledge,
) -> Result<Inspection, InputError> {
    let detected = input::detect(text);
    let wants_saml = opts.profile.is_some_and(|p| p.saml().is_some());
    let saml_text = match &detected {
        // The SAML decoder reads the original text itself: the form layer, its grant_type and
        // the exact encoding are what its checks judge. Only JSON or a `Bearer ` prefix, which
        // it does not read, is taken off first.
        Ok(Detected {
            assertion: Assertion::Saml { text: inner },
            source,
            ..
        }) => Some(match source {
            Source::Bare | Source::FormBody => text,
            _ => inner.as_str(),
        }),
        _ if wants_saml || saml::looks_like_saml(text) => Some(text),
        _ => None,
    };
    match saml_text {
        Some(saml_text) => {
            let mut inspection = inspect_saml(saml_text, opts, key, k)?;
            if let Inspection::Saml(report) = &mut inspection {
                report
                    .findings
                    .extend(repeated_around_saml(text, detected.ok(), k));
            }
            Ok(inspection)
        }
        None => jwt::inspect(&detected?, opts, key, k).map(Inspection::Jwt),
    }
}

/// I1 for SAML input: a request or JSON naming its assertion twice, or a `SAMLResponse`
/// form or query with a parameter given twice. The SAML reader takes the first of a form's.
fn repeated_around_saml(text: &str, detected: Option<Detected>, k: &Knowledge) -> Vec<Finding> {
    let (dups, carrier, reads) = match detected {
        Some(d) if !d.duplicates.is_empty() => {
            let reads = if d.source == Source::FormBody {
                ("request body", "the first")
            } else {
                ("JSON", "the last")
            };
            (d.duplicates, reads.0, reads.1)
        }
        _ => (input::repeated_form_parameters(text), "form", "the first"),
    };
    jwt::checks::repeated_findings(&dups, carrier, reads)
        .into_iter()
        .map(|f| f.resolve(k, crate::model::Severity::Warning, false))
        .collect()
}

fn inspect_saml(
    text: &str,
    opts: &InspectOptions,
    key: Option<&KeyMaterial>,
    k: &Knowledge,
) -> Result<Inspection, InputError> {
    let profile = match opts.profile {
        None => None,
        Some(p) => Some(p.saml().ok_or_else(|| {
            InputError(format!(
                "--as {} is for JWTs, but this is SAML; use saml-bearer or saml-assertion",
                p.as_str()
            ))
        })?),
    };
    let key = match key {
        Some(m) if m.format == KeyFormat::Secret => {
            return Err(InputError(
                "--secret verifies HS256/384/512 JWTs only; a SAML signature needs --key with \
                 the signer's certificate or public key"
                    .to_string(),
            ));
        }
        Some(m) => Some(m.file.clone()),
        None => None,
    };
    let saml_opts = SamlOptions {
        profile,
        client_id: opts.client_id.clone(),
        username: opts.username.clone(),
        login_url: opts.login_url.clone(),
        at: opts.at,
        skew: opts.skew,
        key,
    };
    saml::inspect_saml(text, &saml_opts, k)
        .map(|r| Inspection::Saml(Box::new(r)))
        .map_err(|e| InputError(e.message))
}
