use clap::Parser;
use sfauth::cli::{self, Cli, UiTarget};
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    // args_os: a non-UTF-8 argument is clap's to report, not a panic.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) => match cli::usage::one_line(&err, &lossy(&args)) {
            Some(line) => {
                eprintln!("{line}");
                return ExitCode::from(2);
            }
            None => err.exit(),
        },
    };
    let result = match cli::ui_target(cli.command.as_ref()) {
        Ok(UiTarget::Start) => sfauth::launch::open_tui(&cli, None),
        Ok(UiTarget::Entry(id)) => sfauth::launch::open_tui(&cli, Some(id)),
        Ok(UiTarget::Drill) => sfauth::launch::open_drill(&cli),
        Err(command) => {
            quiet_on_closed_pipe();
            // Only a terminal's width is used (see `text_width`). `window_size` asks the tty
            // alone; `terminal::size` would fall back to running `tput` twice when there is no
            // tty, which cost more than the rest of a call under a pipe or a benchmark.
            if std::io::stdout().is_terminal()
                && let Ok(size) = ratatui::crossterm::terminal::window_size()
            {
                cli::output::set_terminal_columns(size.columns);
            }
            cli::run(&cli, command)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(fail) => {
            eprintln!("sfauth: {fail}");
            ExitCode::from(fail.code)
        }
    }
}

fn lossy(args: &[std::ffi::OsString]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// `sfauth kb list | head` closes stdout early; Rust's print macros then panic. The reader chose
/// to stop reading, so leave quietly instead of printing a panic.
fn quiet_on_closed_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}
