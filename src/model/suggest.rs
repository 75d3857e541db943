//! "Did you mean" suggestions for mistyped ids.

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

pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
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

    #[test]
    fn distance_is_symmetric_edit_count() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", "abc"), 0);
    }
}
