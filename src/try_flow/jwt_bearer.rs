//! The JWT bearer flow: mint the assertion, inspect it as Salesforce will judge it, post it.

use super::http::Client;
use super::{Attempt, FlowKind, TryError, exchange, login_url};
use crate::inspect::{InspectOptions, Inspection, KeyMaterial, Profile, inspect};
use crate::mint::{JWT_BEARER_GRANT, MintRequest, jwt_bearer};
use crate::model::Knowledge;
use chrono::{DateTime, Utc};

pub struct JwtBearerRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    /// The RSA private key (PEM) and a name for it in messages.
    pub key_pem: &'a [u8],
    pub key_name: &'a str,
    pub login_url: &'a str,
    /// `aud`; the login URL when `None`. Salesforce also accepts login/test for a My Domain.
    pub audience: Option<&'a str>,
    /// The certificate uploaded to the app, to check the signature before sending.
    pub cert: Option<&'a KeyMaterial>,
    pub ttl_secs: u64,
    /// When the assertion's `exp` counts from.
    pub minted_at: DateTime<Utc>,
    /// When it is sent: the instant the inspector judges it at.
    pub sent_at: DateTime<Utc>,
}

/// The assertion this request mints, with the mint warnings.
pub fn mint(req: &JwtBearerRequest<'_>) -> Result<(String, Vec<String>), TryError> {
    let login = login_url(req.login_url)?;
    let audience = req.audience.map_or(login.clone(), |a| a.trim().to_string());
    let minted = jwt_bearer(
        &MintRequest {
            client_id: req.client_id.to_string(),
            username: req.username.to_string(),
            login_url: audience,
            ttl_secs: req.ttl_secs,
            at: req.minted_at,
        },
        req.key_pem,
        req.key_name,
    )
    .map_err(TryError::Usage)?;
    Ok((minted.assertion, minted.warnings))
}

pub fn run(
    k: &Knowledge,
    client: &mut Client,
    req: &JwtBearerRequest<'_>,
) -> Result<Attempt, TryError> {
    let login = login_url(req.login_url)?;
    let (assertion, _warnings) = mint(req)?;
    let audience = req.audience.map(|a| a.trim().trim_end_matches('/'));
    let opts = InspectOptions {
        profile: Some(Profile::JwtBearer),
        client_id: Some(req.client_id.trim().to_string()),
        username: Some(req.username.trim().to_string()),
        // An audience chosen apart from the login URL is judged by Salesforce's general
        // rules; otherwise it must be the login URL itself.
        login_url: match audience {
            Some(a) if a != login => None,
            _ => Some(login.clone()),
        },
        at: req.sent_at,
        skew: 0,
    };
    let mut findings = match inspect(&assertion, &opts, req.cert, k) {
        Ok(Inspection::Jwt(report)) => report.findings,
        Ok(Inspection::Saml(_)) => Vec::new(),
        Err(e) => return Err(TryError::Usage(format!("the minted assertion: {}", e.0))),
    };
    if req.cert.is_none() {
        // The inspector's hint names its own flag; here the certificate is `--cert`.
        for f in findings
            .iter_mut()
            .filter(|f| f.check == "J12" && f.predicts.is_none())
        {
            f.message = "signature not checked before sending: pass --cert with the \
                         certificate uploaded to the app"
                .to_string();
        }
    }
    send(client, login, &assertion, findings)
}

/// Posts an assertion to `login`'s token endpoint; `findings` are what was found in it.
pub fn send(
    client: &mut Client,
    login: String,
    assertion: &str,
    findings: Vec<crate::inspect::Finding>,
) -> Result<Attempt, TryError> {
    let outcome = exchange(
        client,
        &login,
        &[("grant_type", JWT_BEARER_GRANT), ("assertion", assertion)],
    )?;
    Ok(Attempt::recorded(
        FlowKind::JwtBearer,
        login,
        findings,
        client,
        outcome,
    ))
}
