//! Component tests: actions in, state and intents out, no terminal.

use super::*;
use crate::diagram::curl_for;
use crate::model::{Direction, StepKind};
use crate::tui::action::Action;
use crate::tui::component::Component;
use crate::tui::keymap::KeyContext;
use crate::tui::test_support::{FIXTURE_FILES, assert_copies, ctx, on_screen, opens_in_turn};
use crate::tui::theme::Theme;

/// The TUI fixture pack plus the diagram fixture flow (four participants, every step kind,
/// HTTP requests and responses) and an outbound flow.
fn model() -> Knowledge {
    let mut files = FIXTURE_FILES.to_vec();
    files.extend_from_slice(&[
        (
            "fixture-flow.json",
            include_str!("../../../tests/fixtures/flows/pack/flows.json"),
        ),
        (
            "fixture-strategy.json",
            include_str!("../../../tests/fixtures/flows/pack/strategies.json"),
        ),
        (
            "outbound.json",
            include_str!("../../../tests/fixtures/tui_flows/outbound.json"),
        ),
    ]);
    Knowledge::from_files(&files).unwrap()
}

fn r(s: &str) -> EntryRef {
    s.parse().unwrap()
}

/// A Flows tab showing `id` in a screen of `w` x `h`.
fn on(id: &str, k: &Knowledge, c: &Ctx<'_>) -> Flows {
    let mut f = Flows::new(k);
    assert!(f.restore(&r(&format!("flow:{id}")), c), "{id}");
    f
}

/// The step shown after `action`.
fn step_after(f: &mut Flows, c: &Ctx<'_>, action: Action) -> Option<usize> {
    f.update(action, c);
    f.step()
}

/// Runs `test` on the Flows tab as it opens, on an 80x24 screen in the dark theme.
fn on_flows(test: impl FnOnce(&mut Flows, &Ctx<'_>)) {
    on_screen(model(), (80, 24), |c| Flows::new(c.knowledge), test);
}

/// Runs `test` on the Flows tab showing `fixture-flow`, on an 80x24 screen in the dark theme.
fn on_fixture_flow(test: impl FnOnce(&mut Flows, &Ctx<'_>)) {
    on_screen(
        model(),
        (80, 24),
        |c| on("fixture-flow", c.knowledge, c),
        test,
    );
}

#[test]
fn the_list_groups_inbound_then_outbound_flows_in_model_order() {
    let k = model();
    let f = Flows::new(&k);
    assert_eq!(f.ids(), ["fx-jwt-bearer", "fixture-flow", "fx-callout"]);
    assert_eq!(
        f.rows,
        vec![
            FlowListRow::Header(Direction::Inbound),
            FlowListRow::Flow(0),
            FlowListRow::Flow(1),
            FlowListRow::Header(Direction::Outbound),
            FlowListRow::Flow(2),
        ]
    );
}

#[test]
fn the_shipped_flows_are_listed_once_each_grouped_by_direction() {
    let k = Knowledge::builtin().unwrap();
    let f = Flows::new(&k);
    assert_eq!(f.ids().len(), k.flows.len());
    let directions: Vec<Direction> = f
        .ids()
        .iter()
        .map(|id| k.flow(id).unwrap().direction)
        .collect();
    let first_outbound = directions
        .iter()
        .position(|d| *d == Direction::Outbound)
        .unwrap_or(directions.len());
    assert!(
        directions[first_outbound..]
            .iter()
            .all(|d| *d == Direction::Outbound)
    );
}

#[test]
fn stepping_forward_visits_every_step_then_stops() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 80, 24);
    for id in ["fx-jwt-bearer", "fixture-flow", "fx-callout"] {
        let mut f = on(id, &k, &c);
        let len = k.flow(id).unwrap().steps.len();
        let mut seen = vec![f.step()];
        while f.update(Action::NextStep, &c) == Intent::None {
            seen.push(f.step());
        }
        let expected: Vec<Option<usize>> = (0..len).map(Some).collect();
        assert_eq!(seen, expected, "{id}");
        assert_eq!(
            f.update(Action::NextStep, &c),
            Intent::Status("this is the last step".into())
        );
        let mut back = vec![f.step()];
        while f.update(Action::PrevStep, &c) == Intent::None {
            back.push(f.step());
        }
        back.reverse();
        assert_eq!(back, expected, "{id}");
    }
}

#[test]
fn top_and_bottom_go_to_the_first_and_last_step() {
    on_fixture_flow(|f, c| {
        assert_eq!(step_after(f, c, Action::Bottom), Some(8));
        assert_eq!(step_after(f, c, Action::Top), Some(0));
    });
}

#[test]
fn the_current_step_stays_inside_the_diagram_view() {
    let (k, t) = (model(), Theme::dark());
    for (w, h) in [(80, 24), (60, 16), (120, 40)] {
        let c = ctx(&k, &t, w, h);
        let mut f = on("fixture-flow", &k, &c);
        let d = f.diagram(&c, c.body).unwrap();
        let view = inner(f.panes(c.body).diagram);
        loop {
            let place = &d.steps[f.step().unwrap()];
            let top = f.effective_diagram_scroll(&d, view.height);
            assert_eq!(
                top,
                f.diagram_scroll(),
                "{w}x{h}: stepping stores the scroll"
            );
            let rows = scrolled_rows(view.height);
            assert!(place.arrow_rows.start >= top, "{w}x{h} {place:?} top {top}");
            assert!(
                place.arrow_rows.end <= top + rows,
                "{w}x{h} {place:?} top {top}"
            );
            let left = f.pan();
            assert!(place.cols.start >= left || place.cols.len() > usize::from(view.width));
            if f.update(Action::NextStep, &c) != Intent::None {
                break;
            }
        }
    }
}

#[test]
fn choosing_another_flow_starts_at_its_first_step() {
    on_flows(|f, c| {
        assert_eq!(step_after(f, c, Action::Bottom), Some(2));
        f.update(Action::Down, c);
        assert_eq!(f.selected_id(), Some("fixture-flow"));
        assert_eq!(f.step(), Some(0));
        f.update(Action::Down, c);
        f.update(Action::Down, c);
        assert_eq!(f.selected_id(), Some("fx-callout"));
        f.update(Action::Up, c);
        f.update(Action::Up, c);
        f.update(Action::Up, c);
        assert_eq!(f.selected_id(), Some("fx-jwt-bearer"));
    });
}

#[test]
fn play_advances_on_the_timer_and_stops_at_the_last_step() {
    on_fixture_flow(|f, c| {
        assert_eq!(f.next_timer(), None, "idle means no timer");
        assert!(matches!(f.update(Action::TogglePlay, c), Intent::Status(_)));
        assert!(f.is_playing());
        let mut seen = vec![f.step()];
        while let Some(wait) = f.next_timer() {
            assert_eq!(wait, PLAY_INTERVAL);
            f.on_timer(c);
            seen.push(f.step());
        }
        assert_eq!(seen, (0..9).map(Some).collect::<Vec<_>>());
        assert!(!f.is_playing());
        // Playing again from the last step starts over.
        assert_eq!(step_after(f, c, Action::TogglePlay), Some(0));
        assert!(f.is_playing());
    });
}

#[test]
fn any_action_while_playing_only_stops_it() {
    on_fixture_flow(|f, c| {
        f.update(Action::TogglePlay, c);
        f.on_timer(c);
        assert_eq!(
            f.update(Action::NextStep, c),
            Intent::Status("stopped at step 2 of 9".into())
        );
        assert!(!f.is_playing());
        assert_eq!(f.step(), Some(1));
        assert_eq!(f.next_timer(), None);
        f.update(Action::TogglePlay, c);
        assert!(matches!(f.update(Action::TogglePlay, c), Intent::Status(_)));
        assert!(!f.is_playing());
        f.update(Action::TogglePlay, c);
        assert!(matches!(f.stop_timer(c), Intent::Status(_)));
        assert!(!f.is_playing());
        assert_eq!(f.on_timer(c), Intent::None);
        assert_eq!(f.step(), Some(1));
    });
}

#[test]
fn copy_gives_the_request_as_curl_and_says_so_when_there_is_none() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 80, 24);
    let mut f = on("fixture-flow", &k, &c);
    // Step 1 is a user action.
    assert_eq!(
        f.update(Action::Copy, &c),
        Intent::Status("nothing to copy: step 1 is a user action, not a request".into())
    );
    f.update(Action::NextStep, &c);
    f.update(Action::NextStep, &c);
    let flow = k.flow("fixture-flow").unwrap();
    assert_eq!(flow.steps[2].kind, StepKind::Request);
    match f.update(Action::Copy, &c) {
        Intent::Copy { text, label } => {
            assert_eq!(Some(text), curl_for(&flow.steps[2]));
            assert_eq!(label, "step 3 as curl");
        }
        other => panic!("{other:?}"),
    }
    // A request without HTTP details has nothing curl could send.
    f.update(Action::Bottom, &c);
    f.update(Action::PrevStep, &c);
    assert_eq!(
        f.update(Action::Copy, &c),
        Intent::Status("nothing to copy: step 8 has no HTTP request curl can send".into())
    );
}

#[test]
fn an_apex_callout_url_is_not_offered_as_curl() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 80, 24);
    let mut f = on("fx-callout", &k, &c);
    assert!(matches!(f.update(Action::Copy, &c), Intent::Status(_)));
    f.update(Action::NextStep, &c);
    assert!(matches!(
        f.update(Action::Copy, &c),
        Intent::Copy { text, .. } if text.starts_with("curl 'https://api.example.com/v1/orders'")
    ));
}

#[test]
fn copy_id_gives_the_flow_or_the_selected_related_entry() {
    on_flows(|f, c| {
        assert_copies(f.update(Action::CopyId, c), "flow:fx-jwt-bearer");
        f.update(Action::FocusDetail, c);
        assert_copies(f.update(Action::CopyId, c), "strategy:fx-jwt-bearer");
    });
}

#[test]
fn related_entries_start_with_the_strategy_and_include_cards_about_the_flow() {
    let k = model();
    let flow = k.flow("fx-jwt-bearer").unwrap();
    assert_eq!(
        related(&k, flow),
        vec![
            r("strategy:fx-jwt-bearer"),
            r("error:fx-audience-invalid"),
            r("card:fx-aud-sandbox"),
        ]
    );
}

#[test]
fn enter_chooses_related_entries_and_opens_them_as_jumps() {
    on_flows(|f, c| {
        assert_eq!(f.key_context(), KeyContext::FlowsSteps);
        assert_eq!(f.update(Action::FocusDetail, c), Intent::None);
        assert_eq!(f.focus(), Focus::Related);
        assert_eq!(f.key_context(), KeyContext::FlowsRelated);
        let targets = [
            "strategy:fx-jwt-bearer",
            "error:fx-audience-invalid",
            "card:fx-aud-sandbox",
        ];
        opens_in_turn(f, c, Action::NextLink, &targets);
        // Wraps around, both ways.
        f.update(Action::NextLink, c);
        assert_eq!(f.selected_link(), Some(0));
        f.update(Action::PrevLink, c);
        assert_eq!(f.selected_link(), Some(2));
        f.update(Action::Cancel, c);
        assert_eq!(f.focus(), Focus::Steps);
        assert_eq!(f.selected_link(), None);
    });
}

#[test]
fn the_selected_related_entry_is_scrolled_into_view() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 60, 16);
    let mut f = on("fixture-flow", &k, &c);
    f.update(Action::NextStep, &c);
    f.update(Action::FocusDetail, &c);
    let rendered = f.rendered(&c, c.body).unwrap();
    let line = rendered.spots[0].line();
    let (_, height) = f.detail_size(c.body);
    assert!(line >= f.detail_scroll() && line < f.detail_scroll() + height);
    assert!(f.detail_scroll() > 0);
}

#[test]
fn details_scroll_by_pages_and_stop_at_the_end() {
    on_fixture_flow(|f, c| {
        f.update(Action::Bottom, c);
        f.update(Action::PrevStep, c);
        f.update(Action::PrevStep, c);
        f.update(Action::PrevStep, c);
        let max = f.max_detail_scroll(c);
        assert!(max > 0);
        for _ in 0..50 {
            f.update(Action::PageDown, c);
        }
        assert_eq!(f.detail_scroll(), max);
        f.update(Action::PageUp, c);
        assert!(f.detail_scroll() < max);
        f.update(Action::NextStep, c);
        assert_eq!(
            f.detail_scroll(),
            0,
            "a new step starts at the top of its details"
        );
    });
}

#[test]
fn a_wide_diagram_pans_within_its_width() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 60, 16);
    let mut f = on("fixture-flow", &k, &c);
    // With the list shown, the diagram pane is narrower than the flow.
    f.toggle_list(&c);
    let d = f.diagram(&c, c.body).unwrap();
    assert!(
        d.needs_scroll(),
        "the fixture flow is wider than a 60-column screen allows"
    );
    let max = d.width - usize::from(inner(f.panes(c.body).diagram).width);
    for _ in 0..50 {
        assert_eq!(f.update(Action::ScrollRight, &c), Intent::None);
    }
    assert_eq!(f.pan(), max);
    for _ in 0..50 {
        f.update(Action::ScrollLeft, &c);
    }
    assert_eq!(f.pan(), 0);

    let wide = ctx(&k, &t, 200, 50);
    let mut f = on("fx-jwt-bearer", &k, &wide);
    assert_eq!(
        f.update(Action::ScrollRight, &wide),
        Intent::Status("the whole diagram fits; nothing to scroll".into())
    );
    assert_eq!(f.pan(), 0);
}

#[test]
fn restore_shows_a_flow_and_keeps_the_step_when_it_is_already_shown() {
    on_flows(|f, c| {
        assert!(!f.restore(&r("strategy:fx-jwt-bearer"), c));
        assert!(!f.restore(&r("flow:nope"), c));
        assert!(f.restore(&r("flow:fixture-flow"), c));
        assert_eq!(f.location(), Some(r("flow:fixture-flow")));
        f.update(Action::NextStep, c);
        f.update(Action::FocusDetail, c);
        assert!(f.restore(&r("flow:fixture-flow"), c));
        assert_eq!(f.step(), Some(1));
        assert_eq!(f.focus(), Focus::Steps);
        assert!(f.restore(&r("flow:fx-callout"), c));
        assert_eq!(f.step(), Some(0));
    });
}

#[test]
fn a_link_opens_the_flow_at_step_1_even_when_it_is_on_screen() {
    on_flows(|f, c| {
        assert!(f.show(&r("flow:fixture-flow"), c));
        f.update(Action::NextStep, c);
        assert_eq!(step_after(f, c, Action::NextStep), Some(2));
        assert!(f.show(&r("flow:fixture-flow"), c));
        assert_eq!(f.step(), Some(0));
        assert_eq!((f.pan(), f.diagram_scroll()), (0, 0));
        assert!(!f.show(&r("flow:nope"), c));
    });
}

#[test]
fn the_list_is_hidden_below_100_columns() {
    let (k, t) = (model(), Theme::dark());
    let f = Flows::new(&k);
    let narrow = ctx(&k, &t, 80, 24);
    assert!(!f.list_shown(narrow.body.width));
    assert_eq!(f.panes(narrow.body).diagram.width, 80);
    let wide = ctx(&k, &t, 120, 40);
    assert!(f.list_shown(wide.body.width));
}

#[test]
fn back_is_left_to_the_app() {
    on_flows(|f, c| {
        assert_eq!(f.update(Action::Back, c), Intent::Back);
    });
}

#[test]
fn the_wheel_and_clicks_act_on_the_pane_under_the_pointer() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 120, 40);
    let mut f = Flows::new(&k);
    let p = f.panes(c.body);
    let wheel = |up, at: Rect| Action::Wheel {
        up,
        column: at.x + 2,
        row: at.y + 2,
    };
    f.update(wheel(false, p.diagram), &c);
    assert_eq!(f.step(), Some(1));
    f.update(wheel(true, p.diagram), &c);
    assert_eq!(f.step(), Some(0));
    f.update(wheel(false, p.list), &c);
    assert_eq!(f.selected_id(), Some("fixture-flow"));
    // The list's fifth row (under the Outbound header) is the outbound flow.
    let list = inner(p.list);
    f.update(
        Action::Click {
            column: list.x + 1,
            row: list.y + 4,
        },
        &c,
    );
    assert_eq!(f.selected_id(), Some("fx-callout"));
}

#[test]
fn clicking_a_step_in_the_diagram_selects_it() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 120, 40);
    let mut f = Flows::new(&k);
    let view = inner(f.panes(c.body).diagram);
    let d = f.diagram(&c, c.body).unwrap();
    for step in [2, 0, 1] {
        let arrow = d.steps[step].arrow_rows.start;
        let y = u16::try_from(arrow - f.effective_diagram_scroll(&d, view.height)).unwrap();
        f.update(
            Action::Click {
                column: view.x + 4,
                row: view.y + y,
            },
            &c,
        );
        assert_eq!(f.step(), Some(step));
    }
    // The participant boxes are no step.
    f.update(
        Action::Click {
            column: view.x + 4,
            row: view.y,
        },
        &c,
    );
    assert_eq!(f.step(), Some(1));
}

#[test]
fn clicking_a_related_entry_jumps_to_it() {
    let (k, t) = (model(), Theme::dark());
    let c = ctx(&k, &t, 120, 40);
    let mut f = Flows::new(&k);
    let rendered = f.rendered(&c, c.body).unwrap();
    let spot = rendered.spots[1].clone();
    let area = geometry::detail_text_area(f.panes(c.body).detail);
    assert!(
        spot.line() < usize::from(area.height),
        "the link is on the first page"
    );
    let intent = f.update(
        Action::Click {
            column: area.x + 6,
            row: area.y + u16::try_from(spot.line()).unwrap(),
        },
        &c,
    );
    assert_eq!(intent, Intent::JumpTo(spot.target));
}

#[test]
fn an_empty_model_takes_every_action_without_panicking() {
    let (k, t) = (Knowledge::default(), Theme::dark());
    let c = ctx(&k, &t, 80, 24);
    let mut f = Flows::new(&k);
    for action in every_action(&c) {
        f.update(action, &c);
        f.on_timer(&c);
    }
    assert_eq!(f.selected_id(), None);
    assert_eq!(f.location(), None);
    assert_eq!(f.next_timer(), None);
}

#[test]
fn a_tiny_body_takes_every_action_without_panicking() {
    let (k, t) = (model(), Theme::dark());
    for (w, h) in [(0, 0), (1, 1), (20, 5), (60, 16)] {
        let c = ctx(&k, &t, w, h);
        let mut f = on("fixture-flow", &k, &c);
        for action in every_action(&c) {
            f.update(action, &c);
            f.update(Action::FocusDetail, &c);
            f.update(action, &c);
            f.update(Action::Cancel, &c);
            f.on_timer(&c);
        }
    }
}

fn every_action(c: &Ctx<'_>) -> Vec<Action> {
    let b = c.body;
    let mut actions = vec![
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::FocusDetail,
        Action::FocusList,
        Action::Open,
        Action::NextLink,
        Action::PrevLink,
        Action::Cancel,
        Action::Copy,
        Action::CopyId,
        Action::NextStep,
        Action::PrevStep,
        Action::TogglePlay,
        Action::TogglePlay,
        Action::ScrollLeft,
        Action::ScrollRight,
    ];
    for (column, row) in [(b.x, b.y), (b.right(), b.bottom()), (b.x + b.width / 2, 3)] {
        actions.push(Action::Click { column, row });
        actions.push(Action::Wheel {
            up: false,
            column,
            row,
        });
    }
    actions
}
