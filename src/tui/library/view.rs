//! Drawing the Library. Read-only: everything here is a function of the state, the model and
//! the area.

use super::{Focus, Library, LibraryRow, detail_text_area, inner, keep_visible, panes};
use crate::model::EntryView;
use crate::model::doc::document as entry_document;
use crate::tui::component::Ctx;
use crate::tui::document;
use crate::tui::paint;
use crate::tui::text_input::TextInput;
use crate::tui::theme::Theme;
use crate::tui::widgets::{badged_row, pane_block, scrolled_lines, status_badge, visible_rows};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(lib: &Library, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let (list, detail) = panes(area);
    render_list(lib, frame, list, ctx);
    render_detail(lib, frame, detail, ctx);
}

fn render_list(lib: &Library, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let focused = lib.focus == Focus::List;
    let title = match &lib.search {
        Some(s) if !s.input.is_empty() => format!(" Search: {} ", count(s.hits.len(), "match")),
        Some(_) => " Search ".to_string(),
        None => format!(" Library: {} ", count(lib.entries.len(), "entry")),
    };
    frame.render_widget(pane_block(title, focused, theme), area);
    let mut rows_area = inner(area);
    if rows_area.width == 0 || rows_area.height == 0 {
        return;
    }
    let width = usize::from(rows_area.width);
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(search) = &lib.search {
        lines.push(search_line(&search.input, width, theme));
        rows_area.height = rows_area.height.saturating_sub(1);
        let height = usize::from(rows_area.height);
        if search.input.is_empty() {
            lines.push(Line::styled(" type to search every entry", theme.dim));
        } else if search.hits.is_empty() {
            lines.push(Line::styled(" no matches", theme.dim));
        } else {
            let offset = keep_visible(search.offset, search.selected, height);
            let shown = visible_rows(frame, area, &search.hits, offset, height, theme);
            for (i, r) in (offset..).zip(shown) {
                let Some(entry) = ctx.knowledge.get(r) else {
                    continue;
                };
                let selected = (i == search.selected).then_some(theme.selected);
                lines.push(entry_line(&entry, true, width, selected, theme));
            }
        }
    } else if lib.entries.is_empty() {
        lines.push(Line::styled(" the model has no entries", theme.dim));
    } else {
        let height = usize::from(rows_area.height);
        let offset = lib.effective_list_offset(height);
        for row in visible_rows(frame, area, &lib.rows, offset, height, theme) {
            match *row {
                LibraryRow::Header(g) => {
                    let title = lib.group_titles.get(g).copied().unwrap_or_default();
                    lines.push(Line::styled(format!(" {title}"), theme.group));
                }
                LibraryRow::Entry(i) => {
                    let Some(entry) = lib.entries.get(i).and_then(|r| ctx.knowledge.get(r)) else {
                        continue;
                    };
                    let selected = (i == lib.selected).then_some(theme.selection(focused));
                    lines.push(entry_line(&entry, false, width, selected, theme));
                }
            }
        }
    }
    paint::lines(frame, inner(area), &lines);
}

fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "entry") => format!("{n} entries"),
        (_, "match") => format!("{n} matches"),
        _ => format!("{n} {noun}s"),
    }
}

/// The first character of the search text to show, so the cursor stays inside `room` columns.
fn first_visible(input: &TextInput, room: usize) -> usize {
    input.cursor().saturating_sub(room.saturating_sub(1))
}

/// Columns the search box's text may use: the inner width minus the ` / ` prompt.
fn search_room(width: usize) -> usize {
    width.saturating_sub(3).max(1)
}

/// The search box: the text from the start, or its tail when the cursor is past the edge.
fn search_line<'a>(input: &TextInput, width: usize, theme: &Theme) -> Line<'a> {
    let skip = first_visible(input, search_room(width));
    let visible: String = input.text().chars().skip(skip).collect();
    Line::from(vec![
        Span::styled(" / ", theme.key),
        Span::styled(visible, theme.base),
    ])
}

pub fn search_cursor(input: &TextInput, list_inner: Rect) -> Option<Position> {
    if list_inner.width < 4 || list_inner.height == 0 {
        return None;
    }
    let skip = first_visible(input, search_room(usize::from(list_inner.width)));
    let before: String = input
        .text()
        .chars()
        .skip(skip)
        .take(input.cursor() - skip)
        .collect();
    let column = u16::try_from(Span::raw(before).width()).unwrap_or(u16::MAX);
    let x = list_inner.x.saturating_add(3).saturating_add(column);
    Some(Position::new(
        x.min(list_inner.right().saturating_sub(1)),
        list_inner.y,
    ))
}

/// Below this many columns for an entry's name, status badges use their short form.
const MIN_NAME_ROOM: usize = 20;

/// One entry in the list: its title, cut to fit, and a status badge for strategies.
fn entry_line<'a>(
    entry: &EntryView<'_>,
    show_kind: bool,
    width: usize,
    selected: Option<Style>,
    theme: &Theme,
) -> Line<'a> {
    let kind = if show_kind {
        format!("{} ", entry.kind().as_str())
    } else {
        String::new()
    };
    let fixed = 2 + kind.chars().count();
    let badge = match entry {
        EntryView::Strategy(s) => Some(status_badge(
            s.status.level,
            width,
            fixed,
            MIN_NAME_ROOM,
            theme,
        )),
        _ => None,
    };
    let lead = vec![Span::raw("  "), Span::styled(kind, theme.dim)];
    badged_row(lead, fixed, &entry.title(), badge, width, selected)
}

fn render_detail(lib: &Library, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let focused = lib.focus == Focus::Detail && lib.search.is_none();
    let shown = lib.shown().and_then(|r| Some((r, ctx.knowledge.get(r)?)));
    let title = shown.map_or(String::new(), |(r, _)| format!(" {r} "));
    frame.render_widget(pane_block(title, focused, theme), area);
    let body = detail_text_area(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let Some((this, entry)) = shown else {
        let message = match &lib.search {
            Some(s) if !s.input.is_empty() => format!("No entries match \"{}\".", s.input.text()),
            _ if lib.entries.is_empty() => {
                "The knowledge model is empty: add a pack with --pack DIR.".to_string()
            }
            _ => String::new(),
        };
        paint::lines(frame, body, &[Line::styled(message, theme.dim)]);
        return;
    };
    let blocks = entry_document(ctx.knowledge, &entry);
    let rendered = document::render(
        &blocks,
        ctx.knowledge,
        Some(this),
        body.width,
        theme,
        lib.link,
    );
    scrolled_lines(frame, area, body, &rendered.lines, lib.scroll, theme);
}
