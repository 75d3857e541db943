//! Plays the person at the browser for `sfauth try` tests: logs in on the local org's
//! authorize page and follows the redirect to the callback, or approves a device code.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

pub const PASSWORD: &str = "demo-password";

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else if bytes[i] == b'+' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Posts the login form of the authorize page `authorize_url` with `action` (allow or deny)
/// and follows the redirect to the callback. Returns the callback's HTTP status.
pub fn browser_login(authorize_url: &str, username: &str, action: &str) -> u16 {
    let agent = agent();
    let page = agent.get(authorize_url).call().unwrap();
    assert_eq!(page.status().as_u16(), 200, "the authorize page");
    let (base, query) = authorize_url.split_once('?').unwrap();
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_string(), percent_decode(v))
        })
        .collect();
    pairs.push(("username".into(), username.into()));
    pairs.push(("password".into(), PASSWORD.into()));
    pairs.push(("action".into(), action.into()));
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let answer = agent
        .post(base)
        .content_type("application/x-www-form-urlencoded")
        .send(body.as_str())
        .unwrap();
    assert_eq!(answer.status().as_u16(), 302, "the login form redirects");
    let location = answer
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let callback = agent.get(&location).call().unwrap();
    callback.status().as_u16()
}

/// Approves (or denies) `user_code` on the local org's verification page.
pub fn approve_device(verification_uri: &str, user_code: &str, action: &str) {
    let body = format!(
        "user_code={}&username={}&password={PASSWORD}&action={action}",
        form_encode(user_code),
        form_encode(sfauth::serve::org::demo::DEMO_USER)
    );
    let answer = agent()
        .post(verification_uri)
        .content_type("application/x-www-form-urlencoded")
        .send(body.as_str())
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
}

/// A loopback port free right now, for a callback URL the test org lists.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}
