//! Attack shapes: S11 signature wrapping, S13 processing instructions (a DOCTYPE never gets
//! this far: parsing refuses it), S14 several assertions or duplicate IDs.

use super::{CheckInput, quoted};
use crate::saml::report::RawFinding;

pub fn s11_wrapping(input: &CheckInput<'_>) -> Vec<RawFinding> {
    input
        .structure
        .wrapping
        .iter()
        .map(|m| RawFinding::error("S11", m.clone()))
        .collect()
}

pub fn s13_instructions(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let s = input.structure;
    let mut out: Vec<RawFinding> = s
        .instructions
        .iter()
        .map(|(text, at)| {
            RawFinding::error(
                "S13",
                format!("processing instruction {text} at {at}; a SAML message has no use for one"),
            )
        })
        .collect();
    out.extend(unlisted(
        "S13",
        s.instruction_count,
        s.instructions.len(),
        "processing instructions",
    ));
    out
}

pub fn s14_assertions_and_ids(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let s = input.structure;
    let mut out = Vec::new();
    if s.assertion_count > 1 {
        let more = if s.assertion_count > s.assertion_paths.len() {
            ", ..."
        } else {
            ""
        };
        out.push(RawFinding::error(
            "S14",
            format!(
                "the document has {} Assertion elements ({}{more}); exactly one is expected",
                s.assertion_count,
                s.assertion_paths.join(", ")
            ),
        ));
    }
    if s.assertion_count == 0 {
        let encrypted = if s.encrypted_assertions > 0 {
            format!(
                "; it has {} EncryptedAssertion, which cannot be read without the service \
                 provider's private key",
                s.encrypted_assertions
            )
        } else {
            String::new()
        };
        out.push(RawFinding::error(
            "S14",
            format!("the Response carries no Assertion{encrypted}"),
        ));
    }
    for (id, count, paths) in &s.duplicate_ids {
        let more = if *count > paths.len() { ", ..." } else { "" };
        out.push(RawFinding::error(
            "S14",
            format!(
                "ID {} is on {count} elements ({}{more}), so a Reference to it is ambiguous",
                quoted(id),
                paths.join(", ")
            ),
        ));
    }
    out.extend(unlisted(
        "S14",
        s.duplicate_id_count,
        s.duplicate_ids.len(),
        "ID values are duplicated",
    ));
    out
}

/// One finding counting what was found but not spelled out (only the first few are).
fn unlisted(check: &'static str, found: usize, listed: usize, what: &str) -> Option<RawFinding> {
    (found > listed).then(|| RawFinding::error(check, format!("{} more {what}", found - listed)))
}
