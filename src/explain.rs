//! Matching a Salesforce error response to the error catalog: a JSON body, `error:
//! description`, a redirect's `error=...&error_description=...`, or the description alone.

use crate::inspect::input::percent_decode;
use crate::model::suggest::levenshtein;
use crate::model::{ErrorEntry, Knowledge};
use serde_json::Value;

/// Larger input is refused: an error response is a line or two.
pub const MAX_EXPLAIN_BYTES: usize = 64 * 1024;

/// What the user pasted, split into Salesforce's two fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorText {
    pub error: Option<String>,
    pub description: Option<String>,
    /// The text as given, trimmed (Login History statuses are matched against it whole).
    pub raw: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Entries whose error code and/or description match.
    Matched,
    /// Nothing matched; these are the nearest entries.
    Closest,
}

#[derive(Debug, Clone)]
pub struct Explanation<'k> {
    pub query: ErrorText,
    pub kind: MatchKind,
    pub entries: Vec<&'k ErrorEntry>,
}

pub fn parse(text: &str) -> Result<ErrorText, String> {
    if text.len() > MAX_EXPLAIN_BYTES {
        return Err(format!(
            "input is {} bytes; an error response is expected to be under 64 KB",
            text.len()
        ));
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(
            "nothing to explain: give an error response, `error: description`, or the description"
                .to_string(),
        );
    }
    let raw = t.to_string();
    let clean = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    if (t.starts_with('{') || t.starts_with('['))
        && let Ok(value) = serde_json::from_str::<Value>(t)
    {
        return from_json(&value, raw);
    }
    if t.starts_with("error=") || t.contains("&error=") || t.contains("?error=") {
        let query = t.rsplit(['?', '#']).next().unwrap_or(t);
        let mut out = ErrorText {
            raw,
            ..ErrorText::default()
        };
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v).map_err(|e| format!("parameter \"{k}\": {e}"))?;
            match k {
                "error" => out.error = clean(&v),
                "error_description" => out.description = clean(&v),
                _ => {}
            }
        }
        return Ok(out);
    }
    if let Some((code, rest)) = t.split_once(':')
        && is_code(code.trim())
    {
        return Ok(ErrorText {
            error: clean(code),
            description: clean(rest),
            raw,
        });
    }
    if is_code(t) {
        return Ok(ErrorText {
            error: clean(t),
            description: None,
            raw,
        });
    }
    Ok(ErrorText {
        error: None,
        description: clean(t),
        raw,
    })
}

fn from_json(value: &Value, raw: String) -> Result<ErrorText, String> {
    // REST API errors come as an array of {"message","errorCode"}; OAuth errors as an object.
    let obj = match value {
        Value::Array(items) => items.first().unwrap_or(&Value::Null),
        other => other,
    };
    let Value::Object(map) = obj else {
        return Err(
            "JSON input must be an object like {\"error\":...,\"error_description\":...}"
                .to_string(),
        );
    };
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| map.get(*n).and_then(Value::as_str))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let error = field(&["error", "errorCode"]);
    let description = field(&["error_description", "message"]);
    if error.is_none() && description.is_none() {
        let keys: Vec<&str> = map.keys().map(String::as_str).take(8).collect();
        return Err(format!(
            "JSON has no \"error\" or \"error_description\" (keys: {})",
            keys.join(", ")
        ));
    }
    Ok(ErrorText {
        error,
        description,
        raw,
    })
}

/// `invalid_grant`, `INVALID_SESSION_ID`: one word of letters, digits and underscores.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.contains(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (s.contains('_')
            || s.chars().all(|c| c.is_ascii_lowercase())
            || s.chars().all(|c| !c.is_ascii_lowercase()))
}

/// Lowercase, single-spaced, without a final period: how descriptions are compared.
pub fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

pub fn explain<'k>(k: &'k Knowledge, query: &ErrorText) -> Explanation<'k> {
    let error = query.error.as_deref().map(norm);
    let description = query.description.as_deref().map(norm);
    let raw = norm(&query.raw);
    // A Login History status as this tool prints it ("Login History: <status>") is that status.
    let raw = raw
        .strip_prefix("login history:")
        .map(|status| status.trim().to_string())
        .unwrap_or(raw);
    let same_error = |e: &ErrorEntry| error.as_deref() == Some(norm(&e.error).as_str());
    let desc_of = |e: &ErrorEntry| e.description.as_deref().map(norm);
    let desc_matches = |e: &ErrorEntry| match (desc_of(e), description.as_deref()) {
        (Some(entry), Some(given)) => {
            entry == given || (entry.len() >= 8 && given.contains(&entry))
        }
        _ => false,
    };
    let pick = |f: &dyn Fn(&ErrorEntry) -> bool| -> Vec<&'k ErrorEntry> {
        k.errors.iter().filter(|e| f(e)).collect()
    };
    let tiers: [Vec<&'k ErrorEntry>; 4] = [
        pick(&|e| same_error(e) && desc_matches(e)),
        pick(&|e| e.login_history.as_deref().map(norm).as_deref() == Some(raw.as_str())),
        pick(&|e| desc_matches(e) || (description.as_deref() == Some(norm(&e.error).as_str()))),
        if description.is_none() {
            pick(&|e| same_error(e))
        } else {
            Vec::new()
        },
    ];
    if let Some(found) = tiers.into_iter().find(|t| !t.is_empty()) {
        return Explanation {
            query: query.clone(),
            kind: MatchKind::Matched,
            entries: found,
        };
    }
    Explanation {
        query: query.clone(),
        kind: MatchKind::Closest,
        entries: closest(k, query, 3),
    }
}

/// Entries sharing the most words with the query (same error code first), nearest
/// description breaking ties.
fn closest<'k>(k: &'k Knowledge, query: &ErrorText, max: usize) -> Vec<&'k ErrorEntry> {
    let words = |s: &str| -> Vec<String> {
        norm(s)
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| w.len() > 2)
            .map(str::to_string)
            .collect()
    };
    let asked = words(&query.raw);
    let given_desc = query.description.as_deref().map(norm).unwrap_or_default();
    let error = query.error.as_deref().map(norm);
    let mut scored: Vec<(usize, usize, &ErrorEntry)> = k
        .errors
        .iter()
        .filter_map(|e| {
            let hay = words(&format!(
                "{} {} {}",
                e.error,
                e.description.as_deref().unwrap_or_default(),
                e.login_history.as_deref().unwrap_or_default()
            ));
            let shared = asked.iter().filter(|w| hay.contains(w)).count()
                + usize::from(error.as_deref() == Some(norm(&e.error).as_str())) * 2;
            let distance = levenshtein(
                &given_desc,
                &norm(e.description.as_deref().unwrap_or_default()),
            );
            (shared > 0).then_some((shared, distance, e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(max).map(|(_, _, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> ErrorText {
        parse(text).unwrap()
    }

    #[test]
    fn parses_the_three_forms_and_redirects() {
        let json = q(r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#);
        assert_eq!(json.error.as_deref(), Some("invalid_grant"));
        assert_eq!(json.description.as_deref(), Some("audience is invalid"));
        let line = q("invalid_grant: expired authorization code");
        assert_eq!(line.error.as_deref(), Some("invalid_grant"));
        assert_eq!(
            line.description.as_deref(),
            Some("expired authorization code")
        );
        let alone = q("user hasn't approved this consumer");
        assert_eq!(
            (alone.error, alone.description.as_deref()),
            (None, Some("user hasn't approved this consumer"))
        );
        let code = q("invalid_client_id");
        assert_eq!(code.error.as_deref(), Some("invalid_client_id"));
        let redirect = q(
            "https://cb.example/cb?error=access_denied&error_description=end-user+denied+authorization",
        );
        assert_eq!(redirect.error.as_deref(), Some("access_denied"));
        assert_eq!(
            redirect.description.as_deref(),
            Some("end-user denied authorization")
        );
        let rest =
            q(r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#);
        assert_eq!(rest.error.as_deref(), Some("INVALID_SESSION_ID"));
    }

    #[test]
    fn rejects_empty_oversized_and_fieldless_json() {
        assert!(parse("  ").is_err());
        assert!(parse(&"x".repeat(MAX_EXPLAIN_BYTES + 1)).is_err());
        assert!(parse(r#"{"a":1}"#).unwrap_err().contains("no \"error\""));
        assert!(parse("[1]").is_err());
    }

    #[test]
    fn a_sentence_with_a_colon_is_not_split() {
        let t = q("Failed: Not approved for access");
        assert_eq!(t.error, None);
        assert_eq!(
            t.description.as_deref(),
            Some("Failed: Not approved for access")
        );
        let t = q("the request failed: audience is invalid");
        assert_eq!(t.error, None);
    }

    #[test]
    fn every_catalog_entry_explains_its_own_display_line() {
        let k = Knowledge::builtin().unwrap_or_default();
        for e in &k.errors {
            let found = explain(&k, &q(&e.display_line()));
            assert_eq!(found.kind, MatchKind::Matched, "{}", e.id);
            assert!(found.entries.iter().any(|m| m.id == e.id), "{}", e.id);
            if let Some(d) = &e.description {
                let body =
                    serde_json::json!({"error": e.error, "error_description": d}).to_string();
                let by_json = explain(&k, &q(&body));
                assert!(by_json.entries.iter().any(|m| m.id == e.id), "{}", e.id);
                let by_desc = explain(&k, &q(d));
                assert!(by_desc.entries.iter().any(|m| m.id == e.id), "{}", e.id);
            }
        }
    }

    /// A small catalog, so matching is tested whatever the shipped content says.
    fn catalog() -> Knowledge {
        let entry = |id: &str, error: &str, description: Option<&str>, history: Option<&str>| {
            serde_json::from_value::<ErrorEntry>(serde_json::json!({
                "id": id, "error": error, "description": description,
                "login_history": history, "flows": [], "summary": "s", "causes": [],
                "fixes": [], "sources": [], "as_of": "Spring '26"
            }))
            .unwrap()
        };
        let mut k = Knowledge::default();
        k.errors = vec![
            entry(
                "audience-invalid",
                "invalid_grant",
                Some("audience is invalid"),
                None,
            ),
            entry(
                "invalid-assertion",
                "invalid_grant",
                Some("invalid assertion"),
                None,
            ),
            entry(
                "saml-signature-invalid",
                "invalid_grant",
                Some("invalid assertion"),
                Some("Signature Invalid"),
            ),
            entry("access-denied", "access_denied", None, None),
            entry(
                "not-approved",
                "",
                None,
                Some("Failed: Not approved for access"),
            ),
        ];
        k
    }

    fn ids(e: &Explanation<'_>) -> Vec<String> {
        e.entries.iter().map(|x| x.id.clone()).collect()
    }

    #[test]
    fn matching_tiers() {
        let k = catalog();
        let m = explain(&k, &q("invalid_grant: audience is invalid"));
        assert_eq!(
            (m.kind, ids(&m)),
            (MatchKind::Matched, vec!["audience-invalid".to_string()])
        );
        let both = explain(&k, &q("invalid assertion"));
        assert_eq!(ids(&both), ["invalid-assertion", "saml-signature-invalid"]);
        let history = explain(&k, &q("Failed: Not approved for access"));
        assert_eq!(ids(&history), ["not-approved"]);
        let printed = explain(&k, &q("Login History: Failed: Not approved for access"));
        assert_eq!(ids(&printed), ["not-approved"]);
        let code = explain(&k, &q("access_denied"));
        assert_eq!(ids(&code), ["access-denied"]);
        let all_grants = explain(&k, &q("invalid_grant"));
        assert_eq!(all_grants.entries.len(), 3);
        let longer = explain(&k, &q("invalid_grant: audience is invalid for this host"));
        assert_eq!(ids(&longer), ["audience-invalid"]);
        let near = explain(&k, &q("invalid_grant: audience is not valid"));
        assert_eq!(near.kind, MatchKind::Closest);
        assert_eq!(ids(&near)[0], "audience-invalid");
        assert!(near.entries.len() <= 3);
    }

    #[test]
    fn unknown_text_gives_closest_or_nothing() {
        let k = Knowledge::builtin().unwrap_or_default();
        let found = explain(&k, &q("zzqx: wibble wobble"));
        assert_eq!(found.kind, MatchKind::Closest);
        assert!(found.entries.is_empty());
        let near = explain(&k, &q("invalid_grant: audience is not valid for this org"));
        assert_eq!(near.kind, MatchKind::Closest);
        if k.error("audience-invalid").is_some() {
            assert!(near.entries.iter().any(|e| e.id == "audience-invalid"));
        }
    }

    #[test]
    fn norm_ignores_case_spacing_and_final_period() {
        assert_eq!(norm("  Audience   IS invalid. "), "audience is invalid");
    }
}
