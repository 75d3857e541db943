//! The Drill tab: practice sessions over the drill deck (flashcards, multiple choice, putting
//! steps in order), a summary when a session ends, statistics, and a settings popup for the
//! daily limit of new cards and the topic, difficulty and kind filters.
//!
//! Cards, sessions, scheduling and figures come from [`crate::drill`]; this module keeps view
//! state only (the session, the highlighted option, the order being built, scroll offsets).
//! Each answer is handed to `App` as [`Intent::SaveReview`], and `App` writes it to the
//! progress file at once through [`ProgressFile`], so the tab does no I/O.

mod layout;
mod options;
mod pages;
mod progress_file;
mod settings;
mod text;
mod update;
mod view;

#[cfg(test)]
mod tests;

pub use options::{Clock, DrillOptions};
pub use progress_file::{Opened, ProgressFile};
pub use settings::{Group, Settings};

use super::action::Action;
use super::component::{Ctx, Intent};
use super::keymap::KeyContext;
use crate::drill::{
    Answered, Answering, Deck, DrillCard, Grade, Mode, Phase, Progress, QueueOptions, SavedDrill,
    Session, SessionError, Summary,
};
use crate::model::{EntryRef, Knowledge};
use crate::tui::laid::Laid;
use crate::tui::layout::{keep_range_visible, keep_visible, text_area};
use chrono::{DateTime, Utc};
use layout::CardItem;
use ratatui::layout::Rect;
use std::sync::Arc;

/// Lines the mouse wheel scrolls by.
const WHEEL_LINES: usize = 3;

/// What the Drill keys ask for, beyond the shell's shared actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrillAction {
    /// Show a flashcard's answer.
    Reveal,
    /// Grade a revealed flashcard.
    Grade(Grade),
    /// Answer with option N (counted from 1).
    Choose(u8),
    /// Answer with the highlighted option or the steps as ordered now; in the settings popup,
    /// apply the settings.
    Submit,
    /// Move the selected step one place up.
    StepUp,
    /// Move the selected step one place down.
    StepDown,
    /// Go on after the feedback of an answered card.
    Next,
    /// Leave the card without an answer.
    Skip,
    /// Show or hide the statistics.
    Stats,
    /// Open the settings popup.
    Settings,
    /// Start a new session from the cards due now.
    Restart,
    /// Settings: flip the highlighted check box.
    Toggle,
    /// Settings: check every box of the highlighted group, or clear them all.
    ToggleGroup,
    /// Settings: change the daily limit of new cards by this much.
    Adjust(i16),
}

/// `grade the card: a again, h hard, g good, e easy (tab selects a reference)`, keys from the
/// keymap.
fn grade_prompt() -> String {
    let context = KeyContext::DrillGrade;
    let grades: Vec<String> = Grade::ALL
        .into_iter()
        .map(|g| {
            format!(
                "{} {}",
                layout::key(context, DrillAction::Grade(g)),
                g.as_str()
            )
        })
        .collect();
    let link = crate::tui::keymap::key_label(context, Action::NextLink);
    format!(
        "grade the card: {} ({link} selects a reference)",
        grades.join(", ")
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The current card, or the summary once the session is over.
    Session,
    Stats,
}

/// The previous answer, shown under the card so that a grade is acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastAnswer {
    pub grade: Grade,
    pub at: DateTime<Utc>,
    /// When the card falls due again.
    pub due: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Drill {
    deck: Arc<Deck>,
    /// The reviews so far: the progress file's as it was read, plus this run's answers (which
    /// `App` writes to the file).
    progress: Progress,
    clock: Clock,
    /// Where answers are saved, or why they are not.
    progress_note: String,
    queue_options: QueueOptions,
    session: Session,
    /// Whether the current card had never been reviewed when it came up.
    current_is_new: bool,
    /// The highlighted option of a multiple-choice card.
    choice: usize,
    /// An ordering card's steps as arranged so far (indices into its steps).
    order: Vec<usize>,
    /// The selected position in `order`.
    step: usize,
    /// The selected reference of an answered card.
    link: Option<usize>,
    scroll: usize,
    last: Option<LastAnswer>,
    page: Page,
    stats_scroll: usize,
    settings: Option<Settings>,
    /// The clock's reading at the last update; rendering uses it so it never reads the clock.
    now: DateTime<Utc>,
}

/// Text wider than this is hard to read; wide screens leave the rest of the pane empty.
const MAX_TEXT_WIDTH: u16 = 100;

/// The width text is laid out at in a pane over `area`.
fn text_width(area: Rect) -> usize {
    usize::from(text_area(area).width.min(MAX_TEXT_WIDTH))
}

fn session_error(e: &SessionError) -> Intent {
    Intent::Status(e.to_string())
}

impl Drill {
    /// A tab over the cards of `k`, starting a session at once.
    pub fn new(
        k: &Knowledge,
        progress: Progress,
        options: &DrillOptions,
        progress_note: String,
    ) -> Drill {
        let deck = Arc::new(Deck::from_knowledge(k));
        let now = options.clock.now();
        let saved = &options.saved;
        let queue_options = QueueOptions {
            new_per_day: saved.new_per_day.unwrap_or(options.new_per_day),
            topics: saved.topics.clone(),
            difficulties: saved.difficulties.clone(),
            kinds: saved.kinds.clone(),
            ..QueueOptions::default()
        };
        let mut drill = Drill {
            session: Session::with_queue(Arc::clone(&deck), Vec::new()),
            deck,
            progress,
            clock: options.clock,
            progress_note,
            queue_options,
            current_is_new: false,
            choice: 0,
            order: Vec::new(),
            step: 0,
            link: None,
            scroll: 0,
            last: None,
            page: Page::Session,
            stats_scroll: 0,
            settings: None,
            now,
        };
        drill.start_session();
        drill
    }

    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn queue_options(&self) -> &QueueOptions {
        &self.queue_options
    }

    /// The session settings as `settings.json` keeps them.
    pub fn saved_settings(&self) -> SavedDrill {
        let q = &self.queue_options;
        SavedDrill {
            new_per_day: Some(q.new_per_day),
            topics: q.topics.clone(),
            difficulties: q.difficulties.clone(),
            kinds: q.kinds.clone(),
        }
    }

    pub fn page(&self) -> Page {
        self.page
    }

    pub fn settings(&self) -> Option<&Settings> {
        self.settings.as_ref()
    }

    pub fn choice(&self) -> usize {
        self.choice
    }

    /// The ordering card's steps as arranged now (indices into its steps).
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    pub fn selected_step(&self) -> usize {
        self.step
    }

    pub fn selected_link(&self) -> Option<usize> {
        self.link
    }

    pub fn last(&self) -> Option<&LastAnswer> {
        self.last.as_ref()
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn summary(&self) -> Summary {
        self.session.summary(&self.progress)
    }

    fn start_session(&mut self) {
        self.queue_options.utc_offset = self.clock.offset_at(self.now);
        self.session = Session::start(
            Arc::clone(&self.deck),
            &self.progress,
            &self.queue_options,
            self.now,
        );
        self.last = None;
        self.prepare_card();
    }

    /// Resets the per-card state for the card now current.
    fn prepare_card(&mut self) {
        self.choice = 0;
        self.step = 0;
        self.link = None;
        self.scroll = 0;
        self.order = match self.session.current().map(|c| &c.answering) {
            Some(Answering::Order { shown, .. }) => shown.clone(),
            _ => Vec::new(),
        };
        self.current_is_new = self
            .session
            .current()
            .is_some_and(|c| self.progress.get(&c.id).is_none());
    }

    fn is_answered(&self) -> bool {
        matches!(self.session.phase(), Phase::Revealed | Phase::Feedback(_))
    }

    /// The current card's references that the model has (the ones a jump can open).
    fn refs(&self, k: &Knowledge) -> Vec<EntryRef> {
        self.session
            .current()
            .map(|c| layout::known_refs(c, k))
            .unwrap_or_default()
    }

    /// Notes an answer in the tab's own copy of the progress and hands it to `App` to save.
    fn record(&mut self, answered: Answered) -> Intent {
        let memory = self.progress.record(&answered.card_id, answered.review);
        self.last = Some(LastAnswer {
            grade: answered.review.grade,
            at: answered.review.at,
            due: memory.due(),
        });
        // This copy is never written; `App`'s store saves the review, so nothing is pending here.
        self.progress.mark_saved();
        Intent::SaveReview(answered)
    }

    fn card_height(ctx: &Ctx<'_>) -> usize {
        usize::from(text_area(ctx.body).height)
    }

    fn laid(&self, ctx: &Ctx<'_>) -> Option<Laid<CardItem>> {
        let card = self.session.current()?;
        let width = text_width(ctx.body);
        Some(layout::card(self, card, width, ctx.theme, ctx.knowledge))
    }

    fn scroll_by(&mut self, delta: isize, ctx: &Ctx<'_>) {
        let height = Self::card_height(ctx);
        let lines = self.laid(ctx).map_or(0, |l| l.lines.len());
        let max = lines.saturating_sub(height);
        self.scroll = self.scroll.min(max).saturating_add_signed(delta).min(max);
    }

    /// The option, step or reference drawn highlighted: the selected reference of an answered
    /// card, else, while a card asks, its highlighted option or selected step.
    fn highlighted(&self) -> Option<CardItem> {
        if let Some(i) = self.link {
            return Some(CardItem::Link(i));
        }
        if !matches!(self.session.phase(), Phase::Asking) {
            return None;
        }
        match self.session.current().map(DrillCard::mode) {
            Some(Mode::MultipleChoice) => Some(CardItem::Option(self.choice)),
            Some(Mode::Ordering) => Some(CardItem::Step(self.step)),
            _ => None,
        }
    }

    /// Scrolls so the highlighted option, step or reference is on screen.
    fn reveal_focus(&mut self, ctx: &Ctx<'_>) {
        let Some(laid) = self.laid(ctx) else { return };
        let height = Self::card_height(ctx);
        let max = laid.lines.len().saturating_sub(height);
        if let Some(lines) = self.highlighted().and_then(|item| laid.lines_of(&item)) {
            self.scroll = keep_range_visible(self.scroll.min(max), &lines, height).min(max);
        }
    }
}
