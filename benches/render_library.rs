//! Drawing the Library tab at 200x60: the fixture model, and a synthetic model the size of a
//! full knowledge base (hundreds of entries, long texts), reading a long entry.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use serde_json::{Value, json};
use sfauth::model::Knowledge;
use sfauth::tui::{Options, TabId};

mod tui_bench;
use tui_bench::{app_at, bench_frame, press};

/// The TUI tests' fixture model (tests/fixtures/tui), the same one their screens are drawn from.
#[path = "../tests/tui_support/mod.rs"]
mod tui_support;

fn sentence(i: usize, words: usize) -> String {
    (0..words)
        .map(|w| format!("word{}", (i * 7 + w) % 97))
        .collect::<Vec<_>>()
        .join(" ")
}

/// 120 strategies, 120 errors and 120 glossary terms, each with a few hundred words.
fn synthetic() -> Knowledge {
    let source = json!(["https://help.salesforce.com/s/articleView?id=example"]);
    let strategies: Vec<Value> = (0..120)
        .map(|i| {
            let level = ["recommended", "supported", "discouraged", "deprecated"][i % 4];
            json!({
                "id": format!("strategy-{i}"),
                "name": format!("Strategy number {i} with a long descriptive name"),
                "direction": if i % 3 == 0 { "outbound" } else { "inbound" },
                "summary": sentence(i, 80),
                "when_to_use": (0..6).map(|j| sentence(i + j, 25)).collect::<Vec<_>>(),
                "when_not_to_use": (0..4).map(|j| sentence(i + j, 25)).collect::<Vec<_>>(),
                "status": { "level": level },
                "security_notes": (0..5).map(|j| sentence(i + j, 30)).collect::<Vec<_>>(),
                "setup": (0..8).map(|j| sentence(i + j, 20)).collect::<Vec<_>>(),
                "variants": (0..4).map(|j| json!({
                    "id": format!("v{j}"), "name": format!("Variant {j}"), "summary": sentence(j, 30)
                })).collect::<Vec<_>>(),
                "related": (1..6).map(|j| format!("strategy:strategy-{}", (i + j) % 120)).collect::<Vec<_>>(),
                "sources": source,
                "as_of": "2026-08"
            })
        })
        .collect();
    let errors: Vec<Value> = (0..120)
        .map(|i| {
            json!({
                "id": format!("error-{i}"), "error": "invalid_grant",
                "description": sentence(i, 6), "flows": [], "summary": sentence(i, 60),
                "causes": [sentence(i, 30), sentence(i + 1, 30)], "fixes": [sentence(i, 30)],
                "sources": source, "as_of": "2026-08"
            })
        })
        .collect();
    let glossary: Vec<Value> = (0..120)
        .map(|i| {
            json!({
                "id": format!("term-{i}"), "term": format!("Term {i}"),
                "definition": sentence(i, 50), "sources": source, "as_of": "2026-08"
            })
        })
        .collect();
    let text =
        json!({ "strategies": strategies, "errors": errors, "glossary": glossary }).to_string();
    Knowledge::from_files(&[("synthetic.json", &text)]).expect("synthetic model")
}

fn bench_render(c: &mut Criterion, name: &str, knowledge: Knowledge) {
    let options = Options {
        tab: TabId::Library,
        ..Options::default()
    };
    let mut app = app_at(knowledge, options, 200, 60);
    // Select an entry well down the list and read it, with a link selected.
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Tab);
    let mut terminal = tui_bench::terminal(200, 60);
    bench_frame(c, name, &mut terminal, &mut app);
}

fn render_library(c: &mut Criterion) {
    bench_render(c, "library_200x60_fixture", tui_support::fixture());
    bench_render(c, "library_200x60_synthetic_360_entries", synthetic());
}

criterion_group!(benches, render_library);
criterion_main!(benches);
