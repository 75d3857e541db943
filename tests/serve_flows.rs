//! `sfauth serve` in-process: every grant, the authorize and device pages, refresh rotation
//! and replay, revoke, introspect, userinfo, the identity URL and the REST API, over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod demo_support;
mod serve_support;

use base64::prelude::*;
use demo_support::demo_assertion;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use serve_support::*;
use sha2::{Digest, Sha256};

fn assert_success_shape(body: &Value, server: &Server) {
    for field in [
        "access_token",
        "instance_url",
        "id",
        "token_type",
        "issued_at",
        "signature",
        "scope",
    ] {
        assert!(body.get(field).is_some(), "{field} missing: {body}");
    }
    assert_eq!(body["instance_url"], server.url.as_str());
    assert_eq!(body["token_type"], "Bearer");
    let id = body["id"].as_str().unwrap();
    assert!(id.starts_with(&format!("{}/id/00D", server.url)), "{id}");
    let issued_at = body["issued_at"].as_str().unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{id}{issued_at}").as_bytes());
    let expected = BASE64_STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(body["signature"], expected.as_str());
}

fn access(body: &Value) -> String {
    body["access_token"].as_str().unwrap().to_string()
}

#[test]
fn client_credentials_issues_a_token_for_the_run_as_user() {
    let s = start();
    let r = s.grant("client_credentials", &[("client_secret", SECRET)]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.content_type.starts_with("application/json"));
    let body = r.json();
    assert_success_shape(&body, &s);
    assert!(body.get("refresh_token").is_none());
    assert!(body.get("id_token").is_none());
    let me = s.get("/services/oauth2/userinfo", Some(&access(&body)));
    assert_eq!(me.json()["preferred_username"], USER);
    let line = s.last_log();
    assert!(line.contains("GET /services/oauth2/userinfo"), "{line}");
}

#[test]
fn client_credentials_in_a_basic_header() {
    let s = start();
    let basic = BASE64_STANDARD.encode(format!("{KEY}:{SECRET}"));
    let r = s
        .agent
        .post(format!("{}/services/oauth2/token", s.url))
        .header("Authorization", format!("Basic {basic}"))
        .send_form([("grant_type", "client_credentials")])
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[test]
fn jwt_bearer_accepts_what_sfauth_mint_makes() {
    let s = start();
    let assertion = demo_assertion(&s.url, 180);
    let r = s.jwt_grant(&assertion);
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_success_shape(&body, &s);
    assert!(body.get("refresh_token").is_none());
    let line = s.last_log();
    assert!(line.contains("grant=jwt-bearer outcome=200"), "{line}");
    assert!(
        !line.contains(&assertion[..30]),
        "the assertion leaked into the log: {line}"
    );
}

fn login_and_allow(s: &Server, extra: &[(&str, &str)]) -> String {
    let mut query = vec![("state", "st-1")];
    query.extend_from_slice(extra);
    let page = s.authorize_page(KEY, CALLBACK, &query);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<form method=\"post\""));
    assert!(!page.body.contains("<script"));
    let mut form = vec![
        ("state", "st-1"),
        ("username", USER),
        ("password", "demo-password"),
        ("action", "allow"),
    ];
    form.extend_from_slice(extra);
    let r = s.authorize_form(&form);
    assert_eq!(r.status, 302, "{}", r.body);
    let location = r.location.unwrap();
    assert!(location.starts_with(CALLBACK), "{location}");
    assert_eq!(query_param(&location, "state").as_deref(), Some("st-1"));
    query_param(&location, "code").unwrap()
}

fn pkce_pair() -> (String, String) {
    let verifier = "a-verifier-of-at-least-43-characters-for-pkce-0123456789".to_string();
    let challenge = BASE64_URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

#[test]
fn web_server_flow_with_pkce_gives_refresh_and_id_tokens() {
    let s = start();
    let (verifier, challenge) = pkce_pair();
    let code = login_and_allow(
        &s,
        &[
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    );
    let r = s.grant(
        "authorization_code",
        &[
            ("code", &code),
            ("redirect_uri", CALLBACK),
            ("code_verifier", &verifier),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_success_shape(&body, &s);
    assert!(body["refresh_token"].is_string());
    let id_token = body["id_token"].as_str().unwrap();
    // The ID token verifies with the published JWKS.
    let jwks = s.get("/id/keys", None).json();
    let key = &jwks["keys"][0];
    let decoding = jsonwebtoken::DecodingKey::from_rsa_components(
        key["n"].as_str().unwrap(),
        key["e"].as_str().unwrap(),
    )
    .unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[KEY]);
    validation.set_issuer(&[s.url.as_str()]);
    let claims = jsonwebtoken::decode::<Value>(id_token, &decoding, &validation).unwrap();
    assert_eq!(claims.claims["preferred_username"], USER);
    // Codes are single-use.
    let again = s.grant(
        "authorization_code",
        &[
            ("code", &code),
            ("client_secret", SECRET),
            ("redirect_uri", CALLBACK),
        ],
    );
    s.assert_oauth_error(&again, &["invalid-auth-code", "expired-authorization-code"]);
}

fn refresh(s: &Server, token: &str) -> Reply {
    s.grant(
        "refresh_token",
        &[("client_secret", SECRET), ("refresh_token", token)],
    )
}

/// The refresh token of a web server flow run through the authorize page.
fn first_refresh_token(s: &Server) -> String {
    let code = login_and_allow(s, &[]);
    let first = s
        .grant(
            "authorization_code",
            &[
                ("code", &code),
                ("client_secret", SECRET),
                ("redirect_uri", CALLBACK),
            ],
        )
        .json();
    first["refresh_token"].as_str().unwrap().to_string()
}

#[test]
fn refresh_rotation_and_replay_revoke_the_family() {
    let s = start();
    let r1 = first_refresh_token(&s);
    let second = refresh(&s, &r1);
    assert_eq!(second.status, 200, "{}", second.body);
    let second = second.json();
    assert_success_shape(&second, &s);
    let r2 = second["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2, "the demo app rotates refresh tokens");
    let a2 = access(&second);
    assert_eq!(s.get("/services/oauth2/userinfo", Some(&a2)).status, 200);
    // Replaying the rotated-out token revokes the whole family, current tokens included.
    s.assert_oauth_error(&refresh(&s, &r1), &["expired-refresh-token"]);
    assert!(s.last_log().contains("RefreshReplayed"), "{}", s.last_log());
    s.assert_oauth_error(&refresh(&s, &r2), &["expired-refresh-token"]);
    let gone = s.get("/services/oauth2/userinfo", Some(&a2));
    assert_eq!(gone.status, 401);
}

#[test]
fn refresh_without_rotation_and_with_a_lifetime() {
    let org = demo_with(|spec| {
        spec.apps[0].refresh_token_rotation = false;
        spec.apps[0].refresh_token_policy =
            sfauth::serve::org::RefreshPolicy::ExpireAfterSeconds(60);
    });
    let s = start_org(org);
    let r1 = first_refresh_token(&s);
    let again = refresh(&s, &r1).json();
    assert!(again.get("refresh_token").is_none(), "no rotation: {again}");
    assert_eq!(refresh(&s, &r1).status, 200);
    s.handle.clock.advance_secs(61);
    s.assert_oauth_error(&refresh(&s, &r1), &["expired-refresh-token"]);
    assert!(s.last_log().contains("RefreshExpired"));
}

#[test]
fn device_flow_polls_pending_slow_down_then_tokens() {
    let s = start();
    let started = s.device_code(&[("scope", "api refresh_token")]);
    assert_eq!(started.status, 200, "{}", started.body);
    let started = started.json();
    let device_code = started["device_code"].as_str().unwrap().to_string();
    let user_code = started["user_code"].as_str().unwrap().to_string();
    assert_eq!(started["interval"], 5);
    assert_eq!(
        started["verification_uri"],
        format!("{}/setup/connect", s.url).as_str()
    );
    let poll = || s.grant("device", &[("code", &device_code)]);
    s.assert_oauth_error(&poll(), &["authorization-pending"]);
    s.assert_oauth_error(&poll(), &["slow-down", "authorization-pending"]);
    assert!(s.last_log().contains("DeviceSlowDown"), "{}", s.last_log());
    s.handle.clock.advance_secs(6);
    s.assert_oauth_error(&poll(), &["authorization-pending"]);
    assert_eq!(s.get("/setup/connect", None).status, 200);
    let approved = s.post_form(
        "/setup/connect",
        &[
            ("user_code", &user_code),
            ("username", USER),
            ("password", "demo-password"),
            ("action", "allow"),
        ],
    );
    assert!(approved.body.contains("allowed"), "{}", approved.body);
    s.handle.clock.advance_secs(6);
    let done = poll();
    assert_eq!(done.status, 200, "{}", done.body);
    let body = done.json();
    assert_success_shape(&body, &s);
    assert!(body["refresh_token"].is_string());
    assert_eq!(body["scope"], "api refresh_token");
}

#[test]
fn device_deny_answers_access_denied() {
    let s = start();
    let started = s.device_code(&[]).json();
    s.post_form(
        "/setup/connect",
        &[
            ("user_code", started["user_code"].as_str().unwrap()),
            ("username", USER),
            ("password", "demo-password"),
            ("action", "deny"),
        ],
    );
    let r = s.grant(
        "device",
        &[("code", started["device_code"].as_str().unwrap())],
    );
    s.assert_oauth_error(&r, &["access-denied"]);
}

fn client_credentials_token(s: &Server) -> String {
    access(
        &s.grant("client_credentials", &[("client_secret", SECRET)])
            .json(),
    )
}

#[test]
fn revoke_and_introspect() {
    let s = start();
    let token = client_credentials_token(&s);
    let seen = s.post_form(
        "/services/oauth2/introspect",
        &[
            ("token", &token),
            ("client_id", KEY),
            ("client_secret", SECRET),
        ],
    );
    let seen = seen.json();
    assert_eq!(seen["active"], true);
    assert_eq!(seen["username"], USER);
    assert_eq!(seen["client_id"], KEY);
    assert_eq!(seen["token_type"], "access_token");
    let wrong = s.post_form(
        "/services/oauth2/introspect",
        &[
            ("token", &token),
            ("client_id", KEY),
            ("client_secret", "nope"),
        ],
    );
    s.assert_oauth_error(&wrong, &["invalid-client", "invalid-client-credentials"]);
    let revoked = s.post_form("/services/oauth2/revoke", &[("token", &token)]);
    assert_eq!(revoked.status, 200);
    let after = s.post_form(
        "/services/oauth2/introspect",
        &[
            ("token", &token),
            ("client_id", KEY),
            ("client_secret", SECRET),
        ],
    );
    assert_eq!(after.json(), serde_json::json!({"active": false}));
    assert_eq!(s.get("/services/oauth2/userinfo", Some(&token)).status, 401);
}

#[test]
fn identity_url_discovery_and_jwks() {
    let s = start();
    let body = s
        .grant("client_credentials", &[("client_secret", SECRET)])
        .json();
    let id = body["id"].as_str().unwrap();
    let path = id.strip_prefix(&s.url).unwrap();
    let me = s.get(path, Some(&access(&body)));
    assert_eq!(me.status, 200, "{}", me.body);
    let me = me.json();
    assert_eq!(me["username"], USER);
    assert!(
        me["urls"]["rest"]
            .as_str()
            .unwrap()
            .contains("/services/data/v")
    );
    let discovery = s.get("/.well-known/openid-configuration", None).json();
    assert_eq!(discovery["issuer"], s.url.as_str());
    assert_eq!(
        discovery["token_endpoint"],
        format!("{}/services/oauth2/token", s.url).as_str()
    );
    let jwks = s.get("/id/keys", None).json();
    assert_eq!(jwks["keys"][0]["kty"], "RSA");
}

#[test]
fn rest_api_behind_the_bearer_token() {
    let s = start();
    let token = client_credentials_token(&s);
    let versions = s.get("/services/data/", Some(&token));
    assert_eq!(versions.status, 200);
    assert!(versions.json()[0]["version"].is_string());
    let limits = s.get("/services/data/v66.0/limits", Some(&token)).json();
    assert!(limits["DailyApiRequests"]["Remaining"].as_u64().unwrap() < 15_000);
    let q = s.get(
        "/services/data/v66.0/query?q=SELECT+Id,Name+FROM+Account+LIMIT+3",
        Some(&token),
    );
    assert_eq!(q.status, 200, "{}", q.body);
    let q = q.json();
    assert_eq!(q["totalSize"], 3);
    assert_eq!(q["records"][0]["Name"], "Acme Corporation");
    let bad = s.get(
        "/services/data/v66.0/query?q=SELECT+Id+FROM+Contact",
        Some(&token),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()[0]["errorCode"], "MALFORMED_QUERY");
    for path in [
        "/services/data/",
        "/services/data/v66.0/limits",
        "/services/data/v66.0/query?q=SELECT+Id+FROM+Account",
    ] {
        let r = s.get(path, None);
        assert_eq!(r.status, 401, "{path}");
        assert_eq!(
            r.json(),
            serde_json::json!([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])
        );
        assert_eq!(s.get(path, Some("00Dbogus!token")).status, 401);
    }
    assert_eq!(
        s.get("/services/data/v66.0/nothing", Some(&token)).status,
        404
    );
}

#[test]
fn every_request_is_logged_once_with_secrets_redacted() {
    let s = start();
    let token = client_credentials_token(&s);
    s.get("/services/oauth2/userinfo", Some(&token));
    s.token(&[
        ("grant_type", "client_credentials"),
        ("client_id", "nobody"),
    ]);
    let logs = s.logs();
    assert_eq!(logs.len(), 3, "{logs:?}");
    assert!(logs[0].contains("POST /services/oauth2/token grant=client_credentials outcome=200"));
    assert!(
        logs[2].contains("outcome=400 by=UnknownClient"),
        "{}",
        logs[2]
    );
    for line in &logs {
        assert!(!line.contains(&token), "{line}");
        assert!(!line.contains(SECRET), "{line}");
    }
}

#[test]
fn handle_shutdown_closes_the_port() {
    let s = start();
    let addr = s.handle.addr;
    s.handle.shutdown();
    assert!(std::net::TcpStream::connect(addr).is_err());
}
