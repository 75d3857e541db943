#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth choose`, run as the built binary: text, JSON and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod cli_support;
mod wizard_support;
use cli_support::{json_of, refused, stderr_of, stdout_of, success_showing};
use wizard_support::BACKEND_JWT;

fn sfauth() -> Command {
    let mut cmd = cli_support::sfauth();
    cmd.env("COLUMNS", "80");
    cmd
}

fn choose(answers: &[&str]) -> Command {
    let mut cmd = sfauth();
    cmd.arg("choose");
    for a in answers {
        cmd.args(["--answer", a]);
    }
    cmd
}

fn choose_json(answers: &[&str]) -> Value {
    json_of(choose(answers).arg("--json"), 0)
}

#[test]
fn without_answers_it_asks_the_first_question_with_numbered_options() {
    choose(&[])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Question 1: Which way does the call go?",
        ))
        .stdout(predicate::str::contains("Why it matters:"))
        .stdout(predicate::str::contains("  1. inbound "))
        .stdout(predicate::str::contains("  2. outbound "))
        .stdout(predicate::str::contains(
            "Answer with: sfauth choose --answer direction=<VALUE>",
        ));
}

#[test]
fn the_second_question_screen_is_stable() {
    insta::assert_snapshot!(stdout_of(&mut choose(&["direction=inbound"]), 0));
}

#[test]
fn json_next_question_has_the_pinned_shape() {
    let v = choose_json(&["direction=inbound"]);
    assert_eq!(v["complete"], false);
    assert_eq!(v["answers"], serde_json::json!({"direction": "inbound"}));
    let next = &v["next"];
    assert_eq!(next["id"], "caller");
    assert!(next["prompt"].as_str().unwrap().ends_with('?'));
    assert!(!next["why"].as_str().unwrap().is_empty());
    let values: Vec<&str> = next["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            assert!(o["label"].is_string());
            o["value"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        values,
        [
            "web-app",
            "public-client",
            "cli",
            "device",
            "backend",
            "in-salesforce"
        ]
    );
    assert!(v.get("recommendations").is_none());
}

#[test]
fn json_outcome_has_the_pinned_shape() {
    let v = choose_json(&BACKEND_JWT);
    assert_eq!(v["complete"], true);
    assert_eq!(v["answers"]["can_sign_jwt"], "yes");
    assert_eq!(v["answers"].as_object().unwrap().len(), 5);
    let recs = v["recommendations"].as_array().unwrap();
    assert_eq!(recs[0]["strategy"], "jwt-bearer");
    assert_eq!(recs[0]["rank"], 1);
    assert_eq!(recs[0]["flow"], "jwt-bearer");
    assert_eq!(recs[0]["entry"], "strategy:jwt-bearer");
    for r in recs {
        assert!(!r["reason"].as_str().unwrap().is_empty());
    }
    let avoid = v["avoid"].as_array().unwrap();
    assert!(
        avoid
            .iter()
            .any(|a| a["strategy"] == "username-password" && a["reason"].is_string())
    );
    let checklist = v["checklist"].as_array().unwrap();
    assert!(checklist.len() >= 3);
    assert!(
        checklist
            .iter()
            .all(|c| c["text"].is_string() && c["see"].is_array())
    );
    assert!(
        v["links"]["flows"]
            .as_array()
            .unwrap()
            .contains(&Value::from("jwt-bearer"))
    );
    assert!(v["links"]["cards"].is_array());
    assert!(v["sources"].as_array().unwrap().len() >= 2);
    assert!(v.get("next").is_none());
}

#[test]
fn text_outcome_has_reasons_avoid_checklist_and_links() {
    success_showing(
        &mut choose(&BACKEND_JWT),
        &[
            "Recommended",
            "  1. ",
            "(jwt-bearer)",
            "Avoid",
            "(username-password)",
            "Setup checklist",
            "  [ ] ",
            "Read on",
            "flow:jwt-bearer",
            "strategy:jwt-bearer",
        ],
    );
}

#[test]
fn outbound_oauth2_per_user_pairs_the_per_user_principal() {
    let v = choose_json(&["direction=outbound", "target=oauth2", "principal=per-user"]);
    assert_eq!(v["recommendations"][0]["strategy"], "oauth2");
    assert_eq!(
        v["recommendations"][0]["with"],
        serde_json::json!(["per-user-principal"])
    );
}

#[test]
fn unknown_question_exits_2_naming_the_valid_ones() {
    choose(&["calller=backend"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("unknown question \"calller\""))
        .stderr(predicate::str::contains(
            "valid questions: direction, caller,",
        ))
        .stderr(predicate::str::contains("did you mean \"caller\""));
}

#[test]
fn unknown_value_exits_2_naming_the_valid_ones() {
    choose(&["direction=inbound", "caller=spa"])
        .arg("--json")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "question \"caller\" has no value \"spa\"; valid values: web-app, public-client, cli, device, backend, in-salesforce",
        ));
}

#[test]
fn malformed_and_repeated_answers_exit_2() {
    refused(&mut choose(&["direction"]), "not of the form ID=VALUE");
    refused(
        &mut choose(&["direction=inbound", "direction=outbound"]),
        "answered twice",
    );
    let long = format!("direction={}", "x".repeat(5000));
    let err = stderr_of(&mut choose(&[&long]), 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.len() < 400,
        "the echo is cut short: {} bytes",
        err.len()
    );
}

#[test]
fn answers_given_early_are_kept_and_inapplicable_ones_are_reported() {
    let v = choose_json(&["caller=backend"]);
    assert_eq!(v["complete"], false);
    assert_eq!(v["next"]["id"], "direction");
    assert_eq!(v["answers"]["caller"], "backend");

    let v = choose_json(&["direction=outbound", "target=aws", "caller=backend"]);
    assert_eq!(v["complete"], true);
    assert_eq!(v["ignored"], serde_json::json!({"caller": "backend"}));
    assert!(v["answers"].get("caller").is_none());
    choose(&["direction=outbound", "target=aws", "caller=backend"])
        .assert()
        .success()
        .stderr(predicate::str::contains("ignoring --answer caller=backend"));
}

#[test]
fn help_lists_the_subcommand() {
    sfauth()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("choose"));
    sfauth()
        .args(["choose", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--answer <ID=VALUE>"));
}

#[test]
fn an_option_number_answers_like_its_value() {
    // caller's fifth printed option is `backend`.
    let by_number = choose_json(&["direction=inbound", "caller=5"]);
    let by_value = choose_json(&["direction=inbound", "caller=backend"]);
    assert_eq!(by_number, by_value);
    refused(
        &mut choose(&["direction=inbound", "caller=99"]),
        "has no value \"99\"",
    );
}

#[test]
fn a_usage_error_is_one_line_with_the_help_hint() {
    assert_eq!(
        stderr_of(sfauth().args(["choose", "--bogus"]), 2),
        "error: unexpected argument '--bogus' (see sfauth choose --help)\n"
    );
}
