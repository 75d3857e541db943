//! `POST /services/oauth2/revoke` and `POST /services/oauth2/introspect`.

use super::form::read_body;
use super::reply::{Refused, note, ok_json, with_note};
use crate::serve::Ctx;
use crate::serve::grants::{self, Request as GrantRequest};
use crate::serve::issue::identity_url;
use crate::serve::rest_session::SESSION_TTL_MS;
use crate::serve::store::Grant;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::sync::Arc;

/// Revoking an access token ends it; revoking a refresh token ends its whole family. Unknown
/// tokens are answered 200 as RFC 7009 asks, so the endpoint reveals nothing.
pub async fn revoke(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let form = match read_body(&parts.headers, body).await {
        Ok(f) => f,
        Err(r) => return r.oauth(&ctx.k, Some("revoke")),
    };
    let token = match form.require("token") {
        Ok(t) => t,
        Err(r) => return r.oauth(&ctx.k, Some("revoke")),
    };
    let known = ctx.store.revoke(token);
    with_note(
        StatusCode::OK.into_response(),
        note(
            Some("revoke"),
            if known { "revoked" } else { "unknown-token" },
            "",
        ),
    )
}

pub async fn introspect(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let peer = super::peer(&req);
    let (parts, body) = req.into_parts();
    let form = match read_body(&parts.headers, body).await {
        Ok(f) => f,
        Err(r) => return r.oauth(&ctx.k, Some("introspect")),
    };
    let request = GrantRequest {
        ctx: &ctx,
        form: &form,
        headers: &parts.headers,
        peer,
    };
    let answer = (|| -> Result<Value, Refused> {
        let (app, _) = grants::client(&request, &ctx, true)?;
        let token = form.require("token")?;
        Ok(describe(&ctx, app, token))
    })();
    match answer {
        Ok(body) => {
            let by = if body["active"] == true {
                "active"
            } else {
                "inactive"
            };
            ok_json(&body, note(Some("introspect"), by, ""))
        }
        Err(r) => r.oauth(&ctx.k, Some("introspect")),
    }
}

/// An app may introspect its own tokens; anything else is reported inactive.
fn describe(ctx: &Ctx, app: usize, token: &str) -> Value {
    let now = ctx.store.clock.now_ms();
    let (grant, kind, iat_ms, exp_ms): (Grant, &str, i64, Option<i64>) =
        if let Some(a) = ctx.store.access(token) {
            if now - a.issued_at_ms >= SESSION_TTL_MS {
                return json!({"active": false});
            }
            (
                a.grant,
                "access_token",
                a.issued_at_ms,
                Some(a.issued_at_ms + SESSION_TTL_MS),
            )
        } else if let Some(g) = ctx.store.refresh_grant(token) {
            (g, "refresh_token", now, None)
        } else {
            return json!({"active": false});
        };
    if grant.app != app {
        return json!({"active": false});
    }
    let username = ctx
        .org
        .users
        .get(grant.user)
        .map_or("", |u| u.spec.username.as_str());
    let client_id = ctx
        .org
        .apps
        .get(grant.app)
        .map_or("", |a| a.spec.consumer_key.as_str());
    let mut body = json!({
        "active": true,
        "scope": grant.scopes.join(" "),
        "client_id": client_id,
        "username": username,
        "sub": identity_url(ctx, grant.user),
        "token_type": kind,
        "iat": iat_ms / 1000,
        "nbf": iat_ms / 1000,
    });
    if let Some(exp) = exp_ms {
        body["exp"] = Value::from(exp / 1000);
    }
    body
}
