//! A lock file next to the progress file so that two sfauth processes never interleave their
//! read-merge-write. `create_new` is atomic on every platform sfauth supports.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// A lock older than this was left by a process that died; it is broken.
const STALE_AFTER: Duration = Duration::from_secs(30);
const RETRY_EVERY: Duration = Duration::from_millis(5);

#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
}

#[derive(Debug)]
pub enum LockError {
    TimedOut(PathBuf),
    Io(PathBuf, io::Error),
}

impl LockGuard {
    /// Waits up to `timeout` for the lock at `path`.
    pub fn acquire(path: &Path, timeout: Duration) -> Result<LockGuard, LockError> {
        let started = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut file) => {
                    // Only for a person wondering who holds the lock; nothing reads it back.
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(LockGuard {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    // Two waiters may both judge the same lock stale; the window is a few
                    // microseconds after a crash, which is accepted.
                    if is_stale(path) {
                        let _ = fs::remove_file(path);
                        continue;
                    }
                    if started.elapsed() >= timeout {
                        return Err(LockError::TimedOut(path.to_path_buf()));
                    }
                    thread::sleep(RETRY_EVERY);
                }
                Err(e) => return Err(LockError::Io(path.to_path_buf(), e)),
            }
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn is_stale(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| SystemTime::now().duration_since(modified).ok())
        .is_some_and(|age| age > STALE_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_makes_the_next_one_wait_then_time_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.lock");
        let guard = LockGuard::acquire(&path, Duration::from_millis(10)).unwrap();
        let second = LockGuard::acquire(&path, Duration::from_millis(30));
        assert!(matches!(second, Err(LockError::TimedOut(_))));
        drop(guard);
        assert!(!path.exists());
        assert!(LockGuard::acquire(&path, Duration::from_millis(10)).is_ok());
    }

    #[test]
    fn a_stale_lock_is_broken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.lock");
        let file = fs::File::create(&path).unwrap();
        let old = SystemTime::now() - Duration::from_secs(120);
        file.set_modified(old).unwrap();
        drop(file);
        assert!(LockGuard::acquire(&path, Duration::from_millis(10)).is_ok());
    }
}
