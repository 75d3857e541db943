//! Text shared by the command line and the terminal UI: how untrusted values are shown, in
//! which order token fields are listed, and how text wraps.

mod wrap;

pub use wrap::{LongWords, Wrap, pad, split_at_width, width, wrap, wrap_with};

/// Well-known names first, in the order people read them; the rest alphabetically.
pub const FIRST: [&str; 13] = [
    "alg",
    "typ",
    "kid",
    "iss",
    "sub",
    "prn",
    "aud",
    "exp",
    "nbf",
    "iat",
    "auth_time",
    "jti",
    "scope",
];

/// Token contents are untrusted: one escaping rule for every view (see `inspect::display`).
pub use crate::inspect::display::printable;

/// A token's header parameters or claims in reading order (the names in [`FIRST`] first, the
/// rest as the JSON object keeps them), each value as one printable line.
pub fn fields_in_order(map: &serde_json::Map<String, serde_json::Value>) -> Vec<(&String, String)> {
    let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
    entries.sort_by_key(|(name, _)| FIRST.iter().position(|f| f == name).unwrap_or(FIRST.len()));
    entries
        .into_iter()
        .map(|(name, value)| {
            let shown = match value {
                serde_json::Value::String(s) => printable(s),
                other => printable(&other.to_string()),
            };
            (name, shown)
        })
        .collect()
}

/// `text` with every char that `table` lists replaced by its spelling there: escaping for a
/// grammar that gives a few chars a meaning.
pub fn replace_chars(text: &str, table: &[(char, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match table.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}
