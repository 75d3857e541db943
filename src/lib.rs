//! sfauth: learn and debug Salesforce integration authentication.
//!
//! Domain modules (`model`, ...) hold no terminal-UI code; the CLI (`cli`) and the terminal UI
//! both call them.

pub mod cli;
pub mod diagram;
pub mod drill;
pub mod explain;
pub mod inspect;
pub mod keyfile;
pub mod launch;
pub mod mint;
pub mod model;
pub mod percent;
pub mod saml;
pub mod serve;
pub mod source;
pub mod text;
pub mod try_flow;
pub mod tui;
pub mod verdict;
pub mod wizard;
