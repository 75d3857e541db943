//! Sequence diagrams of OAuth flows: layout for the terminal, stepping, step details, and
//! Mermaid/PlantUML export. Pure domain code: the CLI prints what this builds and the terminal
//! UI styles the same cells.

mod columns;
mod curl;
mod details;
mod export_ids;
mod glyphs;
mod grid;
mod layout;
mod mermaid;
mod plantuml;
mod sequence;
mod stepper;
pub mod text;

pub use curl::curl_for;
pub use details::{kind_name, step_document};
pub use glyphs::{Charset, Glyphs};
pub use grid::{Cell, Role};
pub use layout::{Diagram, MAX_PARTICIPANTS, MAX_STEPS, StepPlace, layout};
pub use mermaid::to_mermaid;
pub use plantuml::to_plantuml;
pub use stepper::StepCursor;

use crate::model::Flow;

/// The diagram of `flow` for `width` columns as text, followed by a legend of arrow styles;
/// `highlight` (0-based) marks one step in the gutter.
pub fn render_text(flow: &Flow, width: usize, ascii: bool, highlight: Option<usize>) -> String {
    let charset = if ascii {
        Charset::Ascii
    } else {
        Charset::Unicode
    };
    let diagram = layout(flow, width, charset);
    let mut out = diagram.render_text(highlight);
    out.push('\n');
    for line in legend_lines(charset, width.max(diagram.width)) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The arrow-style legend packed into lines of at most `width` columns.
pub fn legend_lines(charset: Charset, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for (sample, meaning) in Glyphs::for_charset(charset).legend() {
        let item = format!("{sample} {meaning}");
        let item = text::wrap(&item, width, width, 1, "").concat();
        let sep = if line.is_empty() { "" } else { "   " };
        if !line.is_empty() && text::width(&line) + sep.len() + text::width(&item) > width {
            lines.push(std::mem::take(&mut line));
            line.push_str(&item);
        } else {
            line.push_str(sep);
            line.push_str(&item);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Checks a string function against `(input, expected)` examples, naming the input that fails.
#[cfg(test)]
fn assert_maps(f: impl Fn(&str) -> String, cases: &[(&str, &str)]) {
    for (input, expected) in cases {
        assert_eq!(f(input), *expected, "for {input:?}");
    }
}
