//! RSA keys that can verify an XML signature: the one the user gives (`--key`: PEM public key,
//! PEM or DER certificate) and the certificate embedded in KeyInfo, which is described but
//! never trusted on its own.

use super::error::SamlError;
use crate::keyfile::{KeyDer, read_public};
use chrono::{DateTime, SecondsFormat, Utc};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey as ParsedKey;

pub use crate::keyfile::MAX_KEY_BYTES;

/// What an X.509 certificate says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    /// `RSA 2048-bit`, `EC 256-bit`.
    pub key: String,
    /// Lowercase hex of the SHA-256 of the DER, as certificate tools print it.
    pub sha256_fingerprint: String,
    #[serde(skip)]
    pub not_before_unix: i64,
    #[serde(skip)]
    pub not_after_unix: i64,
}

impl CertificateInfo {
    pub fn self_signed(&self) -> bool {
        self.subject == self.issuer
    }

    /// Whether the certificate's own validity covers `at`.
    pub fn valid_at(&self, at: DateTime<Utc>) -> bool {
        (self.not_before_unix..=self.not_after_unix).contains(&at.timestamp())
    }
}

/// A key ready to verify, with where it came from.
#[derive(Debug, Clone)]
pub struct VerifyKey {
    pub key: rsa::PublicKey,
    /// `PEM certificate, RSA 2048-bit`.
    pub description: String,
    pub certificate: Option<CertificateInfo>,
}

impl VerifyKey {
    pub fn same_key(&self, other: &VerifyKey) -> bool {
        self.key == other.key
    }
}

/// Parses `--key` bytes, read as the JWT inspector reads them ([`crate::keyfile`]); only RSA
/// keys can verify the XML signatures Salesforce checks.
pub fn load_key(bytes: &[u8]) -> Result<VerifyKey, SamlError> {
    let file = read_public(bytes, "--key").map_err(SamlError::key)?;
    let what = file.format.describe();
    match &file.der {
        KeyDer::Certificate(der) => from_certificate_der(der, what),
        KeyDer::Spki(der) => {
            let key = rsa::PublicKey::from_public_key_der(der).map_err(|e| {
                SamlError::key(format!(
                    "--key {what} is not an RSA key (SAML signatures Salesforce checks are \
                     RSA): {e}"
                ))
            })?;
            Ok(describe(key, what, None))
        }
        KeyDer::RsaPkcs1(der) => {
            let key = rsa::PublicKey::from_pkcs1_der(der)
                .map_err(|e| SamlError::key(format!("--key RSA PUBLIC KEY: {e}")))?;
            Ok(describe(key, what, None))
        }
    }
}

fn from_certificate_der(der: &[u8], what: &str) -> Result<VerifyKey, SamlError> {
    let (info, spki) =
        certificate(der).map_err(|e| SamlError::key(format!("--key {what}: {e}")))?;
    let key = rsa::PublicKey::from_public_key_der(&spki).map_err(|_| {
        SamlError::key(format!(
            "--key {what} holds a {} key; SAML signatures Salesforce checks are RSA",
            info.key
        ))
    })?;
    Ok(describe(key, what, Some(info)))
}

fn describe(key: rsa::PublicKey, what: &str, certificate: Option<CertificateInfo>) -> VerifyKey {
    let description = format!("{what}, RSA {}-bit", key.size() * 8);
    VerifyKey {
        key,
        description,
        certificate,
    }
}

/// The certificate's description and its SubjectPublicKeyInfo DER.
pub fn certificate(der: &[u8]) -> Result<(CertificateInfo, Vec<u8>), String> {
    let (_, cert) =
        X509Certificate::from_der(der).map_err(|e| format!("not an X.509 certificate ({e})"))?;
    let spki = cert.public_key();
    let key = match spki.parsed() {
        Ok(ParsedKey::RSA(rsa)) => format!("RSA {}-bit", rsa.key_size()),
        Ok(ParsedKey::EC(ec)) => format!("EC {}-bit", ec.key_size()),
        Ok(other) => format!("{} {}-bit", key_family(&other), other.key_size()),
        Err(_) => "unreadable".to_string(),
    };
    let not_before_unix = cert.validity().not_before.timestamp();
    let not_after_unix = cert.validity().not_after.timestamp();
    let info = CertificateInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        serial: cert.raw_serial_as_string(),
        not_before: unix_text(not_before_unix),
        not_after: unix_text(not_after_unix),
        key,
        sha256_fingerprint: Sha256::digest(der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        not_before_unix,
        not_after_unix,
    };
    Ok((info, spki.raw.to_vec()))
}

fn key_family(key: &ParsedKey<'_>) -> &'static str {
    match key {
        ParsedKey::RSA(_) => "RSA",
        ParsedKey::EC(_) => "EC",
        ParsedKey::DSA(_) => "DSA",
        ParsedKey::GostR3410(_) | ParsedKey::GostR3410_2012(_) => "GOST",
        ParsedKey::Unknown(_) => "unknown",
    }
}

fn unix_text(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0).map_or_else(
        || format!("unix {secs}"),
        |d| d.to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

/// The key in a KeyInfo `X509Certificate` (base64 DER, whitespace allowed).
pub fn embedded_key(base64_text: &str) -> Result<VerifyKey, String> {
    use base64::prelude::*;
    let compact: String = base64_text.chars().filter(|c| !c.is_whitespace()).collect();
    let der = BASE64_STANDARD
        .decode(compact.as_bytes())
        .map_err(|e| format!("X509Certificate is not base64 ({e})"))?;
    let (info, spki) = certificate(&der)?;
    let key = rsa::PublicKey::from_public_key_der(&spki)
        .map_err(|_| format!("X509Certificate holds a {} key, not RSA", info.key))?;
    Ok(describe(key, "certificate embedded in KeyInfo", Some(info)))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::saml::fixtures::bytes as fixture;

    #[test]
    fn every_public_form_loads_the_same_key() {
        let pem_key = load_key(&fixture("pub.pem")).unwrap();
        let pem_cert = load_key(&fixture("cert.pem")).unwrap();
        let der_cert = load_key(&fixture("cert.der")).unwrap();
        assert!(pem_key.same_key(&pem_cert) && pem_key.same_key(&der_cert));
        assert_eq!(pem_key.description, "PEM public key, RSA 2048-bit");
        assert_eq!(der_cert.description, "DER certificate, RSA 2048-bit");
        let info = pem_cert.certificate.unwrap();
        assert!(
            info.subject.contains("CN=sfauth test signer"),
            "{}",
            info.subject
        );
        assert!(info.self_signed());
        assert_eq!(info.key, "RSA 2048-bit");
        assert_eq!(info.sha256_fingerprint.len(), 64);
        assert!(
            !load_key(&fixture("other-pub.pem"))
                .unwrap()
                .same_key(&pem_key)
        );
    }

    #[test]
    fn private_keys_and_junk_are_refused_with_a_reason() {
        let e = load_key(&fixture("key.pem")).unwrap_err();
        assert!(
            e.message
                .contains("PRIVATE KEY; give the matching certificate or public key"),
            "{e}"
        );
        let e = load_key(b"hello").unwrap_err();
        assert!(e.message.starts_with("--key is neither PEM"), "{e}");
        let e = load_key(b"-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n").unwrap_err();
        assert!(e.message.contains("found: FOO"), "{e}");
    }
}
