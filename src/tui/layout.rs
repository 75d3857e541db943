//! The screen's layout as pure functions of its size, shared by rendering and by input
//! handling (mouse hits, page sizes), so neither has to remember the last frame.

use super::tabs::TabId;
use ratatui::layout::Rect;
use std::ops::Range;

/// The smallest screen the layout works at.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub const APP_LABEL: &str = " sfauth ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shell {
    pub tab_bar: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn too_small_message(area: Rect) -> String {
    format!(
        "terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
        area.width, area.height
    )
}

/// Tab bar on the first row, status line and key hints on the last two, the tab in between.
pub fn shell(area: Rect) -> Shell {
    let row = |y: u16| Rect::new(area.x, y, area.width, u16::from(area.height > 0));
    let bottom = area.y.saturating_add(area.height);
    Shell {
        tab_bar: row(area.y),
        body: Rect::new(
            area.x,
            area.y.saturating_add(1),
            area.width,
            area.height.saturating_sub(3),
        ),
        status: row(bottom.saturating_sub(2)),
        footer: row(bottom.saturating_sub(1)),
    }
}

/// The title shown for a tab in the bar: its number key and name.
pub fn tab_label(tab: TabId) -> String {
    format!(" {} {} ", tab.number(), tab.title())
}

/// Each tab's column span in the tab bar, after the app label and one space.
pub fn tab_spans(bar: Rect) -> Vec<(TabId, u16, u16)> {
    let mut x = bar.x.saturating_add(width_of(APP_LABEL) + 1);
    TabId::ALL
        .into_iter()
        .map(|tab| {
            let w = width_of(&tab_label(tab));
            let span = (tab, x, w);
            x = x.saturating_add(w);
            span
        })
        .collect()
}

/// The tab under a click on the tab bar.
pub fn tab_at(bar: Rect, column: u16, row: u16) -> Option<TabId> {
    if row != bar.y || bar.height == 0 {
        return None;
    }
    tab_spans(bar)
        .into_iter()
        .find(|(_, x, w)| column >= *x && column < x.saturating_add(*w))
        .map(|(tab, ..)| tab)
}

fn width_of(s: &str) -> u16 {
    u16::try_from(s.chars().count()).unwrap_or(u16::MAX)
}

/// A box of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// `area` cut at `left` columns from its left edge: the left part and what remains beside it.
pub fn split_columns(area: Rect, left: u16) -> (Rect, Rect) {
    let left_part = Rect::new(area.x, area.y, left, area.height);
    let right_part = Rect::new(
        area.x.saturating_add(left),
        area.y,
        area.width.saturating_sub(left),
        area.height,
    );
    (left_part, right_part)
}

/// A bordered popup centred on `screen`: at most `max_width` columns and tall enough for
/// `line_count` lines, leaving a margin of two columns and one row on every side.
pub fn popup(screen: Rect, max_width: u16, line_count: usize) -> Rect {
    let height = u16::try_from(line_count.saturating_add(2)).unwrap_or(u16::MAX);
    centered(
        screen,
        max_width.min(screen.width.saturating_sub(4)),
        height.min(screen.height.saturating_sub(2)),
    )
}

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    Rect::new(
        pane.x.saturating_add(1),
        pane.y.saturating_add(1),
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    )
}

/// The text area of a bordered pane: inside the border, with a column of padding each side.
pub fn text_area(pane: Rect) -> Rect {
    let area = inner(pane);
    Rect::new(
        area.x.saturating_add(1),
        area.y,
        area.width.saturating_sub(2),
        area.height,
    )
}

/// The first row to show so that `row` is visible, moving as little as possible from `offset`.
pub fn keep_visible(offset: usize, row: usize, height: usize) -> usize {
    keep_range_visible(offset, &(row..row + 1), height)
}

/// The first line (or column) to show so all of `range` is visible in `size`, moving as little
/// as possible from `offset`; a range larger than `size` shows its start.
pub fn keep_range_visible(offset: usize, range: &Range<usize>, size: usize) -> usize {
    let size = size.max(1);
    if range.start < offset || range.len() > size {
        range.start
    } else if range.end > offset + size {
        range.end - size
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_rows_fill_the_screen() {
        let s = shell(Rect::new(0, 0, 80, 24));
        assert_eq!(s.tab_bar, Rect::new(0, 0, 80, 1));
        assert_eq!(s.body, Rect::new(0, 1, 80, 21));
        assert_eq!(s.status, Rect::new(0, 22, 80, 1));
        assert_eq!(s.footer, Rect::new(0, 23, 80, 1));
    }

    #[test]
    fn shell_of_tiny_areas_does_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (20, 2)] {
            let s = shell(Rect::new(0, 0, w, h));
            assert!(s.body.height <= h);
        }
    }

    #[test]
    fn clicks_on_a_tab_title_select_it() {
        let bar = Rect::new(0, 0, 80, 1);
        let (tab, x, w) = tab_spans(bar)[0];
        assert_eq!(tab_at(bar, x, 0), Some(tab));
        assert_eq!(tab_at(bar, x + w - 1, 0), Some(tab));
        assert_eq!(tab_at(bar, 0, 0), None);
        assert_eq!(tab_at(bar, x, 1), None);
    }

    #[test]
    fn text_area_is_inside_the_border_with_padding() {
        let pane = Rect::new(10, 5, 20, 8);
        assert_eq!(inner(pane), Rect::new(11, 6, 18, 6));
        assert_eq!(text_area(pane), Rect::new(12, 6, 16, 6));
        assert_eq!(text_area(Rect::new(0, 0, 1, 1)), Rect::new(2, 1, 0, 0));
    }

    #[test]
    fn ranges_scroll_into_view_moving_as_little_as_possible() {
        assert_eq!(keep_range_visible(0, &(3..5), 10), 0);
        assert_eq!(keep_range_visible(0, &(8..12), 10), 2);
        assert_eq!(keep_range_visible(6, &(3..5), 10), 3);
        assert_eq!(keep_range_visible(0, &(20..40), 10), 20);
        assert_eq!(keep_visible(4, 2, 3), 2);
    }

    #[test]
    fn keep_visible_moves_as_little_as_possible() {
        assert_eq!(keep_visible(5, 3, 4), 3);
        assert_eq!(keep_visible(5, 7, 4), 5);
        assert_eq!(keep_visible(5, 10, 4), 7);
        assert_eq!(keep_visible(0, 2, 0), 2);
    }

    #[test]
    fn the_too_small_message_is_exact() {
        assert_eq!(
            too_small_message(Rect::new(0, 0, 59, 16)),
            "terminal too small: need 60x16, have 59x16"
        );
        assert!(is_too_small(Rect::new(0, 0, 60, 15)));
        assert!(!is_too_small(Rect::new(0, 0, 60, 16)));
    }
}
