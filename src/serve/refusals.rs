//! Every rule the server refuses by, and the error-catalog entry whose HTTP status and body it
//! answers with. The JWT and SAML bearer grants refuse by the inspector's checks instead; their
//! errors come from each check's prediction in the same catalog.
//!
//! Each rule names error ids in order of preference: the precise id first, then an id that
//! exists in today's catalog, so the server keeps answering while the catalog grows.

use crate::model::{ErrorEntry, Knowledge};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    BodyTooLarge,
    BodyTimedOut,
    NotAForm,
    NotUtf8,
    RepeatedParameter,
    MissingParameter,
    UnknownGrantType,
    UnknownClient,
    BadClientSecret,
    FlowNotEnabled,
    NoClientCredentialsUser,
    UnknownUser,
    InactiveUser,
    UserNotApproved,
    IpRestricted,
    RedirectUriMismatch,
    UnknownCode,
    ExpiredCode,
    PkceMismatch,
    PkceRequired,
    InvalidScope,
    RefreshInvalid,
    RefreshReplayed,
    RefreshExpired,
    DevicePending,
    DeviceSlowDown,
    DeviceCodeInvalid,
    AccessDenied,
    AdminApprovalNeeded,
    SessionInvalid,
    MalformedQuery,
    UnknownSamlIssuer,
}

pub struct Refusal {
    pub rule: Rule,
    /// Catalog ids, preferred first.
    pub errors: &'static [&'static str],
    /// The Salesforce behaviour the rule reproduces, for the log and the docs.
    pub why: &'static str,
}

/// The one table: rule → catalog error.
pub const REFUSALS: &[Refusal] = &[
    r(
        Rule::BodyTooLarge,
        &["invalid-request"],
        "request bodies are limited to 1 MB",
    ),
    r(
        Rule::BodyTimedOut,
        &["invalid-request"],
        "the body did not arrive in time",
    ),
    r(
        Rule::NotAForm,
        &["invalid-request"],
        "OAuth endpoints take application/x-www-form-urlencoded",
    ),
    r(
        Rule::NotUtf8,
        &["invalid-request"],
        "parameters must be UTF-8",
    ),
    r(
        Rule::RepeatedParameter,
        &["invalid-request"],
        "RFC 6749 3.1: parameters must not repeat",
    ),
    r(
        Rule::MissingParameter,
        &["invalid-request"],
        "a required parameter is missing",
    ),
    r(
        Rule::UnknownGrantType,
        &["unsupported-grant-type"],
        "grant_type is missing or unknown",
    ),
    r(
        Rule::UnknownClient,
        &["invalid-client-id"],
        "client_id names no app in this org",
    ),
    r(
        Rule::BadClientSecret,
        &["invalid-client", "invalid-client-credentials"],
        "client_secret is not the app's consumer secret",
    ),
    r(
        Rule::FlowNotEnabled,
        &["authentication-failure"],
        "the app does not enable this flow (as Salesforce answers a blocked flow)",
    ),
    r(
        Rule::NoClientCredentialsUser,
        &["no-client-credentials-user"],
        "client credentials flow off or no run-as user",
    ),
    r(
        Rule::UnknownUser,
        &["user-not-approved"],
        "the named user is not in this org",
    ),
    r(
        Rule::InactiveUser,
        &["inactive-user", "user-locked"],
        "the user is deactivated",
    ),
    r(
        Rule::UserNotApproved,
        &["user-not-approved"],
        "admin-approved app and the user is not pre-authorized",
    ),
    r(
        Rule::IpRestricted,
        &["ip-restricted"],
        "the client address is outside the user's login IP ranges",
    ),
    r(
        Rule::RedirectUriMismatch,
        &["redirect-uri-mismatch"],
        "redirect_uri differs from the callback the code was issued for",
    ),
    r(
        Rule::UnknownCode,
        &["invalid-auth-code", "expired-authorization-code"],
        "the authorization code is unknown or already used",
    ),
    r(
        Rule::ExpiredCode,
        &["expired-auth-code", "expired-authorization-code"],
        "the authorization code is older than 15 minutes",
    ),
    r(
        Rule::PkceMismatch,
        &["invalid-grant-pkce-verifier"],
        "code_verifier does not hash to the code_challenge",
    ),
    r(
        Rule::PkceRequired,
        &["invalid-request-pkce"],
        "the app requires PKCE and no code_challenge or code_verifier came",
    ),
    r(
        Rule::InvalidScope,
        &["invalid-scope", "invalid-request"],
        "a requested scope is not one the app has",
    ),
    r(
        Rule::RefreshInvalid,
        &["expired-refresh-token"],
        "the refresh token is unknown or revoked",
    ),
    r(
        Rule::RefreshReplayed,
        &["expired-refresh-token"],
        "a rotated-out refresh token was replayed: its family is revoked",
    ),
    r(
        Rule::RefreshExpired,
        &["expired-refresh-token"],
        "the refresh token policy expired it",
    ),
    r(
        Rule::DevicePending,
        &["authorization-pending"],
        "the user has not approved the device code yet",
    ),
    r(
        Rule::DeviceSlowDown,
        &["slow-down", "authorization-pending"],
        "polled faster than the interval",
    ),
    r(
        Rule::DeviceCodeInvalid,
        &["invalid-auth-code", "expired-authorization-code"],
        "the device code is unknown, expired or used",
    ),
    r(
        Rule::AccessDenied,
        &["access-denied"],
        "the user pressed Deny",
    ),
    r(
        Rule::AdminApprovalNeeded,
        &["oauth-app-access-denied"],
        "admin-approved app and the user is not pre-authorized",
    ),
    r(
        Rule::SessionInvalid,
        &["invalid-session-id"],
        "no valid bearer token",
    ),
    r(
        Rule::MalformedQuery,
        &["malformed-query"],
        "outside SELECT fields FROM Account [LIMIT n]",
    ),
    r(
        Rule::UnknownSamlIssuer,
        &["saml-issuer-mismatched"],
        "the Issuer is neither a consumer key nor a configured identity provider",
    ),
];

const fn r(rule: Rule, errors: &'static [&'static str], why: &'static str) -> Refusal {
    Refusal { rule, errors, why }
}

impl Rule {
    pub fn refusal(self) -> &'static Refusal {
        // Every rule has a row (tested), so the fallback row is never used.
        REFUSALS
            .iter()
            .find(|r| r.rule == self)
            .unwrap_or(&REFUSALS[0])
    }

    /// The first of the rule's ids the model has.
    pub fn error(self, k: &Knowledge) -> Option<&ErrorEntry> {
        self.refusal().errors.iter().find_map(|id| k.error(id))
    }

    pub fn name(self) -> String {
        format!("{self:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Rule; 32] = [
        Rule::BodyTooLarge,
        Rule::BodyTimedOut,
        Rule::NotAForm,
        Rule::NotUtf8,
        Rule::RepeatedParameter,
        Rule::MissingParameter,
        Rule::UnknownGrantType,
        Rule::UnknownClient,
        Rule::BadClientSecret,
        Rule::FlowNotEnabled,
        Rule::NoClientCredentialsUser,
        Rule::UnknownUser,
        Rule::InactiveUser,
        Rule::UserNotApproved,
        Rule::IpRestricted,
        Rule::RedirectUriMismatch,
        Rule::UnknownCode,
        Rule::ExpiredCode,
        Rule::PkceMismatch,
        Rule::PkceRequired,
        Rule::InvalidScope,
        Rule::RefreshInvalid,
        Rule::RefreshReplayed,
        Rule::RefreshExpired,
        Rule::DevicePending,
        Rule::DeviceSlowDown,
        Rule::DeviceCodeInvalid,
        Rule::AccessDenied,
        Rule::AdminApprovalNeeded,
        Rule::SessionInvalid,
        Rule::MalformedQuery,
        Rule::UnknownSamlIssuer,
    ];

    #[test]
    fn every_rule_has_one_row_and_resolves_in_the_shipped_catalog() {
        let k = Knowledge::builtin().unwrap();
        assert_eq!(REFUSALS.len(), ALL.len());
        for rule in ALL {
            let rows = REFUSALS.iter().filter(|r| r.rule == rule).count();
            assert_eq!(rows, 1, "{rule:?}");
            // Entries without http_status (redirect errors) answer 400 at the token endpoint.
            assert!(
                rule.error(&k).is_some(),
                "{rule:?}: none of {:?} is in the catalog",
                rule.refusal().errors
            );
        }
    }

    #[test]
    fn the_preferred_id_wins_when_present() {
        let k = Knowledge::builtin().unwrap();
        let first = Rule::BadClientSecret.refusal().errors[0];
        let e = Rule::BadClientSecret.error(&k).unwrap();
        match k.error(first) {
            Some(_) => assert_eq!(e.id, first),
            None => assert_eq!(e.id, "invalid-client"),
        }
    }
}
