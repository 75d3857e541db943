//! Screens of the TUI drawn on a test backend and compared with reviewed snapshots. The model
//! is the fixture pack under tests/fixtures/tui, so these do not move with shipped content.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use tui_support::{app, draw, library, press, type_text};

/// Each screen: its snapshot's name, the keys pressed from the Library, the text typed after
/// them, and the terminal size.
const SCREENS: [(&str, &str, &str, u16, u16); 7] = [
    ("library_80x24", "", "", 80, 24),
    // Reading an entry with a link selected.
    ("library_120x40_link_selected", "j j j l tab", "", 120, 40),
    ("library_120x40_after_jump", "l tab tab enter", "", 120, 40),
    ("library_search_80x24", "/", "jwt", 80, 24),
    ("help_overlay_80x24", "?", "", 80, 24),
    // One cell short of the smallest size: the too-small message.
    ("too_small_59x15", "", "", 59, 15),
    // The smallest usable size still shows the layout.
    ("library_60x16", "", "", 60, 16),
];

#[test]
fn screens_match_their_snapshots() {
    for (snapshot, keys, typed, width, height) in SCREENS {
        let mut app = app(library());
        press(&mut app, keys);
        type_text(&mut app, typed);
        let terminal = draw(&mut app, width, height);
        insta::assert_snapshot!(snapshot, terminal.backend());
    }
}
