#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth flow`, run as a binary against the fixture pack (a flow that uses every step kind)
//! on top of the shipped model.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use sfauth::diagram::text;
use sfauth::model::ModelFile;

mod cli_support;
mod shipped_support;

const PACK: &str = "tests/fixtures/flows/pack";

fn sfauth() -> Command {
    let mut cmd = cli_support::sfauth();
    cmd.env_remove("COLUMNS").args(["--pack", PACK]);
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    cli_support::stdout_of(sfauth().args(args), 0)
}

fn json_of(args: &[&str]) -> Value {
    cli_support::json_of(sfauth().args(args), 0)
}

fn fixture() -> sfauth::model::Flow {
    let file: ModelFile =
        serde_json::from_str(include_str!("fixtures/flows/pack/flows.json")).unwrap();
    file.flows.into_iter().next().unwrap()
}

#[test]
fn list_json_has_exactly_id_name_direction_and_status() {
    let rows = json_of(&["flow", "--list", "--json"]);
    let rows = rows.as_array().unwrap();
    for row in rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["direction", "id", "name", "status"]);
    }
    let fixture = rows.iter().find(|r| r["id"] == "fixture-flow").unwrap();
    assert_eq!(
        fixture,
        &serde_json::json!({
            "id": "fixture-flow",
            "name": "Fixture flow: every step kind; escapes #1",
            "direction": "inbound",
            "status": "deprecated",
        })
    );
}

#[test]
fn shipped_flows_are_listed_with_their_pinned_ids() {
    let shipped: ModelFile =
        serde_json::from_str(include_str!("../assets/knowledge/flows.json")).unwrap();
    if shipped.flows.is_empty() {
        // The shipped model's content is written separately from the code; without it there
        // is nothing to list.
        return;
    }
    let rows = json_of(&["flow", "--list", "--json"]);
    let rows = rows.as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in shipped_support::FLOWS {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(row("username-password")["status"], "deprecated");
    assert_eq!(row("named-credential-oauth")["direction"], "outbound");
}

#[test]
fn list_text_shows_direction_and_status() {
    let out = stdout_of(&["flow", "--list"]);
    let line = out.lines().find(|l| l.starts_with("fixture-flow")).unwrap();
    assert!(
        line.contains("inbound") && line.contains("deprecated"),
        "{line}"
    );
}

#[test]
fn unknown_id_exits_2_listing_the_valid_ids() {
    let err = cli_support::usage_error_line(sfauth().args(["flow", "fixture-flo"]));
    assert!(err.contains("no flow \"fixture-flo\""), "{err}");
    assert!(
        err.contains("(did you mean fixture-flow?); valid ids: "),
        "{err}"
    );
    let rows = json_of(&["flow", "--list", "--json"]);
    for row in rows.as_array().unwrap() {
        assert!(err.contains(row["id"].as_str().unwrap()), "{err}");
    }
}

#[test]
fn text_diagram_fits_the_width() {
    let out = stdout_of(&["flow", "fixture-flow", "--width", "80"]);
    assert!(out.starts_with("Fixture flow: every step kind; escapes #1\n"));
    assert!(out.contains("inbound flow, strategy fixture-strategy (deprecated), 9 steps"));
    assert!(out.contains("Auth server"));
    assert!(out.contains("──▶ request"));
    for line in out.lines() {
        assert!(text::width(line) <= 80, "{line}");
    }
    // Without --step nothing is highlighted.
    assert!(!out.lines().any(|l| l.starts_with('▶')));
}

#[test]
fn ascii_diagram_draws_no_box_characters() {
    let out = stdout_of(&["flow", "fixture-flow", "--format", "ascii", "--width", "60"]);
    assert!(out.contains("|"));
    assert!(out.contains("-->"));
    for c in ['─', '│', '┌', '▶', '╌', '═', '…'] {
        assert!(!out.contains(c), "{c} in ascii output");
    }
}

#[test]
fn step_prints_its_details_and_curl() {
    let out = stdout_of(&["flow", "fixture-flow", "--step", "6", "--width", "100"]);
    assert!(out.contains("Step 6 of 9: POST token"), "{out}");
    assert!(out.contains("The backend swaps the code for a token."));
    assert!(out.contains("POST https://login.example.com/services/oauth2/token"));
    assert!(out.contains("grant_type"));
    assert!(out.contains("Pitfalls"));
    assert!(out.contains("curl 'https://login.example.com/services/oauth2/token'"));
    assert!(out.contains("--user 'client:secret'"));
    // The highlighted step is marked in the gutter.
    assert!(out.lines().any(|l| l.starts_with('▶')));

    let response = stdout_of(&["flow", "fixture-flow", "--step", "5"]);
    assert!(response.contains("HTTP 200"));
    assert!(response.contains("\"access_token\""));
    assert!(!response.contains("As curl"));
}

#[test]
fn step_out_of_range_is_bad_usage() {
    cli_support::refused(
        sfauth().args(["flow", "fixture-flow", "--step", "10"]),
        "has 9 steps",
    );
    sfauth()
        .args(["flow", "fixture-flow", "--step", "0"])
        .assert()
        .code(2);
}

#[test]
fn exports_match_the_library() {
    let flow = fixture();
    let mermaid = stdout_of(&["flow", "fixture-flow", "--format", "mermaid"]);
    assert_eq!(mermaid, sfauth::diagram::to_mermaid(&flow));
    let plantuml = stdout_of(&["flow", "fixture-flow", "--format", "plantuml"]);
    assert_eq!(plantuml, sfauth::diagram::to_plantuml(&flow));
}

#[test]
fn exports_refuse_step_and_width() {
    for args in [
        ["flow", "fixture-flow", "--format", "mermaid", "--step", "2"],
        [
            "flow",
            "fixture-flow",
            "--format",
            "plantuml",
            "--width",
            "80",
        ],
    ] {
        sfauth().args(args).assert().code(2);
    }
}

#[test]
fn json_format_has_steps_curl_and_diagram() {
    let v = json_of(&[
        "flow",
        "fixture-flow",
        "--format",
        "json",
        "--step",
        "3",
        "--width",
        "90",
    ]);
    assert_eq!(v["id"], "fixture-flow");
    assert_eq!(v["status"], "deprecated");
    assert_eq!(v["selected_step"], 3);
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 9);
    assert_eq!(steps[0]["number"], 1);
    assert_eq!(steps[0]["kind"], "user-action");
    assert!(steps[0]["curl"].is_null());
    assert!(
        steps[2]["curl"]
            .as_str()
            .unwrap()
            .starts_with("curl 'https://login.example.com/authorize'")
    );
    let diagram = &v["diagram"];
    assert_eq!(diagram["requested_width"], 90);
    assert_eq!(diagram["needs_scroll"], false);
    let lines = diagram["lines"].as_array().unwrap();
    let rows = diagram["steps"][2]["rows"].as_array().unwrap();
    let first = usize::try_from(rows[0].as_u64().unwrap()).unwrap();
    assert!(lines[first].as_str().unwrap().starts_with('┃'));

    let same = json_of(&[
        "flow",
        "fixture-flow",
        "--json",
        "--step",
        "3",
        "--width",
        "90",
    ]);
    assert_eq!(same, v);
}

#[test]
fn json_flag_conflicts_with_another_format() {
    sfauth()
        .args(["flow", "fixture-flow", "--json", "--format", "mermaid"])
        .assert()
        .code(2);
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["flow"][..],
        &["flow", "--list", "fixture-flow"],
        &["flow", "fixture-flow", "--width", "10"],
        &["flow", "fixture-flow", "--format", "svg"],
    ] {
        sfauth().args(args).assert().code(2);
    }
}

#[test]
fn narrow_width_prints_a_wider_diagram_and_says_so() {
    let assert = sfauth()
        .args(["flow", "fixture-flow", "--width", "20"])
        .assert()
        .success()
        .stderr(predicate::str::contains("needs"));
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let v = json_of(&["flow", "fixture-flow", "--json", "--width", "20"]);
    assert_eq!(v["diagram"]["needs_scroll"], true);
    let needed = usize::try_from(v["diagram"]["width"].as_u64().unwrap()).unwrap();
    assert!(needed > 20);
    assert!(out.lines().any(|l| text::width(l) > 20));
    assert!(out.lines().all(|l| text::width(l) <= needed));
}
