//! Fixtures for unit tests: the small model under `tests/fixtures/tui/` and contexts to feed
//! components without a terminal.

use super::action::Action;
use super::component::{Component, Ctx, Intent};
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

/// Runs `test` on the tab component `open` makes over `k`, on a screen of `(width, height)`
/// in the dark theme: the set-up most component tests share.
pub fn on_screen<T>(
    k: Knowledge,
    (width, height): (u16, u16),
    open: impl FnOnce(&Ctx<'_>) -> T,
    test: impl FnOnce(&mut T, &Ctx<'_>),
) {
    let theme = Theme::dark();
    let c = ctx(&k, &theme, width, height);
    let mut tab = open(&c);
    test(&mut tab, &c);
}

/// Opens the selected link, then for each further target selects the next one with `step`
/// and opens it: each open must be a jump to that target, in turn.
pub fn opens_in_turn(tab: &mut impl Component, c: &Ctx<'_>, step: Action, targets: &[&str]) {
    for (at, target) in targets.iter().enumerate() {
        if at > 0 {
            tab.update(step, c);
        }
        let target = target.parse().expect("a kind:id target");
        assert_eq!(
            tab.update(Action::Open, c),
            Intent::JumpTo(target),
            "link {at}"
        );
    }
}

/// Asserts that `intent` puts `text` on the clipboard, whatever it calls it.
pub fn assert_copies(intent: Intent, text: &str) {
    assert!(
        matches!(&intent, Intent::Copy { text: copied, .. } if copied == text),
        "expected a copy of {text:?}, got {intent:?}"
    );
}
