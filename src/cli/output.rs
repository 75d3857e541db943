//! Shared printing helpers for subcommands.

use serde::Serialize;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// Pretty JSON on stdout, with a trailing newline.
pub fn print_json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        // Serializing our own plain data cannot fail; if it ever did, say so on stderr.
        Err(e) => eprintln!("sfauth: could not write JSON: {e}"),
    }
}

/// Colours are used on a terminal unless `NO_COLOR` is set (https://no-color.org).
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// The terminal's width in columns, told once by the binary (which owns the terminal), so the
/// subcommands need no terminal library of their own.
static TERMINAL_COLUMNS: OnceLock<u16> = OnceLock::new();

/// Records the terminal's width; later calls keep the first value.
pub fn set_terminal_columns(columns: u16) {
    let _ = TERMINAL_COLUMNS.set(columns);
}

/// The width to wrap text output at: the terminal's, else `COLUMNS`, else 100.
pub fn text_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Some(&w) = TERMINAL_COLUMNS.get()
        && w > 0
    {
        return usize::from(w).min(120);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|w| *w >= 20)
        .unwrap_or(100)
}

pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn detect() -> Self {
        Paint { on: use_color() }
    }

    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// A method a style (`paint.red(text)`), each writing its SGR code.
macro_rules! styles {
    ($($name:ident => $code:literal),* $(,)?) => {
        impl Paint {
            $(
                pub fn $name(&self, text: &str) -> String {
                    self.wrap($code, text)
                }
            )*
        }
    };
}

styles! {
    red => "31",
    yellow => "33",
    green => "32",
    cyan => "36",
    bold => "1",
    dim => "2",
}
