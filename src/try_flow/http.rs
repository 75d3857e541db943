//! The HTTP side of `sfauth try`: one ureq agent (rustls, no OpenSSL) with a global timeout and
//! the environment's proxy, and a record of every exchange with its secrets redacted, so the
//! CLI's `--verbose`, its JSON and the TUI show exactly what went over the wire.

use super::redact::{redact_body, redact_header};
use std::time::{Duration, Instant};

/// A response body larger than this is cut: token endpoint answers are a few KB.
pub const MAX_RESPONSE_BYTES: u64 = 1024 * 1024;

/// A request that never got an HTTP answer: DNS, connect, TLS, timeout, proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetError {
    pub host: String,
    pub cause: String,
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.host, self.cause)
    }
}

/// One request and its response as shown to the user (secrets already redacted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Exchange {
    pub method: String,
    pub url: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: Option<String>,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
    pub elapsed_ms: u64,
}

impl Exchange {
    /// The exchange as an HTTP transcript (`> ` request, `< ` response).
    pub fn transcript(&self) -> String {
        let mut out = format!("> {} {}\n", self.method, self.url);
        for (k, v) in &self.request_headers {
            out.push_str(&format!("> {k}: {v}\n"));
        }
        if let Some(body) = &self.request_body {
            out.push_str(&format!(">\n> {body}\n"));
        }
        out.push_str(&format!("< {} ({} ms)\n", self.status, self.elapsed_ms));
        for (k, v) in &self.response_headers {
            out.push_str(&format!("< {k}: {v}\n"));
        }
        if !self.response_body.is_empty() {
            out.push_str(&format!("<\n< {}\n", self.response_body));
        }
        out
    }
}

/// A response: the real body (for parsing) and the exchange (redacted, for showing).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The `Location` header as received (a redirect the caller follows itself).
    pub location: Option<String>,
    pub exchange: Exchange,
}

/// Sees each exchange as it completes.
pub type Observer = Box<dyn FnMut(&Exchange) + Send>;

/// The agent plus the exchanges made so far, in order.
pub struct Client {
    agent: ureq::Agent,
    /// The proxy from the environment, to name it when a request through it fails.
    proxy: Option<ureq::Proxy>,
    pub exchanges: Vec<Exchange>,
    /// Called with each exchange as soon as it completes (`--verbose`, the TUI's live steps).
    observer: Option<Observer>,
}

impl Client {
    /// A client for requests to `base_url`: the environment's proxy (`HTTPS_PROXY`, `ALL_PROXY`,
    /// `NO_PROXY`...) is used except for a loopback host, which no proxy can reach.
    pub fn for_url(base_url: &str, timeout: Duration) -> Self {
        Self::new(timeout, !is_loopback_url(base_url))
    }

    pub fn new(timeout: Duration, use_proxy: bool) -> Self {
        let proxy = if use_proxy {
            ureq::Proxy::try_from_env()
        } else {
            None
        };
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            // Salesforce's refusals are 4xx with a JSON body: they are answers, not errors.
            .http_status_as_error(false)
            // A token endpoint that redirects is misconfigured; show the redirect as it is.
            .max_redirects(0)
            .proxy(proxy.clone())
            .user_agent(format!("sfauth/{}", env!("CARGO_PKG_VERSION")))
            .build();
        Client {
            agent: config.into(),
            proxy,
            exchanges: Vec::new(),
            observer: None,
        }
    }

    pub fn observe(&mut self, observer: impl FnMut(&Exchange) + Send + 'static) {
        self.observer = Some(Box::new(observer));
    }

    /// Keeps an exchange made outside this client (the redirect a listener received) with
    /// the others, and shows it to the observer.
    pub fn record(&mut self, exchange: Exchange) {
        if let Some(observer) = self.observer.as_mut() {
            observer(&exchange);
        }
        self.exchanges.push(exchange);
    }

    /// POSTs an `application/x-www-form-urlencoded` body.
    pub fn post_form(
        &mut self,
        url: &str,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> Result<Answer, NetError> {
        let body = encode_form(form);
        let mut headers = vec![
            (
                "Content-Type".to_string(),
                "application/x-www-form-urlencoded".to_string(),
            ),
            ("Accept".to_string(), "application/json".to_string()),
        ];
        if let Some((user, password)) = basic {
            use base64::Engine as _;
            let pair = base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                form_encode(user),
                form_encode(password)
            ));
            headers.push(("Authorization".to_string(), format!("Basic {pair}")));
        }
        self.send("POST", url, headers, Some(body))
    }

    /// GETs a page as a browser would (the local org's login page).
    pub fn get(&mut self, url: &str) -> Result<Answer, NetError> {
        let headers = vec![("Accept".to_string(), "text/html".to_string())];
        self.send("GET", url, headers, None)
    }

    /// GETs `url` with `Authorization: Bearer TOKEN`.
    pub fn get_bearer(&mut self, url: &str, token: &str) -> Result<Answer, NetError> {
        let headers = vec![
            ("Authorization".to_string(), format!("Bearer {token}")),
            ("Accept".to_string(), "application/json".to_string()),
        ];
        self.send("GET", url, headers, None)
    }

    fn send(
        &mut self,
        method: &str,
        url: &str,
        headers: Vec<(String, String)>,
        body: Option<String>,
    ) -> Result<Answer, NetError> {
        let via = self
            .proxy
            .as_ref()
            .filter(|p| {
                url.parse::<ureq::http::Uri>()
                    .is_ok_and(|uri| !p.is_no_proxy(&uri))
            })
            .map(|p| format!(" (through the proxy {}:{})", p.host(), p.port()))
            .unwrap_or_default();
        let net = |cause: String| NetError {
            host: host_of(url),
            cause: format!("{cause}{via}"),
        };
        let started = Instant::now();
        let result = match &body {
            Some(body) => {
                let mut req = self.agent.post(url);
                for (k, v) in &headers {
                    req = req.header(k, v);
                }
                req.send(body.as_str())
            }
            None => {
                let mut req = self.agent.get(url);
                for (k, v) in &headers {
                    req = req.header(k, v);
                }
                req.call()
            }
        };
        let mut response = result.map_err(|e| net(describe(&e)))?;
        let status = response.status().as_u16();
        let response_headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| {
                let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                (k.as_str().to_string(), value)
            })
            .collect();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|e| net(format!("reading the response: {}", describe(&e))))?;
        let location = response_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("location"))
            .map(|(_, v)| v.clone());
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let exchange = Exchange {
            method: method.to_string(),
            url: url.to_string(),
            request_headers: headers
                .iter()
                .map(|(k, v)| (k.clone(), redact_header(k, v)))
                .collect(),
            request_body: body.as_deref().map(redact_body),
            status,
            response_headers: response_headers
                .iter()
                .map(|(k, v)| (k.clone(), redact_header(k, v)))
                .collect(),
            response_body: redact_body(&text),
            elapsed_ms,
        };
        self.record(exchange.clone());
        Ok(Answer {
            status,
            body: text,
            location,
            exchange,
        })
    }
}

/// One line naming what went wrong below HTTP.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::HostNotFound => "host not found (DNS lookup failed)".to_string(),
        ureq::Error::Timeout(_) => "timed out (raise --timeout SECS)".to_string(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused (nothing listens on that port)".to_string()
        }
        ureq::Error::Io(io) => format!("network error: {io}"),
        ureq::Error::Rustls(tls) => format!("TLS failure: {tls}"),
        ureq::Error::Tls(tls) => format!("TLS failure: {tls}"),
        ureq::Error::InvalidProxyUrl => {
            "the proxy URL in HTTPS_PROXY/HTTP_PROXY/ALL_PROXY is not valid".to_string()
        }
        other => other.to_string(),
    }
}

/// `http://localhost...`, `http://127.0.0.1...` or `http://[::1]...`.
pub fn is_loopback_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = host_of(rest);
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The host (and port) of a URL, for one-line network errors.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}

pub fn encode_form(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `application/x-www-form-urlencoded` escaping (space as `+`).
pub fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Percent-encoding for a URL query (space as `%20`).
pub fn query_encode(s: &str) -> String {
    form_encode(s).replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_and_hosts() {
        assert_eq!(
            encode_form(&[("grant_type", "a:b c"), ("x", "é&=")]),
            "grant_type=a%3Ab+c&x=%C3%A9%26%3D"
        );
        assert_eq!(query_encode("api refresh_token"), "api%20refresh_token");
        assert_eq!(
            host_of("https://login.salesforce.com/services/oauth2/token"),
            "login.salesforce.com"
        );
        assert_eq!(host_of("http://127.0.0.1:1717?x"), "127.0.0.1:1717");
        assert!(is_loopback_url("http://127.0.0.1:1717"));
        assert!(is_loopback_url("http://localhost:8080/x"));
        assert!(is_loopback_url("http://[::1]:9/"));
        assert!(!is_loopback_url("https://127.0.0.1"));
        assert!(!is_loopback_url("http://127.example.com"));
    }

    #[test]
    fn a_closed_port_is_a_network_error_naming_the_host() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let url = format!("http://{addr}/services/oauth2/token");
        let mut client = Client::for_url(&url, Duration::from_secs(5));
        let e = client.post_form(&url, &[("a", "b")], None).unwrap_err();
        assert_eq!(e.host, addr.to_string());
        assert!(e.cause.contains("refused"), "{e}");
        assert!(client.exchanges.is_empty());
    }
}
