//! `sfauth serve`: a local org on loopback that speaks Salesforce's OAuth endpoints, judges
//! the bearer grants with the inspector's checks and the other grants by the knowledge model's
//! rules, and refuses with Salesforce's exact error bodies from the error catalog.
//!
//! [`spawn`] starts it in-process on its own runtime thread (for `sfauth try`, the TUI and
//! tests); the org model in `org` is plain Rust, separate from the HTTP layer in `http`.

pub mod clock;
mod grants;
mod http;
mod id_token;
mod issue;
pub mod log;
pub mod org;
pub mod refusals;
mod rest_session;
mod server;
mod soql;
mod store;

pub use clock::Clock;
pub use log::{LogSink, redact};
pub use server::{Handle, ServeOptions, spawn};

use crate::model::Knowledge;
use std::sync::Arc;

/// The REST API version the identity URLs and `/services/data/` advertise.
pub const API_VERSION: &str = "66.0";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8484";

/// What every handler reads: the org, the model, the token store, and the server's own URL,
/// which is the org's login URL and the only audience its bearer grants accept.
pub struct Ctx {
    pub org: org::Org,
    pub k: Arc<Knowledge>,
    pub store: store::Store,
    pub base_url: String,
    pub signing_key: jsonwebtoken::EncodingKey,
    pub log: LogSink,
}
