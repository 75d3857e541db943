//! Drawing the Choose tab. Read-only: everything here is a function of the state, the model and
//! the area.

use super::layout::{self, text_area};
use super::{Choose, Stage};
use crate::tui::component::Ctx;
use crate::tui::paint;
use crate::tui::widgets::{pane_block, scrolled_lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(choose: &Choose, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let stage = choose.stage(ctx.knowledge);
    let title = match &stage {
        Stage::Empty => " Choose ".to_string(),
        Stage::Question(a) if a.is_change() => {
            format!(" Choose: question {}, changing the answer ", a.number)
        }
        Stage::Question(a) => format!(" Choose: question {} ", a.number),
        Stage::Outcome(..) => " Choose: recommendation ".to_string(),
    };
    frame.render_widget(pane_block(title, true, theme), area);
    let body = text_area(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let width = usize::from(body.width);
    let height = usize::from(body.height);
    match &stage {
        Stage::Empty => paint::lines(
            frame,
            body,
            &[Line::styled(
                "The knowledge model has no wizard questions.",
                theme.dim,
            )],
        ),
        Stage::Question(a) => {
            let laid = layout::question(a, choose.cursor, width, theme);
            let offset = layout::question_offset(&laid, choose.cursor, height);
            paint::lines(frame, body, laid.lines.get(offset..).unwrap_or_default());
        }
        Stage::Outcome(r, o) => {
            let selected = choose.link.as_ref().map(|(i, _)| *i);
            let laid = layout::outcome(ctx.knowledge, r, o, width, selected, theme);
            scrolled_lines(frame, area, body, &laid.lines, choose.scroll, theme);
        }
    }
}
