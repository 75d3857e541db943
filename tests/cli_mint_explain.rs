#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth mint jwt-bearer` and `sfauth explain`, run as the built binary.

use assert_cmd::Command;
use serde_json::Value;
use sfauth::model::Knowledge;

mod cli_support;
use cli_support::{findings_of, json_of, jwt_fixture, sfauth, stderr_of, stdout_of};

const AT: &str = "2027-01-01T00:00:00Z";

fn mint(extra: &[&str]) -> Command {
    let mut cmd = sfauth();
    cmd.args(["mint", "jwt-bearer", "--client-id", "3MVG9mintTest"])
        .args([
            "--username",
            "ana@acme.com.uat",
            "--key",
            &jwt_fixture("key.pem"),
        ])
        .args(["--login-url", "https://test.salesforce.com", "--at", AT])
        .args(extra);
    cmd
}

#[test]
fn minting_at_a_fixed_instant_is_reproducible() {
    let a = stdout_of(&mut mint(&[]), 0);
    let b = stdout_of(&mut mint(&[]), 0);
    assert_eq!(a, b);
    assert_eq!(a.trim().split('.').count(), 3);
}

#[test]
fn a_minted_assertion_passes_inspect_with_the_matching_certificate() {
    let token = stdout_of(&mut mint(&[]), 0);
    let r = json_of(
        sfauth()
            .args([
                "inspect",
                token.trim(),
                "--key",
                &jwt_fixture("cert.pem"),
                "--json",
            ])
            .args(["--at", AT, "--client-id", "3MVG9mintTest"])
            .args([
                "--username",
                "ana@acme.com.uat",
                "--login-url",
                "https://test.salesforce.com",
            ]),
        0,
    );
    assert_eq!(r["profile"], "jwt-bearer");
    assert_eq!(r["signature"]["status"], "valid");
    assert_eq!(r["findings"], Value::Array(vec![]), "{r:#}");
    assert_eq!(r["claims"]["exp"], 1_798_761_780);
    // The other fixture certificate does not match the signing key.
    sfauth()
        .args([
            "inspect",
            token.trim(),
            "--key",
            &jwt_fixture("other-cert.pem"),
            "--at",
            AT,
        ])
        .assert()
        .code(1);
}

#[test]
fn long_ttl_warns_on_stderr_and_inspect_flags_j10() {
    let assert = mint(&["--ttl", "600"]).assert().code(0);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("3 minutes"), "{stderr}");
    let token = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let r = json_of(
        sfauth().args(["inspect", token.trim(), "--json", "--at", AT]),
        0,
    );
    assert!(!findings_of(&r, "J10").is_empty(), "{r:#}");
}

#[test]
fn curl_and_json_output() {
    let curl = stdout_of(&mut mint(&["--curl"]), 0);
    assert!(
        curl.starts_with("curl -sS -X POST 'https://test.salesforce.com/services/oauth2/token'")
    );
    assert!(curl.contains("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer"));
    let token = stdout_of(&mut mint(&[]), 0);
    assert!(curl.contains(&format!("assertion={}", token.trim())));
    let json = json_of(&mut mint(&["--json"]), 0);
    assert_eq!(json["assertion"], token.trim());
    assert_eq!(json["claims"]["aud"], "https://test.salesforce.com");
    assert_eq!(
        json["token_url"],
        "https://test.salesforce.com/services/oauth2/token"
    );
}

#[test]
fn mint_refuses_a_certificate_or_a_bad_url() {
    let mut cmd = sfauth();
    cmd.args([
        "mint",
        "jwt-bearer",
        "--client-id",
        "x",
        "--username",
        "u@x.com",
    ])
    .args(["--key", &jwt_fixture("cert.pem")]);
    let stderr = stderr_of(&mut cmd, 2);
    assert!(stderr.contains("not an RSA private key"), "{stderr}");
    mint(&["--login-url", "login.salesforce.com"])
        .assert()
        .code(2);
    mint(&["--ttl", "0"]).assert().code(2);
}

fn explain_json(input: &str, code: i32) -> Value {
    json_of(sfauth().args(["explain", input, "--json"]), code)
}

#[test]
fn explain_matches_every_catalog_entry_in_each_input_form() {
    let k = Knowledge::builtin().unwrap();
    for e in k.errors.iter().filter(|e| e.description.is_some()) {
        let d = e.description.as_deref().unwrap();
        let body = serde_json::json!({"error": e.error, "error_description": d}).to_string();
        for input in [body, e.display_line(), d.to_string()] {
            let r = explain_json(&input, 0);
            assert_eq!(r["matched"], true, "{input}");
            let ids: Vec<&str> = r["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap())
                .collect();
            assert!(ids.contains(&e.id.as_str()), "{input}: {ids:?}");
        }
    }
}

/// Exit code `explain` gives for the audience error: 0 when the catalog has it.
fn audience_code() -> i32 {
    i32::from(
        Knowledge::builtin()
            .unwrap()
            .error("audience-invalid")
            .is_none(),
    )
}

#[test]
fn explain_json_shape_and_text() {
    let r = explain_json("invalid_grant: audience is invalid", audience_code());
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["entries", "matched", "query"]);
    assert_eq!(r["query"]["error"], "invalid_grant");
    assert_eq!(r["query"]["description"], "audience is invalid");
    let k = Knowledge::builtin().unwrap();
    if let Some(e) = k.error("audience-invalid") {
        let text = stdout_of(
            sfauth().args(["explain", "invalid_grant: audience is invalid"]),
            0,
        );
        assert!(text.contains(&e.display_line()));
        for check in &e.checks {
            assert!(text.contains(check.as_str()), "{check} listed");
        }
    }
}

#[test]
fn explain_without_a_match_exits_1_with_the_closest() {
    let r = explain_json("invalid_grant: audience does not look right", 1);
    assert_eq!(r["matched"], false);
    assert!(r["entries"].as_array().unwrap().len() <= 3);
    let none = stdout_of(sfauth().args(["explain", "qqqq zzzz"]), 1);
    assert!(none.contains("no catalog entry matches"));
}

#[test]
fn explain_reads_stdin_and_rejects_empty_input() {
    let r = json_of(
        sfauth().args(["explain", "-", "--json"]).write_stdin(
            "{\"error\":\"invalid_grant\",\"error_description\":\"audience is invalid\"}\n",
        ),
        audience_code(),
    );
    assert_eq!(r["query"]["description"], "audience is invalid");
    let stderr = stderr_of(sfauth().args(["explain", "  "]), 2);
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn explain_names_what_tells_apart_entries_sharing_a_response() {
    let k = Knowledge::builtin().unwrap();
    let text = stdout_of(
        sfauth().args(["explain", "invalid_grant: invalid assertion"]),
        0,
    );
    let shared: Vec<_> = k
        .errors
        .iter()
        .filter(|e| e.display_line() == "invalid_grant: invalid assertion")
        .collect();
    assert!(shared.len() > 1);
    for e in shared {
        assert!(text.contains(&e.title()), "{}", e.id);
    }
    assert!(text.contains("Response: invalid_grant: invalid assertion"));
    let history = explain_json("Failed: Not approved for access", 0);
    assert_eq!(history["entries"][0]["id"], "not-approved-for-access");
    assert_eq!(history["entries"][0]["error"], Value::Null);
}
