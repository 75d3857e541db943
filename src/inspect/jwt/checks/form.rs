//! The token's outer form (J1 compact form, J2 alg, J3 typ) and the request carrying it (J14).

use super::{CheckInput, quoted, shown};
use crate::inspect::input::Source;
use crate::inspect::report::RawFinding;
use serde_json::Value;

pub const JWT_BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

pub fn j1_compact(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    if input.line_breaks {
        out.push(RawFinding::fails(
            "J1",
            "the token contains spaces or line breaks; send it as one unbroken line",
        ));
    }
    for (name, segment) in ["header", "claims", "signature"]
        .iter()
        .zip(input.jwt.token.split('.'))
    {
        if segment.ends_with('=') {
            out.push(RawFinding::warning(
                "J1",
                format!(
                    "the {name} segment ends in '=' padding; JWT segments are normally unpadded \
                     base64url (Salesforce's own example pads one, so this alone is not fatal)"
                ),
            ));
        }
    }
    let unsigned = input
        .jwt
        .alg()
        .is_some_and(|a| a.eq_ignore_ascii_case("none"));
    if input.jwt.signature.is_empty() && !unsigned {
        out.push(RawFinding::fails(
            "J1",
            "the signature segment is empty; the assertion must be signed",
        ));
    }
    out
}

pub fn j2_alg(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let message = match input.jwt.header.get("alg") {
        None => "header has no alg; Salesforce requires RS256".to_string(),
        Some(Value::String(a)) if a == "RS256" => return Vec::new(),
        Some(Value::String(a)) if a.eq_ignore_ascii_case("none") => {
            format!(
                "alg {} means unsigned; Salesforce requires RS256",
                quoted(a)
            )
        }
        Some(Value::String(a)) => format!("alg {} is not RS256", quoted(a)),
        Some(other) => format!("alg {} is not the string \"RS256\"", shown(other)),
    };
    vec![RawFinding::fails("J2", message)]
}

pub fn j3_typ(input: &CheckInput<'_>) -> Vec<RawFinding> {
    match input.jwt.header.get("typ") {
        None => Vec::new(),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("JWT") => Vec::new(),
        Some(other) => vec![RawFinding::fails(
            "J3",
            format!(
                "typ {} is unusual; expected \"JWT\" or no typ",
                shown(other)
            ),
        )],
    }
}

pub fn j14_request(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some(request) = input.request else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if input.source == Source::JsonAssertion {
        out.push(RawFinding::fails(
            "J14",
            "the token request is JSON; the token endpoint takes a form-encoded body \
             (application/x-www-form-urlencoded)",
        ));
    }
    match request.get("grant_type") {
        None => out.push(RawFinding::fails(
            "J14",
            format!("the token request has no grant_type; expected {JWT_BEARER_GRANT}"),
        )),
        Some(g) if g == JWT_BEARER_GRANT => {}
        Some(g) if g.contains('%') => out.push(RawFinding::fails(
            "J14",
            format!(
                "grant_type {} is URL-encoded twice; expected {JWT_BEARER_GRANT}",
                quoted(g)
            ),
        )),
        Some(g) => out.push(RawFinding::fails(
            "J14",
            format!("grant_type {} is not {JWT_BEARER_GRANT}", quoted(g)),
        )),
    }
    let extras: Vec<&str> = ["client_secret", "client_id"]
        .into_iter()
        .filter(|p| request.get(p).is_some())
        .collect();
    if !extras.is_empty() {
        out.push(RawFinding::info(
            "J14",
            format!(
                "{} not needed for the JWT bearer grant; the assertion identifies the app",
                match extras.as_slice() {
                    [one] => format!("{one} is"),
                    _ => format!("{} are", extras.join(" and ")),
                }
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::inspect::input::TokenRequest;
    use crate::inspect::report::Level;
    use serde_json::json;

    fn levels(found: &[RawFinding]) -> Vec<Level> {
        found.iter().map(|f| f.level).collect()
    }

    #[test]
    fn j1_line_breaks_and_missing_signature() {
        let mut c = claims(good_claims());
        assert!(c.of(j1_compact).is_empty());
        c.line_breaks = true;
        assert_eq!(levels(&c.of(j1_compact)), [Level::Fails]);
        let mut c = claims(good_claims());
        c.jwt.signature.clear();
        c.first_says(j1_compact, "signature segment is empty");
    }

    #[test]
    fn j1_padding_only_warns() {
        let mut c = claims(good_claims());
        let (head, _) = c.jwt.token.rsplit_once('.').unwrap();
        let padded = format!("{head}.c2lnIQ==");
        c.jwt = crate::inspect::jwt::decode::decode(&padded).unwrap();
        let found = c.of(j1_compact);
        assert_eq!(levels(&found), [Level::Warning]);
        assert!(found[0].message.contains("signature segment ends in '='"));
        c.line_breaks = true;
        assert_eq!(levels(&c.of(j1_compact)), [Level::Fails, Level::Warning]);
    }

    #[test]
    fn j2_wants_exactly_rs256() {
        let ok = case(json!({"alg": "RS256"}), good_claims());
        assert!(ok.of(j2_alg).is_empty());
        for (header, needle) in [
            (json!({"alg": "HS256"}), "\"HS256\" is not RS256"),
            (json!({"alg": "none"}), "unsigned"),
            (json!({"alg": "rs256"}), "not RS256"),
            (json!({}), "no alg"),
            (json!({"alg": 256}), "256 is not the string"),
        ] {
            let found = case(header, good_claims()).of(j2_alg);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].check, "J2");
            assert!(found[0].message.contains(needle), "{}", found[0].message);
        }
    }

    #[test]
    fn j3_tolerates_jwt_and_absence() {
        assert!(
            case(json!({"alg": "RS256"}), good_claims())
                .of(j3_typ)
                .is_empty()
        );
        assert!(
            case(json!({"typ": "jwt"}), good_claims())
                .of(j3_typ)
                .is_empty()
        );
        let odd = case(json!({"typ": "at+jwt"}), good_claims()).of(j3_typ);
        assert_eq!(odd.len(), 1);
        assert!(odd[0].message.contains("at+jwt"));
    }

    fn request(pairs: &[(&str, &str)]) -> TokenRequest {
        TokenRequest {
            params: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn j14_only_with_a_request() {
        assert!(claims(good_claims()).of(j14_request).is_empty());
        let mut c = claims(good_claims());
        c.request = Some(request(&[
            ("grant_type", JWT_BEARER_GRANT),
            ("assertion", "x"),
        ]));
        assert!(c.of(j14_request).is_empty());
    }

    #[test]
    fn j14_grant_type_problems() {
        for (grant, needle) in [
            (Some("password"), "is not urn"),
            (
                Some("urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"),
                "twice",
            ),
            (None, "no grant_type"),
        ] {
            let mut pairs = vec![("assertion", "x")];
            if let Some(g) = grant {
                pairs.push(("grant_type", g));
            }
            let mut c = claims(good_claims());
            c.request = Some(request(&pairs));
            let found = c.of(j14_request);
            assert_eq!(levels(&found), [Level::Fails]);
            assert!(found[0].message.contains(needle), "{}", found[0].message);
        }
    }

    #[test]
    fn j14_json_body_and_needless_client_credentials() {
        let mut c = claims(good_claims());
        c.source = Source::JsonAssertion;
        c.request = Some(request(&[
            ("grant_type", JWT_BEARER_GRANT),
            ("client_id", "3MVG"),
            ("client_secret", "s"),
        ]));
        let found = c.of(j14_request);
        assert_eq!(levels(&found), [Level::Fails, Level::Info]);
        assert!(found[0].message.contains("form-encoded"));
        assert!(found[1].message.contains("client_secret and client_id are"));
    }
}
