//! `sfauth try`: run an OAuth flow against a Salesforce org (or sfauth's local org) and explain
//! the answer. Each flow builds its request, records local findings on what it sends, posts it
//! through [`http::Client`] and returns an [`Attempt`]: the token with the identity behind it, or
//! the refusal, which [`diagnosis`] explains from the catalog. Pure Rust, no terminal code: the
//! CLI and the TUI both call it.

pub mod browser;
pub mod callback;
pub mod device;
pub mod diagnosis;
pub mod http;
pub mod identity;
pub mod jwt_bearer;
pub mod live;
pub mod live_steps;
pub mod org_side;
pub mod pkce;
pub mod redact;
pub mod save;
pub mod secret_flows;
pub mod token;
pub mod web_server;

use crate::inspect::Finding;
use http::{Client, Exchange, NetError};
use identity::Identity;
use token::{Refusal, TokenAnswer, TokenResponse};

pub const TOKEN_PATH: &str = "/services/oauth2/token";
pub const AUTHORIZE_PATH: &str = "/services/oauth2/authorize";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKind {
    JwtBearer,
    ClientCredentials,
    WebServer,
    Device,
    Refresh,
}

impl FlowKind {
    /// The `sfauth try` subcommand name.
    pub fn name(self) -> &'static str {
        match self {
            FlowKind::JwtBearer => "jwt-bearer",
            FlowKind::ClientCredentials => "client-credentials",
            FlowKind::WebServer => "web-server",
            FlowKind::Device => "device",
            FlowKind::Refresh => "refresh",
        }
    }

    /// The flow's id in the knowledge model.
    pub fn model_id(self) -> &'static str {
        match self {
            FlowKind::Refresh => "refresh-token",
            other => other.name(),
        }
    }
}

/// The token and who it belongs to.
#[derive(Debug, Clone)]
pub struct Granted {
    pub token: TokenResponse,
    /// The userinfo answer, or why it could not be read (the token itself was still issued).
    pub identity: Result<Identity, String>,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Granted(Box<Granted>),
    Refused(Refusal),
}

/// One run of a flow: what was found in what was sent, every exchange, and the outcome.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub flow: FlowKind,
    pub login_url: String,
    pub findings: Vec<Finding>,
    pub exchanges: Vec<Exchange>,
    pub outcome: Outcome,
}

impl Attempt {
    /// The run as it ended, with the exchanges `client` recorded (they move into it).
    fn recorded(
        flow: FlowKind,
        login_url: String,
        findings: Vec<Finding>,
        client: &mut Client,
        outcome: Outcome,
    ) -> Self {
        Attempt {
            flow,
            login_url,
            findings,
            exchanges: std::mem::take(&mut client.exchanges),
            outcome,
        }
    }
}

/// Why a flow could not produce an answer to explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TryError {
    /// Bad input: exit 2.
    Usage(String),
    /// No HTTP answer: exit 2, naming the host.
    Net(NetError),
    /// The exchange ran but its answer cannot be trusted (a wrong `state`): exit 1.
    Rejected(String),
}

impl From<NetError> for TryError {
    fn from(e: NetError) -> Self {
        TryError::Net(e)
    }
}

impl std::fmt::Display for TryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TryError::Usage(m) | TryError::Rejected(m) => f.write_str(m),
            TryError::Net(e) => write!(f, "{e}"),
        }
    }
}

/// What a flow asks the person at the keyboard to do while it waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Log in and approve in a browser at this URL.
    Browser { url: String },
    /// Enter `user_code` at `verification_uri`.
    DeviceCode {
        user_code: String,
        verification_uri: String,
    },
}

/// The login URL, checked: `https://...`, or `http://` on a loopback host (sfauth's local org);
/// no trailing slash, no query.
pub fn login_url(raw: &str) -> Result<String, TryError> {
    let url = raw.trim().trim_end_matches('/');
    let usage = |why: &str| {
        TryError::Usage(format!(
            "--login-url \"{}\" {why}; give https://login.salesforce.com, https://test.salesforce.com, a My Domain URL, or a local org's http://127.0.0.1:PORT",
            raw.trim()
        ))
    };
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else if let Some(rest) = url.strip_prefix("http://") {
        if !http::is_loopback_url(url) {
            return Err(usage("uses http:// on a host other than this machine"));
        }
        rest
    } else {
        return Err(usage("is not an https URL"));
    };
    if rest.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err(usage("is not a plain base URL"));
    }
    Ok(url.to_string())
}

/// POSTs a token request and, on success, reads the identity behind the token.
pub(crate) fn exchange(
    client: &mut Client,
    login_url: &str,
    form: &[(&str, &str)],
) -> Result<Outcome, NetError> {
    let answer = client.post_form(&format!("{login_url}{TOKEN_PATH}"), form, None)?;
    Ok(match token::read(answer.status, &answer.body) {
        TokenAnswer::Token(token) => granted(client, login_url, *token),
        TokenAnswer::Refused(refusal) => Outcome::Refused(refusal),
    })
}

pub(crate) fn granted(client: &mut Client, login_url: &str, token: TokenResponse) -> Outcome {
    let identity = identity::fetch(client, login_url, &token);
    Outcome::Granted(Box::new(Granted { token, identity }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_urls() {
        assert_eq!(
            login_url("https://login.salesforce.com/").unwrap(),
            "https://login.salesforce.com"
        );
        assert_eq!(
            login_url("http://127.0.0.1:5000").unwrap(),
            "http://127.0.0.1:5000"
        );
        for bad in [
            "http://login.salesforce.com",
            "login.salesforce.com",
            "https://",
            "https://x?y",
        ] {
            assert!(matches!(login_url(bad), Err(TryError::Usage(_))), "{bad}");
        }
    }
}
