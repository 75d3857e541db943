//! Random and mutated input for what `sfauth try` reads from the wire or the command line:
//! nothing panics, and redaction never lets a secret field's value through.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use sfauth::try_flow::redact::redact_body;
use sfauth::try_flow::token::{TokenAnswer, read};
use sfauth::try_flow::{callback, login_url};

proptest! {
    #[test]
    fn token_answers_never_panic(status in 100u16..600, body in ".{0,300}") {
        match read(status, &body) {
            TokenAnswer::Token(_) => prop_assert!((200..300).contains(&status)),
            TokenAnswer::Refused(r) => prop_assert!(!r.line().is_empty()),
        }
    }

    #[test]
    fn secret_fields_are_redacted_in_forms_and_json(
        secret in "[A-Za-z0-9!._-]{9,80}",
        field in prop::sample::select(vec!["client_secret", "assertion", "code", "code_verifier",
            "refresh_token", "access_token", "id_token", "device_code", "password"]),
    ) {
        let form = format!("grant_type=x&{field}={secret}&client_id=abc");
        prop_assert!(!redact_body(&form).contains(&secret));
        let json = serde_json::json!({ field: secret, "instance_url": "https://x" }).to_string();
        prop_assert!(!redact_body(&json).contains(&secret));
    }

    #[test]
    fn urls_from_the_command_line_never_panic(url in ".{0,80}") {
        let _ = callback::parse(&url);
        let _ = login_url(&url);
    }
}
