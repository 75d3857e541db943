//! Indexes the shipped knowledge files: where each entry's JSON starts and ends in its file, with
//! its kind and id. A CLI call that needs a few entries (`sfauth kb show J7`, `sfauth inspect`)
//! then parses only those instead of the whole model. A file that does not parse here fails the
//! build, so the index always describes the text the binary embeds. The keymap table is
//! generated from `assets/keymap.json` by `build/keymap.rs`.

use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "build/keymap.rs"]
mod keymap;

/// The files `src/model/embedded.rs` embeds, in the same order.
const FILES: [&str; 8] = [
    "strategies.json",
    "flows.json",
    "errors.json",
    "checks.json",
    "practices.json",
    "glossary.json",
    "cards.json",
    "wizard.json",
];

fn main() {
    index_knowledge();
    generate_keymap();
}

/// Writes `keymap_table.rs`; a bad `assets/keymap.json` stops the build with the reason.
fn generate_keymap() {
    println!("cargo::rerun-if-changed=assets/keymap.json");
    let text = std::fs::read_to_string("assets/keymap.json")
        .unwrap_or_else(|e| panic!("cannot read assets/keymap.json: {e}"));
    let table = keymap::generate(&text).unwrap_or_else(|e| panic!("assets/keymap.json: {e}"));
    for group in table.unused_groups {
        println!("cargo::warning=assets/keymap.json: group \"{group}\" is never used");
    }
    write_out("keymap_table.rs", &table.code);
}

/// Each key a knowledge file lists entries under, and its `EntryKind` variant: the index names
/// the kind itself so a lookup compares no strings.
const KINDS: [(&str, &str); 8] = [
    ("strategies", "Strategy"),
    ("flows", "Flow"),
    ("errors", "Error"),
    ("checks", "Check"),
    ("practices", "Practice"),
    ("glossary", "Glossary"),
    ("cards", "Card"),
    ("notes", "Note"),
];

fn index_knowledge() {
    println!("cargo::rerun-if-changed=assets/knowledge");
    let mut out = String::from("&[\n");
    for (file_index, file) in FILES.iter().enumerate() {
        let path = Path::new("assets/knowledge").join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let top: BTreeMap<String, &RawValue> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not a JSON object: {e}", path.display()));
        for (key, raw) in &top {
            if key == "wizard" {
                continue;
            }
            let kind = KINDS
                .iter()
                .find(|(plural, _)| plural == key)
                .map(|(_, variant)| variant)
                .unwrap_or_else(|| panic!("{file}: \"{key}\" is not a kind of entry"));
            let entries: Vec<&RawValue> = serde_json::from_str(raw.get())
                .unwrap_or_else(|e| panic!("{file}: \"{key}\" is not an array: {e}"));
            for entry in entries {
                let start = entry.get().as_ptr() as usize - text.as_ptr() as usize;
                let end = start + entry.get().len();
                let value: serde_json::Value = serde_json::from_str(entry.get())
                    .unwrap_or_else(|e| panic!("{file}: an entry of \"{key}\" is invalid: {e}"));
                let id = value
                    .get("id")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_else(|| panic!("{file}: an entry of \"{key}\" has no string id"));
                writeln!(
                    out,
                    "    IndexedEntry {{ file: {file_index}, kind: EntryKind::{kind}, id: {id:?}, start: {start}, end: {end} }},"
                )
                .unwrap_or_default();
            }
        }
    }
    out.push_str("]\n");
    write_out("knowledge_index.rs", &out);
}

fn write_out(name: &str, text: &str) {
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| panic!("cargo sets OUT_DIR"));
    std::fs::write(Path::new(&out_dir).join(name), text)
        .unwrap_or_else(|e| panic!("cannot write {name}: {e}"));
}
