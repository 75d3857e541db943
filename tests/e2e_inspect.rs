//! End to end: the real binary in a real pseudo-terminal (tmux) on the Inspect tab. A token
//! and a key arrive as bracketed pastes, the findings appear, and after quitting nothing has
//! been written to the data, config or cache directories. Polls the screen with a timeout;
//! never sleeps a fixed time. Skipped, with a notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
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

    /// Pastes `text` the way a terminal does: wrapped in bracketed-paste markers when the
    /// application asked for them (`paste-buffer -p`).
    fn paste(&self, text: &str) {
        self.run(&["set-buffer", "-b", "e2e", "--", text]);
        self.run(&["paste-buffer", "-p", "-d", "-b", "e2e", "-t", &self.session]);
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

/// Every file under `dir` with its contents, sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.push((path.clone(), Vec::new()));
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_pasted_token_shows_its_findings_and_nothing_is_written_to_disk() {
    if !tmux_available() {
        println!("skipping the end-to-end Inspect test: tmux is not installed");
        return;
    }
    let binary = env!("CARGO_BIN_EXE_sfauth");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jwt");
    let token = std::fs::read_to_string(fixtures.join("aud-slash.jwt")).unwrap();
    let key = std::fs::read_to_string(fixtures.join("pub.pem")).unwrap();
    // A home of its own: the data, config, cache and state directories all live under it.
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_str().unwrap().to_string();
    assert!(!binary.contains('\'') && !home_path.contains('\''));
    let tmux = Tmux {
        socket: format!("sfauth-e2e-inspect-{}", std::process::id()),
        session: "e2e".into(),
    };
    let script = format!(
        "printf 'shell-ready\\n'; read go; \
         env -u SFAUTH_PACK -u NO_COLOR -u DISPLAY -u WAYLAND_DISPLAY \
         HOME='{home_path}' XDG_DATA_HOME='{home_path}/data' XDG_CONFIG_HOME='{home_path}/config' \
         XDG_CACHE_HOME='{home_path}/cache' XDG_STATE_HOME='{home_path}/state' \
         SFAUTH_DATA_DIR='{home_path}/sfauth-data' '{binary}' --tab inspect; \
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
    tmux.keys(&["Enter"]);
    tmux.wait_until("the Inspect tab", |s| {
        s.lines().next().is_some_and(|l| l.contains("Inspect")) && s.contains("Paste a JWT")
    });
    let before = tree(home.path());

    // The token, as one bracketed paste: the results replace the introduction.
    tmux.paste(&token);
    let screen = tmux.wait_for("J6  error");
    assert!(screen.contains("trailing slash"), "{screen}");
    assert!(
        screen.contains("predicts invalid_grant: audience is invalid"),
        "{screen}"
    );
    assert!(screen.contains("[not-checked]"), "{screen}");

    // The key, pasted into the Key field (a PEM across lines), verifies the signature.
    tmux.text("i");
    tmux.keys(&["Tab"]);
    tmux.wait_for("esc done");
    tmux.paste(&key);
    tmux.wait_for("[valid]");
    assert!(
        !tmux.screen().contains("BEGIN PUBLIC KEY"),
        "pasted keys are not echoed"
    );
    // Let Escape land before the next key, or the two read as alt-p.
    tmux.keys(&["Escape"]);
    tmux.wait_for("j/k move");

    // Switch the profile and copy the decoded JSON (no display here: through OSC 52).
    tmux.text("p");
    tmux.wait_for("profile: jwt-bearer");
    tmux.text("y");
    tmux.wait_for("(decoded JSON)");

    tmux.text("q");
    tmux.wait_for("sfauth-exit=0");
    tmux.keys(&["Enter"]);

    let after = tree(home.path());
    assert_eq!(
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "inspecting created or removed files"
    );
    assert_eq!(before, after, "inspecting changed a file");
    let signature = token.trim().rsplit('.').next().unwrap().as_bytes();
    let key_line = key.lines().nth(1).unwrap().as_bytes();
    for (path, bytes) in &after {
        for secret in [signature, key_line] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret),
                "{} holds pasted material",
                path.display()
            );
        }
    }
}
