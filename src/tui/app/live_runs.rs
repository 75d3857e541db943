//! Live runs from `App`'s side: starting them (and the local org, the first time), polling
//! their events in the event loop, and handing the events to the tab that asked.

use super::{App, make_ctx};
use crate::try_flow::live::{LiveJob, runnable};
use crate::tui::clipboard::Clipboard;
use crate::tui::component::Intent;
use crate::tui::live::{RunFor, TargetInput};

impl<C: Clipboard> App<C> {
    pub(super) fn run_live(&mut self, flow: &str) {
        let Some(kind) = runnable(flow) else {
            self.status = Some(format!("{flow} cannot run live"));
            return;
        };
        let starting_local = self.live.local_url().is_none();
        match self.live.start(
            &self.knowledge,
            LiveJob::Flow(kind),
            RunFor::Flow(flow.into()),
        ) {
            Ok(()) => {
                let label = self.live.target_label();
                self.tabs.flows.set_target_label(label.clone());
                self.tabs.inspect.set_target_label(label.clone());
                let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
                self.tabs.flows.live_started(flow, &ctx);
                let started = if starting_local && self.live.local_url().is_some() {
                    "started the local org; "
                } else {
                    ""
                };
                self.status = Some(format!("{started}running {flow} live against {label}"));
            }
            Err(e) => self.status = Some(format!("cannot run live: {e}")),
        }
    }

    pub(super) fn try_assertion(&mut self, assertion: String) {
        match self.live.start(
            &self.knowledge,
            LiveJob::Assertion(assertion),
            RunFor::Inspect,
        ) {
            Ok(()) => {
                let label = self.live.target_label();
                self.tabs.flows.set_target_label(label.clone());
                self.tabs.inspect.set_target_label(label.clone());
                self.tabs.inspect.live_started();
                self.status = Some(format!("sending the assertion to {label}"));
            }
            Err(e) => self.status = Some(format!("cannot send: {e}")),
        }
    }

    pub(super) fn set_target(&mut self, input: &TargetInput) {
        match self.live.set_target(input) {
            Ok(message) => {
                let label = self.live.target_label();
                self.tabs.flows.set_target_label(label.clone());
                self.tabs.inspect.set_target_label(label);
                self.status = Some(message);
            }
            Err(e) => self.status = Some(format!("target not changed: {e}")),
        }
    }

    /// Hands the events that arrived to the tab whose run it is.
    pub(super) fn poll_live(&mut self) {
        let Some((for_tab, events)) = self.live.poll() else {
            return;
        };
        let ctx = make_ctx(&self.knowledge, &self.theme, self.screen);
        let intent = match for_tab {
            RunFor::Flow(_) => self.tabs.flows.live_events(events, &ctx),
            RunFor::Inspect => self.tabs.inspect.live_events(events),
        };
        if intent != Intent::None {
            self.apply(intent);
        }
    }
}
