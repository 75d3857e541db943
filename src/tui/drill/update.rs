//! The Drill tab's action handling: what each action does on the session, the statistics and
//! the settings popup, and the tab as a [`Component`].

use super::{
    CardItem, Drill, DrillAction, Page, Settings, WHEEL_LINES, grade_prompt, pages, session_error,
    text_width, view,
};
use crate::drill::{Answered, Answering, DrillCard, Mode, Phase, Session, build_queue};
use crate::model::{EntryKind, EntryRef};
use crate::tui::action::Action;
use crate::tui::component::{Component, Ctx, Intent};
use crate::tui::keymap::KeyContext;
use crate::tui::layout::{keep_visible, text_area};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use std::sync::Arc;

impl Drill {
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
        let column = usize::from(at.x - area.x);
        let asking = matches!(self.session.phase(), Phase::Asking);
        match laid.hit(line, column).copied() {
            Some(CardItem::Option(i)) if asking => self.choice = i,
            Some(CardItem::Step(i)) if asking => self.step = i,
            Some(CardItem::Link(i)) => {
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
        let lines = pages::stats(self, text_width(ctx.body), ctx.theme).len();
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
