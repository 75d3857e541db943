//! The Choose tab's two screens as text laid out for one width. Pure functions of the wizard's
//! resolution, the model and the width, shared by drawing and by input handling (scrolling,
//! link selection, clicks), so neither has to remember the last frame.

use super::rows::{Boxed, Hot, Laid, hanging, link_style};
use crate::model::{EntryKind, EntryRef, Knowledge, Question, StatusLevel, WizardOption};
use crate::text::wrap;
use crate::tui::action::Action;
use crate::tui::keymap::{self, KeyContext};
use crate::tui::laid::LineBuilder;
pub use crate::tui::layout::text_area;
use crate::tui::tabs::TabId;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use crate::wizard::{Outcome, Resolution};
use ratatui::style::Style;

/// Drill cards listed on the outcome before the rest are summarised: the list is ordered with
/// the cards mainly about the top pick first, and can run to dozens.
pub const CARDS_SHOWN: usize = 12;

/// A question on screen: the next one, or an answered one the user stepped back to.
#[derive(Debug, Clone)]
pub struct Asking<'w> {
    pub r: Resolution<'w>,
    pub question: &'w Question,
    /// Its place in the order of questions asked, from 1.
    pub number: usize,
    /// The option answered before, when the user stepped back to change it.
    pub current: Option<usize>,
}

impl Asking<'_> {
    pub fn is_change(&self) -> bool {
        self.current.is_some()
    }
}

/// The answers so far as `Answers: direction inbound › caller backend`, wrapped at segment
/// boundaries. Each segment can be clicked to change that answer; `changing` is highlighted.
pub fn breadcrumb(
    out: &mut Laid,
    r: &Resolution<'_>,
    changing: Option<&str>,
    width: usize,
    theme: &Theme,
) {
    const LEAD: &str = "Answers: ";
    if r.answered.is_empty() {
        out.text("No answers yet: each one narrows the advice.", theme.dim);
        return;
    }
    let mut row = LineBuilder::new();
    row.push(LEAD, theme.label);
    for (i, a) in r.answered.iter().enumerate() {
        let (id, value) = (a.question.id.as_str(), a.option.value.as_str());
        let segment = id.chars().count() + 1 + value.chars().count();
        if i > 0 {
            if row.width() + 3 + segment > width {
                row.finish(out);
                row = LineBuilder::new();
                row.push(" ".repeat(LEAD.len()), Style::new());
            } else {
                row.push(" › ", theme.dim);
            }
        }
        let start = row.width();
        if changing == Some(id) {
            row.push(format!("{id} {value}"), theme.selected);
        } else {
            row.push(id, theme.dim);
            row.push(" ", Style::new());
            row.push(value, theme.title);
        }
        row.mark_from(start, Hot::Crumb(id.to_string()));
    }
    row.finish(out);
}

/// `label` then `text` as one paragraph wrapped to `width`, the label styled apart.
fn labelled_paragraph(out: &mut Laid, label: &str, text: &str, width: usize, theme: &Theme) {
    let whole = format!("{label} {text}");
    for (i, piece) in wrap(&whole, width).into_iter().enumerate() {
        let mut row = LineBuilder::new();
        match piece.strip_prefix(label) {
            Some(rest) if i == 0 => {
                row.push(label, theme.label);
                row.push(rest, theme.base);
            }
            _ => {
                row.push(piece, theme.base);
            }
        }
        row.finish(out);
    }
}

/// The question screen. `cursor` is the highlighted option.
pub fn question(a: &Asking<'_>, cursor: usize, width: usize, theme: &Theme) -> Laid {
    let q = a.question;
    let mut out = Laid::default();
    let changing = a.is_change().then_some(q.id.as_str());
    breadcrumb(&mut out, &a.r, changing, width, theme);
    out.blank();
    for row in hanging("", theme.title, &q.prompt, theme.title, width) {
        row.finish(&mut out);
    }
    out.blank();
    labelled_paragraph(&mut out, "Why it matters:", &q.why, width, theme);
    out.blank();
    let cursor = cursor.min(q.options.len().saturating_sub(1));
    let column = value_column(q, a.is_change(), width);
    for (i, option) in q.options.iter().enumerate() {
        let look = OptionLook {
            current: a.current == Some(i),
            selected: i == cursor,
            value_column: column,
        };
        option_rows(&mut out, i, option, look, width, theme);
    }
    out.blank();
    let last = option_key(q.options.len().saturating_sub(1));
    let enter = keymap::key_label(KeyContext::ChooseQuestion, Action::Open);
    let mut hint = format!(
        "Press {}-{last}, or move with ↑↓ and press {enter}.",
        option_key(0)
    );
    if a.is_change() {
        hint.push_str(" Later answers that still apply are kept.");
    }
    for row in hanging("", theme.dim, &hint, theme.dim, width) {
        row.finish(&mut out);
    }
    out
}

/// How an option row is drawn: whether it is the answer being changed, whether the cursor is on
/// it, and the column its value lines up at (when every label fits on one line before it).
#[derive(Debug, Clone, Copy)]
struct OptionLook {
    current: bool,
    selected: bool,
    value_column: Option<usize>,
}

/// Option rows start with ` ▸ 1. `.
const OPTION_PREFIX: usize = 6;

/// Follows the value of the answer being changed.
const CURRENT_MARK: &str = "  ✓ current answer";

/// The column option values line up at, if the longest label and value (and the mark of the
/// answer being changed) fit on one line.
fn value_column(q: &Question, changing: bool, width: usize) -> Option<usize> {
    let label = q.options.iter().map(|o| o.label.chars().count()).max()?;
    let value = q.options.iter().map(|o| o.value.chars().count()).max()?;
    let mark = if changing {
        CURRENT_MARK.chars().count()
    } else {
        0
    };
    let column = OPTION_PREFIX + label + 3;
    (column + value + mark <= width).then_some(column)
}

/// The key that answers with option `index` (from 0), as the keymap binds it.
pub fn option_key(index: usize) -> String {
    u8::try_from(index + 1)
        .ok()
        .and_then(|n| keymap::key_for(KeyContext::ChooseQuestion, Action::Answer(n)))
        .map(|k| k.to_string())
        .unwrap_or_default()
}

fn option_rows(
    out: &mut Laid,
    index: usize,
    option: &WizardOption,
    look: OptionLook,
    width: usize,
    theme: &Theme,
) {
    let marker = if look.selected { '▸' } else { ' ' };
    let prefix = format!(" {marker} {}. ", option_key(index));
    let mut rows = hanging(&prefix, theme.key, &option.label, theme.base, width);
    let mut tail = LineBuilder::new();
    tail.push(option.value.as_str(), theme.dim);
    if look.current {
        tail.push(CURRENT_MARK, theme.status);
    }
    match (look.value_column, rows.last_mut()) {
        // Every label fits on one line before the column, so this is the only row.
        (Some(column), Some(last)) => {
            last.pad_to(column);
            last.append(tail);
        }
        (_, Some(last)) if last.width() + 2 + tail.width() <= width => {
            last.push("  ", Style::new());
            last.append(tail);
        }
        _ => {
            let mut row = LineBuilder::new();
            row.push(" ".repeat(OPTION_PREFIX), Style::new());
            row.append(tail);
            rows.push(row);
        }
    }
    for mut row in rows {
        row.pad_to(width);
        row.mark_all(Hot::Option(index));
        if look.selected {
            row.flatten(theme.selected).finish(out);
        } else {
            row.finish(out);
        }
    }
}

/// The first line to show so the highlighted option is on screen: the top when it fits there,
/// else just enough scrolling to bring it to the bottom.
pub fn question_offset(laid: &Laid, cursor: usize, height: usize) -> usize {
    let Some((first, last)) = laid.option_lines(cursor) else {
        return 0;
    };
    if last < height {
        0
    } else {
        (last + 1 - height.max(1)).min(first)
    }
}

/// What the outcome's sections are drawn from, and how.
#[derive(Clone, Copy)]
struct OutcomeLook<'a> {
    k: &'a Knowledge,
    o: &'a Outcome,
    width: usize,
    selected: Option<usize>,
    theme: &'a Theme,
}

/// The outcome screen: the recommendations as cards, then the avoid list, the setup checklist
/// and the drill cards. `selected` is the highlighted link.
pub fn outcome(
    k: &Knowledge,
    r: &Resolution<'_>,
    o: &Outcome,
    width: usize,
    selected: Option<usize>,
    theme: &Theme,
) -> Laid {
    let mut out = Laid::default();
    breadcrumb(&mut out, r, None, width, theme);
    out.blank();
    if o.recommendations.is_empty() {
        out.text("The wizard has no advice for these answers.", theme.dim);
    } else {
        out.text("Recommended, best first", theme.heading);
    }
    for (i, pick) in o.recommendations.iter().enumerate() {
        let border = if i == 0 {
            theme.border_focused
        } else {
            theme.border
        };
        let b = Boxed::new(width, border);
        let level = k.strategy(&pick.strategy).map(|s| s.status.level);
        let title = format!("{}. {}", i + 1, name(k, &pick.strategy));
        b.top(
            &mut out,
            &title,
            theme.title,
            level.map(|l| (l.as_str(), theme.badge(l))),
        );
        b.rows(
            &mut out,
            hanging("", theme.base, &pick.reason, theme.base, b.inner()),
        );
        if !pick.with.is_empty() {
            let names: Vec<String> = pick.with.iter().map(|s| name(k, s)).collect();
            b.rows(
                &mut out,
                hanging(
                    "Pair with: ",
                    theme.label,
                    &names.join(", "),
                    theme.base,
                    b.inner(),
                ),
            );
        }
        let mut targets = vec![EntryRef::new(EntryKind::Strategy, pick.strategy.as_str())];
        if let Some(flow) = k
            .strategy(&pick.strategy)
            .and_then(|s| s.flow.as_deref())
            .filter(|f| o.links.flows.iter().any(|x| x == f))
        {
            targets.push(EntryRef::new(EntryKind::Flow, flow));
        }
        targets.extend(
            pick.with
                .iter()
                .map(|s| EntryRef::new(EntryKind::Strategy, s.as_str())),
        );
        targets.retain(|t| k.contains(t));
        b.links(&mut out, &targets, 0, selected, theme);
        b.bottom(&mut out);
    }
    let look = OutcomeLook {
        k,
        o,
        width,
        selected,
        theme,
    };
    avoid(&mut out, look);
    checklist(&mut out, look);
    cards(&mut out, look);
    out
}

fn avoid(out: &mut Laid, look: OutcomeLook<'_>) {
    if look.o.avoid.is_empty() {
        return;
    }
    let b = section(out, "Avoid", look.width, look.theme);
    for (i, warning) in look.o.avoid.iter().enumerate() {
        if i > 0 {
            b.blank_row(out);
        }
        // The platform's own verdict backs the advice only when it is a warning too.
        let level = look
            .k
            .strategy(&warning.strategy)
            .map(|s| s.status.level)
            .filter(|l| !matches!(l, StatusLevel::Recommended | StatusLevel::Supported));
        let badge = level.map_or(0, |l| l.as_str().len() + 2);
        let mut head = LineBuilder::new();
        head.push("✗ ", look.theme.deprecated);
        head.push(
            truncate(
                &name(look.k, &warning.strategy),
                b.inner().saturating_sub(2 + badge),
            ),
            look.theme.title,
        );
        if let Some(l) = level {
            head.push("  ", Style::new());
            head.push(l.as_str(), look.theme.badge(l));
        }
        b.row(out, head);
        b.rows(
            out,
            hanging(
                "  ",
                look.theme.base,
                &warning.reason,
                look.theme.base,
                b.inner(),
            ),
        );
        let target = EntryRef::new(EntryKind::Strategy, warning.strategy.as_str());
        if look.k.contains(&target) {
            b.links(out, &[target], 2, look.selected, look.theme);
        }
    }
    b.bottom(out);
}

fn checklist(out: &mut Laid, look: OutcomeLook<'_>) {
    if look.o.checklist.is_empty() {
        return;
    }
    let b = section(out, "Setup checklist", look.width, look.theme);
    for item in &look.o.checklist {
        b.rows(
            out,
            hanging(
                "[ ] ",
                look.theme.dim,
                &item.text,
                look.theme.base,
                b.inner(),
            ),
        );
        let targets: Vec<EntryRef> = item
            .see
            .iter()
            .filter(|t| look.k.contains(t))
            .cloned()
            .collect();
        b.links(out, &targets, 4, look.selected, look.theme);
    }
    b.bottom(out);
}

fn cards(out: &mut Laid, look: OutcomeLook<'_>) {
    let known: Vec<&str> = look
        .o
        .links
        .cards
        .iter()
        .map(String::as_str)
        .filter(|id| look.k.card(id).is_some())
        .collect();
    if known.is_empty() {
        return;
    }
    let b = section(
        out,
        &format!("Drill cards ({})", known.len()),
        look.width,
        look.theme,
    );
    for id in known.iter().take(CARDS_SHOWN) {
        let text = format!("card:{id}");
        let index = out.link_count();
        let target = EntryRef::new(EntryKind::Card, *id);
        let mut row = LineBuilder::new();
        row.push("→ ", look.theme.dim);
        let style = link_style(index, look.selected, look.theme);
        row.push_spot(text, style, Hot::Link(index, target));
        let room = b.inner().saturating_sub(row.width() + 2);
        if room > 0
            && let Some(card) = look.k.card(id)
        {
            row.push("  ", Style::new());
            row.push(truncate(&card.prompt, room), look.theme.dim);
        }
        b.row(out, row);
    }
    let more = known.len().saturating_sub(CARDS_SHOWN);
    if more > 0 {
        let home = TabId::home_of(EntryKind::Card).title();
        let note = format!("… and {more} more in the {home} tab");
        b.rows(
            out,
            hanging("", look.theme.dim, &note, look.theme.dim, b.inner()),
        );
    }
    b.bottom(out);
}

/// Opens one of the outcome's boxed sections after a blank line, headed `title`.
fn section(out: &mut Laid, title: &str, width: usize, theme: &Theme) -> Boxed {
    out.blank();
    let b = Boxed::new(width, theme.border);
    b.top(out, title, theme.heading, None);
    b
}

/// A strategy's name, or its id when the model lacks it.
fn name(k: &Knowledge, id: &str) -> String {
    k.strategy(id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}
