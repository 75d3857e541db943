//! Shared by the end-to-end tests: the real binary in a real pseudo-terminal (a private tmux
//! server), driven by keys and read back as screen text. Waits poll the screen with a timeout;
//! nothing sleeps a fixed time.

use sfauth::model::Knowledge;
use sfauth::tui::flows::Flows;
use std::process::Command;
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Printed by the shell before it waits for Enter to start sfauth (see `Start::OnEnter`).
pub const SHELL_READY: &str = "shell-ready";

/// True, after printing that the `what` test is skipped, when tmux cannot run.
pub fn tmux_missing(what: &str) -> bool {
    let available = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        println!("skipping the end-to-end {what} test: tmux is not installed");
    }
    !available
}

/// The text of the JWT fixture `name` (tests/fixtures/jwt).
#[allow(dead_code)]
pub fn jwt_fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/jwt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// When the shell starts sfauth.
#[allow(dead_code)]
pub enum Start {
    /// At once.
    Now,
    /// After it has printed `SHELL_READY` and read a line, so a test can time the start from
    /// a key.
    OnEnter,
}

/// The shell script that runs the built sfauth with `args`, without the caller's pack or
/// colour settings and with the further `env` arguments (`-u NAME` or `NAME='value'`).
/// Afterwards it prints `sfauth-exit=N` on the normal screen and waits for a line before it
/// exits with that status: tmux 3.3 drops a dead pane's earlier main-screen lines once the
/// alternate screen has been used, so the screen is read while the pane is still alive.
pub fn sfauth_script(start: Start, env: &str, args: &str) -> String {
    let binary = env!("CARGO_BIN_EXE_sfauth");
    assert!(!binary.contains('\''));
    let prelude = match start {
        Start::Now => String::new(),
        Start::OnEnter => format!("printf '{SHELL_READY}\\n'; read go; "),
    };
    format!(
        "{prelude}env -u SFAUTH_PACK -u NO_COLOR {env} '{binary}' {args}; \
         s=$?; printf 'sfauth-exit=%s\\n' \"$s\"; read done; exit \"$s\""
    )
}

/// A private tmux server (its own socket) holding one session; killed on drop.
pub struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    /// Runs `script` under `sh -c` in a new `width`x`height` session `name` on a server of its
    /// own (named after `name` and this process, so parallel tests never share one).
    /// The pane stays after the shell exits, so its last screen can still be read.
    pub fn start(name: &str, width: u16, height: u16, script: &str) -> Tmux {
        let tmux = Tmux {
            socket: format!("sfauth-e2e-{name}-{}", std::process::id()),
            session: name.into(),
        };
        let (width, height) = (width.to_string(), height.to_string());
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            &tmux.session,
            "-x",
            &width,
            "-y",
            &height,
            "sh",
            "-c",
            script,
        ]);
        tmux.run(&["set-option", "-t", &tmux.session, "remain-on-exit", "on"]);
        tmux
    }

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

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Pastes `text` the way a terminal does: wrapped in bracketed-paste markers when the
    /// application asked for them (`paste-buffer -p`).
    #[allow(dead_code)]
    pub fn paste(&self, text: &str) {
        self.run(&["set-buffer", "-b", "e2e", "--", text]);
        self.run(&["paste-buffer", "-p", "-d", "-b", "e2e", "-t", &self.session]);
    }

    /// Polls the screen until `check` holds; fails with the last screen after the timeout.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
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

    /// Polls the screen until every one of `texts` is on it at once.
    #[allow(dead_code)]
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("\"{text}\""), |s| s.contains(text))
    }

    /// Waits for the shell's `sfauth-exit=N` line and returns the screen that shows it.
    pub fn wait_for_exit(&self, status: i32) -> String {
        self.wait_for(&format!("sfauth-exit={status}"))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

/// The first line of the screen (the tab bar).
#[allow(dead_code)]
pub fn tab_bar(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// The second line of the screen: the body's title on its top border.
#[allow(dead_code)]
pub fn title(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or_default()
}

/// The binary started on the Flows tab (`--tab flows`, 120x40) in the session `name`, moved to
/// the flow `id` of `k` once `tab_ready` sees the tab: that flow's diagram shows its first step.
/// None, after the skip notice, where tmux cannot run.
#[allow(dead_code)]
pub fn flows_tab_on(
    name: &str,
    k: &Knowledge,
    id: &str,
    tab_ready: impl Fn(&str) -> bool,
) -> Option<Tmux> {
    if tmux_missing(&format!("Flows ({name})")) {
        return None;
    }
    let flow = k.flow(id).unwrap();
    let steps = flow.steps.len();
    let position = Flows::new(k)
        .ids()
        .iter()
        .position(|listed| listed == id)
        .unwrap();
    let tmux = Tmux::start(
        name,
        120,
        40,
        &sfauth_script(Start::OnEnter, "", "--tab flows"),
    );
    tmux.wait_for(SHELL_READY);
    tmux.keys(&["Enter"]);
    tmux.wait_until("the Flows tab", tab_ready);
    // Its name titles the diagram.
    tmux.text(&"j".repeat(position));
    tmux.wait_until(&format!("the {id} diagram"), |s| {
        s.contains(&flow.name) && s.contains(&format!("step 1/{steps}"))
    });
    Some(tmux)
}
