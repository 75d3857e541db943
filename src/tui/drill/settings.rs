//! The settings popup's state: the daily limit of new cards and the topic, difficulty and kind
//! filters, edited as check boxes and applied as a new [`QueueOptions`].

use crate::drill::{CardKind, Deck, QueueOptions};

/// The most new cards a day the popup allows.
pub const MAX_NEW_PER_DAY: usize = 999;

/// A line of the popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    NewPerDay,
    Blank,
    Heading(Group),
    /// An item of a group, by index within the group.
    Item(Group, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Kinds,
    Difficulties,
    Topics,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Kinds => "Kinds",
            Group::Difficulties => "Difficulty",
            Group::Topics => "Topics",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Group::Kinds => "kind",
            Group::Difficulties => "difficulty",
            Group::Topics => "topic",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub new_per_day: usize,
    pub kinds: Vec<(CardKind, bool)>,
    pub difficulties: Vec<(u8, bool)>,
    pub topics: Vec<(String, bool)>,
    /// Index into [`Settings::lines`] of the highlighted line (never a blank or a heading).
    pub cursor: usize,
    /// First line shown; kept so the cursor stays visible.
    pub offset: usize,
}

/// Whether `value` passes a filter list where empty means everything.
fn admitted<T: PartialEq>(list: &[T], value: &T) -> bool {
    list.is_empty() || list.contains(value)
}

/// The checked values, or an empty list (everything) when all are checked.
fn as_filter<T: Clone>(items: &[(T, bool)]) -> Vec<T> {
    if items.iter().all(|(_, on)| *on) {
        return Vec::new();
    }
    items
        .iter()
        .filter(|(_, on)| *on)
        .map(|(v, _)| v.clone())
        .collect()
}

pub fn difficulty_name(d: u8) -> &'static str {
    match d {
        1 => "easy",
        2 => "medium",
        _ => "hard",
    }
}

impl Settings {
    pub fn new(options: &QueueOptions, deck: &Deck) -> Settings {
        Settings {
            new_per_day: options.new_per_day.min(MAX_NEW_PER_DAY),
            kinds: CardKind::ALL
                .into_iter()
                .map(|k| (k, admitted(&options.kinds, &k)))
                .collect(),
            difficulties: [1, 2, 3]
                .into_iter()
                .map(|d| (d, admitted(&options.difficulties, &d)))
                .collect(),
            topics: deck
                .topics()
                .into_iter()
                .map(|t| {
                    let on = admitted(&options.topics, &t);
                    (t, on)
                })
                .collect(),
            cursor: 0,
            offset: 0,
        }
    }

    fn len(&self, group: Group) -> usize {
        match group {
            Group::Kinds => self.kinds.len(),
            Group::Difficulties => self.difficulties.len(),
            Group::Topics => self.topics.len(),
        }
    }

    pub fn is_on(&self, group: Group, i: usize) -> bool {
        match group {
            Group::Kinds => self.kinds.get(i).is_some_and(|(_, on)| *on),
            Group::Difficulties => self.difficulties.get(i).is_some_and(|(_, on)| *on),
            Group::Topics => self.topics.get(i).is_some_and(|(_, on)| *on),
        }
    }

    fn set(&mut self, group: Group, i: usize, value: bool) {
        let slot = match group {
            Group::Kinds => self.kinds.get_mut(i).map(|(_, on)| on),
            Group::Difficulties => self.difficulties.get_mut(i).map(|(_, on)| on),
            Group::Topics => self.topics.get_mut(i).map(|(_, on)| on),
        };
        if let Some(on) = slot {
            *on = value;
        }
    }

    /// Every line of the popup, top to bottom.
    pub fn lines(&self) -> Vec<Line> {
        let mut out = vec![Line::NewPerDay];
        for group in [Group::Kinds, Group::Difficulties, Group::Topics] {
            out.push(Line::Blank);
            out.push(Line::Heading(group));
            out.extend((0..self.len(group)).map(|i| Line::Item(group, i)));
        }
        out
    }

    pub fn current(&self) -> Line {
        self.lines()
            .get(self.cursor)
            .copied()
            .unwrap_or(Line::NewPerDay)
    }

    /// Moves the highlight to the next (or previous) line that can be changed.
    pub fn move_cursor(&mut self, forward: bool) {
        let lines = self.lines();
        let selectable = |l: &Line| matches!(l, Line::NewPerDay | Line::Item(..));
        let next = if forward {
            lines
                .iter()
                .enumerate()
                .skip(self.cursor + 1)
                .find(|(_, l)| selectable(l))
        } else {
            lines
                .iter()
                .enumerate()
                .take(self.cursor)
                .rev()
                .find(|(_, l)| selectable(l))
        };
        if let Some((i, _)) = next {
            self.cursor = i;
        }
    }

    /// Jumps to the first or the last line.
    pub fn jump(&mut self, to_end: bool) {
        self.cursor = if to_end {
            self.lines().len().saturating_sub(1)
        } else {
            0
        };
    }

    /// Flips the highlighted check box.
    pub fn toggle(&mut self) {
        if let Line::Item(group, i) = self.current() {
            let on = self.is_on(group, i);
            self.set(group, i, !on);
        }
    }

    /// Checks every box of the highlighted group, or clears them all when all are checked.
    pub fn toggle_group(&mut self) {
        let Line::Item(group, _) = self.current() else {
            return;
        };
        let all_on = (0..self.len(group)).all(|i| self.is_on(group, i));
        for i in 0..self.len(group) {
            self.set(group, i, !all_on);
        }
    }

    pub fn adjust(&mut self, delta: i16) {
        let magnitude = usize::from(delta.unsigned_abs());
        self.new_per_day = if delta < 0 {
            self.new_per_day.saturating_sub(magnitude)
        } else {
            self.new_per_day.saturating_add(magnitude)
        }
        .min(MAX_NEW_PER_DAY);
    }

    /// The queue options these settings stand for, keeping `base`'s time zone. Fails, naming
    /// the group, when a group has nothing checked (such a session could show no card).
    pub fn to_options(&self, base: &QueueOptions) -> Result<QueueOptions, String> {
        for group in [Group::Kinds, Group::Difficulties, Group::Topics] {
            if self.len(group) > 0 && (0..self.len(group)).all(|i| !self.is_on(group, i)) {
                return Err(format!(
                    "check at least one {} (a selects all)",
                    group.noun()
                ));
            }
        }
        Ok(QueueOptions {
            new_per_day: self.new_per_day,
            kinds: as_filter(&self.kinds),
            difficulties: as_filter(&self.difficulties),
            topics: as_filter(&self.topics),
            utc_offset: base.utc_offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::{Answering, DrillCard};

    fn deck() -> Deck {
        let card = |id: &str, topic: &str| DrillCard {
            id: id.into(),
            kind: CardKind::Card,
            topic: topic.into(),
            difficulty: 1,
            prompt: "p".into(),
            answer: "a".into(),
            answering: Answering::Flashcard,
            refs: vec![],
            pack: None,
        };
        Deck::from_cards(vec![card("a", "jwt"), card("b", "saml")])
    }

    #[test]
    fn all_checked_means_no_filter_and_the_limit_is_kept() {
        let base = QueueOptions {
            new_per_day: 7,
            ..QueueOptions::default()
        };
        let s = Settings::new(&base, &deck());
        assert!(s.topics.iter().all(|(_, on)| *on));
        assert_eq!(s.to_options(&base), Ok(base));
    }

    #[test]
    fn the_cursor_skips_headings_and_blanks() {
        let mut s = Settings::new(&QueueOptions::default(), &deck());
        assert_eq!(s.current(), Line::NewPerDay);
        s.move_cursor(true);
        assert_eq!(s.current(), Line::Item(Group::Kinds, 0));
        for _ in 0..CardKind::ALL.len() {
            s.move_cursor(true);
        }
        assert_eq!(s.current(), Line::Item(Group::Difficulties, 0));
        s.jump(true);
        assert_eq!(s.current(), Line::Item(Group::Topics, 1));
        s.move_cursor(true);
        assert_eq!(s.current(), Line::Item(Group::Topics, 1));
        s.move_cursor(false);
        assert_eq!(s.current(), Line::Item(Group::Topics, 0));
    }

    #[test]
    fn unchecking_makes_a_filter_and_an_empty_group_is_refused() {
        let base = QueueOptions::default();
        let mut s = Settings::new(&base, &deck());
        s.jump(true);
        s.toggle();
        assert_eq!(s.to_options(&base).unwrap().topics, vec!["jwt".to_string()]);
        s.toggle_group();
        assert!(s.topics.iter().all(|(_, on)| *on));
        s.toggle_group();
        assert_eq!(
            s.to_options(&base),
            Err("check at least one topic (a selects all)".to_string())
        );
    }

    #[test]
    fn the_daily_limit_stays_in_range() {
        let mut s = Settings::new(&QueueOptions::default(), &deck());
        s.adjust(-100);
        assert_eq!(s.new_per_day, 0);
        s.adjust(10);
        s.adjust(1);
        assert_eq!(s.new_per_day, 11);
        for _ in 0..200 {
            s.adjust(10);
        }
        assert_eq!(s.new_per_day, MAX_NEW_PER_DAY);
    }
}
