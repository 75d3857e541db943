//! `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, judged by the inspector's J1–J14
//! with the org supplying the consumer key, the certificate, the user and the audience (this
//! server's own URL, as login.salesforce.com is for production).

use super::{Request, issue_for_user};
use crate::inspect::{self, InspectOptions, Inspection, Profile};
use crate::model::Severity;
use crate::serve::http::reply::Refused;
use crate::serve::org::FlowId;
use crate::serve::refusals::Rule;
use serde_json::Value;

pub fn exchange(req: &Request<'_>) -> Result<Value, Refused> {
    let ctx = req.ctx;
    let assertion = req.form.require("assertion")?;
    let claims = inspect::jwt::decode::decode(assertion)
        .map(|j| j.claims)
        .unwrap_or_default();
    let claim = |name: &str| claims.get(name).and_then(Value::as_str);
    let app = claim("iss").and_then(|iss| ctx.org.app(iss));
    let subject = claim("prn").or_else(|| claim("sub"));
    let user = subject.and_then(|s| ctx.org.user(s));
    let opts = InspectOptions {
        profile: Some(Profile::JwtBearer),
        client_id: app.map(|(_, a)| a.spec.consumer_key.clone()),
        username: user.map(|(_, u)| u.spec.username.clone()),
        login_url: Some(ctx.base_url.clone()),
        at: ctx.store.clock.now(),
        skew: 0,
    };
    let key = app
        .and_then(|(_, a)| a.certificate.as_ref())
        .map(|c| &c.material);
    judge(req, &opts, key)?;
    let Some((app_index, app)) = app else {
        return Err(Refused::as_check(
            &ctx.k,
            "J4",
            format!(
                "iss {} is not the consumer key of an app in this org",
                super::quoted(claim("iss").unwrap_or_default())
            ),
        ));
    };
    issue_for_user(
        req,
        (app_index, app),
        FlowId::JwtBearer,
        user.map(|(i, _)| i),
        &format!("sub {}", super::quoted(subject.unwrap_or_default())),
    )
}

/// Runs the inspector on the request body; the first error with a predicted Salesforce error
/// decides the refusal.
fn judge(
    req: &Request<'_>,
    opts: &InspectOptions,
    key: Option<&inspect::KeyMaterial>,
) -> Result<(), Refused> {
    let k = &req.ctx.k;
    let inspection = inspect::inspect(&req.form.raw, opts, key, k)
        .map_err(|e| Refused::as_check(k, "J1", e.0))?;
    let Inspection::Jwt(report) = inspection else {
        return Err(Refused::as_check(
            k,
            "J1",
            "the assertion is not a JWT".to_string(),
        ));
    };
    match report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
    {
        Some(f) => Err(Refused::check(k, f)),
        None => Ok(()),
    }
}

/// A request whose grant_type is not the JWT bearer URN but carries a JWT assertion: J14
/// says what is wrong with the request.
pub fn judge_request_only(req: &Request<'_>) -> Result<Value, Refused> {
    let opts = InspectOptions {
        profile: Some(Profile::JwtBearer),
        login_url: Some(req.ctx.base_url.clone()),
        ..InspectOptions::at(req.ctx.store.clock.now())
    };
    judge(req, &opts, None)?;
    Err(Refused::rule(
        Rule::UnknownGrantType,
        "grant_type is not the JWT bearer URN".to_string(),
    ))
}
