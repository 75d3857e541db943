//! Which questions apply to a set of answers, which answer counts, and what to ask next.

use super::answers::Answers;
use crate::model::{Condition, Question, Wizard, WizardOption};
use std::collections::HashMap;

/// One answer that counts: its question applies to the other answers.
#[derive(Debug, Clone, Copy)]
pub struct Answered<'w> {
    pub question: &'w Question,
    pub option: &'w WizardOption,
}

/// The answers sorted against the wizard.
#[derive(Debug, Clone)]
pub struct Resolution<'w> {
    /// Answers that count, in the order their questions are asked: the breadcrumb.
    pub answered: Vec<Answered<'w>>,
    /// The first question that applies and has no answer yet; `None` once the answers are complete.
    pub next: Option<&'w Question>,
    /// Answers given ahead of time, for questions that may apply once `next` is answered.
    pub pending: Vec<Answered<'w>>,
    /// Answers to questions that do not apply to the other answers.
    pub ignored: Vec<Answered<'w>>,
}

impl<'w> Resolution<'w> {
    pub fn is_complete(&self) -> bool {
        self.next.is_none()
    }

    /// The value given for a question whose answer counts.
    pub fn value(&self, question: &str) -> Option<&'w str> {
        self.answered
            .iter()
            .find(|a| a.question.id == question)
            .map(|a| a.option.value.as_str())
    }

    /// Where stepping back goes: the answered question asked just before `current`, or the last
    /// answered question when `current` is `None` (the outcome is showing).
    pub fn previous(&self, current: Option<&str>) -> Option<&'w Question> {
        let upto = match current {
            None => self.answered.len(),
            Some(id) => self
                .answered
                .iter()
                .position(|a| a.question.id == id)
                .unwrap_or(self.answered.len()),
        };
        upto.checked_sub(1)
            .and_then(|i| self.answered.get(i))
            .map(|a| a.question)
    }

    /// Answers that count plus those kept for later, for echoing back to the caller.
    pub fn kept(&self) -> impl Iterator<Item = &Answered<'w>> {
        self.answered.iter().chain(&self.pending)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State<'w> {
    Answered(&'w str),
    /// Applies but has no answer yet.
    Open,
    /// Depends on a question that is still open.
    Undecided,
    DoesNotApply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Yes,
    No,
    NotYet,
}

/// Walks the questions in order. A question's condition may only name earlier questions (the
/// model validation enforces it), so one pass settles every question.
pub fn resolve<'w>(w: &'w Wizard, answers: &Answers) -> Resolution<'w> {
    let mut states: HashMap<&str, State<'w>> = HashMap::new();
    let mut r = Resolution {
        answered: Vec::new(),
        next: None,
        pending: Vec::new(),
        ignored: Vec::new(),
    };
    for q in &w.questions {
        let given = answers
            .get(&q.id)
            .and_then(|v| q.options.iter().find(|o| o.value == v))
            .map(|option| Answered {
                question: q,
                option,
            });
        let state = match (condition(&q.when, &states), given) {
            (Holds::Yes, Some(a)) => {
                r.answered.push(a);
                State::Answered(a.option.value.as_str())
            }
            (Holds::Yes, None) => {
                r.next.get_or_insert(q);
                State::Open
            }
            (Holds::NotYet, given) => {
                r.pending.extend(given);
                State::Undecided
            }
            (Holds::No, given) => {
                r.ignored.extend(given);
                State::DoesNotApply
            }
        };
        states.insert(q.id.as_str(), state);
    }
    r
}

fn condition(cond: &Condition, states: &HashMap<&str, State<'_>>) -> Holds {
    let mut holds = Holds::Yes;
    for (question, accepted) in cond {
        match states.get(question.as_str()) {
            Some(State::Answered(v)) if accepted.iter().any(|a| a == v) => {}
            Some(State::Open | State::Undecided) => holds = Holds::NotYet,
            // Answered otherwise, not applicable, or not a question at all.
            _ => return Holds::No,
        }
    }
    holds
}

/// Whether a rule's condition holds for the answers that count.
pub(super) fn rule_holds(cond: &Condition, r: &Resolution<'_>) -> bool {
    cond.iter()
        .all(|(q, accepted)| r.value(q).is_some_and(|v| accepted.iter().any(|a| a == v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::test_question::wizard;

    /// The resolution of these `question=value` answers.
    fn resolved<'w>(w: &'w Wizard, pairs: &[&str]) -> Resolution<'w> {
        resolve(w, &Answers::parse(w, pairs.iter().copied()).unwrap())
    }

    fn ids(list: &[Answered<'_>]) -> Vec<String> {
        list.iter()
            .map(|a| format!("{}={}", a.question.id, a.option.value))
            .collect()
    }

    #[test]
    fn asks_the_first_question_first() {
        let w = wizard();
        let r = resolve(&w, &Answers::new());
        assert_eq!(r.next.map(|q| q.id.as_str()), Some("direction"));
        assert!(r.answered.is_empty() && !r.is_complete());
    }

    #[test]
    fn skips_questions_whose_condition_fails() {
        let w = wizard();
        let r = resolved(&w, &["direction=inbound", "caller=web"]);
        assert_eq!(r.next.map(|q| q.id.as_str()), Some("idp"));
        let r = resolved(&w, &["direction=inbound", "caller=web", "idp=none"]);
        assert!(r.is_complete(), "identity is only for backends");
        let r = resolved(&w, &["direction=outbound"]);
        assert_eq!(r.next.map(|q| q.id.as_str()), Some("target"));
    }

    #[test]
    fn answers_given_early_wait_and_inapplicable_ones_are_ignored() {
        let w = wizard();
        let r = resolved(&w, &["identity=one", "direction=inbound"]);
        assert_eq!(r.next.map(|q| q.id.as_str()), Some("caller"));
        assert_eq!(ids(&r.pending), ["identity=one"]);
        assert!(r.ignored.is_empty());
        let r = resolved(
            &w,
            &[
                "identity=one",
                "direction=inbound",
                "caller=web",
                "target=aws",
            ],
        );
        assert_eq!(ids(&r.ignored), ["identity=one", "target=aws"]);
        assert_eq!(r.next.map(|q| q.id.as_str()), Some("idp"));
    }

    #[test]
    fn previous_walks_the_breadcrumb_backwards() {
        let w = wizard();
        let r = resolved(&w, &["direction=inbound", "caller=backend", "idp=saml"]);
        assert!(r.is_complete());
        assert_eq!(r.previous(None).map(|q| q.id.as_str()), Some("idp"));
        assert_eq!(
            r.previous(Some("idp")).map(|q| q.id.as_str()),
            Some("caller")
        );
        assert!(r.previous(Some("direction")).is_none());
    }

    #[test]
    fn rule_conditions_need_every_named_answer() {
        let w = wizard();
        let r = resolved(&w, &["direction=inbound", "caller=backend", "idp=none"]);
        let cond: Condition = [
            ("caller".to_string(), vec!["backend".to_string()]),
            ("identity".to_string(), vec!["one".to_string()]),
        ]
        .into();
        assert!(!rule_holds(&cond, &r), "identity is not answered yet");
        let r = resolved(
            &w,
            &[
                "direction=inbound",
                "caller=backend",
                "idp=none",
                "identity=one",
            ],
        );
        assert!(rule_holds(&cond, &r));
    }
}
