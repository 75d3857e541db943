//! `sfauth choose`: the flow-chooser wizard, one question per run.

use super::output::{Paint, print_json, text_width};
use super::{CliResult, Fail};
use crate::model::{Knowledge, Question};
use crate::text::{pad, width as columns, wrap};
use crate::wizard::{Answers, Outcome, Resolution, Step, resolve, step, to_json};
use std::io::Write;

/// How many card ids the text output lists before summarising the rest.
const CARDS_SHOWN: usize = 6;

pub fn run(k: &Knowledge, given: &[String], json: bool) -> CliResult {
    let given: Vec<String> = given.iter().map(|pair| by_number(k, pair)).collect();
    let answers = Answers::parse(&k.wizard, given.iter().map(String::as_str))
        .map_err(|e| Fail::usage(format!("--answer: {e}")))?;
    let r = resolve(&k.wizard, &answers);
    let next = step(k, &r);
    if json {
        let done = match &next {
            Step::Done(o) => Some(o),
            Step::Ask(_) => None,
        };
        print_json(&to_json(k, &r, done));
        return Ok(0);
    }
    for a in &r.ignored {
        eprintln!(
            "sfauth: ignoring --answer {}={}: that question is not asked for these answers",
            a.question.id, a.option.value
        );
    }
    let paint = Paint::detect();
    let width = text_width();
    let text = match &next {
        Step::Ask(q) => question_text(&r, q, &paint, width),
        Step::Done(o) => outcome_text(k, o, &paint, width),
    };
    // A closed pipe (`sfauth choose | head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(0)
}

/// `caller=5` means the fifth option as printed (`  5. backend  ...`): the numbers on screen
/// are the quickest thing to type back. Anything else is passed on untouched.
fn by_number(k: &Knowledge, pair: &str) -> String {
    let Some((question, value)) = pair.split_once('=') else {
        return pair.to_string();
    };
    let option = value
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| {
            let q = k
                .wizard
                .questions
                .iter()
                .find(|q| q.id == question.trim())?;
            q.options.get(i)
        });
    match option {
        Some(o) if !o.value.chars().all(|c| c.is_ascii_digit()) => {
            format!("{}={}", question.trim(), o.value)
        }
        _ => pair.to_string(),
    }
}

fn question_text(r: &Resolution<'_>, q: &Question, paint: &Paint, width: usize) -> String {
    let mut out = String::new();
    if !r.answered.is_empty() {
        out.push_str(&paint.bold("Answers so far"));
        out.push('\n');
        for a in &r.answered {
            let line = format!("{}={}: {}", a.question.id, a.option.value, a.option.label);
            hanging(&mut out, "  ", &line, width);
        }
        out.push('\n');
    }
    if !r.pending.is_empty() {
        let kept: Vec<String> = r
            .pending
            .iter()
            .map(|a| format!("{}={}", a.question.id, a.option.value))
            .collect();
        hanging(
            &mut out,
            "",
            &format!("Kept for later questions: {}", kept.join(", ")),
            width,
        );
        out.push('\n');
    }
    let heading = format!("Question {}: {}", r.answered.len() + 1, q.prompt);
    out.push_str(&paint.bold(&heading));
    out.push_str(&paint.dim(&format!("  [{}]", q.id)));
    out.push('\n');
    hanging(&mut out, "", &format!("Why it matters: {}", q.why), width);
    out.push('\n');
    let value_width = q
        .options
        .iter()
        .map(|o| columns(&o.value))
        .max()
        .unwrap_or(0);
    for (i, o) in q.options.iter().enumerate() {
        let number = format!("  {}. ", i + 1);
        let padded = format!("{}  ", pad(&o.value, value_width));
        let indent = " ".repeat(columns(&number) + columns(&padded));
        let room = width.saturating_sub(indent.len()).max(20);
        for (j, line) in wrap(&o.label, room).into_iter().enumerate() {
            if j == 0 {
                out.push_str(&number);
                out.push_str(&paint.cyan(&padded));
            } else {
                out.push_str(&indent);
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    let mut next: Vec<String> = r
        .kept()
        .map(|a| format!("--answer {}={}", a.question.id, a.option.value))
        .collect();
    next.push(format!("--answer {}=<VALUE>", q.id));
    // Not wrapped: the line is a command to copy.
    out.push_str(&format!(
        "\nAnswer with: sfauth choose {}\n",
        next.join(" ")
    ));
    out
}

fn outcome_text(k: &Knowledge, o: &Outcome, paint: &Paint, width: usize) -> String {
    let mut out = String::new();
    let answers: Vec<String> = o.answers.iter().map(|(q, v)| format!("{q}={v}")).collect();
    hanging(
        &mut out,
        "",
        &format!("Advice for {}", answers.join(", ")),
        width,
    );
    recommended_text(&mut out, k, o, paint, width);
    avoid_and_checklist_text(&mut out, k, o, paint, width);
    read_on_text(&mut out, o, paint, width);
    out
}

fn recommended_text(out: &mut String, k: &Knowledge, o: &Outcome, paint: &Paint, width: usize) {
    out.push('\n');
    out.push_str(&paint.bold(&paint.green("Recommended")));
    out.push('\n');
    for (i, p) in o.recommendations.iter().enumerate() {
        let status = k
            .strategy(&p.strategy)
            .map(|s| format!(" [{}]", s.status.level.as_str()))
            .unwrap_or_default();
        let title = format!("{}{status}", named(k, &p.strategy));
        let number = format!("  {}. ", i + 1);
        out.push_str(&number);
        out.push_str(&paint.bold(&title));
        out.push('\n');
        let indent = " ".repeat(number.len());
        hanging(out, &indent, &p.reason, width);
        if !p.with.is_empty() {
            let with: Vec<String> = p.with.iter().map(|s| named(k, s)).collect();
            hanging(
                out,
                &indent,
                &format!("Pair with: {}", with.join(", ")),
                width,
            );
        }
    }
}

fn avoid_and_checklist_text(
    out: &mut String,
    k: &Knowledge,
    o: &Outcome,
    paint: &Paint,
    width: usize,
) {
    if !o.avoid.is_empty() {
        out.push('\n');
        out.push_str(&paint.bold(&paint.red("Avoid")));
        out.push('\n');
        for w in &o.avoid {
            out.push_str("  - ");
            out.push_str(&paint.bold(&named(k, &w.strategy)));
            out.push('\n');
            hanging(out, "    ", &w.reason, width);
        }
    }
    if !o.checklist.is_empty() {
        out.push('\n');
        out.push_str(&paint.bold("Setup checklist"));
        out.push('\n');
        for item in &o.checklist {
            hanging(out, "  [ ] ", &item.text, width);
            if !item.see.is_empty() {
                let see: Vec<String> = item.see.iter().map(ToString::to_string).collect();
                let see = format!("see {}", see.join(", "));
                out.push_str(&paint.dim(&format!("      {see}")));
                out.push('\n');
            }
        }
    }
}

fn read_on_text(out: &mut String, o: &Outcome, paint: &Paint, width: usize) {
    out.push('\n');
    out.push_str(&paint.bold("Read on"));
    out.push('\n');
    if !o.links.flows.is_empty() {
        let flows: Vec<String> = o.links.flows.iter().map(|f| format!("flow:{f}")).collect();
        let text = format!("{} (sfauth kb show flow:<id>)", flows.join(", "));
        hanging(out, "  Flows:   ", &text, width);
    }
    if !o.links.entries.is_empty() {
        hanging(out, "  Library: ", &o.links.entries.join(", "), width);
    }
    if !o.links.cards.is_empty() {
        let shown: Vec<String> = o
            .links
            .cards
            .iter()
            .take(CARDS_SHOWN)
            .map(|c| format!("card:{c}"))
            .collect();
        let more = o.links.cards.len().saturating_sub(CARDS_SHOWN);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        hanging(
            out,
            "  Cards:   ",
            &format!("{}{tail}", shown.join(", ")),
            width,
        );
    }
}

/// `OAuth 2.0 JWT Bearer Flow (jwt-bearer)`, or the bare id when the model lacks the strategy.
fn named(k: &Knowledge, id: &str) -> String {
    match k.strategy(id) {
        Some(s) => format!("{} ({id})", s.name),
        None => id.to_string(),
    }
}

/// Wraps `text` after `prefix`, indenting continuation lines to line up under the first.
fn hanging(out: &mut String, prefix: &str, text: &str, width: usize) {
    let indent = " ".repeat(columns(prefix));
    let room = width.saturating_sub(indent.len()).max(20);
    for (i, line) in wrap(text, room).into_iter().enumerate() {
        out.push_str(if i == 0 { prefix } else { &indent });
        out.push_str(&line);
        out.push('\n');
    }
}
