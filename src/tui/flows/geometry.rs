//! Where the Flows tab's panes go, and how far they scroll, as pure functions of sizes. Both
//! rendering and input handling (scroll limits, page sizes, mouse hits) use them, so neither
//! has to remember the last frame.

pub use crate::tui::layout::{inner, text_area as detail_text_area};
use crate::tui::layout::{keep_range_visible, split_columns};
use ratatui::layout::Rect;
use std::ops::Range;

/// At or above this width (beside the list) the step details sit right of the diagram;
/// below it they go under the diagram so the diagram keeps the full width.
const DETAILS_BESIDE_FROM: u16 = 110;
/// A diagram view at least this tall keeps the participants' names pinned on its first row
/// once they have scrolled away.
const PIN_FROM_HEIGHT: u16 = 6;

/// Below this width the flow list starts hidden, so the diagram gets the whole width.
pub const LIST_SHOWN_FROM: u16 = 100;
/// Rows the diagram pane aims for when the details go under it: 14 inside its border.
const DIAGRAM_ROWS: u16 = 16;
/// Rows the details keep under the diagram at the least.
const DETAIL_MIN_ROWS: u16 = 5;

/// The three panes of the tab's area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Rect,
    pub diagram: Rect,
    pub detail: Rect,
}

/// The panes, with the flow list or without it (`list` false: a zero-width list).
pub fn panes(area: Rect, list: bool) -> Panes {
    let list_width = if list {
        (area.width * 3 / 10).clamp(26.min(area.width), 38)
    } else {
        0
    };
    let (list, rest) = split_columns(area, list_width);
    if rest.width >= DETAILS_BESIDE_FROM {
        let detail_width = (rest.width * 2 / 5).clamp(44, 64);
        let (diagram, detail) = split_columns(rest, rest.width - detail_width);
        return Panes {
            list,
            diagram,
            detail,
        };
    }
    let diagram_height =
        (rest.height * 3 / 5).max(DIAGRAM_ROWS.min(rest.height.saturating_sub(DETAIL_MIN_ROWS)));
    let diagram = Rect::new(rest.x, rest.y, rest.width, diagram_height);
    let detail = Rect::new(
        rest.x,
        rest.y.saturating_add(diagram_height),
        rest.width,
        rest.height - diagram_height,
    );
    Panes {
        list,
        diagram,
        detail,
    }
}

/// Where the live target form goes while it is open: over the diagram and the details.
pub fn form_area(p: &Panes) -> Rect {
    p.diagram.union(p.detail)
}

/// Whether a diagram view of this height pins the participants' names once scrolled.
pub fn pins_names(view_height: u16) -> bool {
    view_height >= PIN_FROM_HEIGHT
}

/// Diagram rows a view of this height shows below the pinned names.
pub fn scrolled_rows(view_height: u16) -> usize {
    let h = usize::from(view_height);
    if pins_names(view_height) { h - 1 } else { h }
}

/// The first diagram row to show for a step occupying `rows`, with its arrow on `arrow_rows`:
/// the whole step when it fits, else as much of its label as fits above the arrow.
pub fn step_offset(
    offset: usize,
    rows: &Range<usize>,
    arrow_rows: &Range<usize>,
    height: usize,
) -> usize {
    let height = height.max(1);
    if rows.len() <= height {
        keep_range_visible(offset, rows, height)
    } else {
        rows.start.max(arrow_rows.end.saturating_sub(height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_go_below_the_diagram_until_there_is_room_beside_it() {
        let narrow = panes(Rect::new(0, 1, 80, 21), true);
        assert_eq!(narrow.list.width, 26);
        assert_eq!(narrow.diagram.x, narrow.detail.x);
        assert_eq!(narrow.diagram.bottom(), narrow.detail.y);
        assert_eq!(narrow.detail.bottom(), 22);
        let wide = panes(Rect::new(0, 1, 200, 50), true);
        assert_eq!(wide.diagram.y, wide.detail.y);
        assert_eq!(wide.diagram.right(), wide.detail.x);
        assert_eq!(wide.detail.right(), 200);
    }

    #[test]
    fn at_80x24_without_the_list_the_diagram_has_the_width_and_14_rows() {
        let p = panes(Rect::new(0, 1, 80, 21), false);
        assert_eq!(p.list.width, 0);
        assert_eq!(p.diagram.width, 80);
        assert_eq!(inner(p.diagram).height, 14);
        assert_eq!(p.detail.bottom(), 22);
    }

    #[test]
    fn tiny_areas_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (20, 5), (60, 13)] {
            let p = panes(Rect::new(0, 0, w, h), w >= LIST_SHOWN_FROM);
            for r in [p.list, p.diagram, p.detail] {
                assert!(r.right() <= w && r.bottom() <= h, "{r:?} in {w}x{h}");
            }
            let _ = detail_text_area(p.detail);
        }
    }

    #[test]
    fn a_step_taller_than_the_view_keeps_its_arrow_visible() {
        // Label rows 10..16, arrow on row 16, note below to 20: the arrow must stay in view.
        assert_eq!(step_offset(0, &(10..20), &(16..17), 4), 13);
        assert_eq!(step_offset(0, &(10..20), &(11..12), 4), 10);
        assert_eq!(step_offset(0, &(10..13), &(12..13), 4), 9);
    }
}
