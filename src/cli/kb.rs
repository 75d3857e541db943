//! `sfauth kb`: list, show, search and check the knowledge model.

use super::args::{Cli, KbCommand};
use super::output::{Paint, print_json, text_width};
use super::{CliResult, Fail};
use crate::model::doc::{document, to_text};
use crate::model::suggest::closest;
use crate::model::{EntryKind, EntryRef, EntryView, Knowledge, PackSource, check_pack};
use serde_json::{Value, json};
use std::path::Path;

pub fn run(k: &Knowledge, command: &KbCommand) -> CliResult {
    match command {
        KbCommand::List { kind, json } => list(k, kind.as_deref(), *json),
        KbCommand::Show { id, kind, json } => show(k, id, kind.as_deref(), *json),
        KbCommand::Search { text, json } => search(k, text, *json),
        KbCommand::Check { dir } => check(dir),
    }
}

fn parse_kind(word: &str) -> Result<EntryKind, Fail> {
    EntryKind::parse(word).ok_or_else(|| {
        let valid: Vec<&str> = EntryKind::ALL.iter().map(|k| k.plural()).collect();
        Fail::usage(format!(
            "unknown kind \"{word}\"; expected one of: {}",
            valid.join(", ")
        ))
    })
}

/// The summary row `kb list` and `kb search` print for an entry.
pub fn summary_json(e: &EntryView<'_>) -> Value {
    let mut row = json!({
        "id": e.id(),
        "kind": e.kind().as_str(),
        "title": e.title(),
    });
    let name = match e {
        EntryView::Strategy(s) => Some(s.name.as_str()),
        EntryView::Flow(f) => Some(f.name.as_str()),
        EntryView::Glossary(g) => Some(g.term.as_str()),
        _ => None,
    };
    if let Some(name) = name {
        row["name"] = json!(name);
    }
    if let EntryView::Strategy(s) = e {
        row["status"] = json!(s.status.level.as_str());
        row["direction"] = json!(s.direction.as_str());
    }
    row
}

fn list(k: &Knowledge, kind: Option<&str>, json: bool) -> CliResult {
    let entries = match kind {
        Some(word) => k.entries_of(parse_kind(word)?),
        None => k.all_entries(),
    };
    if json {
        let rows: Vec<Value> = entries.iter().map(summary_json).collect();
        print_json(&rows);
        return Ok(0);
    }
    print_rows(&entries);
    Ok(0)
}

fn print_rows(entries: &[EntryView<'_>]) {
    let paint = Paint::detect();
    let width = text_width();
    let id_width = entries
        .iter()
        .map(|e| e.entry_ref().to_string().len())
        .max()
        .unwrap_or(0)
        .min(40);
    for e in entries {
        let r = e.entry_ref().to_string();
        let mut title = e.title();
        if let EntryView::Strategy(s) = e {
            title = format!("{title} [{}]", s.status.level.as_str());
        }
        let room = width.saturating_sub(id_width + 2).max(10);
        if title.chars().count() > room {
            title = title
                .chars()
                .take(room.saturating_sub(1))
                .collect::<String>()
                + "…";
        }
        println!("{}  {title}", paint.cyan(&format!("{r:<id_width$}")));
    }
}

/// The id and kind `kb show` asks for: `--kind K ID`, `kind:ID` or a bare id (any kind).
fn show_target<'a>(id: &'a str, kind: Option<&str>) -> Result<(&'a str, Option<EntryKind>), Fail> {
    Ok(match id.split_once(':') {
        Some((kw, rest)) if EntryKind::parse(kw).is_some() && kind.is_none() => {
            (rest, Some(parse_kind(kw)?))
        }
        _ => (id, kind.map(parse_kind).transpose()?),
    })
}

/// What `kb show` needs of the model. Without packs that is only the entries asked for and
/// those they link to; when nothing matches, the whole model, to suggest near ids.
pub fn load_for_show(cli: &Cli, id: &str, kind: Option<&str>) -> Result<Knowledge, Fail> {
    let Ok((id, kind)) = show_target(id, kind) else {
        // `show` reports the bad kind; it needs no model for that.
        return Ok(Knowledge::default());
    };
    if !super::pack_sources(cli).is_empty() {
        return super::load_knowledge(cli);
    }
    let wanted = |k: EntryKind, i: &str| i == id && kind.is_none_or(|want| want == k);
    let around = Knowledge::builtin_around(wanted).map_err(|e| Fail::usage(e.to_string()))?;
    if around.all_entries().is_empty() {
        return super::load_knowledge(cli);
    }
    Ok(around)
}

fn show(k: &Knowledge, id: &str, kind: Option<&str>, json: bool) -> CliResult {
    let (id, kind) = show_target(id, kind)?;
    let found: Vec<EntryView<'_>> = match kind {
        Some(kind) => k.get(&EntryRef::new(kind, id)).into_iter().collect(),
        None => k.find_id(id),
    };
    if found.is_empty() {
        return Err(unknown_id(k, id, kind));
    }
    if json {
        if let [one] = found.as_slice() {
            print_json(&one.to_json());
        } else {
            let all: Vec<Value> = found.iter().map(EntryView::to_json).collect();
            print_json(&all);
        }
        return Ok(0);
    }
    let width = text_width();
    let paint = Paint::detect();
    for (i, e) in found.iter().enumerate() {
        if i > 0 {
            println!();
        }
        if found.len() > 1 {
            println!("{}", paint.dim(&format!("[{}]", e.kind().as_str())));
        }
        print!("{}", to_text(&document(k, e), width));
    }
    Ok(0)
}

fn search(k: &Knowledge, text: &str, json: bool) -> CliResult {
    let hits = k.search(text);
    if json {
        let rows: Vec<Value> = hits.iter().map(summary_json).collect();
        print_json(&rows);
    } else if hits.is_empty() {
        println!("no entries match \"{text}\"");
    } else {
        print_rows(&hits);
    }
    Ok(if hits.is_empty() { 1 } else { 0 })
}

/// "no flow with id "x"; did you mean: ..." for an id that resolves to nothing.
pub fn unknown_id(k: &Knowledge, id: &str, kind: Option<EntryKind>) -> Fail {
    let all = k.all_entries();
    let ids = all
        .iter()
        .filter(|e| kind.is_none_or(|kd| e.kind() == kd))
        .map(|e| e.id());
    let near = closest(id, ids, 5);
    let what = kind.map_or("entry", EntryKind::as_str);
    let hint = if near.is_empty() {
        "; try `sfauth kb search`".to_string()
    } else {
        format!("; did you mean: {}", near.join(", "))
    };
    Fail::usage(format!("no {what} with id \"{id}\"{hint}"))
}

pub fn check(dir: &Path) -> CliResult {
    if !dir.exists() {
        return Err(Fail::usage(format!(
            "{}: no such file or folder",
            dir.display()
        )));
    }
    let pack = PackSource::new(dir);
    let problems = check_pack(&pack);
    if problems.is_empty() {
        let k =
            Knowledge::load(std::slice::from_ref(&pack)).map_err(|e| Fail::usage(e.to_string()))?;
        let added = k
            .all_entries()
            .iter()
            .filter(|e| k.origin(&e.entry_ref()).is_some_and(|o| o.pack.is_some()))
            .count();
        println!("{}: OK ({added} entries)", dir.display());
        return Ok(0);
    }
    for p in &problems {
        println!("{p}");
    }
    println!(
        "{}: {} problem{}",
        dir.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    Ok(1)
}
