//! Compact JWT to header and claims as plain JSON. No library validation happens here, so
//! `alg: none` and unknown algorithms are shown like any other token.

use crate::inspect::input::{InputError, json_kind};
use crate::inspect::members::{self, Duplicate, Members};
use base64::prelude::*;
use serde_json::{Map, Value};

const NAMES: [&str; 3] = ["header", "claims", "signature"];

#[derive(Debug, Clone, PartialEq)]
pub struct DecodedJwt {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    pub signature: Vec<u8>,
    /// Header parameters given more than once (the map keeps the last value).
    pub header_duplicates: Vec<Duplicate>,
    /// Claims given more than once (the map keeps the last value).
    pub claims_duplicates: Vec<Duplicate>,
    /// The compact token; `signing_input_end` is the index of the second `.`.
    pub token: String,
    signing_input_end: usize,
}

impl DecodedJwt {
    /// `header.claims` as sent: the bytes the signature covers.
    pub fn signing_input(&self) -> &str {
        self.token.get(..self.signing_input_end).unwrap_or_default()
    }

    /// The third segment as written (base64url), without any '=' padding.
    pub fn signature_b64(&self) -> &str {
        self.token
            .get(self.signing_input_end + 1..)
            .unwrap_or_default()
            .trim_end_matches('=')
    }

    pub fn alg(&self) -> Option<&str> {
        self.header.get("alg").and_then(Value::as_str)
    }
}

fn err<T>(message: String) -> Result<T, InputError> {
    Err(InputError(message))
}

fn label(i: usize) -> String {
    format!(
        "segment {} ({})",
        i + 1,
        NAMES.get(i).copied().unwrap_or("extra")
    )
}

pub fn decode(token: &str) -> Result<DecodedJwt, InputError> {
    if token.is_empty() {
        return err("the token is empty".into());
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        1 => {
            return err(
                "not a JWT: expected 3 base64url segments header.claims.signature separated by '.', found no '.'"
                    .into(),
            );
        }
        2 => {
            return err(
                "not a JWT: found 2 segments; expected 3 (header.claims.signature; an unsigned token still ends with '.')"
                    .into(),
            );
        }
        3 => {}
        5 => {
            return err(
                "found 5 segments: this is an encrypted JWT (JWE), which cannot be read without the recipient's key; expected 3 (header.claims.signature)"
                    .into(),
            );
        }
        n => {
            return err(format!(
                "not a JWT: found {n} segments; expected 3 (header.claims.signature)"
            ));
        }
    }
    let header = object(0, parts.first().copied().unwrap_or_default())?;
    let claims = object(1, parts.get(1).copied().unwrap_or_default())?;
    let signature = b64url(2, parts.get(2).copied().unwrap_or_default())?;
    let signing_input_end = token.rfind('.').unwrap_or(token.len());
    Ok(DecodedJwt {
        header: header.map,
        claims: claims.map,
        signature,
        header_duplicates: header.duplicates,
        claims_duplicates: claims.duplicates,
        token: token.to_string(),
        signing_input_end,
    })
}

fn object(i: usize, segment: &str) -> Result<Members, InputError> {
    if segment.is_empty() {
        return err(format!(
            "{} is empty; expected base64url of a JSON object",
            label(i)
        ));
    }
    let bytes = b64url(i, segment)?;
    let text = std::str::from_utf8(&bytes).or_else(|e| {
        err(format!(
            "{}: decoded bytes are not UTF-8 text (invalid byte at offset {}); expected a JSON object",
            label(i),
            e.valid_up_to()
        ))
    })?;
    if let Ok(members) = members::object(text) {
        return Ok(members);
    }
    // Not one object: plain parsing says what it is instead.
    let value: Value = serde_json::from_str(text).or_else(|e| {
        err(format!(
            "{}: not JSON ({e}); expected a JSON object",
            label(i)
        ))
    })?;
    match value {
        Value::Object(map) => Ok(Members {
            map,
            duplicates: Vec::new(),
        }),
        other => err(format!(
            "{}: expected a JSON object, found {}",
            label(i),
            json_kind(&other)
        )),
    }
}

fn b64url(i: usize, padded: &str) -> Result<Vec<u8>, InputError> {
    // Salesforce's own JWT bearer example ends a segment in '=', so whole padding is read here
    // and only warned about (J1); an '=' anywhere else is no base64url.
    let segment = padded.trim_end_matches('=');
    let padding = padded.len() - segment.len();
    let padding_fits = padding == 0 || (padding <= 2 && padded.len().is_multiple_of(4));
    if let Some(at) = segment
        .find('=')
        .or((!padding_fits).then_some(segment.len()))
    {
        return err(format!(
            "{}: '=' at offset {at} is not valid base64url padding; JWT segments are unpadded base64url",
            label(i)
        ));
    }
    if let Some((at, c)) = segment
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        let hint = match c {
            '+' | '/' => " (standard base64; base64url uses '-' and '_')",
            _ => "",
        };
        return err(format!(
            "{}: invalid base64url character {c:?} at offset {at}{hint}; expected A-Z a-z 0-9 - _",
            label(i)
        ));
    }
    BASE64_URL_SAFE_NO_PAD.decode(segment).or_else(|e| {
        let why = match e {
            base64::DecodeError::InvalidLength(n) => format!(
                "length {n} is not possible for base64url (a character is missing or extra)"
            ),
            base64::DecodeError::InvalidLastSymbol { offset, symbol, .. } => format!(
                "last character {:?} at offset {offset} has stray bits (truncated or altered)",
                char::from(symbol)
            ),
            other => format!("not valid base64url ({other})"),
        };
        err(format!("{}: {why}", label(i)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        BASE64_URL_SAFE_NO_PAD.encode(s)
    }

    fn token(h: &str, c: &str) -> String {
        format!("{}.{}.{}", enc(h), enc(c), enc("sig"))
    }

    fn fails(t: &str) -> String {
        decode(t).unwrap_err().0
    }

    #[test]
    fn decodes_header_claims_and_signature() {
        let t = token(
            r#"{"alg":"RS256","kid":"k1"}"#,
            r#"{"sub":"a@b.c","exp":5}"#,
        );
        let d = decode(&t).unwrap();
        assert_eq!(d.alg(), Some("RS256"));
        assert_eq!(d.claims["exp"], 5);
        assert_eq!(d.signature, b"sig");
        assert_eq!(
            d.signing_input(),
            t.rsplit_once('.').map(|(a, _)| a).unwrap()
        );
        assert_eq!(d.signature_b64(), enc("sig"));
    }

    #[test]
    fn padded_segments_decode_as_in_salesforces_own_example() {
        let header = BASE64_URL_SAFE.encode(r#"{"alg":"RS256"}"#);
        let claims = BASE64_URL_SAFE.encode(r#"{"sub":"ab@b.c"}"#);
        assert!(claims.ends_with('='));
        let signature = BASE64_URL_SAFE.encode("sig!");
        let d = decode(&format!("{header}.{claims}.{signature}")).unwrap();
        assert_eq!(d.alg(), Some("RS256"));
        assert_eq!(d.claims["sub"], "ab@b.c");
        assert_eq!(d.signature, b"sig!");
        assert_eq!(d.signature_b64(), signature.trim_end_matches('='));
    }

    #[test]
    fn alg_none_with_an_empty_signature_still_decodes() {
        let t = format!("{}.{}.", enc(r#"{"alg":"none"}"#), enc("{}"));
        let d = decode(&t).unwrap();
        assert_eq!(d.alg(), Some("none"));
        assert!(d.signature.is_empty());
    }

    #[test]
    fn segment_counts() {
        assert!(fails("abc").contains("found no '.'"));
        assert!(fails("a.b").contains("found 2 segments"));
        assert!(fails("a.b.c.d").contains("found 4 segments"));
        assert!(fails("a.b.c.d.e").contains("JWE"));
        assert!(fails("").contains("empty"));
    }

    #[test]
    fn errors_name_the_segment_and_what_was_expected() {
        let c = enc("{}");
        assert!(fails(&format!(".{c}.")).starts_with("segment 1 (header) is empty"));
        assert!(fails(&format!("{c}..")).starts_with("segment 2 (claims) is empty"));
        let stray = format!("{}=.{c}.", enc("{\"a\":1}"));
        assert!(fails(&stray).contains("segment 1 (header): '=' at offset"));
        let inner = format!("{c}.e3=0.");
        assert!(fails(&inner).contains("segment 2 (claims): '=' at offset 2"));
        let too_much = format!("{c}.{c}==.");
        assert!(fails(&too_much).contains("segment 2 (claims): '=' at offset 3"));
        let std = format!("{c}.ab+c.");
        assert!(fails(&std).contains("segment 2 (claims): invalid base64url character '+'"));
        assert!(fails(&std).contains("standard base64"));
        assert!(fails(&format!("{c}.{c}.a")).contains("segment 3 (signature): length 1"));
        let not_utf8 = BASE64_URL_SAFE_NO_PAD.encode([0xffu8, 0xfe, 0x7b]);
        assert!(fails(&format!("{not_utf8}.{c}.")).contains("not UTF-8"));
        assert!(fails(&format!("{}.{c}.", enc("nope"))).contains("not JSON"));
        assert!(
            fails(&format!("{}.{c}.", enc("[1]")))
                .contains("segment 1 (header): expected a JSON object, found an array")
        );
        assert!(
            fails(&format!("{c}.{}.", enc("\"s\"")))
                .contains("segment 2 (claims): expected a JSON object, found a string")
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let t = format!("{}.{}.", enc("{}"), enc(&format!("{{\"a\":{deep}}}")));
        assert!(fails(&t).contains("segment 2 (claims): not JSON"));
    }
}
