//! Carrying out the intents tabs return: the clipboard, jumps, the status line, file reads
//! and live runs. Tabs never do these themselves.

use super::{App, make_ctx};
use crate::tui::clipboard::{Clipboard, copy_message};
use crate::tui::component::Intent;

impl<C: Clipboard> App<C> {
    pub(super) fn apply(&mut self, intent: Intent) {
        match intent {
            Intent::None => {}
            Intent::Copy { text, label } => {
                self.status = Some(match self.clipboard.copy(&text) {
                    Ok(route) => copy_message(route, &label, text.len(), self.in_tmux),
                    Err(e) => format!("copy failed: {e}"),
                });
            }
            Intent::JumpTo(target) => self.jump(target),
            Intent::Back => self.back(),
            Intent::Quit => self.quit = true,
            Intent::Status(message) => self.status = Some(message),
            Intent::SwitchTab(tab) => self.switch_to(tab),
            Intent::PasteFromClipboard => match self.clipboard.paste() {
                Ok(text) => {
                    let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
                    let tab = self.tabs.get_mut(self.active);
                    // A paste cannot ask for another paste; anything else is carried out.
                    match tab.paste(&text, &ctx) {
                        Intent::PasteFromClipboard => {}
                        other => self.apply(other),
                    }
                }
                Err(e) => self.status = Some(format!("paste failed: {e}")),
            },
            Intent::SaveReview(answered) => {
                if let Some(message) = self.progress_file.save(&answered) {
                    self.status = Some(message);
                }
            }
            Intent::ReadKeyFile(path) => {
                let bytes = crate::tui::inspect::read_regular_file(&path);
                let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
                let intent = self.tabs.inspect.key_file_read(&path, bytes, &ctx);
                self.apply(intent);
            }
            Intent::RunLive { flow } => self.run_live(&flow),
            Intent::TryAssertion(assertion) => self.try_assertion(assertion),
            Intent::SetTarget(input) => self.set_target(&input),
        }
    }
}
