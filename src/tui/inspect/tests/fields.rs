//! Typing in the token box and the option fields, keys, secrets and paste limits.

use super::*;

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
fn the_profile_field_changes_with_space_and_arrows() {
    let mut r = Rig::with(GOOD);
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
fn options_change_the_verdict() {
    let mut r = Rig::with(GOOD);
    assert_eq!(r.summary().exit_code, 0);
    r.focus_field(Field::Username);
    r.type_text("someone@else.com");
    let s = r.summary();
    assert!(
        s.findings.iter().any(|f| f.finding.check == "J5"),
        "{:?}",
        s.findings
    );
    r.focus_field(Field::At);
    r.type_text("2027-01-01T01:00:00Z");
    assert_eq!(r.tab.evaluation().at_source, AtSource::Given);
    assert!(r.summary().findings.iter().any(|f| f.finding.check == "J9"));
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
    assert!(r.summary().findings.iter().any(|f| f.finding.check == "J9"));
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
    let mut r = Rig::with(GOOD);
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
    r.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    r.paste(PUB_PEM);
    assert_eq!(r.summary().signature.status, SignatureStatus::Valid);
    let other = std::fs::read_to_string(fixture_path("other-cert.pem")).unwrap();
    r.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
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
    let mut r = Rig::with(AUD_SLASH);
    let rows = r.summary().row_count();
    r.act(Action::Bottom);
    assert_eq!(r.tab.selected(), rows - 1);
    r.act(Action::Down);
    assert_eq!(r.tab.selected(), rows - 1);
    let ctx = r.ctx();
    let laid = results::lay_out(&r.tab.evaluation, &r.tab.results_look(&ctx));
    let height = Inspect::results_height(&ctx);
    let row = laid.row_lines(rows - 1).expect("the last row is laid out");
    assert!(row.start >= r.tab.scroll && row.end <= r.tab.scroll + height);
    r.act(Action::Top);
    assert_eq!((r.tab.selected(), r.tab.scroll), (0, 0));
}

#[test]
fn refresh_reads_the_clock_again_and_says_when() {
    let mut r = Rig::with(GOOD);
    let Intent::Status(message) = r.act(Action::Refresh) else {
        panic!("refresh reports the instant");
    };
    assert_eq!(message, "evaluated at 2027-01-01T00:00:00Z");
}

#[test]
fn pastes_over_the_limit_are_refused_whole() {
    let mut r = Rig::with(GOOD);
    let huge = "a".repeat(MAX_INPUT_BYTES + 1);
    assert_status(r.paste(&huge), "refused");
    assert_eq!(r.tab.token_text(), GOOD);
}

#[test]
fn debug_output_never_shows_the_pasted_token_or_key() {
    let mut r = Rig::with(GOOD);
    r.focus_field(Field::Key);
    r.paste(PUB_PEM);
    let shown = format!("{:?}", r.tab);
    let signature = GOOD.trim().rsplit('.').next().unwrap();
    assert!(!shown.contains(signature), "the token leaked into Debug");
    let key_line = PUB_PEM.lines().nth(1).unwrap();
    assert!(!shown.contains(key_line), "the key leaked into Debug");
}

#[test]
fn an_hs256_token_verifies_with_the_secret_field_which_is_never_shown() {
    let token = include_str!("../../../../tests/fixtures/jwt/hs256.jwt");
    let secret = include_str!("../../../../tests/fixtures/jwt/hs256.secret");
    let mut r = Rig::with(token);
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
fn a_paste_after_an_hs256_token_is_its_secret() {
    let token = include_str!("../../../../tests/fixtures/jwt/hs256.jwt");
    let secret = include_str!("../../../../tests/fixtures/jwt/hs256.secret");
    let mut r = Rig::with(token);
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
