//! Who a token belongs to: the OIDC userinfo endpoint, read with the token just issued.

use super::http::Client;
use super::token::TokenResponse;
use serde_json::Value;

pub const USERINFO_PATH: &str = "/services/oauth2/userinfo";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Identity {
    pub username: Option<String>,
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub org_id: Option<String>,
    /// The org's My Domain URL (`urls.custom_domain`), else the instance URL.
    pub my_domain: Option<String>,
}

/// Asks the instance (else the login host) who the token is for. A failure is reported, not
/// fatal: the token was issued all the same.
pub fn fetch(
    client: &mut Client,
    login_url: &str,
    token: &TokenResponse,
) -> Result<Identity, String> {
    let base = token.instance_url.as_deref().unwrap_or(login_url);
    let url = format!("{}{USERINFO_PATH}", base.trim_end_matches('/'));
    let answer = client
        .get_bearer(&url, &token.access_token)
        .map_err(|e| format!("userinfo: {e}"))?;
    if answer.status != 200 {
        let body: String = answer.body.trim().chars().take(200).collect();
        return Err(format!("userinfo answered HTTP {}: {body}", answer.status));
    }
    let json: Value = serde_json::from_str(&answer.body)
        .map_err(|e| format!("userinfo answered something that is not JSON: {e}"))?;
    Ok(from_userinfo(&json, token.instance_url.as_deref()))
}

fn from_userinfo(json: &Value, instance_url: Option<&str>) -> Identity {
    let text = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| json.get(*n).and_then(Value::as_str))
            .map(str::to_string)
    };
    let custom_domain = json
        .get("urls")
        .and_then(|u| u.get("custom_domain"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Identity {
        username: text(&["preferred_username", "username"]),
        name: text(&["name", "display_name"]),
        user_id: text(&["user_id"]),
        org_id: text(&["organization_id"]),
        my_domain: custom_domain.or_else(|| instance_url.map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_fields() {
        let json = serde_json::json!({
            "preferred_username": "ana@acme.com", "name": "Ana", "user_id": "005x",
            "organization_id": "00Dx", "urls": {"custom_domain": "https://acme.my.salesforce.com"}
        });
        let id = from_userinfo(&json, Some("https://x"));
        assert_eq!(id.username.as_deref(), Some("ana@acme.com"));
        assert_eq!(
            id.my_domain.as_deref(),
            Some("https://acme.my.salesforce.com")
        );
        let bare = from_userinfo(&serde_json::json!({}), Some("https://i"));
        assert_eq!(bare.my_domain.as_deref(), Some("https://i"));
    }
}
