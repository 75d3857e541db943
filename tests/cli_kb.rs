#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth kb ...`, `completions` and `--version`, run as the built binary.

use predicates::prelude::*;
use serde_json::Value;

mod cli_support;
use cli_support::{refused, sfauth, stderr_of, success_showing};

fn json_of(args: &[&str]) -> Value {
    cli_support::json_of(sfauth().args(args), 0)
}

#[test]
fn version_prints_the_crate_version() {
    sfauth()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        sfauth()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("sfauth"));
    }
    sfauth().args(["completions", "tcsh"]).assert().code(2);
}

/// Subcommands build their arguments lazily; a completion script must still hold the whole
/// tree: a nested subcommand's flags, and the nested names `sfauth help kb` offers.
#[test]
fn completions_cover_nested_subcommands_and_their_flags() {
    success_showing(
        sfauth().args(["completions", "fish"]),
        &[
            "__fish_seen_subcommand_from kb\" -f -a \"show\"",
            "__fish_sfauth_using_subcommand inspect\" -l login-url",
            "-l client-id",
            "-l listen",
        ],
    );
}

#[test]
fn kb_list_json_has_id_kind_and_title_for_every_kind() {
    let all = json_of(&["kb", "list", "--json"]);
    let rows = all.as_array().unwrap();
    assert!(rows.len() > 150);
    for row in rows {
        assert!(row["id"].is_string() && row["kind"].is_string() && row["title"].is_string());
    }
    let strategies = json_of(&["kb", "list", "strategies", "--json"]);
    let rows = strategies.as_array().unwrap();
    assert!(
        rows.iter()
            .all(|r| r["kind"] == "strategy" && r["name"].is_string())
    );
    assert!(
        rows.iter()
            .any(|r| r["id"] == "username-password" && r["status"] != "recommended")
    );
}

#[test]
fn kb_list_text_and_bad_kind() {
    sfauth()
        .args(["kb", "list", "flows"])
        .assert()
        .success()
        .stdout(predicate::str::contains("flow:jwt-bearer"));
    let err = stderr_of(sfauth().args(["kb", "list", "widgets"]), 2);
    assert!(err.starts_with("sfauth: unknown kind \"widgets\""), "{err}");
}

#[test]
fn kb_show_shared_id_gives_all_kinds_unless_kind_picks_one() {
    let both = json_of(&["kb", "show", "jwt-bearer", "--json"]);
    let kinds: Vec<&str> = both
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"strategy") && kinds.contains(&"flow"));
    let one = json_of(&["kb", "show", "jwt-bearer", "--kind", "flow", "--json"]);
    assert_eq!(one["kind"], "flow");
    assert!(one["steps"].is_array());
    let prefixed = json_of(&["kb", "show", "strategy:jwt-bearer", "--json"]);
    assert_eq!(prefixed["kind"], "strategy");
    assert!(prefixed["setup"].is_array());
    sfauth()
        .args(["kb", "show", "jwt-bearer"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[strategy]").and(predicate::str::contains("[flow]")))
        .stdout(predicate::str::contains("Setup checklist"))
        .stdout(predicate::str::contains("Sources"));
}

#[test]
fn kb_show_unknown_id_suggests_close_ones() {
    refused(
        sfauth().args(["kb", "show", "jwt-bearr"]),
        "no entry with id \"jwt-bearr\"; did you mean: jwt-bearer",
    );
}

#[test]
fn kb_search_finds_case_insensitively_and_exits_1_on_nothing() {
    let hits = json_of(&["kb", "search", "AUDIENCE", "--json"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.iter().any(|h| h["kind"] == "error"));
    sfauth()
        .args(["kb", "search", "qqqq-nothing"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no entries match"));
}

#[test]
fn kb_check_reports_clean_and_broken_packs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.json"),
        r#"{"notes": [{"id": "acme-runbook", "title": "Acme runbook", "body": "Rotate the cert in March.", "related": ["strategy:jwt-bearer"], "as_of": "Spring '26"}]}"#,
    )
    .unwrap();
    sfauth()
        .args(["kb", "check"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("OK (1 entries)"));
    std::fs::write(
        dir.path().join("cards.json"),
        r#"{"cards": [{"id": "acme-aud-sandbox", "prompt": "P", "answer": "A", "topic": "t", "difficulty": 1, "refs": ["flow:jwt-bearr"], "sources": ["https://x.test"], "as_of": "now"}]}"#,
    )
    .unwrap();
    sfauth()
        .args(["kb", "check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "cards.json: card \"acme-aud-sandbox\": refs: unknown flow \"jwt-bearr\"",
        ))
        .stdout(predicate::str::contains("1 problem"));
    sfauth()
        .args(["kb", "check", "/nonexistent/x"])
        .assert()
        .code(2);
}

#[test]
fn packs_from_flag_and_env_appear_in_the_model() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.json"),
        r#"{"notes": [{"id": "acme-runbook", "title": "Acme runbook", "body": "Rotate the cert in March.", "as_of": "Spring '26"}]}"#,
    )
    .unwrap();
    sfauth()
        .args(["kb", "show", "acme-runbook", "--pack"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Rotate the cert in March."));
    sfauth()
        .env("SFAUTH_PACK", dir.path())
        .args(["kb", "list", "notes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note:acme-runbook"));
}

#[test]
fn a_broken_pack_is_one_clear_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.json"), "not json").unwrap();
    let err = refused(
        sfauth().args(["kb", "list", "--pack"]).arg(dir.path()),
        "x.json: not valid JSON",
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::process::{Command as Process, Stdio};
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("sfauth"))
        .args(["kb", "list"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closing our end before the child writes (it first loads the model) is what
    // `| head -1` does to a long listing.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}
