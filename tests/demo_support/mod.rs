//! The local org's demo app, as tests that send it an assertion need it.

#![allow(dead_code, clippy::unwrap_used)]

use sfauth::serve::org::demo;

/// A JWT bearer assertion for the demo user, signed with the demo app's key as `sfauth mint`
/// makes it, for `login_url`, valid `ttl_secs` from now.
pub fn demo_assertion(login_url: &str, ttl_secs: u64) -> String {
    sfauth::mint::jwt_bearer(
        &sfauth::mint::MintRequest {
            client_id: demo::DEMO_CONSUMER_KEY.into(),
            username: demo::DEMO_USER.into(),
            login_url: login_url.into(),
            ttl_secs,
            at: chrono::Utc::now(),
        },
        demo::DEMO_KEY_PEM.as_bytes(),
        "demo-app.key",
    )
    .unwrap()
    .assertion
}
