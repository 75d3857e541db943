//! The real `sfauth serve` binary: first stdout line, a token request, Ctrl-C; `--init` and
//! `--org` with a broken org file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::cargo::CommandCargoExt;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn the_binary_prints_its_url_first_serves_and_stops_on_ctrl_c() {
    let mut child = Command::cargo_bin("sfauth")
        .unwrap()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let mut rest = String::new();
    for _ in 0..6 {
        out.read_line(&mut rest).unwrap();
    }
    assert!(rest.contains("demo-app.key"), "{rest}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut r = agent
        .post(format!("{url}/services/oauth2/token"))
        .send_form([
            ("grant_type", "client_credentials"),
            ("client_id", "sfauth-demo-consumer-key"),
            ("client_secret", "sfauth-demo-secret"),
        ])
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body = r.body_mut().read_to_string().unwrap();
    assert!(body.contains("access_token"));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(
        log.contains("POST /services/oauth2/token grant=client_credentials outcome=200"),
        "{log}"
    );
    assert!(!log.contains("sfauth-demo-secret"), "{log}");
}

#[test]
fn init_writes_the_demo_org_and_org_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("practice");
    let init = || {
        Command::cargo_bin("sfauth")
            .unwrap()
            .args(["serve", "--init"])
            .arg(&target)
            .output()
            .unwrap()
    };
    let out = init();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["org.json", "demo-app.key", "demo-app.crt"] {
        assert!(target.join(f).exists(), "{f}");
    }
    let key = std::fs::read_to_string(target.join("demo-app.key")).unwrap();
    assert!(key.starts_with("-----BEGIN PRIVATE KEY-----"));
    let org = sfauth::serve::org::load_file(&target.join("org.json")).unwrap();
    assert_eq!(org.users[0].spec.username, "integration@demo.sfauth.local");
    assert_eq!(init().status.code(), Some(2), "never overwrites");
}

fn demo_spec() -> serde_json::Value {
    serde_json::from_str(&sfauth::serve::org::demo::org_json()).unwrap()
}

/// Runs `sfauth serve --org PATH`, expects exit 2, returns stderr.
fn refused_org(path: &std::path::Path) -> String {
    let out = Command::cargo_bin("sfauth")
        .unwrap()
        .args(["serve", "--org"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_broken_org_file_names_file_entry_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.json");
    let mut spec = demo_spec();
    spec["apps"][0]["colour"] = "blue".into();
    spec["users"][0]["nickname"] = "x".into();
    std::fs::write(&path, spec.to_string()).unwrap();
    let err = refused_org(&path);
    assert!(
        err.contains("org.json: apps[0] \"sfauth demo app\": unknown field \"colour\""),
        "{err}"
    );
    assert!(
        err.contains("users[0] \"integration@demo.sfauth.local\": unknown field \"nickname\""),
        "{err}"
    );

    let mut spec = demo_spec();
    spec["apps"][0]["client_credentials_user"] = "ghost@demo.sfauth.local".into();
    std::fs::write(&path, spec.to_string()).unwrap();
    std::fs::write(
        dir.path().join("demo-app.crt"),
        sfauth::serve::org::demo::DEMO_CERT_PEM,
    )
    .unwrap();
    let err = refused_org(&path);
    assert!(
        err.contains("field client_credentials_user: no user \"ghost@demo.sfauth.local\" in users"),
        "{err}"
    );
}
