//! Who the assertion speaks for and to: J4 iss, J5 sub, J6 aud, J7 aud against the environment.

use super::{CheckInput, LOGIN_URL, TEST_URL, https_host, quoted, shown, trim_slash};
use crate::inspect::report::RawFinding;
use psl::Psl;
use serde_json::Value;

pub fn j4_iss(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let iss = match input.claim("iss") {
        None => {
            return vec![RawFinding::fails(
                "J4",
                "iss is missing; it must be the app's consumer key",
            )];
        }
        Some(Value::String(s)) if s.trim().is_empty() => {
            return vec![RawFinding::fails(
                "J4",
                "iss is empty; it must be the app's consumer key",
            )];
        }
        Some(Value::String(s)) => s,
        Some(other) => {
            return vec![RawFinding::fails(
                "J4",
                format!("iss {} must be a string (the consumer key)", shown(other)),
            )];
        }
    };
    if let Some(expected) = &input.opts.client_id {
        if iss != expected {
            return vec![RawFinding::fails(
                "J4",
                format!(
                    "iss {} is not the expected consumer key {}",
                    quoted(iss),
                    quoted(expected)
                ),
            )];
        }
        return Vec::new();
    }
    if !iss.starts_with("3MVG") {
        return vec![RawFinding::warning(
            "J4",
            format!(
                "iss {} does not look like a consumer key (they usually start with 3MVG)",
                quoted(iss)
            ),
        )];
    }
    Vec::new()
}

/// The username the assertion names: `prn` wins over `sub` when both are present.
pub fn subject<'a>(input: &'a CheckInput<'_>) -> Option<(&'static str, &'a Value)> {
    input
        .claim("prn")
        .map(|v| ("prn", v))
        .or_else(|| input.claim("sub").map(|v| ("sub", v)))
}

pub fn j5_sub(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    if input.claim("prn").is_some() {
        let also = if input.claim("sub").is_some() {
            "; it wins over sub"
        } else {
            ""
        };
        out.push(RawFinding::info(
            "J5",
            format!("the user is named by the legacy prn claim{also}"),
        ));
    }
    let (name, username) = match subject(input) {
        None => {
            out.push(RawFinding::fails(
                "J5",
                "neither sub nor prn names the Salesforce user",
            ));
            return out;
        }
        Some((name, Value::String(s))) if !s.trim().is_empty() => (name, s),
        Some((name, other)) => {
            out.push(RawFinding::fails(
                "J5",
                format!(
                    "{name} {} must be a non-empty username string",
                    shown(other)
                ),
            ));
            return out;
        }
    };
    if let Some(expected) = &input.opts.username {
        if !username.eq_ignore_ascii_case(expected) {
            out.push(
                RawFinding::fails(
                    "J5",
                    format!(
                        "{name} {} is not the expected username {}",
                        quoted(username),
                        quoted(expected)
                    ),
                )
                .predicting("user-not-approved"),
            );
        }
    } else if !is_email_shaped(username) {
        out.push(RawFinding::warning(
            "J5",
            format!(
                "{name} {} does not look like a Salesforce username (they are email-shaped)",
                quoted(username)
            ),
        ));
    }
    out
}

fn is_email_shaped(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !s.contains(' ')
    })
}

pub fn j6_aud(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let aud = match input.claim("aud") {
        None => {
            return vec![RawFinding::fails(
                "J6",
                format!("aud is missing; expected {LOGIN_URL} or {TEST_URL}"),
            )];
        }
        Some(Value::String(a)) => a.as_str(),
        Some(Value::Array(items)) => match items.as_slice() {
            [Value::String(a)] => {
                out.push(RawFinding::warning(
                    "J6",
                    "aud is an array; Salesforce expects a single URL string",
                ));
                a.as_str()
            }
            _ => {
                return vec![RawFinding::fails(
                    "J6",
                    format!(
                        "aud {} must be one URL string",
                        shown(&Value::Array(items.clone()))
                    ),
                )];
            }
        },
        Some(other) => {
            return vec![RawFinding::fails(
                "J6",
                format!("aud {} must be a URL string", shown(other)),
            )];
        }
    };
    out.extend(judge_aud(aud, input.opts.login_url.as_deref()));
    out
}

fn judge_aud(aud: &str, expected: Option<&str>) -> Option<RawFinding> {
    let q = quoted(aud);
    if let Some(expected) = expected {
        let want = trim_slash(expected.trim());
        if aud.eq_ignore_ascii_case(want) {
            return None;
        }
        let message = if trim_slash(aud).eq_ignore_ascii_case(want) {
            format!("aud {q} has a trailing slash")
        } else {
            format!("aud {q} is not the expected login URL {}", quoted(want))
        };
        return Some(RawFinding::fails("J6", message));
    }
    if let Some(rest) = aud.strip_prefix("http://") {
        return Some(RawFinding::fails(
            "J6",
            format!(
                "aud {q} uses http://; expected https://{}",
                trim_slash(rest)
            ),
        ));
    }
    if aud.ends_with('/') && https_host(trim_slash(aud)).is_some() {
        return Some(RawFinding::fails(
            "J6",
            format!("aud {q} has a trailing slash"),
        ));
    }
    let Some((host, path)) = https_host(aud) else {
        return Some(RawFinding::fails(
            "J6",
            format!("aud {q} is not an https URL; expected {LOGIN_URL} or {TEST_URL}"),
        ));
    };
    match host.as_str() {
        "login.salesforce.com" | "test.salesforce.com" if path.is_empty() => None,
        "login.salesforce.com" | "test.salesforce.com" => Some(RawFinding::fails(
            "J6",
            format!("aud {q} has a path; use the bare https://{host}"),
        )),
        h if h.ends_with(".my.salesforce.com") => Some(RawFinding::warning(
            "J6",
            format!(
                "aud {q} is a My Domain URL; sources conflict on whether it is accepted \
                 ({LOGIN_URL} or {TEST_URL} is the documented value)"
            ),
        )),
        h if h.ends_with(".my.site.com") || h.ends_with(".force.com") => None,
        _ => Some(RawFinding::fails(
            "J6",
            format!(
                "aud {q} is not {LOGIN_URL}, {TEST_URL}, a My Domain or an Experience Cloud site URL"
            ),
        )),
    }
}

/// The sandbox name a username ends with (`ana@acme.com.uat` -> `uat`), when it has one.
/// Salesforce appends `.<sandbox name>` to every username of a sandbox copy, so the last label
/// is taken for a sandbox name when the Public Suffix List does not read it as part of the
/// domain: it is no public suffix at all (`acme.de.uat`), or a lone top-level domain stuck
/// after a complete domain (`acme.co.uk.qa`, `acme.com.dev`). A longer suffix it completes
/// (`acme.com.au`) makes it an ordinary domain, and so do com, net, org, edu, gov and mil,
/// which no sandbox is named after but many subdomain addresses end with (`de.ibm.com`).
pub fn sandbox_suffix(username: &str) -> Option<&str> {
    const ORDINARY_ENDINGS: [&str; 6] = ["com", "net", "org", "edu", "gov", "mil"];
    // Special-use names (RFC 6761, RFC 6762 mDNS, ICANN's .internal) end private and local
    // test addresses such as sfauth serve's `integration@demo.sfauth.local`; no sandbox copy
    // is named after them often enough to outweigh those.
    const SPECIAL_USE: [&str; 6] = ["local", "localhost", "internal", "invalid", "onion", "arpa"];
    let (_, domain) = username.rsplit_once('@')?;
    let (rest, last) = domain.rsplit_once('.')?;
    // Sandbox names are up to 10 letters and digits, starting with a letter.
    let sandbox_shaped = last.len() <= 10
        && last.starts_with(|c: char| c.is_ascii_alphabetic())
        && last.chars().all(|c| c.is_ascii_alphanumeric());
    if !sandbox_shaped || !rest.contains('.') || rest.split('.').any(str::is_empty) {
        return None;
    }
    if SPECIAL_USE.contains(&last.to_ascii_lowercase().as_str()) {
        return None;
    }
    let lower = domain.to_ascii_lowercase();
    let whole = psl::List.suffix(lower.as_bytes())?;
    if !whole.is_known() {
        return Some(last);
    }
    let last_lower = last.to_ascii_lowercase();
    if whole.as_bytes() != last_lower.as_bytes() || ORDINARY_ENDINGS.contains(&last_lower.as_str())
    {
        return None;
    }
    let rest_lower = rest.to_ascii_lowercase();
    let base = psl::List.suffix(rest_lower.as_bytes())?;
    (base.is_known() && base.as_bytes().len() < rest_lower.len()).then_some(last)
}

pub fn j7_environment(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some((name, Value::String(username))) = subject(input) else {
        return Vec::new();
    };
    let aud = match input.claim("aud") {
        Some(Value::String(a)) => a.as_str(),
        Some(Value::Array(items)) => match items.as_slice() {
            [Value::String(a)] => a.as_str(),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let aud = trim_slash(aud).to_ascii_lowercase();
    let sandbox = sandbox_suffix(username);
    let scratch = username.starts_with("test-");
    let message = match (aud.as_str(), sandbox) {
        (LOGIN_URL, Some(suffix)) => format!(
            "{name} {} looks like a sandbox username (suffix .{suffix}) but aud is {LOGIN_URL}; \
             sandboxes use {TEST_URL}",
            quoted(username)
        ),
        (TEST_URL, None) if !scratch && is_email_shaped(username) => format!(
            "{name} {} looks like a production username but aud is {TEST_URL}, which serves \
             sandboxes; production uses {LOGIN_URL}",
            quoted(username)
        ),
        _ => return Vec::new(),
    };
    vec![RawFinding::fails("J7", message)]
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::inspect::report::Level;
    use serde_json::json;

    fn aud_case(aud: Value) -> Vec<RawFinding> {
        claims(with(good_claims(), "aud", aud)).of(j6_aud)
    }

    #[test]
    fn j4_missing_wrong_type_expected_and_format() {
        let c = claims(with(good_claims(), "iss", Value::Null));
        assert_eq!(c.of(j4_iss)[0].level, Level::Fails);
        let c = claims(with(good_claims(), "iss", json!(5)));
        c.first_says(j4_iss, "must be a string");
        let c = claims(with(good_claims(), "iss", json!("my-app")));
        let found = c.of(j4_iss);
        assert_eq!(found[0].level, Level::Warning);
        assert!(found[0].message.contains("3MVG"));
        let mut c = claims(good_claims());
        c.opts.client_id = Some("3MVGother".into());
        let found = c.of(j4_iss);
        assert_eq!(found[0].level, Level::Fails);
        assert!(found[0].message.contains("\"3MVGother\""));
        c.opts.client_id = Some("3MVG9abcdefghijklmnop".into());
        assert!(c.of(j4_iss).is_empty());
        assert!(claims(good_claims()).of(j4_iss).is_empty());
    }

    #[test]
    fn j5_sub_prn_and_expected_username() {
        assert!(claims(good_claims()).of(j5_sub).is_empty());
        let none = claims(with(good_claims(), "sub", Value::Null)).of(j5_sub);
        assert_eq!(none[0].level, Level::Fails);
        let prn = claims(with(good_claims(), "prn", json!("legacy@acme.com"))).of(j5_sub);
        assert_eq!(prn.len(), 1);
        assert_eq!(prn[0].level, Level::Info);
        assert!(prn[0].message.contains("wins over sub"));
        let odd = claims(with(good_claims(), "sub", json!("005xx0000012345"))).of(j5_sub);
        assert_eq!(odd[0].level, Level::Warning);
        let mut c = claims(good_claims());
        c.opts.username = Some("INTEGRATION@acme.com".into());
        assert!(c.of(j5_sub).is_empty());
        c.opts.username = Some("other@acme.com".into());
        let found = c.of(j5_sub);
        assert_eq!(found[0].level, Level::Fails);
        assert_eq!(found[0].predicts_instead, Some("user-not-approved"));
        let wrong_type = claims(with(good_claims(), "sub", json!(["a"]))).of(j5_sub);
        assert!(
            wrong_type[0]
                .message
                .contains("must be a non-empty username")
        );
    }

    #[test]
    fn j6_accepts_login_test_and_sites() {
        for ok in [
            "https://login.salesforce.com",
            "https://test.salesforce.com",
            "https://acme.my.site.com/partners",
            "https://acme.force.com/help",
        ] {
            assert!(aud_case(json!(ok)).is_empty(), "{ok}");
        }
    }

    #[test]
    fn j6_trailing_slash_is_an_outright_failure_with_the_pinned_wording() {
        let found = aud_case(json!("https://login.salesforce.com/"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, Level::Fails);
        assert_eq!(
            found[0].message,
            "aud \"https://login.salesforce.com/\" has a trailing slash"
        );
    }

    #[test]
    fn j6_other_problems() {
        for (aud, level, needle) in [
            (
                json!("http://login.salesforce.com"),
                Level::Fails,
                "http://",
            ),
            (
                json!("https://acme.my.salesforce.com"),
                Level::Warning,
                "My Domain",
            ),
            (
                json!("https://example.com"),
                Level::Fails,
                "is not https://login",
            ),
            (
                json!("login.salesforce.com"),
                Level::Fails,
                "not an https URL",
            ),
            (
                json!("https://login.salesforce.com/services/oauth2/token"),
                Level::Fails,
                "has a path",
            ),
            (json!(["a", "b"]), Level::Fails, "one URL string"),
            (json!(42), Level::Fails, "must be a URL string"),
        ] {
            let found = aud_case(aud.clone());
            assert_eq!(found.len(), 1, "{aud}");
            assert_eq!(found[0].level, level, "{aud}");
            assert!(found[0].message.contains(needle), "{}", found[0].message);
        }
        let one = aud_case(json!(["https://login.salesforce.com"]));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].level, Level::Warning);
        assert_eq!(
            claims(with(good_claims(), "aud", Value::Null)).of(j6_aud)[0].level,
            Level::Fails
        );
    }

    #[test]
    fn j6_with_an_expected_login_url() {
        let mut c = claims(with(
            good_claims(),
            "aud",
            json!("https://test.salesforce.com"),
        ));
        c.opts.login_url = Some("https://test.salesforce.com/".into());
        assert!(c.of(j6_aud).is_empty());
        c.opts.login_url = Some("https://login.salesforce.com".into());
        c.first_says(j6_aud, "not the expected login URL");
        let mut c = claims(with(
            good_claims(),
            "aud",
            json!("https://acme.my.salesforce.com/"),
        ));
        c.opts.login_url = Some("https://acme.my.salesforce.com".into());
        c.first_says(j6_aud, "trailing slash");
    }

    #[test]
    fn sandbox_suffixes() {
        assert_eq!(sandbox_suffix("ana@acme.com.uat"), Some("uat"));
        assert_eq!(sandbox_suffix("ana@acme.com.fullcopy"), Some("fullcopy"));
        assert_eq!(sandbox_suffix("ana@acme.com"), None);
        assert_eq!(sandbox_suffix("ana@acme.co.uk"), None);
        assert_eq!(sandbox_suffix("no-at-sign"), None);
    }

    #[test]
    fn sandbox_suffix_after_any_public_suffix() {
        assert_eq!(sandbox_suffix("ana@acme.de.uat"), Some("uat"));
        assert_eq!(sandbox_suffix("ana@acme.example.uat"), Some("uat"));
        assert_eq!(sandbox_suffix("ana@Acme.DE.Uat"), Some("Uat"));
    }

    #[test]
    fn sandbox_named_like_a_top_level_domain() {
        assert_eq!(sandbox_suffix("ana@acme.co.uk.qa"), Some("qa"));
        assert_eq!(sandbox_suffix("ana@acme.com.dev"), Some("dev"));
    }

    #[test]
    fn ordinary_domains_are_not_sandboxes() {
        assert_eq!(sandbox_suffix("ana@acme.com.au"), None);
        assert_eq!(sandbox_suffix("ana@acme.com.qa"), None);
        assert_eq!(sandbox_suffix("ana@de.ibm.com"), None);
        assert_eq!(sandbox_suffix("ana@sales.acme.qa"), None);
        assert_eq!(sandbox_suffix("ana@acme.uat"), None);
        assert_eq!(sandbox_suffix("ana@acme.com.toolongsandbox"), None);
        assert_eq!(sandbox_suffix("ana@acme.com.1uat"), None);
        assert_eq!(sandbox_suffix("integration@demo.sfauth.local"), None);
        assert_eq!(sandbox_suffix("ana@build.corp.internal"), None);
    }

    #[test]
    fn j7_login_test_swaps() {
        let sandbox_on_login = with(good_claims(), "sub", json!("ana@acme.com.uat"));
        let found = claims(sandbox_on_login).of(j7_environment);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("suffix .uat"));
        let prod_on_test = with(good_claims(), "aud", json!("https://test.salesforce.com"));
        claims(prod_on_test.clone()).first_says(j7_environment, "production");
        let scratch = with(prod_on_test, "sub", json!("test-abc123@example.com"));
        assert!(claims(scratch).of(j7_environment).is_empty());
        assert!(claims(good_claims()).of(j7_environment).is_empty());
        let sandbox_on_test =
            json!({"sub": "ana@acme.com.uat", "aud": "https://test.salesforce.com"});
        assert!(claims(sandbox_on_test).of(j7_environment).is_empty());
    }
}
