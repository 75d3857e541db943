//! End to end: `sfauth drill` in a real pseudo-terminal (tmux), driven by keys and read back as
//! screen text. Three cards are answered, sfauth quits, and the progress is there afterwards:
//! in `sfauth drill stats --json` and in the tab's statistics when it starts again. Polls the
//! screen with a timeout; never sleeps a fixed time. Skipped, with a notice, where tmux is not
//! installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::Path;
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

/// The last line of the screen: the key hints, which name the card's mode.
fn footer(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
}

/// Starts `sfauth drill --data-dir DIR` in a fresh tmux session (100x30). The shell waits
/// after sfauth exits and prints its status, so the screen can be read while the pane lives.
fn start_drill(data: &Path, run: usize) -> Tmux {
    let binary = env!("CARGO_BIN_EXE_sfauth");
    let data = data.to_str().unwrap();
    assert!(!binary.contains('\'') && !data.contains('\''));
    let tmux = Tmux {
        socket: format!("sfauth-e2e-drill-{}-{run}", std::process::id()),
        session: "drill".into(),
    };
    let script = format!(
        "env -u SFAUTH_PACK -u NO_COLOR -u SFAUTH_DATA_DIR TZ=UTC '{binary}' drill --data-dir '{data}'; \
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
    tmux
}

/// Answers the card on screen, whatever its mode, and waits for the next one.
fn answer_card(tmux: &Tmux, number: usize) {
    let screen = tmux.wait_until(&format!("card {number}"), |s| {
        s.contains(&format!("Card {number} of")) && s.lines().any(|l| l.contains("? help"))
    });
    let hints = footer(&screen);
    if hints.contains("show answer") {
        tmux.keys(&["Space"]);
        tmux.wait_for("How well did you remember it?");
        tmux.text("3");
    } else if hints.contains("pick") {
        tmux.text("1");
        tmux.wait_until("the choice's feedback", |s| {
            s.contains("Right: graded good.") || s.contains("Not quite:")
        });
        tmux.text("n");
    } else if hints.contains("move step") {
        tmux.keys(&["Enter"]);
        tmux.wait_until("the order's feedback", |s| {
            s.contains("Every step in place") || s.contains("out of place")
        });
        tmux.text("n");
    } else {
        panic!("no card mode in the key hints:\n{screen}");
    }
    tmux.wait_until(&format!("card {} to go", number), |s| {
        !s.contains(&format!("Card {number} of"))
    });
}

fn quit(tmux: &Tmux) {
    tmux.text("q");
    let screen = tmux.wait_for("sfauth-exit=0");
    assert!(
        !screen.contains("Card "),
        "the alternate screen was not left:\n{screen}"
    );
}

#[test]
fn three_answers_survive_a_restart() {
    if !tmux_available() {
        println!("skipping the end-to-end Drill test: tmux is not installed");
        return;
    }
    let data = tempfile::tempdir().unwrap();

    let first = start_drill(data.path(), 1);
    first.wait_until("the Drill tab", |s| {
        s.lines().next().is_some_and(|l| l.contains("Drill")) && s.contains("Card 1 of")
    });
    for number in 1..=3 {
        answer_card(&first, number);
    }
    first.wait_for("last answer:");
    quit(&first);
    drop(first);

    let out = Command::new(env!("CARGO_BIN_EXE_sfauth"))
        .env_remove("SFAUTH_PACK")
        .env_remove("SFAUTH_DATA_DIR")
        .env("TZ", "UTC")
        .args(["drill", "stats", "--json", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["reviewed"], 3, "{stats}");
    assert_eq!(stats["reviews"], 3, "{stats}");

    let second = start_drill(data.path(), 2);
    second.wait_for("Card 1 of");
    second.text("t");
    let screen = second.wait_for("Drill: statistics");
    assert!(screen.contains("3 reviewed (3 reviews)"), "{screen}");
    quit(&second);
}
