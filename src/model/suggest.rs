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
            // A third of the word: `jwt-bearr` finds `jwt-bearer`, `nope` does not find `scope`.
            let length = needle.chars().count();
            let limit = (length / 3).max(1);
            let contained =
                |short: &str, long: &str| short.chars().count() >= 3 && long.contains(short);
            if d <= limit && d < length {
                Some((d, c))
            } else if contained(&needle, &lc) || contained(&lc, &needle) {
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

    #[test]
    fn far_words_are_not_suggested() {
        assert!(closest("nope", ["scope", "web-server"], 3).is_empty());
        assert!(closest("x", ["a", "ab"], 3).is_empty());
        assert_eq!(closest("calller", ["caller", "idp"], 3), vec!["caller"]);
    }
}
