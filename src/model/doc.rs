//! Entries laid out as a small document (headings, paragraphs, bullets, tables) that the CLI
//! prints as text and the TUI styles. Keeping the layout here means both show the same thing.

use super::Knowledge;
use super::entry::EntryView;
use super::kind::EntryRef;
use super::types::*;
use crate::text::{pad, width as text_width, wrap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// A labelled value on one line (`Status: deprecated since 2027-02-20`).
    Field(String, String),
    /// A labelled reference a reader can follow (`Flow diagram: flow:jwt-bearer`).
    Ref(String, EntryRef),
    Bullets(Vec<String>),
    Numbered(Vec<String>),
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// References with their titles, so a reader can follow them.
    Links(Vec<(EntryRef, String)>),
    Code(String),
}

pub fn document(k: &Knowledge, e: &EntryView<'_>) -> Vec<Block> {
    let mut d = vec![Block::Title(e.title())];
    d.push(Block::Ref("Id".into(), e.entry_ref()));
    match e {
        EntryView::Strategy(s) => strategy(&mut d, s),
        EntryView::Flow(f) => flow(&mut d, f),
        EntryView::Error(x) => error(&mut d, x),
        EntryView::Check(c) => check(&mut d, k, c),
        EntryView::Practice(p) => practice(&mut d, p),
        EntryView::Glossary(g) => glossary(&mut d, g),
        EntryView::Card(c) => card(&mut d, c),
        EntryView::Note(n) => d.push(Block::Paragraph(n.body.clone())),
    }
    let links: Vec<(EntryRef, String)> = e
        .related()
        .iter()
        .map(|r| {
            let title = k.get(r).map(|t| t.title()).unwrap_or_default();
            (r.clone(), title)
        })
        .collect();
    if !links.is_empty() {
        d.push(Block::Heading(if matches!(e, EntryView::Card(_)) {
            "Refers to".into()
        } else {
            "Related".into()
        }));
        d.push(Block::Links(links));
    }
    if !e.sources().is_empty() {
        d.push(Block::Heading("Sources".into()));
        d.push(Block::Bullets(e.sources().to_vec()));
    }
    d.push(Block::Field("As of".into(), e.as_of().to_string()));
    d
}

pub fn status_line(s: &Status) -> String {
    let mut line = s.level.as_str().to_string();
    if let Some(since) = &s.since {
        line.push_str(&format!(" since {since}"));
    }
    if !s.replaced_by.is_empty() {
        line.push_str(&format!("; use {} instead", s.replaced_by.join(", ")));
    }
    line
}

fn strategy(d: &mut Vec<Block>, s: &Strategy) {
    let direction = match s.category {
        StrategyCategory::Principal => format!("{} (principal type)", s.direction.as_str()),
        StrategyCategory::Protocol => s.direction.as_str().to_string(),
    };
    d.push(Block::Field("Direction".into(), direction));
    d.push(Block::Field("Status".into(), status_line(&s.status)));
    if let Some(note) = &s.status.note {
        d.push(Block::Paragraph(note.clone()));
    }
    d.push(Block::Paragraph(s.summary.clone()));
    push_list(d, "When to use", &s.when_to_use);
    push_list(d, "When not to", &s.when_not_to_use);
    if !s.variants.is_empty() {
        let rows = s.variants.iter().map(|v| [&v.name, &v.summary]);
        push_table(d, "Variants", ["Variant", "What it does"], rows);
    }
    push_list(d, "Security notes", &s.security_notes);
    if !s.setup.is_empty() {
        d.push(Block::Heading("Setup checklist".into()));
        d.push(Block::Numbered(s.setup.clone()));
    }
    if let Some(flow) = &s.flow {
        d.push(Block::Ref("Flow diagram".into(), flow.entry_ref()));
    }
}

fn flow(d: &mut Vec<Block>, f: &Flow) {
    d.push(Block::Field(
        "Direction".into(),
        f.direction.as_str().into(),
    ));
    d.push(Block::Ref("Strategy".into(), f.strategy.entry_ref()));
    d.push(Block::Paragraph(f.summary.clone()));
    let rows = f.participants.iter().map(|p| [&p.id, &p.label]);
    push_table(d, "Participants", ["Id", "Who"], rows);
    d.push(Block::Heading("Steps".into()));
    d.push(Block::Numbered(
        f.steps
            .iter()
            .map(|s| format!("{} -> {}: {} ({})", s.from, s.to, s.label, s.kind.as_str()))
            .collect(),
    ));
}

fn error(d: &mut Vec<Block>, e: &ErrorEntry) {
    if !e.error.is_empty() {
        d.push(Block::Field("error".into(), e.error.clone()));
    }
    if let Some(desc) = &e.description {
        d.push(Block::Field("error_description".into(), desc.clone()));
    }
    if let Some(status) = e.http_status {
        d.push(Block::Field("HTTP status".into(), status.to_string()));
    }
    if let Some(lh) = &e.login_history {
        d.push(Block::Field("Login History".into(), lh.clone()));
    }
    if !e.flows.is_empty() {
        d.push(Block::Field("Flows".into(), e.flows.join(", ")));
    }
    d.push(Block::Paragraph(e.summary.clone()));
    push_list(d, "Causes", &e.causes);
    push_list(d, "Fixes", &e.fixes);
    if !e.checks.is_empty() {
        d.push(Block::Field(
            "Checks that predict it".into(),
            e.checks.join(", "),
        ));
    }
}

fn check(d: &mut Vec<Block>, k: &Knowledge, c: &Check) {
    d.push(Block::Field("Severity".into(), c.severity.as_str().into()));
    let profiles: Vec<String> = c
        .profiles
        .iter()
        .map(|p| {
            serde_json::to_value(p)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    d.push(Block::Field("Profiles".into(), profiles.join(", ")));
    d.push(Block::Paragraph(c.explanation.clone()));
    if let Some(p) = &c.predicts {
        let line = k
            .error(p)
            .map(|e| e.display_line())
            .unwrap_or_else(|| p.to_string());
        d.push(Block::Field("Predicts".into(), line));
    }
    if let Some(lh) = &c.login_history {
        d.push(Block::Field("Login History".into(), lh.clone()));
    }
}

fn practice(d: &mut Vec<Block>, p: &Practice) {
    d.push(Block::Paragraph(p.summary.clone()));
    d.push(Block::Heading("Why".into()));
    d.push(Block::Paragraph(p.why.clone()));
    if !p.how.is_empty() {
        d.push(Block::Heading("How".into()));
        d.push(Block::Numbered(p.how.clone()));
    }
}

fn glossary(d: &mut Vec<Block>, g: &GlossaryTerm) {
    d.push(Block::Paragraph(g.definition.clone()));
    if !g.aka.is_empty() {
        d.push(Block::Field("Also called".into(), g.aka.join(", ")));
    }
}

fn card(d: &mut Vec<Block>, c: &Card) {
    d.push(Block::Field(
        "Topic".into(),
        format!("{} (difficulty {})", c.topic, c.difficulty),
    ));
    if !c.choices.is_empty() {
        d.push(Block::Heading("Choices".into()));
        d.push(Block::Bullets(
            c.choices
                .iter()
                .map(|ch| {
                    if ch.correct {
                        format!("{} (correct)", ch.text)
                    } else {
                        ch.text.clone()
                    }
                })
                .collect(),
        ));
    }
    d.push(Block::Heading("Model answer".into()));
    d.push(Block::Paragraph(c.answer.clone()));
}

/// A heading over a two-column table.
fn push_table<'a>(
    d: &mut Vec<Block>,
    heading: &str,
    headers: [&str; 2],
    rows: impl Iterator<Item = [&'a String; 2]>,
) {
    d.push(Block::Heading(heading.into()));
    d.push(Block::Table {
        headers: headers.map(String::from).to_vec(),
        rows: rows.map(|row| row.map(String::clone).to_vec()).collect(),
    });
}

fn push_list(d: &mut Vec<Block>, heading: &str, items: &[String]) {
    if !items.is_empty() {
        d.push(Block::Heading(heading.into()));
        d.push(Block::Bullets(items.to_vec()));
    }
}

/// Plain-text rendering for the terminal, wrapped at `width` columns.
pub fn to_text(blocks: &[Block], width: usize) -> String {
    let width = width.max(20);
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => {
                out.push_str(t);
                out.push('\n');
                out.push_str(&"=".repeat(text_width(t).min(width)));
                out.push('\n');
            }
            Block::Heading(h) => {
                out.push('\n');
                out.push_str(h);
                out.push('\n');
            }
            Block::Paragraph(p) => {
                out.push('\n');
                for line in wrap(p, width) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            Block::Field(k, v) => push_field(&mut out, k, v, width),
            Block::Ref(k, r) => push_field(&mut out, k, &r.to_string(), width),
            Block::Bullets(items) => {
                for item in items {
                    push_hanging(&mut out, "  - ", item, width);
                }
            }
            Block::Numbered(items) => {
                for (i, item) in items.iter().enumerate() {
                    push_hanging(&mut out, &format!("  {}. ", i + 1), item, width);
                }
            }
            Block::Table { headers, rows } => {
                let mut all = vec![headers.clone()];
                all.extend(rows.iter().cloned());
                for row in all {
                    let first = row.first().cloned().unwrap_or_default();
                    let rest = row.get(1..).map(|r| r.join(" | ")).unwrap_or_default();
                    push_hanging(&mut out, &format!("  {} ", pad(&first, 22)), &rest, width);
                }
            }
            Block::Links(links) => {
                for (r, title) in links {
                    let line = if title.is_empty() {
                        r.to_string()
                    } else {
                        format!("{r}  {title}")
                    };
                    push_hanging(&mut out, "  > ", &line, width);
                }
            }
            Block::Code(c) => {
                for line in c.lines() {
                    out.push_str("    ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn push_field(out: &mut String, label: &str, value: &str, width: usize) {
    for line in wrap(&format!("{label}: {value}"), width) {
        out.push_str(&line);
        out.push('\n');
    }
}

fn push_hanging(out: &mut String, prefix: &str, text: &str, width: usize) {
    let indent = " ".repeat(text_width(prefix));
    let avail = width.saturating_sub(text_width(prefix)).max(10);
    for (i, line) in wrap(text, avail).into_iter().enumerate() {
        out.push_str(if i == 0 { prefix } else { &indent });
        out.push_str(&line);
        out.push('\n');
    }
}
