//! `App`: owns the model and the tabs, routes input through the keymap, and carries out the
//! intents tabs return (clipboard, jumps and their history, tab switches, the status line).

use super::action::Action;
use super::choose::Choose;
use super::clipboard::Clipboard;
use super::component::{Component, Ctx, Intent};
use super::drill::{Drill, DrillOptions, ProgressFile};
use super::flows::Flows;
use super::help::{self, Help};
use super::inspect::Inspect;
use super::keymap::{Key, KeyContext, Keymap};
use super::layout;
use super::library::Library;
use super::paste::{self, PasteRoute};
use super::tabs::TabId;
use super::theme::{Theme, ThemeKind};
use crate::drill::{SavedSettings, load_settings, save_settings};
use crate::model::{EntryRef, Knowledge};
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

mod effects;
mod live_runs;
mod render;

/// The jump history keeps at most this many places.
const MAX_HISTORY: usize = 200;

/// How the app starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub tab: TabId,
    /// Open this entry first (in the tab that shows its kind).
    pub entry: Option<EntryRef>,
    pub theme: ThemeKind,
    /// The Drill tab's progress folder and clock.
    pub drill: DrillOptions,
    /// A fixed instant for every "now" (tests, reproducible screens); `None` reads the clock.
    pub now: Option<DateTime<Utc>>,
    /// Open on the tab of the last run (from `settings.json`) instead of `tab`, when there is
    /// one: the binary sets this when neither `--tab` nor an entry was given.
    pub restore_tab: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tab: TabId::start(),
            entry: None,
            theme: ThemeKind::Dark,
            drill: DrillOptions::default(),
            now: None,
            restore_tab: false,
        }
    }
}

/// A place to go back to: a tab and the entry it showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub tab: TabId,
    pub entry: EntryRef,
}

/// The tab components, one field per tab.
struct Tabs {
    choose: Choose,
    flows: Flows,
    inspect: Inspect,
    library: Library,
    drill: Drill,
}

impl Tabs {
    fn get(&self, id: TabId) -> &dyn Component {
        match id {
            TabId::Choose => &self.choose,
            TabId::Flows => &self.flows,
            TabId::Library => &self.library,
            TabId::Drill => &self.drill,
            TabId::Inspect => &self.inspect,
        }
    }

    fn get_mut(&mut self, id: TabId) -> &mut dyn Component {
        match id {
            TabId::Choose => &mut self.choose,
            TabId::Flows => &mut self.flows,
            TabId::Library => &mut self.library,
            TabId::Drill => &mut self.drill,
            TabId::Inspect => &mut self.inspect,
        }
    }
}

pub struct App<C: Clipboard> {
    /// Shared with a live run's thread and the local org.
    knowledge: Arc<Knowledge>,
    theme: Theme,
    keymap: Keymap,
    tabs: Tabs,
    active: TabId,
    history: Vec<Place>,
    status: Option<String>,
    help: Option<Help>,
    clipboard: C,
    screen: Rect,
    quit: bool,
    /// Where the Drill tab's answers are saved (`Intent::SaveReview`).
    progress_file: ProgressFile,
    /// Where `settings.json` lives; `None` keeps settings for this run only.
    data_dir: Option<PathBuf>,
    /// The settings as last read or written, so only a change is written.
    settings: SavedSettings,
    /// Inside tmux, OSC 52 copies need tmux's `set-clipboard`; the copy message says so.
    in_tmux: bool,
    /// The live target, the local org and the run in progress.
    live: super::live::Live,
}

fn make_ctx<'a>(knowledge: &'a Knowledge, theme: &'a Theme, screen: Rect) -> Ctx<'a> {
    Ctx {
        knowledge,
        theme,
        body: layout::shell(screen).body,
    }
}

impl<C: Clipboard> App<C> {
    pub fn new(knowledge: Knowledge, options: Options, clipboard: C) -> Self {
        let now = options.drill.clock.now();
        let opened = ProgressFile::open(options.drill.data_dir.as_deref(), now);
        let (saved, settings_note) = match options.drill.data_dir.as_deref() {
            Some(dir) => load_settings(dir, now),
            None => (SavedSettings::default(), None),
        };
        let mut drill_options = options.drill.clone();
        drill_options.saved = saved.drill.clone();
        let drill = Drill::new(
            &knowledge,
            opened.progress,
            &drill_options,
            opened.file.describe(),
        );
        let tabs = Tabs {
            choose: Choose::new(&knowledge),
            flows: Flows::new(&knowledge),
            inspect: Inspect::new(options.now),
            library: Library::new(&knowledge),
            drill,
        };
        let restored = saved
            .last_tab
            .as_deref()
            .and_then(TabId::parse)
            .filter(|_| options.restore_tab);
        let active = match restored {
            Some(tab) => tab,
            None => options.tab,
        };
        let mut messages = opened.messages;
        messages.extend(settings_note);
        let mut app = App {
            knowledge: Arc::new(knowledge),
            theme: Theme::new(options.theme),
            keymap: Keymap::default(),
            tabs,
            active,
            history: Vec::new(),
            status: (!messages.is_empty()).then(|| messages.join("; ")),
            help: None,
            clipboard,
            screen: Rect::new(0, 0, 80, 24),
            quit: false,
            progress_file: opened.file,
            data_dir: options.drill.data_dir.clone(),
            settings: saved,
            in_tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
            live: super::live::Live::default(),
        };
        // What the app starts with is not a change to save: only what the user changes is.
        app.settings = app.current_settings();
        if let Some(entry) = options.entry {
            app.open_without_history(&entry);
        }
        app
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    pub fn active_tab(&self) -> TabId {
        self.active
    }

    pub fn library(&self) -> &Library {
        &self.tabs.library
    }

    pub fn choose(&self) -> &Choose {
        &self.tabs.choose
    }

    pub fn flows(&self) -> &Flows {
        &self.tabs.flows
    }

    pub fn drill(&self) -> &Drill {
        &self.tabs.drill
    }

    pub fn inspect(&self) -> &Inspect {
        &self.tabs.inspect
    }

    pub fn clipboard(&self) -> &C {
        &self.clipboard
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn history(&self) -> &[Place] {
        &self.history
    }

    pub fn help(&self) -> Option<&Help> {
        self.help.as_ref()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The terminal's size; layout-dependent handling (pages, mouse hits) uses it.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.screen = Rect::new(0, 0, width, height);
    }

    fn active_component(&self) -> &dyn Component {
        self.tabs.get(self.active)
    }

    /// The keymap context that is focused now.
    pub fn key_context(&self) -> KeyContext {
        if self.help.is_some() {
            return KeyContext::Help;
        }
        self.active_component().key_context()
    }

    fn typing(&self) -> bool {
        self.help.is_none() && self.active_component().text_focused()
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.handle_paste(text),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Resize(w, h) => self.set_size(*w, *h),
            _ => {}
        }
        self.poll_live();
        self.save_settings_if_changed();
    }

    fn current_settings(&self) -> SavedSettings {
        SavedSettings {
            version: self.settings.version,
            last_tab: Some(self.active.title().to_ascii_lowercase()),
            drill: self.tabs.drill.saved_settings(),
        }
    }

    /// Writes `settings.json` when the tab or the drill settings changed. A failure is said
    /// once on the status line; the run goes on with the settings in memory.
    fn save_settings_if_changed(&mut self) {
        let current = self.current_settings();
        if current == self.settings {
            return;
        }
        if let Some(dir) = &self.data_dir
            && let Err(e) = save_settings(dir, &current)
        {
            self.status = Some(format!("settings not saved: {e}"));
        }
        self.settings = current;
    }

    fn handle_key(&mut self, event: &KeyEvent) {
        self.status = None;
        let key = Key::from_event(event);
        if let Some(action) = self.keymap.lookup(KeyContext::Always, key) {
            return self.global(action);
        }
        // While a tab runs on its own (a flow playing), any key just stops it: the key that
        // stops playback should not also step, switch tabs or quit.
        if self.tab_timer().is_some() {
            let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
            let tab = self.tabs.get_mut(self.active);
            let intent = tab.stop_timer(&ctx);
            self.apply(intent);
            return;
        }
        if self.help.is_some() {
            if let Some(action) = self.keymap.lookup(KeyContext::Help, key) {
                self.update_help(action);
            }
            return;
        }
        let context = self.key_context();
        if let Some(action) = self.keymap.lookup(context, key) {
            return self.dispatch(action);
        }
        if self.typing() {
            let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
            let tab = self.tabs.get_mut(self.active);
            let intent = tab.edit_text(event, &ctx);
            self.apply(intent);
            return;
        }
        if let Some(action) = self.keymap.lookup(KeyContext::Global, key) {
            self.global(action);
        }
    }

    /// How long the event loop may wait for input before calling [`App::on_timer`]; `None`
    /// while nothing runs on its own, so the loop blocks and the app uses no CPU when idle.
    pub fn next_timer(&self) -> Option<Duration> {
        let live = self.live.is_running().then_some(super::live::POLL_INTERVAL);
        match (self.tab_timer(), live) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The active tab's own timer (a flow playing), which any key stops.
    fn tab_timer(&self) -> Option<Duration> {
        if self.help.is_some() {
            return None;
        }
        self.active_component().next_timer()
    }

    /// The wait from [`App::next_timer`] passed with no input.
    pub fn on_timer(&mut self) {
        self.poll_live();
        if self.tab_timer().is_none() {
            return;
        }
        let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
        let tab = self.tabs.get_mut(self.active);
        let intent = tab.on_timer(&ctx);
        self.apply(intent);
    }

    /// Shell-level actions.
    fn global(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.toggle_help(),
            Action::NextTab => self.switch_to(self.active.cycle(true)),
            Action::PrevTab => self.switch_to(self.active.cycle(false)),
            Action::GoTab(tab) => self.switch_to(tab),
            _ => self.dispatch(action),
        }
    }

    /// Gives an action to the active tab and carries out what it asks for.
    fn dispatch(&mut self, action: Action) {
        let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
        let tab = self.tabs.get_mut(self.active);
        let intent = tab.update(action, &ctx);
        self.apply(intent);
    }

    fn toggle_help(&mut self) {
        self.help = match self.help {
            Some(_) => None,
            None => Some(Help {
                context: self.key_context(),
                typing: self.typing(),
                scroll: 0,
            }),
        };
    }

    fn update_help(&mut self, action: Action) {
        let line_count = match &self.help {
            Some(h) => help::lines(h, &self.keymap, &self.theme, self.screen).len(),
            None => return,
        };
        let max = help::max_scroll(self.screen, line_count);
        let page = usize::from(help::area(self.screen, line_count).height.saturating_sub(3));
        let Some(h) = &mut self.help else { return };
        let current = h.scroll.min(max);
        h.scroll = match action {
            Action::ToggleHelp | Action::Cancel => {
                self.help = None;
                return;
            }
            Action::Down | Action::Wheel { up: false, .. } => current + 1,
            Action::Up | Action::Wheel { up: true, .. } => current.saturating_sub(1),
            Action::PageDown => current + page.max(1),
            Action::PageUp => current.saturating_sub(page.max(1)),
            Action::Top => 0,
            Action::Bottom => max,
            _ => current,
        }
        .min(max);
    }

    fn handle_paste(&mut self, text: &str) {
        if self.help.is_some() {
            return;
        }
        self.status = None;
        if !self.typing() && self.route_paste(text) {
            return;
        }
        let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
        let tab = self.tabs.get_mut(self.active);
        let intent = tab.paste(text, &ctx);
        self.apply(intent);
    }

    /// Sends a paste where its content belongs (see [`paste::route`]); false leaves it to the
    /// tab on screen.
    fn route_paste(&mut self, text: &str) -> bool {
        let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
        let intent = match paste::route(&self.knowledge, text) {
            PasteRoute::Tab => return false,
            PasteRoute::Entry(target) => Intent::JumpTo(target),
            PasteRoute::Token => {
                let moved = self.active != TabId::Inspect;
                self.active = TabId::Inspect;
                let intent = self.tabs.inspect.show_token(text, &ctx);
                if moved && intent == Intent::None {
                    Intent::Status("pasted token: inspecting it".into())
                } else {
                    intent
                }
            }
            PasteRoute::ErrorResponse => {
                self.active = TabId::Inspect;
                self.tabs.inspect.show_error(text)
            }
        };
        self.apply(intent);
        true
    }

    fn handle_mouse(&mut self, mouse: &MouseEvent) {
        let (column, row) = (mouse.column, mouse.row);
        let action = match mouse.kind {
            MouseEventKind::ScrollUp => Action::Wheel {
                up: true,
                column,
                row,
            },
            MouseEventKind::ScrollDown => Action::Wheel {
                up: false,
                column,
                row,
            },
            MouseEventKind::Down(MouseButton::Left) => Action::Click { column, row },
            _ => return,
        };
        if layout::is_too_small(self.screen) {
            return;
        }
        if self.help.is_some() {
            return self.update_help(action);
        }
        if let Action::Click { .. } = action
            && let Some(tab) = layout::tab_at(layout::shell(self.screen).tab_bar, column, row)
        {
            return self.switch_to(tab);
        }
        self.status = None;
        self.dispatch(action);
    }

    fn switch_to(&mut self, tab: TabId) {
        self.active = tab;
    }

    /// Opens `target` in the tab that shows its kind, remembering where we were.
    fn jump(&mut self, target: EntryRef) {
        let from = self.active_component().location().map(|entry| Place {
            tab: self.active,
            entry,
        });
        let tab = TabId::home_of(target.kind);
        if !self.show(tab, &target, true) {
            return;
        }
        if let Some(place) = from
            && !(place.tab == tab && place.entry == target)
        {
            if self.history.len() >= MAX_HISTORY {
                self.history.remove(0);
            }
            self.history.push(place);
        }
    }

    fn back(&mut self) {
        match self.history.pop() {
            Some(place) => {
                self.show(place.tab, &place.entry, false);
            }
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    fn open_without_history(&mut self, target: &EntryRef) {
        self.show(TabId::home_of(target.kind), target, true);
    }

    /// Makes `tab` active on `target`, from its start when `fresh` (a link, not going back);
    /// false (with a status message) when it cannot.
    fn show(&mut self, tab: TabId, target: &EntryRef, fresh: bool) -> bool {
        let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
        let component = self.tabs.get_mut(tab);
        let opened = if fresh {
            component.show(target, &ctx)
        } else {
            component.restore(target, &ctx)
        };
        if opened {
            self.active = tab;
        } else {
            self.status = Some(format!("no entry {target}"));
        }
        opened
    }
}
