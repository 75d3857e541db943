//! An outcome as Markdown, for pasting into a ticket or a design document (the Choose tab's `y`).

use super::outcome::Outcome;
use crate::model::Knowledge;
use std::fmt::Write;

/// How many card ids to list before summarising the rest.
const CARDS_SHOWN: usize = 8;

pub fn to_markdown(k: &Knowledge, o: &Outcome) -> String {
    let mut md = String::from("# Salesforce authentication: recommendation\n\n## Answers\n\n");
    for (qid, value) in &o.answers {
        let question = k.wizard.questions.iter().find(|q| q.id == *qid);
        let prompt = question.map_or(qid.as_str(), |q| q.prompt.as_str());
        let label = question
            .and_then(|q| q.options.iter().find(|opt| opt.value == *value))
            .map_or(value.as_str(), |opt| opt.label.as_str());
        let _ = writeln!(md, "- {} {} (`{qid}={value}`)", text(prompt), text(label));
    }

    md.push_str("\n## Recommended\n\n");
    for (i, p) in o.recommendations.iter().enumerate() {
        let _ = writeln!(
            md,
            "{}. {}: {}",
            i + 1,
            strategy(k, &p.strategy),
            text(&p.reason)
        );
        if !p.with.is_empty() {
            let with: Vec<String> = p.with.iter().map(|s| strategy(k, s)).collect();
            let _ = writeln!(md, "   Pair with {}.", with.join(", "));
        }
    }

    if !o.avoid.is_empty() {
        md.push_str("\n## Avoid\n\n");
        for w in &o.avoid {
            let _ = writeln!(md, "- {}: {}", strategy(k, &w.strategy), text(&w.reason));
        }
    }

    if !o.checklist.is_empty() {
        md.push_str("\n## Setup checklist\n\n");
        for item in &o.checklist {
            let _ = write!(md, "- [ ] {}", text(&item.text));
            if !item.see.is_empty() {
                let see: Vec<String> = item.see.iter().map(|r| format!("`{r}`")).collect();
                let _ = write!(md, " (see {})", see.join(", "));
            }
            md.push('\n');
        }
    }

    md.push_str("\n## Read on\n\n");
    if !o.links.flows.is_empty() {
        let _ = writeln!(
            md,
            "- Flow diagrams: {}",
            code_list(&o.links.flows, "flow:")
        );
    }
    if !o.links.entries.is_empty() {
        let _ = writeln!(md, "- Library: {}", code_list(&o.links.entries, ""));
    }
    if !o.links.cards.is_empty() {
        let shown: Vec<String> = o.links.cards.iter().take(CARDS_SHOWN).cloned().collect();
        let more = o.links.cards.len().saturating_sub(CARDS_SHOWN);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let _ = writeln!(
            md,
            "- Drill cards ({}): {}{tail}",
            o.links.cards.len(),
            code_list(&shown, "card:")
        );
    }

    if !o.sources.is_empty() {
        md.push_str("\n## Sources\n\n");
        for s in &o.sources {
            let _ = writeln!(md, "- <{s}>");
        }
    }
    md
}

fn strategy(k: &Knowledge, id: &str) -> String {
    match k.strategy(id) {
        Some(s) => format!("**{}** (`{id}`)", text(&s.name)),
        None => format!("`{id}`"),
    }
}

fn code_list(ids: &[String], prefix: &str) -> String {
    ids.iter()
        .map(|id| format!("`{prefix}{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Escapes model text for Markdown outside its `code spans`, so `<port>` stays visible and a
/// stray `*` does not start emphasis. Text inside backticks is already literal.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        for c in part.chars() {
            if matches!(c, '<' | '>' | '*' | '\\' | '[' | ']') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn escapes_outside_code_spans_only() {
        assert_eq!(
            text("open http://localhost:<port>/ with `a<b>` and *x*"),
            "open http://localhost:\\<port\\>/ with `a<b>` and \\*x\\*"
        );
    }
}
