//! How the Drill tab starts: where progress is saved and which clock it reads. Tests inject a
//! fixed clock and a temporary data directory here, so screens and saved reviews do not depend
//! on when or where they run.

use crate::drill::{DEFAULT_NEW_PER_DAY, SavedDrill, local_offset};
use chrono::{DateTime, FixedOffset, Utc};
use std::path::PathBuf;

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock, with the local time zone for "today".
    #[default]
    System,
    /// Always this instant, with this offset for "today".
    Fixed {
        now: DateTime<Utc>,
        offset: FixedOffset,
    },
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed { now, .. } => *now,
        }
    }

    /// The offset of the local day at `now` (it can change with daylight saving time).
    pub fn offset_at(&self, now: DateTime<Utc>) -> FixedOffset {
        match self {
            Clock::System => local_offset(now),
            Clock::Fixed { offset, .. } => *offset,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillOptions {
    /// The folder holding `progress.json`. `None` keeps progress in memory only, and the tab
    /// says so; the binary passes `--data-dir`, `SFAUTH_DATA_DIR` or the platform default.
    pub data_dir: Option<PathBuf>,
    pub clock: Clock,
    /// New cards per day until the user changes it in the settings popup.
    pub new_per_day: usize,
    /// The session settings of the last run (`settings.json`), over `new_per_day`.
    pub saved: SavedDrill,
}

impl Default for DrillOptions {
    fn default() -> Self {
        DrillOptions {
            data_dir: None,
            clock: Clock::System,
            new_per_day: DEFAULT_NEW_PER_DAY,
            saved: SavedDrill::default(),
        }
    }
}
