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
