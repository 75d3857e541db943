//! How `sfauth try` reports an attempt: text for people, JSON for scripts.

use super::explain as catalog;
use super::output::Paint;
use crate::inspect::Finding;
use crate::model::{Knowledge, Severity};
use crate::try_flow::diagnosis::{Diagnosis, diagnose};
use crate::try_flow::http::Exchange;
use crate::try_flow::identity::Identity;
use crate::try_flow::redact::redact_value;
use crate::try_flow::token::{Refusal, TokenResponse};
use crate::try_flow::{Attempt, Granted, Outcome};
use serde_json::{Value, json};
use std::path::Path;

/// What Salesforce documents when a token response has no `expires_in`.
pub const SESSION_POLICY: &str = "no expires_in: the token lasts for the session timeout (the \
    app's session policy, else the user's profile, else the org's Session Settings; two hours \
    by default)";

fn lifetime(token: &TokenResponse) -> String {
    match token.expires_in {
        Some(secs) => format!("expires in {secs} s"),
        None => SESSION_POLICY.to_string(),
    }
}

fn issued_at(token: &TokenResponse) -> Option<String> {
    let millis: i64 = token.issued_at.as_deref()?.parse().ok()?;
    let at = chrono::DateTime::from_timestamp_millis(millis)?;
    Some(at.format("%Y-%m-%d %H:%M:%S UTC").to_string())
}

fn shown(token: &str, show: bool) -> String {
    if show {
        token.to_string()
    } else {
        redact_value(token)
    }
}

/// The token request: the last POST (a userinfo GET may follow it).
fn token_exchange(attempt: &Attempt) -> Option<&Exchange> {
    attempt.exchanges.iter().rev().find(|e| e.method == "POST")
}

fn token_url(attempt: &Attempt) -> String {
    token_exchange(attempt).map_or_else(|| attempt.login_url.clone(), |e| e.url.clone())
}

fn elapsed_ms(attempt: &Attempt) -> u64 {
    attempt.exchanges.last().map_or(0, |e| e.elapsed_ms)
}

pub fn to_json(k: &Knowledge, attempt: &Attempt, show_token: bool, saved: Option<&Path>) -> Value {
    let mut out = json!({
        "flow": attempt.flow.name(),
        "login_url": attempt.login_url,
        "ok": matches!(attempt.outcome, Outcome::Granted(_)),
        "findings": attempt.findings,
        "exchanges": attempt.exchanges,
        "token": null,
        "identity": null,
        "refusal": null,
        "saved": saved.map(|p| p.display().to_string()),
    });
    match &attempt.outcome {
        Outcome::Granted(g) => {
            let t = &g.token;
            out["token"] = json!({
                "status": 200,
                "instance_url": t.instance_url,
                "id": t.id,
                "token_type": t.token_type,
                "scopes": t.scopes(),
                "issued_at": t.issued_at,
                "expires_in": t.expires_in,
                "lifetime": lifetime(t),
                "access_token": shown(&t.access_token, show_token),
                "refresh_token": t.refresh_token.as_deref().map(|r| shown(r, show_token)),
            });
            match &g.identity {
                Ok(identity) => out["identity"] = json!(identity),
                Err(e) => out["identity_error"] = json!(e),
            }
        }
        Outcome::Refused(r) => {
            let d = diagnose(k, r, attempt.flow.model_id(), &attempt.findings);
            out["refusal"] = json!({
                "status": r.status,
                "body": r.body,
                "error": r.error,
                "error_description": r.description,
                "catalog": catalog::to_json(k, &d.explanation),
                "predicted_by": d.predicted_by,
                "org_side": d.org_side,
            });
        }
    }
    out
}

pub fn render(
    k: &Knowledge,
    attempt: &Attempt,
    show_token: bool,
    saved: Option<&Path>,
    paint: &Paint,
    width: usize,
) -> String {
    match &attempt.outcome {
        Outcome::Granted(g) => granted(attempt, g, show_token, saved, paint),
        Outcome::Refused(r) => refused(k, attempt, r, paint, width),
    }
}

fn granted(
    attempt: &Attempt,
    g: &Granted,
    show_token: bool,
    saved: Option<&Path>,
    paint: &Paint,
) -> String {
    let mut out = format!(
        "{} {}: token issued by {} (HTTP 200, {} ms)\n\n",
        paint.green("✔"),
        paint.bold(attempt.flow.name()),
        token_url(attempt),
        elapsed_ms_of_token(attempt)
    );
    identity_rows(&mut out, &g.identity, paint);
    token_rows(&mut out, &g.token, show_token, paint);
    let saved = match saved {
        Some(path) => format!("{} (mode 0600)", path.display()),
        None => "nothing written (--save FILE keeps the response)".to_string(),
    };
    row(&mut out, paint, "Saved", &saved);
    findings(
        &mut out,
        paint,
        "Findings on what was sent",
        &attempt.findings,
    );
    out
}

/// One `  Label         value` row of the granted summary.
fn row(out: &mut String, paint: &Paint, label: &str, value: &str) {
    out.push_str(&format!(
        "  {:<14}{value}\n",
        paint.bold(&format!("{label:<13}"))
    ));
}

/// Who the token speaks for, from userinfo.
fn identity_rows(out: &mut String, identity: &Result<Identity, String>, paint: &Paint) {
    let id = match identity {
        Ok(id) => id,
        Err(e) => {
            let unknown = paint.yellow(&format!("unknown: {e}"));
            return row(out, paint, "Identity", &unknown);
        }
    };
    let who = match (&id.username, &id.name) {
        (Some(u), Some(n)) if u != n => format!("{u} ({n})"),
        (Some(u), _) => u.clone(),
        (None, Some(n)) => n.clone(),
        (None, None) => "(userinfo named no user)".to_string(),
    };
    row(out, paint, "User", &who);
    let optional = [
        ("User id", &id.user_id),
        ("Org id", &id.org_id),
        ("My Domain", &id.my_domain),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            row(out, paint, label, value);
        }
    }
}

/// What the token response says: instance, scopes, lifetime and the tokens (redacted unless
/// `show_token`).
fn token_rows(out: &mut String, t: &TokenResponse, show_token: bool, paint: &Paint) {
    let instance = t
        .instance_url
        .as_deref()
        .unwrap_or("(none in the response)");
    row(out, paint, "Instance URL", instance);
    let scopes = t.scopes();
    let scopes = if scopes.is_empty() {
        "(none listed)".to_string()
    } else {
        scopes.join(" ")
    };
    row(out, paint, "Scopes", &scopes);
    row(out, paint, "Lifetime", &lifetime(t));
    if let Some(at) = issued_at(t) {
        row(out, paint, "Issued at", &at);
    }
    let hint = if show_token {
        ""
    } else {
        "  (--show-token prints it)"
    };
    let access = format!("{}{hint}", shown(&t.access_token, show_token));
    row(out, paint, "Access token", &access);
    if let Some(refresh) = &t.refresh_token {
        row(out, paint, "Refresh token", &shown(refresh, show_token));
    }
}

/// The token request's own timing, not the userinfo call that followed it.
fn elapsed_ms_of_token(attempt: &Attempt) -> u64 {
    token_exchange(attempt).map_or_else(|| elapsed_ms(attempt), |e| e.elapsed_ms)
}

fn refused(k: &Knowledge, attempt: &Attempt, r: &Refusal, paint: &Paint, width: usize) -> String {
    let d = diagnose(k, r, attempt.flow.model_id(), &attempt.findings);
    let place = if r.status == 302 {
        "refused on the redirect".to_string()
    } else {
        format!("refused by {}: HTTP {}", token_url(attempt), r.status)
    };
    let mut out = format!(
        "{} {}: {place}\n  {}\n\n",
        paint.red("✘"),
        paint.bold(attempt.flow.name()),
        super::inspect::printable(r.body.trim())
    );
    predicted(&mut out, paint, &d);
    out.push_str(&format!("{}\n", paint.bold("What the error catalog says")));
    out.push_str(&catalog::render(k, &d.explanation, paint, width));
    let others: Vec<Finding> = attempt
        .findings
        .iter()
        .filter(|f| !d.predicted_by.contains(f))
        .cloned()
        .collect();
    findings(&mut out, paint, "Other findings on what was sent", &others);
    out
}

fn predicted(out: &mut String, paint: &Paint, d: &Diagnosis<'_>) {
    if !d.predicted_by.is_empty() {
        out.push_str(&format!(
            "{}\n",
            paint.bold("What was sent predicted this answer")
        ));
        for f in &d.predicted_by {
            out.push_str(&format!("  {}\n", severity_paint(paint, f)));
        }
        out.push('\n');
        return;
    }
    if d.org_side.is_empty() {
        out.push_str(
            "The local checks found nothing in what was sent that explains this answer.\n\n",
        );
        return;
    }
    out.push_str(&format!(
        "{}\n",
        paint.bold(
            "The local checks found nothing in what was sent; on the org's side this answer comes from"
        )
    ));
    for s in &d.org_side {
        out.push_str(&format!("  - {s}\n"));
    }
    out.push('\n');
}

fn findings(out: &mut String, paint: &Paint, title: &str, list: &[Finding]) {
    if list.is_empty() {
        return;
    }
    out.push_str(&format!("\n{}\n", paint.bold(title)));
    for f in list {
        out.push_str(&format!("  {}\n", severity_paint(paint, f)));
    }
}

fn severity_paint(paint: &Paint, f: &Finding) -> String {
    let line = f.line();
    match f.severity {
        Severity::Error => paint.red(&line),
        Severity::Warning => paint.yellow(&line),
        Severity::Info => paint.dim(&line),
    }
}
