//! The contract between `App` and a tab: tabs turn actions into state changes plus an
//! [`Intent`], and `App` carries out every effect (clipboard, navigation, status line).

use super::action::Action;
use super::keymap::KeyContext;
use super::tabs::TabId;
use super::theme::Theme;
use crate::model::{EntryRef, Knowledge};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use std::time::Duration;

/// What a tab reads besides its own state. `body` is the screen area the tab is drawn in, from
/// the same layout function `App` renders with, so a tab can size pages and clamp scrolling
/// while it handles an action.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub knowledge: &'a Knowledge,
    pub theme: &'a Theme,
    pub body: Rect,
}

/// An effect a tab asks `App` to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Nothing for `App` to do (the action was handled, or did not apply).
    None,
    /// Put `text` on the clipboard; `label` names it in the status message.
    Copy {
        text: String,
        label: String,
    },
    /// Open this entry in the tab that shows its kind, remembering where we came from.
    JumpTo(EntryRef),
    /// Return to where the last jump came from.
    Back,
    Quit,
    /// Show a short message on the status line.
    Status(String),
    SwitchTab(TabId),
    /// Read the clipboard and hand its text to the focused tab's `paste`.
    PasteFromClipboard,
    /// Save a drill answer to the progress file now.
    SaveReview(crate::drill::Answered),
    /// Read the Inspect tab's key file (once, when its path is committed) and hand the bytes
    /// to `Inspect::key_file_read`: the tab itself does no I/O.
    ReadKeyFile(std::path::PathBuf),
    /// Run this model flow live against the live target (`App` owns the run and the local
    /// org, and hands the run's events back to the Flows tab).
    RunLive {
        flow: String,
    },
    /// Send this JWT bearer assertion to the live target; the answer goes to Inspect.
    TryAssertion(String),
    /// Use these settings as the live target from now on (both tabs share it).
    SetTarget(super::live::TargetInput),
}

/// A tab. It holds only view state (ids, indices, scroll offsets, input text) and borrows the
/// model through [`Ctx`]; rendering never changes state.
pub trait Component {
    /// Which keymap section applies right now (it can change with focus).
    fn key_context(&self) -> KeyContext;

    /// Applies an action from the keymap or the mouse.
    fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent;

    /// Whether a text box has focus. While it does, keys not bound in this tab's context go to
    /// [`Component::edit_text`] instead of the global bindings.
    fn text_focused(&self) -> bool {
        false
    }

    /// A key for the focused text box.
    fn edit_text(&mut self, _key: &KeyEvent, _ctx: &Ctx<'_>) -> Intent {
        Intent::None
    }

    /// Pasted text (a bracketed paste, or the clipboard after ctrl-v).
    fn paste(&mut self, _text: &str, _ctx: &Ctx<'_>) -> Intent {
        Intent::Status("nothing here takes pasted text".into())
    }

    /// Shows `entry` from its start, as following a link does. False when the tab does not
    /// show entries of that kind, or has no such entry.
    fn show(&mut self, entry: &EntryRef, ctx: &Ctx<'_>) -> bool;

    /// Comes back to `saved`, the entry this tab showed when the user jumped away (going
    /// back). A tab that keeps a place (a flow's step, a selected link) returns to it; by
    /// default the entry is shown as [`Component::show`] shows it.
    fn restore(&mut self, saved: &EntryRef, ctx: &Ctx<'_>) -> bool {
        self.show(saved, ctx)
    }

    /// The entry on screen, remembered in the history when the user jumps away.
    fn location(&self) -> Option<EntryRef>;

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>);

    /// How long until this tab wants [`Component::on_timer`], while it runs on its own (a flow
    /// playing its steps). `None`, the default, lets the event loop block on input.
    fn next_timer(&self) -> Option<Duration> {
        None
    }

    /// The wait asked for by [`Component::next_timer`] passed with no input.
    fn on_timer(&mut self, _ctx: &Ctx<'_>) -> Intent {
        Intent::None
    }

    /// A key was pressed while the timer ran: stop running on its own.
    fn stop_timer(&mut self, _ctx: &Ctx<'_>) -> Intent {
        Intent::None
    }

    /// Where the terminal cursor goes while a text box is focused.
    fn cursor(&self, _area: Rect, _ctx: &Ctx<'_>) -> Option<Position> {
        None
    }
}
