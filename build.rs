//! Indexes the shipped knowledge files: where each entry's JSON starts and ends in its file, with
//! its kind and id. A CLI call that needs a few entries (`sfauth kb show J7`, `sfauth inspect`)
//! then parses only those instead of the whole model. A file that does not parse here fails the
//! build, so the index always describes the text the binary embeds.

use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

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
                    "    IndexedEntry {{ file: {file_index}, plural: {key:?}, id: {id:?}, start: {start}, end: {end} }},"
                )
                .unwrap_or_default();
            }
        }
    }
    out.push_str("]\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| panic!("cargo sets OUT_DIR"));
    std::fs::write(Path::new(&out_dir).join("knowledge_index.rs"), out)
        .unwrap_or_else(|e| panic!("cannot write the knowledge index: {e}"));
}
