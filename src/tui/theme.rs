//! Named styles. Views take every colour from here, so a theme is one constructor.

use crate::model::StatusLevel;
use ratatui::style::{Color, Modifier, Style};

/// Which palette to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
    /// No colours at all (`NO_COLOR`): emphasis through bold, underline and reverse.
    Mono,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The whole screen's base colours.
    pub base: Style,
    pub app_label: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub border_focused: Style,
    /// Group headers in lists.
    pub group: Style,
    /// The selected row of the focused list.
    pub selected: Style,
    /// The selected row of a list that does not have focus.
    pub selected_idle: Style,
    pub title: Style,
    pub heading: Style,
    pub label: Style,
    pub dim: Style,
    pub link: Style,
    pub link_selected: Style,
    pub code: Style,
    pub key: Style,
    pub hint: Style,
    pub status: Style,
    pub recommended: Style,
    pub supported: Style,
    pub discouraged: Style,
    pub deprecated: Style,
}

impl Theme {
    pub fn new(kind: ThemeKind) -> Self {
        match kind {
            ThemeKind::Dark => Theme::dark(),
            ThemeKind::Light => Theme::light(),
            ThemeKind::Mono => Theme::mono(),
        }
    }

    pub fn dark() -> Self {
        let accent = Color::Cyan;
        Theme {
            base: Style::new(),
            app_label: Style::new()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(accent),
            group: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(accent),
            selected_idle: Style::new().bg(Color::DarkGray),
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            link: Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::UNDERLINED),
            link_selected: Style::new().fg(Color::Black).bg(Color::LightBlue),
            code: Style::new().fg(Color::LightYellow),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            hint: Style::new().fg(Color::Gray),
            status: Style::new().fg(Color::LightGreen),
            recommended: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            supported: Style::new().fg(Color::Gray),
            discouraged: Style::new().fg(Color::Yellow),
            deprecated: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    pub fn light() -> Self {
        let accent = Color::Blue;
        let ink = Color::Black;
        let muted = Color::Indexed(242);
        Theme {
            base: Style::new().fg(ink).bg(Color::White),
            app_label: Style::new()
                .fg(Color::White)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            tab: Style::new().fg(muted),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(ink)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Indexed(248)),
            border_focused: Style::new().fg(accent),
            group: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::White).bg(accent),
            selected_idle: Style::new().bg(Color::Indexed(252)),
            title: Style::new().fg(ink).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            label: Style::new().fg(muted).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(muted),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_selected: Style::new().fg(Color::White).bg(Color::Blue),
            code: Style::new().fg(Color::Indexed(94)),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            hint: Style::new().fg(muted),
            status: Style::new().fg(Color::Indexed(28)),
            recommended: Style::new()
                .fg(Color::Indexed(28))
                .add_modifier(Modifier::BOLD),
            supported: Style::new().fg(muted),
            discouraged: Style::new().fg(Color::Indexed(130)),
            deprecated: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            base: plain,
            app_label: reverse.add_modifier(Modifier::BOLD),
            tab: plain,
            tab_active: reverse,
            border: plain,
            border_focused: bold,
            group: bold.add_modifier(Modifier::UNDERLINED),
            selected: reverse,
            selected_idle: bold,
            title: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            label: bold,
            dim: plain,
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            link_selected: reverse,
            code: plain,
            key: bold,
            hint: plain,
            status: bold,
            recommended: plain,
            supported: plain,
            discouraged: bold,
            deprecated: bold.add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The selected row's highlight: bright while its pane has the keyboard, dimmer while not.
    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            self.selected
        } else {
            self.selected_idle
        }
    }

    /// The badge colour of a strategy status.
    pub fn badge(&self, level: StatusLevel) -> Style {
        match level {
            StatusLevel::Recommended => self.recommended,
            StatusLevel::Supported => self.supported,
            StatusLevel::Discouraged => self.discouraged,
            StatusLevel::Deprecated | StatusLevel::Blocked => self.deprecated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::mono();
        for style in [
            t.base,
            t.tab_active,
            t.selected,
            t.link,
            t.heading,
            t.recommended,
            t.deprecated,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn badges_follow_the_status_meaning_in_dark() {
        let t = Theme::dark();
        assert_eq!(t.badge(StatusLevel::Recommended).fg, Some(Color::Green));
        assert_eq!(t.badge(StatusLevel::Discouraged).fg, Some(Color::Yellow));
        assert_eq!(t.badge(StatusLevel::Deprecated).fg, Some(Color::Red));
        assert_eq!(t.badge(StatusLevel::Blocked).fg, Some(Color::Red));
    }
}
