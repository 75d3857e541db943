//! One reader for public key files, shared by the JWT and SAML inspectors: a PEM public key
//! (SubjectPublicKeyInfo or PKCS#1 RSA), a PEM or DER X.509 certificate, or a DER public key.
//! It says what the file is and hands back the DER to build a verifier from; each inspector
//! builds its own (jsonwebtoken keys for JWTs, RSA keys for XML signatures). JWKs are JSON and
//! JWT-only, so `inspect::keys` reads them itself.

use x509_parser::pem::Pem;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::x509::SubjectPublicKeyInfo;

/// Larger key files are refused before parsing.
pub const MAX_KEY_BYTES: usize = 1024 * 1024;

/// How a key was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormat {
    PublicKeyPem,
    RsaPublicKeyPem,
    PublicKeyDer,
    CertificatePem,
    CertificateDer,
    Jwks,
    Jwk,
    Secret,
}

impl KeyFormat {
    pub fn describe(self) -> &'static str {
        match self {
            KeyFormat::PublicKeyPem => "PEM public key",
            KeyFormat::RsaPublicKeyPem => "PEM RSA public key",
            KeyFormat::PublicKeyDer => "DER public key",
            KeyFormat::CertificatePem => "PEM certificate",
            KeyFormat::CertificateDer => "DER certificate",
            KeyFormat::Jwks => "JWKS",
            KeyFormat::Jwk => "JWK",
            KeyFormat::Secret => "secret",
        }
    }
}

/// The DER a public key file carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDer {
    /// A SubjectPublicKeyInfo (`PUBLIC KEY`).
    Spki(Vec<u8>),
    /// A PKCS#1 `RSAPublicKey` (`RSA PUBLIC KEY`).
    RsaPkcs1(Vec<u8>),
    /// A whole X.509 certificate.
    Certificate(Vec<u8>),
}

/// A public key file, recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeyFile {
    pub format: KeyFormat,
    pub der: KeyDer,
}

/// Reads a public key or certificate, PEM or DER, recognised by content. `source` names the
/// file in messages (`--key`, a file name). A PEM file may hold other blocks too: the first
/// public key or certificate is used, and a private key is refused rather than skipped.
pub fn read_public(bytes: &[u8], source: &str) -> Result<PublicKeyFile, String> {
    if bytes.len() > MAX_KEY_BYTES {
        return Err(format!(
            "{source}: {} bytes is too large for a key (limit 1 MB)",
            bytes.len()
        ));
    }
    let trimmed = bytes.trim_ascii_start();
    if trimmed.is_empty() {
        return Err(format!("{source}: key file is empty"));
    }
    if contains(trimmed, b"-----BEGIN ") {
        return from_pem(trimmed, source);
    }
    if X509Certificate::from_der(bytes).is_ok() {
        return Ok(PublicKeyFile {
            format: KeyFormat::CertificateDer,
            der: KeyDer::Certificate(bytes.to_vec()),
        });
    }
    if SubjectPublicKeyInfo::from_der(bytes).is_ok() {
        return Ok(PublicKeyFile {
            format: KeyFormat::PublicKeyDer,
            der: KeyDer::Spki(bytes.to_vec()),
        });
    }
    Err(format!(
        "{source} is neither PEM (PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE) nor a DER \
         certificate or public key"
    ))
}

fn from_pem(bytes: &[u8], source: &str) -> Result<PublicKeyFile, String> {
    let mut labels = Vec::new();
    for (i, pem) in Pem::iter_from_buffer(bytes).enumerate() {
        let pem = pem.map_err(|e| format!("{source}: unreadable PEM block {} ({e})", i + 1))?;
        let (format, der) = match pem.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                (KeyFormat::CertificatePem, KeyDer::Certificate(pem.contents))
            }
            "PUBLIC KEY" => (KeyFormat::PublicKeyPem, KeyDer::Spki(pem.contents)),
            "RSA PUBLIC KEY" => (KeyFormat::RsaPublicKeyPem, KeyDer::RsaPkcs1(pem.contents)),
            label if label.contains("PRIVATE KEY") => {
                return Err(format!(
                    "{source} holds a {label}; give the matching certificate or public key, never \
                     the private key (openssl pkey -in KEY -pubout)"
                ));
            }
            other => {
                labels.push(other.to_string());
                continue;
            }
        };
        return Ok(PublicKeyFile { format, der });
    }
    Err(format!(
        "{source} has no PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE block (found: {})",
        if labels.is_empty() {
            "no complete PEM block".to_string()
        } else {
            labels.join(", ")
        }
    ))
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/jwt")
            .join(name);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn recognises_every_public_form() {
        let cases = [
            ("pub.pem", KeyFormat::PublicKeyPem),
            ("rsa-pub.pem", KeyFormat::RsaPublicKeyPem),
            ("cert.pem", KeyFormat::CertificatePem),
            ("cert.der", KeyFormat::CertificateDer),
            ("ec-pub.pem", KeyFormat::PublicKeyPem),
        ];
        for (name, format) in cases {
            let file = read_public(&fixture(name), name).unwrap();
            assert_eq!(file.format, format, "{name}");
        }
        let pem = read_public(&fixture("pub.pem"), "p").unwrap();
        let KeyDer::Spki(spki) = pem.der else {
            panic!("PUBLIC KEY gives its SubjectPublicKeyInfo")
        };
        let der = read_public(&spki, "d").unwrap();
        assert_eq!(der.format, KeyFormat::PublicKeyDer);
    }

    #[test]
    fn skips_other_pem_blocks_but_refuses_a_private_key() {
        let mut both = b"-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n".to_vec();
        both.extend(fixture("pub.pem"));
        assert_eq!(
            read_public(&both, "k").unwrap().format,
            KeyFormat::PublicKeyPem
        );
        let e = read_public(&fixture("key.pem"), "key.pem").unwrap_err();
        assert!(e.starts_with("key.pem holds a PRIVATE KEY;"), "{e}");
        assert!(e.contains("never the private key"), "{e}");
    }

    #[test]
    fn bad_files_get_one_line_naming_the_file_and_the_problem() {
        let cases: [(&[u8], &str); 4] = [
            (b"  \n", "k: key file is empty"),
            (b"hello", "k is neither PEM (PUBLIC KEY"),
            (b"\x30\x03\x02\x01\x00", "k is neither PEM"),
            (
                b"-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n",
                "(found: FOO)",
            ),
        ];
        for (bytes, expected) in cases {
            let e = read_public(bytes, "k").unwrap_err();
            assert!(e.contains(expected), "{e}");
            assert!(!e.contains('\n'), "{e}");
        }
        let big = vec![b'A'; MAX_KEY_BYTES + 1];
        assert!(read_public(&big, "k").unwrap_err().contains("limit 1 MB"));
    }
}
