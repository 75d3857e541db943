//! Signature verification with jsonwebtoken. Only the signature is checked here; claims are
//! judged by the profile's rules at the evaluation instant.

use super::decode::DecodedJwt;
use crate::inspect::keys::{Candidate, KeyKind, KeyMaterial};
use crate::inspect::report::{Signature, SignatureStatus};
use jsonwebtoken::{Algorithm, AlgorithmFamily};
use std::str::FromStr;

pub fn verify(jwt: &DecodedJwt, key: Option<&KeyMaterial>) -> Signature {
    let alg = jwt.alg().map(str::to_string);
    let outcome = |status, detail: String| Signature {
        status,
        alg: alg.clone(),
        detail,
    };
    let Some(key) = key else {
        return outcome(
            SignatureStatus::NotChecked,
            "no key given (--key or --secret)".to_string(),
        );
    };
    let algorithm = match jwt.alg() {
        None => {
            return outcome(
                SignatureStatus::Invalid,
                "the header names no alg, so nothing can verify it".to_string(),
            );
        }
        Some(a) if a.eq_ignore_ascii_case("none") => {
            return outcome(
                SignatureStatus::Invalid,
                "the token is unsigned (alg none); a verifier with a key must reject it"
                    .to_string(),
            );
        }
        Some(a) => match Algorithm::from_str(a) {
            Ok(algorithm) => algorithm,
            Err(_) => {
                return outcome(
                    SignatureStatus::Invalid,
                    format!("alg \"{a}\" is not a JWS algorithm this tool can verify"),
                );
            }
        },
    };
    let (pool, kid_note) = by_kid(jwt, key);
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
        return outcome(
            SignatureStatus::Invalid,
            format!(
                "the key in {} is {have}, but alg {algorithm:?} needs {}{kid_note}",
                key.source,
                family_needs(family)
            ),
        );
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
            return outcome(
                SignatureStatus::Valid,
                format!("verified with {}{which}", key.describe()),
            );
        }
    }
    let mut detail = if usable.len() == 1 {
        format!("signature does not verify with {}", key.describe())
    } else {
        format!(
            "signature does not verify with any of the {} keys in {}",
            usable.len(),
            key.source
        )
    };
    detail.push_str(&kid_note);
    if key.trailing_newline {
        detail.push_str("; note the secret ends with a line break, which is part of it");
    }
    outcome(SignatureStatus::Invalid, detail)
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
