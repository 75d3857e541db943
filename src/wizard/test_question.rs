//! A small wizard, each question written in one line, for the unit tests of answers and
//! resolution.

use crate::model::{Question, Wizard, WizardOption};

/// Inbound callers are asked which IdP they use and, backends without one, whose identity they
/// act as; outbound integrations are asked their target.
pub(super) fn wizard() -> Wizard {
    Wizard {
        questions: vec![
            question("direction", &["inbound", "outbound"], &[]),
            question(
                "caller",
                &["web", "backend"],
                &[("direction", &["inbound"])],
            ),
            question("idp", &["none", "saml"], &[("caller", &["web", "backend"])]),
            question(
                "identity",
                &["one", "many"],
                &[("caller", &["backend"]), ("idp", &["none"])],
            ),
            question("target", &["aws", "mtls"], &[("direction", &["outbound"])]),
        ],
        ..Wizard::default()
    }
}

/// Question `id` with these option values, asked when each `(question, accepted values)` of
/// `when` holds.
pub(super) fn question(id: &str, values: &[&str], when: &[(&str, &[&str])]) -> Question {
    Question {
        id: id.into(),
        prompt: format!("{id}?"),
        why: "because".into(),
        options: values
            .iter()
            .map(|v| WizardOption {
                value: (*v).into(),
                label: (*v).into(),
                scenario: None,
            })
            .collect(),
        when: when
            .iter()
            .map(|(k, vs)| {
                (
                    (*k).to_string(),
                    vs.iter().map(|v| (*v).to_string()).collect(),
                )
            })
            .collect(),
        scenario: None,
    }
}
