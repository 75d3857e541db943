//! `sfauth drill stats|export`: glue between the command line and `crate::drill`. `sfauth drill`
//! alone opens the terminal UI on the Drill tab.

use super::args::{DrillCommand, DrillExportFormat};
use super::output::{print_json, text_width};
use super::{Cli, CliResult, Fail, load_knowledge};
use crate::drill::{
    Deck, ExportFormat, ProgressStore, Stats, export, local_offset, resolve_data_dir, stats,
};
use crate::text::wrap;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

pub fn run(cli: &Cli, command: &DrillCommand) -> CliResult {
    match command {
        DrillCommand::Stats { json, at } => {
            let now = match at {
                Some(text) => parse_instant(text).map_err(Fail::usage)?,
                None => Utc::now(),
            };
            let deck = Deck::from_knowledge(&load_knowledge(cli)?);
            let dir = data_dir(cli)?;
            let (store, warnings) =
                ProgressStore::open(&dir, now).map_err(|e| Fail::usage(e.to_string()))?;
            for w in &warnings {
                eprintln!("sfauth: warning: {w}");
            }
            let figures = stats(&deck, store.progress(), now, local_offset(now));
            if *json {
                print_json(&StatsJson {
                    progress_file: store.path(),
                    stats: &figures,
                });
            } else {
                print!("{}", stats_text(&figures, &store.path()));
            }
            Ok(0)
        }
        DrillCommand::Export { format } => {
            let deck = Deck::from_knowledge(&load_knowledge(cli)?);
            let format = match format {
                DrillExportFormat::Csv => ExportFormat::Csv,
                DrillExportFormat::Anki => ExportFormat::Anki,
            };
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = out.write_all(export(deck.cards(), format).as_bytes());
            Ok(0)
        }
    }
}

fn data_dir(cli: &Cli) -> Result<PathBuf, Fail> {
    resolve_data_dir(cli.data_dir.as_deref()).ok_or_else(|| {
        Fail::usage("no data directory for drill progress: pass --data-dir or set SFAUTH_DATA_DIR")
    })
}

/// `--at`, parsed as `sfauth inspect` parses it.
fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    crate::inspect::time::parse_instant(text).map_err(|e| format!("--at: {e}"))
}

#[derive(Serialize)]
struct StatsJson<'a> {
    progress_file: PathBuf,
    #[serde(flatten)]
    stats: &'a Stats,
}

fn percent(x: Option<f64>) -> String {
    x.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "-".to_string())
}

fn stats_text(s: &Stats, file: &std::path::Path) -> String {
    let t = &s.total;
    let mut out = format!("Drill progress at {}\n", s.at);
    let summary = format!(
        "{} cards: {} new, {} reviewed ({} reviews); due today {}, this week {}; retention {}; \
         next due {}",
        t.cards,
        t.new,
        t.reviewed,
        t.reviews,
        t.due_today,
        t.due_this_week,
        percent(t.retention),
        s.next_due.as_deref().unwrap_or("-"),
    );
    for line in wrap(&summary, text_width()) {
        out.push_str(&line);
        out.push('\n');
    }
    let width = s
        .topics
        .iter()
        .map(|tf| tf.topic.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    out.push_str(&format!(
        "\n{:<width$}  {:>5}  {:>5}  {:>8}  {:>9}  {:>9}  {:>9}\n",
        "Topic", "Cards", "New", "Reviewed", "Due today", "This week", "Retention"
    ));
    for tf in &s.topics {
        let f = &tf.figures;
        out.push_str(&format!(
            "{:<width$}  {:>5}  {:>5}  {:>8}  {:>9}  {:>9}  {:>9}\n",
            tf.topic,
            f.cards,
            f.new,
            f.reviewed,
            f.due_today,
            f.due_this_week,
            percent(f.retention)
        ));
    }
    out.push_str(&format!("\nProgress file: {}\n", file.display()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_takes_unix_seconds_or_rfc3339_and_names_bad_input() {
        let expected = DateTime::from_timestamp(1_772_442_000, 0).unwrap();
        assert_eq!(parse_instant("1772442000"), Ok(expected));
        assert_eq!(parse_instant("2026-03-02T10:00:00+01:00"), Ok(expected));
        assert!(
            parse_instant("yesterday")
                .unwrap_err()
                .contains("neither unix seconds")
        );
        assert!(
            parse_instant("99999999999999999999")
                .unwrap_err()
                .starts_with("--at: time \"99999999999999999999\" is too large")
        );
    }
}
