//! What the results pane shows, built once per evaluation from the domain's report. It is the
//! same for every kind of assertion (JWT now, SAML beside it): titled sections of fields, a
//! signature verdict, findings, the `--json` document, and an optional XML view. The view only
//! reads this, so a new kind needs a builder here and nothing in the view.

use super::wording::name_fields;
use crate::inspect::Inspection;
use crate::inspect::jwt::{JwtReport, TimeClaim};
use crate::inspect::report::{Finding, Signature};
use crate::model::{EntryKind, EntryRef, Knowledge, Severity};
use crate::saml::DecodedField;
use crate::saml::SamlReport;
use crate::text::{fields_in_order, printable};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// `JWT` or `SAML`.
    pub kind: &'static str,
    pub profile: String,
    /// Why this profile was chosen, when it was chosen from the input.
    pub profile_reason: String,
    pub signature: Signature,
    pub findings: Vec<FindingView>,
    pub sections: Vec<Section>,
    /// The document `sfauth inspect --json` prints for the same input and options.
    pub json: Value,
    /// The assertion as indented XML lines, for kinds that are XML.
    pub xml: Option<Vec<XmlLine>>,
    pub exit_code: u8,
}

/// A finding as the results pane shows it: the report's finding (its message escaped, with
/// field names spelled out) and what the model says about its check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    pub finding: Finding,
    /// Where Enter goes: the check's entry, else the predicted error's, when the model has
    /// them.
    pub target: Option<EntryRef>,
    /// The check's title from the model.
    pub title: Option<String>,
    /// What to change, in one line, from the model.
    pub fix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    pub name: String,
    /// The value as text, control characters escaped.
    pub value: String,
    /// For time claims: UTC and relative to the evaluation instant.
    pub time: Option<String>,
    /// The glossary entry that explains this name.
    pub term: Option<EntryRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlLine {
    pub depth: usize,
    /// Inside the element the signature covers.
    pub signed: bool,
    pub text: String,
}

impl Summary {
    /// `at` is the evaluation instant, for SAML's relative times (JWT reports carry theirs).
    pub fn new(inspection: &Inspection, at: DateTime<Utc>, k: &Knowledge) -> Summary {
        match inspection {
            Inspection::Jwt(report) => from_jwt(report, inspection.to_json(), k),
            Inspection::Saml(report) => from_saml(report, inspection.to_json(), at, k),
        }
    }

    /// Counts of findings by severity: errors, warnings, notes.
    pub fn tally(&self) -> (usize, usize, usize) {
        let count = |s: Severity| {
            self.findings
                .iter()
                .filter(|f| f.finding.severity == s)
                .count()
        };
        (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        )
    }

    /// How many rows can be selected: findings, then every field of every section.
    pub fn row_count(&self) -> usize {
        self.findings.len() + self.sections.iter().map(|s| s.fields.len()).sum::<usize>()
    }
}

fn from_jwt(r: &JwtReport, json: Value, k: &Knowledge) -> Summary {
    Summary {
        kind: "JWT",
        profile: r.profile.as_str().to_string(),
        profile_reason: r.profile_reason.clone(),
        signature: Signature {
            status: r.signature.status,
            alg: r.signature.alg.as_deref().map(printable),
            detail: name_fields(&printable(&r.signature.detail)),
        },
        findings: r.findings.iter().map(|f| finding(f, k)).collect(),
        sections: vec![
            Section {
                title: "Header".into(),
                fields: fields(&r.header, &[], k),
            },
            Section {
                title: "Claims".into(),
                fields: fields(&r.claims, &r.times, k),
            },
        ],
        json,
        xml: None,
        exit_code: r.exit_code(),
    }
}

fn from_saml(r: &SamlReport, json: Value, at: DateTime<Utc>, k: &Knowledge) -> Summary {
    let message = r.field_rows(at);
    let signature: Vec<DecodedField> = r.rows(at).into_iter().skip(message.len()).collect();
    let xml = crate::saml::view::xml_lines(&r.xml, r.signed_region())
        .into_iter()
        .map(|line| XmlLine {
            depth: line.depth,
            signed: line.signed,
            // A line of the view is one row: line breaks and tabs inside text (base64 values
            // wrap) are ordinary XML whitespace, shown as spaces rather than escapes.
            text: printable(
                &line
                    .tokens
                    .into_iter()
                    .map(|(_, t)| t.replace(['\n', '\r', '\t'], " "))
                    .collect::<String>(),
            ),
        })
        .collect();
    Summary {
        kind: "SAML",
        profile: r.profile.as_str().to_string(),
        profile_reason: printable(&format!("the document element is {}", r.root)),
        signature: Signature {
            status: r.signature.status,
            alg: r
                .signature
                .alg_name
                .clone()
                .or_else(|| r.signature.alg.clone())
                .map(|a| printable(&a)),
            detail: name_fields(&printable(&r.signature.detail)),
        },
        findings: r.findings.iter().map(|f| finding(f, k)).collect(),
        sections: vec![
            Section {
                title: "Message".into(),
                fields: rows_to_fields(message, k),
            },
            Section {
                title: "Signature".into(),
                fields: rows_to_fields(signature, k),
            },
        ],
        json,
        xml: Some(xml),
        exit_code: r.exit_code(),
    }
}

fn rows_to_fields(rows: Vec<DecodedField>, k: &Knowledge) -> Vec<FieldView> {
    rows.into_iter()
        .map(|row| FieldView {
            term: saml_term(&row.label, k),
            name: printable(&row.label),
            value: name_fields(&printable(&row.value)),
            time: row.note,
        })
        .collect()
}

/// Glossary ids that explain a SAML field label; ids the model lacks are skipped.
const SAML_TERMS: &[(&str, &str)] = &[
    ("Issuer", "issuer"),
    ("NameID", "nameid"),
    ("Audience", "audience"),
    ("Audiences", "audience"),
    ("Subject", "subject"),
    ("Certificate", "x509-certificate"),
];

fn saml_term(label: &str, k: &Knowledge) -> Option<EntryRef> {
    SAML_TERMS
        .iter()
        .filter(|(l, _)| label.starts_with(l))
        .map(|(_, id)| EntryRef::new(EntryKind::Glossary, *id))
        .find(|r| k.contains(r))
        .or_else(|| glossary_term(label, k))
}

pub fn finding(f: &Finding, k: &Knowledge) -> FindingView {
    let check = k.check(&f.check);
    let target = match check {
        Some(c) => Some(EntryRef::new(EntryKind::Check, c.id.clone())),
        None => predicted_error(f, k),
    };
    FindingView {
        finding: Finding {
            message: name_fields(&printable(&f.message)),
            ..f.clone()
        },
        target,
        title: check.map(|c| c.title.clone()),
        fix: check.and_then(|c| c.fix.clone()),
    }
}

/// The catalog entry behind a finding's `predicts` line: the check's own prediction when it
/// matches, else the first error with that line.
fn predicted_error(f: &Finding, k: &Knowledge) -> Option<EntryRef> {
    let line = f.predicts.as_deref()?;
    let preferred = k
        .check(&f.check)
        .and_then(|c| c.predicts.as_deref())
        .and_then(|id| k.error(id))
        .filter(|e| e.display_line() == line);
    preferred
        .or_else(|| k.errors.iter().find(|e| e.display_line() == line))
        .map(|e| EntryRef::new(EntryKind::Error, e.id.clone()))
}

fn fields(map: &Map<String, Value>, times: &[TimeClaim], k: &Knowledge) -> Vec<FieldView> {
    fields_in_order(map)
        .into_iter()
        .map(|(name, text)| {
            let time = times
                .iter()
                .find(|t| t.name == *name)
                .map(|t| match &t.utc {
                    Some(utc) => format!("{utc} · {}", t.relative),
                    None => t.relative.clone(),
                });
            FieldView {
                name: printable(name),
                value: text,
                time,
                term: glossary_term(name, k),
            }
        })
        .collect()
}

/// Glossary ids that explain a JWT header parameter or claim, most specific first. Ids the
/// model does not have are skipped, so content can add terms without code changes.
const CLAIM_TERMS: &[(&str, &[&str])] = &[
    ("iss", &["issuer"]),
    ("sub", &["subject"]),
    ("prn", &["subject"]),
    ("aud", &["audience"]),
    ("exp", &["expiration-time", "exp"]),
    ("nbf", &["not-before", "nbf"]),
    ("iat", &["issued-at", "iat"]),
    ("auth_time", &["auth-time"]),
    ("jti", &["jwt-id", "jti"]),
    ("kid", &["key-id", "kid", "jwks"]),
    ("alg", &["signing-algorithm", "alg", "jws"]),
    ("typ", &["jwt"]),
    ("x5c", &["x509-certificate"]),
    ("x5t", &["x509-certificate"]),
    ("x5t#S256", &["x509-certificate"]),
    ("scope", &["scope"]),
    ("scp", &["scope"]),
    ("azp", &["consumer-key"]),
    ("client_id", &["consumer-key"]),
    ("sid", &["session-id"]),
    ("nonce", &["nonce"]),
];

/// The glossary entry for a field name: from the table above, else a term whose id or
/// "also known as" list is exactly the name.
pub fn glossary_term(name: &str, k: &Knowledge) -> Option<EntryRef> {
    let listed = CLAIM_TERMS
        .iter()
        .filter(|(claim, _)| *claim == name)
        .flat_map(|(_, ids)| ids.iter())
        .map(|id| EntryRef::new(EntryKind::Glossary, *id))
        .find(|r| k.contains(r));
    listed.or_else(|| {
        k.glossary
            .iter()
            .find(|t| t.id == name || t.aka.iter().any(|a| a == name))
            .map(|t| EntryRef::new(EntryKind::Glossary, t.id.clone()))
    })
}
