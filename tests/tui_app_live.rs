//! `App` carrying out live runs: `r` in Flows and `t` in Inspect start the local org
//! in-process (once), run on a background thread, and the events polled in the event loop fill
//! in the tab. Loopback only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod demo_support;
mod tui_support;

use demo_support::demo_assertion;
use ratatui::crossterm::event::Event;
use sfauth::model::{EntryRef, Knowledge};
use sfauth::tui::{App, MemoryClipboard, Options, TabId};
use std::time::{Duration, Instant};
use tui_support::{draw, fill, press};

fn app_on(entry: &str) -> App<MemoryClipboard> {
    let options = Options {
        tab: TabId::Flows,
        entry: Some(entry.parse::<EntryRef>().unwrap()),
        ..Options::default()
    };
    App::new(
        Knowledge::builtin().unwrap(),
        options,
        MemoryClipboard::default(),
    )
}

/// Runs the event loop's timer until the live run is over (or a minute passed).
fn until_done(app: &mut App<MemoryClipboard>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while let Some(wait) = app.next_timer() {
        assert!(Instant::now() < deadline, "the live run did not end");
        std::thread::sleep(wait);
        app.on_timer();
    }
}

#[test]
fn r_runs_the_flow_against_the_local_org_started_once() {
    let mut app = app_on("flow:client-credentials");
    press(&mut app, "r");
    assert!(
        app.status().unwrap().starts_with("started the local org; running client-credentials live against the local org at http://127.0.0.1:"),
        "{:?}",
        app.status()
    );
    assert!(
        app.next_timer().is_some(),
        "the loop polls while the run goes"
    );
    press(&mut app, "r");
    assert_eq!(
        app.status(),
        Some("cannot run live: a live run is still going; wait for it to finish")
    );
    until_done(&mut app);
    assert_eq!(app.status(), Some("live run granted"));
    assert_eq!(
        app.next_timer(),
        None,
        "idle again: the loop blocks on input"
    );
    // The second run reuses the org.
    press(&mut app, "r");
    assert!(
        app.status()
            .unwrap()
            .starts_with("running client-credentials live"),
        "{:?}",
        app.status()
    );
    until_done(&mut app);
    assert!(app.flows().live().unwrap().is_finished());
}

#[test]
fn a_target_with_a_bad_url_is_refused_and_the_local_org_stays() {
    let mut app = app_on("flow:jwt-bearer");
    fill(&mut app, "T", "http://example.com", "enter");
    let status = app.status().unwrap();
    assert!(
        status.starts_with("target not changed: the login URL"),
        "{status}"
    );
    assert!(!status.contains("--login-url"), "{status}");
    assert_eq!(
        app.flows().target_label(),
        "the local org (starts on the first run)"
    );
    // The form open at any size, the cursor in it.
    press(&mut app, "T");
    for (w, h) in [(1, 1), (20, 5), (60, 16), (80, 24), (120, 40)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn t_in_inspect_sends_the_pasted_assertion_and_shows_the_answer() {
    let mut app = app_on("flow:jwt-bearer");
    let assertion = demo_assertion("https://login.salesforce.com", 120);
    app.handle_event(&Event::Paste(assertion));
    assert_eq!(app.active_tab(), TabId::Inspect);
    press(&mut app, "t");
    until_done(&mut app);
    assert_eq!(
        app.status(),
        Some(
            "the assertion was refused: invalid_grant: audience is invalid (answer below the findings)"
        )
    );
    let answer = app.inspect().live_answer().unwrap();
    assert!(
        answer
            .target
            .starts_with("the local org at http://127.0.0.1:")
    );
    assert!(answer.result.as_ref().unwrap().is_ok());
    for (w, h) in [(1, 1), (20, 5), (60, 16), (80, 24), (120, 40)] {
        draw(&mut app, w, h);
    }
}

/// With no login URL the target stays the local org, and a field the user fills replaces the
/// demo app's value: how a learner breaks the client id on purpose and sees the refusal.
#[test]
fn a_field_set_for_the_local_org_replaces_the_demo_value() {
    let mut app = app_on("flow:client-credentials");
    fill(&mut app, "T tab", "wrong-client", "enter");
    assert_eq!(
        app.flows().target_label(),
        "the local org (starts on the first run) with client id wrong-client"
    );
    press(&mut app, "r");
    until_done(&mut app);
    let status = app.status().unwrap();
    assert!(status.contains("invalid_client_id"), "{status}");
}
