//! Parsing the embedded model and team packs, merging them, then validating the result.

use super::embedded::{BUILTIN, INDEX, IndexedEntry, wizard_text};
use super::kind::{EntryKind, EntryRef};
use super::problem::Problem;
use super::types::*;
use super::{Knowledge, Origin, validate};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// Pack files larger than this are refused rather than parsed.
const MAX_PACK_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Where a team pack lives: a folder of JSON files, or one JSON file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSource {
    pub path: PathBuf,
}

impl PackSource {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        PackSource { path: path.into() }
    }

    /// The pack's name: its folder or file name without extension.
    pub fn name(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

/// Packs named by `SFAUTH_PACK` (`:`-separated).
pub fn pack_dirs_from_env() -> Vec<PackSource> {
    std::env::var_os("SFAUTH_PACK")
        .map(|v| {
            std::env::split_paths(&v)
                .filter(|p| !p.as_os_str().is_empty())
                .map(PackSource::new)
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [] => write!(f, "the knowledge model could not be loaded"),
            [one] => write!(f, "{one}"),
            [first, rest @ ..] => write!(f, "{first} (and {} more problems)", rest.len()),
        }
    }
}

impl std::error::Error for LoadError {}

/// The shipped model plus team packs, validated. Without packs the shipped model is loaded as
/// trusted: `tests/model_shipped.rs` proves it validates (through [`load_builtin_checked`]), so
/// every start-up need not check it again.
pub(super) fn load(packs: &[PackSource]) -> Result<Knowledge, LoadError> {
    if packs.is_empty() {
        return load_builtin(None);
    }
    let mut builder = Builder::default();
    for (file, text) in BUILTIN {
        builder.add_text(file, None, text);
    }
    for pack in packs {
        builder.add_pack(pack);
    }
    builder.finish()
}

/// The shipped model, or only the entries of these kinds (then without the wizard), without
/// validation (see [`load`]). Parse errors are still reported.
pub(super) fn load_builtin(kinds: Option<&[EntryKind]>) -> Result<Knowledge, LoadError> {
    let mut builder = Builder::default();
    builder.add_indexed(|kind, _| kinds.is_none_or(|kinds| kinds.contains(&kind)));
    if kinds.is_none() {
        match wizard_text().map(serde_json::from_str::<WizardFile>) {
            Some(Ok(file)) => builder.set_wizard("wizard.json", file.wizard),
            Some(Err(e)) => {
                builder
                    .problems
                    .push(Problem::new("wizard.json", "", "wizard", e.to_string()))
            }
            None => {}
        }
    }
    builder.into_result()
}

/// Only the shipped entries `select` picks (by kind and id), plus the entries they link to
/// (`related`, `refs`, a check's predicted error) so their titles can be shown: what
/// `sfauth kb show ID` needs. Unvalidated, like [`load_builtin`].
pub(super) fn load_builtin_around(
    select: impl Fn(EntryKind, &str) -> bool,
) -> Result<Knowledge, LoadError> {
    let picked = load_builtin_picked(&select)?;
    let mut linked: Vec<EntryRef> = Vec::new();
    for e in picked.all_entries() {
        linked.extend(e.related().iter().cloned());
        if let super::EntryView::Check(c) = e
            && let Some(p) = &c.predicts
        {
            linked.push(p.entry_ref());
        }
    }
    load_builtin_picked(&|kind, id| {
        select(kind, id) || linked.iter().any(|r| r.kind == kind && r.id == id)
    })
}

fn load_builtin_picked(select: &dyn Fn(EntryKind, &str) -> bool) -> Result<Knowledge, LoadError> {
    let mut builder = Builder::default();
    builder.add_indexed(select);
    builder.into_result()
}

/// `wizard.json`'s shape, for the typed parse of the shipped wizard.
#[derive(serde::Deserialize)]
struct WizardFile {
    wizard: Wizard,
}

/// The shipped model, validated: what the tests run so that [`load_builtin`] may skip it.
pub(super) fn load_builtin_checked() -> Result<Knowledge, LoadError> {
    let mut builder = Builder::default();
    for (file, text) in BUILTIN {
        builder.add_text(file, None, text);
    }
    builder.finish()
}

/// Every problem the shipped model plus this pack has (empty: the pack is clean).
pub fn check_pack(pack: &PackSource) -> Vec<Problem> {
    if !pack.path.exists() {
        return vec![Problem::new(
            pack.path.display().to_string(),
            "",
            "",
            "no such file or folder",
        )];
    }
    match load(std::slice::from_ref(pack)) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}

#[derive(Default)]
struct Builder {
    k: Knowledge,
    problems: Vec<Problem>,
    wizard_seen: bool,
}

impl Builder {
    /// The shipped entries `select` picks, each parsed straight into its type from its place in
    /// the embedded text.
    fn add_indexed(&mut self, select: impl Fn(EntryKind, &str) -> bool) {
        for entry in INDEX {
            let kind = entry.kind;
            if select(kind, entry.id) {
                self.add_indexed_entry(kind, entry);
            }
        }
    }

    fn add_indexed_entry(&mut self, kind: EntryKind, entry: &IndexedEntry) {
        let file = entry.file_name();
        let Some(json) = entry.json() else {
            self.problems.push(Problem::new(
                file,
                format!("{kind} \"{}\"", entry.id),
                "",
                "the build's index of the shipped model does not match its text",
            ));
            return;
        };
        let origin = Origin {
            file: file.to_string(),
            pack: None,
        };
        let label = format!("{kind} \"{}\"", entry.id);
        self.add_entry(kind, EntryText::Json(json), label, &origin);
    }

    fn into_result(self) -> Result<Knowledge, LoadError> {
        if self.problems.is_empty() {
            Ok(self.k)
        } else {
            Err(LoadError {
                problems: self.problems,
            })
        }
    }

    fn add_pack(&mut self, pack: &PackSource) {
        let label = pack.path.display().to_string();
        let files = match pack_files(&pack.path) {
            Ok(files) => files,
            Err(message) => {
                self.problems.push(Problem::new(label, "", "", message));
                return;
            }
        };
        if files.is_empty() {
            self.problems
                .push(Problem::new(label, "", "", "no .json files in this pack"));
            return;
        }
        let name = pack.name();
        for path in files {
            let file_label = path.display().to_string();
            match read_bounded(&path) {
                Ok(text) => self.add_text(&file_label, Some(&name), &text),
                Err(message) => self
                    .problems
                    .push(Problem::new(file_label, "", "", message)),
            }
        }
    }

    fn add_text(&mut self, file: &str, pack: Option<&str>, text: &str) {
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                self.problems
                    .push(Problem::new(file, "", "", format!("not valid JSON: {e}")));
                return;
            }
        };
        let Value::Object(map) = value else {
            self.problems.push(Problem::new(
                file,
                "",
                "",
                "expected a JSON object whose keys are entry kinds (e.g. {\"cards\": [...]})",
            ));
            return;
        };
        let origin = Origin {
            file: file.to_string(),
            pack: pack.map(str::to_string),
        };
        for (key, items) in &map {
            if key == "wizard" {
                self.add_wizard(file, pack, items);
                continue;
            }
            let Some(kind) = EntryKind::parse(key).filter(|k| k.plural() == key) else {
                let expected: Vec<&str> = EntryKind::ALL.iter().map(|k| k.plural()).collect();
                self.problems.push(Problem::new(
                    file,
                    "",
                    key.as_str(),
                    format!(
                        "unknown key (expected one of {}, wizard)",
                        expected.join(", ")
                    ),
                ));
                continue;
            };
            let Value::Array(items) = items else {
                self.problems
                    .push(Problem::new(file, "", key.as_str(), "expected an array"));
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let label = match item.get("id").and_then(Value::as_str) {
                    Some(id) => format!("{kind} \"{id}\""),
                    None => format!("{kind} #{}", i + 1),
                };
                self.add_entry(kind, EntryText::Value(item), label, &origin);
            }
        }
    }

    fn add_wizard(&mut self, file: &str, pack: Option<&str>, value: &Value) {
        if pack.is_some() {
            self.problems.push(Problem::new(
                file,
                "",
                "wizard",
                "packs cannot replace the wizard; add strategies, cards, practices or notes instead",
            ));
            return;
        }
        match Wizard::deserialize(value) {
            Ok(w) => self.set_wizard(file, w),
            Err(e) => {
                let field = match failing_field::<Wizard>(EntryText::Value(value)) {
                    inner if inner.is_empty() => "wizard".to_string(),
                    inner => format!("wizard.{inner}"),
                };
                self.problems
                    .push(Problem::new(file, "", field, e.to_string()))
            }
        }
    }

    fn set_wizard(&mut self, file: &str, wizard: Wizard) {
        if self.wizard_seen {
            self.problems
                .push(Problem::new(file, "", "wizard", "defined twice"));
        }
        self.wizard_seen = true;
        self.k.wizard = wizard;
    }

    fn add_entry(&mut self, kind: EntryKind, item: EntryText<'_>, label: String, origin: &Origin) {
        let file = origin.file.as_str();
        macro_rules! add {
            ($ty:ty, $vec:ident) => {{
                match item.parse::<$ty>() {
                    Ok(entry) => {
                        let id = entry.id.clone();
                        let over = entry.override_existing;
                        if let Some(i) = self.slot(kind, &id, over, file, &label) {
                            if i < self.k.$vec.len() {
                                self.k.$vec[i] = entry;
                            } else {
                                self.k.$vec.push(entry);
                            }
                            self.k
                                .origins
                                .insert(EntryRef::new(kind, id), origin.clone());
                        }
                    }
                    Err(e) => self.problems.push(Problem::new(
                        file,
                        label.clone(),
                        failing_field::<$ty>(item),
                        e.to_string(),
                    )),
                }
            }};
        }
        match kind {
            EntryKind::Strategy => add!(Strategy, strategies),
            EntryKind::Flow => add!(Flow, flows),
            EntryKind::Error => add!(ErrorEntry, errors),
            EntryKind::Check => add!(Check, checks),
            EntryKind::Practice => add!(Practice, practices),
            EntryKind::Glossary => add!(GlossaryTerm, glossary),
            EntryKind::Card => add!(Card, cards),
            EntryKind::Note => add!(Note, notes),
        }
    }

    /// Where a new entry goes: a fresh index, or the index of the entry it overrides.
    fn slot(
        &mut self,
        kind: EntryKind,
        id: &str,
        override_existing: bool,
        file: &str,
        label: &str,
    ) -> Option<usize> {
        let key = (kind, id.to_string());
        if let Some(&existing) = self.k.index.get(&key) {
            if override_existing {
                return Some(existing);
            }
            let first = self
                .k
                .origins
                .get(&EntryRef::new(kind, id))
                .map(|o| o.file.clone())
                .unwrap_or_default();
            self.problems.push(Problem::new(
                file,
                label,
                "id",
                format!(
                    "{kind} \"{id}\" is already defined in {first}; set \"override\": true to replace it"
                ),
            ));
            return None;
        }
        if override_existing {
            self.problems.push(Problem::new(
                file,
                label,
                "override",
                format!("there is no {kind} \"{id}\" to override"),
            ));
            return None;
        }
        let next = self.k.entries_len(kind);
        self.k.index.insert(key, next);
        Some(next)
    }

    fn finish(mut self) -> Result<Knowledge, LoadError> {
        let mut problems = std::mem::take(&mut self.problems);
        problems.extend(validate::validate(&self.k));
        if problems.is_empty() {
            Ok(self.k)
        } else {
            Err(LoadError { problems })
        }
    }
}

impl Knowledge {
    /// A model built from these `(file name, JSON text)` pairs alone, without the shipped model,
    /// validated like any other. Tests and benches use it so their content does not move when
    /// the shipped model is edited.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Knowledge, LoadError> {
        let mut builder = Builder::default();
        for (file, text) in files {
            builder.add_text(file, None, text);
        }
        builder.finish()
    }

    fn entries_len(&self, kind: EntryKind) -> usize {
        match kind {
            EntryKind::Strategy => self.strategies.len(),
            EntryKind::Flow => self.flows.len(),
            EntryKind::Error => self.errors.len(),
            EntryKind::Check => self.checks.len(),
            EntryKind::Practice => self.practices.len(),
            EntryKind::Glossary => self.glossary.len(),
            EntryKind::Card => self.cards.len(),
            EntryKind::Note => self.notes.len(),
        }
    }

    pub(super) fn origin_file(&self, r: &EntryRef) -> String {
        self.origins
            .get(r)
            .map(|o| o.file.clone())
            .unwrap_or_else(|| format!("{}.json", r.kind.plural()))
    }
}

/// One entry's JSON: a node of a parsed pack file, or a slice of the embedded text.
#[derive(Clone, Copy)]
enum EntryText<'a> {
    Value(&'a Value),
    Json(&'a str),
}

impl EntryText<'_> {
    fn parse<T: DeserializeOwned>(self) -> Result<T, serde_json::Error> {
        match self {
            EntryText::Value(value) => T::deserialize(value),
            EntryText::Json(text) => serde_json::from_str(text),
        }
    }
}

/// The field an entry failed to deserialize at (`refs`, `status.replaced_by`), or empty when
/// the entry as a whole is wrong (a missing or unknown field names itself in the message).
/// Found by deserializing again with the path tracked, so only a failing entry pays for it.
fn failing_field<T: DeserializeOwned>(item: EntryText<'_>) -> String {
    let tracked = match item {
        EntryText::Value(value) => serde_path_to_error::deserialize::<_, T>(value).err(),
        EntryText::Json(text) => {
            serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(text))
                .err()
        }
    };
    let Some(e) = tracked else {
        return String::new();
    };
    let mut keys: Vec<&str> = e
        .path()
        .iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    // An unknown key is no field of the entry; the message names it.
    if e.inner().to_string().starts_with("unknown field") {
        keys.pop();
    }
    keys.join(".")
}

fn pack_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read pack: {e}"))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read pack folder: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn read_bounded(path: &Path) -> Result<String, String> {
    let len = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if len > MAX_PACK_FILE_BYTES {
        return Err(format!(
            "file is {len} bytes; pack files are limited to {MAX_PACK_FILE_BYTES} bytes"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
