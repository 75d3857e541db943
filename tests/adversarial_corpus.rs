#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The hostile corpus: every case of tests/fixtures/adversarial/*/cases.tsv run through the
//! built binary as `sfauth inspect <input> <args...> --json`, in the case's folder. Exit code,
//! signature status and each expected finding must match. Every failure is collected and
//! reported together; each run is timed (a hang guard, not a benchmark).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const HANG: Duration = Duration::from_secs(10);

struct Case {
    table: String,
    id: String,
    input: String,
    args: Vec<String>,
    exit: i32,
    signature: String,
    expect: Vec<String>,
}

fn root() -> PathBuf {
    [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "adversarial",
    ]
    .iter()
    .collect()
}

/// Every table under the corpus folder, by folder name.
fn tables() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("cases.tsv").is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

fn parse(table: &str, path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path.join("cases.tsv")).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(
                cols.len() >= 8,
                "{table}/cases.tsv line {}: {} columns, expected 8",
                n + 1,
                cols.len()
            );
            let list = |s: &str, sep: char| -> Vec<String> {
                if s == "-" {
                    Vec::new()
                } else {
                    s.split(sep)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect()
                }
            };
            Case {
                table: table.to_string(),
                id: cols[0].to_string(),
                input: cols[1].to_string(),
                args: list(cols[2], ' '),
                exit: cols[3].parse().unwrap_or_else(|_| {
                    panic!("{table}/cases.tsv line {}: exit {:?}", n + 1, cols[3])
                }),
                signature: cols[4].to_string(),
                expect: list(cols[5], ','),
            }
        })
        .collect()
}

/// Runs one case; `Err` says everything that differed.
fn run(case: &Case, dir: &Path) -> Result<Duration, String> {
    let mut cmd = Command::cargo_bin("sfauth").unwrap();
    cmd.current_dir(dir)
        .env_remove("SFAUTH_PACK")
        .env("NO_COLOR", "1")
        .arg("inspect");
    let mut args = Vec::new();
    let mut stdin = None;
    for a in &case.args {
        match a.strip_prefix("stdin=") {
            Some(file) => stdin = Some(std::fs::read(dir.join(file)).map_err(|e| e.to_string())?),
            None => args.push(a.clone()),
        }
    }
    if case.input == "-" {
        cmd.arg("-");
    } else {
        cmd.arg(format!("@{}", case.input));
    }
    cmd.args(&args).arg("--json");
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    cmd.timeout(HANG);
    let started = Instant::now();
    let out = cmd.output().map_err(|e| format!("did not run: {e}"))?;
    let took = started.elapsed();
    let mut wrong = Vec::new();
    if took > HANG {
        wrong.push(format!("took {took:?}"));
    }
    let code = out.status.code().unwrap_or(-1);
    if code != case.exit {
        wrong.push(format!("exit {code}, expected {}", case.exit));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if case.exit == 2 {
        for e in &case.expect {
            let needle = e.strip_prefix("stderr:").unwrap_or(e);
            if !stderr.contains(needle) {
                wrong.push(format!("stderr lacks {needle:?}: {}", stderr.trim()));
            }
        }
    } else {
        match serde_json::from_slice::<Value>(&out.stdout) {
            Ok(report) => wrong.extend(judge(case, &report)),
            Err(e) => wrong.push(format!(
                "stdout is not JSON ({e}); stderr: {}",
                stderr.trim()
            )),
        }
    }
    if wrong.is_empty() {
        Ok(took)
    } else {
        Err(wrong.join("; "))
    }
}

fn judge(case: &Case, report: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let status = report["signature"]["status"].as_str().unwrap_or("(none)");
    if status != case.signature {
        wrong.push(format!("signature {status}, expected {}", case.signature));
    }
    let findings: Vec<(String, String)> = report["findings"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                    (s("check"), s("severity"))
                })
                .collect()
        })
        .unwrap_or_default();
    for e in &case.expect {
        let (check, severity) = e.split_once(':').unwrap_or((e, ""));
        if !findings.iter().any(|(c, s)| c == check && s == severity) {
            let have: Vec<String> = findings.iter().map(|(c, s)| format!("{c}:{s}")).collect();
            wrong.push(format!("no {e} finding (have {})", have.join(",")));
        }
    }
    wrong
}

#[test]
fn every_hostile_case_gets_the_recorded_verdict() {
    let tables = tables();
    let mut cases = Vec::new();
    for (name, dir) in &tables {
        cases.extend(parse(name, dir).into_iter().map(|c| (c, dir.clone())));
    }
    let mut seen = HashSet::new();
    let duplicates: Vec<&str> = cases
        .iter()
        .filter(|(c, _)| !seen.insert(c.id.clone()))
        .map(|(c, _)| c.id.as_str())
        .collect();
    assert!(duplicates.is_empty(), "ids used twice: {duplicates:?}");
    let names: Vec<&str> = tables.iter().map(|(n, _)| n.as_str()).collect();
    // The full corpus has both tables; a branch holding one table is held to that table's
    // own minimum.
    let minimum = if names.contains(&"saml") && names.contains(&"jwt") {
        100
    } else {
        40
    };
    assert!(
        cases.len() >= minimum,
        "{} cases in {names:?}, expected at least {minimum}",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for (case, dir) in &cases {
        match run(case, dir) {
            Ok(took) if took > slowest.0 => slowest = (took, case.id.clone()),
            Ok(_) => {}
            Err(why) => failures.push(format!("{}/{}: {why}", case.table, case.id)),
        }
    }
    eprintln!(
        "adversarial corpus: {} cases in {names:?}; slowest {} in {:?}",
        cases.len(),
        slowest.1,
        slowest.0
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
