//! The five tabs in their fixed order, and which of them this build has.

use crate::model::EntryKind;

/// Every tab the app can have, in tab-bar order. Number keys `1`-`5` follow this order whether
/// or not the earlier tabs are present, so `5` is always the Library.
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

    /// The tabs this build has, in tab-bar order. A tab is listed here once its component
    /// exists (see the module docs of `crate::tui`).
    pub const PRESENT: &'static [TabId] = &[
        TabId::Choose,
        TabId::Inspect,
        TabId::Flows,
        TabId::Drill,
        TabId::Library,
    ];

    /// The tab the app opens on when none is asked for: the first present one, so the chooser
    /// greets a new user once it exists.
    pub fn start() -> TabId {
        TabId::PRESENT.first().copied().unwrap_or(TabId::Library)
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

    pub fn is_present(self) -> bool {
        TabId::PRESENT.contains(&self)
    }

    /// Accepts a title in any case or the tab's number (`library`, `Library`, `5`).
    pub fn parse(name: &str) -> Option<TabId> {
        let name = name.trim();
        TabId::ALL
            .into_iter()
            .find(|t| t.title().eq_ignore_ascii_case(name) || t.number().to_string() == name)
    }

    /// The present tab after (or before) this one, wrapping around.
    pub fn cycle(self, forward: bool) -> TabId {
        let present = TabId::PRESENT;
        let Some(at) = present.iter().position(|t| *t == self) else {
            return present.first().copied().unwrap_or(TabId::Library);
        };
        let len = present.len();
        let next = if forward {
            (at + 1) % len
        } else {
            (at + len - 1) % len
        };
        present[next]
    }

    /// The tab that shows entries of this kind best, among the present tabs: flows open in
    /// Flows and cards in Drill once those tabs exist; everything else opens in the Library.
    pub fn home_of(kind: EntryKind) -> TabId {
        let preferred = match kind {
            EntryKind::Flow => TabId::Flows,
            EntryKind::Card => TabId::Drill,
            _ => TabId::Library,
        };
        if preferred.is_present() {
            preferred
        } else {
            TabId::Library
        }
    }

    /// Titles of the present tabs, for messages (`library`).
    pub fn present_names() -> String {
        TabId::PRESENT
            .iter()
            .map(|t| t.title().to_ascii_lowercase())
            .collect::<Vec<_>>()
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
    fn cycling_stays_on_present_tabs() {
        for forward in [true, false] {
            let next = TabId::Library.cycle(forward);
            assert!(next.is_present());
        }
        assert!(TabId::Choose.cycle(true).is_present());
    }

    #[test]
    fn flows_and_cards_fall_back_to_the_library_until_their_tabs_exist() {
        for kind in EntryKind::ALL {
            assert!(TabId::home_of(kind).is_present());
        }
        assert_eq!(TabId::home_of(EntryKind::Strategy), TabId::Library);
    }
}
