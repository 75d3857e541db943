//! Shared by the SAML inspector tests: the fixtures xmlsec1 made (tests/fixtures/saml), options
//! inside their validity window, and readers for a report's findings.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use sfauth::model::{Knowledge, Severity};
use sfauth::saml::{Finding, SamlOptions, SamlReport, inspect_saml};

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/saml/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub fn key(name: &str) -> Option<Vec<u8>> {
    Some(
        std::fs::read(format!(
            "{}/tests/fixtures/saml/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
}

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// Inside every fixture's validity window (2026-01-01T00:00:00Z to 00:03:00Z).
pub fn opts() -> SamlOptions {
    SamlOptions::at(at("2026-01-01T00:01:00Z"))
}

pub fn with_key(name: &str) -> SamlOptions {
    SamlOptions {
        key: key(name),
        ..opts()
    }
}

pub fn knowledge() -> Knowledge {
    Knowledge::builtin().unwrap_or_default()
}

pub fn inspect(text: &str, o: &SamlOptions) -> SamlReport {
    inspect_saml(text, o, &knowledge()).unwrap()
}

pub fn errors(r: &SamlReport) -> Vec<&str> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.check.as_str())
        .collect()
}

pub fn finding<'a>(r: &'a SamlReport, check: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.check == check)
        .unwrap_or_else(|| panic!("no {check} finding in {:#?}", r.findings))
}

/// The predicted error line and Login History name for `check`, as the model has them.
pub fn predicted(check: &str) -> (Option<String>, Option<String>) {
    let k = knowledge();
    let c = k.check(check);
    let predicts = c
        .and_then(|c| c.predicts.as_deref())
        .and_then(|id| k.error(id))
        .map(|e| e.display_line());
    let history = c.and_then(|c| c.login_history.clone()).or_else(|| {
        c.and_then(|c| c.predicts.as_deref())
            .and_then(|id| k.error(id))
            .and_then(|e| e.login_history.clone())
    });
    (predicts, history)
}
