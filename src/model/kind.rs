//! Entry kinds and the `kind:id` references that tie entries together.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
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
        // The model spells kinds in canonical form: find those without allocating.
        if let Some(k) = EntryKind::ALL.into_iter().find(|k| k.as_str() == word) {
            return Some(k);
        }
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

/// A typed reference to one entry: `flow:jwt-bearer`. In JSON it is that string; a malformed
/// one fails deserialization, so a model or pack with one does not load.
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

impl Serialize for EntryRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EntryRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefVisitor;

        impl Visitor<'_> for RefVisitor {
            type Value = EntryRef;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a kind:id reference such as \"flow:jwt-bearer\"")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<EntryRef, E> {
                s.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(RefVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_round_trips_through_json_as_its_string() {
        let r: EntryRef = serde_json::from_str("\"error:invalid-grant\"").unwrap();
        assert_eq!(r, EntryRef::new(EntryKind::Error, "invalid-grant"));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            "\"error:invalid-grant\""
        );
    }

    #[test]
    fn a_malformed_reference_fails_with_the_reason() {
        for (text, reason) in [
            (
                "\"jwt-bearer\"",
                "\"jwt-bearer\" is not of the form kind:id",
            ),
            ("\"widget:x\"", "unknown kind \"widget\""),
            ("\"flow:\"", "\"flow:\": empty id"),
            ("3", "a kind:id reference"),
        ] {
            let err = serde_json::from_str::<EntryRef>(text).unwrap_err();
            assert!(err.to_string().contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn kinds_parse_in_any_case_and_number() {
        assert_eq!(EntryKind::parse("flow"), Some(EntryKind::Flow));
        assert_eq!(EntryKind::parse(" Flows "), Some(EntryKind::Flow));
        assert_eq!(EntryKind::parse("widget"), None);
    }
}
