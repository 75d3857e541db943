//! What the Flows tab shows of a live run: each diagram step's state as the run's events
//! arrive, and the finished attempt. Fed by `App` with the runner's events; read by the view.

use crate::model::doc::Block;
use crate::model::{Flow, Knowledge, StepKind};
use crate::try_flow::http::Exchange;
use crate::try_flow::live::LiveEvent;
use crate::try_flow::live_steps::Landing;
use crate::try_flow::{Attempt, Outcome, Prompt, TryError};
use crate::tui::live::blocks;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Waiting,
    Running,
    Done,
    Failed,
    /// Passed over: an internal step, which has no HTTP message to show.
    NoHttp,
    /// Passed over: this run did not need it.
    Skipped,
    /// After the step the run stopped on.
    NotReached,
}

impl StepState {
    pub fn mark(self) -> char {
        match self {
            StepState::Waiting | StepState::NotReached => '·',
            StepState::Running => '…',
            StepState::Done => '✓',
            StepState::Failed => '✗',
            StepState::NoHttp => '∘',
            StepState::Skipped => '-',
        }
    }
}

#[derive(Debug, Clone)]
pub struct StepLive {
    pub state: StepState,
    /// The exchange whose request this step sent.
    pub request: Option<Exchange>,
    /// The exchange whose response this step shows.
    pub response: Option<Exchange>,
    pub prompt: Option<(Prompt, String)>,
}

#[derive(Debug, Clone)]
pub struct LiveRun {
    pub flow_id: String,
    pub target: String,
    pub steps: Vec<StepLive>,
    pub result: Option<Result<Attempt, TryError>>,
    /// The step the run stopped on when it failed.
    pub failed_at: Option<usize>,
    /// The step that sent the token request: the findings on what was sent go there.
    pub sent_at: Option<usize>,
    pub problems: Vec<String>,
    last: Option<usize>,
}

impl LiveRun {
    pub fn new(flow: &Flow, target: String) -> Self {
        let step = StepLive {
            state: StepState::Waiting,
            request: None,
            response: None,
            prompt: None,
        };
        LiveRun {
            flow_id: flow.id.clone(),
            target,
            steps: vec![step; flow.steps.len()],
            result: None,
            failed_at: None,
            sent_at: None,
            problems: Vec::new(),
            last: None,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.result.is_some()
    }

    /// Applies one event; returns the step it concerns, for the cursor to follow.
    pub fn apply(&mut self, flow: &Flow, event: LiveEvent) -> Option<usize> {
        match event {
            LiveEvent::StepStarted(step) => {
                self.set(step, StepState::Running);
                Some(step)
            }
            LiveEvent::Exchange { landing, exchange } => {
                let landing = landing?;
                self.pass(flow, &landing);
                let ok = exchange.status < 400;
                let state = if ok {
                    StepState::Done
                } else {
                    StepState::Failed
                };
                if exchange.url.contains(crate::try_flow::TOKEN_PATH) && self.sent_at.is_none() {
                    self.sent_at = Some(landing.step);
                }
                let shown = landing.response.unwrap_or(landing.step);
                if let Some(s) = self.steps.get_mut(landing.step) {
                    s.state = if landing.response.is_some() {
                        StepState::Done
                    } else {
                        state
                    };
                    s.request = Some(exchange.clone());
                }
                if let Some(r) = landing.response.and_then(|r| self.steps.get_mut(r)) {
                    r.state = state;
                    r.response = Some(exchange);
                }
                self.last = Some(shown);
                Some(shown)
            }
            LiveEvent::Prompt {
                landing,
                prompt,
                note,
            } => {
                let landing = landing?;
                self.pass(flow, &landing);
                if let Some(s) = self.steps.get_mut(landing.step) {
                    s.state = StepState::Done;
                    s.prompt = Some((prompt, note));
                }
                self.last = Some(landing.step);
                Some(landing.step)
            }
            LiveEvent::Problem(p) => {
                self.problems.push(p);
                None
            }
            LiveEvent::Finished(result) => Some(self.finish(result)),
        }
    }

    fn set(&mut self, step: usize, state: StepState) {
        if let Some(s) = self.steps.get_mut(step)
            && s.state == StepState::Waiting
        {
            s.state = state;
        }
    }

    fn pass(&mut self, flow: &Flow, landing: &Landing) {
        for &i in &landing.passed {
            let internal = flow
                .steps
                .get(i)
                .is_some_and(|s| s.kind == StepKind::Internal);
            if let Some(s) = self.steps.get_mut(i)
                && matches!(s.state, StepState::Waiting | StepState::Running)
            {
                s.state = if internal {
                    StepState::NoHttp
                } else {
                    StepState::Skipped
                };
            }
        }
    }

    /// The step the finished run is shown on: where it failed, else its last step.
    fn finish(&mut self, result: Result<Attempt, TryError>) -> usize {
        let failed = match &result {
            Ok(a) => matches!(a.outcome, Outcome::Refused(_)),
            Err(_) => true,
        };
        let running = self
            .steps
            .iter()
            .position(|s| s.state == StepState::Running);
        let at = if failed {
            let at = match &result {
                Ok(_) => self.last.or(running),
                Err(_) => running.or(self.last),
            }
            .unwrap_or(0);
            if let Some(s) = self.steps.get_mut(at) {
                s.state = StepState::Failed;
            }
            self.failed_at = Some(at);
            at
        } else {
            self.last.unwrap_or(0)
        };
        for (i, s) in self.steps.iter_mut().enumerate() {
            if i != at && matches!(s.state, StepState::Waiting | StepState::Running) {
                s.state = if i < at || !failed {
                    StepState::Skipped
                } else {
                    StepState::NotReached
                };
            }
        }
        self.result = Some(result);
        at
    }

    /// `✓1 ✓2 …3 ·4`: every step's state in one line.
    pub fn strip(&self) -> String {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}{}", s.state.mark(), i + 1))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One line for the run as a whole.
    pub fn headline(&self) -> String {
        match &self.result {
            None => "running…".to_string(),
            Some(Ok(a)) => match &a.outcome {
                Outcome::Granted(_) => "granted".to_string(),
                Outcome::Refused(r) => format!(
                    "refused at step {}: {}",
                    self.failed_at.map_or(0, |s| s + 1),
                    r.line()
                ),
            },
            Some(Err(e)) => format!(
                "stopped at step {}: {e}",
                self.failed_at.map_or(0, |s| s + 1)
            ),
        }
    }

    /// The live part of step `i`'s details.
    pub fn blocks(&self, k: &Knowledge, i: usize) -> Vec<Block> {
        let Some(step) = self.steps.get(i) else {
            return Vec::new();
        };
        let mut out = vec![
            Block::Heading(format!("Live run: {}", self.headline())),
            Block::Field("Target".into(), self.target.clone()),
            Block::Field("Steps".into(), self.strip()),
        ];
        out.push(Block::Field("This step".into(), state_text(step).into()));
        let shown_at = self.failed_at.or(self.last);
        if shown_at == Some(i) {
            match &self.result {
                Some(Ok(a)) => out.extend(blocks::outcome(k, a, &self.flow_id)),
                Some(Err(e)) => out.extend(blocks::error(e)),
                None => {}
            }
        }
        if let Some((prompt, note)) = &step.prompt {
            let asked = match prompt {
                Prompt::Browser { url } => format!("log in and approve at {url}"),
                Prompt::DeviceCode {
                    user_code,
                    verification_uri,
                } => format!("enter the code {user_code} at {verification_uri}"),
            };
            out.push(Block::Paragraph(format!("{asked} ({note})")));
        }
        if let Some(x) = &step.request {
            out.push(blocks::request(x));
            if step.response.is_none() {
                out.push(blocks::response(x));
            }
        }
        if let Some(x) = &step.response {
            out.push(blocks::response(x));
        }
        let attempt = self.result.as_ref().and_then(|r| r.as_ref().ok());
        if self.sent_at == Some(i)
            && let Some(a) = attempt
        {
            out.extend(blocks::findings(&a.findings));
        }
        for p in &self.problems {
            out.push(Block::Paragraph(format!("Note: {p}")));
        }
        out
    }
}

fn state_text(step: &StepLive) -> &'static str {
    match step.state {
        StepState::Waiting => "not reached yet",
        StepState::Running => "in progress…",
        StepState::Done => "done",
        StepState::Failed => "failed: the run stopped here",
        StepState::NoHttp => "done without an HTTP message of its own",
        StepState::Skipped => "not part of this run",
        StepState::NotReached => "not reached: the run stopped before it",
    }
}
