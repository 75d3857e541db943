//! Shipped checks and errors parsed the first time they are asked for. `sfauth inspect` names
//! a few of each (the checks that fire and the errors they predict); parsing all of them cost
//! more than the rest of the call.

use super::embedded::{INDEX, IndexedEntry};
use super::kind::EntryKind;
use super::types::{Check, ErrorEntry};
use serde::de::DeserializeOwned;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
pub(super) struct OnDemand {
    checks: Vec<Slot<Check>>,
    errors: Vec<Slot<ErrorEntry>>,
}

/// One indexed entry and, once asked for, what it parsed to (`None`: it did not parse, which
/// `tests/model_shipped.rs` rules out by loading every entry the same way).
#[derive(Debug, Clone)]
struct Slot<T> {
    entry: &'static IndexedEntry,
    parsed: OnceLock<Option<T>>,
}

impl OnDemand {
    pub fn shipped() -> OnDemand {
        let slots = |kind: EntryKind| -> Vec<&'static IndexedEntry> {
            INDEX.iter().filter(|e| e.kind == kind).collect()
        };
        OnDemand {
            checks: slots(EntryKind::Check).into_iter().map(Slot::new).collect(),
            errors: slots(EntryKind::Error).into_iter().map(Slot::new).collect(),
        }
    }

    pub fn check(&self, id: &str) -> Option<&Check> {
        find(&self.checks, id)
    }

    pub fn error(&self, id: &str) -> Option<&ErrorEntry> {
        find(&self.errors, id)
    }
}

impl<T> Slot<T> {
    fn new(entry: &'static IndexedEntry) -> Self {
        Slot {
            entry,
            parsed: OnceLock::new(),
        }
    }
}

fn find<'a, T: DeserializeOwned>(slots: &'a [Slot<T>], id: &str) -> Option<&'a T> {
    let slot = slots.iter().find(|s| s.entry.id == id)?;
    slot.parsed
        .get_or_init(|| slot.entry.json().and_then(|j| serde_json::from_str(j).ok()))
        .as_ref()
}
