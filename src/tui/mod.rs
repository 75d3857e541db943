//! The terminal UI: a tabbed shell (Choose · Inspect · Flows · Drill · Library) over the
//! knowledge model.
//!
//! # Shape
//!
//! - [`App`] owns the [`Knowledge`](crate::model::Knowledge) and one component per
//!   tab. It lends the model to tabs through [`Ctx`] on every update and render.
//! - Keys become [`Action`]s in one place, [`keymap`], per [`KeyContext`]. The footer hints and
//!   the `?` help overlay are built from the same table.
//! - A tab implements [`Component`]: it changes only its own view state (ids, indices, scroll,
//!   input text) and returns an [`Intent`] (copy, jump to an entry, go back, status message,
//!   switch tab, quit). `App` carries out every effect: the clipboard, the jump history across
//!   tabs, the status line.
//! - Rendering only reads state. Layout is a pure function of the screen size ([`layout`]),
//!   shared by rendering and by input handling (pages, mouse hits).
//! - The event loop blocks on `crossterm::event::read`: no tick, no async runtime, no CPU use
//!   while idle. Only while a tab asks for a timer ([`Component::next_timer`], a flow playing)
//!   does it wait for input with a timeout, and call [`App::on_timer`] when none came.

pub mod action;
mod app;
pub mod choose;
pub mod clipboard;
pub mod component;
pub mod document;
pub mod drill;
pub mod flows;
pub mod help;
pub mod inspect;
pub mod keymap;
pub mod laid;
pub mod layout;
pub mod library;
pub mod live;
mod paint;
mod paste;
pub mod tabs;
pub mod terminal;
#[cfg(test)]
pub(crate) mod test_support;
pub mod text_input;
pub mod theme;
mod widgets;

pub use action::Action;
pub use app::{App, Options, Place};
pub use clipboard::{Clipboard, MemoryClipboard, SystemClipboard};
pub use component::{Component, Ctx, Intent};
pub use drill::{Clock, DrillOptions};
pub use keymap::{KeyContext, Keymap};
pub use tabs::TabId;
pub use theme::{Theme, ThemeKind};

use crate::model::Knowledge;
use ratatui::crossterm::event::{Event, MouseEvent, MouseEventKind};
use std::io;
use std::time::{Duration, Instant};

/// Runs the UI until the user quits. The terminal is restored on return, on error and on
/// panic.
pub fn run(knowledge: Knowledge, options: Options) -> io::Result<()> {
    let mut app = App::new(knowledge, options, SystemClipboard::default());
    let mut session = terminal::Session::start()?;
    loop {
        let size = session.screen.size()?;
        app.set_size(size.width, size.height);
        session.screen.draw(|frame| app.render(frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let event = match app.next_timer() {
            Some(wait) => next_event_within(wait)?,
            None => Some(next_event()?),
        };
        match event {
            Some(event) => app.handle_event(&event),
            None => app.on_timer(),
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// Blocks until an event the app reacts to. Mouse motion (reported because mouse capture is
/// on) is skipped here so that moving the pointer does not redraw the screen.
fn next_event() -> io::Result<Event> {
    loop {
        let event = ratatui::crossterm::event::read()?;
        if !is_motion(&event) {
            return Ok(event);
        }
    }
}

/// Like [`next_event`], but gives up after `wait`: `None` when the time passed with no event.
fn next_event_within(wait: Duration) -> io::Result<Option<Event>> {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if !ratatui::crossterm::event::poll(left)? {
            return Ok(None);
        }
        let event = ratatui::crossterm::event::read()?;
        if !is_motion(&event) {
            return Ok(Some(event));
        }
    }
}

fn is_motion(event: &Event) -> bool {
    matches!(
        event,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Moved | MouseEventKind::Drag(_),
            ..
        })
    )
}
