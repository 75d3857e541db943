//! End to end: a live run in the Flows tab of the real binary (tmux). `r` on the JWT bearer
//! flow starts sfauth's local org in-process on a free loopback port, runs the flow against it
//! and fills in the steps; the run ends on the last step with the token's identity. Nothing
//! leaves this machine. Skipped, with a notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::{SHELL_READY, Start, Tmux, sfauth_script, tmux_missing};
use sfauth::model::Knowledge;
use sfauth::serve::org::demo::DEMO_USER;
use sfauth::tui::flows::Flows;

#[test]
fn r_runs_jwt_bearer_against_the_local_org_and_ends_granted() {
    if tmux_missing("live Flows") {
        return;
    }
    let k = Knowledge::builtin().unwrap();
    let flow = k.flow("jwt-bearer").unwrap();
    let steps = flow.steps.len();
    let position = Flows::new(&k)
        .ids()
        .iter()
        .position(|id| id == "jwt-bearer")
        .unwrap();
    let tmux = Tmux::start(
        "live",
        120,
        40,
        &sfauth_script(Start::OnEnter, "", "--tab flows"),
    );
    tmux.wait_for(SHELL_READY);
    tmux.keys(&["Enter"]);
    tmux.wait_until("the Flows tab", |s| s.contains("r run live"));
    tmux.text(&"j".repeat(position));
    tmux.wait_until("the JWT bearer diagram", |s| {
        s.contains(&flow.name) && s.contains(&format!("step 1/{steps}"))
    });

    tmux.text("r");
    // The last step: who the token belongs to, then the identity request. The screen is
    // read until all of it is there (a capture can fall between two halves of a redraw).
    let expected = [
        "live granted".to_string(),
        format!("step {steps}/{steps}"),
        "Live run: granted".to_string(),
        "Granted".to_string(),
        DEMO_USER.to_string(),
        "GET http://127.0.0.1:".to_string(),
        "userinfo".to_string(),
    ];
    tmux.wait_until("the run to end granted on the last step", |s| {
        expected.iter().all(|e| s.contains(e.as_str()))
    });
    // Going back a step shows the token endpoint's answer, its token redacted.
    tmux.text("p");
    tmux.wait_until("the token endpoint's answer, redacted", |s| {
        s.contains(&format!("step {}/{steps}", steps - 1))
            && s.contains("access_token")
            && s.contains("redacted")
    });

    // Quitting stops the local org with the app.
    tmux.text("q");
    tmux.wait_for_exit(0);
    tmux.keys(&["Enter"]);
}
