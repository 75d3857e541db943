//! The decoded message as label/value rows, in reading order, for the CLI's text output and
//! the Inspect tab's table. Times carry a note relative to the evaluation instant.

use super::checks::timing::{parse_time, span};
use super::dsig::{HashAlg, c14n_name};
use super::fields::{AssertionFields, ResponseFields};
use super::report::{SamlReport, SignatureReport};
use chrono::{DateTime, Utc};

/// One label/value row of the decoded message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedField {
    pub label: String,
    pub value: String,
    /// `expires in 2m`, `expired 30s ago`, `opens in 1m`, or nothing.
    pub note: Option<String>,
}

fn row(label: impl Into<String>, value: impl Into<String>) -> DecodedField {
    DecodedField {
        label: label.into(),
        value: value.into(),
        note: None,
    }
}

/// `expired 2m ago` / `expires in 30s` for an end, `opened 1m ago` / `opens in 5s` for a start.
fn relative(text: &str, at: DateTime<Utc>, is_end: bool) -> Option<String> {
    let t = parse_time(text)?;
    let delta = (t - at).num_seconds();
    let s = span(delta);
    Some(match (is_end, delta > 0) {
        (true, true) => format!("expires in {s}"),
        (true, false) => format!("expired {s} ago"),
        (false, true) => format!("opens in {s}"),
        (false, false) => format!("opened {s} ago"),
    })
}

fn time_row(label: &str, text: &str, at: DateTime<Utc>, is_end: bool) -> DecodedField {
    DecodedField {
        note: relative(text, at, is_end),
        ..row(label, text)
    }
}

impl SamlReport {
    /// Rows for everything decoded, evaluated at `at`.
    pub fn rows(&self, at: DateTime<Utc>) -> Vec<DecodedField> {
        let mut rows = self.field_rows(at);
        rows.extend(signature_rows(&self.signature, at));
        rows
    }

    /// The decoded values without the signature: encoding, Response and Assertion fields.
    pub fn field_rows(&self, at: DateTime<Utc>) -> Vec<DecodedField> {
        let mut rows = vec![
            row("Profile", self.profile.as_str()),
            row("Root", &self.root),
        ];
        if !self.encoding.is_empty() {
            let layers: Vec<String> = self.encoding.iter().map(|l| l.describe()).collect();
            rows.push(row("Encoding", layers.join(" > ")));
        }
        for (k, v) in &self.request {
            rows.push(row(format!("Request {k}"), v));
        }
        if let Some(r) = &self.response {
            rows.extend(response_rows(r));
        }
        if let Some(a) = &self.assertion {
            rows.extend(assertion_rows(a, at));
        }
        rows
    }
}

fn response_rows(r: &ResponseFields) -> Vec<DecodedField> {
    let mut rows = Vec::new();
    let mut push = |label: &str, v: &Option<String>| {
        if let Some(v) = v {
            rows.push(row(label, v));
        }
    };
    push("Response ID", &r.id);
    push("Destination", &r.destination);
    push("InResponseTo", &r.in_response_to);
    push("Status", &r.status);
    push("Status detail", &r.status_detail);
    push("Status message", &r.status_message);
    if let Some(i) = &r.issuer {
        rows.push(row("Response Issuer", &i.value));
    }
    rows.push(row("Response signed", if r.signed { "yes" } else { "no" }));
    rows
}

fn assertion_rows(a: &AssertionFields, at: DateTime<Utc>) -> Vec<DecodedField> {
    let mut rows = Vec::new();
    rows.push(row("Assertion", &a.path));
    if let Some(id) = &a.id {
        rows.push(row("Assertion ID", id));
    }
    if let Some(t) = &a.issue_instant {
        rows.push(time_row("IssueInstant", t, at, false));
    }
    rows.push(row("Assertion signed", if a.signed { "yes" } else { "no" }));
    if let Some(i) = &a.issuer {
        rows.push(row("Issuer", &i.value));
    }
    match &a.name_id {
        Some(n) => {
            rows.push(row("NameID", &n.value.value));
            if let Some(f) = &n.format {
                rows.push(row("NameID Format", f));
            }
        }
        None if a.encrypted_id => rows.push(row("NameID", "(encrypted)")),
        None => {}
    }
    for c in &a.subject_confirmations {
        rows.push(row(
            "SubjectConfirmation Method",
            c.method.as_deref().unwrap_or("(none)"),
        ));
        if let Some(r) = &c.recipient {
            rows.push(row("Recipient", r));
        }
        if let Some(t) = &c.not_before {
            rows.push(time_row("Confirmation NotBefore", t, at, false));
        }
        if let Some(t) = &c.not_on_or_after {
            rows.push(time_row("Confirmation NotOnOrAfter", t, at, true));
        }
        if let Some(t) = &c.in_response_to {
            rows.push(row("Confirmation InResponseTo", t));
        }
    }
    if let Some(c) = &a.conditions {
        if let Some(t) = &c.not_before {
            rows.push(time_row("Conditions NotBefore", t, at, false));
        }
        if let Some(t) = &c.not_on_or_after {
            rows.push(time_row("Conditions NotOnOrAfter", t, at, true));
        }
        for aud in &c.audiences {
            rows.push(row("Audience", &aud.value));
        }
    }
    for s in &a.authn_statements {
        if let Some(t) = &s.authn_instant {
            rows.push(time_row("AuthnInstant", t, at, false));
        }
        if let Some(c) = &s.context_class {
            rows.push(row("AuthnContextClassRef", c));
        }
    }
    for attr in &a.attributes {
        let values: Vec<&str> = attr.values.iter().map(|v| v.value.as_str()).collect();
        rows.push(row(
            format!("Attribute {}", attr.name.as_deref().unwrap_or("(unnamed)")),
            values.join(", "),
        ));
    }
    rows
}

fn signature_rows(s: &SignatureReport, at: DateTime<Utc>) -> Vec<DecodedField> {
    let mut rows = vec![DecodedField {
        note: Some(s.detail.clone()),
        ..row("Signature", s.status.as_str())
    }];
    rows.extend(s.detail_rows(at));
    rows
}

impl SignatureReport {
    /// What the signature is made of, without its status: algorithms, the element it covers,
    /// canonicalization, references, the deciding key and the embedded certificate.
    pub fn detail_rows(&self, at: DateTime<Utc>) -> Vec<DecodedField> {
        let s = self;
        let mut rows = Vec::new();
        if !s.present() {
            return rows;
        }
        if let Some(alg) = &s.alg {
            rows.push(row(
                "Signature algorithm",
                s.alg_name.clone().unwrap_or_else(|| alg.clone()),
            ));
        }
        if let Some(c) = &s.covers {
            rows.push(row("Signed element", c.describe()));
        }
        if let Some(c) = &s.canonicalization {
            let mut v = c14n_name(c).to_string();
            if !s.inclusive_prefixes.is_empty() {
                v.push_str(&format!(" (PrefixList {})", s.inclusive_prefixes.join(" ")));
            }
            rows.push(row("Canonicalization", v));
        }
        for r in &s.references {
            let digest = r
                .digest_alg
                .as_deref()
                .map(|d| HashAlg::from_digest_uri(d).map_or(d, |h| h.name()))
                .unwrap_or("(none)");
            let transforms: Vec<&str> = r.transforms.iter().map(|t| c14n_name(t)).collect();
            rows.push(row(
                "Reference",
                format!(
                    "{} [{}] {digest} {}",
                    r.uri.as_deref().unwrap_or("(no URI)"),
                    transforms.join(", "),
                    match r.digest {
                        super::report::DigestOutcome::Match => "digest matches",
                        super::report::DigestOutcome::Mismatch => "digest differs",
                        super::report::DigestOutcome::NotComputed => "digest not computed",
                    }
                ),
            ));
        }
        if let Some(k) = &s.key {
            rows.push(row("Verified with", k));
        }
        if let Some(c) = &s.certificate {
            rows.push(row("KeyInfo certificate", &c.subject));
            rows.push(row("Certificate issuer", &c.issuer));
            rows.push(time_row("Certificate not before", &c.not_before, at, false));
            rows.push(time_row("Certificate not after", &c.not_after, at, true));
            rows.push(row("Certificate key", &c.key));
            rows.push(row("Certificate SHA-256", &c.sha256_fingerprint));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_notes_read_both_ways() {
        let at = parse_time("2026-01-01T00:01:00Z").unwrap();
        assert_eq!(
            relative("2026-01-01T00:03:00Z", at, true).as_deref(),
            Some("expires in 2m")
        );
        assert_eq!(
            relative("2026-01-01T00:00:30Z", at, true).as_deref(),
            Some("expired 30s ago")
        );
        assert_eq!(
            relative("2026-01-01T00:00:00Z", at, false).as_deref(),
            Some("opened 1m ago")
        );
        assert_eq!(relative("soon", at, false), None);
    }
}
