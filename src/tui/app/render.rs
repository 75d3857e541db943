//! Drawing the shell: the tab bar, the active tab, the status line, the footer hints built
//! from the keymap, and the help overlay. Reads state only.

use super::{App, Place, make_ctx};
use crate::tui::clipboard::Clipboard;
use crate::tui::help;
use crate::tui::keymap::{Hint, KeyContext};
use crate::tui::layout::{self, APP_LABEL};
use crate::tui::paint;
use crate::tui::tabs::TabId;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

impl<C: Clipboard> App<C> {
    pub fn render(&self, frame: &mut Frame<'_>) {
        let screen = frame.area();
        if layout::is_too_small(screen) {
            return self.render_too_small(frame, screen);
        }
        paint::fill(frame, screen, self.theme.base);
        let shell = layout::shell(screen);
        self.render_tab_bar(frame, shell.tab_bar);
        let ctx = make_ctx(&self.knowledge, &self.theme, screen);
        let tab = self.active_component();
        tab.render(frame, shell.body, &ctx);
        if self.typing()
            && let Some(position) = tab.cursor(shell.body, &ctx)
        {
            frame.set_cursor_position(position);
        }
        self.render_status(frame, shell.status);
        self.render_footer(frame, shell.footer);
        if let Some(h) = &self.help {
            help::render(frame, screen, h, &self.keymap, &self.theme);
        }
    }

    fn render_too_small(&self, frame: &mut Frame<'_>, screen: Rect) {
        let message = layout::too_small_message(screen);
        let lines = message
            .chars()
            .count()
            .div_ceil(usize::from(screen.width.max(1)));
        let height = u16::try_from(lines).unwrap_or(u16::MAX).min(screen.height);
        let area = Rect::new(
            screen.x,
            screen.y + (screen.height - height) / 2,
            screen.width,
            height,
        );
        frame.render_widget(
            Paragraph::new(message)
                .style(self.theme.base)
                .centered()
                .wrap(Wrap { trim: true }),
            area,
        );
    }

    fn render_tab_bar(&self, frame: &mut Frame<'_>, area: Rect) {
        let mut spans = vec![
            Span::styled(APP_LABEL, self.theme.app_label),
            Span::raw(" "),
        ];
        for (tab, _, _) in layout::tab_spans(area) {
            let style = if tab == self.active {
                self.theme.tab_active
            } else {
                self.theme.tab
            };
            spans.push(Span::styled(layout::tab_label(tab), style));
        }
        paint::lines(frame, area, &[Line::from(spans)]);
    }

    fn render_status(&self, frame: &mut Frame<'_>, area: Rect) {
        let line = match (&self.status, self.history.last()) {
            (Some(message), _) => Line::styled(format!(" {message}"), self.theme.status),
            (None, Some(place)) => Line::styled(self.back_hint(place), self.theme.dim),
            (None, None) => Line::default(),
        };
        paint::lines(frame, area, &[line]);
    }

    /// Where Esc returns: the tab, and the entry when that tab is showing it (from Choose the
    /// remembered entry is only the selected link, so the tab alone says it).
    fn back_hint(&self, place: &Place) -> String {
        let tab = place.tab.title();
        match self.knowledge.get(&place.entry) {
            Some(entry) if TabId::home_of(place.entry.kind) == place.tab => {
                format!(" esc: back to {tab}: {}", entry.title())
            }
            _ => format!(" esc: back to {tab}"),
        }
    }

    fn render_footer(&self, frame: &mut Frame<'_>, area: Rect) {
        let own = self.keymap.hints(self.key_context());
        let global = if self.help.is_none() && !self.typing() {
            self.keymap.hints(KeyContext::Global)
        } else {
            Vec::new()
        };
        let width = |h: &Hint| h.keys.chars().count() + h.label.chars().count() + 3;
        // The shell's own hints (`? help`, `q quit`) always fit; the tab's fill what is left,
        // whole hints only (half a hint reads as a different key).
        // The last hint's two trailing spaces may fall off the edge.
        let mut room = (usize::from(area.width) + 1).saturating_sub(global.iter().map(width).sum());
        let mut spans = vec![Span::raw(" ")];
        let kept = own.into_iter().take_while(|h| {
            let fits = width(h) <= room;
            room = room.saturating_sub(width(h));
            fits
        });
        for hint in kept.collect::<Vec<_>>().into_iter().chain(global) {
            let label = format!(" {}  ", hint.label);
            spans.push(Span::styled(hint.keys, self.theme.key));
            spans.push(Span::styled(label, self.theme.hint));
        }
        paint::lines(frame, area, &[Line::from(spans)]);
    }
}
