//! The Drill tab on the shipped model: building it (the deck is generated from the model when
//! the app starts), and drawing a card and the statistics at 120x40.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use sfauth::drill::Progress;
use sfauth::model::Knowledge;
use sfauth::tui::drill::Drill;
use sfauth::tui::{Clock, DrillOptions, Options, TabId};
use std::hint::black_box;

mod tui_bench;
use tui_bench::{app_at, bench_frame, press};

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

fn drill_tab(c: &mut Criterion) {
    let k = Knowledge::builtin().unwrap();
    let drill = options();
    c.bench_function("drill_tab_new_shipped_model", |b| {
        b.iter(|| black_box(Drill::new(&k, Progress::new(), &drill, String::new())));
    });

    let options = Options {
        tab: TabId::Drill,
        drill,
        ..Options::default()
    };
    let mut app = app_at(k, options, 120, 40);
    let mut terminal = tui_bench::terminal(120, 40);
    bench_frame(c, "drill_tab_render_card_120x40", &mut terminal, &mut app);
    press(&mut app, KeyCode::Char('t'));
    bench_frame(c, "drill_tab_render_stats_120x40", &mut terminal, &mut app);
}

criterion_group!(benches, drill_tab);
criterion_main!(benches);
