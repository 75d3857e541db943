//! Starts `sfauth serve` in-process on a free loopback port and talks to it with ureq.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod saml;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sfauth::model::{Check, CheckProfile, Knowledge, Severity};
use sfauth::serve::org::{self, Org, demo};
use sfauth::serve::{Handle, LogSink, ServeOptions, spawn};
use std::sync::{Arc, Mutex};

pub const USER: &str = demo::DEMO_USER;
pub const KEY: &str = demo::DEMO_CONSUMER_KEY;
pub const SECRET: &str = demo::DEMO_SECRET;
pub const CALLBACK: &str = demo::DEMO_CALLBACK;

pub struct Server {
    pub handle: Handle,
    pub url: String,
    pub log: Arc<Mutex<Vec<String>>>,
    pub agent: ureq::Agent,
    pub k: Arc<Knowledge>,
}

pub struct Reply {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub content_type: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub fn knowledge() -> Arc<Knowledge> {
    Arc::new(Knowledge::builtin().unwrap())
}

pub fn start() -> Server {
    start_org(demo::org().unwrap())
}

pub fn start_org(org: Org) -> Server {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().unwrap());
    opts.log = LogSink::Memory(log.clone());
    let k = knowledge();
    let handle = spawn(org, k.clone(), opts).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    Server {
        url: handle.base_url.clone(),
        handle,
        log,
        agent,
        k,
    }
}

/// The demo org with its spec changed by `edit`.
pub fn demo_with(edit: impl FnOnce(&mut org::OrgSpec)) -> Org {
    let mut spec = demo::spec();
    edit(&mut spec);
    let text = serde_json::to_string(&spec).unwrap();
    org::load_str(&text, "test org", &|_: &str| {
        Ok(demo::DEMO_CERT_PEM.as_bytes().to_vec())
    })
    .unwrap()
}

fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    Reply {
        status: r.status().as_u16(),
        body: r.body_mut().read_to_string().unwrap(),
        location,
        content_type,
    }
}

impl Server {
    pub fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let r = self
            .agent
            .post(format!("{}{path}", self.url))
            .send_form(pairs.iter().copied())
            .unwrap();
        reply(r)
    }

    pub fn post_raw(&self, path: &str, content_type: &str, body: &[u8]) -> Reply {
        let r = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Content-Type", content_type)
            .send(body)
            .unwrap();
        reply(r)
    }

    pub fn token(&self, pairs: &[(&str, &str)]) -> Reply {
        self.post_form("/services/oauth2/token", pairs)
    }

    /// The authorize page asked for a code for `client_id`, sent back to `redirect_uri`, with
    /// `extra` query parameters after those.
    pub fn authorize_page(
        &self,
        client_id: &str,
        redirect_uri: &str,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut query = format!(
            "/services/oauth2/authorize?response_type=code&client_id={client_id}&redirect_uri={redirect_uri}"
        );
        for (k, v) in extra {
            query.push_str(&format!("&{k}={v}"));
        }
        self.get(&query, None)
    }

    /// The authorize page's form posted for the demo app and its callback, with `fields` after
    /// those (state, login, the user's choice).
    pub fn authorize_form(&self, fields: &[(&str, &str)]) -> Reply {
        let mut form = vec![
            ("response_type", "code"),
            ("client_id", KEY),
            ("redirect_uri", CALLBACK),
        ];
        form.extend_from_slice(fields);
        self.post_form("/services/oauth2/authorize", &form)
    }

    /// A `grant_type` token request from the demo app (its consumer key as `client_id`).
    pub fn grant(&self, grant_type: &str, rest: &[(&str, &str)]) -> Reply {
        self.demo_app_token(("grant_type", grant_type), rest)
    }

    /// The demo app starting the device flow.
    pub fn device_code(&self, rest: &[(&str, &str)]) -> Reply {
        self.demo_app_token(("response_type", "device_code"), rest)
    }

    fn demo_app_token(&self, asked: (&str, &str), rest: &[(&str, &str)]) -> Reply {
        let mut pairs = vec![asked, ("client_id", KEY)];
        pairs.extend_from_slice(rest);
        self.token(&pairs)
    }

    pub fn get(&self, path: &str, bearer: Option<&str>) -> Reply {
        let mut req = self.agent.get(format!("{}{path}", self.url));
        if let Some(t) = bearer {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        reply(req.call().unwrap())
    }

    /// Asserts the reply is exactly the catalog entry's status and OAuth body.
    pub fn assert_oauth_error(&self, r: &Reply, ids: &[&str]) {
        self.assert_named_oauth_error(&format!("{ids:?}"), r, ids);
    }

    /// As [`Self::assert_oauth_error`], naming `case` when it fails.
    pub fn assert_named_oauth_error(&self, case: &str, r: &Reply, ids: &[&str]) {
        let e = ids
            .iter()
            .find_map(|id| self.k.error(id))
            .unwrap_or_else(|| panic!("no catalog entry {ids:?}"));
        let mut want = json!({ "error": e.error });
        if let Some(d) = &e.description {
            want["error_description"] = Value::from(d.as_str());
        }
        assert_eq!(r.status, e.http_status.unwrap_or(400), "{case}: {}", r.body);
        assert_eq!(r.json(), want, "{case}");
    }

    /// The error checks of `profile` that predict a Salesforce error: each is an answer the
    /// server has to give.
    pub fn predicting_checks(&self, profile: CheckProfile) -> Vec<&Check> {
        self.k
            .checks
            .iter()
            .filter(|c| c.profiles.contains(&profile))
            .filter(|c| c.severity == Severity::Error && c.predicts.is_some())
            .collect()
    }

    pub fn last_log(&self) -> String {
        self.log.lock().unwrap().last().cloned().unwrap_or_default()
    }

    pub fn logs(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// A JWT bearer assertion with these claims, signed RS256 with the demo key unless
    /// `key_pem` says otherwise.
    pub fn assertion(&self, claims: &Value) -> String {
        sign(claims, demo::DEMO_KEY_PEM.as_bytes())
    }

    pub fn good_claims(&self) -> Value {
        json!({
            "iss": KEY,
            "sub": USER,
            "aud": self.url,
            "exp": chrono::Utc::now().timestamp() + 120,
        })
    }

    pub fn jwt_grant(&self, assertion: &str) -> Reply {
        self.token(&[
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", assertion),
        ])
    }
}

pub fn sign(claims: &Value, key_pem: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::RS256),
        claims,
        &EncodingKey::from_rsa_pem(key_pem).unwrap(),
    )
    .unwrap()
}

/// The value of `name` in a redirect Location's query.
pub fn query_param(location: &str, name: &str) -> Option<String> {
    let query = location.split_once('?')?.1;
    query.split('&').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&v[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8(out).unwrap()
}
