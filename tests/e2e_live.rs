//! End to end: a live run in the Flows tab of the real binary (tmux). `r` on the JWT bearer
//! flow starts sfauth's local org in-process on a free loopback port, runs the flow against it
//! and fills in the steps; the run ends on the last step with the token's identity. Nothing
//! leaves this machine. Skipped, with a notice, where tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::flows_tab_on;
use sfauth::model::Knowledge;
use sfauth::serve::org::demo::DEMO_USER;

#[test]
fn r_runs_jwt_bearer_against_the_local_org_and_ends_granted() {
    let k = Knowledge::builtin().unwrap();
    let Some(tmux) = flows_tab_on("live", &k, "jwt-bearer", |s| s.contains("r run live")) else {
        return;
    };
    let steps = k.flow("jwt-bearer").unwrap().steps.len();

    tmux.text("r");
    // The last step: who the token belongs to, then the identity request. The screen is
    // read until all of it is there (a capture can fall between two halves of a redraw).
    let last_step = format!("step {steps}/{steps}");
    tmux.wait_for_all(&[
        "live granted",
        &last_step,
        "Live run: granted",
        "Granted",
        DEMO_USER,
        "GET http://127.0.0.1:",
        "userinfo",
    ]);
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
