//! The bearer session behind userinfo, the identity URL and the REST API.

use super::Ctx;
use super::http::form::bearer;
use super::http::reply::Refused;
use super::refusals::Rule;
use super::store::AccessRecord;
use axum::http::HeaderMap;

/// Salesforce's default session timeout: two hours.
pub const SESSION_TTL_MS: i64 = 2 * 60 * 60 * 1000;

pub fn session(ctx: &Ctx, headers: &HeaderMap) -> Result<AccessRecord, Refused> {
    let token = bearer(headers).ok_or_else(|| {
        Refused::rule(
            Rule::SessionInvalid,
            "no Authorization: Bearer header".to_string(),
        )
    })?;
    let record = ctx.store.access(token).ok_or_else(|| {
        Refused::rule(
            Rule::SessionInvalid,
            "the access token is unknown or revoked".to_string(),
        )
    })?;
    if ctx.store.clock.now_ms() - record.issued_at_ms >= SESSION_TTL_MS {
        return Err(Refused::rule(
            Rule::SessionInvalid,
            "the session is older than two hours".to_string(),
        ));
    }
    Ok(record)
}
