//! The token endpoint's grants, each judged by Salesforce's rules: the bearer grants by the
//! inspector's checks, the others by the rules in `refusals`.

mod auth_code;
mod bearer_jwt;
mod bearer_saml;
mod client_credentials;
pub mod device;
mod refresh;

use super::Ctx;
use super::http::form::{Form, basic_credentials};
use super::http::reply::Refused;
use super::issue::{Refresh, token_response};
use super::org::{App, FlowId};
use super::refusals::Rule;
use super::store::Grant;
use axum::http::HeaderMap;
use serde_json::Value;
use std::net::IpAddr;

pub const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
pub const SAML_BEARER: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";

/// What a token request needs besides its parameters.
pub struct Request<'a> {
    pub ctx: &'a Ctx,
    pub form: &'a Form,
    pub headers: &'a HeaderMap,
    pub peer: IpAddr,
}

/// The grant's name for the log, and its answer.
pub fn token(req: &Request<'_>) -> (&'static str, Result<Value, Refused>) {
    let grant_type = req.form.get("grant_type");
    match (grant_type, req.form.get("response_type")) {
        (None, Some("device_code")) => ("device-start", device::start(req)),
        (Some("authorization_code"), _) => ("authorization_code", auth_code::exchange(req)),
        (Some("refresh_token"), _) => ("refresh_token", refresh::exchange(req)),
        (Some(JWT_BEARER), _) => ("jwt-bearer", bearer_jwt::exchange(req)),
        (Some("client_credentials"), _) => {
            ("client_credentials", client_credentials::exchange(req))
        }
        (Some(SAML_BEARER), _) => ("saml2-bearer", bearer_saml::exchange(req)),
        (Some("device"), _) => ("device", device::poll(req)),
        // A JWT with a mangled grant_type: J14 names what is wrong with it.
        (_, _)
            if req
                .form
                .get("assertion")
                .is_some_and(|a| a.starts_with("eyJ")) =>
        {
            ("unknown", bearer_jwt::judge_request_only(req))
        }
        (other, _) => (
            "unknown",
            Err(Refused::rule(
                Rule::UnknownGrantType,
                match other {
                    Some(g) => format!("grant_type {} is not one Salesforce knows", quoted(g)),
                    None => "no grant_type".to_string(),
                },
            )),
        ),
    }
}

pub fn quoted(text: &str) -> String {
    crate::inspect::jwt::checks::quoted(text)
}

/// The app a request names by `client_id` (body or Basic header), with its secret checked
/// when one is sent or `secret_required`.
pub fn client<'o>(
    req: &Request<'_>,
    ctx: &'o Ctx,
    secret_required: bool,
) -> Result<(usize, &'o App), Refused> {
    let basic = basic_credentials(req.headers);
    let id = req
        .form
        .get("client_id")
        .map(str::to_string)
        .or_else(|| basic.as_ref().map(|(id, _)| id.clone()))
        .ok_or_else(|| Refused::rule(Rule::UnknownClient, "no client_id".to_string()))?;
    let (index, app) = ctx.org.app(&id).ok_or_else(|| {
        Refused::rule(
            Rule::UnknownClient,
            format!("client_id {} names no app", quoted(&id)),
        )
    })?;
    let secret = req
        .form
        .get("client_secret")
        .map(str::to_string)
        .or_else(|| basic.map(|(_, s)| s));
    match secret {
        Some(s) if s != app.spec.consumer_secret => Err(Refused::rule(
            Rule::BadClientSecret,
            format!(
                "client_secret is not the secret of {}",
                quoted(&app.spec.name)
            ),
        )),
        None if secret_required => Err(Refused::rule(
            Rule::BadClientSecret,
            "no client_secret".to_string(),
        )),
        _ => Ok((index, app)),
    }
}

pub fn require_flow(app: &App, flow: FlowId, rule: Rule) -> Result<(), Refused> {
    if app.allows(flow) {
        Ok(())
    } else {
        Err(Refused::rule(
            rule,
            format!(
                "{} does not enable the {} flow",
                quoted(&app.spec.name),
                flow.as_str()
            ),
        ))
    }
}

/// Rules every grant applies to the user it would speak for.
pub fn check_user(req: &Request<'_>, app: &App, user: usize) -> Result<(), Refused> {
    let Some(u) = req.ctx.org.users.get(user) else {
        return Err(Refused::rule(Rule::UnknownUser, "no such user".to_string()));
    };
    if !u.spec.active {
        return Err(Refused::rule(
            Rule::InactiveUser,
            format!("{} is inactive", quoted(&u.spec.username)),
        ));
    }
    if !u.ip_allowed(app, req.peer) {
        return Err(Refused::rule(
            Rule::IpRestricted,
            format!(
                "{} is outside the login IP ranges of {}",
                req.peer,
                quoted(&u.spec.username)
            ),
        ));
    }
    Ok(())
}

/// The bearer grants act for a user without a browser, so the user must be pre-authorized or
/// have approved the app before.
pub fn check_approved(
    req: &Request<'_>,
    app_index: usize,
    app: &App,
    user: usize,
) -> Result<(), Refused> {
    let Some(u) = req.ctx.org.users.get(user) else {
        return Err(Refused::rule(Rule::UnknownUser, "no such user".to_string()));
    };
    if app.pre_authorizes(u) || (app.permits(u) && req.ctx.store.approved(app_index, user)) {
        return Ok(());
    }
    Err(Refused::rule(
        Rule::UserNotApproved,
        format!(
            "{} is not pre-authorized for {} and has not approved it",
            quoted(&u.spec.username),
            quoted(&app.spec.name)
        ),
    ))
}

/// The bearer grants' last steps: the app enables `flow`, the named user exists, may log in
/// and has the app approved; then a token with the app's scopes and no refresh token.
pub fn issue_for_user(
    req: &Request<'_>,
    (app_index, app): (usize, &App),
    flow: FlowId,
    user: Option<usize>,
    named: &str,
) -> Result<Value, Refused> {
    require_flow(app, flow, Rule::FlowNotEnabled)?;
    let Some(user_index) = user else {
        return Err(Refused::rule(
            Rule::UnknownUser,
            format!("{named} is not a user of this org"),
        ));
    };
    check_user(req, app, user_index)?;
    check_approved(req, app_index, app, user_index)?;
    let grant = Grant {
        app: app_index,
        user: user_index,
        scopes: app.spec.scopes.clone(),
    };
    Ok(token_response(req.ctx, &grant, Refresh::None, false))
}

/// Requested scopes must be ones the app has; none requested means all of the app's.
pub fn scopes(app: &App, requested: Option<&str>) -> Result<Vec<String>, Refused> {
    let Some(requested) = requested else {
        return Ok(app.spec.scopes.clone());
    };
    let mut out = Vec::new();
    for s in requested.split(' ').filter(|s| !s.is_empty()) {
        if !app.spec.scopes.iter().any(|a| a == s) {
            return Err(Refused::rule(
                Rule::InvalidScope,
                format!(
                    "scope {} is not one {} has",
                    quoted(s),
                    quoted(&app.spec.name)
                ),
            ));
        }
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    Ok(out)
}
