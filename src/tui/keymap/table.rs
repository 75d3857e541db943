//! The default bindings. Each context lists shared groups by reference and then its own rows;
//! lookup takes the first row that has the key, and `tests.rs` proves no row is shadowed.
//!
//! Row syntax: `"keys", action, "help text"` and optionally `, "footer label"`; rows that share
//! a footer label are merged (`j/k move`). `series!` binds a run of keys (`1`-`9`) to numbered
//! actions and shows as one line.

use super::{KeyContext, KeymapRow};
use crate::drill::Grade;
use crate::tui::action::Action::{self, *};
use crate::tui::drill::DrillAction as D;
use crate::tui::tabs::TabId;

const fn drill(action: D) -> Action {
    Action::Drill(action)
}

macro_rules! rows {
    ($($keys:literal, $action:expr, $help:expr $(, $hint:literal)?;)*) => {
        &[$(KeymapRow::One { keys: $keys, action: $action, help: $help, hint: rows!(@hint $($hint)?) }),*]
    };
    (@hint) => { None };
    (@hint $hint:literal) => { Some($hint) };
}

macro_rules! series {
    ($first:literal, $count:expr, $action:expr, $help:expr $(, $hint:literal)?) => {
        &[KeymapRow::Series { first: $first, count: $count, action: $action, help: $help,
            hint: rows!(@hint $($hint)?) }]
    };
}

/// Moving through a list of `$noun`s (where letters answer, without `g`/`G`).
macro_rules! list {
    ($noun:literal) => { list!($noun, "g home", "G end") };
    ($noun:literal, $top:literal, $bottom:literal) => { rows![
        "j down", Down, concat!("next ", $noun), "move";
        "k up", Up, concat!("previous ", $noun), "move";
        $top, Top, concat!("first ", $noun);
        $bottom, Bottom, concat!("last ", $noun);
    ] };
}

/// `j`/`k` scrolling, with a footer label or (for cards, where the footer is full) without.
macro_rules! scroll {
    ($($hint:literal)?) => { rows!["j down", Down, "scroll down" $(, $hint)?; "k up", Up, "scroll up" $(, $hint)?;] };
}

/// Paging through `$what` (`concat!` prefix of the help text).
macro_rules! pages {
    ($down:literal, $up:literal, $what:literal) => { rows![
        $down, PageDown, concat!($what, "down a page"); $up, PageUp, concat!($what, "up a page");
    ] };
}

/// Selecting the links (`$noun`s) of a text; the reverse key is only named in help when `$prev`.
macro_rules! links {
    ($noun:literal, $hint:literal $(, $prev:literal)?) => { rows![
        "tab", NextLink, concat!("select the next ", $noun), $hint;
        "shift-tab", PrevLink, concat!("select the previous ", $noun) $(, $prev)?;
    ] };
}

/// Reading a pane of text.
const TEXT: &[KeymapRow] = rows![
    "j down", Down, "scroll down", "scroll";
    "k up", Up, "scroll up", "scroll";
    "pagedown", PageDown, "down a page";
    "pageup", PageUp, "up a page";
    "g home", Top, "top";
    "G end", Bottom, "end";
];
const BACK_HELP: &str = "go back to where the last jump came from";
const BACK: &[KeymapRow] = rows!["esc backspace", Back, BACK_HELP, "back";];
const QUIET_BACK: &[KeymapRow] = rows!["esc backspace", Back, BACK_HELP;];
/// In the Choose tab, where backspace steps back through the answers instead.
const ESC_BACK: &[KeymapRow] = rows!["esc", Back, BACK_HELP;];
const RESTART: &[KeymapRow] = rows!["r", Restart, "start over", "restart";];
const SEARCH: &[KeymapRow] = rows!["/", Search, "search the whole model", "search";];
const STATS_HELP: &str = "statistics: retention per topic, due today and this week";
const STATS: &[KeymapRow] = rows!["t", drill(D::Stats), STATS_HELP, "stats";];
const SETTINGS_HELP: &str = "settings: new cards per day, topic, difficulty and kind filters";
const SETTINGS: &[KeymapRow] = rows!["f", drill(D::Settings), SETTINGS_HELP, "settings";];
const SKIP: &[KeymapRow] = rows!["s", drill(D::Skip), "skip the card (not graded)", "skip";];
const QUIET_SKIP: &[KeymapRow] = rows!["s", drill(D::Skip), "skip the card (not graded)";];
/// What every Drill card screen offers after its own keys (with `STATS` and `SETTINGS`).
const CARD_PAGES: &[KeymapRow] = pages!("pagedown", "pageup", "scroll the card ");
const CARD_COPY: &[KeymapRow] = rows![
    "y", Copy, "copy the card as text";
    "Y", CopyId, "copy the card's id";
    "esc backspace", Back, BACK_HELP;
];
/// Running the selected flow live, and where to.
const LIVE: &[KeymapRow] = rows![
    "r", RunLive, "run the flow live: against sfauth's local org (started in-process), or the target set with T", "run live";
    "T", EditTarget, "set the live target: login URL (empty: the local org), client id, user, key file, client secret";
];
const DETAILS_PAGES: &[KeymapRow] = pages!("pagedown J", "pageup K", "scroll the step's details ");

/// `Context => [parts...]`: each context's groups and rows, in the order lookup tries them.
macro_rules! contexts {
    ($($context:ident => [$($part:expr),* $(,)?],)*) => {
        /// The bindings of each context, in the order lookup tries them.
        pub(super) fn parts(context: KeyContext) -> &'static [&'static [KeymapRow]] {
            match context {
                $(KeyContext::$context => const { &[$($part),*] },)*
            }
        }
    };
}

contexts! {
    Always => [rows!["ctrl-c", Quit, "quit, even while typing";]],
    Global => [
        rows![
            "?", ToggleHelp, "show every key for this screen", "help";
            "q", Quit, "quit", "quit";
            "tab", NextTab, "next tab";
            "shift-tab", PrevTab, "previous tab";
        ],
        // The digits follow the tab bar: `1` is its first tab.
        series!('1', TabId::ALL.len(), |i| GoTab(TabId::ALL[usize::from(i)]), "go to the tab with this number"),
    ],
    LibraryList => [list!("entry"), pages!("pagedown", "pageup", ""), rows![
        "l right enter", FocusDetail, "read the entry (focus the text)", "read";
    ], SEARCH, rows![
        "y", Copy, "copy the entry as text", "copy";
        "Y", CopyId, "copy the entry's kind:id";
    ], BACK],
    LibraryDetail => [TEXT, links!("link", "links", "links"), rows![
        "enter", Open, "follow the selected link", "follow";
        "h left", FocusList, "back to the list", "list";
    ], SEARCH, rows![
        "y", Copy, "copy the selected link, else the entry as text", "copy";
        "Y", CopyId, "copy the entry's kind:id";
    ], BACK],
    LibrarySearch => [rows![
        "enter", Open, "open the selected match", "open";
        "esc", Cancel, "close the search", "cancel";
        "down ctrl-n", Down, "next match", "matches";
        "up ctrl-p", Up, "previous match", "matches";
        "pagedown", PageDown, "down a page of matches";
        "pageup", PageUp, "up a page of matches";
        "ctrl-v", Paste, "paste from the clipboard", "paste";
    ]],
    ChooseQuestion => [list!("option", "home", "end"), rows![
        "enter l right", Open, "answer with the selected option", "answer";
    ], series!('a', 9, |i| Answer(i + 1), "answer with option"), rows![
        "backspace", StepBack, "go back one question to change its answer", "step back";
    ], RESTART, rows![
        "y", Copy, "copy the sfauth choose command for the answers so far";
    ], ESC_BACK],
    ChooseOutcome => [TEXT, links!("link", "links", "links"), rows![
        "enter", Open, "open the selected flow, entry or card", "open";
        "backspace", StepBack, "go back to the last question to change its answer", "step back";
    ], RESTART, rows![
        "y", Copy, "copy the recommendation as Markdown", "copy";
    ], ESC_BACK],
    FlowsSteps => [rows![
        "right n", NextStep, "next step", "step";
        "left p", PrevStep, "previous step", "step";
        "j down", Down, "next flow", "flow";
        "k up", Up, "previous flow", "flow";
        "g home", Top, "first step";
        "G end", Bottom, "last step";
        "a", TogglePlay, "play the steps one by one (any key stops)", "play";
        "y", Copy, "copy the step's request as a curl command", "curl";
        "enter", FocusDetail, "choose a related item (strategy, errors, checks, cards)", "related";
        "H shift-left", ScrollLeft, "scroll the diagram left", "pan";
        "L shift-right", ScrollRight, "scroll the diagram right", "pan";
        "f", ToggleList, "show or hide the flow list (hidden below 100 columns)";
    ], LIVE, DETAILS_PAGES, rows!["Y", CopyId, "copy the flow's kind:id";], BACK],
    FlowsRelated => [rows![
        "tab j down", NextLink, "select the next related item", "select";
        "shift-tab k up", PrevLink, "select the previous related item", "select";
        "enter", Open, "open it (strategies and errors in the Library, cards in the Drill)", "open";
        "esc h", Cancel, "back to the steps", "steps";
        "right n", NextStep, "next step";
        "left p", PrevStep, "previous step";
        "y", Copy, "copy the step's request as a curl command", "curl";
        "Y", CopyId, "copy the selected item's kind:id";
    ], DETAILS_PAGES, LIVE],
    FlowsTarget => [rows![
        "esc enter", Cancel, "done: use this target for live runs (Flows r, Inspect t)", "done";
        "tab down", NextField, "next field", "fields";
        "shift-tab up", PrevField, "previous field", "fields";
        "ctrl-v", Paste, "paste the clipboard here", "paste";
    ]],
    InspectResults => [list!("finding or field"), rows![
        "pagedown", PageDown, "down half a page";
        "pageup", PageUp, "up half a page";
        "enter", Open, "open the finding's check, or the field's glossary term, in the Library", "open";
        "i", Edit, "type in the token box; tab moves on to the key and options", "edit";
        "p", NextProfile, "next profile: auto, jwt-bearer, id-token, generic", "profile";
        "y", Copy, "copy the decoded JSON (as sfauth inspect --json)", "copy";
        "Y", CopyRaw, "copy the compact token";
        "ctrl-v", Paste, "paste the clipboard as the token", "paste";
        "r", Refresh, "evaluate again at the current time";
        "m", ToggleMint, "open the mint form", "mint";
        "e", ToggleExplain, "explain an error response (paste it anywhere, or here)";
        "x", ToggleXml, "scroll the XML view of a SAML report";
        "t", TryLive, "send the JWT bearer assertion to the live target (the local org unless set in Flows with T) and show the answer", "try";
    ], QUIET_BACK],
    InspectExplain => [rows!["i", Edit, "type or change the error response", "edit";], TEXT, links!("link", "links", "links"), rows![
        "enter", Open, "open the selected link in the Library", "open";
        "y", Copy, "copy the explanation as text", "copy";
        "ctrl-v", Paste, "paste an error response", "paste";
        "esc e", ToggleExplain, "back to the inspector", "back";
    ]],
    InspectXml => [TEXT, rows![
        "esc x", ToggleXml, "back to the findings and fields", "back";
    ]],
    InspectForm => [rows![
        "esc enter", Cancel, "done typing: back to the results", "done";
        "tab", NextField, "next field", "fields";
        "shift-tab", PrevField, "previous field", "fields";
        "ctrl-v", Paste, "paste the clipboard here", "paste";
    ]],
    InspectMint => [rows!["i", Edit, "edit the mint form", "edit";], scroll!(), pages!("pagedown", "pageup", ""),
    rows![
        "g home", Top, "top";
        "G end", Bottom, "end";
        "y", Copy, "copy the curl command", "copy curl";
        "Y", CopyRaw, "copy the signed assertion", "assertion";
        "enter", Open, "inspect the minted assertion", "inspect it";
        "r", Refresh, "mint again from the current time";
        "ctrl-v", Paste, "paste a private key PEM";
        "esc m", ToggleMint, "back to the inspector", "back";
    ]],
    Help => [rows!["esc ? q", ToggleHelp, "close help", "close";], TEXT],
    DrillQuestion => [rows![
        "space enter", drill(D::Reveal), "show the answer", "show answer";
    ], SKIP, scroll!(), CARD_PAGES, STATS, SETTINGS, CARD_COPY],
    DrillGrade => [rows![
        "a", drill(D::Grade(Grade::Again)), "grade again: forgotten, see it again soon", "again";
        "h", drill(D::Grade(Grade::Hard)), "grade hard: remembered with effort", "hard";
        "g", drill(D::Grade(Grade::Good)), "grade good: remembered", "good";
        "e", drill(D::Grade(Grade::Easy)), "grade easy: remembered at once", "easy";
    ], links!("reference", "refs"), rows![
        "enter", Open, "open the selected reference (Library or Flows)";
    ], QUIET_SKIP, scroll!(), CARD_PAGES, STATS, SETTINGS, CARD_COPY],
    DrillChoice => [rows![
        "j down", Down, "highlight the next option", "move";
        "k up", Up, "highlight the previous option", "move";
        "enter space", drill(D::Submit), "answer with the highlighted option", "answer";
    ], series!('a', 4, |i| drill(D::Choose(i + 1)), "answer with option", "pick"),
    SKIP, CARD_PAGES, STATS, SETTINGS, CARD_COPY],
    DrillOrder => [rows![
        "j down", Down, "select the next step", "select";
        "k up", Up, "select the previous step", "select";
        "J shift-down", drill(D::StepDown), "move the selected step down", "move step";
        "K shift-up", drill(D::StepUp), "move the selected step up", "move step";
        "enter", drill(D::Submit), "submit this order", "submit";
    ], SKIP, CARD_PAGES, STATS, SETTINGS, CARD_COPY],
    DrillFeedback => [rows![
        "enter", Open, "open the selected reference, or go to the next card when none is selected", "next";
        "space n", drill(D::Next), "next card", "next";
    ], links!("reference", "refs"), scroll!(), CARD_PAGES, STATS, SETTINGS, CARD_COPY],
    DrillSummary => [rows![
        "enter r", drill(D::Restart), "start a new session with the cards due now", "new session";
    ], STATS, SETTINGS, QUIET_BACK],
    DrillStats => [TEXT, rows!["t esc", drill(D::Stats), "back to the session", "close";], SETTINGS],
    DrillSettings => [list!("setting"), rows![
        "space", drill(D::Toggle), "check or clear the highlighted filter", "toggle";
        "a", drill(D::ToggleGroup), "check every box of the highlighted group, or clear them all", "all";
        "left h", drill(D::Adjust(-1)), "one new card a day fewer", "new/day";
        "right l", drill(D::Adjust(1)), "one new card a day more", "new/day";
        "-", drill(D::Adjust(-10)), "ten new cards a day fewer";
        "+ =", drill(D::Adjust(10)), "ten new cards a day more";
        "enter", drill(D::Submit), "apply and start a new session", "apply";
        "esc", Cancel, "close without changing anything", "cancel";
    ]],
}
