//! A one-line text box: the text, a cursor, and the edits a search field needs.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Span;

/// A single line of text with a cursor counted in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
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
        self.cursor
    }

    /// The cursor's display column (wide characters count twice).
    pub fn cursor_column(&self) -> usize {
        Span::raw(&self.text[..self.byte_at(self.cursor)]).width()
    }

    fn len_chars(&self) -> usize {
        self.text.chars().count()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
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
        let at = self.byte_at(self.cursor);
        self.cursor += piece.chars().count();
        self.text.insert_str(at, &piece);
        fits
    }

    pub fn insert_char(&mut self, c: char) -> bool {
        let mut buf = [0u8; 4];
        self.insert_str(c.encode_utf8(&mut buf))
    }

    pub fn set_text(&mut self, text: &str) {
        self.clear();
        self.insert_str(text);
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn backspace(&mut self) -> Edit {
        if self.cursor == 0 {
            return Edit::Moved;
        }
        let start = self.byte_at(self.cursor - 1);
        let end = self.byte_at(self.cursor);
        self.text.replace_range(start..end, "");
        self.cursor -= 1;
        Edit::Changed
    }

    fn delete(&mut self) -> Edit {
        if self.cursor >= self.len_chars() {
            return Edit::Moved;
        }
        let start = self.byte_at(self.cursor);
        let end = self.byte_at(self.cursor + 1);
        self.text.replace_range(start..end, "");
        Edit::Changed
    }

    /// Deletes the word before the cursor, and the spaces after it (like a shell's ctrl-w).
    fn delete_word_back(&mut self) -> Edit {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor.min(chars.len());
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == self.cursor {
            return Edit::Moved;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
        Edit::Changed
    }

    /// Applies an editing key: printable characters, Backspace, Delete, Left, Right, Home,
    /// End, ctrl-a, ctrl-e, ctrl-u (clear) and ctrl-w (delete a word).
    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                if self.text.is_empty() {
                    Edit::Moved
                } else {
                    self.clear();
                    Edit::Changed
                }
            }
            KeyCode::Char('w') if ctrl => self.delete_word_back(),
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.len_chars();
                Edit::Moved
            }
            KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => Edit::Ignored,
            KeyCode::Char(c) => {
                self.insert_char(c);
                Edit::Changed
            }
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                Edit::Moved
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(self.len_chars());
                Edit::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::End => {
                self.cursor = self.len_chars();
                Edit::Moved
            }
            _ => Edit::Ignored,
        }
    }
}

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
        assert!(!input.insert_char('z'));
        assert_eq!(input.text(), "a b cdef");
    }
}
