//! The text report for a SAML message: the decoded values, the signature (what it covers,
//! canonicalization, algorithms, the KeyInfo certificate), then findings and the verdict in
//! the same form as for a JWT.

use super::inspect::{badge, findings, printable, verdict};
use super::output::Paint;
use crate::saml::{DecodedField, SamlReport, SignatureReport};
use chrono::{DateTime, Utc};

/// Labels longer than this push their value right instead of widening every row.
const MAX_LABEL: usize = 28;

pub fn render(r: &SamlReport, at: DateTime<Utc>, paint: &Paint) -> String {
    let mut lines = vec![paint.bold("SAML")];
    lines.extend(rows(&r.field_rows(at), paint));
    let exit = r.exit_code();
    lines.extend(signature(&r.signature, "Signature", exit, at, paint));
    for other in &r.other_signatures {
        lines.extend(signature(other, "Other signature", exit, at, paint));
    }
    lines.extend(findings(&r.findings, at, paint));
    lines.push(verdict(
        &r.findings,
        r.signature.status,
        r.exit_code(),
        paint,
    ));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `Signature valid (RSA-SHA256): detail`, then what the signature is made of.
fn signature(
    s: &SignatureReport,
    heading: &str,
    exit: u8,
    at: DateTime<Utc>,
    paint: &Paint,
) -> Vec<String> {
    let alg = s
        .alg_name
        .as_deref()
        .or(s.alg.as_deref())
        .unwrap_or("no SignatureMethod");
    let mut lines = vec![format!(
        "{} {} ({}): {}",
        paint.bold(heading),
        badge(s.status, exit, paint),
        printable(alg),
        printable(&s.detail)
    )];
    lines.extend(rows(&s.detail_rows(at), paint));
    lines
}

/// `  Label   value  note`, labels aligned; every value is document content, so escaped.
fn rows(rows: &[DecodedField], paint: &Paint) -> Vec<String> {
    let width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    rows.iter()
        .map(|r| {
            let label = printable(&r.label);
            let value = printable(&r.value);
            match &r.note {
                Some(note) => format!(
                    "  {label:<width$}  {value}  {}",
                    paint.dim(&printable(note))
                ),
                None => format!("  {label:<width$}  {value}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Knowledge;
    use crate::saml::fixtures::{bytes, text};
    use crate::saml::{SamlOptions, inspect_saml};

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-01T00:01:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn report(name: &str) -> SamlReport {
        let opts = SamlOptions {
            key: Some(bytes("pub.pem")),
            ..SamlOptions::at(at())
        };
        inspect_saml(&text(name), &opts, &Knowledge::builtin().unwrap()).unwrap()
    }

    #[test]
    fn colours_only_when_painting() {
        let r = report("comment-injected.xml");
        let plain = render(&r, at(), &Paint { on: false });
        assert!(!plain.contains('\u{1b}'));
        assert!(plain.contains("Signature valid (RSA-SHA256)"), "{plain}");
        assert!(plain.contains("  S12 error: "), "{plain}");
        let coloured = render(&r, at(), &Paint { on: true });
        assert!(coloured.contains("\u{1b}[31mS12 error\u{1b}[0m"));
        // The signature verifies, but over a document that fails S12: never green.
        assert!(coloured.contains("\u{1b}[33mvalid\u{1b}[0m"), "{coloured}");
    }

    #[test]
    fn notes_follow_values_and_labels_align() {
        let r = report("valid.xml");
        let text = render(&r, at(), &Paint { on: false });
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with("Conditions NotOnOrAfter"))
            .unwrap();
        assert!(
            line.ends_with("2026-01-01T00:03:00Z  expires in 2m"),
            "{line}"
        );
        let issuer = text
            .lines()
            .find(|l| l.trim_start().starts_with("Issuer "))
            .unwrap();
        let value_at = |l: &str, v: &str| l.find(v).unwrap();
        assert_eq!(
            value_at(issuer, "3MVG9example.consumer.key"),
            value_at(line, "2026-01-01T00:03:00Z")
        );
    }

    #[test]
    fn other_signatures_are_shown_after_the_deciding_one() {
        let r = report("response-both-signed.xml");
        let text = render(&r, at(), &Paint { on: false });
        let deciding = text.find("Signature valid").unwrap();
        let other = text.find("Other signature valid").unwrap();
        assert!(deciding < other);
    }
}
