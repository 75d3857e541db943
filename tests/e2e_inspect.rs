//! End to end: the real binary in a real pseudo-terminal (tmux) on the Inspect tab. A token
//! and a key arrive as bracketed pastes, the findings appear, and after quitting nothing has
//! been written to the data, config or cache directories. Polls the screen with a timeout;
//! never sleeps a fixed time. Skipped, with a notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::{SHELL_READY, Start, Tmux, jwt_fixture, sfauth_script, tab_bar, tmux_missing};
use std::path::{Path, PathBuf};

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
    if tmux_missing("Inspect") {
        return;
    }
    let token = jwt_fixture("aud-slash.jwt");
    let key = jwt_fixture("pub.pem");
    // A home of its own: the data, config, cache and state directories all live under it.
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_str().unwrap().to_string();
    assert!(!home_path.contains('\''));
    let env = format!(
        "-u DISPLAY -u WAYLAND_DISPLAY \
         HOME='{home_path}' XDG_DATA_HOME='{home_path}/data' XDG_CONFIG_HOME='{home_path}/config' \
         XDG_CACHE_HOME='{home_path}/cache' XDG_STATE_HOME='{home_path}/state' \
         SFAUTH_DATA_DIR='{home_path}/sfauth-data'"
    );
    let tmux = Tmux::start(
        "inspect",
        100,
        30,
        &sfauth_script(Start::OnEnter, &env, "--tab inspect"),
    );
    tmux.wait_for(SHELL_READY);
    tmux.keys(&["Enter"]);
    tmux.wait_until("the Inspect tab", |s| {
        tab_bar(s).contains("Inspect") && s.contains("Paste a JWT")
    });
    let before = tree(home.path());

    // The token, as one bracketed paste: the results replace the introduction.
    tmux.paste(&token);
    tmux.wait_for_all(&[
        "J6  error",
        "trailing slash",
        "predicts invalid_grant: audience is invalid",
        "[not-checked]",
    ]);

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
    tmux.wait_for("sent decoded JSON via OSC 52");

    tmux.text("q");
    tmux.wait_for_exit(0);
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
