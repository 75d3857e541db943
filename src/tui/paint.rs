//! Writing prepared lines straight into the frame's buffer. `Paragraph` restyles its whole
//! area on every draw (twice with a block), and the buffer's general text path segments every
//! string into graphemes; together they were most of the cost of a large screen. The views
//! here have already wrapped and styled their lines, so they skip the first, and plain ASCII
//! (nearly all of the model's text) skips the second.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// Draws `lines` top-down in `area`, each cut at the area's width; extra lines are dropped.
pub fn lines(frame: &mut Frame<'_>, area: Rect, lines: &[Line<'_>]) {
    let area = area.intersection(frame.area());
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        set_line(buf, area.x, y, line, area.width);
    }
}

/// Same result as `Buffer::set_line`.
fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) {
    let right = x.saturating_add(max_width).min(buf.area.right());
    let mut x = x;
    for span in line {
        if x >= right {
            break;
        }
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            for c in text.chars() {
                if x >= right {
                    break;
                }
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_char(c).set_style(style);
                }
                x += 1;
            }
        } else {
            x = buf.set_stringn(x, y, text, usize::from(right - x), style).0;
        }
    }
}

/// Paints a background style over `area`, unless it is the terminal's own default.
pub fn fill(frame: &mut Frame<'_>, area: Rect, style: Style) {
    if style != Style::default() {
        let area = area.intersection(frame.area());
        frame.buffer_mut().set_style(area, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Stylize};
    use ratatui::text::Span;

    fn both(line: &Line<'_>, x: u16, width: u16) -> (Buffer, Buffer) {
        let area = Rect::new(0, 0, 12, 1);
        let mut ours = Buffer::empty(area);
        let mut theirs = Buffer::empty(area);
        set_line(&mut ours, x, 0, line, width);
        theirs.set_line(x, 0, line, width);
        (ours, theirs)
    }

    #[test]
    fn ascii_lines_match_the_buffer_s_own_set_line() {
        let line = Line::from(vec![
            Span::raw("ab "),
            Span::styled("cd", Style::new().fg(Color::Red)),
            Span::raw("efghijklmnop"),
        ])
        .bold();
        for (x, width) in [(0, 12), (2, 5), (0, 0), (11, 12), (12, 3)] {
            let (ours, theirs) = both(&line, x, width);
            assert_eq!(ours, theirs, "at x={x} width={width}");
        }
    }

    #[test]
    fn wide_and_control_characters_take_the_general_path() {
        let line = Line::from(vec![
            Span::raw("a→b"),
            Span::raw("中文x"),
            Span::raw("t\tz"),
        ]);
        for (x, width) in [(0, 12), (1, 4), (3, 2)] {
            let (ours, theirs) = both(&line, x, width);
            assert_eq!(ours, theirs, "at x={x} width={width}");
        }
    }
}
