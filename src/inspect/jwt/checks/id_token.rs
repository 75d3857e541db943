//! Salesforce-issued ID tokens and JWT access tokens: alg, issuer, audience, expiry and
//! signature. Issuer and audience reuse the ids of the bearer checks on the same claims (J4
//! iss, J6 aud) with the ID-token meaning: iss is the login host, aud the consumer key.

use super::{CheckInput, crypto, form, is_salesforce_url, quoted, shown, timing, trim_slash};
use crate::inspect::report::{Profile, RawFinding};
use serde_json::Value;

pub fn run(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    out.extend(form::j1_compact(input));
    out.extend(form::j2_alg(input));
    out.extend(form::j3_typ(input));
    out.extend(issuer(input));
    out.extend(audience(input));
    out.extend(
        timing::j8_exp_format(input)
            .into_iter()
            .filter(|f| !f.message.contains("milliseconds")),
    );
    out.extend(timing::j9_expired(input));
    out.extend(crypto::j12_signature(input, Profile::IdToken));
    out
}

fn issuer(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let iss = match input.claim("iss") {
        None => {
            return vec![RawFinding::fails(
                "J4",
                "iss is missing; an ID token names its issuer",
            )];
        }
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            return vec![RawFinding::fails(
                "J4",
                format!("iss {} must be a URL string", shown(other)),
            )];
        }
    };
    if let Some(expected) = &input.opts.login_url {
        if trim_slash(iss).eq_ignore_ascii_case(trim_slash(expected.trim())) {
            return Vec::new();
        }
        return vec![RawFinding::fails(
            "J4",
            format!(
                "iss {} is not the expected issuer {}",
                quoted(iss),
                quoted(expected)
            ),
        )];
    }
    if is_salesforce_url(iss) {
        Vec::new()
    } else {
        vec![RawFinding::warning(
            "J4",
            format!(
                "iss {} is not a Salesforce URL; was this token issued by Salesforce?",
                quoted(iss)
            ),
        )]
    }
}

fn audience(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let auds: Vec<&str> = match input.claim("aud") {
        None => {
            return vec![RawFinding::fails(
                "J6",
                "aud is missing; an ID token names its client",
            )];
        }
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            items.iter().filter_map(Value::as_str).collect()
        }
        Some(other) => {
            return vec![RawFinding::fails(
                "J6",
                format!(
                    "aud {} must be a string or an array of strings",
                    shown(other)
                ),
            )];
        }
    };
    match &input.opts.client_id {
        Some(expected) if !auds.iter().any(|a| a == expected) => vec![RawFinding::fails(
            "J6",
            format!(
                "aud {} does not include the expected consumer key {}",
                shown(input.claim("aud").unwrap_or(&Value::Null)),
                quoted(expected)
            ),
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::inspect::report::{Level, SignatureStatus};
    use serde_json::json;

    fn id_claims() -> Value {
        json!({
            "iss": "https://login.salesforce.com",
            "sub": "https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001X8Uz",
            "aud": "3MVG9abc",
            "exp": AT + 3600,
            "iat": AT - 60,
        })
    }

    fn checks_of(found: &[RawFinding]) -> Vec<&str> {
        found.iter().map(|f| f.check).collect()
    }

    #[test]
    fn a_fresh_id_token_passes() {
        let c = claims(id_claims());
        assert!(run(&c.input()).is_empty(), "{:?}", run(&c.input()));
    }

    #[test]
    fn issuer_audience_and_expiry() {
        let mut c = claims(id_claims());
        c.opts.login_url = Some("https://acme.my.salesforce.com".into());
        c.opts.client_id = Some("3MVGother".into());
        let found = run(&c.input());
        assert_eq!(checks_of(&found), ["J4", "J6"]);
        assert!(found.iter().all(|f| f.level == Level::Fails));
        let expired = claims(with(id_claims(), "exp", json!(AT - 5)));
        assert_eq!(checks_of(&run(&expired.input())), ["J9"]);
        let foreign = claims(with(
            id_claims(),
            "iss",
            json!("https://accounts.example.com"),
        ));
        let found = run(&foreign.input());
        assert_eq!(found[0].level, Level::Warning);
        let listed = claims(with(id_claims(), "aud", json!(["x", "3MVG9abc"])));
        let mut c = listed;
        c.opts.client_id = Some("3MVG9abc".into());
        assert!(run(&c.input()).is_empty());
    }

    #[test]
    fn unsigned_check_points_at_jwks() {
        let mut c = claims(id_claims());
        c.signature.status = SignatureStatus::NotChecked;
        let found = run(&c.input());
        assert_eq!(checks_of(&found), ["J12"]);
        assert!(found[0].message.contains("JWKS"));
    }
}
