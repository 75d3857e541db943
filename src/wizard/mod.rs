//! The flow chooser: a pure engine over the model's `wizard` data (questions, the conditions
//! that decide when each is asked, and rules that turn answers into advice). The CLI's
//! `sfauth choose`, the Choose tab and drill cards all call it, so the same answers always get
//! the same outcome.

mod answers;
mod json;
mod markdown;
mod outcome;
mod resolve;
#[cfg(test)]
mod test_question;

pub use answers::{AnswerError, Answers};
pub use json::{question_json, to_json};
pub use markdown::to_markdown;
pub use outcome::{Links, Outcome, Pick, Step, Warning, outcome, step};
pub use resolve::{Answered, Resolution, resolve};
