use super::table::rows;
use super::*;
use crate::tui::tabs::TabId;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashSet;

fn key(s: &str) -> Key {
    s.parse().unwrap()
}

#[test]
fn every_default_key_parses() {
    for context in KeyContext::all() {
        for row in rows(context) {
            if let KeymapRow::One { keys, .. } = row {
                for k in keys.split_whitespace() {
                    assert!(k.parse::<Key>().is_ok(), "{context:?}: {k}");
                }
            }
        }
    }
}

/// A key bound twice in one context, or bound by a context and by `Always` (which wins), or
/// bound by a context and by one of the global keys that must work on every screen, would
/// silently lose one of its meanings.
#[test]
fn no_context_has_a_duplicate_or_shadowed_key() {
    let map = Keymap::default();
    let always: HashSet<Key> = map.bindings(KeyContext::Always)[0]
        .keys
        .iter()
        .copied()
        .collect();
    // Tab and shift-tab are the exception on purpose: where there are links, they select them.
    let reserved: HashSet<Key> = map
        .bindings(KeyContext::Global)
        .iter()
        .filter(|b| !matches!(b.action(), Some(Action::NextTab | Action::PrevTab)))
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    for context in KeyContext::all() {
        let mut seen = HashSet::new();
        for k in map.bindings(context).iter().flat_map(|b| &b.keys) {
            assert!(seen.insert(*k), "{context:?} binds {k} twice");
            if context != KeyContext::Always {
                assert!(!always.contains(k), "{context:?} shadows {k} of Always");
            }
            if context.reaches_global() {
                assert!(!reserved.contains(k), "{context:?} shadows the global {k}");
            }
        }
    }
}

#[test]
fn number_keys_follow_the_tab_bar() {
    let map = Keymap::default();
    for tab in TabId::ALL {
        let digit = key(&tab.number().to_string());
        assert_eq!(
            map.lookup(KeyContext::Global, digit),
            Some(Action::GoTab(tab))
        );
    }
    assert_eq!(map.lookup(KeyContext::Global, key("6")), None);
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
    assert_eq!(key("-"), Key::char('-'));
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
fn a_series_shows_as_one_range_and_resolves_each_key() {
    let map = Keymap::default();
    let series = map
        .bindings(KeyContext::Global)
        .iter()
        .find(|b| b.keys.len() == TabId::ALL.len())
        .unwrap();
    assert_eq!(series.keys_label(), "1-5");
    assert_eq!(
        series.action_for(key("3")),
        Some(Action::GoTab(TabId::Flows))
    );
    assert_eq!(
        key_label(KeyContext::Global, Action::GoTab(TabId::Drill)),
        "1-5"
    );
    assert_eq!(key_label(KeyContext::LibraryList, Action::Search), "/");
    assert_eq!(key_label(KeyContext::LibraryList, Action::NextStep), "");
    assert_eq!(
        key_for(KeyContext::ChooseQuestion, Action::Answer(3)),
        Some(key("c"))
    );
    assert_eq!(
        key_for(KeyContext::ChooseQuestion, Action::Answer(10)),
        None
    );
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

#[path = "../../../build/keymap.rs"]
mod generator;

const SHIPPED: &str = include_str!("../../../assets/keymap.json");

#[test]
fn every_group_of_the_shipped_file_is_used() {
    let table = generator::generate(SHIPPED).unwrap();
    assert_eq!(table.unused_groups, Vec::<String>::new());
    let built = include_str!(concat!(env!("OUT_DIR"), "/keymap_table.rs"));
    assert_eq!(
        table.code, built,
        "the build generated this table from the same file"
    );
}

#[test]
fn the_generator_accepts_only_key_names_the_parser_knows() {
    for name in generator::KEY_NAMES.split_whitespace() {
        assert!(name.parse::<Key>().is_ok(), "{name}");
    }
}

/// A bad file fails the build with one line naming the context, the group and the culprit.
#[test]
fn the_generator_refuses_a_bad_file_naming_what_is_wrong() {
    let cases = [
        (
            r#"["x", "Dwon", "help"]"#,
            r#"context Help: unknown action "Dwon""#,
        ),
        (
            r#"["x", "Drill.Grade.Meh", "h"]"#,
            r#"unknown action "Drill.Grade.Meh""#,
        ),
        (
            r#"["x", "Drill.Adjust(a)", "h"]"#,
            r#"unknown action "Drill.Adjust(a)""#,
        ),
        (
            r#"["ctrl-enterr", "Up", "h"]"#,
            r#"unknown key "ctrl-enterr""#,
        ),
        (r#""nowhere""#, r#"context Help: unknown group "nowhere""#),
        (r#""needs""#, r#"group "needs" needs "noun""#),
        (
            r#"{"use": "needs", "noun": "n", "verb": "v"}"#,
            r#"no parameter "verb""#,
        ),
        (r#""loop""#, "groups refer to each other in a loop"),
        (
            r#"["x", "Up", "{what}"]"#,
            "{what}, which is not a parameter here",
        ),
        (r#"["x", "Up"]"#, "needs keys, an action and help"),
        (
            r#"{"series": "1", "action": "Up", "help": "h"}"#,
            r#""Up" is not an action a series"#,
        ),
        (
            r#"{"series": "1", "count": 3, "action": "GoTab", "help": "h"}"#,
            "takes no count",
        ),
        (
            r#"{"series": "a", "action": "Answer", "help": "h"}"#,
            "needs a count",
        ),
        (
            r#"{"series": "a", "count": 2, "action": "Answer", "help": "h", "hnt": "x"}"#,
            r#"no field "hnt""#,
        ),
    ];
    for (part, expected) in cases {
        let json = format!(
            r#"{{"groups": {{"needs": {{"params": {{"noun": null}}, "parts": [["x", "Up", "{{noun}}"]]}},
                "loop": ["loop"]}}, "contexts": {{"Help": [{part}]}}}}"#
        );
        let error = generator::generate(&json).err().unwrap_or_default();
        assert!(error.contains(expected), "{part}: {error}");
    }
}
