use clap::Parser;
use sfauth::cli::{self, Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Show { id }) => sfauth::app::open_tui(&cli, Some(id)),
        Some(command) => cli::run(&cli, command),
        None => sfauth::app::open_tui(&cli, None),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(fail) => {
            eprintln!("sfauth: {fail}");
            ExitCode::from(fail.code)
        }
    }
}
