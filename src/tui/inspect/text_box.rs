//! A multi-line text box for pasted tokens, request bodies and keys. Unlike the one-line
//! [`TextInput`](crate::tui::text_input::TextInput) it keeps line breaks, because a token
//! broken over lines is itself a finding (J1) and a PEM needs its lines. It wraps by character
//! for display: a token has no spaces to wrap at. The text lives only in memory, and `Debug`
//! never prints it.

use crate::tui::text_input::{Edit, EditKey, apply, impl_buffer, prev_boundary};
use ratatui::crossterm::event::KeyEvent;
use std::fmt;
use unicode_width::UnicodeWidthChar;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextBox {
    text: String,
    /// A byte offset on a character boundary.
    cursor: usize,
    max_bytes: usize,
}

impl fmt::Debug for TextBox {
    /// Pasted tokens and keys are secrets: a debug print shows only their size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TextBox(<{} bytes hidden>)", self.text.len())
    }
}

/// One display row: the bytes `start..end` of the text. `last` is true for the final row of a
/// line (before a line break or the end), where the cursor may sit after the last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisplayRow {
    pub start: usize,
    pub end: usize,
    pub last: bool,
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

impl TextBox {
    /// An empty box that never holds more than `max_bytes` bytes.
    pub fn new(max_bytes: usize) -> Self {
        TextBox {
            text: String::new(),
            cursor: 0,
            max_bytes,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn line_count(&self) -> usize {
        self.text.lines().count().max(1)
    }

    #[cfg(test)]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The cursor counted in characters, for one-line display.
    pub fn cursor_chars(&self) -> usize {
        self.text
            .get(..self.cursor)
            .map_or(0, |before| before.chars().count())
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Replaces the text; false (and nothing changed) when it is over the limit.
    pub fn set_text(&mut self, text: &str) -> bool {
        let cleaned = clean(text);
        if cleaned.len() > self.max_bytes {
            return false;
        }
        self.text = cleaned;
        self.cursor = self.text.len();
        true
    }

    /// Inserts at the cursor; false (and nothing inserted) when the result would be over the
    /// limit, because half a token is worse than none. `\r\n` and `\r` become `\n`, tabs a
    /// space, and other control characters are dropped.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let cleaned = clean(text);
        if self.text.len().saturating_add(cleaned.len()) > self.max_bytes {
            return false;
        }
        self.text.insert_str(self.cursor, &cleaned);
        self.cursor += cleaned.len();
        true
    }

    fn line_start(&self) -> usize {
        self.text
            .get(..self.cursor)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text
            .get(self.cursor..)
            .and_then(|s| s.find('\n'))
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Applies an editing key. `width` is the display width, for moving up and down rows.
    pub fn handle_key(&mut self, key: &KeyEvent, width: usize) -> Edit {
        let Some(edit) = EditKey::of(key) else {
            return Edit::Ignored;
        };
        match apply(self, edit) {
            Some(done) => done,
            None if edit == EditKey::Up => self.move_rows(-1, width),
            None => self.move_rows(1, width),
        }
    }

    fn move_rows(&mut self, delta: isize, width: usize) -> Edit {
        let rows = self.rows(width);
        let (row, col) = self.cursor_at(&rows, width);
        let Some(target) = row.checked_add_signed(delta).and_then(|r| rows.get(r)) else {
            return Edit::Moved;
        };
        self.cursor = self.offset_at(*target, col);
        Edit::Moved
    }

    /// The byte offset in `row` nearest to display column `col`.
    fn offset_at(&self, row: DisplayRow, col: usize) -> usize {
        let mut used = 0;
        let slice = self.text.get(row.start..row.end).unwrap_or_default();
        for (i, c) in slice.char_indices() {
            let w = char_width(c);
            if used + w > col {
                return row.start + i;
            }
            used += w;
        }
        if row.last {
            row.end
        } else {
            prev_boundary(&self.text, row.end).max(row.start)
        }
    }

    /// The text cut into display rows of at most `width` columns.
    pub fn rows(&self, width: usize) -> Vec<DisplayRow> {
        let width = width.max(1);
        let mut rows = Vec::new();
        let mut line_start = 0;
        for line in self.text.split('\n') {
            let mut start = line_start;
            let mut used = 0;
            for (i, c) in line.char_indices() {
                let w = char_width(c);
                if used + w > width && used > 0 {
                    rows.push(DisplayRow {
                        start,
                        end: line_start + i,
                        last: false,
                    });
                    start = line_start + i;
                    used = 0;
                }
                used += w;
            }
            let end = line_start + line.len();
            rows.push(DisplayRow {
                start,
                end,
                last: true,
            });
            line_start = end + 1;
        }
        rows
    }

    /// The cursor's display row and column. A cursor after a full last row sits at the start
    /// of the row below it.
    pub fn cursor_at(&self, rows: &[DisplayRow], width: usize) -> (usize, usize) {
        let width = width.max(1);
        let index = rows
            .iter()
            .position(|r| {
                self.cursor >= r.start && (self.cursor < r.end || (r.last && self.cursor == r.end))
            })
            .unwrap_or(rows.len().saturating_sub(1));
        let Some(row) = rows.get(index) else {
            return (0, 0);
        };
        let col: usize = self
            .text
            .get(row.start..self.cursor.max(row.start))
            .unwrap_or_default()
            .chars()
            .map(char_width)
            .sum();
        if col >= width {
            (index + 1, 0)
        } else {
            (index, col)
        }
    }
}

fn clean(text: &str) -> String {
    let unified = text.replace("\r\n", "\n");
    unified
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

impl_buffer!(TextBox {
    fn line_bounds(&self) -> (usize, usize) {
        (self.line_start(), self.line_end())
    }
});

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn boxed(text: &str) -> TextBox {
        let mut b = TextBox::new(1000);
        assert!(b.insert_str(text));
        b
    }

    fn row_texts(b: &TextBox, width: usize) -> Vec<&str> {
        b.rows(width)
            .iter()
            .map(|r| &b.text()[r.start..r.end])
            .collect()
    }

    #[test]
    fn line_breaks_are_kept_and_carriage_returns_unified() {
        let b = boxed("ab\r\ncd\ref\tg\u{7}");
        assert_eq!(b.text(), "ab\ncd\nef g");
        assert_eq!(b.line_count(), 3);
    }

    #[test]
    fn long_lines_wrap_by_character() {
        let b = boxed("abcdefg\nhi");
        assert_eq!(row_texts(&b, 3), vec!["abc", "def", "g", "hi"]);
        assert_eq!(row_texts(&boxed(""), 3), vec![""]);
        assert_eq!(row_texts(&boxed("ab\n"), 3), vec!["ab", ""]);
    }

    #[test]
    fn the_cursor_follows_the_wrapping() {
        let b = boxed("abcdef");
        let rows = b.rows(3);
        assert_eq!(
            b.cursor_at(&rows, 3),
            (2, 0),
            "after a full row: the next row"
        );
        let b = boxed("abcd");
        assert_eq!(b.cursor_at(&b.rows(3), 3), (1, 1));
    }

    #[test]
    fn up_and_down_move_by_display_row() {
        let mut b = boxed("abcdefgh");
        // Rows of 3: `abc`, `def`, `gh`; the third up finds no row above the first.
        let (up, down) = (KeyCode::Up, KeyCode::Down);
        for (code, cursor) in [(up, 5), (up, 2), (up, 2), (down, 5), (down, 8)] {
            b.handle_key(&key(code), 3);
            assert_eq!(b.cursor(), cursor, "after {code:?}");
        }
    }

    #[test]
    fn editing_keys_work_across_lines_and_multibyte_text() {
        let mut b = boxed("añ\nbc");
        b.handle_key(&key(KeyCode::Home), 10);
        assert_eq!(b.cursor(), 4);
        b.handle_key(&key(KeyCode::Backspace), 10);
        assert_eq!(b.text(), "añbc");
        b.handle_key(&key(KeyCode::Backspace), 10);
        assert_eq!(b.text(), "abc");
        b.handle_key(&key(KeyCode::End), 10);
        b.handle_key(&key(KeyCode::Char('d')), 10);
        assert_eq!(b.text(), "abcd");
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        let mut b = boxed("Bearer eyJ.x.y");
        b.handle_key(&ctrl_w, 10);
        assert_eq!(b.text(), "Bearer ");
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(b.handle_key(&ctrl_u, 10), Edit::Changed);
        assert!(b.is_empty());
    }

    #[test]
    fn text_over_the_limit_is_refused_whole() {
        let mut b = TextBox::new(4);
        assert!(b.insert_str("abc"));
        assert!(!b.insert_str("de"));
        assert_eq!(b.text(), "abc");
        assert!(!b.set_text("abcde"));
        assert_eq!(b.handle_key(&key(KeyCode::Char('d')), 5), Edit::Changed);
        assert_eq!(b.handle_key(&key(KeyCode::Char('e')), 5), Edit::Moved);
    }

    proptest::proptest! {
        #[test]
        fn random_edits_keep_the_cursor_on_a_character(
            pastes in proptest::collection::vec(".{0,12}", 0..6),
            keys in proptest::collection::vec(0u8..9, 0..40),
            width in 1usize..12,
        ) {
            let mut b = TextBox::new(64);
            for p in &pastes {
                b.insert_str(p);
                for k in &keys {
                    let code = match k {
                        0 => KeyCode::Left,
                        1 => KeyCode::Right,
                        2 => KeyCode::Up,
                        3 => KeyCode::Down,
                        4 => KeyCode::Backspace,
                        5 => KeyCode::Delete,
                        6 => KeyCode::Home,
                        7 => KeyCode::End,
                        _ => KeyCode::Char('é'),
                    };
                    b.handle_key(&key(code), width);
                    proptest::prop_assert!(b.text().is_char_boundary(b.cursor()));
                    proptest::prop_assert!(b.text().len() <= 64);
                    let rows = b.rows(width);
                    let (row, _) = b.cursor_at(&rows, width);
                    proptest::prop_assert!(row <= rows.len());
                }
            }
        }
    }

    #[test]
    fn debug_output_hides_the_text() {
        let b = boxed("eyJsecret");
        let shown = format!("{b:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("9 bytes"));
    }

    #[test]
    fn it_edits_one_line_exactly_as_the_one_line_input() {
        use crate::tui::text_input::TextInput;
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let script = [
            key(KeyCode::Char('a')),
            key(KeyCode::Char('ñ')),
            key(KeyCode::Char('漢')),
            key(KeyCode::Left),
            key(KeyCode::Backspace),
            key(KeyCode::Char(' ')),
            key(KeyCode::Char('b')),
            key(KeyCode::Home),
            key(KeyCode::Delete),
            key(KeyCode::End),
            ctrl('w'),
            key(KeyCode::Char('c')),
            ctrl('a'),
            key(KeyCode::Right),
        ];
        let mut line = TextInput::new(100);
        let mut boxed = TextBox::new(100);
        for k in &script {
            assert_eq!(line.handle_key(k), boxed.handle_key(k, 80), "{k:?}");
            assert_eq!(line.text(), boxed.text(), "{k:?}");
            assert_eq!(line.cursor(), boxed.cursor_chars(), "{k:?}");
        }
    }
}
