//! Screens of the TUI drawn on a test backend and compared with reviewed snapshots. The model
//! is the fixture pack under tests/fixtures/tui, so these do not move with shipped content.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use tui_support::{app, draw, library, press, type_text};

#[test]
fn library_at_80x24() {
    let mut app = app(library());
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("library_80x24", terminal.backend());
}

#[test]
fn library_at_120x40_reading_an_entry_with_a_link_selected() {
    let mut app = app(library());
    press(&mut app, "j j j l tab");
    let terminal = draw(&mut app, 120, 40);
    insta::assert_snapshot!("library_120x40_link_selected", terminal.backend());
}

#[test]
fn library_at_120x40_after_a_jump() {
    let mut app = app(library());
    press(&mut app, "l tab tab enter");
    let terminal = draw(&mut app, 120, 40);
    insta::assert_snapshot!("library_120x40_after_jump", terminal.backend());
}

#[test]
fn library_search_at_80x24() {
    let mut app = app(library());
    press(&mut app, "/");
    type_text(&mut app, "jwt");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("library_search_80x24", terminal.backend());
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = app(library());
    press(&mut app, "?");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("help_overlay_80x24", terminal.backend());
}

#[test]
fn too_small_message() {
    let mut app = app(library());
    let terminal = draw(&mut app, 59, 15);
    insta::assert_snapshot!("too_small_59x15", terminal.backend());
}

#[test]
fn the_smallest_usable_size_still_shows_the_layout() {
    let mut app = app(library());
    let terminal = draw(&mut app, 60, 16);
    insta::assert_snapshot!("library_60x16", terminal.backend());
}
