#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The hostile corpus (tests/fixtures/adversarial/*/cases.tsv, format in its README.md): every
//! case runs the built binary as `sfauth inspect <input> <args...> --json` in its folder and
//! must give the recorded exit code, signature status and findings. All failures are
//! collected and reported together.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A hang guard, not a benchmark.
const MAX_RUN: Duration = Duration::from_secs(10);
const MIN_CASES: usize = 100;

struct Case {
    table: String,
    id: String,
    input: String,
    args: Vec<String>,
    exit: i32,
    signature: String,
    expect: Vec<String>,
}

fn tables() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adversarial");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("cases.tsv").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn parse(dir: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(dir.join("cases.tsv")).unwrap();
    let table = dir.file_name().unwrap().to_string_lossy().to_string();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(
                cols.len() >= 7,
                "{table}/cases.tsv line {}: {} columns, expected 8",
                n + 1,
                cols.len()
            );
            let list = |s: &str| -> Vec<String> {
                if s == "-" {
                    Vec::new()
                } else {
                    s.split(',').map(|p| p.trim().to_string()).collect()
                }
            };
            Case {
                table: table.clone(),
                id: cols[0].to_string(),
                input: cols[1].to_string(),
                args: if cols[2] == "-" {
                    Vec::new()
                } else {
                    cols[2].split_whitespace().map(str::to_string).collect()
                },
                exit: cols[3].parse().unwrap_or_else(|_| {
                    panic!("{table}/cases.tsv line {}: exit {:?}", n + 1, cols[3])
                }),
                signature: cols[4].to_string(),
                expect: list(cols[5]),
            }
        })
        .collect()
}

/// What differs from the recorded expectation, if anything.
fn check(case: &Case, dir: &Path) -> (Vec<String>, Duration) {
    let mut cmd = Command::cargo_bin("sfauth").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").arg("inspect");
    if case.input == "-" {
        let stdin = case
            .args
            .iter()
            .find_map(|a| a.strip_prefix("stdin="))
            .expect("input - needs stdin=<file> in args");
        cmd.write_stdin(std::fs::read(dir.join(stdin)).unwrap());
        cmd.arg("-");
    } else {
        cmd.arg(format!("@{}", case.input));
    }
    cmd.args(case.args.iter().filter(|a| !a.starts_with("stdin=")))
        .arg("--json")
        .timeout(MAX_RUN);
    let started = Instant::now();
    let out = cmd.output().unwrap();
    let took = started.elapsed();
    let mut problems = Vec::new();
    if took >= MAX_RUN {
        problems.push(format!("took {took:?} (over {MAX_RUN:?}: hang)"));
        return (problems, took);
    }
    let code = out.status.code().unwrap_or(-1);
    if code != case.exit {
        problems.push(format!("exit {code}, expected {}", case.exit));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if case.exit == 2 {
        for e in &case.expect {
            let needle = e.strip_prefix("stderr:").unwrap_or(e);
            if !stderr.contains(needle) {
                problems.push(format!("stderr lacks {needle:?}: {}", stderr.trim()));
            }
        }
        return (problems, took);
    }
    let json: Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!(
                "stdout is not JSON ({e}); stderr: {}",
                stderr.trim()
            ));
            return (problems, took);
        }
    };
    let status = json["signature"]["status"].as_str().unwrap_or("(none)");
    if status != case.signature {
        problems.push(format!(
            "signature.status {status}, expected {}",
            case.signature
        ));
    }
    let findings: Vec<(String, String)> = json["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["check"].as_str().unwrap_or_default().to_string(),
                        f["severity"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for e in &case.expect {
        let Some((check, severity)) = e.split_once(':') else {
            problems.push(format!("expectation {e:?} is not CHECK:severity"));
            continue;
        };
        if !findings.iter().any(|(c, s)| c == check && s == severity) {
            problems.push(format!("no {check} {severity} finding (have {findings:?})"));
        }
    }
    (problems, took)
}

#[test]
fn every_hostile_case_gets_its_recorded_verdict() {
    let mut cases = Vec::new();
    for dir in tables() {
        cases.extend(parse(&dir).into_iter().map(|c| (c, dir.clone())));
    }
    let mut seen = HashSet::new();
    let duplicated: Vec<&str> = cases
        .iter()
        .filter(|(c, _)| !seen.insert(c.id.clone()))
        .map(|(c, _)| c.id.as_str())
        .collect();
    assert!(duplicated.is_empty(), "duplicate case ids: {duplicated:?}");
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for (case, dir) in &cases {
        let (problems, took) = check(case, dir);
        if took > slowest.0 {
            slowest = (took, case.id.clone());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}/{}: {}",
                case.table,
                case.id,
                problems.join("; ")
            ));
        }
    }
    eprintln!(
        "hostile corpus: {} cases, slowest {} in {:?}",
        cases.len(),
        slowest.1,
        slowest.0
    );
    if cases.len() < MIN_CASES {
        failures.push(format!(
            "{} cases across tables; at least {MIN_CASES} expected",
            cases.len()
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
