//! The one table that turns keys into [`Action`]s, per context, with the descriptions the
//! footer and the help overlay show. Because hints, help and the key names in on-screen prose
//! are all read from this table, they cannot drift from the real bindings.

mod key;
/// The default bindings: `build/keymap.rs` generates them from `assets/keymap.json`.
mod table {
    include!(concat!(env!("OUT_DIR"), "/keymap_table.rs"));
}
#[cfg(test)]
mod tests;

pub use key::Key;

use super::action::Action;

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
    /// The Flows tab's live target form (typing).
    FlowsTarget,
    InspectMint,
    /// The Explain view of the Inspect tab.
    InspectExplain,
    /// The XML view of a SAML report has the keyboard.
    InspectXml,
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
    /// Every context with its help title, in the order the help overlay lists them.
    const TITLES: [(KeyContext, &'static str); 24] = [
        (KeyContext::Always, "Everywhere"),
        (KeyContext::Global, "Anywhere but a text box"),
        (KeyContext::LibraryList, "Library list"),
        (KeyContext::LibraryDetail, "Library entry"),
        (KeyContext::LibrarySearch, "Library search"),
        (KeyContext::ChooseQuestion, "Choose: a question"),
        (KeyContext::ChooseOutcome, "Choose: the recommendation"),
        (KeyContext::FlowsSteps, "Flows"),
        (KeyContext::FlowsRelated, "Flows: related items"),
        (KeyContext::FlowsTarget, "Flows: live target (typing)"),
        (KeyContext::InspectResults, "Inspect results"),
        (KeyContext::InspectForm, "Inspect and mint fields (typing)"),
        (KeyContext::InspectMint, "Mint output"),
        (KeyContext::InspectExplain, "Explain an error response"),
        (KeyContext::InspectXml, "SAML XML view"),
        (KeyContext::Help, "Help"),
        (KeyContext::DrillQuestion, "Drill: flashcard"),
        (KeyContext::DrillGrade, "Drill: grading a flashcard"),
        (KeyContext::DrillChoice, "Drill: multiple choice"),
        (KeyContext::DrillOrder, "Drill: putting steps in order"),
        (KeyContext::DrillFeedback, "Drill: answered card"),
        (KeyContext::DrillSummary, "Drill: session summary"),
        (KeyContext::DrillStats, "Drill: statistics"),
        (KeyContext::DrillSettings, "Drill: session settings"),
    ];

    /// Every context, in the order the help overlay lists them.
    pub fn all() -> impl Iterator<Item = KeyContext> {
        KeyContext::TITLES.into_iter().map(|(c, _)| c)
    }

    pub fn title(self) -> &'static str {
        KeyContext::TITLES
            .into_iter()
            .find_map(|(c, title)| (c == self).then_some(title))
            .unwrap_or_default()
    }

    /// Whether keys this context does not bind go on to [`KeyContext::Global`]: not in a text
    /// box (they type) and not in the help overlay (it swallows them).
    pub fn reaches_global(self) -> bool {
        !matches!(
            self,
            KeyContext::Always
                | KeyContext::Global
                | KeyContext::Help
                | KeyContext::LibrarySearch
                | KeyContext::InspectForm
                | KeyContext::FlowsTarget
        )
    }
}

/// One row of the table (`build/keymap.rs` describes the file that writes them).
#[derive(Clone, Copy)]
enum KeymapRow {
    One {
        keys: &'static str,
        action: Action,
        help: &'static str,
        hint: Option<&'static str>,
    },
    /// `count` keys from `first` on (`1`-`9`, `a`-`d`); key `i` (from 0) does `action(i)`.
    Series {
        first: char,
        count: usize,
        action: fn(u8) -> Action,
        help: &'static str,
        hint: Option<&'static str>,
    },
}

impl KeymapRow {
    fn binding(&self) -> Binding {
        match *self {
            KeymapRow::One {
                keys,
                action,
                help,
                hint,
            } => Binding {
                // The table is a constant; `every_default_key_parses` proves none is dropped.
                keys: keys
                    .split_whitespace()
                    .filter_map(|k| k.parse().ok())
                    .collect(),
                actions: vec![action],
                description: help,
                footer: hint,
            },
            KeymapRow::Series {
                first,
                count,
                action,
                help,
                hint,
            } => {
                let (keys, actions) = (0..count)
                    .filter_map(|i| {
                        let index = u8::try_from(i).ok()?;
                        let key = char::from_u32(u32::from(first) + u32::from(index))?;
                        Some((Key::char(key), action(index)))
                    })
                    .unzip();
                Binding {
                    keys,
                    actions,
                    description: help,
                    footer: hint,
                }
            }
        }
    }
}

/// A binding as the help overlay lists it: one or more keys for one action, or a series of
/// keys (`1`-`9`) for numbered actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    /// One action for every key, or one per key for a series.
    actions: Vec<Action>,
    pub description: &'static str,
    pub footer: Option<&'static str>,
}

impl Binding {
    fn is_series(&self) -> bool {
        self.actions.len() > 1
    }

    /// What this key does here, if it is one of the binding's keys.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        let at = self.keys.iter().position(|k| *k == key)?;
        let index = if self.is_series() { at } else { 0 };
        self.actions.get(index).copied()
    }

    /// The action of the first key.
    pub fn action(&self) -> Option<Action> {
        self.actions.first().copied()
    }

    /// The keys as shown to the user: `j, ↓`, or `1-9` for a series.
    pub fn keys_label(&self) -> String {
        if let (true, Some(first), Some(last)) =
            (self.is_series(), self.keys.first(), self.keys.last())
        {
            return format!("{first}-{last}");
        }
        let names: Vec<String> = self.keys.iter().map(Key::to_string).collect();
        names.join(", ")
    }

    /// The key the footer and on-screen prose name: the first, or the range of a series.
    pub fn short_label(&self) -> String {
        match self.keys.first() {
            Some(_) if self.is_series() => self.keys_label(),
            Some(first) => first.to_string(),
            None => String::new(),
        }
    }
}

/// A footer hint: `j/k move`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: &'static str,
}

/// The table with every key parsed, per context.
#[derive(Debug, Clone)]
pub struct Keymap {
    sections: Vec<(KeyContext, Vec<Binding>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let sections = KeyContext::all()
            .map(|context| (context, bindings_of(context)))
            .collect();
        Keymap { sections }
    }
}

fn bindings_of(context: KeyContext) -> Vec<Binding> {
    table::rows(context)
        .iter()
        .map(KeymapRow::binding)
        .collect()
}

/// The key bound to exactly this action in a context (for a series, the key of that number):
/// what an on-screen label such as an option's letter shows.
pub fn key_for(context: KeyContext, action: Action) -> Option<Key> {
    bindings_of(context).iter().find_map(|b| {
        let at = b.actions.iter().position(|a| *a == action)?;
        b.keys.get(at).copied()
    })
}

/// The key on-screen prose names for an action in a context (`space`, `enter`, `1-9`), read
/// from the default table so that the prose follows the bindings; empty when it is unbound.
pub fn key_label(context: KeyContext, action: Action) -> String {
    bindings_of(context)
        .iter()
        .find(|b| b.actions.contains(&action))
        .map(Binding::short_label)
        .unwrap_or_default()
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
            .find_map(|b| b.action_for(key))
    }

    /// Footer hints for a context, merging rows with the same label (`j/k move`) and using
    /// each row's first key.
    pub fn hints(&self, context: KeyContext) -> Vec<Hint> {
        let mut hints: Vec<Hint> = Vec::new();
        for b in self.bindings(context) {
            let Some(label) = b.footer.filter(|_| !b.keys.is_empty()) else {
                continue;
            };
            let keys = b.short_label();
            match hints.iter_mut().find(|h| h.label == label) {
                Some(hint) => {
                    hint.keys.push('/');
                    hint.keys.push_str(&keys);
                }
                None => hints.push(Hint { keys, label }),
            }
        }
        hints
    }
}
