//! The `?` overlay: every binding of the context it was opened from, read from the keymap.

use super::keymap::{KeyContext, Keymap};
use super::layout::centered;
use super::theme::Theme;
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

/// Every line of the overlay.
pub fn lines(help: &Help, keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
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
    let mut out = Vec::new();
    for context in sections {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(context.title(), theme.heading));
        for b in keymap.bindings(context) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<key_width$}  ", b.keys_label()), theme.key),
                Span::styled(b.description, theme.base),
            ]));
        }
    }
    out.push(Line::default());
    // Prose lines are kept short because the overlay does not wrap: narrow screens would cut them.
    let mut notes = Vec::new();
    if help.typing {
        notes.push("Typing edits the text: ← → home end backspace delete,");
        notes.push("ctrl-u clears, ctrl-w deletes a word.");
    }
    notes.push("Mouse: click a tab to switch to it;");
    notes.push("the wheel scrolls the pane under the pointer.");
    out.extend(notes.into_iter().map(|n| Line::styled(n, theme.dim)));
    out
}

/// Where the overlay goes on a screen of this size.
pub fn area(screen: Rect, line_count: usize) -> Rect {
    let height = u16::try_from(line_count.saturating_add(2)).unwrap_or(u16::MAX);
    centered(
        screen,
        MAX_WIDTH.min(screen.width.saturating_sub(4)),
        height.min(screen.height.saturating_sub(2)),
    )
}

/// How far the overlay can scroll on a screen of this size.
pub fn max_scroll(screen: Rect, line_count: usize) -> usize {
    let visible = usize::from(area(screen, line_count).height.saturating_sub(2));
    line_count.saturating_sub(visible)
}

pub fn render(frame: &mut Frame<'_>, screen: Rect, help: &Help, keymap: &Keymap, theme: &Theme) {
    let all = lines(help, keymap, theme);
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
