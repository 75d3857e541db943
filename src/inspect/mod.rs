//! Inspecting assertions: find the assertion in what was pasted, decode it, verify its
//! signature and judge it by Salesforce's rules at an explicit instant.
//!
//! `input` decides JWT or SAML; each kind has its own module (`jwt`; SAML plugs in beside it)
//! and both report through `report`'s types.

pub mod input;
pub mod jwt;
pub mod keys;
pub mod report;
pub mod time;

pub use input::{Assertion, Detected, InputError, Source, TokenRequest};
pub use jwt::JwtReport;
pub use keys::KeyMaterial;
pub use report::{Finding, Profile, Signature, SignatureStatus};

use crate::model::Knowledge;
use chrono::{DateTime, Utc};

/// What the user told us about the integration, and when to evaluate.
#[derive(Debug, Clone)]
pub struct InspectOptions {
    /// `None`: choose from what the input looks like.
    pub profile: Option<Profile>,
    /// Expected `iss` (bearer) or `aud` (ID token): the consumer key.
    pub client_id: Option<String>,
    /// Expected `sub`.
    pub username: Option<String>,
    /// Expected `aud` (bearer) or `iss` (ID token).
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
}

impl Inspection {
    pub fn exit_code(&self) -> u8 {
        match self {
            Inspection::Jwt(r) => r.exit_code(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Inspection::Jwt(r) => r.to_json(),
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
    let detected = input::detect(text)?;
    match detected.assertion {
        Assertion::Jwt { .. } => jwt::inspect(&detected, opts, key, k).map(Inspection::Jwt),
        Assertion::Saml { .. } => Err(InputError(
            "SAML input: not handled yet (this build inspects JWTs only)".to_string(),
        )),
    }
}
