//! The command line: every capability of the TUI is also a subcommand.

use super::deferred::Deferred;
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
    Kb(Deferred<KbCommand>),
    /// Open the terminal UI's Library on an entry.
    Show {
        /// An entry id, or kind:id (e.g. flow:jwt-bearer).
        id: String,
    },
    /// Choose an authentication strategy: answer questions, get ranked advice.
    #[command(
        long_about = "Asks what the integration looks like, one question at a time, and \
                      recommends authentication strategies with reasons, what to avoid and a \
                      setup checklist. Without enough answers it prints the next question; \
                      answer it with --answer ID=VALUE and run again."
    )]
    Choose {
        /// Answer a question, e.g. --answer direction=inbound (repeatable).
        #[arg(long = "answer", value_name = "ID=VALUE")]
        answers: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show an OAuth flow as a sequence diagram, step through it, or export it.
    Flow(Deferred<FlowArgs>),
    /// Decode a JWT or SAML assertion, verify its signature and check it against Salesforce's
    /// rules.
    Inspect(Deferred<super::inspect::InspectArgs>),
    /// Create test material: a signed JWT bearer assertion.
    #[command(subcommand)]
    Mint(Deferred<super::mint::MintCommand>),
    /// Explain a Salesforce error response from the error catalog.
    Explain(Deferred<super::explain::ExplainArgs>),
    /// Run a flow against an org (or `sfauth serve`'s local org) and explain the answer.
    #[command(subcommand)]
    Try(Deferred<super::try_cmd::TryCommand>),
    /// Run a local Salesforce-like org to practise and test every OAuth flow.
    #[command(
        long_about = "Runs a local org on loopback that speaks Salesforce's OAuth endpoints \
                      (token, authorize, revoke, introspect, userinfo, identity, JWKS, discovery, \
                      device verification) and a minimal REST API. Bearer assertions are judged \
                      by the inspector's checks; every refusal is Salesforce's error body from \
                      the catalog. The first stdout line is `listening on http://ADDR:PORT`; one \
                      log line per request goes to stderr. Tokens live in memory only. Ctrl-C \
                      stops it."
    )]
    Serve(Deferred<super::serve::ServeArgs>),
    /// Practise interview questions with spaced repetition: alone, opens the Drill tab; stats
    /// and export.
    Drill(Deferred<DrillArgs>),
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

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  sfauth flow --list\n  sfauth flow jwt-bearer --step 3\n  \
                        sfauth flow web-server --format mermaid"
)]
pub struct FlowArgs {
    /// The flow to show (see --list).
    #[arg(required_unless_present = "list")]
    pub id: Option<String>,
    /// List the flows with their direction and their strategy's status.
    #[arg(long, conflicts_with_all = ["id", "format", "width", "step"])]
    pub list: bool,
    /// Print JSON (with an id: the same as --format json).
    #[arg(long)]
    pub json: bool,
    /// text: Unicode diagram; ascii: plain ASCII diagram; mermaid or plantuml: diagram source
    /// for those tools; json: the flow, its steps and the laid-out diagram.
    #[arg(long, value_enum)]
    pub format: Option<FlowFormat>,
    /// Columns to lay the diagram out in (default: the terminal width). A flow that cannot be
    /// drawn this narrow is printed wider.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,
    /// Highlight step N (from 1) and print what it does, its HTTP message, its pitfalls and,
    /// for a request, a curl command.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub step: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowFormat {
    Text,
    Ascii,
    Mermaid,
    Plantuml,
    Json,
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    #[command(subcommand)]
    pub command: Option<DrillCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DrillCommand {
    /// Cards, new and due counts, and retention per topic.
    Stats {
        #[arg(long)]
        json: bool,
        /// Compute for this instant (RFC 3339 or unix seconds) instead of now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Print every card with its model answer (CSV, or notes Anki imports).
    Export {
        #[arg(long, value_enum)]
        format: DrillExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DrillExportFormat {
    Csv,
    Anki,
}

/// Shared by subcommands that print JSON.
#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}

/// Who a JWT bearer assertion speaks for and the key that signs it: the same flags for
/// `sfauth mint jwt-bearer` and `sfauth try jwt-bearer`.
#[derive(Debug, Args)]
pub struct JwtSignerArgs {
    /// The app's consumer key (iss).
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// The Salesforce username to act as (sub).
    #[arg(long, value_name = "USER")]
    pub username: String,
    /// The RSA private key (PEM) whose certificate the app holds.
    #[arg(long, value_name = "PRIVATE.pem")]
    pub key: PathBuf,
}
