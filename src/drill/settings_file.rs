//! `settings.json` beside `progress.json`: the UI's last tab and the drill session settings
//! (daily limit, filters), so a run picks up where the last one left off. It never holds
//! tokens, keys or pasted text: only the fields below. Written atomically like the progress
//! file; one that cannot be read is moved aside as `settings.json.corrupt-<timestamp>` and
//! reported, and the defaults apply.

use super::card::CardKind;
use super::store::{StoreError, read_bytes, set_aside, write_atomically};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::Path;

pub const SETTINGS_FILE: &str = "settings.json";
const SETTINGS_VERSION: u32 = 1;

/// What persists between runs. Unknown fields are ignored so an older sfauth can read a newer
/// file; a newer `version` is treated as unreadable and kept aside.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SavedSettings {
    #[serde(default)]
    pub version: u32,
    /// The tab open when the UI last changed tabs (a tab title, lower case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_tab: Option<String>,
    #[serde(default)]
    pub drill: SavedDrill,
}

/// The Drill tab's session settings; empty lists mean "all".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SavedDrill {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_per_day: Option<usize>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub difficulties: Vec<u8>,
    #[serde(default)]
    pub kinds: Vec<CardKind>,
}

/// Reads `dir/settings.json`. A missing file gives the defaults; an unreadable one is moved
/// aside and the second value says so in one line.
pub fn load_settings(dir: &Path, now: DateTime<Utc>) -> (SavedSettings, Option<String>) {
    let path = dir.join(SETTINGS_FILE);
    let bytes = match read_bytes(&path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return (SavedSettings::default(), None),
        Err(e) => return (SavedSettings::default(), Some(format!("settings: {e}"))),
    };
    match decode(&bytes) {
        Ok(settings) => (settings, None),
        Err(reason) => {
            let note = match set_aside(&path, now) {
                Ok(kept) => format!(
                    "settings could not be used ({reason}); kept as {} and the defaults apply",
                    kept.display()
                ),
                Err(e) => format!("settings could not be used ({reason}): {e}"),
            };
            (SavedSettings::default(), Some(note))
        }
    }
}

/// Replaces `dir/settings.json` atomically.
pub fn save_settings(dir: &Path, settings: &SavedSettings) -> Result<(), StoreError> {
    fs::create_dir_all(dir).map_err(|source| StoreError::Io {
        action: "cannot create",
        path: dir.to_path_buf(),
        source,
    })?;
    let mut settings = settings.clone();
    settings.version = SETTINGS_VERSION;
    let mut bytes = serde_json::to_vec_pretty(&settings).unwrap_or_default();
    bytes.push(b'\n');
    write_atomically(&dir.join(SETTINGS_FILE), &bytes)
}

fn decode(bytes: &[u8]) -> Result<SavedSettings, String> {
    const MAX_BYTES: usize = 64 * 1024;
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "{} bytes, more than settings ever need",
            bytes.len()
        ));
    }
    let settings: SavedSettings =
        serde_json::from_slice(bytes).map_err(|e| format!("not valid settings JSON: {e}"))?;
    if settings.version > SETTINGS_VERSION {
        return Err(format!(
            "version {} is newer than this sfauth reads ({SETTINGS_VERSION})",
            settings.version
        ));
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_772_442_000, 0).unwrap()
    }

    #[test]
    fn saved_settings_come_back_and_a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load_settings(dir.path(), now()),
            (SavedSettings::default(), None)
        );
        let settings = SavedSettings {
            version: 0,
            last_tab: Some("drill".into()),
            drill: SavedDrill {
                new_per_day: Some(5),
                topics: vec!["tokens".into()],
                difficulties: vec![2],
                kinds: vec![CardKind::Order],
            },
        };
        save_settings(dir.path(), &settings).unwrap();
        let (loaded, note) = load_settings(dir.path(), now());
        assert_eq!(note, None);
        assert_eq!(loaded.last_tab.as_deref(), Some("drill"));
        assert_eq!(loaded.drill, settings.drill);
        assert_eq!(loaded.version, SETTINGS_VERSION);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from(SETTINGS_FILE)],
            "no temp file left"
        );
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(SETTINGS_FILE), "{ not json").unwrap();
        let (loaded, note) = load_settings(dir.path(), now());
        assert_eq!(loaded, SavedSettings::default());
        let note = note.expect("the user is told");
        assert!(note.contains("settings.json.corrupt-20260302T"), "{note}");
        assert!(!dir.path().join(SETTINGS_FILE).exists());
        fs::write(dir.path().join(SETTINGS_FILE), r#"{"version": 99}"#).unwrap();
        let (_, note) = load_settings(dir.path(), now());
        assert!(note.unwrap().contains("newer"));
    }
}
