//! The Flows tab as a component: actions in, view state changes and intents out.

use super::geometry::{self, inner};
use super::list::FlowListRow;
use super::target_form::{self, TargetForm};
use super::{Flows, Focus, PAN_COLUMNS, PLAY_INTERVAL, WHEEL_LINES, pinned_row};
use crate::diagram::{self, StepCursor, curl_for};
use crate::model::{EntryKind, EntryRef, Knowledge};
use crate::tui::action::Action;
use crate::tui::component::{Component, Ctx, Intent};
use crate::tui::keymap::KeyContext;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use std::time::Duration;

impl Flows {
    fn toggle_play(&mut self, ctx: &Ctx<'_>) -> Intent {
        if self.playing {
            return self.stop_playing();
        }
        // The live run moves the step cursor itself; playing would fight it.
        if self.live.as_ref().is_some_and(|run| !run.is_finished()) {
            return Intent::Status("a live run is going: play when it has ended".into());
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

    /// `r`: the selected flow run live, when a live run can do it.
    fn run_live(&self) -> Intent {
        let Some(id) = self.selected_id() else {
            return Intent::Status("no flow is selected".into());
        };
        if crate::try_flow::live::runnable(id).is_some() {
            return Intent::RunLive {
                flow: id.to_string(),
            };
        }
        let names: Vec<&str> = crate::try_flow::live::RUNNABLE
            .iter()
            .map(|k| k.model_id())
            .collect();
        Intent::Status(format!(
            "{id} cannot run live; these can: {}",
            names.join(", ")
        ))
    }

    fn update_target_form(&mut self, action: Action) -> Intent {
        let Some(form) = self.target_form.as_mut() else {
            return Intent::None;
        };
        match action {
            Action::NextField => form.move_focus(true),
            Action::PrevField => form.move_focus(false),
            Action::Paste => return Intent::PasteFromClipboard,
            Action::Cancel => {
                self.target_input = form.input();
                self.target_form = None;
                return Intent::SetTarget(self.target_input.clone());
            }
            _ => {}
        }
        Intent::None
    }

    /// Actions that mean the same in both foci.
    fn update_common(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::RunLive => return self.run_live(),
            Action::EditTarget => {
                self.target_form = Some(TargetForm::new(&self.target_input));
                return Intent::None;
            }
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
                if let Some(FlowListRow::Flow(i)) =
                    self.rows.get(offset + usize::from(at.y - rows.y))
                {
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
            let column = usize::from(at.x - area.x);
            let hit = self
                .rendered(ctx, ctx.body)
                .and_then(|r| r.hit(line, column).cloned());
            if let Some(target) = hit {
                return Intent::JumpTo(target);
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
}

impl Component for Flows {
    fn key_context(&self) -> KeyContext {
        if self.target_form.is_some() {
            return KeyContext::FlowsTarget;
        }
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
        if self.target_form.is_some() {
            return self.update_target_form(action);
        }
        match self.focus {
            Focus::Steps => self.update_steps(action, ctx),
            Focus::Related => self.update_related(action, ctx),
        }
    }

    fn restore(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
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
    fn show(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
        if !self.restore(target, ctx) {
            return false;
        }
        let steps = self.flow(ctx.knowledge).map_or(0, |f| f.steps.len());
        self.cursor = StepCursor::new(steps);
        self.pan = 0;
        self.diagram_scroll = 0;
        self.follow_step(ctx);
        true
    }

    fn text_focused(&self) -> bool {
        self.target_form.is_some()
    }

    fn edit_text(&mut self, key: &KeyEvent, _ctx: &Ctx<'_>) -> Intent {
        match self.target_form.as_mut() {
            Some(form) => form.edit(key),
            None => Intent::None,
        }
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx<'_>) -> Intent {
        match self.target_form.as_mut() {
            Some(form) => form.paste(text),
            None => Intent::Status(
                "nothing here takes pasted text: press T to set a live target".into(),
            ),
        }
    }

    fn cursor(&self, area: Rect, _ctx: &Ctx<'_>) -> Option<Position> {
        let form = self.target_form.as_ref()?;
        let text = geometry::detail_text_area(geometry::form_area(&self.panes(area)));
        let row = u16::try_from(form.focus()).ok()?;
        let column = u16::try_from(form.cursor_column())
            .unwrap_or(u16::MAX)
            .min(text.width.saturating_sub(target_form::LABEL_WIDTH + 1));
        (row < text.height)
            .then(|| Position::new(text.x + target_form::LABEL_WIDTH + column, text.y + row))
    }

    fn location(&self) -> Option<EntryRef> {
        self.flow_ref()
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::view::render(self, frame, area, ctx);
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
