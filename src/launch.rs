//! Entry point for the terminal UI from the binary. Everything the command line can get wrong
//! (an unreadable pack, an unknown entry or tab) is reported here, as one line and exit code 2,
//! before the terminal changes mode.

use crate::cli::args::ThemeName;
use crate::cli::{Cli, CliResult, Fail, load_knowledge};
use crate::drill::resolve_data_dir;
use crate::model::{EntryKind, EntryRef, Knowledge};
use crate::tui::{self, Clock, DrillOptions, Options, TabId, ThemeKind};
use std::io::IsTerminal;

/// Opens the terminal UI, optionally on a Library entry (`sfauth show ID`).
pub fn open_tui(cli: &Cli, entry: Option<&str>) -> CliResult {
    open_tui_on(cli, entry, None)
}

/// `sfauth drill`: the terminal UI on the Drill tab.
pub fn open_drill(cli: &Cli) -> CliResult {
    open_tui_on(cli, None, Some(TabId::Drill))
}

/// Opens the terminal UI on `tab`, else on the `--tab` one, else on the Library.
fn open_tui_on(cli: &Cli, entry: Option<&str>, tab: Option<TabId>) -> CliResult {
    let knowledge = load_knowledge(cli)?;
    let entry = entry
        .map(|text| resolve_entry(&knowledge, text))
        .transpose()?;
    let tab_given = tab.or_else(|| cli.tab.as_ref().map(|_| TabId::start()));
    let tab = match (tab, &cli.tab) {
        (Some(tab), _) => tab,
        (None, Some(name)) => parse_tab(name)?,
        (None, None) => TabId::start(),
    };
    let theme = theme_kind(cli.theme, std::env::var_os("NO_COLOR").as_deref());
    if !std::io::stdout().is_terminal() {
        return Err(Fail::usage(
            "the terminal UI needs a terminal; use a subcommand instead (see sfauth --help)",
        ));
    }
    let drill = DrillOptions {
        data_dir: resolve_data_dir(cli.data_dir.as_deref()),
        clock: Clock::System,
        ..DrillOptions::default()
    };
    let options = Options {
        restore_tab: entry.is_none() && tab_given.is_none(),
        tab,
        entry,
        theme,
        drill,
        now: None,
    };
    tui::run(knowledge, options).map_err(|e| Fail::usage(format!("terminal error: {e}")))?;
    Ok(0)
}

/// `id` or `kind:id`. A bare id shared by several kinds opens the first kind in model order
/// (a strategy before the flow of the same name).
pub fn resolve_entry(k: &Knowledge, text: &str) -> Result<EntryRef, Fail> {
    let text = text.trim();
    let (kind, id) = match text.split_once(':') {
        Some((word, rest)) => match EntryKind::parse(word) {
            Some(kind) => (Some(kind), rest),
            None => {
                let kinds: Vec<&str> = EntryKind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(Fail::usage(format!(
                    "unknown kind \"{word}\" in \"{text}\"; expected one of: {}",
                    kinds.join(", ")
                )));
            }
        },
        None => (None, text),
    };
    let found = match kind {
        Some(kind) => Some(EntryRef::new(kind, id)).filter(|r| k.contains(r)),
        None => k.find_id(id).first().map(|e| e.entry_ref()),
    };
    found.ok_or_else(|| crate::cli::kb::unknown_id(k, id, kind))
}

/// A tab name (`library`) or number (`5`).
pub fn parse_tab(name: &str) -> Result<TabId, Fail> {
    TabId::parse(name).ok_or_else(|| {
        Fail::usage(format!(
            "unknown tab \"{name}\"; available: {}",
            TabId::names()
        ))
    })
}

/// `NO_COLOR` (set and not empty, per no-color.org) wins over `--theme` and `SFAUTH_THEME`.
pub fn theme_kind(theme: Option<ThemeName>, no_color: Option<&std::ffi::OsStr>) -> ThemeKind {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return ThemeKind::Mono;
    }
    match theme {
        Some(ThemeName::Light) => ThemeKind::Light,
        Some(ThemeName::Dark) | None => ThemeKind::Dark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::test_support::fixture;
    use std::ffi::OsStr;

    /// Bare ids prefer the first kind in model order; kind-prefixed ids pick that kind.
    #[test]
    fn ids_resolve_to_the_entry_they_name() {
        let k = fixture();
        for (id, entry) in [
            ("fx-jwt-bearer", "strategy:fx-jwt-bearer"),
            ("flow:fx-jwt-bearer", "flow:fx-jwt-bearer"),
            ("checks:X1", "check:X1"),
        ] {
            assert_eq!(resolve_entry(&k, id).unwrap().to_string(), entry, "{id}");
        }
    }

    #[test]
    fn unknown_ids_fail_with_exit_2_and_suggestions() {
        let k = fixture();
        let e = resolve_entry(&k, "fx-jwt-beare").unwrap_err();
        assert_eq!(e.code, 2);
        assert!(e.message.contains("did you mean: fx-jwt-bearer"), "{e}");
        let e = resolve_entry(&k, "card:fx-jwt-bearer").unwrap_err();
        assert!(e.message.starts_with("no card with id"), "{e}");
        let e = resolve_entry(&k, "gadget:x").unwrap_err();
        assert!(e.message.contains("unknown kind \"gadget\""), "{e}");
        assert!(!e.message.contains('\n'));
    }

    #[test]
    fn tabs_are_named_or_numbered() {
        assert_eq!(parse_tab("Library").unwrap(), TabId::Library);
        assert_eq!(parse_tab("5").unwrap(), TabId::Library);
        assert_eq!(parse_tab("nope").unwrap_err().code, 2);
    }

    #[test]
    fn no_color_wins_over_the_theme_flag() {
        assert_eq!(theme_kind(None, None), ThemeKind::Dark);
        assert_eq!(theme_kind(Some(ThemeName::Light), None), ThemeKind::Light);
        assert_eq!(
            theme_kind(Some(ThemeName::Light), Some(OsStr::new("1"))),
            ThemeKind::Mono
        );
        assert_eq!(
            theme_kind(Some(ThemeName::Light), Some(OsStr::new(""))),
            ThemeKind::Light
        );
    }
}
