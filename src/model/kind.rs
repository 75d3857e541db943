//! Entry kinds and the `kind:id` references that tie entries together.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Strategy,
    Flow,
    Error,
    Check,
    Practice,
    Glossary,
    Card,
    Note,
}

impl EntryKind {
    pub const ALL: [EntryKind; 8] = [
        EntryKind::Strategy,
        EntryKind::Flow,
        EntryKind::Error,
        EntryKind::Check,
        EntryKind::Practice,
        EntryKind::Glossary,
        EntryKind::Card,
        EntryKind::Note,
    ];

    /// The singular word used in references and messages (`flow`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Strategy => "strategy",
            EntryKind::Flow => "flow",
            EntryKind::Error => "error",
            EntryKind::Check => "check",
            EntryKind::Practice => "practice",
            EntryKind::Glossary => "glossary",
            EntryKind::Card => "card",
            EntryKind::Note => "note",
        }
    }

    /// The plural word used as a JSON key and on the command line (`flows`).
    pub fn plural(self) -> &'static str {
        match self {
            EntryKind::Strategy => "strategies",
            EntryKind::Flow => "flows",
            EntryKind::Error => "errors",
            EntryKind::Check => "checks",
            EntryKind::Practice => "practices",
            EntryKind::Glossary => "glossary",
            EntryKind::Card => "cards",
            EntryKind::Note => "notes",
        }
    }

    /// Accepts the singular or the plural form.
    pub fn parse(word: &str) -> Option<EntryKind> {
        let w = word.trim().to_ascii_lowercase();
        EntryKind::ALL
            .into_iter()
            .find(|k| k.as_str() == w || k.plural() == w)
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A typed reference to one entry: `flow:jwt-bearer`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryRef {
    pub kind: EntryKind,
    pub id: String,
}

impl EntryRef {
    pub fn new(kind: EntryKind, id: impl Into<String>) -> Self {
        EntryRef {
            kind,
            id: id.into(),
        }
    }
}

impl fmt::Display for EntryRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.id)
    }
}

impl FromStr for EntryRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (kind, id) = s
            .split_once(':')
            .ok_or_else(|| format!("\"{s}\" is not of the form kind:id"))?;
        let kind = EntryKind::parse(kind).ok_or_else(|| {
            format!(
                "\"{s}\": unknown kind \"{kind}\" (expected one of {})",
                EntryKind::ALL.map(|k| k.as_str()).join(", ")
            )
        })?;
        if id.is_empty() {
            return Err(format!("\"{s}\": empty id"));
        }
        Ok(EntryRef::new(kind, id))
    }
}
