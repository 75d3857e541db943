//! The Inspect tab's other views and routes, beside the main inspector: the Explain view,
//! the XML view of a SAML report, the key and secret fields' loading, pastes routed here from
//! other tabs, and the mint form.

use super::*;

impl Inspect {
    pub fn explain_pane(&self) -> &ExplainPane {
        &self.explain
    }

    /// A token pasted elsewhere in the app: inspect it, results first.
    pub fn show_token(&mut self, text: &str, ctx: &Ctx<'_>) -> Intent {
        self.view = View::Inspect;
        self.focus = Focus::Results;
        self.replace_token(text, ctx)
    }

    /// An error response pasted anywhere: explain it.
    pub fn show_error(&mut self, text: &str) -> Intent {
        self.view = View::Explain;
        self.explain_typing = false;
        if !self.explain.set_text(text) {
            return too_large("error response", crate::explain::MAX_EXPLAIN_BYTES);
        }
        Intent::None
    }

    /// The Key field changed: pasted key material is parsed now (no I/O); a path waits for
    /// [`Inspect::commit_key`].
    pub(super) fn key_changed(&mut self) {
        self.key_loaded = match KeyInput::of(self.key.text()) {
            KeyInput::None => Ok(None),
            KeyInput::Pasted(text) => KeyMaterial::parse(text.as_bytes(), "pasted key").map(Some),
            KeyInput::Path(_) => Ok(None),
        };
        self.key_read = None;
    }

    /// The Key field was left (or `r` pressed): a path not read yet is read, by `App`.
    pub(super) fn commit_key(&mut self, again: bool) -> Intent {
        match KeyInput::of(self.key.text()) {
            KeyInput::Path(path) if again || self.key_read.as_deref() != Some(path) => {
                self.key_read = Some(path.to_string());
                Intent::ReadKeyFile(form::expand_home(path))
            }
            _ => Intent::None,
        }
    }

    /// The key file's bytes (or why it could not be read), from `App`.
    pub fn key_file_read(
        &mut self,
        path: &std::path::Path,
        bytes: Result<Vec<u8>, String>,
        ctx: &Ctx<'_>,
    ) -> Intent {
        if self.view == View::Mint {
            self.mint.key_file = Some((path.to_path_buf(), bytes));
            self.remint();
            return Intent::None;
        }
        let name = path.display().to_string();
        self.key_loaded = bytes
            .map_err(|e| wording::name_fields(&e))
            .and_then(|b| KeyMaterial::parse(&b, &name).map(Some));
        self.evaluate(ctx);
        Intent::None
    }

    /// Where the XML view scrolls while it has the keyboard.
    pub fn xml_scroll(&self) -> Option<usize> {
        self.xml_scroll
    }

    pub(super) fn toggle_xml(&mut self, ctx: &Ctx<'_>) -> Intent {
        if self.xml_scroll.take().is_some() {
            return Intent::None;
        }
        let has_xml = self.evaluation.summary().is_some_and(|s| s.xml.is_some());
        if !has_xml {
            return Intent::Status("no XML view: that is for a SAML message".into());
        }
        self.focus = Focus::Results;
        self.xml_scroll = Some(0);
        self.scroll_xml(Action::Top, ctx);
        Intent::None
    }

    /// Scrolls the results pane from the XML view's heading down, by line.
    pub(super) fn scroll_xml(&mut self, action: Action, ctx: &Ctx<'_>) {
        let Some(offset) = self.xml_scroll else {
            return;
        };
        let laid = results::lay_out(&self.evaluation, &self.results_look(ctx));
        let Some(start) = laid.xml_start() else {
            return;
        };
        let height = Self::results_height(ctx).max(1);
        let max = laid
            .lines
            .len()
            .saturating_sub(height)
            .saturating_sub(start);
        self.xml_scroll = Some(
            match action {
                Action::Down | Action::Wheel { up: false, .. } => offset + 1,
                Action::Up | Action::Wheel { up: true, .. } => offset.saturating_sub(1),
                Action::PageDown => offset + height,
                Action::PageUp => offset.saturating_sub(height),
                Action::Bottom => max,
                _ => 0,
            }
            .min(max),
        );
    }

    pub(super) fn update_xml(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::ToggleXml | Action::Back | Action::Cancel => self.xml_scroll = None,
            other => self.scroll_xml(other, ctx),
        }
        Intent::None
    }

    /// An HS256/384/512 token is on screen and no key or secret is given yet: what is pasted
    /// next (and is not another token) is its secret.
    pub(super) fn awaits_secret(&self) -> bool {
        let hmac = self
            .evaluation
            .summary()
            .and_then(|s| s.json.pointer("/header/alg"))
            .and_then(serde_json::Value::as_str)
            .is_some_and(|alg| alg.starts_with("HS"));
        hmac && self.secret.is_empty() && self.key.is_empty()
    }

    pub(super) fn set_secret(&mut self, text: &str, ctx: &Ctx<'_>) -> Intent {
        let fit = self.secret.set_text(text.trim_end_matches(['\r', '\n']));
        let done = "pasted into the Secret field for this HMAC token";
        self.secret_taken(fit, done, ctx)
    }

    /// After a paste into the secret (`fit`: all of it was taken): evaluates again and says
    /// `done` with the secret's size, never its text.
    pub(super) fn secret_taken(&mut self, fit: bool, done: &str, ctx: &Ctx<'_>) -> Intent {
        if !fit {
            return too_large("secret", MAX_SECRET_BYTES);
        }
        self.evaluate(ctx);
        let bytes = self.secret.text().len();
        Intent::Status(format!("{done} ({bytes} bytes, not shown)"))
    }

    pub(super) fn update_explain(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::Edit => self.explain_typing = true,
            Action::Back | Action::Cancel | Action::ToggleExplain => self.view = View::Inspect,
            other => return self.explain.update(other, ctx),
        }
        Intent::None
    }

    pub(super) fn open_mint(&mut self) {
        self.view = View::Mint;
        // Start from what the inspector was told, else from the token being inspected, when
        // the form is still empty: its iss, sub and aud are the client id, user and login URL.
        let claim = |name: &str| {
            self.evaluation
                .summary()
                .and_then(|s| s.json.pointer(&format!("/claims/{name}")))
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
        };
        let copies = [
            (&self.client_id, MintField::ClientId, claim("iss")),
            (&self.username, MintField::Username, claim("sub")),
            (&self.login_url, MintField::LoginUrl, claim("aud")),
        ];
        let mut fills = Vec::new();
        for (source, field, from_token) in copies {
            if !self.mint.input(field).is_some_and(TextInput::is_empty) {
                continue;
            }
            if !source.is_empty() {
                fills.push((field, source.text().to_string()));
            } else if let Some(value) = from_token {
                fills.push((field, value));
            }
        }
        for (field, text) in fills {
            if let Some(input) = self.mint.input_mut(field) {
                input.set_text(&text);
            }
        }
        self.remint();
        self.mint_focus = match &self.mint.result {
            MintResult::Incomplete(_) => MintField::ORDER.into_iter().find(|f| match f {
                MintField::Key => self.mint.key.is_empty(),
                other => self.mint.input(*other).is_some_and(TextInput::is_empty),
            }),
            _ => None,
        };
    }

    /// Leaving the mint form's Private key field reads a new key path, once, through `App`.
    pub(super) fn leave_mint_field(&mut self, left: Option<MintField>) -> Intent {
        match (left, self.mint.key_file_to_read()) {
            (Some(MintField::Key), Some(path)) => Intent::ReadKeyFile(path),
            _ => Intent::None,
        }
    }

    pub(super) fn remint(&mut self) {
        let at = self.now();
        self.mint.mint(at);
        self.mint_scroll = 0;
    }

    /// Scrolls the mint output, which can be taller than a small screen.
    pub(super) fn scroll_mint(&mut self, action: Action, ctx: &Ctx<'_>) {
        let body = layout::text_area(mint_areas(ctx.body).output);
        let lines = view::mint_output_lines(&self.mint.result, usize::from(body.width), ctx.theme);
        let height = usize::from(body.height).max(1);
        let max = lines.len().saturating_sub(height);
        let current = self.mint_scroll.min(max);
        self.mint_scroll = match action {
            Action::Down => current + 1,
            Action::Up => current.saturating_sub(1),
            Action::PageDown => current + height,
            Action::PageUp => current.saturating_sub(height),
            Action::Top => 0,
            _ => max,
        }
        .min(max);
    }

    pub(super) fn update_mint(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => self.scroll_mint(action, ctx),
            Action::Wheel { up, .. } => {
                self.scroll_mint(if up { Action::Up } else { Action::Down }, ctx);
            }
            Action::Edit => self.mint_focus = Some(MintField::ClientId),
            Action::Copy | Action::CopyRaw => {
                return match &self.mint.result {
                    MintResult::Minted {
                        curl, assertion, ..
                    } => {
                        if action == Action::Copy {
                            Intent::Copy {
                                text: curl.clone(),
                                label: "curl command".into(),
                            }
                        } else {
                            Intent::Copy {
                                text: assertion.clone(),
                                label: "signed assertion".into(),
                            }
                        }
                    }
                    _ => Intent::Status("nothing minted yet: fill in the form".into()),
                };
            }
            Action::Open => {
                let MintResult::Minted { assertion, at, .. } = &self.mint.result else {
                    return Intent::Status("nothing minted yet: fill in the form".into());
                };
                let (assertion, minted) = (assertion.clone(), *at);
                self.view = View::Inspect;
                self.focus = Focus::Results;
                self.replace_token(&assertion, ctx);
                self.minted_at = Some(minted);
                self.evaluate(ctx);
                let instant = crate::inspect::time::instant_text(self.evaluation.at);
                return Intent::Status(match self.evaluation.at_source {
                    AtSource::Minted => {
                        format!("inspecting the minted assertion at its issue time, {instant}")
                    }
                    _ => format!("inspecting the minted assertion at the At field's {instant}"),
                });
            }
            Action::Refresh => {
                self.remint();
                return Intent::Status("minted again from now".into());
            }
            Action::Paste => return Intent::PasteFromClipboard,
            Action::ToggleMint | Action::Cancel | Action::Back => self.view = View::Inspect,
            Action::Click { column, row } => {
                let form = mint_areas(ctx.body).form;
                let at = Position::new(column, row);
                if let Some(field) = MintField::ORDER
                    .into_iter()
                    .find(|f| layout::mint_cell(form, *f).contains(at))
                {
                    self.mint_focus = Some(field);
                }
            }
            _ => {}
        }
        Intent::None
    }
}
