//! A rule's conditions as a scenario a person would write: each question's `scenario`
//! template filled with the chosen options' phrases, one sentence per question.

use crate::model::{Condition, Question, Wizard};
use std::collections::HashMap;

/// The rule's conditions as a scenario, one sentence per question in the wizard's order:
/// `Scenario: The caller is a server-to-server job that runs with nobody present. ...`.
/// Questions without a template fall back to `<prompt> <labels>` on a line of their own.
pub fn scenario_sentence(wizard: &Wizard, when: &Condition) -> String {
    if when.is_empty() {
        return "Scenario: any integration.".to_string();
    }
    let position: HashMap<&str, usize> = wizard
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut clauses: Vec<(&String, &Vec<String>)> = when.iter().collect();
    clauses.sort_by_key(|(q, _)| position.get(q.as_str()).copied().unwrap_or(usize::MAX));
    let mut prose: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for (qid, values) in clauses {
        let question = wizard.questions.iter().find(|q| &q.id == qid);
        match question.and_then(|q| templated(q, values)) {
            Some(sentence) => prose.push(sentence),
            None => lines.push(fallback(qid, question, values)),
        }
    }
    let mut out = String::from("Scenario:");
    if !prose.is_empty() {
        out.push(' ');
        out.push_str(&prose.join(" "));
    }
    for line in lines {
        out.push('\n');
        out.push_str(&line);
    }
    out
}

/// The question's template filled with the phrases of the accepted values; `None` when the
/// question or one of its options has no scenario text.
fn templated(q: &Question, values: &[String]) -> Option<String> {
    let template = q.scenario.as_deref()?;
    let phrases: Option<Vec<&str>> = values
        .iter()
        .map(|v| {
            q.options
                .iter()
                .find(|o| &o.value == v)
                .and_then(|o| o.scenario.as_deref())
        })
        .collect();
    let filled = template.replacen("{}", &alternatives(&phrases?), 1);
    Some(capitalized(&filled))
}

/// `a`, `either a, or b`, `one of: a; b; or c`: phrases may contain commas themselves, so
/// longer lists are separated by semicolons.
pub fn alternatives(phrases: &[&str]) -> String {
    match phrases {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("either {a}, or {b}"),
        [init @ .., last] => format!("one of: {}; or {last}", init.join("; ")),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn fallback(qid: &str, question: Option<&Question>, values: &[String]) -> String {
    let labels: Vec<String> = values
        .iter()
        .map(|v| {
            question
                .and_then(|q| q.options.iter().find(|o| &o.value == v))
                .map(|o| o.label.clone())
                .unwrap_or_else(|| v.clone())
        })
        .collect();
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let answer = alternatives(&labels);
    match question {
        Some(q) => format!("- {} {}", q.prompt.trim(), answer),
        None => format!("- {qid}: {answer}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WizardOption;

    fn question(template: Option<&str>) -> Question {
        let option = |value: &str, phrase: &str| WizardOption {
            value: value.into(),
            label: format!("Label {value}"),
            scenario: Some(phrase.into()),
        };
        Question {
            id: "caller".into(),
            prompt: "What calls?".into(),
            why: "w".into(),
            options: vec![
                option("web", "a web app whose users sign in"),
                option("spa", "a single-page, mobile or desktop app"),
                option("job", "a job"),
            ],
            when: Condition::new(),
            scenario: template.map(str::to_string),
        }
    }

    fn when(values: &[&str]) -> Condition {
        [(
            "caller".to_string(),
            values.iter().map(|v| (*v).to_string()).collect(),
        )]
        .into()
    }

    fn wizard(template: Option<&str>) -> Wizard {
        Wizard {
            questions: vec![question(template)],
            ..Wizard::default()
        }
    }

    #[test]
    fn phrases_fill_the_template_as_one_sentence() {
        let w = wizard(Some("the caller is {}."));
        assert_eq!(
            scenario_sentence(&w, &when(&["web"])),
            "Scenario: The caller is a web app whose users sign in."
        );
        assert_eq!(
            scenario_sentence(&w, &when(&["web", "spa"])),
            "Scenario: The caller is either a web app whose users sign in, or a single-page, \
             mobile or desktop app."
        );
        assert_eq!(
            scenario_sentence(&w, &when(&["web", "spa", "job"])),
            "Scenario: The caller is one of: a web app whose users sign in; a single-page, \
             mobile or desktop app; or a job."
        );
    }

    #[test]
    fn without_a_template_the_labels_stand_on_their_own_line() {
        let w = wizard(None);
        assert_eq!(
            scenario_sentence(&w, &when(&["web", "job"])),
            "Scenario:\n- What calls? either Label web, or Label job"
        );
        let mut unknown = Condition::new();
        unknown.insert("mystery".into(), vec!["a".into()]);
        assert_eq!(scenario_sentence(&w, &unknown), "Scenario:\n- mystery: a");
    }
}
