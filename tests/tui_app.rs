//! The whole app driven by key scripts and events, with an in-memory clipboard: navigation
//! history across jumps, help, quitting, copy and paste, mouse, sizes, themes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::style::Color;
use sfauth::model::EntryRef;
use sfauth::tui::layout;
use sfauth::tui::library::Focus;
use sfauth::tui::{App, Component, MemoryClipboard, Options, TabId, ThemeKind};
use tui_support::{app, draw, fill, fixture, library, press, screen_text};

fn r(s: &str) -> EntryRef {
    s.parse().unwrap()
}

fn shown(app: &App<MemoryClipboard>) -> Option<String> {
    app.library().shown().map(ToString::to_string)
}

/// The entry on screen, in whichever tab shows it.
fn on_screen(app: &App<MemoryClipboard>) -> Option<String> {
    match app.active_tab() {
        TabId::Flows => app.flows().location().map(|r| r.to_string()),
        _ => shown(app),
    }
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn q_quits() {
    let mut app = app(library());
    press(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn ctrl_c_quits_even_while_typing_where_q_is_just_a_letter() {
    let mut app = app(library());
    press(&mut app, "/ q");
    assert!(!app.should_quit());
    assert_eq!(app.library().query(), Some("q"));
    press(&mut app, "ctrl-c");
    assert!(app.should_quit());
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app(library());
    let release = KeyEvent {
        code: KeyCode::Char('q'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    app.handle_event(&Event::Key(release));
    assert!(!app.should_quit());
}

#[test]
fn jumps_are_remembered_and_esc_and_backspace_walk_back() {
    let mut app = app(library());
    press(&mut app, "l tab enter");
    assert_eq!(app.active_tab(), TabId::home_of(r("flow:x").kind));
    assert_eq!(on_screen(&app).as_deref(), Some("flow:fx-jwt-bearer"));
    // The flow's first related entry is its strategy, the second its related error.
    press(&mut app, "enter tab enter");
    assert_eq!(shown(&app).as_deref(), Some("error:fx-audience-invalid"));
    assert_eq!(app.history().len(), 2);
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("esc: back to Flows: "), "{screen}");
    press(&mut app, "esc");
    assert_eq!(on_screen(&app).as_deref(), Some("flow:fx-jwt-bearer"));
    press(&mut app, "backspace");
    assert_eq!(shown(&app).as_deref(), Some("strategy:fx-jwt-bearer"));
    assert!(app.history().is_empty());
    press(&mut app, "esc");
    assert_eq!(app.status(), Some("nothing to go back to"));
    assert_eq!(app.active_tab(), TabId::Library);
}

#[test]
fn a_search_hit_opened_with_enter_is_a_jump() {
    let mut app = app(library());
    fill(&mut app, "/", "consumer key", "enter");
    assert_eq!(shown(&app).as_deref(), Some("glossary:fx-consumer-key"));
    assert!(!app.library().is_searching());
    press(&mut app, "esc");
    assert_eq!(shown(&app).as_deref(), Some("strategy:fx-jwt-bearer"));
}

#[test]
fn esc_in_a_search_closes_it_before_it_goes_back() {
    let mut app = app(library());
    fill(&mut app, "l tab tab enter /", "x", "esc");
    assert!(!app.library().is_searching());
    assert_eq!(app.history().len(), 1);
    assert_eq!(shown(&app).as_deref(), Some("error:fx-audience-invalid"));
}

#[test]
fn help_lists_the_context_it_was_opened_from_and_swallows_other_keys() {
    let mut app = app(library());
    press(&mut app, "l ?");
    assert!(app.help().is_some());
    let screen = screen_text(&draw(&mut app, 100, 40));
    assert!(screen.contains("Library entry"), "{screen}");
    assert!(screen.contains("follow the selected link"), "{screen}");
    press(&mut app, "tab enter");
    assert!(app.history().is_empty());
    press(&mut app, "esc");
    assert!(app.help().is_none());
    press(&mut app, "? ?");
    assert!(app.help().is_none());
}

#[test]
fn help_scrolls_but_not_past_its_end() {
    let mut app = app(library());
    app.set_size(60, 16);
    press(&mut app, "? G");
    let at_end = app.help().unwrap().scroll;
    assert!(at_end > 0);
    press(&mut app, "j j");
    assert_eq!(app.help().unwrap().scroll, at_end);
    press(&mut app, "g");
    assert_eq!(app.help().unwrap().scroll, 0);
}

#[test]
fn number_keys_follow_the_fixed_tab_order() {
    let mut app = app(library());
    for tab in TabId::ALL {
        press(&mut app, &tab.number().to_string());
        assert_eq!(app.active_tab(), tab);
    }
}

#[test]
fn number_keys_switch_tabs_from_every_screen_but_a_text_box() {
    let screens = [
        ("library list", TabId::Library, ""),
        ("library entry", TabId::Library, "enter"),
        ("flows steps", TabId::Flows, "right"),
        ("flows related", TabId::Flows, "enter"),
        ("inspect results", TabId::Inspect, ""),
        ("mint output", TabId::Inspect, "m esc"),
        ("choose outcome", TabId::Choose, "a a a a a a a a a"),
    ];
    for (name, tab, keys) in screens {
        tui_support::assert_digits_switch_tabs(
            name,
            || {
                let mut app = app(Options { tab, ..library() });
                press(&mut app, keys);
                app
            },
            |app| app.choose().answers().len(),
        );
    }
    // While typing, a digit is text.
    let mut typing = app(Options {
        tab: TabId::Inspect,
        ..library()
    });
    press(&mut typing, "i 3");
    assert_eq!(typing.active_tab(), TabId::Inspect);
}

#[test]
fn y_copies_the_entry_and_reports_its_size() {
    let mut app = app(library());
    press(&mut app, "y");
    let copied = app.clipboard().copies.last().unwrap().clone();
    assert!(copied.starts_with("OAuth 2.0 JWT bearer flow"));
    let status = app.status().unwrap();
    assert!(
        status.starts_with("copied strategy:fx-jwt-bearer to the system clipboard ("),
        "{status}"
    );
    assert!(status.ends_with(" KB)"), "{status}");
    press(&mut app, "Y");
    assert_eq!(
        app.clipboard().copies.last().unwrap(),
        "strategy:fx-jwt-bearer"
    );
    assert_eq!(
        app.status(),
        Some("copied strategy:fx-jwt-bearer to the system clipboard (22 B)")
    );
}

#[test]
fn a_clipboard_failure_is_a_status_message() {
    let clipboard = MemoryClipboard {
        fail_with: Some("no display".into()),
        ..Default::default()
    };
    let mut app = App::new(fixture(), library(), clipboard);
    press(&mut app, "y");
    assert_eq!(app.status(), Some("copy failed: no display"));
    press(&mut app, "/ ctrl-v");
    assert_eq!(app.status(), Some("paste failed: no display"));
    assert!(!app.should_quit());
}

#[test]
fn ctrl_v_and_bracketed_paste_go_to_the_search_box() {
    let mut app = app(library());
    press(&mut app, "j Y / ctrl-v");
    assert_eq!(
        app.library().query(),
        Some("strategy:fx-client-credentials")
    );
    press(&mut app, "esc");
    app.handle_event(&Event::Paste("my domain".into()));
    assert_eq!(app.library().query(), Some("my domain"));
    assert_eq!(app.library().hits()[0], r("glossary:fx-my-domain"));
}

#[test]
fn clicking_a_tab_selects_it_and_the_wheel_scrolls_the_text() {
    let mut app = app(library());
    app.set_size(80, 24);
    let bar = layout::shell(ratatui::layout::Rect::new(0, 0, 80, 24)).tab_bar;
    for (tab, x, _) in layout::tab_spans(bar).into_iter().rev() {
        app.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), x, 0));
        assert_eq!(app.active_tab(), tab);
    }
    let (_, library, _) = layout::tab_spans(bar)
        .into_iter()
        .find(|(tab, ..)| *tab == TabId::Library)
        .unwrap();
    app.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), library, 0));
    app.handle_event(&mouse(MouseEventKind::ScrollDown, 60, 10));
    assert!(app.library().scroll() > 0);
    app.handle_event(&mouse(MouseEventKind::ScrollUp, 60, 10));
    assert_eq!(app.library().scroll(), 0);
}

#[test]
fn resizing_below_the_minimum_shows_the_message_and_back_restores_the_layout() {
    let mut app = app(library());
    app.handle_event(&Event::Resize(40, 10));
    let screen = screen_text(&draw(&mut app, 40, 10));
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words, "terminal too small: need 60x16, have 40x10");
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Library: 18 entries"), "{screen}");
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    for (w, h) in [
        (1, 1),
        (20, 5),
        (0, 0),
        (59, 16),
        (60, 15),
        (60, 16),
        (300, 100),
    ] {
        let mut app = app(library());
        press(&mut app, "? esc l tab j G / x");
        draw(&mut app, w, h);
        press(&mut app, "esc ?");
        draw(&mut app, w, h);
    }
}

#[test]
fn show_opens_the_library_on_the_entry_with_no_history() {
    let app = app(Options {
        entry: Some(r("error:fx-audience-invalid")),
        ..Options::default()
    });
    assert_eq!(app.active_tab(), TabId::Library);
    assert_eq!(shown(&app).as_deref(), Some("error:fx-audience-invalid"));
    assert_eq!(app.library().focus(), Focus::Detail);
    assert!(app.history().is_empty());
}

#[test]
fn footer_hints_follow_the_focus() {
    let mut app = app(library());
    let footer = |app: &mut App<MemoryClipboard>| tui_support::footer(app, 100, 30);
    assert!(footer(&mut app).contains("l read"));
    press(&mut app, "l");
    assert!(footer(&mut app).contains("enter follow"));
    press(&mut app, "/");
    let typing = footer(&mut app);
    assert!(typing.contains("esc cancel"), "{typing}");
    assert!(!typing.contains("q quit"), "{typing}");
}

#[test]
fn the_dark_theme_colours_badges_and_the_selection() {
    let mut app = app(library());
    let terminal = draw(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let find = |needle: &str| tui_support::position_of(&terminal, needle);
    let (x, y) = find("deprecated").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    let (x, y) = find("recommended").unwrap();
    assert_eq!(
        buffer[(x, y)].bg,
        Color::Cyan,
        "the first entry is selected"
    );
    let (x, y) = find("Outbound").unwrap();
    assert_eq!(buffer[(x + 2, y + 1)].fg, Color::Reset);
}

#[test]
fn no_color_draws_without_colours() {
    let mut app = app(Options {
        theme: ThemeKind::Mono,
        ..Options::default()
    });
    press(&mut app, "l tab");
    let terminal = draw(&mut app, 100, 30);
    tui_support::assert_no_colours(&terminal, "selection and links");
}

#[test]
fn the_light_theme_paints_a_light_background() {
    let mut app = app(Options {
        theme: ThemeKind::Light,
        ..Options::default()
    });
    let terminal = draw(&mut app, 80, 24);
    let cell = &terminal.backend().buffer()[(50, 12)];
    assert_eq!(cell.bg, Color::White);
}

/// A paste where no text box has the keyboard goes where its content belongs.
#[test]
fn pastes_route_by_content_from_any_tab() {
    let paste = |app: &mut App<MemoryClipboard>, text: &str| {
        app.handle_event(&Event::Paste(text.to_string()));
    };
    let mut app = app(Options {
        tab: TabId::Choose,
        ..Options::default()
    });
    let token = include_str!("fixtures/jwt/good.jwt");
    paste(&mut app, token);
    assert_eq!(app.active_tab(), TabId::Inspect);
    assert!(app.inspect().evaluation().summary().is_some());
    press(&mut app, "3");
    paste(
        &mut app,
        r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#,
    );
    assert_eq!(app.active_tab(), TabId::Inspect);
    assert_eq!(app.inspect().view(), sfauth::tui::inspect::View::Explain);
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("error:fx-audience-invalid"), "{screen}");
    press(&mut app, "4");
    paste(&mut app, "error:fx-audience-invalid");
    assert_eq!(app.active_tab(), TabId::Library);
    assert_eq!(
        app.library().shown().map(ToString::to_string).as_deref(),
        Some("error:fx-audience-invalid")
    );
    // Inside the Library's search box, the same error body is a search.
    press(&mut app, "/");
    paste(&mut app, "invalid_grant: audience is invalid");
    assert_eq!(app.active_tab(), TabId::Library);
    assert_eq!(
        app.library().hits().first(),
        Some(&"error:fx-audience-invalid".parse().unwrap())
    );
}
