//! The Flows tab inside the whole app: screens at 80x24 and 120x40 compared with reviewed
//! snapshots, the highlighted step's styles, play through the app's timer hook, copy and jumps.
//!
//! The model is the TUI fixture pack plus the flow-diagram fixture flow (four participants,
//! every step kind, wide characters) and one outbound flow, so screens do not move with the
//! shipped content.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use sfauth::model::{EntryRef, Knowledge};
use sfauth::tui::flows::Focus;
use sfauth::tui::{App, MemoryClipboard, Options, TabId, ThemeKind};
use tui_support::{assert_library_round_trip, assert_screen_shows, draw, press, screen_text};

const EXTRA_FILES: &[(&str, &str)] = &[
    (
        "fixture-flow.json",
        include_str!("fixtures/flows/pack/flows.json"),
    ),
    (
        "fixture-strategy.json",
        include_str!("fixtures/flows/pack/strategies.json"),
    ),
    (
        "outbound.json",
        include_str!("fixtures/tui_flows/outbound.json"),
    ),
];

fn model() -> Knowledge {
    tui_support::fixture_with(EXTRA_FILES)
}

/// The app on the Flows tab, opened on `entry` when there is one.
fn flows_app_with(entry: Option<EntryRef>, theme: ThemeKind) -> App<MemoryClipboard> {
    App::new(
        model(),
        Options {
            tab: TabId::Flows,
            entry,
            theme,
            ..Options::default()
        },
        MemoryClipboard::default(),
    )
}

fn flows_app(theme: ThemeKind) -> App<MemoryClipboard> {
    flows_app_with(None, theme)
}

fn r(s: &str) -> EntryRef {
    s.parse().unwrap()
}

/// The app as `sfauth show ENTRY` opens it, on whichever tab shows that entry.
fn app_showing(entry: &str) -> App<MemoryClipboard> {
    App::new(
        model(),
        Options {
            entry: Some(r(entry)),
            ..Options::default()
        },
        MemoryClipboard::default(),
    )
}

/// The app opened on `flow`, as `sfauth show flow:ID` or a `flow:` jump from elsewhere opens it.
fn flows_app_on(flow: &str, theme: ThemeKind) -> App<MemoryClipboard> {
    flows_app_with(Some(r(&format!("flow:{flow}"))), theme)
}

fn terminal_text(terminal: &Terminal<TestBackend>) -> String {
    screen_text(terminal)
}

/// The rows of the diagram pane (the screen's right part, above the details at this size)
/// that have a cell with this background.
fn diagram_rows_with_bg(terminal: &Terminal<TestBackend>, bg: Color) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let list_width = 36;
    let mut rows = Vec::new();
    for y in 2..23 {
        let lit = (list_width..buffer.area.width).any(|x| buffer[(x, y)].bg == bg);
        if lit {
            let text: String = (list_width..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            rows.push(text.trim_end().to_string());
        }
    }
    rows
}

/// Each screen: its snapshot's name, the flow the app opens on (the first flow when none), the
/// keys pressed, and the terminal size.
const SCREENS: [(&str, Option<&str>, &str, u16, u16); 5] = [
    ("flows_80x24", None, "", 80, 24),
    // A wide diagram scrolls to the current step.
    (
        "flows_80x24_wide_diagram_step_6",
        Some("fixture-flow"),
        "right right right right right",
        80,
        24,
    ),
    // A request highlighted.
    ("flows_120x40_step_3", Some("fixture-flow"), "n n", 120, 40),
    // Choosing a related entry.
    ("flows_120x40_related", None, "enter tab", 120, 40),
    // At 200x50 the details stand beside the diagram.
    ("flows_200x50_last_step", Some("fixture-flow"), "G", 200, 50),
];

/// Screens also recorded with their colours (`NAME_styled`): only the current step's arrow
/// and label are lit.
const STYLED: [&str; 1] = ["flows_120x40_step_3"];

#[test]
fn screens_match_their_snapshots() {
    for (snapshot, flow, keys, width, height) in SCREENS {
        let mut app = match flow {
            Some(flow) => flows_app_on(flow, ThemeKind::Dark),
            None => flows_app(ThemeKind::Dark),
        };
        press(&mut app, keys);
        let terminal = draw(&mut app, width, height);
        tui_support::assert_screen!(snapshot, terminal, STYLED.contains(&snapshot));
    }
}

#[test]
fn flows_at_the_smallest_size_scrolls_instead_of_breaking() {
    let mut app = flows_app_on("fixture-flow", ThemeKind::Dark);
    app.set_size(60, 16);
    press(&mut app, "n n n n n");
    assert_eq!(app.flows().step(), Some(5));
    let terminal = draw(&mut app, 60, 16);
    let text = terminal_text(&terminal);
    for line in text.lines() {
        assert_eq!(line.chars().count(), 60, "{text}");
    }
    insta::assert_snapshot!("flows_60x16_scrolled", terminal.backend());
}

#[test]
fn the_current_step_is_highlighted_and_nothing_else_in_the_diagram() {
    let mut app = flows_app_on("fixture-flow", ThemeKind::Dark);
    press(&mut app, "n n");
    let terminal = draw(&mut app, 120, 40);
    // The dark theme's selection is black on cyan.
    let lit = diagram_rows_with_bg(&terminal, Color::Cyan);
    assert_eq!(lit.len(), 2, "{lit:#?}");
    assert!(lit[0].contains("3. GET authorize"), "{lit:#?}");
    assert!(lit[1].contains("──────▶"), "{lit:#?}");
    press(&mut app, "n");
    let terminal = draw(&mut app, 120, 40);
    let lit = diagram_rows_with_bg(&terminal, Color::Cyan);
    assert!(lit.iter().any(|l| l.contains("4. Check")), "{lit:#?}");
    assert!(!lit.iter().any(|l| l.contains("3. GET")), "{lit:#?}");
}

#[test]
fn no_color_draws_the_flows_tab_without_colours() {
    let mut app = flows_app_on("fixture-flow", ThemeKind::Mono);
    press(&mut app, "n n");
    let terminal = draw(&mut app, 120, 40);
    tui_support::assert_no_colours(&terminal, "the selection and the current step");
}

#[test]
fn status_badges_are_coloured_by_level() {
    let mut app = flows_app(ThemeKind::Dark);
    let terminal = draw(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let text = terminal_text(&terminal);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Fixture flow"))
        .unwrap();
    let x = line.find("deprecated").unwrap();
    let cell = &buffer[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())];
    assert_eq!(cell.fg, Color::Red);
}

#[test]
fn play_steps_on_the_app_timer_until_the_last_step() {
    let mut app = flows_app(ThemeKind::Dark);
    assert_eq!(app.next_timer(), None, "idle: the loop blocks on input");
    press(&mut app, "a");
    assert!(app.flows().is_playing());
    let mut steps = vec![app.flows().step()];
    while app.next_timer().is_some() {
        app.on_timer();
        steps.push(app.flows().step());
    }
    assert_eq!(steps, vec![Some(0), Some(1), Some(2)]);
    assert_eq!(app.status(), Some("played all 3 steps"));
    let screen = terminal_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("step 3/3"), "{screen}");
}

#[test]
fn any_key_stops_playing_and_does_nothing_else() {
    let mut app = flows_app_on("fixture-flow", ThemeKind::Dark);
    press(&mut app, "a");
    let screen = terminal_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("▶ playing"), "{screen}");
    app.on_timer();
    press(&mut app, "q");
    assert!(!app.should_quit());
    assert!(!app.flows().is_playing());
    assert_eq!(app.next_timer(), None);
    assert_eq!(app.flows().step(), Some(1));
    assert_eq!(app.status(), Some("stopped at step 2 of 9"));
    press(&mut app, "right");
    assert_eq!(app.flows().step(), Some(2));
    // ctrl-c still quits at once.
    press(&mut app, "a ctrl-c");
    assert!(app.should_quit());
}

#[test]
fn y_copies_the_step_request_as_curl() {
    let mut app = flows_app_on("fixture-flow", ThemeKind::Dark);
    press(&mut app, "y");
    assert_eq!(
        app.status(),
        Some("nothing to copy: step 1 is a user action, not a request")
    );
    assert!(app.clipboard().copies.is_empty());
    press(&mut app, "n n y");
    let copied = app.clipboard().copies.last().unwrap();
    assert!(
        copied.starts_with("curl 'https://login.example.com/authorize' \\\n  -G"),
        "{copied}"
    );
    assert!(
        app.status().unwrap().contains("step 3 as curl"),
        "{:?}",
        app.status()
    );
}

#[test]
fn related_entries_jump_to_their_tab_and_esc_comes_back_to_the_same_step() {
    let mut app = flows_app(ThemeKind::Dark);
    press(&mut app, "n enter");
    assert_eq!(app.flows().focus(), Focus::Related);
    press(&mut app, "enter");
    assert_library_round_trip(&mut app, "strategy:fx-jwt-bearer", TabId::Flows);
    assert_eq!(app.flows().selected_id(), Some("fx-jwt-bearer"));
    assert_eq!(app.flows().step(), Some(1));
    // Cards open where cards live (the Library until the Drill tab exists).
    press(&mut app, "enter tab tab enter");
    assert_eq!(app.active_tab(), TabId::home_of(r("card:x").kind));
}

#[test]
fn flow_links_elsewhere_open_the_flows_tab_on_that_flow() {
    let mut app = app_showing("strategy:fixture-strategy");
    assert_eq!(app.active_tab(), TabId::Library);
    // The strategy's first link is its flow diagram.
    press(&mut app, "tab enter");
    assert_eq!(app.active_tab(), TabId::Flows);
    assert_eq!(app.flows().selected_id(), Some("fixture-flow"));
    assert_eq!(app.flows().step(), Some(0));
    press(&mut app, "esc");
    assert_eq!(app.active_tab(), TabId::Library);

    let app = flows_app(ThemeKind::Dark);
    assert_eq!(app.flows().selected_id(), Some("fx-jwt-bearer"));
    let mut shown = app_showing("flow:fx-callout");
    assert_eq!(shown.active_tab(), TabId::Flows);
    assert_eq!(shown.flows().selected_id(), Some("fx-callout"));
    assert!(shown.history().is_empty());
    press(&mut shown, "3");
    assert_eq!(shown.active_tab(), TabId::Flows);
}

#[test]
fn help_lists_the_flows_keys() {
    let mut app = flows_app(ThemeKind::Dark);
    press(&mut app, "?");
    assert_screen_shows(
        &mut app,
        100,
        40,
        &[
            "next step",
            "play the steps",
            "curl",
            "scroll the diagram right",
        ],
    );
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    for (w, h) in [(1, 1), (20, 5), (0, 0), (60, 16), (61, 17), (300, 100)] {
        let mut app = flows_app_on("fixture-flow", ThemeKind::Dark);
        app.set_size(w, h);
        press(&mut app, "n n L L enter tab esc G H j j k");
        draw(&mut app, w, h);
        press(&mut app, "a");
        app.on_timer();
        draw(&mut app, w, h);
    }
}

#[test]
fn shifted_arrows_and_h_l_pan_a_diagram_wider_than_the_pane() {
    let mut app = flows_app_on("fixture-flow", ThemeKind::Dark);
    app.set_size(60, 16);
    // With the flow list shown (f), the diagram pane is narrower than the flow.
    press(&mut app, "f shift-right");
    let after_one = app.flows().pan();
    assert!(after_one > 0);
    press(&mut app, "L");
    assert!(app.flows().pan() > after_one);
    press(&mut app, "shift-left H");
    assert_eq!(app.flows().pan(), 0);
    assert_eq!(app.flows().step(), Some(0), "panning does not step");
    let screen = terminal_text(&draw(&mut app, 60, 16));
    assert!(screen.contains("◀") && screen.contains("▶"), "{screen}");
}

/// Every shipped flow at 80x24, as a link opens it: the list hidden, the diagram at step 1
/// with at least 14 rows, and participant names broken only between words.
#[test]
fn every_shipped_flow_reads_at_80x24() {
    let k = Knowledge::builtin().unwrap();
    let ids: Vec<String> = k.flows.iter().map(|f| f.id.clone()).collect();
    for id in ids {
        let flow = k.flow(&id).unwrap().clone();
        let mut app = App::new(
            Knowledge::builtin().unwrap(),
            Options {
                tab: TabId::Flows,
                entry: Some(r(&format!("flow:{id}"))),
                ..Options::default()
            },
            MemoryClipboard::default(),
        );
        assert_eq!(app.flows().step(), Some(0), "{id} starts at step 1");
        let terminal = draw(&mut app, 80, 24);
        let text = terminal_text(&terminal);
        let rows: Vec<&str> = text.lines().collect();
        // The diagram pane runs from the tab bar to the details' top border.
        let details = rows
            .iter()
            .position(|l| l.starts_with("┌ Details") || l.starts_with("┌ Step"))
            .unwrap_or(rows.len());
        // Tab bar and top border, 14 diagram rows, then the bottom border.
        assert!(
            details > 2 + 14,
            "{id}: diagram rows end at {details}\n{text}"
        );
        // Inside the participant boxes (from their top border to the row with the lifelines'
        // start), every piece of text is a whole word of a name or a word cut with "…".
        let words: Vec<&str> = flow
            .participants
            .iter()
            .flat_map(|p| p.label.split_whitespace())
            .collect();
        let boxes = rows.iter().skip(2).take_while(|l| !l.contains('┬'));
        for row in boxes {
            for piece in row.split(|c: char| c.is_whitespace() || "│┃┌┐─".contains(c)) {
                assert!(
                    piece.is_empty() || words.contains(&piece) || piece.ends_with('…'),
                    "{id}: \"{piece}\" is part of a word\n{text}"
                );
            }
        }
        insta::assert_snapshot!(format!("flow_{id}_80x24"), terminal.backend());
    }
}
