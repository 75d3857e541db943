//! clap's usage errors as one line: the README promises one-line errors, and a wall of usage
//! text hides the word that was wrong.

use clap::error::{Error, ErrorKind};
use clap::{Command, CommandFactory};

use super::Cli;

/// `error: unexpected argument '--foo' (see sfauth inspect --help)`, or `None` for the help
/// and version "errors", which clap prints in full itself.
pub fn one_line(err: &Error, args: &[String]) -> Option<String> {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return None;
    }
    let rendered = err.render().to_string();
    let first = rendered
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("error: bad usage")
        .trim_end();
    let first = first.strip_suffix(" found").unwrap_or(first);
    let first = if first.starts_with("error:") {
        first.to_string()
    } else {
        format!("error: {first}")
    };
    Some(format!("{first} (see {} --help)", command_path(args)))
}

/// The subcommand path the arguments reach, e.g. `sfauth drill stats`.
fn command_path(args: &[String]) -> String {
    let mut path = vec!["sfauth".to_string()];
    let mut root = Cli::command();
    // Subcommands' own subcommands are deferred (see `deferred.rs`) until the tree is built.
    root.build();
    let mut cmd: &Command = &root;
    for arg in args.iter().skip(1) {
        if arg == "--" {
            break;
        }
        if let Some(sub) = cmd
            .get_subcommands()
            .find(|s| s.get_name() == arg || s.get_all_aliases().any(|a| a == arg))
        {
            path.push(sub.get_name().to_string());
            cmd = sub;
        }
    }
    path.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn line_for(args: &[&str]) -> Option<String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let err = Cli::try_parse_from(&args).expect_err("the arguments are wrong");
        one_line(&err, &args)
    }

    #[test]
    fn unknown_flag_is_one_line_naming_the_subcommand_help() {
        let line = line_for(&["sfauth", "inspect", "--foo"]).expect("a usage error");
        assert_eq!(
            line,
            "error: unexpected argument '--foo' (see sfauth inspect --help)"
        );
    }

    #[test]
    fn nested_subcommands_are_named_in_full() {
        let line = line_for(&["sfauth", "drill", "stats", "--bogus"]).expect("a usage error");
        assert!(line.ends_with("(see sfauth drill stats --help)"), "{line}");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn help_is_left_to_clap() {
        assert_eq!(line_for(&["sfauth", "--help"]), None);
    }
}
