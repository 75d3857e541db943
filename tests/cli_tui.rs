//! The command line that opens the TUI: what it rejects, with exit code 2 and one line on
//! stderr, before the terminal changes mode. (Under the test harness there is no terminal,
//! so valid command lines end at the "needs a terminal" check.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use sfauth::tui::TabId;
use std::path::PathBuf;

mod cli_support;
use cli_support::{refused, stderr_of, usage_error_line};

const NEEDS_A_TERMINAL: &str = "needs a terminal";

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

fn assert_one_line(err: &str) {
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn show_with_an_unknown_id_exits_2_with_suggestions() {
    let err = usage_error_line(sfauth().args(["show", "fx-jwt-beare"]));
    assert!(
        err.starts_with("sfauth: no entry with id \"fx-jwt-beare\"; did you mean: fx-jwt-bearer"),
        "{err}"
    );
}

#[test]
fn show_with_an_unknown_kind_or_a_wrong_kind_exits_2() {
    let err = refused(
        sfauth().args(["show", "gadget:fx-jwt-bearer"]),
        "unknown kind \"gadget\"",
    );
    assert_one_line(&err);
    let err = stderr_of(sfauth().args(["show", "card:fx-jwt-bearer"]), 2);
    assert!(
        err.starts_with("sfauth: no card with id \"fx-jwt-bearer\""),
        "{err}"
    );
}

#[test]
fn show_with_a_known_id_gets_as_far_as_needing_a_terminal() {
    for id in ["fx-jwt-bearer", "flow:fx-jwt-bearer", "check:X1"] {
        assert_eq!(
            stderr_of(sfauth().args(["show", id]), 2),
            "sfauth: the terminal UI needs a terminal; use a subcommand instead (see sfauth --help)\n"
        );
    }
}

#[test]
fn no_subcommand_without_a_terminal_exits_2() {
    refused(&mut sfauth(), NEEDS_A_TERMINAL);
}

#[test]
fn unknown_tabs_exit_2_and_name_the_tabs_there_are() {
    assert_eq!(
        stderr_of(sfauth().args(["--tab", "bogus"]), 2),
        format!(
            "sfauth: unknown tab \"bogus\"; available: {}\n",
            TabId::names()
        )
    );
    for present in [
        "LIBRARY", "flows", "3", "choose", "drill", "4", "inspect", "2",
    ] {
        refused(sfauth().args(["--tab", present]), NEEDS_A_TERMINAL);
    }
}

#[test]
fn drill_alone_and_tab_drill_get_as_far_as_needing_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    for args in [&["drill"][..], &["--tab", "drill"], &["--tab", "4"]] {
        let err = refused(
            sfauth().env("SFAUTH_DATA_DIR", data.path()).args(args),
            NEEDS_A_TERMINAL,
        );
        assert_one_line(&err);
    }
}

#[test]
fn themes_come_from_the_flag_or_sfauth_theme() {
    refused(
        sfauth().args(["--theme", "light", "show", "fx-jwt-bearer"]),
        NEEDS_A_TERMINAL,
    );
    refused(sfauth().env("SFAUTH_THEME", "light"), NEEDS_A_TERMINAL);
    refused(sfauth().env("SFAUTH_THEME", "purple"), "purple");
}
