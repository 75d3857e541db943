//! A Drill card as text laid out for a given width, in each mode and phase. Pure functions of
//! the state, shared by rendering and by input handling (scrolling to the highlight, clicks).

use super::settings::difficulty_name;
use super::text::{due_in, hanging, paragraph};
use super::{Drill, DrillAction as D};
use crate::drill::{
    Answering, CardKind, DrillCard, Feedback, Memory, Phase, Scheduler, short_interval,
};
use crate::model::{EntryRef, Knowledge};
use crate::tui::action::Action;
use crate::tui::keymap::{self, KeyContext};
use crate::tui::laid::Laid;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Something on a card that a click can pick, or that can be highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardItem {
    Option(usize),
    Step(usize),
    Link(usize),
}

/// Lines of wrapped text being laid out at one width (the summary and the statistics use it
/// too, with no spots).
pub(super) struct Builder {
    pub(super) laid: Laid<CardItem>,
    width: usize,
}

impl Builder {
    pub(super) fn new(width: usize) -> Self {
        Builder {
            laid: Laid::default(),
            width: width.max(1),
        }
    }

    pub(super) fn blank(&mut self) {
        let last_is_blank = self.laid.lines.last().is_none_or(|l| l.width() == 0);
        if !last_is_blank {
            self.laid.lines.push(Line::default());
        }
    }

    /// Wrapped text after `prefix`; returns the lines it takes.
    pub(super) fn text(&mut self, prefix: &str, text: &str, style: Style) -> Range<usize> {
        self.rows(hanging(prefix, text, self.width), style, false)
    }

    /// Wrapped text whose lines are padded to the full width, so a highlight spans the row.
    fn row(&mut self, prefix: &str, text: &str, style: Style) -> Range<usize> {
        self.rows(hanging(prefix, text, self.width), style, true)
    }

    fn rows(&mut self, lines: Vec<String>, style: Style, pad: bool) -> Range<usize> {
        let first = self.laid.lines.len();
        let width = self.width;
        for line in lines {
            let line = if pad { format!("{line:<width$}") } else { line };
            self.laid.lines.push(Line::styled(line, style));
        }
        first..self.laid.lines.len()
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
pub fn card(
    d: &Drill,
    card: &DrillCard,
    width: usize,
    theme: &Theme,
    k: &Knowledge,
) -> Laid<CardItem> {
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
        let lines = b.row(&format!("{mark} {}  ", option_key(i)), option, style);
        b.laid.mark_lines(lines, CardItem::Option(i));
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
        let lines = b.text(&format!("{mark} {}  ", option_key(i)), option, style);
        b.laid.mark_lines(lines, CardItem::Option(i));
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
        let lines = b.row(&format!("{mark} {:>digits$}. ", pos + 1), step, style);
        b.laid.mark_lines(lines, CardItem::Step(pos));
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
        let lines = b.text(&format!("{mark} {:>digits$}. ", pos + 1), step, style);
        b.laid.mark_lines(lines, CardItem::Step(pos));
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
        let lines = b.text("→ ", &format!("{r} — {title}"), style);
        b.laid.mark_lines(lines, CardItem::Link(i));
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
