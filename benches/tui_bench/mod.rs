//! Shared by the TUI benches: the app at a terminal size, key presses, and the frame benchmark.

#![allow(dead_code)]

use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sfauth::model::Knowledge;
use sfauth::tui::{App, MemoryClipboard, Options};
use std::hint::black_box;

/// The app on `knowledge`, laid out for a `width` x `height` terminal.
pub fn app_at(
    knowledge: Knowledge,
    options: Options,
    width: u16,
    height: u16,
) -> App<MemoryClipboard> {
    let mut app = App::new(knowledge, options, MemoryClipboard::default());
    app.set_size(width, height);
    app
}

pub fn press(app: &mut App<MemoryClipboard>, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// A test terminal of the app's size.
pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("test terminal")
}

/// Benchmarks drawing one frame of `app` as it stands.
pub fn bench_frame(
    c: &mut Criterion,
    name: &str,
    terminal: &mut Terminal<TestBackend>,
    app: &mut App<MemoryClipboard>,
) {
    c.bench_function(name, |b| {
        b.iter(|| {
            terminal.draw(|frame| app.render(frame)).expect("draw");
            black_box(terminal.backend().buffer().area);
        });
    });
}
