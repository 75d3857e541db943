//! Subcommands. Each prints to stdout and returns its exit code; errors become one line on
//! stderr in `main`.

pub mod args;
mod choose;
mod deferred;
mod drill;
pub mod explain;
mod fail;
mod flow;
pub mod inspect;
mod inspect_saml;
pub(crate) mod kb;
pub mod mint;
pub mod output;
pub mod serve;
pub mod try_cmd;
mod try_render;
pub mod usage;

pub use args::{Cli, Command};
pub use fail::{CliResult, Fail};
// Subcommands read their input through the shared reader (the TUI uses it too).
pub(crate) use crate::source;

use crate::model::{Knowledge, PackSource, pack_dirs_from_env};
use clap::CommandFactory;
use deferred::Deferred;

/// Packs from `SFAUTH_PACK` first, then `--pack` flags, in the order given.
pub fn pack_sources(cli: &Cli) -> Vec<PackSource> {
    let mut packs = pack_dirs_from_env();
    packs.extend(cli.packs.iter().map(PackSource::new));
    packs
}

pub fn load_knowledge(cli: &Cli) -> Result<Knowledge, Fail> {
    Knowledge::load(&pack_sources(cli)).map_err(|e| Fail::usage(e.to_string()))
}

/// Where the terminal UI opens when the command line asks for it: `sfauth`, `sfauth show ID`
/// (an entry) or `sfauth drill` (the Drill tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiTarget<'a> {
    Start,
    Entry(&'a str),
    Drill,
}

/// Where the UI opens, or (`Err`) the subcommand for [`run`].
pub fn ui_target(command: Option<&Command>) -> Result<UiTarget<'_>, &Command> {
    match command {
        None => Ok(UiTarget::Start),
        Some(Command::Show { id }) => Ok(UiTarget::Entry(id)),
        Some(Command::Drill(Deferred(args::DrillArgs { command: None }))) => Ok(UiTarget::Drill),
        Some(command) => Err(command),
    }
}

/// Runs a subcommand that does not open the terminal UI.
pub fn run(cli: &Cli, command: &Command) -> CliResult {
    match command {
        Command::Completions { shell } => {
            deferred::build_eagerly();
            let mut cmd = Cli::command();
            clap_complete::generate(*shell, &mut cmd, "sfauth", &mut std::io::stdout());
            Ok(0)
        }
        Command::Kb(Deferred(args::KbCommand::Check { dir })) => kb::check(dir),
        Command::Kb(Deferred(show @ args::KbCommand::Show { id, kind, .. })) => {
            kb::run(&kb::load_for_show(cli, id, kind.as_deref())?, show)
        }
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
        Command::Drill(Deferred(args::DrillArgs {
            command: Some(drill_command),
        })) => drill::run(cli, drill_command),
        // `main` opens the UI for these (see `ui_target`); as library calls they are misuse.
        Command::Show { .. } | Command::Drill(Deferred(args::DrillArgs { command: None })) => Err(
            Fail::usage("this command opens the terminal UI; run it from the sfauth binary"),
        ),
        Command::Inspect(args) => {
            let k = if pack_sources(cli).is_empty() {
                Knowledge::builtin_checks_on_demand()
            } else {
                load_knowledge(cli)?
            };
            inspect::run(&k, args)
        }
        Command::Mint(command) => mint::run(command),
        Command::Explain(args) => explain::run(&load_knowledge(cli)?, args),
        Command::Try(command) => try_cmd::run(&load_knowledge(cli)?, command),
        Command::Serve(args) => serve::run(load_knowledge(cli)?, args),
    }
}
