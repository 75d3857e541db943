//! Turns a model document (`crate::model::doc::Block`s) into styled, pre-wrapped lines, and
//! records where its links are so a view can select, scroll to and follow them.

use super::laid::Laid;
use super::theme::Theme;
use crate::model::doc::Block;
use crate::model::{EntryRef, Knowledge, StatusLevel};
use crate::text::{pad, width as text_width, wrap};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A document laid out for one width. Its spots are its links, in reading order, each on the
/// line it starts on.
pub type Rendered = Laid<EntryRef>;

/// The links of a document in reading order, without laying it out. References to `this`
/// (the entry the document shows, as in its `Id` field) are not links.
pub fn links(blocks: &[Block], k: &Knowledge, this: Option<&EntryRef>) -> Vec<EntryRef> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Ref(_, r) => out.extend(as_link(k, r, this)),
            Block::Links(links) => {
                out.extend(links.iter().filter_map(|(r, _)| as_link(k, r, this)));
            }
            _ => {}
        }
    }
    out
}

/// A reference is followable when the model has its target and it is not the entry shown.
fn as_link(k: &Knowledge, r: &EntryRef, this: Option<&EntryRef>) -> Option<EntryRef> {
    (k.contains(r) && Some(r) != this).then(|| r.clone())
}

fn status_level(word: &str) -> Option<StatusLevel> {
    [
        StatusLevel::Recommended,
        StatusLevel::Supported,
        StatusLevel::Discouraged,
        StatusLevel::Deprecated,
        StatusLevel::Blocked,
    ]
    .into_iter()
    .find(|l| l.as_str() == word)
}

/// Lays out `blocks` at `width` columns. `selected` is an index into the document's links
/// (as [`links`] lists them); that link is drawn highlighted. `this` is the entry shown.
pub fn render(
    blocks: &[Block],
    k: &Knowledge,
    this: Option<&EntryRef>,
    width: u16,
    theme: &Theme,
    selected: Option<usize>,
) -> Rendered {
    let mut w = Writer {
        out: Rendered::default(),
        width: usize::from(width).max(1),
        theme,
        selected,
        this,
    };
    let mut previous: Option<&Block> = None;
    for b in blocks {
        let after_heading = matches!(previous, Some(Block::Heading(_) | Block::Title(_)));
        match b {
            Block::Title(t) => w.wrapped("", t, theme.title, theme.title),
            Block::Heading(h) => {
                w.blank();
                w.wrapped("", h, theme.heading, theme.heading);
            }
            Block::Paragraph(p) => {
                if !after_heading {
                    w.blank();
                }
                w.wrapped("", p, theme.base, theme.base);
            }
            Block::Field(label, value) => w.field(label, value),
            Block::Ref(label, r) => w.ref_field(k, label, r),
            Block::Bullets(items) => {
                for item in items {
                    w.wrapped("  • ", item, theme.dim, theme.base);
                }
            }
            Block::Numbered(items) => {
                let digits = items.len().to_string().len();
                for (i, item) in items.iter().enumerate() {
                    let prefix = format!("  {:>digits$}. ", i + 1);
                    w.wrapped(&prefix, item, theme.dim, theme.base);
                }
            }
            Block::Table { headers, rows } => w.table(headers, rows),
            Block::Links(links) => {
                for (r, title) in links {
                    w.link_line(k, r, title);
                }
            }
            Block::Code(code) => {
                for line in code.lines() {
                    w.wrapped("    ", line, theme.code, theme.code);
                }
            }
        }
        previous = Some(b);
    }
    w.out
}

struct Writer<'t> {
    out: Rendered,
    width: usize,
    theme: &'t Theme,
    selected: Option<usize>,
    this: Option<&'t EntryRef>,
}

impl Writer<'_> {
    fn blank(&mut self) {
        if !self.out.lines.is_empty() {
            self.out.lines.push(Line::default());
        }
    }

    /// `text` wrapped with a hanging indent the width of `prefix`.
    fn wrapped(&mut self, prefix: &str, text: &str, prefix_style: Style, style: Style) {
        let indent = text_width(prefix);
        let room = self.width.saturating_sub(indent).max(1);
        for (i, piece) in wrap(text, room).into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(prefix.to_string(), prefix_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            self.out
                .lines
                .push(Line::from(vec![lead, Span::styled(piece, style)]));
        }
    }

    fn next_link_style(&mut self, target: EntryRef) -> Style {
        let index = self.out.spots.len();
        let line = self.out.lines.len();
        self.out.mark_lines(line..line + 1, target);
        if self.selected == Some(index) {
            self.theme.link_selected
        } else {
            self.theme.link
        }
    }

    fn ref_field(&mut self, k: &Knowledge, label: &str, r: &EntryRef) {
        let Some(target) = as_link(k, r, self.this) else {
            return self.field(label, &r.to_string());
        };
        let style = self.next_link_style(target);
        self.out.lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), self.theme.label),
            Span::styled(r.to_string(), style),
        ]));
    }

    fn field(&mut self, label: &str, value: &str) {
        let prefix = format!("{label}: ");
        let indent = text_width(&prefix);
        // Long labels would leave no room; wrap the value under the label then.
        let hanging = indent < self.width / 2;
        let room = if hanging {
            self.width - indent
        } else {
            self.width
        };
        let badge = (label == "Status")
            .then(|| value.split_whitespace().next().and_then(status_level))
            .flatten();
        let pieces = wrap(value, room.max(1));
        for (i, piece) in pieces.into_iter().enumerate() {
            let mut spans = Vec::new();
            if i == 0 {
                spans.push(Span::styled(prefix.clone(), self.theme.label));
                if !hanging {
                    self.out.lines.push(Line::from(spans));
                    spans = Vec::new();
                }
            } else if hanging {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            match badge.filter(|_| i == 0) {
                Some(level) => {
                    let word_len = level.as_str().len().min(piece.len());
                    let (word, rest) = piece.split_at(word_len);
                    spans.push(Span::styled(word.to_string(), self.theme.badge(level)));
                    spans.push(Span::styled(rest.to_string(), self.theme.base));
                }
                None => spans.push(Span::styled(piece, self.theme.base)),
            }
            self.out.lines.push(Line::from(spans));
        }
    }

    fn link_line(&mut self, k: &Knowledge, target: &EntryRef, title: &str) {
        let reference = target.to_string();
        let reference = reference.as_str();
        let Some(target) = as_link(k, target, self.this) else {
            // A reference the model cannot resolve is shown, but cannot be followed.
            self.wrapped("  → ", reference, self.theme.dim, self.theme.dim);
            return;
        };
        let style = self.next_link_style(target);
        let prefix = "  → ";
        let indent = text_width(prefix);
        let room = self.width.saturating_sub(indent).max(1);
        let mut first = vec![
            Span::styled(prefix, self.theme.dim),
            Span::styled(reference.to_string(), style),
        ];
        let used = text_width(reference);
        if title.is_empty() {
            self.out.lines.push(Line::from(first));
            return;
        }
        if used + 2 < room {
            let pieces = wrap(title, room - used - 2);
            let mut pieces = pieces.into_iter();
            if let Some(head) = pieces.next() {
                first.push(Span::raw("  "));
                first.push(Span::styled(head, self.theme.dim));
            }
            self.out.lines.push(Line::from(first));
            let rest: Vec<String> = pieces.collect();
            if !rest.is_empty() {
                let text = rest.join(" ");
                let pad = " ".repeat(indent + used + 2);
                for piece in wrap(&text, room.saturating_sub(used + 2).max(1)) {
                    self.out.lines.push(Line::from(vec![
                        Span::raw(pad.clone()),
                        Span::styled(piece, self.theme.dim),
                    ]));
                }
            }
        } else {
            self.out.lines.push(Line::from(first));
            self.wrapped(&" ".repeat(indent), title, self.theme.dim, self.theme.dim);
        }
    }

    fn table(&mut self, headers: &[String], rows: &[Vec<String>]) {
        let columns = headers
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        let widths = column_widths(headers, rows, columns, self.width.saturating_sub(2));
        let header_style = self.theme.label;
        self.table_row(headers, &widths, header_style);
        let rule: usize = widths.iter().sum::<usize>() + 2 * (columns - 1);
        self.out.lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("─".repeat(rule), self.theme.dim),
        ]));
        for row in rows {
            self.table_row(row, &widths, self.theme.base);
        }
    }

    fn table_row(&mut self, cells: &[String], widths: &[usize], style: Style) {
        let wrapped: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| wrap(cells.get(i).map_or("", String::as_str), (*w).max(1)))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut spans = vec![Span::raw("  ")];
            for (i, (cell, w)) in wrapped.iter().zip(widths).enumerate() {
                let text = cell.get(line).map_or("", String::as_str);
                let last = i + 1 == widths.len();
                let padded = if last {
                    text.to_string()
                } else {
                    format!("{}  ", pad(text, *w))
                };
                spans.push(Span::styled(padded, style));
            }
            self.out.lines.push(Line::from(spans));
        }
    }
}

/// Natural widths when they fit; otherwise the earlier columns are capped at a fair share and
/// the last column takes what is left (it usually holds the prose).
fn column_widths(
    headers: &[String],
    rows: &[Vec<String>],
    columns: usize,
    room: usize,
) -> Vec<usize> {
    let natural: Vec<usize> = (0..columns)
        .map(|i| {
            std::iter::once(headers)
                .chain(rows.iter().map(Vec::as_slice))
                .filter_map(|r| r.get(i))
                .map(|c| text_width(c))
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let gaps = 2 * (columns - 1);
    if natural.iter().sum::<usize>() + gaps <= room {
        return natural;
    }
    let share = (room.saturating_sub(gaps) / columns).max(6);
    let mut widths: Vec<usize> = natural.iter().map(|w| (*w).min(share)).collect();
    let used: usize = widths[..columns - 1].iter().sum::<usize>() + gaps;
    widths[columns - 1] = room.saturating_sub(used).max(6);
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntryKind;

    fn text(r: &Rendered) -> Vec<String> {
        r.lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn paragraphs_wrap_to_the_width() {
        let k = Knowledge::default();
        let blocks = vec![
            Block::Title("T".into()),
            Block::Paragraph("one two three four five six".into()),
        ];
        let r = render(&blocks, &k, None, 10, &Theme::mono(), None);
        assert_eq!(text(&r), vec!["T", "one two", "three four", "five six"]);
        assert!(r.lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn bullets_hang_under_their_marker() {
        let k = Knowledge::default();
        let blocks = vec![Block::Bullets(vec!["alpha beta gamma".into()])];
        let r = render(&blocks, &k, None, 12, &Theme::mono(), None);
        assert_eq!(text(&r), vec!["  • alpha", "    beta", "    gamma"]);
    }

    #[test]
    fn tables_line_up_their_columns() {
        let k = Knowledge::default();
        let blocks = vec![Block::Table {
            headers: vec!["Id".into(), "Who".into()],
            rows: vec![vec!["backend".into(), "Integration backend".into()]],
        }];
        let r = render(&blocks, &k, None, 60, &Theme::mono(), None);
        assert_eq!(
            text(&r),
            vec![
                "  Id       Who",
                "  ────────────────────────────",
                "  backend  Integration backend"
            ]
        );
    }

    #[test]
    fn narrow_tables_give_the_last_column_the_rest() {
        let headers = vec!["Variant".into(), "What it does".into()];
        let rows = vec![vec!["A long variant name".into(), "x ".repeat(40)]];
        let widths = column_widths(&headers, &rows, 2, 40);
        assert_eq!(widths.iter().sum::<usize>() + 2, 40);
    }

    #[test]
    fn unresolvable_references_are_not_links() {
        let k = Knowledge::default();
        let nowhere = EntryRef::new(EntryKind::Flow, "nowhere");
        let blocks = vec![
            Block::Links(vec![(nowhere.clone(), String::new())]),
            Block::Ref("Flow diagram".into(), nowhere),
        ];
        let r = render(&blocks, &k, None, 40, &Theme::mono(), None);
        assert!(r.spots.is_empty());
        assert!(links(&blocks, &k, None).is_empty());
    }

    #[test]
    fn zero_width_does_not_panic() {
        let k = Knowledge::default();
        let blocks = vec![
            Block::Title("A title".into()),
            Block::Field("Status".into(), "deprecated since 2027".into()),
            Block::Numbered(vec!["one".into()]),
            Block::Table {
                headers: vec!["a".into()],
                rows: vec![],
            },
            Block::Code("let x = 1;".into()),
        ];
        for width in [0, 1, 2, 5] {
            let r = render(&blocks, &k, None, width, &Theme::dark(), Some(3));
            assert!(!r.lines.is_empty());
        }
    }
}
