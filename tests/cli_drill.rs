#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `sfauth drill stats|export`, run as the built binary with a throw-away data directory.

use assert_cmd::Command;
use chrono::{DateTime, Duration, Utc};
use predicates::prelude::*;
use serde_json::Value;
use sfauth::drill::{CSV_HEADER, Deck, Grade, ProgressStore, Review};
use sfauth::model::{Knowledge, PackSource};
use std::fs;
use std::path::Path;
use tempfile::TempDir;

mod cli_support;

const AT: &str = "2026-03-02T09:00:00Z";

fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// sfauth with its own empty data directory, no packs from the environment and UTC as the
/// local time zone (so "today" is the same everywhere).
/// The binary with its progress file in `data`.
fn sfauth(data: &Path) -> Command {
    let mut cmd = cli_support::sfauth();
    cmd.env("TZ", "UTC").env("SFAUTH_DATA_DIR", data);
    cmd
}

fn json_of(cmd: &mut Command) -> Value {
    cli_support::json_of(cmd, 0)
}

/// `drill export --format FORMAT` with the progress file in `data` and `extra` options.
fn export(data: &Path, extra: &[&str], format: &str) -> String {
    cli_support::stdout_of(
        sfauth(data)
            .args(extra)
            .args(["drill", "export", "--format", format]),
        0,
    )
}

fn shipped_deck() -> Deck {
    Deck::from_knowledge(&Knowledge::builtin().unwrap())
}

fn acme_pack() -> TempDir {
    let dir = tempfile::Builder::new().prefix("acme").tempdir().unwrap();
    fs::write(
        dir.path().join("team.json"),
        r#"{"cards": [{"id": "acme-prod-org", "prompt": "Which org does the nightly sync use?",
            "answer": "Acme production, via JWT bearer.", "topic": "acme-onboarding",
            "difficulty": 1, "refs": ["flow:acme-sync"],
            "sources": ["https://wiki.example.test/auth"], "as_of": "Spring '26"}],
          "flows": [{"id": "acme-sync", "name": "Acme nightly sync", "direction": "inbound",
            "strategy": "jwt-bearer", "summary": "The job signs a JWT and calls the API.",
            "participants": [{"id": "job", "label": "Sync job", "kind": "backend"},
                             {"id": "sf", "label": "Salesforce", "kind": "auth-server"}],
            "steps": [
              {"from": "job", "to": "job", "kind": "internal", "label": "Sign the JWT", "explanation": "e"},
              {"from": "job", "to": "sf", "kind": "request", "label": "POST the assertion", "explanation": "e"},
              {"from": "sf", "to": "job", "kind": "response", "label": "Access token", "explanation": "e"}],
            "sources": ["https://wiki.example.test/auth"], "as_of": "Spring '26"}]}"#,
    )
    .unwrap();
    dir
}

fn assert_no_progress_file(data: &TempDir, why: &str) {
    assert!(!data.path().join("progress.json").exists(), "{why}");
}

#[test]
fn drill_alone_opens_the_terminal_ui_which_needs_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    sfauth(data.path())
        .arg("drill")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "sfauth: the terminal UI needs a terminal; use a subcommand instead (see sfauth --help)\n",
        );
    assert_no_progress_file(&data, "nothing is written before the UI starts");
}

#[test]
fn stats_json_with_no_progress_counts_every_card_as_new() {
    let data = tempfile::tempdir().unwrap();
    let deck = shipped_deck();
    let s = json_of(sfauth(data.path()).args(["drill", "stats", "--json", "--at", AT]));
    assert_eq!(s["at"], AT);
    assert_eq!(s["cards"], deck.len());
    assert_eq!(s["new"], deck.len());
    assert_eq!(s["reviewed"], 0);
    assert_eq!(s["due_today"], 0);
    assert_eq!(s["due_this_week"], 0);
    assert!(s["retention"].is_null() && s["next_due"].is_null());
    let topics = s["topics"].as_array().unwrap();
    let names: Vec<&str> = topics
        .iter()
        .map(|t| t["topic"].as_str().unwrap())
        .collect();
    assert_eq!(names, deck.topics());
    let sum: u64 = topics.iter().map(|t| t["cards"].as_u64().unwrap()).sum();
    assert_eq!(sum, deck.len() as u64);
    assert_eq!(
        s["progress_file"],
        data.path().join("progress.json").display().to_string()
    );
    assert_no_progress_file(&data, "stats writes nothing");
}

#[test]
fn stats_reflect_saved_reviews_at_the_given_time() {
    let data = tempfile::tempdir().unwrap();
    let deck = shipped_deck();
    let first = &deck.cards()[0];
    let second = &deck.cards()[1];
    let day1 = t(AT);
    let (mut store, _) = ProgressStore::open(data.path(), day1).unwrap();
    store
        .record(&first.id, Review::new(day1, Grade::Good), day1)
        .unwrap();
    store
        .record(&second.id, Review::new(day1, Grade::Again), day1)
        .unwrap();
    let later = day1 + Duration::hours(1);
    let s = json_of(sfauth(data.path()).args([
        "drill",
        "stats",
        "--json",
        "--at",
        &later.timestamp().to_string(),
    ]));
    assert_eq!(s["at"], "2026-03-02T10:00:00Z");
    assert_eq!(s["reviewed"], 2);
    assert_eq!(s["reviews"], 2);
    assert_eq!(s["new"], deck.len() - 2);
    assert_eq!(
        s["due_today"], 2,
        "both are still learning, due within minutes"
    );
    assert_eq!(s["next_due"], "2026-03-02T09:01:00Z");
    let topic = s["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == first.topic.as_str())
        .unwrap();
    assert!(topic["reviewed"].as_u64().unwrap() >= 1);
    // The same figures come out every time for the same --at.
    let again = json_of(sfauth(data.path()).args([
        "drill",
        "stats",
        "--json",
        "--at",
        "2026-03-02T10:00:00Z",
    ]));
    assert_eq!(s, again);
}

#[test]
fn stats_text_shows_totals_topics_and_the_file() {
    let data = tempfile::tempdir().unwrap();
    let out = cli_support::success_showing(
        sfauth(data.path()).args(["drill", "stats", "--at", AT]),
        &["Topic", "Retention", "troubleshooting", "progress.json"],
    );
    assert!(
        out.starts_with(&format!("Drill progress at {AT}\n")),
        "{out}"
    );
}

#[test]
fn stats_keep_a_corrupt_file_aside_and_say_so() {
    let data = tempfile::tempdir().unwrap();
    fs::write(data.path().join("progress.json"), "{ not json").unwrap();
    sfauth(data.path())
        .args(["drill", "stats", "--json", "--at", AT])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "sfauth: warning: drill progress could not be used",
        ))
        .stderr(predicate::str::contains(
            "progress.json.corrupt-20260302T090000Z",
        ));
    assert_eq!(
        fs::read_to_string(data.path().join("progress.json.corrupt-20260302T090000Z")).unwrap(),
        "{ not json"
    );
}

#[test]
fn a_bad_time_is_a_one_line_usage_error() {
    let data = tempfile::tempdir().unwrap();
    sfauth(data.path())
        .args(["drill", "stats", "--at", "tomorrow"])
        .assert()
        .code(2)
        .stderr(
            "sfauth: --at: time \"tomorrow\" is neither unix seconds nor RFC 3339 (e.g. \
             2026-01-01T00:00:00Z)\n",
        );
}

#[test]
fn an_unusable_data_dir_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("a-file");
    fs::write(&file, "").unwrap();
    // The "folder" is a file: reading the progress in it fails clearly.
    cli_support::refused(
        sfauth(&file).args(["drill", "stats", "--at", AT]),
        "cannot read",
    );
}

/// Minimal RFC 4180 reader for checking the export.
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) if c == separator => row.push(std::mem::take(&mut field)),
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn export_csv_has_every_card_with_its_model_answer() {
    let data = tempfile::tempdir().unwrap();
    let deck = shipped_deck();
    let rows = parse_csv(&export(data.path(), &[], "csv"), ',');
    assert_eq!(rows[0], CSV_HEADER);
    assert_eq!(rows.len(), deck.len() + 1);
    for (row, card) in rows[1..].iter().zip(deck.cards()) {
        assert_eq!(row.len(), CSV_HEADER.len());
        assert_eq!(row[0], card.id);
        assert_eq!(row[1], card.kind.as_str());
        assert_eq!(row[4], card.full_prompt());
        assert_eq!(row[5], card.model_answer());
        assert!(!row[5].is_empty());
    }
    let kinds: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(kinds.contains("order"), "flows yield ordering cards");
}

#[test]
fn export_anki_is_tab_separated_notes_with_headers() {
    let data = tempfile::tempdir().unwrap();
    let deck = shipped_deck();
    let text = export(data.path(), &[], "anki");
    assert!(text.starts_with("#separator:tab\n#html:false\n#guid column:1\n#tags column:4\n"));
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let notes = parse_csv(&body, '\t');
    assert_eq!(notes.len(), deck.len());
    for (note, card) in notes.iter().zip(deck.cards()) {
        assert_eq!(note.len(), 4);
        assert_eq!(note[0], format!("sfauth-{}", card.id));
        assert_eq!(note[2], card.model_answer());
        assert!(note[3].contains(&format!("sfauth::topic::{}", card.topic)));
    }
}

#[test]
fn export_rejects_an_unknown_format() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["drill", "export", "--format", "xml"][..],
        &["drill", "export"],
    ] {
        sfauth(data.path()).args(args).assert().code(2);
    }
}

#[test]
fn team_pack_cards_appear_with_their_own_topic() {
    let data = tempfile::tempdir().unwrap();
    let pack = acme_pack();
    let pack_name = PackSource::new(pack.path()).name();
    let s = json_of(sfauth(data.path()).args([
        "--pack",
        pack.path().to_str().unwrap(),
        "drill",
        "stats",
        "--json",
        "--at",
        AT,
    ]));
    let topic = |name: &str| {
        s["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["topic"] == name)
            .cloned()
    };
    // The hand-written card keeps its topic; the generated ordering card of the pack's flow
    // takes the pack's name.
    assert_eq!(topic("acme-onboarding").unwrap()["cards"], 1);
    assert_eq!(topic(&pack_name).unwrap()["cards"], 1);
    assert_eq!(s["cards"], shipped_deck().len() + 2);
    let pack_arg = ["--pack", pack.path().to_str().unwrap()];
    let rows = parse_csv(&export(data.path(), &pack_arg, "csv"), ',');
    let order = rows
        .iter()
        .find(|r| r[0] == "gen-order-flow-acme-sync")
        .unwrap();
    assert_eq!(order[2], pack_name);
    assert_eq!(order[7], pack_name);
    assert!(order[5].starts_with(
        "1. Sync job -> Sync job: Sign the JWT\n2. Sync job -> Salesforce: POST the assertion\n3. \
         Salesforce -> Sync job: Access token"
    ));
}
