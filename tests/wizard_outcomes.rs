#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The advice the shipped wizard pins for each kind of integration: the top strategy for every
//! complete set of answers that extends a start, and what it pairs with or avoids.

mod wizard_support;

use wizard_support::{avoided, completions, describe, model, pinned};

#[test]
fn inbound_web_app_gets_the_web_server_flow_with_pkce() {
    for o in pinned(&["direction=inbound", "caller=web-app"], "web-server") {
        assert!(o.recommendations[0].reason.contains("PKCE"));
        assert!(avoided(&o).contains(&"user-agent"));
    }
}

#[test]
fn inbound_public_client_gets_pkce_without_a_secret_and_avoids_user_agent() {
    for o in pinned(&["direction=inbound", "caller=public-client"], "web-server") {
        let reason = &o.recommendations[0].reason;
        assert!(
            reason.contains("PKCE") && reason.contains("no client secret"),
            "{reason}"
        );
        assert!(avoided(&o).contains(&"user-agent"));
    }
}

#[test]
fn backend_integration_user_that_can_sign_gets_jwt_bearer() {
    pinned(
        &[
            "direction=inbound",
            "caller=backend",
            "identity=integration-user",
            "can_sign_jwt=yes",
        ],
        "jwt-bearer",
    );
}

#[test]
fn backend_integration_user_that_cannot_sign_gets_client_credentials() {
    pinned(
        &[
            "direction=inbound",
            "caller=backend",
            "identity=integration-user",
            "can_sign_jwt=no",
        ],
        "client-credentials",
    );
}

#[test]
fn backend_acting_per_user_gets_jwt_bearer() {
    pinned(
        &[
            "direction=inbound",
            "caller=backend",
            "identity=per-user",
            "orgs=one",
        ],
        "jwt-bearer",
    );
}

#[test]
fn a_product_serving_many_customer_orgs_gets_per_org_consent_not_one_jwt_setup() {
    let start = [
        "direction=inbound",
        "caller=backend",
        "identity=per-user",
        "orgs=many",
    ];
    for o in pinned(&start, "web-server") {
        assert_eq!(o.recommendations[0].with, ["refresh-token"]);
        assert!(o.recommendations[0].reason.contains("refresh token"));
        let jwt = o
            .recommendations
            .iter()
            .find(|p| p.strategy == "jwt-bearer")
            .expect("JWT bearer stays as the packaged-app option");
        assert!(
            jwt.reason.starts_with("Only as a packaged app"),
            "{}",
            jwt.reason
        );
        assert!(!avoided(&o).contains(&"refresh-token"));
        assert!(
            o.checklist
                .iter()
                .any(|c| c.text.contains("refresh token per org")),
            "{:?}",
            o.checklist
        );
    }
}

#[test]
fn the_many_orgs_question_is_asked_only_for_jobs_acting_as_given_users() {
    let k = model();
    let orgs = k.wizard.questions.iter().find(|q| q.id == "orgs").unwrap();
    assert!(!orgs.why.trim().is_empty());
    for (a, _) in completions(&[]) {
        let per_user_job =
            a.get("caller") == Some("backend") && a.get("identity") == Some("per-user");
        assert_eq!(a.get("orgs").is_some(), per_user_job, "{}", describe(&a));
    }
}

#[test]
fn backend_with_a_saml_idp_gets_saml_bearer() {
    pinned(
        &["direction=inbound", "caller=backend", "idp=saml"],
        "saml-bearer",
    );
}

#[test]
fn cli_with_a_browser_gets_the_web_server_flow_with_a_loopback_redirect() {
    for o in pinned(
        &["direction=inbound", "caller=cli", "browser=yes"],
        "web-server",
    ) {
        assert!(o.recommendations[0].reason.contains("loopback"));
        assert!(avoided(&o).contains(&"device"));
    }
}

#[test]
fn code_in_salesforce_makes_no_api_call_or_uses_a_named_credential_before_the_session_id() {
    for o in pinned(
        &["direction=inbound", "caller=in-salesforce"],
        "no-api-call",
    ) {
        let order: Vec<&str> = o
            .recommendations
            .iter()
            .map(|p| p.strategy.as_str())
            .collect();
        let at = |s: &str| order.iter().position(|x| *x == s);
        let (Some(nc), Some(sid)) = (at("oauth2"), at("session-id")) else {
            panic!("expected a Named Credential and the session id as fallbacks: {order:?}");
        };
        assert_eq!(nc, 1, "{order:?}");
        assert!(sid > nc, "the session id must rank last: {order:?}");
        assert!(o.recommendations[1].reason.contains("Named Credential"));
        let fallback = &o.recommendations[sid].reason;
        assert!(fallback.contains("never send it") && fallback.contains("discouraged"));
    }
}

#[test]
fn a_single_page_app_gets_pkce_plus_the_cors_allowlist_and_my_domain_host() {
    for o in pinned(
        &[
            "direction=inbound",
            "caller=public-client",
            "runtime=browser",
        ],
        "web-server",
    ) {
        let items: Vec<&str> = o.checklist.iter().map(|c| c.text.as_str()).collect();
        assert!(
            items.iter().any(|t| t.contains("Setup > CORS")),
            "no CORS allowlist item: {items:?}"
        );
        assert!(
            items
                .iter()
                .any(|t| t.contains("Enable CORS for OAuth endpoints") && t.contains("My Domain")),
            "no OAuth CORS / My Domain item: {items:?}"
        );
        assert!(avoided(&o).contains(&"user-agent"));
    }
    for o in pinned(
        &[
            "direction=inbound",
            "caller=public-client",
            "runtime=native",
        ],
        "web-server",
    ) {
        assert!(!o.checklist.iter().any(|c| c.text.contains("Setup > CORS")));
    }
}

#[test]
fn a_device_without_a_browser_gets_an_installed_app_with_the_device_flow_and_the_caveat() {
    for o in pinned(
        &["direction=inbound", "caller=device", "browser=no"],
        "device",
    ) {
        let top = &o.recommendations[0].reason;
        for needle in [
            "External Client App",
            "Enable Device Flow",
            "install",
            "2025",
        ] {
            assert!(top.contains(needle), "missing {needle:?} in {top}");
        }
        let companion = &o.recommendations[1];
        assert_eq!(companion.strategy, "web-server");
        for needle in ["refresh token", "instance_url", "never sees a password"] {
            assert!(
                companion.reason.contains(needle),
                "missing {needle:?} in {}",
                companion.reason
            );
        }
        assert!(avoided(&o).contains(&"username-password"));
    }
}

#[test]
fn outbound_aws_gets_sigv4() {
    pinned(&["direction=outbound", "target=aws"], "aws-sigv4");
}

#[test]
fn outbound_mtls_gets_mtls() {
    pinned(&["direction=outbound", "target=mtls"], "mtls");
}

#[test]
fn outbound_api_key_gets_a_custom_header() {
    pinned(&["direction=outbound", "target=api-key"], "custom-header");
}

#[test]
fn outbound_oauth2_per_user_gets_oauth2_with_a_per_user_principal() {
    for o in pinned(
        &["direction=outbound", "target=oauth2", "principal=per-user"],
        "oauth2",
    ) {
        assert_eq!(o.recommendations[0].with, ["per-user-principal"]);
    }
}
