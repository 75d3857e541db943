//! J12 signature and J13 certificate fitness.

use super::CheckInput;
use crate::inspect::keys::{KeyFormat, KeyKind};
use crate::inspect::report::{Profile, RawFinding, SignatureStatus};
use crate::inspect::time::utc_text;

/// Salesforce's documented upload limit for a connected app certificate.
pub const MAX_CERT_UPLOAD_BYTES: usize = 4096;
pub const MIN_RSA_BITS: usize = 2048;

pub fn j12_signature(input: &CheckInput<'_>, profile: Profile) -> Vec<RawFinding> {
    match input.signature.status {
        // A JWT carries no key of its own, so its verdict is never the embedded-key one.
        SignatureStatus::Valid | SignatureStatus::UnverifiedEmbeddedKey => Vec::new(),
        SignatureStatus::Invalid => vec![RawFinding::fails("J12", input.signature.detail.clone())],
        SignatureStatus::NotChecked => {
            let how = match profile {
                Profile::IdToken => {
                    "pass --key with the org's JWKS (https://login.salesforce.com/id/keys or \
                     <My Domain>/id/keys)"
                }
                _ => "pass --key with the certificate uploaded to the app",
            };
            vec![RawFinding::info(
                "J12",
                format!("signature not checked: {how}"),
            )]
        }
    }
}

pub fn j13_certificate(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some(key) = input.key else {
        return Vec::new();
    };
    let [candidate] = key.candidates.as_slice() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match candidate.kind {
        KeyKind::Hmac { .. } => return Vec::new(),
        KeyKind::Rsa { bits } if bits < MIN_RSA_BITS => out.push(RawFinding::fails(
            "J13",
            format!("the RSA key is {bits} bits; {MIN_RSA_BITS} or more is recommended"),
        )),
        KeyKind::Rsa { .. } => {}
        ref other => out.push(RawFinding::fails(
            "J13",
            format!(
                "the key is {}; Salesforce needs an RSA certificate for RS256",
                other.describe()
            ),
        )),
    }
    let Some(cert) = &key.cert else {
        return out;
    };
    if key.format == KeyFormat::CertificatePem && key.file_bytes > MAX_CERT_UPLOAD_BYTES {
        let der = if cert.der_bytes <= MAX_CERT_UPLOAD_BYTES {
            format!("; its DER form ({} bytes) fits", cert.der_bytes)
        } else {
            String::new()
        };
        out.push(RawFinding::fails(
            "J13",
            format!(
                "the certificate file is {} bytes; the upload limit is 4 KB{der}",
                key.file_bytes
            ),
        ));
    } else if cert.der_bytes > MAX_CERT_UPLOAD_BYTES {
        out.push(RawFinding::fails(
            "J13",
            format!(
                "the certificate is {} bytes; the upload limit is 4 KB",
                cert.der_bytes
            ),
        ));
    }
    let at = input.opts.at.timestamp();
    let date = |secs: i64| utc_text(secs).unwrap_or_else(|| secs.to_string());
    if cert.not_after <= at {
        out.push(RawFinding::fails(
            "J13",
            format!("the certificate expired on {}", date(cert.not_after)),
        ));
    } else if cert.not_before > at {
        out.push(RawFinding::fails(
            "J13",
            format!(
                "the certificate is not valid until {}",
                date(cert.not_before)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::inspect::keys::{Candidate, CertInfo, KeyMaterial};
    use crate::inspect::report::Level;
    use jsonwebtoken::DecodingKey;

    fn material(
        kind: KeyKind,
        format: KeyFormat,
        cert: Option<CertInfo>,
        file: usize,
    ) -> KeyMaterial {
        KeyMaterial {
            source: "cert.pem".into(),
            format,
            candidates: vec![Candidate {
                kid: None,
                kind,
                key: DecodingKey::from_rsa_raw_components(&[1], &[1]),
                rsa_pkcs1_der: None,
            }],
            cert,
            file_bytes: file,
            file: Vec::new(),
            skipped: Vec::new(),
            trailing_newline: false,
            secret_is: None,
        }
    }

    fn cert(not_before: i64, not_after: i64, der_bytes: usize) -> Option<CertInfo> {
        Some(CertInfo {
            subject: "CN=x".into(),
            not_before,
            not_after,
            der_bytes,
        })
    }

    #[test]
    fn j12_follows_the_signature_status() {
        let mut c = claims(good_claims());
        assert!(j12_signature(&c.input(), Profile::JwtBearer).is_empty());
        c.signature.status = SignatureStatus::NotChecked;
        let info = j12_signature(&c.input(), Profile::JwtBearer);
        assert_eq!(info[0].level, Level::Info);
        assert!(
            j12_signature(&c.input(), Profile::IdToken)[0]
                .message
                .contains("/id/keys")
        );
        c.signature.status = SignatureStatus::Invalid;
        c.signature.detail = "signature does not verify with k".into();
        let bad = j12_signature(&c.input(), Profile::JwtBearer);
        assert_eq!(bad[0].level, Level::Fails);
        assert_eq!(bad[0].message, "signature does not verify with k");
    }

    #[test]
    fn j13_healthy_passes_weak_large_expired_future_or_not_rsa_do_not() {
        assert!(claims(good_claims()).of(j13_certificate).is_empty());
        let rsa = |bits| KeyKind::Rsa { bits };
        let pem = KeyFormat::CertificatePem;
        // The key, then what each finding says, in order.
        let cases: [(KeyMaterial, &[&[&str]]); 4] = [
            (
                material(rsa(2048), pem, cert(AT - 10, AT + 10, 800), 1200),
                &[],
            ),
            (
                material(rsa(1024), pem, cert(AT - 100, AT - 10, 3000), 5000),
                &[
                    &["1024 bits"],
                    &["5000 bytes", "DER form (3000 bytes) fits"],
                    &["expired on"],
                ],
            ),
            (
                material(
                    KeyKind::Ec { bits: 256 },
                    KeyFormat::PublicKeyPem,
                    None,
                    100,
                ),
                &[&["EC 256-bit"]],
            ),
            (
                material(
                    rsa(2048),
                    KeyFormat::CertificateDer,
                    cert(AT + 100, AT + 1000, 900),
                    900,
                ),
                &[&["not valid until"]],
            ),
        ];
        for (key, expected) in cases {
            let mut c = claims(good_claims());
            c.key = Some(key);
            let found = c.of(j13_certificate);
            let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
            assert_eq!(messages.len(), expected.len(), "{messages:?}");
            for (message, parts) in messages.iter().zip(expected) {
                for part in *parts {
                    assert!(message.contains(part), "{message:?} lacks {part:?}");
                }
            }
        }
    }
}
