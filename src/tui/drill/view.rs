//! Drawing the Drill tab. Read-only: everything here is a function of the state, the model
//! and the area.

use super::{Drill, DrillAction, Page, keep_visible, text_area, text_width};
use super::{layout, pages};
use crate::tui::component::Ctx;
use crate::tui::keymap::KeyContext;
use crate::tui::layout::popup;
use crate::tui::paint;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pane_block, pane_scrollbar, scrolled_lines, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

const SETTINGS_WIDTH: u16 = 64;

pub fn render(d: &Drill, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    match d.page {
        Page::Stats => render_stats(d, frame, area, ctx),
        Page::Session => match d.session.current() {
            Some(card) => render_card(d, card, frame, area, ctx),
            None => render_summary(d, frame, area, ctx),
        },
    }
    if let Some(settings) = &d.settings {
        render_settings(d, settings, frame, area, ctx.theme);
    }
}

/// Draws `lines` from `scroll` (clamped) in the pane's text area, with a scrollbar when they
/// do not fit.
fn scrolled(frame: &mut Frame<'_>, area: Rect, lines: &[Line<'_>], scroll: usize, theme: &Theme) {
    let body = text_area(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    scrolled_lines(frame, area, body, lines, scroll, theme);
}

fn render_card(
    d: &Drill,
    card: &crate::drill::DrillCard,
    frame: &mut Frame<'_>,
    area: Rect,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let title = truncate(&layout::card_title(d, card), width);
    let mut block = pane_block(title, true, theme);
    if let Some(last) = layout::last_answer(d) {
        block = block.title_bottom(Line::styled(truncate(&last, width), theme.dim));
    }
    frame.render_widget(block, area);
    let laid = layout::card(d, card, text_width(area), theme, ctx.knowledge);
    scrolled(frame, area, &laid.lines, d.scroll, theme);
}

fn render_summary(d: &Drill, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let width = usize::from(area.width.saturating_sub(2));
    let title = truncate(" Drill: session summary ", width);
    frame.render_widget(pane_block(title, true, ctx.theme), area);
    let lines = pages::summary(d, text_width(area), ctx.theme);
    scrolled(frame, area, &lines, 0, ctx.theme);
}

fn render_stats(d: &Drill, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let width = usize::from(area.width.saturating_sub(2));
    let title = truncate(" Drill: statistics ", width);
    frame.render_widget(pane_block(title, true, ctx.theme), area);
    let lines = pages::stats(d, text_width(area), ctx.theme);
    scrolled(frame, area, &lines, d.stats_scroll, ctx.theme);
}

/// The settings popup, centred over the tab, as tall as its `line_count` lines when they fit.
pub fn settings_area(body: Rect, line_count: usize) -> Rect {
    popup(body, SETTINGS_WIDTH, line_count)
}

/// The popup's list, inside its border and padding.
pub fn settings_list_area(body: Rect, line_count: usize) -> Rect {
    text_area(settings_area(body, line_count))
}

fn render_settings(
    d: &Drill,
    settings: &super::Settings,
    frame: &mut Frame<'_>,
    body: Rect,
    theme: &Theme,
) {
    let line_count = settings.lines().len();
    let area = settings_area(body, line_count);
    if area.width < 3 || area.height < 3 {
        return;
    }
    let width = usize::from(area.width.saturating_sub(2));
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .style(theme.base)
        .title(Span::styled(
            truncate(" Session settings ", width),
            theme.border_focused,
        ))
        .title_bottom(Line::styled(
            truncate(
                &format!(
                    " {}: apply and start a new session ",
                    layout::key(KeyContext::DrillSettings, DrillAction::Submit)
                ),
                width,
            ),
            theme.dim,
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let list = settings_list_area(body, line_count);
    let lines = pages::settings(d, settings, usize::from(list.width), theme);
    let height = usize::from(list.height);
    let max = lines.len().saturating_sub(height);
    let offset = keep_visible(settings.offset, settings.cursor, height).min(max);
    paint::lines(frame, list, lines.get(offset..).unwrap_or_default());
    pane_scrollbar(frame, area, max, offset, theme);
}
