//! What on the org's side produces a refusal: the app and user settings `try` cannot see from
//! the client. Shown when nothing in what was sent predicted the answer. Paraphrased from the
//! fact sheet's app-policy table (Permitted Users, IP Relaxation, Refresh Token Policy, Run As)
//! and the JWT bearer setup; settings changes are reported to take up to ten minutes [S].

struct OrgSide {
    error: &'static str,
    /// A part of `error_description` (lowercase); `None` matches any description.
    description: Option<&'static str>,
    settings: &'static [&'static str],
}

const PROPAGATION: &str = "A connected or external client app that was just created or changed \
    can take up to about ten minutes to take effect (widely reported, not documented).";

const TABLE: &[OrgSide] = &[
    OrgSide {
        error: "invalid_grant",
        description: Some("audience is invalid"),
        settings: &[
            "Which environment the user lives in: aud must be https://login.salesforce.com for \
             production, https://test.salesforce.com for a sandbox, or the org's own My Domain or \
             Experience Cloud site URL; a sandbox user with the production audience fails.",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("invalid assertion"),
        settings: &[
            "The certificate uploaded to the app (\"Use digital signatures\" on a connected app, \
             the JWT bearer flow's certificate on an external client app) is not the public half \
             of the key that signed the assertion; upload the certificate of this key, or sign \
             with the key that matches it.",
            "The certificate on the app was replaced or has expired since the key was issued.",
            "The server clock is off: exp must still be in the future when Salesforce checks it \
             (and no more than about three minutes ahead).",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("user hasn't approved this consumer"),
        settings: &[
            "Permitted Users is \"Admin approved users are pre-authorized\" and the user's \
             profile or permission set is not assigned to the app (Manage Profiles / Manage \
             Permission Sets on the app's policies).",
            "Permitted Users is \"All users may self-authorize\" and this user has never approved \
             the app in a browser; a server-to-server grant cannot show the consent screen.",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("ip restricted or invalid login hours"),
        settings: &[
            "IP Relaxation on the app is \"Enforce IP restrictions\" and the caller's address is \
             outside the Login IP Ranges of the user's profile (or the org's trusted ranges); \
             relax it, or add the caller's egress range.",
            "The user's profile has Login Hours that exclude the current time.",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("no client credentials user enabled"),
        settings: &[
            "The app's OAuth policies enable the client credentials flow but name no Run As \
             (execution) user, or the flow is not enabled on the app.",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("expired access/refresh token"),
        settings: &[
            "The app's Refresh Token Policy expired it: \"immediately expire\", \"expire if not \
             used for N\" or \"expire after N\" (the default is valid until revoked).",
            "Someone revoked the app's access for this user (the user's Connected Apps or Setup \
             > OAuth Usage), or Refresh Token Rotation made this token single-use and it was \
             already used.",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("authorization code"),
        settings: &[
            "Authorization codes are single-use and short-lived (commonly cited as about 15 \
             minutes, unverified): a retried or slow exchange fails.",
        ],
    },
    OrgSide {
        error: "invalid_grant",
        description: Some("authentication failure"),
        settings: &[
            "The org blocks the flow used (for example the username-password flow in OAuth and \
             OpenID Connect Settings), or the user cannot log in this way.",
        ],
    },
    OrgSide {
        error: "invalid_client_id",
        description: None,
        settings: &[
            "No app with this consumer key exists in the org the login URL reaches (a sandbox \
             app called on production, or another org).",
            PROPAGATION,
        ],
    },
    OrgSide {
        error: "invalid_client",
        description: None,
        settings: &[
            "The consumer secret does not match the app's: it was rotated, or belongs to another \
             app or org.",
            PROPAGATION,
        ],
    },
    OrgSide {
        error: "redirect_uri_mismatch",
        description: None,
        settings: &[
            "The app's Callback URL list does not contain this callback exactly (scheme, host, \
             port and path must all match).",
        ],
    },
    OrgSide {
        error: "unsupported_grant_type",
        description: None,
        settings: &[
            "The flow is not enabled on the app: Enable Client Credentials Flow, Enable Device \
             Flow, or for the JWT bearer flow a certificate uploaded with digital signatures on.",
        ],
    },
    OrgSide {
        error: "invalid_scope",
        description: None,
        settings: &[
            "The app's Selected OAuth Scopes do not include a scope the request asked for.",
        ],
    },
    OrgSide {
        error: "inactive_user",
        description: None,
        settings: &["The user is deactivated or frozen in Setup > Users."],
    },
    OrgSide {
        error: "inactive_org",
        description: None,
        settings: &[
            "The org is locked, closed or suspended (a trial that ended, an expired sandbox).",
        ],
    },
    OrgSide {
        error: "app_not_found",
        description: None,
        settings: &["The external client app is not installed in this org; install its package."],
    },
    OrgSide {
        error: "access_denied",
        description: None,
        settings: &[
            "The user pressed Deny, or Permitted Users is \"Admin approved users are \
             pre-authorized\" and the user's profile or permission set is not assigned to the app.",
        ],
    },
    OrgSide {
        error: "rate_limit_exceeded",
        description: None,
        settings: &[
            "Too many logins for this user in a short time; wait, and reuse tokens instead of \
             requesting one per call.",
        ],
    },
];

/// The org-side settings known to produce `error` / `description`; empty when none are known.
pub fn settings_for(error: Option<&str>, description: Option<&str>) -> Vec<&'static str> {
    let Some(error) = error else {
        return Vec::new();
    };
    let description = description.unwrap_or_default().to_lowercase();
    TABLE
        .iter()
        .filter(|row| row.error.eq_ignore_ascii_case(error))
        .filter(|row| row.description.is_none_or(|d| description.contains(d)))
        .flat_map(|row| row.settings.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_by_code_and_description() {
        let approved = settings_for(
            Some("invalid_grant"),
            Some("user hasn't approved this consumer"),
        );
        assert!(approved[0].contains("Permitted Users"));
        let ip = settings_for(
            Some("invalid_grant"),
            Some("ip restricted or invalid login hours"),
        );
        assert!(ip[0].contains("IP Relaxation"));
        assert!(
            !settings_for(Some("invalid_client_id"), Some("client identifier invalid")).is_empty()
        );
        assert!(settings_for(Some("invalid_grant"), Some("something new")).is_empty());
        assert!(settings_for(None, Some("audience is invalid")).is_empty());
    }
}
