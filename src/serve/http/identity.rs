//! userinfo, the identity URL, the JWKS and the OpenID discovery document.

use super::reply::{Refused, note, ok_json};
use crate::serve::Ctx;
use crate::serve::issue::{identity_url, user_claims};
use crate::serve::org::KNOWN_SCOPES;
use crate::serve::refusals::Rule;
use crate::serve::rest_session::session;
use crate::serve::{API_VERSION, id_token};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::Arc;

pub async fn userinfo(State(ctx): State<Arc<Ctx>>, headers: HeaderMap) -> Response {
    match session(&ctx, &headers) {
        Ok(s) => ok_json(
            &user_claims(&ctx, s.grant.user),
            note(Some("userinfo"), "session", ""),
        ),
        Err(r) => r.rest(&ctx.k, None),
    }
}

pub async fn identity(
    State(ctx): State<Arc<Ctx>>,
    Path((org, user)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let s = match session(&ctx, &headers) {
        Ok(s) => s,
        Err(r) => return r.rest(&ctx.k, None),
    };
    let Some(u) = ctx.org.users.get(s.grant.user) else {
        return Refused::rule(Rule::SessionInvalid, "no such user".to_string()).rest(&ctx.k, None);
    };
    if org != ctx.org.org_id || user != u.id {
        return Refused::rule(
            Rule::SessionInvalid,
            "the identity URL is not the token's user".to_string(),
        )
        .rest(&ctx.k, None);
    }
    let base = &ctx.base_url;
    let v = API_VERSION;
    let mut body = user_claims(&ctx, s.grant.user);
    if let Some(map) = body.as_object_mut() {
        map.insert("id".into(), identity_url(&ctx, s.grant.user).into());
        map.insert("asserted_user".into(), true.into());
        map.insert("username".into(), u.spec.username.clone().into());
        map.insert("display_name".into(), u.spec.username.clone().into());
        map.insert(
            "urls".into(),
            json!({
                "enterprise": format!("{base}/services/Soap/c/{v}/{org}"),
                "rest": format!("{base}/services/data/v{v}/"),
                "sobjects": format!("{base}/services/data/v{v}/sobjects/"),
                "query": format!("{base}/services/data/v{v}/query/"),
                "limits": format!("{base}/services/data/v{v}/limits/"),
                "profile": format!("{base}/{}", u.id),
                "custom_domain": base,
            }),
        );
    }
    ok_json(&body, note(Some("identity"), "session", ""))
}

pub async fn keys() -> Response {
    ok_json(&id_token::jwks(), note(None, "jwks", ""))
}

pub async fn discovery(State(ctx): State<Arc<Ctx>>) -> Response {
    let base = &ctx.base_url;
    let body: Value = json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/services/oauth2/authorize"),
        "token_endpoint": format!("{base}/services/oauth2/token"),
        "revocation_endpoint": format!("{base}/services/oauth2/revoke"),
        "introspection_endpoint": format!("{base}/services/oauth2/introspect"),
        "userinfo_endpoint": format!("{base}/services/oauth2/userinfo"),
        "jwks_uri": format!("{base}/id/keys"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": KNOWN_SCOPES,
        "claims_supported": [
            "sub", "user_id", "organization_id", "preferred_username", "nickname", "name",
            "email", "email_verified", "profile", "active", "user_type", "language", "locale",
            "zoneinfo"
        ],
    });
    ok_json(&body, note(None, "discovery", ""))
}
