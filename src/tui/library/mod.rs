//! The Library tab: every entry of the model, grouped in a list on the left and rendered as a
//! document on the right, with incremental search and links to follow.

mod groups;
mod view;

#[cfg(test)]
mod tests;

use super::action::Action;
use super::component::{Component, Ctx, Intent};
use super::document;
use super::keymap::KeyContext;
use super::text_input::{Edit, TextInput};
use crate::explain;
use crate::model::doc::{document as entry_document, to_text};
use crate::model::{EntryKind, EntryRef, Knowledge};
use crate::tui::layout::{inner, keep_visible, split_columns, text_area as detail_text_area};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};

pub use groups::{Group, groups};

/// Search text longer than this is cut: nothing in the model needs more.
const MAX_QUERY_CHARS: usize = 200;
/// Lines the wheel scrolls the text by.
const WHEEL_LINES: usize = 3;
/// Width used for the plain text `y` copies.
const COPY_WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A row of the grouped list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LibraryRow {
    Header(usize),
    /// An index into `Library::entries`.
    Entry(usize),
}

#[derive(Debug, Clone)]
struct Search {
    input: TextInput,
    hits: Vec<EntryRef>,
    selected: usize,
    offset: usize,
}

/// The Library's view state: which entry is selected, where the panes are scrolled, and the
/// search in progress. Entries are held as references into the model, never copies.
#[derive(Debug, Clone)]
pub struct Library {
    group_titles: Vec<&'static str>,
    entries: Vec<EntryRef>,
    rows: Vec<LibraryRow>,
    /// For each entry, its row in `rows`.
    row_of: Vec<usize>,
    selected: usize,
    list_offset: usize,
    focus: Focus,
    search: Option<Search>,
    scroll: usize,
    link: Option<usize>,
}

/// The two panes of the tab's area.
pub fn panes(area: Rect) -> (Rect, Rect) {
    let list_width = (area.width * 2 / 5).clamp(24.min(area.width), 48);
    split_columns(area, list_width)
}

impl Library {
    pub fn new(k: &Knowledge) -> Self {
        let mut group_titles = Vec::new();
        let mut entries = Vec::new();
        let mut rows = Vec::new();
        let mut row_of = Vec::new();
        for (g, group) in groups(k).into_iter().enumerate() {
            group_titles.push(group.title);
            rows.push(LibraryRow::Header(g));
            for r in group.entries {
                row_of.push(rows.len());
                rows.push(LibraryRow::Entry(entries.len()));
                entries.push(r);
            }
        }
        Library {
            group_titles,
            entries,
            rows,
            row_of,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            search: None,
            scroll: 0,
            link: None,
        }
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn is_searching(&self) -> bool {
        self.search.is_some()
    }

    pub fn query(&self) -> Option<&str> {
        self.search.as_ref().map(|s| s.input.text())
    }

    pub fn hits(&self) -> &[EntryRef] {
        self.search.as_ref().map_or(&[], |s| s.hits.as_slice())
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn selected_link(&self) -> Option<usize> {
        self.link
    }

    /// The entry whose text is on the right: the selected search match while searching, else
    /// the list's selection.
    pub fn shown(&self) -> Option<&EntryRef> {
        match &self.search {
            Some(s) if !s.input.is_empty() => s.hits.get(s.selected),
            _ => self.entries.get(self.selected),
        }
    }

    fn list_height(&self, ctx: &Ctx<'_>) -> usize {
        let h = usize::from(inner(panes(ctx.body).0).height);
        if self.search.is_some() {
            h.saturating_sub(1)
        } else {
            h
        }
    }

    fn detail_size(ctx: &Ctx<'_>) -> (u16, usize) {
        let area = detail_text_area(panes(ctx.body).1);
        (area.width, usize::from(area.height))
    }

    /// The shown entry laid out at the detail pane's width.
    fn rendered(&self, ctx: &Ctx<'_>) -> Option<document::Rendered> {
        let r = self.shown()?;
        let entry = ctx.knowledge.get(r)?;
        let blocks = entry_document(ctx.knowledge, &entry);
        let (width, _) = Self::detail_size(ctx);
        Some(document::render(
            &blocks,
            ctx.knowledge,
            Some(r),
            width,
            ctx.theme,
            self.link,
        ))
    }

    fn max_scroll(&self, ctx: &Ctx<'_>) -> usize {
        let (_, height) = Self::detail_size(ctx);
        self.rendered(ctx)
            .map_or(0, |r| r.lines.len().saturating_sub(height))
    }

    fn reset_detail(&mut self) {
        self.scroll = 0;
        self.link = None;
    }

    fn select(&mut self, index: usize, ctx: &Ctx<'_>) {
        let Some(last) = self.entries.len().checked_sub(1) else {
            return;
        };
        let index = index.min(last);
        if index != self.selected {
            self.reset_detail();
        }
        self.selected = index;
        let row = self.row_of.get(index).copied().unwrap_or(0);
        // Show the group title too when the first entry of a group is selected.
        let top = if row > 0 && matches!(self.rows.get(row - 1), Some(LibraryRow::Header(_))) {
            row - 1
        } else {
            row
        };
        let height = self.list_height(ctx);
        self.list_offset = keep_visible(self.list_offset, top, height);
        self.list_offset = keep_visible(self.list_offset, row, height);
    }

    fn move_selection(&mut self, delta: isize, ctx: &Ctx<'_>) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, ctx);
    }

    fn move_hit(&mut self, delta: isize, ctx: &Ctx<'_>) {
        let height = self.list_height(ctx);
        let Some(search) = &mut self.search else {
            return;
        };
        let Some(last) = search.hits.len().checked_sub(1) else {
            return;
        };
        let target = search.selected.saturating_add_signed(delta).min(last);
        if target != search.selected {
            self.scroll = 0;
            self.link = None;
        }
        search.selected = target;
        search.offset = keep_visible(search.offset, target, height);
    }

    fn scroll_by(&mut self, delta: isize, ctx: &Ctx<'_>) {
        let max = self.max_scroll(ctx);
        self.scroll = self.scroll.min(max).saturating_add_signed(delta).min(max);
    }

    fn step_link(&mut self, forward: bool, ctx: &Ctx<'_>) -> Intent {
        let Some(rendered) = self.rendered(ctx) else {
            return Intent::None;
        };
        let count = rendered.spots.len();
        if count == 0 {
            return Intent::Status("this entry has no links".into());
        }
        let next = match (self.link, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.link = Some(next);
        if let Some(spot) = rendered.spots.get(next) {
            let (_, height) = Self::detail_size(ctx);
            let max = rendered.lines.len().saturating_sub(height);
            self.scroll = keep_visible(self.scroll.min(max), spot.line(), height).min(max);
        }
        Intent::None
    }

    fn selected_link_target(&self, ctx: &Ctx<'_>) -> Option<EntryRef> {
        let r = self.shown()?;
        let entry = ctx.knowledge.get(r)?;
        let blocks = entry_document(ctx.knowledge, &entry);
        let links = document::links(&blocks, ctx.knowledge, Some(r));
        links.into_iter().nth(self.link?)
    }

    fn copy(&self, ctx: &Ctx<'_>, id_only: bool) -> Intent {
        if !id_only
            && self.focus == Focus::Detail
            && let Some(target) = self.selected_link_target(ctx)
        {
            let text = target.to_string();
            return Intent::Copy {
                label: text.clone(),
                text,
            };
        }
        let Some(r) = self.shown() else {
            return Intent::Status("nothing to copy".into());
        };
        if id_only {
            return Intent::Copy {
                text: r.to_string(),
                label: r.to_string(),
            };
        }
        match ctx.knowledge.get(r) {
            Some(entry) => Intent::Copy {
                text: to_text(&entry_document(ctx.knowledge, &entry), COPY_WIDTH),
                label: r.to_string(),
            },
            None => Intent::Status(format!("no entry {r}")),
        }
    }

    fn start_search(&mut self) {
        if self.search.is_none() {
            self.search = Some(Search {
                input: TextInput::new(MAX_QUERY_CHARS),
                hits: Vec::new(),
                selected: 0,
                offset: 0,
            });
        }
        self.focus = Focus::List;
    }

    fn refresh_hits(&mut self, ctx: &Ctx<'_>) {
        if let Some(search) = &mut self.search {
            search.hits = search_hits(ctx.knowledge, search.input.text());
            search.selected = 0;
            search.offset = 0;
        }
        self.reset_detail();
    }

    fn update_list(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let page = self.list_height(ctx).max(1);
        if let Some(index) = action.list_target(self.selected, page) {
            self.select(index, ctx);
            return Intent::None;
        }
        match action {
            Action::FocusDetail | Action::Open => self.focus = Focus::Detail,
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    fn update_detail(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let (_, height) = Self::detail_size(ctx);
        let page = isize::try_from(height.saturating_sub(1).max(1)).unwrap_or(1);
        match action {
            Action::Down => self.scroll_by(1, ctx),
            Action::Up => self.scroll_by(-1, ctx),
            Action::PageDown => self.scroll_by(page, ctx),
            Action::PageUp => self.scroll_by(-page, ctx),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = self.max_scroll(ctx),
            Action::NextLink => return self.step_link(true, ctx),
            Action::PrevLink => return self.step_link(false, ctx),
            Action::Open => {
                return match self.selected_link_target(ctx) {
                    Some(target) => Intent::JumpTo(target),
                    None => self.step_link(true, ctx),
                };
            }
            Action::FocusList => self.focus = Focus::List,
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    fn update_search(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let page = isize::try_from(self.list_height(ctx).max(1)).unwrap_or(1);
        match action {
            Action::Down => self.move_hit(1, ctx),
            Action::Up => self.move_hit(-1, ctx),
            Action::PageDown => self.move_hit(page, ctx),
            Action::PageUp => self.move_hit(-page, ctx),
            Action::Open => {
                return match self.search.as_ref().and_then(|s| s.hits.get(s.selected)) {
                    Some(hit) => Intent::JumpTo(hit.clone()),
                    None => Intent::Status("no match to open".into()),
                };
            }
            Action::Cancel => {
                self.search = None;
                self.reset_detail();
            }
            Action::Paste => return Intent::PasteFromClipboard,
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    /// Actions that mean the same in every focus.
    fn update_common(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::Search => self.start_search(),
            Action::Back => return Intent::Back,
            Action::Copy => return self.copy(ctx, false),
            Action::CopyId => return self.copy(ctx, true),
            Action::Wheel { up, column, row } => self.wheel(up, Position::new(column, row), ctx),
            Action::Click { column, row } => return self.click(Position::new(column, row), ctx),
            _ => {}
        }
        Intent::None
    }

    fn wheel(&mut self, up: bool, at: Position, ctx: &Ctx<'_>) {
        let (list, detail) = panes(ctx.body);
        let step: isize = if up { -1 } else { 1 };
        if list.contains(at) {
            if self.search.is_some() {
                self.move_hit(step, ctx);
            } else {
                self.move_selection(step, ctx);
            }
        } else if detail.contains(at) {
            self.scroll_by(step * WHEEL_LINES.cast_signed(), ctx);
        }
    }

    fn click(&mut self, at: Position, ctx: &Ctx<'_>) -> Intent {
        let (list, detail) = panes(ctx.body);
        if list.contains(at) {
            let mut rows_area = inner(list);
            if self.search.is_some() {
                rows_area.y = rows_area.y.saturating_add(1);
                rows_area.height = rows_area.height.saturating_sub(1);
            }
            if !rows_area.contains(at) {
                return Intent::None;
            }
            let row = usize::from(at.y - rows_area.y);
            match &mut self.search {
                Some(search) if !search.input.is_empty() => {
                    let height = usize::from(rows_area.height);
                    let offset = keep_visible(search.offset, search.selected, height);
                    let index = offset + row;
                    if index < search.hits.len() {
                        let delta = index.cast_signed() - search.selected.cast_signed();
                        self.move_hit(delta, ctx);
                    }
                }
                Some(_) => {}
                None => {
                    let offset = self.effective_list_offset(usize::from(rows_area.height));
                    if let Some(LibraryRow::Entry(i)) = self.rows.get(offset + row) {
                        self.select(*i, ctx);
                        self.focus = Focus::List;
                    }
                }
            }
        } else if detail.contains(at) {
            if self.search.is_none() {
                self.focus = Focus::Detail;
            }
            let area = detail_text_area(detail);
            if !area.contains(at) {
                return Intent::None;
            }
            let line = self.scroll.min(self.max_scroll(ctx)) + usize::from(at.y - area.y);
            let column = usize::from(at.x - area.x);
            let hit = self
                .rendered(ctx)
                .and_then(|r| r.hit(line, column).cloned());
            if let Some(target) = hit {
                return Intent::JumpTo(target);
            }
        }
        Intent::None
    }

    /// The list offset to draw with: the stored one, corrected so the selection is visible at
    /// this height (the screen may have been resized since it was stored).
    fn effective_list_offset(&self, height: usize) -> usize {
        let row = self.row_of.get(self.selected).copied().unwrap_or(0);
        keep_visible(self.list_offset, row, height)
    }
}

/// The model's search, led by the catalog errors a pasted error response matches
/// (`{"error":"invalid_grant",...}` finds its entry though not every word is in it).
fn search_hits(k: &Knowledge, text: &str) -> Vec<EntryRef> {
    let mut hits: Vec<EntryRef> = Vec::new();
    if (text.contains("error") || text.contains(':'))
        && let Ok(query) = explain::parse(text)
    {
        let found = explain::explain(k, &query);
        if found.kind == explain::MatchKind::Matched {
            hits.extend(
                found
                    .entries
                    .iter()
                    .map(|e| EntryRef::new(EntryKind::Error, e.id.clone())),
            );
        }
    }
    for e in k.search(text) {
        let r = e.entry_ref();
        if !hits.contains(&r) {
            hits.push(r);
        }
    }
    hits
}

impl Component for Library {
    fn key_context(&self) -> KeyContext {
        match (self.search.is_some(), self.focus) {
            (true, _) => KeyContext::LibrarySearch,
            (false, Focus::List) => KeyContext::LibraryList,
            (false, Focus::Detail) => KeyContext::LibraryDetail,
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        if self.search.is_some() {
            return self.update_search(action, ctx);
        }
        match self.focus {
            Focus::List => self.update_list(action, ctx),
            Focus::Detail => self.update_detail(action, ctx),
        }
    }

    fn text_focused(&self) -> bool {
        self.search.is_some()
    }

    fn edit_text(&mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> Intent {
        let Some(search) = &mut self.search else {
            return Intent::None;
        };
        if search.input.handle_key(key) == Edit::Changed {
            self.refresh_hits(ctx);
        }
        Intent::None
    }

    fn paste(&mut self, text: &str, ctx: &Ctx<'_>) -> Intent {
        self.start_search();
        let Some(search) = &mut self.search else {
            return Intent::None;
        };
        let fitted = search.input.insert_str(text);
        self.refresh_hits(ctx);
        if fitted {
            Intent::None
        } else {
            Intent::Status(format!("pasted text cut to {MAX_QUERY_CHARS} characters"))
        }
    }

    fn show(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
        let Some(index) = self.entries.iter().position(|r| r == target) else {
            return false;
        };
        self.search = None;
        self.focus = Focus::Detail;
        self.select(index, ctx);
        self.reset_detail();
        true
    }

    fn location(&self) -> Option<EntryRef> {
        self.entries.get(self.selected).cloned()
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        view::render(self, frame, area, ctx);
    }

    fn cursor(&self, area: Rect, _ctx: &Ctx<'_>) -> Option<Position> {
        let search = self.search.as_ref()?;
        view::search_cursor(&search.input, inner(panes(area).0))
    }
}
