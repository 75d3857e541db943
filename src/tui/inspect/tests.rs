//! The Inspect tab without a terminal: actions and pastes in, state and intents out.

use super::*;
use crate::inspect::report::{Profile, SignatureStatus};
use crate::inspect::{InspectOptions, inspect as run_inspect};
use crate::model::{EntryKind, Knowledge, Severity};
use crate::tui::layout;
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyModifiers;

const AT: i64 = 1_798_761_600;
const AUD_SLASH: &str = include_str!("../../../tests/fixtures/jwt/aud-slash.jwt");
const GOOD: &str = include_str!("../../../tests/fixtures/jwt/good.jwt");
const WRAPPED: &str = include_str!("../../../tests/fixtures/jwt/wrapped.jwt");
const REQUEST: &str = include_str!("../../../tests/fixtures/jwt/request-body.txt");
const PUB_PEM: &str = include_str!("../../../tests/fixtures/jwt/pub.pem");

fn fixture() -> Knowledge {
    Knowledge::from_files(&[
        (
            "checks.json",
            include_str!("../../../tests/fixtures/inspect-tab/checks.json"),
        ),
        (
            "errors.json",
            include_str!("../../../tests/fixtures/inspect-tab/errors.json"),
        ),
        (
            "glossary.json",
            include_str!("../../../tests/fixtures/inspect-tab/glossary.json"),
        ),
    ])
    .expect("the inspect-tab fixture model is valid")
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(AT, 0).unwrap()
}

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/jwt/{name}", env!("CARGO_MANIFEST_DIR"))
}

struct Rig {
    k: Knowledge,
    theme: Theme,
    tab: Inspect,
}

impl Rig {
    fn new() -> Rig {
        Rig {
            k: fixture(),
            theme: Theme::dark(),
            tab: Inspect::new(Some(at())),
        }
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            knowledge: &self.k,
            theme: &self.theme,
            body: layout::shell(Rect::new(0, 0, 80, 24)).body,
        }
    }

    fn act(&mut self, action: Action) -> Intent {
        let ctx = Ctx {
            knowledge: &self.k,
            theme: &self.theme,
            body: layout::shell(Rect::new(0, 0, 80, 24)).body,
        };
        self.tab.update(action, &ctx)
    }

    fn paste(&mut self, text: &str) -> Intent {
        let ctx = Ctx {
            knowledge: &self.k,
            theme: &self.theme,
            body: layout::shell(Rect::new(0, 0, 80, 24)).body,
        };
        self.tab.paste(text, &ctx)
    }

    fn key(&mut self, code: KeyCode) -> Intent {
        let ctx = Ctx {
            knowledge: &self.k,
            theme: &self.theme,
            body: layout::shell(Rect::new(0, 0, 80, 24)).body,
        };
        self.tab
            .edit_text(&KeyEvent::new(code, KeyModifiers::NONE), &ctx)
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Leaves the Key field with esc and carries out the file read it asks `App` for.
    fn leave_key(&mut self) {
        if let Intent::ReadKeyFile(path) = self.act(Action::Cancel) {
            let bytes = read_regular_file(&path);
            let ctx = Ctx {
                knowledge: &self.k,
                theme: &self.theme,
                body: layout::shell(Rect::new(0, 0, 80, 24)).body,
            };
            self.tab.key_file_read(&path, bytes, &ctx);
        }
    }

    /// Focuses a field of the inspector by tabbing from the token box.
    fn focus_field(&mut self, field: Field) {
        self.act(Action::Edit);
        while self.tab.focus() != Focus::Field(field) {
            self.act(Action::NextField);
        }
    }

    fn summary_json_claims(&self) -> serde_json::Value {
        self.tab.evaluation().summary().unwrap().json["claims"].clone()
    }

    fn summary(&self) -> &Summary {
        match &self.tab.evaluation().outcome {
            Outcome::Report(s) => s,
            other => panic!("expected a report, found {other:?}"),
        }
    }

    fn select_field(&mut self, name: &str) {
        let s = self.summary();
        let index = s.findings.len()
            + s.sections
                .iter()
                .flat_map(|s| &s.fields)
                .position(|f| f.name == name)
                .unwrap();
        self.act(Action::Top);
        for _ in 0..index {
            self.act(Action::Down);
        }
        assert_eq!(self.tab.selected(), index);
    }
}

#[test]
fn it_starts_empty_with_the_results_focused_so_global_keys_work() {
    let r = Rig::new();
    assert_eq!(r.tab.evaluation().outcome, Outcome::Empty);
    assert_eq!(r.tab.focus(), Focus::Results);
    assert!(!r.tab.text_focused());
    assert_eq!(r.tab.key_context(), KeyContext::InspectResults);
    assert_eq!(r.tab.location(), None);
}

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
    let j6 = s.findings.iter().find(|f| f.check == "J6").unwrap();
    assert_eq!(j6.severity, Severity::Error);
    assert!(j6.message.contains("trailing slash"), "{}", j6.message);
    assert_eq!(
        j6.predicts.as_deref(),
        Some("invalid_grant: audience is invalid")
    );
    assert_eq!(j6.target, Some(EntryRef::new(EntryKind::Check, "J6")));
    assert_eq!(s.exit_code, 1);
}

#[test]
fn claims_are_explained_from_the_glossary_and_times_read_relative() {
    let mut r = Rig::new();
    r.paste(GOOD);
    let s = r.summary();
    let claims = &s.sections[1];
    assert_eq!(claims.title, "Claims");
    let names: Vec<&str> = claims.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["iss", "sub", "aud", "exp"], "well-known order");
    let term = |name: &str| {
        claims
            .fields
            .iter()
            .find(|f| f.name == name)
            .and_then(|f| f.term.clone())
    };
    assert_eq!(
        term("iss"),
        Some(EntryRef::new(EntryKind::Glossary, "issuer"))
    );
    assert_eq!(
        term("aud"),
        Some(EntryRef::new(EntryKind::Glossary, "audience"))
    );
    assert_eq!(term("exp"), None, "the fixture has no term for exp");
    let exp = claims.fields.iter().find(|f| f.name == "exp").unwrap();
    assert_eq!(
        exp.time.as_deref(),
        Some("2027-01-01T00:02:00Z · expires in 2m")
    );
    let alg = &s.sections[0].fields[0];
    assert_eq!(alg.name, "alg");
    assert_eq!(alg.term, Some(EntryRef::new(EntryKind::Glossary, "jws")));
}

#[test]
fn enter_on_a_finding_jumps_to_its_check_and_on_a_claim_to_its_term() {
    let mut r = Rig::new();
    r.paste(AUD_SLASH);
    let first = r.summary().findings[0].target.clone().unwrap();
    assert_eq!(r.act(Action::Open), Intent::JumpTo(first.clone()));
    assert_eq!(r.tab.location(), Some(first));
    r.select_field("iss");
    assert_eq!(
        r.act(Action::Open),
        Intent::JumpTo(EntryRef::new(EntryKind::Glossary, "issuer"))
    );
    r.select_field("exp");
    let Intent::Status(why) = r.act(Action::Open) else {
        panic!("a field without a term has nowhere to go");
    };
    assert!(why.contains("no glossary entry"), "{why}");
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
    let Intent::Status(why) = r.act(Action::Open) else {
        panic!("expected a status message");
    };
    assert!(why.contains("not in the knowledge model"), "{why}");
}

#[test]
fn going_back_selects_the_row_that_jumped() {
    let mut r = Rig::new();
    r.paste(AUD_SLASH);
    r.select_field("aud");
    let target = r.tab.location().unwrap();
    r.act(Action::Top);
    let ctx_k = fixture();
    let theme = Theme::dark();
    let ctx = Ctx {
        knowledge: &ctx_k,
        theme: &theme,
        body: layout::shell(Rect::new(0, 0, 80, 24)).body,
    };
    assert!(r.tab.restore(&target, &ctx));
    assert_eq!(r.tab.location(), Some(target));
}

#[test]
fn switching_profile_re_evaluates() {
    let mut r = Rig::new();
    r.paste(GOOD);
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
fn the_profile_field_changes_with_space_and_arrows() {
    let mut r = Rig::new();
    r.paste(GOOD);
    r.focus_field(Field::Profile);
    assert_eq!(r.tab.key_context(), KeyContext::InspectForm);
    r.key(KeyCode::Char(' '));
    assert_eq!(r.tab.profile(), ProfileChoice::Fixed(Profile::JwtBearer));
    r.key(KeyCode::Left);
    r.key(KeyCode::Left);
    assert_eq!(r.tab.profile(), ProfileChoice::Fixed(Profile::Generic));
    assert_eq!(r.summary().profile, "generic");
}

#[test]
fn y_copies_the_same_json_as_the_cli_and_capital_y_the_compact_token() {
    let mut r = Rig::new();
    r.paste(WRAPPED);
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
    let mut r = Rig::new();
    r.paste(WRAPPED);
    assert!(r.tab.token_text().contains('\n'), "line breaks are kept");
    assert!(r.summary().findings.iter().any(|f| f.check == "J1"));
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
fn typing_the_token_evaluates_on_every_change() {
    let mut r = Rig::new();
    r.act(Action::Edit);
    assert!(r.tab.text_focused());
    assert_eq!(r.tab.focus(), Focus::Field(Field::Token));
    r.type_text("Bearer ");
    assert!(matches!(
        r.tab.evaluation().outcome,
        Outcome::Undecodable(_)
    ));
    r.type_text(GOOD.trim());
    assert_eq!(r.summary().profile, "jwt-bearer");
    r.key(KeyCode::Backspace);
    assert!(matches!(
        r.tab.evaluation().outcome,
        Outcome::Undecodable(_)
    ));
    r.act(Action::Cancel);
    assert_eq!(r.tab.focus(), Focus::Results);
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

#[test]
fn options_change_the_verdict() {
    let mut r = Rig::new();
    r.paste(GOOD);
    assert_eq!(r.summary().exit_code, 0);
    r.focus_field(Field::Username);
    r.type_text("someone@else.com");
    let s = r.summary();
    assert!(
        s.findings.iter().any(|f| f.check == "J5"),
        "{:?}",
        s.findings
    );
    r.focus_field(Field::At);
    r.type_text("2027-01-01T01:00:00Z");
    assert_eq!(r.tab.evaluation().at_source, AtSource::Given);
    assert!(r.summary().findings.iter().any(|f| f.check == "J9"));
    let given = r.tab.evaluation().at;
    r.key(KeyCode::Char('x'));
    // Half-typed: the last results and instant stay, and the field is marked incomplete.
    let why = r
        .tab
        .evaluation()
        .at_incomplete
        .clone()
        .expect("marked incomplete");
    assert!(why.starts_with("At: "), "{why}");
    assert_eq!(r.tab.evaluation().at, given);
    assert!(r.summary().findings.iter().any(|f| f.check == "J9"));
    r.key(KeyCode::Backspace);
    assert_eq!(r.tab.evaluation().at_incomplete, None);
    r.key(KeyCode::Char('x'));
    r.focus_field(Field::Skew);
    r.type_text("x");
    r.focus_field(Field::At);
    r.key(KeyCode::Backspace);
    let Outcome::BadOption(why) = &r.tab.evaluation().outcome else {
        panic!("a bad skew is an option error");
    };
    assert!(why.starts_with("Skew: "), "{why}");
}

#[test]
fn a_key_path_or_a_pasted_pem_verifies_the_signature() {
    let mut r = Rig::new();
    r.paste(GOOD);
    r.focus_field(Field::Key);
    r.paste(&fixture_path("cert.pem"));
    assert_eq!(
        r.summary().signature.status,
        SignatureStatus::NotChecked,
        "a path is read once, when the field is left, not while it is typed"
    );
    r.leave_key();
    assert_eq!(r.summary().signature.status, SignatureStatus::Valid);
    assert!(matches!(r.tab.evaluation().key, KeyStatus::Loaded(_)));
    // Leaving again with the same path reads nothing.
    r.focus_field(Field::Key);
    assert_eq!(r.act(Action::Cancel), Intent::None);
    r.focus_field(Field::Key);
    r.key(KeyCode::Backspace);
    r.leave_key();
    r.focus_field(Field::Key);
    let KeyStatus::Failed(why) = &r.tab.evaluation().key else {
        panic!("a missing file is a key error");
    };
    assert!(why.starts_with("cannot read"), "{why}");
    assert_eq!(
        r.summary().signature.status,
        SignatureStatus::NotChecked,
        "an unusable key leaves the signature unchecked, not invalid"
    );
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let ctx_k = fixture();
    let theme = Theme::dark();
    let ctx = Ctx {
        knowledge: &ctx_k,
        theme: &theme,
        body: layout::shell(Rect::new(0, 0, 80, 24)).body,
    };
    r.tab.edit_text(&ctrl_u, &ctx);
    r.paste(PUB_PEM);
    assert_eq!(r.summary().signature.status, SignatureStatus::Valid);
    let other = std::fs::read_to_string(fixture_path("other-cert.pem")).unwrap();
    r.tab.edit_text(&ctrl_u, &ctx);
    r.paste(&other);
    assert_eq!(r.summary().signature.status, SignatureStatus::Invalid);
}

#[test]
fn tab_and_shift_tab_walk_the_fields() {
    let mut r = Rig::new();
    r.act(Action::Edit);
    let mut seen = vec![r.tab.focus()];
    for _ in 0..Field::ORDER.len() {
        r.act(Action::NextField);
        seen.push(r.tab.focus());
    }
    let expected: Vec<Focus> = Field::ORDER
        .into_iter()
        .chain([Field::Token])
        .map(Focus::Field)
        .collect();
    assert_eq!(seen, expected);
    r.act(Action::PrevField);
    assert_eq!(r.tab.focus(), Focus::Field(Field::Skew));
}

#[test]
fn moving_the_selection_stays_in_range_and_keeps_it_visible() {
    let mut r = Rig::new();
    r.paste(AUD_SLASH);
    let rows = r.summary().row_count();
    r.act(Action::Bottom);
    assert_eq!(r.tab.selected(), rows - 1);
    r.act(Action::Down);
    assert_eq!(r.tab.selected(), rows - 1);
    let ctx = r.ctx();
    let laid = results::lay_out(&r.tab.evaluation, &r.tab.results_look(&ctx));
    let height = Inspect::results_height(&ctx);
    let row = &laid.rows[rows - 1];
    assert!(row.start >= r.tab.scroll && row.end <= r.tab.scroll + height);
    r.act(Action::Top);
    assert_eq!((r.tab.selected(), r.tab.scroll), (0, 0));
}

#[test]
fn refresh_reads_the_clock_again_and_says_when() {
    let mut r = Rig::new();
    r.paste(GOOD);
    let Intent::Status(message) = r.act(Action::Refresh) else {
        panic!("refresh reports the instant");
    };
    assert_eq!(message, "evaluated at 2027-01-01T00:00:00Z");
}

#[test]
fn pastes_over_the_limit_are_refused_whole() {
    let mut r = Rig::new();
    r.paste(GOOD);
    let huge = "a".repeat(MAX_INPUT_BYTES + 1);
    let Intent::Status(why) = r.paste(&huge) else {
        panic!("refused with a message");
    };
    assert!(why.contains("refused"), "{why}");
    assert_eq!(r.tab.token_text(), GOOD);
}

#[test]
fn debug_output_never_shows_the_pasted_token_or_key() {
    let mut r = Rig::new();
    r.paste(GOOD);
    r.focus_field(Field::Key);
    r.paste(PUB_PEM);
    let shown = format!("{:?}", r.tab);
    let signature = GOOD.trim().rsplit('.').next().unwrap();
    assert!(!shown.contains(signature), "the token leaked into Debug");
    let key_line = PUB_PEM.lines().nth(1).unwrap();
    assert!(!shown.contains(key_line), "the key leaked into Debug");
}

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
    r.act(Action::Cancel);
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
fn renders_at_any_size_without_panicking() {
    let k = fixture();
    let theme = Theme::dark();
    let mut tab = Inspect::new(Some(at()));
    let big = Ctx {
        knowledge: &k,
        theme: &theme,
        body: Rect::new(0, 1, 80, 21),
    };
    tab.paste(AUD_SLASH, &big);
    tab.update(Action::Down, &big);
    for view in [View::Inspect, View::Mint] {
        tab.view = view;
        for (w, h) in [(1, 1), (20, 5), (60, 16), (2, 40), (200, 3), (0, 0)] {
            let mut terminal = Terminal::new(TestBackend::new(w.max(1), h.max(1))).unwrap();
            let area = Rect::new(0, 0, w, h);
            let ctx = Ctx {
                knowledge: &k,
                theme: &theme,
                body: area,
            };
            terminal
                .draw(|f| {
                    tab.render(f, area, &ctx);
                    let _ = tab.cursor(area, &ctx);
                })
                .unwrap();
        }
    }
}

#[test]
fn a_report_with_xml_and_login_history_lays_them_out() {
    let k = fixture();
    let theme = Theme::mono();
    let summary = Summary {
        kind: "SAML",
        profile: "saml-bearer".into(),
        profile_reason: String::new(),
        signature: SignatureView {
            status: SignatureStatus::Invalid,
            alg: Some("RSA-SHA256".into()),
            detail: "digest mismatch".into(),
        },
        findings: vec![FindingView {
            check: "S8".into(),
            severity: Severity::Error,
            message: "NotOnOrAfter has passed".into(),
            predicts: Some("invalid_grant: invalid assertion".into()),
            login_history: Some("Assertion Expired".into()),
            target: None,
            title: None,
            fix: None,
        }],
        sections: vec![Section {
            title: "Subject".into(),
            fields: vec![FieldView {
                name: "NameID".into(),
                value: "ana@acme.com".into(),
                time: None,
                term: None,
            }],
        }],
        json: serde_json::json!({"kind": "saml"}),
        xml: Some(vec![
            XmlLine {
                depth: 0,
                signed: false,
                text: "<samlp:Response>".into(),
            },
            XmlLine {
                depth: 1,
                signed: true,
                text: "<saml:Assertion ID=\"_a1\">".into(),
            },
        ]),
        exit_code: 1,
    };
    let eval = Evaluation {
        at: at(),
        at_source: AtSource::Given,
        at_incomplete: None,
        key: KeyStatus::None,
        outcome: Outcome::Report(Box::new(summary)),
    };
    let look = results::Look {
        selected: 0,
        focused: true,
        width: 80,
        theme: &theme,
        knowledge: &k,
    };
    let laid = results::lay_out(&eval, &look);
    let text: Vec<String> = laid
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let all = text.join("\n");
    assert!(all.contains("SAML profile saml-bearer"), "{all}");
    assert!(
        all.contains("Signature [invalid] RSA-SHA256: digest mismatch"),
        "{all}"
    );
    assert!(all.contains("Login History: Assertion Expired"), "{all}");
    assert!(all.contains("S8 is not in the knowledge model"), "{all}");
    assert!(all.contains("  <samlp:Response>"), "{all}");
    assert!(all.contains("┃   <saml:Assertion ID=\"_a1\">"), "{all}");
    assert_eq!(laid.rows.len(), 2, "one finding and one field");
}

#[test]
fn an_hs256_token_verifies_with_the_secret_field_which_is_never_shown() {
    let token = include_str!("../../../tests/fixtures/jwt/hs256.jwt");
    let secret = include_str!("../../../tests/fixtures/jwt/hs256.secret");
    let mut r = Rig::new();
    r.paste(token);
    assert_eq!(
        r.summary().signature.status,
        SignatureStatus::NotChecked,
        "no secret yet"
    );
    r.focus_field(Field::Secret);
    let said = r.paste(secret);
    assert!(matches!(said, Intent::Status(ref s) if s.contains("not shown")));
    assert_eq!(r.summary().signature.status, SignatureStatus::Valid);
    let shown = format!("{:?}", r.tab);
    assert!(
        !shown.contains(secret.trim()),
        "Debug never prints the secret"
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let ctx = r.ctx();
    terminal.draw(|f| r.tab.render(f, ctx.body, &ctx)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(!screen.contains(secret.trim()), "{screen}");
    assert!(screen.contains("Secret"), "{screen}");
}

#[test]
fn an_expanded_finding_says_the_fix_and_names_the_rule_as_expected() {
    let k = Knowledge::builtin().expect("the shipped model loads");
    let mut r = Rig::new();
    r.k = k;
    r.paste(AUD_SLASH);
    let row = r
        .summary()
        .findings
        .iter()
        .position(|f| f.check == "J6")
        .expect("J6 fails on a trailing slash");
    let fix = r.summary().findings[row].fix.clone().expect("J6 has a fix");
    assert!(fix.contains("no trailing slash"), "{fix}");
    let look = results::Look {
        selected: row,
        focused: true,
        width: 120,
        theme: &r.theme,
        knowledge: &r.k,
    };
    let text: String = results::lay_out(r.tab.evaluation(), &look)
        .lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(text.contains("Fix: Set aud to"), "{text}");
    assert!(text.contains("Rule J6 expects: "), "{text}");
}

#[test]
fn the_mint_form_starts_from_the_inspected_tokens_claims() {
    let mut r = Rig::new();
    r.paste(GOOD);
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

#[test]
fn x_gives_the_keyboard_to_the_xml_view_and_back() {
    let saml = include_str!("../../../tests/fixtures/saml/valid.xml");
    let mut r = Rig::new();
    assert!(
        matches!(r.act(Action::ToggleXml), Intent::Status(_)),
        "no SAML yet"
    );
    r.paste(saml);
    r.act(Action::ToggleXml);
    assert_eq!(r.tab.key_context(), KeyContext::InspectXml);
    assert_eq!(r.tab.xml_scroll(), Some(0));
    r.act(Action::Down);
    r.act(Action::Bottom);
    let bottom = r.tab.xml_scroll().unwrap();
    r.act(Action::Top);
    assert_eq!(r.tab.xml_scroll(), Some(0));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let ctx = r.ctx();
    terminal.draw(|f| r.tab.render(f, ctx.body, &ctx)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("XML"),
        "the XML heading is on screen\n{screen}"
    );
    assert!(bottom < 1000);
    r.act(Action::Cancel);
    assert_eq!(r.tab.key_context(), KeyContext::InspectResults);
}

#[test]
fn e_opens_the_explain_view_and_a_link_opens_the_error() {
    let mut r = Rig::new();
    r.act(Action::ToggleExplain);
    assert_eq!(r.tab.view(), View::Explain);
    assert!(
        r.tab.text_focused(),
        "an empty explain box takes typing at once"
    );
    r.act(Action::Cancel);
    r.paste("invalid_grant: audience is invalid");
    assert_eq!(r.tab.key_context(), KeyContext::InspectExplain);
    r.act(Action::NextLink);
    let Intent::JumpTo(target) = r.act(Action::Open) else {
        panic!("enter opens the selected link");
    };
    assert!(r.k.contains(&target), "{target}");
    r.act(Action::ToggleExplain);
    assert_eq!(r.tab.view(), View::Inspect);
}

#[test]
fn a_paste_after_an_hs256_token_is_its_secret() {
    let token = include_str!("../../../tests/fixtures/jwt/hs256.jwt");
    let secret = include_str!("../../../tests/fixtures/jwt/hs256.secret");
    let mut r = Rig::new();
    r.paste(token);
    let said = r.paste(secret);
    assert!(
        matches!(&said, Intent::Status(s) if s.contains("Secret field")),
        "{said:?}"
    );
    assert_eq!(r.tab.token_text().trim(), token.trim(), "the token stays");
    assert_eq!(r.summary().signature.status, SignatureStatus::Valid);
    // Another token still replaces the first.
    r.paste(GOOD);
    assert_eq!(r.tab.token_text().trim(), GOOD.trim());
}
