//! `grant_type=authorization_code`: the code from the authorize page, its redirect_uri, and
//! PKCE (S256) when the code was issued with a challenge.

use super::{Request, check_user, client, require_flow};
use crate::serve::http::reply::Refused;
use crate::serve::issue::{Refresh, token_response};
use crate::serve::org::FlowId;
use crate::serve::refusals::Rule;
use base64::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Salesforce's authorization codes are valid for 15 minutes.
pub const CODE_TTL_MS: i64 = 15 * 60 * 1000;

pub fn exchange(req: &Request<'_>) -> Result<Value, Refused> {
    let verifier = req.form.get("code_verifier");
    // A public client proves itself with PKCE instead of the secret.
    let (app_index, app) = client(req, req.ctx, verifier.is_none())?;
    require_flow(app, FlowId::WebServer, Rule::FlowNotEnabled)?;
    let code = req.form.require("code")?;
    let record = req
        .ctx
        .store
        .take_code(code)
        .filter(|r| r.grant.app == app_index)
        .ok_or_else(|| {
            Refused::rule(
                Rule::UnknownCode,
                "the code is unknown, used, or another app's".to_string(),
            )
        })?;
    if req.ctx.store.clock.now_ms() - record.issued_at_ms > CODE_TTL_MS {
        return Err(Refused::rule(
            Rule::ExpiredCode,
            "the code is older than 15 minutes".to_string(),
        ));
    }
    let redirect_uri = req.form.require("redirect_uri")?;
    if redirect_uri != record.redirect_uri {
        return Err(Refused::rule(
            Rule::RedirectUriMismatch,
            format!(
                "redirect_uri {} is not {} the code was issued for",
                super::quoted(redirect_uri),
                super::quoted(&record.redirect_uri)
            ),
        ));
    }
    match (&record.code_challenge, verifier) {
        (Some(challenge), Some(v)) if pkce_s256(v) == *challenge => {}
        (Some(_), Some(_)) => {
            return Err(Refused::rule(
                Rule::PkceMismatch,
                "BASE64URL(SHA256(code_verifier)) is not the code_challenge".to_string(),
            ));
        }
        (Some(_), None) => {
            return Err(Refused::rule(
                Rule::PkceRequired,
                "the code was issued with a code_challenge and no code_verifier came".to_string(),
            ));
        }
        (None, _) if app.spec.pkce_required => {
            return Err(Refused::rule(
                Rule::PkceRequired,
                "the app requires PKCE".to_string(),
            ));
        }
        (None, _) => {}
    }
    check_user(req, app, record.grant.user)?;
    Ok(token_response(
        req.ctx,
        &record.grant,
        Refresh::IfScoped,
        true,
    ))
}

pub fn pkce_s256(verifier: &str) -> String {
    BASE64_URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn s256_matches_an_independent_computation() {
        // python3: base64.urlsafe_b64encode(hashlib.sha256(v).digest()).rstrip(b"=")
        assert_eq!(
            super::pkce_s256("dBjftJeZ4CVP-mJ92K1qC6SGyEbGwzQnhVSFzZUUXB0"),
            "uCFxhP9yyldr6JGyMM6Wu-J4z4ci_G7rMdyJPhKQYZA"
        );
    }
}
