//! The progress file: `progress.json` under the data directory. JSON with a schema version,
//! replaced atomically (temp file in the same folder, fsync, rename) after each review. A file
//! that cannot be read, or comes from a newer sfauth, is moved aside as
//! `progress.json.corrupt-<timestamp>` and never overwritten. Writers take a lock file and
//! merge with what is on disk, so two processes lose no review.

use super::codec::{MAX_FILE_BYTES, decode, encode_entries};
use super::lock::{LockError, LockGuard};
use super::progress::{Progress, ReviewLog};
use super::schedule::Review;
use chrono::{DateTime, Utc};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const PROGRESS_FILE: &str = "progress.json";
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

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
            "drill progress could not be used ({}); it is kept as {} and progress starts afresh",
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

/// Where progress lives: `explicit` (`--data-dir` / `SFAUTH_DATA_DIR`) or the platform's
/// data directory; `None` when neither is known (no home directory).
pub fn resolve_data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit.map(Path::to_path_buf).or_else(default_data_dir)
}

#[derive(Debug)]
pub struct ProgressStore {
    dir: PathBuf,
    progress: Progress,
    /// The file's bytes as this store last read or wrote them (`None`: there was no file).
    /// When the file still holds exactly these, no other process has written since and a save
    /// can skip re-reading and merging.
    synced: Option<Vec<u8>>,
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
            synced: None,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
        };
        let mut warnings = Vec::new();
        let bytes = read_bytes(&store.path())?;
        let log = match bytes.as_deref().map(decode).transpose() {
            Ok(log) => {
                store.synced = bytes;
                log.unwrap_or_default()
            }
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
        if read_bytes(&self.path())? != self.synced {
            let disk = self.read_or_set_aside(now, &mut warnings)?;
            let merged = self.progress.merged_with(&disk);
            self.progress.adopt(merged);
        }
        let bytes = encode_entries(&self.progress.sorted());
        write_atomically(&self.path(), &bytes)?;
        self.progress.mark_saved();
        self.synced = Some(bytes);
        Ok(warnings)
    }

    fn lock(&self) -> Result<LockGuard, StoreError> {
        let path = self.dir.join(format!("{PROGRESS_FILE}.lock"));
        Ok(LockGuard::acquire(&path, self.lock_timeout)?)
    }

    /// The file's log; when it is unusable it is moved aside (call with the lock held).
    fn read_or_set_aside(
        &mut self,
        now: DateTime<Utc>,
        warnings: &mut Vec<StoreWarning>,
    ) -> Result<ReviewLog, StoreError> {
        let path = self.path();
        let bytes = read_bytes(&path)?;
        match bytes.as_deref().map(decode).transpose() {
            Ok(log) => {
                self.synced = bytes;
                Ok(log.unwrap_or_default())
            }
            Err(reason) => {
                let kept_as = set_aside(&path, now)?;
                warnings.push(StoreWarning { reason, kept_as });
                self.synced = None;
                Ok(ReviewLog::new())
            }
        }
    }
}

/// The file's bytes (at most one past the size limit, so decoding can refuse them); `None`
/// when there is no file.
pub(super) fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("cannot read", path)(e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io("cannot read", path))?;
    Ok(Some(bytes))
}

/// Renames the file to `<name>.corrupt-<timestamp>` (with `-2`, `-3`... if taken).
pub(super) fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let name = file_name(path);
    let base = format!("{name}.corrupt-{stamp}");
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
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        "{}.tmp-{}-{}",
        file_name(path),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_and_sync(&temp, bytes)
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

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || PROGRESS_FILE.to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn write_and_sync(temp: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .map_err(StoreError::io("cannot create", temp))?;
    file.write_all(bytes)
        .map_err(StoreError::io("cannot write", temp))?;
    file.sync_all().map_err(StoreError::io("cannot sync", temp))
}
