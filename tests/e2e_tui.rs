//! End to end: the real binary in a real pseudo-terminal (tmux), driven by keys, read back as
//! screen text. Polls the screen with a timeout; never sleeps a fixed time. Skipped, with a
//! notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::{SHELL_READY, Start, TIMEOUT, Tmux, sfauth_script, tab_bar, title, tmux_missing};
use sfauth::tui::TabId;
use std::path::PathBuf;
use std::time::Instant;

/// The title on the detail pane's top border: the `kind:id` shown.
fn shows(screen: &str, reference: &str) -> bool {
    title(screen).contains(&format!(" {reference} "))
}

#[test]
fn the_binary_runs_in_a_terminal_and_restores_it() {
    if tmux_missing("TUI") {
        return;
    }
    let pack = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let pack = pack.to_str().unwrap();
    assert!(!pack.contains('\''));
    // The shell waits for Enter to start sfauth, so the start can be timed from a key.
    let script = sfauth_script(
        Start::OnEnter,
        "",
        &format!("--pack '{pack}' --tab library"),
    );
    let tmux = Tmux::start("tui", 100, 30, &script);
    tmux.wait_for(SHELL_READY);

    // Start to first frame, as a whole process: from the key that starts it until the tab bar
    // and the footer are on screen. This includes tmux's own latency, so it is an upper bound.
    let started = Instant::now();
    tmux.keys(&["Enter"]);
    let first = loop {
        let screen = tmux.screen();
        if tab_bar(&screen).contains("Library") && screen.contains("? help") {
            break started.elapsed();
        }
        assert!(started.elapsed() < TIMEOUT, "no first frame:\n{screen}");
    };
    println!(
        "start to first frame (whole process, through tmux): {:.1} ms",
        first.as_secs_f64() * 1000.0
    );

    // Switch tabs. Each tab's number opens it from the Library, and `5` comes back from any.
    for tab in TabId::ALL {
        if tab == TabId::Library {
            continue;
        }
        tmux.text(&tab.number().to_string());
        tmux.wait_until(&format!("the {} tab", tab.title()), |s| {
            !s.contains("Library: ") && tab_bar(s).contains(tab.title())
        });
        tmux.text(&TabId::Library.number().to_string());
        tmux.wait_for("Library: ");
    }
    // Tab leaves the Library (wrapping to the first tab) and shift-Tab comes back.
    tmux.keys(&["Tab"]);
    if TabId::Library.cycle(true) != TabId::Library {
        tmux.wait_until("Tab to leave the Library", |s| !s.contains("Library: "));
    }
    tmux.keys(&["BTab"]);
    tmux.wait_for("Library: ");

    // Search the Library and open a match.
    tmux.text("/");
    tmux.wait_for("Search");
    tmux.text("fx-no-run-as");
    tmux.wait_until("the search match", |s| {
        s.contains("Search: 1 match") && shows(s, "error:fx-no-run-as-user")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_until("the opened match", |s| {
        s.contains("Library: ") && shows(s, "error:fx-no-run-as-user")
    });

    // Jump along a link, then go back.
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_until("the jump", |s| shows(s, "strategy:fx-client-credentials"));
    tmux.wait_for("esc: back to Library: ");
    tmux.keys(&["Escape"]);
    tmux.wait_until("going back", |s| shows(s, "error:fx-no-run-as-user"));

    // Help opens over the screen and closes again.
    tmux.text("?");
    tmux.wait_until("help", |s| {
        s.contains(" Help ") && s.contains("Library entry")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("help to close", |s| !s.contains(" Help "));

    // Quit: exit status 0, and the normal screen is back (the shell's lines, no tab bar).
    tmux.text("q");
    let screen = tmux.wait_for_exit(0);
    assert!(screen.contains(SHELL_READY), "{screen}");
    assert!(
        !screen.contains("Library"),
        "the alternate screen was not left:\n{screen}"
    );
    // The exit status was read above from the shell that ran sfauth; the pane's own dead-status
    // is not polled because tmux fills it in only after reaping, which under load can outlast
    // any timeout.
    tmux.keys(&["Enter"]);
}
