//! Why a SAML document cannot be inspected at all (the CLI's exit 2).

use std::fmt;

/// Which stage refused the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SamlErrorKind {
    /// Too large, empty, or an encoding layer (form, percent, base64, deflate) that is broken.
    Input,
    /// Not well-formed XML, or XML that is not a SAML Assertion or Response.
    Xml,
    /// A DOCTYPE: refused outright so that no entity is ever expanded (check S13).
    Doctype,
    /// The `--key` bytes are not a usable RSA public key or certificate.
    Key,
}

/// One line naming what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlError {
    pub kind: SamlErrorKind,
    pub message: String,
}

impl SamlError {
    pub fn input(message: impl Into<String>) -> Self {
        SamlError {
            kind: SamlErrorKind::Input,
            message: message.into(),
        }
    }

    pub fn xml(message: impl Into<String>) -> Self {
        SamlError {
            kind: SamlErrorKind::Xml,
            message: message.into(),
        }
    }

    pub fn doctype(message: impl Into<String>) -> Self {
        SamlError {
            kind: SamlErrorKind::Doctype,
            message: message.into(),
        }
    }

    pub fn key(message: impl Into<String>) -> Self {
        SamlError {
            kind: SamlErrorKind::Key,
            message: message.into(),
        }
    }
}

impl fmt::Display for SamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SamlError {}
