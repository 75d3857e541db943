//! A one-line text box, and the editing core every text box shares: the keys that edit
//! ([`EditKey`]) and moving by whole characters.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;

/// A single line of text with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// A byte offset on a char boundary, as in the Inspect tab's multi-line box: both edit
    /// through [`EditKey`] and the boundary functions below.
    cursor: usize,
    max_chars: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// The key is not an editing key.
    Ignored,
}

/// An editing key, decoded in one place for every text box in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    /// Home or ctrl-a: the start of the line.
    LineStart,
    /// End or ctrl-e: the end of the line.
    LineEnd,
    /// ctrl-u: everything.
    Clear,
    /// ctrl-w: the word before the cursor.
    DeleteWordBack,
    Up,
    Down,
}

impl EditKey {
    /// The editing key `key` is, if any: printable characters, Backspace, Delete, the arrows,
    /// Home, End, ctrl-a, ctrl-e, ctrl-u and ctrl-w.
    pub fn of(key: &KeyEvent) -> Option<EditKey> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        Some(match key.code {
            KeyCode::Char('u') if ctrl => EditKey::Clear,
            KeyCode::Char('w') if ctrl => EditKey::DeleteWordBack,
            KeyCode::Char('a') if ctrl => EditKey::LineStart,
            KeyCode::Char('e') if ctrl => EditKey::LineEnd,
            KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return None,
            KeyCode::Char(c) => EditKey::Insert(c),
            KeyCode::Backspace => EditKey::Backspace,
            KeyCode::Delete => EditKey::Delete,
            KeyCode::Left => EditKey::Left,
            KeyCode::Right => EditKey::Right,
            KeyCode::Home => EditKey::LineStart,
            KeyCode::End => EditKey::LineEnd,
            KeyCode::Up => EditKey::Up,
            KeyCode::Down => EditKey::Down,
            _ => return None,
        })
    }
}

/// What the shared editing core needs of a text box: its text and a byte cursor on a char
/// boundary. Each box inserts its own way (what it cleans, how it bounds the size).
pub trait Buffer {
    /// The text and the cursor, a byte offset on a char boundary.
    fn parts(&self) -> (&str, usize);
    fn parts_mut(&mut self) -> (&mut String, &mut usize);
    /// Inserts at the cursor and moves past it; false when it did not fit.
    fn insert(&mut self, c: char) -> bool;
    /// The start and end of the cursor's line (a one-line box: the whole text).
    fn line_bounds(&self) -> (usize, usize) {
        (0, self.parts().0.len())
    }

    fn content(&self) -> &str {
        self.parts().0
    }

    fn at(&self) -> usize {
        self.parts().1
    }

    fn set_at(&mut self, at: usize) {
        *self.parts_mut().1 = at;
    }

    /// Removes `start..end` and leaves the cursor at `start`.
    fn remove(&mut self, start: usize, end: usize) {
        let (text, cursor) = self.parts_mut();
        text.replace_range(start..end, "");
        *cursor = start;
    }
}

/// Implements [`Buffer`] for a box with `text` and `cursor` fields whose own `insert_str`
/// cleans and bounds what it takes; a box's further `Buffer` methods go in the braces.
macro_rules! impl_buffer {
    ($box:ty { $($more:item)* }) => {
        impl $crate::tui::text_input::Buffer for $box {
            fn parts(&self) -> (&str, usize) {
                (&self.text, self.cursor)
            }

            fn parts_mut(&mut self) -> (&mut String, &mut usize) {
                (&mut self.text, &mut self.cursor)
            }

            fn insert(&mut self, c: char) -> bool {
                let mut buf = [0u8; 4];
                self.insert_str(c.encode_utf8(&mut buf))
            }

            $($more)*
        }
    };
}
pub(crate) use impl_buffer;

/// Applies an editing key to `b`; `None` for up and down, which only a box of several rows
/// can handle.
pub fn apply(b: &mut impl Buffer, edit: EditKey) -> Option<Edit> {
    let (text, at) = (b.content(), b.at());
    let (line_start, line_end) = b.line_bounds();
    let remove = |start: usize, end: usize| (start < end).then_some((start, end));
    let removal = match edit {
        EditKey::Clear => remove(0, text.len()),
        EditKey::DeleteWordBack => remove(word_start_before(text, at), at),
        EditKey::Backspace => remove(prev_boundary(text, at), at),
        EditKey::Delete => remove(at, next_boundary(text, at)),
        _ => None,
    };
    let move_to = match edit {
        EditKey::Left => Some(prev_boundary(text, at)),
        EditKey::Right => Some(next_boundary(text, at)),
        EditKey::LineStart => Some(line_start),
        EditKey::LineEnd => Some(line_end),
        _ => None,
    };
    Some(match edit {
        EditKey::Up | EditKey::Down => return None,
        EditKey::Insert(c) if b.insert(c) => Edit::Changed,
        EditKey::Insert(_) => Edit::Moved,
        _ => {
            if let Some((start, end)) = removal {
                b.remove(start, end);
                Edit::Changed
            } else {
                if let Some(to) = move_to {
                    b.set_at(to);
                }
                Edit::Moved
            }
        }
    })
}

/// The char boundary before byte offset `at` (0 at the start).
pub fn prev_boundary(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.char_indices().next_back())
        .map_or(0, |(i, _)| i)
}

/// The char boundary after byte offset `at` (the end at the end).
pub fn next_boundary(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// Where a shell's ctrl-w starts deleting from `at`: back over spaces, then over the word.
pub fn word_start_before(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or_default();
    let trimmed = before.trim_end_matches(char::is_whitespace);
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

impl TextInput {
    /// An empty input that never grows past `max_chars` characters.
    pub fn new(max_chars: usize) -> Self {
        TextInput {
            text: String::new(),
            cursor: 0,
            max_chars,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The cursor position in characters from the start.
    pub fn cursor(&self) -> usize {
        self.before_cursor().chars().count()
    }

    /// The cursor's display column (wide characters count twice).
    pub fn cursor_column(&self) -> usize {
        Span::raw(self.before_cursor()).width()
    }

    fn before_cursor(&self) -> &str {
        self.text.get(..self.cursor).unwrap_or_default()
    }

    fn len_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Inserts text at the cursor. Line breaks and tabs become spaces and other control
    /// characters are dropped, because the box holds one line. Returns false when the text had
    /// to be cut to fit `max_chars`.
    pub fn insert_str(&mut self, s: &str) -> bool {
        let room = self.max_chars.saturating_sub(self.len_chars());
        let cleaned: Vec<char> = s
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let fits = cleaned.len() <= room;
        let piece: String = cleaned.into_iter().take(room).collect();
        self.text.insert_str(self.cursor, &piece);
        self.cursor += piece.len();
        fits
    }

    pub fn set_text(&mut self, text: &str) {
        self.clear();
        self.insert_str(text);
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies an editing key (see [`EditKey::of`]); up and down are not this box's.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        EditKey::of(key)
            .and_then(|edit| apply(self, edit))
            .unwrap_or(Edit::Ignored)
    }
}

impl_buffer!(TextInput {});

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(text: &str) -> TextInput {
        let mut input = TextInput::new(100);
        for c in text.chars() {
            input.handle_key(&key(KeyCode::Char(c)));
        }
        input
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut input = typed("jwt");
        input.handle_key(&key(KeyCode::Home));
        input.handle_key(&key(KeyCode::Char('>')));
        assert_eq!(input.text(), ">jwt");
        assert_eq!(input.cursor(), 1);
    }

    #[test]
    fn backspace_and_delete_remove_one_character() {
        let mut input = typed("abc");
        assert_eq!(input.handle_key(&key(KeyCode::Backspace)), Edit::Changed);
        input.handle_key(&key(KeyCode::Home));
        assert_eq!(input.handle_key(&key(KeyCode::Delete)), Edit::Changed);
        assert_eq!(input.text(), "b");
        input.handle_key(&key(KeyCode::Home));
        assert_eq!(input.handle_key(&key(KeyCode::Backspace)), Edit::Moved);
    }

    #[test]
    fn multibyte_characters_are_edited_whole() {
        let mut input = typed("añb");
        input.handle_key(&key(KeyCode::Left));
        input.handle_key(&key(KeyCode::Backspace));
        assert_eq!(input.text(), "ab");
        assert_eq!(input.cursor_column(), 1);
    }

    #[test]
    fn ctrl_w_deletes_the_previous_word_and_ctrl_u_clears() {
        let mut input = typed("audience is  ");
        input.handle_key(&ctrl('w'));
        assert_eq!(input.text(), "audience ");
        input.handle_key(&ctrl('u'));
        assert!(input.is_empty());
    }

    #[test]
    fn control_keys_other_than_editing_ones_are_ignored() {
        let mut input = typed("x");
        assert_eq!(input.handle_key(&ctrl('v')), Edit::Ignored);
        assert_eq!(input.handle_key(&key(KeyCode::Enter)), Edit::Ignored);
        assert_eq!(input.text(), "x");
    }

    #[test]
    fn pasted_text_is_one_line_and_bounded() {
        let mut input = TextInput::new(8);
        assert!(!input.insert_str("a\nb\tc\u{7}defghijk"));
        assert_eq!(input.text(), "a b cdef");
        assert_eq!(input.cursor(), 8);
        assert!(!input.insert('z'));
        assert_eq!(input.text(), "a b cdef");
    }
}
