//! Export to a PlantUML sequence diagram.
//!
//! PlantUML runs message, note, title and participant text through its Creole markup, where
//! doubled `*`, `/`, `_`, `-`, `"`, `~`, `^`, `=` and `[` start formatting, `<` starts a tag,
//! `\n` is a line break, and a leading `*`, `#`, `=` or `|` starts a list, heading or table.
//! HTML numeric entities are decoded after the markup is parsed, so markup characters are
//! written as `&#NN;` where they could trigger it; a backslash is written `<U+005C>` because
//! `&#92;` crashes some PlantUML versions (1.2020.02 throws "character to be escaped is
//! missing").

use super::sequence::{Format, export};
use super::text::clean;
use crate::model::Flow;
use std::fmt::Write;

pub fn to_plantuml(flow: &Flow) -> String {
    export(flow, Format::PlantUml)
}

/// Characters that start markup when doubled.
const DOUBLED: &[char] = &['*', '/', '_', '-', '^', '=', '[', ']'];
/// Characters that start markup at the beginning of a text.
const LEADING: &[char] = &['*', '#', '=', '|', '-', '!', '\''];

/// One line of text shown literally by PlantUML.
pub(super) fn text(raw: &str) -> String {
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
    use crate::diagram::assert_maps;

    #[test]
    fn markup_is_written_as_entities() {
        assert_maps(
            text,
            &[
                ("**b** x*y", "&#42;&#42;b&#42;&#42; x*y"),
                ("https://a.b/c", "https:&#47;&#47;a.b/c"),
                (r"a\nb", "a<U+005C>nb"),
                ("<b> \"q\" ~~", "&#60;b&#62; &#34;q&#34; &#126;&#126;"),
                ("# heading", "&#35; heading"),
                ("POST /token (code)", "POST /token (code)"),
            ],
        );
    }
}
