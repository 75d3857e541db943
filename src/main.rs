use clap::Parser;
use sfauth::cli::{self, Cli, UiTarget};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli::ui_target(cli.command.as_ref()) {
        Ok(UiTarget::Start) => sfauth::app::open_tui(&cli, None),
        Ok(UiTarget::Entry(id)) => sfauth::app::open_tui(&cli, Some(id)),
        Ok(UiTarget::Drill) => sfauth::app::open_drill(&cli),
        Err(command) => {
            quiet_on_closed_pipe();
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
