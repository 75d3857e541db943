//! A borrowed view of any entry, so callers (CLI, TUI) can treat kinds uniformly.

use super::kind::{EntryKind, EntryRef};
use super::types::*;
use serde_json::Value;

#[derive(Debug, Clone, Copy)]
pub enum EntryView<'a> {
    Strategy(&'a Strategy),
    Flow(&'a Flow),
    Error(&'a ErrorEntry),
    Check(&'a Check),
    Practice(&'a Practice),
    Glossary(&'a GlossaryTerm),
    Card(&'a Card),
    Note(&'a Note),
}

impl<'a> EntryView<'a> {
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryView::Strategy(_) => EntryKind::Strategy,
            EntryView::Flow(_) => EntryKind::Flow,
            EntryView::Error(_) => EntryKind::Error,
            EntryView::Check(_) => EntryKind::Check,
            EntryView::Practice(_) => EntryKind::Practice,
            EntryView::Glossary(_) => EntryKind::Glossary,
            EntryView::Card(_) => EntryKind::Card,
            EntryView::Note(_) => EntryKind::Note,
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            EntryView::Strategy(e) => &e.id,
            EntryView::Flow(e) => &e.id,
            EntryView::Error(e) => &e.id,
            EntryView::Check(e) => &e.id,
            EntryView::Practice(e) => &e.id,
            EntryView::Glossary(e) => &e.id,
            EntryView::Card(e) => &e.id,
            EntryView::Note(e) => &e.id,
        }
    }

    pub fn entry_ref(&self) -> EntryRef {
        EntryRef::new(self.kind(), self.id())
    }

    /// The human title: a name, a term, an error line or a card prompt.
    pub fn title(&self) -> String {
        match self {
            EntryView::Strategy(e) => e.name.clone(),
            EntryView::Flow(e) => e.name.clone(),
            EntryView::Error(e) => e.title(),
            EntryView::Check(e) => format!("{} {}", e.id, e.title),
            EntryView::Practice(e) => e.title.clone(),
            EntryView::Glossary(e) => e.term.clone(),
            EntryView::Card(e) => e.prompt.clone(),
            EntryView::Note(e) => e.title.clone(),
        }
    }

    /// One or two sentences describing the entry.
    pub fn summary(&self) -> &'a str {
        match self {
            EntryView::Strategy(e) => &e.summary,
            EntryView::Flow(e) => &e.summary,
            EntryView::Error(e) => &e.summary,
            EntryView::Check(e) => &e.explanation,
            EntryView::Practice(e) => &e.summary,
            EntryView::Glossary(e) => &e.definition,
            EntryView::Card(e) => &e.answer,
            EntryView::Note(e) => &e.body,
        }
    }

    /// The entries this one points at (its `related` or `refs`).
    pub fn related(&self) -> &'a [EntryRef] {
        match self {
            EntryView::Strategy(e) => &e.related,
            EntryView::Flow(e) => &e.related,
            EntryView::Error(e) => &e.related,
            EntryView::Check(e) => &e.related,
            EntryView::Practice(e) => &e.related,
            EntryView::Glossary(e) => &e.related,
            EntryView::Card(e) => &e.refs,
            EntryView::Note(e) => &e.related,
        }
    }

    pub fn sources(&self) -> &'a [String] {
        match self {
            EntryView::Strategy(e) => &e.sources,
            EntryView::Flow(e) => &e.sources,
            EntryView::Error(e) => &e.sources,
            EntryView::Check(e) => &e.sources,
            EntryView::Practice(e) => &e.sources,
            EntryView::Glossary(e) => &e.sources,
            EntryView::Card(e) => &e.sources,
            EntryView::Note(e) => &e.sources,
        }
    }

    pub fn as_of(&self) -> &'a str {
        match self {
            EntryView::Strategy(e) => &e.as_of,
            EntryView::Flow(e) => &e.as_of,
            EntryView::Error(e) => &e.as_of,
            EntryView::Check(e) => &e.as_of,
            EntryView::Practice(e) => &e.as_of,
            EntryView::Glossary(e) => &e.as_of,
            EntryView::Card(e) => &e.as_of,
            EntryView::Note(e) => &e.as_of,
        }
    }

    /// The whole entry as in the model, plus `kind`.
    pub fn to_json(&self) -> Value {
        let value = match self {
            EntryView::Strategy(e) => serde_json::to_value(e),
            EntryView::Flow(e) => serde_json::to_value(e),
            EntryView::Error(e) => serde_json::to_value(e),
            EntryView::Check(e) => serde_json::to_value(e),
            EntryView::Practice(e) => serde_json::to_value(e),
            EntryView::Glossary(e) => serde_json::to_value(e),
            EntryView::Card(e) => serde_json::to_value(e),
            EntryView::Note(e) => serde_json::to_value(e),
        };
        let mut value = value.unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.insert("kind".into(), Value::String(self.kind().as_str().into()));
        }
        value
    }

    /// All the text a search should look at, lower-cased.
    pub fn search_text(&self) -> String {
        let mut text = format!("{} {} {}", self.id(), self.title(), self.summary());
        match self {
            EntryView::Strategy(e) => {
                for s in e.when_to_use.iter().chain(&e.when_not_to_use) {
                    text.push(' ');
                    text.push_str(s);
                }
            }
            EntryView::Error(e) => {
                for s in e.causes.iter().chain(&e.fixes) {
                    text.push(' ');
                    text.push_str(s);
                }
            }
            EntryView::Practice(e) => {
                text.push(' ');
                text.push_str(&e.why);
            }
            EntryView::Glossary(e) => {
                for s in &e.aka {
                    text.push(' ');
                    text.push_str(s);
                }
            }
            _ => {}
        }
        text.to_lowercase()
    }
}
