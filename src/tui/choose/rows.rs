//! Building blocks for the Choose tab's laid-out text: what its clickable stretches stand for,
//! wrapped rows, and boxes drawn around groups of lines (the outcome's cards).

use crate::model::EntryRef;
use crate::text::{width as text_width, wrap};
use crate::tui::laid::{self, LineBuilder, Spot};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use ratatui::style::Style;

/// What a stretch of the Choose tab's text does when it is clicked or selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hot {
    /// An option of the question on screen, by index.
    Option(usize),
    /// A breadcrumb segment: the answered question it names.
    Crumb(String),
    /// A link: its index among the links in reading order, and where it points.
    Link(usize, EntryRef),
}

/// The Choose tab's text laid out for one width.
pub type Laid = laid::Laid<Hot>;

impl Laid {
    /// The links' spots in reading order (a link's index is its place in this order).
    pub fn links(&self) -> impl Iterator<Item = (&Spot<Hot>, &EntryRef)> {
        self.spots.iter().filter_map(|s| match &s.target {
            Hot::Link(_, target) => Some((s, target)),
            _ => None,
        })
    }

    pub fn link(&self, index: usize) -> Option<&EntryRef> {
        self.links().nth(index).map(|(_, target)| target)
    }

    pub fn link_count(&self) -> usize {
        self.links().count()
    }

    /// The line a link is drawn on.
    pub fn link_line(&self, index: usize) -> Option<usize> {
        self.links().nth(index).map(|(s, _)| s.line())
    }

    /// The first and last line an option takes.
    pub fn option_lines(&self, index: usize) -> Option<(usize, usize)> {
        let lines = self.lines_of(&Hot::Option(index))?;
        Some((lines.start, lines.end.saturating_sub(1).max(lines.start)))
    }
}

/// `text` wrapped to `width` after `prefix`, continuation lines indented to line up.
pub fn hanging(
    prefix: &str,
    prefix_style: Style,
    text: &str,
    style: Style,
    width: usize,
) -> Vec<LineBuilder<Hot>> {
    let indent = text_width(prefix);
    wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let mut row = LineBuilder::new();
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
        let mut row = LineBuilder::new();
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
    pub fn row(&self, out: &mut Laid, content: LineBuilder<Hot>) {
        let inner = self.inner();
        let mut row = LineBuilder::new();
        row.push("│ ", self.border);
        row.append(content);
        row.pad_to(2 + inner);
        row.push(" │", self.border);
        row.finish(out);
    }

    pub fn rows(&self, out: &mut Laid, rows: Vec<LineBuilder<Hot>>) {
        for r in rows {
            self.row(out, r);
        }
    }

    /// Link segments (`→ kind:id`) in rows inside the box, after `indent` columns; each link's
    /// index follows the links already in `out`, and the one whose index is `selected` is
    /// highlighted.
    pub fn links(
        &self,
        out: &mut Laid,
        targets: &[EntryRef],
        indent: usize,
        selected: Option<usize>,
        theme: &Theme,
    ) {
        let first = out.link_count();
        let mut rows = Vec::new();
        let mut row = LineBuilder::new();
        for (i, target) in targets.iter().enumerate() {
            let text = target.to_string();
            let needed = 2 + text_width(&text);
            if !row.is_empty() && row.width() + 2 + needed > self.inner() {
                rows.push(std::mem::take(&mut row));
            }
            if row.is_empty() {
                row.push(" ".repeat(indent), Style::new());
            } else {
                row.push("  ", Style::new());
            }
            let index = first + i;
            let style = link_style(index, selected, theme);
            row.push("→ ", theme.dim);
            row.push_spot(text, style, Hot::Link(index, target.clone()));
        }
        if !row.is_empty() {
            rows.push(row);
        }
        self.rows(out, rows);
    }

    pub fn blank_row(&self, out: &mut Laid) {
        self.row(out, LineBuilder::new());
    }

    pub fn bottom(&self, out: &mut Laid) {
        let mut row = LineBuilder::new();
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
        b.links(&mut laid, &targets, 0, Some(1), &theme);
        assert_eq!(laid.lines.len(), 2, "the third link wraps");
        let first = &text(&laid)[0];
        let at = first.find("flow:").unwrap();
        let column = first[..at].chars().count();
        assert_eq!(laid.hit(0, column), Some(&Hot::Link(1, targets[1].clone())));
        assert_eq!(laid.hit(1, 4), Some(&Hot::Link(2, targets[2].clone())));
        assert_eq!(laid.link_line(2), Some(1));
        assert_eq!(laid.link_count(), 3);
        assert_eq!(laid.link(0), Some(&targets[0]));
        // A second group of links numbers on from the first.
        b.links(&mut laid, &targets[..1], 0, None, &theme);
        assert_eq!(laid.link_count(), 4);
        assert_eq!(laid.hit(2, 4), Some(&Hot::Link(3, targets[0].clone())));
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
