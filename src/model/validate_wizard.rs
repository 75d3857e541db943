//! Validation of the chooser wizard: questions, the conditions that gate them, and the rules
//! that turn answers into advice.

use super::Knowledge;
use super::id::StrategyId;
use super::kind::EntryRef;
use super::problem::Problem;
use super::types::*;
use super::validate::is_kebab;
use std::collections::HashSet;

/// Packs cannot carry a wizard, so every problem is reported against the shipped file.
const FILE: &str = "wizard.json";

pub(super) fn problems(k: &Knowledge) -> Vec<Problem> {
    let mut v = WizardValidator {
        k,
        w: &k.wizard,
        out: Vec::new(),
    };
    v.questions();
    v.rules();
    v.out
}

struct WizardValidator<'a> {
    k: &'a Knowledge,
    w: &'a Wizard,
    out: Vec<Problem>,
}

impl WizardValidator<'_> {
    fn push(&mut self, entry: &str, field: &str, message: impl Into<String>) {
        self.out.push(Problem::new(FILE, entry, field, message));
    }

    fn questions(&mut self) {
        let mut seen = HashSet::new();
        for (i, q) in self.w.questions.iter().enumerate() {
            let entry = format!("question \"{}\"", q.id);
            if !is_question_id(&q.id) {
                self.push(
                    &entry,
                    "id",
                    format!(
                        "\"{}\" is not a question id (a-z, 0-9 and underscores)",
                        q.id
                    ),
                );
            }
            if !seen.insert(q.id.as_str()) {
                self.push(&entry, "id", "defined twice");
            }
            for (field, text) in [("prompt", &q.prompt), ("why", &q.why)] {
                if text.trim().is_empty() {
                    self.push(&entry, field, "must not be empty");
                }
            }
            if q.options.is_empty() {
                self.push(&entry, "options", "must not be empty");
            }
            let mut values = HashSet::new();
            for o in &q.options {
                if !is_kebab(&o.value) {
                    self.push(
                        &entry,
                        "options",
                        format!("value \"{}\" is not kebab-case", o.value),
                    );
                }
                if !values.insert(o.value.as_str()) {
                    self.push(
                        &entry,
                        "options",
                        format!("value \"{}\" is listed twice", o.value),
                    );
                }
                if o.label.trim().is_empty() {
                    self.push(
                        &entry,
                        "options",
                        format!("value \"{}\" needs a label", o.value),
                    );
                }
            }
            // A question may only depend on questions asked before it: that keeps the order
            // of asking well defined and rules out cycles.
            let earlier = &self.w.questions[..i];
            self.condition(&q.when, &entry, earlier);
        }
    }

    fn rules(&mut self) {
        let mut seen = HashSet::new();
        for r in &self.w.rules {
            let entry = format!("rule \"{}\"", r.id);
            if !is_kebab(&r.id) {
                self.push(&entry, "id", format!("\"{}\" is not kebab-case", r.id));
            }
            if !seen.insert(r.id.as_str()) {
                self.push(&entry, "id", "defined twice");
            }
            if r.when.is_empty() {
                self.push(&entry, "when", "a rule needs at least one condition");
            }
            self.condition(&r.when, &entry, &self.w.questions);
            if r.recommend.is_empty() && r.avoid.is_empty() && r.checklist.is_empty() {
                self.push(
                    &entry,
                    "",
                    "gives no advice (recommend, avoid and checklist are all empty)",
                );
            }
            for rec in &r.recommend {
                self.advice(&entry, "recommend", &rec.strategy, &rec.reason);
                for with in &rec.with {
                    self.strategy(&entry, "recommend.with", with);
                }
            }
            for a in &r.avoid {
                self.advice(&entry, "avoid", &a.strategy, &a.reason);
            }
            for item in &r.checklist {
                if item.text.trim().is_empty() {
                    self.push(&entry, "checklist", "an item needs text");
                }
                for reference in &item.see {
                    self.reference(&entry, "checklist.see", reference);
                }
            }
            if r.sources.is_empty() {
                self.push(&entry, "sources", "must list at least one source");
            }
        }
    }

    /// Every question a condition names must be in `allowed`, with values it offers.
    fn condition(&mut self, cond: &Condition, entry: &str, allowed: &[Question]) {
        for (qid, values) in cond {
            let Some(q) = allowed.iter().find(|q| q.id == *qid) else {
                let message = if self.w.questions.iter().any(|q| q.id == *qid) {
                    format!("question \"{qid}\" is asked later, so it cannot gate this one")
                } else {
                    format!("unknown question \"{qid}\"")
                };
                self.push(entry, "when", message);
                continue;
            };
            if values.is_empty() {
                self.push(
                    entry,
                    "when",
                    format!("question \"{qid}\" lists no accepted values"),
                );
            }
            for v in values {
                if !q.options.iter().any(|o| o.value == *v) {
                    self.push(
                        entry,
                        "when",
                        format!("question \"{qid}\" has no option \"{v}\""),
                    );
                }
            }
        }
    }

    /// A recommendation or a warning: a known strategy, with the reason for it.
    fn advice(&mut self, entry: &str, field: &str, strategy: &StrategyId, reason: &str) {
        self.strategy(entry, field, strategy);
        if reason.trim().is_empty() {
            self.push(entry, field, format!("\"{strategy}\" needs a reason"));
        }
    }

    fn strategy(&mut self, entry: &str, field: &str, id: &StrategyId) {
        self.reference(entry, field, &id.entry_ref());
    }

    fn reference(&mut self, entry: &str, field: &str, target: &EntryRef) {
        if !self.k.contains(target) {
            let EntryRef { kind, id } = target;
            self.push(entry, field, format!("unknown {kind} \"{id}\""));
        }
    }
}

fn is_question_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntryKind;

    fn question(id: &str, values: &[&str], when: &[(&str, &[&str])]) -> Question {
        Question {
            id: id.into(),
            prompt: "Prompt?".into(),
            why: "Because.".into(),
            options: values
                .iter()
                .map(|v| WizardOption {
                    value: (*v).into(),
                    label: format!("label {v}"),
                    scenario: None,
                })
                .collect(),
            when: when
                .iter()
                .map(|(q, vs)| ((*q).into(), vs.iter().map(|v| (*v).to_string()).collect()))
                .collect(),
            scenario: None,
        }
    }

    fn messages(w: Wizard) -> Vec<String> {
        let k = Knowledge {
            wizard: w,
            ..Knowledge::default()
        };
        problems(&k).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_condition_on_a_later_question_is_reported() {
        let w = Wizard {
            questions: vec![
                question("first", &["a", "b"], &[("second", &["x"])]),
                question("second", &["x"], &[]),
            ],
            ..Wizard::default()
        };
        let found = messages(w);
        assert!(
            found.iter().any(
                |m| m.contains("question \"first\"") && m.contains("\"second\" is asked later")
            ),
            "{found:?}"
        );
    }

    #[test]
    fn bad_ids_duplicate_values_and_unknown_options_are_reported() {
        let w = Wizard {
            questions: vec![
                question("Bad-Id", &["a", "a"], &[]),
                question("next", &["x"], &[("Bad-Id", &["zzz"])]),
            ],
            rules: vec![Rule {
                id: "r".into(),
                when: [("next".to_string(), vec!["x".to_string()])].into(),
                recommend: vec![Recommendation {
                    strategy: "nope".into(),
                    reason: String::new(),
                    rank: 1,
                    with: vec![],
                }],
                avoid: vec![],
                checklist: vec![ChecklistItem {
                    text: "Do it".into(),
                    see: vec![EntryRef::new(EntryKind::Practice, "missing")],
                }],
                sources: vec![],
            }],
            as_of: String::new(),
        };
        let found = messages(w).join("\n");
        for needle in [
            "is not a question id",
            "value \"a\" is listed twice",
            "has no option \"zzz\"",
            "unknown strategy \"nope\"",
            "\"nope\" needs a reason",
            "unknown practice \"missing\"",
            "must list at least one source",
        ] {
            assert!(found.contains(needle), "missing {needle:?} in:\n{found}");
        }
    }

    #[test]
    fn an_empty_wizard_is_valid() {
        assert!(messages(Wizard::default()).is_empty());
    }
}
