//! The Inspect tab: paste a JWT (or a token request body, or JSON carrying one), give a key
//! and options, and read the domain inspector's verdict: header and claims explained from the
//! glossary, the signature badge, and findings with the Salesforce error each predicts. A mint
//! form signs a JWT bearer assertion from a private key.
//!
//! Everything typed or pasted stays in this struct, in memory: nothing is written to disk or
//! logged, and `Debug` output of the boxes that hold tokens and keys shows only their size.
//! Evaluation (decode, verify, checks) runs in `update` when an input changes; rendering only
//! reads the last result.

mod evaluate;
mod explain_pane;
mod form;
mod layout;
mod live_answer;
mod mint_form;
mod results;
mod summary;
mod text_box;
mod update;
mod view;
mod views;
mod wording;

#[cfg(test)]
mod tests;

pub use evaluate::{AtSource, Evaluation, KeyStatus, Outcome};
pub use explain_pane::{ExplainPane, is_error_response};
pub use form::{Field, MintField, ProfileChoice, read_regular_file};
pub use live_answer::LiveAnswer;
pub use mint_form::MintResult;
pub use summary::{FieldView, FindingView, Section, Summary, XmlLine};

use super::action::Action;
use super::component::{Component, Ctx, Intent};
use super::keymap::KeyContext;
use super::text_input::{Edit, TextInput};
use crate::inspect::input::{Assertion, MAX_INPUT_BYTES, detect};
use crate::inspect::keys::{KeyMaterial, MAX_KEY_BYTES};
use crate::model::EntryRef;
use chrono::{DateTime, Utc};
use evaluate::Inputs;
use form::KeyInput;
use layout::{inspect_areas, mint_areas};
use mint_form::MintForm;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use text_box::TextBox;

/// Longest text an option field takes (a URL, a username, a consumer key).
const MAX_OPTION_CHARS: usize = 2048;
/// Longest shared secret taken (HS512 keys are 64 bytes; some are base64 text of that).
const MAX_SECRET_BYTES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Inspect,
    Mint,
    /// A pasted error response explained from the catalog.
    Explain,
}

/// What has the keyboard in the inspector view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Results,
    Field(Field),
}

#[derive(Debug, Clone)]
pub struct Inspect {
    view: View,
    focus: Focus,
    /// `None`: the mint output has the keyboard.
    mint_focus: Option<MintField>,
    token: TextBox,
    key: TextBox,
    /// The key as last loaded (see [`Inspect::key_changed`]).
    key_loaded: Result<Option<KeyMaterial>, String>,
    /// The path whose file `key_loaded` came from, so an unchanged path is not read again.
    key_read: Option<String>,
    /// A TextBox, not a TextInput: its `Debug` never prints what it holds.
    secret: TextBox,
    profile: ProfileChoice,
    client_id: TextInput,
    username: TextInput,
    login_url: TextInput,
    at: TextInput,
    skew: TextInput,
    /// A fixed "now" (tests); `None` reads the system clock.
    clock: Option<DateTime<Utc>>,
    evaluation: Evaluation,
    /// The selected row of the results: findings first, then fields.
    selected: usize,
    scroll: usize,
    mint: MintForm,
    mint_scroll: usize,
    explain: ExplainPane,
    /// The Explain view's error box has the keyboard.
    explain_typing: bool,
    /// `Some(offset)`: the XML view has the keyboard, scrolled this many lines past its
    /// heading.
    xml_scroll: Option<usize>,
    /// The token is the assertion minted at this instant; it is evaluated then while the At
    /// field is empty. Any other token clears it.
    minted_at: Option<DateTime<Utc>>,
    /// The answer to the last `t`.
    live: Option<LiveAnswer>,
    /// Where `t` sends, as `App` last described it.
    target_label: String,
}

impl Inspect {
    /// An empty inspector. `clock` fixes the instant "now" stands for; `None` uses the system
    /// clock, read once per evaluation.
    pub fn new(clock: Option<DateTime<Utc>>) -> Self {
        let at = clock.unwrap_or_else(Utc::now);
        Inspect {
            view: View::Inspect,
            focus: Focus::Results,
            mint_focus: None,
            token: TextBox::new(MAX_INPUT_BYTES),
            key: TextBox::new(MAX_KEY_BYTES),
            key_loaded: Ok(None),
            key_read: None,
            secret: TextBox::new(MAX_SECRET_BYTES),
            profile: ProfileChoice::Auto,
            client_id: TextInput::new(MAX_OPTION_CHARS),
            username: TextInput::new(MAX_OPTION_CHARS),
            login_url: TextInput::new(MAX_OPTION_CHARS),
            at: TextInput::new(64),
            skew: TextInput::new(20),
            clock,
            evaluation: Evaluation {
                at,
                at_source: AtSource::Now,
                at_incomplete: None,
                key: KeyStatus::None,
                outcome: Outcome::Empty,
            },
            selected: 0,
            scroll: 0,
            mint: MintForm::default(),
            mint_scroll: 0,
            explain: ExplainPane::default(),
            explain_typing: false,
            minted_at: None,
            xml_scroll: None,
            live: None,
            target_label: "the local org".into(),
        }
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn mint_focus(&self) -> Option<MintField> {
        self.mint_focus
    }

    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    pub fn profile(&self) -> ProfileChoice {
        self.profile
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn token_text(&self) -> &str {
        self.token.text()
    }

    /// What a mint form field holds (not the private key, which is never read back).
    pub fn mint_input_text(&self, field: MintField) -> &str {
        self.mint.input(field).map_or("", TextInput::text)
    }

    pub fn mint_result(&self) -> &MintResult {
        &self.mint.result
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.unwrap_or_else(Utc::now)
    }

    fn input(&self, field: Field) -> Option<&TextInput> {
        match field {
            Field::ClientId => Some(&self.client_id),
            Field::Username => Some(&self.username),
            Field::LoginUrl => Some(&self.login_url),
            Field::At => Some(&self.at),
            Field::Skew => Some(&self.skew),
            Field::Token | Field::Key | Field::Secret | Field::Profile => None,
        }
    }

    fn input_mut(&mut self, field: Field) -> Option<&mut TextInput> {
        match field {
            Field::ClientId => Some(&mut self.client_id),
            Field::Username => Some(&mut self.username),
            Field::LoginUrl => Some(&mut self.login_url),
            Field::At => Some(&mut self.at),
            Field::Skew => Some(&mut self.skew),
            Field::Token | Field::Key | Field::Secret | Field::Profile => None,
        }
    }

    /// Runs the inspector again on the current inputs, keeping the selection where it can.
    fn evaluate(&mut self, ctx: &Ctx<'_>) {
        let inputs = Inputs {
            token: self.token.text(),
            key: &self.key_loaded,
            secret: self.secret.text().trim_end_matches(['\r', '\n']),
            profile: self.profile,
            client_id: self.client_id.text(),
            username: self.username.text(),
            login_url: self.login_url.text(),
            at: self.at.text(),
            skew: self.skew.text(),
            previous_at: Some((self.evaluation.at, self.evaluation.at_source)),
            minted_at: self.minted_at,
        };
        let clock = self.clock;
        self.evaluation =
            evaluate::evaluate(&inputs, || clock.unwrap_or_else(Utc::now), ctx.knowledge);
        let rows = self.evaluation.summary().map_or(0, Summary::row_count);
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.scroll = self.keep_selected_visible(self.scroll, ctx);
    }

    /// Replaces the token with new text, starting at the top of the results.
    fn replace_token(&mut self, text: &str, ctx: &Ctx<'_>) -> Intent {
        self.minted_at = None;
        self.xml_scroll = None;
        if !self.token.set_text(text) {
            return too_large("token", MAX_INPUT_BYTES);
        }
        self.selected = 0;
        self.scroll = 0;
        self.evaluate(ctx);
        Intent::None
    }

    fn results_look<'a>(&'a self, ctx: &Ctx<'a>) -> results::Look<'a> {
        let area = layout::text_area(inspect_areas(ctx.body).results);
        results::Look {
            selected: self.selected,
            focused: self.focus == Focus::Results,
            width: usize::from(area.width),
            theme: ctx.theme,
            knowledge: ctx.knowledge,
            answer: self.live.as_ref(),
        }
    }

    fn results_height(ctx: &Ctx<'_>) -> usize {
        usize::from(layout::text_area(inspect_areas(ctx.body).results).height)
    }

    /// The scroll offset that shows as much of the selected row as fits, moving as little as
    /// possible from `scroll`.
    fn keep_selected_visible(&self, scroll: usize, ctx: &Ctx<'_>) -> usize {
        let laid = results::lay_out(&self.evaluation, &self.results_look(ctx));
        effective_scroll(&laid, scroll, self.selected, Self::results_height(ctx))
    }

    fn select(&mut self, index: usize, ctx: &Ctx<'_>) {
        let rows = self.evaluation.summary().map_or(0, Summary::row_count);
        let Some(last) = rows.checked_sub(1) else {
            return;
        };
        self.selected = index.min(last);
        self.scroll = self.keep_selected_visible(self.scroll, ctx);
    }

    fn move_selection(&mut self, delta: isize, ctx: &Ctx<'_>) {
        self.select(self.selected.saturating_add_signed(delta), ctx);
    }

    /// The entry behind the selected row: a finding's check (or error), a field's term.
    fn selected_target(&self) -> Result<EntryRef, String> {
        let Some(summary) = self.evaluation.summary() else {
            return Err("nothing decoded yet: paste a token first".into());
        };
        if let Some(f) = summary.findings.get(self.selected) {
            return f
                .target
                .clone()
                .ok_or_else(|| format!("{} is not in the knowledge model", f.finding.check));
        }
        let index = self.selected - summary.findings.len();
        let field = summary.sections.iter().flat_map(|s| &s.fields).nth(index);
        match field {
            Some(f) => f
                .term
                .clone()
                .ok_or_else(|| format!("no glossary entry explains \"{}\"", f.name)),
            None => Err("nothing selected".into()),
        }
    }

    fn copy_json(&self) -> Intent {
        match self.evaluation.summary() {
            Some(s) => match serde_json::to_string_pretty(&s.json) {
                Ok(text) => Intent::Copy {
                    text: format!("{text}\n"),
                    label: "decoded JSON".into(),
                },
                Err(e) => Intent::Status(format!("cannot write JSON: {e}")),
            },
            None => Intent::Status("nothing decoded to copy".into()),
        }
    }

    /// The assertion alone, as the inspector found it in the input (no `Bearer `, no form,
    /// no line breaks).
    fn copy_compact(&self) -> Intent {
        match detect(self.token.text()) {
            Ok(d) => match d.assertion {
                Assertion::Jwt { token, .. } => Intent::Copy {
                    text: token,
                    label: "compact token".into(),
                },
                Assertion::Saml { text } => Intent::Copy {
                    text,
                    label: "SAML assertion".into(),
                },
            },
            Err(_) => Intent::Status("no token to copy".into()),
        }
    }

    fn token_width(ctx: &Ctx<'_>) -> usize {
        usize::from(layout::inner(inspect_areas(ctx.body).token).width)
    }
}

fn too_large(what: &str, limit: usize) -> Intent {
    Intent::Status(format!(
        "pasted {what} refused: the limit is {} KB",
        limit / 1024
    ))
}

/// The scroll offset that keeps the selected row's lines in view.
fn effective_scroll(laid: &results::Laid, scroll: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    let max = laid.lines.len().saturating_sub(height);
    let mut scroll = scroll.min(max);
    if let Some(row) = laid.row_lines(selected) {
        // The first row brings the verdict above it into view too.
        let start = if selected == 0 { 0 } else { row.start };
        if row.end > scroll + height {
            scroll = row.end - height;
        }
        if start < scroll {
            scroll = start;
        }
    }
    scroll.min(max)
}
