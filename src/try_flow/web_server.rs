//! The web server flow with PKCE: send the browser to the authorize page, receive the redirect
//! on a loopback listener, check `state`, exchange the code.

use super::callback::{self, Listener, query_param};
use super::http::{Client, Exchange, query_encode};
use super::pkce::{new_pkce, random_token};
use super::redact::redact_body;
use super::secret_flows::secret_findings;
use super::token::Refusal;
use super::{AUTHORIZE_PATH, Attempt, FlowKind, Outcome, Prompt, TryError, exchange, login_url};
use std::time::{Duration, Instant};

pub const DEFAULT_CALLBACK: &str = "http://localhost:1717/OAuthRedirect";

pub struct WebServerRequest<'a> {
    pub client_id: &'a str,
    pub client_secret: Option<&'a str>,
    pub login_url: &'a str,
    pub callback: &'a str,
    pub scope: Option<&'a str>,
    /// How long to wait for the person to log in and approve.
    pub wait: Duration,
}

/// The authorize URL for this run, with its PKCE challenge and state.
pub fn authorize_url(
    login: &str,
    client_id: &str,
    callback: &str,
    scope: Option<&str>,
    challenge: &str,
    state: &str,
) -> String {
    let mut url = format!(
        "{login}{AUTHORIZE_PATH}?response_type=code&client_id={}&redirect_uri={}&state={}&code_challenge={}&code_challenge_method=S256",
        query_encode(client_id.trim()),
        query_encode(callback),
        query_encode(state),
        query_encode(challenge),
    );
    if let Some(scope) = scope.map(str::trim).filter(|s| !s.is_empty()) {
        url.push_str(&format!("&scope={}", query_encode(scope)));
    }
    url
}

pub fn run(
    client: &mut Client,
    req: &WebServerRequest<'_>,
    prompt: &mut dyn FnMut(Prompt),
) -> Result<Attempt, TryError> {
    let login = login_url(req.login_url)?;
    let cb = callback::parse(req.callback).map_err(TryError::Usage)?;
    let listener = Listener::bind(&cb).map_err(TryError::Usage)?;
    let findings = req
        .client_secret
        .map(|s| secret_findings("--client-secret", s))
        .unwrap_or_default();
    let pkce = new_pkce().map_err(TryError::Usage)?;
    let state = random_token(16).map_err(TryError::Usage)?;
    let url = authorize_url(
        &login,
        req.client_id,
        &cb.url,
        req.scope,
        &pkce.challenge,
        &state,
    );
    prompt(Prompt::Browser { url: url.clone() });
    let started = Instant::now();
    let query = listener.wait(req.wait).map_err(TryError::Usage)?;
    client.record(redirect_exchange(&url, &cb.url, &query, started));
    let attempt = |client: &mut Client, outcome| {
        Attempt::recorded(
            FlowKind::WebServer,
            login.clone(),
            findings.clone(),
            client,
            outcome,
        )
    };
    if let Some(error) = query_param(&query, "error") {
        let description = query_param(&query, "error_description");
        let refusal = Refusal::from_redirect(&error, description.as_deref(), &query);
        return Ok(attempt(client, Outcome::Refused(refusal)));
    }
    if query_param(&query, "state").as_deref() != Some(state.as_str()) {
        return Err(TryError::Rejected(
            "the redirect's state does not match the one sent: the answer did not come from \
             this run (a stale browser tab, or a forged redirect); nothing was exchanged"
                .to_string(),
        ));
    }
    let Some(code) = query_param(&query, "code") else {
        return Err(TryError::Rejected(
            "the redirect carries neither code nor error".to_string(),
        ));
    };
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", req.client_id.trim()),
        ("redirect_uri", cb.url.as_str()),
        ("code_verifier", pkce.verifier.as_str()),
    ];
    if let Some(secret) = req.client_secret {
        form.push(("client_secret", secret));
    }
    let outcome = exchange(client, &login, &form)?;
    Ok(attempt(client, outcome))
}

/// The browser's part, recorded like the other exchanges: the redirect as the listener got it.
fn redirect_exchange(authorize: &str, callback: &str, query: &str, started: Instant) -> Exchange {
    let authorize_base = authorize.split('?').next().unwrap_or(authorize);
    Exchange {
        method: "GET".to_string(),
        url: format!("{callback}?{}", redact_body(query)),
        request_headers: vec![("Referer".to_string(), authorize_base.to_string())],
        request_body: None,
        status: 200,
        response_headers: Vec::new(),
        response_body: String::new(),
        elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_url_carries_pkce_state_and_scope() {
        let url = authorize_url(
            "https://login.salesforce.com",
            "3MVG",
            DEFAULT_CALLBACK,
            Some("api refresh_token"),
            "CH",
            "ST",
        );
        assert_eq!(
            url,
            "https://login.salesforce.com/services/oauth2/authorize?response_type=code&client_id=3MVG&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOAuthRedirect&state=ST&code_challenge=CH&code_challenge_method=S256&scope=api%20refresh_token"
        );
    }
}
