//! Header parameters that decide whether a signature that verifies can be trusted: `crit`
//! (RFC 7515 §4.1.11), parameters given twice, and keys a token names for itself.

use super::checks::shown as shown_value;
use super::decode::DecodedJwt;
use serde_json::{Map, Value};

/// Header parameters registered for JWS and JWE (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518
/// §4.6–4.8). `crit` must not list them: they are understood by definition.
const REGISTERED: [&str; 20] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Header parameters by which a token names its own verification key. A verifier that
/// follows them verifies the token with a key the token's author chose.
pub const KEY_REFERENCES: [(&str, &str); 4] = [
    ("jwk", "an embedded public key"),
    ("jku", "a URL to fetch a key set from"),
    ("x5u", "a URL to fetch a certificate from"),
    ("x5c", "an embedded certificate chain"),
];

const REJECT: &str = "a verifier must reject the token (RFC 7515 §4.1.11)";

/// Why `crit` makes the token unacceptable, one reason per problem. sfauth implements no
/// extension, so any well-formed `crit` still names one it does not understand.
pub fn crit_problems(header: &Map<String, Value>) -> Vec<String> {
    let Some(crit) = header.get("crit") else {
        return Vec::new();
    };
    let Value::Array(names) = crit else {
        return vec![format!(
            "crit {} is not an array of header parameter names; {REJECT}",
            shown_value(crit)
        )];
    };
    if names.is_empty() {
        return vec![format!(
            "crit is an empty array, which is not allowed; {REJECT}"
        )];
    }
    names.iter().map(|name| crit_name(header, name)).collect()
}

fn crit_name(header: &Map<String, Value>, name: &Value) -> String {
    let Value::String(name) = name else {
        return format!(
            "crit lists {}, which is not a string name; {REJECT}",
            shown_value(name)
        );
    };
    let quoted = shown_value(&Value::String(name.clone()));
    if name == "b64" {
        return "crit lists \"b64\" (RFC 7797 unencoded payload): the signature then covers the \
                raw payload, not the claims segment, and sfauth does not implement it; reject the \
                token unless the relying party implements RFC 7797"
            .to_string();
    }
    if REGISTERED.contains(&name.as_str()) {
        return format!(
            "crit lists {quoted}, a registered header parameter, which crit must not list; \
             {REJECT}"
        );
    }
    if !header.contains_key(name) {
        return format!("crit lists {quoted}, which is not in the header; {REJECT}");
    }
    format!(
        "crit lists {quoted}, an extension sfauth does not understand; {REJECT} unless the \
         relying party implements it"
    )
}

/// The first reason a signature that verifies must still not be trusted, naming the check
/// that explains it: the header says two things at once, or names a critical extension.
pub fn refusal(jwt: &DecodedJwt) -> Option<String> {
    if let Some(d) = jwt.header_duplicates.first() {
        let name = shown_value(&Value::String(d.name.clone()));
        return Some(format!("the header gives {name} more than once (J16)"));
    }
    if crit_problems(&jwt.header).is_empty() {
        return None;
    }
    Some("the header's crit cannot be honoured (J15)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(header: Value) -> Vec<String> {
        crit_problems(header.as_object().unwrap())
    }

    #[test]
    fn crit_absent_is_fine_and_every_form_of_it_is_refused() {
        assert!(problems(json!({"alg": "RS256"})).is_empty());
        let cases = [
            (json!({"crit": "b64"}), "not an array"),
            (json!({"crit": []}), "empty array"),
            (json!({"crit": [1]}), "not a string"),
            (json!({"crit": ["alg"]}), "registered"),
            (json!({"crit": ["b64"], "b64": false}), "RFC 7797"),
            (json!({"crit": ["ext"]}), "not in the header"),
            (json!({"crit": ["ext"], "ext": 1}), "does not understand"),
        ];
        for (header, needle) in cases {
            let found = problems(header.clone());
            assert_eq!(found.len(), 1, "{header}");
            assert!(found[0].contains(needle), "{header}: {}", found[0]);
        }
        assert_eq!(problems(json!({"crit": ["a", "alg"], "a": 1})).len(), 2);
    }
}
