//! Everything the server remembers, in memory only: access and refresh tokens, authorization
//! codes and device codes. Nothing is ever written to disk.

use super::clock::Clock;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

/// Who a token speaks for: app and user by index into the org, and the granted scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub app: usize,
    pub user: usize,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct AccessRecord {
    pub grant: Grant,
    pub issued_at_ms: i64,
    /// The refresh family it came from, so revoking the family ends it too.
    pub family: Option<u64>,
}

#[derive(Debug, Clone)]
struct RefreshRecord {
    grant: Grant,
    family: u64,
    /// False once rotation replaced it; replaying it then revokes the family.
    current: bool,
}

#[derive(Debug, Clone)]
struct Family {
    started_ms: i64,
    revoked: bool,
}

#[derive(Debug, Clone)]
pub struct CodeRecord {
    pub grant: Grant,
    pub redirect_uri: String,
    pub code_challenge: Option<String>,
    pub issued_at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceState {
    Pending,
    Approved(usize),
    Denied,
}

#[derive(Debug, Clone)]
pub struct DeviceRecord {
    pub app: usize,
    pub scopes: Vec<String>,
    pub user_code: String,
    pub issued_at_ms: i64,
    pub last_poll_ms: Option<i64>,
    pub state: DeviceState,
}

/// Why a refresh token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshFailure {
    Unknown,
    Replayed,
    Expired,
}

#[derive(Default)]
struct Inner {
    access: HashMap<String, AccessRecord>,
    refresh: HashMap<String, RefreshRecord>,
    families: HashMap<u64, Family>,
    next_family: u64,
    codes: HashMap<String, CodeRecord>,
    devices: HashMap<String, DeviceRecord>,
    api_calls: u64,
    approvals: HashSet<(usize, usize)>,
}

pub struct Store {
    inner: Mutex<Inner>,
    pub clock: Clock,
}

impl Store {
    pub fn new(clock: Clock) -> Self {
        Store {
            inner: Mutex::new(Inner::default()),
            clock,
        }
    }

    /// A panic while holding the lock cannot leave the maps half-updated in a way later
    /// requests would misread, so a poisoned lock is simply taken over.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn add_access(&self, token: String, grant: Grant, family: Option<u64>) -> i64 {
        let issued_at_ms = self.clock.now_ms();
        self.lock().access.insert(
            token,
            AccessRecord {
                grant,
                issued_at_ms,
                family,
            },
        );
        issued_at_ms
    }

    pub fn access(&self, token: &str) -> Option<AccessRecord> {
        self.lock().access.get(token).cloned()
    }

    /// Starts a refresh family with its first token.
    pub fn add_refresh(&self, token: String, grant: Grant) -> u64 {
        let now = self.clock.now_ms();
        let mut inner = self.lock();
        inner.next_family += 1;
        let family = inner.next_family;
        inner.families.insert(
            family,
            Family {
                started_ms: now,
                revoked: false,
            },
        );
        inner.refresh.insert(
            token,
            RefreshRecord {
                grant,
                family,
                current: true,
            },
        );
        family
    }

    /// Uses a refresh token. With `rotate_to`, the token is replaced by that new one; replaying
    /// a replaced token revokes its whole family, as Salesforce's rotation does.
    pub fn use_refresh(
        &self,
        token: &str,
        app: usize,
        max_age_secs: Option<u64>,
        rotate_to: Option<String>,
    ) -> Result<(Grant, u64), RefreshFailure> {
        let now = self.clock.now_ms();
        let mut inner = self.lock();
        let record = inner
            .refresh
            .get(token)
            .cloned()
            .filter(|r| r.grant.app == app)
            .ok_or(RefreshFailure::Unknown)?;
        let family = inner
            .families
            .get(&record.family)
            .cloned()
            .ok_or(RefreshFailure::Unknown)?;
        if family.revoked {
            return Err(RefreshFailure::Unknown);
        }
        if !record.current {
            revoke_family(&mut inner, record.family);
            return Err(RefreshFailure::Replayed);
        }
        let limit_ms =
            max_age_secs.map(|s| i64::try_from(s.saturating_mul(1000)).unwrap_or(i64::MAX));
        if limit_ms.is_some_and(|l| now.saturating_sub(family.started_ms) >= l) {
            return Err(RefreshFailure::Expired);
        }
        if let Some(new_token) = rotate_to {
            if let Some(old) = inner.refresh.get_mut(token) {
                old.current = false;
            }
            inner.refresh.insert(
                new_token,
                RefreshRecord {
                    grant: record.grant.clone(),
                    family: record.family,
                    current: true,
                },
            );
        }
        Ok((record.grant, record.family))
    }

    /// Revokes an access token, or a refresh token with its family's access tokens. Returns
    /// whether the token was known.
    pub fn revoke(&self, token: &str) -> bool {
        let mut inner = self.lock();
        if inner.access.remove(token).is_some() {
            return true;
        }
        match inner.refresh.get(token).map(|r| r.family) {
            Some(family) => {
                revoke_family(&mut inner, family);
                true
            }
            None => false,
        }
    }

    /// The grant behind a live refresh token, for introspection.
    pub fn refresh_grant(&self, token: &str) -> Option<Grant> {
        let inner = self.lock();
        let r = inner.refresh.get(token)?;
        let live = r.current && inner.families.get(&r.family).is_some_and(|f| !f.revoked);
        live.then(|| r.grant.clone())
    }

    pub fn add_code(&self, code: String, record: CodeRecord) {
        self.lock().codes.insert(code, record);
    }

    /// Codes are single-use: taking one removes it whatever happens next.
    pub fn take_code(&self, code: &str) -> Option<CodeRecord> {
        self.lock().codes.remove(code)
    }

    pub fn add_device(&self, device_code: String, record: DeviceRecord) {
        self.lock().devices.insert(device_code, record);
    }

    /// Records a poll and returns the record as it was before, with the previous poll time.
    pub fn poll_device(&self, device_code: &str) -> Option<DeviceRecord> {
        let now = self.clock.now_ms();
        let mut inner = self.lock();
        let record = inner.devices.get_mut(device_code)?;
        let before = record.clone();
        record.last_poll_ms = Some(now);
        if matches!(before.state, DeviceState::Approved(_) | DeviceState::Denied) {
            inner.devices.remove(device_code);
        }
        Some(before)
    }

    /// Sets the outcome for the pending device code with this user code.
    pub fn decide_device(&self, user_code: &str, state: DeviceState) -> Option<usize> {
        let mut inner = self.lock();
        let record = inner.devices.values_mut().find(|d| {
            d.state == DeviceState::Pending && d.user_code.eq_ignore_ascii_case(user_code.trim())
        })?;
        record.state = state;
        Some(record.app)
    }

    /// Remembers that a user approved an app on the authorize or device page.
    pub fn approve(&self, app: usize, user: usize) {
        self.lock().approvals.insert((app, user));
    }

    pub fn approved(&self, app: usize, user: usize) -> bool {
        self.lock().approvals.contains(&(app, user))
    }

    /// Counts one REST call and returns the count so far.
    pub fn count_api_call(&self) -> u64 {
        let mut inner = self.lock();
        inner.api_calls += 1;
        inner.api_calls
    }
}

fn revoke_family(inner: &mut Inner, family: u64) {
    if let Some(f) = inner.families.get_mut(&family) {
        f.revoked = true;
    }
    inner.refresh.retain(|_, r| r.family != family);
    inner.access.retain(|_, a| a.family != Some(family));
}
