//! `grant_type=refresh_token`, with the app's refresh token policy: valid until revoked or an
//! absolute lifetime, and rotation (replaying a rotated-out token revokes its family).

use super::{Request, check_user, client, require_flow};
use crate::serve::http::reply::Refused;
use crate::serve::issue::{Refresh, refresh_token_text, token_response};
use crate::serve::org::{FlowId, RefreshPolicy};
use crate::serve::refusals::Rule;
use crate::serve::store::RefreshFailure;
use serde_json::Value;

pub fn exchange(req: &Request<'_>) -> Result<Value, Refused> {
    let (app_index, app) = client(req, req.ctx, false)?;
    require_flow(app, FlowId::RefreshToken, Rule::FlowNotEnabled)?;
    let token = req.form.require("refresh_token")?;
    let max_age = match app.spec.refresh_token_policy {
        RefreshPolicy::ValidUntilRevoked => None,
        RefreshPolicy::ExpireAfterSeconds(s) => Some(s),
    };
    let rotated = app.spec.refresh_token_rotation.then(refresh_token_text);
    let (grant, family) = req
        .ctx
        .store
        .use_refresh(token, app_index, max_age, rotated.clone())
        .map_err(|f| match f {
            RefreshFailure::Unknown => Refused::rule(
                Rule::RefreshInvalid,
                "the refresh token is unknown, revoked or another app's".to_string(),
            ),
            RefreshFailure::Replayed => Refused::rule(
                Rule::RefreshReplayed,
                "a rotated-out refresh token was replayed; its family is now revoked".to_string(),
            ),
            RefreshFailure::Expired => Refused::rule(
                Rule::RefreshExpired,
                format!(
                    "older than the policy's {} seconds",
                    max_age.unwrap_or_default()
                ),
            ),
        })?;
    check_user(req, app, grant.user)?;
    let with_id_token = grant.scopes.iter().any(|s| s == "openid");
    Ok(token_response(
        req.ctx,
        &grant,
        Refresh::Refreshed { family, rotated },
        with_id_token,
    ))
}
