//! End to end: the real binary in a real pseudo-terminal (tmux), driven by keys, read back as
//! screen text. Polls the screen with a timeout; never sleeps a fixed time. Skipped, with a
//! notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sfauth::tui::TabId;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(15);

/// A private tmux server (its own socket) holding one session; killed on drop.
struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Polls the screen until `check` holds; fails with the last screen after the timeout.
    fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("\"{text}\""), |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The first line of the screen (the tab bar).
fn tab_bar(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// The title on the detail pane's top border: the `kind:id` shown.
fn shows(screen: &str, reference: &str) -> bool {
    screen
        .lines()
        .nth(1)
        .is_some_and(|l| l.contains(&format!(" {reference} ")))
}

#[test]
fn the_binary_runs_in_a_terminal_and_restores_it() {
    if !tmux_available() {
        println!("skipping the end-to-end TUI test: tmux is not installed");
        return;
    }
    let binary = env!("CARGO_BIN_EXE_sfauth");
    let pack = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let pack = pack.to_str().unwrap();
    assert!(!binary.contains('\'') && !pack.contains('\''));
    let tmux = Tmux {
        socket: format!("sfauth-e2e-{}", std::process::id()),
        session: "e2e".into(),
    };
    // The shell prints a marker, waits for a line (so the start can be timed from a key), runs
    // sfauth, reports its exit status on the normal screen, and waits again before it exits
    // with that status: tmux 3.3 drops a dead pane's earlier main-screen lines once the
    // alternate screen has been used, so the screen is read while the pane is still alive.
    let script = format!(
        "printf 'shell-ready\\n'; read go; env -u SFAUTH_PACK -u NO_COLOR '{binary}' --pack '{pack}'; \
         s=$?; printf 'sfauth-exit=%s\\n' \"$s\"; read done; exit \"$s\""
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        &tmux.session,
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    tmux.run(&["set-option", "-t", &tmux.session, "remain-on-exit", "on"]);
    tmux.wait_for("shell-ready");

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

    // Switch tabs: with number keys and Tab; tabs that are not built yet say so.
    for tab in TabId::ALL {
        tmux.text(&tab.number().to_string());
        if tab.is_present() {
            tmux.wait_until(&format!("the {} tab", tab.title()), |s| {
                tab_bar(s).contains(tab.title())
            });
        } else {
            tmux.wait_for(&format!("no {} tab in this version", tab.title()));
        }
    }
    tmux.text("5");
    tmux.keys(&["Tab", "BTab"]);
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
    tmux.wait_for("esc: back to error:fx-no-run-as-user");
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
    let screen = tmux.wait_for("sfauth-exit=0");
    assert!(screen.contains("shell-ready"), "{screen}");
    assert!(
        !screen.contains("Library"),
        "the alternate screen was not left:\n{screen}"
    );
    tmux.keys(&["Enter"]);
    // tmux marks the pane dead when its terminal closes and fills in the status once it has
    // reaped the process, so poll until both are there.
    let start = Instant::now();
    let status = loop {
        let status = tmux.run(&[
            "display-message",
            "-p",
            "-t",
            &tmux.session,
            "#{pane_dead} #{pane_dead_status}",
        ]);
        if status.split_whitespace().count() == 2 || start.elapsed() > TIMEOUT {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(status.trim(), "1 0");
}
