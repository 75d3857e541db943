//! "Did you mean" suggestions for mistyped ids.

/// Edit distance, for callers that rank by it (`explain`).
pub use strsim::levenshtein;

/// Candidates close to `input` (edit distance, or containing it), best first, at most `max`.
pub fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let needle = input.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lc = c.to_lowercase();
            let d = levenshtein(&needle, &lc);
            let limit = (needle.chars().count() / 3).max(2);
            if d <= limit {
                Some((d, c))
            } else if !needle.is_empty() && (lc.contains(&needle) || needle.contains(&lc)) {
                Some((limit + 1, c))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_substrings() {
        let ids = ["jwt-bearer", "saml-bearer", "web-server", "device"];
        assert_eq!(closest("jwt-bearr", ids, 3)[0], "jwt-bearer");
        assert_eq!(closest("server", ids, 3), vec!["web-server"]);
        assert!(closest("zzzzzzzz", ids, 3).is_empty());
    }
}
