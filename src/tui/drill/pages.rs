//! The Drill tab's pages besides the card: the session summary, the statistics and the settings
//! list, as styled lines for a given width.

use super::layout::{Builder, key, kind_name};
use super::settings::{Group, Line as SettingLine, Settings, difficulty_name};
use super::text::{due_in, local_time, percent};
use super::{Drill, DrillAction as D};
use crate::drill::{CardKind, stats as drill_stats};
use crate::tui::keymap::KeyContext;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use chrono::DateTime;
use ratatui::text::{Line, Span};

fn kind_description(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Card => "hand-written interview questions",
        CardKind::Scenario => "scenario: which strategy fits",
        CardKind::Order => "put a flow's steps in order",
        CardKind::Cause => "error: the most likely cause",
        CardKind::Why => "inspector check: why it matters",
    }
}

/// `label` padded to a column, then the value.
fn field(label: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), theme.label),
        Span::styled(value, theme.base),
    ])
}

fn next_due_text(d: &Drill, next_due: Option<&str>) -> String {
    let parsed = next_due.and_then(|t| DateTime::parse_from_rfc3339(t).ok());
    match parsed {
        Some(due) => {
            let due = due.to_utc();
            let offset = d.clock.offset_at(d.now);
            format!("{} ({})", local_time(due, offset), due_in(d.now, due))
        }
        None => "-".into(),
    }
}

/// The end of a session, or why there was nothing to practise.
pub fn summary(d: &Drill, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let s = d.summary();
    let mut b = Builder::new(width);
    let (_, total) = d.session.progress();
    if total == 0 {
        b.text("", "Nothing to practise now", theme.title);
        b.blank();
        let any_admitted = d.deck.cards().iter().any(|c| d.queue_options.admits(c));
        let why = if d.deck.is_empty() {
            "The model has no cards.".to_string()
        } else if !any_admitted {
            "No card matches the filters.".to_string()
        } else {
            format!(
                "No card is due, and today's new cards are done (the daily limit is {}).",
                d.queue_options.new_per_day
            )
        };
        b.text("", &why, theme.base);
        b.blank();
        next_due_and_keys(&mut b, d, s.next_due.as_deref(), "", theme);
        return b.laid.lines;
    }
    b.text("", "Session complete", theme.title);
    b.blank();
    let rate = match s.correct_rate {
        Some(r) => format!("{} of {} ({})", s.correct, s.reviewed, percent(Some(r))),
        None => "-".into(),
    };
    b.laid
        .lines
        .push(field("Reviewed", s.reviewed.to_string(), theme));
    b.laid.lines.push(field("Correct", rate, theme));
    b.laid
        .lines
        .push(field("Skipped", s.skipped.to_string(), theme));
    next_due_and_keys(
        &mut b,
        d,
        s.next_due.as_deref(),
        "Correct means any grade but again. ",
        theme,
    );
    b.laid.lines
}

/// The end of the summary: when cards fall due next, and the keys that go on from here.
fn next_due_and_keys(
    b: &mut Builder,
    d: &Drill,
    next_due: Option<&str>,
    lead: &str,
    theme: &Theme,
) {
    b.laid
        .lines
        .push(field("Next due", next_due_text(d, next_due), theme));
    b.blank();
    let c = KeyContext::DrillSummary;
    b.text(
        "",
        &format!(
            "{lead}Press {} for a new session with the cards due then, {} for statistics, {} to change the daily limit and the filters.",
            key(c, D::Restart),
            key(c, D::Stats),
            key(c, D::Settings),
        ),
        theme.dim,
    );
}

/// Retention per topic and what falls due today and this week.
pub fn stats(d: &Drill, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let offset = d.clock.offset_at(d.now);
    let s = drill_stats(&d.deck, &d.progress, d.now, offset);
    let t = &s.total;
    let mut b = Builder::new(width);
    b.text(
        "",
        &format!(
            "{} cards: {} new, {} reviewed ({} reviews).",
            t.cards, t.new, t.reviewed, t.reviews
        ),
        theme.base,
    );
    b.text(
        "",
        &format!(
            "Due today {}, this week {}. Retention {}. Next due {}.",
            t.due_today,
            t.due_this_week,
            percent(t.retention),
            next_due_text(d, s.next_due.as_deref())
        ),
        theme.base,
    );
    b.blank();
    let columns = stats_columns(width);
    let fixed: usize = columns.iter().map(|(_, w)| w + 1).sum();
    let longest = s
        .topics
        .iter()
        .map(|tf| tf.topic.chars().count())
        .max()
        .unwrap_or(0);
    let topic_width = longest.min(width.saturating_sub(fixed)).max(8);
    let row = |topic: &str, cells: [String; 6]| {
        let mut line = format!("{:<topic_width$}", truncate(topic, topic_width));
        for ((_, w), cell) in columns.iter().zip(cells) {
            line.push_str(&format!(" {cell:>w$}"));
        }
        line
    };
    b.laid.lines.push(Line::styled(
        row("Topic", columns.map(|(h, _)| h.to_string())),
        theme.label,
    ));
    for tf in &s.topics {
        let f = &tf.figures;
        b.laid.lines.push(Line::styled(
            row(
                &tf.topic,
                [
                    f.cards.to_string(),
                    f.new.to_string(),
                    f.reviewed.to_string(),
                    f.due_today.to_string(),
                    f.due_this_week.to_string(),
                    percent(f.retention),
                ],
            ),
            theme.base,
        ));
    }
    b.blank();
    b.text(
        "",
        "Retention: the share of repeat reviews not graded again.",
        theme.dim,
    );
    b.text("", &d.progress_note, theme.dim);
    b.laid.lines
}

/// The statistics table's columns and their widths: shorter headings on narrow screens.
fn stats_columns(width: usize) -> [(&'static str, usize); 6] {
    let (today, week) = if width >= 75 {
        (("Due today", 9), ("This week", 9))
    } else {
        (("Today", 5), ("Week", 5))
    };
    [
        ("Cards", 5),
        ("New", 4),
        ("Reviewed", 8),
        today,
        week,
        ("Retention", 9),
    ]
}

/// The settings popup's lines; the highlighted one spans the row.
pub fn settings(d: &Drill, s: &Settings, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lines = s.lines();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let selected = i == s.cursor;
        let text = match line {
            SettingLine::NewPerDay => format!("New cards per day  ‹ {} ›", s.new_per_day),
            SettingLine::Blank => String::new(),
            SettingLine::Heading(group) => {
                out.push(Line::from(vec![
                    Span::styled(group.title(), theme.heading),
                    Span::styled(
                        format!(
                            "  ({}: all or none)",
                            key(KeyContext::DrillSettings, D::ToggleGroup)
                        ),
                        theme.dim,
                    ),
                ]));
                continue;
            }
            SettingLine::Item(group, i) => {
                let check = if s.is_on(group, i) { "[x]" } else { "[ ]" };
                let label = match group {
                    Group::Kinds => s
                        .kinds
                        .get(i)
                        .map(|(k, _)| format!("{:<12} {}", kind_name(*k), kind_description(*k))),
                    Group::Difficulties => s
                        .difficulties
                        .get(i)
                        .map(|(n, _)| format!("{n} {}", difficulty_name(*n))),
                    Group::Topics => s.topics.get(i).map(|(t, _)| {
                        let count = d.deck.cards().iter().filter(|c| &c.topic == t).count();
                        format!("{t} ({count})")
                    }),
                };
                format!("  {check} {}", label.unwrap_or_default())
            }
        };
        let text = truncate(&text, width);
        out.push(if selected {
            Line::styled(format!("{text:<width$}"), theme.selected)
        } else {
            Line::styled(text, theme.base)
        });
    }
    out
}
