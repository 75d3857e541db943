//! The one word-wrapper every view uses. Widths are terminal display columns, not chars: a CJK
//! character or an emoji takes two columns and a combining mark none, so a pack written in
//! Japanese wraps inside its box just as English does.
//!
//! Lines break only between words. A word wider than a line is split: at the width, or for
//! diagram labels after a URL or identifier separator near the end of the line
//! (`/services/oauth2/` + `token`). Runs of whitespace, line breaks included, count as one
//! space; callers that keep line breaks wrap each line on its own.

use textwrap::core::{Fragment, display_width};
use textwrap::wrap_algorithms::wrap_first_fit;

/// Columns `text` takes in a terminal.
pub fn width(text: &str) -> usize {
    display_width(text)
}

/// `text` followed by spaces up to `columns` display columns (as `{:<columns}` pads chars).
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

/// Where a word wider than a whole line is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// At the width: the piece fills the line.
    AtWidth,
    /// After the last `/ _ - = & ? . , : ;` in the second half of the line, else at the width.
    AfterSeparator,
}

/// How to wrap: the first line's width, the others' width, and how long words split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    pub first: usize,
    pub rest: usize,
    pub long_words: LongWords,
}

impl Wrap {
    pub fn new(width: usize) -> Self {
        Wrap {
            first: width,
            rest: width,
            long_words: LongWords::AtWidth,
        }
    }
}

/// `text` greedily wrapped to `width` columns (at least one line, maybe empty).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_with(text, Wrap::new(width))
}

/// `text` greedily wrapped as `how` says. No line is wider than its width, except that a width
/// of 0 counts as 1. A char wider than a whole line (a two-column char in a one-column line)
/// cannot be shown at all and is left out.
pub fn wrap_with(text: &str, how: Wrap) -> Vec<String> {
    let first = how.first.max(1);
    let rest = how.rest.max(1);
    let room = first.min(rest);
    let mut pieces = Vec::new();
    for word in text.split_whitespace() {
        push_word(&mut pieces, word, room, rest, how.long_words);
    }
    let widths = [first as f64, rest as f64];
    wrap_first_fit(&pieces, &widths)
        .into_iter()
        .map(|line| line.iter().map(|p| p.text).collect::<Vec<_>>().join(" "))
        .collect()
}

/// A word, or a piece of a word too wide for a line, as the wrapping algorithm sees it.
#[derive(Debug)]
struct Piece<'a> {
    text: &'a str,
    /// The columns the algorithm counts: a piece split off a long word counts as a whole line
    /// so that it starts a line of its own and nothing joins it.
    fit: usize,
    /// A space follows, unless the next piece continues the same word.
    space: bool,
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.fit as f64
    }

    fn whitespace_width(&self) -> f64 {
        if self.space { 1.0 } else { 0.0 }
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

fn push_word<'a>(
    out: &mut Vec<Piece<'a>>,
    mut word: &'a str,
    room: usize,
    line: usize,
    long_words: LongWords,
) {
    while width(word) > room {
        let (head, tail) = split_long_word(word, room, long_words);
        if head.is_empty() {
            // Only a char wider than the line: drop it (see `wrap_with`).
            let mut chars = word.chars();
            chars.next();
            word = chars.as_str();
            continue;
        }
        out.push(Piece {
            text: head,
            fit: line.max(width(head)),
            space: false,
        });
        word = tail;
    }
    if word.is_empty() {
        if let Some(last) = out.last_mut() {
            last.space = true;
        }
        return;
    }
    out.push(Piece {
        text: word,
        fit: width(word),
        space: true,
    });
}

/// Splits a word too wide for `columns` into a head that fits and the rest.
fn split_long_word(word: &str, columns: usize, long_words: LongWords) -> (&str, &str) {
    let (head, tail) = split_at_width(word, columns);
    if tail.is_empty() || long_words == LongWords::AtWidth {
        return (head, tail);
    }
    let cut = head
        .char_indices()
        .filter(|(_, c)| matches!(c, '/' | '_' | '-' | '=' | '&' | '?' | '.' | ',' | ':' | ';'))
        .map(|(i, c)| i + c.len_utf8())
        .rfind(|&end| width(&head[..end]) * 2 >= columns);
    match cut {
        Some(end) => word.split_at(end),
        None => (head, tail),
    }
}

/// The longest prefix of `text` at most `columns` wide, and the rest.
pub fn split_at_width(text: &str, columns: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > columns {
            return text.split_at(i);
        }
        used += w;
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_wraps_at_spaces() {
        assert_eq!(
            wrap("verify the JWT signature now", 10),
            vec!["verify the", "JWT", "signature", "now"]
        );
        assert_eq!(wrap("one two three", 20), vec!["one two three"]);
    }

    #[test]
    fn whitespace_runs_and_line_breaks_are_one_space() {
        assert_eq!(wrap("a  b\n\tc", 20), vec!["a b c"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 5), vec![String::new()]);
        assert_eq!(wrap("   ", 5), vec![String::new()]);
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        assert_eq!(
            wrap("use client-credentials here", 20),
            vec!["use", "client-credentials", "here"]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_at_the_width() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(
            wrap("xy abcdefghij z", 4),
            vec!["xy", "abcd", "efgh", "ij z"]
        );
    }

    #[test]
    fn long_words_can_split_after_a_separator() {
        let how = Wrap {
            long_words: LongWords::AfterSeparator,
            ..Wrap::new(20)
        };
        assert_eq!(
            wrap_with("POST /services/oauth2/token (code)", how),
            vec!["POST", "/services/oauth2/", "token (code)"]
        );
        assert_eq!(
            wrap_with("grant_type=client_credentials", how),
            vec!["grant_type=client_", "credentials"]
        );
    }

    #[test]
    fn the_first_line_may_be_narrower() {
        let how = Wrap {
            first: 9,
            rest: 5,
            long_words: LongWords::AtWidth,
        };
        assert_eq!(
            wrap_with("one two three four", how),
            vec!["one two", "three", "four"]
        );
    }

    #[test]
    fn cjk_and_emoji_take_two_columns() {
        assert_eq!(width("認証"), 4);
        assert_eq!(width("🔑"), 2);
        assert_eq!(wrap("認証 サーバー", 6), vec!["認証", "サーバ", "ー"]);
        assert_eq!(wrap("🔑 key 🔒 lock", 6), vec!["🔑 key", "🔒", "lock"]);
    }

    #[test]
    fn combining_marks_take_no_column() {
        let cafe = "cafe\u{301}";
        assert_eq!(width(cafe), 4);
        assert_eq!(
            wrap(&format!("{cafe} {cafe}"), 9),
            vec![format!("{cafe} {cafe}")]
        );
    }

    #[test]
    fn padding_counts_columns() {
        assert_eq!(pad("認証", 6), "認証  ");
        assert_eq!(pad("abc", 2), "abc");
    }

    #[test]
    fn a_wide_char_in_a_one_column_line_is_left_out() {
        assert_eq!(wrap("a認b", 1), vec!["a", "b"]);
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_the_width(
            text in "([a-z]{1,12}|[認証サーバー]{1,6}|🔑|e\u{301}|[-/=_]| |\n){0,24}",
            width in 1usize..30,
        ) {
            let lines = wrap(&text, width);
            prop_assert!(!lines.is_empty());
            for line in &lines {
                prop_assert!(super::width(line) <= width, "{line:?} in {width}");
            }
            let how = Wrap { long_words: LongWords::AfterSeparator, ..Wrap::new(width) };
            for line in wrap_with(&text, how) {
                prop_assert!(super::width(&line) <= width, "{line:?} in {width}");
            }
        }

        #[test]
        fn wrapping_keeps_every_word_in_order(text in "[a-z ]{0,80}", width in 2usize..30) {
            let joined: String = wrap(&text, width).concat();
            let words: String = text.split_whitespace().collect();
            prop_assert_eq!(joined.replace(' ', ""), words);
        }
    }
}
