//! Cross-entry validation of the merged model: id shapes, references, and per-kind rules.

use super::Knowledge;
use super::entry::EntryView;
use super::id::{Id, IdKind};
use super::kind::{EntryKind, EntryRef};
use super::problem::Problem;
use super::types::*;
use std::collections::HashSet;

pub(super) fn validate(k: &Knowledge) -> Vec<Problem> {
    let mut v = Validator { k, out: Vec::new() };
    for entry in k.all_entries() {
        v.common(&entry);
    }
    for s in &k.strategies {
        v.strategy(s);
    }
    for f in &k.flows {
        v.flow(f);
    }
    for e in &k.errors {
        v.error(e);
    }
    for c in &k.checks {
        v.check(c);
    }
    for c in &k.cards {
        v.card(c);
    }
    v.out.extend(super::validate_wizard::problems(k));
    v.out
}

struct Validator<'a> {
    k: &'a Knowledge,
    out: Vec<Problem>,
}

impl Validator<'_> {
    fn push(&mut self, at: &EntryRef, field: &str, message: String) {
        let file = self.k.origin_file(at);
        self.out.push(Problem::new(
            file,
            format!("{} \"{}\"", at.kind, at.id),
            field,
            message,
        ));
    }

    fn common(&mut self, e: &EntryView<'_>) {
        let at = e.entry_ref();
        let id_ok = if at.kind == EntryKind::Check {
            is_check_id(&at.id)
        } else {
            is_kebab(&at.id)
        };
        if !id_ok {
            let shape = if at.kind == EntryKind::Check {
                "a capital letter and a number, e.g. J6"
            } else {
                "kebab-case (a-z, 0-9, single hyphens)"
            };
            self.push(&at, "id", format!("\"{}\" is not {shape}", at.id));
        }
        if at.kind != EntryKind::Note && e.sources().is_empty() {
            self.push(&at, "sources", "must list at least one source".into());
        }
        if e.as_of().trim().is_empty() {
            self.push(&at, "as_of", "must not be empty".into());
        }
        let field = if at.kind == EntryKind::Card {
            "refs"
        } else {
            "related"
        };
        for r in e.related() {
            self.reference(&at, field, r);
        }
    }

    /// References are well-formed once deserialized; what is left is whether they resolve.
    fn reference(&mut self, at: &EntryRef, field: &str, target: &EntryRef) {
        if !self.k.contains(target) {
            let EntryRef { kind, id } = target;
            self.push(at, field, format!("unknown {kind} \"{id}\""));
        }
    }

    /// A bare id field resolves like a reference to the kind its type names.
    fn link<K: IdKind>(&mut self, at: &EntryRef, field: &str, id: &Id<K>) {
        self.reference(at, field, &id.entry_ref());
    }

    fn strategy(&mut self, s: &Strategy) {
        let at = EntryRef::new(EntryKind::Strategy, &s.id);
        if let Some(flow) = &s.flow {
            self.link(&at, "flow", flow);
        }
        for id in &s.status.replaced_by {
            self.link(&at, "status.replaced_by", id);
        }
        for (field, list) in [
            ("when_to_use", &s.when_to_use),
            ("when_not_to_use", &s.when_not_to_use),
            ("setup", &s.setup),
        ] {
            if list.is_empty() {
                self.push(&at, field, "must not be empty".into());
            }
        }
    }

    fn flow(&mut self, f: &Flow) {
        let at = EntryRef::new(EntryKind::Flow, &f.id);
        self.link(&at, "strategy", &f.strategy);
        let mut ids = HashSet::new();
        for p in &f.participants {
            if !ids.insert(p.id.as_str()) {
                self.push(
                    &at,
                    "participants",
                    format!("participant \"{}\" is listed twice", p.id),
                );
            }
        }
        if f.steps.is_empty() {
            self.push(&at, "steps", "a flow needs at least one step".into());
        }
        for (i, step) in f.steps.iter().enumerate() {
            let field = format!("steps[{}]", i + 1);
            for end in [&step.from, &step.to] {
                if !ids.contains(end.as_str()) {
                    self.push(&at, &field, format!("unknown participant \"{end}\""));
                }
            }
            let is_self = step.from == step.to;
            if (step.kind == StepKind::Internal) != is_self {
                self.push(
                    &at,
                    &field,
                    "internal steps go from a participant to itself, and only they do".into(),
                );
            }
        }
    }

    fn error(&mut self, e: &ErrorEntry) {
        let at = EntryRef::new(EntryKind::Error, &e.id);
        for f in &e.flows {
            self.link(&at, "flows", f);
        }
        for c in &e.checks {
            self.link(&at, "checks", c);
        }
        if e.error.is_empty() && e.login_history.is_none() {
            self.push(
                &at,
                "error",
                "needs an error code, or a login_history status when no response carries one"
                    .into(),
            );
        }
        if e.error
            .contains(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        {
            self.push(
                &at,
                "error",
                format!(
                    "\"{}\" is not an error code (letters, digits and '_'); put a Login History \
                     status in login_history",
                    e.error
                ),
            );
        }
        if e.causes.is_empty() {
            self.push(&at, "causes", "must not be empty".into());
        }
        if e.fixes.is_empty() {
            self.push(&at, "fixes", "must not be empty".into());
        }
    }

    fn check(&mut self, c: &Check) {
        let at = EntryRef::new(EntryKind::Check, &c.id);
        if let Some(p) = &c.predicts {
            self.link(&at, "predicts", p);
        }
        if c.profiles.is_empty() {
            self.push(&at, "profiles", "must name at least one profile".into());
        }
    }

    fn card(&mut self, c: &Card) {
        let at = EntryRef::new(EntryKind::Card, &c.id);
        if !(1..=3).contains(&c.difficulty) {
            self.push(
                &at,
                "difficulty",
                format!("{} is not 1, 2 or 3", c.difficulty),
            );
        }
        if c.refs.is_empty() {
            self.push(
                &at,
                "refs",
                "a card must refer to at least one entry".into(),
            );
        }
        if !c.choices.is_empty() {
            let correct = c.choices.iter().filter(|ch| ch.correct).count();
            if correct != 1 {
                self.push(
                    &at,
                    "choices",
                    format!("exactly one choice must be correct, found {correct}"),
                );
            }
            if c.choices.len() < 2 {
                self.push(&at, "choices", "needs at least two choices".into());
            }
        }
        if !c.steps.is_empty() {
            if !c.choices.is_empty() {
                self.push(
                    &at,
                    "steps",
                    "a card is answered with choices or with steps, not both".into(),
                );
            }
            let distinct: std::collections::HashSet<&str> =
                c.steps.iter().map(|s| s.trim()).collect();
            if distinct.len() < 3 || distinct.contains("") {
                self.push(
                    &at,
                    "steps",
                    "needs at least three distinct, non-empty steps".into(),
                );
            }
        }
    }
}

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_check_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && id.len() > 1
        && chars.all(|c| c.is_ascii_digit())
}
