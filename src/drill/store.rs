//! The progress file: `progress.json` under the data directory. JSON with a schema version,
//! replaced atomically (temp file in the same folder, fsync, rename) after each review. A file
//! that cannot be read, or comes from a newer sfauth, is moved aside as
//! `progress.json.corrupt-<timestamp>` and never overwritten. Writers take a lock file and
//! merge with what is on disk, so two processes lose no review.

use super::lock::{LockError, LockGuard};
use super::progress::{Progress, ReviewLog};
use super::schedule::{Grade, Review};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const PROGRESS_FILE: &str = "progress.json";
/// Bumped when the file's shape changes; a newer file is kept aside, never rewritten.
pub const SCHEMA_VERSION: u32 = 1;
/// Far above any real history (about a million reviews); a bigger file is not ours.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
const MAX_CARD_ID_CHARS: usize = 256;
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// One review as stored: unix seconds and the grade number.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    at: i64,
    grade: Grade,
}

#[derive(Serialize)]
struct FileOut<'a> {
    schema: u32,
    cards: BTreeMapRef<'a>,
}

/// Serializes the log as `{"card-id": [{"at": .., "grade": ..}, ..]}` without copying it.
struct BTreeMapRef<'a>(&'a ReviewLog);

impl Serialize for BTreeMapRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Reviews<'b>(&'b [Review]);
        impl Serialize for Reviews<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, reviews) in self.0 {
            map.serialize_entry(id, &Reviews(reviews))?;
        }
        map.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    schema: u32,
    cards: std::collections::BTreeMap<String, Vec<Record>>,
}

/// Just enough to tell a newer file from a broken one.
#[derive(Deserialize)]
struct Header {
    schema: Option<u64>,
}

/// Something the user must be told: the file was unreadable and is now kept aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreWarning {
    pub reason: String,
    pub kept_as: PathBuf,
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "drill progress could not be used ({}); it is kept as {} and a new file was started",
            self.reason,
            self.kept_as.display()
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "drill progress is locked by another sfauth ({}); if none is running, delete that file",
        .0.display()
    )]
    Locked(PathBuf),
}

impl StoreError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.to_path_buf();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }
}

impl From<LockError> for StoreError {
    fn from(e: LockError) -> StoreError {
        match e {
            LockError::TimedOut(path) => StoreError::Locked(path),
            LockError::Io(path, source) => StoreError::Io {
                action: "cannot create lock file",
                path,
                source,
            },
        }
    }
}

/// The platform data directory for sfauth (`~/.local/share/sfauth` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sfauth").map(|d| d.data_dir().to_path_buf())
}

#[derive(Debug)]
pub struct ProgressStore {
    dir: PathBuf,
    progress: Progress,
    lock_timeout: Duration,
}

impl ProgressStore {
    /// Reads the progress in `dir` (a missing file or folder is no progress yet). An unusable
    /// file is moved aside and reported in the warnings. `now` names the moved file.
    pub fn open(
        dir: impl Into<PathBuf>,
        now: DateTime<Utc>,
    ) -> Result<(ProgressStore, Vec<StoreWarning>), StoreError> {
        let mut store = ProgressStore {
            dir: dir.into(),
            progress: Progress::new(),
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
        };
        let mut warnings = Vec::new();
        let log = match read_log(&store.path())? {
            Ok(log) => log,
            Err(_) => {
                // Re-check under the lock: another process may have replaced the file since.
                let _lock = store.lock()?;
                store.read_or_set_aside(now, &mut warnings)?
            }
        };
        store.progress = Progress::from_log(log);
        Ok((store, warnings))
    }

    pub fn with_lock_timeout(mut self, timeout: Duration) -> ProgressStore {
        self.lock_timeout = timeout;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Records a review and saves at once.
    pub fn record(
        &mut self,
        card_id: &str,
        review: Review,
        now: DateTime<Utc>,
    ) -> Result<Vec<StoreWarning>, StoreError> {
        self.progress.record(card_id, review);
        self.save(now)
    }

    /// Merges with the file as it is now and replaces it atomically. On failure the reviews
    /// stay pending and the next save tries again.
    pub fn save(&mut self, now: DateTime<Utc>) -> Result<Vec<StoreWarning>, StoreError> {
        fs::create_dir_all(&self.dir).map_err(StoreError::io("cannot create", &self.dir))?;
        let _lock = self.lock()?;
        let mut warnings = Vec::new();
        let disk = self.read_or_set_aside(now, &mut warnings)?;
        let merged = self.progress.merged_with(&disk);
        write_atomically(&self.path(), &merged)?;
        self.progress.adopt(merged);
        Ok(warnings)
    }

    fn lock(&self) -> Result<LockGuard, StoreError> {
        let path = self.dir.join(format!("{PROGRESS_FILE}.lock"));
        Ok(LockGuard::acquire(&path, self.lock_timeout)?)
    }

    /// The file's log; when it is unusable it is moved aside (call with the lock held).
    fn read_or_set_aside(
        &self,
        now: DateTime<Utc>,
        warnings: &mut Vec<StoreWarning>,
    ) -> Result<ReviewLog, StoreError> {
        let path = self.path();
        match read_log(&path)? {
            Ok(log) => Ok(log),
            Err(reason) => {
                let kept_as = set_aside(&path, now)?;
                warnings.push(StoreWarning { reason, kept_as });
                Ok(ReviewLog::new())
            }
        }
    }
}

/// Outer error: the file could not be read at all (permissions...). Inner error: it was read
/// but is not a progress file this version understands.
fn read_log(path: &Path) -> Result<Result<ReviewLog, String>, StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Ok(ReviewLog::new())),
        Err(e) => return Err(StoreError::io("cannot read", path)(e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io("cannot read", path))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(format!(
            "larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok(decode(&bytes))
}

/// Parses and checks a progress file's bytes.
pub fn decode(bytes: &[u8]) -> Result<ReviewLog, String> {
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
        if id.is_empty()
            || id.chars().count() > MAX_CARD_ID_CHARS
            || id.chars().any(char::is_control)
        {
            return Err(format!(
                "card id \"{}\" is not a card id",
                id.chars().take(40).collect::<String>()
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

/// The bytes [`decode`] reads back.
pub fn encode(log: &ReviewLog) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(&FileOut {
        schema: SCHEMA_VERSION,
        cards: BTreeMapRef(log),
    })
}

fn newer(version: u64) -> String {
    format!("it was written by a newer sfauth (schema {version}; this one reads {SCHEMA_VERSION})")
}

/// Renames the file to `progress.json.corrupt-<timestamp>` (with `-2`, `-3`... if taken).
fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let base = format!("{PROGRESS_FILE}.corrupt-{stamp}");
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut target = dir.join(&base);
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{base}-{n}"));
        n += 1;
    }
    fs::rename(path, &target).map_err(StoreError::io("cannot move aside", path))?;
    Ok(target)
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes to a temp file in the same folder, syncs it, then renames it over `path`, so a
/// reader sees the old file or the new one and never half of one.
fn write_atomically(path: &Path, log: &ReviewLog) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        "{PROGRESS_FILE}.tmp-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_and_sync(&temp, log)
        .and_then(|()| fs::rename(&temp, path).map_err(StoreError::io("cannot replace", path)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    // Makes the rename itself durable; not every platform can open a folder, and the data is
    // already safe in the renamed file, so failure here is not an error.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_and_sync(temp: &Path, log: &ReviewLog) -> Result<(), StoreError> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(StoreError::io("cannot create", temp))?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    serde_json::to_writer(
        &mut out,
        &FileOut {
            schema: SCHEMA_VERSION,
            cards: BTreeMapRef(log),
        },
    )
    .map_err(|e| StoreError::io("cannot write", temp)(io::Error::other(e)))?;
    out.write_all(b"\n")
        .map_err(StoreError::io("cannot write", temp))?;
    let file = out
        .into_inner()
        .map_err(|e| StoreError::io("cannot write", temp)(e.into_error()))?;
    file.sync_all().map_err(StoreError::io("cannot sync", temp))
}
