//! The Drill tab's text as styled lines for a given width: a card in each mode and phase, the
//! session summary, the statistics and the settings list. Pure functions of the state, shared
//! by rendering and by input handling (scrolling to the highlight, clicks).

use super::settings::{Group, Line as SettingLine, Settings, difficulty_name};
use super::text::{due_in, hanging, local_time, paragraph, percent};
use super::{Drill, DrillAction as D};
use crate::drill::{
    Answering, CardKind, DrillCard, Feedback, Memory, Phase, Scheduler, short_interval,
    stats as drill_stats,
};
use crate::model::{EntryRef, Knowledge};
use crate::tui::action::Action;
use crate::tui::keymap::{self, KeyContext};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use chrono::DateTime;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Something on a card that a click can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Option(usize),
    Step(usize),
    Link(usize),
}

/// A card laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    /// The first and last line of the highlighted option, step or reference.
    pub focus: Option<(usize, usize)>,
    /// Lines `first..=last` belong to a spot.
    pub spots: Vec<(usize, usize, Spot)>,
}

impl Laid {
    pub fn spot_at(&self, line: usize) -> Option<Spot> {
        self.spots
            .iter()
            .find(|(first, last, _)| (*first..=*last).contains(&line))
            .map(|(.., spot)| *spot)
    }
}

struct Builder {
    laid: Laid,
    width: usize,
}

impl Builder {
    fn new(width: usize) -> Self {
        Builder {
            laid: Laid::default(),
            width: width.max(1),
        }
    }

    fn blank(&mut self) {
        let last_is_blank = self.laid.lines.last().is_none_or(|l| l.width() == 0);
        if !last_is_blank {
            self.laid.lines.push(Line::default());
        }
    }

    /// Wrapped text after `prefix`; returns its first and last line.
    fn text(&mut self, prefix: &str, text: &str, style: Style) -> (usize, usize) {
        self.rows(hanging(prefix, text, self.width), style, false)
    }

    /// Wrapped text whose lines are padded to the full width, so a highlight spans the row.
    fn row(&mut self, prefix: &str, text: &str, style: Style) -> (usize, usize) {
        self.rows(hanging(prefix, text, self.width), style, true)
    }

    fn rows(&mut self, lines: Vec<String>, style: Style, pad: bool) -> (usize, usize) {
        let first = self.laid.lines.len();
        let width = self.width;
        for line in lines {
            let line = if pad { format!("{line:<width$}") } else { line };
            self.laid.lines.push(Line::styled(line, style));
        }
        (first, self.laid.lines.len().saturating_sub(1).max(first))
    }

    fn spot(&mut self, span: (usize, usize), spot: Spot, focused: bool) {
        self.laid.spots.push((span.0, span.1, spot));
        if focused {
            self.laid.focus = Some(span);
        }
    }
}

/// The references of a card that the model has, in the card's order.
pub fn known_refs(card: &DrillCard, k: &Knowledge) -> Vec<EntryRef> {
    card.refs
        .iter()
        .filter(|r| k.contains(r))
        .cloned()
        .collect()
}

/// The key a Drill action has in a context, for prose (`space`, `enter`).
pub fn key(context: KeyContext, action: D) -> String {
    keymap::key_label(context, Action::Drill(action))
}

/// The key that answers a multiple-choice card with option `index` (from 0).
fn option_key(index: usize) -> String {
    u8::try_from(index + 1)
        .ok()
        .and_then(|n| keymap::key_for(KeyContext::DrillChoice, Action::Drill(D::Choose(n))))
        .map(|k| k.to_string())
        .unwrap_or_default()
}

fn order_hint() -> String {
    let c = KeyContext::DrillOrder;
    format!(
        "Put the steps in order: {}/{} select a step, {}/{} (shift-↑/↓) move it, {} submits.",
        keymap::key_label(c, Action::Down),
        keymap::key_label(c, Action::Up),
        key(c, D::StepDown),
        key(c, D::StepUp),
        key(c, D::Submit),
    )
}

/// The current card as the session's phase shows it.
pub fn card(d: &Drill, card: &DrillCard, width: usize, theme: &Theme, k: &Knowledge) -> Laid {
    let mut b = Builder::new(width);
    b.text("", &card.prompt, theme.title);
    b.blank();
    let phase = d.session.phase();
    match (&card.answering, phase) {
        (Answering::Flashcard, Phase::Asking) => {
            let reveal = key(KeyContext::DrillQuestion, D::Reveal);
            let hint = format!("Recall the answer, then press {reveal} to see it.");
            b.text("", &hint, theme.dim);
        }
        (Answering::Flashcard, _) => flashcard_answer(&mut b, d, card, theme),
        (Answering::Choice { options, .. }, Phase::Asking) => {
            choice_asking(&mut b, d, options, theme)
        }
        (
            Answering::Choice { options, correct },
            Phase::Feedback(Feedback::Choice { chosen, .. }),
        ) => {
            choice_feedback(&mut b, options, *correct, *chosen, theme);
            if chosen == correct {
                right_answer(&mut b, d, card, theme);
            }
            explanation(&mut b, card, theme);
        }
        (Answering::Order { steps, .. }, Phase::Asking) => order_asking(&mut b, d, steps, theme),
        (
            Answering::Order { steps, .. },
            Phase::Feedback(Feedback::Order {
                submitted,
                misplaced,
            }),
        ) => {
            order_feedback(&mut b, steps, submitted, misplaced, theme);
            if misplaced.is_empty() {
                right_answer(&mut b, d, card, theme);
            }
            explanation(&mut b, card, theme);
        }
        _ => {}
    }
    if matches!(phase, Phase::Revealed | Phase::Feedback(_)) {
        references(&mut b, d, card, theme, k);
    }
    b.laid
}

/// A revealed flashcard: the answer and the grade keys.
fn flashcard_answer(b: &mut Builder, d: &Drill, card: &DrillCard, theme: &Theme) {
    b.text("", "Answer", theme.heading);
    b.text("", &card.answer, theme.base);
    b.blank();
    b.text("", "How well did you remember it?", theme.dim);
    grade_keys(b, d, card, theme);
}

/// A right choice or ordering: ask how sure the user was, or say it was graded.
fn right_answer(b: &mut Builder, d: &Drill, card: &DrillCard, theme: &Theme) {
    if d.session.awaits_grade() {
        b.text("", "Right. How sure were you?", theme.recommended);
        grade_keys(b, d, card, theme);
    } else {
        b.text("", "Right.", theme.recommended);
    }
}

/// `1 again 1m  2 hard 6m  3 good 10m  4 easy 4d`: each grade key, as the keymap binds it,
/// with the gap that grade would schedule, as Anki's answer buttons show.
fn grade_keys(b: &mut Builder, d: &Drill, card: &DrillCard, theme: &Theme) {
    let memory = d
        .progress
        .memory(&card.id)
        .cloned()
        .unwrap_or_else(Memory::new_card);
    let mut spans = Vec::new();
    for (grade, gap) in Scheduler::new().preview(&memory, d.now) {
        if !spans.is_empty() {
            spans.push(Span::styled("  ", theme.dim));
        }
        spans.push(Span::styled(
            key(KeyContext::DrillGrade, D::Grade(grade)),
            theme.key,
        ));
        spans.push(Span::styled(format!(" {grade} "), theme.base));
        spans.push(Span::styled(short_interval(gap), theme.dim));
    }
    b.laid.lines.push(Line::from(spans));
}

/// `▸` and the selection style on the highlighted row, nothing on the others.
fn pointer(selected: bool, theme: &Theme) -> (&'static str, Style) {
    if selected {
        ("▸", theme.selected)
    } else {
        (" ", theme.base)
    }
}

fn choice_asking(b: &mut Builder, d: &Drill, options: &[String], theme: &Theme) {
    for (i, option) in options.iter().enumerate() {
        let selected = i == d.choice;
        let (mark, style) = pointer(selected, theme);
        let span = b.row(&format!("{mark} {}  ", option_key(i)), option, style);
        b.spot(span, Spot::Option(i), selected);
    }
}

fn choice_feedback(
    b: &mut Builder,
    options: &[String],
    correct: usize,
    chosen: usize,
    theme: &Theme,
) {
    // The status badge colours double as right (green) and wrong (red); the marks carry the
    // meaning without colour.
    for (i, option) in options.iter().enumerate() {
        let (mark, style) = if i == correct {
            ("✓", theme.recommended)
        } else if i == chosen {
            ("✗", theme.deprecated)
        } else {
            (" ", theme.dim)
        };
        let span = b.text(&format!("{mark} {}  ", option_key(i)), option, style);
        b.spot(span, Spot::Option(i), false);
    }
    b.blank();
    if chosen != correct {
        let verdict = format!(
            "Not quite: the answer is {}. Graded again, so it comes back soon.",
            option_key(correct)
        );
        b.text("", &verdict, theme.deprecated);
    }
}

fn order_asking(b: &mut Builder, d: &Drill, steps: &[String], theme: &Theme) {
    b.text("", &order_hint(), theme.dim);
    b.blank();
    let digits = d.order.len().to_string().len();
    for (pos, &i) in d.order.iter().enumerate() {
        let selected = pos == d.step;
        let (mark, style) = pointer(selected, theme);
        let step = steps.get(i).map_or("", String::as_str);
        let span = b.row(&format!("{mark} {:>digits$}. ", pos + 1), step, style);
        b.spot(span, Spot::Step(pos), selected);
    }
}

fn order_feedback(
    b: &mut Builder,
    steps: &[String],
    submitted: &[usize],
    misplaced: &[usize],
    theme: &Theme,
) {
    b.text("", "Your order", theme.heading);
    let digits = steps.len().to_string().len();
    for (pos, &i) in submitted.iter().enumerate() {
        let (mark, style) = if misplaced.contains(&pos) {
            ("✗", theme.deprecated)
        } else {
            ("✓", theme.recommended)
        };
        let step = steps.get(i).map_or("", String::as_str);
        let span = b.text(&format!("{mark} {:>digits$}. ", pos + 1), step, style);
        b.spot(span, Spot::Step(pos), false);
    }
    b.blank();
    if misplaced.is_empty() {
        return;
    }
    let verdict = format!(
        "{} of {} steps out of place (✗): graded again.",
        misplaced.len(),
        submitted.len()
    );
    b.text("", &verdict, theme.deprecated);
    b.blank();
    b.text("", "The right order", theme.heading);
    for (i, step) in steps.iter().enumerate() {
        b.text(&format!("  {:>digits$}. ", i + 1), step, theme.base);
    }
}

fn explanation(b: &mut Builder, card: &DrillCard, theme: &Theme) {
    if card.answer.trim().is_empty() {
        return;
    }
    b.blank();
    b.rows(paragraph(&card.answer, b.width), theme.base, false);
}

fn references(b: &mut Builder, d: &Drill, card: &DrillCard, theme: &Theme, k: &Knowledge) {
    let refs = known_refs(card, k);
    if refs.is_empty() {
        return;
    }
    b.blank();
    b.laid.lines.push(Line::from(vec![
        Span::styled("See also", theme.heading),
        Span::styled(
            format!(
                "  ({} selects, {} opens)",
                keymap::key_label(KeyContext::DrillFeedback, Action::NextLink),
                keymap::key_label(KeyContext::DrillFeedback, Action::Open)
            ),
            theme.dim,
        ),
    ]));
    for (i, r) in refs.iter().enumerate() {
        let title = k.get(r).map(|e| e.title()).unwrap_or_default();
        let selected = d.link == Some(i);
        let style = if selected {
            theme.link_selected
        } else {
            theme.link
        };
        let span = b.text("→ ", &format!("{r} — {title}"), style);
        b.spot(span, Spot::Link(i), selected);
    }
}

/// The card's place in the session and what kind of card it is, for the pane's title.
pub fn card_title(d: &Drill, card: &DrillCard) -> String {
    let (at, total) = d.session.progress();
    let status = if d.current_is_new { "new" } else { "review" };
    format!(
        " Card {} of {total} · {status} · {} · {} · {} ",
        at + 1,
        kind_name(card.kind),
        card.topic,
        difficulty_name(card.difficulty)
    )
}

/// The previous answer, for the pane's bottom edge.
pub fn last_answer(d: &Drill) -> Option<String> {
    let last = d.last?;
    let when = last
        .due
        .map(|due| format!(", due again {}", due_in(last.at, due)))
        .unwrap_or_default();
    Some(format!(" last answer: {}{when} ", last.grade))
}

pub fn kind_name(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Card => "question",
        CardKind::Scenario => "scenario",
        CardKind::Order => "ordering",
        CardKind::Cause => "error cause",
        CardKind::Why => "check",
    }
}

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
    let wide = width >= 75;
    let columns: [(&str, usize); 6] = if wide {
        [
            ("Cards", 5),
            ("New", 4),
            ("Reviewed", 8),
            ("Due today", 9),
            ("This week", 9),
            ("Retention", 9),
        ]
    } else {
        [
            ("Cards", 5),
            ("New", 4),
            ("Reviewed", 8),
            ("Today", 5),
            ("Week", 5),
            ("Retention", 9),
        ]
    };
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
