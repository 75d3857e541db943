//! The progress file behind the Drill tab. `App` owns it and writes each review the tab hands
//! back (`Intent::SaveReview`), so the tab itself does no I/O. What goes wrong becomes one
//! status-line message; it never stops the session.

use crate::drill::{Answered, PROGRESS_FILE, Progress, ProgressStore};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct ProgressFile {
    store: Option<ProgressStore>,
    /// Why answers are not saved, when they are not.
    unavailable: Option<String>,
    path: Option<PathBuf>,
}

/// What opening the file gave: the handle, the progress so far, and what the user must be told
/// (a corrupt file moved aside, an unreadable folder).
pub struct Opened {
    pub file: ProgressFile,
    pub progress: Progress,
    pub messages: Vec<String>,
}

impl ProgressFile {
    /// Reads `dir/progress.json`; `None` keeps progress in memory only. `now` names a corrupt
    /// file when it is moved aside.
    pub fn open(dir: Option<&Path>, now: DateTime<Utc>) -> Opened {
        let Some(dir) = dir else {
            return Opened {
                file: ProgressFile {
                    store: None,
                    unavailable: Some(
                        "no data directory (pass --data-dir or set SFAUTH_DATA_DIR)".into(),
                    ),
                    path: None,
                },
                progress: Progress::new(),
                messages: Vec::new(),
            };
        };
        let path = Some(dir.join(PROGRESS_FILE));
        match ProgressStore::open(dir, now) {
            Ok((store, warnings)) => Opened {
                progress: store.progress().clone(),
                file: ProgressFile {
                    store: Some(store),
                    unavailable: None,
                    path,
                },
                messages: warnings.iter().map(ToString::to_string).collect(),
            },
            Err(e) => {
                let reason = e.to_string();
                Opened {
                    messages: vec![format!(
                        "drill progress cannot be read ({reason}); answers will not be saved"
                    )],
                    file: ProgressFile {
                        store: None,
                        unavailable: Some(reason),
                        path,
                    },
                    progress: Progress::new(),
                }
            }
        }
    }

    /// One line for the Drill tab: where answers go, or why they do not.
    pub fn describe(&self) -> String {
        match (&self.unavailable, &self.path) {
            (None, Some(path)) => format!("Progress file: {}", path.display()),
            (Some(reason), _) => format!("Progress is not saved: {reason}"),
            (None, None) => "Progress is not saved".into(),
        }
    }

    /// Records the review and saves at once. Returns what the status line should say, if
    /// anything: a warning (a corrupt file kept aside) or why the answer was not saved. A
    /// failed save keeps the review pending; the next answer tries again.
    pub fn save(&mut self, answered: &Answered) -> Option<String> {
        let Some(store) = &mut self.store else {
            let reason = self.unavailable.as_deref().unwrap_or("no progress file");
            return Some(format!("answer not saved: {reason}"));
        };
        match store.record(&answered.card_id, answered.review, answered.review.at) {
            Ok(warnings) if warnings.is_empty() => None,
            Ok(warnings) => Some(
                warnings
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Err(e) => Some(format!(
                "answer not saved yet ({e}); it is kept and saved with the next answer"
            )),
        }
    }
}
