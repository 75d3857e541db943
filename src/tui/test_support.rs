//! Fixtures for unit tests: the small model under `tests/fixtures/tui/` and contexts to feed
//! components without a terminal.

use super::component::Ctx;
use super::layout;
use super::theme::Theme;
use crate::model::Knowledge;
use ratatui::layout::Rect;

/// The fixture pack's files, embedded so tests do not depend on the working directory.
pub const FIXTURE_FILES: &[(&str, &str)] = &[
    (
        "strategies.json",
        include_str!("../../tests/fixtures/tui/strategies.json"),
    ),
    (
        "flows.json",
        include_str!("../../tests/fixtures/tui/flows.json"),
    ),
    (
        "errors.json",
        include_str!("../../tests/fixtures/tui/errors.json"),
    ),
    (
        "checks.json",
        include_str!("../../tests/fixtures/tui/checks.json"),
    ),
    (
        "practices.json",
        include_str!("../../tests/fixtures/tui/practices.json"),
    ),
    (
        "glossary.json",
        include_str!("../../tests/fixtures/tui/glossary.json"),
    ),
    (
        "cards.json",
        include_str!("../../tests/fixtures/tui/cards.json"),
    ),
    (
        "notes.json",
        include_str!("../../tests/fixtures/tui/notes.json"),
    ),
];

pub fn fixture() -> Knowledge {
    Knowledge::from_files(FIXTURE_FILES).expect("the fixture model is valid")
}

/// A context for a screen of `width` x `height`.
pub fn ctx<'a>(k: &'a Knowledge, theme: &'a Theme, width: u16, height: u16) -> Ctx<'a> {
    Ctx {
        knowledge: k,
        theme,
        body: layout::shell(Rect::new(0, 0, width, height)).body,
    }
}

/// Runs `test` on the tab component `open` makes over `k`, on an 80x24 screen in the dark
/// theme: the set-up most component tests share.
pub fn on_screen<T>(
    k: Knowledge,
    open: impl FnOnce(&Ctx<'_>) -> T,
    test: impl FnOnce(&mut T, &Ctx<'_>),
) {
    let theme = Theme::dark();
    let c = ctx(&k, &theme, 80, 24);
    let mut tab = open(&c);
    test(&mut tab, &c);
}
