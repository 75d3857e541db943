//! The `?` overlay: every binding of the context it was opened from, read from the keymap.

use super::keymap::{KeyContext, Keymap};
use super::layout::popup;
use super::theme::Theme;
use crate::text::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// The overlay's state: what it lists, and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    /// The context that was focused when help opened.
    pub context: KeyContext,
    /// Whether a text box was focused (then global keys do not apply, typing does).
    pub typing: bool,
    pub scroll: usize,
}

const MAX_WIDTH: u16 = 76;

/// The width of the overlay's text on a screen of this size.
fn text_width(screen: Rect) -> usize {
    usize::from(
        MAX_WIDTH
            .min(screen.width.saturating_sub(4))
            .saturating_sub(2),
    )
}

/// Every line of the overlay, wrapped to the screen so that no line is cut: descriptions hang
/// under their column, and where that column would be too narrow they go under the keys.
pub fn lines(help: &Help, keymap: &Keymap, theme: &Theme, screen: Rect) -> Vec<Line<'static>> {
    let width = text_width(screen);
    let mut sections = vec![help.context];
    if !help.typing {
        sections.push(KeyContext::Global);
    }
    sections.push(KeyContext::Always);
    let key_width = sections
        .iter()
        .flat_map(|c| keymap.bindings(*c))
        .map(|b| b.keys_label().chars().count())
        .max()
        .unwrap_or(0);
    let (indent, text_width) = match width.checked_sub(key_width + 4) {
        Some(rest) if rest >= 20 => (key_width + 4, rest),
        _ => (4, width.saturating_sub(4)),
    };
    let mut out = Vec::new();
    for context in sections {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(context.title(), theme.heading));
        for b in keymap.bindings(context) {
            let keys = format!("  {:<key_width$}  ", b.keys_label());
            let mut rows = wrap(b.description, text_width).into_iter();
            if indent == 4 {
                out.push(Line::styled(keys.trim_end().to_string(), theme.key));
            } else if let Some(first) = rows.next() {
                out.push(Line::from(vec![
                    Span::styled(keys, theme.key),
                    Span::styled(first, theme.base),
                ]));
            }
            out.extend(rows.map(|r| Line::styled(format!("{:indent$}{r}", ""), theme.base)));
        }
    }
    out.push(Line::default());
    let mut notes = String::new();
    if help.typing {
        notes.push_str(
            "Typing edits the text: ← → home end backspace delete, ctrl-u clears, ctrl-w deletes a word. ",
        );
    }
    notes.push_str(
        "Mouse: click a tab to switch to it; the wheel scrolls the pane under the pointer.",
    );
    out.extend(
        wrap(&notes, width)
            .into_iter()
            .map(|n| Line::styled(n, theme.dim)),
    );
    out
}

/// Where the overlay goes on a screen of this size.
pub fn area(screen: Rect, line_count: usize) -> Rect {
    popup(screen, MAX_WIDTH, line_count)
}

/// How far the overlay can scroll on a screen of this size.
pub fn max_scroll(screen: Rect, line_count: usize) -> usize {
    let visible = usize::from(area(screen, line_count).height.saturating_sub(2));
    line_count.saturating_sub(visible)
}

pub fn render(frame: &mut Frame<'_>, screen: Rect, help: &Help, keymap: &Keymap, theme: &Theme) {
    let all = lines(help, keymap, theme, screen);
    let box_area = area(screen, all.len());
    let scroll = help.scroll.min(max_scroll(screen, all.len()));
    let max = max_scroll(screen, all.len());
    let mut block = Block::bordered()
        .title(Span::styled(" Help ", theme.border_focused))
        .border_style(theme.border_focused)
        .style(theme.base);
    if scroll < max {
        block = block.title_bottom(Line::styled(" ↓ more: j/k ", theme.key).right_aligned());
    }
    let visible: Vec<Line<'_>> = all.into_iter().skip(scroll).collect();
    frame.render_widget(Clear, box_area);
    frame.render_widget(Paragraph::new(visible).block(block), box_area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::{Theme, ThemeKind};

    #[test]
    fn no_line_is_cut_at_80x24_or_60x16() {
        let keymap = Keymap::default();
        let theme = Theme::new(ThemeKind::Dark);
        for screen in [Rect::new(0, 0, 80, 24), Rect::new(0, 0, 60, 16)] {
            for context in KeyContext::all() {
                for typing in [false, true] {
                    let help = Help {
                        context,
                        typing,
                        scroll: 0,
                    };
                    for line in lines(&help, &keymap, &theme, screen) {
                        assert!(
                            line.width() <= text_width(screen),
                            "{context:?} at {}x{}: {line}",
                            screen.width,
                            screen.height
                        );
                    }
                }
            }
        }
    }
}
