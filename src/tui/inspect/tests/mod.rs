//! The Inspect tab without a terminal: actions and pastes in, state and intents out.

use super::*;

mod fields;
mod live;
mod mint;
mod report;
mod views;
use crate::inspect::report::{Profile, SignatureStatus};
use crate::inspect::{InspectOptions, inspect as run_inspect};
use crate::model::{EntryKind, Knowledge, Severity};
use crate::tui::test_support::ctx;
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyModifiers;

const AT: i64 = 1_798_761_600;
const AUD_SLASH: &str = include_str!("../../../../tests/fixtures/jwt/aud-slash.jwt");
const GOOD: &str = include_str!("../../../../tests/fixtures/jwt/good.jwt");
const WRAPPED: &str = include_str!("../../../../tests/fixtures/jwt/wrapped.jwt");
const REQUEST: &str = include_str!("../../../../tests/fixtures/jwt/request-body.txt");
const PUB_PEM: &str = include_str!("../../../../tests/fixtures/jwt/pub.pem");

fn fixture() -> Knowledge {
    Knowledge::from_files(&[
        (
            "checks.json",
            include_str!("../../../../tests/fixtures/inspect-tab/checks.json"),
        ),
        (
            "errors.json",
            include_str!("../../../../tests/fixtures/inspect-tab/errors.json"),
        ),
        (
            "glossary.json",
            include_str!("../../../../tests/fixtures/inspect-tab/glossary.json"),
        ),
    ])
    .expect("the inspect-tab fixture model is valid")
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(AT, 0).unwrap()
}

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/jwt/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Asserts that `intent` is a status message that mentions `part`.
fn assert_status(intent: Intent, part: &str) {
    let Intent::Status(why) = &intent else {
        panic!("expected a status message about {part:?}, got {intent:?}");
    };
    assert!(why.contains(part), "{why}");
}

struct Rig {
    k: Knowledge,
    theme: Theme,
    tab: Inspect,
}

impl Rig {
    fn new() -> Rig {
        Rig {
            k: fixture(),
            theme: Theme::dark(),
            tab: Inspect::new(Some(at())),
        }
    }

    /// A rig with `token` pasted into the token box.
    fn with(token: &str) -> Rig {
        let mut r = Rig::new();
        r.paste(token);
        r
    }

    fn ctx(&self) -> Ctx<'_> {
        ctx(&self.k, &self.theme, 80, 24)
    }

    fn act(&mut self, action: Action) -> Intent {
        let ctx = ctx(&self.k, &self.theme, 80, 24);
        self.tab.update(action, &ctx)
    }

    fn paste(&mut self, text: &str) -> Intent {
        let ctx = ctx(&self.k, &self.theme, 80, 24);
        self.tab.paste(text, &ctx)
    }

    fn key(&mut self, code: KeyCode) -> Intent {
        self.key_with(code, KeyModifiers::NONE)
    }

    fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Intent {
        let ctx = ctx(&self.k, &self.theme, 80, 24);
        self.tab.edit_text(&KeyEvent::new(code, modifiers), &ctx)
    }

    fn restore(&mut self, target: &EntryRef) -> bool {
        self.tab.restore(target, &ctx(&self.k, &self.theme, 80, 24))
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Applies `action` and carries out a key file read it asks `App` for, as `App` does.
    fn act_reading(&mut self, action: Action) {
        if let Intent::ReadKeyFile(path) = self.act(action) {
            let bytes = read_regular_file(&path);
            let ctx = ctx(&self.k, &self.theme, 80, 24);
            self.tab.key_file_read(&path, bytes, &ctx);
        }
    }

    /// Leaves the Key field with esc and carries out the file read it asks `App` for.
    fn leave_key(&mut self) {
        self.act_reading(Action::Cancel);
    }

    /// Focuses a field of the inspector by tabbing from the token box.
    fn focus_field(&mut self, field: Field) {
        self.act(Action::Edit);
        while self.tab.focus() != Focus::Field(field) {
            self.act(Action::NextField);
        }
    }

    fn summary_json_claims(&self) -> serde_json::Value {
        self.tab.evaluation().summary().unwrap().json["claims"].clone()
    }

    fn summary(&self) -> &Summary {
        match &self.tab.evaluation().outcome {
            Outcome::Report(s) => s,
            other => panic!("expected a report, found {other:?}"),
        }
    }

    fn select_field(&mut self, name: &str) {
        let s = self.summary();
        let index = s.findings.len()
            + s.sections
                .iter()
                .flat_map(|s| &s.fields)
                .position(|f| f.name == name)
                .unwrap();
        self.act(Action::Top);
        for _ in 0..index {
            self.act(Action::Down);
        }
        assert_eq!(self.tab.selected(), index);
    }
}
