//! Live runs, owned by `App`: the live target both tabs share, sfauth's local org (started
//! in-process on a free loopback port the first time it is needed, shut down with the app),
//! and the run in progress, whose events `App` polls and hands to the tab that asked.

pub mod blocks;

use crate::model::Knowledge;
use crate::serve::{Handle, LogSink, ServeOptions};
use crate::try_flow::live::{self, LiveEvent, LiveJob, LiveTarget};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// How often `App` looks for events while a run is going.
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// The target form's fields as typed. `Debug` leaves the secret out.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TargetInput {
    /// Empty: sfauth's local org.
    pub login_url: String,
    pub client_id: String,
    pub username: String,
    pub key_path: String,
    pub client_secret: String,
}

impl std::fmt::Debug for TargetInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetInput")
            .field("login_url", &self.login_url)
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field("key_path", &self.key_path)
            .field("client_secret", &(!self.client_secret.is_empty()))
            .finish()
    }
}

/// Which tab a run reports to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunFor {
    Flow(String),
    Inspect,
}

/// The run in progress.
pub struct Running {
    pub for_tab: RunFor,
    events: Receiver<LiveEvent>,
}

/// The demo values a user replaced for runs against the local org; `None` keeps the demo's.
#[derive(Default)]
struct LocalChanges {
    client_id: Option<String>,
    username: Option<String>,
    key: Option<(Vec<u8>, String)>,
    client_secret: Option<String>,
}

impl LocalChanges {
    fn from_input(input: &TargetInput) -> Result<Self, String> {
        let set = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(LocalChanges {
            client_id: set(&input.client_id),
            username: set(&input.username),
            key: read_key(&input.key_path)?,
            client_secret: Some(input.client_secret.clone()).filter(|s| !s.is_empty()),
        })
    }

    fn apply(&self, target: &mut LiveTarget) {
        if let Some(id) = &self.client_id {
            target.client_id.clone_from(id);
        }
        if let Some(user) = &self.username {
            target.username.clone_from(user);
        }
        if let Some(key) = &self.key {
            target.key = Some(key.clone());
        }
        if let Some(secret) = &self.client_secret {
            target.client_secret = Some(secret.clone());
        }
    }

    /// What differs from the demo app, for the target's label; empty when nothing does.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(id) = &self.client_id {
            parts.push(format!("client id {id}"));
        }
        if let Some(user) = &self.username {
            parts.push(format!("username {user}"));
        }
        if let Some((_, name)) = &self.key {
            parts.push(format!("key {name}"));
        }
        if self.client_secret.is_some() {
            parts.push("your client secret".to_string());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" with {}", parts.join(", "))
        }
    }
}

/// Reads the key file named in the target form, once; `None` when the field is empty.
fn read_key(key_path: &str) -> Result<Option<(Vec<u8>, String)>, String> {
    let key_path = key_path.trim();
    if key_path.is_empty() {
        return Ok(None);
    }
    let path = std::path::Path::new(key_path);
    let bytes = crate::tui::inspect::read_regular_file(path)?;
    let name = path.file_name().map_or_else(
        || key_path.to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Some((bytes, name)))
}

/// The local org while it runs.
struct LocalOrg {
    handle: Handle,
    callback: String,
}

#[derive(Default)]
pub struct Live {
    local: Option<LocalOrg>,
    /// A real org's settings; `None`: the local org.
    remote: Option<LiveTarget>,
    /// Fields the user set for the local org, in place of the demo app's (to break the client
    /// id, the key or the user on purpose and see the local org's refusal).
    local_changes: LocalChanges,
    running: Option<Running>,
    /// The refresh token of the last granted run that got one (memory only), for refresh.
    refresh_token: Option<String>,
}

impl Live {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The local org's URL, once started.
    pub fn local_url(&self) -> Option<&str> {
        self.local.as_ref().map(|l| l.handle.base_url.as_str())
    }

    /// One line naming the target, for the tabs to show.
    pub fn target_label(&self) -> String {
        match (&self.remote, self.local_url()) {
            (Some(t), _) => format!("{} as {}", t.login_url, t.client_id),
            (None, Some(url)) => format!("the local org at {url}{}", self.local_changes.describe()),
            (None, None) => format!(
                "the local org (starts on the first run){}",
                self.local_changes.describe()
            ),
        }
    }

    /// Checks `input` and makes it the target; the key file is read here, once.
    pub fn set_target(&mut self, input: &TargetInput) -> Result<String, String> {
        if input.login_url.trim().is_empty() {
            self.local_changes = LocalChanges::from_input(input)?;
            self.remote = None;
            return Ok(format!("live target: {}", self.target_label()));
        }
        let login = crate::try_flow::login_url(&input.login_url).map_err(|e| {
            e.to_string()
                .replace("--login-url", "the login URL")
                .replace(", or a local org's http://127.0.0.1:PORT", "")
        })?;
        if input.client_id.trim().is_empty() {
            return Err("the target needs the connected app's client id (consumer key)".into());
        }
        let key = read_key(&input.key_path)?;
        self.remote = Some(LiveTarget {
            login_url: login,
            client_id: input.client_id.trim().to_string(),
            username: input.username.trim().to_string(),
            key,
            client_secret: Some(input.client_secret.clone()).filter(|s| !s.is_empty()),
            refresh_token: None,
            callback: crate::try_flow::web_server::DEFAULT_CALLBACK.to_string(),
            demo_user: None,
        });
        self.refresh_token = None;
        Ok(format!("live target: {}", self.target_label()))
    }

    /// The target for a run now, starting the local org if it is the target and not running.
    fn target(&mut self, k: &Arc<Knowledge>) -> Result<LiveTarget, String> {
        let mut target = match &self.remote {
            Some(t) => t.clone(),
            None => {
                let local = match self.local.take() {
                    Some(local) => local,
                    None => start_local(k)?,
                };
                let mut target = LiveTarget::local(&local.handle.base_url, &local.callback);
                self.local_changes.apply(&mut target);
                self.local = Some(local);
                target
            }
        };
        target.refresh_token = self.refresh_token.clone();
        Ok(target)
    }

    /// Starts a run; `flow` is the model flow whose diagram the events map onto.
    pub fn start(
        &mut self,
        k: &Arc<Knowledge>,
        job: LiveJob,
        for_tab: RunFor,
    ) -> Result<(), String> {
        if self.running.is_some() {
            return Err("a live run is still going; wait for it to finish".into());
        }
        let target = self.target(k)?;
        let flow = match &for_tab {
            RunFor::Flow(id) => k.flow(id),
            RunFor::Inspect => None,
        };
        let events = live::start(k.clone(), flow, job, target)?;
        self.running = Some(Running { for_tab, events });
        Ok(())
    }

    /// The events that arrived since the last poll, and the tab they are for. The run ends
    /// with its `Finished` event (or when its thread is gone).
    pub fn poll(&mut self) -> Option<(RunFor, Vec<LiveEvent>)> {
        let running = self.running.as_ref()?;
        let for_tab = running.for_tab.clone();
        let mut events = Vec::new();
        let mut over = false;
        loop {
            match running.events.try_recv() {
                Ok(event) => {
                    if let LiveEvent::Finished(Ok(attempt)) = &event
                        && let Some(token) = live::refresh_token_of(attempt)
                    {
                        self.refresh_token = Some(token);
                    }
                    over |= matches!(event, LiveEvent::Finished(_));
                    events.push(event);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    over = true;
                    break;
                }
            }
        }
        if over {
            self.running = None;
        }
        (!events.is_empty()).then_some((for_tab, events))
    }
}

fn start_local(k: &Arc<Knowledge>) -> Result<LocalOrg, String> {
    let (org, callback) = live::local_org()?;
    let mut opts = ServeOptions::new(std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    // The request log would write over the screen.
    opts.log = LogSink::Off;
    let handle = crate::serve::spawn(org, k.clone(), opts)?;
    Ok(LocalOrg { handle, callback })
}
