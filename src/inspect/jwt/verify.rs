//! Signature verification with jsonwebtoken. Only the signature is checked here; claims are
//! judged by the profile's rules at the evaluation instant.

use super::decode::DecodedJwt;
use super::header;
use crate::inspect::keys::{Candidate, KeyFormat, KeyKind, KeyMaterial};
use crate::inspect::report::{Signature, SignatureStatus};
use jsonwebtoken::{Algorithm, AlgorithmFamily};
use std::str::FromStr;

/// How the key was used, beyond the verdict: what the key-confusion checks need to know.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyUse {
    /// Index in the key's candidates of the one that verified the signature.
    pub verified_by: Option<usize>,
    /// The header's kid, when the key set has kids and none of them is this one.
    pub unmatched_kid: Option<String>,
}

/// The signature verdict: `valid` only when a key the user gave verifies the signature and the
/// header that signature covers says one thing that sfauth understands.
pub fn verify(jwt: &DecodedJwt, key: Option<&KeyMaterial>) -> Signature {
    verify_detailed(jwt, key).0
}

pub fn verify_detailed(jwt: &DecodedJwt, key: Option<&KeyMaterial>) -> (Signature, KeyUse) {
    let (mut signature, used) = check_signature(jwt, key);
    if signature.status == SignatureStatus::Valid {
        let refusal = header::refusal(jwt).or_else(|| key.and_then(confusion));
        if let Some(why) = refusal {
            signature.status = SignatureStatus::Invalid;
            signature.detail = format!("{}, but {why}", signature.detail);
        }
    }
    (signature, used)
}

/// A secret that is public key material verifies only forgeries: whoever has the public key
/// can compute the HMAC.
fn confusion(key: &KeyMaterial) -> Option<String> {
    let what = key.secret_is?;
    Some(format!(
        "the secret is a {}, so anyone can forge it (J17)",
        what.describe()
    ))
}

/// Whether a key format is a key set (whose keys carry kids and are published).
pub fn is_key_set(format: KeyFormat) -> bool {
    matches!(format, KeyFormat::Jwks | KeyFormat::Jwk)
}

fn check_signature(jwt: &DecodedJwt, key: Option<&KeyMaterial>) -> (Signature, KeyUse) {
    let alg = jwt.alg().map(str::to_string);
    let mut used = KeyUse::default();
    let outcome = |status, detail: String| Signature {
        status,
        alg: alg.clone(),
        detail,
    };
    let Some(key) = key else {
        let status = outcome(
            SignatureStatus::NotChecked,
            "no key given (--key or --secret)".to_string(),
        );
        return (status, used);
    };
    let refused = |detail: String| (outcome(SignatureStatus::Invalid, detail), KeyUse::default());
    let algorithm = match verifiable_algorithm(jwt) {
        Ok(algorithm) => algorithm,
        Err(why) => return refused(why),
    };
    let (pool, kid_note) = by_kid(jwt, key);
    if !kid_note.is_empty() {
        used.unmatched_kid = jwt
            .header
            .get("kid")
            .and_then(|v| v.as_str())
            .map(str::to_string);
    }
    let family = algorithm.family();
    let usable: Vec<&Candidate> = pool
        .iter()
        .copied()
        .filter(|c| kind_family(&c.kind) == family)
        .collect();
    if usable.is_empty() {
        let have = pool
            .first()
            .map_or_else(|| "no key".to_string(), |c| c.kind.describe());
        return refused(format!(
            "the key in {} is {have}, but alg {algorithm:?} needs {}{kid_note}",
            key.source,
            family_needs(family)
        ));
    }
    for c in &usable {
        let ok = jsonwebtoken::crypto::verify(
            jwt.signature_b64(),
            jwt.signing_input().as_bytes(),
            &c.key,
            algorithm,
        );
        if matches!(ok, Ok(true)) {
            let which = c
                .kid
                .as_ref()
                .map_or_else(String::new, |k| format!(" key \"{k}\""));
            used.verified_by = key.candidates.iter().position(|k| std::ptr::eq(k, *c));
            let valid = outcome(
                SignatureStatus::Valid,
                format!("verified with {}{which}", key.describe()),
            );
            return (valid, used);
        }
    }
    let detail = not_verified(key, usable.len(), &kid_note);
    (outcome(SignatureStatus::Invalid, detail), used)
}

/// The header's alg, when a key could verify it: never absent, never `none`, always a JWS
/// algorithm; otherwise why the signature is refused.
fn verifiable_algorithm(jwt: &DecodedJwt) -> Result<Algorithm, String> {
    match jwt.alg() {
        None => Err("the header names no alg, so nothing can verify it".to_string()),
        Some(a) if a.eq_ignore_ascii_case("none") => Err(
            "the token is unsigned (alg none); a verifier with a key must reject it".to_string(),
        ),
        Some(a) => Algorithm::from_str(a)
            .map_err(|_| format!("alg \"{a}\" is not a JWS algorithm this tool can verify")),
    }
}

/// Why no usable key verified the signature.
fn not_verified(key: &KeyMaterial, tried: usize, kid_note: &str) -> String {
    let mut detail = if tried == 1 {
        format!("signature does not verify with {}", key.describe())
    } else {
        format!(
            "signature does not verify with any of the {tried} keys in {}",
            key.source
        )
    };
    detail.push_str(kid_note);
    if key.trailing_newline {
        detail.push_str("; note the secret ends with a line break, which is part of it");
    }
    detail
}

/// Keys whose `kid` matches the header's, else all of them (with a note saying so).
fn by_kid<'a>(jwt: &DecodedJwt, key: &'a KeyMaterial) -> (Vec<&'a Candidate>, String) {
    let all: Vec<&Candidate> = key.candidates.iter().collect();
    let Some(kid) = jwt.header.get("kid").and_then(|v| v.as_str()) else {
        return (all, String::new());
    };
    if key.candidates.iter().all(|c| c.kid.is_none()) {
        return (all, String::new());
    }
    let matching: Vec<&Candidate> = all
        .iter()
        .copied()
        .filter(|c| c.kid.as_deref() == Some(kid))
        .collect();
    if matching.is_empty() {
        (all, format!(" (no key has kid \"{kid}\"; tried each)"))
    } else {
        (matching, String::new())
    }
}

fn kind_family(kind: &KeyKind) -> AlgorithmFamily {
    match kind {
        KeyKind::Rsa { .. } => AlgorithmFamily::Rsa,
        KeyKind::Ec { .. } => AlgorithmFamily::Ec,
        KeyKind::Ed25519 => AlgorithmFamily::Ed,
        KeyKind::Hmac { .. } => AlgorithmFamily::Hmac,
    }
}

fn family_needs(family: AlgorithmFamily) -> &'static str {
    match family {
        AlgorithmFamily::Hmac => "a shared secret (--secret)",
        AlgorithmFamily::Rsa => "an RSA public key or certificate",
        AlgorithmFamily::Ec => "an EC public key",
        AlgorithmFamily::Ed => "an Ed25519 public key",
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode::decode;
    use super::*;
    use jsonwebtoken::{EncodingKey, Header};

    fn hs256(secret: &[u8], kid: Option<&str>) -> String {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = kid.map(str::to_string);
        let claims = serde_json::json!({"sub": "a"});
        jsonwebtoken::encode(&header, &claims, &EncodingKey::from_secret(secret).unwrap()).unwrap()
    }

    fn status(token: &str, key: Option<&KeyMaterial>) -> Signature {
        verify(&decode(token).unwrap(), key)
    }

    #[test]
    fn no_key_is_not_checked_never_invalid() {
        let s = status(&hs256(b"k", None), None);
        assert_eq!(s.status, SignatureStatus::NotChecked);
        assert_eq!(s.alg.as_deref(), Some("HS256"));
    }

    #[test]
    fn hmac_secret_right_and_wrong() {
        let t = hs256(b"right", None);
        let right = KeyMaterial::secret(b"right", "--secret").unwrap();
        let wrong = KeyMaterial::secret(b"right\n", "--secret").unwrap();
        assert_eq!(status(&t, Some(&right)).status, SignatureStatus::Valid);
        let bad = status(&t, Some(&wrong));
        assert_eq!(bad.status, SignatureStatus::Invalid);
        assert!(bad.detail.contains("line break"));
    }

    #[test]
    fn jwks_picks_by_kid_and_falls_back_to_each() {
        let jwks = br#"{"keys":[{"kty":"oct","k":"d3Jvbmc","kid":"a"},{"kty":"oct","k":"cmlnaHQ","kid":"b"}]}"#;
        let m = KeyMaterial::parse(jwks, "jwks.json").unwrap();
        let by_kid = status(&hs256(b"right", Some("b")), Some(&m));
        assert_eq!(by_kid.status, SignatureStatus::Valid);
        assert!(by_kid.detail.contains("\"b\""));
        let unknown_kid = status(&hs256(b"right", Some("zz")), Some(&m));
        assert_eq!(unknown_kid.status, SignatureStatus::Valid);
        let wrong_kid = status(&hs256(b"right", Some("a")), Some(&m));
        assert_eq!(wrong_kid.status, SignatureStatus::Invalid);
    }

    #[test]
    fn a_verified_signature_over_an_ambiguous_header_is_invalid() {
        use base64::prelude::*;
        let enc = |s: &str| BASE64_URL_SAFE_NO_PAD.encode(s);
        let secret = b"k";
        let key = KeyMaterial::secret(secret, "--secret").unwrap();
        let sign = |header: &str| {
            let input = format!("{}.{}", enc(header), enc("{}"));
            let k = EncodingKey::from_secret(secret).unwrap();
            let sig = jsonwebtoken::crypto::sign(input.as_bytes(), &k, Algorithm::HS256).unwrap();
            format!("{input}.{sig}")
        };
        let clean = status(&sign(r#"{"alg":"HS256"}"#), Some(&key));
        assert_eq!(clean.status, SignatureStatus::Valid);
        for (header, needle) in [
            (
                r#"{"alg":"none","alg":"HS256"}"#,
                "\"alg\" more than once (J16)",
            ),
            (
                r#"{"alg":"HS256","crit":["b64"],"b64":false}"#,
                "crit cannot be honoured (J15)",
            ),
        ] {
            let s = status(&sign(header), Some(&key));
            assert_eq!(s.status, SignatureStatus::Invalid, "{header}");
            assert!(
                s.detail.starts_with("verified with --secret"),
                "{}",
                s.detail
            );
            assert!(s.detail.contains(needle), "{}", s.detail);
        }
    }

    #[test]
    fn a_public_key_as_hmac_secret_never_verifies_as_valid() {
        let pem = b"-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
        let key = KeyMaterial::secret(pem, "--secret").unwrap();
        let s = status(&hs256(pem, None), Some(&key));
        assert_eq!(s.status, SignatureStatus::Invalid);
        assert!(
            s.detail.contains("anyone can forge it (J17)"),
            "{}",
            s.detail
        );
    }

    #[test]
    fn key_use_names_the_verifying_key_and_an_unmatched_kid() {
        let jwks = br#"{"keys":[{"kty":"oct","k":"d3Jvbmc","kid":"a"},{"kty":"oct","k":"cmlnaHQ","kid":"b"}]}"#;
        let m = KeyMaterial::parse(jwks, "jwks.json").unwrap();
        let token = hs256(b"right", Some("zz"));
        let (s, used) = verify_detailed(&decode(&token).unwrap(), Some(&m));
        assert_eq!(s.status, SignatureStatus::Valid);
        assert_eq!(used.verified_by, Some(1));
        assert_eq!(used.unmatched_kid.as_deref(), Some("zz"));
        let (_, by_kid) = verify_detailed(&decode(&hs256(b"right", Some("b"))).unwrap(), Some(&m));
        assert_eq!(by_kid.unmatched_kid, None);
    }

    #[test]
    fn unsigned_unknown_and_mismatched_algorithms_are_invalid_with_a_key() {
        use base64::prelude::*;
        let enc = |s: &str| BASE64_URL_SAFE_NO_PAD.encode(s);
        let key = KeyMaterial::secret(b"k", "--secret").unwrap();
        let none = format!("{}.{}.", enc(r#"{"alg":"none"}"#), enc("{}"));
        assert!(status(&none, Some(&key)).detail.contains("unsigned"));
        let odd = format!("{}.{}.c2ln", enc(r#"{"alg":"XY99"}"#), enc("{}"));
        assert!(status(&odd, Some(&key)).detail.contains("XY99"));
        let rs = format!("{}.{}.c2ln", enc(r#"{"alg":"RS256"}"#), enc("{}"));
        let s = status(&rs, Some(&key));
        assert_eq!(s.status, SignatureStatus::Invalid);
        assert!(s.detail.contains("needs an RSA public key"), "{}", s.detail);
        let no_alg = format!("{}.{}.c2ln", enc("{}"), enc("{}"));
        assert_eq!(status(&no_alg, Some(&key)).status, SignatureStatus::Invalid);
    }
}
