//! What both sequence-diagram exports write, in order: a title, each participant, then each
//! step's message and the note under it. The walk is shared; where Mermaid and PlantUML spell a
//! statement differently, the two spellings sit side by side in one `match` on [`Format`].

use super::export_ids::ExportIds;
use super::{mermaid, plantuml};
use crate::model::{Flow, ParticipantKind, StepKind};
use std::fmt::Write;

/// The sequence-diagram export formats.
#[derive(Clone, Copy)]
pub(super) enum Format {
    Mermaid,
    PlantUml,
}

impl Format {
    /// One line of text shown literally in any text position of the format's grammar.
    fn text(self, raw: &str) -> String {
        match self {
            Format::Mermaid => mermaid::text(raw),
            Format::PlantUml => plantuml::text(raw),
        }
    }

    /// Solid for requests, dotted (dashed) for responses; open (thin, async) heads for a
    /// redirect the browser follows and for what a person does.
    fn arrow(self, kind: StepKind) -> &'static str {
        let [mermaid, plantuml] = match kind {
            StepKind::Request | StepKind::Internal => ["->>", "->"],
            StepKind::Response => ["-->>", "-->"],
            StepKind::Redirect => ["--)", "-->>"],
            StepKind::UserAction => ["-)", "->>"],
        };
        match self {
            Format::Mermaid => mermaid,
            Format::PlantUml => plantuml,
        }
    }

    /// The statement for `part`, without indent or line end.
    fn statement(self, part: &Part<'_>) -> String {
        match part {
            Part::Participant { keyword, id, label } => {
                let label = self.text(label);
                match self {
                    Format::Mermaid => format!("{keyword} {id} as {label}"),
                    Format::PlantUml => format!("{keyword} \"{label}\" as {id}"),
                }
            }
            Part::Message {
                from,
                to,
                kind,
                label,
            } => {
                let (arrow, label) = (self.arrow(*kind), self.text(label));
                match self {
                    Format::Mermaid => format!("{from}{arrow}{to}: {label}"),
                    Format::PlantUml => format!("{from} {arrow} {to} : {label}"),
                }
            }
            Part::Note { over, text } => {
                let text = self.text(text);
                match self {
                    Format::Mermaid => format!("Note over {}: {text}", over.join(",")),
                    Format::PlantUml => format!("note over {} : {text}", over.join(", ")),
                }
            }
        }
    }
}

/// `flow` exported in `format`, one statement a line.
pub(super) fn export(flow: &Flow, format: Format) -> String {
    let (open, indent, close) = match format {
        Format::Mermaid => ("sequenceDiagram\n", "    ", ""),
        Format::PlantUml => ("@startuml\n", "", "@enduml\n"),
    };
    let mut out = String::from(open);
    let _ = writeln!(out, "{indent}title {}", format.text(&flow.name));
    let _ = writeln!(out, "{indent}autonumber");
    for part in parts(flow) {
        let _ = writeln!(out, "{indent}{}", format.statement(&part));
    }
    out.push_str(close);
    out
}

enum Part<'a> {
    /// `keyword` is `actor` for a person and `participant` for everything else.
    Participant {
        keyword: &'static str,
        id: String,
        label: &'a str,
    },
    Message {
        from: String,
        to: String,
        kind: StepKind,
        label: &'a str,
    },
    /// A note over the step's one participant, or over both of its ends.
    Note { over: Vec<String>, text: &'a str },
}

/// The parts of `flow`, participants named by [`ExportIds`].
fn parts(flow: &Flow) -> Vec<Part<'_>> {
    let ids = ExportIds::new(flow);
    let mut parts: Vec<Part<'_>> = flow
        .participants
        .iter()
        .map(|p| Part::Participant {
            keyword: match p.kind {
                ParticipantKind::User => "actor",
                _ => "participant",
            },
            id: ids.get(&p.id),
            label: &p.label,
        })
        .collect();
    for step in &flow.steps {
        let (from, to) = (ids.get(&step.from), ids.get(&step.to));
        let over = if from == to {
            vec![from.clone()]
        } else {
            vec![from.clone(), to.clone()]
        };
        parts.push(Part::Message {
            from,
            to,
            kind: step.kind,
            label: &step.label,
        });
        if let Some(note) = &step.note {
            parts.push(Part::Note { over, text: note });
        }
    }
    parts
}
