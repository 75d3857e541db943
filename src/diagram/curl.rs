//! A step's HTTP request as a curl command a reader can paste into a shell.

use crate::model::{HttpMessage, Param, Step, StepKind};

/// The curl command for a request step, or `None` when the step is not an HTTP request that
/// curl could send (a response, a user action, a request without method or URL, or an Apex
/// `callout:` URL that only Salesforce can resolve).
pub fn curl_for(step: &Step) -> Option<String> {
    if step.kind != StepKind::Request {
        return None;
    }
    let http = step.http.as_ref()?;
    let method = http.method.as_deref()?.trim().to_ascii_uppercase();
    let url = http.url.as_deref()?.trim();
    let lower = url.to_ascii_lowercase();
    if method.is_empty() || !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    Some(command(&method, url, http))
}

fn command(method: &str, url: &str, http: &HttpMessage) -> String {
    let query_method = matches!(method, "GET" | "HEAD" | "DELETE");
    let mut args: Vec<String> = Vec::new();
    let mut data: Vec<String> = Vec::new();
    if !http.params.is_empty() {
        // Parameters are the readable form of the body (or query); --data-urlencode encodes
        // each value exactly as a form post or query string needs.
        data.extend(http.params.iter().map(|p| {
            format!(
                "--data-urlencode {}",
                quote(&format!("{}={}", p.name, p.value))
            )
        }));
    } else if let Some(body) = &http.body
        && !query_method
    {
        data.push(format!("--data-raw {}", quote(body)));
    }

    match method {
        "GET" if data.is_empty() => {}
        "GET" => args.push("-G".into()),
        "HEAD" if data.is_empty() => args.push("--head".into()),
        "HEAD" => args.push("-G --head".into()),
        "POST" if !data.is_empty() => {}
        "DELETE" if !data.is_empty() => args.push("-G -X DELETE".into()),
        other => args.push(format!("-X {}", quote_word(other))),
    }
    for h in &http.headers {
        args.push(header(h));
    }
    args.extend(data);

    let mut out = format!("curl {}", quote(url));
    for a in args {
        out.push_str(" \\\n  ");
        out.push_str(&a);
    }
    out
}

/// `-H 'Name: value'`, except that an example Basic header written as
/// `Basic base64(id:secret)` becomes `--user 'id:secret'`, which makes curl do the encoding.
fn header(h: &Param) -> String {
    if h.name.eq_ignore_ascii_case("authorization")
        && let Some(inner) = h
            .value
            .trim()
            .strip_prefix("Basic base64(")
            .and_then(|v| v.strip_suffix(')'))
    {
        return format!("--user {}", quote(inner));
    }
    format!("-H {}", quote(&format!("{}: {}", h.name, h.value)))
}

/// Single-quoted for a POSIX shell: nothing inside is expanded.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Methods are plain words; anything else is quoted.
fn quote_word(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        word.to_string()
    } else {
        quote(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(kind: StepKind, http: Option<HttpMessage>) -> Step {
        Step {
            from: "a".into(),
            to: "b".into(),
            kind,
            label: "x".into(),
            explanation: "x".into(),
            http,
            pitfalls: vec![],
            note: None,
        }
    }

    fn http(method: &str, url: &str) -> HttpMessage {
        HttpMessage {
            method: Some(method.into()),
            url: Some(url.into()),
            status: None,
            headers: vec![],
            params: vec![],
            body: None,
        }
    }

    fn param(name: &str, value: &str) -> Param {
        Param {
            name: name.into(),
            value: value.into(),
            note: None,
        }
    }

    #[test]
    fn form_post_sends_each_parameter_url_encoded() {
        let mut h = http("POST", "https://login.salesforce.com/services/oauth2/token");
        h.headers = vec![param("Content-Type", "application/x-www-form-urlencoded")];
        h.params = vec![
            param("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            param("assertion", "eyJ...sig"),
        ];
        h.body = Some("grant_type=...".into());
        let curl = curl_for(&step(StepKind::Request, Some(h))).unwrap();
        assert_eq!(
            curl,
            "curl 'https://login.salesforce.com/services/oauth2/token' \\\n  \
             -H 'Content-Type: application/x-www-form-urlencoded' \\\n  \
             --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer' \\\n  \
             --data-urlencode 'assertion=eyJ...sig'"
        );
    }

    #[test]
    fn get_with_parameters_puts_them_in_the_query() {
        let mut h = http("GET", "https://example.com/authorize");
        h.params = vec![param("state", "a b")];
        let curl = curl_for(&step(StepKind::Request, Some(h))).unwrap();
        assert_eq!(
            curl,
            "curl 'https://example.com/authorize' \\\n  -G \\\n  --data-urlencode 'state=a b'"
        );
    }

    #[test]
    fn raw_body_and_quotes_are_shell_safe() {
        let mut h = http("PUT", "https://example.com/x");
        h.body = Some("{\"it's\": 1}".into());
        let curl = curl_for(&step(StepKind::Request, Some(h))).unwrap();
        assert!(curl.contains("-X PUT"), "{curl}");
        assert!(curl.contains(r#"--data-raw '{"it'\''s": 1}'"#), "{curl}");
    }

    #[test]
    fn basic_example_header_becomes_user() {
        let mut h = http("POST", "https://example.com/token");
        h.headers = vec![param("Authorization", "Basic base64(id:secret)")];
        h.params = vec![param("grant_type", "client_credentials")];
        let curl = curl_for(&step(StepKind::Request, Some(h))).unwrap();
        assert!(curl.contains("--user 'id:secret'"), "{curl}");
        assert!(!curl.contains("-X POST"), "{curl}");
    }

    #[test]
    fn only_http_requests_have_a_curl_command() {
        assert_eq!(curl_for(&step(StepKind::Request, None)), None);
        let h = http("GET", "https://example.com/");
        assert_eq!(curl_for(&step(StepKind::Response, Some(h.clone()))), None);
        assert_eq!(curl_for(&step(StepKind::Redirect, Some(h))), None);
        let callout = http("GET", "callout:Orders_API/v1/orders");
        assert_eq!(curl_for(&step(StepKind::Request, Some(callout))), None);
        let mut no_method = http("GET", "https://example.com/");
        no_method.method = None;
        assert_eq!(curl_for(&step(StepKind::Request, Some(no_method))), None);
    }

    #[test]
    fn post_without_data_names_the_method() {
        let h = http("post", "https://example.com/logout");
        let curl = curl_for(&step(StepKind::Request, Some(h))).unwrap();
        assert_eq!(curl, "curl 'https://example.com/logout' \\\n  -X POST");
    }
}
