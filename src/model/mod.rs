//! The knowledge model every tab and subcommand reads: strategies, flows, errors, checks,
//! practices, glossary, cards, notes and the wizard's rules.

pub mod doc;
mod embedded;
mod entry;
mod id;
mod kind;
mod load;
mod on_demand;
mod problem;
pub mod suggest;
mod types;
mod validate;
mod validate_wizard;

pub use entry::EntryView;
pub use id::{CheckId, ErrorId, FlowId, Id, IdKind, StrategyId};
pub use kind::{EntryKind, EntryRef};
pub use load::{LoadError, PackSource, check_pack, pack_dirs_from_env};
pub use problem::Problem;
pub use types::*;

use std::collections::HashMap;

/// The merged, validated model. Built once at start-up and then only read.
#[derive(Debug, Default, Clone)]
pub struct Knowledge {
    pub strategies: Vec<Strategy>,
    pub flows: Vec<Flow>,
    pub errors: Vec<ErrorEntry>,
    pub checks: Vec<Check>,
    pub practices: Vec<Practice>,
    pub glossary: Vec<GlossaryTerm>,
    pub cards: Vec<Card>,
    pub notes: Vec<Note>,
    pub wizard: Wizard,
    index: HashMap<(EntryKind, String), usize>,
    /// Which file each entry came from, and the pack name when it came from a pack.
    origins: HashMap<EntryRef, Origin>,
    /// Set only by [`Knowledge::builtin_checks_on_demand`].
    on_demand: Option<on_demand::OnDemand>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub pack: Option<String>,
}

impl Knowledge {
    /// The model shipped in the binary, with no packs (trusted: validated by the tests).
    pub fn builtin() -> Result<Knowledge, LoadError> {
        load::load_builtin(None)
    }

    /// Only the shipped entries of these kinds, for a subcommand that needs no more (`inspect`
    /// reads checks, errors and the glossary): less to parse at start-up.
    pub fn builtin_kinds(kinds: &[EntryKind]) -> Result<Knowledge, LoadError> {
        load::load_builtin(Some(kinds))
    }

    /// Only the shipped entries `select` picks by kind and id, plus the entries they link to, so
    /// their titles resolve: what `sfauth kb show ID` needs. Trusted like [`Knowledge::builtin`].
    pub fn builtin_around(
        select: impl Fn(EntryKind, &str) -> bool,
    ) -> Result<Knowledge, LoadError> {
        load::load_builtin_around(select)
    }

    /// The shipped checks and errors, each parsed the first time [`Knowledge::check`] or
    /// [`Knowledge::error`] asks for it: what `sfauth inspect` reads. Nothing else answers on
    /// this model (no other kinds, no listing); it is for the inspectors alone.
    pub fn builtin_checks_on_demand() -> Knowledge {
        Knowledge {
            on_demand: Some(on_demand::OnDemand::shipped()),
            ..Knowledge::default()
        }
    }

    /// The shipped model with every validation rule applied, as a team pack gets.
    pub fn builtin_checked() -> Result<Knowledge, LoadError> {
        load::load_builtin_checked()
    }

    /// The shipped model plus the given team packs, validated.
    pub fn load(packs: &[PackSource]) -> Result<Knowledge, LoadError> {
        load::load(packs)
    }

    pub fn get(&self, r: &EntryRef) -> Option<EntryView<'_>> {
        let i = *self.index.get(&(r.kind, r.id.clone()))?;
        Some(match r.kind {
            EntryKind::Strategy => EntryView::Strategy(self.strategies.get(i)?),
            EntryKind::Flow => EntryView::Flow(self.flows.get(i)?),
            EntryKind::Error => EntryView::Error(self.errors.get(i)?),
            EntryKind::Check => EntryView::Check(self.checks.get(i)?),
            EntryKind::Practice => EntryView::Practice(self.practices.get(i)?),
            EntryKind::Glossary => EntryView::Glossary(self.glossary.get(i)?),
            EntryKind::Card => EntryView::Card(self.cards.get(i)?),
            EntryKind::Note => EntryView::Note(self.notes.get(i)?),
        })
    }

    pub fn contains(&self, r: &EntryRef) -> bool {
        self.index.contains_key(&(r.kind, r.id.clone()))
    }

    pub fn strategy(&self, id: &str) -> Option<&Strategy> {
        self.index_of(EntryKind::Strategy, id)
            .and_then(|i| self.strategies.get(i))
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.index_of(EntryKind::Flow, id)
            .and_then(|i| self.flows.get(i))
    }

    pub fn error(&self, id: &str) -> Option<&ErrorEntry> {
        if let Some(lazy) = &self.on_demand {
            return lazy.error(id);
        }
        self.index_of(EntryKind::Error, id)
            .and_then(|i| self.errors.get(i))
    }

    pub fn check(&self, id: &str) -> Option<&Check> {
        if let Some(lazy) = &self.on_demand {
            return lazy.check(id);
        }
        self.index_of(EntryKind::Check, id)
            .and_then(|i| self.checks.get(i))
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.index_of(EntryKind::Card, id)
            .and_then(|i| self.cards.get(i))
    }

    fn index_of(&self, kind: EntryKind, id: &str) -> Option<usize> {
        self.index.get(&(kind, id.to_string())).copied()
    }

    /// Every entry of one kind, in model order.
    pub fn entries_of(&self, kind: EntryKind) -> Vec<EntryView<'_>> {
        match kind {
            EntryKind::Strategy => self.strategies.iter().map(EntryView::Strategy).collect(),
            EntryKind::Flow => self.flows.iter().map(EntryView::Flow).collect(),
            EntryKind::Error => self.errors.iter().map(EntryView::Error).collect(),
            EntryKind::Check => self.checks.iter().map(EntryView::Check).collect(),
            EntryKind::Practice => self.practices.iter().map(EntryView::Practice).collect(),
            EntryKind::Glossary => self.glossary.iter().map(EntryView::Glossary).collect(),
            EntryKind::Card => self.cards.iter().map(EntryView::Card).collect(),
            EntryKind::Note => self.notes.iter().map(EntryView::Note).collect(),
        }
    }

    /// Every entry of every kind, kinds in [`EntryKind::ALL`] order.
    pub fn all_entries(&self) -> Vec<EntryView<'_>> {
        EntryKind::ALL
            .into_iter()
            .flat_map(|k| self.entries_of(k))
            .collect()
    }

    /// All entries with this id, whatever their kind (`jwt-bearer` is a strategy and a flow).
    pub fn find_id(&self, id: &str) -> Vec<EntryView<'_>> {
        EntryKind::ALL
            .into_iter()
            .filter_map(|k| self.get(&EntryRef::new(k, id)))
            .collect()
    }

    /// Case-insensitive search over ids, names, summaries and answers; every word must match.
    /// Ranked: an exact id or title first, then by kind (strategies, flows, errors, checks,
    /// then the rest, cards last), title matches before body matches within a kind.
    pub fn search(&self, text: &str) -> Vec<EntryView<'_>> {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let phrase = words.join(" ");
        let mut hits: Vec<((bool, u8, bool), EntryView<'_>)> = self
            .all_entries()
            .into_iter()
            .filter_map(|e| {
                let hay = e.search_text();
                if !words.iter().all(|w| hay.contains(w.as_str())) {
                    return None;
                }
                let title = e.title().to_lowercase();
                let exact = e.id().eq_ignore_ascii_case(&phrase)
                    || e.id().eq_ignore_ascii_case(&words.join("-"))
                    || title == phrase;
                let title_and_id = format!("{} {title}", e.id().to_lowercase());
                let in_title = words.iter().all(|w| title_and_id.contains(w.as_str()));
                Some(((!exact, kind_rank(e.kind()), !in_title), e))
            })
            .collect();
        // The sort is stable: model order is kept within each rank.
        hits.sort_by_key(|(rank, _)| *rank);
        hits.into_iter().map(|(_, e)| e).collect()
    }

    pub fn origin(&self, r: &EntryRef) -> Option<&Origin> {
        self.origins.get(r)
    }

    /// Entries whose `related`/`refs` point at `target`.
    pub fn referrers(&self, target: &EntryRef) -> Vec<EntryView<'_>> {
        self.all_entries()
            .into_iter()
            .filter(|e| e.related().contains(target))
            .collect()
    }
}

/// Search order of kinds: what someone searching usually wants to land on comes first.
fn kind_rank(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Strategy => 0,
        EntryKind::Flow => 1,
        EntryKind::Error => 2,
        EntryKind::Check => 3,
        EntryKind::Practice | EntryKind::Glossary | EntryKind::Note => 4,
        EntryKind::Card => 5,
    }
}
