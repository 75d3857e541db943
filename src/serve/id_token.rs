//! ID tokens (when `openid` is granted) and the JWKS that verifies them. The signing key is a
//! fixed key embedded in the binary: a public practice key, like the demo app's.

use super::Ctx;
use super::store::Grant;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

const SIGNING_KEY_PEM: &str = include_str!("org/demo/org-signing.key");
/// base64url modulus of the signing key, computed once with openssl (`-modulus`).
const SIGNING_KEY_N: &str = include_str!("org/demo/org-signing.n");
pub const KID: &str = "sfauth-serve-1";
/// Salesforce's ID tokens live a few minutes; the client validates them once.
const ID_TOKEN_TTL_SECS: i64 = 300;

pub fn signing_key() -> Result<EncodingKey, String> {
    EncodingKey::from_rsa_pem(SIGNING_KEY_PEM.as_bytes())
        .map_err(|e| format!("the embedded ID token key does not load: {e}"))
}

pub fn sign(ctx: &Ctx, grant: &Grant, now_secs: i64) -> Option<String> {
    let app = ctx.org.apps.get(grant.app)?;
    let mut claims = super::issue::user_claims(ctx, grant.user);
    let map = claims.as_object_mut()?;
    map.insert("iss".into(), ctx.base_url.clone().into());
    map.insert("aud".into(), app.spec.consumer_key.clone().into());
    map.insert("iat".into(), now_secs.into());
    map.insert("exp".into(), (now_secs + ID_TOKEN_TTL_SECS).into());
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(KID.to_string());
    jsonwebtoken::encode(&header, &claims, &ctx.signing_key).ok()
}

pub fn jwks() -> Value {
    json!({
        "keys": [{
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": KID,
            "n": SIGNING_KEY_N.trim(),
            "e": "AQAB",
        }]
    })
}
