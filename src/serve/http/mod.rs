//! The HTTP layer: axum routes over Salesforce's paths, the request log, and the accept loop
//! with timeouts. Domain decisions live in `grants` and `org`.

mod authorize;
mod device_page;
pub mod form;
mod identity;
mod manage;
mod page;
pub mod reply;
mod rest;

use super::Ctx;
use super::log::redact_long_words;
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use reply::Note;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// The peer address, put on each request by the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

pub fn peer(req: &Request) -> IpAddr {
    req.extensions()
        .get::<Peer>()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |p| p.0.ip())
}

pub fn router(ctx: Arc<Ctx>) -> Router {
    Router::new()
        .route("/services/oauth2/token", post(token))
        .route(
            "/services/oauth2/authorize",
            get(authorize::show).post(authorize::submit),
        )
        .route("/services/oauth2/revoke", post(manage::revoke))
        .route("/services/oauth2/introspect", post(manage::introspect))
        .route("/services/oauth2/userinfo", get(identity::userinfo))
        .route("/id/keys", get(identity::keys))
        .route("/id/{org}/{user}", get(identity::identity))
        .route(
            "/.well-known/openid-configuration",
            get(identity::discovery),
        )
        .route(
            super::grants::device::VERIFICATION_PATH,
            get(device_page::show).post(device_page::submit),
        )
        .route("/services/data", get(rest::versions))
        .route("/services/data/", get(rest::versions))
        .route("/services/data/{version}/limits", get(rest::limits))
        .route("/services/data/{version}/query", get(rest::query))
        .fallback(rest::not_found)
        .layer(middleware::from_fn_with_state(ctx.clone(), log_request))
        .with_state(ctx)
}

async fn token(State(ctx): State<Arc<Ctx>>, req: Request) -> Response {
    let peer = peer(&req);
    let (parts, body) = req.into_parts();
    let form = match form::read_body(&parts.headers, body).await {
        Ok(f) => f,
        Err(refused) => return refused.oauth(&ctx.k, None),
    };
    let request = super::grants::Request {
        ctx: &ctx,
        form: &form,
        headers: &parts.headers,
        peer,
    };
    let (grant, result) = super::grants::token(&request);
    match result {
        Ok(body) => reply::ok_json(&body, reply::note(Some(grant), "issued", "")),
        Err(refused) => refused.oauth(&ctx.k, Some(grant)),
    }
}

async fn log_request(State(ctx): State<Arc<Ctx>>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path: String = req.uri().path().chars().take(200).collect();
    let response = next.run(req).await;
    let note = response
        .extensions()
        .get::<Note>()
        .cloned()
        .unwrap_or_default();
    let mut line = format!(
        "{} {method} {} grant={} outcome={} by={}",
        ctx.store.clock.now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        redact_long_words(&path),
        note.grant.as_deref().unwrap_or("-"),
        response.status().as_u16(),
        if note.by.is_empty() { "-" } else { &note.by },
    );
    if !note.detail.is_empty() {
        line.push_str(": ");
        line.push_str(&redact_long_words(&note.detail));
    }
    ctx.log.write(line);
    response
}
