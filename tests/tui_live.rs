//! The Flows tab's live run without a network: a fixed stream of runner events (fixed
//! timings) fed to the component, its actions and intents, and reviewed snapshots of a
//! finished run at 80x24 and 120x40. The real runner is covered by try_live.rs and the
//! binary by e2e_live.rs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use sfauth::model::{EntryRef, Knowledge};
use sfauth::try_flow::http::Exchange;
use sfauth::try_flow::identity::Identity;
use sfauth::try_flow::live::LiveEvent;
use sfauth::try_flow::live_steps::StepMap;
use sfauth::try_flow::token::{self, TokenAnswer};
use sfauth::try_flow::{Attempt, FlowKind, Granted, Outcome, TryError};
use sfauth::tui::action::Action;
use sfauth::tui::flows::{Flows, StepState};
use sfauth::tui::{Component, Ctx, Intent, KeyContext, Theme, layout};
use std::sync::OnceLock;

const URL: &str = "http://127.0.0.1:8484";

/// The shipped model, loaded once: the tab only reads it.
fn shipped() -> &'static Knowledge {
    static MODEL: OnceLock<Knowledge> = OnceLock::new();
    MODEL.get_or_init(|| Knowledge::builtin().unwrap())
}

/// What the tab sees on a terminal of this size: the shipped model in the dark theme.
fn ctx(w: u16, h: u16) -> Ctx<'static> {
    static DARK: OnceLock<Theme> = OnceLock::new();
    Ctx {
        knowledge: shipped(),
        theme: DARK.get_or_init(Theme::dark),
        body: layout::shell(Rect::new(0, 0, w, h)).body,
    }
}

fn exchange(method: &str, path: &str, body: Option<&str>, status: u16, answer: &str) -> Exchange {
    Exchange {
        method: method.into(),
        url: format!("{URL}{path}"),
        request_headers: vec![("Accept".into(), "application/json".into())],
        request_body: body.map(str::to_string),
        status,
        response_headers: vec![("content-type".into(), "application/json".into())],
        response_body: answer.into(),
        elapsed_ms: 42,
    }
}

/// The events of a JWT bearer run, mapped as the runner maps them, ending with `outcome`.
fn jwt_run(k: &Knowledge, exchanges: Vec<Exchange>, outcome: Outcome) -> Vec<LiveEvent> {
    let mut map = StepMap::new(k.flow("jwt-bearer").unwrap());
    let mut events = vec![LiveEvent::StepStarted(0)];
    for x in &exchanges {
        let landing = map.exchange(&x.method, &x.url);
        events.push(LiveEvent::Exchange {
            landing,
            exchange: x.clone(),
        });
        if let Some(next) = map.upcoming() {
            events.push(LiveEvent::StepStarted(next));
        }
    }
    events.push(LiveEvent::Finished(Ok(Attempt {
        flow: FlowKind::JwtBearer,
        login_url: URL.into(),
        findings: Vec::new(),
        exchanges,
        outcome,
    })));
    events
}

const SENT: &str = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbG…(redacted, 612 chars)";
const AUDIENCE: &str = r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#;

fn refused(k: &Knowledge) -> Vec<LiveEvent> {
    let x = exchange("POST", "/services/oauth2/token", Some(SENT), 400, AUDIENCE);
    let TokenAnswer::Refused(r) = token::read(400, AUDIENCE) else {
        unreachable!()
    };
    jwt_run(k, vec![x], Outcome::Refused(r))
}

fn granted(k: &Knowledge) -> Vec<LiveEvent> {
    let body = format!(
        r#"{{"access_token":"00DSF…(redacted, 86 chars)","instance_url":"{URL}","scope":"api","token_type":"Bearer"}}"#
    );
    let real = format!(
        r#"{{"access_token":"00DSF0000000AUTH!token","instance_url":"{URL}","scope":"api","token_type":"Bearer"}}"#
    );
    let TokenAnswer::Token(t) = token::read(200, &real) else {
        unreachable!()
    };
    let exchanges = vec![
        exchange("POST", "/services/oauth2/token", Some(SENT), 200, &body),
        exchange(
            "GET",
            "/services/oauth2/userinfo",
            None,
            200,
            r#"{"preferred_username":"integration@demo.sfauth.local"}"#,
        ),
    ];
    let identity = Identity {
        username: Some("integration@demo.sfauth.local".into()),
        name: None,
        user_id: None,
        org_id: Some("00DSF0000000AUTHEAA".into()),
        my_domain: None,
    };
    let outcome = Outcome::Granted(Box::new(Granted {
        token: *t,
        identity: Ok(identity),
    }));
    jwt_run(k, exchanges, outcome)
}

/// A Flows tab on the shipped model at 80x24, and what it sees.
fn fresh_flows() -> (Flows, Ctx<'static>) {
    let c = ctx(80, 24);
    (Flows::new(c.knowledge), c)
}

/// A Flows tab on the JWT bearer flow with `events` fed in, as `App` does after `r`.
fn ran(k: &Knowledge, c: &Ctx<'_>, events: Vec<LiveEvent>) -> (Flows, Intent) {
    let mut f = Flows::new(k);
    assert!(f.show(&"flow:jwt-bearer".parse::<EntryRef>().unwrap(), c));
    f.set_target_label(format!("the local org at {URL}"));
    assert_eq!(
        f.update(Action::RunLive, c),
        Intent::RunLive {
            flow: "jwt-bearer".into()
        }
    );
    f.live_started("jwt-bearer", c);
    let intent = f.live_events(events, c);
    (f, intent)
}

fn draw(f: &Flows, w: u16, h: u16) -> Terminal<TestBackend> {
    let c = ctx(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| f.render(frame, c.body, &c)).unwrap();
    terminal
}

#[test]
fn a_refusal_stops_on_its_step_with_the_explanation_and_library_links() {
    let k = shipped();
    let c = ctx(80, 24);
    let (mut f, intent) = ran(k, &c, refused(k));
    assert_eq!(
        intent,
        Intent::Status("live run refused at step 6: invalid_grant: audience is invalid".into())
    );
    let run = f.live().unwrap();
    let states: Vec<StepState> = run.steps.iter().map(|s| s.state).collect();
    use StepState::*;
    assert_eq!(
        states,
        [NoHttp, NoHttp, Done, NoHttp, NoHttp, Failed, NotReached]
    );
    assert_eq!(f.step(), Some(5), "the cursor stops on the failing step");
    insta::assert_snapshot!("live_refused_80x24", draw(&f, 80, 24).backend());
    // The explanation links into the Library: enter focuses them, enter follows one.
    assert_eq!(f.update(Action::FocusDetail, &c), Intent::None);
    assert_eq!(
        f.update(Action::Open, &c),
        Intent::JumpTo("error:audience-invalid".parse().unwrap())
    );
}

#[test]
fn a_granted_run_ends_on_the_last_step_with_the_identity() {
    let k = shipped();
    let c = ctx(120, 40);
    let (f, intent) = ran(k, &c, granted(k));
    assert_eq!(intent, Intent::Status("live run granted".into()));
    assert_eq!(f.step(), Some(6));
    insta::assert_snapshot!("live_granted_120x40", draw(&f, 120, 40).backend());
    // Tiny and odd sizes draw without panicking.
    for (w, h) in [(1, 1), (20, 5), (60, 13), (80, 24), (200, 60)] {
        draw(&f, w, h);
    }
}

#[test]
fn a_run_that_gets_no_answer_stops_on_the_running_step() {
    let k = shipped();
    let c = ctx(80, 24);
    let events = vec![
        LiveEvent::StepStarted(0),
        LiveEvent::Finished(Err(TryError::Usage(
            "the key is not an RSA private key".into(),
        ))),
    ];
    let (f, _) = ran(k, &c, events);
    let run = f.live().unwrap();
    assert_eq!(run.failed_at, Some(0));
    assert_eq!(run.steps[0].state, StepState::Failed);
    assert_eq!(
        run.headline(),
        "stopped at step 1: the key is not an RSA private key"
    );
    let text = format!("{:?}", draw(&f, 120, 40).backend());
    assert!(
        text.contains("Cannot run") && text.contains("not an RSA private key"),
        "{text}"
    );
}

#[test]
fn flows_a_live_run_cannot_do_say_which_can() {
    let (mut f, c) = fresh_flows();
    assert!(f.show(&"flow:saml-bearer".parse::<EntryRef>().unwrap(), &c));
    let Intent::Status(message) = f.update(Action::RunLive, &c) else {
        panic!("a status line")
    };
    assert_eq!(
        message,
        "saml-bearer cannot run live; these can: jwt-bearer, client-credentials, web-server, device, refresh-token"
    );
}

#[test]
fn t_opens_the_target_form_and_esc_hands_the_target_to_app() {
    let (mut f, c) = fresh_flows();
    assert_eq!(f.update(Action::EditTarget, &c), Intent::None);
    assert_eq!(f.key_context(), KeyContext::FlowsTarget);
    assert!(f.text_focused());
    for ch in "https://acme.my.salesforce.com".chars() {
        f.edit_text(&KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE), &c);
    }
    f.update(Action::NextField, &c);
    assert_eq!(f.paste("3MVG9id\n", &c), Intent::None);
    for _ in 0..3 {
        f.update(Action::NextField, &c);
    }
    f.paste("s3cret", &c);
    let screen = format!("{:?}", draw(&f, 80, 24).backend());
    assert!(
        !screen.contains("s3cret") && screen.contains("••••••"),
        "{screen}"
    );
    let Intent::SetTarget(input) = f.update(Action::Cancel, &c) else {
        panic!("esc hands the target to App")
    };
    assert_eq!(input.login_url, "https://acme.my.salesforce.com");
    assert_eq!(input.client_id, "3MVG9id");
    assert_eq!(input.client_secret, "s3cret");
    assert!(!format!("{input:?}").contains("s3cret"));
    assert_eq!(f.key_context(), KeyContext::FlowsSteps);
}

#[test]
fn playing_waits_for_a_live_run_to_end() {
    let k = shipped();
    let c = ctx(80, 24);
    let (mut f, _) = ran(k, &c, vec![LiveEvent::StepStarted(0)]);
    assert_eq!(
        f.update(Action::TogglePlay, &c),
        Intent::Status("a live run is going: play when it has ended".into())
    );
    assert!(!f.is_playing());
    assert_eq!(f.live().unwrap().headline(), "running…");
}
