//! What one step does, as a small document the CLI prints and the Flows tab shows beside the
//! diagram: the explanation, the HTTP message, the pitfalls and the request as curl.

use super::curl::curl_for;
use crate::model::doc::Block;
use crate::model::{Flow, HttpMessage, Param, StepKind};

/// The document for step `index` (0-based) of `flow`, or `None` when there is no such step.
pub fn step_document(flow: &Flow, index: usize) -> Option<Vec<Block>> {
    let step = flow.steps.get(index)?;
    let who = |id: &str| {
        flow.participants
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.label.clone())
    };
    let mut d = vec![Block::Title(format!(
        "Step {} of {}: {}",
        index + 1,
        flow.steps.len(),
        step.label
    ))];
    d.push(Block::Field("Kind".into(), kind_name(step.kind).into()));
    let path = if step.from == step.to {
        format!("inside {}", who(&step.from))
    } else {
        format!("{} -> {}", who(&step.from), who(&step.to))
    };
    d.push(Block::Field("Between".into(), path));
    if let Some(note) = &step.note {
        d.push(Block::Field("Note".into(), note.clone()));
    }
    d.push(Block::Paragraph(step.explanation.clone()));
    if let Some(http) = &step.http {
        http_blocks(&mut d, http);
    }
    if !step.pitfalls.is_empty() {
        d.push(Block::Heading("Pitfalls".into()));
        d.push(Block::Bullets(step.pitfalls.clone()));
    }
    if let Some(curl) = curl_for(step) {
        d.push(Block::Heading("As curl".into()));
        d.push(Block::Code(curl));
    }
    Some(d)
}

pub fn kind_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Request => "request",
        StepKind::Response => "response",
        StepKind::Redirect => "browser redirect",
        StepKind::UserAction => "user action",
        StepKind::Internal => "internal step",
    }
}

fn http_blocks(d: &mut Vec<Block>, http: &HttpMessage) {
    let heading = match (&http.method, http.status) {
        (Some(_), _) => "HTTP request",
        (None, Some(s)) if (300..400).contains(&s) => "HTTP redirect",
        (None, Some(_)) => "HTTP response",
        (None, None) => "HTTP message",
    };
    d.push(Block::Heading(heading.into()));
    let mut start = Vec::new();
    match (&http.method, &http.url) {
        (Some(method), Some(url)) => start.push(format!("{method} {url}")),
        (Some(method), None) => start.push(method.clone()),
        (None, url) => {
            if let Some(status) = http.status {
                start.push(format!("HTTP {status}"));
            }
            if let Some(url) = url {
                start.push(format!("Location: {url}"));
            }
        }
    }
    if !start.is_empty() {
        d.push(Block::Code(start.join("\n")));
    }
    table(d, "Header", &http.headers);
    table(d, "Parameter", &http.params);
    if let Some(body) = &http.body {
        d.push(Block::Heading("Body".into()));
        d.push(Block::Code(body.clone()));
    }
}

fn table(d: &mut Vec<Block>, what: &str, params: &[Param]) {
    if params.is_empty() {
        return;
    }
    d.push(Block::Table {
        headers: vec![what.into(), "Value".into()],
        rows: params
            .iter()
            .map(|p| {
                let value = match &p.note {
                    Some(note) => format!("{}  ({note})", p.value),
                    None => p.value.clone(),
                };
                vec![p.name.clone(), value]
            })
            .collect(),
    });
}
