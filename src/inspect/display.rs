//! Showing untrusted text (claims, SAML values, anything decoded from the input) on a
//! terminal. Control characters could move the cursor or recolour the screen; bidi controls
//! and zero-width characters make `admin<U+202E>moc.evil` read as something it is not. Each
//! such character is shown as a `\u{..}` escape and the value is marked, so what is on screen
//! is what the relying party reads. JSON output keeps the exact strings.

/// Appended to a value that had characters escaped.
pub const ESCAPED_MARK: &str = " [escaped]";

/// Characters that change how surrounding text is displayed without showing themselves.
fn is_deceptive(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'              // Arabic letter mark (bidi)
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers (blank)
            | '\u{180E}'            // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero width space/joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'            // zero width no-break space (BOM)
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation controls
        )
}

/// `s` with every control, bidi and invisible character as `\u{..}`, plus [`ESCAPED_MARK`]
/// when any was found; `s` unchanged otherwise.
pub fn printable(s: &str) -> String {
    if !s.chars().any(is_deceptive) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_deceptive(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push_str(ESCAPED_MARK);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(printable("café ✓ 日本"), "café ✓ 日本");
    }

    #[test]
    fn controls_are_escaped_and_marked() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb [escaped]");
        assert_eq!(printable("tab\there"), "tab\\u{9}here [escaped]");
        assert_eq!(printable("\u{7f}\u{85}"), "\\u{7f}\\u{85} [escaped]");
    }

    #[test]
    fn bidi_and_zero_width_characters_are_escaped() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}',
            '\u{2060}', '\u{FEFF}',
        ] {
            let shown = printable(&format!("x{c}y"));
            assert_eq!(
                shown,
                format!("x\\u{{{:x}}}y{ESCAPED_MARK}", u32::from(c)),
                "{c:?}"
            );
        }
        assert_eq!(
            printable("admin\u{202e}moc.live@"),
            "admin\\u{202e}moc.live@ [escaped]"
        );
    }
}
