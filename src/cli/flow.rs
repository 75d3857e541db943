//! `sfauth flow`: list the flows, draw one as a sequence diagram, explain a step, or export it.

use super::args::{FlowArgs, FlowFormat};
use super::output::{Paint, print_json, text_width};
use super::{CliResult, Fail};
use crate::diagram::{self, Cell, Charset, Diagram, Role, text};
use crate::model::doc::to_text;
use crate::model::suggest::closest;
use crate::model::{Flow, Knowledge, StatusLevel, StepKind};
use serde_json::{Value, json};

pub fn run(k: &Knowledge, args: &FlowArgs) -> CliResult {
    if args.list {
        return list(k, args.json);
    }
    let Some(id) = args.id.as_deref() else {
        return Err(Fail::usage("give a flow id, or --list to see them"));
    };
    let flow = k.flow(id).ok_or_else(|| unknown_flow(k, id))?;
    let format = match (args.format, args.json) {
        (Some(f), true) if f != FlowFormat::Json => {
            return Err(Fail::usage(
                "--json prints JSON; it cannot be combined with another --format",
            ));
        }
        (Some(f), _) => f,
        (None, true) => FlowFormat::Json,
        (None, false) => FlowFormat::Text,
    };
    let step = match args.step {
        None => None,
        Some(n) => {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            if n > flow.steps.len() {
                return Err(Fail::usage(format!(
                    "flow \"{}\" has {} steps; --step must be 1 to {}",
                    flow.id,
                    flow.steps.len(),
                    flow.steps.len()
                )));
            }
            Some(n - 1)
        }
    };
    let exported = matches!(format, FlowFormat::Mermaid | FlowFormat::Plantuml);
    if exported && (args.step.is_some() || args.width.is_some()) {
        return Err(Fail::usage(
            "--step and --width apply to the text, ascii and json formats",
        ));
    }
    let width = args.width.map_or_else(text_width, usize::from);
    match format {
        FlowFormat::Mermaid => print!("{}", diagram::to_mermaid(flow)),
        FlowFormat::Plantuml => print!("{}", diagram::to_plantuml(flow)),
        FlowFormat::Json => print_json(&flow_json(k, flow, width, step)),
        FlowFormat::Text => print_text(k, flow, width, Charset::Unicode, step),
        FlowFormat::Ascii => print_text(k, flow, width, Charset::Ascii, step),
    }
    Ok(0)
}

fn status(k: &Knowledge, flow: &Flow) -> Option<StatusLevel> {
    k.strategy(&flow.strategy).map(|s| s.status.level)
}

fn unknown_flow(k: &Knowledge, id: &str) -> Fail {
    let ids: Vec<&str> = k.flows.iter().map(|f| f.id.as_str()).collect();
    let near = closest(id, ids.iter().copied(), 3);
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", near.join(" or "))
    };
    let valid = if ids.is_empty() {
        "there are no flows".to_string()
    } else {
        format!("valid ids: {}", ids.join(", "))
    };
    Fail::usage(format!("no flow \"{id}\"{hint}; {valid}"))
}

fn list(k: &Knowledge, json: bool) -> CliResult {
    if json {
        let rows: Vec<Value> = k
            .flows
            .iter()
            .map(|f| {
                json!({
                    "id": f.id,
                    "name": f.name,
                    "direction": f.direction.as_str(),
                    "status": status(k, f).map(StatusLevel::as_str),
                })
            })
            .collect();
        print_json(&rows);
        return Ok(0);
    }
    let paint = Paint::detect();
    let id_width = k.flows.iter().map(|f| f.id.len()).max().unwrap_or(0);
    for f in &k.flows {
        let level = status(k, f);
        let word = level.map_or("-", StatusLevel::as_str);
        let status = format!("{word:<11}");
        let status = match level {
            Some(StatusLevel::Recommended) => paint.green(&status),
            Some(StatusLevel::Discouraged) => paint.yellow(&status),
            Some(StatusLevel::Deprecated | StatusLevel::Blocked) => paint.red(&status),
            _ => status,
        };
        println!(
            "{}  {:<8}  {status}  {}",
            paint.cyan(&format!("{:<id_width$}", f.id)),
            f.direction.as_str(),
            f.name
        );
    }
    Ok(0)
}

fn print_text(k: &Knowledge, flow: &Flow, width: usize, charset: Charset, step: Option<usize>) {
    let paint = Paint::detect();
    let d = diagram::layout(flow, width, charset);
    // Header lines wrap like the diagram: to the width asked, or the width it needed.
    let room = width.max(d.width);
    for line in text::wrap(&flow.name, room, room, usize::MAX, "") {
        println!("{}", paint.bold(&line));
    }
    let status = status(k, flow).map_or(String::new(), |s| format!(" ({})", s.as_str()));
    let about = format!(
        "{} flow, strategy {}{status}, {} steps",
        flow.direction.as_str(),
        flow.strategy,
        flow.steps.len()
    );
    for line in text::wrap(&about, room, room, usize::MAX, "") {
        println!("{line}");
    }
    println!();
    for row in 0..d.lines.len() {
        if paint.on {
            println!("{}", painted_line(&d, row, step, &paint));
        } else {
            println!("{}", d.line_text(row, step));
        }
    }
    println!();
    for line in diagram::legend_lines(charset, room) {
        println!("{}", paint.dim(&line));
    }
    if d.omitted_participants > 0 || d.omitted_steps > 0 {
        eprintln!(
            "sfauth: this flow is too large to draw whole; {} participants and {} steps are left out",
            d.omitted_participants, d.omitted_steps
        );
    }
    if d.needs_scroll() {
        eprintln!(
            "sfauth: this flow needs {} columns to draw; its lines are wider than {width}",
            d.width
        );
    }
    if let Some(doc) = step.and_then(|i| diagram::step_document(flow, i)) {
        println!();
        print!("{}", to_text(&doc, width));
    }
}

/// One diagram line with ANSI colours: arrow styles by kind, the highlighted step in bold.
fn painted_line(d: &Diagram, row: usize, highlight: Option<usize>, paint: &Paint) -> String {
    let Some(cells) = d.lines.get(row) else {
        return String::new();
    };
    let visible: Vec<&Cell> = cells.iter().filter(|c| !c.continuation).collect();
    let end = visible
        .iter()
        .rposition(|c| c.glyph(highlight) != ' ')
        .map_or(0, |i| i + 1);
    let mut out = String::new();
    for cell in &visible[..end] {
        let ch = cell.glyph(highlight).to_string();
        let lit = highlight.is_some() && cell.step == highlight;
        let coloured = match cell.role {
            Role::Blank | Role::Lifeline | Role::ParticipantBorder | Role::StepLabel => ch,
            Role::Marker => paint.yellow(&ch),
            Role::ParticipantLabel | Role::StepNumber => paint.bold(&ch),
            Role::NoteBorder | Role::NoteText => paint.dim(&ch),
            Role::Arrow(StepKind::Request | StepKind::Internal) => paint.cyan(&ch),
            Role::Arrow(StepKind::Response) => paint.green(&ch),
            Role::Arrow(StepKind::Redirect) => paint.yellow(&ch),
            Role::Arrow(StepKind::UserAction) => paint.red(&ch),
        };
        out.push_str(&if lit { paint.bold(&coloured) } else { coloured });
    }
    out
}

fn flow_json(k: &Knowledge, flow: &Flow, width: usize, step: Option<usize>) -> Value {
    let steps: Vec<Value> = flow
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut v = json!({ "number": i + 1 });
            if let (Value::Object(out), Ok(Value::Object(fields))) =
                (&mut v, serde_json::to_value(s))
            {
                out.extend(fields);
            }
            v["curl"] = json!(diagram::curl_for(s));
            v
        })
        .collect();
    let d = diagram::layout(flow, width, Charset::Unicode);
    let range = |r: &std::ops::Range<usize>| json!([r.start, r.end]);
    let mut out = json!({
        "id": flow.id,
        "name": flow.name,
        "direction": flow.direction.as_str(),
        "strategy": flow.strategy,
        "status": status(k, flow).map(StatusLevel::as_str),
        "summary": flow.summary,
        "participants": flow.participants,
        "steps": steps,
        "related": flow.related,
        "sources": flow.sources,
        "as_of": flow.as_of,
        "diagram": {
            "width": d.width,
            "requested_width": d.requested_width,
            "needs_scroll": d.needs_scroll(),
            "lines": (0..d.lines.len()).map(|r| d.line_text(r, step)).collect::<Vec<_>>(),
            "steps": d.steps.iter().enumerate().map(|(i, p)| json!({
                "number": i + 1,
                "rows": range(&p.rows),
                "arrow_rows": range(&p.arrow_rows),
                "cols": range(&p.cols),
            })).collect::<Vec<_>>(),
        },
    });
    if let Some(i) = step {
        out["selected_step"] = json!(i + 1);
    }
    out
}
