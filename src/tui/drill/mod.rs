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
mod progress_file;
mod settings;
mod text;
mod view;

#[cfg(test)]
mod tests;

pub use options::{Clock, DrillOptions};
pub use progress_file::{Opened, ProgressFile};
pub use settings::{Group, Settings};

use super::action::Action;
use super::component::{Component, Ctx, Intent};
use super::keymap::KeyContext;
use crate::drill::{
    Answered, Answering, Deck, DrillCard, Grade, Mode, Phase, Progress, QueueOptions, SavedDrill,
    Session, SessionError, Summary, build_queue,
};
use crate::model::{EntryKind, EntryRef, Knowledge};
use crate::tui::layout::{keep_range_visible, keep_visible, text_area};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
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

    fn laid(&self, ctx: &Ctx<'_>) -> Option<layout::Laid> {
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

    /// Scrolls so the highlighted option, step or reference is on screen.
    fn reveal_focus(&mut self, ctx: &Ctx<'_>) {
        let Some(laid) = self.laid(ctx) else { return };
        let height = Self::card_height(ctx);
        let max = laid.lines.len().saturating_sub(height);
        if let Some((first, last)) = laid.focus {
            self.scroll =
                keep_range_visible(self.scroll.min(max), &(first..last + 1), height).min(max);
        }
    }

    fn answer_choice(&mut self, index: usize) -> Intent {
        match self.session.choose(index, self.now) {
            Ok(answered) => {
                self.choice = index;
                self.scroll = 0;
                self.after_answer(answered)
            }
            Err(e) => session_error(&e),
        }
    }

    /// A wrong answer is graded again and saved now; a right one waits for its grade.
    fn after_answer(&mut self, answered: Option<Answered>) -> Intent {
        match answered {
            Some(answered) => self.record(answered),
            None => Intent::Status(format!(
                "right: how sure were you? {}",
                grade_prompt().trim_start_matches("grade the card: ")
            )),
        }
    }

    fn update_drill(&mut self, action: DrillAction, ctx: &Ctx<'_>) -> Intent {
        match action {
            DrillAction::Reveal => match self.session.reveal() {
                Ok(()) => self.link = None,
                Err(e) => return session_error(&e),
            },
            DrillAction::Grade(grade) => {
                return match self.session.grade(grade, self.now) {
                    Ok(answered) => {
                        let intent = self.record(answered);
                        self.prepare_card();
                        intent
                    }
                    Err(e) => session_error(&e),
                };
            }
            DrillAction::Choose(n) => {
                let Some(index) = usize::from(n).checked_sub(1) else {
                    return Intent::None;
                };
                return self.answer_choice(index);
            }
            DrillAction::Submit => {
                return match self.session.current().map(DrillCard::mode) {
                    Some(Mode::MultipleChoice) => self.answer_choice(self.choice),
                    Some(Mode::Ordering) => {
                        match self.session.submit_order(&self.order, self.now) {
                            Ok(answered) => {
                                self.scroll = 0;
                                self.after_answer(answered)
                            }
                            Err(e) => session_error(&e),
                        }
                    }
                    Some(Mode::Flashcard) => self.update_drill(DrillAction::Reveal, ctx),
                    None => Intent::None,
                };
            }
            DrillAction::StepUp | DrillAction::StepDown => self.move_step(action, ctx),
            DrillAction::Next => return self.next(),
            DrillAction::Skip => {
                let skipped = matches!(self.session.phase(), Phase::Asking | Phase::Revealed);
                if let Err(e) = self.session.skip() {
                    return session_error(&e);
                }
                self.prepare_card();
                if skipped {
                    return Intent::Status("skipped: not graded".into());
                }
            }
            DrillAction::Stats => {
                self.page = Page::Stats;
                self.stats_scroll = 0;
            }
            DrillAction::Settings => {
                self.settings = Some(Settings::new(&self.queue_options, &self.deck));
            }
            DrillAction::Restart => {
                self.start_session();
                return Intent::Status(self.session_started_message());
            }
            DrillAction::Toggle | DrillAction::ToggleGroup | DrillAction::Adjust(_) => {}
        }
        Intent::None
    }

    fn session_started_message(&self) -> String {
        match self.session.progress().1 {
            0 => "nothing to practise now".to_string(),
            1 => "new session: 1 card".to_string(),
            n => format!("new session: {n} cards"),
        }
    }

    /// Goes on after an answer; a right answer not graded yet is graded good on the way.
    fn next(&mut self) -> Intent {
        match self.session.advance(self.now) {
            Ok(answered) => {
                let intent = answered.map_or(Intent::None, |a| self.record(a));
                self.prepare_card();
                intent
            }
            Err(_) => Intent::None,
        }
    }

    fn move_step(&mut self, action: DrillAction, ctx: &Ctx<'_>) {
        if !matches!(self.session.phase(), Phase::Asking) || self.order.is_empty() {
            return;
        }
        let from = self.step.min(self.order.len() - 1);
        let to = match action {
            DrillAction::StepUp => from.saturating_sub(1),
            _ => (from + 1).min(self.order.len() - 1),
        };
        self.order.swap(from, to);
        self.step = to;
        self.reveal_focus(ctx);
    }

    /// Up or down: the highlighted option, the selected step, or the text.
    fn move_cursor(&mut self, forward: bool, ctx: &Ctx<'_>) {
        let asking = matches!(self.session.phase(), Phase::Asking);
        let count = match self.session.current().map(|c| &c.answering) {
            Some(Answering::Choice { options, .. }) if asking => options.len(),
            Some(Answering::Order { .. }) if asking => self.order.len(),
            _ => return self.scroll_by(if forward { 1 } else { -1 }, ctx),
        };
        let Some(last) = count.checked_sub(1) else {
            return;
        };
        let cursor = match self.session.current().map(DrillCard::mode) {
            Some(Mode::MultipleChoice) => &mut self.choice,
            _ => &mut self.step,
        };
        *cursor = if forward {
            (*cursor + 1).min(last)
        } else {
            cursor.saturating_sub(1)
        };
        self.reveal_focus(ctx);
    }

    fn step_link(&mut self, forward: bool, ctx: &Ctx<'_>) -> Intent {
        if !self.is_answered() {
            return Intent::None;
        }
        let count = self.refs(ctx.knowledge).len();
        if count == 0 {
            return Intent::Status("this card has no references".into());
        }
        self.link = Some(match (self.link, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        });
        self.reveal_focus(ctx);
        Intent::None
    }

    /// Enter on an answered card: follow the selected reference, else go on.
    fn open_selected(&mut self, ctx: &Ctx<'_>) -> Intent {
        if let Some(target) = self
            .link
            .and_then(|i| self.refs(ctx.knowledge).into_iter().nth(i))
        {
            return Intent::JumpTo(target);
        }
        match self.session.phase() {
            Phase::Feedback(_) => return self.next(),
            Phase::Revealed => {
                return Intent::Status(grade_prompt());
            }
            _ => {}
        }
        Intent::None
    }

    fn copy(&self, id_only: bool) -> Intent {
        let Some(card) = self.session.current() else {
            return Intent::Status("no card to copy".into());
        };
        let label = format!("card:{}", card.id);
        if id_only {
            return Intent::Copy {
                text: card.id.clone(),
                label,
            };
        }
        let mut text = card.full_prompt();
        if self.is_answered() {
            text.push_str("\n\n");
            text.push_str(&card.model_answer());
        }
        Intent::Copy { text, label }
    }

    fn click(&mut self, at: Position, ctx: &Ctx<'_>) -> Intent {
        let area = text_area(ctx.body);
        if !area.contains(at) {
            return Intent::None;
        }
        let Some(laid) = self.laid(ctx) else {
            return Intent::None;
        };
        let max = laid.lines.len().saturating_sub(usize::from(area.height));
        let line = self.scroll.min(max) + usize::from(at.y - area.y);
        let asking = matches!(self.session.phase(), Phase::Asking);
        match laid.spot_at(line) {
            Some(layout::Spot::Option(i)) if asking => self.choice = i,
            Some(layout::Spot::Step(i)) if asking => self.step = i,
            Some(layout::Spot::Link(i)) => {
                self.link = Some(i);
                return self.open_selected(ctx);
            }
            _ => {}
        }
        Intent::None
    }

    fn update_session(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let page = isize::try_from(Self::card_height(ctx).saturating_sub(1).max(1)).unwrap_or(1);
        match action {
            Action::Drill(a) => return self.update_drill(a, ctx),
            Action::Down => self.move_cursor(true, ctx),
            Action::Up => self.move_cursor(false, ctx),
            Action::PageDown => self.scroll_by(page, ctx),
            Action::PageUp => self.scroll_by(-page, ctx),
            Action::NextLink => return self.step_link(true, ctx),
            Action::PrevLink => return self.step_link(false, ctx),
            Action::Open => return self.open_selected(ctx),
            Action::Back => return Intent::Back,
            Action::Copy => return self.copy(false),
            Action::CopyId => return self.copy(true),
            Action::Wheel { up, column, row } if ctx.body.contains(Position::new(column, row)) => {
                let step = WHEEL_LINES.cast_signed();
                self.scroll_by(if up { -step } else { step }, ctx);
            }
            Action::Click { column, row } => return self.click(Position::new(column, row), ctx),
            _ => {}
        }
        Intent::None
    }

    fn stats_max_scroll(&self, ctx: &Ctx<'_>) -> usize {
        let area = text_area(ctx.body);
        let lines = layout::stats(self, text_width(ctx.body), ctx.theme).len();
        lines.saturating_sub(usize::from(area.height))
    }

    fn update_stats(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let max = self.stats_max_scroll(ctx);
        let page = usize::from(text_area(ctx.body).height.saturating_sub(1).max(1));
        let current = self.stats_scroll.min(max);
        self.stats_scroll = match action {
            Action::Drill(DrillAction::Stats) => {
                self.page = Page::Session;
                return Intent::None;
            }
            Action::Drill(DrillAction::Settings) => {
                self.settings = Some(Settings::new(&self.queue_options, &self.deck));
                return Intent::None;
            }
            Action::Back => return Intent::Back,
            Action::Down | Action::Wheel { up: false, .. } => current + 1,
            Action::Up | Action::Wheel { up: true, .. } => current.saturating_sub(1),
            Action::PageDown => current + page,
            Action::PageUp => current.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => current,
        }
        .min(max);
        Intent::None
    }

    fn update_settings(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let Some(settings) = &mut self.settings else {
            return Intent::None;
        };
        match action {
            Action::Down | Action::Wheel { up: false, .. } => settings.move_cursor(true),
            Action::Up | Action::Wheel { up: true, .. } => settings.move_cursor(false),
            Action::Top => settings.jump(false),
            Action::Bottom => settings.jump(true),
            Action::Drill(DrillAction::Toggle) => settings.toggle(),
            Action::Drill(DrillAction::ToggleGroup) => settings.toggle_group(),
            Action::Drill(DrillAction::Adjust(delta)) => settings.adjust(delta),
            Action::Cancel => {
                self.settings = None;
                return Intent::None;
            }
            Action::Drill(DrillAction::Submit) => {
                return match settings.to_options(&self.queue_options) {
                    Ok(options) => {
                        self.queue_options = options;
                        self.settings = None;
                        self.page = Page::Session;
                        self.start_session();
                        Intent::Status(self.session_started_message())
                    }
                    Err(message) => Intent::Status(message),
                };
            }
            _ => {}
        }
        let list = view::settings_list_area(ctx.body, settings.lines().len());
        let height = usize::from(list.height);
        settings.offset = keep_visible(settings.offset, settings.cursor, height);
        Intent::None
    }
}

impl Component for Drill {
    fn key_context(&self) -> KeyContext {
        if self.settings.is_some() {
            return KeyContext::DrillSettings;
        }
        if self.page == Page::Stats {
            return KeyContext::DrillStats;
        }
        match (
            self.session.phase(),
            self.session.current().map(DrillCard::mode),
        ) {
            (Phase::Finished, _) | (_, None) => KeyContext::DrillSummary,
            (Phase::Revealed, _) => KeyContext::DrillGrade,
            (Phase::Feedback(_), _) if self.session.awaits_grade() => KeyContext::DrillGrade,
            (Phase::Feedback(_), _) => KeyContext::DrillFeedback,
            (Phase::Asking, Some(Mode::Flashcard)) => KeyContext::DrillQuestion,
            (Phase::Asking, Some(Mode::MultipleChoice)) => KeyContext::DrillChoice,
            (Phase::Asking, Some(Mode::Ordering)) => KeyContext::DrillOrder,
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        self.now = self.clock.now();
        if self.settings.is_some() {
            return self.update_settings(action, ctx);
        }
        match self.page {
            Page::Stats => self.update_stats(action, ctx),
            Page::Session => self.update_session(action, ctx),
        }
    }

    /// Shows a card: the current one as it is, or a new session that starts with it.
    fn show(&mut self, target: &EntryRef, _ctx: &Ctx<'_>) -> bool {
        if target.kind != EntryKind::Card {
            return false;
        }
        let Some(index) = self.deck.index_of(&target.id) else {
            return false;
        };
        self.page = Page::Session;
        self.settings = None;
        if self.session.current().is_some_and(|c| c.id == target.id) {
            return true;
        }
        self.now = self.clock.now();
        self.queue_options.utc_offset = self.clock.offset_at(self.now);
        let mut queue = vec![index];
        queue.extend(
            build_queue(&self.deck, &self.progress, &self.queue_options, self.now)
                .into_iter()
                .filter(|&i| i != index),
        );
        self.session = Session::with_queue(Arc::clone(&self.deck), queue);
        self.last = None;
        self.prepare_card();
        true
    }

    fn location(&self) -> Option<EntryRef> {
        self.session
            .current()
            .map(|c| EntryRef::new(EntryKind::Card, c.id.clone()))
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        view::render(self, frame, area, ctx);
    }
}
