#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The error catalog covers Salesforce's OAuth error tables, and `explain` finds each error
//! first from every way a user may paste it: the JSON body, the REST API's array form,
//! `error: description`, and the description alone.

use assert_cmd::Command;
use serde_json::{Value, json};
use sfauth::explain::{MatchKind, explain, parse};
use sfauth::model::Knowledge;

/// Catalog id, HTTP status, `error`, `error_description`: the refusals a local OAuth server
/// takes from the catalog by id, so ids must stay stable.
const TABLE: &[(&str, Option<u16>, &str, Option<&str>)] = &[
    (
        "ip-restricted",
        Some(400),
        "invalid_grant",
        Some("ip restricted or invalid login hours"),
    ),
    (
        "invalid-auth-code",
        Some(400),
        "invalid_grant",
        Some("invalid authorization code"),
    ),
    (
        "expired-authorization-code",
        Some(400),
        "invalid_grant",
        Some("expired authorization code"),
    ),
    (
        "authentication-failure",
        Some(400),
        "invalid_grant",
        Some("authentication failure"),
    ),
    (
        "invalid-user-credentials",
        Some(400),
        "invalid_grant",
        Some("invalid user credentials"),
    ),
    (
        "invalid-code-verifier",
        Some(400),
        "invalid_grant",
        Some("invalid code verifier"),
    ),
    (
        "expired-refresh-token",
        Some(400),
        "invalid_grant",
        Some("expired access/refresh token"),
    ),
    (
        "no-client-credentials-user",
        Some(400),
        "invalid_grant",
        Some("no client credentials user enabled"),
    ),
    (
        "invalid-client-id",
        Some(400),
        "invalid_client_id",
        Some("client identifier invalid"),
    ),
    (
        "invalid-client-credentials",
        Some(400),
        "invalid_client_credentials",
        Some("client secret invalid"),
    ),
    (
        "invalid-client",
        Some(400),
        "invalid_client",
        Some("invalid client credentials"),
    ),
    (
        "inactive-user",
        Some(400),
        "inactive_user",
        Some("user is inactive"),
    ),
    (
        "inactive-org",
        Some(400),
        "inactive_org",
        Some("organization is locked, closed, or suspended"),
    ),
    (
        "rate-limit-exceeded",
        Some(400),
        "rate_limit_exceeded",
        Some("number of logins exceeded"),
    ),
    (
        "invalid-scope",
        Some(400),
        "invalid_scope",
        Some("requested scope is invalid, unknown, or malformed"),
    ),
    (
        "redirect-uri-missing",
        Some(400),
        "redirect_uri_missing",
        Some("redirect_uri not provided"),
    ),
    (
        "redirect-uri-mismatch",
        Some(400),
        "redirect_uri_mismatch",
        Some("redirect_uri must match configuration"),
    ),
    (
        "unsupported-response-type",
        Some(400),
        "unsupported_response_type",
        Some("response type not supported"),
    ),
    (
        "unsupported-grant-type",
        Some(400),
        "unsupported_grant_type",
        Some("grant type not supported"),
    ),
    (
        "access-denied",
        None,
        "access_denied",
        Some("end-user denied authorization"),
    ),
    (
        "immediate-unsuccessful",
        None,
        "immediate_unsuccessful",
        Some("immediate unsuccessful"),
    ),
    (
        "invalid-request-https",
        Some(400),
        "invalid_request",
        Some("HTTPS required"),
    ),
    (
        "invalid-request-post",
        Some(400),
        "invalid_request",
        Some("must use HTTP POST"),
    ),
    (
        "invalid-request-get",
        Some(400),
        "invalid_request",
        Some("must use HTTP GET"),
    ),
    (
        "invalid-request-secret-type",
        Some(400),
        "invalid_request",
        Some("secret type not supported"),
    ),
    (
        "authorization-pending",
        Some(400),
        "authorization_pending",
        None,
    ),
    ("slow-down", Some(400), "slow_down", None),
    (
        "invalid-session-id",
        Some(401),
        "INVALID_SESSION_ID",
        Some("Session expired or invalid"),
    ),
];

/// The ways a user pastes one error: OAuth JSON body, REST array body, `error: description`,
/// and the description alone (when the error has one).
fn forms(error: &str, description: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    match description {
        Some(d) => {
            out.push(json!({"error": error, "error_description": d}).to_string());
            out.push(json!([{"message": d, "errorCode": error}]).to_string());
            out.push(format!("{error}: {d}"));
            out.push(d.to_string());
        }
        None => {
            out.push(json!({"error": error}).to_string());
            out.push(error.to_string());
        }
    }
    out
}

fn first_match(k: &Knowledge, input: &str) -> Option<String> {
    let found = explain(k, &parse(input).unwrap());
    (found.kind == MatchKind::Matched)
        .then(|| found.entries.first().map(|e| e.id.clone()))
        .flatten()
}

#[test]
fn the_catalog_holds_every_error_of_the_table_as_written() {
    let k = Knowledge::builtin().unwrap();
    for (id, status, error, description) in TABLE {
        let e = k
            .error(id)
            .unwrap_or_else(|| panic!("error {id} is catalogued"));
        assert_eq!(e.error, *error, "{id}");
        assert_eq!(e.description.as_deref(), *description, "{id}");
        assert_eq!(e.http_status, *status, "{id}");
        assert!(!e.causes.is_empty() && !e.fixes.is_empty(), "{id}");
    }
}

#[test]
fn explain_finds_each_error_first_in_every_input_form() {
    let k = Knowledge::builtin().unwrap();
    let mut misses = Vec::new();
    for (id, _, error, description) in TABLE {
        for input in forms(error, *description) {
            let got = first_match(&k, &input);
            if got.as_deref() != Some(id) {
                misses.push(format!("{input} -> {got:?}, want {id}"));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn pkce_mismatch_is_found_in_both_documented_and_observed_forms() {
    let k = Knowledge::builtin().unwrap();
    let documented = explain(&k, &parse(r#"{"error":"invalid_request"}"#).unwrap());
    assert!(
        documented
            .entries
            .iter()
            .any(|e| e.id == "invalid-request-pkce")
    );
    assert_eq!(
        first_match(&k, "invalid_grant: invalid code verifier").as_deref(),
        Some("invalid-code-verifier")
    );
}

#[test]
fn a_login_history_status_is_not_an_error_code() {
    let k = Knowledge::builtin().unwrap();
    let by_code = explain(&k, &parse("OAUTH_APP_ACCESS_DENIED").unwrap());
    let ids: Vec<&str> = by_code.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["oauth-app-access-denied"]);
    assert_eq!(
        first_match(&k, "Failed: Not approved for access").as_deref(),
        Some("not-approved-for-access")
    );
}

fn sfauth_explain(input: &str) -> Value {
    let out = Command::cargo_bin("sfauth")
        .unwrap()
        .env_remove("SFAUTH_PACK")
        .env("NO_COLOR", "1")
        .args(["explain", input, "--json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn the_binary_explains_the_same_way() {
    for (input, id) in [
        (
            r#"{"error":"inactive_user","error_description":"user is inactive"}"#,
            "inactive-user",
        ),
        (
            r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
            "invalid-session-id",
        ),
        (
            "redirect_uri_mismatch: redirect_uri must match configuration",
            "redirect-uri-mismatch",
        ),
        ("ip restricted or invalid login hours", "ip-restricted"),
    ] {
        let r = sfauth_explain(input);
        assert_eq!(r["matched"], true, "{input}");
        assert_eq!(r["entries"][0]["id"], id, "{input}");
        assert!(r["entries"][0]["title"].is_string(), "{input}");
    }
}
