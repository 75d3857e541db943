//! The layout engine's cells as styled terminal lines: a window of the diagram, cut at a
//! horizontal offset, coloured by what each cell draws, with the current step highlighted.

use crate::diagram::{Cell, Role};
use crate::model::StepKind;
use crate::tui::theme::Theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The style of one cell when `current` is the highlighted step. Colours come from the theme,
/// so a mono theme (`NO_COLOR`) draws the highlight with reverse video and bold only.
pub fn cell_style(theme: &Theme, cell: &Cell, current: Option<usize>) -> Style {
    let lit = cell.step.is_some() && cell.step == current;
    match cell.role {
        Role::Blank => theme.base,
        Role::Marker => theme.key,
        Role::ParticipantBorder => theme.border,
        Role::ParticipantLabel => theme.title,
        Role::Lifeline => theme.dim,
        Role::Arrow(_) | Role::StepNumber | Role::StepLabel if lit => theme.selected,
        Role::Arrow(kind) => arrow_style(theme, kind),
        Role::StepNumber => theme.dim,
        Role::StepLabel => theme.base,
        Role::NoteBorder | Role::NoteText if lit => theme.key,
        Role::NoteBorder | Role::NoteText => theme.dim,
    }
}

/// One colour per arrow style, matching `sfauth flow`'s colours where the theme allows.
fn arrow_style(theme: &Theme, kind: StepKind) -> Style {
    let plain = |s: Style| s.remove_modifier(Modifier::UNDERLINED);
    match kind {
        StepKind::Request | StepKind::Internal => plain(theme.heading),
        StepKind::Response => theme.status,
        StepKind::Redirect => theme.discouraged,
        StepKind::UserAction => plain(theme.group),
    }
}

/// Columns `from..from + width` of one row of cells. A two-column character cut by the left
/// edge shows as a blank, so every line is exactly as wide as the cells it covers.
pub fn window<'a>(
    cells: &[Cell],
    from: usize,
    width: usize,
    theme: &Theme,
    current: Option<usize>,
) -> Line<'a> {
    let end = from.saturating_add(width).min(cells.len());
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::default();
    for (x, cell) in cells.iter().enumerate().take(end).skip(from) {
        let (ch, style) = if cell.continuation {
            if x != from {
                continue;
            }
            (' ', theme.base)
        } else {
            (cell.glyph(current), cell_style(theme, cell, current))
        };
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn cell(ch: char, role: Role, step: Option<usize>) -> Cell {
        Cell {
            ch,
            role,
            step,
            continuation: false,
        }
    }

    #[test]
    fn only_the_current_step_is_highlighted() {
        let t = Theme::dark();
        let arrow = cell('─', Role::Arrow(StepKind::Request), Some(2));
        assert_eq!(cell_style(&t, &arrow, Some(2)), t.selected);
        assert_ne!(cell_style(&t, &arrow, Some(1)), t.selected);
        assert_ne!(cell_style(&t, &arrow, None), t.selected);
        let label = cell('x', Role::StepLabel, Some(2));
        assert_eq!(cell_style(&t, &label, Some(2)), t.selected);
    }

    #[test]
    fn arrow_kinds_get_distinct_colours_in_dark_and_none_in_mono() {
        let dark = Theme::dark();
        let kinds = [
            StepKind::Request,
            StepKind::Response,
            StepKind::Redirect,
            StepKind::UserAction,
        ];
        let colours: Vec<Option<Color>> = kinds.iter().map(|k| arrow_style(&dark, *k).fg).collect();
        for (i, c) in colours.iter().enumerate() {
            assert!(c.is_some());
            assert!(!colours[i + 1..].contains(c), "{colours:?}");
        }
        let mono = Theme::mono();
        for k in kinds {
            assert_eq!(arrow_style(&mono, k).fg, None);
        }
    }

    #[test]
    fn a_window_cuts_wide_characters_at_its_left_edge() {
        let t = Theme::mono();
        let mut cells = vec![cell('a', Role::StepLabel, None); 4];
        cells[1] = cell('認', Role::StepLabel, None);
        cells[2] = Cell {
            continuation: true,
            ..cells[1]
        };
        assert_eq!(window(&cells, 0, 4, &t, None).to_string(), "a認a");
        assert_eq!(window(&cells, 2, 2, &t, None).to_string(), " a");
        assert_eq!(window(&cells, 3, 10, &t, None).to_string(), "a");
        assert_eq!(window(&cells, 9, 10, &t, None).to_string(), "");
    }
}
