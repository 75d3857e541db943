//! The Choose tab on the shipped model: drawing a question and the longest-running outcome (the
//! JWT bearer path) at 120x40, and one key on the outcome (select the next link), which lays the
//! outcome out again to find the link's line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sfauth::model::Knowledge;
use sfauth::tui::{App, MemoryClipboard, Options, TabId, ThemeKind};
use std::hint::black_box;

fn press(app: &mut App<MemoryClipboard>, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn app() -> App<MemoryClipboard> {
    let options = Options {
        tab: TabId::Choose,
        entry: None,
        theme: ThemeKind::Dark,
        ..Options::default()
    };
    let mut app = App::new(
        Knowledge::builtin().expect("shipped model"),
        options,
        MemoryClipboard::default(),
    );
    app.set_size(120, 40);
    app
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
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");

    let mut question = app();
    answer(&mut question, &JWT_PATH[..2]);
    c.bench_function("choose_question_120x40", |b| {
        b.iter(|| {
            terminal.draw(|frame| question.render(frame)).expect("draw");
            black_box(terminal.backend().buffer().area);
        });
    });

    let mut outcome = app();
    answer(&mut outcome, JWT_PATH);
    press(&mut outcome, KeyCode::Tab);
    c.bench_function("choose_outcome_120x40", |b| {
        b.iter(|| {
            terminal.draw(|frame| outcome.render(frame)).expect("draw");
            black_box(terminal.backend().buffer().area);
        });
    });

    c.bench_function("choose_outcome_next_link", |b| {
        b.iter(|| {
            press(&mut outcome, KeyCode::Tab);
            black_box(outcome.choose().selected_link().is_some());
        });
    });
}

criterion_group!(benches, render_choose);
criterion_main!(benches);
