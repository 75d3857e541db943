//! The live target form (`T` in Flows): where `r` here and `t` in Inspect send their
//! requests. It holds only what is typed; `App` checks it, reads the key file once, and keeps
//! the target.

use crate::tui::component::Intent;
use crate::tui::live::TargetInput;
use crate::tui::text_input::TextInput;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

const MAX_CHARS: usize = 2048;

/// The fields, in order, with their labels.
const FIELDS: [&str; 5] = [
    "Login URL",
    "Client id",
    "Username",
    "Key file",
    "Client secret",
];
const SECRET: usize = 4;
/// Characters the labels take, with the gap after them.
pub const LABEL_WIDTH: u16 = 15;

#[derive(Clone)]
pub struct TargetForm {
    inputs: [TextInput; 5],
    focus: usize,
}

impl std::fmt::Debug for TargetForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The client secret is never printed.
        write!(f, "TargetForm(field {})", self.focus)
    }
}

impl TargetForm {
    /// The form filled with the last target the user set.
    pub fn new(last: &TargetInput) -> Self {
        let mut inputs = std::array::from_fn(|_| TextInput::new(MAX_CHARS));
        for (input, text) in inputs.iter_mut().zip([
            &last.login_url,
            &last.client_id,
            &last.username,
            &last.key_path,
            &last.client_secret,
        ]) {
            input.set_text(text);
        }
        TargetForm { inputs, focus: 0 }
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn move_focus(&mut self, forward: bool) {
        let n = FIELDS.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    pub fn edit(&mut self, key: &KeyEvent) -> Intent {
        if let Some(input) = self.inputs.get_mut(self.focus) {
            input.handle_key(key);
        }
        Intent::None
    }

    pub fn paste(&mut self, text: &str) -> Intent {
        let fits = self
            .inputs
            .get_mut(self.focus)
            .is_some_and(|input| input.insert_str(text.trim()));
        if fits {
            Intent::None
        } else {
            Intent::Status("pasted text cut to fit the field".into())
        }
    }

    pub fn input(&self) -> TargetInput {
        let text = |i: usize| self.inputs[i].text().to_string();
        TargetInput {
            login_url: text(0),
            client_id: text(1),
            username: text(2),
            key_path: text(3),
            client_secret: text(4),
        }
    }

    /// The cursor's column inside the focused field's text.
    pub fn cursor_column(&self) -> usize {
        if self.focus == SECRET {
            self.inputs[SECRET].cursor()
        } else {
            self.inputs[self.focus].cursor_column()
        }
    }

    /// The form as lines, `width` wide: a line per field, then what an empty URL means.
    pub fn lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let room = width.saturating_sub(usize::from(LABEL_WIDTH));
        let mut out: Vec<Line<'static>> = FIELDS
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let text = self.inputs[i].text();
                let shown = if i == SECRET {
                    "•".repeat(text.chars().count())
                } else {
                    text.to_string()
                };
                // Keep the end in view: that is where typing happens.
                let skip = shown.chars().count().saturating_sub(room.saturating_sub(1));
                let shown: String = shown.chars().skip(skip).collect();
                let style = if i == self.focus {
                    theme.selected
                } else {
                    theme.base
                };
                Line::from(vec![
                    Span::styled(format!(" {label:<13} "), theme.key),
                    Span::styled(shown, style),
                ])
            })
            .collect();
        out.push(Line::default());
        for hint in [
            " An empty login URL runs against sfauth's local org (started in-process);",
            " there a filled field replaces the demo app's value, to see a refusal.",
            " JWT bearer needs the key file and username; client credentials the secret.",
            " The key is read once when you leave the form; nothing is written to disk.",
        ] {
            out.push(Line::styled(hint.to_string(), theme.dim));
        }
        out
    }
}
