//! The request log: one line per request (time, method, path, grant, outcome, and the check or
//! rule that decided it). Anything token-like is redacted before it is written.

use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub enum LogSink {
    #[default]
    Stderr,
    Off,
    /// Lines kept in memory, for tests and embedding callers.
    Memory(Arc<Mutex<Vec<String>>>),
}

impl LogSink {
    pub fn write(&self, line: String) {
        match self {
            LogSink::Stderr => eprintln!("{line}"),
            LogSink::Off => {}
            LogSink::Memory(lines) => lines.lock().unwrap_or_else(|p| p.into_inner()).push(line),
        }
    }
}

/// `eyJhbGci…(612 B)`: enough to recognise a value, never enough to use it.
pub fn redact(value: &str) -> String {
    let head: String = value.chars().take(8).collect();
    format!("{head}…({} B)", value.len())
}

/// Words long enough to be a token, assertion, code or secret are redacted; short words
/// (check ids, usernames, claim names) stay readable.
pub fn redact_long_words(text: &str) -> String {
    const LONG: usize = 40;
    text.split(' ')
        .map(|w| {
            let clean: String = w
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
            if clean.chars().count() > LONG {
                redact(&clean)
            } else {
                clean
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_redacted_short_ones_kept() {
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz";
        let line = redact_long_words(&format!("J6 aud \"x\" token {token}\nend"));
        assert!(line.starts_with("J6 aud \"x\" token eyJhbGci…("), "{line}");
        assert!(!line.contains("c2lnbmF0"));
        assert!(!line.contains('\n'));
        assert_eq!(redact("abc"), "abc…(3 B)");
    }
}
