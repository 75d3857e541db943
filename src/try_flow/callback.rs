//! The loopback listener the web server flow's redirect lands on: one HTTP GET to the callback
//! path, answered with a short page, its query handed back. Other paths (a favicon) get 404.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// A request line and headers larger than this are not a browser's redirect.
const MAX_REQUEST_BYTES: usize = 16 * 1024;

/// `http://localhost:1717/OAuthRedirect` split into what to listen on and the path to wait for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub url: String,
    pub host: String,
    pub port: u16,
    pub path: String,
}

pub fn parse(url: &str) -> Result<Callback, String> {
    let why = |what: &str| {
        format!(
            "--callback \"{url}\" {what}; sfauth listens for the redirect itself, so the callback \
             must be http://localhost:PORT/PATH or http://127.0.0.1:PORT/PATH (and be in the \
             app's Callback URL list)"
        )
    };
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| why("is not an http:// URL"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = authority
        .rsplit_once(':')
        .ok_or_else(|| why("has no port"))?;
    let port: u16 = port.parse().map_err(|_| why("has no valid port"))?;
    if !super::http::is_loopback_url(&format!("http://{host}")) {
        return Err(why("is not on this machine"));
    }
    if path.contains(['?', '#']) {
        return Err(why("has a query or fragment"));
    }
    Ok(Callback {
        url: url.to_string(),
        host: host.to_string(),
        port,
        path: path.to_string(),
    })
}

/// A bound listener, ready before the browser is sent to the authorize page.
pub struct Listener {
    listener: TcpListener,
    path: String,
}

impl Listener {
    pub fn bind(cb: &Callback) -> Result<Listener, String> {
        let host = if cb.host.eq_ignore_ascii_case("localhost") {
            "127.0.0.1"
        } else {
            cb.host.trim_start_matches('[').trim_end_matches(']')
        };
        let listener = TcpListener::bind((host, cb.port)).map_err(|e| {
            format!(
                "cannot listen on {}:{} for the callback: {e}",
                cb.host, cb.port
            )
        })?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen for the callback: {e}"))?;
        Ok(Listener {
            listener,
            path: cb.path.clone(),
        })
    }

    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// Waits up to `wait` for the redirect and returns its query string.
    pub fn wait(&self, wait: Duration) -> Result<String, String> {
        let deadline = Instant::now() + wait;
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(query) = self.answer(stream) {
                        return Ok(query);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() >= deadline {
                        return Err(format!(
                            "no redirect reached the callback within {} s (raise --wait SECS)",
                            wait.as_secs()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(format!("the callback listener failed: {e}")),
            }
        }
    }

    /// Reads one request; `Some(query)` when it is the redirect.
    fn answer(&self, stream: TcpStream) -> Option<String> {
        stream.set_nonblocking(false).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        let mut reader = BufReader::new(&stream);
        let mut line = String::new();
        let mut read = Read::by_ref(&mut reader)
            .take(MAX_REQUEST_BYTES as u64)
            .read_line(&mut line)
            .ok()?;
        let target = line
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string();
        // Drain the headers so the browser sees a clean response.
        let mut header = String::new();
        while read < MAX_REQUEST_BYTES {
            header.clear();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => break,
                Ok(_) if header.trim().is_empty() => break,
                Ok(n) => read += n,
            }
        }
        let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
        let mut stream = &stream;
        if path != self.path {
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            return None;
        }
        let page = "<!doctype html><title>sfauth</title><p>sfauth received the answer. \
                    You can close this tab and return to the terminal.</p>";
        let _ = stream.write_all(
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            )
            .as_bytes(),
        );
        Some(query.to_string())
    }
}

/// The value of `name` in a query string, percent-decoded.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| {
            crate::inspect::input::percent_decode(&v.replace('+', " "))
                .unwrap_or_else(|_| v.to_string())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_urls() {
        let cb = parse("http://localhost:1717/OAuthRedirect").unwrap();
        assert_eq!(
            (cb.host.as_str(), cb.port, cb.path.as_str()),
            ("localhost", 1717, "/OAuthRedirect")
        );
        assert!(parse("https://localhost:1717/cb").is_err());
        assert!(parse("http://example.com:1717/cb").is_err());
        assert!(parse("http://localhost/cb").is_err());
    }

    #[test]
    fn the_redirect_is_received_and_other_paths_get_404() {
        let cb = parse("http://127.0.0.1:0/cb").unwrap();
        let listener = Listener::bind(&cb).unwrap();
        let addr = listener.local_addr().unwrap();
        let browser = std::thread::spawn(move || {
            let get = |target: &str| {
                let mut s = TcpStream::connect(addr).unwrap();
                write!(s, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                let mut out = String::new();
                std::io::Read::read_to_string(&mut s, &mut out).unwrap();
                out
            };
            (get("/favicon.ico"), get("/cb?code=abc%2Fd&state=s1"))
        });
        let query = listener.wait(Duration::from_secs(10)).unwrap();
        let (favicon, page) = browser.join().unwrap();
        assert!(favicon.starts_with("HTTP/1.1 404"));
        assert!(page.contains("sfauth received the answer"));
        assert_eq!(query_param(&query, "code").as_deref(), Some("abc/d"));
        assert_eq!(query_param(&query, "state").as_deref(), Some("s1"));
        assert_eq!(query_param(&query, "error"), None);
    }
}
