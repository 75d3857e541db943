//! The Inspect tab as a component: actions and keys in, view state changes and intents out.

use super::*;

impl Inspect {
    fn update_results(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let page = Self::results_height(ctx).max(2) / 2;
        if let Some(index) = action.list_target(self.selected, page) {
            self.select(index, ctx);
            return Intent::None;
        }
        match action {
            Action::Open => {
                return match self.selected_target() {
                    Ok(target) => Intent::JumpTo(target),
                    Err(why) => Intent::Status(why),
                };
            }
            Action::Edit => self.focus = Focus::Field(Field::Token),
            Action::NextProfile => {
                self.profile = self.profile.step(true);
                self.evaluate(ctx);
                return Intent::Status(format!("profile: {}", self.profile.label()));
            }
            Action::Refresh => {
                let reread = self.commit_key(true);
                if reread != Intent::None {
                    return reread;
                }
                self.evaluate(ctx);
                return Intent::Status(format!(
                    "evaluated at {}",
                    crate::inspect::time::instant_text(self.evaluation.at)
                ));
            }
            Action::Copy => return self.copy_json(),
            Action::CopyRaw => return self.copy_compact(),
            Action::Paste => return Intent::PasteFromClipboard,
            Action::ToggleMint => self.open_mint(),
            Action::ToggleExplain => {
                self.view = View::Explain;
                self.explain_typing = self.explain.input.is_empty();
            }
            Action::ToggleXml => return self.toggle_xml(ctx),
            Action::TryLive => return self.try_live(),
            Action::Back => return Intent::Back,
            Action::Wheel { up, column, row }
                if inspect_areas(ctx.body)
                    .results
                    .contains(Position::new(column, row)) =>
            {
                self.move_selection(if up { -1 } else { 1 }, ctx);
            }
            Action::Click { column, row } => self.click(Position::new(column, row), ctx),
            _ => {}
        }
        Intent::None
    }

    fn click(&mut self, at: Position, ctx: &Ctx<'_>) {
        let areas = inspect_areas(ctx.body);
        if areas.token.contains(at) {
            self.focus = Focus::Field(Field::Token);
            return;
        }
        if let Some(field) = Field::ORDER
            .into_iter()
            .skip(1)
            .find(|f| layout::option_cell(areas.options, *f).contains(at))
        {
            self.focus = Focus::Field(field);
            return;
        }
        let text = layout::text_area(areas.results);
        if !text.contains(at) {
            return;
        }
        self.focus = Focus::Results;
        let laid = results::lay_out(&self.evaluation, &self.results_look(ctx));
        let height = usize::from(text.height);
        let scroll = effective_scroll(&laid, self.scroll, self.selected, height);
        let line = scroll + usize::from(at.y - text.y);
        if let Some(row) = laid.row_at(line) {
            self.selected = row;
            self.scroll = scroll;
            self.scroll = self.keep_selected_visible(self.scroll, ctx);
        }
    }

    /// Actions while a field has the keyboard (keys the form binds; the rest are typed).
    fn update_form(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        let leaving_key = self.view == View::Inspect && self.focus == Focus::Field(Field::Key);
        let intent = self.update_form_focus(action, ctx);
        if leaving_key && self.focus != Focus::Field(Field::Key) {
            return self.commit_key(false);
        }
        intent
    }

    fn update_form_focus(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        match (self.view, action) {
            (View::Inspect, Action::Cancel) => self.focus = Focus::Results,
            (View::Inspect, Action::NextField | Action::PrevField) => {
                if let Focus::Field(f) = self.focus {
                    self.focus = Focus::Field(f.step(action == Action::NextField));
                }
            }
            (View::Mint, Action::Cancel) => {
                let left = self.mint_focus.take();
                return self.leave_mint_field(left);
            }
            (View::Explain, Action::Cancel) => self.explain_typing = false,
            (View::Mint, Action::NextField | Action::PrevField) => {
                let left = self.mint_focus;
                self.mint_focus = self.mint_focus.map(|f| f.step(action == Action::NextField));
                return self.leave_mint_field(left);
            }
            (_, Action::Paste) => return Intent::PasteFromClipboard,
            (View::Inspect, Action::Click { column, row }) => {
                self.click(Position::new(column, row), ctx);
            }
            (View::Mint, Action::Click { .. }) => return self.update_mint(action, ctx),
            _ => {}
        }
        Intent::None
    }
}

impl Component for Inspect {
    fn key_context(&self) -> KeyContext {
        if self.text_focused() {
            return KeyContext::InspectForm;
        }
        match self.view {
            View::Inspect if self.xml_scroll.is_some() => KeyContext::InspectXml,
            View::Inspect => KeyContext::InspectResults,
            View::Explain => KeyContext::InspectExplain,
            View::Mint => KeyContext::InspectMint,
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx<'_>) -> Intent {
        if self.text_focused() {
            return self.update_form(action, ctx);
        }
        match self.view {
            View::Inspect if self.xml_scroll.is_some() => self.update_xml(action, ctx),
            View::Inspect => self.update_results(action, ctx),
            View::Mint => self.update_mint(action, ctx),
            View::Explain => self.update_explain(action, ctx),
        }
    }

    fn text_focused(&self) -> bool {
        match self.view {
            View::Inspect => matches!(self.focus, Focus::Field(_)),
            View::Mint => self.mint_focus.is_some(),
            View::Explain => self.explain_typing,
        }
    }

    fn edit_text(&mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> Intent {
        if self.view == View::Explain {
            if self.explain.input.handle_key(key, usize::MAX) == Edit::Changed {
                self.explain.link = None;
                self.explain.scroll = 0;
            }
            return Intent::None;
        }
        if self.view == View::Mint {
            let edit = match self.mint_focus {
                Some(MintField::Key) => self.mint.key.handle_key(key, usize::MAX),
                Some(field) => self
                    .mint
                    .input_mut(field)
                    .map_or(Edit::Ignored, |i| i.handle_key(key)),
                None => Edit::Ignored,
            };
            if edit == Edit::Changed {
                self.remint();
            }
            return Intent::None;
        }
        let Focus::Field(field) = self.focus else {
            return Intent::None;
        };
        let edit = match field {
            Field::Token => self.token.handle_key(key, Self::token_width(ctx)),
            Field::Key => {
                let edit = self.key.handle_key(key, usize::MAX);
                if edit == Edit::Changed {
                    self.key_changed();
                }
                edit
            }
            Field::Secret => self.secret.handle_key(key, usize::MAX),
            Field::Profile => match key.code {
                KeyCode::Char(' ') | KeyCode::Right => {
                    self.profile = self.profile.step(true);
                    Edit::Changed
                }
                KeyCode::Left => {
                    self.profile = self.profile.step(false);
                    Edit::Changed
                }
                _ => Edit::Ignored,
            },
            other => self
                .input_mut(other)
                .map_or(Edit::Ignored, |i| i.handle_key(key)),
        };
        if edit == Edit::Changed {
            if field == Field::Token {
                self.minted_at = None;
            }
            self.evaluate(ctx);
        }
        Intent::None
    }

    fn paste(&mut self, text: &str, ctx: &Ctx<'_>) -> Intent {
        if self.view == View::Explain {
            return self.show_error(text);
        }
        if self.view == View::Mint {
            let intent = match self.mint_focus {
                Some(MintField::Key) => {
                    if !self.mint.key.insert_str(text) {
                        return too_large("key", MAX_KEY_BYTES);
                    }
                    Intent::None
                }
                Some(field) => {
                    if let Some(input) = self.mint.input_mut(field) {
                        input.insert_str(text);
                    }
                    Intent::None
                }
                None if text.contains("-----BEGIN") => {
                    if !self.mint.key.set_text(text) {
                        return too_large("key", MAX_KEY_BYTES);
                    }
                    Intent::Status("pasted the private key".into())
                }
                None => {
                    return Intent::Status("press i to choose a field, then paste into it".into());
                }
            };
            self.remint();
            return intent;
        }
        match self.focus {
            Focus::Results if self.awaits_secret() && !text.trim_start().starts_with("eyJ") => {
                self.set_secret(text, ctx)
            }
            Focus::Results => self.replace_token(text, ctx),
            Focus::Field(Field::Token) => {
                if !self.token.insert_str(text) {
                    return too_large("token", MAX_INPUT_BYTES);
                }
                self.minted_at = None;
                self.evaluate(ctx);
                Intent::None
            }
            Focus::Field(Field::Key) => {
                if !self.key.insert_str(text) {
                    return too_large("key", MAX_KEY_BYTES);
                }
                self.key_changed();
                self.evaluate(ctx);
                Intent::None
            }
            Focus::Field(Field::Secret) => {
                let fit = self.secret.insert_str(text.trim_end_matches(['\r', '\n']));
                self.secret_taken(fit, "secret set", ctx)
            }
            Focus::Field(Field::Profile) => {
                Intent::Status("the profile is a choice: space or ←/→ changes it".into())
            }
            Focus::Field(field) => {
                if let Some(input) = self.input_mut(field) {
                    input.insert_str(text);
                }
                self.evaluate(ctx);
                Intent::None
            }
        }
    }

    /// No entry lives in this tab: links from it open in the tab of their kind.
    fn show(&mut self, _entry: &EntryRef, _ctx: &Ctx<'_>) -> bool {
        false
    }

    /// Going back to where a jump from here started: select the row that jumped, if it is
    /// still there.
    fn restore(&mut self, target: &EntryRef, ctx: &Ctx<'_>) -> bool {
        self.view = View::Inspect;
        self.focus = Focus::Results;
        if let Some(summary) = self.evaluation.summary() {
            let targets = summary.findings.iter().map(|f| f.target.as_ref()).chain(
                summary
                    .sections
                    .iter()
                    .flat_map(|s| &s.fields)
                    .map(|f| f.term.as_ref()),
            );
            let found = targets
                .enumerate()
                .filter(|(_, t)| *t == Some(target))
                .map(|(i, _)| i)
                .min_by_key(|i| i.abs_diff(self.selected));
            if let Some(row) = found {
                self.select(row, ctx);
            }
        }
        true
    }

    fn location(&self) -> Option<EntryRef> {
        if self.view != View::Inspect {
            return None;
        }
        self.selected_target().ok()
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        view::render(self, frame, area, ctx);
    }

    fn cursor(&self, area: Rect, _ctx: &Ctx<'_>) -> Option<Position> {
        view::cursor(self, area)
    }
}
