//! What an inspection produces, shared by the JWT and SAML inspectors: findings, the signature
//! verdict, the profile the rules came from, and the exit code they add up to.

use crate::model::{CheckProfile, Knowledge, Severity};
use serde::Serialize;

/// Which rule set an assertion is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// A client-built assertion for Salesforce's JWT bearer grant.
    JwtBearer,
    /// A Salesforce-issued ID token or JWT access token.
    IdToken,
    /// Any other JWT: decoded and verified, no Salesforce rules.
    Generic,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::JwtBearer => "jwt-bearer",
            Profile::IdToken => "id-token",
            Profile::Generic => "generic",
        }
    }

    /// The model's name for this profile, when the model has checks for it.
    pub fn check_profile(self) -> Option<CheckProfile> {
        match self {
            Profile::JwtBearer => Some(CheckProfile::JwtBearer),
            Profile::IdToken => Some(CheckProfile::IdToken),
            Profile::Generic => None,
        }
    }
}

/// One rule that did not hold (or a note about one), in the form the issue pins:
/// `J6 error: aud "..." has a trailing slash -> invalid_grant: audience is invalid`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: String,
    pub severity: Severity,
    pub message: String,
    /// The Salesforce error this finding predicts, as `error: description`.
    pub predicts: Option<String>,
}

impl Finding {
    pub fn line(&self) -> String {
        let head = format!(
            "{} {}: {}",
            self.check,
            self.severity.as_str(),
            self.message
        );
        match &self.predicts {
            Some(p) => format!("{head} -> {p}"),
            None => head,
        }
    }
}

/// A finding as a check implementation reports it, before the model supplies severity and
/// the predicted error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub check: &'static str,
    pub level: Level,
    pub message: String,
    /// An error id that fits this particular failure better than the check's usual one.
    pub predicts_instead: Option<&'static str>,
}

/// How hard a check failed. `Fails` takes the model's severity for the check and its predicted
/// error; the lesser levels are fixed and predict nothing, because they describe something
/// Salesforce is known or believed to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Fails,
    Warning,
    Info,
}

impl RawFinding {
    pub fn fails(check: &'static str, message: impl Into<String>) -> Self {
        RawFinding {
            check,
            level: Level::Fails,
            message: message.into(),
            predicts_instead: None,
        }
    }

    pub fn warning(check: &'static str, message: impl Into<String>) -> Self {
        RawFinding {
            check,
            level: Level::Warning,
            message: message.into(),
            predicts_instead: None,
        }
    }

    pub fn info(check: &'static str, message: impl Into<String>) -> Self {
        RawFinding {
            check,
            level: Level::Info,
            message: message.into(),
            predicts_instead: None,
        }
    }

    pub fn predicting(mut self, error_id: &'static str) -> Self {
        self.predicts_instead = Some(error_id);
        self
    }

    /// Severity and predicted error from the model's entry for the check. `fallback` is used
    /// when the model (or a pack) has no entry for this id, so the inspector still works on a
    /// partial model. `predict` is false for profiles whose tokens are never sent to
    /// Salesforce's token endpoint (an ID token has no Salesforce error to predict).
    pub fn resolve(self, k: &Knowledge, fallback: Severity, predict: bool) -> Finding {
        let check = k.check(self.check);
        let severity = match self.level {
            Level::Fails => check.map_or(fallback, |c| c.severity),
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        };
        let predicts = if predict && self.level == Level::Fails && severity != Severity::Info {
            self.predicts_instead
                .or_else(|| check.and_then(|c| c.predicts.as_deref()))
                .and_then(|id| k.error(id))
                .map(|e| e.display_line())
        } else {
            None
        };
        Finding {
            check: self.check.to_string(),
            severity,
            message: self.message,
            predicts,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    Valid,
    Invalid,
    /// No key was given. Never reported as invalid for that reason alone.
    NotChecked,
}

impl SignatureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureStatus::Valid => "valid",
            SignatureStatus::Invalid => "invalid",
            SignatureStatus::NotChecked => "not-checked",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub status: SignatureStatus,
    /// The algorithm the token or assertion names, as written.
    pub alg: Option<String>,
    /// Why the status is what it is, and which key decided it.
    pub detail: String,
}

/// 0 when nothing is an error and the signature is not invalid; 1 otherwise.
pub fn exit_code(findings: &[Finding], signature: &Signature) -> u8 {
    let has_error = findings.iter().any(|f| f.severity == Severity::Error);
    u8::from(has_error || signature.status == SignatureStatus::Invalid)
}

/// Counts of findings by severity, for summaries.
pub fn tally(findings: &[Finding]) -> (usize, usize, usize) {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(status: SignatureStatus) -> Signature {
        Signature {
            status,
            alg: Some("RS256".into()),
            detail: String::new(),
        }
    }

    fn finding(severity: Severity) -> Finding {
        Finding {
            check: "J6".into(),
            severity,
            message: "m".into(),
            predicts: None,
        }
    }

    #[test]
    fn exit_code_needs_an_error_or_a_bad_signature() {
        assert_eq!(exit_code(&[], &sig(SignatureStatus::NotChecked)), 0);
        assert_eq!(exit_code(&[], &sig(SignatureStatus::Valid)), 0);
        assert_eq!(exit_code(&[], &sig(SignatureStatus::Invalid)), 1);
        let soft = [finding(Severity::Warning), finding(Severity::Info)];
        assert_eq!(exit_code(&soft, &sig(SignatureStatus::Valid)), 0);
        assert_eq!(
            exit_code(&[finding(Severity::Error)], &sig(SignatureStatus::Valid)),
            1
        );
    }

    #[test]
    fn line_has_the_pinned_shape() {
        let f = Finding {
            check: "J6".into(),
            severity: Severity::Error,
            message: "aud \"https://login.salesforce.com/\" has a trailing slash".into(),
            predicts: Some("invalid_grant: audience is invalid".into()),
        };
        assert_eq!(
            f.line(),
            "J6 error: aud \"https://login.salesforce.com/\" has a trailing slash -> invalid_grant: audience is invalid"
        );
    }

    #[test]
    fn lesser_levels_keep_their_severity_and_predict_nothing() {
        let k = Knowledge::default();
        let w = RawFinding::warning("J4", "x").resolve(&k, Severity::Error, true);
        assert_eq!((w.severity, w.predicts), (Severity::Warning, None));
        let i = RawFinding::info("J11", "x").resolve(&k, Severity::Info, true);
        assert_eq!(i.severity, Severity::Info);
    }

    #[test]
    fn model_severity_and_prediction_win_over_the_fallback() {
        let k = Knowledge::builtin().unwrap_or_default();
        let f = RawFinding::fails("J6", "x").resolve(&k, Severity::Warning, true);
        match k.check("J6") {
            Some(c) => {
                assert_eq!(f.severity, c.severity);
                let expected = c
                    .predicts
                    .as_deref()
                    .and_then(|id| k.error(id))
                    .map(|e| e.display_line());
                assert_eq!(f.predicts, expected);
            }
            None => assert_eq!((f.severity, f.predicts), (Severity::Warning, None)),
        }
        let quiet = RawFinding::fails("J6", "x").resolve(&k, Severity::Error, false);
        assert_eq!(quiet.predicts, None);
    }
}
