//! JWT inspection: decode, verify, choose a profile, run its checks.

pub mod checks;
pub mod decode;
pub mod header;
pub mod verify;

use super::InspectOptions;
use super::input::{Assertion, Detected, InputError, Source};
use super::keys::KeyMaterial;
use super::report::{self, Finding, Profile, Signature};
use super::time::{relative, utc_text};
use crate::model::Knowledge;
use checks::CheckInput;
use chrono::{DateTime, Utc};
use decode::DecodedJwt;
use serde_json::{Map, Value, json};

/// Claims holding NumericDate times, in display order.
pub const TIME_CLAIMS: [&str; 4] = ["exp", "iat", "nbf", "auth_time"];

#[derive(Debug, Clone)]
pub struct JwtReport {
    pub profile: Profile,
    /// Why this profile: the `--as` flag, or what the input looked like.
    pub profile_reason: String,
    pub source: Source,
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    pub signature: Signature,
    pub findings: Vec<Finding>,
    pub times: Vec<TimeClaim>,
    pub at: DateTime<Utc>,
}

/// A time claim as UTC and relative to the evaluation instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeClaim {
    pub name: String,
    /// `None` when the value is beyond any calendar (milliseconds mistaken for seconds can
    /// still be shown; 10^20 cannot).
    pub seconds: Option<i64>,
    pub utc: Option<String>,
    pub relative: String,
}

impl JwtReport {
    pub fn exit_code(&self) -> u8 {
        report::exit_code(&self.findings, self.signature.status)
    }

    /// The JSON shape pinned by the issue.
    pub fn to_json(&self) -> Value {
        json!({
            "kind": "jwt",
            "profile": self.profile.as_str(),
            "header": self.header,
            "claims": self.claims,
            "signature": {
                "status": self.signature.status.as_str(),
                "alg": self.signature.alg,
            },
            "findings": self.findings,
        })
    }
}

pub fn inspect(
    detected: &Detected,
    opts: &InspectOptions,
    key: Option<&KeyMaterial>,
    k: &Knowledge,
) -> Result<JwtReport, InputError> {
    let Assertion::Jwt { token, line_breaks } = &detected.assertion else {
        return Err(InputError("not a JWT".to_string()));
    };
    if let Some(p) = opts.profile.filter(|p| p.saml().is_some()) {
        return Err(InputError(format!(
            "--as {} is for SAML input, but this is a JWT; use jwt-bearer, id-token or generic",
            p.as_str()
        )));
    }
    let jwt = decode::decode(token)?;
    let (signature, key_use) = verify::verify_detailed(&jwt, key);
    let (profile, profile_reason) = match opts.profile {
        Some(p) => (p, "chosen with --as".to_string()),
        None => choose_profile(&jwt, detected.source),
    };
    let input = CheckInput {
        jwt: &jwt,
        line_breaks: *line_breaks,
        source: detected.source,
        request: detected.request.as_ref(),
        signature: &signature,
        key,
        key_use: &key_use,
        input_duplicates: &detected.duplicates,
        opts,
    };
    let findings = checks::run(&input, profile, k);
    let times = TIME_CLAIMS
        .iter()
        .filter_map(|name| {
            let value = checks::time_value(jwt.claims.get(*name)?);
            let (utc, relative) = match value {
                checks::TimeValue::BeyondCalendar => (None, "beyond any calendar date".to_string()),
                _ => {
                    let seconds = value.seconds()?;
                    (utc_text(seconds), relative(name, seconds, opts.at))
                }
            };
            Some(TimeClaim {
                name: (*name).to_string(),
                seconds: value.seconds(),
                utc,
                relative,
            })
        })
        .collect();
    Ok(JwtReport {
        profile,
        profile_reason,
        source: detected.source,
        header: jwt.header,
        claims: jwt.claims,
        signature,
        findings,
        times,
        at: opts.at,
    })
}

/// The profile when `--as` is not given, and why.
fn choose_profile(jwt: &DecodedJwt, source: Source) -> (Profile, String) {
    let said = |p: Profile, why: &str| (p, why.to_string());
    match source {
        Source::FormBody => return said(Profile::JwtBearer, "the assertion of a token request"),
        Source::JsonAssertion => return said(Profile::JwtBearer, "an \"assertion\" field"),
        Source::IdToken => return said(Profile::IdToken, "the id_token of a token response"),
        Source::Bare | Source::BearerHeader | Source::AccessToken => {}
    }
    let claim = |name: &str| jwt.claims.get(name).and_then(Value::as_str);
    let iss_is_salesforce = claim("iss").is_some_and(checks::is_salesforce_url);
    let aud_is_salesforce = match jwt.claims.get("aud") {
        Some(Value::String(a)) => checks::is_salesforce_url(a),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .any(checks::is_salesforce_url),
        _ => false,
    };
    if iss_is_salesforce {
        said(
            Profile::IdToken,
            "issued by Salesforce: iss is a Salesforce URL",
        )
    } else if aud_is_salesforce || claim("iss").is_some_and(|i| i.starts_with("3MVG")) {
        said(
            Profile::JwtBearer,
            "claims look like a bearer assertion: aud is a Salesforce URL or iss a consumer key",
        )
    } else {
        said(Profile::Generic, "no Salesforce claims found")
    }
}
