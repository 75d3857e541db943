//! The two flows that post a stored credential as it is: client credentials (consumer key and
//! secret) and refresh (a refresh token).

use super::http::{Client, host_of};
use super::{Attempt, FlowKind, TryError, exchange, login_url};
use crate::inspect::Finding;
use crate::model::Severity;

pub struct ClientCredentialsRequest<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub login_url: &'a str,
}

pub fn client_credentials(
    client: &mut Client,
    req: &ClientCredentialsRequest<'_>,
) -> Result<Attempt, TryError> {
    let login = login_url(req.login_url)?;
    let mut findings = secret_findings("--client-secret", req.client_secret);
    let host = host_of(&login).to_ascii_lowercase();
    if host == "login.salesforce.com" || host == "test.salesforce.com" {
        findings.push(finding(
            "login-url",
            Severity::Error,
            format!(
                "the client credentials flow is not served on {host}: call the org's My Domain \
                 login URL (https://MYDOMAIN.my.salesforce.com)"
            ),
        ));
    }
    let outcome = exchange(
        client,
        &login,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", req.client_id.trim()),
            ("client_secret", req.client_secret),
        ],
    )?;
    Ok(Attempt::recorded(
        FlowKind::ClientCredentials,
        login,
        findings,
        client,
        outcome,
    ))
}

pub struct RefreshRequest<'a> {
    pub client_id: &'a str,
    pub client_secret: Option<&'a str>,
    pub refresh_token: &'a str,
    pub login_url: &'a str,
}

pub fn refresh(client: &mut Client, req: &RefreshRequest<'_>) -> Result<Attempt, TryError> {
    let login = login_url(req.login_url)?;
    let mut findings = secret_findings("--refresh-token", req.refresh_token);
    if let Some(secret) = req.client_secret {
        findings.extend(secret_findings("--client-secret", secret));
    }
    let mut form = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", req.refresh_token),
        ("client_id", req.client_id.trim()),
    ];
    if let Some(secret) = req.client_secret {
        form.push(("client_secret", secret));
    }
    let outcome = exchange(client, &login, &form)?;
    Ok(Attempt::recorded(
        FlowKind::Refresh,
        login,
        findings,
        client,
        outcome,
    ))
}

/// A secret read from a file often ends with a line break or carries spaces: Salesforce
/// compares it byte for byte.
pub(crate) fn secret_findings(flag: &str, value: &str) -> Vec<Finding> {
    if value.trim() != value {
        vec![finding(
            "secret-whitespace",
            Severity::Warning,
            format!(
                "{flag} starts or ends with whitespace (a line break from a file?); it is sent as given"
            ),
        )]
    } else {
        Vec::new()
    }
}

pub(crate) fn finding(check: &str, severity: Severity, message: String) -> Finding {
    Finding {
        check: check.to_string(),
        severity,
        message,
        predicts: None,
        login_history: None,
    }
}
