//! Component tests: actions in, state and intents out, no terminal.

use super::*;
use crate::model::EntryKind;
use crate::tui::test_support::{assert_copies, fixture, on_screen, opens_in_turn};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn r(s: &str) -> EntryRef {
    s.parse().unwrap()
}

/// Runs `test` on a Library over the fixture model, on an 80x24 screen in the dark theme.
fn on_library(test: impl FnOnce(&mut Library, &Ctx<'_>)) {
    on_library_at((80, 24), test);
}

fn on_library_at(size: (u16, u16), test: impl FnOnce(&mut Library, &Ctx<'_>)) {
    on_screen(fixture(), size, |c| Library::new(c.knowledge), test);
}

fn typed(lib: &mut Library, text: &str, c: &Ctx<'_>) {
    for ch in text.chars() {
        lib.edit_text(&KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE), c);
    }
}

#[test]
fn groups_follow_the_library_order_and_skip_empty_ones() {
    let k = fixture();
    let titles: Vec<&str> = groups(&k).iter().map(|g| g.title).collect();
    assert_eq!(
        titles,
        vec![
            "Inbound strategies",
            "Outbound",
            "Principals",
            "Practices",
            "Errors",
            "Checks",
            "Glossary",
            "Flows",
            "Cards",
            "Notes"
        ]
    );
    let principals = &groups(&k)[2];
    assert_eq!(
        principals.entries,
        vec![
            r("strategy:fx-named-principal"),
            r("strategy:fx-per-user-principal")
        ]
    );
}

#[test]
fn every_entry_is_listed_once() {
    let k = fixture();
    let lib = Library::new(&k);
    assert_eq!(lib.entries.len(), k.all_entries().len());
}

#[test]
fn moving_the_selection_stops_at_both_ends() {
    on_library(|lib, c| {
        assert_eq!(lib.shown(), Some(&r("strategy:fx-jwt-bearer")));
        lib.update(Action::Up, c);
        assert_eq!(lib.shown(), Some(&r("strategy:fx-jwt-bearer")));
        lib.update(Action::Down, c);
        assert_eq!(lib.shown(), Some(&r("strategy:fx-client-credentials")));
        lib.update(Action::Bottom, c);
        assert_eq!(lib.shown(), Some(&r("note:fx-team-runbook")));
        lib.update(Action::Down, c);
        assert_eq!(lib.shown(), Some(&r("note:fx-team-runbook")));
        lib.update(Action::Top, c);
        assert_eq!(lib.shown(), Some(&r("strategy:fx-jwt-bearer")));
    });
}

#[test]
fn the_list_scrolls_to_keep_the_selection_visible() {
    on_library(|lib, c| {
        lib.update(Action::Bottom, c);
        let height = lib.list_height(c);
        let row = lib.row_of[lib.selected];
        assert!(lib.list_offset <= row && row < lib.list_offset + height);
        lib.update(Action::Top, c);
        assert_eq!(lib.list_offset, 0);
    });
}

#[test]
fn focus_moves_between_list_and_text() {
    on_library(|lib, c| {
        assert_eq!(lib.key_context(), KeyContext::LibraryList);
        lib.update(Action::FocusDetail, c);
        assert_eq!(lib.focus(), Focus::Detail);
        assert_eq!(lib.key_context(), KeyContext::LibraryDetail);
        lib.update(Action::FocusList, c);
        assert_eq!(lib.key_context(), KeyContext::LibraryList);
    });
}

#[test]
fn links_are_selected_in_order_and_followed_with_open() {
    // With no link selected, either key selects the first.
    for select_first in [Action::NextLink, Action::Open] {
        on_library(|lib, c| {
            lib.update(Action::FocusDetail, c);
            assert_eq!(lib.update(select_first, c), Intent::None);
            assert_eq!(lib.selected_link(), Some(0));
            let targets = ["flow:fx-jwt-bearer", "error:fx-audience-invalid"];
            opens_in_turn(lib, c, Action::NextLink, &targets);
            // Backwards from the first link wraps to the last one.
            lib.update(Action::PrevLink, c);
            lib.update(Action::PrevLink, c);
            assert_eq!(
                lib.update(Action::Open, c),
                Intent::JumpTo(r("glossary:fx-consumer-key"))
            );
        });
    }
}

#[test]
fn selecting_a_link_scrolls_it_into_view() {
    on_library_at((60, 16), |lib, c| {
        lib.update(Action::FocusDetail, c);
        lib.update(Action::PrevLink, c);
        let rendered = lib.rendered(c).unwrap();
        let line = rendered.spots[lib.selected_link().unwrap()].line();
        let (_, height) = Library::detail_size(c);
        assert!(lib.scroll() > 0);
        assert!(lib.scroll() <= line && line < lib.scroll() + height);
    });
}

#[test]
fn an_entry_without_links_says_so() {
    on_library(|lib, c| {
        assert!(lib.show(&r("check:X2"), c));
        assert_eq!(
            lib.update(Action::NextLink, c),
            Intent::Status("this entry has no links".into())
        );
    });
}

#[test]
fn scrolling_is_clamped_to_the_text() {
    on_library_at((60, 16), |lib, c| {
        lib.update(Action::FocusDetail, c);
        lib.update(Action::Up, c);
        assert_eq!(lib.scroll(), 0);
        lib.update(Action::Bottom, c);
        let max = lib.max_scroll(c);
        assert!(max > 0);
        assert_eq!(lib.scroll(), max);
        lib.update(Action::Down, c);
        lib.update(Action::PageDown, c);
        assert_eq!(lib.scroll(), max);
        lib.update(Action::PageUp, c);
        assert!(lib.scroll() < max);
    });
}

#[test]
fn search_narrows_to_matches_and_opens_one() {
    on_library(|lib, c| {
        lib.update(Action::Search, c);
        assert!(lib.text_focused());
        assert_eq!(lib.key_context(), KeyContext::LibrarySearch);
        typed(lib, "audience", c);
        assert_eq!(lib.query(), Some("audience"));
        let expected: Vec<EntryRef> = c
            .knowledge
            .search("audience")
            .iter()
            .map(|e| e.entry_ref())
            .collect();
        assert_eq!(lib.hits(), expected.as_slice());
        assert_eq!(lib.hits()[0], r("error:fx-audience-invalid"));
        assert_eq!(lib.shown(), Some(&r("error:fx-audience-invalid")));
        lib.update(Action::Down, c);
        assert_eq!(lib.shown(), Some(&lib.hits()[1].clone()));
        lib.update(Action::Up, c);
        assert_eq!(
            lib.update(Action::Open, c),
            Intent::JumpTo(r("error:fx-audience-invalid"))
        );
        // While searching, the place to come back to is the list's own selection.
        assert_eq!(lib.location(), Some(r("strategy:fx-jwt-bearer")));
    });
}

#[test]
fn cancelling_a_search_restores_the_list() {
    on_library(|lib, c| {
        lib.update(Action::Down, c);
        lib.update(Action::Search, c);
        typed(lib, "glossary words", c);
        assert!(lib.hits().is_empty());
        assert_eq!(lib.shown(), None);
        assert_eq!(
            lib.update(Action::Open, c),
            Intent::Status("no match to open".into())
        );
        lib.update(Action::Cancel, c);
        assert!(!lib.is_searching());
        assert_eq!(lib.shown(), Some(&r("strategy:fx-client-credentials")));
    });
}

#[test]
fn ctrl_v_in_search_asks_app_for_the_clipboard() {
    on_library(|lib, c| {
        lib.update(Action::Search, c);
        assert_eq!(lib.update(Action::Paste, c), Intent::PasteFromClipboard);
    });
}

#[test]
fn pasted_text_goes_into_the_search_box_on_one_line() {
    on_library(|lib, c| {
        assert_eq!(lib.paste("run-as\nuser", c), Intent::None);
        assert!(lib.is_searching());
        assert_eq!(lib.query(), Some("run-as user"));
        assert!(lib.hits().contains(&r("error:fx-no-run-as-user")));
        let long = "x".repeat(MAX_QUERY_CHARS + 5);
        assert!(matches!(lib.paste(&long, c), Intent::Status(m) if m.contains("cut")));
    });
}

#[test]
fn copy_gives_the_entry_text_and_copy_id_its_reference() {
    on_library(|lib, c| {
        match lib.update(Action::Copy, c) {
            Intent::Copy { text, label } => {
                assert!(text.starts_with("OAuth 2.0 JWT bearer flow\n"));
                assert!(text.contains("Setup checklist"));
                assert_eq!(label, "strategy:fx-jwt-bearer");
            }
            other => panic!("expected a copy, got {other:?}"),
        }
        assert_eq!(
            lib.update(Action::CopyId, c),
            Intent::Copy {
                text: "strategy:fx-jwt-bearer".into(),
                label: "strategy:fx-jwt-bearer".into()
            }
        );
        lib.update(Action::FocusDetail, c);
        lib.update(Action::NextLink, c);
        assert_copies(lib.update(Action::Copy, c), "flow:fx-jwt-bearer");
    });
}

#[test]
fn back_is_left_to_the_app() {
    on_library(|lib, c| {
        assert_eq!(lib.update(Action::Back, c), Intent::Back);
        lib.update(Action::FocusDetail, c);
        assert_eq!(lib.update(Action::Back, c), Intent::Back);
    });
}

#[test]
fn show_selects_the_entry_and_shows_its_text() {
    on_library(|lib, c| {
        lib.update(Action::Search, c);
        assert!(lib.show(&r("glossary:fx-my-domain"), c));
        assert!(!lib.is_searching());
        assert_eq!(lib.focus(), Focus::Detail);
        assert_eq!(lib.location(), Some(r("glossary:fx-my-domain")));
        assert!(!lib.show(&EntryRef::new(EntryKind::Strategy, "missing"), c));
        assert_eq!(lib.location(), Some(r("glossary:fx-my-domain")));
    });
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    on_library_at((60, 16), |lib, c| {
        let (list, detail) = panes(c.body);
        let down_in = |area: Rect| Action::Wheel {
            up: false,
            column: area.x + 2,
            row: area.y + 2,
        };
        lib.update(down_in(detail), c);
        assert_eq!(lib.scroll(), WHEEL_LINES);
        lib.update(down_in(list), c);
        assert_eq!(lib.shown(), Some(&r("strategy:fx-client-credentials")));
    });
}

#[test]
fn clicking_a_row_selects_it() {
    on_library(|lib, c| {
        let (list, _) = panes(c.body);
        // Row 0 is the first group's title, row 2 its second entry.
        lib.update(
            Action::Click {
                column: list.x + 3,
                row: list.y + 1 + 2,
            },
            c,
        );
        assert_eq!(lib.shown(), Some(&r("strategy:fx-client-credentials")));
        lib.update(
            Action::Click {
                column: list.x + 3,
                row: list.y + 1,
            },
            c,
        );
        assert_eq!(lib.shown(), Some(&r("strategy:fx-client-credentials")));
    });
}

#[test]
fn an_empty_model_takes_every_action_without_panicking() {
    on_screen(
        Knowledge::default(),
        (80, 24),
        |c| Library::new(c.knowledge),
        |lib, c| {
            for action in [
                Action::Down,
                Action::Bottom,
                Action::FocusDetail,
                Action::NextLink,
                Action::Open,
                Action::Bottom,
                Action::Copy,
                Action::FocusList,
                Action::Copy,
                Action::Search,
                Action::Down,
                Action::Open,
                Action::Cancel,
            ] {
                lib.update(action, c);
            }
            assert_eq!(lib.shown(), None);
            assert_eq!(lib.location(), None);
        },
    );
}

#[test]
fn a_tiny_body_takes_every_action_without_panicking() {
    for size in [(0, 0), (1, 1), (20, 5)] {
        on_library_at(size, |lib, c| {
            for action in [
                Action::PageDown,
                Action::Bottom,
                Action::FocusDetail,
                Action::PageDown,
                Action::PrevLink,
                Action::Bottom,
                Action::Wheel {
                    up: false,
                    column: 0,
                    row: 0,
                },
                Action::Click { column: 0, row: 0 },
                Action::Search,
                Action::PageDown,
            ] {
                lib.update(action, c);
            }
        });
    }
}

#[test]
fn the_search_cursor_stays_inside_the_box_as_the_text_grows() {
    on_library(|lib, c| {
        lib.update(Action::Search, c);
        let list_inner = inner(panes(c.body).0);
        let mut last_x = 0;
        for n in 1..=60 {
            typed(lib, "a", c);
            let at = lib.cursor(c.body, c).unwrap();
            assert!(at.x < list_inner.right(), "after {n} characters");
            assert_eq!(at.y, list_inner.y);
            assert!(at.x >= last_x);
            last_x = at.x;
        }
        lib.edit_text(&KeyEvent::new(KeyCode::Home, KeyModifiers::NONE), c);
        assert_eq!(lib.cursor(c.body, c).unwrap().x, list_inner.x + 3);
    });
}

#[test]
fn a_pasted_error_body_finds_its_error_first() {
    on_library(|lib, c| {
        let body = r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#;
        assert!(
            c.knowledge.search(body).is_empty(),
            "no entry has every word of the JSON"
        );
        lib.paste(body, c);
        assert_eq!(lib.hits().first(), Some(&r("error:fx-audience-invalid")));
        // `error: description` too.
        let mut lib = Library::new(c.knowledge);
        lib.paste("invalid_grant: audience is invalid", c);
        assert_eq!(lib.hits().first(), Some(&r("error:fx-audience-invalid")));
    });
}
