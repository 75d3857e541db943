//! `sfauth try`'s flows against `sfauth serve` in-process on a free port: each success, and each
//! refusal the local org gives, with the explanation checked. No test leaves this machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_support;
mod try_support;

use serve_support::{CALLBACK, KEY, SECRET, USER, demo_with, start, start_org};
use sfauth::model::Knowledge;
use sfauth::serve::org::demo;
use sfauth::serve::org::{FlowId, PermittedUsers, UserSpec};
use sfauth::try_flow::diagnosis::{Diagnosis, diagnose};
use sfauth::try_flow::http::Client;
use sfauth::try_flow::jwt_bearer::{self, JwtBearerRequest};
use sfauth::try_flow::secret_flows::{self, ClientCredentialsRequest, RefreshRequest};
use sfauth::try_flow::token::Refusal;
use sfauth::try_flow::web_server::{self, WebServerRequest};
use sfauth::try_flow::{Attempt, Outcome, Prompt, TryError, device};
use std::time::Duration;

const OTHER_KEY: &[u8] = include_bytes!("fixtures/jwt/key.pem");

fn client(url: &str) -> Client {
    Client::for_url(url, Duration::from_secs(20))
}

fn jwt<'a>(url: &'a str, username: &'a str, key: &'a [u8]) -> JwtBearerRequest<'a> {
    let now = chrono::Utc::now();
    JwtBearerRequest {
        client_id: KEY,
        username,
        key_pem: key,
        key_name: "key.pem",
        login_url: url,
        audience: None,
        cert: None,
        ttl_secs: 180,
        minted_at: now,
        sent_at: now,
    }
}

fn refused(a: &Attempt) -> &Refusal {
    match &a.outcome {
        Outcome::Refused(r) => r,
        Outcome::Granted(g) => panic!("expected a refusal, got a token: {:?}", g.token.raw),
    }
}

fn granted_user(a: &Attempt) -> String {
    match &a.outcome {
        Outcome::Granted(g) => g.identity.as_ref().unwrap().username.clone().unwrap(),
        Outcome::Refused(r) => panic!("refused: {}", r.body),
    }
}

/// The first org-side setting the diagnosis points at names `what`.
fn assert_org_side_first_names(d: &Diagnosis<'_>, what: &str) {
    let first = d.org_side.first().copied().unwrap_or_default();
    assert!(
        first.contains(what),
        "{what:?} not first in {:?}",
        d.org_side
    );
}

fn cc(url: &str, secret: &str) -> Result<Attempt, TryError> {
    let req = ClientCredentialsRequest {
        client_id: KEY,
        client_secret: secret,
        login_url: url,
    };
    secret_flows::client_credentials(&mut client(url), &req)
}

fn k() -> Knowledge {
    Knowledge::builtin().unwrap()
}

#[test]
fn jwt_bearer_gets_a_token_and_the_identity() {
    let s = start();
    let a = jwt_bearer::run(
        &k(),
        &mut client(&s.url),
        &jwt(&s.url, USER, demo::DEMO_KEY_PEM.as_bytes()),
    )
    .unwrap();
    assert_eq!(granted_user(&a), USER);
    let Outcome::Granted(g) = &a.outcome else {
        unreachable!()
    };
    assert_eq!(g.token.instance_url.as_deref(), Some(s.url.as_str()));
    assert!(g.token.scopes().contains(&"api".to_string()));
    assert_eq!(a.exchanges.len(), 2, "token request, then userinfo");
    let sent = a.exchanges[0].request_body.as_deref().unwrap();
    assert!(
        sent.contains("assertion=eyJ") && sent.contains("redacted"),
        "{sent}"
    );
    assert!(!a.exchanges[0].response_body.contains(&g.token.access_token));
}

#[test]
fn a_key_the_app_does_not_hold_is_predicted_with_the_certificate_and_explained_without() {
    let s = start();
    let kn = k();
    let cert = sfauth::inspect::KeyMaterial::parse(demo::DEMO_CERT_PEM.as_bytes(), "demo-app.crt")
        .unwrap();
    let mut req = jwt(&s.url, USER, OTHER_KEY);
    req.cert = Some(&cert);
    let a = jwt_bearer::run(&kn, &mut client(&s.url), &req).unwrap();
    let r = refused(&a);
    assert_eq!(r.line(), "invalid_grant: invalid assertion");
    let d = diagnose(&kn, r, "jwt-bearer", &a.findings);
    assert_eq!(d.predicted_by[0].check, "J12", "{:?}", d.predicted_by);
    assert!(d.org_side.is_empty());
    assert!(
        d.explanation
            .entries
            .iter()
            .any(|e| e.id == "invalid-assertion")
    );

    let blind = jwt_bearer::run(&kn, &mut client(&s.url), &jwt(&s.url, USER, OTHER_KEY)).unwrap();
    let d = diagnose(&kn, refused(&blind), "jwt-bearer", &blind.findings);
    assert!(d.predicted_by.is_empty());
    assert_org_side_first_names(&d, "certificate uploaded to the app");
}

#[test]
fn a_wrong_audience_is_refused_and_explained() {
    let s = start();
    let kn = k();
    let mut req = jwt(&s.url, USER, demo::DEMO_KEY_PEM.as_bytes());
    req.audience = Some("https://login.salesforce.com");
    let a = jwt_bearer::run(&kn, &mut client(&s.url), &req).unwrap();
    let r = refused(&a);
    assert_eq!(
        (r.status, r.line().as_str()),
        (400, "invalid_grant: audience is invalid")
    );
    let d = diagnose(&kn, r, "jwt-bearer", &a.findings);
    assert_eq!(d.explanation.entries[0].id, "audience-invalid");
    assert_org_side_first_names(&d, "aud must be");
}

#[test]
fn a_user_who_is_not_pre_authorized_points_at_permitted_users() {
    let org = demo_with(|spec| {
        spec.users.push(UserSpec {
            comment: None,
            username: "outsider@demo.sfauth.local".into(),
            password: "pw".into(),
            active: true,
            profile: "Standard User".into(),
            login_ip_ranges: Vec::new(),
        });
        spec.apps[0].permitted_users = PermittedUsers::AdminApprovedUsersArePreAuthorized;
    });
    let s = start_org(org);
    let kn = k();
    let req = jwt(
        &s.url,
        "outsider@demo.sfauth.local",
        demo::DEMO_KEY_PEM.as_bytes(),
    );
    let a = jwt_bearer::run(&kn, &mut client(&s.url), &req).unwrap();
    let r = refused(&a);
    assert_eq!(
        r.line(),
        "invalid_grant: user hasn't approved this consumer"
    );
    let d = diagnose(&kn, r, "jwt-bearer", &a.findings);
    assert_org_side_first_names(&d, "Permitted Users");
}

#[test]
fn client_credentials_success_and_a_bad_secret() {
    let s = start();
    let kn = k();
    let ok = cc(&s.url, SECRET).unwrap();
    assert_eq!(granted_user(&ok), USER);
    let bad = cc(&s.url, "nope").unwrap();
    let r = refused(&bad);
    assert_eq!(r.error.as_deref(), Some("invalid_client"));
    assert!(
        !bad.exchanges[0]
            .request_body
            .as_deref()
            .unwrap()
            .contains("nope")
    );
    let d = diagnose(&kn, r, "client-credentials", &bad.findings);
    assert_org_side_first_names(&d, "consumer secret");
}

#[test]
fn a_flow_the_app_does_not_enable_is_refused() {
    let s = start_org(demo_with(|spec| {
        spec.apps[0]
            .flows
            .retain(|f| *f != FlowId::ClientCredentials);
    }));
    let a = cc(&s.url, SECRET).unwrap();
    let r = refused(&a);
    assert_eq!(
        r.line(),
        "invalid_grant: no client credentials user enabled"
    );
    let kn = k();
    let d = diagnose(&kn, r, "client-credentials", &a.findings);
    assert_org_side_first_names(&d, "Run As");
}

/// Runs the web server flow with the test as the browser; `action` is allow or deny.
fn web_server_run(url: &str, callback: &str, scope: Option<&str>, action: &'static str) -> Attempt {
    let req = WebServerRequest {
        client_id: KEY,
        client_secret: Some(SECRET),
        login_url: url,
        callback,
        scope,
        wait: Duration::from_secs(30),
    };
    let mut browser = None;
    let attempt = web_server::run(&mut client(url), &req, &mut |prompt| {
        let Prompt::Browser { url } = prompt else {
            panic!("no browser prompt")
        };
        assert!(url.contains("code_challenge_method=S256") && url.contains("state="));
        browser = Some(std::thread::spawn(move || {
            try_support::browser_login(&url, USER, action)
        }));
    })
    .unwrap();
    assert_eq!(browser.unwrap().join().unwrap(), 200, "the callback page");
    attempt
}

fn org_with_callback() -> (serve_support::Server, String) {
    let callback = format!(
        "http://localhost:{}/OAuthRedirect",
        try_support::free_port()
    );
    let cb = callback.clone();
    let s = start_org(demo_with(move |spec| spec.apps[0].callback_urls = vec![cb]));
    (s, callback)
}

#[test]
fn web_server_end_to_end_then_refresh_and_a_replayed_refresh_token() {
    let (s, callback) = org_with_callback();
    let a = web_server_run(&s.url, &callback, Some("api refresh_token"), "allow");
    assert_eq!(granted_user(&a), USER);
    assert!(
        a.exchanges[0].url.starts_with(&callback),
        "the redirect is recorded first"
    );
    let Outcome::Granted(g) = &a.outcome else {
        unreachable!()
    };
    let refresh_token = g.token.refresh_token.clone().expect("a refresh token");

    let req = RefreshRequest {
        client_id: KEY,
        client_secret: Some(SECRET),
        refresh_token: &refresh_token,
        login_url: &s.url,
    };
    let renewed = secret_flows::refresh(&mut client(&s.url), &req).unwrap();
    assert_eq!(granted_user(&renewed), USER);
    // The demo app rotates refresh tokens: the old one is now spent.
    let replayed = secret_flows::refresh(&mut client(&s.url), &req).unwrap();
    let r = refused(&replayed);
    assert_eq!(r.error.as_deref(), Some("invalid_grant"), "{}", r.body);
    let kn = k();
    let d = diagnose(&kn, r, "refresh-token", &replayed.findings);
    assert!(!d.explanation.entries.is_empty());
}

#[test]
fn web_server_deny_comes_back_as_access_denied() {
    let (s, callback) = org_with_callback();
    let a = web_server_run(&s.url, &callback, None, "deny");
    let r = refused(&a);
    assert_eq!((r.status, r.error.as_deref()), (302, Some("access_denied")));
    let kn = k();
    let d = diagnose(&kn, r, "web-server", &a.findings);
    assert_eq!(d.explanation.entries[0].id, "access-denied");
    assert_org_side_first_names(&d, "Deny");
}

#[test]
fn web_server_refuses_a_redirect_with_the_wrong_state() {
    let (s, callback) = org_with_callback();
    let req = WebServerRequest {
        client_id: KEY,
        client_secret: None,
        login_url: &s.url,
        callback: &callback,
        scope: None,
        wait: Duration::from_secs(30),
    };
    let forged = callback.clone();
    let e = web_server::run(&mut client(&s.url), &req, &mut |_| {
        let forged = forged.clone();
        std::thread::spawn(move || {
            ureq::get(&format!("{forged}?code=abc&state=forged"))
                .call()
                .unwrap();
        });
    })
    .unwrap_err();
    assert!(
        matches!(&e, TryError::Rejected(m) if m.contains("state")),
        "{e}"
    );
}

fn device_run(url: &str, action: &'static str) -> Attempt {
    let req = device::DeviceRequest {
        client_id: KEY,
        login_url: url,
        scope: Some("api refresh_token"),
        wait: Duration::from_secs(60),
    };
    device::run(&mut client(url), &req, &mut |prompt| {
        let Prompt::DeviceCode {
            user_code,
            verification_uri,
        } = prompt
        else {
            panic!("no device prompt")
        };
        try_support::approve_device(&verification_uri, &user_code, action);
    })
    .unwrap()
}

#[test]
fn device_flow_polls_until_approved() {
    let s = start();
    let a = device_run(&s.url, "allow");
    assert_eq!(granted_user(&a), USER);
}

#[test]
fn device_flow_denied_is_explained() {
    let s = start();
    let a = device_run(&s.url, "deny");
    let r = refused(&a);
    assert_eq!(r.error.as_deref(), Some("access_denied"), "{}", r.body);
}

#[test]
fn nothing_listening_is_a_network_error_naming_the_host() {
    let port = try_support::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let e = cc(&url, SECRET).unwrap_err();
    let TryError::Net(n) = e else { panic!("{e}") };
    assert_eq!(n.host, format!("127.0.0.1:{port}"));
    let _ = CALLBACK;
}
