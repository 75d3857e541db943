//! Shared by the CLI tests: the command without packs or colour, its output for an expected exit
//! code, and readers for the findings of an `inspect --json` report.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;

/// The built binary, with no team packs from the environment and no colour.
pub fn sfauth() -> Command {
    let mut cmd = Command::cargo_bin("sfauth").unwrap();
    cmd.env_remove("SFAUTH_PACK").env("NO_COLOR", "1");
    cmd
}

/// The path of the JWT fixture `name` (tests/fixtures/jwt, made by make.sh there).
pub fn jwt_fixture(name: &str) -> String {
    format!("{}/tests/fixtures/jwt/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `cmd`, checks the exit code, and returns stdout as text.
pub fn stdout_of(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

/// Runs `cmd`, checks the exit code, and returns stderr as text.
pub fn stderr_of(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stderr.clone()).unwrap()
}

/// Runs `cmd`, checks it exits 2 (bad usage or unreadable input) with `needle` on stderr, and
/// returns stderr.
pub fn refused(cmd: &mut Command, needle: &str) -> String {
    let err = stderr_of(cmd, 2);
    assert!(err.contains(needle), "{needle:?} not in: {err}");
    err
}

/// Runs `cmd`, checks it exits 2 with nothing on stdout and a single line on stderr, and returns
/// that line.
pub fn usage_error_line(cmd: &mut Command) -> String {
    let stderr = cmd.assert().code(2).stdout("").get_output().stderr.clone();
    let err = String::from_utf8(stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

/// Runs `cmd`, checks it exits 0 and that each of `wanted` stands on stdout, naming the one
/// missing; returns stdout for further checks.
pub fn success_showing(cmd: &mut Command, wanted: &[&str]) -> String {
    let out = stdout_of(cmd, 0);
    assert_contains_all(&out, wanted);
    out
}

/// Each of `wanted` stands in `text`; a failure names the one missing.
pub fn assert_contains_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} not in: {text}");
    }
}

/// Runs `cmd`, checks the exit code, and returns stdout as JSON.
pub fn json_of(cmd: &mut Command, code: i32) -> Value {
    let out = stdout_of(cmd, code);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {out}"))
}

/// Runs `sfauth inspect ARGS`, checks the exit code, and returns stdout as JSON.
pub fn inspect_json(args: &[&str], code: i32) -> Value {
    json_of(sfauth().arg("inspect").args(args), code)
}

/// Runs `sfauth inspect - --json --at AT ARGS` reading `stdin`, checks it exits 0, and returns
/// the report.
pub fn inspect_stdin_json(stdin: impl Into<Vec<u8>>, at: &str, args: &[&str]) -> Value {
    json_of(
        sfauth()
            .args(["inspect", "-", "--json", "--at", at])
            .args(args)
            .write_stdin(stdin.into()),
        0,
    )
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

/// Every finding of `check`, in order.
pub fn findings_of<'a>(r: &'a Value, check: &str) -> Vec<&'a Value> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == check)
        .collect()
}
