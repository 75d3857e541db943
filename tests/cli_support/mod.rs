//! Shared by the `sfauth inspect` CLI tests: the command without packs or colour, and readers
//! for the findings of a `--json` report.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;

/// The built binary, with no team packs from the environment and no colour.
pub fn sfauth() -> Command {
    let mut cmd = Command::cargo_bin("sfauth").unwrap();
    cmd.env_remove("SFAUTH_PACK").env("NO_COLOR", "1");
    cmd
}

/// Runs `sfauth inspect ARGS`, checks the exit code, and returns stdout as JSON.
pub fn inspect_json(args: &[&str], code: i32) -> Value {
    let out = sfauth()
        .arg("inspect")
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The check ids of a report's findings, in order.
pub fn checks(r: &Value) -> Vec<String> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap().to_string())
        .collect()
}

/// The first finding of `check`; panics with the report when there is none.
pub fn finding<'a>(r: &'a Value, check: &str) -> &'a Value {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == check)
        .unwrap_or_else(|| panic!("no {check} finding in {r:#}"))
}
