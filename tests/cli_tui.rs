//! The command line that opens the TUI: what it rejects, with exit code 2 and one line on
//! stderr, before the terminal changes mode. (Under the test harness there is no terminal,
//! so valid command lines end at the "needs a terminal" check.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use sfauth::tui::TabId;
use std::path::PathBuf;

fn sfauth() -> Command {
    let mut cmd = Command::cargo_bin("sfauth").unwrap();
    let pack = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    cmd.env_remove("SFAUTH_PACK")
        .env_remove("SFAUTH_THEME")
        .env_remove("NO_COLOR")
        .arg("--pack")
        .arg(pack);
    cmd
}

fn one_line() -> impl Predicate<str> {
    predicate::function(|s: &str| s.lines().count() == 1)
}

#[test]
fn show_with_an_unknown_id_exits_2_with_suggestions() {
    sfauth()
        .args(["show", "fx-jwt-beare"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "sfauth: no entry with id \"fx-jwt-beare\"; did you mean: fx-jwt-bearer",
        ))
        .stderr(one_line());
}

#[test]
fn show_with_an_unknown_kind_or_a_wrong_kind_exits_2() {
    sfauth()
        .args(["show", "gadget:fx-jwt-bearer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind \"gadget\""))
        .stderr(one_line());
    sfauth()
        .args(["show", "card:fx-jwt-bearer"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "sfauth: no card with id \"fx-jwt-bearer\"",
        ));
}

#[test]
fn show_with_a_known_id_gets_as_far_as_needing_a_terminal() {
    for id in ["fx-jwt-bearer", "flow:fx-jwt-bearer", "check:X1"] {
        sfauth()
            .args(["show", id])
            .assert()
            .code(2)
            .stderr("sfauth: the terminal UI needs a terminal; use a subcommand instead (see sfauth --help)\n");
    }
}

#[test]
fn no_subcommand_without_a_terminal_exits_2() {
    sfauth()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn unknown_tabs_exit_2_and_name_the_tabs_there_are() {
    sfauth()
        .args(["--tab", "bogus"])
        .assert()
        .code(2)
        .stderr(format!(
            "sfauth: unknown tab \"bogus\"; available: {}\n",
            TabId::names()
        ));
    for present in [
        "LIBRARY", "flows", "3", "choose", "drill", "4", "inspect", "2",
    ] {
        sfauth()
            .args(["--tab", present])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("needs a terminal"));
    }
}

#[test]
fn drill_alone_and_tab_drill_get_as_far_as_needing_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    for args in [&["drill"][..], &["--tab", "drill"], &["--tab", "4"]] {
        sfauth()
            .env("SFAUTH_DATA_DIR", data.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("needs a terminal"))
            .stderr(one_line());
    }
}

#[test]
fn themes_come_from_the_flag_or_sfauth_theme() {
    sfauth()
        .args(["--theme", "light", "show", "fx-jwt-bearer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    sfauth()
        .env("SFAUTH_THEME", "light")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    sfauth()
        .env("SFAUTH_THEME", "purple")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("purple"));
}
