//! A minimal REST API behind the bearer token: versions, limits, and a tiny SOQL subset
//! (`SELECT fields FROM Account [LIMIT n]`) over a few demo Accounts.

use super::form::from_query;
use super::reply::{Refused, json_response, note, ok_json, with_note};
use crate::serve::refusals::Rule;
use crate::serve::rest_session::session;
use crate::serve::soql;
use crate::serve::{API_VERSION, Ctx};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
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

pub async fn limits(
    State(ctx): State<Arc<Ctx>>,
    Path(version): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = session_and_version(&ctx, &headers, &version) {
        return r;
    }
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
    Path(version): Path<String>,
    req: Request,
) -> Response {
    if let Err(r) = session_and_version(&ctx, req.headers(), &version) {
        return r;
    }
    ctx.store.count_api_call();
    let q = match from_query(req.uri().query()) {
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

fn session_and_version(ctx: &Ctx, headers: &HeaderMap, version: &str) -> Result<(), Response> {
    session(ctx, headers).map_err(|r| r.rest(&ctx.k, None))?;
    if soql::api_version(version).is_none() {
        return Err(not_found_body());
    }
    Ok(())
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
