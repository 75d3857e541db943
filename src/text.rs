//! Text shared by the command line and the terminal UI: how untrusted values are shown and in
//! which order token fields are listed.

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

/// Token contents are untrusted: control characters are shown escaped so a claim cannot move
/// the cursor or recolour the terminal.
pub fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
