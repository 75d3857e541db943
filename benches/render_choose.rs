//! The Choose tab on the shipped model: drawing a question and the longest-running outcome (the
//! JWT bearer path) at 120x40, and one key on the outcome (select the next link), which lays the
//! outcome out again to find the link's line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use sfauth::model::Knowledge;
use sfauth::tui::{App, MemoryClipboard, Options, TabId, ThemeKind};
use std::hint::black_box;

mod tui_bench;
use tui_bench::{app_at, bench_frame, press};

fn app() -> App<MemoryClipboard> {
    let options = Options {
        tab: TabId::Choose,
        theme: ThemeKind::Dark,
        ..Options::default()
    };
    app_at(
        Knowledge::builtin().expect("shipped model"),
        options,
        120,
        40,
    )
}

/// Answers `id=value` pairs with the options' number keys.
fn answer(app: &mut App<MemoryClipboard>, pairs: &[(&str, &str)]) {
    for (id, value) in pairs {
        let q = app
            .knowledge()
            .wizard
            .questions
            .iter()
            .find(|q| q.id == *id)
            .expect("question");
        let at = q
            .options
            .iter()
            .position(|o| o.value == *value)
            .expect("option");
        let key = char::from_digit(u32::try_from(at + 1).expect("small"), 10).expect("digit");
        press(app, KeyCode::Char(key));
    }
}

const JWT_PATH: &[(&str, &str)] = &[
    ("direction", "inbound"),
    ("caller", "backend"),
    ("idp", "none"),
    ("identity", "integration-user"),
    ("can_sign_jwt", "yes"),
];

fn render_choose(c: &mut Criterion) {
    let mut terminal = tui_bench::terminal(120, 40);

    let mut question = app();
    answer(&mut question, &JWT_PATH[..2]);
    bench_frame(c, "choose_question_120x40", &mut terminal, &mut question);

    let mut outcome = app();
    answer(&mut outcome, JWT_PATH);
    press(&mut outcome, KeyCode::Tab);
    bench_frame(c, "choose_outcome_120x40", &mut terminal, &mut outcome);

    c.bench_function("choose_outcome_next_link", |b| {
        b.iter(|| {
            press(&mut outcome, KeyCode::Tab);
            black_box(outcome.choose().selected_link().is_some());
        });
    });
}

criterion_group!(benches, render_choose);
criterion_main!(benches);
