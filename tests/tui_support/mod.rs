//! Shared by the TUI integration tests: the fixture model, key scripts and screen capture.

#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};
use sfauth::model::Knowledge;
use sfauth::tui::keymap::Key;
use sfauth::tui::{App, MemoryClipboard, Options, TabId};
use std::path::PathBuf;

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

/// The fixture pack as a model on its own (no shipped content), so screens do not change when
/// the shipped model does.
pub fn fixture() -> Knowledge {
    fixture_with(&[])
}

/// The fixture pack plus `extra` files (name, JSON text), as one model.
pub fn fixture_with(extra: &[(&str, &str)]) -> Knowledge {
    let mut files: Vec<(String, String)> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    let mut refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    refs.extend_from_slice(extra);
    Knowledge::from_files(&refs).unwrap()
}

/// Starts on the Library (the app itself starts on the first present tab).
pub fn library() -> Options {
    Options {
        tab: TabId::Library,
        ..Options::default()
    }
}

pub fn app(options: Options) -> App<MemoryClipboard> {
    App::new(fixture(), options, MemoryClipboard::default())
}

/// Presses keys written in keymap notation, space-separated: `"j j enter ctrl-c"`.
pub fn press(app: &mut App<MemoryClipboard>, keys: &str) {
    for k in keys.split_whitespace() {
        let key: Key = k.parse().unwrap();
        app.handle_event(&Event::Key(KeyEvent::new(key.code, key.modifiers)));
    }
}

/// Types literal text, one key per character.
pub fn type_text(app: &mut App<MemoryClipboard>, text: &str) {
    for c in text.chars() {
        app.handle_event(&Event::Key(KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )));
    }
}

/// Presses `open` (keys that reach a text field), types `text` there, then presses `close`.
pub fn fill(app: &mut App<MemoryClipboard>, open: &str, text: &str, close: &str) {
    press(app, open);
    type_text(app, text);
    press(app, close);
}

/// Draws the app on a test terminal of this size.
pub fn draw(app: &mut App<MemoryClipboard>, width: u16, height: u16) -> Terminal<TestBackend> {
    app.set_size(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal
}

/// The screen as plain text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Draws `app` at this size and checks that each of `wanted` stands on the screen, naming the
/// one missing; returns the screen for further checks.
pub fn assert_screen_shows(
    app: &mut App<MemoryClipboard>,
    width: u16,
    height: u16,
    wanted: &[&str],
) -> String {
    let screen = screen_text(&draw(app, width, height));
    for text in wanted {
        assert!(screen.contains(text), "{text}: {screen}");
    }
    screen
}

/// A link followed on the `from` tab opened `shown` in the Library, whose footer offers the way
/// back, and esc takes it.
pub fn assert_library_round_trip(app: &mut App<MemoryClipboard>, shown: &str, from: TabId) {
    assert_eq!(app.active_tab(), TabId::Library);
    assert_eq!(
        app.library().shown().map(ToString::to_string).as_deref(),
        Some(shown)
    );
    let back = format!("esc: back to {}: ", from.title());
    assert_screen_shows(app, 80, 24, &[&back]);
    press(app, "esc");
    assert_eq!(app.active_tab(), from);
}

/// The footer (the screen's last row) of `app` drawn at this size.
pub fn footer(app: &mut App<MemoryClipboard>, width: u16, height: u16) -> String {
    let screen = screen_text(&draw(app, width, height));
    screen.lines().last().unwrap().to_string()
}

/// Without colours (`NO_COLOR`, the mono theme) no cell has a colour and `what` still shows
/// through reverse video.
pub fn assert_no_colours(terminal: &Terminal<TestBackend>, what: &str) {
    use ratatui::style::{Color, Modifier};
    let mut reversed = 0;
    for cell in terminal.backend().buffer().content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed > 0, "{what} show through reverse video");
}

/// Where `needle` first stands on the screen: its column (in cells) and row.
pub fn position_of(terminal: &Terminal<TestBackend>, needle: &str) -> Option<(u16, u16)> {
    screen_text(terminal)
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            let col = line.find(needle)?;
            let x = line[..col].chars().count();
            Some((u16::try_from(x).unwrap(), u16::try_from(y).unwrap()))
        })
}

/// On the screen that `reach` leads to, each number key switches to its tab and changes
/// nothing that `record` reports (answers given, reviews saved).
pub fn assert_digits_switch_tabs<T: PartialEq + std::fmt::Debug>(
    screen: &str,
    mut reach: impl FnMut() -> App<MemoryClipboard>,
    record: impl Fn(&App<MemoryClipboard>) -> T,
) {
    for tab in TabId::ALL {
        let mut app = reach();
        let before = record(&app);
        press(&mut app, &tab.number().to_string());
        assert_eq!(app.active_tab(), tab, "{screen}: key {}", tab.number());
        assert_eq!(
            record(&app),
            before,
            "{screen}: key {} answered",
            tab.number()
        );
    }
}

/// Compares `terminal` with the reviewed snapshot `name` and, when `styled` holds, its colours
/// (every row, see [`styled_text`]) with `name_styled`. A macro, so that insta files the
/// snapshots with the calling test's own.
#[allow(unused_macros)]
macro_rules! assert_screen {
    ($name:expr, $terminal:expr, $styled:expr) => {{
        insta::assert_snapshot!($name, $terminal.backend());
        if $styled {
            let rows = 0..$terminal.backend().buffer().area.height;
            insta::assert_snapshot!(
                format!("{}_styled", $name),
                $crate::tui_support::styled_text(&$terminal, rows)
            );
        }
    }};
}
#[allow(unused_imports)]
pub(crate) use assert_screen;

/// Rows `rows` of the screen as text with style markers, for snapshots where colour carries
/// meaning (the highlighted step, the selection, severities, badges). A marker `⟨fg bg +MODS⟩`
/// stands before each cell whose style differs from the cell before it (`⟨⟩`: the default);
/// every row starts afresh.
pub fn styled_text(terminal: &Terminal<TestBackend>, rows: std::ops::Range<u16>) -> String {
    use ratatui::style::{Color, Modifier};
    fn marker(fg: Color, bg: Color, modifier: Modifier) -> String {
        let mut parts = Vec::new();
        if fg != Color::Reset {
            parts.push(format!("{fg}"));
        }
        if bg != Color::Reset {
            parts.push(format!("on {bg}"));
        }
        for (name, _) in modifier.iter_names() {
            parts.push(format!("+{name}"));
        }
        format!("⟨{}⟩", parts.join(" "))
    }
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in rows.filter(|y| *y < buffer.area.height) {
        let mut last = None;
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                out.push_str(&marker(cell.fg, cell.bg, cell.modifier));
                last = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}
