//! Rules every JWT is held to, whatever its profile: J15 `crit`, J16 members given twice,
//! J17 key confusion, J18 keys the token names for itself, and I1 for the input around it.
//! They explain why a signature that verifies can still not be trusted.

use super::{CheckInput, shown};
use crate::inspect::input::Source;
use crate::inspect::jwt::header::{KEY_REFERENCES, crit_problems};
use crate::inspect::jwt::verify::is_key_set;
use crate::inspect::keys::KeyKind;
use crate::inspect::members::Duplicate;
use crate::inspect::report::RawFinding;
use serde_json::Value;

pub fn run(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    out.extend(j15_crit(input));
    out.extend(j16_duplicates(input));
    out.extend(j17_key_confusion(input));
    out.extend(j18_key_references(input));
    out.extend(i1_repeated(input));
    out
}

pub fn j15_crit(input: &CheckInput<'_>) -> Vec<RawFinding> {
    crit_problems(&input.jwt.header)
        .into_iter()
        .map(|m| RawFinding::error("J15", m))
        .collect()
}

pub fn j16_duplicates(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let header = input.jwt.header_duplicates.iter().map(|d| {
        RawFinding::error(
            "J16",
            format!(
                "the header gives {}; parsers disagree on which wins (sfauth shows the last), \
                 so reject the token and sign one value",
                d.describe()
            ),
        )
    });
    let claims = input.jwt.claims_duplicates.iter().map(|d| {
        RawFinding::warning(
            "J16",
            format!(
                "the claims give {}; parsers disagree on which wins (sfauth shows the last): \
                 send each claim once",
                d.describe()
            ),
        )
    });
    header.chain(claims).collect()
}

pub fn j17_key_confusion(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some(key) = input.key else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(what) = key.secret_is {
        out.push(RawFinding::error(
            "J17",
            format!(
                "the secret is a {}: anyone can compute an HMAC with public key material \
                 (RS256-to-HS256 key confusion); verify with --key, never as --secret",
                what.describe()
            ),
        ));
    }
    if is_key_set(key.format) {
        for c in &key.candidates {
            if let KeyKind::Hmac { .. } = c.kind {
                let name = c
                    .kid
                    .as_deref()
                    .map_or_else(String::new, |k| format!(" {}", shown(&k.into())));
                out.push(RawFinding::warning(
                    "J17",
                    format!(
                        "{} holds a symmetric (\"oct\") key{name}: a key set is meant to be \
                         published, and anyone with an HMAC key can sign tokens; keep secrets \
                         out of JWKS files",
                        key.source
                    ),
                ));
            }
        }
    }
    if let Some(kid) = &input.key_use.unmatched_kid
        && let Some(i) = input.key_use.verified_by
    {
        let by = key
            .candidates
            .get(i)
            .and_then(|c| c.kid.as_deref())
            .map_or_else(
                || "a key without a kid".to_string(),
                |k| format!("key {}", shown(&k.into())),
            );
        out.push(RawFinding::warning(
            "J17",
            format!(
                "kid {} matches no key in {}, but {by} verifies the token; a verifier that picks \
                 its key by kid rejects it: fix the kid",
                shown(&Value::String(kid.clone())),
                key.source
            ),
        ));
    }
    out
}

/// A kid no key set needs, but a path or query built from it would act on. A `/` alone is
/// common in base64 kids, so only a leading one or a parent step counts.
fn looks_like_injection(kid: &str) -> bool {
    let path = kid.contains("..") || kid.starts_with('/') || kid.contains(['\\', '\0']);
    let query = kid.contains(['\'', '"', ';', '|', '`', '$']) || kid.contains(" --");
    path || query
}

pub fn j18_key_references(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let header = &input.jwt.header;
    let mut out: Vec<RawFinding> = KEY_REFERENCES
        .iter()
        .filter_map(|(param, what)| {
            let value = header.get(*param)?;
            Some(RawFinding::warning(
                "J18",
                format!(
                    "header {param} {} is {what}: sfauth never fetches or trusts a key the \
                     token names for itself; verify with a key you hold (--key)",
                    shown(value)
                ),
            ))
        })
        .collect();
    match header.get("kid") {
        Some(Value::String(kid)) if looks_like_injection(kid) => out.push(RawFinding::warning(
            "J18",
            format!(
                "kid {} looks like a path or query fragment: sfauth only compares it with the \
                 key set's kids, but a verifier that loads keys by it can be steered; use a \
                 plain identifier",
                shown(&Value::String(kid.clone()))
            ),
        )),
        Some(Value::String(_)) | None => {}
        Some(other) => out.push(RawFinding::warning(
            "J18",
            format!(
                "kid {} is not a string; verifiers that expect one may fail or pick any key: \
                 use a string kid",
                shown(other)
            ),
        )),
    }
    out
}

pub fn i1_repeated(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let (carrier, reads) = match input.source {
        Source::FormBody => ("request body", "the first"),
        _ => ("JSON", "the last"),
    };
    repeated_findings(input.input_duplicates, carrier, reads)
}

/// I1 findings for names given more than once in the input around the assertion; `reads`
/// says which value sfauth inspected. Shared with the SAML inspector's form input.
pub fn repeated_findings(dups: &[Duplicate], carrier: &str, reads: &str) -> Vec<RawFinding> {
    dups.iter()
        .map(|d| {
            RawFinding::warning(
                "I1",
                format!(
                    "the {carrier} gives {}; servers disagree on which one counts (sfauth \
                     inspects {reads}): send it once",
                    d.describe()
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::inspect::report::Level;
    use serde_json::json;

    #[test]
    fn a_plain_token_has_no_trust_findings() {
        assert!(claims(good_claims()).of(run).is_empty());
    }

    #[test]
    fn crit_problems_are_errors() {
        let c = case(
            json!({"alg": "RS256", "crit": ["b64"], "b64": false}),
            good_claims(),
        );
        let found = c.of(j15_crit);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, Level::Error);
    }

    #[test]
    fn key_references_and_odd_kids_warn() {
        let c = case(
            json!({"alg": "RS256", "jku": "https://x.example/k", "x5c": ["MIIB"], "kid": "../../dev/null"}),
            good_claims(),
        );
        let found = c.of(j18_key_references);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("header jku \"https://x.example/k\""));
        assert!(messages[1].starts_with("header x5c [\"MIIB\"]"));
        assert!(messages[2].contains("\"../../dev/null\""));
        let sql = case(
            json!({"alg": "RS256", "kid": "x' OR '1'='1"}),
            good_claims(),
        );
        assert_eq!(sql.of(j18_key_references).len(), 1);
        let plain = case(
            json!({"alg": "RS256", "kid": "2024-key_1.a"}),
            good_claims(),
        );
        assert!(plain.of(j18_key_references).is_empty());
        let number = case(json!({"alg": "RS256", "kid": 7}), good_claims());
        number.first_says(j18_key_references, "not a string");
    }

    #[test]
    fn repeated_input_names_say_which_value_was_read() {
        let d = Duplicate {
            name: "assertion".into(),
            values: vec![json!("a"), json!("b")],
        };
        let found = repeated_findings(&[d], "request body", "the first");
        assert_eq!(found[0].level, Level::Warning);
        assert_eq!(
            found[0].message,
            "the request body gives \"assertion\" twice: \"a\" then \"b\"; servers disagree \
             on which one counts (sfauth inspects the first): send it once"
        );
    }
}
