//! The answers given so far, checked against the wizard's questions and options.

use crate::model::Wizard;
use crate::model::suggest::closest;
use std::collections::BTreeMap;
use thiserror::Error;

/// Echoed user input is cut to this many characters so an error stays one short line.
const MAX_ECHO: usize = 60;

/// Question id -> chosen option value. Every answer names a real question and one of its options;
/// whether the question applies to the other answers is decided by [`super::resolve`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    map: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    #[error("\"{given}\" is not of the form ID=VALUE (e.g. direction=inbound)")]
    Malformed { given: String },
    #[error("unknown question \"{question}\"{hint}; valid questions: {valid}")]
    UnknownQuestion {
        question: String,
        hint: String,
        valid: String,
    },
    #[error("question \"{question}\" has no value \"{value}\"{hint}; valid values: {valid}")]
    UnknownValue {
        question: String,
        value: String,
        hint: String,
        valid: String,
    },
    #[error("question \"{question}\" is answered twice (\"{first}\" and \"{second}\")")]
    Duplicate {
        question: String,
        first: String,
        second: String,
    },
}

impl Answers {
    pub fn new() -> Self {
        Answers::default()
    }

    /// Parses `ID=VALUE` pairs (the CLI's `--answer` values), checking each against the wizard.
    pub fn parse<'a>(
        w: &Wizard,
        pairs: impl IntoIterator<Item = &'a str>,
    ) -> Result<Answers, AnswerError> {
        let mut answers = Answers::new();
        for pair in pairs {
            let Some((question, value)) = pair.split_once('=') else {
                return Err(AnswerError::Malformed { given: echo(pair) });
            };
            let (question, value) = (question.trim(), value.trim());
            if question.is_empty() || value.is_empty() {
                return Err(AnswerError::Malformed { given: echo(pair) });
            }
            check(w, question, value)?;
            if let Some(first) = answers.map.get(question) {
                return Err(AnswerError::Duplicate {
                    question: question.to_string(),
                    first: first.clone(),
                    second: value.to_string(),
                });
            }
            answers.map.insert(question.to_string(), value.to_string());
        }
        Ok(answers)
    }

    /// Sets or changes one answer. Answers to other questions are kept when they still apply
    /// after the change and dropped when they no longer do, so stepping back to change an early
    /// answer does not throw away the rest.
    pub fn answer(&mut self, w: &Wizard, question: &str, value: &str) -> Result<(), AnswerError> {
        check(w, question, value)?;
        self.map.insert(question.to_string(), value.to_string());
        let ignored: Vec<String> = super::resolve(w, self)
            .ignored
            .iter()
            .map(|a| a.question.id.clone())
            .collect();
        for id in ignored {
            self.map.remove(&id);
        }
        Ok(())
    }

    /// Removes one answer, returning the value it had.
    pub fn forget(&mut self, question: &str) -> Option<String> {
        self.map.remove(question)
    }

    pub fn get(&self, question: &str) -> Option<&str> {
        self.map.get(question).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Answers in question-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(q, v)| (q.as_str(), v.as_str()))
    }
}

fn check(w: &Wizard, question: &str, value: &str) -> Result<(), AnswerError> {
    let Some(q) = w.questions.iter().find(|q| q.id == question) else {
        let ids = w.questions.iter().map(|q| q.id.as_str());
        return Err(AnswerError::UnknownQuestion {
            question: echo(question),
            hint: did_you_mean(question, ids.clone()),
            valid: ids.collect::<Vec<_>>().join(", "),
        });
    };
    if !q.options.iter().any(|o| o.value == value) {
        let values = q.options.iter().map(|o| o.value.as_str());
        return Err(AnswerError::UnknownValue {
            question: q.id.clone(),
            value: echo(value),
            hint: did_you_mean(value, values.clone()),
            valid: values.collect::<Vec<_>>().join(", "),
        });
    }
    Ok(())
}

fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match closest(input, candidates, 1).first() {
        Some(best) => format!(" (did you mean \"{best}\"?)"),
        None => String::new(),
    }
}

fn echo(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() > MAX_ECHO {
        one_line.chars().take(MAX_ECHO).collect::<String>() + "…"
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::test_question::wizard;
    use proptest::prelude::*;

    #[test]
    fn parses_pairs_and_trims_spaces() {
        let a = Answers::parse(&wizard(), ["direction=inbound", " caller = backend "]).unwrap();
        assert_eq!(a.get("direction"), Some("inbound"));
        assert_eq!(a.get("caller"), Some("backend"));
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn unknown_question_names_the_valid_ones() {
        let err = Answers::parse(&wizard(), ["calller=backend"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown question \"calller\" (did you mean \"caller\"?); valid questions: \
             direction, caller, idp, identity, target"
        );
    }

    #[test]
    fn unknown_value_names_the_valid_ones() {
        let err = Answers::parse(&wizard(), ["caller=spa"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "question \"caller\" has no value \"spa\"; valid values: web, backend"
        );
    }

    #[test]
    fn malformed_and_duplicate_answers_are_refused() {
        let w = wizard();
        assert!(matches!(
            Answers::parse(&w, ["direction"]),
            Err(AnswerError::Malformed { .. })
        ));
        assert!(matches!(
            Answers::parse(&w, ["=inbound"]),
            Err(AnswerError::Malformed { .. })
        ));
        let err = Answers::parse(&w, ["direction=inbound", "direction=outbound"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "question \"direction\" is answered twice (\"inbound\" and \"outbound\")"
        );
    }

    #[test]
    fn changing_an_answer_keeps_the_ones_that_still_apply() {
        let w = wizard();
        let mut a = Answers::new();
        a.answer(&w, "direction", "inbound").unwrap();
        a.answer(&w, "caller", "backend").unwrap();
        a.answer(&w, "identity", "many").unwrap();
        a.answer(&w, "caller", "web").unwrap();
        assert_eq!(a.get("identity"), None, "identity only applies to backends");
        assert_eq!(a.get("direction"), Some("inbound"));
        a.answer(&w, "caller", "backend").unwrap();
        a.answer(&w, "identity", "one").unwrap();
        a.answer(&w, "caller", "backend").unwrap();
        assert_eq!(
            a.get("identity"),
            Some("one"),
            "re-choosing the same caller keeps it"
        );
        assert!(a.answer(&w, "identity", "nope").is_err());
        assert_eq!(
            a.get("identity"),
            Some("one"),
            "a refused answer changes nothing"
        );
    }

    proptest! {
        #[test]
        fn any_input_parses_or_fails_with_one_short_line(pairs in proptest::collection::vec(".{0,200}", 0..6)) {
            let w = wizard();
            match Answers::parse(&w, pairs.iter().map(String::as_str)) {
                Ok(a) => prop_assert!(a.len() <= w.questions.len()),
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(!msg.contains('\n'));
                    prop_assert!(msg.chars().count() < 400, "{}", msg);
                }
            }
        }
    }
}
