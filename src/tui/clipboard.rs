//! Copy and paste. The system clipboard (arboard) is opened once, on first use, and kept for
//! the app's life: on X11 the copied text lives only as long as the `arboard::Clipboard` that
//! owns it. Where arboard cannot start (no display, over SSH) copies go to the terminal as an
//! OSC 52 escape sequence, which most terminal emulators forward to the system clipboard.

use base64::prelude::*;
use std::io::Write;

/// Where a copy ended up, for the status message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyRoute {
    /// The system clipboard.
    System,
    /// An OSC 52 request to the terminal, which may or may not honour it.
    Terminal,
}

pub trait Clipboard {
    fn copy(&mut self, text: &str) -> Result<CopyRoute, String>;
    fn paste(&mut self) -> Result<String, String>;
}

/// The real clipboard: arboard, else OSC 52 for copies.
pub struct SystemClipboard {
    state: SystemState,
}

enum SystemState {
    Untried,
    Open(arboard::Clipboard),
    /// arboard could not start; the reason, for paste errors.
    Unavailable(String),
}

impl Default for SystemClipboard {
    fn default() -> Self {
        SystemClipboard {
            state: SystemState::Untried,
        }
    }
}

impl SystemClipboard {
    /// Opening arboard is deferred to the first copy or paste: it can take ~100 ms with an X
    /// server, which would otherwise delay the first frame.
    fn open(&mut self) -> Option<&mut arboard::Clipboard> {
        if matches!(self.state, SystemState::Untried) {
            self.state = match arboard::Clipboard::new() {
                Ok(c) => SystemState::Open(c),
                Err(e) => SystemState::Unavailable(e.to_string()),
            };
        }
        match &mut self.state {
            SystemState::Open(c) => Some(c),
            _ => None,
        }
    }
}

/// The OSC 52 request that puts `text` on the clipboard: `ESC ] 52 ; c ; base64 ST`. Written
/// here rather than through crossterm's `osc52` feature, which ratatui's re-export of crossterm
/// does not turn on.
fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x1b\\", BASE64_STANDARD.encode(text))
}

fn copy_osc52(text: &str) -> Result<CopyRoute, String> {
    let mut out = std::io::stdout();
    out.write_all(osc52(text).as_bytes())
        .and_then(|()| out.flush())
        .map(|()| CopyRoute::Terminal)
        .map_err(|e| format!("could not write to the terminal: {e}"))
}

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str) -> Result<CopyRoute, String> {
        match self.open() {
            Some(c) => match c.set_text(text) {
                Ok(()) => Ok(CopyRoute::System),
                // A clipboard that opened but refuses this copy: try the terminal instead.
                Err(_) => copy_osc52(text),
            },
            None => copy_osc52(text),
        }
    }

    fn paste(&mut self) -> Result<String, String> {
        if let Some(c) = self.open() {
            return c.get_text().map_err(|e| e.to_string());
        }
        let reason = match &self.state {
            SystemState::Unavailable(reason) => reason.as_str(),
            _ => "no clipboard",
        };
        Err(format!(
            "cannot read the clipboard here ({reason}); use your terminal's paste instead"
        ))
    }
}

/// An in-memory clipboard: it keeps every copy, and pastes the last one. Tests and benches use
/// it to see what the app copied without a display.
#[derive(Debug, Clone, Default)]
pub struct MemoryClipboard {
    pub copies: Vec<String>,
    /// When set, copies and pastes fail with this message.
    pub fail_with: Option<String>,
}

impl Clipboard for MemoryClipboard {
    fn copy(&mut self, text: &str) -> Result<CopyRoute, String> {
        if let Some(message) = &self.fail_with {
            return Err(message.clone());
        }
        self.copies.push(text.to_string());
        Ok(CopyRoute::System)
    }

    fn paste(&mut self) -> Result<String, String> {
        if let Some(message) = &self.fail_with {
            return Err(message.clone());
        }
        self.copies
            .last()
            .cloned()
            .ok_or_else(|| "the clipboard is empty".to_string())
    }
}

/// The status line after a copy: where the text went. OSC 52 only asks the terminal, and tmux
/// drops the request unless told to pass it on, so inside tmux the message says how.
pub fn copy_message(route: CopyRoute, label: &str, bytes: usize, in_tmux: bool) -> String {
    let size = human_size(bytes);
    match route {
        CopyRoute::System => format!("copied {label} to the system clipboard ({size})"),
        CopyRoute::Terminal if in_tmux => {
            format!("sent {label} via OSC 52 (in tmux, needs `set -s set-clipboard on`)")
        }
        CopyRoute::Terminal => format!("sent {label} to the terminal via OSC 52 ({size})"),
    }
}

/// `1.2 KB`, `310 B`: the size the status line reports after a copy.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        // Display only: the precision loss of the cast does not matter at one decimal.
        #[allow(clippy::cast_precision_loss)]
        let kb = bytes as f64 / 1024.0;
        format!("{kb:.1} KB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_messages_say_where_the_text_went() {
        let system = copy_message(CopyRoute::System, "curl", 10, true);
        assert_eq!(system, "copied curl to the system clipboard (10 B)");
        let osc = copy_message(CopyRoute::Terminal, "curl", 10, false);
        assert_eq!(osc, "sent curl to the terminal via OSC 52 (10 B)");
        let tmux = copy_message(CopyRoute::Terminal, "curl", 10, true);
        assert!(tmux.contains("set -s set-clipboard on"), "{tmux}");
        assert!(tmux.chars().count() <= 78, "fits the status line: {tmux}");
    }

    #[test]
    fn osc52_requests_the_clipboard_selection_with_base64_text() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x1b\\");
        assert_eq!(osc52(""), "\x1b]52;c;\x1b\\");
    }

    #[test]
    fn memory_clipboard_records_and_pastes_the_last_copy() {
        let mut c = MemoryClipboard::default();
        assert!(c.paste().is_err());
        c.copy("one").unwrap();
        c.copy("two").unwrap();
        assert_eq!(c.copies, vec!["one", "two"]);
        assert_eq!(c.paste().unwrap(), "two");
    }

    #[test]
    fn memory_clipboard_can_fail_on_purpose() {
        let mut c = MemoryClipboard {
            fail_with: Some("no display".into()),
            ..Default::default()
        };
        assert_eq!(c.copy("x"), Err("no display".to_string()));
    }

    #[test]
    fn sizes_read_like_a_person_would_write_them() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1229), "1.2 KB");
    }
}
