//! The command line: every capability of the TUI is also a subcommand.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "sfauth",
    version,
    about = "Learn and debug Salesforce integration authentication",
    long_about = "sfauth explains Salesforce integration authentication and debugs it: choose a \
                  strategy, inspect JWT and SAML assertions against Salesforce's rules, step \
                  through OAuth flows, and drill interview questions. With no subcommand it opens \
                  the terminal UI."
)]
pub struct Cli {
    /// Add a team pack (a folder of JSON files in the model's schema); repeatable.
    #[arg(long = "pack", value_name = "DIR", global = true)]
    pub packs: Vec<PathBuf>,

    /// Colour theme for the terminal UI.
    #[arg(long, value_enum, env = "SFAUTH_THEME", global = true)]
    pub theme: Option<ThemeName>,

    /// Open the terminal UI on this tab.
    #[arg(long, value_name = "NAME")]
    pub tab: Option<String>,

    /// Where drill progress is kept (default: the platform data directory).
    #[arg(long, value_name = "DIR", env = "SFAUTH_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Dark,
    Light,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Query the knowledge model.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Open the terminal UI's Library on an entry.
    Show {
        /// An entry id, or kind:id (e.g. flow:jwt-bearer).
        id: String,
    },
    /// Decode a JWT, verify its signature and check it against Salesforce's rules.
    Inspect(super::inspect::InspectArgs),
    /// Create test material: a signed JWT bearer assertion.
    #[command(subcommand)]
    Mint(super::mint::MintCommand),
    /// Explain a Salesforce error response from the error catalog.
    Explain(super::explain::ExplainArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// List entries, optionally of one kind.
    List {
        /// strategies, flows, errors, checks, cards, practices, glossary or notes.
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry (all entries with that id when several kinds share it).
    Show {
        id: String,
        /// Pick one kind when an id is shared (strategy, flow, ...).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search names, summaries and answers (case-insensitive).
    Search {
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// Validate a team pack against the shipped model; exit 1 if it has problems.
    Check {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// Shared by subcommands that print JSON.
#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}
