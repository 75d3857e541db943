//! The Inspect tab with the shipped model: a pasted bearer assertion evaluated (decode, verify
//! with a certificate, checks, the results model), and the results screen drawn at 120x40.
//! Evaluation runs on every keystroke in the token box, so it has to stay well under a frame.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::{Event, KeyCode};
use sfauth::model::Knowledge;
use sfauth::tui::{App, MemoryClipboard, Options, TabId};
use std::hint::black_box;
use std::path::PathBuf;

mod tui_bench;
use tui_bench::{app_at, bench_frame, press};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

fn app() -> App<MemoryClipboard> {
    let options = Options {
        tab: TabId::Inspect,
        now: DateTime::from_timestamp(1_798_761_600, 0),
        ..Options::default()
    };
    let mut app = app_at(
        Knowledge::builtin().expect("shipped model"),
        options,
        120,
        40,
    );
    // The certificate goes in the Key field, so every evaluation verifies RS256 too.
    press(&mut app, KeyCode::Char('i'));
    press(&mut app, KeyCode::Tab);
    app.handle_event(&Event::Paste(fixture("cert.pem")));
    press(&mut app, KeyCode::Esc);
    app
}

fn render_inspect(c: &mut Criterion) {
    let token = fixture("aud-slash.jwt");
    let mut app = app();
    c.bench_function("inspect_paste_and_evaluate_with_key", |b| {
        b.iter(|| {
            app.handle_event(&Event::Paste(token.clone()));
            black_box(app.inspect().evaluation());
        });
    });
    let mut terminal = tui_bench::terminal(120, 40);
    bench_frame(c, "inspect_results_120x40", &mut terminal, &mut app);
}

criterion_group!(benches, render_inspect);
criterion_main!(benches);
