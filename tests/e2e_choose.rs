//! End to end: the Choose tab in the real binary, in a real pseudo-terminal (tmux), on the
//! shipped model. Answers the wizard to its recommendation, steps back, follows a link into the
//! Library, comes back, and quits. Polls the screen with a timeout; never sleeps a fixed time.
//! Skipped, with a notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sfauth::model::Knowledge;
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

/// The number key of `value` among the options of question `id` in the shipped wizard.
fn key_for(k: &Knowledge, id: &str, value: &str) -> String {
    let q = k.wizard.questions.iter().find(|q| q.id == id).unwrap();
    let at = q.options.iter().position(|o| o.value == value).unwrap();
    (at + 1).to_string()
}

/// The body's title line (the second row of the screen).
fn title(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or_default()
}

#[test]
fn choose_answers_to_a_recommendation_follows_a_link_and_comes_back() {
    if !tmux_available() {
        println!("skipping the end-to-end Choose test: tmux is not installed");
        return;
    }
    let k = Knowledge::builtin().unwrap();
    let binary = env!("CARGO_BIN_EXE_sfauth");
    assert!(!binary.contains('\''));
    let tmux = Tmux {
        socket: format!("sfauth-e2e-choose-{}", std::process::id()),
        session: "choose".into(),
    };
    // The shell reports sfauth's exit status on the normal screen and waits, so the screen can
    // be read while the pane is still alive.
    let script = format!(
        "env -u SFAUTH_PACK -u NO_COLOR '{binary}' --tab choose; \
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

    tmux.wait_until("the first question", |s| {
        title(s).contains("Choose: question 1") && s.contains("No answers yet")
    });

    // Answer with number keys, then the last question with the arrows and enter.
    let path = [
        ("direction", "inbound"),
        ("caller", "backend"),
        ("idp", "none"),
        ("identity", "integration-user"),
    ];
    for (i, (id, value)) in path.iter().enumerate() {
        tmux.text(&key_for(&k, id, value));
        let next = format!("Choose: question {} ", i + 2);
        tmux.wait_until(&next, |s| title(s).contains(&next));
    }
    let yes: usize = key_for(&k, "can_sign_jwt", "yes").parse().unwrap();
    for _ in 1..yes {
        tmux.keys(&["Down"]);
    }
    tmux.keys(&["Enter"]);
    let outcome = tmux.wait_until("the recommendation", |s| {
        title(s).contains("Choose: recommendation") && s.contains("1. OAuth 2.0 JWT Bearer Flow")
    });
    assert!(outcome.contains("can_sign_jwt yes"), "{outcome}");

    // Backspace goes back to the last question to change it; the same answer comes back to
    // the same recommendation.
    tmux.keys(&["BSpace"]);
    tmux.wait_until("changing the last answer", |s| {
        title(s).contains("changing the answer") && s.contains("current answer")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_until("the recommendation again", |s| {
        title(s).contains("Choose: recommendation")
    });

    // Tab selects the top pick's entry, enter opens it in the Library.
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_until("the Library entry", |s| {
        title(s).contains(" strategy:jwt-bearer ") && s.contains("esc: back to strategy:jwt-bearer")
    });

    // Esc comes back to the recommendation, where it was.
    tmux.keys(&["Escape"]);
    tmux.wait_until("back on the recommendation", |s| {
        title(s).contains("Choose: recommendation") && s.contains("1. OAuth 2.0 JWT Bearer Flow")
    });

    // r starts over.
    tmux.text("r");
    tmux.wait_until("the first question again", |s| {
        title(s).contains("Choose: question 1") && s.contains("started over")
    });

    tmux.text("q");
    let screen = tmux.wait_for("sfauth-exit=0");
    assert!(
        !screen.contains("Choose: "),
        "the alternate screen was not left:\n{screen}"
    );
}
