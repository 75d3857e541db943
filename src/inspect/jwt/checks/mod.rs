//! Salesforce's rules for JWTs, J1–J14. Each check reports [`RawFinding`]s; the model's entry
//! for the check id supplies the severity of an outright failure and the error it predicts.

mod crypto;
mod form;
mod id_token;
mod identity;
mod timing;
mod trust;

use super::decode::DecodedJwt;
use super::verify::KeyUse;
use crate::inspect::InspectOptions;
use crate::inspect::input::{Source, TokenRequest};
use crate::inspect::keys::KeyMaterial;
use crate::inspect::members::Duplicate;
use crate::inspect::report::{Finding, Profile, RawFinding, Signature, SignatureStatus};
pub use crate::inspect::url::{https_host, is_salesforce_url, trim_slash};
use crate::model::{Knowledge, Severity};
use serde_json::Value;

pub use timing::{TimeValue, time_value};
pub use trust::repeated_findings;

/// Everything a check may look at.
pub struct CheckInput<'a> {
    pub jwt: &'a DecodedJwt,
    /// Whitespace was removed from inside the token.
    pub line_breaks: bool,
    pub source: Source,
    pub request: Option<&'a TokenRequest>,
    pub signature: &'a Signature,
    pub key: Option<&'a KeyMaterial>,
    /// Which key verified the signature, and whether the header's kid matched one.
    pub key_use: &'a KeyUse,
    /// Names given more than once in the request or JSON around the token.
    pub input_duplicates: &'a [Duplicate],
    pub opts: &'a InspectOptions,
}

impl CheckInput<'_> {
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.jwt.claims.get(name)
    }
}

pub const LOGIN_URL: &str = "https://login.salesforce.com";
pub const TEST_URL: &str = "https://test.salesforce.com";

pub fn run(input: &CheckInput<'_>, profile: Profile, k: &Knowledge) -> Vec<Finding> {
    let mut raw = match profile {
        Profile::JwtBearer => bearer(input),
        Profile::IdToken => id_token::run(input),
        // No Salesforce rules, but a signature that fails with the user's key says why.
        Profile::Generic | Profile::SamlBearer | Profile::SamlAssertion
            if input.signature.status == SignatureStatus::Invalid =>
        {
            crypto::j12_signature(input, profile)
        }
        Profile::Generic | Profile::SamlBearer | Profile::SamlAssertion => Vec::new(),
    };
    raw.extend(trust::run(input));
    // An ID token is never sent to the token endpoint, so there is no Salesforce error to
    // predict for it.
    let predict = profile == Profile::JwtBearer;
    raw.into_iter()
        .map(|r| {
            let fallback = fallback_severity(r.check);
            r.resolve(k, fallback, predict)
        })
        .collect()
}

fn bearer(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    out.extend(form::j1_compact(input));
    out.extend(form::j2_alg(input));
    out.extend(form::j3_typ(input));
    out.extend(identity::j4_iss(input));
    out.extend(identity::j5_sub(input));
    out.extend(identity::j6_aud(input));
    out.extend(identity::j7_environment(input));
    out.extend(timing::j8_exp_format(input));
    out.extend(timing::j9_expired(input));
    out.extend(timing::j10_lifetime(input));
    out.extend(timing::j11_other_claims(input));
    out.extend(crypto::j12_signature(input, Profile::JwtBearer));
    out.extend(crypto::j13_certificate(input));
    out.extend(form::j14_request(input));
    out
}

/// Severities from the fact sheet, used only when the model has no entry for the check.
fn fallback_severity(check: &str) -> Severity {
    match check {
        "J3" | "J11" => Severity::Info,
        "J7" | "J10" | "J13" | "J17" | "J18" | "I1" => Severity::Warning,
        _ => Severity::Error,
    }
}

/// `"value"` as a JSON string literal, so odd characters stay visible in messages.
pub fn quoted(v: &str) -> String {
    const MAX: usize = 120;
    let shown: String = if v.chars().count() > MAX {
        v.chars().take(MAX).chain(std::iter::once('…')).collect()
    } else {
        v.to_string()
    };
    serde_json::to_string(&shown).unwrap_or(shown)
}

/// A claim value as a short JSON snippet, for messages.
pub fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => quoted(s),
        other => {
            let text = other.to_string();
            if text.chars().count() > 120 {
                text.chars().take(120).chain(std::iter::once('…')).collect()
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Builds check inputs from claims without signing anything.

    use super::*;
    use crate::inspect::report::SignatureStatus;
    use base64::prelude::*;
    use chrono::DateTime;
    use serde_json::json;

    pub const AT: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    pub struct Case {
        pub jwt: DecodedJwt,
        pub line_breaks: bool,
        pub source: Source,
        pub request: Option<TokenRequest>,
        pub signature: Signature,
        pub key: Option<KeyMaterial>,
        pub key_use: KeyUse,
        pub input_duplicates: Vec<Duplicate>,
        pub opts: InspectOptions,
    }

    pub fn good_claims() -> Value {
        json!({
            "iss": "3MVG9abcdefghijklmnop",
            "sub": "integration@acme.com",
            "aud": "https://login.salesforce.com",
            "exp": AT + 120,
        })
    }

    pub fn case(header: Value, claims: Value) -> Case {
        let enc = |v: &Value| BASE64_URL_SAFE_NO_PAD.encode(v.to_string());
        let token = format!("{}.{}.c2ln", enc(&header), enc(&claims));
        Case {
            jwt: super::super::decode::decode(&token).unwrap(),
            line_breaks: false,
            source: Source::Bare,
            request: None,
            signature: Signature {
                status: SignatureStatus::Valid,
                alg: header
                    .get("alg")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                detail: String::new(),
            },
            key: None,
            key_use: KeyUse::default(),
            input_duplicates: Vec::new(),
            opts: InspectOptions::at(DateTime::from_timestamp(AT, 0).unwrap()),
        }
    }

    pub fn claims(claims: Value) -> Case {
        case(json!({"alg": "RS256", "typ": "JWT"}), claims)
    }

    pub fn with(mut base: Value, key: &str, value: Value) -> Value {
        if let Some(map) = base.as_object_mut() {
            if value.is_null() {
                map.remove(key);
            } else {
                map.insert(key.to_string(), value);
            }
        }
        base
    }

    impl Case {
        pub fn input(&self) -> CheckInput<'_> {
            CheckInput {
                jwt: &self.jwt,
                line_breaks: self.line_breaks,
                source: self.source,
                request: self.request.as_ref(),
                signature: &self.signature,
                key: self.key.as_ref(),
                key_use: &self.key_use,
                input_duplicates: &self.input_duplicates,
                opts: &self.opts,
            }
        }

        /// The findings of one check function, as (level, message) pairs.
        pub fn of(&self, check: fn(&CheckInput<'_>) -> Vec<RawFinding>) -> Vec<RawFinding> {
            check(&self.input())
        }

        /// Asserts that the first finding `check` makes says `text`.
        #[track_caller]
        pub fn first_says(&self, check: fn(&CheckInput<'_>) -> Vec<RawFinding>, text: &str) {
            let found = self.of(check);
            let first = found.first().map_or("", |f| f.message.as_str());
            assert!(first.contains(text), "{first:?} does not say {text:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn a_good_assertion_has_no_errors_or_warnings() {
        let c = claims(good_claims());
        let k = Knowledge::default();
        let findings = run(&c.input(), Profile::JwtBearer, &k);
        assert!(
            findings.iter().all(|f| f.severity == Severity::Info),
            "{findings:?}"
        );
    }

    #[test]
    fn generic_profile_runs_no_rules() {
        let c = claims(serde_json::json!({}));
        assert!(run(&c.input(), Profile::Generic, &Knowledge::default()).is_empty());
    }

    #[test]
    fn findings_come_in_check_order() {
        let c = claims(serde_json::json!({"aud": "x"}));
        let findings = run(&c.input(), Profile::JwtBearer, &Knowledge::default());
        let numbers: Vec<u32> = findings
            .iter()
            .filter_map(|f| f.check.trim_start_matches('J').parse().ok())
            .collect();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(numbers, sorted);
        assert!(numbers.len() >= 4);
    }

    #[test]
    fn quoted_escapes_and_truncates() {
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
        assert!(quoted(&"x".repeat(500)).chars().count() < 130);
    }
}
