//! Entry point for the terminal UI from the binary.

use crate::cli::{Cli, CliResult, Fail};

/// Opens the terminal UI, optionally on a Library entry.
pub fn open_tui(cli: &Cli, entry: Option<&str>) -> CliResult {
    let _ = (cli, entry);
    Err(Fail::usage(
        "the terminal UI is not built in this version; use a subcommand (see --help)",
    ))
}
