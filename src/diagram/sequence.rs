//! What both sequence-diagram exports write, in order: each participant, then each step's
//! message and the note under it. Mermaid and PlantUML only differ in how they spell a part.

use super::export_ids::ExportIds;
use crate::model::{Flow, ParticipantKind, StepKind};

pub(super) enum Part<'a> {
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
pub(super) fn parts(flow: &Flow) -> Vec<Part<'_>> {
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
