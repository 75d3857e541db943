//! Text laid out for one width, with the stretches of it that a click or a selection can land
//! on. Every tab that lays out its own text (model documents, the Choose and Drill tabs) builds
//! one of these, so drawing, scrolling to a highlight and hit-testing a click all read the same
//! layout, and each tab says with `T` what its stretches stand for (an entry, an option...).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// The columns of a spot that takes its lines whole.
const WHOLE_LINE: Range<usize> = 0..usize::MAX;

/// A stretch of laid-out text that stands for `target`: the columns `columns` of each line in
/// `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot<T> {
    pub lines: Range<usize>,
    pub columns: Range<usize>,
    pub target: T,
}

impl<T> Spot<T> {
    /// The line the spot starts on.
    pub fn line(&self) -> usize {
        self.lines.start
    }

    pub fn contains(&self, line: usize, column: usize) -> bool {
        self.lines.contains(&line) && self.columns.contains(&column)
    }
}

/// Styled lines for one width, and their spots in the order they were laid out.
#[derive(Debug, Clone)]
pub struct Laid<T> {
    pub lines: Vec<Line<'static>>,
    pub spots: Vec<Spot<T>>,
}

impl<T> Default for Laid<T> {
    fn default() -> Self {
        Laid {
            lines: Vec::new(),
            spots: Vec::new(),
        }
    }
}

impl<T> Laid<T> {
    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A line of one styled text, standing for nothing.
    pub fn text(&mut self, text: &'static str, style: Style) {
        self.lines.push(Line::styled(text, style));
    }

    /// Marks lines `lines`, every column of them, as standing for `target`.
    pub fn mark_lines(&mut self, lines: Range<usize>, target: T) {
        self.spots.push(Spot {
            lines,
            columns: WHOLE_LINE,
            target,
        });
    }

    /// Marks columns `columns` of line `line` as standing for `target`.
    pub fn mark(&mut self, line: usize, columns: Range<usize>, target: T) {
        self.spots.push(Spot {
            lines: line..line + 1,
            columns,
            target,
        });
    }

    /// The first spot under column `column` of line `line`.
    pub fn spot_at(&self, line: usize, column: usize) -> Option<&Spot<T>> {
        self.spots.iter().find(|s| s.contains(line, column))
    }

    /// What column `column` of line `line` stands for.
    pub fn hit(&self, line: usize, column: usize) -> Option<&T> {
        self.spot_at(line, column).map(|s| &s.target)
    }
}

impl<T: PartialEq> Laid<T> {
    /// The lines that the spots standing for `target` take, from the first to the last.
    pub fn lines_of(&self, target: &T) -> Option<Range<usize>> {
        self.spots
            .iter()
            .filter(|s| s.target == *target)
            .map(|s| s.lines.clone())
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
    }
}

/// One line being assembled, span by span, with the width used so far and the spots on it
/// (columns counted from the line's start).
#[derive(Debug)]
pub struct LineBuilder<T> {
    spans: Vec<Span<'static>>,
    width: usize,
    spots: Vec<(Range<usize>, T)>,
}

impl<T> Default for LineBuilder<T> {
    fn default() -> Self {
        LineBuilder {
            spans: Vec::new(),
            width: 0,
            spots: Vec::new(),
        }
    }
}

impl<T> LineBuilder<T> {
    pub fn new() -> Self {
        LineBuilder::default()
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn push(&mut self, text: impl Into<String>, style: Style) -> &mut Self {
        let span = Span::styled(text.into(), style);
        self.width += span.width();
        self.spans.push(span);
        self
    }

    /// Adds a span that stands for `target`.
    pub fn push_spot(&mut self, text: impl Into<String>, style: Style, target: T) -> &mut Self {
        let start = self.width;
        self.push(text, style);
        self.spots.push((start..self.width, target));
        self
    }

    /// Marks everything pushed since column `start` as one spot.
    pub fn mark_from(&mut self, start: usize, target: T) -> &mut Self {
        self.spots.push((start..self.width, target));
        self
    }

    /// Marks the whole line, as it stands, as one spot.
    pub fn mark_all(&mut self, target: T) -> &mut Self {
        self.mark_from(0, target)
    }

    /// Pads with spaces to `width` columns.
    pub fn pad_to(&mut self, width: usize) -> &mut Self {
        if self.width < width {
            self.push(" ".repeat(width - self.width), Style::new());
        }
        self
    }

    /// Moves another line's spans (and spots) onto the end of this one.
    pub fn append(&mut self, other: LineBuilder<T>) -> &mut Self {
        let shift = self.width;
        self.spans.extend(other.spans);
        self.width += other.width;
        self.spots.extend(
            other
                .spots
                .into_iter()
                .map(|(columns, target)| (columns.start + shift..columns.end + shift, target)),
        );
        self
    }

    /// The line as plain text in one style (a selected line reads as one bar).
    pub fn flatten(self, style: Style) -> LineBuilder<T> {
        let text: String = self.spans.iter().map(|s| s.content.as_ref()).collect();
        LineBuilder {
            spans: vec![Span::styled(text, style)],
            width: self.width,
            spots: self.spots,
        }
    }

    /// Adds the line, and its spots, at the end of `out`.
    pub fn finish(self, out: &mut Laid<T>) {
        let line = out.lines.len();
        for (columns, target) in self.spots {
            out.mark(line, columns, target);
        }
        out.lines.push(Line::from(self.spans));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Target {
        A,
        B,
        C,
    }

    /// `one [A] two [B]` on line 0, a blank line, then lines 2..4 marked whole as C.
    fn sample() -> Laid<Target> {
        let mut laid = Laid::default();
        let mut line = LineBuilder::new();
        line.push("one ", Style::new())
            .push_spot("[A]", Style::new(), Target::A)
            .push(" two ", Style::new())
            .push_spot("[B]", Style::new(), Target::B);
        line.finish(&mut laid);
        laid.blank();
        laid.lines.push(Line::raw("three"));
        laid.lines.push(Line::raw("four"));
        laid.mark_lines(2..4, Target::C);
        laid
    }

    #[test]
    fn a_click_hits_the_spot_under_it_and_nothing_beside_it() {
        let laid = sample();
        assert_eq!(laid.lines[0].to_string(), "one [A] two [B]");
        assert_eq!(laid.hit(0, 3), None, "the space before [A]");
        assert_eq!(laid.hit(0, 4), Some(&Target::A));
        assert_eq!(laid.hit(0, 6), Some(&Target::A));
        assert_eq!(laid.hit(0, 7), None, "the space after [A]");
        assert_eq!(laid.hit(0, 12), Some(&Target::B));
        assert_eq!(laid.hit(0, 15), None, "past the end of the line");
        assert_eq!(laid.hit(1, 4), None, "the blank line");
        assert_eq!(laid.hit(5, 0), None, "below the text");
    }

    #[test]
    fn whole_line_spots_take_every_column_of_their_lines() {
        let laid = sample();
        assert_eq!(laid.hit(2, 0), Some(&Target::C));
        assert_eq!(laid.hit(3, 500), Some(&Target::C));
        assert_eq!(laid.lines_of(&Target::C), Some(2..4));
        assert_eq!(laid.spot_at(3, 1).map(Spot::line), Some(2));
    }

    #[test]
    fn lines_of_spans_every_spot_of_a_target() {
        let mut laid = sample();
        let mut line = LineBuilder::new();
        line.push_spot("again", Style::new(), Target::A);
        line.finish(&mut laid);
        assert_eq!(laid.lines_of(&Target::A), Some(0..5));
        assert_eq!(laid.lines_of(&Target::B), Some(0..1));
        let empty: Laid<Target> = Laid::default();
        assert_eq!(empty.lines_of(&Target::A), None);
    }

    #[test]
    fn appended_spots_move_right_by_the_width_before_them() {
        let mut inner = LineBuilder::new();
        inner.push("ab", Style::new()).mark_all(Target::A);
        let mut line = LineBuilder::new();
        line.push("│ ", Style::new()).append(inner);
        line.pad_to(6).push("│", Style::new());
        assert_eq!(line.width(), 7);
        let mut laid = Laid::default();
        line.flatten(Style::new()).finish(&mut laid);
        assert_eq!(laid.lines[0].to_string(), "│ ab  │");
        assert_eq!(laid.hit(0, 1), None);
        assert_eq!(laid.hit(0, 2), Some(&Target::A));
        assert_eq!(laid.hit(0, 3), Some(&Target::A));
        assert_eq!(laid.hit(0, 4), None);
    }

    #[test]
    fn wide_characters_count_their_columns() {
        let mut line = LineBuilder::new();
        line.push("日本", Style::new())
            .push_spot("x", Style::new(), Target::A);
        let mut laid = Laid::default();
        line.finish(&mut laid);
        assert_eq!(laid.hit(0, 3), None);
        assert_eq!(laid.hit(0, 4), Some(&Target::A));
    }
}
