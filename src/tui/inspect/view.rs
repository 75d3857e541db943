//! Drawing the Inspect tab. Read-only: everything here is a function of the state, the model
//! and the area.

use super::evaluate::{KeyStatus, Outcome};
use super::form::{Field, KeyInput, MintField, ProfileChoice};
use super::layout::{
    self, LABEL_WIDTH, MINT_LABEL_WIDTH, inner, inspect_areas, mint_areas, option_cell, text_area,
    value_area,
};
use super::mint_form::MintResult;
use super::results::{self, Look};
use super::text_box::TextBox;
use super::{Focus, Inspect, View, effective_scroll};
use crate::inspect::time::{instant_text, utc_text};
use crate::text::wrap;
use crate::tui::component::Ctx;
use crate::tui::paint;
use crate::tui::text_input::TextInput;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pane_block, pane_scrollbar, scrolled_lines, truncate};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub fn render(insp: &Inspect, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    match insp.view {
        View::Inspect => {
            let areas = inspect_areas(area);
            render_token(insp, frame, areas.token, ctx.theme);
            render_options(insp, frame, areas.options, ctx.theme);
            render_results(insp, frame, areas.results, ctx);
        }
        View::Mint => {
            let areas = mint_areas(area);
            render_mint_form(insp, frame, areas.form, ctx.theme);
            render_mint_output(insp, frame, areas.output, ctx.theme);
        }
        View::Explain => insp.explain.render(frame, area, ctx, insp.explain_typing),
    }
}

fn size_note(b: &TextBox) -> String {
    let lines = b.line_count();
    let bytes = b.text().len();
    if lines > 1 {
        format!("{lines} lines, {bytes} bytes")
    } else {
        format!("{bytes} bytes")
    }
}

/// The first display row to show so the cursor's row is on screen.
fn first_row(cursor_row: usize, height: usize) -> usize {
    cursor_row.saturating_sub(height.saturating_sub(1))
}

fn render_token(insp: &Inspect, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let focused = insp.focus == Focus::Field(Field::Token);
    let title = if insp.token.is_empty() {
        " Token ".to_string()
    } else {
        format!(" Token · {} ", size_note(&insp.token))
    };
    frame.render_widget(pane_block(title, focused, theme), area);
    let inside = inner(area);
    if inside.width == 0 || inside.height == 0 {
        return;
    }
    if insp.token.is_empty() {
        let hint = if focused {
            "type or paste; esc when done"
        } else {
            "paste a JWT, a token request body or JSON here (ctrl-v), or press i to type"
        };
        paint::lines(frame, inside, &[Line::styled(hint, theme.dim)]);
        return;
    }
    let width = usize::from(inside.width);
    let height = usize::from(inside.height);
    let rows = insp.token.rows(width);
    let first = if focused {
        first_row(insp.token.cursor_at(&rows, width).0, height)
    } else {
        0
    };
    let text = insp.token.text();
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(first)
        .take(height)
        .map(|r| Line::styled(text.get(r.start..r.end).unwrap_or_default(), theme.base))
        .collect();
    paint::lines(frame, inside, &lines);
}

/// The part of a one-line text to show in `room` columns so the cursor stays visible, and the
/// cursor's column in it.
fn window(text: &str, cursor_chars: usize, room: usize) -> (String, usize) {
    let skip = cursor_chars.saturating_sub(room.saturating_sub(1));
    let visible: String = text.chars().skip(skip).take(room).collect();
    let before: String = text
        .chars()
        .skip(skip)
        .take(cursor_chars.saturating_sub(skip))
        .collect();
    (visible, before.width())
}

fn option_placeholder(field: Field) -> &'static str {
    match field {
        Field::Key => "none: a path, or paste PEM, cert or JWKS",
        Field::Secret => "HS256/384/512",
        Field::ClientId | Field::Username | Field::LoginUrl => "not compared",
        Field::Skew => "0 s",
        Field::Token | Field::Profile | Field::At => "",
    }
}

/// An option's value as drawn: text and style.
fn option_value(insp: &Inspect, field: Field, focused: bool, theme: &Theme) -> (String, Style) {
    let eval = &insp.evaluation;
    match field {
        Field::Token => (String::new(), theme.base),
        Field::Key => key_value(insp, focused, theme),
        Field::Secret => secret_value(insp, theme),
        Field::Profile => {
            let chosen = match (insp.profile, eval.summary()) {
                (ProfileChoice::Auto, Some(s)) => format!("auto → {}", s.profile),
                (choice, _) => choice.label().to_string(),
            };
            if focused {
                (format!("‹ {chosen} ›"), theme.base)
            } else {
                (chosen, theme.base)
            }
        }
        Field::At if insp.at.is_empty() && !focused => {
            let from = match eval.at_source {
                super::AtSource::Minted => "issue time",
                _ => "now",
            };
            (format!("{from} → {}", instant_text(eval.at)), theme.dim)
        }
        Field::At if eval.at_incomplete.is_some() && !focused => {
            (format!("{} (incomplete)", insp.at.text()), theme.deprecated)
        }
        other => match insp.input(other) {
            Some(input) if input.is_empty() && !focused => {
                (option_placeholder(other).to_string(), theme.dim)
            }
            Some(input) => (input.text().to_string(), theme.base),
            None => (String::new(), theme.base),
        },
    }
}

/// The secret is never echoed, not even while typing: a dot per character and its size.
fn secret_value(insp: &Inspect, theme: &Theme) -> (String, Style) {
    if insp.secret.is_empty() {
        return (option_placeholder(Field::Secret).to_string(), theme.dim);
    }
    (secret_mask(&insp.secret), theme.base)
}

fn secret_mask(b: &TextBox) -> String {
    let dots = b.text().chars().count().min(8);
    format!("{} {} bytes", "•".repeat(dots), b.text().len())
}

/// The key field no longer counts when a secret is given; its row says so.
fn key_value(insp: &Inspect, focused: bool, theme: &Theme) -> (String, Style) {
    if !insp.secret.is_empty() && !insp.key.is_empty() && !focused {
        return ("not used: the Secret field is set".to_string(), theme.dim);
    }
    let text = insp.key.text();
    let pasted = matches!(KeyInput::of(text), KeyInput::Pasted(_));
    if focused && !pasted {
        return (text.to_string(), theme.base);
    }
    let status = match &insp.evaluation.key {
        KeyStatus::Loaded(what) => (format!("✓ {what}"), theme.recommended),
        KeyStatus::Failed(why) => (format!("✗ {why}"), theme.deprecated),
        KeyStatus::None => (option_placeholder(Field::Key).to_string(), theme.dim),
    };
    if focused {
        // Pasted key material is not echoed; its size and verdict are.
        let (verdict, style) = status;
        return (
            format!(
                "pasted, {} · ctrl-u clears · {verdict}",
                size_note(&insp.key)
            ),
            style,
        );
    }
    status
}

fn render_options(insp: &Inspect, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    for field in Field::ORDER.into_iter().skip(1) {
        let cell = option_cell(area, field);
        if cell.area() == 0 {
            continue;
        }
        let focused = insp.focus == Focus::Field(field) && insp.view == View::Inspect;
        let label_style = if focused { theme.key } else { theme.label };
        let value = value_area(cell, LABEL_WIDTH);
        let room = usize::from(value.width);
        let (text, style) = option_value(insp, field, focused, theme);
        let shown = match (focused, insp.input(field)) {
            (true, Some(input)) => window(input.text(), input.cursor(), room).0,
            (true, None) if field == Field::Key && !is_pasted(&insp.key) => {
                window(insp.key.text(), insp.key.cursor_chars(), room).0
            }
            (true, None) if field == Field::Secret => truncate(&text, room),
            // Say how to change the choice when there is room for it.
            (true, None) if field == Field::Profile => {
                let hint = format!("{text}  space/←/→");
                truncate(
                    if hint.chars().count() <= room {
                        &hint
                    } else {
                        &text
                    },
                    room,
                )
            }
            _ => truncate(&text, room),
        };
        let label_style = if field == Field::At && insp.evaluation.at_incomplete.is_some() {
            theme.deprecated
        } else {
            label_style
        };
        let line = Line::from(vec![
            Span::styled(format!(" {:<9} ", field.label()), label_style),
            Span::styled(shown, style),
        ]);
        paint::lines(frame, cell, &[line]);
    }
}

fn is_pasted(b: &TextBox) -> bool {
    matches!(KeyInput::of(b.text()), KeyInput::Pasted(_))
}

fn results_title(insp: &Inspect) -> String {
    match &insp.evaluation.outcome {
        Outcome::Report(s) => format!(" Results · {} · {} ", s.kind, s.profile),
        Outcome::Undecodable(_) => " Results · cannot decode ".to_string(),
        Outcome::BadOption(_) | Outcome::Empty => " Results ".to_string(),
    }
}

fn render_results(insp: &Inspect, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let focused = insp.focus == Focus::Results;
    frame.render_widget(pane_block(results_title(insp), focused, theme), area);
    let body = text_area(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let look = Look {
        selected: insp.selected,
        focused,
        width: usize::from(body.width),
        theme,
        knowledge: ctx.knowledge,
        answer: insp.live_answer(),
    };
    let laid = results::lay_out(&insp.evaluation, &look);
    let height = usize::from(body.height);
    let scroll = match (insp.xml_scroll, laid.xml_start()) {
        (Some(offset), Some(start)) => {
            (start + offset).min(laid.lines.len().saturating_sub(height))
        }
        _ => effective_scroll(&laid, insp.scroll, insp.selected, height),
    };
    paint::lines(frame, body, laid.lines.get(scroll..).unwrap_or_default());
    let max = laid.lines.len().saturating_sub(height);
    pane_scrollbar(frame, area, max, scroll, theme);
}

fn mint_placeholder(field: MintField) -> &'static str {
    match field {
        MintField::ClientId => "the app's consumer key (iss)",
        MintField::Username => "the Salesforce username (sub)",
        MintField::Key => "a path, or paste the private key PEM (never shown)",
        MintField::LoginUrl => "https://login.salesforce.com",
        MintField::Ttl => "180 s",
    }
}

fn render_mint_form(insp: &Inspect, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let focused = insp.mint_focus.is_some();
    frame.render_widget(
        pane_block(" Mint a JWT bearer assertion ".into(), focused, theme),
        area,
    );
    for field in MintField::ORDER {
        let cell = layout::mint_cell(area, field);
        if cell.area() == 0 {
            continue;
        }
        let this = insp.mint_focus == Some(field);
        let label_style = if this { theme.key } else { theme.label };
        let room = usize::from(value_area(cell, MINT_LABEL_WIDTH).width);
        let (text, style) = match field {
            MintField::Key => {
                let key = &insp.mint.key;
                if key.is_empty() {
                    (mint_placeholder(field).to_string(), theme.dim)
                } else if is_pasted(key) {
                    (
                        format!("pasted, {} · ctrl-u clears", size_note(key)),
                        theme.base,
                    )
                } else if this {
                    (window(key.text(), key.cursor_chars(), room).0, theme.base)
                } else {
                    (key.text().to_string(), theme.base)
                }
            }
            other => match insp.mint.input(other) {
                Some(input) if input.is_empty() => (mint_placeholder(other).to_string(), theme.dim),
                Some(input) if this => (window(input.text(), input.cursor(), room).0, theme.base),
                Some(input) => (input.text().to_string(), theme.base),
                None => (String::new(), theme.base),
            },
        };
        let line = Line::from(vec![
            Span::styled(format!(" {:<11} ", field.label()), label_style),
            Span::styled(truncate(&text, room), style),
        ]);
        paint::lines(frame, cell, &[line]);
    }
}

/// Text cut into rows of `width` characters, keeping line breaks.
fn char_rows(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    text.split('\n')
        .flat_map(|line| {
            let chars: Vec<char> = line.chars().collect();
            if chars.is_empty() {
                return vec![String::new()];
            }
            chars
                .chunks(width)
                .map(|c| c.iter().collect())
                .collect::<Vec<String>>()
        })
        .collect()
}

fn render_mint_output(insp: &Inspect, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let focused = insp.mint_focus.is_none();
    frame.render_widget(
        pane_block(" Signed assertion ".into(), focused, theme),
        area,
    );
    let body = text_area(area);
    if body.width == 0 || body.height == 0 {
        return;
    }
    let lines = mint_output_lines(&insp.mint.result, usize::from(body.width), theme);
    scrolled_lines(frame, area, body, &lines, insp.mint_scroll, theme);
}

/// The output pane's lines at `width` columns.
pub fn mint_output_lines(result: &MintResult, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let para = |lines: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for piece in wrap(text, width) {
            lines.push(Line::styled(piece, style));
        }
    };
    match result {
        MintResult::Incomplete(missing) => {
            para(
                &mut lines,
                &format!("Fill in: {}.", missing.join(", ")),
                theme.title,
            );
            lines.push(Line::default());
            para(
                &mut lines,
                "The assertion is signed RS256 with the private key; the connected app must hold its certificate. Salesforce documents a 3-minute lifetime.",
                theme.base,
            );
            para(
                &mut lines,
                "A pasted key stays in memory and is never shown or written anywhere.",
                theme.dim,
            );
        }
        MintResult::Failed(why) => {
            para(&mut lines, &format!("Cannot mint: {why}"), theme.deprecated)
        }
        MintResult::Minted {
            assertion,
            curl,
            warnings,
            at,
            exp,
        } => {
            for w in warnings {
                para(&mut lines, &format!("warning: {w}"), theme.discouraged);
            }
            let expires = exp
                .and_then(utc_text)
                .map_or_else(String::new, |e| format!(", exp {e}"));
            para(
                &mut lines,
                &format!(
                    "Signed RS256 at {}{expires}; the assertion is {} bytes.",
                    instant_text(*at),
                    assertion.len()
                ),
                theme.dim,
            );
            lines.push(Line::from(vec![
                Span::styled("curl", theme.heading),
                Span::styled(
                    "  y copies it · Y copies the assertion alone · enter inspects it",
                    theme.dim,
                ),
            ]));
            for row in char_rows(curl, width) {
                lines.push(Line::styled(row, theme.code));
            }
        }
    }
    lines
}

/// Where the terminal cursor goes while a field has the keyboard.
pub fn cursor(insp: &Inspect, area: Rect) -> Option<Position> {
    match insp.view {
        View::Inspect => {
            let Focus::Field(field) = insp.focus else {
                return None;
            };
            let areas = inspect_areas(area);
            match field {
                Field::Token => token_cursor(&insp.token, inner(areas.token)),
                Field::Profile => None,
                Field::Secret => {
                    let value = value_area(option_cell(areas.options, field), LABEL_WIDTH);
                    let dots = insp.secret.text().chars().count().min(8);
                    at_column(value, dots)
                }
                Field::Key => {
                    let value = value_area(option_cell(areas.options, field), LABEL_WIDTH);
                    box_cursor(&insp.key, value)
                }
                other => {
                    let value = value_area(option_cell(areas.options, other), LABEL_WIDTH);
                    insp.input(other).and_then(|i| input_cursor(i, value))
                }
            }
        }
        View::Explain if insp.explain_typing => super::explain_pane::cursor(&insp.explain, area),
        View::Explain => None,
        View::Mint => {
            let field = insp.mint_focus?;
            let cell = layout::mint_cell(mint_areas(area).form, field);
            let value = value_area(cell, MINT_LABEL_WIDTH);
            match field {
                MintField::Key => box_cursor(&insp.mint.key, value),
                other => insp.mint.input(other).and_then(|i| input_cursor(i, value)),
            }
        }
    }
}

fn at_column(value: Rect, column: usize) -> Option<Position> {
    if value.width == 0 || value.height == 0 {
        return None;
    }
    let x = value
        .x
        .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
        .min(value.right().saturating_sub(1));
    Some(Position::new(x, value.y))
}

fn input_cursor(input: &TextInput, value: Rect) -> Option<Position> {
    let (_, column) = window(input.text(), input.cursor(), usize::from(value.width));
    at_column(value, column)
}

/// A one-line box (a path) shows its cursor; pasted key material shows none.
fn box_cursor(b: &TextBox, value: Rect) -> Option<Position> {
    if is_pasted(b) {
        return None;
    }
    let (_, column) = window(b.text(), b.cursor_chars(), usize::from(value.width));
    at_column(value, column)
}

fn token_cursor(b: &TextBox, inside: Rect) -> Option<Position> {
    if inside.width == 0 || inside.height == 0 {
        return None;
    }
    let width = usize::from(inside.width);
    let height = usize::from(inside.height);
    let (row, col) = b.cursor_at(&b.rows(width), width);
    let shown = row - first_row(row, height);
    Some(Position::new(
        inside.x + u16::try_from(col).unwrap_or(0).min(inside.width - 1),
        inside.y + u16::try_from(shown).unwrap_or(0).min(inside.height - 1),
    ))
}
