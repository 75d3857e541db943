//! The Drill tab inside the whole app: answers saved to the data directory at once, progress
//! file warnings on the status line, jumps to and from other tabs, and reviewed snapshots of
//! each mode. The model is the fixture pack (six cards); the clock is fixed and the data
//! directory is a fresh temporary folder, so screens do not depend on when or where they run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sfauth::drill::{Grade, PROGRESS_FILE, ProgressStore, Review};
use sfauth::model::EntryRef;
use sfauth::model::doc::document;
use sfauth::tui::document::links;
use sfauth::tui::keymap::KeyContext;
use sfauth::tui::{App, Clock, DrillOptions, MemoryClipboard, Options, TabId};
use std::path::Path;
use tempfile::TempDir;
use tui_support::{
    app, assert_library_round_trip, assert_screen_shows, draw, fixture, press, screen_text,
};

const CHOICE: &str = "fx-aud-sandbox";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .unwrap()
        .to_utc()
}

fn drill_options(dir: Option<&Path>) -> DrillOptions {
    DrillOptions {
        data_dir: dir.map(Path::to_path_buf),
        clock: Clock::Fixed {
            now: now(),
            offset: FixedOffset::east_opt(0).unwrap(),
        },
        ..DrillOptions::default()
    }
}

/// The app on the Drill tab with its own empty data directory.
fn drill_app() -> (App<MemoryClipboard>, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = app(Options {
        tab: TabId::Drill,
        drill: drill_options(Some(dir.path())),
        ..Options::default()
    });
    (app, dir)
}

fn current(app: &App<MemoryClipboard>) -> String {
    app.drill()
        .session()
        .current()
        .map(|c| c.id.clone())
        .unwrap_or_default()
}

/// The screen as insta prints a test backend, with the temporary folder's path replaced.
fn snapshot(terminal: &Terminal<TestBackend>, dir: &TempDir) -> String {
    terminal
        .backend()
        .to_string()
        .replace(&dir.path().display().to_string(), "[DATA]")
}

#[test]
fn the_drill_tab_opens_from_options_and_with_its_number_key() {
    let (app, _dir) = drill_app();
    assert_eq!(app.active_tab(), TabId::Drill);
    assert_eq!(app.key_context(), KeyContext::DrillChoice);
    let mut app = tui_support::app(Options::default());
    press(&mut app, "4");
    assert_eq!(app.active_tab(), TabId::Drill);
}

#[test]
fn each_answer_is_saved_at_once() {
    let (mut app, dir) = drill_app();
    press(&mut app, "b");
    assert_eq!(app.status(), None, "a saved answer needs no message");
    let (store, warnings) = ProgressStore::open(dir.path(), now()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(
        store.progress().reviews(CHOICE),
        &[Review::new(now(), Grade::Again)]
    );
    press(&mut app, "n enter");
    let (store, _) = ProgressStore::open(dir.path(), now()).unwrap();
    assert_eq!(store.progress().review_count(), 2);
}

#[test]
fn progress_already_on_disk_is_used_when_the_tab_starts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = ProgressStore::open(dir.path(), now()).unwrap();
    store
        .record(CHOICE, Review::new(now(), Grade::Good), now())
        .unwrap();
    let app = app(Options {
        tab: TabId::Drill,
        drill: drill_options(Some(dir.path())),
        ..Options::default()
    });
    // The reviewed card is not due yet, so the session has the five others.
    assert_eq!(app.drill().session().progress(), (0, 5));
    assert_ne!(current(&app), CHOICE);
}

#[test]
fn a_corrupt_progress_file_is_kept_aside_and_the_status_line_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(PROGRESS_FILE), "{ not json").unwrap();
    let mut app = app(Options {
        tab: TabId::Drill,
        drill: drill_options(Some(dir.path())),
        ..Options::default()
    });
    let status = app.status().unwrap().to_string();
    assert!(
        status.starts_with("drill progress could not be used"),
        "{status}"
    );
    assert!(
        status.contains("progress.json.corrupt-20260302T090000Z"),
        "{status}"
    );
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("drill progress could not be used"),
        "{screen}"
    );
    assert!(
        dir.path()
            .join("progress.json.corrupt-20260302T090000Z")
            .exists()
    );
    // A right pick waits for its confidence grade: g, good.
    press(&mut app, "a g");
    let (store, warnings) = ProgressStore::open(dir.path(), now()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(store.progress().review_count(), 1);
}

#[test]
fn without_a_data_directory_answers_say_they_are_not_saved() {
    let mut app = app(Options {
        tab: TabId::Drill,
        drill: drill_options(None),
        ..Options::default()
    });
    press(&mut app, "b");
    let status = app.status().unwrap();
    assert!(
        status.starts_with("answer not saved: no data directory"),
        "{status}"
    );
    press(&mut app, "n t");
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Progress is not saved"), "{screen}");
}

#[test]
fn a_reference_opens_the_library_and_esc_comes_back_to_the_answered_card() {
    let (mut app, _dir) = drill_app();
    press(&mut app, "b tab enter");
    assert_library_round_trip(&mut app, "error:fx-audience-invalid", TabId::Drill);
    assert_eq!(current(&app), CHOICE);
    assert_eq!(app.key_context(), KeyContext::DrillFeedback);
}

#[test]
fn a_card_link_in_another_tab_opens_the_drill_tab_on_that_card() {
    let (mut app, _dir) = drill_app();
    press(&mut app, "s s");
    assert_ne!(current(&app), CHOICE);
    // The error entry links to the card; follow that link from the Library.
    let k = fixture();
    let error: EntryRef = "error:fx-audience-invalid".parse().unwrap();
    let blocks = document(&k, &k.get(&error).unwrap());
    let card: EntryRef = format!("card:{CHOICE}").parse().unwrap();
    let index = links(&blocks, &k, Some(&error))
        .iter()
        .position(|l| *l == card)
        .unwrap();
    let mut app = tui_support::app(Options {
        entry: Some(error),
        drill: drill_options(None),
        ..Options::default()
    });
    assert_eq!(app.active_tab(), TabId::Library);
    press(&mut app, &"tab ".repeat(index + 1));
    press(&mut app, "enter");
    assert_eq!(app.active_tab(), TabId::Drill);
    assert_eq!(current(&app), CHOICE);
    // `sfauth show card:ID` starts there too.
    let app = tui_support::app(Options {
        entry: Some(card),
        drill: drill_options(None),
        ..Options::default()
    });
    assert_eq!(app.active_tab(), TabId::Drill);
    assert_eq!(current(&app), CHOICE);
    assert!(app.history().is_empty());
}

#[test]
fn help_lists_the_keys_of_the_drill_screen_it_was_opened_from() {
    let (mut app, _dir) = drill_app();
    press(&mut app, "s ?");
    assert_screen_shows(
        &mut app,
        100,
        40,
        &[
            "Drill: putting steps in order",
            "move the selected step down",
        ],
    );
}

#[test]
fn the_footer_follows_the_mode() {
    let (mut app, _dir) = drill_app();
    let footer = |app: &mut App<MemoryClipboard>| tui_support::footer(app, 120, 40);
    assert!(footer(&mut app).contains("a-d pick"));
    press(&mut app, "s");
    assert!(footer(&mut app).contains("J/K move step"));
    press(&mut app, "s s");
    assert!(footer(&mut app).contains("space show answer"));
    press(&mut app, "space");
    let grading = footer(&mut app);
    assert!(
        grading.contains("a again  h hard  g good  e easy"),
        "{grading}"
    );
}

/// Key scripts that reach every screen of the tab, from a fresh session.
const SCREENS: &[(&str, &str)] = &[
    ("choice", ""),
    ("choice_feedback", "b tab"),
    ("order", "s j J"),
    ("order_feedback", "s J enter"),
    ("flashcard", "s s s"),
    ("flashcard_revealed", "s s s space"),
    ("summary", "a enter enter enter a enter space g s s"),
    ("stats", "a enter enter enter a enter space g s s t"),
    ("settings", "f j j"),
];

#[test]
fn number_keys_switch_tabs_on_every_drill_screen_and_answer_nothing() {
    for (name, keys) in SCREENS {
        let dirs = std::cell::RefCell::new(Vec::new());
        tui_support::assert_digits_switch_tabs(
            name,
            || {
                let (mut app, dir) = drill_app();
                press(&mut app, keys);
                dirs.borrow_mut().push(dir);
                app
            },
            |app| {
                let dirs = dirs.borrow();
                let saved = ProgressStore::open(dirs.last().unwrap().path(), now())
                    .map(|(store, _)| store.progress().review_count())
                    .unwrap_or_default();
                (saved, current(app))
            },
        );
    }
}

#[test]
fn snapshots_of_every_screen_at_80x24_and_120x40() {
    for (name, keys) in SCREENS {
        for (w, h) in [(80, 24), (120, 40)] {
            let (mut app, dir) = drill_app();
            press(&mut app, keys);
            let terminal = draw(&mut app, w, h);
            insta::assert_snapshot!(format!("drill_{name}_{w}x{h}"), snapshot(&terminal, &dir));
        }
    }
}

#[test]
fn nothing_to_practise_says_why_and_what_to_do() {
    let (mut app, dir) = drill_app();
    press(&mut app, "f - - enter");
    assert_eq!(app.status(), Some("nothing to practise now"));
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("drill_nothing_due_80x24", snapshot(&terminal, &dir));
}

#[test]
fn tiny_and_small_screens_do_not_panic() {
    for (_, keys) in SCREENS {
        let (mut app, _dir) = drill_app();
        press(&mut app, keys);
        for (w, h) in [(1, 1), (20, 5), (60, 16), (0, 0)] {
            draw(&mut app, w, h);
        }
        // Scrolling and moving at the smallest usable size stays in range.
        app.set_size(60, 16);
        press(&mut app, "pagedown pagedown j j k pageup");
        draw(&mut app, 60, 16);
    }
}

#[test]
fn the_last_tab_and_the_session_settings_come_back_next_run() {
    let (mut app, dir) = drill_app();
    // Settings popup: one fewer new card per day, applied; then leave for the Library.
    press(&mut app, "f left enter");
    let limit = app.drill().queue_options().new_per_day;
    press(&mut app, "5");
    assert_eq!(app.active_tab(), TabId::Library);
    drop(app);
    let saved = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(saved.contains("\"last_tab\": \"library\""), "{saved}");
    let restored = tui_support::app(Options {
        tab: TabId::Choose,
        drill: drill_options(Some(dir.path())),
        restore_tab: true,
        ..Options::default()
    });
    assert_eq!(restored.active_tab(), TabId::Library);
    assert_eq!(restored.drill().queue_options().new_per_day, limit);
    // `--tab` (restore_tab false) still wins.
    let told = tui_support::app(Options {
        tab: TabId::Choose,
        drill: drill_options(Some(dir.path())),
        ..Options::default()
    });
    assert_eq!(told.active_tab(), TabId::Choose);
}

#[test]
fn a_corrupt_settings_file_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.json"), "[1,").unwrap();
    let app = tui_support::app(Options {
        tab: TabId::Drill,
        drill: drill_options(Some(dir.path())),
        restore_tab: true,
        ..Options::default()
    });
    let status = app.status().unwrap_or_default();
    assert!(
        status.contains("settings.json.corrupt-20260302T090000Z"),
        "{status}"
    );
    assert_eq!(app.active_tab(), TabId::Drill);
}
