//! A minimal REST API behind the bearer token: versions, limits, and a tiny SOQL subset
//! (`SELECT fields FROM Account [LIMIT n]`) over a few demo Accounts.

use super::form::from_query;
use super::reply::{Refused, json_response, note, ok_json, with_note};
use crate::serve::refusals::Rule;
use crate::serve::rest_session::session;
use crate::serve::soql;
use crate::serve::{API_VERSION, Ctx};
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

/// The daily API request allowance the limits resource reports.
const DAILY_API_REQUESTS: u64 = 15_000;

pub async fn versions(State(ctx): State<Arc<Ctx>>, headers: HeaderMap) -> Response {
    if let Err(r) = session(&ctx, &headers) {
        return r.rest(&ctx.k, None);
    }
    ctx.store.count_api_call();
    let body = json!([{
        "label": "Spring '26",
        "url": format!("/services/data/v{API_VERSION}"),
        "version": API_VERSION,
    }]);
    ok_json(&body, note(Some("rest"), "session", ""))
}

/// A REST call that may go ahead: its session is valid and the API version in its path
/// exists. Extracting it sends the refusal instead of calling the handler.
pub struct Versioned(String);

impl FromRequestParts<Arc<Ctx>> for Versioned {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, ctx: &Arc<Ctx>) -> Result<Self, Response> {
        let Path(version) = Path::<String>::from_request_parts(parts, ctx)
            .await
            .map_err(IntoResponse::into_response)?;
        if let Err(r) = session(ctx, &parts.headers) {
            return Err(r.rest(&ctx.k, None));
        }
        if soql::api_version(&version).is_none() {
            return Err(not_found_body());
        }
        Ok(Versioned(version))
    }
}

pub async fn limits(State(ctx): State<Arc<Ctx>>, _: Versioned) -> Response {
    let used = ctx.store.count_api_call();
    let body = json!({
        "DailyApiRequests": {
            "Max": DAILY_API_REQUESTS,
            "Remaining": DAILY_API_REQUESTS.saturating_sub(used),
        },
        "DataStorageMB": { "Max": 5, "Remaining": 5 },
        "FileStorageMB": { "Max": 20, "Remaining": 20 },
    });
    ok_json(&body, note(Some("rest"), "session", ""))
}

pub async fn query(
    State(ctx): State<Arc<Ctx>>,
    Versioned(version): Versioned,
    RawQuery(query): RawQuery,
) -> Response {
    ctx.store.count_api_call();
    let q = match from_query(query.as_deref()) {
        Ok(f) => f.get("q").unwrap_or_default().to_string(),
        Err(r) => return r.rest(&ctx.k, None),
    };
    match soql::run(&q, &version) {
        Ok(body) => ok_json(&body, note(Some("rest"), "query", "")),
        Err(message) => {
            Refused::rule(Rule::MalformedQuery, message.clone()).rest(&ctx.k, Some(&message))
        }
    }
}

pub async fn not_found() -> Response {
    not_found_body()
}

fn not_found_body() -> Response {
    with_note(
        json_response(
            StatusCode::NOT_FOUND,
            &json!([{
                "errorCode": "NOT_FOUND",
                "message": "The requested resource does not exist",
            }]),
        ),
        note(None, "not-found", ""),
    )
}
