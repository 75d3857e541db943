//! The Flows tab: every OAuth flow as a sequence diagram, stepped through one arrow at a time,
//! with the current step's details (what happens and why, the HTTP message, pitfalls) and the
//! flow's related entries to jump to.
//!
//! The diagram comes from the layout engine in `crate::diagram`; this module only keeps view
//! state (which flow, which step, scroll offsets, focus) and styles the engine's cells.

mod canvas;
mod geometry;
mod list;
mod live_run;
mod target_form;
mod update;
mod view;

#[cfg(test)]
mod tests;

use super::component::{Ctx, Intent};
use super::document;
use super::live::TargetInput;
use crate::diagram::{self, Charset, Diagram, StepCursor, step_document};
use crate::model::doc::Block;
use crate::model::{EntryKind, EntryRef, Flow, Knowledge};
use crate::tui::layout::{keep_range_visible, keep_visible};
use geometry::{inner, scrolled_rows, step_offset};
use list::FlowListRow;
use ratatui::layout::Rect;
use std::time::Duration;

pub use geometry::Panes;
pub use live_run::{LiveRun, StepState};
use target_form::TargetForm;

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
    rows: Vec<FlowListRow>,
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
    /// The last live run, as its events arrived.
    live: Option<LiveRun>,
    /// The live target form, while it is open.
    target_form: Option<TargetForm>,
    /// What the form held when last closed, to open it with again.
    target_input: TargetInput,
    /// The live target in words, as `App` last described it.
    target_label: String,
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
            if let FlowListRow::Flow(i) = row
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
            live: None,
            target_form: None,
            target_input: TargetInput::default(),
            target_label: "the local org (starts on the first run)".into(),
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
        let mut blocks = match (self.live_on_screen(), self.cursor.current()) {
            (Some(run), Some(i)) => run.blocks(k, i),
            _ => Vec::new(),
        };
        blocks.extend(details(k, flow, self.cursor.current()));
        Some(blocks)
    }

    /// The live run, when it is of the flow on screen.
    pub fn live_on_screen(&self) -> Option<&LiveRun> {
        self.live
            .as_ref()
            .filter(|run| Some(run.flow_id.as_str()) == self.selected_id())
    }

    pub fn live(&self) -> Option<&LiveRun> {
        self.live.as_ref()
    }

    pub fn target_label(&self) -> &str {
        &self.target_label
    }

    /// `App` says where live runs go now.
    pub fn set_target_label(&mut self, label: String) {
        self.target_label = label;
    }

    /// `App` started a run of `flow_id`: show it from its first step.
    pub fn live_started(&mut self, flow_id: &str, ctx: &Ctx<'_>) {
        self.playing = false;
        if let Some(flow) = ctx.knowledge.flow(flow_id) {
            self.live = Some(LiveRun::new(flow, self.target_label.clone()));
        }
        self.seek(0, ctx);
    }

    /// Events of the run in progress; the step cursor follows them while the run's flow is
    /// on screen.
    pub fn live_events(
        &mut self,
        events: Vec<crate::try_flow::live::LiveEvent>,
        ctx: &Ctx<'_>,
    ) -> Intent {
        let Some(run) = self.live.as_mut() else {
            return Intent::None;
        };
        let Some(flow) = ctx.knowledge.flow(&run.flow_id) else {
            return Intent::None;
        };
        let mut follow = None;
        for event in events {
            follow = run.apply(flow, event).or(follow);
        }
        let finished = run.is_finished().then(|| run.headline());
        if let Some(step) = follow
            && self.live_on_screen().is_some()
        {
            self.seek(step, ctx);
        }
        match finished {
            Some(line) => Intent::Status(format!("live run {line}")),
            None => Intent::None,
        }
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
        let top = if row > 0 && matches!(self.rows.get(row - 1), Some(FlowListRow::Header(_))) {
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
        let Some(spot) = self.link.and_then(|i| rendered.spots.get(i)) else {
            return;
        };
        let (_, height) = self.detail_size(ctx.body);
        let max = rendered.lines.len().saturating_sub(height);
        self.detail_scroll =
            keep_visible(self.detail_scroll.min(max), spot.line(), height).min(max);
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
