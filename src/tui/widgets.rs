//! Pieces every tab draws the same way, kept in one place so the tabs cannot drift apart:
//! pane borders, the pane scrollbar, scrolled pane text, list rows with a status badge, and
//! cut text.

use super::paint;
use super::theme::Theme;
use crate::model::StatusLevel;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// The border style of a pane: highlighted while it has the focus.
pub fn pane_border(focused: bool, theme: &Theme) -> Style {
    if focused {
        theme.border_focused
    } else {
        theme.border
    }
}

/// A bordered pane titled `title`, border and title in the pane's border style.
pub fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style = pane_border(focused, theme);
    Block::bordered()
        .border_style(style)
        .title(Span::styled(title, style))
}

/// ` ↓ 6 more ` on a list pane's bottom border while rows below the view do not fit, so a short
/// screen does not pass for the whole list.
pub fn more_below(frame: &mut Frame<'_>, pane: Rect, hidden: usize, theme: &Theme) {
    let text = format!(" ↓ {hidden} more ");
    let width = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    if hidden == 0 || pane.height < 2 || pane.width < width.saturating_add(2) {
        return;
    }
    let at = Rect::new(pane.right() - 1 - width, pane.bottom() - 1, width, 1);
    frame.render_widget(Span::styled(text, theme.key), at);
}

/// The rows of a list that fit in `height` lines from `offset`, with the "↓ N more" mark drawn
/// on `pane` for the rows below them.
pub fn visible_rows<'r, R>(
    frame: &mut Frame<'_>,
    pane: Rect,
    rows: &'r [R],
    offset: usize,
    height: usize,
    theme: &Theme,
) -> &'r [R] {
    more_below(
        frame,
        pane,
        rows.len().saturating_sub(offset + height),
        theme,
    );
    let shown = rows.get(offset..).unwrap_or_default();
    &shown[..shown.len().min(height)]
}

/// The scrollbar on a pane's right border, drawn only when there is something to scroll:
/// `max` is the last scroll offset and `at` the current one.
pub fn pane_scrollbar(frame: &mut Frame<'_>, pane: Rect, max: usize, at: usize, theme: &Theme) {
    if max == 0 {
        return;
    }
    let mut state = ScrollbarState::new(max + 1).position(at);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("┃")
            .track_style(theme.border)
            .thumb_style(theme.border_focused),
        pane.inner(Margin::new(0, 1)),
        &mut state,
    );
}

/// Draws `lines` from `scroll` in `body` (the text area of `pane`), with `scroll` clamped so
/// the last line ends at the bottom, and the pane's scrollbar when they do not fit.
pub fn scrolled_lines(
    frame: &mut Frame<'_>,
    pane: Rect,
    body: Rect,
    lines: &[Line<'_>],
    scroll: usize,
    theme: &Theme,
) {
    let max = lines.len().saturating_sub(usize::from(body.height));
    let scroll = scroll.min(max);
    paint::lines(frame, body, lines.get(scroll..).unwrap_or_default());
    pane_scrollbar(frame, pane, max, scroll, theme);
}

/// A list row `width` columns wide: the `lead` spans (`lead_width` columns), `title` cut to
/// what is left, and `badge` flush right. A `selected` row takes that one style throughout so
/// the badge stays readable on the highlight.
pub fn badged_row<'a>(
    mut lead: Vec<Span<'a>>,
    lead_width: usize,
    title: &str,
    badge: Option<(&'a str, Style)>,
    width: usize,
    selected: Option<Style>,
) -> Line<'a> {
    let badge_width = badge.map_or(0, |(b, _)| b.len() + 1);
    let room = width.saturating_sub(lead_width + badge_width);
    let title = truncate(title, room);
    let pad = room.saturating_sub(title.chars().count());
    lead.push(Span::raw(title));
    lead.push(Span::raw(" ".repeat(pad)));
    if let Some((text, style)) = badge {
        lead.push(Span::raw(" "));
        lead.push(Span::styled(text, style));
    }
    match selected {
        Some(style) => {
            let text: String = lead.iter().map(|s| s.content.as_ref()).collect();
            Line::styled(format!("{text:<width$}"), style)
        }
        None => Line::from(lead),
    }
}

/// The status badge of a list row `width` columns wide whose lead takes `lead_width`: the
/// short form of the status when the full one would leave the name fewer than
/// `min_name_room` columns. Decided on the longest word, so every row of one list uses the
/// same form.
pub fn status_badge(
    level: StatusLevel,
    width: usize,
    lead_width: usize,
    min_name_room: usize,
    theme: &Theme,
) -> (&'static str, Style) {
    let longest = StatusLevel::Recommended.as_str().len();
    let text = if width.saturating_sub(lead_width + longest + 1) < min_name_room {
        short_status(level)
    } else {
        level.as_str()
    };
    (text, theme.badge(level))
}

fn short_status(level: StatusLevel) -> &'static str {
    match level {
        StatusLevel::Recommended => "rec",
        StatusLevel::Supported => "sup",
        StatusLevel::Discouraged => "disc",
        StatusLevel::Deprecated => "depr",
        StatusLevel::Blocked => "block",
    }
}

/// `text` cut to `width` characters, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_keeps_short_text_and_marks_a_cut() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("abcd", 0), "");
    }

    #[test]
    fn a_badged_row_fills_its_width_with_the_badge_on_the_right() {
        let line = badged_row(
            vec![Span::raw(" ")],
            1,
            "a long title",
            Some(("ok", Style::new())),
            12,
            None,
        );
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, " a long … ok");
    }
}
