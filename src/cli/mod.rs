//! Subcommands. Each prints to stdout and returns its exit code; errors become one line on
//! stderr in `main`.

pub mod args;
mod choose;
mod drill;
pub mod explain;
mod fail;
mod flow;
pub mod inspect;
mod inspect_saml;
pub(crate) mod kb;
pub mod mint;
pub mod output;
pub(crate) mod source;
pub mod usage;

pub use args::{Cli, Command};
pub use fail::{CliResult, Fail};

use crate::model::{Knowledge, PackSource, pack_dirs_from_env};
use clap::CommandFactory;

/// Packs from `SFAUTH_PACK` first, then `--pack` flags, in the order given.
pub fn pack_sources(cli: &Cli) -> Vec<PackSource> {
    let mut packs = pack_dirs_from_env();
    packs.extend(cli.packs.iter().map(PackSource::new));
    packs
}

pub fn load_knowledge(cli: &Cli) -> Result<Knowledge, Fail> {
    Knowledge::load(&pack_sources(cli)).map_err(|e| Fail::usage(e.to_string()))
}

/// Runs a subcommand that does not open the terminal UI.
pub fn run(cli: &Cli, command: &Command) -> CliResult {
    match command {
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(*shell, &mut cmd, "sfauth", &mut std::io::stdout());
            Ok(0)
        }
        Command::Kb(args::KbCommand::Check { dir }) => kb::check(dir),
        Command::Kb(kb_command) => {
            let k = load_knowledge(cli)?;
            kb::run(&k, kb_command)
        }
        Command::Choose { answers, json } => {
            let k = load_knowledge(cli)?;
            choose::run(&k, answers, *json)
        }
        Command::Flow(flow_args) => {
            let k = load_knowledge(cli)?;
            flow::run(&k, flow_args)
        }
        Command::Drill(drill_args) => drill::run(cli, drill_args),
        Command::Show { .. } => Err(Fail::usage("show opens the terminal UI")),
        Command::Inspect(args) => inspect::run(&load_knowledge(cli)?, args),
        Command::Mint(command) => mint::run(command),
        Command::Explain(args) => explain::run(&load_knowledge(cli)?, args),
    }
}
