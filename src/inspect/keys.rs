//! Verification keys for JWTs as users have them: a PEM public key, a PEM or DER X.509
//! certificate (read by [`crate::keyfile`], as the SAML inspector reads them), a JWKS (or one
//! JWK), or an HMAC secret.

use crate::keyfile::{KeyDer, contains, read_public};
use jsonwebtoken::DecodingKey;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
use serde_json::Value;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::{PublicKey, RSAPublicKey};
use x509_parser::x509::SubjectPublicKeyInfo;

pub use crate::keyfile::{KeyFormat, MAX_KEY_BYTES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    Rsa { bits: usize },
    Ec { bits: usize },
    Ed25519,
    Hmac { bytes: usize },
}

impl KeyKind {
    pub fn describe(&self) -> String {
        match self {
            KeyKind::Rsa { bits } => format!("RSA {bits}-bit"),
            KeyKind::Ec { bits } => format!("EC {bits}-bit"),
            KeyKind::Ed25519 => "Ed25519".to_string(),
            KeyKind::Hmac { bytes } => format!("{bytes}-byte secret"),
        }
    }
}

/// One key that may verify a signature.
#[derive(Clone)]
pub struct Candidate {
    pub kid: Option<String>,
    pub kind: KeyKind,
    pub key: DecodingKey,
    /// For RSA keys: the PKCS#1 `RSAPublicKey` DER, for verifiers other than jsonwebtoken.
    pub rsa_pkcs1_der: Option<Vec<u8>>,
}

impl std::fmt::Debug for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidate")
            .field("kid", &self.kid)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub not_before: i64,
    pub not_after: i64,
    pub der_bytes: usize,
}

#[derive(Debug, Clone)]
pub struct KeyMaterial {
    /// Where it came from, for messages (a file name, or "--secret").
    pub source: String,
    pub format: KeyFormat,
    pub candidates: Vec<Candidate>,
    pub cert: Option<CertInfo>,
    /// Size of the file as given (Salesforce limits certificate uploads to 4 KB).
    pub file_bytes: usize,
    /// The public key or certificate file as given, for the SAML verifier, which reads it
    /// itself. Empty for secrets, which never verify an XML signature.
    pub file: Vec<u8>,
    /// JWKS entries that could not be used, with why.
    pub skipped: Vec<String>,
    /// For secrets: whether the value ends with a line break, a common accident with files.
    pub trailing_newline: bool,
    /// For secrets: what the bytes are when they are a public key, certificate or key set,
    /// which must never be used as an HMAC secret (RS256 to HS256 key confusion).
    pub secret_is: Option<KeyFormat>,
}

impl KeyMaterial {
    pub fn describe(&self) -> String {
        match (self.format, self.candidates.as_slice()) {
            (KeyFormat::Jwks, keys) => format!("{} ({} keys)", self.source, keys.len()),
            (KeyFormat::Secret, [one]) => format!("{} ({})", self.source, one.kind.describe()),
            (format, [one]) => format!(
                "{} ({}, {})",
                self.source,
                format.describe(),
                one.kind.describe()
            ),
            (format, _) => format!("{} ({})", self.source, format.describe()),
        }
    }

    /// An HMAC secret (`--secret`).
    pub fn secret(bytes: &[u8], source: &str) -> Result<KeyMaterial, String> {
        if bytes.len() > MAX_KEY_BYTES {
            return Err(format!("{source}: secret is larger than 1 MB"));
        }
        let key =
            DecodingKey::from_secret(bytes).map_err(|_| format!("{source}: secret is empty"))?;
        Ok(KeyMaterial {
            source: source.to_string(),
            format: KeyFormat::Secret,
            candidates: vec![Candidate {
                kid: None,
                kind: KeyKind::Hmac { bytes: bytes.len() },
                key,
                rsa_pkcs1_der: None,
            }],
            cert: None,
            file_bytes: bytes.len(),
            file: Vec::new(),
            skipped: Vec::new(),
            trailing_newline: bytes.ends_with(b"\n"),
            secret_is: public_text(bytes),
        })
    }

    /// A public key, certificate or JWKS, recognised by content.
    pub fn parse(bytes: &[u8], source: &str) -> Result<KeyMaterial, String> {
        if bytes.len() > MAX_KEY_BYTES {
            return Err(format!(
                "{source}: {} bytes is too large for a key (limit 1 MB)",
                bytes.len()
            ));
        }
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        let material = match first {
            None => return Err(format!("{source}: key file is empty")),
            Some(b'{') => from_json(bytes, source)?,
            Some(_) => from_key_file(bytes, source)?,
        };
        Ok(KeyMaterial {
            file_bytes: bytes.len(),
            file: bytes.to_vec(),
            ..material
        })
    }
}

/// Public key material written as text: a PEM certificate or public key, or a JWK(S).
fn public_text(bytes: &[u8]) -> Option<KeyFormat> {
    if contains(bytes, b"-----BEGIN CERTIFICATE-----")
        || contains(bytes, b"-----BEGIN X509 CERTIFICATE-----")
        || contains(bytes, b"-----BEGIN TRUSTED CERTIFICATE-----")
    {
        return Some(KeyFormat::CertificatePem);
    }
    if contains(bytes, b"-----BEGIN PUBLIC KEY-----") {
        return Some(KeyFormat::PublicKeyPem);
    }
    if contains(bytes, b"-----BEGIN RSA PUBLIC KEY-----") {
        return Some(KeyFormat::RsaPublicKeyPem);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') && contains(bytes, b"\"keys\"") {
        return Some(KeyFormat::Jwks);
    }
    if first == Some(&b'{') && contains(bytes, b"\"kty\"") {
        return Some(KeyFormat::Jwk);
    }
    None
}

fn single(source: &str, format: KeyFormat, candidate: Candidate) -> KeyMaterial {
    KeyMaterial {
        source: source.to_string(),
        format,
        candidates: vec![candidate],
        cert: None,
        file_bytes: 0,
        file: Vec::new(),
        skipped: Vec::new(),
        trailing_newline: false,
        secret_is: None,
    }
}

fn from_key_file(bytes: &[u8], source: &str) -> Result<KeyMaterial, String> {
    let file = read_public(bytes, source)?;
    match &file.der {
        KeyDer::Certificate(der) => certificate(der, source, file.format),
        KeyDer::Spki(der) => {
            let (_, spki) = SubjectPublicKeyInfo::from_der(der).map_err(|e| {
                format!("{source}: PUBLIC KEY is not a valid SubjectPublicKeyInfo ({e})")
            })?;
            Ok(single(source, file.format, from_spki(&spki, source)?))
        }
        KeyDer::RsaPkcs1(der) => {
            let (_, rsa) = RSAPublicKey::from_der(der)
                .map_err(|e| format!("{source}: RSA PUBLIC KEY is not valid PKCS#1 ({e})"))?;
            let candidate = Candidate {
                kid: None,
                kind: KeyKind::Rsa {
                    bits: modulus_bits(rsa.modulus),
                },
                key: DecodingKey::from_rsa_der(der),
                rsa_pkcs1_der: Some(der.clone()),
            };
            Ok(single(source, file.format, candidate))
        }
    }
}

fn certificate(der: &[u8], source: &str, format: KeyFormat) -> Result<KeyMaterial, String> {
    let (_, cert) = X509Certificate::from_der(der)
        .map_err(|e| format!("{source}: not a valid X.509 certificate ({e})"))?;
    let candidate = from_spki(cert.public_key(), source)?;
    let validity = cert.validity();
    let info = CertInfo {
        subject: cert.subject().to_string(),
        not_before: validity.not_before.timestamp(),
        not_after: validity.not_after.timestamp(),
        der_bytes: der.len(),
    };
    Ok(KeyMaterial {
        cert: Some(info),
        ..single(source, format, candidate)
    })
}

fn from_spki(spki: &SubjectPublicKeyInfo<'_>, source: &str) -> Result<Candidate, String> {
    let data: &[u8] = &spki.subject_public_key.data;
    let parsed = spki
        .parsed()
        .map_err(|e| format!("{source}: unreadable public key ({e})"))?;
    let (kind, key, rsa_pkcs1_der) = match parsed {
        PublicKey::RSA(rsa) => (
            KeyKind::Rsa {
                bits: modulus_bits(rsa.modulus),
            },
            DecodingKey::from_rsa_der(data),
            Some(data.to_vec()),
        ),
        PublicKey::EC(point) => (
            KeyKind::Ec {
                bits: point.key_size(),
            },
            DecodingKey::from_ec_der(data),
            None,
        ),
        PublicKey::Unknown(raw)
            if spki.algorithm.algorithm == x509_parser::oid_registry::OID_SIG_ED25519 =>
        {
            (KeyKind::Ed25519, DecodingKey::from_ed_der(raw), None)
        }
        _ => {
            return Err(format!(
                "{source}: unsupported public key algorithm {}",
                spki.algorithm.algorithm
            ));
        }
    };
    Ok(Candidate {
        kid: None,
        kind,
        key,
        rsa_pkcs1_der,
    })
}

/// Bit length of a big-endian modulus, ignoring DER's leading zero bytes.
fn modulus_bits(modulus: &[u8]) -> usize {
    let trimmed: &[u8] = match modulus.iter().position(|b| *b != 0) {
        Some(i) => modulus.get(i..).unwrap_or_default(),
        None => &[],
    };
    match trimmed.first() {
        Some(first) => trimmed.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

fn from_json(bytes: &[u8], source: &str) -> Result<KeyMaterial, String> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| format!("{source}: not valid JSON ({e}); expected a JWKS"))?;
    let (format, entries) = match value.get("keys") {
        Some(Value::Array(keys)) => (KeyFormat::Jwks, keys.clone()),
        Some(_) => return Err(format!("{source}: \"keys\" must be an array of JWKs")),
        None if value.get("kty").is_some() => (KeyFormat::Jwk, vec![value]),
        None => {
            return Err(format!(
                "{source}: JSON has neither \"keys\" (a JWKS) nor \"kty\" (a JWK)"
            ));
        }
    };
    let mut candidates = Vec::new();
    let mut skipped = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let kid = entry.get("kid").and_then(Value::as_str).map(str::to_string);
        let name = kid.clone().unwrap_or_else(|| format!("#{}", i + 1));
        match jwk_candidate(entry, kid) {
            Ok(c) => candidates.push(c),
            Err(why) => skipped.push(format!("key {name}: {why}")),
        }
    }
    if candidates.is_empty() {
        let why = skipped.first().map_or(String::new(), |s| format!(" ({s})"));
        return Err(format!(
            "{source}: no usable key in the {}{why}",
            format.describe()
        ));
    }
    Ok(KeyMaterial {
        source: source.to_string(),
        format,
        candidates,
        cert: None,
        file_bytes: 0,
        file: Vec::new(),
        skipped,
        trailing_newline: false,
        secret_is: None,
    })
}

fn jwk_candidate(entry: Value, kid: Option<String>) -> Result<Candidate, String> {
    let jwk: Jwk = serde_json::from_value(entry).map_err(|e| format!("not a JWK ({e})"))?;
    let key = DecodingKey::from_jwk(&jwk).map_err(|e| format!("unusable ({e})"))?;
    let kind = match &jwk.algorithm {
        AlgorithmParameters::RSA(p) => {
            let n = base64_len(&p.n);
            KeyKind::Rsa { bits: n * 8 }
        }
        AlgorithmParameters::EllipticCurve(p) => KeyKind::Ec {
            bits: base64_len(&p.x) * 8,
        },
        AlgorithmParameters::OctetKeyPair(_) => KeyKind::Ed25519,
        AlgorithmParameters::OctetKey(p) => KeyKind::Hmac {
            bytes: base64_len(&p.value),
        },
        _ => return Err("unsupported key type".to_string()),
    };
    Ok(Candidate {
        kid,
        kind,
        key,
        rsa_pkcs1_der: None,
    })
}

/// Decoded length of unpadded base64url text (leading zero bytes of a modulus are rare and
/// only shift the estimate by a byte).
fn base64_len(b64: &str) -> usize {
    b64.trim_end_matches('=').len() * 3 / 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modulus_bits_ignores_leading_zero_bytes() {
        assert_eq!(modulus_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(modulus_bits(&[0x01, 0x00]), 9);
        assert_eq!(modulus_bits(&[0x00]), 0);
        assert_eq!(modulus_bits(&[]), 0);
    }

    #[test]
    fn refuses_private_keys_empty_files_and_junk() {
        let cases: [(&[u8], &str, &str); 5] = [
            (
                b"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
                "k.pem",
                "private key",
            ),
            (b"  \n", "k", "empty"),
            (b"\x30\x03\x02\x01\x00", "k.der", "is neither PEM"),
            (b"{\"keys\":[]}", "jwks.json", "no usable key"),
            (b"{\"a\":1}", "x.json", "neither"),
        ];
        for (bytes, name, says) in cases {
            let error = KeyMaterial::parse(bytes, name).unwrap_err();
            assert!(error.contains(says), "{name}: {error}");
        }
    }

    #[test]
    fn secrets_keep_their_bytes_and_flag_a_trailing_newline() {
        let m = KeyMaterial::secret(b"s3cret\n", "--secret").unwrap();
        assert!(m.trailing_newline);
        assert_eq!(m.candidates[0].kind, KeyKind::Hmac { bytes: 7 });
        assert_eq!(m.secret_is, None);
        assert!(KeyMaterial::secret(b"", "--secret").is_err());
    }

    #[test]
    fn a_public_key_or_key_set_given_as_a_secret_is_recognised() {
        for (text, format) in [
            (
                "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
                KeyFormat::PublicKeyPem,
            ),
            (
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                KeyFormat::CertificatePem,
            ),
            (
                "-----BEGIN RSA PUBLIC KEY-----\nMIIB\n",
                KeyFormat::RsaPublicKeyPem,
            ),
            (" {\"keys\":[]}", KeyFormat::Jwks),
            ("{\"kty\":\"RSA\"}", KeyFormat::Jwk),
        ] {
            let m = KeyMaterial::secret(text.as_bytes(), "--secret").unwrap();
            assert_eq!(m.secret_is, Some(format), "{text}");
        }
    }

    #[test]
    fn jwks_skips_unusable_entries_but_keeps_good_ones() {
        let jwks =
            br#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"h"},{"kty":"weird","kid":"w"}]}"#;
        let m = KeyMaterial::parse(jwks, "jwks.json").unwrap();
        assert_eq!(m.format, KeyFormat::Jwks);
        assert_eq!(m.candidates.len(), 1);
        assert_eq!(m.candidates[0].kid.as_deref(), Some("h"));
        assert_eq!(m.skipped.len(), 1);
    }
}
