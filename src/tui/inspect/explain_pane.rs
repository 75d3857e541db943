//! The Explain view of the Inspect tab: a pasted Salesforce error response (a JSON body,
//! `error: description`, a redirect's query, or the description alone) and what `sfauth
//! explain` says about it: the matching catalog entries with their causes, fixes and the
//! checks that predict them, as documents whose links open in the Library.

use super::text_box::TextBox;
use crate::explain::{MAX_EXPLAIN_BYTES, MatchKind, explain, parse};
use crate::model::doc::{Block, document};
use crate::model::{EntryView, Knowledge};
use crate::tui::action::Action;
use crate::tui::component::{Ctx, Intent};
use crate::tui::document::{self, Rendered};
use crate::tui::layout::{inner, keep_visible, text_area};
use crate::tui::paint;
use crate::tui::widgets::{pane_block, scrolled_lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

#[derive(Debug, Clone)]
pub struct ExplainPane {
    pub input: TextBox,
    /// The selected link, an index into the links of [`ExplainPane::blocks`].
    pub link: Option<usize>,
    pub scroll: usize,
}

impl Default for ExplainPane {
    fn default() -> Self {
        ExplainPane {
            input: TextBox::new(MAX_EXPLAIN_BYTES),
            link: None,
            scroll: 0,
        }
    }
}

impl ExplainPane {
    /// Replaces the error text; false when it is over the size limit.
    pub fn set_text(&mut self, text: &str) -> bool {
        self.link = None;
        self.scroll = 0;
        self.input.set_text(text)
    }

    /// What the explanation says, as document blocks: a line on how it matched, then each
    /// entry's document (the Library's own page for it).
    pub fn blocks(&self, k: &Knowledge) -> Vec<Block> {
        let text = self.input.text();
        if text.trim().is_empty() {
            return vec![Block::Paragraph(
                "Paste a Salesforce error response: the JSON body, `error: description`, or \
                 the description alone."
                    .into(),
            )];
        }
        let query = match parse(text) {
            Ok(q) => q,
            Err(e) => return vec![Block::Paragraph(e)],
        };
        let found = explain(k, &query);
        let mut blocks = vec![Block::Paragraph(match (found.kind, found.entries.len()) {
            (MatchKind::Matched, 1) => "This is a catalog error:".to_string(),
            (MatchKind::Matched, n) => format!("{n} catalog errors match:"),
            (MatchKind::Closest, 0) => {
                "No catalog entry matches; try the Library search (/).".to_string()
            }
            (MatchKind::Closest, _) => "No exact match; the closest catalog entries:".to_string(),
        })];
        for e in found.entries {
            blocks.extend(document(k, &EntryView::Error(e)));
        }
        blocks
    }
}

/// The pasted error on top (up to three lines), the explanation under it.
pub fn areas(body: Rect) -> (Rect, Rect) {
    let input_h = if body.height >= 18 { 5 } else { 3 }.min(body.height);
    (
        Rect::new(body.x, body.y, body.width, input_h),
        Rect::new(body.x, body.y + input_h, body.width, body.height - input_h),
    )
}

/// Where the terminal cursor goes while the error box has the keyboard.
pub fn cursor(pane: &ExplainPane, body: Rect) -> Option<ratatui::layout::Position> {
    let inside = inner(areas(body).0);
    if inside.width == 0 || inside.height == 0 {
        return None;
    }
    let width = usize::from(inside.width);
    let rows = pane.input.rows(width);
    let (row, col) = pane.input.cursor_at(&rows, width);
    let shown = row.min(usize::from(inside.height) - 1);
    Some(ratatui::layout::Position::new(
        inside.x + u16::try_from(col).unwrap_or(0).min(inside.width - 1),
        inside.y + u16::try_from(shown).unwrap_or(0),
    ))
}

impl ExplainPane {
    fn rendered(&self, ctx: &Ctx<'_>) -> Rendered {
        let width = text_area(areas(ctx.body).1).width;
        document::render(
            &self.blocks(ctx.knowledge),
            ctx.knowledge,
            None,
            width,
            ctx.theme,
            self.link,
        )
    }

    fn max_scroll(&self, ctx: &Ctx<'_>) -> usize {
        let height = usize::from(text_area(areas(ctx.body).1).height);
        self.rendered(ctx).lines.len().saturating_sub(height)
    }

    /// Keys on the explanation: scroll, pick a link, open it, leave.
    pub fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let height = usize::from(text_area(areas(ctx.body).1).height).max(1);
        let max = self.max_scroll(ctx);
        match action {
            Action::Down | Action::Wheel { up: false, .. } => {
                self.scroll = (self.scroll + 1).min(max)
            }
            Action::Up | Action::Wheel { up: true, .. } => {
                self.scroll = self.scroll.saturating_sub(1)
            }
            Action::PageDown => self.scroll = (self.scroll + height).min(max),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(height),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::NextLink | Action::PrevLink => {
                let links = self.rendered(ctx).spots;
                let count = links.len();
                if count == 0 {
                    return Intent::Status("no links in this explanation".into());
                }
                let next = match (self.link, action == Action::NextLink) {
                    (None, true) => 0,
                    (None, false) => count - 1,
                    (Some(i), true) => (i + 1) % count,
                    (Some(i), false) => (i + count - 1) % count,
                };
                self.link = Some(next);
                if let Some(spot) = links.get(next) {
                    self.scroll = keep_visible(self.scroll, spot.line(), height).min(max);
                }
            }
            Action::Open => {
                let target = self
                    .link
                    .and_then(|i| self.rendered(ctx).spots.into_iter().nth(i));
                return match target {
                    Some(spot) => Intent::JumpTo(spot.target),
                    None => Intent::Status("tab selects a link, enter opens it".into()),
                };
            }
            Action::Copy => {
                return Intent::Copy {
                    text: self
                        .rendered(ctx)
                        .lines
                        .iter()
                        .map(|l| format!("{l}\n"))
                        .collect(),
                    label: "explanation".into(),
                };
            }
            Action::Paste => return Intent::PasteFromClipboard,
            _ => {}
        }
        Intent::None
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>, focused_input: bool) {
        let (input, output) = areas(area);
        let theme = ctx.theme;
        frame.render_widget(
            pane_block(" Error response ".into(), focused_input, theme),
            input,
        );
        let inside = inner(input);
        let width = usize::from(inside.width);
        let shown: Vec<Line<'static>> = if self.input.is_empty() {
            vec![Line::styled(
                "paste the error here (ctrl-v), or press i to type",
                theme.dim,
            )]
        } else {
            let rows = self.input.rows(width);
            let (cursor_row, _) = self.input.cursor_at(&rows, width);
            let height = usize::from(inside.height).max(1);
            let first = cursor_row.saturating_sub(height - 1);
            let text = self.input.text();
            rows.iter()
                .skip(first)
                .take(height)
                .map(|r| {
                    Line::styled(
                        text.get(r.start..r.end).unwrap_or("").to_string(),
                        theme.base,
                    )
                })
                .collect()
        };
        paint::lines(frame, inside, &shown);
        frame.render_widget(
            pane_block(" Explain ".into(), !focused_input, theme),
            output,
        );
        let body = text_area(output);
        if body.width == 0 || body.height == 0 {
            return;
        }
        let rendered = document::render(
            &self.blocks(ctx.knowledge),
            ctx.knowledge,
            None,
            body.width,
            theme,
            self.link,
        );
        scrolled_lines(frame, output, body, &rendered.lines, self.scroll, theme);
    }
}

/// Whether pasted text reads as an error response rather than a token or free text: what
/// `sfauth explain` takes, with a catalog entry that matches it.
pub fn is_error_response(k: &Knowledge, text: &str) -> bool {
    let t = text.trim();
    let shaped = (t.starts_with('{') && t.contains("\"error"))
        || t.starts_with("error=")
        || t.contains("&error=")
        || t.contains("?error=")
        || t.split_once(':').is_some_and(|(code, _)| {
            !code.is_empty()
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_uppercase() || c == '_')
        });
    shaped
        && parse(t)
            .map(|q| explain(k, &q).kind == MatchKind::Matched)
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::test_support::fixture;

    #[test]
    fn a_json_body_explains_as_its_catalog_entry() {
        let k = fixture();
        let mut pane = ExplainPane::default();
        let body = r#"{"error":"invalid_grant","error_description":"audience is invalid"}"#;
        assert!(pane.set_text(body));
        let blocks = pane.blocks(&k);
        assert_eq!(
            blocks[0],
            Block::Paragraph("This is a catalog error:".into())
        );
        assert!(blocks.contains(&Block::Ref(
            "Id".into(),
            crate::model::EntryRef::new(crate::model::EntryKind::Error, "fx-audience-invalid")
        )));
        assert!(is_error_response(&k, body));
        assert!(is_error_response(&k, "invalid_grant: audience is invalid"));
        assert!(!is_error_response(&k, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
        assert!(!is_error_response(&k, "named credential"));
    }
}
