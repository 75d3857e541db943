//! Findings, fields, jumps, profiles and copies of an inspected token.

use super::*;

#[test]
fn pasting_a_bearer_assertion_shows_its_findings_and_predicted_errors() {
    let mut r = Rig::new();
    assert_eq!(r.paste(AUD_SLASH), Intent::None);
    let eval = r.tab.evaluation();
    assert_eq!(eval.at, at());
    assert_eq!(eval.at_source, AtSource::Now);
    let s = r.summary();
    assert_eq!((s.kind, s.profile.as_str()), ("JWT", "jwt-bearer"));
    assert_eq!(s.signature.status, SignatureStatus::NotChecked);
    let j6 = s.findings.iter().find(|f| f.finding.check == "J6").unwrap();
    assert_eq!(j6.finding.severity, Severity::Error);
    assert!(
        j6.finding.message.contains("trailing slash"),
        "{}",
        j6.finding.message
    );
    assert_eq!(
        j6.finding.predicts.as_deref(),
        Some("invalid_grant: audience is invalid")
    );
    assert_eq!(j6.target, Some(EntryRef::new(EntryKind::Check, "J6")));
    assert_eq!(s.exit_code, 1);
}

#[test]
fn enter_on_a_finding_jumps_to_its_check_and_on_a_claim_to_its_term() {
    let mut r = Rig::with(AUD_SLASH);
    let first = r.summary().findings[0].target.clone().unwrap();
    assert_eq!(r.act(Action::Open), Intent::JumpTo(first.clone()));
    assert_eq!(r.tab.location(), Some(first));
    r.select_field("iss");
    assert_eq!(
        r.act(Action::Open),
        Intent::JumpTo(EntryRef::new(EntryKind::Glossary, "issuer"))
    );
    // A field without a glossary term has nowhere to go.
    r.select_field("exp");
    assert_status(r.act(Action::Open), "no glossary entry");
}

#[test]
fn a_finding_whose_check_is_missing_opens_its_predicted_error() {
    let mut r = Rig::new();
    let finding = crate::inspect::report::Finding {
        check: "J99".into(),
        severity: Severity::Error,
        message: "m".into(),
        predicts: Some("invalid_grant: audience is invalid".into()),
        login_history: None,
    };
    let view = summary::finding(&finding, &r.k);
    assert_eq!(
        view.target,
        Some(EntryRef::new(EntryKind::Error, "audience-invalid"))
    );
    // With an empty model there is neither a check nor a predicted error to open.
    r.k = Knowledge::default();
    r.paste(AUD_SLASH);
    assert!(r.summary().findings.iter().all(|f| f.target.is_none()));
    assert_status(r.act(Action::Open), "not in the knowledge model");
}

#[test]
fn going_back_selects_the_row_that_jumped() {
    let mut r = Rig::with(AUD_SLASH);
    r.select_field("aud");
    let target = r.tab.location().unwrap();
    r.act(Action::Top);
    assert!(r.restore(&target));
    assert_eq!(r.tab.location(), Some(target));
}

#[test]
fn switching_profile_re_evaluates() {
    let mut r = Rig::with(GOOD);
    assert_eq!(r.summary().profile, "jwt-bearer");
    assert!(r.summary().profile_reason.contains("bearer assertion"));
    let labels: Vec<String> = (0..4)
        .map(|_| {
            r.act(Action::NextProfile);
            r.tab.profile().label().to_string()
        })
        .collect();
    assert_eq!(labels, ["jwt-bearer", "id-token", "generic", "auto"]);
    r.act(Action::NextProfile);
    r.act(Action::NextProfile);
    r.act(Action::NextProfile);
    let s = r.summary();
    assert_eq!(s.profile, "generic");
    assert!(s.findings.is_empty(), "generic runs no Salesforce rules");
    assert_eq!(s.json["profile"], "generic");
}

#[test]
fn y_copies_the_same_json_as_the_cli_and_capital_y_the_compact_token() {
    let mut r = Rig::with(WRAPPED);
    let Intent::Copy { text, label } = r.act(Action::Copy) else {
        panic!("y copies");
    };
    assert_eq!(label, "decoded JSON");
    let expected = run_inspect(WRAPPED, &InspectOptions::at(at()), None, &r.k)
        .unwrap()
        .to_json();
    assert_eq!(
        text,
        format!("{}\n", serde_json::to_string_pretty(&expected).unwrap())
    );
    let Intent::Copy { text, .. } = r.act(Action::CopyRaw) else {
        panic!("Y copies");
    };
    assert_eq!(
        text,
        GOOD.trim(),
        "the wrapped token without its line breaks"
    );
}

#[test]
fn nothing_to_copy_says_so() {
    let mut r = Rig::new();
    assert!(matches!(r.act(Action::Copy), Intent::Status(_)));
    assert!(matches!(r.act(Action::CopyRaw), Intent::Status(_)));
    assert!(matches!(r.act(Action::Open), Intent::Status(_)));
}

#[test]
fn a_wrapped_token_and_a_request_body_are_accepted() {
    let mut r = Rig::with(WRAPPED);
    assert!(r.tab.token_text().contains('\n'), "line breaks are kept");
    assert!(r.summary().findings.iter().any(|f| f.finding.check == "J1"));
    r.paste(REQUEST);
    assert_eq!(r.summary().profile, "jwt-bearer");
    assert!(r.summary().profile_reason.contains("token request"));
}

#[test]
fn decode_errors_are_one_line_never_a_panic() {
    let mut r = Rig::new();
    for bad in [
        "abc",
        "a.b",
        "eyJ.eyJ.",
        "{\"x\":1}",
        "\u{0}\u{1}",
        "a.b.c.d.e",
        " ",
    ] {
        r.paste(bad);
        match &r.tab.evaluation().outcome {
            Outcome::Undecodable(why) => assert!(!why.contains('\n'), "{why}"),
            Outcome::Empty => assert!(bad.trim().is_empty() || bad.starts_with('\u{0}')),
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
}

#[test]
fn pasting_into_the_focused_token_box_inserts_at_the_cursor() {
    let mut r = Rig::new();
    r.act(Action::Edit);
    r.type_text("Bearer ");
    r.paste(GOOD);
    assert_eq!(r.tab.token_text(), format!("Bearer {GOOD}"));
    assert_eq!(r.summary().kind, "JWT");
}
