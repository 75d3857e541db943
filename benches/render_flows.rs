//! Drawing the Flows tab with the shipped model on its longest flow (most steps), at 120x40
//! and 200x60: one frame as drawn, and a step forward plus the frame after it (what a key
//! press costs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use sfauth::model::{EntryKind, EntryRef, Knowledge};
use sfauth::tui::{Options, TabId, ThemeKind};
use std::hint::black_box;

mod tui_bench;
use tui_bench::{app_at, bench_frame, press};

fn bench_size(c: &mut Criterion, width: u16, height: u16) {
    let knowledge = Knowledge::builtin().expect("shipped model");
    let longest = knowledge
        .flows
        .iter()
        .max_by_key(|f| f.steps.len())
        .expect("the shipped model has flows");
    let steps = longest.steps.len();
    let entry = EntryRef::new(EntryKind::Flow, &longest.id);
    let options = Options {
        tab: TabId::Flows,
        entry: Some(entry),
        theme: ThemeKind::Dark,
        ..Options::default()
    };
    let mut app = app_at(knowledge, options, width, height);
    for _ in 0..steps / 2 {
        press(&mut app, KeyCode::Right);
    }
    let mut terminal = tui_bench::terminal(width, height);
    let name = format!("flows_{width}x{height}_frame");
    bench_frame(c, &name, &mut terminal, &mut app);
    c.bench_function(&format!("flows_{width}x{height}_step_and_frame"), |b| {
        let mut forward = true;
        b.iter(|| {
            // Back and forth around the middle so every iteration really moves.
            press(
                &mut app,
                if forward {
                    KeyCode::Right
                } else {
                    KeyCode::Left
                },
            );
            forward = !forward;
            terminal.draw(|frame| app.render(frame)).expect("draw");
            black_box(terminal.backend().buffer().area);
        });
    });
}

fn render_flows(c: &mut Criterion) {
    bench_size(c, 120, 40);
    bench_size(c, 200, 60);
}

criterion_group!(benches, render_flows);
criterion_main!(benches);
