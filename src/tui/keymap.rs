//! The one table that turns keys into [`Action`]s, per context, with the descriptions the
//! footer and the help overlay show. Because hints and help are built from this table, they
//! cannot drift from the real bindings.

use super::action::Action;
use super::drill::DrillAction;
use super::tabs::TabId;
use crate::drill::Grade;
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
    ChooseQuestion,
    ChooseOutcome,
    /// The Flows tab while stepping through a flow.
    FlowsSteps,
    /// The Flows tab while choosing one of the flow's related items.
    FlowsRelated,
    InspectResults,
    InspectForm,
    InspectMint,
    Help,
    /// A flashcard's question.
    DrillQuestion,
    /// A flashcard's answer, waiting for a grade.
    DrillGrade,
    DrillChoice,
    DrillOrder,
    /// An answered multiple-choice or ordering card.
    DrillFeedback,
    DrillSummary,
    DrillStats,
    DrillSettings,
}

impl KeyContext {
    /// Every context, in the order the help overlay lists them.
    pub const ALL: [KeyContext; 21] = [
        KeyContext::Always,
        KeyContext::Global,
        KeyContext::LibraryList,
        KeyContext::LibraryDetail,
        KeyContext::LibrarySearch,
        KeyContext::ChooseQuestion,
        KeyContext::ChooseOutcome,
        KeyContext::FlowsSteps,
        KeyContext::FlowsRelated,
        KeyContext::InspectResults,
        KeyContext::InspectForm,
        KeyContext::InspectMint,
        KeyContext::Help,
        KeyContext::DrillQuestion,
        KeyContext::DrillGrade,
        KeyContext::DrillChoice,
        KeyContext::DrillOrder,
        KeyContext::DrillFeedback,
        KeyContext::DrillSummary,
        KeyContext::DrillStats,
        KeyContext::DrillSettings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Always => "Everywhere",
            KeyContext::Global => "Anywhere but a text box",
            KeyContext::LibraryList => "Library list",
            KeyContext::LibraryDetail => "Library entry",
            KeyContext::LibrarySearch => "Library search",
            KeyContext::ChooseQuestion => "Choose: a question",
            KeyContext::ChooseOutcome => "Choose: the recommendation",
            KeyContext::FlowsSteps => "Flows",
            KeyContext::FlowsRelated => "Flows: related items",
            KeyContext::InspectResults => "Inspect results",
            KeyContext::InspectForm => "Inspect and mint fields (typing)",
            KeyContext::InspectMint => "Mint output",
            KeyContext::Help => "Help",
            KeyContext::DrillQuestion => "Drill: flashcard",
            KeyContext::DrillGrade => "Drill: grading a flashcard",
            KeyContext::DrillChoice => "Drill: multiple choice",
            KeyContext::DrillOrder => "Drill: putting steps in order",
            KeyContext::DrillFeedback => "Drill: answered card",
            KeyContext::DrillSummary => "Drill: session summary",
            KeyContext::DrillStats => "Drill: statistics",
            KeyContext::DrillSettings => "Drill: session settings",
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

const CHOOSE_QUESTION: &[Row] = &[
    ("j down", Action::Down, "next option", Some("move")),
    ("k up", Action::Up, "previous option", Some("move")),
    ("g home", Action::Top, "first option", None),
    ("G end", Action::Bottom, "last option", None),
    (
        "enter l right",
        Action::Open,
        "answer with the selected option",
        Some("answer"),
    ),
    (
        "1",
        Action::Answer(1),
        "answer with option 1 (here number keys pick options; tab switches tabs)",
        None,
    ),
    ("2", Action::Answer(2), "answer with option 2", None),
    ("3", Action::Answer(3), "answer with option 3", None),
    ("4", Action::Answer(4), "answer with option 4", None),
    ("5", Action::Answer(5), "answer with option 5", None),
    ("6", Action::Answer(6), "answer with option 6", None),
    ("7", Action::Answer(7), "answer with option 7", None),
    ("8", Action::Answer(8), "answer with option 8", None),
    ("9", Action::Answer(9), "answer with option 9", None),
    (
        "backspace",
        Action::StepBack,
        "go back one question to change its answer",
        Some("step back"),
    ),
    ("r", Action::Restart, "start over", Some("restart")),
    (
        "y",
        Action::Copy,
        "copy the sfauth choose command for the answers so far",
        None,
    ),
    (
        "esc",
        Action::Back,
        "go back to where the last jump came from",
        None,
    ),
];

const CHOOSE_OUTCOME: &[Row] = &[
    ("j down", Action::Down, "scroll down", Some("scroll")),
    ("k up", Action::Up, "scroll up", Some("scroll")),
    ("pagedown", Action::PageDown, "down a page", None),
    ("pageup", Action::PageUp, "up a page", None),
    ("g home", Action::Top, "top", None),
    ("G end", Action::Bottom, "end", None),
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
        "open the selected flow, entry or card",
        Some("open"),
    ),
    (
        "backspace",
        Action::StepBack,
        "go back to the last question to change its answer",
        Some("step back"),
    ),
    ("r", Action::Restart, "start over", Some("restart")),
    (
        "y",
        Action::Copy,
        "copy the recommendation as Markdown",
        Some("copy"),
    ),
    (
        "esc",
        Action::Back,
        "go back to where the last jump came from",
        None,
    ),
];

const FLOWS_STEPS: &[Row] = &[
    ("right n", Action::NextStep, "next step", Some("step")),
    ("left p", Action::PrevStep, "previous step", Some("step")),
    ("j down", Action::Down, "next flow", Some("flow")),
    ("k up", Action::Up, "previous flow", Some("flow")),
    ("g home", Action::Top, "first step", None),
    ("G end", Action::Bottom, "last step", None),
    (
        "a",
        Action::TogglePlay,
        "play the steps one by one (any key stops)",
        Some("play"),
    ),
    (
        "y",
        Action::Copy,
        "copy the step's request as a curl command",
        Some("curl"),
    ),
    (
        "enter",
        Action::FocusDetail,
        "choose a related item (strategy, errors, checks, cards)",
        Some("related"),
    ),
    (
        "H shift-left",
        Action::ScrollLeft,
        "scroll the diagram left",
        Some("pan"),
    ),
    (
        "L shift-right",
        Action::ScrollRight,
        "scroll the diagram right",
        Some("pan"),
    ),
    (
        "pagedown J",
        Action::PageDown,
        "scroll the step's details down",
        None,
    ),
    (
        "pageup K",
        Action::PageUp,
        "scroll the step's details up",
        None,
    ),
    ("Y", Action::CopyId, "copy the flow's kind:id", None),
    (
        "esc backspace",
        Action::Back,
        "go back to where the last jump came from",
        Some("back"),
    ),
];

const FLOWS_RELATED: &[Row] = &[
    (
        "tab j down",
        Action::NextLink,
        "select the next related item",
        Some("select"),
    ),
    (
        "shift-tab k up",
        Action::PrevLink,
        "select the previous related item",
        Some("select"),
    ),
    (
        "enter",
        Action::Open,
        "open it (strategies and errors in the Library, cards in the Drill)",
        Some("open"),
    ),
    ("esc h", Action::Cancel, "back to the steps", Some("steps")),
    ("right n", Action::NextStep, "next step", None),
    ("left p", Action::PrevStep, "previous step", None),
    (
        "y",
        Action::Copy,
        "copy the step's request as a curl command",
        Some("curl"),
    ),
    (
        "Y",
        Action::CopyId,
        "copy the selected item's kind:id",
        None,
    ),
    (
        "pagedown J",
        Action::PageDown,
        "scroll the step's details down",
        None,
    ),
    (
        "pageup K",
        Action::PageUp,
        "scroll the step's details up",
        None,
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

const fn drill(action: DrillAction) -> Action {
    Action::Drill(action)
}

/// Keys every Drill card screen shares; listed after each screen's own.
macro_rules! drill_card_rows {
    ($($row:expr),* $(,)?) => {
        &[
            $($row,)*
            ("pagedown", Action::PageDown, "scroll the card down a page", None),
            ("pageup", Action::PageUp, "scroll the card up a page", None),
            (
                "t",
                drill(DrillAction::Stats),
                "statistics: retention per topic, due today and this week",
                Some("stats"),
            ),
            (
                "f",
                drill(DrillAction::Settings),
                "settings: new cards per day, topic, difficulty and kind filters",
                Some("settings"),
            ),
            ("y", Action::Copy, "copy the card as text", None),
            ("Y", Action::CopyId, "copy the card's id", None),
            (
                "esc backspace",
                Action::Back,
                "go back to where the last jump came from",
                None,
            ),
        ]
    };
}

const DRILL_QUESTION: &[Row] = drill_card_rows![
    (
        "space enter",
        drill(DrillAction::Reveal),
        "show the answer",
        Some("show answer"),
    ),
    (
        "s",
        drill(DrillAction::Skip),
        "skip the card (not graded)",
        Some("skip"),
    ),
    ("j down", Action::Down, "scroll down", None),
    ("k up", Action::Up, "scroll up", None),
];

const DRILL_GRADE: &[Row] = drill_card_rows![
    (
        "1",
        drill(DrillAction::Grade(Grade::Again)),
        "grade again: forgotten, see it again soon",
        Some("again"),
    ),
    (
        "2",
        drill(DrillAction::Grade(Grade::Hard)),
        "grade hard: remembered with effort",
        Some("hard"),
    ),
    (
        "3",
        drill(DrillAction::Grade(Grade::Good)),
        "grade good: remembered",
        Some("good"),
    ),
    (
        "4",
        drill(DrillAction::Grade(Grade::Easy)),
        "grade easy: remembered at once",
        Some("easy"),
    ),
    (
        "tab",
        Action::NextLink,
        "select the next reference",
        Some("refs"),
    ),
    (
        "shift-tab",
        Action::PrevLink,
        "select the previous reference",
        None,
    ),
    (
        "enter",
        Action::Open,
        "open the selected reference (Library or Flows)",
        None,
    ),
    (
        "s",
        drill(DrillAction::Skip),
        "skip the card (not graded)",
        None,
    ),
    ("j down", Action::Down, "scroll down", None),
    ("k up", Action::Up, "scroll up", None),
];

const DRILL_CHOICE: &[Row] = drill_card_rows![
    (
        "j down",
        Action::Down,
        "highlight the next option",
        Some("move")
    ),
    (
        "k up",
        Action::Up,
        "highlight the previous option",
        Some("move")
    ),
    (
        "enter space",
        drill(DrillAction::Submit),
        "answer with the highlighted option",
        Some("answer"),
    ),
    (
        "1",
        drill(DrillAction::Choose(1)),
        "answer with option 1",
        Some("pick")
    ),
    (
        "2",
        drill(DrillAction::Choose(2)),
        "answer with option 2",
        Some("pick")
    ),
    (
        "3",
        drill(DrillAction::Choose(3)),
        "answer with option 3",
        Some("pick")
    ),
    (
        "4",
        drill(DrillAction::Choose(4)),
        "answer with option 4",
        Some("pick")
    ),
    (
        "s",
        drill(DrillAction::Skip),
        "skip the card (not graded)",
        Some("skip"),
    ),
];

const DRILL_ORDER: &[Row] = drill_card_rows![
    (
        "j down",
        Action::Down,
        "select the next step",
        Some("select")
    ),
    (
        "k up",
        Action::Up,
        "select the previous step",
        Some("select")
    ),
    (
        "J shift-down",
        drill(DrillAction::StepDown),
        "move the selected step down",
        Some("move step"),
    ),
    (
        "K shift-up",
        drill(DrillAction::StepUp),
        "move the selected step up",
        Some("move step"),
    ),
    (
        "enter",
        drill(DrillAction::Submit),
        "submit this order",
        Some("submit"),
    ),
    (
        "s",
        drill(DrillAction::Skip),
        "skip the card (not graded)",
        Some("skip"),
    ),
];

const DRILL_FEEDBACK: &[Row] = drill_card_rows![
    (
        "enter",
        Action::Open,
        "open the selected reference, or go to the next card when none is selected",
        Some("next"),
    ),
    (
        "space n",
        drill(DrillAction::Next),
        "next card",
        Some("next"),
    ),
    (
        "tab",
        Action::NextLink,
        "select the next reference",
        Some("refs"),
    ),
    (
        "shift-tab",
        Action::PrevLink,
        "select the previous reference",
        None,
    ),
    ("j down", Action::Down, "scroll down", None),
    ("k up", Action::Up, "scroll up", None),
];

const DRILL_SUMMARY: &[Row] = &[
    (
        "enter r",
        drill(DrillAction::Restart),
        "start a new session with the cards due now",
        Some("new session"),
    ),
    (
        "t",
        drill(DrillAction::Stats),
        "statistics: retention per topic, due today and this week",
        Some("stats"),
    ),
    (
        "f",
        drill(DrillAction::Settings),
        "settings: new cards per day, topic, difficulty and kind filters",
        Some("settings"),
    ),
    (
        "esc backspace",
        Action::Back,
        "go back to where the last jump came from",
        None,
    ),
];

const DRILL_STATS: &[Row] = &[
    ("j down", Action::Down, "scroll down", Some("scroll")),
    ("k up", Action::Up, "scroll up", Some("scroll")),
    ("pagedown", Action::PageDown, "down a page", None),
    ("pageup", Action::PageUp, "up a page", None),
    ("g home", Action::Top, "top", None),
    ("G end", Action::Bottom, "end", None),
    (
        "t esc",
        drill(DrillAction::Stats),
        "back to the session",
        Some("close"),
    ),
    (
        "f",
        drill(DrillAction::Settings),
        "settings: new cards per day, topic, difficulty and kind filters",
        Some("settings"),
    ),
];

const DRILL_SETTINGS: &[Row] = &[
    ("j down", Action::Down, "next setting", Some("move")),
    ("k up", Action::Up, "previous setting", Some("move")),
    ("g home", Action::Top, "first setting", None),
    ("G end", Action::Bottom, "last setting", None),
    (
        "space",
        drill(DrillAction::Toggle),
        "check or clear the highlighted filter",
        Some("toggle"),
    ),
    (
        "a",
        drill(DrillAction::ToggleGroup),
        "check every box of the highlighted group, or clear them all",
        Some("all"),
    ),
    (
        "left h",
        drill(DrillAction::Adjust(-1)),
        "one new card a day fewer",
        Some("new/day"),
    ),
    (
        "right l",
        drill(DrillAction::Adjust(1)),
        "one new card a day more",
        Some("new/day"),
    ),
    (
        "-",
        drill(DrillAction::Adjust(-10)),
        "ten new cards a day fewer",
        None,
    ),
    (
        "+ =",
        drill(DrillAction::Adjust(10)),
        "ten new cards a day more",
        None,
    ),
    (
        "enter",
        drill(DrillAction::Submit),
        "apply and start a new session",
        Some("apply"),
    ),
    (
        "esc",
        Action::Cancel,
        "close without changing anything",
        Some("cancel"),
    ),
];

fn rows(context: KeyContext) -> &'static [Row] {
    match context {
        KeyContext::Always => ALWAYS,
        KeyContext::Global => GLOBAL,
        KeyContext::LibraryList => LIBRARY_LIST,
        KeyContext::LibraryDetail => LIBRARY_DETAIL,
        KeyContext::LibrarySearch => LIBRARY_SEARCH,
        KeyContext::ChooseQuestion => CHOOSE_QUESTION,
        KeyContext::ChooseOutcome => CHOOSE_OUTCOME,
        KeyContext::FlowsSteps => FLOWS_STEPS,
        KeyContext::FlowsRelated => FLOWS_RELATED,
        KeyContext::InspectResults => INSPECT_RESULTS,
        KeyContext::InspectForm => INSPECT_FORM,
        KeyContext::InspectMint => INSPECT_MINT,
        KeyContext::Help => HELP,
        KeyContext::DrillQuestion => DRILL_QUESTION,
        KeyContext::DrillGrade => DRILL_GRADE,
        KeyContext::DrillChoice => DRILL_CHOICE,
        KeyContext::DrillOrder => DRILL_ORDER,
        KeyContext::DrillFeedback => DRILL_FEEDBACK,
        KeyContext::DrillSummary => DRILL_SUMMARY,
        KeyContext::DrillStats => DRILL_STATS,
        KeyContext::DrillSettings => DRILL_SETTINGS,
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
        let sections = KeyContext::ALL
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
        for context in KeyContext::ALL {
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
