//! `t` in Inspect: the inspected JWT bearer assertion sent to the live target, and the answer
//! shown under the findings: the HTTP status, the body (secrets redacted), and the refusal
//! explained or the identity granted. `App` sends it and hands the events back.

use super::Inspect;
use crate::inspect::input::{Assertion, detect};
use crate::model::Knowledge;
use crate::model::doc::Block;
use crate::try_flow::live::LiveEvent;
use crate::try_flow::{Attempt, TryError};
use crate::tui::component::Intent;
use crate::tui::document;
use crate::tui::live::blocks;
use crate::tui::theme::Theme;
use ratatui::text::Line;

#[derive(Debug, Clone)]
pub struct LiveAnswer {
    /// Where the answer came from (or where the request went).
    pub target: String,
    /// `None` while waiting for the answer.
    pub result: Option<Result<Attempt, TryError>>,
    pub problems: Vec<String>,
}

impl LiveAnswer {
    pub fn blocks(&self, k: &Knowledge) -> Vec<Block> {
        let mut out = vec![Block::Heading(format!("Sent to {}", self.target))];
        match &self.result {
            None => out.push(Block::Paragraph("waiting for the answer…".into())),
            Some(Ok(a)) => {
                for x in &a.exchanges {
                    out.push(blocks::response(x));
                }
                out.extend(blocks::outcome(k, a, "jwt-bearer"));
            }
            Some(Err(e)) => out.extend(blocks::error(e)),
        }
        for p in &self.problems {
            out.push(Block::Paragraph(format!("Note: {p}")));
        }
        out
    }

    /// The answer as lines `width` wide, for the results pane.
    pub fn lines(&self, k: &Knowledge, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let width = u16::try_from(width).unwrap_or(u16::MAX);
        document::render(&self.blocks(k), k, None, width, theme, None).lines
    }
}

impl Inspect {
    /// `t`: the assertion as the inspector found it in the input, for `App` to send.
    pub(super) fn try_live(&self) -> Intent {
        match detect(self.token.text()) {
            Ok(d) => match d.assertion {
                Assertion::Jwt { token, .. } => Intent::TryAssertion(token),
                Assertion::Saml { .. } => Intent::Status(
                    "t sends JWT bearer assertions; a SAML assertion runs with sfauth try saml-bearer"
                        .into(),
                ),
            },
            Err(_) => Intent::Status(
                "nothing to send: paste a JWT bearer assertion (or mint one with m) first".into(),
            ),
        }
    }

    pub fn set_target_label(&mut self, label: String) {
        self.target_label = label;
    }

    pub fn live_answer(&self) -> Option<&LiveAnswer> {
        self.live.as_ref()
    }

    /// `App` sent the assertion.
    pub fn live_started(&mut self) {
        self.live = Some(LiveAnswer {
            target: self.target_label.clone(),
            result: None,
            problems: Vec::new(),
        });
    }

    pub fn live_events(&mut self, events: Vec<LiveEvent>) -> Intent {
        let Some(answer) = self.live.as_mut() else {
            return Intent::None;
        };
        let mut status = Intent::None;
        for event in events {
            match event {
                LiveEvent::Problem(p) => answer.problems.push(p),
                LiveEvent::Finished(result) => {
                    let line = match &result {
                        Ok(a) => match &a.outcome {
                            crate::try_flow::Outcome::Granted(_) => "granted".to_string(),
                            crate::try_flow::Outcome::Refused(r) => {
                                format!("refused: {}", r.line())
                            }
                        },
                        Err(e) => e.to_string(),
                    };
                    status = Intent::Status(format!(
                        "the assertion was {line} (answer below the findings)"
                    ));
                    answer.result = Some(result);
                }
                _ => {}
            }
        }
        status
    }
}
