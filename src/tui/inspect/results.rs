//! The results pane as lines: a summary of the verdict, the findings, then each section's
//! fields. Rows (findings and fields) can be selected; the selected row opens up to show its
//! whole text and its explanation (the check, or the glossary term). Pure: the same inputs
//! give the same lines, so drawing, scrolling and mouse hits agree.

use super::evaluate::{AtSource, Evaluation, KeyStatus, Outcome};
use super::summary::{FieldView, FindingView, Summary, XmlLine};
use crate::inspect::report::{BadgeTone, SignatureStatus, badge_tone};
use crate::inspect::time::instant_text;
use crate::model::{EntryView, Knowledge, Severity};
use crate::text::wrap;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// What a stretch of the results pane stands for: a selectable row (a finding or a field, by
/// its place in order), or the XML view from its heading down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Row(usize),
    Xml,
}

/// The results pane's lines, with each row's lines and the XML view marked.
pub type Laid = crate::tui::laid::Laid<Part>;

impl Laid {
    /// The lines row `row` occupies.
    pub fn row_lines(&self, row: usize) -> Option<Range<usize>> {
        self.lines_of(&Part::Row(row))
    }

    /// The row on line `line`.
    pub fn row_at(&self, line: usize) -> Option<usize> {
        match self.hit(line, 0)? {
            Part::Row(row) => Some(*row),
            Part::Xml => None,
        }
    }

    /// The line of the XML view's heading, when the report has one.
    pub fn xml_start(&self) -> Option<usize> {
        self.lines_of(&Part::Xml).map(|lines| lines.start)
    }
}

/// How the pane is drawn: which row is selected and whether the pane has focus.
#[derive(Debug, Clone, Copy)]
pub struct Look<'a> {
    pub selected: usize,
    pub focused: bool,
    pub width: usize,
    pub theme: &'a Theme,
    pub knowledge: &'a Knowledge,
    /// The answer to `t`, shown under the findings.
    pub answer: Option<&'a super::LiveAnswer>,
}

pub fn severity_style(theme: &Theme, severity: Severity) -> Style {
    match severity {
        Severity::Error => theme.deprecated,
        Severity::Warning => theme.discouraged,
        Severity::Info => theme.supported,
    }
}

/// The signature badge's style, from the same verdict as `sfauth inspect`'s exit code: a
/// valid signature over a failing document is never shown as good.
pub fn badge_style(theme: &Theme, status: SignatureStatus, exit: u8) -> Style {
    match badge_tone(status, exit) {
        BadgeTone::Trusted => theme.recommended,
        BadgeTone::Broken => theme.deprecated,
        BadgeTone::Unproven => theme.discouraged,
    }
}

/// The accepted inputs, shown while the box is empty.
const INTRO: &[&str] = &[
    "Paste a JWT (your terminal's paste, or ctrl-v), or press i to type one.",
    "Accepted: a compact JWT, with or without \"Bearer \"; a token request body; JSON with \"assertion\", \"id_token\" or a JWT \"access_token\".",
    "Add a Key (or a Secret for HS256) to verify the signature. m opens the mint form; e explains a Salesforce error response (or paste one anywhere).",
    "What you paste stays in memory: nothing is written to disk or to a log.",
];

pub fn lay_out(eval: &Evaluation, look: &Look<'_>) -> Laid {
    let width = look.width.max(1);
    let theme = look.theme;
    let mut out = Laid::default();
    match &eval.outcome {
        Outcome::Empty => {
            for (i, paragraph) in INTRO.iter().enumerate() {
                if i > 0 {
                    out.lines.push(Line::default());
                }
                let style = if i == 0 { theme.title } else { theme.base };
                for l in wrap(paragraph, width) {
                    out.lines.push(Line::styled(l, style));
                }
            }
        }
        Outcome::BadOption(message) => push_error(&mut out, "Cannot evaluate: ", message, look),
        Outcome::Undecodable(message) => push_error(&mut out, "Cannot decode: ", message, look),
        Outcome::Report(summary) => report(&mut out, eval, summary, look),
    }
    out
}

/// One message, wrapped under its label: the whole reason in one place.
fn push_error(out: &mut Laid, label: &str, message: &str, look: &Look<'_>) {
    let indent = label.chars().count();
    let room = look.width.saturating_sub(indent).max(10);
    for (i, piece) in wrap(message, room).into_iter().enumerate() {
        let head = if i == 0 {
            Span::styled(label.to_string(), look.theme.deprecated)
        } else {
            Span::raw(" ".repeat(indent))
        };
        out.lines
            .push(Line::from(vec![head, Span::styled(piece, look.theme.base)]));
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn report(out: &mut Laid, eval: &Evaluation, s: &Summary, look: &Look<'_>) {
    let width = look.width.max(1);
    profile_line(out, s, look.theme, width);
    signature_lines(out, eval, s, look.theme, width);
    verdict_line(out, eval, s, look.theme, width);
    out.lines.push(Line::default());
    let rows = finding_rows(out, s, look);
    if let Some(answer) = look.answer {
        out.lines.push(Line::default());
        out.lines
            .extend(answer.lines(look.knowledge, width, look.theme));
    }
    section_rows(out, s, look, rows);
    if let Some(xml) = &s.xml {
        xml_lines(out, xml, look.theme, width);
    }
}

/// `JWT profile jwt-bearer (why it was chosen)`.
fn profile_line(out: &mut Laid, s: &Summary, theme: &Theme, width: usize) {
    let mut head = vec![
        Span::styled(s.kind, theme.title),
        Span::styled(" profile ", theme.dim),
        Span::styled(s.profile.clone(), theme.title),
    ];
    if !s.profile_reason.is_empty() && !s.profile_reason.starts_with("chosen with") {
        head.push(Span::styled(format!(" ({})", s.profile_reason), theme.dim));
    }
    out.lines.push(fit(head, width));
}

/// `Signature [valid] RS256: …`, the detail wrapped under the badge.
fn signature_lines(out: &mut Laid, eval: &Evaluation, s: &Summary, theme: &Theme, width: usize) {
    let detail = match (&eval.key, s.signature.status) {
        (KeyStatus::Failed(e), _) => format!("key not used: {e}"),
        (KeyStatus::None, SignatureStatus::NotChecked) => {
            "no key given: fill in Key to verify".to_string()
        }
        _ => s.signature.detail.clone(),
    };
    let alg = s.signature.alg.clone().unwrap_or_else(|| "no alg".into());
    let label = "Signature ";
    let badge = format!("[{}]", s.signature.status.as_str());
    let lead = label.len() + badge.chars().count() + 1;
    let text = format!("{alg}: {detail}");
    for (i, piece) in wrap(&text, width.saturating_sub(lead).max(10))
        .into_iter()
        .enumerate()
    {
        let mut spans = if i == 0 {
            vec![
                Span::styled(label, theme.label),
                Span::styled(
                    badge.clone(),
                    badge_style(theme, s.signature.status, s.exit_code),
                ),
                Span::raw(" "),
            ]
        } else {
            vec![Span::raw(" ".repeat(lead))]
        };
        spans.push(Span::styled(piece, theme.base));
        out.lines.push(Line::from(spans));
    }
}

/// `At <instant>  OK: n errors, n warnings, n notes`.
fn verdict_line(out: &mut Laid, eval: &Evaluation, s: &Summary, theme: &Theme, width: usize) {
    let (errors, warnings, notes) = s.tally();
    let (verdict, verdict_style) = if s.exit_code == 0 {
        ("OK", theme.recommended)
    } else {
        ("FAIL", theme.deprecated)
    };
    let when = match eval.at_source {
        AtSource::Now => " (now)",
        AtSource::Given => "",
        AtSource::Minted => " (its issue time)",
    };
    out.lines.push(fit(
        vec![
            Span::styled("At ", theme.label),
            Span::styled(format!("{}{when}", instant_text(eval.at)), theme.base),
            Span::styled("  ", theme.base),
            Span::styled(verdict, verdict_style),
            Span::styled(
                format!(
                    ": {}, {}, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning"),
                    plural(notes, "note")
                ),
                theme.base,
            ),
        ],
        width,
    ));
}

/// The findings, one selectable row each; returns how many rows they took.
fn finding_rows(out: &mut Laid, s: &Summary, look: &Look<'_>) -> usize {
    let theme = look.theme;
    if s.findings.is_empty() {
        out.lines.push(Line::from(vec![
            Span::styled("Findings", theme.heading),
            Span::styled(": none", theme.dim),
        ]));
    } else {
        out.lines.push(Line::styled("Findings", theme.heading));
    }
    for (row, f) in s.findings.iter().enumerate() {
        let start = out.lines.len();
        finding_lines(out, f, row == look.selected, look);
        out.mark_lines(start..out.lines.len(), Part::Row(row));
    }
    s.findings.len()
}

/// Each section's fields as selectable rows, numbered on from `row`.
fn section_rows(out: &mut Laid, s: &Summary, look: &Look<'_>, mut row: usize) {
    let theme = look.theme;
    for section in &s.sections {
        out.lines.push(Line::default());
        out.lines
            .push(Line::styled(section.title.clone(), theme.heading));
        // Room for every short label in full from 72 columns; narrower panes cut them.
        let widest = if look.width >= 72 { LABEL_MAX } else { 12 };
        let name_width = section
            .fields
            .iter()
            .map(|f| short_label(&f.name).chars().count())
            .max()
            .unwrap_or(0)
            .clamp(3, widest);
        for field in &section.fields {
            let start = out.lines.len();
            field_lines(out, field, name_width, row == look.selected, look);
            out.mark_lines(start..out.lines.len(), Part::Row(row));
            row += 1;
        }
    }
}

/// The XML view: one line per element, the signed element marked.
fn xml_lines(out: &mut Laid, xml: &[XmlLine], theme: &Theme, width: usize) {
    out.lines.push(Line::default());
    let start = out.lines.len();
    out.lines.push(Line::from(vec![
        Span::styled("XML", theme.heading),
        Span::styled("  ┃ marks the signed element", theme.dim),
    ]));
    for l in xml {
        let (mark, style) = if l.signed {
            ("┃ ", theme.recommended)
        } else {
            ("  ", theme.dim)
        };
        let indent = "  ".repeat(l.depth.min(20));
        out.lines.push(fit(
            vec![
                Span::styled(mark, style),
                Span::styled(format!("{indent}{}", l.text), theme.code),
            ],
            width,
        ));
    }
    out.mark_lines(start..out.lines.len(), Part::Xml);
}

/// One line cut to `width` columns.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut kept = Vec::new();
    for span in spans {
        if left == 0 {
            break;
        }
        let text = span.content.to_string();
        let n = text.chars().count();
        if n <= left {
            left -= n;
            kept.push(span);
        } else {
            kept.push(Span::styled(truncate(&text, left), span.style));
            left = 0;
        }
    }
    Line::from(kept)
}

/// A selected row's first line: one style across the width, so it reads as a highlight.
fn highlighted(text: String, width: usize, look: &Look<'_>) -> Line<'static> {
    let style = look.theme.selection(look.focused);
    let cut = truncate(&text, width);
    let pad = width.saturating_sub(cut.chars().count());
    Line::styled(format!("{cut}{}", " ".repeat(pad)), style)
}

/// The longest short label ("Conf NotOnOrAfter").
const LABEL_MAX: usize = 17;

/// The CLI's row names, shortened for the name column: distinct, whole words, at most
/// [`LABEL_MAX`] columns. The full name stays in the model and the JSON.
fn short_label(name: &str) -> String {
    let whole = match name {
        "Signature algorithm" => Some("Sig algorithm"),
        "KeyInfo certificate" => Some("KeyInfo cert"),
        "AuthnContextClassRef" => Some("AuthnContext"),
        "SubjectConfirmation Method" => Some("Conf Method"),
        _ => None,
    };
    if let Some(short) = whole {
        return short.to_string();
    }
    for (long, short) in [
        ("Certificate ", "Cert "),
        ("Conditions ", "Cond "),
        ("Confirmation ", "Conf "),
    ] {
        if let Some(rest) = name.strip_prefix(long) {
            return format!("{short}{rest}");
        }
    }
    name.to_string()
}

const CHECK_COL: usize = 4;
const SEVERITY_COL: usize = 8;

fn finding_lines(out: &mut Laid, view: &FindingView, selected: bool, look: &Look<'_>) {
    let f = &view.finding;
    let theme = look.theme;
    let width = look.width.max(1);
    let tag_width = 2 + CHECK_COL + SEVERITY_COL;
    let tag = format!(
        "{:<CHECK_COL$}{:<SEVERITY_COL$}",
        f.check,
        f.severity.as_str()
    );
    if !selected {
        let mut spans = vec![
            Span::raw("  "),
            Span::styled(tag, severity_style(theme, f.severity)),
            Span::styled(f.message.clone(), theme.base),
        ];
        if let Some(p) = &f.predicts {
            spans.push(Span::styled(format!(" → {p}"), theme.dim));
        }
        out.lines.push(fit(spans, width));
        return;
    }
    let room = width.saturating_sub(tag_width).max(10);
    let indent = " ".repeat(tag_width);
    let message = wrap(&f.message, room);
    for (i, piece) in message.into_iter().enumerate() {
        if i == 0 {
            out.lines
                .push(highlighted(format!("▸ {tag}{piece}"), width, look));
        } else {
            out.lines
                .push(Line::styled(format!("{indent}{piece}"), theme.base));
        }
    }
    let mut more = Vec::new();
    if let Some(fix) = &view.fix {
        more.push((format!("Fix: {fix}"), theme.recommended));
    }
    if let Some(p) = &f.predicts {
        more.push((format!("→ predicts {p}"), theme.code));
    }
    if let Some(h) = &f.login_history {
        more.push((format!("Login History: {h}"), theme.base));
    }
    let open = match (&view.target, &view.title) {
        // The title states the rule ("aud is an accepted audience"); shown bare under a
        // failed finding it would read as the verdict, so it is named as what is expected.
        (Some(target), Some(title)) => {
            format!("Rule {} expects: {title}. Enter opens {target}.", f.check)
        }
        (Some(target), None) => format!("Enter opens {target}."),
        (None, _) => format!("{} is not in the knowledge model.", f.check),
    };
    more.push((open, theme.dim));
    for (text, style) in more {
        for piece in wrap(&text, room) {
            out.lines.push(Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(piece, style),
            ]));
        }
    }
}

fn field_lines(
    out: &mut Laid,
    field: &FieldView,
    name_width: usize,
    selected: bool,
    look: &Look<'_>,
) {
    let theme = look.theme;
    let width = look.width.max(1);
    let name = truncate(&short_label(&field.name), name_width);
    let lead = 2 + name_width + 2;
    let value = match &field.time {
        Some(time) => format!("{}  {time}", field.value),
        None => field.value.clone(),
    };
    let term = field
        .term
        .as_ref()
        .and_then(|r| look.knowledge.get(r))
        .map(|e| e.title());
    if !selected {
        let label = term.as_deref().map(|t| truncate(t, 20)).unwrap_or_default();
        let label_width = if label.is_empty() {
            0
        } else {
            label.chars().count() + 2
        };
        let room = width.saturating_sub(lead + label_width);
        let shown = truncate(&value, room);
        let pad = room.saturating_sub(shown.chars().count());
        let mut spans = vec![
            Span::raw("  "),
            Span::styled(format!("{name:<name_width$}  "), theme.label),
            Span::styled(shown, theme.base),
        ];
        if !label.is_empty() {
            spans.push(Span::raw(" ".repeat(pad + 2)));
            spans.push(Span::styled(label, theme.dim));
        }
        out.lines.push(fit(spans, width));
        return;
    }
    let room = width.saturating_sub(lead).max(10);
    let indent = " ".repeat(lead);
    for (i, piece) in hard_wrap(&value, room).into_iter().enumerate() {
        if i == 0 {
            out.lines.push(highlighted(
                format!("▸ {name:<name_width$}  {piece}"),
                width,
                look,
            ));
        } else {
            out.lines
                .push(Line::styled(format!("{indent}{piece}"), theme.base));
        }
    }
    let explanation = field
        .term
        .as_ref()
        .and_then(|r| Some((r, look.knowledge.get(r)?)));
    match explanation {
        Some((r, entry)) => {
            let definition = match entry {
                EntryView::Glossary(g) => g.definition.clone(),
                other => other.summary().to_string(),
            };
            let text = format!("{}: {definition}", entry.title());
            for piece in wrap(&text, room) {
                out.lines.push(Line::from(vec![
                    Span::raw(indent.clone()),
                    Span::styled(piece, theme.base),
                ]));
            }
            out.lines.push(Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(format!("Enter opens {r}."), theme.dim),
            ]));
        }
        None => out.lines.push(Line::from(vec![
            Span::raw(indent),
            Span::styled("No glossary entry for this name.", theme.dim),
        ])),
    }
}

/// Values are often one long word (a key, a URL): cut by character, keeping line breaks.
fn hard_wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars
        .chunks(width)
        .map(|c| c.iter().collect::<String>())
        .collect()
}

#[cfg(test)]
mod badge_tests {
    use super::*;

    #[test]
    fn a_valid_signature_on_a_failing_document_is_never_shown_as_good() {
        let theme = Theme::dark();
        let style = |status, exit| badge_style(&theme, status, exit);
        assert_eq!(style(SignatureStatus::Valid, 0), theme.recommended);
        assert_ne!(style(SignatureStatus::Valid, 1), theme.recommended);
        assert_eq!(style(SignatureStatus::Invalid, 1), theme.deprecated);
        assert_eq!(style(SignatureStatus::NotChecked, 0), theme.discouraged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_are_distinct_and_fit() {
        let names = [
            "Signature algorithm",
            "KeyInfo certificate",
            "Certificate issuer",
            "Certificate not before",
            "Certificate not after",
            "Certificate key",
            "Certificate SHA-256",
            "Conditions NotBefore",
            "Conditions NotOnOrAfter",
            "Confirmation InResponseTo",
            "Confirmation NotBefore",
            "Confirmation NotOnOrAfter",
            "AuthnContextClassRef",
            "SubjectConfirmation Method",
            "Canonicalization",
        ];
        let short: Vec<String> = names.iter().map(|n| short_label(n)).collect();
        for s in &short {
            assert!(s.chars().count() <= LABEL_MAX, "{s}");
        }
        let mut unique = short.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), short.len(), "{short:?}");
        assert_eq!(short_label("exp"), "exp");
    }
}
