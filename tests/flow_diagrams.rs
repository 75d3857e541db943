#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Sequence diagrams of every shipped flow and of a fixture flow: snapshots of the text layout
//! and of the exports, width properties, and stepping.
//!
//! The shipped flows are read from assets/knowledge/flows.json directly (not through the
//! validated model) so these tests only depend on that file. Snapshots of the shipped flows
//! follow its content: after it changes, re-create them with
//! `INSTA_UPDATE=always cargo test --test flow_diagrams` and read the diff.

use proptest::prelude::*;
use sfauth::diagram::{self, Charset, Role, StepCursor, text};
use sfauth::model::{
    Direction, Flow, HttpMessage, ModelFile, Participant, ParticipantKind, Step, StepKind,
};

fn shipped_flows() -> Vec<Flow> {
    let file: ModelFile =
        serde_json::from_str(include_str!("../assets/knowledge/flows.json")).unwrap();
    file.flows
}

fn fixture_flow() -> Flow {
    let file: ModelFile =
        serde_json::from_str(include_str!("fixtures/flows/pack/flows.json")).unwrap();
    file.flows.into_iter().next().unwrap()
}

fn all_flows() -> Vec<Flow> {
    let mut flows = shipped_flows();
    flows.push(fixture_flow());
    flows
}

#[test]
fn snapshots_of_every_flow_at_100_and_60_columns() {
    for flow in all_flows() {
        for width in [100, 60] {
            let out = diagram::render_text(&flow, width, false, None);
            insta::assert_snapshot!(format!("{}_text_{width}", flow.id), out);
        }
        let ascii = diagram::render_text(&flow, 100, true, None);
        insta::assert_snapshot!(format!("{}_ascii_100", flow.id), ascii);
    }
}

#[test]
fn snapshots_of_every_export() {
    for flow in all_flows() {
        insta::assert_snapshot!(format!("{}_mermaid", flow.id), diagram::to_mermaid(&flow));
        insta::assert_snapshot!(format!("{}_plantuml", flow.id), diagram::to_plantuml(&flow));
    }
}

#[test]
fn snapshot_of_a_highlighted_step() {
    let flow = fixture_flow();
    let out = diagram::render_text(&flow, 80, false, Some(3));
    insta::assert_snapshot!("fixture-flow_text_80_step_4", out);
}

/// Every rendered line fits the width asked for, or the width the layout says it needs.
fn check_widths(flow: &Flow, width: usize, charset: Charset) {
    let d = diagram::layout(flow, width, charset);
    let limit = if d.needs_scroll() {
        d.width
    } else {
        assert!(
            d.width <= width,
            "{} at {width}: width {}",
            flow.id,
            d.width
        );
        width
    };
    for (row, cells) in d.lines.iter().enumerate() {
        assert_eq!(cells.len(), d.width, "{} row {row} at {width}", flow.id);
    }
    let out = diagram::render_text(flow, width, charset == Charset::Ascii, Some(0));
    for line in out.lines() {
        assert!(
            text::width(line) <= limit,
            "{} at {width}: line of {} columns (limit {limit}): {line}",
            flow.id,
            text::width(line)
        );
    }
    assert_eq!(d.steps.len(), flow.steps.len());
    let mut last_end = 0;
    for (i, place) in d.steps.iter().enumerate() {
        assert!(!place.rows.is_empty(), "{} step {i} has no rows", flow.id);
        assert!(place.rows.start >= last_end, "{} steps overlap", flow.id);
        assert!(place.rows.end <= d.lines.len());
        assert!(place.rows.start <= place.arrow_rows.start);
        assert!(place.arrow_rows.end <= place.rows.end);
        assert!(place.cols.end <= d.width);
        last_end = place.rows.end;
    }
}

#[test]
fn every_flow_fits_every_width_from_40_to_200() {
    for flow in all_flows() {
        for width in 40..=200 {
            check_widths(&flow, width, Charset::Unicode);
            check_widths(&flow, width, Charset::Ascii);
        }
    }
}

#[test]
fn a_narrow_terminal_scrolls_instead_of_breaking() {
    for flow in all_flows() {
        let d = diagram::layout(&flow, 20, Charset::Unicode);
        assert!(d.needs_scroll(), "{} fits in 20 columns?", flow.id);
        // Every participant keeps its lifeline, left to right.
        assert_eq!(d.lifelines.len(), flow.participants.len());
        assert!(d.lifelines.windows(2).all(|w| w[0] < w[1]));
        // The widest layout is not wider than the natural one.
        let wide = diagram::layout(&flow, 1000, Charset::Unicode);
        assert!(d.width <= wide.width);
    }
}

#[test]
fn stepping_visits_every_step_and_highlights_only_it() {
    for flow in all_flows() {
        let d = diagram::layout(&flow, 100, Charset::Unicode);
        let mut cursor = StepCursor::new(flow.steps.len());
        let mut visited = Vec::new();
        loop {
            let step = cursor.current().unwrap();
            visited.push(step);
            let place = &d.steps[step];
            for row in 0..d.lines.len() {
                let marked = d.line_text(row, Some(step)).starts_with(['▶', '┃']);
                assert_eq!(
                    marked,
                    place.rows.contains(&row),
                    "{} step {step} row {row}",
                    flow.id
                );
            }
            let arrow = d.lines[place.arrow_rows.start]
                .iter()
                .filter(|c| matches!(c.role, Role::Arrow(_)))
                .count();
            assert!(arrow >= 3, "{} step {step} draws no arrow", flow.id);
            assert!(diagram::step_document(&flow, step).is_some());
            if !cursor.forward() {
                break;
            }
        }
        assert_eq!(visited, (0..flow.steps.len()).collect::<Vec<_>>());
        assert!(diagram::step_document(&flow, flow.steps.len()).is_none());
    }
}

#[test]
fn exports_carry_every_participant_step_and_note() {
    for flow in all_flows() {
        let mermaid = diagram::to_mermaid(&flow);
        let plantuml = diagram::to_plantuml(&flow);
        for export in [&mermaid, &plantuml] {
            let participants = export
                .lines()
                .filter(|l| {
                    let l = l.trim_start();
                    l.starts_with("participant ") || l.starts_with("actor ")
                })
                .count();
            assert_eq!(participants, flow.participants.len(), "{}", flow.id);
            let notes = export
                .lines()
                .filter(|l| l.trim_start().to_lowercase().starts_with("note over "))
                .count();
            let expected = flow.steps.iter().filter(|s| s.note.is_some()).count();
            assert_eq!(notes, expected, "{}", flow.id);
        }
        // Every other line is one message per step.
        let messages = |text: &str, arrows: &[&str]| {
            text.lines()
                .map(str::trim_start)
                .filter(|l| {
                    let lower = l.to_lowercase();
                    ![
                        "title ",
                        "participant ",
                        "actor ",
                        "note ",
                        "autonumber",
                        "@",
                        "sequencediagram",
                    ]
                    .iter()
                    .any(|p| lower.starts_with(p))
                })
                .inspect(|l| assert!(arrows.iter().any(|a| l.contains(a)), "{l}"))
                .count()
        };
        assert_eq!(
            messages(&mermaid, &["->>", "-->>", "--)", "-)"]),
            flow.steps.len()
        );
        assert_eq!(
            messages(&plantuml, &[" -> ", " --> ", " -->> ", " ->> "]),
            flow.steps.len()
        );
    }
}

/// The sequenceDiagram grammar rules the Mermaid export relies on (checked against
/// mermaid-cli 11 by tests/fixtures/flows/check_exports.sh; this keeps them checked without
/// it): text never holds `#`, `;` or `%`, participant names are plain words that are not
/// keywords, and every message names declared participants.
#[test]
fn mermaid_exports_follow_the_grammar() {
    let keywords = [
        "end",
        "note",
        "loop",
        "alt",
        "opt",
        "par",
        "and",
        "else",
        "rect",
        "box",
        "over",
        "participant",
        "actor",
        "critical",
        "option",
        "break",
        "links",
        "link",
        "properties",
        "details",
        "activate",
        "deactivate",
        "title",
        "autonumber",
        "off",
        "create",
        "destroy",
    ];
    for flow in all_flows() {
        let out = diagram::to_mermaid(&flow);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("sequenceDiagram"));
        let mut declared = Vec::new();
        for line in lines {
            let line = line.trim_start();
            let entity_free = strip_entities(line);
            assert!(
                !entity_free.contains(['#', ';', '%']),
                "{}: raw # ; or % in: {line}",
                flow.id
            );
            if let Some(rest) = line
                .strip_prefix("participant ")
                .or_else(|| line.strip_prefix("actor "))
            {
                let (name, label) = rest.split_once(" as ").unwrap();
                assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                assert!(name.starts_with(|c: char| c.is_ascii_alphabetic()));
                assert!(!keywords.contains(&name.to_lowercase().as_str()), "{name}");
                assert!(!label.trim().is_empty());
                declared.push(name.to_string());
            } else if let Some(rest) = line.strip_prefix("Note over ") {
                let (who, text) = rest.split_once(": ").unwrap();
                for name in who.split(',') {
                    assert!(declared.contains(&name.to_string()), "{}: {name}", flow.id);
                }
                assert!(!text.trim().is_empty());
            } else if line.starts_with("title ") || line == "autonumber" {
            } else {
                let (head, text) = line.split_once(": ").unwrap();
                assert!(!text.trim().is_empty());
                let arrow = ["-->>", "->>", "--)", "-)"]
                    .into_iter()
                    .find(|a| head.contains(a))
                    .unwrap_or_else(|| panic!("{}: no arrow in {line}", flow.id));
                let (from, to) = head.split_once(arrow).unwrap();
                for name in [from, to] {
                    assert!(declared.contains(&name.to_string()), "{}: {name}", flow.id);
                }
            }
        }
    }
}

/// Removes mermaid entity codes (`#59;`, `#lt;`).
fn strip_entities(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match tail.find(';') {
            Some(end) if end > 0 && tail[..end].chars().all(|c| c.is_ascii_alphanumeric()) => {
                rest = &tail[end + 1..];
            }
            _ => {
                out.push('#');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,60}",
        "[a-z/_.:-]{0,80}",
        "\\PC{0,40}",
        "[認証サーバー ]{0,20}",
    ]
}

fn arb_kind() -> impl Strategy<Value = StepKind> {
    prop_oneof![
        Just(StepKind::Request),
        Just(StepKind::Response),
        Just(StepKind::Redirect),
        Just(StepKind::UserAction),
        Just(StepKind::Internal),
    ]
}

prop_compose! {
    fn arb_flow()(
        labels in prop::collection::vec(arb_text(), 1..8),
        raw_steps in prop::collection::vec(
            (0usize..10, 0usize..10, arb_kind(), arb_text(), prop::option::of(arb_text())),
            0..16,
        ),
    ) -> Flow {
        let participants: Vec<Participant> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| Participant {
                id: format!("p{i}"),
                label: label.clone(),
                kind: ParticipantKind::Backend,
            })
            .collect();
        // Indices past the participant list name unknown participants on purpose.
        let steps = raw_steps
            .into_iter()
            .map(|(from, to, kind, label, note)| Step {
                from: format!("p{from}"),
                to: format!("p{to}"),
                kind,
                label,
                explanation: String::new(),
                http: Some(HttpMessage {
                    method: Some("GET".into()),
                    url: Some("https://example.com/".into()),
                    status: None,
                    headers: vec![],
                    params: vec![],
                    body: None,
                }),
                pitfalls: vec![],
                note,
            })
            .collect();
        Flow {
            id: "random".into(),
            name: "random".into(),
            direction: Direction::Inbound,
            strategy: "x".into(),
            summary: String::new(),
            participants,
            steps,
            related: vec![],
            sources: vec![],
            as_of: String::new(),
            override_existing: false,
        }
    }
}

proptest! {
    #[test]
    fn any_flow_lays_out_at_any_width(flow in arb_flow(), width in 1usize..260, ascii: bool) {
        let charset = if ascii { Charset::Ascii } else { Charset::Unicode };
        check_widths(&flow, width, charset);
        let _ = diagram::to_mermaid(&flow);
        let _ = diagram::to_plantuml(&flow);
    }
}
