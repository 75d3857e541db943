//! End to end: `sfauth drill` in a real pseudo-terminal (tmux), driven by keys and read back as
//! screen text. Three cards are answered, sfauth quits, and the progress is there afterwards:
//! in `sfauth drill stats --json` and in the tab's statistics when it starts again. Polls the
//! screen with a timeout; never sleeps a fixed time. Skipped, with a notice, where tmux is not
//! installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::{Start, Tmux, sfauth_script, tab_bar, tmux_missing};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

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
    let data = data.to_str().unwrap();
    assert!(!data.contains('\''));
    Tmux::start(
        &format!("drill-{run}"),
        100,
        30,
        &sfauth_script(
            Start::Now,
            "-u SFAUTH_DATA_DIR TZ=UTC",
            &format!("drill --data-dir '{data}'"),
        ),
    )
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
        tmux.text("g");
    } else if hints.contains("pick") {
        tmux.text("a");
        let feedback = tmux.wait_until("the choice's feedback", |s| {
            s.contains("How sure were you?") || s.contains("Not quite:")
        });
        grade_or_go_on(tmux, &feedback);
    } else if hints.contains("move step") {
        tmux.keys(&["Enter"]);
        let feedback = tmux.wait_until("the order's feedback", |s| {
            s.contains("How sure were you?") || s.contains("out of place")
        });
        grade_or_go_on(tmux, &feedback);
    } else {
        panic!("no card mode in the key hints:\n{screen}");
    }
    tmux.wait_until(&format!("card {} to go", number), |s| {
        !s.contains(&format!("Card {number} of"))
    });
}

/// A right answer waits for its confidence grade (g, good); a wrong one is graded already.
fn grade_or_go_on(tmux: &Tmux, feedback: &str) {
    if feedback.contains("How sure were you?") {
        tmux.text("g");
    } else {
        tmux.text("n");
    }
}

fn quit(tmux: &Tmux) {
    tmux.text("q");
    let screen = tmux.wait_for_exit(0);
    assert!(
        !screen.contains("Card "),
        "the alternate screen was not left:\n{screen}"
    );
}

#[test]
fn three_answers_survive_a_restart() {
    if tmux_missing("Drill") {
        return;
    }
    let data = tempfile::tempdir().unwrap();

    let first = start_drill(data.path(), 1);
    first.wait_until("the Drill tab", |s| {
        tab_bar(s).contains("Drill") && s.contains("Card 1 of")
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
