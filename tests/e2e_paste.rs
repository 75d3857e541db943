//! End to end: the real binary in tmux, from launch, with only pastes. The keystroke counts
//! the README quotes are these scripts: verifying an HS256 token is two pastes (the token,
//! then its secret) and no key; explaining an error body is one paste. Skipped, with a
//! notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::{Start, Tmux, jwt_fixture, sfauth_script, tab_bar, tmux_missing};

/// The binary launched with a data folder of its own, on its first screen; None, after the
/// skip notice, where tmux cannot run.
fn start(name: &str) -> Option<(Tmux, tempfile::TempDir)> {
    if tmux_missing("paste routing") {
        return None;
    }
    let data = tempfile::tempdir().unwrap();
    let data_path = data.path().to_str().unwrap().to_string();
    assert!(!data_path.contains('\''));
    let tmux = Tmux::start(
        &format!("paste-{name}"),
        80,
        24,
        &sfauth_script(
            Start::Now,
            "-u SFAUTH_DATA_DIR TZ=UTC",
            &format!("--data-dir '{data_path}'"),
        ),
    );
    tmux.wait_until("the UI", |s| tab_bar(s).contains("Choose"));
    Some((tmux, data))
}

#[test]
fn an_hs256_token_and_its_secret_pasted_from_launch_verify_with_no_key_pressed() {
    let Some((tmux, _data)) = start("hs256") else {
        return;
    };
    let token = jwt_fixture("hs256.jwt");
    let secret = jwt_fixture("hs256.secret");
    tmux.paste(&token);
    tmux.wait_for("[not-checked]");
    tmux.paste(&secret);
    let screen = tmux.wait_for("[valid]");
    assert!(
        !screen.contains(secret.trim()),
        "the secret is never shown\n{screen}"
    );
    tmux.text("q");
    tmux.wait_for_exit(0);
}

#[test]
fn an_error_body_pasted_from_launch_is_explained() {
    let Some((tmux, _data)) = start("explain") else {
        return;
    };
    tmux.paste(r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#);
    let screen = tmux.wait_for("This is a catalog error");
    assert!(screen.contains("error:audience-invalid"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for_exit(0);
}
