//! Writing prepared lines straight into the frame's buffer. `Paragraph` restyles its whole
//! area on every draw (twice with a block), which is most of the cost of a large screen; the
//! views here have already wrapped and styled their lines, so they skip it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// Draws `lines` top-down in `area`, each cut at the area's width; extra lines are dropped.
pub fn lines(frame: &mut Frame<'_>, area: Rect, lines: &[Line<'_>]) {
    let area = area.intersection(frame.area());
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// Paints a background style over `area`, unless it is the terminal's own default.
pub fn fill(frame: &mut Frame<'_>, area: Rect, style: Style) {
    if style != Style::default() {
        let area = area.intersection(frame.area());
        frame.buffer_mut().set_style(area, style);
    }
}
