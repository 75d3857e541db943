//! Keeping secrets out of what `sfauth try` shows: form fields, JSON fields and headers that
//! carry a credential are cut down to a recognisable prefix and their length.

/// Form parameters and JSON fields whose values are credentials.
const SECRET_FIELDS: [&str; 10] = [
    "client_secret",
    "assertion",
    "code",
    "code_verifier",
    "refresh_token",
    "access_token",
    "id_token",
    "device_code",
    "password",
    "signature",
];

/// `00D5g0000004abc!AR…(redacted, 112 chars)`: an org-id prefix (or 6 characters) stays, so
/// two tokens can still be told apart.
pub fn redact_value(value: &str) -> String {
    let chars = value.chars().count();
    if chars <= 8 {
        return format!("…(redacted, {chars} chars)");
    }
    let keep = match value.find('!') {
        Some(bang) if bang <= 18 => bang + 1,
        _ => 6,
    }
    // Never more than half: a short value with an early `!` must not show whole.
    .min(chars / 2);
    let prefix: String = value.chars().take(keep).collect();
    format!("{prefix}…(redacted, {chars} chars)")
}

pub fn redact_header(name: &str, value: &str) -> String {
    // A redirect to the callback carries the authorization code in its query.
    if name.eq_ignore_ascii_case("location") {
        return match value.split_once('?') {
            Some((base, query)) => format!("{base}?{}", redact_body(query)),
            None => value.to_string(),
        };
    }
    if !name.eq_ignore_ascii_case("authorization") && !name.eq_ignore_ascii_case("set-cookie") {
        return value.to_string();
    }
    match value.split_once(' ') {
        Some((scheme, credential)) => format!("{scheme} {}", redact_value(credential)),
        None => redact_value(value),
    }
}

/// A form body or a JSON object with every secret field redacted; anything else as it is.
pub fn redact_body(body: &str) -> String {
    let trimmed = body.trim_start();
    if trimmed.starts_with('{')
        && let Ok(serde_json::Value::Object(mut map)) =
            serde_json::from_str::<serde_json::Value>(trimmed)
    {
        for (key, value) in map.iter_mut() {
            if let (true, Some(text)) = (is_secret(key), value.as_str()) {
                *value = serde_json::Value::String(redact_value(text));
            }
        }
        return serde_json::Value::Object(map).to_string();
    }
    if body.contains('=') && !body.contains(char::is_whitespace) {
        return body
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, v)) if is_secret(k) => format!("{k}={}", redact_value(v)),
                _ => pair.to_string(),
            })
            .collect::<Vec<_>>()
            .join("&");
    }
    body.to_string()
}

fn is_secret(key: &str) -> bool {
    SECRET_FIELDS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_cut_to_a_prefix() {
        assert_eq!(
            redact_value("00D000000000001!ARabcdefghijklmnop"),
            "00D000000000001!…(redacted, 34 chars)"
        );
        assert_eq!(redact_value("short"), "…(redacted, 5 chars)");
        assert_eq!(redact_value("abcdefgh!"), "abcd…(redacted, 9 chars)");
        assert_eq!(
            redact_header("Authorization", "Bearer 00D000000000001!secretsecret"),
            "Bearer 00D00000000000…(redacted, 28 chars)"
        );
        assert_eq!(
            redact_header("Accept", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn form_and_json_bodies_lose_their_secrets_only() {
        let form =
            redact_body("grant_type=client_credentials&client_id=abc&client_secret=s3cr3tvalue");
        assert_eq!(
            form,
            "grant_type=client_credentials&client_id=abc&client_secret=s3cr3…(redacted, 11 chars)"
        );
        let json =
            redact_body(r#"{"access_token":"00Dx!abcdefghijkl","instance_url":"https://x"}"#);
        assert!(json.contains("\"instance_url\":\"https://x\""));
        assert!(!json.contains("abcdefghijkl"));
        assert_eq!(redact_body("plain text answer"), "plain text answer");
    }
}
