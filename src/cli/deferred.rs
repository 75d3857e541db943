//! Builds a subcommand's arguments only when the command line names that subcommand.
//!
//! clap's derive builds every subcommand's `Arg`s before parsing: about 300 heap objects and
//! 30 µs that `sfauth inspect` or `sfauth --version` never look at, plus the pages they touch.
//! Wrapping a subcommand's payload in [`Deferred`] hands its `augment_*` function to
//! `Command::defer`, which clap runs when it builds that subcommand: when parsing reaches it,
//! when it prints its help, or when `clap_complete` walks the whole tree.

use clap::{ArgMatches, Args, Command, Error, FromArgMatches, Subcommand};
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by [`build_eagerly`]: every later `Cli::command()` builds the whole tree up front.
static EAGER: AtomicBool = AtomicBool::new(false);

/// For `sfauth completions`: clap copies the subcommand tree into its `help` subcommand when the
/// root is built, so a deferred grandchild (`kb show`) would be missing from `sfauth help kb`'s
/// completions. Generating a script reads the whole tree anyway.
pub fn build_eagerly() {
    EAGER.store(true, Ordering::Relaxed);
}

fn augment(cmd: Command, add: fn(Command) -> Command) -> Command {
    if EAGER.load(Ordering::Relaxed) {
        add(cmd)
    } else {
        cmd.defer(add)
    }
}

/// A subcommand payload (an `Args` struct or a nested `Subcommand` enum) built on demand.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T> Deref for Deferred<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }

    fn augment_args(cmd: Command) -> Command {
        augment(cmd, T::augment_args)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        augment(cmd, T::augment_args_for_update)
    }
}

impl<T: Subcommand> Subcommand for Deferred<T> {
    fn augment_subcommands(cmd: Command) -> Command {
        augment(cmd, T::augment_subcommands)
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        augment(cmd, T::augment_subcommands_for_update)
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::Cli;
    use clap::{CommandFactory, Parser};

    fn argument_count(cmd: &clap::Command, name: &str) -> usize {
        cmd.find_subcommand(name)
            .map_or(0, |sub| sub.get_arguments().count())
    }

    #[test]
    fn subcommand_arguments_wait_until_the_tree_is_built() {
        let mut cmd = Cli::command();
        assert_eq!(argument_count(&cmd, "inspect"), 0);
        assert!(
            cmd.find_subcommand("kb")
                .is_some_and(|kb| !kb.has_subcommands())
        );
        cmd.build();
        assert!(argument_count(&cmd, "inspect") > 10);
        assert!(
            cmd.find_subcommand("kb")
                .is_some_and(|kb| kb.has_subcommands())
        );
    }

    #[test]
    fn the_whole_tree_is_consistent_once_built() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_deferred_subcommand_parses_as_before() {
        let cli = Cli::try_parse_from(["sfauth", "kb", "show", "J7", "--json"]);
        assert!(
            matches!(
                cli.as_ref().map(|c| c.command.as_ref()),
                Ok(Some(crate::cli::args::Command::Kb(_)))
            ),
            "{cli:?}"
        );
    }
}
