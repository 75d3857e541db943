//! The mint form.

use super::*;

#[test]
fn the_mint_form_signs_copies_and_hands_the_assertion_to_the_inspector() {
    let mut r = Rig::new();
    r.focus_field(Field::ClientId);
    r.type_text("3MVG9fixture");
    r.act(Action::Cancel);
    r.act(Action::ToggleMint);
    assert_eq!(r.tab.view(), View::Mint);
    assert_eq!(
        r.tab.mint_focus(),
        Some(MintField::Username),
        "the client id came over from the inspector; the username is next"
    );
    r.type_text("integration@acme.com");
    r.act(Action::NextField);
    r.paste(&fixture_path("key.pem"));
    // The path is read once, when the field is left, never while typing.
    assert_eq!(
        r.tab.mint_result(),
        &MintResult::Incomplete(vec!["private key (read when you leave its field)"])
    );
    r.act_reading(Action::Cancel);
    assert_eq!(r.tab.key_context(), KeyContext::InspectMint);
    let MintResult::Minted {
        assertion,
        warnings,
        ..
    } = r.tab.mint_result().clone()
    else {
        panic!("expected an assertion, got {:?}", r.tab.mint_result());
    };
    assert!(warnings.is_empty(), "{warnings:?}");
    let Intent::Copy { text: curl, .. } = r.act(Action::Copy) else {
        panic!("y copies the curl command");
    };
    assert!(
        curl.starts_with("curl -sS -X POST 'https://login.salesforce.com/services/oauth2/token'")
    );
    assert!(curl.contains(&assertion));
    assert_eq!(
        r.act(Action::CopyRaw),
        Intent::Copy {
            text: assertion.clone(),
            label: "signed assertion".into()
        }
    );
    let said = r.act(Action::Open);
    assert_eq!(r.tab.view(), View::Inspect);
    assert_eq!(r.tab.token_text(), assertion);
    // Evaluated at its own issue time, and the status line says so.
    assert_eq!(r.tab.evaluation().at_source, AtSource::Minted);
    assert_eq!(r.tab.evaluation().at, at());
    assert!(
        matches!(&said, Intent::Status(s) if s.contains("at its issue time")),
        "{said:?}"
    );
    r.focus_field(Field::Key);
    r.paste(&fixture_path("cert.pem"));
    r.leave_key();
    let s = r.summary();
    assert_eq!(s.signature.status, SignatureStatus::Valid);
    assert_eq!(s.exit_code, 0, "{:?}", s.findings);
}

#[test]
fn the_mint_form_says_what_is_missing_or_wrong() {
    let mut r = Rig::new();
    r.act(Action::ToggleMint);
    assert_eq!(r.tab.mint_focus(), Some(MintField::ClientId));
    assert_eq!(
        r.tab.mint_result(),
        &MintResult::Incomplete(vec!["client id", "username", "private key"])
    );
    r.type_text("3MVG9fixture");
    r.act(Action::NextField);
    r.type_text("a@b.c");
    r.act(Action::NextField);
    r.paste(&fixture_path("cert.pem"));
    r.act_reading(Action::NextField);
    let MintResult::Failed(why) = r.tab.mint_result() else {
        panic!("a certificate cannot sign");
    };
    assert!(why.contains("not an RSA private key"), "{why}");
    r.act(Action::Cancel);
    assert!(matches!(r.act(Action::Copy), Intent::Status(_)));
    r.act(Action::ToggleMint);
    assert_eq!(r.tab.view(), View::Inspect);
}

#[test]
fn the_mint_form_starts_from_the_inspected_tokens_claims() {
    let mut r = Rig::with(GOOD);
    r.act(Action::ToggleMint);
    let claims = &r.summary_json_claims();
    for (field, claim) in [
        (MintField::ClientId, "iss"),
        (MintField::Username, "sub"),
        (MintField::LoginUrl, "aud"),
    ] {
        assert_eq!(
            r.tab.mint_input_text(field),
            claims[claim].as_str().unwrap(),
            "{claim}"
        );
    }
}
