//! Drawing the Flows tab. Read-only: everything here is a function of the state, the model and
//! the area.

use super::canvas::window;
use super::geometry::{self, detail_text_area, inner, scrolled_rows};
use super::list::{FlowListRow, flow_line, header_title, status_of};
use super::{CHARSET, Flows, Focus, content_rows, legend, max_diagram_scroll, pinned_row};
use crate::diagram::{self, Diagram};
use crate::model::Flow;
use crate::tui::component::Ctx;
use crate::tui::paint;
use crate::tui::theme::Theme;
use crate::tui::widgets::{
    pane_block, pane_border, pane_scrollbar, scrolled_lines, truncate, visible_rows,
};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Scrollbar, ScrollbarOrientation, ScrollbarState};

pub fn render(flows: &Flows, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let p = flows.panes(area);
    render_list(flows, frame, p.list, ctx);
    if let Some(form) = &flows.target_form {
        let area = geometry::form_area(&p);
        let title = format!(" Live target (now {}) ", flows.target_label);
        let title = truncate(&title, usize::from(area.width.saturating_sub(2)));
        frame.render_widget(pane_block(title, true, ctx.theme), area);
        let text = detail_text_area(area);
        paint::lines(frame, text, &form.lines(usize::from(text.width), ctx.theme));
        return;
    }
    render_diagram(flows, frame, p.diagram, ctx);
    render_detail(flows, frame, p.detail, area, ctx);
}

fn render_list(flows: &Flows, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let focused = flows.focus == Focus::Steps;
    let title = format!(" Flows: {} ", flows.ids.len());
    frame.render_widget(pane_block(title, focused, theme), area);
    let rows_area = inner(area);
    if rows_area.width == 0 || rows_area.height == 0 {
        return;
    }
    if flows.ids.is_empty() {
        let message = Line::styled(" the model has no flows", theme.dim);
        paint::lines(frame, rows_area, &[message]);
        return;
    }
    let width = usize::from(rows_area.width);
    let height = usize::from(rows_area.height);
    let offset = flows.effective_list_offset(height);
    let mut lines = Vec::with_capacity(height);
    for row in visible_rows(frame, area, &flows.rows, offset, height, theme) {
        match *row {
            FlowListRow::Header(direction) => {
                lines.push(Line::styled(
                    format!(" {}", header_title(direction)),
                    theme.group,
                ));
            }
            FlowListRow::Flow(i) => {
                let Some(flow) = flows.ids.get(i).and_then(|id| ctx.knowledge.flow(id)) else {
                    continue;
                };
                let selected = (i == flows.selected).then_some(theme.selection(focused));
                let level = status_of(ctx.knowledge, flow);
                lines.push(flow_line(&flow.name, level, width, selected, theme));
            }
        }
    }
    paint::lines(frame, rows_area, &lines);
}

/// The diagram pane's top border: the flow's name on the left, where we are on the right. The
/// right part drops details until it fits; the name is cut to what is left, or left out.
fn diagram_block<'a>(
    flows: &Flows,
    flow: &Flow,
    d: &Diagram,
    view: Rect,
    pan: usize,
    theme: &Theme,
) -> Block<'a> {
    let style = pane_border(flows.focus == Focus::Steps, theme);
    let playing = match flows.live_on_screen() {
        Some(run) if !run.is_finished() => "● live · ".to_string(),
        Some(run) => format!(
            "live {} · ",
            run.headline().split(':').next().unwrap_or_default()
        ),
        None if flows.playing => "▶ playing · ".to_string(),
        None => String::new(),
    };
    let step = match flows.cursor.current() {
        Some(i) => format!("step {}/{}", i + 1, flows.cursor.len()),
        None => "no steps".to_string(),
    };
    let last = (pan + usize::from(view.width)).min(d.width);
    let mut candidates = Vec::new();
    if d.needs_scroll() {
        candidates.push(format!(
            " {playing}{step} · cols {}-{last} of {} H/L ",
            pan + 1,
            d.width
        ));
        candidates.push(format!(
            " {playing}{step} · cols {}-{last}/{} ",
            pan + 1,
            d.width
        ));
    }
    candidates.push(format!(" {playing}{step} "));
    candidates.push(format!(" {step} "));
    let room = usize::from(view.width);
    let right = candidates
        .into_iter()
        .find(|c| c.chars().count() <= room)
        .unwrap_or_default();
    let name_room = room.saturating_sub(right.chars().count() + 3);
    let mut block = Block::bordered()
        .border_style(style)
        .title_top(Line::styled(right, style).right_aligned());
    if name_room >= 8 {
        block = block.title(Span::styled(
            format!(" {} ", truncate(&flow.name, name_room)),
            theme.title,
        ));
    }
    block
}

fn render_diagram(flows: &Flows, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let Some(flow) = flows.flow(ctx.knowledge) else {
        frame.render_widget(pane_block(" Diagram ".into(), false, theme), area);
        return;
    };
    let view = inner(area);
    let d = diagram::layout(flow, usize::from(view.width), CHARSET);
    let max_pan = d.width.saturating_sub(usize::from(view.width));
    let pan = flows.pan.min(max_pan);
    frame.render_widget(diagram_block(flows, flow, &d, view, pan, theme), area);
    if view.width == 0 || view.height == 0 {
        return;
    }
    let offset = flows.effective_diagram_scroll(&d, view.height);
    let current = flows.cursor.current();
    let width = usize::from(view.width);
    let legend = legend(&d);
    let mut lines = Vec::with_capacity(usize::from(view.height));
    let pinned = pinned_row(&d, offset, view.height);
    if let Some(row) = pinned.and_then(|r| d.lines.get(r)) {
        lines.push(window(row, pan, width, theme, current));
    }
    let room = usize::from(view.height) - lines.len();
    for r in (offset..content_rows(&d)).take(room) {
        let line = match d.lines.get(r) {
            Some(cells) => window(cells, pan, width, theme, current),
            None => r
                .checked_sub(d.lines.len() + 1)
                .and_then(|i| legend.get(i))
                .map_or_else(Line::default, |text| Line::styled(text.clone(), theme.dim)),
        };
        lines.push(line);
    }
    paint::lines(frame, view, &lines);

    let max_scroll = max_diagram_scroll(&d, view.height);
    if content_rows(&d) > scrolled_rows(view.height) {
        pane_scrollbar(frame, area, max_scroll, offset, theme);
    }
    if max_pan > 0 {
        let mut state = ScrollbarState::new(max_pan + 1)
            .position(pan)
            .viewport_content_length(width);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::HorizontalBottom)
                .begin_symbol(Some("◀"))
                .end_symbol(Some("▶"))
                .track_symbol(Some("─"))
                .thumb_symbol("━")
                .begin_style(theme.border_focused)
                .end_style(theme.border_focused)
                .track_style(theme.border)
                .thumb_style(theme.border_focused),
            area.inner(Margin::new(1, 0)),
            &mut state,
        );
    }
}

fn render_detail(flows: &Flows, frame: &mut Frame<'_>, area: Rect, body: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let focused = flows.focus == Focus::Related;
    let title = if focused {
        " Details: choose a related entry "
    } else {
        " Details "
    };
    frame.render_widget(pane_block(title.into(), focused, theme), area);
    let text = detail_text_area(area);
    if text.width == 0 || text.height == 0 {
        return;
    }
    let Some(rendered) = flows.rendered(ctx, body) else {
        let message = if flows.ids.is_empty() {
            "Add flows to the model with a team pack (--pack DIR)."
        } else {
            ""
        };
        paint::lines(frame, text, &[Line::styled(message, theme.dim)]);
        return;
    };
    scrolled_lines(
        frame,
        area,
        text,
        &rendered.lines,
        flows.detail_scroll,
        theme,
    );
}
