//! The Choose tab: the flow-chooser wizard, one question at a time, then its recommendation as
//! cards with links into the rest of the model.
//!
//! The wizard engine (`crate::wizard`) decides everything: which question comes next, which
//! answers still apply after one changes, where stepping back goes, and the outcome. This tab
//! keeps only the answers, which question is on screen, the option cursor, and where the
//! outcome is scrolled and which of its links is selected.

mod layout;
mod rows;
mod view;

#[cfg(test)]
mod tests;

use super::action::Action;
use super::component::{Component, Ctx, Intent};
use super::keymap::KeyContext;
use crate::model::{EntryRef, Knowledge, Question};
use crate::tui::layout::keep_visible;
use crate::wizard::{Answers, Outcome, Resolution, Step, resolve, step, to_markdown};
use layout::Asking;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use rows::{Hot, Laid};

pub use layout::{CARDS_SHOWN, text_area};

/// Lines the wheel scrolls the outcome by.
const WHEEL_LINES: usize = 3;

/// What the tab shows for the current answers.
enum Stage<'w> {
    /// The model has no wizard questions (a model without the shipped content).
    Empty,
    Question(Asking<'w>),
    Outcome(Resolution<'w>, Outcome),
}

#[derive(Debug, Clone, Default)]
pub struct Choose {
    answers: Answers,
    /// The question on screen: the wizard's next one, or an answered one the user stepped back
    /// to. `None` while the outcome is on screen (or the wizard has no questions).
    asking: Option<String>,
    /// The highlighted option of the question on screen.
    cursor: usize,
    /// The first line of the outcome on screen.
    scroll: usize,
    /// The selected link of the outcome, by index and target (the target is what `App`
    /// remembers when the user jumps away).
    link: Option<(usize, EntryRef)>,
}

impl Choose {
    pub fn new(k: &Knowledge) -> Self {
        let mut choose = Choose::default();
        choose.settle(k);
        choose
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The id of the question on screen, or `None` while the outcome is.
    pub fn asking(&self) -> Option<&str> {
        self.asking.as_deref()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn selected_link(&self) -> Option<&EntryRef> {
        self.link.as_ref().map(|(_, target)| target)
    }

    /// The outcome on screen, if it is.
    pub fn outcome(&self, k: &Knowledge) -> Option<Outcome> {
        match self.stage(k) {
            Stage::Outcome(_, o) => Some(o),
            Stage::Empty | Stage::Question(_) => None,
        }
    }

    fn stage<'k>(&self, k: &'k Knowledge) -> Stage<'k> {
        if k.wizard.questions.is_empty() {
            return Stage::Empty;
        }
        let r = resolve(&k.wizard, &self.answers);
        if let Some(id) = &self.asking
            && let Some(at) = r.answered.iter().position(|a| a.question.id == *id)
            && let Some(a) = r.answered.get(at).copied()
        {
            let current = a
                .question
                .options
                .iter()
                .position(|o| o.value == a.option.value);
            return Stage::Question(Asking {
                question: a.question,
                number: at + 1,
                current,
                r,
            });
        }
        match step(k, &r) {
            Step::Ask(question) => Stage::Question(Asking {
                question,
                number: r.answered.len() + 1,
                current: None,
                r,
            }),
            Step::Done(o) => Stage::Outcome(r, o),
        }
    }

    /// Shows the wizard's next question, or the outcome, with a fresh cursor and view.
    fn settle(&mut self, k: &Knowledge) {
        self.asking = resolve(&k.wizard, &self.answers).next.map(|q| q.id.clone());
        self.cursor = 0;
        self.scroll = 0;
        self.link = None;
    }

    /// Shows an answered question again so its answer can be changed, the cursor on it.
    fn revisit(&mut self, question: &Question, r: &Resolution<'_>) {
        self.cursor = r
            .value(&question.id)
            .and_then(|v| question.options.iter().position(|o| o.value == v))
            .unwrap_or(0);
        self.asking = Some(question.id.clone());
        self.scroll = 0;
        self.link = None;
    }

    fn answer(&mut self, question: &Question, index: usize, k: &Knowledge) -> Intent {
        let Some(option) = question.options.get(index) else {
            return Intent::None;
        };
        match self.answers.answer(&k.wizard, &question.id, &option.value) {
            Ok(()) => {
                self.settle(k);
                Intent::None
            }
            Err(e) => Intent::Status(e.to_string()),
        }
    }

    fn step_back(&mut self, r: &Resolution<'_>, from: Option<&str>) -> Intent {
        match r.previous(from) {
            Some(question) => {
                self.revisit(question, r);
                Intent::None
            }
            None => Intent::Status("this is the first question".into()),
        }
    }

    fn restart(&mut self, k: &Knowledge) -> Intent {
        self.answers = Answers::new();
        self.settle(k);
        Intent::Status("started over".into())
    }

    /// Actions that mean the same at every stage.
    fn update_common(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::Restart => self.restart(ctx.knowledge),
            Action::Back => Intent::Back,
            _ => Intent::None,
        }
    }

    fn update_question(&mut self, action: Action, a: &Asking<'_>, ctx: &Ctx<'_>) -> Intent {
        let q = a.question;
        let last = q.options.len().saturating_sub(1);
        let cursor = self.cursor.min(last);
        match action {
            Action::Down => self.cursor = (cursor + 1).min(last),
            Action::Up => self.cursor = cursor.saturating_sub(1),
            Action::Top | Action::PageUp => self.cursor = 0,
            Action::Bottom | Action::PageDown => self.cursor = last,
            Action::Open => return self.answer(q, cursor, ctx.knowledge),
            Action::Answer(n) => {
                let index = usize::from(n).wrapping_sub(1);
                if index >= q.options.len() {
                    return Intent::Status(format!(
                        "no option {n}: this question has {}",
                        q.options.len()
                    ));
                }
                return self.answer(q, index, ctx.knowledge);
            }
            Action::StepBack => return self.step_back(&a.r, Some(&q.id)),
            Action::Copy => return copy_command(&a.r),
            Action::Wheel { up, column, row } => {
                if text_area(ctx.body).contains(Position::new(column, row)) {
                    self.cursor = if up {
                        cursor.saturating_sub(1)
                    } else {
                        (cursor + 1).min(last)
                    };
                }
            }
            Action::Click { column, row } => {
                let laid = self.question_laid(a, ctx);
                let height = usize::from(text_area(ctx.body).height);
                let offset = layout::question_offset(&laid, cursor, height);
                return match hit(&laid, offset, column, row, ctx) {
                    Some(Hot::Option(i)) => self.answer(q, *i, ctx.knowledge),
                    Some(Hot::Crumb(id)) => self.revisit_by_id(id, &a.r),
                    _ => Intent::None,
                };
            }
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    fn update_outcome(
        &mut self,
        action: Action,
        r: &Resolution<'_>,
        o: &Outcome,
        ctx: &Ctx<'_>,
    ) -> Intent {
        let laid = self.outcome_laid(r, o, ctx);
        let height = usize::from(text_area(ctx.body).height);
        let max = laid.lines.len().saturating_sub(height);
        let page = height.saturating_sub(1).max(1);
        let scroll = self.scroll.min(max);
        match action {
            Action::Down => self.scroll = (scroll + 1).min(max),
            Action::Up => self.scroll = scroll.saturating_sub(1),
            Action::PageDown => self.scroll = (scroll + page).min(max),
            Action::PageUp => self.scroll = scroll.saturating_sub(page),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::NextLink => return self.step_link(&laid, true, height),
            Action::PrevLink => return self.step_link(&laid, false, height),
            Action::Open => {
                return match &self.link {
                    Some((_, target)) => Intent::JumpTo(target.clone()),
                    None => self.step_link(&laid, true, height),
                };
            }
            Action::StepBack => return self.step_back(r, None),
            Action::Copy => {
                return Intent::Copy {
                    text: to_markdown(ctx.knowledge, o),
                    label: "the recommendation as Markdown".into(),
                };
            }
            Action::Wheel { up, column, row } => {
                if text_area(ctx.body).contains(Position::new(column, row)) {
                    self.scroll = if up {
                        scroll.saturating_sub(WHEEL_LINES)
                    } else {
                        (scroll + WHEEL_LINES).min(max)
                    };
                }
            }
            Action::Click { column, row } => {
                return match hit(&laid, scroll, column, row, ctx) {
                    Some(Hot::Link(i, target)) => {
                        self.link = Some((*i, target.clone()));
                        Intent::JumpTo(target.clone())
                    }
                    Some(Hot::Crumb(id)) => self.revisit_by_id(id, r),
                    _ => Intent::None,
                };
            }
            _ => return self.update_common(action, ctx),
        }
        Intent::None
    }

    fn revisit_by_id(&mut self, id: &str, r: &Resolution<'_>) -> Intent {
        if let Some(a) = r.answered.iter().find(|a| a.question.id == id) {
            self.revisit(a.question, r);
        }
        Intent::None
    }

    fn step_link(&mut self, laid: &Laid, forward: bool, height: usize) -> Intent {
        let count = laid.link_count();
        if count == 0 {
            return Intent::Status("this recommendation has no links".into());
        }
        let next = match (self.link.as_ref().map(|(i, _)| *i), forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.select_link(laid, next, height);
        Intent::None
    }

    fn select_link(&mut self, laid: &Laid, index: usize, height: usize) {
        let Some(target) = laid.link(index) else {
            return;
        };
        self.link = Some((index, target.clone()));
        if let Some(line) = laid.link_line(index) {
            let max = laid.lines.len().saturating_sub(height);
            self.scroll = keep_visible(self.scroll.min(max), line, height).min(max);
        }
    }

    fn question_laid(&self, a: &Asking<'_>, ctx: &Ctx<'_>) -> Laid {
        let width = usize::from(text_area(ctx.body).width);
        layout::question(a, self.cursor, width, ctx.theme)
    }

    fn outcome_laid(&self, r: &Resolution<'_>, o: &Outcome, ctx: &Ctx<'_>) -> Laid {
        let width = usize::from(text_area(ctx.body).width);
        let selected = self.link.as_ref().map(|(i, _)| *i);
        layout::outcome(ctx.knowledge, r, o, width, selected, ctx.theme)
    }
}

/// What is under a click at the screen position, with the text scrolled by `offset` lines.
fn hit<'l>(laid: &'l Laid, offset: usize, column: u16, row: u16, ctx: &Ctx<'_>) -> Option<&'l Hot> {
    let area = text_area(ctx.body);
    if !area.contains(Position::new(column, row)) {
        return None;
    }
    let line = offset + usize::from(row - area.y);
    laid.hit(line, usize::from(column - area.x))
}

/// `sfauth choose --answer …` for the answers so far, to continue in the shell.
fn copy_command(r: &Resolution<'_>) -> Intent {
    let mut command = String::from("sfauth choose");
    for a in &r.answered {
        command.push_str(&format!(" --answer {}={}", a.question.id, a.option.value));
    }
    Intent::Copy {
        text: command,
        label: "the sfauth choose command".into(),
    }
}

impl Component for Choose {
    fn key_context(&self) -> KeyContext {
        if self.asking.is_some() {
            KeyContext::ChooseQuestion
        } else {
            KeyContext::ChooseOutcome
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match self.stage(ctx.knowledge) {
            Stage::Empty => match action {
                Action::Copy => Intent::Status("the model has no wizard questions".into()),
                _ => self.update_common(action, ctx),
            },
            Stage::Question(a) => self.update_question(action, &a, ctx),
            Stage::Outcome(r, o) => self.update_outcome(action, &r, &o, ctx),
        }
    }

    /// No entry lives in this tab: links from it open in the tab of their kind.
    fn show(&mut self, _entry: &EntryRef, _ctx: &Ctx<'_>) -> bool {
        false
    }

    /// The tab keeps its own place; coming back to one of the outcome's links selects it.
    fn restore(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
        if let Stage::Outcome(r, o) = self.stage(ctx.knowledge) {
            let laid = self.outcome_laid(&r, &o, ctx);
            if let Some(index) = laid.links().position(|(_, l)| l == target) {
                let height = usize::from(text_area(ctx.body).height);
                self.select_link(&laid, index, height);
            }
        }
        true
    }

    fn location(&self) -> Option<EntryRef> {
        self.selected_link().cloned()
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        view::render(self, frame, area, ctx);
    }
}
