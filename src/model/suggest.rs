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
    fn distance_is_symmetric_edit_count() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", "abc"), 0);
    }
}
