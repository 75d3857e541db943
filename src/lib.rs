//! sfauth: learn and debug Salesforce integration authentication.
//!
//! Domain modules (`model`, ...) hold no terminal-UI code; the CLI (`cli`) and the terminal UI
//! both call them.

pub mod app;
pub mod cli;
pub mod model;
pub mod saml;
