//! One drill session, driven by method calls (the Drill tab maps keys to them). The session
//! never saves: each answer returns an [`Answered`] for the caller to record in the
//! [`ProgressStore`](super::store::ProgressStore) right away.

use super::card::{Answering, DrillCard, Mode};
use super::deck::Deck;
use super::generate::misplaced_positions;
use super::progress::Progress;
use super::queue::{QueueOptions, build_queue};
use super::schedule::{Grade, Review};
use super::stats::{ratio, rfc3339};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The card's question is showing.
    Asking,
    /// A flashcard's answer is showing; grade it next.
    Revealed,
    /// A choice or an ordering was checked. A wrong one is graded Again at once; a right one
    /// waits for the user's confidence (`grade`), or `advance` grades it Good.
    Feedback(Feedback),
    /// No card left; show the summary.
    Finished,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    Choice {
        chosen: usize,
        correct: usize,
    },
    Order {
        /// The order submitted (indices into the card's steps).
        submitted: Vec<usize>,
        /// Positions whose step is not the one that belongs there.
        misplaced: Vec<usize>,
    },
}

impl Feedback {
    pub fn is_correct(&self) -> bool {
        match self {
            Feedback::Choice { chosen, correct } => chosen == correct,
            Feedback::Order { misplaced, .. } => misplaced.is_empty(),
        }
    }
}

/// A graded answer to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub card_id: String,
    pub review: Review,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("the session is over")]
    Finished,
    #[error("this card is answered by {0}")]
    WrongMode(&'static str),
    #[error("not now: {0}")]
    WrongStep(&'static str),
    #[error("option {index} does not exist (the card has {count})")]
    NoSuchOption { index: usize, count: usize },
    #[error("the order must list each of the {count} steps once")]
    BadOrder { count: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Cards answered.
    pub reviewed: usize,
    /// Answers not graded Again.
    pub correct: usize,
    pub correct_rate: Option<f64>,
    pub skipped: usize,
    /// When the next card falls due (RFC 3339), if any has been reviewed.
    pub next_due: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Session {
    deck: Arc<Deck>,
    queue: Vec<usize>,
    position: usize,
    phase: Phase,
    grades: Vec<Grade>,
    skipped: usize,
    /// A right choice or ordering whose grade (hard, good, easy) is still to come.
    ungraded: bool,
}

impl Session {
    /// Due cards, then new ones up to the daily limit, through `options`' filters.
    pub fn start(
        deck: Arc<Deck>,
        progress: &Progress,
        options: &QueueOptions,
        now: DateTime<Utc>,
    ) -> Session {
        let queue = build_queue(&deck, progress, options, now);
        Session::with_queue(deck, queue)
    }

    /// A session over these deck indices, in this order.
    pub fn with_queue(deck: Arc<Deck>, queue: Vec<usize>) -> Session {
        let queue: Vec<usize> = queue.into_iter().filter(|&i| i < deck.len()).collect();
        let phase = if queue.is_empty() {
            Phase::Finished
        } else {
            Phase::Asking
        };
        Session {
            deck,
            queue,
            position: 0,
            phase,
            grades: Vec::new(),
            skipped: 0,
            ungraded: false,
        }
    }

    pub fn current(&self) -> Option<&DrillCard> {
        if self.phase == Phase::Finished {
            return None;
        }
        self.queue
            .get(self.position)
            .and_then(|&i| self.deck.cards().get(i))
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    pub fn is_finished(&self) -> bool {
        self.phase == Phase::Finished
    }

    /// Zero-based position of the current card and the number of cards in the session.
    pub fn progress(&self) -> (usize, usize) {
        (self.position.min(self.queue.len()), self.queue.len())
    }

    pub fn deck(&self) -> &Arc<Deck> {
        &self.deck
    }

    /// Shows a flashcard's answer.
    pub fn reveal(&mut self) -> Result<(), SessionError> {
        self.expect(Mode::Flashcard)?;
        if self.phase != Phase::Asking {
            return Err(SessionError::WrongStep("the answer is already showing"));
        }
        self.phase = Phase::Revealed;
        Ok(())
    }

    /// Whether the grade keys apply now: a revealed flashcard, or a right answer not yet graded.
    pub fn awaits_grade(&self) -> bool {
        match self.phase {
            Phase::Revealed => true,
            Phase::Feedback(_) => self.ungraded,
            _ => false,
        }
    }

    /// Grades a revealed flashcard, or how sure a right choice or ordering was, and moves to
    /// the next card.
    pub fn grade(&mut self, grade: Grade, now: DateTime<Utc>) -> Result<Answered, SessionError> {
        match self.phase {
            Phase::Revealed => self.expect(Mode::Flashcard)?,
            Phase::Feedback(_) if self.ungraded => {}
            Phase::Feedback(_) => {
                return Err(SessionError::WrongStep(
                    "a wrong answer is already graded again",
                ));
            }
            Phase::Finished => return Err(SessionError::Finished),
            Phase::Asking => match self.current().map(DrillCard::mode) {
                Some(Mode::Flashcard) => {
                    return Err(SessionError::WrongStep("reveal the answer before grading"));
                }
                _ => return Err(SessionError::WrongStep("answer the card before grading")),
            },
        }
        let answered = self.answer(grade, now)?;
        self.next();
        Ok(answered)
    }

    /// Picks an option. Wrong is graded Again at once (returned); right waits for `grade`.
    /// The feedback stays until then, or until `advance`.
    pub fn choose(
        &mut self,
        index: usize,
        now: DateTime<Utc>,
    ) -> Result<Option<Answered>, SessionError> {
        self.expect(Mode::MultipleChoice)?;
        self.expect_asking()?;
        let Some(Answering::Choice { options, correct }) = self.current().map(|c| &c.answering)
        else {
            return Err(SessionError::Finished);
        };
        if index >= options.len() {
            return Err(SessionError::NoSuchOption {
                index,
                count: options.len(),
            });
        }
        let feedback = Feedback::Choice {
            chosen: index,
            correct: *correct,
        };
        self.feedback(feedback, now)
    }

    /// Submits an ordering (indices into the card's steps, first step first): anything out of
    /// place is graded Again at once (returned); all in place waits for `grade`.
    pub fn submit_order(
        &mut self,
        order: &[usize],
        now: DateTime<Utc>,
    ) -> Result<Option<Answered>, SessionError> {
        self.expect(Mode::Ordering)?;
        self.expect_asking()?;
        let Some(Answering::Order { steps, .. }) = self.current().map(|c| &c.answering) else {
            return Err(SessionError::Finished);
        };
        let mut seen = vec![false; steps.len()];
        let is_permutation = order.len() == steps.len()
            && order
                .iter()
                .all(|&i| i < seen.len() && !std::mem::replace(&mut seen[i], true));
        if !is_permutation {
            return Err(SessionError::BadOrder { count: steps.len() });
        }
        let misplaced = misplaced_positions(steps, order);
        let feedback = Feedback::Order {
            submitted: order.to_vec(),
            misplaced,
        };
        self.feedback(feedback, now)
    }

    /// Leaves the feedback of a choice or ordering for the next card; a right answer not yet
    /// graded is graded Good (returned), as Anki's default button.
    pub fn advance(&mut self, now: DateTime<Utc>) -> Result<Option<Answered>, SessionError> {
        match self.phase {
            Phase::Feedback(_) => {
                let answered = if self.ungraded {
                    Some(self.answer(Grade::Good, now)?)
                } else {
                    None
                };
                self.next();
                Ok(answered)
            }
            Phase::Finished => Err(SessionError::Finished),
            _ => Err(SessionError::WrongStep("answer the card first")),
        }
    }

    /// Moves on without grading (after a wrong answer it just moves on: that is already
    /// graded).
    pub fn skip(&mut self) -> Result<(), SessionError> {
        match self.phase {
            Phase::Finished => return Err(SessionError::Finished),
            Phase::Asking | Phase::Revealed => self.skipped += 1,
            Phase::Feedback(_) if self.ungraded => self.skipped += 1,
            Phase::Feedback(_) => {}
        }
        self.next();
        Ok(())
    }

    pub fn summary(&self, progress: &Progress) -> Summary {
        let correct = self.grades.iter().filter(|g| g.is_pass()).count();
        let next_due = self
            .deck
            .cards()
            .iter()
            .filter_map(|c| progress.memory(&c.id).and_then(|m| m.due()))
            .min();
        Summary {
            reviewed: self.grades.len(),
            correct,
            correct_rate: ratio(correct, self.grades.len()),
            skipped: self.skipped,
            next_due: next_due.map(rfc3339),
        }
    }

    fn expect(&self, mode: Mode) -> Result<(), SessionError> {
        let card = self.current().ok_or(SessionError::Finished)?;
        if card.mode() == mode {
            Ok(())
        } else {
            Err(SessionError::WrongMode(mode_name(card.mode())))
        }
    }

    fn expect_asking(&self) -> Result<(), SessionError> {
        match self.phase {
            Phase::Asking => Ok(()),
            _ => Err(SessionError::WrongStep("this card is already answered")),
        }
    }

    fn feedback(
        &mut self,
        feedback: Feedback,
        now: DateTime<Utc>,
    ) -> Result<Option<Answered>, SessionError> {
        let answered = if feedback.is_correct() {
            self.ungraded = true;
            None
        } else {
            Some(self.answer(Grade::Again, now)?)
        };
        self.phase = Phase::Feedback(feedback);
        Ok(answered)
    }

    fn answer(&mut self, grade: Grade, now: DateTime<Utc>) -> Result<Answered, SessionError> {
        let card = self.current().ok_or(SessionError::Finished)?;
        let answered = Answered {
            card_id: card.id.clone(),
            review: Review::new(now, grade),
        };
        self.grades.push(grade);
        Ok(answered)
    }

    fn next(&mut self) {
        self.ungraded = false;
        self.position += 1;
        self.phase = if self.position < self.queue.len() {
            Phase::Asking
        } else {
            Phase::Finished
        };
    }
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Flashcard => "revealing the answer and grading it",
        Mode::MultipleChoice => "picking one option",
        Mode::Ordering => "putting the steps in order",
    }
}
