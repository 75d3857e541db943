//! Minting tokens and the token endpoint's success body, in Salesforce's shape: access token,
//! instance_url, id, token_type, issued_at, signature, scope, and refresh_token / id_token
//! where the flow and scopes give them.

use super::Ctx;
use super::store::Grant;
use base64::prelude::*;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};

/// How the response treats refresh tokens.
pub enum Refresh {
    /// No refresh token (JWT bearer, SAML bearer, client credentials, or no such scope).
    None,
    /// A new family, when the scopes ask for one.
    IfScoped,
    /// A refresh grant: the access token joins `family`; `rotated` is the replacement to
    /// return when the app rotates refresh tokens.
    Refreshed {
        family: u64,
        rotated: Option<String>,
    },
}

/// `count` unpredictable bytes as base64url. The OS generator does not fail on supported
/// platforms; should it, a hash of time and a counter still keeps tokens distinct.
pub fn random_text(count: usize) -> String {
    let mut bytes = vec![0u8; count];
    if getrandom::fill(&mut bytes).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let seed = format!(
            "{:?}{}{}",
            std::time::SystemTime::now(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::process::id()
        );
        let digest = Sha256::digest(seed.as_bytes());
        bytes = digest.iter().copied().cycle().take(count).collect();
    }
    BASE64_URL_SAFE_NO_PAD.encode(bytes)
}

pub fn refresh_token_text() -> String {
    format!("5Aep861{}", random_text(32))
}

/// Salesforce's `signature`: base64 HMAC-SHA256 of id + issued_at, keyed with the consumer
/// secret, so a client can tell the identity URL was not tampered with.
pub fn signature(secret: &str, id: &str, issued_at: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC takes keys of any length.
        Err(_) => return String::new(),
    };
    mac.update(id.as_bytes());
    mac.update(issued_at.as_bytes());
    BASE64_STANDARD.encode(mac.finalize().into_bytes())
}

pub fn identity_url(ctx: &Ctx, user: usize) -> String {
    let id = ctx.org.users.get(user).map_or("", |u| u.id.as_str());
    format!("{}/id/{}/{id}", ctx.base_url, ctx.org.org_id)
}

fn wants_refresh(scopes: &[String]) -> bool {
    scopes
        .iter()
        .any(|s| s == "refresh_token" || s == "offline_access")
}

/// Stores the new tokens and returns the success body; `id_token` when the flow issues one
/// and `openid` was granted.
pub fn token_response(ctx: &Ctx, grant: &Grant, refresh: Refresh, id_token: bool) -> Value {
    let (family, refresh_token) = match refresh {
        Refresh::None => (None, None),
        Refresh::IfScoped if wants_refresh(&grant.scopes) => {
            let token = refresh_token_text();
            let family = ctx.store.add_refresh(token.clone(), grant.clone());
            (Some(family), Some(token))
        }
        Refresh::IfScoped => (None, None),
        Refresh::Refreshed { family, rotated } => (Some(family), rotated),
    };
    let access = format!("{}!AQ{}", ctx.org.org_id, random_text(48));
    let issued_ms = ctx.store.add_access(access.clone(), grant.clone(), family);
    let issued_at = issued_ms.to_string();
    let id = identity_url(ctx, grant.user);
    let secret = ctx
        .org
        .apps
        .get(grant.app)
        .map_or("", |a| a.spec.consumer_secret.as_str());
    let mut body = Map::new();
    body.insert("access_token".into(), Value::from(access));
    if let Some(r) = refresh_token {
        body.insert("refresh_token".into(), Value::from(r));
    }
    body.insert(
        "signature".into(),
        signature(secret, &id, &issued_at).into(),
    );
    body.insert("scope".into(), grant.scopes.join(" ").into());
    if id_token && grant.scopes.iter().any(|s| s == "openid") {
        if let Some(t) = super::id_token::sign(ctx, grant, issued_ms / 1000) {
            body.insert("id_token".into(), t.into());
        }
    }
    body.insert("instance_url".into(), ctx.base_url.clone().into());
    body.insert("id".into(), id.into());
    body.insert("token_type".into(), "Bearer".into());
    body.insert("issued_at".into(), issued_at.into());
    Value::Object(body)
}

/// The claims userinfo and the identity URL share.
pub fn user_claims(ctx: &Ctx, user: usize) -> Value {
    let Some(u) = ctx.org.users.get(user) else {
        return json!({});
    };
    json!({
        "sub": identity_url(ctx, user),
        "user_id": u.id,
        "organization_id": ctx.org.org_id,
        "preferred_username": u.spec.username,
        "nickname": u.spec.username.split('@').next().unwrap_or_default(),
        "name": u.spec.username,
        "email": u.spec.username,
        "email_verified": true,
        "profile": u.spec.profile,
        "active": u.spec.active,
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "en_US",
        "zoneinfo": "GMT",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_hmac_sha256_of_id_and_issued_at() {
        // RFC 4231-style check against an independently computed value (openssl dgst -hmac).
        let s = signature("key", "The quick brown fox jumps over the lazy ", "dog");
        assert_eq!(s, "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    #[test]
    fn random_text_is_distinct_and_sized() {
        let a = random_text(32);
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_text(32));
    }
}
