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

/// `$body` on whichever entry `$view` holds, bound to `$e`: for what every kind of entry has
/// under the same name (each arm sees its own type, so a plain closure cannot do this).
macro_rules! on_any {
    ($view:expr, $e:ident => $body:expr) => {
        match $view {
            EntryView::Strategy($e) => $body,
            EntryView::Flow($e) => $body,
            EntryView::Error($e) => $body,
            EntryView::Check($e) => $body,
            EntryView::Practice($e) => $body,
            EntryView::Glossary($e) => $body,
            EntryView::Card($e) => $body,
            EntryView::Note($e) => $body,
        }
    };
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
        on_any!(self, e => &e.id)
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
        on_any!(self, e => &e.sources)
    }

    pub fn as_of(&self) -> &'a str {
        on_any!(self, e => &e.as_of)
    }

    /// The whole entry as in the model, plus `kind`.
    pub fn to_json(&self) -> Value {
        let value = on_any!(self, e => serde_json::to_value(e));
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
