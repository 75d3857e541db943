//! Reading the token endpoint's answer: a token response (HTTP 200 with `access_token`) or a
//! refusal (anything else), kept with the raw body the catalog is matched against.

use serde_json::{Map, Value};

/// The fields of a Salesforce token response that `try` reports on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub instance_url: Option<String>,
    pub id: Option<String>,
    pub token_type: Option<String>,
    pub scope: Option<String>,
    /// Milliseconds since the epoch, as Salesforce sends it (a string).
    pub issued_at: Option<String>,
    /// Salesforce documents no `expires_in`; some servers and token types send one.
    pub expires_in: Option<u64>,
    /// The whole response, as received: what `--save` writes.
    pub raw: Map<String, Value>,
}

impl TokenResponse {
    pub fn scopes(&self) -> Vec<String> {
        self.scope
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }
}

/// A refusal: the status and body as received, and the two OAuth fields when present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub body: String,
    pub error: Option<String>,
    pub description: Option<String>,
}

impl Refusal {
    /// `invalid_grant: audience is invalid`, or the start of the body when it is not OAuth JSON.
    pub fn line(&self) -> String {
        match (&self.error, &self.description) {
            (Some(e), Some(d)) => format!("{e}: {d}"),
            (Some(e), None) => e.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => {
                let body: String = self.body.trim().chars().take(200).collect();
                if body.is_empty() {
                    format!("HTTP {} with an empty body", self.status)
                } else {
                    body
                }
            }
        }
    }

    /// A refusal reported on the redirect (`?error=...&error_description=...`).
    pub fn from_redirect(error: &str, description: Option<&str>, query: &str) -> Self {
        Refusal {
            status: 302,
            body: query.to_string(),
            error: Some(error.to_string()),
            description: description.map(str::to_string),
        }
    }
}

pub enum TokenAnswer {
    Token(Box<TokenResponse>),
    Refused(Refusal),
}

pub fn read(status: u16, body: &str) -> TokenAnswer {
    let json = serde_json::from_str::<Value>(body.trim()).ok();
    let object = json.as_ref().and_then(Value::as_object);
    if (200..300).contains(&status)
        && let Some(map) = object
        && let Some(token) = map.get("access_token").and_then(Value::as_str)
    {
        let text = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_string);
        let expires_in = map.get("expires_in").and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        });
        return TokenAnswer::Token(Box::new(TokenResponse {
            access_token: token.to_string(),
            refresh_token: text("refresh_token"),
            instance_url: text("instance_url"),
            id: text("id"),
            token_type: text("token_type"),
            scope: text("scope"),
            issued_at: text("issued_at"),
            expires_in,
            raw: map.clone(),
        }));
    }
    let field = |name: &str| {
        object
            .and_then(|m| m.get(name))
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    TokenAnswer::Refused(Refusal {
        status,
        body: body.to_string(),
        error: field("error"),
        description: field("error_description"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_and_a_refusal() {
        let ok = r#"{"access_token":"00D!x","instance_url":"https://a.my.salesforce.com","scope":"api web","issued_at":"1700000000000","token_type":"Bearer"}"#;
        let TokenAnswer::Token(t) = read(200, ok) else {
            panic!("not a token")
        };
        assert_eq!(t.scopes(), ["api", "web"]);
        assert_eq!(t.expires_in, None);
        let no = r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#;
        let TokenAnswer::Refused(r) = read(400, no) else {
            panic!("not refused")
        };
        assert_eq!(r.line(), "invalid_grant: audience is invalid");
        let TokenAnswer::Refused(r) = read(502, "<html>Bad gateway</html>") else {
            panic!("not refused")
        };
        assert_eq!(r.line(), "<html>Bad gateway</html>");
        let TokenAnswer::Refused(r) = read(200, "{}") else {
            panic!("a 200 without a token is not a token")
        };
        assert_eq!(r.line(), "{}");
    }
}
