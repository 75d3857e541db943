//! The server's clock: the system time plus an offset tests can move forward, so code,
//! device and refresh-token lifetimes are testable without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis() + self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_default()
    }

    pub fn advance_secs(&self, secs: i64) {
        self.offset_ms
            .fetch_add(secs.saturating_mul(1000), Ordering::Relaxed);
    }
}
