//! Where each part of the Inspect tab goes, as pure functions of the tab's area, shared by
//! drawing, cursor placement and mouse hits.

use super::form::{Field, MintField};
pub use crate::tui::layout::{inner, text_area};
use ratatui::layout::Rect;

/// Columns taken by an option's label, including the space before it.
pub const LABEL_WIDTH: u16 = 11;
/// Columns taken by a mint field's label.
pub const MINT_LABEL_WIDTH: u16 = 13;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InspectAreas {
    /// The bordered token box.
    pub token: Rect,
    /// The options grid: four rows, no border.
    pub options: Rect,
    /// The bordered results pane.
    pub results: Rect,
}

/// Token box on top (taller on tall screens), the options under it, results in the rest.
pub fn inspect_areas(body: Rect) -> InspectAreas {
    let token_lines = match body.height {
        h if h >= 30 => 4,
        h if h >= 18 => 2,
        _ => 1,
    };
    let token_h = (token_lines + 2).min(body.height);
    let options_h = 4.min(body.height - token_h);
    let results_h = body.height - token_h - options_h;
    InspectAreas {
        token: Rect::new(body.x, body.y, body.width, token_h),
        options: Rect::new(body.x, body.y + token_h, body.width, options_h),
        results: Rect::new(body.x, body.y + token_h + options_h, body.width, results_h),
    }
}

/// One option's cell: Key takes two thirds of the first row and Secret the rest; the others
/// pair up below them.
pub fn option_cell(options: Rect, field: Field) -> Rect {
    let half = options.width / 2;
    let key_width = options.width - options.width / 3;
    let (row, right) = match field {
        Field::Token | Field::Key => return row_rect(options, 0, 0, key_width),
        Field::Secret => return row_rect(options, 0, key_width, options.width - key_width),
        Field::Profile => (1, false),
        Field::ClientId => (1, true),
        Field::Username => (2, false),
        Field::LoginUrl => (2, true),
        Field::At => (3, false),
        Field::Skew => (3, true),
    };
    if right {
        row_rect(options, row, half, options.width - half)
    } else {
        row_rect(options, row, 0, half)
    }
}

fn row_rect(area: Rect, row: u16, x: u16, width: u16) -> Rect {
    if row >= area.height {
        return Rect::new(area.x, area.y, 0, 0);
    }
    Rect::new(area.x + x, area.y + row, width, 1)
}

/// Where a cell's value starts and how wide it is.
pub fn value_area(cell: Rect, label_width: u16) -> Rect {
    Rect::new(
        cell.x.saturating_add(label_width),
        cell.y,
        cell.width.saturating_sub(label_width + 1),
        cell.height,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MintAreas {
    /// The bordered form: one row per field.
    pub form: Rect,
    /// The bordered output: warnings, the curl command and the assertion.
    pub output: Rect,
}

pub fn mint_areas(body: Rect) -> MintAreas {
    let rows = u16::try_from(MintField::ORDER.len()).unwrap_or(5);
    let form_h = (rows + 2).min(body.height);
    MintAreas {
        form: Rect::new(body.x, body.y, body.width, form_h),
        output: Rect::new(body.x, body.y + form_h, body.width, body.height - form_h),
    }
}

pub fn mint_cell(form: Rect, field: MintField) -> Rect {
    let inside = inner(form);
    let row = MintField::ORDER
        .iter()
        .position(|f| *f == field)
        .and_then(|i| u16::try_from(i).ok())
        .unwrap_or(0);
    row_rect(inside, row, 0, inside.width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_fill_the_body_without_overlap() {
        for (w, h) in [(80, 21), (120, 37), (60, 13), (20, 2), (1, 1), (0, 0)] {
            let body = Rect::new(0, 1, w, h);
            let a = inspect_areas(body);
            assert_eq!(a.token.height + a.options.height + a.results.height, h);
            assert_eq!(a.results.bottom(), body.bottom());
            let m = mint_areas(body);
            assert_eq!(m.form.height + m.output.height, h);
        }
        let a = inspect_areas(Rect::new(0, 1, 80, 21));
        assert_eq!(
            (a.token.height, a.options.height, a.results.height),
            (4, 4, 13)
        );
    }

    #[test]
    fn option_cells_pair_up_under_the_key() {
        let options = Rect::new(0, 5, 80, 4);
        assert_eq!(option_cell(options, Field::Key), Rect::new(0, 5, 54, 1));
        assert_eq!(option_cell(options, Field::Secret), Rect::new(54, 5, 26, 1));
        assert_eq!(option_cell(options, Field::Profile), Rect::new(0, 6, 40, 1));
        assert_eq!(
            option_cell(options, Field::ClientId),
            Rect::new(40, 6, 40, 1)
        );
        assert_eq!(option_cell(options, Field::Skew), Rect::new(40, 8, 40, 1));
        let short = Rect::new(0, 5, 80, 2);
        assert_eq!(option_cell(short, Field::At).area(), 0);
    }
}
