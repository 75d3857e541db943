//! Reading request parameters the way an OAuth endpoint must: form-encoded, at most 1 MB,
//! UTF-8, each parameter once, and within a time limit so a slow client cannot hold a worker.

use super::reply::Refused;
use crate::serve::refusals::Rule;
use axum::body::Body;
use axum::http::{HeaderMap, header};
use std::time::Duration;

pub const MAX_BODY_BYTES: usize = 1024 * 1024;
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Default)]
pub struct Form {
    pairs: Vec<(String, String)>,
    /// The body as sent, for the inspector, which reads the form layer itself.
    pub raw: String,
}

impl Form {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub fn require(&self, name: &str) -> Result<&str, Refused> {
        self.get(name)
            .ok_or_else(|| Refused::rule(Rule::MissingParameter, format!("{name} is missing")))
    }
}

/// Reads a form-encoded body.
pub async fn read_body(headers: &HeaderMap, body: Body) -> Result<Form, Refused> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "application/x-www-form-urlencoded" {
        let shown = if content_type.is_empty() {
            "no Content-Type".to_string()
        } else {
            format!(
                "Content-Type {}",
                content_type.chars().take(80).collect::<String>()
            )
        };
        return Err(Refused::rule(
            Rule::NotAForm,
            format!("{shown}; expected application/x-www-form-urlencoded"),
        ));
    }
    let bytes = match tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, MAX_BODY_BYTES))
        .await
    {
        Err(_) => {
            return Err(Refused::rule(
                Rule::BodyTimedOut,
                format!("the body did not arrive within {}s", BODY_TIMEOUT.as_secs()),
            ));
        }
        Ok(Err(_)) => {
            return Err(Refused::rule(
                Rule::BodyTooLarge,
                format!("the body is over {MAX_BODY_BYTES} bytes, or broke off"),
            ));
        }
        Ok(Ok(b)) => b,
    };
    let raw = std::str::from_utf8(&bytes)
        .map_err(|e| Refused::rule(Rule::NotUtf8, format!("the body is not UTF-8 ({e})")))?
        .to_string();
    let pairs = parse_pairs(&raw)?;
    Ok(Form { pairs, raw })
}

/// Parameters of a query string (`GET /authorize?...`).
pub fn from_query(query: Option<&str>) -> Result<Form, Refused> {
    let raw = query.unwrap_or("").to_string();
    Ok(Form {
        pairs: parse_pairs(&raw)?,
        raw,
    })
}

pub fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, Refused> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let key = decode(k)?;
        let value = decode(v)?;
        if pairs.iter().any(|(seen, _)| *seen == key) {
            return Err(Refused::rule(
                Rule::RepeatedParameter,
                format!(
                    "{} appears more than once",
                    key.chars().take(40).collect::<String>()
                ),
            ));
        }
        pairs.push((key, value));
    }
    Ok(pairs)
}

/// Percent-decoding with `+` as space; a `%` not followed by two hex digits stays as written.
fn decode(text: &str) -> Result<String, Refused> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && hex(bytes[i + 1]).is_some()
                && hex(bytes[i + 2]).is_some() =>
            {
                let hi = hex(bytes[i + 1]).unwrap_or(0);
                let lo = hex(bytes[i + 2]).unwrap_or(0);
                out.push(hi * 16 + lo);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        Refused::rule(
            Rule::NotUtf8,
            "a parameter is not UTF-8 after percent-decoding".to_string(),
        )
    })
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// `Authorization: Basic base64(id:secret)`, as client credentials may be sent.
pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    use base64::prelude::*;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))?;
    let decoded = BASE64_STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// The token of `Authorization: Bearer X` (or Salesforce's older `OAuth X`).
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("OAuth "))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_decode_plus_percent_and_keep_stray_percents() {
        let p = parse_pairs("a=b+c&d=%41%3d&e=100%&f").unwrap();
        assert_eq!(
            p,
            [("a", "b c"), ("d", "A="), ("e", "100%"), ("f", "")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }

    #[test]
    fn repeats_and_bad_utf8_are_refused() {
        assert_eq!(
            parse_pairs("a=1&a=2").unwrap_err().by,
            Rule::RepeatedParameter.name()
        );
        assert_eq!(parse_pairs("a=%ff").unwrap_err().by, Rule::NotUtf8.name());
        assert_eq!(
            parse_pairs("a=%e2%82").unwrap_err().by,
            Rule::NotUtf8.name()
        );
    }
}
