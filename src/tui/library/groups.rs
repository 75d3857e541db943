//! How the Library's list groups the model, in display order.

use crate::model::{
    Direction, EntryKind, EntryRef, EntryView, Knowledge, Strategy, StrategyCategory,
};

/// A titled run of entries in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub title: &'static str,
    pub entries: Vec<EntryRef>,
}

/// Strategies split by direction and principal type first (what a newcomer reads first), then
/// the other kinds. Empty groups are left out.
pub fn groups(k: &Knowledge) -> Vec<Group> {
    let strategies = |want: &dyn Fn(&Strategy) -> bool| -> Vec<EntryRef> {
        k.strategies
            .iter()
            .filter(|s| want(s))
            .map(|s| EntryRef::new(EntryKind::Strategy, &s.id))
            .collect()
    };
    let all = |kind: EntryKind| -> Vec<EntryRef> {
        k.entries_of(kind)
            .iter()
            .map(EntryView::entry_ref)
            .collect()
    };
    let protocol = |s: &Strategy, direction: Direction| {
        s.category == StrategyCategory::Protocol && s.direction == direction
    };
    let list = vec![
        Group {
            title: "Inbound strategies",
            entries: strategies(&|s| protocol(s, Direction::Inbound)),
        },
        Group {
            title: "Outbound",
            entries: strategies(&|s| protocol(s, Direction::Outbound)),
        },
        Group {
            title: "Principals",
            entries: strategies(&|s| s.category == StrategyCategory::Principal),
        },
        Group {
            title: "Practices",
            entries: all(EntryKind::Practice),
        },
        Group {
            title: "Errors",
            entries: all(EntryKind::Error),
        },
        Group {
            title: "Checks",
            entries: all(EntryKind::Check),
        },
        Group {
            title: "Glossary",
            entries: all(EntryKind::Glossary),
        },
        Group {
            title: "Flows",
            entries: all(EntryKind::Flow),
        },
        Group {
            title: "Cards",
            entries: all(EntryKind::Card),
        },
        Group {
            title: "Notes",
            entries: all(EntryKind::Note),
        },
    ];
    list.into_iter().filter(|g| !g.entries.is_empty()).collect()
}
