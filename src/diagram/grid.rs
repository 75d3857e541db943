//! A rectangle of character cells, each tagged with what it draws so a front end can colour it.

use super::text::char_width;
use crate::model::StepKind;

/// What a cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Blank,
    /// The left gutter that marks the highlighted step.
    Marker,
    ParticipantBorder,
    ParticipantLabel,
    Lifeline,
    /// An arrow's shaft or head (a self-step's loop for internal steps).
    Arrow(StepKind),
    /// The `3.` in front of a step label.
    StepNumber,
    StepLabel,
    NoteBorder,
    NoteText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub ch: char,
    pub role: Role,
    /// The step (0-based) this cell draws, if it draws one.
    pub step: Option<usize>,
    /// The right half of a two-column char in the cell before; it draws nothing itself.
    pub continuation: bool,
}

impl Cell {
    pub const BLANK: Cell = Cell {
        ch: ' ',
        role: Role::Blank,
        step: None,
        continuation: false,
    };

    /// The char to show when `highlight` is the current step: gutter marks only show for it.
    pub fn glyph(&self, highlight: Option<usize>) -> char {
        if self.role == Role::Marker && (highlight.is_none() || self.step != highlight) {
            ' '
        } else {
            self.ch
        }
    }
}

pub(super) struct Grid {
    pub width: usize,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn new(width: usize) -> Self {
        Grid {
            width,
            rows: Vec::new(),
        }
    }

    /// Appends a blank row and returns its index.
    pub fn push_row(&mut self) -> usize {
        self.rows.push(vec![Cell::BLANK; self.width]);
        self.rows.len() - 1
    }

    /// Sets one single-column char; out-of-range positions are ignored so a drawing mistake can
    /// never panic or widen a line.
    pub fn put(&mut self, row: usize, col: usize, ch: char, role: Role, step: Option<usize>) {
        let Some(line) = self.rows.get_mut(row) else {
            return;
        };
        if col >= line.len() {
            return;
        }
        // Overwriting half of a two-column char leaves the other half blank, so the line keeps
        // its width.
        if line[col].continuation && col > 0 {
            line[col - 1] = Cell::BLANK;
        }
        if let Some(next) = line.get_mut(col + 1)
            && next.continuation
        {
            *next = Cell::BLANK;
        }
        line[col] = Cell {
            ch,
            role,
            step,
            continuation: false,
        };
    }

    /// Writes `text` from `col`, stopping before `end` (exclusive); two-column chars take a cell
    /// and a continuation cell. Returns the column after the last one written.
    pub fn put_str(
        &mut self,
        row: usize,
        col: usize,
        end: usize,
        text: &str,
        role: Role,
        step: Option<usize>,
    ) -> usize {
        let end = end.min(self.width);
        let mut x = col;
        for ch in text.chars() {
            let w = char_width(ch);
            if w == 0 {
                continue;
            }
            if x + w > end {
                break;
            }
            self.put(row, x, ch, role, step);
            if w == 2
                && let Some(cell) = self.rows.get_mut(row).and_then(|r| r.get_mut(x + 1))
            {
                *cell = Cell {
                    ch: ' ',
                    role,
                    step,
                    continuation: true,
                };
            }
            x += w;
        }
        x
    }

    pub fn repeat(
        &mut self,
        row: usize,
        cols: std::ops::Range<usize>,
        ch: char,
        role: Role,
        step: Option<usize>,
    ) {
        for x in cols {
            self.put(row, x, ch, role, step);
        }
    }
}
