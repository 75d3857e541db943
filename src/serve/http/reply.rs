//! Answers: a refusal carries the catalog error it was decided by, the rule or check that
//! decided it and a detail for the log; every response carries a [`Note`] the request log reads.

use crate::inspect::Finding;
use crate::model::{ErrorEntry, Knowledge};
use crate::serve::refusals::Rule;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// What the log line says about a request besides method and path.
#[derive(Debug, Clone, Default)]
pub struct Note {
    pub grant: Option<String>,
    /// The check or rule that decided a refusal, or what succeeded.
    pub by: String,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct Refused {
    /// The check id (`J6`) or the rule's name (`UnknownClient`).
    pub by: String,
    /// The catalog id the answer comes from; resolved when the response is built.
    pub error_ids: Vec<String>,
    pub detail: String,
}

impl Refused {
    pub fn rule(rule: Rule, detail: String) -> Refused {
        Refused {
            by: rule.name(),
            error_ids: rule
                .refusal()
                .errors
                .iter()
                .map(|s| s.to_string())
                .collect(),
            detail,
        }
    }

    /// A failed inspector check: the catalog entry its prediction names.
    pub fn check(k: &Knowledge, finding: &Finding) -> Refused {
        let id = finding
            .predicts
            .as_deref()
            .and_then(|line| k.errors.iter().find(|e| e.display_line() == line))
            .map(|e| e.id.clone())
            .or_else(|| {
                k.check(&finding.check)
                    .and_then(|c| c.predicts.clone())
                    .map(String::from)
            })
            .unwrap_or_else(|| "invalid-assertion".to_string());
        Refused {
            by: finding.check.clone(),
            error_ids: vec![id],
            detail: finding.message.clone(),
        }
    }

    /// A check's own predicted error, for a rule the server applies in that check's name
    /// (an iss naming no app is J4's).
    pub fn as_check(k: &Knowledge, check: &str, detail: String) -> Refused {
        let id = k
            .check(check)
            .and_then(|c| c.predicts.clone())
            .map(String::from)
            .unwrap_or_else(|| "invalid-assertion".to_string());
        Refused {
            by: check.to_string(),
            error_ids: vec![id],
            detail,
        }
    }

    pub fn entry<'k>(&self, k: &'k Knowledge) -> Option<&'k ErrorEntry> {
        self.error_ids.iter().find_map(|id| k.error(id))
    }

    fn note(&self, grant: Option<&str>) -> Note {
        Note {
            grant: grant.map(str::to_string),
            by: self.by.clone(),
            detail: self.detail.clone(),
        }
    }

    /// `{"error": ..., "error_description": ...}` with the catalog's status.
    pub fn oauth(&self, k: &Knowledge, grant: Option<&str>) -> Response {
        let (status, body) = match self.entry(k) {
            Some(e) => {
                let mut body = json!({ "error": e.error });
                if let Some(d) = &e.description {
                    body["error_description"] = Value::from(d.as_str());
                }
                (status_of(e), body)
            }
            None => missing_entry(&self.error_ids),
        };
        with_note(json_response(status, &body), self.note(grant))
    }

    /// The REST API's shape: `[{"message": ..., "errorCode": ...}]`.
    pub fn rest(&self, k: &Knowledge, message: Option<&str>) -> Response {
        let (status, body) = match self.entry(k) {
            Some(e) => {
                let text = message.or(e.description.as_deref()).unwrap_or(&e.error);
                (
                    status_of(e),
                    json!([{ "message": text, "errorCode": e.error }]),
                )
            }
            None => missing_entry(&self.error_ids),
        };
        with_note(json_response(status, &body), self.note(None))
    }
}

fn status_of(e: &ErrorEntry) -> StatusCode {
    e.http_status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::BAD_REQUEST)
}

/// Only reachable with a model that lacks a catalog entry the server needs (a test guards the
/// shipped one).
fn missing_entry(ids: &[String]) -> (StatusCode, Value) {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({
            "error": "server_error",
            "error_description": format!("the error catalog has no entry {}", ids.join(" or ")),
        }),
    )
}

pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache,must-revalidate,max-age=0,no-store,private"),
    );
    r
}

pub fn ok_json(body: &Value, note: Note) -> Response {
    with_note(json_response(StatusCode::OK, body), note)
}

pub fn with_note(mut r: Response, note: Note) -> Response {
    r.extensions_mut().insert(note);
    r
}

pub fn note(grant: Option<&str>, by: &str, detail: impl Into<String>) -> Note {
    Note {
        grant: grant.map(str::to_string),
        by: by.to_string(),
        detail: detail.into(),
    }
}
