//! What both inspectors conclude, in one shape: findings, the signature verdict and the exit
//! code they add up to, the URL tests audiences, issuers and recipients are judged with, and
//! how durations are worded.
//! It depends on the knowledge model only, so the JWT inspector (`inspect`) and the SAML one
//! (`saml`) both build on it without depending on each other.

use crate::model::{Knowledge, Severity};
use serde::Serialize;

pub mod span;
pub mod url;

/// One rule that did not hold (or a note about one), in the form the issue pins:
/// `J6 error: aud "..." has a trailing slash -> invalid_grant: audience is invalid`, plus the
/// Login History name Salesforce records when the model knows it. JWT and SAML findings are
/// this one type, serialized identically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: String,
    pub severity: Severity,
    pub message: String,
    /// The Salesforce error this finding predicts, as `error: description`.
    pub predicts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_history: Option<String>,
}

impl Finding {
    /// `S6 error: ... -> invalid_grant: invalid assertion (Login History: Recipient Mismatched)`.
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} {}: {}",
            self.check,
            self.severity.as_str(),
            self.message
        );
        if let Some(p) = &self.predicts {
            line.push_str(" -> ");
            line.push_str(p);
        }
        if let Some(h) = &self.login_history {
            line.push_str(&format!(" (Login History: {h})"));
        }
        line
    }
}

/// A finding as a check implementation reports it, before the model supplies severity, the
/// predicted error and the Login History name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub check: &'static str,
    pub level: Level,
    pub message: String,
    /// An error id that fits this particular failure better than the check's usual one.
    pub predicts_instead: Option<&'static str>,
}

/// How hard a check failed. `Fails` takes the model's severity for the check and its predicted
/// error; `Error` is an error whatever the model says (the issue pins S11–S14 as errors); the
/// lesser levels are fixed and predict nothing, because they describe something Salesforce is
/// known or believed to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Fails,
    Error,
    Warning,
    Info,
}

impl RawFinding {
    pub fn fails(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Fails, message)
    }

    pub fn error(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Error, message)
    }

    pub fn warning(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Warning, message)
    }

    pub fn info(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Info, message)
    }

    fn new(check: &'static str, level: Level, message: impl Into<String>) -> Self {
        RawFinding {
            check,
            level,
            message: message.into(),
            predicts_instead: None,
        }
    }

    pub fn predicting(mut self, error_id: &'static str) -> Self {
        self.predicts_instead = Some(error_id);
        self
    }

    /// Severity, predicted error and Login History name from the model's entry for the check.
    /// `fallback` is used when the model (or a pack) has no entry for this id, so the inspector
    /// still works on a partial model. `predict` is false for profiles whose tokens are never
    /// sent to Salesforce's token endpoint (an ID token has no Salesforce error to predict).
    pub fn resolve(self, k: &Knowledge, fallback: Severity, predict: bool) -> Finding {
        let check = k.check(self.check);
        let severity = match self.level {
            Level::Fails => check.map_or(fallback, |c| c.severity),
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        };
        let predicting = predict
            && matches!(self.level, Level::Fails | Level::Error)
            && severity != Severity::Info;
        let error = predicting
            .then(|| {
                self.predicts_instead
                    .and_then(|id| k.error(id))
                    .or_else(|| {
                        check
                            .and_then(|c| c.predicts.as_deref())
                            .and_then(|id| k.error(id))
                    })
            })
            .flatten();
        let login_history = predicting
            .then(|| {
                check
                    .and_then(|c| c.login_history.clone())
                    .or_else(|| error.and_then(|e| e.login_history.clone()))
            })
            .flatten();
        Finding {
            check: self.check.to_string(),
            severity,
            message: self.message,
            predicts: error.map(|e| e.display_line()),
            login_history,
        }
    }
}

/// The signature verdict, for JWTs and SAML alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// Verifies with the key the user gave.
    Valid,
    /// Provably broken: a digest differs, a part is missing, or the key does not verify it.
    Invalid,
    /// No key was given, or an algorithm sfauth does not implement. Never reported as invalid
    /// for that reason alone.
    NotChecked,
    /// SAML only: verifies with nothing but the certificate the document carries, which anyone
    /// can embed.
    UnverifiedEmbeddedKey,
}

impl SignatureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureStatus::Valid => "valid",
            SignatureStatus::Invalid => "invalid",
            SignatureStatus::NotChecked => "not-checked",
            SignatureStatus::UnverifiedEmbeddedKey => "unverified-embedded-key",
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
pub fn exit_code(findings: &[Finding], signature: SignatureStatus) -> u8 {
    let has_error = findings.iter().any(|f| f.severity == Severity::Error);
    u8::from(has_error || signature == SignatureStatus::Invalid)
}

/// How far a signature badge can be trusted at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeTone {
    /// Verifies with the user's key, and nothing about the document is an error.
    Trusted,
    Broken,
    /// Not checked, or verified over a document that fails a rule.
    Unproven,
}

/// The badge's tone from the same verdict as the exit code: a signature that verifies over a
/// document with an error (forged, wrapped, ambiguous) is never shown as trusted. The text
/// report and the terminal UI both colour their badge with this.
pub fn badge_tone(status: SignatureStatus, exit: u8) -> BadgeTone {
    match status {
        SignatureStatus::Valid if exit == 0 => BadgeTone::Trusted,
        SignatureStatus::Invalid => BadgeTone::Broken,
        SignatureStatus::Valid
        | SignatureStatus::NotChecked
        | SignatureStatus::UnverifiedEmbeddedKey => BadgeTone::Unproven,
    }
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

    fn finding(severity: Severity) -> Finding {
        Finding {
            check: "J6".into(),
            severity,
            message: "m".into(),
            predicts: None,
            login_history: None,
        }
    }

    #[test]
    fn exit_code_needs_an_error_or_a_bad_signature() {
        assert_eq!(exit_code(&[], SignatureStatus::NotChecked), 0);
        assert_eq!(exit_code(&[], SignatureStatus::Valid), 0);
        assert_eq!(exit_code(&[], SignatureStatus::UnverifiedEmbeddedKey), 0);
        assert_eq!(exit_code(&[], SignatureStatus::Invalid), 1);
        let soft = [finding(Severity::Warning), finding(Severity::Info)];
        assert_eq!(exit_code(&soft, SignatureStatus::Valid), 0);
        assert_eq!(
            exit_code(&[finding(Severity::Error)], SignatureStatus::Valid),
            1
        );
    }

    #[test]
    fn only_a_valid_signature_on_a_passing_document_is_trusted() {
        assert_eq!(badge_tone(SignatureStatus::Valid, 0), BadgeTone::Trusted);
        assert_eq!(badge_tone(SignatureStatus::Valid, 1), BadgeTone::Unproven);
        assert_eq!(badge_tone(SignatureStatus::Invalid, 0), BadgeTone::Broken);
        assert_eq!(
            badge_tone(SignatureStatus::NotChecked, 0),
            BadgeTone::Unproven
        );
        assert_eq!(
            badge_tone(SignatureStatus::UnverifiedEmbeddedKey, 0),
            BadgeTone::Unproven
        );
    }

    #[test]
    fn line_and_json_have_the_pinned_shape_with_login_history_after_the_prediction() {
        let trailing_slash = "aud \"https://login.salesforce.com/\" has a trailing slash";
        let recipient = "Recipient \"x\" is not the token endpoint";
        let cases = [
            (
                (
                    "J6",
                    trailing_slash,
                    "invalid_grant: audience is invalid",
                    None,
                ),
                "J6 error: aud \"https://login.salesforce.com/\" has a trailing slash -> invalid_grant: audience is invalid",
                serde_json::json!({
                    "check": "J6",
                    "severity": "error",
                    "message": trailing_slash,
                    "predicts": "invalid_grant: audience is invalid",
                }),
            ),
            (
                (
                    "S6",
                    recipient,
                    "invalid_grant: invalid assertion",
                    Some("Recipient Mismatched"),
                ),
                "S6 error: Recipient \"x\" is not the token endpoint -> invalid_grant: invalid \
                 assertion (Login History: Recipient Mismatched)",
                serde_json::json!({
                    "check": "S6",
                    "severity": "error",
                    "message": recipient,
                    "predicts": "invalid_grant: invalid assertion",
                    "login_history": "Recipient Mismatched",
                }),
            ),
        ];
        for ((check, message, predicts, login_history), line, json) in cases {
            let f = Finding {
                check: check.into(),
                severity: Severity::Error,
                message: message.into(),
                predicts: Some(predicts.into()),
                login_history: login_history.map(Into::into),
            };
            assert_eq!(f.line(), line);
            assert_eq!(serde_json::to_value(&f).unwrap(), json);
        }
    }

    #[test]
    fn lesser_levels_keep_their_severity_and_predict_nothing() {
        let k = Knowledge::builtin().unwrap_or_default();
        let w = RawFinding::warning("S9", "x").resolve(&k, Severity::Error, true);
        assert_eq!(
            (w.severity, w.predicts, w.login_history),
            (Severity::Warning, None, None)
        );
        let i = RawFinding::info("J11", "x").resolve(&k, Severity::Info, true);
        assert_eq!(i.severity, Severity::Info);
        let pinned = RawFinding::error("S12", "x").resolve(&k, Severity::Warning, true);
        assert_eq!(pinned.severity, Severity::Error);
    }

    #[test]
    fn model_severity_prediction_and_login_history_win_over_the_fallback() {
        let k = Knowledge::builtin().unwrap_or_default();
        for id in ["J6", "S6"] {
            let f = RawFinding::fails(id, "x").resolve(&k, Severity::Warning, true);
            match k.check(id) {
                Some(c) => {
                    assert_eq!(f.severity, c.severity);
                    let error = c.predicts.as_deref().and_then(|e| k.error(e));
                    assert_eq!(f.predicts, error.map(|e| e.display_line()));
                    let history = c
                        .login_history
                        .clone()
                        .or_else(|| error.and_then(|e| e.login_history.clone()));
                    assert_eq!(f.login_history, history);
                }
                None => assert_eq!((f.severity, f.predicts), (Severity::Warning, None)),
            }
        }
        let quiet = RawFinding::fails("J6", "x").resolve(&k, Severity::Error, false);
        assert_eq!((quiet.predicts, quiet.login_history), (None, None));
    }

    #[test]
    fn a_better_fitting_error_replaces_the_checks_own_unless_the_model_lacks_it() {
        let k = Knowledge::builtin().unwrap_or_default();
        let usual = RawFinding::fails("S6", "x").resolve(&k, Severity::Error, true);
        let unknown = RawFinding::fails("S6", "x")
            .predicting("no-such-error")
            .resolve(&k, Severity::Error, true);
        assert_eq!(unknown.predicts, usual.predicts);
        if let Some(e) = k.error("saml-assertion-error-uri") {
            let instead = RawFinding::fails("S6", "x")
                .predicting("saml-assertion-error-uri")
                .resolve(&k, Severity::Error, true);
            assert_eq!(instead.predicts, Some(e.display_line()));
        }
    }

    #[test]
    fn statuses_serialize_in_kebab_case() {
        for s in [
            SignatureStatus::Valid,
            SignatureStatus::Invalid,
            SignatureStatus::NotChecked,
            SignatureStatus::UnverifiedEmbeddedKey,
        ] {
            let json = serde_json::to_value(s).unwrap();
            assert_eq!(json, s.as_str());
        }
    }
}
