//! The five tabs in their fixed order.

use crate::model::EntryKind;

/// Every tab, in tab-bar order; number keys `1`-`5` follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TabId {
    Choose,
    Inspect,
    Flows,
    Drill,
    Library,
}

impl TabId {
    pub const ALL: [TabId; 5] = [
        TabId::Choose,
        TabId::Inspect,
        TabId::Flows,
        TabId::Drill,
        TabId::Library,
    ];

    /// The tab the app opens on when none is asked for: the chooser greets a new user.
    pub fn start() -> TabId {
        TabId::Choose
    }

    pub fn title(self) -> &'static str {
        match self {
            TabId::Choose => "Choose",
            TabId::Inspect => "Inspect",
            TabId::Flows => "Flows",
            TabId::Drill => "Drill",
            TabId::Library => "Library",
        }
    }

    /// The number key that selects this tab (`1`-`5`).
    pub fn number(self) -> u8 {
        match self {
            TabId::Choose => 1,
            TabId::Inspect => 2,
            TabId::Flows => 3,
            TabId::Drill => 4,
            TabId::Library => 5,
        }
    }

    /// Accepts a title in any case or the tab's number (`library`, `Library`, `5`).
    pub fn parse(name: &str) -> Option<TabId> {
        let name = name.trim();
        TabId::ALL
            .into_iter()
            .find(|t| t.title().eq_ignore_ascii_case(name) || t.number().to_string() == name)
    }

    /// The tab after (or before) this one, wrapping around.
    pub fn cycle(self, forward: bool) -> TabId {
        let len = TabId::ALL.len();
        let at = self.number() as usize - 1;
        let next = if forward { at + 1 } else { at + len - 1 };
        TabId::ALL[next % len]
    }

    /// The tab that shows entries of this kind best: flows open in Flows, cards in Drill,
    /// everything else in the Library.
    pub fn home_of(kind: EntryKind) -> TabId {
        match kind {
            EntryKind::Flow => TabId::Flows,
            EntryKind::Card => TabId::Drill,
            _ => TabId::Library,
        }
    }

    /// Every tab's title, for messages (`choose, inspect, ...`).
    pub fn names() -> String {
        TabId::ALL
            .map(|t| t.title().to_ascii_lowercase())
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_titles_in_any_case_and_numbers() {
        assert_eq!(TabId::parse("library"), Some(TabId::Library));
        assert_eq!(TabId::parse("LIBRARY"), Some(TabId::Library));
        assert_eq!(TabId::parse("5"), Some(TabId::Library));
        assert_eq!(TabId::parse("1"), Some(TabId::Choose));
        assert_eq!(TabId::parse("flows"), Some(TabId::Flows));
        assert_eq!(TabId::parse("nope"), None);
        assert_eq!(TabId::parse("6"), None);
    }

    #[test]
    fn numbers_follow_the_fixed_order() {
        let numbers: Vec<u8> = TabId::ALL.iter().map(|t| t.number()).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn cycling_wraps_around() {
        assert_eq!(TabId::Library.cycle(true), TabId::Choose);
        assert_eq!(TabId::Choose.cycle(false), TabId::Library);
        assert_eq!(TabId::Inspect.cycle(true), TabId::Flows);
    }

    #[test]
    fn flows_and_cards_open_in_their_tabs() {
        assert_eq!(TabId::home_of(EntryKind::Flow), TabId::Flows);
        assert_eq!(TabId::home_of(EntryKind::Card), TabId::Drill);
        assert_eq!(TabId::home_of(EntryKind::Strategy), TabId::Library);
    }
}
