//! Who the assertion speaks for: S3 Issuer, S4 NameID, and S12 identity values split by
//! comments or processing instructions.

use super::{CheckInput, MAX_LISTED, has_outer_space, quoted};
use crate::saml::fields::{AssertionFields, Text};
use crate::saml::report::RawFinding;
use crate::saml::xml::line_col;

const TRANSIENT: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";

/// An identity value as Salesforce compares it: absent (`missing` says why) or empty fails
/// (`None`: nothing more to check), and surrounding whitespace is warned about, since it is
/// compared exactly.
fn compared_value<'t>(
    check: &'static str,
    element: &str,
    text: Option<&'t Text>,
    missing: String,
    must: &str,
    out: &mut Vec<RawFinding>,
) -> Option<&'t str> {
    let Some(text) = text else {
        out.push(RawFinding::fails(check, missing));
        return None;
    };
    let value = text.value.as_str();
    if value.trim().is_empty() {
        out.push(RawFinding::fails(
            check,
            format!("the {element} is empty; it must {must}"),
        ));
        return None;
    }
    if has_outer_space(text) {
        out.push(RawFinding::warning(
            check,
            format!(
                "{element} {} has surrounding whitespace; it is compared exactly",
                quoted(value)
            ),
        ));
    }
    Some(value)
}

pub fn s3_issuer(input: &CheckInput<'_>, a: &AssertionFields) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let expected_party = input.per_profile(
        "the consumer key of the app holding the certificate",
        "the IdP Issuer (Entity ID) configured in the org's SAML SSO settings",
    );
    let missing = format!("the Assertion has no Issuer; it must be {expected_party}");
    let must = format!("be {expected_party}");
    let issuer = a.issuer.as_ref();
    let Some(value) = compared_value("S3", "Issuer", issuer, missing, &must, &mut out) else {
        return out;
    };
    match &input.opts.client_id {
        Some(expected) if value != expected => out.push(RawFinding::fails(
            "S3",
            format!(
                "Issuer {} is not the expected {} (--client-id)",
                quoted(value),
                quoted(expected)
            ),
        )),
        Some(_) => {}
        None if input.bearer() && !value.starts_with("3MVG") => out.push(RawFinding::warning(
            "S3",
            format!(
                "Issuer {} does not look like a consumer key (they usually start with 3MVG); \
                 give --client-id to compare",
                quoted(value)
            ),
        )),
        None => {}
    }
    if let Some(r) = input.response
        && let Some(ri) = &r.issuer
        && ri.value.trim() != value.trim()
    {
        out.push(RawFinding::warning(
            "S3",
            format!(
                "the Response Issuer {} differs from the Assertion Issuer {}",
                quoted(&ri.value),
                quoted(value)
            ),
        ));
    }
    out
}

pub fn s4_name_id(input: &CheckInput<'_>, a: &AssertionFields) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let who = input.per_profile(
        "the Salesforce username",
        "the user as the SSO settings map it (username or Federation ID)",
    );
    let missing = if a.encrypted_id {
        format!(
            "the NameID is encrypted (EncryptedID), so it cannot be read here; it must name {who}"
        )
    } else {
        format!("the Assertion has no Subject/NameID; it must name {who}")
    };
    let must = format!("name {who}");
    let name_id = a.name_id.as_ref();
    let text = name_id.map(|n| &n.value);
    let Some(value) = compared_value("S4", "NameID", text, missing, &must, &mut out) else {
        return out;
    };
    match &input.opts.username {
        Some(expected) if value == expected => {}
        Some(expected) if value.eq_ignore_ascii_case(expected) => out.push(RawFinding::warning(
            "S4",
            format!(
                "NameID {} differs from the expected {} only in case",
                quoted(value),
                quoted(expected)
            ),
        )),
        Some(expected) => out.push(RawFinding::fails(
            "S4",
            format!(
                "NameID {} is not the expected user {} (--username)",
                quoted(value),
                quoted(expected)
            ),
        )),
        None if input.bearer() && !value.contains('@') => out.push(RawFinding::warning(
            "S4",
            format!(
                "NameID {} does not look like a Salesforce username (user@domain)",
                quoted(value)
            ),
        )),
        None => {}
    }
    if input.bearer() && name_id.and_then(|n| n.format.as_deref()) == Some(TRANSIENT) {
        out.push(RawFinding::warning(
            "S4",
            "the NameID Format is transient (a one-off identifier); the bearer grant needs the \
             username",
        ));
    }
    out
}

/// Every identity value whose text is split, with a name for messages.
fn identity_values<'a>(input: &'a CheckInput<'_>) -> Vec<(String, &'a Text)> {
    let mut values: Vec<(String, &Text)> = Vec::new();
    if let Some(r) = input.response
        && let Some(i) = &r.issuer
    {
        values.push(("Response Issuer".to_string(), i));
    }
    if let Some(a) = input.assertion {
        if let Some(i) = &a.issuer {
            values.push(("Issuer".to_string(), i));
        }
        if let Some(n) = &a.name_id {
            values.push(("NameID".to_string(), &n.value));
        }
        if let Some(c) = &a.conditions {
            values.extend(c.audiences.iter().map(|t| ("Audience".to_string(), t)));
        }
        for attr in &a.attributes {
            let name = attr.name.as_deref().unwrap_or("(unnamed)");
            values.extend(
                attr.values
                    .iter()
                    .map(|t| (format!("attribute {} value", quoted(name)), t)),
            );
        }
    }
    values
}

pub fn s12_split_text(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let split: Vec<(String, &Text)> = identity_values(input)
        .into_iter()
        .filter(|(_, t)| t.split)
        .collect();
    let mut out: Vec<RawFinding> = split
        .iter()
        .take(MAX_LISTED)
        .map(|(what, t)| {
            let (line, col) = line_col(input.xml, t.offset);
            let first = t
                .first_piece
                .as_deref()
                .map(|f| {
                    format!(
                        ", but a reader that keeps only the first text node sees {}",
                        quoted(f)
                    )
                })
                .unwrap_or_default();
            RawFinding::error(
                "S12",
                format!(
                    "{what} at {line}:{col} is split by a comment, processing instruction or \
                     CDATA section: the whole text is {}{first}",
                    quoted(&t.value)
                ),
            )
        })
        .collect();
    if split.len() > MAX_LISTED {
        out.push(RawFinding::error(
            "S12",
            format!(
                "{} more values are split the same way",
                split.len() - MAX_LISTED
            ),
        ));
    }
    out
}
