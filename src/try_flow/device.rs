//! Salesforce's device flow: both steps on the token endpoint (`response_type=device_code`,
//! then `grant_type=device` with `code`), polling at the interval given, waiting longer on
//! `slow_down` and going on through `authorization_pending`.

use super::http::Client;
use super::token::{self, TokenAnswer};
use super::{Attempt, FlowKind, Outcome, Prompt, TOKEN_PATH, TryError, granted, login_url};
use serde_json::Value;
use std::time::{Duration, Instant};

/// RFC 8628's default and its `slow_down` step.
const DEFAULT_INTERVAL: u64 = 5;
const SLOW_DOWN_STEP: u64 = 5;

pub struct DeviceRequest<'a> {
    pub client_id: &'a str,
    pub login_url: &'a str,
    pub scope: Option<&'a str>,
    /// How long to keep polling for the person's approval.
    pub wait: Duration,
}

pub fn run(
    client: &mut Client,
    req: &DeviceRequest<'_>,
    prompt: &mut dyn FnMut(Prompt),
) -> Result<Attempt, TryError> {
    let login = login_url(req.login_url)?;
    let token_url = format!("{login}{TOKEN_PATH}");
    let mut form = vec![
        ("response_type", "device_code"),
        ("client_id", req.client_id.trim()),
    ];
    if let Some(scope) = req.scope.map(str::trim).filter(|s| !s.is_empty()) {
        form.push(("scope", scope));
    }
    let answer = client.post_form(&token_url, &form, None)?;
    let attempt = |client: &mut Client, outcome| {
        Attempt::recorded(FlowKind::Device, login.clone(), Vec::new(), client, outcome)
    };
    let start = match device_start(answer.status, &answer.body) {
        Ok(start) => start,
        Err(refusal) => return Ok(attempt(client, Outcome::Refused(refusal))),
    };
    prompt(Prompt::DeviceCode {
        user_code: start.user_code.clone(),
        verification_uri: start.verification_uri.clone(),
    });
    let wait = start
        .expires_in
        .map_or(req.wait, |e| req.wait.min(Duration::from_secs(e)));
    let deadline = Instant::now() + wait;
    let mut interval = start.interval;
    loop {
        std::thread::sleep(Duration::from_secs(interval));
        let poll = [
            ("grant_type", "device"),
            ("client_id", req.client_id.trim()),
            ("code", start.device_code.as_str()),
        ];
        let answer = client.post_form(&token_url, &poll, None)?;
        match token::read(answer.status, &answer.body) {
            TokenAnswer::Token(t) => {
                let outcome = granted(client, &login, *t);
                return Ok(attempt(client, outcome));
            }
            TokenAnswer::Refused(r) => match r.error.as_deref() {
                Some("authorization_pending") => {}
                Some("slow_down") => interval += SLOW_DOWN_STEP,
                _ => return Ok(attempt(client, Outcome::Refused(r))),
            },
        }
        if Instant::now() + Duration::from_secs(interval) > deadline {
            return Err(TryError::Usage(format!(
                "the code {} was not approved within {} s (raise --wait SECS)",
                start.user_code,
                wait.as_secs()
            )));
        }
    }
}

struct DeviceStart {
    device_code: String,
    user_code: String,
    verification_uri: String,
    interval: u64,
    expires_in: Option<u64>,
}

fn device_start(status: u16, body: &str) -> Result<DeviceStart, token::Refusal> {
    let json: Option<Value> = serde_json::from_str(body.trim()).ok();
    let text = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let number = |name: &str| {
        json.as_ref().and_then(|j| j.get(name)).and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
    };
    match (
        status,
        text("device_code"),
        text("user_code"),
        text("verification_uri"),
    ) {
        (200, Some(device_code), Some(user_code), Some(verification_uri)) => Ok(DeviceStart {
            device_code,
            user_code,
            verification_uri,
            interval: number("interval").unwrap_or(DEFAULT_INTERVAL).clamp(1, 60),
            expires_in: number("expires_in"),
        }),
        _ => match token::read(status, body) {
            TokenAnswer::Refused(r) => Err(r),
            TokenAnswer::Token(_) => Err(token::Refusal {
                status,
                body: body.to_string(),
                error: None,
                description: Some(
                    "the device request answered a token instead of a user code".to_string(),
                ),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_answer() {
        let ok = device_start(
            200,
            r#"{"device_code":"d","user_code":"ABCD-1234","verification_uri":"https://x/setup/connect","interval":"2"}"#,
        )
        .ok()
        .unwrap();
        assert_eq!((ok.user_code.as_str(), ok.interval), ("ABCD-1234", 2));
        let refused = device_start(
            400,
            r#"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#,
        )
        .err()
        .unwrap();
        assert_eq!(refused.error.as_deref(), Some("invalid_client_id"));
        let missing = device_start(200, r#"{"device_code":"d"}"#).err().unwrap();
        assert_eq!(missing.status, 200);
    }
}
