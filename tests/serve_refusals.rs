//! Every refusal rule of `sfauth serve`, over HTTP: Salesforce's status and body from the
//! error catalog, and the rule named in the request log.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_support;

use serve_support::*;
use sfauth::serve::org::{IpRelaxation, PermittedUsers};

const FORM: &str = "application/x-www-form-urlencoded";

fn assert_refused(s: &Server, r: &Reply, ids: &[&str], rule: &str) {
    assert_named_refusal(s, rule, r, ids, rule);
}

/// `r` is the catalog's answer for one of `ids` and the log names `rule`; a failure names `case`.
fn assert_named_refusal(s: &Server, case: &str, r: &Reply, ids: &[&str], rule: &str) {
    s.assert_named_oauth_error(case, r, ids);
    let line = s.last_log();
    assert!(line.contains(&format!("by={rule}")), "{case}: {line}");
}

fn cc(s: &Server) -> Reply {
    s.grant("client_credentials", &[("client_secret", SECRET)])
}

#[test]
fn malformed_requests_get_the_oauth_shape() {
    let s = start();
    let big = vec![b'a'; 1024 * 1024 + 10];
    // What is sent as the token request's body, and the rule that refuses it.
    let malformed: [(&str, &str, &[u8], &str); 5] = [
        (
            "a JSON body",
            "application/json",
            br#"{"grant_type":"client_credentials"}"#,
            "NotAForm",
        ),
        (
            "bytes that are not UTF-8",
            FORM,
            b"grant_type=client_credentials&client_id=\xff\xfe",
            "NotUtf8",
        ),
        (
            "an escape that is not UTF-8",
            FORM,
            b"grant_type=client_credentials&client_id=%ff",
            "NotUtf8",
        ),
        (
            "a repeated parameter",
            FORM,
            b"grant_type=client_credentials&grant_type=password",
            "RepeatedParameter",
        ),
        ("a body over 1 MiB", FORM, &big, "BodyTooLarge"),
    ];
    for (case, content_type, body, rule) in malformed {
        let r = s.post_raw("/services/oauth2/token", content_type, body);
        assert_named_refusal(&s, case, &r, &["invalid-request"], rule);
    }
    let missing = s.grant("refresh_token", &[("client_secret", SECRET)]);
    assert_refused(&s, &missing, &["invalid-request"], "MissingParameter");
    // The server still answers after all that.
    assert_eq!(cc(&s).status, 200);
}

#[test]
fn unknown_and_missing_grant_types() {
    let s = start();
    let r = s.token(&[("grant_type", "password"), ("username", USER)]);
    assert_refused(&s, &r, &["unsupported-grant-type"], "UnknownGrantType");
    let r = s.token(&[("client_id", KEY)]);
    assert_refused(&s, &r, &["unsupported-grant-type"], "UnknownGrantType");
}

#[test]
fn client_authentication() {
    let s = start();
    let unknown = s.token(&[
        ("grant_type", "client_credentials"),
        ("client_id", "nobody"),
        ("client_secret", SECRET),
    ]);
    assert_refused(&s, &unknown, &["invalid-client-id"], "UnknownClient");
    // A wrong secret and none at all are refused alike; the guess never reaches the log.
    for (case, secret) in [("a wrong secret", Some("guess")), ("no secret", None)] {
        let pairs: Vec<(&str, &str)> = secret.map(|x| ("client_secret", x)).into_iter().collect();
        let r = s.grant("client_credentials", &pairs);
        let ids = ["invalid-client", "invalid-client-credentials"];
        assert_named_refusal(&s, case, &r, &ids, "BadClientSecret");
        assert!(!s.last_log().contains("guess"), "{case}: {}", s.last_log());
    }
}

#[test]
fn flows_the_app_does_not_enable() {
    let s = start_org(demo_with(|spec| {
        spec.apps[0].flows = vec![sfauth::serve::org::FlowId::JwtBearer];
    }));
    assert_refused(
        &s,
        &cc(&s),
        &["no-client-credentials-user"],
        "NoClientCredentialsUser",
    );
    let device = s.device_code(&[]);
    assert_refused(&s, &device, &["authentication-failure"], "FlowNotEnabled");
    let page = s.authorize_page(KEY, CALLBACK, &[]);
    assert_eq!(page.status, 302);
    assert_eq!(
        query_param(page.location.as_deref().unwrap(), "error").as_deref(),
        s.k.error("authentication-failure")
            .map(|e| e.error.as_str())
    );
}

#[test]
fn inactive_user_and_ip_ranges() {
    let s = start_org(demo_with(|spec| spec.users[0].active = false));
    assert_refused(
        &s,
        &cc(&s),
        &["inactive-user", "user-locked"],
        "InactiveUser",
    );
    let jwt = s.jwt_grant(&s.assertion(&s.good_claims()));
    assert_refused(&s, &jwt, &["inactive-user", "user-locked"], "InactiveUser");

    let s = start_org(demo_with(|spec| {
        spec.users[0].login_ip_ranges = vec!["10.0.0.0/8".into()];
        spec.apps[0].ip_relaxation = IpRelaxation::EnforceIpRestrictions;
    }));
    assert_refused(&s, &cc(&s), &["ip-restricted"], "IpRestricted");
    let relaxed = start_org(demo_with(|spec| {
        spec.users[0].login_ip_ranges = vec!["10.0.0.0/8".into()];
    }));
    assert_eq!(cc(&relaxed).status, 200);
}

#[test]
fn jwt_bearer_needs_a_pre_authorized_or_approving_user() {
    let s = start_org(demo_with(|spec| spec.apps[0].pre_authorized_users.clear()));
    let r = s.jwt_grant(&s.assertion(&s.good_claims()));
    assert_refused(&s, &r, &["user-not-approved"], "UserNotApproved");
    let mut claims = s.good_claims();
    claims["sub"] = "someone@else.example".into();
    let unknown = start();
    let r = unknown.jwt_grant(&unknown.assertion(&{
        let mut c = unknown.good_claims();
        c["sub"] = claims["sub"].clone();
        c
    }));
    assert_refused(&unknown, &r, &["user-not-approved"], "UnknownUser");

    // With self-authorization, approving once in the browser is enough.
    let s = start_org(demo_with(|spec| {
        spec.apps[0].permitted_users = PermittedUsers::AllUsersMaySelfAuthorize;
        spec.apps[0].pre_authorized_users.clear();
    }));
    let before = s.jwt_grant(&s.assertion(&s.good_claims()));
    assert_refused(&s, &before, &["user-not-approved"], "UserNotApproved");
    let r = s.authorize_form(&[
        ("username", USER),
        ("password", "demo-password"),
        ("action", "allow"),
    ]);
    assert_eq!(r.status, 302);
    let after = s.jwt_grant(&s.assertion(&s.good_claims()));
    assert_eq!(after.status, 200, "{}", after.body);
}

fn allow(s: &Server, extra: &[(&str, &str)]) -> Reply {
    let mut form = vec![
        ("state", "s"),
        ("username", USER),
        ("password", "demo-password"),
        ("action", "allow"),
    ];
    form.extend_from_slice(extra);
    s.authorize_form(&form)
}

fn code_of(r: &Reply) -> String {
    query_param(r.location.as_deref().unwrap(), "code").unwrap()
}

#[test]
fn authorize_page_refusals() {
    let s = start();
    let unknown = s.authorize_page("nobody", CALLBACK, &[]);
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.body.contains("invalid_client_id"),
        "{}",
        unknown.body
    );
    let elsewhere = s.authorize_page(KEY, "https://evil.example/cb", &[]);
    assert_eq!(elsewhere.status, 400);
    assert!(elsewhere.body.contains("redirect_uri_mismatch"));
    let scope = s.authorize_page(KEY, CALLBACK, &[("state", "s"), ("scope", "full")]);
    assert_eq!(scope.status, 302);
    let location = scope.location.unwrap();
    assert_eq!(query_param(&location, "state").as_deref(), Some("s"));
    assert!(query_param(&location, "error").is_some());
    let wrong_password = s.authorize_form(&[
        ("username", USER),
        ("password", "nope"),
        ("action", "allow"),
    ]);
    assert_eq!(wrong_password.status, 200);
    assert!(
        wrong_password
            .body
            .contains("check your username and password")
    );
    let denied = s.authorize_form(&[("state", "s"), ("action", "deny")]);
    assert_eq!(
        query_param(denied.location.as_deref().unwrap(), "error").as_deref(),
        Some("access_denied")
    );
    let admin = start_org(demo_with(|spec| spec.apps[0].pre_authorized_users.clear()));
    let r = allow(&admin, &[]);
    assert_eq!(
        query_param(r.location.as_deref().unwrap(), "error").as_deref(),
        admin
            .k
            .error("oauth-app-access-denied")
            .map(|e| e.error.as_str())
    );
}

fn exchange(s: &Server, code: &str, extra: &[(&str, &str)]) -> Reply {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("client_id", KEY),
        ("redirect_uri", CALLBACK),
    ];
    form.extend_from_slice(extra);
    s.token(&form)
}

#[test]
fn code_exchange_refusals() {
    let s = start();
    let r = exchange(&s, "aPrxnothing", &[("client_secret", SECRET)]);
    assert_refused(
        &s,
        &r,
        &["invalid-auth-code", "expired-authorization-code"],
        "UnknownCode",
    );
    let code = code_of(&allow(&s, &[]));
    let r = s.grant(
        "authorization_code",
        &[
            ("code", &code),
            ("client_secret", SECRET),
            ("redirect_uri", "http://localhost:1717/Other"),
        ],
    );
    assert_refused(&s, &r, &["redirect-uri-mismatch"], "RedirectUriMismatch");

    let code = code_of(&allow(&s, &[]));
    s.handle.clock.advance_secs(16 * 60);
    let r = exchange(&s, &code, &[("client_secret", SECRET)]);
    assert_refused(
        &s,
        &r,
        &["expired-auth-code", "expired-authorization-code"],
        "ExpiredCode",
    );

    let code = code_of(&allow(
        &s,
        &[("code_challenge", "abc"), ("code_challenge_method", "S256")],
    ));
    let r = exchange(&s, &code, &[("code_verifier", "not-the-verifier")]);
    assert_refused(&s, &r, &["invalid-grant-pkce-verifier"], "PkceMismatch");
    let code = code_of(&allow(&s, &[("code_challenge", "abc")]));
    let r = exchange(&s, &code, &[("client_secret", SECRET)]);
    assert_refused(&s, &r, &["invalid-request-pkce"], "PkceRequired");

    let strict = start_org(demo_with(|spec| spec.apps[0].pkce_required = true));
    let page = strict.authorize_page(KEY, CALLBACK, &[("state", "s")]);
    assert_eq!(
        query_param(page.location.as_deref().unwrap(), "error").as_deref(),
        strict
            .k
            .error("invalid-request-pkce")
            .map(|e| e.error.as_str())
    );
}

#[test]
fn refresh_and_device_refusals() {
    let s = start();
    let r = s.grant("refresh_token", &[("refresh_token", "5Aep861nothing")]);
    assert_refused(&s, &r, &["expired-refresh-token"], "RefreshInvalid");
    let r = s.grant("device", &[("code", "M0nothing")]);
    assert_refused(
        &s,
        &r,
        &["invalid-auth-code", "expired-authorization-code"],
        "DeviceCodeInvalid",
    );
    let r = s.device_code(&[("scope", "api full")]);
    assert_refused(
        &s,
        &r,
        &["invalid-scope", "invalid-request"],
        "InvalidScope",
    );
    let started = s.device_code(&[]).json();
    s.handle.clock.advance_secs(11 * 60);
    let r = s.grant(
        "device",
        &[("code", started["device_code"].as_str().unwrap())],
    );
    assert_refused(
        &s,
        &r,
        &["invalid-auth-code", "expired-authorization-code"],
        "DeviceCodeInvalid",
    );
}

#[test]
fn slow_clients_are_dropped_and_do_not_block_others() {
    use std::io::{Read, Write};
    let s = start();
    let mut slow = std::net::TcpStream::connect(s.handle.addr).unwrap();
    slow.write_all(b"POST /services/oauth2/token HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // Others are served while the slow client dawdles.
    assert_eq!(cc(&s).status, 200);
    slow.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut buf = Vec::new();
    let _ = slow.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "the server closed the slow connection: {text}"
    );
}
