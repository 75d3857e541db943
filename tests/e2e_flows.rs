//! End to end: the Flows tab of the real binary in a real pseudo-terminal (tmux), driven by
//! keys and read back as screen text. Opens `--tab flows`, picks the JWT bearer flow, steps to
//! its token request, copies it, plays (through the event loop's timer), and quits. Polls the
//! screen with a timeout; never sleeps a fixed time. Skipped, with a notice, where tmux is not
//! installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod e2e_support;

use e2e_support::flows_tab_on;
use sfauth::model::Knowledge;

#[test]
fn the_flows_tab_steps_through_jwt_bearer_and_shows_its_request() {
    // What to expect comes from the shipped model, so the test follows its content.
    let k = Knowledge::builtin().unwrap();
    let flow = k.flow("jwt-bearer").unwrap();
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

    let Some(tmux) = flows_tab_on("flows", &k, "jwt-bearer", |s| {
        s.contains(&format!("Flows: {}", k.flows.len())) && s.contains("→/← step")
    }) else {
        return;
    };

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

    // Copy the request as curl (without a display the copy goes through the terminal, and the
    // message says what tmux needs to pass it on).
    tmux.text("y");
    tmux.wait_for(&format!("sent step {} as curl via OSC 52", request + 1));
    tmux.wait_for("set -s set-clipboard on");

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
    let screen = tmux.wait_for_exit(0);
    assert!(
        !screen.contains("Flows:"),
        "the alternate screen was not left:\n{screen}"
    );
    tmux.keys(&["Enter"]);
}
