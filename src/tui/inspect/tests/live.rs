//! `t`: the inspected assertion handed to `App` to send, and the answer shown under the
//! findings.

use super::*;
use crate::try_flow::live::LiveEvent;
use crate::try_flow::token::{TokenAnswer, read};
use crate::try_flow::{Attempt, FlowKind, Outcome};

fn lines_text(r: &Rig) -> String {
    let ctx = r.ctx();
    let laid = results::lay_out(&r.tab.evaluation, &r.tab.results_look(&ctx));
    laid.lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn t_sends_the_compact_assertion_and_shows_the_refusal_under_the_findings() {
    let mut r = Rig::new();
    assert!(matches!(r.act(Action::TryLive), Intent::Status(m) if m.contains("nothing to send")));
    r.paste(&format!("Bearer {AUD_SLASH}"));
    let Intent::TryAssertion(sent) = r.act(Action::TryLive) else {
        panic!("t asks App to send the assertion");
    };
    assert_eq!(
        sent,
        AUD_SLASH.trim(),
        "the assertion alone, without Bearer"
    );

    r.tab
        .set_target_label("the local org at http://127.0.0.1:8484".into());
    r.tab.live_started();
    assert!(lines_text(&r).contains("waiting for the answer"));
    let body = r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#;
    let TokenAnswer::Refused(refusal) = read(400, body) else {
        unreachable!()
    };
    let answer = Attempt {
        flow: FlowKind::JwtBearer,
        login_url: "http://127.0.0.1:8484".into(),
        findings: Vec::new(),
        exchanges: Vec::new(),
        outcome: Outcome::Refused(refusal),
    };
    let intent = r.tab.live_events(vec![LiveEvent::Finished(Ok(answer))]);
    assert_eq!(
        intent,
        Intent::Status(
            "the assertion was refused: invalid_grant: audience is invalid (answer below the findings)"
                .into()
        )
    );
    let text = lines_text(&r);
    let findings = text.find("Findings").unwrap();
    let sent_to = text.find("Sent to the local org").unwrap();
    let refused = text
        .find("Refused (HTTP 400): invalid_grant: audience is invalid")
        .unwrap();
    assert!(findings < sent_to && sent_to < refused, "{text}");
}
