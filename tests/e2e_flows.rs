//! End to end: the Flows tab of the real binary in a real pseudo-terminal (tmux), driven by
//! keys and read back as screen text. Opens `--tab flows`, picks the JWT bearer flow, steps to
//! its token request, copies it, plays (through the event loop's timer), and quits. Polls the
//! screen with a timeout; never sleeps a fixed time. Skipped, with a notice, where tmux is not
//! installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sfauth::model::Knowledge;
use sfauth::tui::flows::Flows;
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

#[test]
fn the_flows_tab_steps_through_jwt_bearer_and_shows_its_request() {
    if !tmux_available() {
        println!("skipping the end-to-end Flows test: tmux is not installed");
        return;
    }
    // What to expect comes from the shipped model, so the test follows its content.
    let k = Knowledge::builtin().unwrap();
    let flow = k.flow("jwt-bearer").unwrap();
    let position = Flows::new(&k)
        .ids()
        .iter()
        .position(|id| id == "jwt-bearer")
        .unwrap();
    let (request, http) = flow
        .steps
        .iter()
        .enumerate()
        .find_map(|(i, s)| {
            let http = s.http.as_ref()?;
            (http.method.is_some() && http.url.is_some()).then_some((i, http))
        })
        .expect("the JWT bearer flow has an HTTP request");
    let request_line = format!(
        "{} {}",
        http.method.as_deref().unwrap(),
        http.url.as_deref().unwrap()
    );
    let request_line: String = request_line.chars().take(60).collect();
    let steps = flow.steps.len();

    let binary = env!("CARGO_BIN_EXE_sfauth");
    assert!(!binary.contains('\''));
    let tmux = Tmux {
        socket: format!("sfauth-e2e-flows-{}", std::process::id()),
        session: "e2e".into(),
    };
    // As in e2e_tui.rs: the shell waits for a line before and after sfauth so the screen can
    // be read while the pane is alive, and reports sfauth's exit status on the normal screen.
    let script = format!(
        "printf 'shell-ready\\n'; read go; env -u SFAUTH_PACK -u NO_COLOR '{binary}' --tab flows; \
         s=$?; printf 'sfauth-exit=%s\\n' \"$s\"; read done; exit \"$s\""
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        &tmux.session,
        "-x",
        "120",
        "-y",
        "40",
        "sh",
        "-c",
        &script,
    ]);
    tmux.run(&["set-option", "-t", &tmux.session, "remain-on-exit", "on"]);
    tmux.wait_for("shell-ready");
    tmux.keys(&["Enter"]);
    tmux.wait_until("the Flows tab", |s| {
        s.contains(&format!("Flows: {}", k.flows.len())) && s.contains("→/← step")
    });

    // Pick the JWT bearer flow in the list: its name titles the diagram.
    tmux.text(&"j".repeat(position));
    tmux.wait_until("the JWT bearer diagram", |s| {
        s.contains(&flow.name) && s.contains(&format!("step 1/{steps}"))
    });

    // Step to its token request: the arrow is highlighted and the details show the request.
    for _ in 0..request {
        tmux.keys(&["Right"]);
    }
    let screen = tmux.wait_until("the request step", |s| {
        s.contains(&format!("step {}/{steps}", request + 1))
            && s.contains("HTTP request")
            && s.contains(&request_line)
    });
    assert!(
        screen.contains(&format!("Step {} of {steps}", request + 1)),
        "{screen}"
    );
    // `p` goes back a step and `n` forward again.
    tmux.text("p");
    tmux.wait_for(&format!("step {}/{steps}", request));
    tmux.text("n");
    tmux.wait_for(&format!("step {}/{steps}", request + 1));

    // Copy the request as curl (without a display the copy goes through the terminal).
    tmux.text("y");
    tmux.wait_for(&format!("(step {} as curl)", request + 1));

    // Play: the event loop's timer moves to the next step with no key pressed; a key stops it.
    if request + 2 < steps {
        tmux.text("a");
        tmux.wait_for("▶ playing");
        tmux.wait_for(&format!("step {}/{steps}", request + 2));
        tmux.text("x");
        tmux.wait_until("playback to stop", |s| {
            s.contains("stopped at step") && !s.contains("▶ playing")
        });
    }

    // Quit: exit status 0 and the normal screen is back.
    tmux.text("q");
    let screen = tmux.wait_for("sfauth-exit=0");
    assert!(
        !screen.contains("Flows:"),
        "the alternate screen was not left:\n{screen}"
    );
    tmux.keys(&["Enter"]);
}
