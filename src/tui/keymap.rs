//! The one table that turns keys into [`Action`]s, per context, with the descriptions the
//! footer and the help overlay show. Because hints and help are built from this table, they
//! cannot drift from the real bindings.

use super::action::Action;
use super::tabs::TabId;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::str::FromStr;

/// Which bindings apply. Lookup goes: [`KeyContext::Always`], then the overlay or the focused
/// component's context, then (unless a text box is focused) [`KeyContext::Global`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyContext {
    /// Keys that work everywhere, even while typing.
    Always,
    /// Shell keys used when no text box is focused.
    Global,
    LibraryList,
    LibraryDetail,
    LibrarySearch,
    InspectResults,
    InspectForm,
    InspectMint,
    Help,
}

impl KeyContext {
    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Always => "Everywhere",
            KeyContext::Global => "Anywhere but a text box",
            KeyContext::LibraryList => "Library list",
            KeyContext::LibraryDetail => "Library entry",
            KeyContext::LibrarySearch => "Library search",
            KeyContext::InspectResults => "Inspect results",
            KeyContext::InspectForm => "Inspect and mint fields (typing)",
            KeyContext::InspectMint => "Mint output",
            KeyContext::Help => "Help",
        }
    }
}

/// A key with the modifiers that matter, normalised so that `G` and `shift-g`, or Shift-Tab
/// and BackTab, compare equal whatever the terminal reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character's case already says whether Shift was held.
            KeyCode::Char(_) => {
                modifiers.remove(KeyModifiers::SHIFT);
                code
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                code
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        Key::new(event.code, event.modifiers)
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl FromStr for Key {
    type Err = String;

    /// Parses key notation: `j`, `G`, `?`, `enter`, `pageup`, `ctrl-c`, `shift-tab`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break;
            }
            modifiers |= flag;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => NAMED
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(rest))
                .map(|(_, code)| *code)
                .ok_or_else(|| format!("unknown key \"{s}\""))?,
        };
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

/// One row of the table: the keys (space-separated notation), the action, the help text, and
/// the short footer label (rows sharing a label are merged in the footer).
type Row = (&'static str, Action, &'static str, Option<&'static str>);

const ALWAYS: &[Row] = &[("ctrl-c", Action::Quit, "quit, even while typing", None)];

const GLOBAL: &[Row] = &[
    (
        "?",
        Action::ToggleHelp,
        "show every key for this screen",
        Some("help"),
    ),
    ("q", Action::Quit, "quit", Some("quit")),
    ("tab", Action::NextTab, "next tab", None),
    ("shift-tab", Action::PrevTab, "previous tab", None),
    ("1", Action::GoTab(TabId::Choose), "Choose tab", None),
    ("2", Action::GoTab(TabId::Inspect), "Inspect tab", None),
    ("3", Action::GoTab(TabId::Flows), "Flows tab", None),
    ("4", Action::GoTab(TabId::Drill), "Drill tab", None),
    ("5", Action::GoTab(TabId::Library), "Library tab", None),
];

const LIBRARY_LIST: &[Row] = &[
    ("j down", Action::Down, "next entry", Some("move")),
    ("k up", Action::Up, "previous entry", Some("move")),
    ("pagedown", Action::PageDown, "down a page", None),
    ("pageup", Action::PageUp, "up a page", None),
    ("g home", Action::Top, "first entry", None),
    ("G end", Action::Bottom, "last entry", None),
    (
        "l right enter",
        Action::FocusDetail,
        "read the entry (focus the text)",
        Some("read"),
    ),
    (
        "/",
        Action::Search,
        "search the whole model",
        Some("search"),
    ),
    ("y", Action::Copy, "copy the entry as text", Some("copy")),
    ("Y", Action::CopyId, "copy the entry's kind:id", None),
    (
        "esc backspace",
        Action::Back,
        "go back to where the last jump came from",
        Some("back"),
    ),
];

const LIBRARY_DETAIL: &[Row] = &[
    ("j down", Action::Down, "scroll down", Some("scroll")),
    ("k up", Action::Up, "scroll up", Some("scroll")),
    ("pagedown", Action::PageDown, "down a page", None),
    ("pageup", Action::PageUp, "up a page", None),
    ("g home", Action::Top, "top of the entry", None),
    ("G end", Action::Bottom, "end of the entry", None),
    (
        "tab",
        Action::NextLink,
        "select the next link",
        Some("links"),
    ),
    (
        "shift-tab",
        Action::PrevLink,
        "select the previous link",
        Some("links"),
    ),
    (
        "enter",
        Action::Open,
        "follow the selected link",
        Some("follow"),
    ),
    (
        "h left",
        Action::FocusList,
        "back to the list",
        Some("list"),
    ),
    (
        "/",
        Action::Search,
        "search the whole model",
        Some("search"),
    ),
    (
        "y",
        Action::Copy,
        "copy the selected link, else the entry as text",
        Some("copy"),
    ),
    ("Y", Action::CopyId, "copy the entry's kind:id", None),
    (
        "esc backspace",
        Action::Back,
        "go back to where the last jump came from",
        Some("back"),
    ),
];

const LIBRARY_SEARCH: &[Row] = &[
    (
        "enter",
        Action::Open,
        "open the selected match",
        Some("open"),
    ),
    ("esc", Action::Cancel, "close the search", Some("cancel")),
    ("down ctrl-n", Action::Down, "next match", Some("matches")),
    ("up ctrl-p", Action::Up, "previous match", Some("matches")),
    ("pagedown", Action::PageDown, "down a page of matches", None),
    ("pageup", Action::PageUp, "up a page of matches", None),
    (
        "ctrl-v",
        Action::Paste,
        "paste from the clipboard",
        Some("paste"),
    ),
];

const INSPECT_RESULTS: &[Row] = &[
    (
        "j down",
        Action::Down,
        "next finding or field",
        Some("move"),
    ),
    (
        "k up",
        Action::Up,
        "previous finding or field",
        Some("move"),
    ),
    ("pagedown", Action::PageDown, "down half a page", None),
    ("pageup", Action::PageUp, "up half a page", None),
    ("g home", Action::Top, "first row", None),
    ("G end", Action::Bottom, "last row", None),
    (
        "enter",
        Action::Open,
        "open the finding's check, or the field's glossary term, in the Library",
        Some("open"),
    ),
    (
        "i",
        Action::Edit,
        "type in the token box; tab moves on to the key and options",
        Some("edit"),
    ),
    (
        "p",
        Action::NextProfile,
        "next profile: auto, jwt-bearer, id-token, generic",
        Some("profile"),
    ),
    (
        "y",
        Action::Copy,
        "copy the decoded JSON (as sfauth inspect --json)",
        Some("copy"),
    ),
    ("Y", Action::CopyRaw, "copy the compact token", None),
    (
        "ctrl-v",
        Action::Paste,
        "paste the clipboard as the token",
        Some("paste"),
    ),
    (
        "r",
        Action::Refresh,
        "evaluate again at the current time",
        None,
    ),
    ("m", Action::ToggleMint, "open the mint form", Some("mint")),
    (
        "esc backspace",
        Action::Back,
        "go back to where the last jump came from",
        None,
    ),
];

const INSPECT_FORM: &[Row] = &[
    (
        "esc enter",
        Action::Cancel,
        "done typing: back to the results",
        Some("done"),
    ),
    ("tab", Action::NextField, "next field", Some("fields")),
    (
        "shift-tab",
        Action::PrevField,
        "previous field",
        Some("fields"),
    ),
    (
        "ctrl-v",
        Action::Paste,
        "paste the clipboard here",
        Some("paste"),
    ),
];

const INSPECT_MINT: &[Row] = &[
    ("i", Action::Edit, "edit the mint form", Some("edit")),
    ("j down", Action::Down, "scroll down", None),
    ("k up", Action::Up, "scroll up", None),
    ("pagedown", Action::PageDown, "down a page", None),
    ("pageup", Action::PageUp, "up a page", None),
    ("g home", Action::Top, "top", None),
    ("G end", Action::Bottom, "end", None),
    (
        "y",
        Action::Copy,
        "copy the curl command",
        Some("copy curl"),
    ),
    (
        "Y",
        Action::CopyRaw,
        "copy the signed assertion",
        Some("assertion"),
    ),
    (
        "enter",
        Action::Open,
        "inspect the minted assertion",
        Some("inspect it"),
    ),
    (
        "r",
        Action::Refresh,
        "mint again from the current time",
        None,
    ),
    ("ctrl-v", Action::Paste, "paste a private key PEM", None),
    (
        "esc m",
        Action::ToggleMint,
        "back to the inspector",
        Some("back"),
    ),
];

const HELP: &[Row] = &[
    ("esc ? q", Action::ToggleHelp, "close help", Some("close")),
    ("j down", Action::Down, "scroll down", Some("scroll")),
    ("k up", Action::Up, "scroll up", Some("scroll")),
    ("pagedown", Action::PageDown, "down a page", None),
    ("pageup", Action::PageUp, "up a page", None),
    ("g home", Action::Top, "top", None),
    ("G end", Action::Bottom, "end", None),
];

fn rows(context: KeyContext) -> &'static [Row] {
    match context {
        KeyContext::Always => ALWAYS,
        KeyContext::Global => GLOBAL,
        KeyContext::LibraryList => LIBRARY_LIST,
        KeyContext::LibraryDetail => LIBRARY_DETAIL,
        KeyContext::LibrarySearch => LIBRARY_SEARCH,
        KeyContext::InspectResults => INSPECT_RESULTS,
        KeyContext::InspectForm => INSPECT_FORM,
        KeyContext::InspectMint => INSPECT_MINT,
        KeyContext::Help => HELP,
    }
}

/// A binding as the help overlay lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
    pub footer: Option<&'static str>,
}

impl Binding {
    /// The keys as shown to the user: `j, ↓`.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the action can do anything in this build (a number key of a missing tab cannot).
    pub fn is_available(&self) -> bool {
        match self.action {
            Action::GoTab(tab) => tab.is_present(),
            _ => true,
        }
    }
}

/// A footer hint: `j/k move`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: &'static str,
}

/// The parsed table.
#[derive(Debug, Clone)]
pub struct Keymap {
    sections: Vec<(KeyContext, Vec<Binding>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let contexts = [
            KeyContext::Always,
            KeyContext::Global,
            KeyContext::LibraryList,
            KeyContext::LibraryDetail,
            KeyContext::LibrarySearch,
            KeyContext::InspectResults,
            KeyContext::InspectForm,
            KeyContext::InspectMint,
            KeyContext::Help,
        ];
        let sections = contexts
            .into_iter()
            .map(|context| {
                let bindings = rows(context)
                    .iter()
                    .map(|(keys, action, description, footer)| Binding {
                        // The table is a constant; `every_default_key_parses` proves that no key
                        // is dropped here.
                        keys: keys
                            .split_whitespace()
                            .filter_map(|k| k.parse().ok())
                            .collect(),
                        action: *action,
                        description,
                        footer: *footer,
                    })
                    .collect();
                (context, bindings)
            })
            .collect();
        Keymap { sections }
    }
}

impl Keymap {
    pub fn bindings(&self, context: KeyContext) -> &[Binding] {
        self.sections
            .iter()
            .find(|(c, _)| *c == context)
            .map_or(&[], |(_, b)| b.as_slice())
    }

    pub fn lookup(&self, context: KeyContext, key: Key) -> Option<Action> {
        self.bindings(context)
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// Footer hints for a context, merging rows with the same label (`j/k move`) and using
    /// each row's first key.
    pub fn hints(&self, context: KeyContext) -> Vec<Hint> {
        let mut hints: Vec<Hint> = Vec::new();
        for b in self.bindings(context).iter().filter(|b| b.is_available()) {
            let (Some(label), Some(first)) = (b.footer, b.keys.first()) else {
                continue;
            };
            match hints.iter_mut().find(|h| h.label == label) {
                Some(hint) => {
                    hint.keys.push('/');
                    hint.keys.push_str(&first.to_string());
                }
                None => hints.push(Hint {
                    keys: first.to_string(),
                    label,
                }),
            }
        }
        hints
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn every_default_key_parses() {
        for context in [
            KeyContext::Always,
            KeyContext::Global,
            KeyContext::LibraryList,
            KeyContext::LibraryDetail,
            KeyContext::LibrarySearch,
            KeyContext::InspectResults,
            KeyContext::InspectForm,
            KeyContext::InspectMint,
            KeyContext::Help,
        ] {
            for (keys, ..) in rows(context) {
                for k in keys.split_whitespace() {
                    assert!(k.parse::<Key>().is_ok(), "{context:?}: {k}");
                }
            }
        }
    }

    #[test]
    fn notation_parses_modifiers_and_names() {
        assert_eq!(
            key("ctrl-c"),
            Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::NONE)
        );
        assert_eq!(
            key("PageDown"),
            Key::new(KeyCode::PageDown, KeyModifiers::NONE)
        );
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(
            key("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert!("ctrl-".parse::<Key>().is_err());
        assert!("hyper-x".parse::<Key>().is_err());
        assert!("".parse::<Key>().is_err());
    }

    #[test]
    fn terminal_reports_normalise_to_the_table_keys() {
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted_g), key("G"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&backtab), key("shift-tab"));
        let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&question), key("?"));
    }

    #[test]
    fn display_round_trips_through_the_parser_for_plain_keys() {
        for k in ["j", "G", "?", "enter", "esc", "ctrl-c", "home", "space"] {
            assert_eq!(key(k).to_string().parse::<Key>(), Ok(key(k)));
        }
        assert_eq!(key("shift-tab").to_string(), "shift-tab");
        assert_eq!(key("down").to_string(), "↓");
    }

    #[test]
    fn context_bindings_resolve_to_actions() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(KeyContext::Always, key("ctrl-c")),
            Some(Action::Quit)
        );
        assert_eq!(
            map.lookup(KeyContext::Global, key("5")),
            Some(Action::GoTab(TabId::Library))
        );
        assert_eq!(
            map.lookup(KeyContext::LibraryDetail, key("tab")),
            Some(Action::NextLink)
        );
        assert_eq!(map.lookup(KeyContext::LibraryList, key("tab")), None);
        assert_eq!(map.lookup(KeyContext::LibrarySearch, key("j")), None);
    }

    #[test]
    fn hints_merge_rows_that_share_a_label() {
        let map = Keymap::default();
        let hints = map.hints(KeyContext::LibraryList);
        assert_eq!(
            hints.first(),
            Some(&Hint {
                keys: "j/k".into(),
                label: "move"
            })
        );
        assert!(hints.iter().any(|h| h.label == "search" && h.keys == "/"));
    }

    #[test]
    fn number_keys_of_missing_tabs_are_not_offered() {
        let map = Keymap::default();
        let offered: Vec<Action> = map
            .bindings(KeyContext::Global)
            .iter()
            .filter(|b| b.is_available())
            .map(|b| b.action)
            .collect();
        for tab in TabId::ALL {
            assert_eq!(offered.contains(&Action::GoTab(tab)), tab.is_present());
        }
    }
}
