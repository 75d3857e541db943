//! A live run for the TUI: one flow (or one pasted JWT bearer assertion) run on a background
//! thread against a target, reported as events while it happens: the step it works on, each
//! exchange (secrets redacted) with the diagram step it lands on, the prompts to the person,
//! and the finished [`Attempt`]. On sfauth's local org the runner plays the browser as a demo
//! user; against a real org it opens the system browser.

use super::browser::{self, DemoUser};
use super::http::{Client, Exchange};
use super::live_steps::{Landing, StepMap};
use super::{Attempt, FlowKind, Outcome, Prompt, TryError, device, jwt_bearer};
use super::{login_url, secret_flows, web_server};
use crate::inspect::{InspectOptions, Inspection, Profile, inspect};
use crate::model::{Flow, Knowledge};
use crate::serve::org::{self, Org, demo};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a person gets to log in or enter a code; sfauth playing the browser is quick.
const PERSON_WAIT: Duration = Duration::from_secs(300);
const PLAYED_WAIT: Duration = Duration::from_secs(30);

/// The flows a live run can do, by model id.
pub const RUNNABLE: [FlowKind; 5] = [
    FlowKind::JwtBearer,
    FlowKind::ClientCredentials,
    FlowKind::WebServer,
    FlowKind::Device,
    FlowKind::Refresh,
];

/// The flow kind of a model flow, when a live run can do it.
pub fn runnable(model_id: &str) -> Option<FlowKind> {
    RUNNABLE.into_iter().find(|k| k.model_id() == model_id)
}

/// What a live run reports, in order.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// The run works on this step of the diagram now.
    StepStarted(usize),
    /// An exchange completed; `landing` is where it goes on the diagram.
    Exchange {
        landing: Option<Landing>,
        exchange: Exchange,
    },
    /// The person is asked to act; `note` says who does it (sfauth as a demo user, or you in
    /// your browser).
    Prompt {
        landing: Option<Landing>,
        prompt: Prompt,
        note: String,
    },
    /// Something went wrong beside the flow (the played browser, opening the browser).
    Problem(String),
    Finished(Result<Attempt, TryError>),
}

/// Where and as whom a live run goes. Secrets stay in memory; `Debug` leaves them out.
#[derive(Clone)]
pub struct LiveTarget {
    pub login_url: String,
    pub client_id: String,
    pub username: String,
    /// The private key (PEM) for the JWT bearer flow, and its name in messages.
    pub key: Option<(Vec<u8>, String)>,
    pub client_secret: Option<String>,
    /// The refresh token the refresh flow sends (from an earlier run of this session).
    pub refresh_token: Option<String>,
    pub callback: String,
    /// On the local org: the user sfauth logs in as when it plays the browser.
    pub demo_user: Option<DemoUser>,
}

impl std::fmt::Debug for LiveTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveTarget")
            .field("login_url", &self.login_url)
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field("key", &self.key.as_ref().map(|(_, name)| name))
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .field("demo_user", &self.demo_user)
            .finish()
    }
}

impl LiveTarget {
    /// The demo app and user of a local org at `base_url` (see [`local_org`]).
    pub fn local(base_url: &str, callback: &str) -> Self {
        LiveTarget {
            login_url: base_url.to_string(),
            client_id: demo::DEMO_CONSUMER_KEY.to_string(),
            username: demo::DEMO_USER.to_string(),
            key: Some((
                demo::DEMO_KEY_PEM.as_bytes().to_vec(),
                demo::KEY_FILE.to_string(),
            )),
            client_secret: Some(demo::DEMO_SECRET.to_string()),
            refresh_token: None,
            callback: callback.to_string(),
            demo_user: Some(DemoUser {
                username: demo::DEMO_USER.to_string(),
                password: demo::DEMO_PASSWORD.to_string(),
            }),
        }
    }
}

/// The demo org for live runs, with a callback on a loopback port free now (the demo's own
/// `localhost:1717` may be taken), and that callback.
pub fn local_org() -> Result<(Org, String), String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("cannot find a free loopback port: {e}"))?
        .port();
    let callback = format!("http://localhost:{port}/OAuthRedirect");
    let mut spec = demo::spec();
    if let Some(app) = spec.apps.first_mut() {
        app.callback_urls.push(callback.clone());
    }
    let text = serde_json::to_string(&spec).map_err(|e| e.to_string())?;
    let org = org::load_str(&text, "demo org", &|file: &str| {
        if file == demo::CERT_FILE {
            Ok(demo::DEMO_CERT_PEM.as_bytes().to_vec())
        } else {
            Err(format!("{file}: not part of the demo org"))
        }
    })
    .map_err(|e| e.to_string())?;
    Ok((org, callback))
}

/// What to run.
#[derive(Debug, Clone)]
pub enum LiveJob {
    Flow(FlowKind),
    /// Send this JWT bearer assertion as it is.
    Assertion(String),
}

/// Where events go, with the diagram position they are mapped through.
#[derive(Clone)]
struct Reporter {
    tx: Sender<LiveEvent>,
    map: Arc<Mutex<StepMap>>,
}

impl Reporter {
    fn send(&self, event: LiveEvent) {
        // The TUI may have gone (it quit mid-run): nobody is left to tell.
        let _ = self.tx.send(event);
    }

    fn with_map<T>(&self, f: impl FnOnce(&mut StepMap) -> T) -> T {
        f(&mut self.map.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn exchange(&self, exchange: &Exchange) {
        let (landing, upcoming) =
            self.with_map(|m| (m.exchange(&exchange.method, &exchange.url), m.upcoming()));
        self.send(LiveEvent::Exchange {
            landing,
            exchange: exchange.clone(),
        });
        if let Some(step) = upcoming {
            self.send(LiveEvent::StepStarted(step));
        }
    }

    fn client(&self, url: &str) -> Client {
        let mut client = Client::for_url(url, REQUEST_TIMEOUT);
        let me = self.clone();
        client.observe(move |x| me.exchange(x));
        client
    }
}

/// Starts `job` against `target` on its own thread; `flow` is the model flow whose steps the
/// events are mapped onto (none for a bare assertion).
pub fn start(
    k: Arc<Knowledge>,
    flow: Option<&Flow>,
    job: LiveJob,
    target: LiveTarget,
) -> Result<Receiver<LiveEvent>, String> {
    let (tx, rx) = channel();
    let reporter = Reporter {
        tx,
        map: Arc::new(Mutex::new(flow.map(StepMap::new).unwrap_or_default())),
    };
    std::thread::Builder::new()
        .name("sfauth-live".into())
        .spawn(move || {
            if let Some(step) = reporter.with_map(|m| m.upcoming()) {
                reporter.send(LiveEvent::StepStarted(step));
            }
            let result = run(&k, &reporter, &job, &target);
            reporter.send(LiveEvent::Finished(result));
        })
        .map_err(|e| format!("cannot start the live run: {e}"))?;
    Ok(rx)
}

fn run(
    k: &Knowledge,
    reporter: &Reporter,
    job: &LiveJob,
    t: &LiveTarget,
) -> Result<Attempt, TryError> {
    let mut client = reporter.client(&t.login_url);
    let kind = match job {
        LiveJob::Assertion(assertion) => return send_assertion(k, &mut client, t, assertion),
        LiveJob::Flow(kind) => *kind,
    };
    let played = t.demo_user.is_some();
    match kind {
        FlowKind::JwtBearer => {
            let Some((pem, name)) = &t.key else {
                return Err(TryError::Usage(
                    "the JWT bearer flow needs a private key: set the key file in the target (T)"
                        .into(),
                ));
            };
            let now = chrono::Utc::now();
            let req = jwt_bearer::JwtBearerRequest {
                client_id: &t.client_id,
                username: &t.username,
                key_pem: pem,
                key_name: name,
                login_url: &t.login_url,
                audience: None,
                cert: None,
                ttl_secs: 180,
                minted_at: now,
                sent_at: now,
            };
            jwt_bearer::run(k, &mut client, &req)
        }
        FlowKind::ClientCredentials => {
            let secret = t.client_secret.as_deref().ok_or_else(|| {
                TryError::Usage(
                    "the client credentials flow needs the client secret: set it in the target (T)"
                        .into(),
                )
            })?;
            let req = secret_flows::ClientCredentialsRequest {
                client_id: &t.client_id,
                client_secret: secret,
                login_url: &t.login_url,
            };
            secret_flows::client_credentials(&mut client, &req)
        }
        FlowKind::Refresh => {
            let token = t.refresh_token.as_deref().ok_or_else(|| {
                TryError::Usage(
                    "the refresh flow needs a refresh token: run the web server or device flow \
                     first (its refresh token is kept in memory for this session)"
                        .into(),
                )
            })?;
            let req = secret_flows::RefreshRequest {
                client_id: &t.client_id,
                client_secret: t.client_secret.as_deref(),
                refresh_token: token,
                login_url: &t.login_url,
            };
            secret_flows::refresh(&mut client, &req)
        }
        FlowKind::WebServer => {
            let req = web_server::WebServerRequest {
                client_id: &t.client_id,
                client_secret: t.client_secret.as_deref(),
                login_url: &t.login_url,
                callback: &t.callback,
                scope: Some("api refresh_token"),
                wait: if played { PLAYED_WAIT } else { PERSON_WAIT },
            };
            web_server::run(&mut client, &req, &mut |p| prompt(reporter, t, p))
        }
        FlowKind::Device => {
            let req = device::DeviceRequest {
                client_id: &t.client_id,
                login_url: &t.login_url,
                scope: Some("api refresh_token"),
                wait: if played { PLAYED_WAIT } else { PERSON_WAIT },
            };
            device::run(&mut client, &req, &mut |p| prompt(reporter, t, p))
        }
    }
}

/// Reports the prompt, then plays the person on the local org or opens the browser.
fn prompt(reporter: &Reporter, t: &LiveTarget, prompt: Prompt) {
    let landing = reporter.with_map(StepMap::prompt);
    let note = match &t.demo_user {
        Some(user) => format!("sfauth plays the browser as {}", user.username),
        None => "opened in your browser: log in and approve there".to_string(),
    };
    reporter.send(LiveEvent::Prompt {
        landing,
        prompt: prompt.clone(),
        note,
    });
    let problem = match (&t.demo_user, prompt) {
        (Some(user), Prompt::Browser { url }) => {
            // The flow waits on its callback listener meanwhile: the browser runs beside it.
            let (reporter, user) = (reporter.clone(), user.clone());
            let spawned = std::thread::Builder::new()
                .name("sfauth-browser".into())
                .spawn(move || {
                    let mut client = reporter.client(&url);
                    if let Err(e) = browser::play_login(&mut client, &url, &user) {
                        reporter.send(LiveEvent::Problem(format!("the played browser: {e}")));
                    }
                });
            spawned
                .err()
                .map(|e| format!("cannot start the played browser: {e}"))
        }
        (
            Some(user),
            Prompt::DeviceCode {
                user_code,
                verification_uri,
            },
        ) => {
            let mut client = reporter.client(&verification_uri);
            browser::approve_device(&mut client, &verification_uri, &user_code, user)
                .err()
                .map(|e| format!("approving the code: {e}"))
        }
        (None, Prompt::Browser { url }) => browser::open_system_browser(&url)
            .err()
            .map(|e| format!("could not open a browser ({e}); open the URL yourself")),
        (
            None,
            Prompt::DeviceCode {
                verification_uri, ..
            },
        ) => browser::open_system_browser(&verification_uri)
            .err()
            .map(|e| format!("could not open a browser ({e}); open {verification_uri} yourself")),
    };
    if let Some(problem) = problem {
        reporter.send(LiveEvent::Problem(problem));
    }
}

/// Posts `assertion` as it is, with the inspector's findings on it as Salesforce will judge
/// it now, to explain a refusal.
fn send_assertion(
    k: &Knowledge,
    client: &mut Client,
    t: &LiveTarget,
    assertion: &str,
) -> Result<Attempt, TryError> {
    let login = login_url(&t.login_url)?;
    let opts = InspectOptions {
        profile: Some(Profile::JwtBearer),
        client_id: None,
        username: None,
        login_url: Some(login.clone()),
        at: chrono::Utc::now(),
        skew: 0,
    };
    let findings = match inspect(assertion.trim(), &opts, None, k) {
        Ok(Inspection::Jwt(report)) => report.findings,
        _ => Vec::new(),
    };
    jwt_bearer::send(client, login, assertion.trim(), findings)
}

/// The refresh token a granted attempt got, for a later refresh run.
pub fn refresh_token_of(attempt: &Attempt) -> Option<String> {
    match &attempt.outcome {
        Outcome::Granted(g) => g.token.refresh_token.clone(),
        Outcome::Refused(_) => None,
    }
}
