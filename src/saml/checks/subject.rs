//! How the subject is confirmed: S5 the bearer method, S6 the Recipient.

use super::{
    BEARER_METHOD, CheckInput, TOKEN_PATH, https_host, is_salesforce_host, quoted, trim_slash,
};
use crate::saml::fields::{AssertionFields, SubjectConfirmation};
use crate::saml::report::RawFinding;

/// The confirmations with the bearer Method.
fn bearer_only(a: &AssertionFields) -> Vec<&SubjectConfirmation> {
    a.subject_confirmations
        .iter()
        .filter(|c| c.method.as_deref() == Some(BEARER_METHOD))
        .collect()
}

/// The confirmations Salesforce would use: the bearer ones, else all of them.
pub fn bearer_confirmations(a: &AssertionFields) -> Vec<&SubjectConfirmation> {
    let bearer = bearer_only(a);
    if bearer.is_empty() {
        a.subject_confirmations.iter().collect()
    } else {
        bearer
    }
}

pub fn s5_method(a: &AssertionFields) -> Vec<RawFinding> {
    if a.subject_confirmations.is_empty() {
        return vec![RawFinding::fails(
            "S5",
            format!("the Subject has no SubjectConfirmation; it needs Method {BEARER_METHOD}"),
        )];
    }
    let mut out = Vec::new();
    let bearer = bearer_only(a);
    if bearer.is_empty() {
        let methods: Vec<String> = a
            .subject_confirmations
            .iter()
            .map(|c| c.method.as_deref().map_or("(none)".to_string(), quoted))
            .collect();
        out.push(RawFinding::fails(
            "S5",
            format!(
                "SubjectConfirmation Method is {}; it must be {BEARER_METHOD}",
                methods.join(", ")
            ),
        ));
    }
    for c in bearer {
        if !c.has_data {
            out.push(RawFinding::fails(
                "S5",
                "the bearer SubjectConfirmation has no SubjectConfirmationData (Recipient and \
                 NotOnOrAfter)",
            ));
        }
    }
    out
}

pub fn s6_recipient(input: &CheckInput<'_>, a: &AssertionFields) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let login = input.opts.login_url.as_deref().map(trim_slash);
    for c in bearer_confirmations(a) {
        if !c.has_data {
            continue;
        }
        let Some(recipient) = c.recipient.as_deref() else {
            out.push(RawFinding::fails(
                "S6",
                format!(
                    "SubjectConfirmationData has no Recipient; it must be the token endpoint, \
                     e.g. {}{TOKEN_PATH}",
                    login.unwrap_or(super::LOGIN_URL)
                ),
            ));
            continue;
        };
        out.extend(judge_recipient(input, recipient, login));
    }
    out
}

fn judge_recipient(
    input: &CheckInput<'_>,
    recipient: &str,
    login: Option<&str>,
) -> Vec<RawFinding> {
    let r = quoted(recipient);
    // An explicitly given login URL is taken as is, even http: the local `sfauth serve` org.
    if login.is_some_and(|l| recipient == format!("{l}{TOKEN_PATH}")) {
        return Vec::new();
    }
    let Some((host, rest)) = https_host(recipient) else {
        return vec![RawFinding::fails(
            "S6",
            format!("Recipient {r} is not an https URL; it must be the token endpoint"),
        )];
    };
    if let Some(login) = login {
        let token = format!("{login}{TOKEN_PATH}");
        if recipient == token {
            return Vec::new();
        }
        if trim_slash(recipient) == token {
            return vec![RawFinding::fails(
                "S6",
                format!("Recipient {r} has a trailing slash; it must be exactly {token}"),
            )];
        }
        let same_host = https_host(login).is_some_and(|(h, _)| h == host);
        if !input.bearer() && same_host {
            // The assertion flow also accepts the Login URL from the SSO settings, which
            // carries org-specific query parameters.
            return Vec::new();
        }
        let also = if input.bearer() {
            String::new()
        } else {
            " or the Login URL from the SSO settings".to_string()
        };
        return vec![RawFinding::fails(
            "S6",
            format!("Recipient {r} is not the token endpoint {token}{also} (from --login-url)"),
        )];
    }
    let mut out = Vec::new();
    if input.bearer() && trim_slash(rest) != TOKEN_PATH {
        out.push(RawFinding::fails(
            "S6",
            format!(
                "Recipient {r} is not a token endpoint; the bearer grant wants \
                 https://{host}{TOKEN_PATH}"
            ),
        ));
    } else if rest.len() > TOKEN_PATH.len() && trim_slash(rest) == TOKEN_PATH {
        out.push(RawFinding::fails(
            "S6",
            format!("Recipient {r} has a trailing slash; the endpoint has none"),
        ));
    }
    if !is_salesforce_host(&host) {
        out.push(RawFinding::warning(
            "S6",
            format!(
                "Recipient host {host} is not a Salesforce host; fine only for a custom domain \
                 (give --login-url to compare)"
            ),
        ));
    }
    out
}
