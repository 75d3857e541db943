//! `sfauth explain`: what a Salesforce error response means, from the error catalog.

use super::output::{Paint, print_json, text_width};
use super::source::read_arg;
use super::{CliResult, Fail};
use crate::explain::{Explanation, MAX_EXPLAIN_BYTES, MatchKind, explain, parse};
use crate::model::{ErrorEntry, Knowledge};
use clap::Args;
use serde_json::{Value, json};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The error: a JSON response body, `error: description`, the description alone,
    /// @FILE, or - for stdin.
    #[arg(value_name = "TEXT|@FILE|-")]
    pub text: String,

    #[arg(long)]
    pub json: bool,
}

pub fn run(k: &Knowledge, args: &ExplainArgs) -> CliResult {
    let bytes = read_arg(&args.text, MAX_EXPLAIN_BYTES)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Fail::usage(format!(
            "input is not text: invalid UTF-8 at byte {}",
            e.valid_up_to()
        ))
    })?;
    let query = parse(text).map_err(Fail::usage)?;
    let found = explain(k, &query);
    let code = u8::from(found.kind == MatchKind::Closest);
    if args.json {
        print_json(&to_json(k, &found));
    } else {
        print!("{}", render(k, &found, &Paint::detect(), text_width()));
    }
    Ok(code)
}

fn entry_json(k: &Knowledge, e: &ErrorEntry) -> Value {
    let checks: Vec<Value> = e
        .checks
        .iter()
        .map(|id| json!({"id": id, "title": k.check(id).map(|c| c.title.as_str())}))
        .collect();
    json!({
        "id": e.id,
        "title": e.title(),
        "error": Some(e.error.as_str()).filter(|code| !code.is_empty()),
        "description": e.description,
        "http_status": e.http_status,
        "login_history": e.login_history,
        "summary": e.summary,
        "causes": e.causes,
        "fixes": e.fixes,
        "checks": checks,
        "flows": e.flows,
    })
}

pub fn to_json(k: &Knowledge, found: &Explanation<'_>) -> Value {
    json!({
        "query": {
            "error": found.query.error,
            "description": found.query.description,
        },
        "matched": found.kind == MatchKind::Matched,
        "entries": found.entries.iter().map(|e| entry_json(k, e)).collect::<Vec<_>>(),
    })
}

pub fn render(k: &Knowledge, found: &Explanation<'_>, paint: &Paint, width: usize) -> String {
    let mut out = String::new();
    let asked = super::inspect::printable(&found.query.raw);
    match (found.kind, found.entries.is_empty()) {
        (MatchKind::Closest, true) => {
            out.push_str(&format!(
                "no catalog entry matches \"{asked}\"; try `sfauth kb search WORDS`\n"
            ));
            return out;
        }
        (MatchKind::Closest, false) => out.push_str(&format!(
            "no catalog entry matches \"{asked}\" exactly; the closest:\n\n"
        )),
        (MatchKind::Matched, _) => {}
    }
    for (i, e) in found.entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{}  {}\n",
            paint.bold(&e.title()),
            paint.dim(&format!("error:{}", e.id))
        ));
        if e.title.is_some() && !e.error.is_empty() {
            out.push_str(&format!("  Response: {}\n", e.display_line()));
        }
        if let Some(h) = e.login_history.as_ref().filter(|_| !e.error.is_empty()) {
            out.push_str(&format!("  Login History: {h}\n"));
        }
        out.push_str(&wrap(&e.summary, "  ", width));
        if found.kind == MatchKind::Closest {
            continue;
        }
        list(&mut out, paint, "Causes", &e.causes, width);
        list(&mut out, paint, "Fixes", &e.fixes, width);
        if !e.checks.is_empty() {
            let checks: Vec<String> = e
                .checks
                .iter()
                .map(|id| match k.check(id) {
                    Some(c) => format!("{id} {}", c.title),
                    None => id.to_string(),
                })
                .collect();
            out.push_str(&format!(
                "  {}: {} (run `sfauth inspect` on the assertion)\n",
                paint.bold("Checks"),
                checks.join("; ")
            ));
        }
    }
    out
}

fn list(out: &mut String, paint: &Paint, title: &str, items: &[String], width: usize) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("  {}\n", paint.bold(title)));
    for item in items {
        out.push_str(&wrap(item, "    - ", width));
    }
}

/// Word-wraps `text` with `lead` on the first line and matching indentation after it.
fn wrap(text: &str, lead: &str, width: usize) -> String {
    let indent = " ".repeat(crate::text::width(lead));
    let room = width.saturating_sub(indent.len()).max(20);
    let mut out = String::new();
    if text.split_whitespace().next().is_none() {
        return out;
    }
    for (i, line) in crate::text::wrap(text, room).into_iter().enumerate() {
        out.push_str(if i == 0 { lead } else { &indent });
        out.push_str(&line);
        out.push('\n');
    }
    out
}
