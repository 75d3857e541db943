//! Minting a JWT bearer assertion: the token a server-to-server integration sends to
//! Salesforce, signed RS256 with the private key whose certificate the app holds.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

pub const DEFAULT_LOGIN_URL: &str = "https://login.salesforce.com";
/// Salesforce documents that the assertion must expire within three minutes.
pub const DEFAULT_TTL_SECS: u64 = 180;
pub const JWT_BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

#[derive(Debug, Clone)]
pub struct MintRequest {
    pub client_id: String,
    pub username: String,
    pub login_url: String,
    pub ttl_secs: u64,
    /// The instant `exp` counts from; fixed for reproducible output.
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Minted {
    pub assertion: String,
    pub claims: Value,
    pub token_url: String,
    /// Things worth saying that do not stop minting (a long lifetime, a trimmed slash).
    pub warnings: Vec<String>,
}

pub fn jwt_bearer(req: &MintRequest, private_pem: &[u8], key_name: &str) -> Result<Minted, String> {
    let client_id = req.client_id.trim();
    let username = req.username.trim();
    if client_id.is_empty() {
        return Err("--client-id is empty; give the app's consumer key".to_string());
    }
    if username.is_empty() {
        return Err("--username is empty; give the Salesforce username".to_string());
    }
    if req.ttl_secs == 0 {
        return Err("--ttl must be at least 1 second".to_string());
    }
    let mut warnings = Vec::new();
    let raw_url = req.login_url.trim();
    let https = raw_url.starts_with("https://") && raw_url.len() > "https://".len();
    if !https && !is_loopback_http(raw_url) {
        return Err(format!(
            "--login-url \"{raw_url}\" must be an https URL such as {DEFAULT_LOGIN_URL} (or \
             http on loopback, for `sfauth serve`)"
        ));
    }
    let login_url = raw_url.trim_end_matches('/');
    if login_url.len() != raw_url.len() {
        warnings.push(format!(
            "removed the trailing slash from the login URL: aud is \"{login_url}\""
        ));
    }
    if req.ttl_secs > DEFAULT_TTL_SECS {
        warnings.push(format!(
            "ttl {}s is above the 3 minutes Salesforce documents for the assertion's lifetime",
            req.ttl_secs
        ));
    }
    let exp = req
        .at
        .timestamp()
        .checked_add(i64::try_from(req.ttl_secs).map_err(|_| "--ttl is too large".to_string())?)
        .ok_or_else(|| "--ttl is too large".to_string())?;
    let claims = json!({
        "iss": client_id,
        "sub": username,
        "aud": login_url,
        "exp": exp,
    });
    let key = private_key(private_pem, key_name)?;
    let assertion = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key)
        .map_err(|_| format!("{key_name} is not an RSA private key that can sign RS256"))?;
    Ok(Minted {
        assertion,
        claims,
        token_url: format!("{login_url}/services/oauth2/token"),
        warnings,
    })
}

/// `http://127.0.0.1:PORT`, `http://localhost:PORT` or `http://[::1]:PORT`: a local
/// `sfauth serve` org, whose own URL is the audience it accepts.
pub fn is_loopback_http(url: &str) -> bool {
    ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|host| {
            url.strip_prefix(host)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
        })
}

/// jsonwebtoken accepts any PEM here and only fails when signing, so the label is checked
/// first to say what is wrong with the file.
fn private_key(pem: &[u8], key_name: &str) -> Result<EncodingKey, String> {
    let not_rsa = |what: &str| {
        format!("{key_name} is not an RSA private key in PEM (PKCS#1 or PKCS#8): {what}")
    };
    let (_, block) =
        x509_parser::pem::parse_x509_pem(pem).map_err(|_| not_rsa("no PEM block found"))?;
    match block.label.as_str() {
        "PRIVATE KEY" | "RSA PRIVATE KEY" => {}
        "ENCRYPTED PRIVATE KEY" => {
            return Err(format!(
                "{key_name} is encrypted; decrypt it first (openssl pkey -in {key_name} -out plain.pem)"
            ));
        }
        other => return Err(not_rsa(&format!("found a \"{other}\" block"))),
    }
    EncodingKey::from_rsa_pem(pem).map_err(|e| not_rsa(&e.to_string()))
}

/// A ready-to-run token request for the minted assertion.
pub fn curl_command(m: &Minted) -> String {
    format!(
        "curl -sS -X POST {} \\\n  -d {} \\\n  -d {}",
        shell_quote(&m.token_url),
        shell_quote(&format!("grant_type={JWT_BEARER_GRANT}")),
        shell_quote(&format!("assertion={}", m.assertion)),
    )
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = include_bytes!("../tests/fixtures/jwt/key.pem");

    fn request() -> MintRequest {
        MintRequest {
            client_id: "3MVGabc".into(),
            username: "ana@acme.com".into(),
            login_url: DEFAULT_LOGIN_URL.into(),
            ttl_secs: DEFAULT_TTL_SECS,
            at: DateTime::from_timestamp(1_798_761_600, 0).unwrap(),
        }
    }

    #[test]
    fn mints_the_four_claims_and_is_reproducible() {
        let a = jwt_bearer(&request(), KEY, "key.pem").unwrap();
        let b = jwt_bearer(&request(), KEY, "key.pem").unwrap();
        assert_eq!(
            a.assertion, b.assertion,
            "RS256 at a fixed instant is deterministic"
        );
        assert_eq!(a.claims["exp"], 1_798_761_780);
        assert_eq!(a.claims["aud"], DEFAULT_LOGIN_URL);
        assert_eq!(
            a.token_url,
            "https://login.salesforce.com/services/oauth2/token"
        );
        assert!(a.warnings.is_empty());
        assert_eq!(a.assertion.split('.').count(), 3);
    }

    #[test]
    fn long_ttl_and_trailing_slash_warn() {
        let mut r = request();
        r.ttl_secs = 600;
        r.login_url = "https://test.salesforce.com/".into();
        let m = jwt_bearer(&r, KEY, "key.pem").unwrap();
        assert_eq!(m.claims["aud"], "https://test.salesforce.com");
        assert_eq!(m.warnings.len(), 2);
        assert!(m.warnings[1].contains("3 minutes"));
    }

    #[test]
    fn bad_requests_are_refused() {
        let mut r = request();
        r.login_url = "http://login.salesforce.com".into();
        assert!(jwt_bearer(&r, KEY, "k").unwrap_err().contains("https"));
        r.login_url = "http://127.0.0.1:8484".into();
        assert_eq!(
            jwt_bearer(&r, KEY, "k").unwrap().claims["aud"],
            "http://127.0.0.1:8484"
        );
        r.login_url = "http://localhost.evil.example".into();
        assert!(jwt_bearer(&r, KEY, "k").is_err());
        let mut r = request();
        r.ttl_secs = 0;
        assert!(jwt_bearer(&r, KEY, "k").is_err());
        let mut r = request();
        r.client_id = " ".into();
        assert!(jwt_bearer(&r, KEY, "k").is_err());
        let cert = include_bytes!("../tests/fixtures/jwt/cert.pem");
        let e = jwt_bearer(&request(), cert, "cert.pem").unwrap_err();
        assert!(e.contains("not an RSA private key"), "{e}");
        let mut r = request();
        r.ttl_secs = u64::MAX;
        assert!(jwt_bearer(&r, KEY, "k").is_err());
    }

    #[test]
    fn curl_posts_the_form_to_the_token_endpoint() {
        let m = jwt_bearer(&request(), KEY, "key.pem").unwrap();
        let c = curl_command(&m);
        assert!(
            c.starts_with("curl -sS -X POST 'https://login.salesforce.com/services/oauth2/token'")
        );
        assert!(c.contains("'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer'"));
        assert!(c.contains(&format!("'assertion={}'", m.assertion)));
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
    }
}
