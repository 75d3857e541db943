//! The Drill tab on the shipped model: building it (the deck is generated from the model when
//! the app starts), and drawing a card and the statistics at 120x40.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sfauth::drill::Progress;
use sfauth::model::Knowledge;
use sfauth::tui::drill::Drill;
use sfauth::tui::{App, Clock, DrillOptions, MemoryClipboard, Options, TabId};
use std::hint::black_box;

fn options() -> DrillOptions {
    DrillOptions {
        data_dir: None,
        clock: Clock::Fixed {
            now: DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
                .unwrap()
                .to_utc(),
            offset: FixedOffset::east_opt(0).unwrap(),
        },
        ..DrillOptions::default()
    }
}

fn press(app: &mut App<MemoryClipboard>, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

fn drill_tab(c: &mut Criterion) {
    let k = Knowledge::builtin().unwrap();
    let drill = options();
    c.bench_function("drill_tab_new_shipped_model", |b| {
        b.iter(|| black_box(Drill::new(&k, Progress::new(), &drill, String::new())));
    });

    let mut app = App::new(
        k,
        Options {
            tab: TabId::Drill,
            drill,
            ..Options::default()
        },
        MemoryClipboard::default(),
    );
    app.set_size(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("drill_tab_render_card_120x40", |b| {
        b.iter(|| {
            terminal.draw(|frame| app.render(frame)).unwrap();
            black_box(terminal.backend().buffer().area);
        });
    });
    press(&mut app, 't');
    c.bench_function("drill_tab_render_stats_120x40", |b| {
        b.iter(|| {
            terminal.draw(|frame| app.render(frame)).unwrap();
            black_box(terminal.backend().buffer().area);
        });
    });
}

criterion_group!(benches, drill_tab);
criterion_main!(benches);
