//! Bare ids that name an entry of one known kind (`Flow.strategy`, `Check.predicts`). JSON
//! writes them as the plain id (`"jwt-bearer"`), not as `kind:id`, because the field already
//! says the kind; the type carries that kind so a link converts to an [`EntryRef`] and the
//! load-time validation resolves it without being told what to look for.

use super::kind::{EntryKind, EntryRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;

/// The kind an [`Id`] points at, as a type.
pub trait IdKind {
    const KIND: EntryKind;
}

/// The id of an entry of kind `K`. It reads like a `&str` (`Deref`, `Borrow<str>`, `Display`,
/// comparisons with strings) so code that only looks an id up or prints it need not care.
pub struct Id<K> {
    id: String,
    kind: PhantomData<K>,
}

macro_rules! id_kinds {
    ($($marker:ident => $kind:ident, $alias:ident;)*) => {$(
        #[doc = concat!("Marks an [`Id`] of a ", stringify!($kind), " entry.")]
        #[derive(Debug)]
        pub enum $marker {}

        impl IdKind for $marker {
            const KIND: EntryKind = EntryKind::$kind;
        }

        pub type $alias = Id<$marker>;
    )*};
}

id_kinds! {
    StrategyKind => Strategy, StrategyId;
    FlowKind => Flow, FlowId;
    ErrorKind => Error, ErrorId;
    CheckKind => Check, CheckId;
}

impl<K> Id<K> {
    pub fn new(id: impl Into<String>) -> Self {
        Id {
            id: id.into(),
            kind: PhantomData,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }
}

impl<K: IdKind> Id<K> {
    /// The `kind:id` reference this id stands for.
    pub fn entry_ref(&self) -> EntryRef {
        EntryRef::new(K::KIND, self.id.as_str())
    }
}

// Written out rather than derived: a derive would ask the same of the marker `K`, which is
// never built.
impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        Id::new(self.id.clone())
    }
}

impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<K> Eq for Id<K> {}

impl<K> PartialOrd for Id<K> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<K> Ord for Id<K> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id.cmp(&other.id)
    }
}

/// Hashes as the `str` it holds, as `Borrow<str>` requires.
impl<K> Hash for Id<K> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl<K> fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.id, f)
    }
}

impl<K> fmt::Display for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl<K> Deref for Id<K> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.id
    }
}

impl<K> AsRef<str> for Id<K> {
    fn as_ref(&self) -> &str {
        &self.id
    }
}

impl<K> Borrow<str> for Id<K> {
    fn borrow(&self) -> &str {
        &self.id
    }
}

impl<K> PartialEq<str> for Id<K> {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl<K> PartialEq<&str> for Id<K> {
    fn eq(&self, other: &&str) -> bool {
        self.id == *other
    }
}

impl<K> PartialEq<String> for Id<K> {
    fn eq(&self, other: &String) -> bool {
        self.id == *other
    }
}

impl<K> PartialEq<Id<K>> for str {
    fn eq(&self, other: &Id<K>) -> bool {
        self == other.id
    }
}

impl<K> PartialEq<Id<K>> for &str {
    fn eq(&self, other: &Id<K>) -> bool {
        *self == other.id
    }
}

impl<K> PartialEq<Id<K>> for String {
    fn eq(&self, other: &Id<K>) -> bool {
        *self == other.id
    }
}

impl<K> From<&str> for Id<K> {
    fn from(id: &str) -> Self {
        Id::new(id)
    }
}

impl<K> From<String> for Id<K> {
    fn from(id: String) -> Self {
        Id::new(id)
    }
}

impl<K> From<Id<K>> for String {
    fn from(id: Id<K>) -> String {
        id.id
    }
}

impl<K> From<&Id<K>> for String {
    fn from(id: &Id<K>) -> String {
        id.id.clone()
    }
}

impl<K: IdKind> From<&Id<K>> for EntryRef {
    fn from(id: &Id<K>) -> EntryRef {
        id.entry_ref()
    }
}

/// The bare id string, exactly as the model file spells it.
impl<K> Serialize for Id<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id)
    }
}

/// Any string: whether it names an entry is for the load-time validation to say, with the
/// file, entry and field.
impl<'de, K> Deserialize<'de> for Id<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Id::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_bare_string_in_json() {
        let id: FlowId = serde_json::from_str("\"jwt-bearer\"").unwrap();
        assert_eq!(id, "jwt-bearer");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"jwt-bearer\"");
        assert!(serde_json::from_str::<FlowId>("3").is_err());
    }

    #[test]
    fn an_id_knows_the_kind_it_names() {
        assert_eq!(
            CheckId::new("J6").entry_ref(),
            EntryRef::new(EntryKind::Check, "J6")
        );
        assert_eq!(
            EntryRef::from(&StrategyId::new("jwt-bearer")).to_string(),
            "strategy:jwt-bearer"
        );
    }

    #[test]
    fn an_id_looks_up_by_str_in_a_map() {
        let map: std::collections::HashMap<ErrorId, u8> =
            [(ErrorId::new("invalid-grant"), 1)].into();
        assert_eq!(map.get("invalid-grant"), Some(&1));
    }
}
