//! `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer`, judged by the SAML inspector's
//! S1–S14. The Issuer is the app's consumer key (verified with the app's certificate) or one of
//! the org's SAML identity providers (verified with its certificate; `client_id` names the app).

use super::{Request, issue_for_user};
use crate::model::Severity;
use crate::saml::{self, SamlOptions, SamlProfile, xml};
use crate::serve::http::reply::Refused;
use crate::serve::org::{App, Certificate, FlowId};
use crate::serve::refusals::Rule;
use serde_json::Value;

pub fn exchange(req: &Request<'_>) -> Result<Value, Refused> {
    let ctx = req.ctx;
    req.form.require("assertion")?;
    let (issuer, name_id) = issuer_and_subject(&req.form.raw);
    let (app, cert, expected_issuer) = signer(req, issuer.as_deref())?;
    let user = name_id.as_deref().and_then(|n| ctx.org.user(n));
    let opts = SamlOptions {
        profile: Some(SamlProfile::SamlBearer),
        client_id: expected_issuer,
        username: user.map(|(_, u)| u.spec.username.clone()),
        login_url: Some(ctx.base_url.clone()),
        at: ctx.store.clock.now(),
        skew: 0,
        key: cert.map(|c| c.bytes.clone()),
    };
    let report = saml::inspect_saml(&req.form.raw, &opts, &ctx.k)
        .map_err(|e| Refused::as_check(&ctx.k, "S1", e.message))?;
    let errors = || {
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    };
    // A wrapped or duplicated Assertion (S10, S11) also leaves the element read unsigned (S9);
    // the wrapping is the cause, so it is what the log names.
    let wrapping = errors().find(|f| matches!(f.check.as_str(), "S10" | "S11"));
    if let Some(f) = wrapping.or_else(|| errors().next()) {
        return Err(Refused::check(&ctx.k, f));
    }
    let Some((app_index, app)) = app else {
        return Err(Refused::rule(
            Rule::UnknownSamlIssuer,
            format!(
                "Issuer {} is neither a consumer key nor an identity provider of this org",
                super::quoted(issuer.as_deref().unwrap_or_default())
            ),
        ));
    };
    issue_for_user(
        req,
        (app_index, app),
        FlowId::SamlBearer,
        user.map(|(i, _)| i),
        &format!(
            "NameID {}",
            super::quoted(name_id.as_deref().unwrap_or_default())
        ),
    )
}

type Signer<'o> = (
    Option<(usize, &'o App)>,
    Option<&'o Certificate>,
    Option<String>,
);

/// Which app the assertion is for, which certificate must have signed it, and the Issuer
/// expected.
fn signer<'o>(req: &Request<'o>, issuer: Option<&str>) -> Result<Signer<'o>, Refused> {
    let org = &req.ctx.org;
    if let Some((i, app)) = issuer.and_then(|iss| org.app(iss)) {
        return Ok((
            Some((i, app)),
            app.certificate.as_ref(),
            Some(app.spec.consumer_key.clone()),
        ));
    }
    if let Some(idp) = issuer.and_then(|iss| org.idp(iss)) {
        let (i, app) = super::client(req, req.ctx, false)?;
        return Ok((
            Some((i, app)),
            Some(&idp.certificate),
            Some(idp.spec.issuer.clone()),
        ));
    }
    // An Issuer nobody knows, for an app named by client_id: S3 says what is wrong.
    if let Some(id) = req.form.get("client_id")
        && let Some((i, app)) = org.app(id)
    {
        return Ok((
            Some((i, app)),
            app.certificate.as_ref(),
            Some(app.spec.consumer_key.clone()),
        ));
    }
    Ok((None, None, None))
}

/// The Issuer and NameID of the first assertion, read without judging anything (the
/// inspector does that), to choose the certificate and the user.
fn issuer_and_subject(raw: &str) -> (Option<String>, Option<String>) {
    let Ok(decoded) = saml::decode(raw) else {
        return (None, None);
    };
    let Ok(doc) = xml::parse(&decoded.xml) else {
        return (None, None);
    };
    let text = |local: &str| {
        doc.descendants()
            .find(|n| xml::is(*n, xml::SAML_NS, local))
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
    };
    (text("Issuer"), text("NameID"))
}
