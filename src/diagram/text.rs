//! Measuring, cleaning and wrapping label text in terminal columns.
//!
//! Widths are display columns, not chars: a team pack may label a participant in a script whose
//! characters take two columns, and counting chars would then push lifelines out of line.

use crate::text::{LongWords, Wrap, split_at_width, wrap_with};
use unicode_width::UnicodeWidthChar;

/// Columns a char takes; control and zero-width chars take none (they are removed by
/// [`clean`] before layout, so this only guards against callers that skip it).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub use crate::text::width;

/// Text safe to place in a grid: line breaks, tabs and other control chars become spaces, and
/// chars that take no column (combining marks, zero-width joiners) are dropped because a grid
/// cell cannot hold them. The few chars wider than two columns (U+17D8 takes three) become
/// U+FFFD, since a grid cell spans at most two columns.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
        } else {
            match char_width(c) {
                0 => {}
                1 | 2 => out.push(c),
                _ => out.push(char::REPLACEMENT_CHARACTER),
            }
        }
    }
    out
}

/// Word wrap to `first` columns on the first line and `rest` on the others, at most
/// `max_lines` lines, long words split after a separator (see [`crate::text::wrap_with`]). When
/// the text does not fit, the last line ends with `ellipsis` (or is simply cut when even the
/// ellipsis does not fit).
pub fn wrap(
    text: &str,
    first: usize,
    rest: usize,
    max_lines: usize,
    ellipsis: &str,
) -> Vec<String> {
    let how = Wrap {
        first,
        rest,
        long_words: LongWords::AfterSeparator,
    };
    let mut lines = wrap_with(text, how);
    let max_lines = max_lines.max(1);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let room = if max_lines == 1 { first } else { rest }.max(1);
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(last, room, ellipsis);
        }
    }
    lines
}

/// Each word wider than `room` cut to fit with `ellipsis` (`Salesforce` in 7 columns is
/// `Salesf…`), so that wrapping the result breaks lines only between words: a name split
/// mid-word (`Salesfo` / `rce`) reads as two words.
pub fn abbreviate_words(text: &str, room: usize, ellipsis: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            if width(word) <= room {
                word.to_string()
            } else {
                with_ellipsis(word, room, ellipsis)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` cut so that it plus `ellipsis` fit in `room` columns.
fn with_ellipsis(text: &str, room: usize, ellipsis: &str) -> String {
    let ew = width(ellipsis);
    if ew > room {
        return split_at_width(text, room).0.to_string();
    }
    let keep = split_at_width(text, room - ew).0.trim_end();
    format!("{keep}{ellipsis}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_wider_than_a_cell_pair_are_replaced() {
        // U+17D8 (Khmer sign beyyal) is three columns wide; proptest found it.
        assert_eq!(clean("a\u{17D8}b"), "a\u{FFFD}b");
        assert_eq!(width(&clean("\u{17D8}")), 1);
    }

    #[test]
    fn abbreviated_words_fit_and_short_ones_stay_whole() {
        assert_eq!(
            abbreviate_words("Salesforce auth server", 7, "…"),
            "Salesf… auth server"
        );
        assert_eq!(abbreviate_words("External IdP", 7, "..."), "Exte... IdP");
        assert_eq!(abbreviate_words("a  b", 1, "…"), "a b");
    }

    #[test]
    fn wraps_on_words_within_the_width() {
        let lines = wrap("verify the JWT signature now", 10, 10, 5, "…");
        assert_eq!(lines, vec!["verify the", "JWT", "signature", "now"]);
    }

    #[test]
    fn hanging_width_applies_after_the_first_line() {
        let lines = wrap("one two three four", 9, 5, 5, "…");
        assert_eq!(lines, vec!["one two", "three", "four"]);
    }

    #[test]
    fn long_words_are_split() {
        let lines = wrap("abcdefghij", 4, 4, 5, "…");
        assert_eq!(lines, vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn too_many_lines_end_in_an_ellipsis() {
        let lines = wrap("aaa bbb ccc ddd eee", 7, 7, 2, "…");
        assert_eq!(lines, vec!["aaa bbb", "ccc dd…"]);
        let lines = wrap("aaa bbb ccc ddd eee", 7, 7, 2, "...");
        assert_eq!(lines, vec!["aaa bbb", "ccc..."]);
    }

    #[test]
    fn long_words_split_after_a_separator_when_one_is_near() {
        let lines = wrap("POST /services/oauth2/token (code)", 20, 20, 5, "…");
        assert_eq!(lines, vec!["POST", "/services/oauth2/", "token (code)"]);
        let lines = wrap("grant_type=client_credentials", 20, 20, 5, "…");
        assert_eq!(lines, vec!["grant_type=client_", "credentials"]);
    }

    #[test]
    fn ellipsis_wider_than_the_room_just_cuts() {
        let lines = wrap("abcdef", 2, 2, 1, "...");
        assert_eq!(lines, vec!["ab"]);
    }

    #[test]
    fn wide_chars_count_two_columns() {
        assert_eq!(width("認証"), 4);
        let lines = wrap("認証サーバー", 5, 5, 5, "…");
        assert!(lines.iter().all(|l| width(l) <= 5), "{lines:?}");
        assert_eq!(lines.concat(), "認証サーバー");
    }

    #[test]
    fn clean_removes_control_and_zero_width_chars() {
        assert_eq!(clean("a\tb\nc\u{200b}d\u{301}"), "a b cd");
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 5, 5, 3, "…"), vec![String::new()]);
    }
}
