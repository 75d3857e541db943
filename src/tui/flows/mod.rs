//! The Flows tab: every OAuth flow as a sequence diagram, stepped through one arrow at a time,
//! with the current step's details (what happens and why, the HTTP message, pitfalls) and the
//! flow's related entries to jump to.
//!
//! The diagram comes from the layout engine in `crate::diagram`; this module only keeps view
//! state (which flow, which step, scroll offsets, focus) and styles the engine's cells.

mod canvas;
mod geometry;
mod list;
mod view;

#[cfg(test)]
mod tests;

use super::action::Action;
use super::component::{Component, Ctx, Intent};
use super::document;
use super::keymap::KeyContext;
use crate::diagram::{self, Charset, Diagram, StepCursor, curl_for, step_document};
use crate::model::doc::Block;
use crate::model::{EntryKind, EntryRef, Flow, Knowledge};
use crate::tui::layout::{keep_range_visible, keep_visible};
use geometry::{inner, scrolled_rows, step_offset};
use list::Row;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use std::time::Duration;

pub use geometry::Panes;

/// How long each step stays on screen while playing.
pub const PLAY_INTERVAL: Duration = Duration::from_millis(1500);
/// Columns `H`/`L` move the diagram by.
const PAN_COLUMNS: usize = 8;
/// Lines the wheel scrolls the details by.
const WHEEL_LINES: usize = 3;
/// The characters diagrams are drawn with. `NO_COLOR` removes colour, not box drawing.
const CHARSET: Charset = Charset::Unicode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Stepping through the selected flow.
    Steps,
    /// Choosing one of the flow's related entries in the details pane.
    Related,
}

/// The Flows tab's view state. Flows are held by id and looked up in the model when needed.
#[derive(Debug, Clone)]
pub struct Flows {
    rows: Vec<Row>,
    ids: Vec<String>,
    /// For each flow, its row in `rows`.
    row_of: Vec<usize>,
    selected: usize,
    list_offset: usize,
    cursor: StepCursor,
    focus: Focus,
    /// The selected link of the details, an index into [`document::links`] of its blocks.
    link: Option<usize>,
    diagram_scroll: usize,
    /// How far the diagram is scrolled right, in columns.
    pan: usize,
    detail_scroll: usize,
    playing: bool,
    /// Whether the flow list is shown: by the width until the user says otherwise.
    list: ListMode,
}

/// The flow list's visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMode {
    /// Shown from [`geometry::LIST_SHOWN_FROM`] columns, hidden below.
    Auto,
    Shown,
    Hidden,
}

/// The entries a flow points at, for the details pane to offer: its strategy first, then its
/// `related` list, then the cards that ask about it. Each once; the flow itself never.
pub fn related(k: &Knowledge, flow: &Flow) -> Vec<EntryRef> {
    let this = EntryRef::new(EntryKind::Flow, &flow.id);
    let mut out: Vec<EntryRef> = Vec::new();
    let strategy = EntryRef::new(EntryKind::Strategy, &flow.strategy);
    let listed = flow.related.iter().cloned();
    let cards = k
        .referrers(&this)
        .into_iter()
        .filter(|e| e.kind() == EntryKind::Card)
        .map(|e| e.entry_ref());
    for r in std::iter::once(strategy).chain(listed).chain(cards) {
        if r != this && k.contains(&r) && !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// What the details pane shows for step `step` of `flow`: the step's document from the
/// diagram module, the flow's related entries as links, and the flow's summary.
pub fn details(k: &Knowledge, flow: &Flow, step: Option<usize>) -> Vec<Block> {
    let mut blocks = step
        .and_then(|i| step_document(flow, i))
        .unwrap_or_else(|| {
            vec![
                Block::Title(flow.name.clone()),
                Block::Paragraph("This flow has no steps.".into()),
            ]
        });
    let links: Vec<(EntryRef, String)> = related(k, flow)
        .into_iter()
        .map(|r| {
            let title = match k.get(&r) {
                Some(crate::model::EntryView::Strategy(s)) => {
                    format!("{} ({})", s.name, s.status.level.as_str())
                }
                Some(e) => e.title(),
                None => String::new(),
            };
            (r, title)
        })
        .collect();
    if !links.is_empty() {
        blocks.push(Block::Heading("Related".into()));
        blocks.push(Block::Links(links));
    }
    if !flow.summary.trim().is_empty() {
        blocks.push(Block::Heading(format!("About {}", flow.name)));
        blocks.push(Block::Paragraph(flow.summary.clone()));
    }
    blocks
}

impl Flows {
    pub fn new(k: &Knowledge) -> Self {
        let (rows, ids) = list::build(k);
        let mut row_of = vec![0; ids.len()];
        for (r, row) in rows.iter().enumerate() {
            if let Row::Flow(i) = row
                && let Some(slot) = row_of.get_mut(*i)
            {
                *slot = r;
            }
        }
        let steps = ids
            .first()
            .and_then(|id| k.flow(id))
            .map_or(0, |f| f.steps.len());
        Flows {
            rows,
            ids,
            row_of,
            selected: 0,
            list_offset: 0,
            cursor: StepCursor::new(steps),
            focus: Focus::Steps,
            link: None,
            diagram_scroll: 0,
            pan: 0,
            detail_scroll: 0,
            playing: false,
            list: ListMode::Auto,
        }
    }

    /// Whether the flow list is on screen in a body this wide.
    pub fn list_shown(&self, width: u16) -> bool {
        match self.list {
            ListMode::Auto => width >= geometry::LIST_SHOWN_FROM,
            ListMode::Shown => true,
            ListMode::Hidden => false,
        }
    }

    /// The tab's panes in `body`, with the list or without it.
    pub fn panes(&self, body: Rect) -> Panes {
        geometry::panes(body, self.list_shown(body.width))
    }

    /// Shows the hidden list or hides the shown one; the diagram is laid out again for its
    /// new width.
    fn toggle_list(&mut self, ctx: &Ctx<'_>) -> Intent {
        let shown = self.list_shown(ctx.body.width);
        self.list = if shown {
            ListMode::Hidden
        } else {
            ListMode::Shown
        };
        self.pan = 0;
        self.follow_step(ctx);
        Intent::Status(
            if shown {
                "flow list hidden"
            } else {
                "flow list shown"
            }
            .into(),
        )
    }

    /// The flow ids in list order (inbound, then outbound).
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.ids.get(self.selected).map(String::as_str)
    }

    /// The current step (0-based), when the selected flow has steps.
    pub fn step(&self) -> Option<usize> {
        self.cursor.current()
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    pub fn pan(&self) -> usize {
        self.pan
    }

    pub fn diagram_scroll(&self) -> usize {
        self.diagram_scroll
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    pub fn selected_link(&self) -> Option<usize> {
        self.link
    }

    fn flow<'k>(&self, k: &'k Knowledge) -> Option<&'k Flow> {
        k.flow(self.selected_id()?)
    }

    fn flow_ref(&self) -> Option<EntryRef> {
        Some(EntryRef::new(EntryKind::Flow, self.selected_id()?))
    }

    /// The selected flow laid out for the diagram pane of this body.
    fn diagram(&self, ctx: &Ctx<'_>, body: Rect) -> Option<Diagram> {
        let flow = self.flow(ctx.knowledge)?;
        let width = inner(self.panes(body).diagram).width;
        Some(diagram::layout(flow, usize::from(width), CHARSET))
    }

    fn blocks(&self, k: &Knowledge) -> Option<Vec<Block>> {
        let flow = self.flow(k)?;
        Some(details(k, flow, self.cursor.current()))
    }

    fn detail_size(&self, body: Rect) -> (u16, usize) {
        let area = geometry::detail_text_area(self.panes(body).detail);
        (area.width, usize::from(area.height))
    }

    /// The details laid out at the details pane's width.
    fn rendered(&self, ctx: &Ctx<'_>, body: Rect) -> Option<document::Rendered> {
        let blocks = self.blocks(ctx.knowledge)?;
        let (width, _) = self.detail_size(body);
        Some(document::render(
            &blocks,
            ctx.knowledge,
            self.flow_ref().as_ref(),
            width,
            ctx.theme,
            self.link,
        ))
    }

    fn links(&self, k: &Knowledge) -> Vec<EntryRef> {
        self.blocks(k).map_or_else(Vec::new, |blocks| {
            document::links(&blocks, k, self.flow_ref().as_ref())
        })
    }

    fn list_height(&self, body: Rect) -> usize {
        usize::from(inner(self.panes(body).list).height)
    }

    fn select_flow(&mut self, index: usize, ctx: &Ctx<'_>) {
        let Some(last) = self.ids.len().checked_sub(1) else {
            return;
        };
        let index = index.min(last);
        if index != self.selected {
            self.selected = index;
            let steps = self.flow(ctx.knowledge).map_or(0, |f| f.steps.len());
            self.cursor = StepCursor::new(steps);
            self.pan = 0;
            self.diagram_scroll = 0;
            self.detail_scroll = 0;
            self.link = None;
            self.focus = Focus::Steps;
            self.follow_step(ctx);
        }
        let row = self.row_of.get(index).copied().unwrap_or(0);
        // Show the group title too when the first flow of a group is selected.
        let top = if row > 0 && matches!(self.rows.get(row - 1), Some(Row::Header(_))) {
            row - 1
        } else {
            row
        };
        let height = self.list_height(ctx.body);
        self.list_offset = keep_visible(self.list_offset, top, height);
        self.list_offset = keep_visible(self.list_offset, row, height);
    }

    fn move_flow(&mut self, delta: isize, ctx: &Ctx<'_>) {
        self.select_flow(self.selected.saturating_add_signed(delta), ctx);
    }

    /// Brings the current step into view after it changed: the diagram scrolls to it, and the
    /// details start at the top (or at the selected related item).
    fn follow_step(&mut self, ctx: &Ctx<'_>) {
        self.detail_scroll = 0;
        if self.focus == Focus::Related {
            self.scroll_to_link(ctx);
        }
        let (Some(d), Some(i)) = (self.diagram(ctx, ctx.body), self.cursor.current()) else {
            return;
        };
        let Some(place) = d.steps.get(i) else {
            return;
        };
        let view = inner(self.panes(ctx.body).diagram);
        let rows = scrolled_rows(view.height);
        self.diagram_scroll =
            step_offset(self.diagram_scroll, &place.rows, &place.arrow_rows, rows)
                .min(max_diagram_scroll(&d, view.height));
        let width = usize::from(view.width);
        self.pan =
            keep_range_visible(self.pan, &place.cols, width).min(d.width.saturating_sub(width));
    }

    fn step_by(&mut self, forward: bool, ctx: &Ctx<'_>) -> Intent {
        if self.cursor.is_empty() {
            return Intent::Status("this flow has no steps".into());
        }
        let moved = if forward {
            self.cursor.forward()
        } else {
            self.cursor.back()
        };
        if !moved {
            return Intent::Status(
                if forward {
                    "this is the last step"
                } else {
                    "this is the first step"
                }
                .into(),
            );
        }
        self.follow_step(ctx);
        Intent::None
    }

    fn seek(&mut self, step: usize, ctx: &Ctx<'_>) {
        if self.cursor.current() != Some(step.min(self.cursor.len().saturating_sub(1))) {
            self.cursor.seek(step);
            self.follow_step(ctx);
        }
    }

    fn toggle_play(&mut self, ctx: &Ctx<'_>) -> Intent {
        if self.playing {
            return self.stop_playing();
        }
        if self.cursor.is_empty() {
            return Intent::Status("this flow has no steps to play".into());
        }
        if self.cursor.is_last() {
            self.cursor.seek(0);
            self.follow_step(ctx);
        }
        self.playing = true;
        Intent::Status(format!(
            "playing: a step every {:.1} s; any key stops",
            PLAY_INTERVAL.as_secs_f32()
        ))
    }

    fn stop_playing(&mut self) -> Intent {
        self.playing = false;
        match self.cursor.current() {
            Some(i) => Intent::Status(format!(
                "stopped at step {} of {}",
                i + 1,
                self.cursor.len()
            )),
            None => Intent::None,
        }
    }

    fn pan_by(&mut self, right: bool, ctx: &Ctx<'_>) -> Intent {
        let Some(d) = self.diagram(ctx, ctx.body) else {
            return Intent::None;
        };
        let width = usize::from(inner(self.panes(ctx.body).diagram).width);
        let max = d.width.saturating_sub(width);
        if max == 0 {
            self.pan = 0;
            return Intent::Status("the whole diagram fits; nothing to scroll".into());
        }
        let pan = self.pan.min(max);
        self.pan = if right {
            (pan + PAN_COLUMNS).min(max)
        } else {
            pan.saturating_sub(PAN_COLUMNS)
        };
        Intent::None
    }

    fn max_detail_scroll(&self, ctx: &Ctx<'_>) -> usize {
        let (_, height) = self.detail_size(ctx.body);
        self.rendered(ctx, ctx.body)
            .map_or(0, |r| r.lines.len().saturating_sub(height))
    }

    fn scroll_details(&mut self, delta: isize, ctx: &Ctx<'_>) {
        let max = self.max_detail_scroll(ctx);
        self.detail_scroll = self
            .detail_scroll
            .min(max)
            .saturating_add_signed(delta)
            .min(max);
    }

    fn detail_page(&self, ctx: &Ctx<'_>) -> isize {
        let (_, height) = self.detail_size(ctx.body);
        isize::try_from(height.saturating_sub(1).max(1)).unwrap_or(1)
    }

    fn scroll_to_link(&mut self, ctx: &Ctx<'_>) {
        let Some(rendered) = self.rendered(ctx, ctx.body) else {
            return;
        };
        let Some(spot) = self.link.and_then(|i| rendered.links.get(i)) else {
            return;
        };
        let (_, height) = self.detail_size(ctx.body);
        let max = rendered.lines.len().saturating_sub(height);
        self.detail_scroll = keep_visible(self.detail_scroll.min(max), spot.line, height).min(max);
    }

    fn focus_related(&mut self, ctx: &Ctx<'_>) -> Intent {
        if self.links(ctx.knowledge).is_empty() {
            return Intent::Status("this flow has no related entries".into());
        }
        self.focus = Focus::Related;
        self.link = Some(0);
        self.scroll_to_link(ctx);
        Intent::None
    }

    fn step_link(&mut self, forward: bool, ctx: &Ctx<'_>) {
        let count = self.links(ctx.knowledge).len();
        if count == 0 {
            return;
        }
        self.link = Some(match (self.link.map(|i| i.min(count - 1)), forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        });
        self.scroll_to_link(ctx);
    }

    fn selected_link_target(&self, k: &Knowledge) -> Option<EntryRef> {
        self.links(k).into_iter().nth(self.link?)
    }

    /// `y`: the current step's request as a curl command, when it is a request curl can send.
    fn copy_curl(&self, k: &Knowledge) -> Intent {
        let (Some(flow), Some(i)) = (self.flow(k), self.cursor.current()) else {
            return Intent::Status("nothing to copy: no step is selected".into());
        };
        let Some(step) = flow.steps.get(i) else {
            return Intent::Status("nothing to copy: no step is selected".into());
        };
        match curl_for(step) {
            Some(text) => Intent::Copy {
                text,
                label: format!("step {} as curl", i + 1),
            },
            None if step.kind == crate::model::StepKind::Request => Intent::Status(format!(
                "nothing to copy: step {} has no HTTP request curl can send",
                i + 1
            )),
            None => Intent::Status(format!(
                "nothing to copy: step {} is a {}, not a request",
                i + 1,
                diagram::kind_name(step.kind)
            )),
        }
    }

    fn copy_id(&self, k: &Knowledge) -> Intent {
        let target = match self.focus {
            Focus::Related => self.selected_link_target(k),
            Focus::Steps => None,
        }
        .or_else(|| self.flow_ref());
        match target {
            Some(r) => Intent::Copy {
                text: r.to_string(),
                label: r.to_string(),
            },
            None => Intent::Status("nothing to copy".into()),
        }
    }

    fn update_steps(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::Down => self.move_flow(1, ctx),
            Action::Up => self.move_flow(-1, ctx),
            Action::Top => self.seek(0, ctx),
            Action::Bottom => self.seek(usize::MAX, ctx),
            Action::FocusDetail | Action::Open => return self.focus_related(ctx),
            Action::Back => return Intent::Back,
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    fn update_related(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::NextLink | Action::Down => self.step_link(true, ctx),
            Action::PrevLink | Action::Up => self.step_link(false, ctx),
            Action::Open => {
                return match self.selected_link_target(ctx.knowledge) {
                    Some(target) => Intent::JumpTo(target),
                    None => Intent::Status("no related entry is selected".into()),
                };
            }
            Action::Cancel | Action::FocusList => {
                self.focus = Focus::Steps;
                self.link = None;
            }
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    /// Actions that mean the same in both foci.
    fn update_common(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::ToggleList => return self.toggle_list(ctx),
            Action::NextStep => return self.step_by(true, ctx),
            Action::PrevStep => return self.step_by(false, ctx),
            Action::TogglePlay => return self.toggle_play(ctx),
            Action::ScrollLeft => return self.pan_by(false, ctx),
            Action::ScrollRight => return self.pan_by(true, ctx),
            Action::PageDown => self.scroll_details(self.detail_page(ctx), ctx),
            Action::PageUp => self.scroll_details(-self.detail_page(ctx), ctx),
            Action::Copy => return self.copy_curl(ctx.knowledge),
            Action::CopyId => return self.copy_id(ctx.knowledge),
            Action::Wheel { up, column, row } => {
                return self.wheel(up, Position::new(column, row), ctx);
            }
            Action::Click { column, row } => return self.click(Position::new(column, row), ctx),
            _ => {}
        }
        Intent::None
    }

    fn wheel(&mut self, up: bool, at: Position, ctx: &Ctx<'_>) -> Intent {
        let p = self.panes(ctx.body);
        let step: isize = if up { -1 } else { 1 };
        if p.list.contains(at) {
            self.move_flow(step, ctx);
        } else if p.diagram.contains(at) {
            // The wheel walks the steps; stopping quietly at either end.
            let _ = self.step_by(!up, ctx);
        } else if p.detail.contains(at) {
            self.scroll_details(step * WHEEL_LINES.cast_signed(), ctx);
        }
        Intent::None
    }

    fn click(&mut self, at: Position, ctx: &Ctx<'_>) -> Intent {
        let p = self.panes(ctx.body);
        if p.list.contains(at) {
            let rows = inner(p.list);
            if rows.contains(at) {
                let offset = self.effective_list_offset(usize::from(rows.height));
                if let Some(Row::Flow(i)) = self.rows.get(offset + usize::from(at.y - rows.y)) {
                    self.select_flow(*i, ctx);
                }
            }
        } else if p.diagram.contains(at) {
            let view = inner(p.diagram);
            if let Some(row) = view
                .contains(at)
                .then(|| self.diagram_row_at(at.y - view.y, ctx))
                && let Some(step) = row.and_then(|r| self.step_at_row(r, ctx))
            {
                self.seek(step, ctx);
            }
        } else if p.detail.contains(at) {
            let area = geometry::detail_text_area(p.detail);
            if !area.contains(at) {
                return Intent::None;
            }
            let line =
                self.detail_scroll.min(self.max_detail_scroll(ctx)) + usize::from(at.y - area.y);
            let hit = self
                .rendered(ctx, ctx.body)
                .and_then(|r| r.links.into_iter().find(|l| l.line == line));
            if let Some(spot) = hit {
                return Intent::JumpTo(spot.target);
            }
        }
        Intent::None
    }

    /// The diagram row drawn on row `y` of the diagram view (none for the pinned names).
    fn diagram_row_at(&self, y: u16, ctx: &Ctx<'_>) -> Option<usize> {
        let d = self.diagram(ctx, ctx.body)?;
        let view = inner(self.panes(ctx.body).diagram);
        let offset = self.effective_diagram_scroll(&d, view.height);
        let pinned = pinned_row(&d, offset, view.height).is_some();
        match (pinned, y) {
            (true, 0) => None,
            (true, y) => Some(offset + usize::from(y) - 1),
            (false, y) => Some(offset + usize::from(y)),
        }
    }

    fn step_at_row(&self, row: usize, ctx: &Ctx<'_>) -> Option<usize> {
        let d = self.diagram(ctx, ctx.body)?;
        d.steps.iter().position(|p| p.rows.contains(&row))
    }

    /// The list offset to draw with: the stored one, corrected so the selection is visible at
    /// this height (the screen may have been resized since it was stored).
    fn effective_list_offset(&self, height: usize) -> usize {
        let row = self.row_of.get(self.selected).copied().unwrap_or(0);
        keep_visible(self.list_offset, row, height)
    }

    /// The diagram offset to draw with: the stored one, kept on the current step and inside
    /// the diagram at this view height.
    fn effective_diagram_scroll(&self, d: &Diagram, view_height: u16) -> usize {
        let rows = scrolled_rows(view_height);
        let offset = match self.cursor.current().and_then(|i| d.steps.get(i)) {
            Some(place) => step_offset(self.diagram_scroll, &place.rows, &place.arrow_rows, rows),
            None => self.diagram_scroll,
        };
        offset.min(max_diagram_scroll(d, view_height))
    }
}

/// Rows the diagram view scrolls over: the diagram, a blank row, then the legend.
fn content_rows(d: &Diagram) -> usize {
    d.lines.len() + 1 + legend(d).len()
}

fn legend(d: &Diagram) -> Vec<String> {
    diagram::legend_lines(d.charset, d.requested_width.max(1))
}

fn max_diagram_scroll(d: &Diagram, view_height: u16) -> usize {
    content_rows(d).saturating_sub(scrolled_rows(view_height))
}

/// The participants' names, pinned on the view's first row once they have scrolled away: the
/// first row of name text inside the boxes.
fn pinned_row(d: &Diagram, offset: usize, view_height: u16) -> Option<usize> {
    const NAME_ROW: usize = 1;
    let has_names = d.lines.get(NAME_ROW).is_some_and(|cells| {
        cells
            .iter()
            .any(|c| c.role == crate::diagram::Role::ParticipantLabel)
    });
    (geometry::pins_names(view_height) && offset > NAME_ROW && has_names).then_some(NAME_ROW)
}

impl Component for Flows {
    fn key_context(&self) -> KeyContext {
        match self.focus {
            Focus::Steps => KeyContext::FlowsSteps,
            Focus::Related => KeyContext::FlowsRelated,
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        // Anything the user does while the flow plays stops it, and does only that.
        if self.playing {
            return self.stop_playing();
        }
        match self.focus {
            Focus::Steps => self.update_steps(action, ctx),
            Focus::Related => self.update_related(action, ctx),
        }
    }

    fn open(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
        if target.kind != EntryKind::Flow {
            return false;
        }
        let Some(index) = self.ids.iter().position(|id| *id == target.id) else {
            return false;
        };
        self.playing = false;
        self.focus = Focus::Steps;
        self.link = None;
        // Re-opening the flow on screen (coming back to it) keeps its step.
        self.select_flow(index, ctx);
        true
    }

    /// A link opens the flow at step 1, with the diagram and details at their top, even when
    /// that flow was already on screen at another step.
    fn open_at_start(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
        if !self.open(target, ctx) {
            return false;
        }
        let steps = self.flow(ctx.knowledge).map_or(0, |f| f.steps.len());
        self.cursor = StepCursor::new(steps);
        self.pan = 0;
        self.diagram_scroll = 0;
        self.follow_step(ctx);
        true
    }

    fn location(&self) -> Option<EntryRef> {
        self.flow_ref()
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        view::render(self, frame, area, ctx);
    }

    fn next_timer(&self) -> Option<Duration> {
        self.playing.then_some(PLAY_INTERVAL)
    }

    fn on_timer(&mut self, ctx: &Ctx<'_>) -> Intent {
        if !self.playing {
            return Intent::None;
        }
        self.cursor.forward();
        self.follow_step(ctx);
        if self.cursor.is_last() {
            self.playing = false;
            return Intent::Status(format!("played all {} steps", self.cursor.len()));
        }
        Intent::None
    }

    fn stop_timer(&mut self, _ctx: &Ctx<'_>) -> Intent {
        if self.playing {
            self.stop_playing()
        } else {
            Intent::None
        }
    }
}
