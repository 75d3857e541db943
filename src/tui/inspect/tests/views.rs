//! Drawing at any size, the XML view and the Explain view.

use super::*;
use crate::inspect::report::{Finding, Signature};

#[test]
fn claims_are_explained_from_the_glossary_and_times_read_relative() {
    let r = Rig::with(GOOD);
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
        signature: Signature {
            status: SignatureStatus::Invalid,
            alg: Some("RSA-SHA256".into()),
            detail: "digest mismatch".into(),
        },
        findings: vec![FindingView {
            finding: Finding {
                check: "S8".into(),
                severity: Severity::Error,
                message: "NotOnOrAfter has passed".into(),
                predicts: Some("invalid_grant: invalid assertion".into()),
                login_history: Some("Assertion Expired".into()),
            },
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
        answer: None,
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
    assert_eq!(
        laid.spots
            .iter()
            .filter(|s| matches!(s.target, results::Part::Row(_)))
            .count(),
        2,
        "one finding and one field"
    );
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
        .position(|f| f.finding.check == "J6")
        .expect("J6 fails on a trailing slash");
    let fix = r.summary().findings[row].fix.clone().expect("J6 has a fix");
    assert!(fix.contains("no trailing slash"), "{fix}");
    let look = results::Look {
        selected: row,
        focused: true,
        width: 120,
        theme: &r.theme,
        knowledge: &r.k,
        answer: None,
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
fn x_gives_the_keyboard_to_the_xml_view_and_back() {
    let saml = include_str!("../../../../tests/fixtures/saml/valid.xml");
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
