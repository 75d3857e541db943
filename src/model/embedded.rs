//! The shipped model, compiled into the binary, and an index of where each entry sits in it
//! (written by `build.rs`), so a call that needs a few entries parses only those.

use super::kind::EntryKind;

/// The shipped files, in the order `build.rs` indexes them.
pub(super) const BUILTIN: &[(&str, &str)] = &[
    (
        "strategies.json",
        include_str!("../../assets/knowledge/strategies.json"),
    ),
    (
        "flows.json",
        include_str!("../../assets/knowledge/flows.json"),
    ),
    (
        "errors.json",
        include_str!("../../assets/knowledge/errors.json"),
    ),
    (
        "checks.json",
        include_str!("../../assets/knowledge/checks.json"),
    ),
    (
        "practices.json",
        include_str!("../../assets/knowledge/practices.json"),
    ),
    (
        "glossary.json",
        include_str!("../../assets/knowledge/glossary.json"),
    ),
    (
        "cards.json",
        include_str!("../../assets/knowledge/cards.json"),
    ),
    (
        "wizard.json",
        include_str!("../../assets/knowledge/wizard.json"),
    ),
];

/// One entry of the shipped model: its file (an index into [`BUILTIN`]), the key it is listed
/// under (as its kind), its id, and the byte range of its JSON object in the file.
#[derive(Debug)]
pub(super) struct IndexedEntry {
    pub file: usize,
    pub kind: EntryKind,
    pub id: &'static str,
    pub start: usize,
    pub end: usize,
}

impl IndexedEntry {
    pub fn file_name(&self) -> &'static str {
        BUILTIN.get(self.file).map_or("", |(name, _)| name)
    }

    /// The entry's JSON text; `None` only if the index and the embedded text disagree, which
    /// `build.rs` rules out.
    pub fn json(&self) -> Option<&'static str> {
        BUILTIN.get(self.file)?.1.get(self.start..self.end)
    }
}

/// Every entry of the shipped model, in file order.
pub(super) const INDEX: &[IndexedEntry] = include!(concat!(env!("OUT_DIR"), "/knowledge_index.rs"));

/// The shipped wizard rules, from `wizard.json`.
pub(super) fn wizard_text() -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(name, _)| *name == "wizard.json")
        .map(|(_, text)| *text)
}
