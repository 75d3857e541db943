//! Entering and leaving full-screen mode. Raw mode, the alternate screen, bracketed paste and
//! mouse capture are undone on every way out: normal return and errors (the guard's `Drop`),
//! and panics (a hook that restores the terminal before the panic message is printed, so the
//! message lands on the normal screen where it can be read).

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, Stdout};
use std::sync::Once;

pub type Screen = Terminal<CrosstermBackend<Stdout>>;

/// The terminal in full-screen mode; dropping it restores the terminal.
pub struct Session {
    pub screen: Screen,
}

impl Session {
    pub fn start() -> io::Result<Session> {
        install_panic_hook();
        let started = enable_raw_mode().and_then(|()| {
            ratatui::crossterm::execute!(
                io::stdout(),
                EnterAlternateScreen,
                EnableBracketedPaste,
                EnableMouseCapture
            )
        });
        if let Err(e) = started {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(screen) => Ok(Session { screen }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call more than once; errors are
/// ignored because there is nothing better to do with them on the way out.
pub fn restore() {
    let _ = ratatui::crossterm::execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
