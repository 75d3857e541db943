//! The profile an inspection's rules came from. Findings, the signature verdict and the exit
//! code live in [`crate::verdict`], shared with the SAML inspector, and are re-exported here for
//! the JWT inspector's existing imports.

use crate::model::CheckProfile;
use crate::saml::SamlProfile;
use serde::Serialize;

pub use crate::verdict::{
    BadgeTone, Finding, Level, RawFinding, Signature, SignatureStatus, badge_tone, exit_code, tally,
};

/// Which rule set an assertion is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// A client-built assertion for Salesforce's JWT bearer grant.
    JwtBearer,
    /// A Salesforce-issued ID token or JWT access token.
    IdToken,
    /// Any other JWT: decoded and verified, no Salesforce rules.
    Generic,
    /// A SAML Assertion for Salesforce's SAML bearer grant.
    SamlBearer,
    /// An IdP's SAML Response for the SAML assertion flow (`grant_type=assertion`).
    SamlAssertion,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::JwtBearer => "jwt-bearer",
            Profile::IdToken => "id-token",
            Profile::Generic => "generic",
            Profile::SamlBearer => "saml-bearer",
            Profile::SamlAssertion => "saml-assertion",
        }
    }

    /// The model's name for this profile, when the model has checks for it.
    pub fn check_profile(self) -> Option<CheckProfile> {
        match self {
            Profile::JwtBearer => Some(CheckProfile::JwtBearer),
            Profile::IdToken => Some(CheckProfile::IdToken),
            Profile::Generic => None,
            Profile::SamlBearer => Some(CheckProfile::SamlBearer),
            Profile::SamlAssertion => Some(CheckProfile::SamlAssertion),
        }
    }

    /// The SAML rule set this profile names; `None` for the JWT profiles.
    pub fn saml(self) -> Option<SamlProfile> {
        match self {
            Profile::SamlBearer => Some(SamlProfile::SamlBearer),
            Profile::SamlAssertion => Some(SamlProfile::SamlAssertion),
            Profile::JwtBearer | Profile::IdToken | Profile::Generic => None,
        }
    }
}
