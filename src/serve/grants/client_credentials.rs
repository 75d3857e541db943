//! `grant_type=client_credentials`: the app's secret buys a token for its run-as user.

use super::{Request, check_user, client};
use crate::serve::http::reply::Refused;
use crate::serve::issue::{Refresh, token_response};
use crate::serve::org::FlowId;
use crate::serve::refusals::Rule;
use crate::serve::store::Grant;
use serde_json::Value;

pub fn exchange(req: &Request<'_>) -> Result<Value, Refused> {
    let (app_index, app) = client(req, req.ctx, true)?;
    let run_as = app
        .spec
        .client_credentials_user
        .as_deref()
        .filter(|_| app.allows(FlowId::ClientCredentials))
        .and_then(|u| req.ctx.org.user(u))
        .map(|(i, _)| i)
        .ok_or_else(|| {
            Refused::rule(
                Rule::NoClientCredentialsUser,
                format!(
                    "{} does not enable the client-credentials flow with a run-as user",
                    super::quoted(&app.spec.name)
                ),
            )
        })?;
    check_user(req, app, run_as)?;
    let grant = Grant {
        app: app_index,
        user: run_as,
        scopes: app.spec.scopes.clone(),
    };
    Ok(token_response(req.ctx, &grant, Refresh::None, false))
}
