//! The live runner the TUI uses, against the local org in-process on a free port: the events
//! arrive in order, each exchange lands on its diagram step, and sfauth plays the browser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod demo_support;

use demo_support::demo_assertion;
use sfauth::model::Knowledge;
use sfauth::serve::{LogSink, ServeOptions, spawn};
use sfauth::try_flow::live::{LiveEvent, LiveJob, LiveTarget, local_org, start};
use sfauth::try_flow::{FlowKind, Outcome};
use std::sync::Arc;
use std::time::Duration;

struct Local {
    _handle: sfauth::serve::Handle,
    target: LiveTarget,
    k: Arc<Knowledge>,
}

fn local() -> Local {
    let k = Arc::new(Knowledge::builtin().unwrap());
    let (org, callback) = local_org().unwrap();
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().unwrap());
    opts.log = LogSink::Off;
    let handle = spawn(org, k.clone(), opts).unwrap();
    let target = LiveTarget::local(&handle.base_url, &callback);
    Local {
        _handle: handle,
        target,
        k,
    }
}

/// Every event of one run, up to and including `Finished`.
fn run(l: &Local, job: LiveJob, flow: Option<&str>, target: LiveTarget) -> Vec<LiveEvent> {
    let flow = flow.map(|id| l.k.flow(id).unwrap().clone());
    let rx = start(l.k.clone(), flow.as_ref(), job, target).unwrap();
    let mut events = Vec::new();
    loop {
        let event = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        let done = matches!(event, LiveEvent::Finished(_));
        events.push(event);
        if done {
            return events;
        }
    }
}

/// Every event of one run of `kind` on its own diagram.
fn run_flow(l: &Local, kind: FlowKind, target: LiveTarget) -> Vec<LiveEvent> {
    run(l, LiveJob::Flow(kind), Some(kind.model_id()), target)
}

/// A fresh local org and every event of one run of `kind` against it, as set up.
fn run_on_local(kind: FlowKind) -> (Local, Vec<LiveEvent>) {
    let l = local();
    let events = run_flow(&l, kind, l.target.clone());
    (l, events)
}

/// The events as short lines: `start 0`, `POST /services/oauth2/token 200 @2->5`...
fn trace(events: &[LiveEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e {
            LiveEvent::StepStarted(s) => format!("start {s}"),
            LiveEvent::Exchange { landing, exchange } => {
                let path = sfauth::try_flow::live_steps::path_of(&exchange.url);
                let at = landing
                    .as_ref()
                    .map_or("-".to_string(), |l| match l.response {
                        Some(r) => format!("@{}->{r}", l.step),
                        None => format!("@{}", l.step),
                    });
                format!("{} {path} {} {at}", exchange.method, exchange.status)
            }
            LiveEvent::Prompt { landing, .. } => {
                format!("prompt @{}", landing.as_ref().map_or(0, |l| l.step))
            }
            LiveEvent::Problem(p) => format!("problem {p}"),
            LiveEvent::Finished(Ok(a)) => match &a.outcome {
                Outcome::Granted(_) => "granted".to_string(),
                Outcome::Refused(r) => format!("refused {}", r.line()),
            },
            LiveEvent::Finished(Err(e)) => format!("error {e}"),
        })
        .collect()
}

/// The trace without its `start` lines: what was exchanged, prompted and how it ended.
fn trace_without_starts(events: &[LiveEvent]) -> Vec<String> {
    let mut t = trace(events);
    t.retain(|s| !s.starts_with("start"));
    t
}

#[test]
fn jwt_bearer_steps_in_order() {
    let (_, events) = run_on_local(FlowKind::JwtBearer);
    assert_eq!(
        trace(&events),
        [
            "start 0",
            "POST /services/oauth2/token 200 @2->5",
            "start 6",
            "GET /services/oauth2/userinfo 200 @6",
            "granted",
        ]
    );
    let LiveEvent::Exchange { exchange, .. } = &events[1] else {
        unreachable!()
    };
    assert!(
        exchange
            .request_body
            .as_deref()
            .unwrap()
            .contains("redacted")
    );
}

#[test]
fn a_wrong_secret_is_refused_on_the_token_step() {
    let l = local();
    let mut target = l.target.clone();
    target.client_secret = Some("not-the-secret".into());
    let events = run_flow(&l, FlowKind::ClientCredentials, target);
    let t = trace(&events);
    assert_eq!(t[1], "POST /services/oauth2/token 400 @0->2", "{t:?}");
    assert!(
        t.last().unwrap().starts_with("refused invalid_client"),
        "{t:?}"
    );
}

#[test]
fn web_server_with_sfauth_playing_the_browser_then_refresh() {
    let (l, events) = run_on_local(FlowKind::WebServer);
    assert_eq!(
        trace_without_starts(&events),
        [
            "prompt @1",
            "GET /services/oauth2/authorize 200 @2",
            "POST /services/oauth2/authorize 302 @3->4",
            "GET /OAuthRedirect 200 @5",
            "POST /services/oauth2/token 200 @6->7",
            "GET /services/oauth2/userinfo 200 @8",
            "granted",
        ]
    );
    let LiveEvent::Finished(Ok(attempt)) = events.last().unwrap() else {
        unreachable!()
    };
    let refresh = sfauth::try_flow::live::refresh_token_of(attempt).expect("a refresh token");
    let LiveEvent::Exchange { exchange, .. } = events
        .iter()
        .find(|e| matches!(e, LiveEvent::Exchange { exchange, .. } if exchange.status == 302))
        .unwrap()
    else {
        unreachable!()
    };
    let location = &exchange
        .response_headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("location"))
        .unwrap()
        .1;
    assert!(
        location.contains("code=") && location.contains("redacted"),
        "{location}"
    );
    assert!(
        exchange
            .request_body
            .as_deref()
            .unwrap()
            .contains("password=%E2%80%A6")
            || !exchange
                .request_body
                .as_deref()
                .unwrap()
                .contains("demo-password")
    );

    let mut target = l.target.clone();
    target.refresh_token = Some(refresh);
    let events = run_flow(&l, FlowKind::Refresh, target);
    assert_eq!(trace(&events).last().unwrap(), "granted");
}

#[test]
fn refresh_without_a_token_says_what_to_run_first() {
    let (_, events) = run_on_local(FlowKind::Refresh);
    let t = trace(&events);
    assert!(
        t.last()
            .unwrap()
            .contains("run the web server or device flow first"),
        "{t:?}"
    );
}

#[test]
fn device_with_sfauth_approving_the_code() {
    let (_, events) = run_on_local(FlowKind::Device);
    let t = trace_without_starts(&events);
    assert_eq!(t[0], "POST /services/oauth2/token 200 @0->1");
    assert_eq!(t[1], "prompt @2");
    assert!(t[2].starts_with("POST /setup/connect 200 @5"), "{t:?}");
    assert_eq!(t.last().unwrap(), "granted", "{t:?}");
}

#[test]
fn a_bare_assertion_with_the_wrong_audience_is_refused() {
    let l = local();
    let assertion = demo_assertion("https://login.salesforce.com", 120);
    let events = run(&l, LiveJob::Assertion(assertion), None, l.target.clone());
    let t = trace(&events);
    assert_eq!(
        t,
        [
            "POST /services/oauth2/token 400 -",
            "refused invalid_grant: audience is invalid"
        ]
    );
    let LiveEvent::Finished(Ok(a)) = events.last().unwrap() else {
        unreachable!()
    };
    assert!(
        a.findings.iter().any(|f| f.check == "J6"),
        "{:?}",
        a.findings
    );
}
