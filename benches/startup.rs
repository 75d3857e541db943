//! What a call pays before it does its work. `validated` is what every call paid before
//! start-up began to trust the shipped model (the tests validate it); `trusted` is the whole
//! model as the terminal UI and most subcommands load it; `inspect_kinds` is what `sfauth inspect`
//! loaded before its checks and errors were parsed on demand (`inspect_on_demand`, naming one
//! check and its error); `kb_show_j7` is `sfauth kb show J7` (the entries named J7 and those they
//! link to); `tui_first_frame` is the terminal UI up to its first frame, on a test backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sfauth::model::{EntryKind, Knowledge};
use sfauth::tui::{App, MemoryClipboard, Options};
use std::hint::black_box;

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.bench_function("validated", |b| {
        b.iter(|| black_box(Knowledge::builtin_checked().is_ok()))
    });
    group.bench_function("trusted", |b| {
        b.iter(|| black_box(Knowledge::builtin().is_ok()))
    });
    let inspect = [EntryKind::Check, EntryKind::Error];
    group.bench_function("inspect_kinds", |b| {
        b.iter(|| black_box(Knowledge::builtin_kinds(&inspect).is_ok()))
    });
    group.bench_function("inspect_on_demand", |b| {
        b.iter(|| {
            let k = Knowledge::builtin_checks_on_demand();
            let predicts = k.check("J7").and_then(|c| c.predicts.clone());
            black_box(predicts.and_then(|p| k.error(&p).map(|e| e.id.len())))
        })
    });
    group.bench_function("kb_show_j7", |b| {
        b.iter(|| black_box(Knowledge::builtin_around(|_, id| id == "J7").is_ok()))
    });
    group.bench_function("tui_first_frame", |b| {
        b.iter(|| {
            let knowledge = Knowledge::builtin().expect("shipped model");
            let app = App::new(knowledge, Options::default(), MemoryClipboard::default());
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
            terminal.draw(|frame| app.render(frame)).expect("draw");
            black_box(terminal.backend().buffer().area)
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
