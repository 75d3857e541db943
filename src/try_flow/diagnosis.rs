//! Explaining a refusal with everything sfauth knows: the catalog entries that match the
//! answer, the local findings on what was sent that predicted it, and, where those found
//! nothing, the org-side settings that produce it.

use super::org_side::settings_for;
use super::token::Refusal;
// Descriptions are compared exactly as the error catalog compares them.
use crate::explain::{ErrorText, Explanation, MatchKind, explain, norm};
use crate::inspect::Finding;
use crate::model::{Knowledge, Severity};

#[derive(Debug, Clone)]
pub struct Diagnosis<'k> {
    pub explanation: Explanation<'k>,
    /// Findings on what was sent whose predicted error is this answer.
    pub predicted_by: Vec<Finding>,
    /// Settings on the org's side known to cause this answer; only when nothing local did.
    pub org_side: Vec<&'static str>,
}

pub fn diagnose<'k>(
    k: &'k Knowledge,
    refusal: &Refusal,
    flow_id: &str,
    findings: &[Finding],
) -> Diagnosis<'k> {
    let query = ErrorText {
        error: refusal.error.clone(),
        description: refusal.description.clone(),
        raw: refusal.line(),
    };
    let mut explanation = explain(k, &query);
    // "invalid assertion" is also every SAML bearer failure: keep the entries of this flow.
    if explanation.entries.iter().any(|e| in_flow(e, flow_id)) {
        explanation.entries.retain(|e| in_flow(e, flow_id));
    }
    let answered = norm(&refusal.line());
    let predicted_by: Vec<Finding> = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .filter(|f| {
            f.predicts.as_deref().is_some_and(|p| norm(p) == answered)
                || (explanation.kind == MatchKind::Matched
                    && explanation
                        .entries
                        .iter()
                        .any(|e| e.checks.iter().any(|c| *c == f.check)))
        })
        .cloned()
        .collect();
    let org_side = if predicted_by.is_empty() {
        settings_for(refusal.error.as_deref(), refusal.description.as_deref())
    } else {
        Vec::new()
    };
    Diagnosis {
        explanation,
        predicted_by,
        org_side,
    }
}

fn in_flow(e: &crate::model::ErrorEntry, flow_id: &str) -> bool {
    e.flows.iter().any(|f| f == flow_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(error: &str, description: &str) -> Refusal {
        Refusal {
            status: 400,
            body: String::new(),
            error: Some(error.into()),
            description: Some(description.into()),
        }
    }

    fn finding(check: &str, predicts: &str) -> Finding {
        Finding {
            check: check.into(),
            severity: Severity::Error,
            message: "m".into(),
            predicts: Some(predicts.into()),
            login_history: None,
        }
    }

    #[test]
    fn a_predicting_finding_replaces_the_org_side_list() {
        let k = Knowledge::builtin().unwrap_or_default();
        let answer = refusal("invalid_grant", "audience is invalid");
        let alone = diagnose(&k, &answer, "jwt-bearer", &[]);
        assert!(alone.predicted_by.is_empty());
        assert!(alone.org_side[0].contains("aud must be"));
        let predicted = diagnose(
            &k,
            &answer,
            "jwt-bearer",
            &[finding("J6", "invalid_grant: audience is invalid")],
        );
        assert_eq!(predicted.predicted_by.len(), 1);
        assert!(predicted.org_side.is_empty());
    }

    #[test]
    fn entries_of_other_flows_are_dropped() {
        let k = Knowledge::builtin().unwrap_or_default();
        let d = diagnose(
            &k,
            &refusal("invalid_grant", "invalid assertion"),
            "jwt-bearer",
            &[],
        );
        assert!(!d.explanation.entries.is_empty());
        assert!(
            d.explanation
                .entries
                .iter()
                .all(|e| in_flow(e, "jwt-bearer"))
        );
    }
}
