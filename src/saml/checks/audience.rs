//! S7: the AudienceRestriction must name Salesforce the way the grant expects.

use super::{
    CheckInput, LOGIN_URL, SALESFORCE_ENTITY_ID, TEST_URL, TOKEN_PATH, has_outer_space, https_host,
    is_salesforce_host, quoted, trim_slash,
};
use crate::saml::fields::{AssertionFields, Text};
use crate::saml::report::RawFinding;

/// How one Audience value fares.
enum Verdict {
    Accepted,
    /// Seen working but not the documented value.
    Tolerated(String),
    Rejected(String),
}

pub fn s7_audience(input: &CheckInput<'_>, a: &AssertionFields) -> Vec<RawFinding> {
    let restrictions = a
        .conditions
        .as_ref()
        .map(|c| c.restrictions.as_slice())
        .unwrap_or_default();
    if restrictions.iter().all(Vec::is_empty) {
        return vec![RawFinding::fails(
            "S7",
            format!(
                "there is no Conditions/AudienceRestriction/Audience; it must name {}",
                expected_text(input)
            ),
        )];
    }
    let mut out = Vec::new();
    // Every AudienceRestriction must include the consumer (SAML core 2.5.1.4).
    for group in restrictions.iter().filter(|g| !g.is_empty()) {
        let verdicts: Vec<(&Text, Verdict)> = group.iter().map(|t| (t, judge(input, t))).collect();
        if verdicts.iter().any(|(_, v)| matches!(v, Verdict::Accepted)) {
            continue;
        }
        if let Some((_, Verdict::Tolerated(why))) = verdicts
            .iter()
            .find(|(_, v)| matches!(v, Verdict::Tolerated(_)))
        {
            out.push(RawFinding::warning("S7", why.clone()));
            continue;
        }
        for (_, v) in verdicts {
            if let Verdict::Rejected(why) = v {
                out.push(RawFinding::fails("S7", why));
            }
        }
    }
    out
}

fn expected_text(input: &CheckInput<'_>) -> String {
    match (&input.opts.login_url, input.bearer()) {
        (Some(l), true) => trim_slash(l).to_string(),
        (None, true) => format!("{LOGIN_URL}, {TEST_URL} or the Experience Cloud site URL"),
        (Some(l), false) => format!(
            "the Salesforce Entity ID from the SSO settings ({SALESFORCE_ENTITY_ID} or {})",
            trim_slash(l)
        ),
        (None, false) => format!(
            "the Salesforce Entity ID from the SSO settings ({SALESFORCE_ENTITY_ID} or the My \
             Domain URL)"
        ),
    }
}

fn judge(input: &CheckInput<'_>, t: &Text) -> Verdict {
    let value = t.value.as_str();
    let q = quoted(value);
    if has_outer_space(t) {
        return Verdict::Rejected(format!(
            "Audience {q} has surrounding whitespace; it is compared exactly"
        ));
    }
    let expected = expected_text(input);
    let login = input.opts.login_url.as_deref().map(trim_slash);
    if !input.bearer() {
        let ok = value == SALESFORCE_ENTITY_ID
            || login.map_or_else(
                || {
                    https_host(value)
                        .is_some_and(|(h, rest)| is_salesforce_host(&h) && rest.is_empty())
                },
                |l| value == l,
            );
        return if ok {
            Verdict::Accepted
        } else {
            Verdict::Rejected(format!("Audience {q} is not {expected}"))
        };
    }
    // An explicitly given login URL is taken as is, even http: the local `sfauth serve` org.
    if login == Some(value) {
        return Verdict::Accepted;
    }
    let slash = value.ends_with('/') && trim_slash(value) != "https:/";
    let base = trim_slash(value);
    let Some((host, rest)) = https_host(base) else {
        return Verdict::Rejected(format!(
            "Audience {q} is not an https URL; it must be {expected}"
        ));
    };
    let matches_expected = |b: &str| match login {
        Some(l) => b == l,
        None => {
            b == LOGIN_URL
                || b == TEST_URL
                || https_host(b).is_some_and(|(h, r)| is_salesforce_host(&h) && r.is_empty())
        }
    };
    if matches_expected(base) {
        return if slash {
            Verdict::Rejected(format!(
                "Audience {q} has a trailing slash; it must be {expected}"
            ))
        } else {
            Verdict::Accepted
        };
    }
    if rest == TOKEN_PATH && matches_expected(&format!("https://{host}")) {
        return Verdict::Tolerated(format!(
            "Audience {q} is the token endpoint; the documented value is {expected} (some working \
             integrations use the endpoint, so this only warns)"
        ));
    }
    if login.is_none() && !is_salesforce_host(&host) {
        return Verdict::Rejected(format!(
            "Audience {q} names no Salesforce host; it must be {expected}"
        ));
    }
    Verdict::Rejected(format!("Audience {q} is not {expected}"))
}
