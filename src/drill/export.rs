//! Cards with their model answers, for other tools: CSV (RFC 4180) and Anki's tab-separated
//! notes (imported through File > Import; the header lines set the options).

use super::card::DrillCard;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Anki,
}

pub fn export(cards: &[DrillCard], format: ExportFormat) -> String {
    match format {
        ExportFormat::Csv => csv(cards),
        ExportFormat::Anki => anki(cards),
    }
}

pub const CSV_HEADER: [&str; 8] = [
    "id",
    "kind",
    "topic",
    "difficulty",
    "prompt",
    "answer",
    "refs",
    "pack",
];

fn csv(cards: &[DrillCard]) -> String {
    let mut out = String::new();
    push_row(&mut out, ',', CSV_HEADER.iter().map(|s| s.to_string()));
    for c in cards {
        push_row(
            &mut out,
            ',',
            [
                c.id.clone(),
                c.kind.as_str().to_string(),
                c.topic.clone(),
                c.difficulty.to_string(),
                c.full_prompt(),
                c.model_answer(),
                c.refs
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                c.pack.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

/// Front, back and tags, keyed by a GUID made from the card id so that importing a newer
/// export updates the notes instead of duplicating them.
fn anki(cards: &[DrillCard]) -> String {
    let mut out = String::from("#separator:tab\n#html:false\n#guid column:1\n#tags column:4\n");
    for c in cards {
        let tags = format!(
            "sfauth sfauth::kind::{} sfauth::topic::{}",
            c.kind.as_str(),
            tag_word(&c.topic)
        );
        push_row(
            &mut out,
            '\t',
            [
                format!("sfauth-{}", c.id),
                c.full_prompt(),
                c.model_answer(),
                tags,
            ],
        );
    }
    out
}

/// Anki tags are separated by spaces.
fn tag_word(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join("_")
}

fn push_row(out: &mut String, separator: char, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        push_field(out, separator, &field);
    }
    out.push('\n');
}

/// Quotes a field holding the separator, a quote or a line break, doubling inner quotes; both
/// CSV readers and Anki's importer read it back.
fn push_field(out: &mut String, separator: char, field: &str) {
    let needs_quotes = field.contains([separator, '"', '\n', '\r']);
    if needs_quotes {
        let _ = write!(out, "\"{}\"", field.replace('"', "\"\""));
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_separators_quotes_or_newlines_are_quoted() {
        let mut out = String::new();
        push_row(
            &mut out,
            ',',
            [
                "plain".into(),
                "a,b".into(),
                "say \"hi\"".into(),
                "two\nlines".into(),
            ],
        );
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
        let mut tabbed = String::new();
        push_row(&mut tabbed, '\t', ["a,b".into(), "c\td".into()]);
        assert_eq!(tabbed, "a,b\t\"c\td\"\n");
    }

    #[test]
    fn tags_have_no_spaces() {
        assert_eq!(tag_word("acme  team pack"), "acme_team_pack");
    }
}
