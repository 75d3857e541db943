//! The progress file's bytes: `{"schema": 1, "cards": {"<card id>": [{"at": <unix seconds>,
//! "grade": <1-4>}, ...]}}`. Card ids, grades and times only: nothing the user typed.

use super::progress::ReviewLog;
use super::schedule::{Grade, Review};
use chrono::DateTime;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// Bumped when the file's shape changes; a newer file is kept aside, never rewritten.
pub const SCHEMA_VERSION: u32 = 1;
/// Far above any real history (about a million reviews); a bigger file is not ours.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
const MAX_CARD_ID_CHARS: usize = 256;

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    at: i64,
    grade: Grade,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    schema: u32,
    cards: BTreeMap<String, Vec<Record>>,
}

/// Just enough to tell a newer file from a broken one.
#[derive(Deserialize)]
struct Header {
    schema: Option<u64>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    schema: u32,
    cards: Entries<'a>,
}

/// Card ids in sorted order with their reviews, borrowed so nothing is copied to write them.
struct Entries<'a>(&'a [(&'a str, &'a [Review])]);

struct Reviews<'a>(&'a [Review]);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, reviews) in self.0 {
            map.serialize_entry(id, &Reviews(reviews))?;
        }
        map.end()
    }
}

impl Serialize for Reviews<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for r in self.0 {
            seq.serialize_element(&Record {
                at: r.at.timestamp(),
                grade: r.grade,
            })?;
        }
        seq.end()
    }
}

/// Bytes for `entries`, which must be sorted by card id (the file lists cards in id order so
/// that it diffs well).
pub fn encode_entries(entries: &[(&str, &[Review])]) -> Vec<u8> {
    let file = FileOut {
        schema: SCHEMA_VERSION,
        cards: Entries(entries),
    };
    // Plain strings, integers and maps cannot fail to serialize; an empty object would only be
    // written if they somehow did, and it still reads back as valid (empty) progress.
    let mut out = serde_json::to_vec(&file).unwrap_or_else(|_| b"{}".to_vec());
    out.push(b'\n');
    out
}

/// Bytes for a whole log.
pub fn encode(log: &ReviewLog) -> Vec<u8> {
    let entries: Vec<(&str, &[Review])> = log
        .iter()
        .map(|(id, reviews)| (id.as_str(), reviews.as_slice()))
        .collect();
    encode_entries(&entries)
}

/// Parses and checks a progress file's bytes; the error says what is wrong and where.
pub fn decode(bytes: &[u8]) -> Result<ReviewLog, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024));
    }
    let file: FileIn = match serde_json::from_slice(bytes) {
        Ok(f) => f,
        Err(e) => {
            return Err(match serde_json::from_slice::<Header>(bytes) {
                Ok(Header { schema: Some(v) }) if v > u64::from(SCHEMA_VERSION) => newer(v),
                _ => format!("not a progress file: {e}"),
            });
        }
    };
    if file.schema > SCHEMA_VERSION {
        return Err(newer(u64::from(file.schema)));
    }
    if file.schema == 0 {
        return Err("schema version 0 does not exist".to_string());
    }
    let mut log = ReviewLog::new();
    for (id, records) in file.cards {
        let bad_id = id.is_empty()
            || id.chars().count() > MAX_CARD_ID_CHARS
            || id.chars().any(char::is_control);
        if bad_id {
            let shown: String = id.chars().take(40).collect();
            return Err(format!(
                "card id \"{}\" is not a card id",
                shown.escape_debug()
            ));
        }
        let mut reviews = Vec::with_capacity(records.len());
        for (n, rec) in records.iter().enumerate() {
            let at = DateTime::from_timestamp(rec.at, 0).ok_or_else(|| {
                format!(
                    "card \"{id}\": review {}: time {} is out of range",
                    n + 1,
                    rec.at
                )
            })?;
            reviews.push(Review {
                at,
                grade: rec.grade,
            });
        }
        reviews.sort_by_key(|r| r.at);
        log.insert(id, reviews);
    }
    Ok(log)
}

fn newer(version: u64) -> String {
    format!("it was written by a newer sfauth (schema {version}; this one reads {SCHEMA_VERSION})")
}
