//! The Inspect tab inside the whole app: screens at 80x24 and 120x40 compared with reviewed
//! snapshots, and the app-level paths (paste events, jumps to the Library and back, copies,
//! ctrl-v). Every evaluation uses a fixed "now" so the screens do not move with the clock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use assert_cmd::Command;
use chrono::DateTime;
use ratatui::crossterm::event::Event;
use sfauth::model::Knowledge;
use sfauth::tui::inspect::{Outcome, View};
use sfauth::tui::{App, MemoryClipboard, Options, TabId};
use std::path::PathBuf;
use tui_support::{assert_screen_shows, draw, press, screen_text, type_text};

/// 2027-01-01T00:00:00Z: the instant the JWT fixtures were made for.
const AT: i64 = 1_798_761_600;

fn jwt_fixture(name: &str) -> String {
    std::fs::read_to_string(jwt_path(name)).unwrap()
}

fn jwt_path(name: &str) -> PathBuf {
    fixture_path("jwt", name)
}

/// The file `name` among the fixtures of `kind` (`jwt`, `saml`).
fn fixture_path(kind: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
        .join(name)
}

/// Checks J1-J14, the errors they predict, and a few glossary terms: content that does not
/// move when the shipped model is edited.
fn fixture() -> Knowledge {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inspect-tab");
    let files: Vec<(String, String)> = ["checks.json", "errors.json", "glossary.json"]
        .iter()
        .map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap()))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Knowledge::from_files(&refs).unwrap()
}

fn options() -> Options {
    Options {
        tab: TabId::Inspect,
        now: Some(DateTime::from_timestamp(AT, 0).unwrap()),
        ..Options::default()
    }
}

fn app_with(k: Knowledge) -> App<MemoryClipboard> {
    App::new(k, options(), MemoryClipboard::default())
}

fn app() -> App<MemoryClipboard> {
    app_with(fixture())
}

fn paste(app: &mut App<MemoryClipboard>, text: &str) {
    app.handle_event(&Event::Paste(text.to_string()));
}

/// Screens after one paste, compared with reviewed snapshots: the snapshot's name, what is
/// pasted (nothing for the empty tab), and the terminal size.
#[test]
fn pasted_inputs_at_80x24_and_120x40() {
    let bearer = jwt_fixture("aud-slash.jwt");
    let screens: [(&str, &str, u16, u16); 6] = [
        ("inspect_empty_80x24", "", 80, 24),
        ("inspect_empty_120x40", "", 120, 40),
        ("inspect_bearer_findings_80x24", &bearer, 80, 24),
        ("inspect_bearer_findings_120x40", &bearer, 120, 40),
        (
            "inspect_decode_error_80x24",
            "eyJhbGciOiJSUzI1NiJ9.ab+c.sig",
            80,
            24,
        ),
        ("inspect_decode_error_120x40", "not a token", 120, 40),
    ];
    for (snapshot, pasted, width, height) in screens {
        let mut app = app();
        if !pasted.is_empty() {
            paste(&mut app, pasted);
        }
        let terminal = draw(&mut app, width, height);
        insta::assert_snapshot!(snapshot, terminal.backend());
    }
}

/// Pastes the `kind` fixture `token` and types the path of the `kind` fixture `key` into the
/// form's key field, leaving the form open. The path is relative to the package root, where
/// tests run, so screens are the same everywhere.
fn paste_with_key_file(app: &mut App<MemoryClipboard>, kind: &str, token: &str, key: &str) {
    paste(
        app,
        &std::fs::read_to_string(fixture_path(kind, token)).unwrap(),
    );
    press(app, "i tab");
    type_text(app, &format!("tests/fixtures/{kind}/{key}"));
}

#[test]
fn a_claim_explained_from_the_glossary_with_a_verified_signature_at_120x40() {
    let mut app = app();
    paste_with_key_file(&mut app, "jwt", "long-lived.jwt", "cert.pem");
    // Secret, Profile, Client id, then Username.
    press(&mut app, "tab tab tab tab");
    type_text(&mut app, "integration@acme.com");
    press(&mut app, "esc");
    let findings = app.inspect().evaluation().summary().unwrap().findings.len();
    for _ in 0..findings + 2 {
        press(&mut app, "j");
    }
    let terminal = draw(&mut app, 120, 40);
    let text = screen_text(&terminal);
    assert!(text.contains("[valid]"), "{text}");
    assert!(text.contains("▸ iss"), "{text}");
    insta::assert_snapshot!("inspect_claim_selected_120x40", terminal.backend());
}

#[test]
fn mint_form_with_a_signed_assertion_at_80x24() {
    let mut app = app();
    press(&mut app, "m");
    type_text(&mut app, "3MVG9fixtureConsumerKey");
    press(&mut app, "tab");
    type_text(&mut app, "integration@acme.com");
    press(&mut app, "tab");
    paste(&mut app, &jwt_fixture("key.pem"));
    press(&mut app, "esc");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("inspect_mint_80x24", terminal.backend());
    let text = screen_text(&terminal);
    assert!(!text.contains("PRIVATE KEY"), "a pasted key is never shown");
}

#[test]
fn the_tab_opens_with_tab_inspect_and_tiny_screens_do_not_panic() {
    let mut app = app();
    assert_eq!(app.active_tab(), TabId::Inspect);
    paste(&mut app, &jwt_fixture("aud-slash.jwt"));
    for (w, h) in [(1, 1), (20, 5), (60, 16), (80, 24), (120, 40)] {
        draw(&mut app, w, h);
        press(&mut app, "m");
        draw(&mut app, w, h);
        press(&mut app, "esc i");
        draw(&mut app, w, h);
        press(&mut app, "esc");
    }
}

#[test]
fn enter_on_a_finding_opens_its_check_in_the_library_and_esc_comes_back() {
    let mut app = app();
    paste(&mut app, &jwt_fixture("aud-slash.jwt"));
    let first = app.inspect().evaluation().summary().unwrap().findings[0]
        .target
        .clone()
        .unwrap();
    press(&mut app, "enter");
    assert_eq!(app.active_tab(), TabId::Library);
    assert_eq!(app.library().shown(), Some(&first));
    assert_eq!(app.history().last().map(|p| p.tab), Some(TabId::Inspect));
    press(&mut app, "esc");
    assert_eq!(app.active_tab(), TabId::Inspect);
    assert_eq!(app.inspect().selected(), 0);
}

#[test]
fn y_copies_exactly_what_sfauth_inspect_json_prints() {
    let k = Knowledge::builtin().unwrap();
    let mut app = app_with(k);
    let token = jwt_fixture("aud-slash.jwt");
    paste(&mut app, &token);
    press(&mut app, "y");
    assert!(
        app.status().unwrap().contains("decoded JSON"),
        "{:?}",
        app.status()
    );
    let copied = app.clipboard().copies.last().unwrap().clone();
    let out = Command::cargo_bin("sfauth")
        .unwrap()
        .env_remove("SFAUTH_PACK")
        .args(["inspect", "--json", "--at", &AT.to_string(), token.trim()])
        .output()
        .unwrap();
    assert_eq!(copied, String::from_utf8(out.stdout).unwrap());
}

#[test]
fn ctrl_v_pastes_the_clipboard_as_the_token() {
    let mut app = app();
    let token = jwt_fixture("good.jwt");
    let mut clipboard = MemoryClipboard::default();
    clipboard.copies.push(token.clone());
    let mut app2 = App::new(fixture(), options(), clipboard);
    press(&mut app2, "ctrl-v");
    assert_eq!(app2.inspect().token_text(), token);
    assert!(matches!(
        app2.inspect().evaluation().outcome,
        Outcome::Report(_)
    ));
    // With an empty clipboard the status line says why, and nothing changes.
    press(&mut app, "ctrl-v");
    assert!(app.status().unwrap().starts_with("paste failed"));
    assert!(app.inspect().token_text().is_empty());
}

#[test]
fn typing_in_a_field_does_not_trigger_global_keys() {
    let mut app = app();
    press(&mut app, "i");
    type_text(&mut app, "q5");
    assert!(!app.should_quit());
    assert_eq!(app.active_tab(), TabId::Inspect);
    assert_eq!(app.inspect().token_text(), "q5");
    press(&mut app, "esc m");
    assert_eq!(app.inspect().view(), View::Mint);
    press(&mut app, "esc esc 5");
    assert_eq!(app.active_tab(), TabId::Library);
}

#[test]
fn footer_and_help_list_the_inspect_keys() {
    let mut app = app();
    let footer = tui_support::footer(&mut app, 120, 40);
    for hint in ["enter open", "i edit", "p profile", "y copy", "m mint"] {
        assert!(footer.contains(hint), "{hint} missing from {footer}");
    }
    press(&mut app, "?");
    assert_screen_shows(
        &mut app,
        120,
        40,
        &["Inspect results", "copy the decoded JSON"],
    );
}

#[test]
fn severities_and_the_badge_are_coloured_and_no_color_uses_none() {
    use ratatui::style::Color;
    use sfauth::tui::ThemeKind;
    let mut app = app();
    paste(&mut app, &jwt_fixture("aud-slash.jwt"));
    press(&mut app, "j");
    let terminal = draw(&mut app, 120, 40);
    let find = |needle: &str| tui_support::position_of(&terminal, needle);
    let buffer = terminal.backend().buffer();
    let (x, y) = find("J6  error").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    let (x, y) = find("[not-checked]").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Yellow);

    let mut mono = App::new(
        fixture(),
        Options {
            theme: ThemeKind::Mono,
            ..options()
        },
        MemoryClipboard::default(),
    );
    paste(&mut mono, &jwt_fixture("aud-slash.jwt"));
    let terminal = draw(&mut mono, 120, 40);
    for cell in &terminal.backend().buffer().content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

/// 2026-01-01T00:01:00Z: inside the SAML vectors' validity window (tests/fixtures/saml/make.sh).
const SAML_AT: i64 = 1_767_225_660;

fn saml_app() -> App<MemoryClipboard> {
    let options = Options {
        now: Some(DateTime::from_timestamp(SAML_AT, 0).unwrap()),
        ..options()
    };
    App::new(
        Knowledge::builtin().unwrap(),
        options,
        MemoryClipboard::default(),
    )
}

fn saml_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path("saml", name)).unwrap()
}

#[test]
fn a_signed_saml_assertion_shows_its_fields_and_the_signed_xml_at_120x40() {
    let mut app = saml_app();
    paste_with_key_file(&mut app, "saml", "valid.xml", "pub.pem");
    press(&mut app, "esc");
    let summary = app.inspect().evaluation().summary().unwrap().clone();
    assert_eq!(summary.kind, "SAML");
    assert_eq!(summary.signature.status.as_str(), "valid");
    let xml = summary.xml.as_ref().unwrap();
    assert!(xml.iter().any(|l| l.signed && l.text.contains("NameID")));
    // The --json copy is the same document `sfauth inspect --json` prints.
    assert_eq!(summary.json["kind"], "saml");
    let terminal = draw(&mut app, 120, 40);
    let text = screen_text(&terminal);
    assert!(text.contains("[valid]"), "{text}");
    insta::assert_snapshot!("inspect_saml_valid_120x40", terminal.backend());
    // x gives the keys to the XML view: it comes into view, signed element marked, at
    // 120x40 and at 80x24; esc gives them back.
    press(&mut app, "x");
    for (w, h) in [(120, 40), (80, 24)] {
        let text = screen_text(&draw(&mut app, w, h));
        assert!(
            text.contains("┃ marks the signed element"),
            "{w}x{h}\n{text}"
        );
        assert!(text.contains("┃ "), "{w}x{h}\n{text}");
    }
    insta::assert_snapshot!("inspect_saml_xml_120x40", draw(&mut app, 120, 40).backend());
    press(&mut app, "j j esc");
    assert_eq!(app.inspect().xml_scroll(), None);
}

#[test]
fn a_wrapped_saml_assertion_is_flagged_at_80x24() {
    let mut app = saml_app();
    paste(&mut app, &saml_fixture("wrapped.xml"));
    let summary = app.inspect().evaluation().summary().unwrap().clone();
    assert!(
        summary
            .findings
            .iter()
            .any(|f| f.finding.check == "S11"
                && f.finding.severity == sfauth::model::Severity::Error),
        "{:?}",
        summary.findings
    );
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("inspect_saml_wrapped_80x24", terminal.backend());
}

#[test]
fn in_a_response_only_the_signed_assertion_is_marked() {
    let mut app = saml_app();
    paste(&mut app, &saml_fixture("response.xml"));
    let summary = app.inspect().evaluation().summary().unwrap().clone();
    let xml = summary.xml.as_ref().unwrap();
    let response = xml.iter().find(|l| l.text.contains("Response")).unwrap();
    assert!(!response.signed, "{response:?}");
    assert!(xml.iter().any(|l| l.signed && l.text.contains("Assertion")));
}

#[test]
fn bidi_and_zero_width_characters_in_claims_are_escaped_on_screen() {
    use base64::prelude::*;
    let enc = |s: &str| BASE64_URL_SAFE_NO_PAD.encode(s);
    let token = format!(
        "{}.{}.c2ln",
        enc(r#"{"alg":"RS256"}"#),
        enc("{\"sub\":\"admin\u{202e}moc.evil\u{200b}@acme.com\"}")
    );
    let mut app = app();
    paste(&mut app, &token);
    let terminal = draw(&mut app, 120, 40);
    let text = screen_text(&terminal);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{200b}'),
        "{text}"
    );
    assert!(
        text.contains("admin\\u{202e}moc.evil\\u{200b}@acme.com"),
        "{text}"
    );
    assert!(text.contains("[escaped]"), "{text}");
}
