//! Building blocks for the Choose tab's laid-out text: lines that remember which stretches can
//! be clicked or selected, and boxes drawn around groups of lines (the outcome's cards).

use crate::model::EntryRef;
use crate::text::{width as text_width, wrap};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// What a stretch of a line does when it is clicked or selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hot {
    /// An option of the question on screen, by index.
    Option(usize),
    /// A breadcrumb segment: the answered question it names.
    Crumb(String),
    /// A link, by its index in [`Laid::links`].
    Link(usize),
}

/// A clickable stretch: columns `start..end` of line `line` of the text area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub hot: Hot,
}

/// A screen's text laid out for one width, with its clickable stretches and, in reading
/// order, the entries its links point to.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    pub spots: Vec<Spot>,
    pub links: Vec<EntryRef>,
}

impl Laid {
    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A line of one styled text.
    pub fn text(&mut self, text: &'static str, style: Style) {
        self.lines.push(Line::styled(text, style));
    }

    /// What is at column `column` of line `line`.
    pub fn hit(&self, line: usize, column: usize) -> Option<&Hot> {
        self.spots
            .iter()
            .find(|s| s.line == line && (s.start..s.end).contains(&column))
            .map(|s| &s.hot)
    }

    /// The line a link is drawn on.
    pub fn link_line(&self, index: usize) -> Option<usize> {
        self.spots
            .iter()
            .find(|s| s.hot == Hot::Link(index))
            .map(|s| s.line)
    }

    /// The first and last line an option takes.
    pub fn option_lines(&self, index: usize) -> Option<(usize, usize)> {
        let mut lines = self
            .spots
            .iter()
            .filter(|s| s.hot == Hot::Option(index))
            .map(|s| s.line);
        let first = lines.next()?;
        Some((first, lines.next_back().unwrap_or(first)))
    }

    fn push_row(&mut self, row: Row) {
        let line = self.lines.len();
        for (start, end, hot) in row.spots {
            self.spots.push(Spot {
                line,
                start,
                end,
                hot,
            });
        }
        self.lines.push(Line::from(row.spans));
    }
}

/// One line being assembled, span by span, with the width used so far.
#[derive(Debug, Default)]
pub struct Row {
    spans: Vec<Span<'static>>,
    width: usize,
    spots: Vec<(usize, usize, Hot)>,
}

impl Row {
    pub fn new() -> Self {
        Row::default()
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

    /// Adds a span that does something when clicked.
    pub fn push_hot(&mut self, text: impl Into<String>, style: Style, hot: Hot) -> &mut Self {
        let start = self.width;
        self.push(text, style);
        self.spots.push((start, self.width, hot));
        self
    }

    /// Marks everything pushed since column `start` as one clickable stretch.
    pub fn mark_from(&mut self, start: usize, hot: Hot) -> &mut Self {
        self.spots.push((start, self.width, hot));
        self
    }

    /// Pads with spaces to `width` columns.
    pub fn pad_to(&mut self, width: usize) -> &mut Self {
        if self.width < width {
            self.push(" ".repeat(width - self.width), Style::new());
        }
        self
    }

    /// Moves another row's spans (and spots) onto the end of this one.
    pub fn append(&mut self, other: Row) -> &mut Self {
        let shift = self.width;
        self.spans.extend(other.spans);
        self.width += other.width;
        self.spots.extend(
            other
                .spots
                .into_iter()
                .map(|(s, e, hot)| (s + shift, e + shift, hot)),
        );
        self
    }

    /// Marks the whole row, as it stands, as one clickable stretch.
    pub fn all_hot(&mut self, hot: Hot) -> &mut Self {
        self.spots.push((0, self.width, hot));
        self
    }

    /// The row as plain text in one style (a selected row reads as one bar).
    pub fn flatten(self, style: Style) -> Row {
        let text: String = self.spans.iter().map(|s| s.content.as_ref()).collect();
        Row {
            spans: vec![Span::styled(text, style)],
            width: self.width,
            spots: self.spots,
        }
    }

    pub fn finish(self, out: &mut Laid) {
        out.push_row(self);
    }
}

/// `text` wrapped to `width` after `prefix`, continuation lines indented to line up.
pub fn hanging(
    prefix: &str,
    prefix_style: Style,
    text: &str,
    style: Style,
    width: usize,
) -> Vec<Row> {
    let indent = text_width(prefix);
    wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let mut row = Row::new();
            if i == 0 {
                row.push(prefix, prefix_style);
            } else {
                row.push(" ".repeat(indent), Style::new());
            }
            row.push(piece, style);
            row
        })
        .collect()
}

/// Link segments (`→ kind:id`) laid out in rows of at most `width` columns, each registered in
/// `out.links`; the link whose index is `selected` is highlighted.
pub fn link_rows(
    out: &mut Laid,
    targets: &[EntryRef],
    indent: usize,
    width: usize,
    selected: Option<usize>,
    theme: &Theme,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut row = Row::new();
    for target in targets {
        let text = target.to_string();
        let needed = 2 + text_width(&text);
        if !row.is_empty() && row.width() + 2 + needed > width {
            rows.push(std::mem::take(&mut row));
        }
        if row.is_empty() {
            row.push(" ".repeat(indent), Style::new());
        } else {
            row.push("  ", Style::new());
        }
        let index = out.links.len();
        out.links.push(target.clone());
        let style = link_style(index, selected, theme);
        row.push("→ ", theme.dim);
        row.push_hot(text, style, Hot::Link(index));
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

pub fn link_style(index: usize, selected: Option<usize>, theme: &Theme) -> Style {
    if selected == Some(index) {
        theme.link_selected
    } else {
        theme.link
    }
}

/// A box of `width` columns around rows: a rounded border with a title on top (and a badge at
/// its right end), one column of padding inside.
pub struct Boxed {
    width: usize,
    border: Style,
}

impl Boxed {
    pub fn new(width: usize, border: Style) -> Self {
        Boxed { width, border }
    }

    /// Columns inside the border and its padding.
    pub fn inner(&self) -> usize {
        self.width.saturating_sub(4).max(1)
    }

    pub fn top(
        &self,
        out: &mut Laid,
        title: &str,
        title_style: Style,
        badge: Option<(&str, Style)>,
    ) {
        let badge_width = badge.map_or(0, |(b, _)| text_width(b) + 3);
        // "╭─ " + title + " " + rule + badge + "╮"
        let room = self.width.saturating_sub(5 + badge_width);
        let title = truncate(title, room);
        let mut row = Row::new();
        row.push("╭─ ", self.border);
        row.push(title, title_style);
        row.push(" ", self.border);
        let rule = self
            .width
            .saturating_sub(row.width() + badge_width + 1)
            .max(1);
        row.push("─".repeat(rule), self.border);
        if let Some((text, style)) = badge {
            row.push(" ", self.border);
            row.push(text, style);
            row.push(" ─", self.border);
        }
        row.push("╮", self.border);
        row.finish(out);
    }

    /// One row inside the box; its spots move right past the border.
    pub fn row(&self, out: &mut Laid, content: Row) {
        let inner = self.inner();
        let mut row = Row::new();
        row.push("│ ", self.border);
        row.append(content);
        row.pad_to(2 + inner);
        row.push(" │", self.border);
        row.finish(out);
    }

    pub fn rows(&self, out: &mut Laid, rows: Vec<Row>) {
        for r in rows {
            self.row(out, r);
        }
    }

    pub fn blank_row(&self, out: &mut Laid) {
        self.row(out, Row::new());
    }

    pub fn bottom(&self, out: &mut Laid) {
        let mut row = Row::new();
        row.push(
            format!("╰{}╯", "─".repeat(self.width.saturating_sub(2))),
            self.border,
        );
        row.finish(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(laid: &Laid) -> Vec<String> {
        laid.lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn boxes_are_exactly_as_wide_as_asked() {
        let theme = Theme::mono();
        let mut laid = Laid::default();
        let b = Boxed::new(30, theme.border);
        b.top(
            &mut laid,
            "A title",
            theme.title,
            Some(("recommended", theme.base)),
        );
        b.rows(
            &mut laid,
            hanging(
                "",
                theme.base,
                "one two three four five six seven eight",
                theme.base,
                b.inner(),
            ),
        );
        b.bottom(&mut laid);
        for line in text(&laid) {
            assert_eq!(line.chars().count(), 30, "{line}");
        }
        assert_eq!(text(&laid)[0], "╭─ A title ──── recommended ─╮");
        assert_eq!(text(&laid)[1], "│ one two three four five    │");
    }

    #[test]
    fn link_spots_sit_under_their_text_inside_a_box() {
        let theme = Theme::mono();
        let mut laid = Laid::default();
        let b = Boxed::new(50, theme.border);
        let targets: Vec<EntryRef> = ["strategy:jwt-bearer", "flow:jwt-bearer", "card:x"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let rows = link_rows(&mut laid, &targets, 0, b.inner(), Some(1), &theme);
        assert_eq!(rows.len(), 2, "the third link wraps");
        b.rows(&mut laid, rows);
        let first = &text(&laid)[0];
        let at = first.find("flow:").unwrap();
        let column = first[..at].chars().count();
        assert_eq!(laid.hit(0, column), Some(&Hot::Link(1)));
        assert_eq!(laid.hit(1, 4), Some(&Hot::Link(2)));
        assert_eq!(laid.link_line(2), Some(1));
        assert_eq!(laid.links.len(), 3);
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        let theme = Theme::dark();
        for width in 0..6 {
            let mut laid = Laid::default();
            let b = Boxed::new(width, theme.border);
            b.top(
                &mut laid,
                "Title",
                theme.title,
                Some(("supported", theme.base)),
            );
            b.rows(
                &mut laid,
                hanging("[ ] ", theme.dim, "text", theme.base, b.inner()),
            );
            b.bottom(&mut laid);
            assert!(laid.lines.len() >= 3);
        }
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 0), "");
    }
}
