//! `sfauth try` as a user runs it: the real binary against `sfauth serve` in-process on a free
//! port. Output text, JSON shape, exit codes, `--save`, `--verbose` redaction.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;
mod serve_support;
mod try_support;

use cli_support::{assert_contains_all, json_of, sfauth, stderr_of, stdout_of};
use serde_json::Value;
use serve_support::{KEY, SECRET, Server, USER, demo_with, start, start_org};
use sfauth::serve::org::demo;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// The key pair in a temp folder, as `sfauth serve --init` writes it.
fn key_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("demo-app.key"), demo::DEMO_KEY_PEM).unwrap();
    std::fs::write(dir.path().join("demo-app.crt"), demo::DEMO_CERT_PEM).unwrap();
    dir
}

fn try_cmd() -> assert_cmd::Command {
    let mut cmd = sfauth();
    for v in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(v);
    }
    cmd.arg("try");
    cmd
}

/// `try jwt-bearer` as the demo user of the demo app, signing with `key`, at `url`.
fn jwt_bearer(url: &str, key: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = try_cmd();
    cmd.args(["jwt-bearer", "--client-id", KEY, "--username", USER])
        .arg("--key")
        .arg(key)
        .args(["--login-url", url]);
    cmd
}

/// A local org, the demo app's key pair in a temp folder, and `try jwt-bearer` signing with
/// that key against the org.
fn jwt_bearer_with_demo_key() -> (Server, tempfile::TempDir, assert_cmd::Command) {
    let s = start();
    let dir = key_files();
    let cmd = jwt_bearer(&s.url, &dir.path().join("demo-app.key"));
    (s, dir, cmd)
}

/// `try client-credentials` with the demo app's consumer key and this secret, at `login_url`.
fn client_credentials(secret: &str, login_url: &str) -> assert_cmd::Command {
    let mut cmd = try_cmd();
    cmd.args(["client-credentials", "--client-id", KEY]).args([
        "--client-secret",
        secret,
        "--login-url",
        login_url,
    ]);
    cmd
}

#[test]
fn jwt_bearer_success_prints_the_identity_and_a_redacted_token() {
    let (s, _dir, mut cmd) = jwt_bearer_with_demo_key();
    let text = stdout_of(&mut cmd, 0);
    assert!(text.starts_with("✔ jwt-bearer: token issued by"), "{text}");
    assert!(text.contains(&format!("User          {USER}")), "{text}");
    assert!(text.contains(&format!("Instance URL  {}", s.url)), "{text}");
    assert!(text.contains("Scopes        api"), "{text}");
    assert!(text.contains("no expires_in: the token lasts for the session timeout"));
    assert!(text.contains("(redacted, ") && text.contains("--show-token prints it"));
    assert!(text.contains("nothing written"));
}

#[test]
fn json_success_with_show_token_and_save_writes_a_private_file() {
    let (s, dir, mut cmd) = jwt_bearer_with_demo_key();
    let saved = dir.path().join("token.json");
    let r = json_of(
        cmd.args(["--json", "--show-token", "--save"]).arg(&saved),
        0,
    );
    assert_eq!(r["flow"], "jwt-bearer");
    assert_eq!(r["ok"], true);
    assert_eq!(r["identity"]["username"], USER);
    assert_eq!(r["token"]["instance_url"], s.url.as_str());
    assert!(r["refusal"].is_null());
    let token = r["token"]["access_token"].as_str().unwrap();
    assert!(!token.contains("redacted"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(file["access_token"], token);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_broken_key_is_refused_with_exit_1_and_the_prediction() {
    let s = start();
    let dir = key_files();
    let text = stdout_of(
        jwt_bearer(&s.url, std::path::Path::new("tests/fixtures/jwt/key.pem"))
            .arg("--cert")
            .arg(dir.path().join("demo-app.crt")),
        1,
    );
    assert!(text.contains("HTTP 400"), "{text}");
    assert!(text.contains(r#"{"error":"invalid_grant","error_description":"invalid assertion"}"#));
    assert!(
        text.contains("What was sent predicted this answer"),
        "{text}"
    );
    assert!(
        text.contains("J12 error: signature does not verify"),
        "{text}"
    );
    assert!(text.contains("error:invalid-assertion"), "{text}");
}

#[test]
fn a_broken_audience_names_the_org_side_settings() {
    let (_s, _dir, mut cmd) = jwt_bearer_with_demo_key();
    let r = json_of(
        cmd.args(["--audience", "https://login.salesforce.com", "--json"]),
        1,
    );
    assert_eq!(r["ok"], false);
    let refusal = &r["refusal"];
    assert_eq!(refusal["status"], 400);
    assert_eq!(refusal["error_description"], "audience is invalid");
    assert_eq!(refusal["catalog"]["entries"][0]["id"], "audience-invalid");
    assert!(
        refusal["org_side"][0]
            .as_str()
            .unwrap()
            .contains("aud must be")
    );
}

#[test]
fn client_credentials_with_a_secret_file_and_verbose_redaction() {
    let s = start();
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let assert = try_cmd()
        .args([
            "client-credentials",
            "--client-id",
            KEY,
            "--login-url",
            &s.url,
            "--verbose",
        ])
        .arg("--client-secret")
        .arg(format!("@{}", secret.display()))
        .assert()
        .code(0);
    let out = assert.get_output();
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(
        stderr.contains("> POST ") && stderr.contains("< 200"),
        "{stderr}"
    );
    assert!(!stderr.contains(SECRET), "the secret leaked: {stderr}");
    assert!(
        stderr.contains("client_secret=sfauth…(redacted"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(stdout.contains("✔ client-credentials"), "{stdout}");
}

#[test]
fn a_wrong_secret_is_explained() {
    let s = start();
    let text = stdout_of(&mut client_credentials("wrong", &s.url), 1);
    assert_contains_all(
        &text,
        &[
            "invalid_client: invalid client credentials",
            "on the org's side this answer comes from",
            "The consumer secret does not match",
        ],
    );
}

#[test]
fn nothing_listening_exits_2_with_one_line_naming_the_host() {
    let port = try_support::free_port();
    let login_url = format!("http://127.0.0.1:{port}");
    let stderr = stderr_of(&mut client_credentials(SECRET, &login_url), 2);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "sfauth: cannot reach 127.0.0.1:{port}: connection refused (nothing listens on that port)"
        )
    );
}

#[test]
fn bad_usage_exits_2() {
    client_credentials(SECRET, "http://example.com")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "uses http:// on a host other than this machine",
        ));
    try_cmd()
        .args([
            "refresh",
            "--client-id",
            KEY,
            "--refresh-token",
            "5Aep-literal",
        ])
        .args(["--login-url", "https://login.salesforce.com"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("@FILE"));
}

#[test]
fn web_server_with_no_browser_and_the_test_as_the_browser() {
    let callback = format!(
        "http://localhost:{}/OAuthRedirect",
        try_support::free_port()
    );
    let cb = callback.clone();
    let s = start_org(demo_with(move |spec| spec.apps[0].callback_urls = vec![cb]));
    let bin = assert_cmd::cargo::cargo_bin("sfauth");
    let mut child = std::process::Command::new(bin)
        .env("NO_COLOR", "1")
        .args([
            "try",
            "web-server",
            "--client-id",
            KEY,
            "--login-url",
            &s.url,
        ])
        .args([
            "--callback",
            &callback,
            "--no-browser",
            "--json",
            "--wait",
            "60",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let url = stderr
        .lines()
        .map(Result::unwrap)
        .find(|l| l.starts_with("http"))
        .expect("the authorize URL on stderr");
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    assert_eq!(try_support::browser_login(&url, USER, "allow"), 200);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["identity"]["username"], USER);
    assert_eq!(r["exchanges"][0]["method"], "GET");
    let redirect = r["exchanges"][0]["url"].as_str().unwrap();
    assert!(
        redirect.contains("code=") && redirect.contains("redacted"),
        "{redirect}"
    );
}

#[test]
fn https_proxy_is_honoured_and_named_when_it_fails() {
    let port = try_support::free_port();
    // `.invalid` never resolves: only the proxy (closed, on loopback) is ever contacted.
    let stderr = stderr_of(
        client_credentials(SECRET, "https://sfauth-proxy-test.invalid")
            .env("HTTPS_PROXY", format!("http://127.0.0.1:{port}"))
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .args(["--timeout", "10"]),
        2,
    );
    assert!(
        stderr.starts_with("sfauth: cannot reach sfauth-proxy-test.invalid: ")
            && stderr.contains(&format!("through the proxy 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
