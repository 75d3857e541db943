//! What the user asked for, independent of which key or mouse gesture asked for it.
//!
//! The keymap turns keys into actions; components match on actions, never on raw keys (except
//! a focused text box, which gets printable keys through `Component::edit_text`).

use super::tabs::TabId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave sfauth.
    Quit,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Switch to the next present tab.
    NextTab,
    /// Switch to the previous present tab.
    PrevTab,
    /// Switch to one tab by its fixed number.
    GoTab(TabId),
    /// Move the selection or the view up one step.
    Up,
    /// Move the selection or the view down one step.
    Down,
    PageUp,
    PageDown,
    /// Jump to the first item or the top of the text.
    Top,
    /// Jump to the last item or the end of the text.
    Bottom,
    /// Move focus to the list pane.
    FocusList,
    /// Move focus to the detail pane.
    FocusDetail,
    /// Open what is selected (follow a link, open a search hit).
    Open,
    /// Select the next link in the text.
    NextLink,
    /// Select the previous link in the text.
    PrevLink,
    /// Return to where the last jump came from.
    Back,
    /// Start an incremental search.
    Search,
    /// Close the search (or another transient mode) without choosing.
    Cancel,
    /// Copy what is focused as text.
    Copy,
    /// Copy the focused entry's `kind:id`.
    CopyId,
    /// Paste the clipboard into the focused text box.
    Paste,
    /// Go to the next step of a flow.
    NextStep,
    /// Go to the previous step of a flow.
    PrevStep,
    /// Start or stop playing a flow's steps one after another.
    TogglePlay,
    /// Scroll a wide picture left.
    ScrollLeft,
    /// Scroll a wide picture right.
    ScrollRight,
    /// Start typing in the tab's input (Inspect: the token box).
    Edit,
    /// Move to the next field of a form.
    NextField,
    /// Move to the previous field of a form.
    PrevField,
    /// Evaluate again at the current time.
    Refresh,
    /// Copy the raw value behind what is shown (the compact token, the bare assertion).
    CopyRaw,
    /// Switch to the next rule profile (Inspect).
    NextProfile,
    /// Open or close the mint form (Inspect).
    ToggleMint,
    /// Open or close the Explain view (Inspect): a pasted error response explained.
    ToggleExplain,
    /// Give the keyboard to the XML view of a SAML report (Inspect), or take it back.
    ToggleXml,
    /// Show or hide the flow list (Flows).
    ToggleList,
    /// Mouse wheel at a screen position (not bindable to keys).
    Wheel {
        up: bool,
        column: u16,
        row: u16,
    },
    /// Answer the question on screen with its option of this number (1-9).
    Answer(u8),
    /// Go back one question to change its answer.
    StepBack,
    /// Forget every answer and start again.
    Restart,
    /// Left click at a screen position (not bindable to keys).
    Click {
        column: u16,
        row: u16,
    },
    /// Run the selected flow live against the live target (Flows).
    RunLive,
    /// Send the inspected JWT bearer assertion to the live target (Inspect).
    TryLive,
    /// Open the live target form (Flows).
    EditTarget,
    /// A Drill tab action (reveal, grade, choose, reorder, skip, stats, settings).
    Drill(super::drill::DrillAction),
}

impl Action {
    /// Where a key that moves a list's selection takes it from row `current`, with `page`
    /// rows to a page; the list clamps the result to its last row (`Bottom` asks for the
    /// largest index). `None`: the action does not move a selection.
    pub fn list_target(self, current: usize, page: usize) -> Option<usize> {
        Some(match self {
            Action::Down => current.saturating_add(1),
            Action::Up => current.saturating_sub(1),
            Action::PageDown => current.saturating_add(page),
            Action::PageUp => current.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return None,
        })
    }
}
