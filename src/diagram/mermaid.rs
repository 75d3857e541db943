//! Export to a Mermaid `sequenceDiagram`.
//!
//! Grammar rules this relies on (mermaid's sequenceDiagram.jison): message and note text runs
//! from `:` to the end of the line and may not contain `#` or `;` (a comment start and a
//! statement separator); `title` and `participant ... as` text may not either; text is later run
//! through an HTML sanitizer, so `<`, `>` and `&` are written as entity codes, which mermaid
//! spells `#lt;`, `#gt;`, `#amp;` and `#NN;` and decodes after parsing.

use super::sequence::{Format, export};
use super::text::clean;
use crate::model::Flow;
use crate::text::replace_chars;

pub fn to_mermaid(flow: &Flow) -> String {
    export(flow, Format::Mermaid)
}

/// What the grammar rejects in text, as the entity codes mermaid decodes after parsing.
const ENTITIES: &[(char, &str)] = &[
    ('#', "#35;"),
    (';', "#59;"),
    ('<', "#lt;"),
    ('>', "#gt;"),
    ('&', "#amp;"),
    // `%%` starts a comment wherever it appears.
    ('%', "#37;"),
];

/// One line of text safe in any text position of the grammar; never empty.
pub(super) fn text(raw: &str) -> String {
    let cleaned = clean(raw);
    let mut out = replace_chars(cleaned.trim(), ENTITIES);
    // A leading `wrap:` or `nowrap:` is read as a layout directive and dropped.
    let lower = out.to_ascii_lowercase();
    if (lower.starts_with("wrap:") || lower.starts_with("nowrap:"))
        && let Some(colon) = out.find(':')
    {
        out.replace_range(colon..=colon, "#58;");
    }
    if out.is_empty() {
        out.push_str("#32;");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::assert_maps;

    #[test]
    fn text_escapes_what_the_grammar_rejects() {
        assert_maps(
            text,
            &[
                ("a; b # c", "a#59; b #35; c"),
                ("<br> & 50%", "#lt;br#gt; #amp; 50#37;"),
                ("wrap: x", "wrap#58; x"),
                ("line\nbreak", "line break"),
                ("  ", "#32;"),
            ],
        );
    }
}
