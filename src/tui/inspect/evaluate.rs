//! One evaluation of the inspector's inputs: the options parsed as the CLI parses them, the
//! key read, the domain's `inspect` run, and its report turned into a [`Summary`]. Done in
//! `update` whenever an input changes, never while drawing.

use super::form::ProfileChoice;
use super::summary::Summary;
use super::wording::name_fields;
use crate::inspect::keys::KeyMaterial;
use crate::inspect::time::parse_instant;
use crate::inspect::{InspectOptions, inspect};
use crate::model::Knowledge;
use chrono::{DateTime, Utc};

/// The inspector's inputs as typed.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub token: &'a str,
    /// The key as last loaded: parsed from the pasted text, or read from the file whose path
    /// was committed (never read here).
    pub key: &'a Result<Option<KeyMaterial>, String>,
    /// The shared secret for HS256/384/512; used instead of the key when given.
    pub secret: &'a str,
    pub profile: ProfileChoice,
    pub client_id: &'a str,
    pub username: &'a str,
    pub login_url: &'a str,
    pub at: &'a str,
    pub skew: &'a str,
    /// The instant of the last evaluation, kept while the At field holds something that is
    /// not (yet) an instant.
    pub previous_at: Option<(DateTime<Utc>, AtSource)>,
    /// When the token is the assertion just minted: its issue time, used while At is empty.
    pub minted_at: Option<DateTime<Utc>>,
}

/// Where the evaluation instant came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtSource {
    /// The clock, read once when this evaluation ran.
    Now,
    /// The At field.
    Given,
    /// The issue time of the assertion just minted and inspected (the At field was empty).
    Minted,
}

/// The key field's state after an evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    None,
    /// Loaded: what it is (`pub.pem (PEM public key, RSA 2048-bit)`).
    Loaded(String),
    /// Could not be used; the signature is then not checked.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing to inspect yet.
    Empty,
    /// An option cannot be used (the At or Skew field), in one line.
    BadOption(String),
    /// The input cannot be decoded at all, in one line (the CLI's exit 2).
    Undecodable(String),
    Report(Box<Summary>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub at: DateTime<Utc>,
    pub at_source: AtSource,
    /// Why the At field is not an instant (yet): the evaluation then keeps the last instant.
    pub at_incomplete: Option<String>,
    pub key: KeyStatus,
    pub outcome: Outcome,
}

impl Evaluation {
    pub fn summary(&self) -> Option<&Summary> {
        match &self.outcome {
            Outcome::Report(s) => Some(s),
            _ => None,
        }
    }
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn parse_skew(text: &str) -> Result<u64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse()
        .map_err(|_| format!("Skew: \"{t}\" is not a whole number of seconds"))
}

/// Evaluates `inputs`, reading the clock (`now`) only when the At field is empty.
pub fn evaluate(inputs: &Inputs<'_>, now: impl Fn() -> DateTime<Utc>, k: &Knowledge) -> Evaluation {
    let mut at_incomplete = None;
    let (at, at_source) = match optional(inputs.at) {
        None => match inputs.minted_at {
            Some(at) => (at, AtSource::Minted),
            None => (now(), AtSource::Now),
        },
        Some(text) => match parse_instant(&text) {
            Ok(at) => (at, AtSource::Given),
            // Half-typed: keep evaluating at the last instant and say the field is incomplete.
            Err(e) => {
                at_incomplete = Some(format!("At: {e}"));
                inputs.previous_at.unwrap_or_else(|| (now(), AtSource::Now))
            }
        },
    };
    let loaded = if inputs.secret.is_empty() {
        inputs.key.clone()
    } else {
        KeyMaterial::secret(inputs.secret.as_bytes(), "the Secret field").map(Some)
    };
    let (key, key_status) = match loaded {
        Ok(None) => (None, KeyStatus::None),
        Ok(Some(material)) => {
            let described = material.describe();
            (Some(material), KeyStatus::Loaded(described))
        }
        Err(e) => (None, KeyStatus::Failed(name_fields(&e))),
    };
    let done = |outcome: Outcome| Evaluation {
        at,
        at_source,
        at_incomplete: at_incomplete.clone(),
        key: key_status.clone(),
        outcome,
    };
    if inputs.token.trim().is_empty() {
        return done(Outcome::Empty);
    }
    let skew = match parse_skew(inputs.skew) {
        Ok(s) => s,
        Err(e) => return done(Outcome::BadOption(e)),
    };
    let opts = InspectOptions {
        profile: inputs.profile.profile(),
        client_id: optional(inputs.client_id),
        username: optional(inputs.username),
        login_url: optional(inputs.login_url),
        at,
        skew,
    };
    match inspect(inputs.token, &opts, key.as_ref(), k) {
        Ok(inspection) => done(Outcome::Report(Box::new(Summary::new(&inspection, at, k)))),
        Err(e) => done(Outcome::Undecodable(name_fields(&e.0))),
    }
}
