//! Turning whatever the user pasted into one assertion: a compact JWT (maybe with a `Bearer `
//! prefix or line breaks), a token request body, JSON carrying `assertion` or `id_token`, or
//! SAML XML (raw or base64). Detection only; decoding belongs to the JWT and SAML modules.

use super::members::{self, Duplicate};
use base64::prelude::*;
use serde_json::Value;
use std::fmt;

/// Larger input is refused before any parsing.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// A one-line reason the input cannot be inspected at all (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

fn fail<T>(message: impl Into<String>) -> Result<T, InputError> {
    Err(InputError(message.into()))
}

/// Where the assertion was found, which also hints at the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The assertion itself.
    Bare,
    /// After `Bearer ` (an `Authorization` header value): an access token.
    BearerHeader,
    /// The `assertion` parameter of a form-encoded token request.
    FormBody,
    /// The `assertion` field of a JSON object.
    JsonAssertion,
    /// The `id_token` of a token response.
    IdToken,
    /// The `access_token` of a token response, when it is a JWT.
    AccessToken,
}

/// The decoded parameters of a form-encoded token request, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenRequest {
    pub params: Vec<(String, String)>,
}

impl TokenRequest {
    pub fn get(&self, name: &str) -> Option<&str> {
        crate::percent::first_param(&self.params, name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assertion {
    /// A compact JWT with all whitespace removed; `line_breaks` records whether there was any
    /// inside it (Salesforce wants none, check J1).
    Jwt { token: String, line_breaks: bool },
    /// SAML as found: XML, or base64/base64url of XML. The SAML inspector decodes it, since
    /// which encoding was used is one of its checks.
    Saml { text: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub assertion: Assertion,
    pub source: Source,
    pub request: Option<TokenRequest>,
    /// Form parameters or JSON members around the assertion that were given more than once.
    pub duplicates: Vec<Duplicate>,
}

/// Size and UTF-8 checks for raw bytes (a file, stdin, a paste).
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return fail(format!(
            "input is {} bytes; the limit is 1 MB ({MAX_INPUT_BYTES} bytes)",
            bytes.len()
        ));
    }
    std::str::from_utf8(bytes).or_else(|e| {
        fail(format!(
            "input is not text: invalid UTF-8 at byte {}",
            e.valid_up_to()
        ))
    })
}

/// Finds the assertion in `text` and says what kind it is.
pub fn detect(text: &str) -> Result<Detected, InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return fail(format!(
            "input is {} bytes; the limit is 1 MB ({MAX_INPUT_BYTES} bytes)",
            text.len()
        ));
    }
    if text.is_empty() {
        return fail("input is empty; expected a JWT, a token request body, JSON or SAML");
    }
    let t = text.trim();
    if t.is_empty() {
        return fail(
            "input is only whitespace; expected a JWT, a token request body, JSON or SAML",
        );
    }
    if let Some(rest) = strip_bearer(t) {
        return Ok(Detected {
            assertion: classify(rest)?,
            source: Source::BearerHeader,
            request: None,
            duplicates: Vec::new(),
        });
    }
    if t.starts_with('{') {
        return from_json(t);
    }
    if looks_like_form(t) {
        return from_form(t);
    }
    Ok(Detected {
        assertion: classify(t)?,
        source: Source::Bare,
        request: None,
        duplicates: Vec::new(),
    })
}

/// `Bearer eyJ...` or `Authorization: Bearer eyJ...`, any case.
fn strip_bearer(t: &str) -> Option<&str> {
    let t = strip_prefix_ignore_case(t, "authorization:").map_or(t, str::trim_start);
    let rest = strip_prefix_ignore_case(t, "bearer")?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

fn strip_prefix_ignore_case<'a>(t: &'a str, prefix: &str) -> Option<&'a str> {
    let head = t.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        t.get(prefix.len()..)
    } else {
        None
    }
}

const FORM_KEYS: [&str; 7] = [
    "grant_type",
    "assertion",
    "assertion_type",
    "client_id",
    "client_secret",
    "format",
    "scope",
];

fn looks_like_form(t: &str) -> bool {
    let first = t.split('&').next().unwrap_or_default();
    first
        .split_once('=')
        .is_some_and(|(k, _)| FORM_KEYS.contains(&k))
}

fn from_form(t: &str) -> Result<Detected, InputError> {
    let mut request = TokenRequest::default();
    for (i, pair) in t.split('&').enumerate() {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k)
            .map_err(|e| InputError(format!("request body, parameter {}: {e}", i + 1)))?;
        let value = percent_decode(v)
            .map_err(|e| InputError(format!("request body, parameter \"{key}\": {e}")))?;
        request.params.push((key, value));
    }
    let Some(assertion) = request.get("assertion") else {
        let names: Vec<&str> = request.params.iter().map(|(k, _)| k.as_str()).collect();
        return fail(format!(
            "request body has no \"assertion\" parameter (found: {})",
            names.join(", ")
        ));
    };
    if assertion.trim().is_empty() {
        return fail("request body: the \"assertion\" parameter is empty");
    }
    let assertion = classify(assertion.trim())?;
    let duplicates =
        members::repeated(request.params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    Ok(Detected {
        assertion,
        source: Source::FormBody,
        request: Some(request),
        duplicates,
    })
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XY` a byte.
pub(crate) fn percent_decode(s: &str) -> Result<String, String> {
    crate::percent::decode(s, true)
}

/// Names given more than once in `text` read as a form body or URL query
/// (`SAMLResponse=...&SAMLResponse=...`); empty when `text` is not one.
pub fn repeated_form_parameters(text: &str) -> Vec<Duplicate> {
    let t = text.trim();
    let query = match t.split_once('?') {
        Some((head, q)) if head.starts_with("http") => q,
        _ => t,
    };
    let name_ok = |n: &str| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    };
    let mut pairs = Vec::new();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        match piece.split_once('=') {
            Some((name, value)) if name_ok(name) => pairs.push((name, value)),
            _ => return Vec::new(),
        }
    }
    members::repeated(pairs)
}

fn from_json(t: &str) -> Result<Detected, InputError> {
    let (map, duplicates) = match members::object(t) {
        Ok(m) => (m.map, m.duplicates),
        Err(_) => {
            let value: Value = serde_json::from_str(t)
                .map_err(|e| InputError(format!("JSON input is not valid JSON: {e}")))?;
            let Value::Object(map) = value else {
                return fail("JSON input must be an object");
            };
            (map, Vec::new())
        }
    };
    let field = |name: &str| -> Result<Option<&str>, InputError> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => {
                fail(format!("JSON input: \"{name}\" is empty"))
            }
            Some(Value::String(s)) => Ok(Some(s.trim())),
            Some(other) => fail(format!(
                "JSON input: \"{name}\" must be a string, found {}",
                json_kind(other)
            )),
        }
    };
    if let Some(a) = field("assertion")? {
        let request = TokenRequest {
            params: map
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect(),
        };
        return Ok(Detected {
            assertion: classify(a)?,
            source: Source::JsonAssertion,
            request: Some(request).filter(|r| r.get("grant_type").is_some()),
            duplicates,
        });
    }
    if let Some(id_token) = field("id_token")? {
        return Ok(Detected {
            assertion: classify(id_token)?,
            source: Source::IdToken,
            request: None,
            duplicates,
        });
    }
    if let Some(access) = field("access_token")?
        && access.contains('.')
    {
        return Ok(Detected {
            assertion: classify(access)?,
            source: Source::AccessToken,
            request: None,
            duplicates,
        });
    }
    let keys: Vec<&str> = map.keys().map(String::as_str).take(8).collect();
    let hint = if map.contains_key("error") {
        "; this looks like an error response: try `sfauth explain`"
    } else {
        ""
    };
    fail(format!(
        "JSON input has no \"assertion\", \"id_token\" or JWT \"access_token\" (keys: {}){hint}",
        keys.join(", ")
    ))
}

pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// JWT or SAML? XML and base64 of XML are SAML; everything else goes to the JWT decoder,
/// which explains what is wrong with it.
fn classify(t: &str) -> Result<Assertion, InputError> {
    if t.starts_with('<') || is_base64_xml(t) {
        return Ok(Assertion::Saml {
            text: t.to_string(),
        });
    }
    let line_breaks = t.chars().any(char::is_whitespace);
    let token: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    Ok(Assertion::Jwt { token, line_breaks })
}

fn is_base64_xml(t: &str) -> bool {
    // A JWT header is base64 of '{', so `eyJ`; XML starts with '<', so `PD` or `PH`.
    if t.contains('.') || t.len() < 16 {
        return false;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let head = compact
        .get(..compact.len().min(64) / 4 * 4)
        .unwrap_or_default();
    let decoded = BASE64_STANDARD
        .decode(head)
        .or_else(|_| BASE64_URL_SAFE.decode(head));
    decoded.is_ok_and(|d| {
        let d = d.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&d);
        d.iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'<')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    fn jwt_of(d: &Detected) -> &str {
        match &d.assertion {
            Assertion::Jwt { token, .. } => token,
            Assertion::Saml { .. } => panic!("expected a JWT"),
        }
    }

    #[test]
    fn compact_jwt_with_surrounding_whitespace() {
        let d = detect(&format!("\n  {JWT}\t\n")).unwrap();
        assert_eq!(jwt_of(&d), JWT);
        assert_eq!(d.source, Source::Bare);
        assert_eq!(
            d.assertion,
            Assertion::Jwt {
                token: JWT.into(),
                line_breaks: false
            }
        );
    }

    #[test]
    fn inner_line_breaks_are_removed_and_remembered() {
        let wrapped = format!("{}\n{}", &JWT[..20], &JWT[20..]);
        let d = detect(&wrapped).unwrap();
        assert_eq!(
            d.assertion,
            Assertion::Jwt {
                token: JWT.into(),
                line_breaks: true
            }
        );
    }

    #[test]
    fn bearer_prefix_any_case_and_authorization_header() {
        for text in [
            format!("Bearer {JWT}"),
            format!("bearer   {JWT}"),
            format!("Authorization: Bearer {JWT}"),
        ] {
            let d = detect(&text).unwrap();
            assert_eq!(jwt_of(&d), JWT, "{text}");
            assert_eq!(d.source, Source::BearerHeader);
        }
    }

    #[test]
    fn form_body_is_url_decoded() {
        let body = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={JWT}"
        );
        let d = detect(&body).unwrap();
        assert_eq!(jwt_of(&d), JWT);
        assert_eq!(d.source, Source::FormBody);
        let r = d.request.unwrap();
        assert_eq!(
            r.get("grant_type"),
            Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
        );
    }

    #[test]
    fn form_body_errors_name_the_parameter() {
        assert!(
            detect("grant_type=x")
                .unwrap_err()
                .0
                .contains("no \"assertion\"")
        );
        assert!(
            detect("assertion=%zz")
                .unwrap_err()
                .0
                .contains("percent-escape")
        );
        assert!(detect("assertion=").unwrap_err().0.contains("empty"));
        for signed in ["assertion=%+A", "assertion=%-1", "assertion=%+0"] {
            assert!(
                detect(signed).unwrap_err().0.contains("percent-escape"),
                "{signed}"
            );
        }
        assert!(detect("assertion=%ff").unwrap_err().0.contains("UTF-8"));
    }

    #[test]
    fn json_assertion_id_token_and_access_token() {
        let d = detect(&format!("{{\"assertion\": \"{JWT}\"}}")).unwrap();
        assert_eq!((jwt_of(&d), d.source), (JWT, Source::JsonAssertion));
        let d = detect(&format!(
            "{{\"access_token\":\"00D!x\",\"id_token\":\"{JWT}\",\"token_type\":\"Bearer\"}}"
        ))
        .unwrap();
        assert_eq!((jwt_of(&d), d.source), (JWT, Source::IdToken));
        let d = detect(&format!("{{\"access_token\":\"{JWT}\"}}")).unwrap();
        assert_eq!(d.source, Source::AccessToken);
    }

    #[test]
    fn repeated_parameters_and_members_are_kept_for_the_report() {
        let d = detect(&format!("assertion={JWT}&grant_type=x&assertion=other")).unwrap();
        assert_eq!(jwt_of(&d), JWT, "the first assertion is read");
        assert_eq!(d.duplicates.len(), 1);
        assert_eq!(d.duplicates[0].name, "assertion");
        assert_eq!(d.duplicates[0].values[1], "other");
        let j = detect(&format!(
            "{{\"assertion\":\"x.y.z\",\"assertion\":\"{JWT}\"}}"
        ))
        .unwrap();
        assert_eq!(jwt_of(&j), JWT, "JSON keeps the last, as serde_json does");
        assert_eq!(j.duplicates[0].values[0], "x.y.z");
        assert!(detect(JWT).unwrap().duplicates.is_empty());
    }

    #[test]
    fn repeated_form_parameters_only_in_forms_and_queries() {
        let two = repeated_form_parameters("SAMLResponse=PD94&RelayState=a&SAMLResponse=PHN");
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].name, "SAMLResponse");
        let url = "https://sp.example/acs?SAMLResponse=a&SAMLResponse=b";
        assert_eq!(repeated_form_parameters(url).len(), 1);
        assert!(repeated_form_parameters("<a x=\"1\">&amp;<b x=\"2\"/></a>").is_empty());
        assert!(repeated_form_parameters("PD94bWw=").is_empty());
    }

    #[test]
    fn json_errors_are_specific() {
        assert!(detect("{").unwrap_err().0.contains("not valid JSON"));
        assert!(
            detect("{\"error\":\"invalid_grant\"}")
                .unwrap_err()
                .0
                .contains("sfauth explain")
        );
        assert!(
            detect("{\"assertion\": 5}")
                .unwrap_err()
                .0
                .contains("must be a string, found a number")
        );
        assert!(detect("{\"access_token\":\"00D!opaque\"}").is_err());
    }

    #[test]
    fn saml_is_detected_raw_and_base64() {
        let xml = "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/>";
        assert!(matches!(
            detect(xml).unwrap().assertion,
            Assertion::Saml { .. }
        ));
        let b64 = BASE64_STANDARD.encode(xml);
        assert!(matches!(
            detect(&b64).unwrap().assertion,
            Assertion::Saml { .. }
        ));
        let b64url = BASE64_URL_SAFE_NO_PAD.encode(xml);
        let body = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion={b64url}"
        );
        let d = detect(&body).unwrap();
        assert!(matches!(d.assertion, Assertion::Saml { .. }));
        assert_eq!(d.source, Source::FormBody);
    }

    #[test]
    fn empty_whitespace_and_oversized_input() {
        assert!(detect("").unwrap_err().0.contains("empty"));
        assert!(detect(" \n\t").unwrap_err().0.contains("whitespace"));
        let big = "a".repeat(MAX_INPUT_BYTES + 1);
        assert!(detect(&big).unwrap_err().0.contains("limit is 1 MB"));
        assert!(text_from_bytes(big.as_bytes()).is_err());
        assert!(
            text_from_bytes(&[b'a', 0xff, 0xfe])
                .unwrap_err()
                .0
                .contains("invalid UTF-8 at byte 1")
        );
    }

    #[test]
    fn anything_else_goes_to_the_jwt_decoder() {
        let d = detect("hello").unwrap();
        assert_eq!(jwt_of(&d), "hello");
    }
}
