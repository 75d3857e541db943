//! Participant names for the export formats.
//!
//! Mermaid's and PlantUML's lexers read `sf-auth->>sf-api` or a participant called `end` or
//! `note` as something else, so exports name participants with `[A-Za-z0-9_]` words that are not
//! keywords of either grammar, and show the real label through `as`.

use crate::model::Flow;
use std::collections::{HashMap, HashSet};

/// Keywords of Mermaid's sequenceDiagram and PlantUML's sequence grammar (compared ignoring
/// case, as both lexers do).
const KEYWORDS: &[&str] = &[
    "accdescr",
    "acctitle",
    "activate",
    "actor",
    "also",
    "alt",
    "and",
    "as",
    "autoactivate",
    "autonumber",
    "boundary",
    "box",
    "break",
    "collections",
    "control",
    "create",
    "critical",
    "database",
    "deactivate",
    "destroy",
    "details",
    "else",
    "end",
    "endlegend",
    "entity",
    "footer",
    "group",
    "header",
    "hide",
    "hnote",
    "left",
    "legend",
    "link",
    "links",
    "loop",
    "newpage",
    "note",
    "of",
    "off",
    "opt",
    "option",
    "over",
    "par",
    "par_over",
    "participant",
    "properties",
    "queue",
    "rect",
    "ref",
    "return",
    "right",
    "rnote",
    "sequencediagram",
    "show",
    "skinparam",
    "title",
];

/// Export names by participant id. Steps naming an unknown participant get a name too, so an
/// export never refers to a participant it cannot name.
pub struct ExportIds {
    by_id: HashMap<String, String>,
}

impl ExportIds {
    pub fn new(flow: &Flow) -> Self {
        let mut taken: HashSet<String> = HashSet::new();
        let mut by_id = HashMap::new();
        let ids = flow.participants.iter().map(|p| p.id.as_str()).chain(
            flow.steps
                .iter()
                .flat_map(|s| [s.from.as_str(), s.to.as_str()]),
        );
        for id in ids {
            if by_id.contains_key(id) {
                continue;
            }
            let base = word(id);
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.to_ascii_lowercase()) {
                name = format!("{base}_{n}");
                n += 1;
            }
            by_id.insert(id.to_string(), name);
        }
        ExportIds { by_id }
    }

    pub fn get(&self, id: &str) -> String {
        self.by_id.get(id).cloned().unwrap_or_else(|| word(id))
    }
}

/// `sf-auth` -> `sf_auth`; names that are empty, start with a digit or are keywords get `p_`.
fn word(id: &str) -> String {
    let w: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let bad_start = w.chars().next().is_none_or(|c| !c.is_ascii_alphabetic());
    if bad_start || KEYWORDS.contains(&w.to_ascii_lowercase().as_str()) {
        format!("p_{w}")
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::assert_maps;

    #[test]
    fn words_are_safe_for_both_grammars() {
        assert_maps(
            word,
            &[
                ("sf-auth", "sf_auth"),
                ("end", "p_end"),
                ("Note", "p_Note"),
                ("9lives", "p_9lives"),
                ("", "p_"),
                ("_x", "p__x"),
                ("café", "caf_"),
            ],
        );
    }
}
