//! A live answer as document blocks, shared by the Flows details and the Inspect results:
//! the exchange as it went over the wire (secrets already redacted), and the outcome: the
//! identity behind a token, or the refusal explained from the catalog with links into it.

use crate::inspect::Finding;
use crate::model::doc::Block;
use crate::model::{EntryKind, EntryRef, Knowledge, Severity};
use crate::try_flow::diagnosis::diagnose;
use crate::try_flow::http::Exchange;
use crate::try_flow::token::Refusal;
use crate::try_flow::{Attempt, Outcome, TryError};

/// The request half of an exchange (`> ` lines).
pub fn request(x: &Exchange) -> Block {
    Block::Code(half(x, '>'))
}

/// The response half of an exchange (`< ` lines), with its time.
pub fn response(x: &Exchange) -> Block {
    Block::Code(half(x, '<'))
}

fn half(x: &Exchange, mark: char) -> String {
    x.transcript()
        .lines()
        .filter(|l| l.starts_with(mark))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn findings(list: &[Finding]) -> Vec<Block> {
    if list.is_empty() {
        return Vec::new();
    }
    let lines = list
        .iter()
        .map(|f| {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            format!("{level} {}: {}", f.check, f.message)
        })
        .collect();
    vec![
        Block::Heading("Findings on what was sent".into()),
        Block::Bullets(lines),
    ]
}

/// The granted identity, or the refusal explained.
pub fn outcome(k: &Knowledge, attempt: &Attempt, flow_id: &str) -> Vec<Block> {
    match &attempt.outcome {
        Outcome::Granted(g) => {
            let mut out = vec![Block::Heading("Granted".into())];
            match &g.identity {
                Ok(id) => {
                    let user = id.username.clone().unwrap_or_else(|| "?".into());
                    out.push(Block::Field("User".into(), user));
                    if let Some(org) = &id.org_id {
                        out.push(Block::Field("Org".into(), org.clone()));
                    }
                }
                Err(e) => out.push(Block::Field("Identity".into(), e.clone())),
            }
            let scopes = g.token.scopes();
            if !scopes.is_empty() {
                out.push(Block::Field("Scopes".into(), scopes.join(" ")));
            }
            if let Some(url) = &g.token.instance_url {
                out.push(Block::Field("Instance".into(), url.clone()));
            }
            out
        }
        Outcome::Refused(r) => refusal(k, r, flow_id, &attempt.findings),
    }
}

pub fn refusal(k: &Knowledge, r: &Refusal, flow_id: &str, sent: &[Finding]) -> Vec<Block> {
    let d = diagnose(k, r, flow_id, sent);
    let mut out = vec![Block::Heading(format!(
        "Refused (HTTP {}): {}",
        r.status,
        r.line()
    ))];
    for e in &d.explanation.entries {
        out.push(Block::Paragraph(e.title()));
        if !e.causes.is_empty() {
            out.push(Block::Paragraph("Causes:".into()));
            out.push(Block::Bullets(e.causes.clone()));
        }
        if !e.fixes.is_empty() {
            out.push(Block::Paragraph("Fixes:".into()));
            out.push(Block::Bullets(e.fixes.clone()));
        }
    }
    if !d.predicted_by.is_empty() {
        out.push(Block::Paragraph("Predicted by:".into()));
        out.push(Block::Bullets(
            d.predicted_by
                .iter()
                .map(|f| format!("{}: {}", f.check, f.message))
                .collect(),
        ));
    }
    if !d.org_side.is_empty() {
        out.push(Block::Paragraph("On the org's side:".into()));
        out.push(Block::Bullets(
            d.org_side.iter().map(|s| s.to_string()).collect(),
        ));
    }
    let links: Vec<(EntryRef, String)> = d
        .explanation
        .entries
        .iter()
        .map(|e| (EntryRef::new(EntryKind::Error, &e.id), e.display_line()))
        .collect();
    if !links.is_empty() {
        out.push(Block::Heading("In the Library".into()));
        out.push(Block::Links(links));
    }
    out
}

pub fn error(e: &TryError) -> Vec<Block> {
    let what = match e {
        TryError::Usage(_) => "Cannot run",
        TryError::Net(_) => "No answer",
        TryError::Rejected(_) => "Answer rejected",
    };
    vec![Block::Heading(what.into()), Block::Paragraph(e.to_string())]
}
