//! Where a paste goes when no text box has the keyboard: the app looks at what was pasted. A
//! JWT or SAML message opens in Inspect, an error response in Inspect's Explain view, and a
//! `kind:id` reference opens its entry; anything else goes to the tab on screen.

use super::inspect::is_error_response;
use crate::inspect::input::{Assertion, detect};
use crate::model::{EntryRef, Knowledge};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteRoute {
    Entry(EntryRef),
    ErrorResponse,
    Token,
    /// Left to the tab on screen.
    Tab,
}

/// Small pastes only are classified by content; a large one is a token or a key, and the tab
/// on screen knows best what to do with it.
const MAX_REFERENCE_CHARS: usize = 200;

pub fn route(k: &Knowledge, text: &str) -> PasteRoute {
    let t = text.trim();
    if t.len() <= MAX_REFERENCE_CHARS
        && !t.contains(char::is_whitespace)
        && let Ok(r) = t.parse::<EntryRef>()
        && k.contains(&r)
    {
        return PasteRoute::Entry(r);
    }
    if is_error_response(k, t) {
        return PasteRoute::ErrorResponse;
    }
    if looks_like_token(t) {
        return PasteRoute::Token;
    }
    PasteRoute::Tab
}

/// A JWT (its header is base64 of `{`, so `eyJ`) or SAML (XML, or base64 of `<`) that the
/// inspector finds in the text; `detect` alone takes any word as a would-be JWT.
fn looks_like_token(t: &str) -> bool {
    match detect(t).map(|d| d.assertion) {
        Ok(Assertion::Jwt { token, .. }) => token.starts_with("eyJ") && token.contains('.'),
        Ok(Assertion::Saml { .. }) => true,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::test_support::fixture;

    #[test]
    fn pastes_are_told_apart_by_content() {
        let k = fixture();
        let jwt = include_str!("../../tests/fixtures/jwt/good.jwt");
        assert_eq!(route(&k, jwt), PasteRoute::Token);
        assert_eq!(
            route(&k, " error:fx-audience-invalid\n"),
            PasteRoute::Entry("error:fx-audience-invalid".parse().unwrap())
        );
        assert_eq!(
            route(
                &k,
                r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#
            ),
            PasteRoute::ErrorResponse
        );
        assert_eq!(route(&k, "error:no-such-entry"), PasteRoute::Tab);
        assert_eq!(route(&k, "named credential"), PasteRoute::Tab);
        assert_eq!(
            route(
                &k,
                "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"
            ),
            PasteRoute::Tab
        );
    }
}
