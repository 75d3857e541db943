//! Export to a PlantUML sequence diagram.
//!
//! PlantUML runs message, note, title and participant text through its Creole markup, where
//! doubled `*`, `/`, `_`, `-`, `"`, `~`, `^`, `=` and `[` start formatting, `<` starts a tag,
//! `\n` is a line break, and a leading `*`, `#`, `=` or `|` starts a list, heading or table.
//! HTML numeric entities are decoded after the markup is parsed, so markup characters are
//! written as `&#NN;` where they could trigger it; a backslash is written `<U+005C>` because
//! `&#92;` crashes some PlantUML versions (1.2020.02 throws "character to be escaped is
//! missing").

use super::sequence::{Part, parts};
use super::text::clean;
use crate::model::{Flow, StepKind};
use std::fmt::Write;

pub fn to_plantuml(flow: &Flow) -> String {
    let mut out = String::from("@startuml\n");
    let _ = writeln!(out, "title {}", text(&flow.name));
    out.push_str("autonumber\n");
    for part in parts(flow) {
        let _ = match part {
            Part::Participant { keyword, id, label } => {
                writeln!(out, "{keyword} \"{}\" as {id}", text(label))
            }
            Part::Message {
                from,
                to,
                kind,
                label,
            } => writeln!(out, "{from} {} {to} : {}", arrow(kind), text(label)),
            Part::Note { over, text: note } => {
                writeln!(out, "note over {} : {}", over.join(", "), text(note))
            }
        };
    }
    out.push_str("@enduml\n");
    out
}

/// Solid for requests, dashed for responses; thin (async) heads for a redirect the browser
/// follows and for what a person does.
fn arrow(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Request | StepKind::Internal => "->",
        StepKind::Response => "-->",
        StepKind::Redirect => "-->>",
        StepKind::UserAction => "->>",
    }
}

/// Characters that start markup when doubled.
const DOUBLED: &[char] = &['*', '/', '_', '-', '^', '=', '[', ']'];
/// Characters that start markup at the beginning of a text.
const LEADING: &[char] = &['*', '#', '=', '|', '-', '!', '\''];

/// One line of text shown literally by PlantUML.
fn text(raw: &str) -> String {
    let cleaned = clean(raw);
    let chars: Vec<char> = cleaned.trim().chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let doubled = DOUBLED.contains(&c) && (prev == Some(c) || next == Some(c));
        let leading = i == 0 && LEADING.contains(&c);
        match c {
            '\\' => out.push_str("<U+005C>"),
            '&' | '<' | '>' | '"' | '~' | '%' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c if doubled || leading => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_written_as_entities() {
        assert_eq!(text("**b** x*y"), "&#42;&#42;b&#42;&#42; x*y");
        assert_eq!(text("https://a.b/c"), "https:&#47;&#47;a.b/c");
        assert_eq!(text(r"a\nb"), "a<U+005C>nb");
        assert_eq!(text("<b> \"q\" ~~"), "&#60;b&#62; &#34;q&#34; &#126;&#126;");
        assert_eq!(text("# heading"), "&#35; heading");
        assert_eq!(text("POST /token (code)"), "POST /token (code)");
    }
}
